use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Glue security configuration that leaves S3 data, CloudWatch logs or job bookmarks
    /// unencrypted: a mode of `DISABLED` in `encryption_configuration { s3_encryption |
    /// cloudwatch_encryption | job_bookmarks_encryption }` (CloudFormation:
    /// `EncryptionConfiguration.S3Encryptions[].S3EncryptionMode`, `CloudWatchEncryption
    /// .CloudWatchEncryptionMode`, `JobBookmarksEncryption.JobBookmarksEncryptionMode`). Each mode
    /// is `DISABLED` unless set, and an omitted setting is `DISABLED` too.
    ///
    /// Jobs and crawlers that use the configuration write their output, their logs (which often
    /// contain sample records and connection details) and their bookmarks without the encryption
    /// the configuration exists to provide.
    pub static CHECK = {
        id: "aws-glue-security-configuration-unencrypted",
        title: "Glue security configuration leaves data unencrypted",
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
        aliases: ["CKV_AWS_99"],
        remediation: "Set `s3_encryption_mode = \"SSE-KMS\"` (or `SSE-S3`), `cloudwatch_encryption_mode = \"SSE-KMS\"` and `job_bookmarks_encryption_mode = \"CSE-KMS\"`, each with a KMS key.",
        references: ["https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html", "https://docs.aws.amazon.com/glue/latest/webapi/API_EncryptionConfiguration.html"],
        examples: [
            tf_bad("Job bookmarks disabled through a variable", r#"
variable "bookmarks_mode" {
  default = "DISABLED"
}

resource "aws_glue_security_configuration" "jobs" {
  name = "jobs"

  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn                = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }

    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = var.bookmarks_mode
    }

    s3_encryption {
      s3_encryption_mode = "SSE-S3"
    }
  }
}
"#),
            tf_good("Everything encrypted", r#"
resource "aws_glue_security_configuration" "jobs" {
  name = "jobs"

  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn                = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }

    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn                   = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }

    s3_encryption {
      s3_encryption_mode = "SSE-KMS"
      kms_key_arn        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}
"#),
            cfn_bad("S3 only; logs and bookmarks omitted", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  KeyArn:
    Type: String
    Default: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  Jobs:
    Type: AWS::Glue::SecurityConfiguration
    Properties:
      Name: jobs
      EncryptionConfiguration:
        S3Encryptions:
          - S3EncryptionMode: SSE-KMS
            KmsKeyArn: !Ref KeyArn
"#),
            cfn_good("Everything encrypted", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Jobs:
    Type: AWS::Glue::SecurityConfiguration
    Properties:
      Name: jobs
      EncryptionConfiguration:
        S3Encryptions:
          - S3EncryptionMode: SSE-S3
        CloudWatchEncryption:
          CloudWatchEncryptionMode: SSE-KMS
          KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
        JobBookmarksEncryption:
          JobBookmarksEncryptionMode: CSE-KMS
          KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.glue.security_configurations {
        let disabled: Vec<_> = c
            .targets
            .iter()
            .filter(|t| t.mode.eq_ignore_case("DISABLED"))
            .collect();
        if let Some(first) = disabled.first() {
            let mut what: Vec<&str> = disabled.iter().map(|t| t.what).collect();
            what.dedup();
            report.add(
                &c.resource,
                &first.mode.meta,
                format!("Encryption is disabled for {}", what.join(", ")),
            );
        } else if c.targets.iter().all(|t| t.mode.is_non_empty()) {
            report.pass(&c.resource);
        }
    }
}
