# AWS rejects rotation of an asymmetric key (UnsupportedOperationException), so this
# apply fails; the check neither reports nor passes the key.
resource "aws_kms_key" "signing" {
  description              = "signing"
  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = "SIGN_VERIFY"
  enable_key_rotation      = true
}
