use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

/// The alias of the AWS managed key Secrets Manager uses when a secret names none.
const AWS_MANAGED_ALIAS: &str = "alias/aws/secretsmanager";

declare_check! {
    /// Flags a Secrets Manager secret encrypted with the AWS managed key
    /// `aws/secretsmanager`: `kms_key_id` (`KmsKeyId` in CloudFormation) absent, empty, or
    /// naming that key's alias (or its alias ARN). A secret that names no key is encrypted with
    /// `aws/secretsmanager`.
    ///
    /// Everyone in the account whom IAM allows to read the secret can decrypt it: the
    /// AWS managed key's policy cannot be changed, so it cannot add a second, separate
    /// control over who reads the secret, and the secret cannot be shared with another
    /// account. A key given by a reference that cannot be evaluated is not guessed.
    pub static CHECK = {
        id: "aws-secretsmanager-no-cmk",
        title: "Secrets Manager secret uses the AWS managed key",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "secretsmanager",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-12", "SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_149"],
        remediation: "Set `kms_key_id` to a customer managed KMS key whose key policy names the principals that read the secret (CloudFormation: `KmsKeyId`).",
        references: [
            "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html#SecretsManager-CreateSecret-request-KmsKeyId",
            "https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html",
        ],
        examples: [
            tf_bad("No key: the AWS managed key", r#"
resource "aws_secretsmanager_secret" "db" {
  name = "db-password"
}
"#),
            tf_good("A customer managed key of the configuration, named through a local", r#"
locals {
  key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_secretsmanager_secret" "db" {
  name       = "db-password"
  kms_key_id = local.key_arn
}
"#),
            cfn_bad("The AWS managed key named by its alias through a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  KeyId:
    Type: String
    Default: alias/aws/secretsmanager
Resources:
  DbPassword:
    Type: AWS::SecretsManager::Secret
    Properties:
      KmsKeyId: !Ref KeyId
      GenerateSecretString:
        PasswordLength: 32
"#),
            cfn_good("A customer managed key", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  DbPassword:
    Type: AWS::SecretsManager::Secret
    Properties:
      KmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
      GenerateSecretString:
        PasswordLength: 32
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for s in &state.aws.secretsmanager.secrets {
        let key = &s.kms_key_id;
        if key.is_empty_str() {
            report.add(
                &s.resource,
                &key.meta,
                "Secret is encrypted with the AWS managed key aws/secretsmanager: no customer managed key is set",
            );
        } else if key.is(|k| {
            let k = k.to_ascii_lowercase();
            k == AWS_MANAGED_ALIAS || k.ends_with(&format!(":{AWS_MANAGED_ALIAS}"))
        }) {
            report.add(
                &s.resource,
                &key.meta,
                "Secret is encrypted with the AWS managed key aws/secretsmanager",
            );
        } else if key.is_non_empty() {
            report.pass(&s.resource);
        }
    }
}
