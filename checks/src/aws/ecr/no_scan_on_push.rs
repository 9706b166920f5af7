use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a repository that does not scan images on push (the default).
    ///
    /// Scanning on push catches known-vulnerable packages before an image is deployed.
    pub static CHECK = {
        id: "aws-ecr-no-scan-on-push",
        title: "ECR repository does not scan images on push",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "ecr",
        formats: [Terraform, CloudFormation],
        compliance: {
            NIST_800_53: ["RA-5", "SI-2"],
            ISO_27001: ["A.8.8"],
            SOC2: ["CC7.1"],
        },
        aliases: ["CKV_AWS_163", "AVD-AWS-0030", "aws-ecr-enable-image-scans"],
        remediation: "Add `image_scanning_configuration { scan_on_push = true }` (or enable enhanced scanning for the registry). In CloudFormation: `ImageScanningConfiguration: {ScanOnPush: true}`, or an `AWS::ECR::RegistryScanningConfiguration`.",
        references: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html"],
        examples: [
            tf_bad("Scanning switched off for one of several repositories", r#"
variable "repositories" {
  default = {
    api    = true
    worker = false
  }
}

resource "aws_ecr_repository" "repo" {
  for_each             = var.repositories
  name                 = each.key
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = each.value
  }
}
"#),
            tf_bad("Scanning omitted", r#"
resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
}
"#),
            tf_good("Scan on push", r#"
resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
}
"#),
            cfn_bad("Scanning switched off for the worker repository by a mapping", r#"
AWSTemplateFormatVersion: "2010-09-09"
Mappings:
  Repositories:
    api:
      ScanOnPush: true
    worker:
      ScanOnPush: false
Resources:
  Api:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: api
      ImageTagMutability: IMMUTABLE
      ImageScanningConfiguration:
        ScanOnPush: !FindInMap [Repositories, api, ScanOnPush]
  Worker:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: worker
      ImageTagMutability: IMMUTABLE
      ImageScanningConfiguration:
        ScanOnPush: !FindInMap [Repositories, worker, ScanOnPush]
"#),
            cfn_bad("Scanning omitted", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  App:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: app
      ImageTagMutability: IMMUTABLE
"#),
            cfn_good("Scan on push", r#"
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
            cfn_good("Enhanced scanning configured for the whole registry", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Scanning:
    Type: AWS::ECR::RegistryScanningConfiguration
    Properties:
      ScanType: ENHANCED
      Rules:
        - ScanFrequency: SCAN_ON_PUSH
          RepositoryFilters:
            - Filter: "*"
              FilterType: WILDCARD
  App:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: app
      ImageTagMutability: IMMUTABLE
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.aws.ecr.repositories {
        if r.scan_on_push.is_false() {
            report.add(
                &r.resource,
                &r.scan_on_push.meta,
                "Repository does not scan images on push",
            );
        } else if r.scan_on_push.is_true() {
            report.pass(&r.resource);
        }
    }
}
