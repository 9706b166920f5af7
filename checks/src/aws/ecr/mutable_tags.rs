use crate::check::{cfn_bad, cfn_good, cfn_json_bad, cfn_json_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a repository whose image tags are mutable (the default).
    ///
    /// With mutable tags, whoever can push can silently replace the image behind `v1.2.3`
    /// that production pulls.
    pub static CHECK = {
        id: "aws-ecr-mutable-tags",
        title: "ECR image tags are mutable",
        severity: Low,
        risk_score: 3.5,
        provider: Aws,
        service: "ecr",
        formats: [Terraform, CloudFormation],
        compliance: {
            NIST_800_53: ["CM-5", "SI-7"],
            ISO_27001: ["A.8.32"],
            SOC2: ["CC8.1"],
        },
        aliases: ["CKV_AWS_51", "AVD-AWS-0031", "aws-ecr-enforce-immutable-repository"],
        remediation: "Set `image_tag_mutability = \"IMMUTABLE\"`. In CloudFormation: `ImageTagMutability: IMMUTABLE`.",
        references: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html"],
        examples: [
            tf_bad("Mutability from a module input", r#"
module "repo" {
  source     = "./modules/repo"
  name       = "app"
  mutability = "MUTABLE"
}

# file: modules/repo/main.tf
variable "name" {}
variable "mutability" {
  default = "IMMUTABLE"
}

resource "aws_ecr_repository" "this" {
  name                 = var.name
  image_tag_mutability = var.mutability
  image_scanning_configuration {
    scan_on_push = true
  }
}
"#),
            tf_bad("Mutable by default", r#"
resource "aws_ecr_repository" "app" {
  name = "app"
  image_scanning_configuration {
    scan_on_push = true
  }
}
"#),
            tf_good("Immutable", r#"
resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
}
"#),
            cfn_bad("Mutability passed to a nested stack", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AppRepo:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./repo.yaml
      Parameters:
        Name: app
        Mutability: MUTABLE
# file: repo.yaml
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Name:
    Type: String
  Mutability:
    Type: String
    Default: IMMUTABLE
Resources:
  Repository:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: !Ref Name
      ImageTagMutability: !Ref Mutability
      ImageScanningConfiguration:
        ScanOnPush: true
"#),
            cfn_bad("Mutable by default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  App:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: app
      ImageScanningConfiguration:
        ScanOnPush: true
"#),
            cfn_good("Immutable", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  App:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: app
      ImageTagMutability: IMMUTABLE
      ImageScanningConfiguration:
        ScanOnPush: true
"#),
            cfn_json_bad("Mutable by default, in JSON", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "App": {
      "Type": "AWS::ECR::Repository",
      "Properties": {
        "RepositoryName": "app",
        "ImageScanningConfiguration": { "ScanOnPush": true }
      }
    }
  }
}
"#),
            cfn_json_good("Immutable, from a parameter default", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {
    "Mutability": {
      "Type": "String",
      "Default": "IMMUTABLE",
      "AllowedValues": ["MUTABLE", "IMMUTABLE"]
    }
  },
  "Resources": {
    "App": {
      "Type": "AWS::ECR::Repository",
      "Properties": {
        "RepositoryName": "app",
        "ImageTagMutability": { "Ref": "Mutability" },
        "ImageScanningConfiguration": { "ScanOnPush": true }
      }
    }
  }
}
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.aws.ecr.repositories {
        let mutability = &r.image_tag_mutability;
        if mutability.is(|m| m.to_ascii_uppercase().starts_with("MUTABLE")) {
            report.add(
                &r.resource,
                &mutability.meta,
                "Repository image tags are mutable",
            );
        } else if mutability.known().is_some() {
            report.pass(&r.resource);
        }
    }
}
