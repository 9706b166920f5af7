use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags Glue Data Catalog encryption settings that return connection passwords unencrypted:
    /// `connection_password_encryption { return_connection_password_encrypted = false }`
    /// (CloudFormation: `DataCatalogEncryptionSettings.ConnectionPasswordEncryption
    /// .ReturnConnectionPasswordEncrypted: false`, also the default when
    /// `ConnectionPasswordEncryption` is omitted).
    ///
    /// Glue connections hold the passwords of the databases jobs read; unless they are encrypted
    /// with a KMS key, `GetConnection` returns them in plain text to anyone allowed to call it.
    pub static CHECK = {
        id: "aws-glue-connection-password-unencrypted",
        title: "Glue connection passwords are not encrypted",
        severity: Medium,
        risk_score: 5.5,
        provider: Aws,
        service: "glue",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-28", "IA-5"],
            ISO_27001: ["A.5.17", "A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Set `return_connection_password_encrypted = true` with `aws_kms_key_id` (CloudFormation: `ReturnConnectionPasswordEncrypted: true`, `KmsKeyId`).",
        references: ["https://docs.aws.amazon.com/glue/latest/dg/encrypt-connection-passwords.html"],
        examples: [
            tf_bad("Not encrypted, through a local", r#"
locals {
  encrypt_passwords = false
}

resource "aws_glue_data_catalog_encryption_settings" "account" {
  data_catalog_encryption_settings {
    encryption_at_rest {
      catalog_encryption_mode = "SSE-KMS"
      sse_aws_kms_key_id      = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }

    connection_password_encryption {
      return_connection_password_encrypted = local.encrypt_passwords
    }
  }
}
"#),
            tf_good("Encrypted", r#"
resource "aws_glue_data_catalog_encryption_settings" "account" {
  data_catalog_encryption_settings {
    encryption_at_rest {
      catalog_encryption_mode = "SSE-KMS"
      sse_aws_kms_key_id      = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }

    connection_password_encryption {
      return_connection_password_encrypted = true
      aws_kms_key_id                        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}
"#),
            cfn_bad("Omitted; the catalog encrypted with a key from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  KeyArn:
    Type: String
    Default: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  CatalogEncryption:
    Type: AWS::Glue::DataCatalogEncryptionSettings
    Properties:
      CatalogId: !Ref AWS::AccountId
      DataCatalogEncryptionSettings:
        EncryptionAtRest:
          CatalogEncryptionMode: SSE-KMS
          SseAwsKmsKeyId: !Ref KeyArn
"#),
            cfn_good("Encrypted", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  CatalogEncryption:
    Type: AWS::Glue::DataCatalogEncryptionSettings
    Properties:
      CatalogId: !Ref AWS::AccountId
      DataCatalogEncryptionSettings:
        EncryptionAtRest:
          CatalogEncryptionMode: SSE-KMS
        ConnectionPasswordEncryption:
          ReturnConnectionPasswordEncrypted: true
          KmsKeyId: alias/glue-catalog
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.glue.catalog_encryption {
        let v = &c.passwords_encrypted;
        if v.is_false() {
            report.add(
                &c.resource,
                &v.meta,
                "Connection passwords are returned unencrypted",
            );
        } else if v.is_true() {
            report.pass(&c.resource);
        }
    }
}
