use crate::check::{Compliance, tf_bad, tf_good};
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
        provider: "aws",
        service: "ecr",
        formats: [Terraform],
        compliance: Compliance {
            cis_aws: &[],
            nist_800_53: &["CM-5", "SI-7"],
            iso_27001: &["A.8.32"],
            soc2: &["CC8.1"],
        },
        aliases: ["CKV_AWS_51", "AVD-AWS-0031", "aws-ecr-enforce-immutable-repository"],
        remediation: "Set `image_tag_mutability = \"IMMUTABLE\"`.",
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
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.aws.ecr.repositories {
        if r.image_tag_mutability
            .is(|m| m.to_ascii_uppercase().starts_with("MUTABLE"))
        {
            report.add(
                &r.resource,
                &r.image_tag_mutability.meta,
                "Repository image tags are mutable",
            );
        }
    }
}
