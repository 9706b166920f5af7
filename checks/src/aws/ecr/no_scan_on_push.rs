use crate::check::{Compliance, tf_bad, tf_good};
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
        provider: "aws",
        service: "ecr",
        formats: [Terraform],
        compliance: Compliance {
            cis_aws: &[],
            nist_800_53: &["RA-5", "SI-2"],
            iso_27001: &["A.8.8"],
            soc2: &["CC7.1"],
        },
        aliases: ["CKV_AWS_163", "AVD-AWS-0030", "aws-ecr-enable-image-scans"],
        remediation: "Add `image_scanning_configuration { scan_on_push = true }` (or enable enhanced scanning for the registry).",
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
        }
    }
}
