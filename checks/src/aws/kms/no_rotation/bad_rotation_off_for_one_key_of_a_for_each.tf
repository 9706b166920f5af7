variable "keys" {
  default = {
    data = true
    logs = false
  }
}

resource "aws_kms_key" "key" {
  for_each            = var.keys
  description         = each.key
  enable_key_rotation = each.value
}
