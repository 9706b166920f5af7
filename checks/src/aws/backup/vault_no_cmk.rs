use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an AWS Backup vault without a customer managed KMS key (`kms_key_arn`,
    /// `EncryptionKeyArn`). Without one, the vault encrypts backups with the AWS managed key
    /// `aws/backup`.
    ///
    /// Backups are full copies of your data; with the AWS managed key the key policy cannot limit
    /// who restores or copies them, and you cannot revoke access by disabling the key.
    pub static CHECK = {
        id: "aws-backup-vault-no-cmk",
        title: "Backup vault is not encrypted with a customer managed key",
        severity: Low,
        risk_score: 3.5,
        provider: Aws,
        service: "backup",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-12", "SC-28", "CP-9"],
            ISO_27001: ["A.8.13", "A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_166"],
        remediation: "Set `kms_key_arn` (CloudFormation: `EncryptionKeyArn`) to a customer managed key.",
        references: ["https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html", "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html"],
        examples: [
            tf_bad("No key; the name from a variable", r#"
variable "vault_name" {
  default = "daily"
}

resource "aws_backup_vault" "daily" {
  name = var.vault_name
}
"#),
            tf_good("The key from a variable", r#"
variable "kms_key" {
  default = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_backup_vault" "daily" {
  name        = "daily"
  kms_key_arn = var.kms_key
}
"#),
            cfn_bad("No key; the name from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  VaultName:
    Type: String
    Default: daily
Resources:
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: !Ref VaultName
"#),
            cfn_good("The key from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  KeyArn:
    Type: String
    Default: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: daily
      EncryptionKeyArn: !Ref KeyArn
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for v in &state.aws.backup.vaults {
        let k = &v.kms_key;
        if k.is_empty_str() {
            report.add(
                &v.resource,
                &k.meta,
                "Backups are encrypted with the AWS managed key, not a customer managed key",
            );
        } else if k.is_non_empty() {
            report.pass(&v.resource);
        }
    }
}
