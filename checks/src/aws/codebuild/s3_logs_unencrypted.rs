use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a CodeBuild project that writes build logs to S3 without encryption: `logs_config {
    /// s3_logs { status = "ENABLED", encryption_disabled = true } }` (CloudFormation:
    /// `LogsConfig.S3Logs` with `Status: ENABLED` and `EncryptionDisabled: true`). S3 logs are off
    /// by default and encrypted when on unless disabled.
    ///
    /// Build logs contain commands, environment details and, too often, secrets echoed by build
    /// scripts; unencrypted, they are readable by anyone with access to the bucket's objects.
    pub static CHECK = {
        id: "aws-codebuild-s3-logs-unencrypted",
        title: "CodeBuild project S3 logs are not encrypted",
        severity: Medium,
        risk_score: 4.0,
        provider: Aws,
        service: "codebuild",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-28", "AU-9"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_311"],
        remediation: "Remove `encryption_disabled = true` from `s3_logs` (CloudFormation: `EncryptionDisabled`).",
        references: ["https://docs.aws.amazon.com/codebuild/latest/APIReference/API_S3LogsConfig.html"],
        examples: [
            tf_bad("Encryption disabled through a variable", r#"
variable "disable_encryption" {
  default = true
}

resource "aws_codebuild_project" "app" {
  name         = "app"
  service_role = "arn:aws:iam::111122223333:role/codebuild"

  source {
    type     = "GITHUB"
    location = "https://github.com/example/app.git"
  }

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }

  logs_config {
    s3_logs {
      status              = "ENABLED"
      location            = "build-logs/app"
      encryption_disabled = var.disable_encryption
    }
  }
}
"#),
            tf_good("Encrypted S3 logs", r#"
resource "aws_codebuild_project" "app" {
  name         = "app"
  service_role = "arn:aws:iam::111122223333:role/codebuild"

  source {
    type     = "GITHUB"
    location = "https://github.com/example/app.git"
  }

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }

  logs_config {
    s3_logs {
      status   = "ENABLED"
      location = "build-logs/app"
    }
  }
}
"#),
            cfn_bad("Encryption disabled through a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DisableEncryption:
    Type: String
    Default: "true"
Resources:
  App:
    Type: AWS::CodeBuild::Project
    Properties:
      Name: app
      ServiceRole: arn:aws:iam::111122223333:role/codebuild
      Source:
        Type: GITHUB
        Location: https://github.com/example/app.git
      Artifacts:
        Type: NO_ARTIFACTS
      Environment:
        ComputeType: BUILD_GENERAL1_SMALL
        Image: aws/codebuild/standard:7.0
        Type: LINUX_CONTAINER
      LogsConfig:
        S3Logs:
          Status: ENABLED
          Location: build-logs/app
          EncryptionDisabled: !Ref DisableEncryption
"#),
            cfn_good("Encrypted S3 logs", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  App:
    Type: AWS::CodeBuild::Project
    Properties:
      Name: app
      ServiceRole: arn:aws:iam::111122223333:role/codebuild
      Source:
        Type: GITHUB
        Location: https://github.com/example/app.git
      Artifacts:
        Type: NO_ARTIFACTS
      Environment:
        ComputeType: BUILD_GENERAL1_SMALL
        Image: aws/codebuild/standard:7.0
        Type: LINUX_CONTAINER
      LogsConfig:
        S3Logs:
          Status: ENABLED
          Location: build-logs/app
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for p in &state.aws.codebuild.projects {
        let (on, disabled) = (&p.s3_logs_enabled, &p.s3_logs_encryption_disabled);
        if on.is_true() && disabled.is_true() {
            report.add(
                &p.resource,
                &disabled.meta,
                "Build logs are written to S3 unencrypted",
            );
        } else if on.is_false() || disabled.is_false() {
            report.pass(&p.resource);
        }
    }
}
