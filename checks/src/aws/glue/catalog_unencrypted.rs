use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags Glue Data Catalog encryption settings that leave the catalog unencrypted:
    /// `data_catalog_encryption_settings { encryption_at_rest { catalog_encryption_mode =
    /// "DISABLED" } }` (CloudFormation: `DataCatalogEncryptionSettings.EncryptionAtRest
    /// .CatalogEncryptionMode: DISABLED`, also the default when `EncryptionAtRest` is omitted).
    ///
    /// The catalog holds the schemas, locations and connection definitions of every table of the
    /// account's data lake; without encryption they are readable by anyone with Glue read access
    /// and not protected by a key policy.
    pub static CHECK = {
        id: "aws-glue-catalog-unencrypted",
        title: "Glue Data Catalog is not encrypted",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "glue",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_94"],
        remediation: "Set `catalog_encryption_mode = \"SSE-KMS\"` with `sse_aws_kms_key_id` (CloudFormation: `CatalogEncryptionMode: SSE-KMS`, `SseAwsKmsKeyId`).",
        references: ["https://docs.aws.amazon.com/glue/latest/dg/encrypt-glue-data-catalog.html"],
        examples: [
            tf_bad("Disabled through a variable", r#"
variable "catalog_mode" {
  default = "DISABLED"
}

resource "aws_glue_data_catalog_encryption_settings" "account" {
  data_catalog_encryption_settings {
    encryption_at_rest {
      catalog_encryption_mode = var.catalog_mode
    }

    connection_password_encryption {
      return_connection_password_encrypted = true
      aws_kms_key_id                        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}
"#),
            tf_good("SSE-KMS with a key of the configuration", r#"
resource "aws_kms_key" "catalog" {
  description         = "Glue Data Catalog"
  enable_key_rotation = true
}

resource "aws_glue_data_catalog_encryption_settings" "account" {
  data_catalog_encryption_settings {
    encryption_at_rest {
      catalog_encryption_mode = "SSE-KMS"
      sse_aws_kms_key_id      = aws_kms_key.catalog.arn
    }

    connection_password_encryption {
      return_connection_password_encrypted = true
      aws_kms_key_id                        = aws_kms_key.catalog.arn
    }
  }
}
"#),
            cfn_bad("Disabled through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode:
    Type: String
    Default: DISABLED
Resources:
  CatalogEncryption:
    Type: AWS::Glue::DataCatalogEncryptionSettings
    Properties:
      CatalogId: !Ref AWS::AccountId
      DataCatalogEncryptionSettings:
        EncryptionAtRest:
          CatalogEncryptionMode: !Ref Mode
        ConnectionPasswordEncryption:
          ReturnConnectionPasswordEncrypted: true
"#),
            cfn_good("SSE-KMS", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  CatalogEncryption:
    Type: AWS::Glue::DataCatalogEncryptionSettings
    Properties:
      CatalogId: !Ref AWS::AccountId
      DataCatalogEncryptionSettings:
        EncryptionAtRest:
          CatalogEncryptionMode: SSE-KMS
          SseAwsKmsKeyId: alias/glue-catalog
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
        let v = &c.at_rest_mode;
        if v.eq_ignore_case("DISABLED") {
            report.add(
                &c.resource,
                &v.meta,
                "The Data Catalog is not encrypted at rest",
            );
        } else if v.is_non_empty() {
            report.pass(&c.resource);
        }
    }
}
