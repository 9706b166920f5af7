use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a CodeBuild project without a customer managed KMS key for its build output
    /// (`encryption_key`, `EncryptionKey`). Without one, CodeBuild encrypts artifacts and S3 logs
    /// with the AWS managed key for S3 (`aws/s3`). The check applies to projects that write S3
    /// artifacts or S3 logs: one whose artifacts go to CodePipeline (whose artifact store has a
    /// key of its own) or nowhere, and that writes no S3 logs, is not judged.
    ///
    /// Build output is what gets deployed; with the AWS managed key, the key policy cannot limit
    /// who decrypts it (anyone allowed to read the bucket can), and access cannot be revoked by
    /// disabling the key.
    pub static CHECK = {
        id: "aws-codebuild-no-cmk",
        title: "CodeBuild project is not encrypted with a customer managed key",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "codebuild",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-12", "SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_147"],
        remediation: "Set `encryption_key` (CloudFormation: `EncryptionKey`) to the ARN of a customer managed KMS key the project's role may use.",
        references: ["https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html", "https://docs.aws.amazon.com/codebuild/latest/APIReference/API_CreateProject.html"],
        examples: [
            tf_bad("No key; the image from a variable", r#"
variable "image" {
  default = "aws/codebuild/standard:7.0"
}

resource "aws_codebuild_project" "app" {
  name         = "app"
  service_role = "arn:aws:iam::111122223333:role/codebuild"

  source {
    type     = "GITHUB"
    location = "https://github.com/example/app.git"
  }

  artifacts {
    type     = "S3"
    location = "build-artifacts"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = var.image
    type         = "LINUX_CONTAINER"
  }
}
"#),
            tf_good("The key from a variable", r#"
variable "kms_key" {
  default = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_codebuild_project" "app" {
  name         = "app"
  service_role = "arn:aws:iam::111122223333:role/codebuild"

  source {
    type     = "GITHUB"
    location = "https://github.com/example/app.git"
  }

  artifacts {
    type     = "S3"
    location = "build-artifacts"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }

  encryption_key = var.kms_key
}
"#),
            cfn_bad("No key; the image from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Image:
    Type: String
    Default: aws/codebuild/standard:7.0
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
        Type: S3
        Location: build-artifacts
      Environment:
        ComputeType: BUILD_GENERAL1_SMALL
        Image: !Ref Image
        Type: LINUX_CONTAINER
"#),
            cfn_good("A key alias; a CodePipeline project without S3 output is not judged", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Image:
    Type: String
    Default: aws/codebuild/standard:7.0
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
        Type: S3
        Location: build-artifacts
      Environment:
        ComputeType: BUILD_GENERAL1_SMALL
        Image: !Ref Image
        Type: LINUX_CONTAINER
      EncryptionKey: alias/codebuild
  PipelineBuild:
    Type: AWS::CodeBuild::Project
    Properties:
      ServiceRole: arn:aws:iam::111122223333:role/codebuild
      Source:
        Type: CODEPIPELINE
      Artifacts:
        Type: CODEPIPELINE
      Environment:
        ComputeType: BUILD_GENERAL1_SMALL
        Image: !Ref Image
        Type: LINUX_CONTAINER
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for p in &state.aws.codebuild.projects {
        let writes_to_s3 = p.s3_logs_enabled.is_true()
            || p.artifacts
                .iter()
                .any(|a| a.artifact_type.eq_ignore_case("S3"));
        if !writes_to_s3 {
            continue;
        }
        let v = &p.encryption_key;
        if v.is_empty_str() {
            report.add(
                &p.resource,
                &v.meta,
                "Build output is encrypted with the AWS managed key, not a customer managed key",
            );
        } else if v.is_non_empty() {
            report.pass(&p.resource);
        }
    }
}
