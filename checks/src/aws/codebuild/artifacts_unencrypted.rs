use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a CodeBuild project whose S3 build artifacts are not encrypted: `artifacts` or
    /// `secondary_artifacts` of type `S3` with `encryption_disabled = true` (CloudFormation:
    /// `Artifacts`, `SecondaryArtifacts` with `EncryptionDisabled: true`). Artifacts are encrypted
    /// by default (with the project's KMS key, or the AWS managed key for S3).
    ///
    /// Build artifacts are the binaries and packages that get deployed; unencrypted, they are
    /// readable by anyone with access to the bucket's objects and not protected by a key policy.
    pub static CHECK = {
        id: "aws-codebuild-artifacts-unencrypted",
        title: "CodeBuild project artifacts are not encrypted",
        severity: Medium,
        risk_score: 4.5,
        provider: Aws,
        service: "codebuild",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_78", "AVD-AWS-0018", "aws-codebuild-enable-encryption"],
        remediation: "Remove `encryption_disabled = true` (CloudFormation: `EncryptionDisabled`) and set the project's `encryption_key` to a customer managed key.",
        references: ["https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html", "https://docs.aws.amazon.com/codebuild/latest/APIReference/API_ProjectArtifacts.html"],
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
    type                = "S3"
    location            = "build-artifacts"
    encryption_disabled = var.disable_encryption
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }
}
"#),
            tf_good("Encrypted S3 artifacts", r#"
resource "aws_codebuild_project" "app" {
  name         = "app"
  service_role = "arn:aws:iam::111122223333:role/codebuild"

  source {
    type     = "GITHUB"
    location = "https://github.com/example/app.git"
  }

  encryption_key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  artifacts {
    type     = "S3"
    location = "build-artifacts"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }
}
"#),
            cfn_bad("A secondary artifact unencrypted through a parameter", r#"
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
        Type: S3
        Location: build-artifacts
      SecondaryArtifacts:
        - Type: S3
          Location: build-reports
          ArtifactIdentifier: reports
          EncryptionDisabled: !Ref DisableEncryption
      Environment:
        ComputeType: BUILD_GENERAL1_SMALL
        Image: aws/codebuild/standard:7.0
        Type: LINUX_CONTAINER
"#),
            cfn_good("CodePipeline artifacts: `EncryptionDisabled` applies to S3 artifacts only, the pipeline's artifact store encrypts these", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DockerImage:
    Type: String
    Default: aws/codebuild/standard:7.0
Resources:
  App:
    Type: AWS::CodeBuild::Project
    Properties:
      Name: app
      ServiceRole: arn:aws:iam::111122223333:role/codebuild
      Source:
        Type: CODEPIPELINE
      Artifacts:
        Type: CODEPIPELINE
        EncryptionDisabled: true
      Environment:
        ComputeType: BUILD_GENERAL1_SMALL
        Image: !Ref DockerImage
        Type: LINUX_CONTAINER
"#),
            cfn_good("Encrypted S3 artifacts", r#"
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
        Type: S3
        Location: build-artifacts
        EncryptionDisabled: false
      Environment:
        ComputeType: BUILD_GENERAL1_SMALL
        Image: aws/codebuild/standard:7.0
        Type: LINUX_CONTAINER
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for p in &state.aws.codebuild.projects {
        let mut decided = true;
        let mut failed = false;
        for a in &p.artifacts {
            let disabled = &a.encryption_disabled;
            if disabled.is_false() || a.artifact_type.is(|t| !t.eq_ignore_ascii_case("S3")) {
                continue;
            }
            if disabled.is_true() && a.artifact_type.eq_ignore_case("S3") {
                failed = true;
                report.add(
                    &p.resource,
                    &disabled.meta,
                    "Encryption of the S3 build artifacts is disabled",
                );
            } else {
                decided = false;
            }
        }
        if decided && !failed {
            report.pass(&p.resource);
        }
    }
}
