use crate::check::{tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an SSM document shared with every AWS account: `permissions { type = "Share",
    /// account_ids = "All" }` on `aws_ssm_document` (a new document is private). CloudFormation's
    /// `AWS::SSM::Document` has no sharing property (documents are shared through
    /// `ModifyDocumentPermission` only), so the check claims Terraform only.
    ///
    /// A public document exposes its commands, scripts, parameter names and often the names of
    /// buckets, roles and hosts of your environment to anyone; AWS recommends blocking public
    /// sharing of documents for the account.
    pub static CHECK = {
        id: "aws-ssm-document-public",
        title: "SSM document is shared publicly",
        severity: High,
        risk_score: 7.5,
        provider: Aws,
        service: "ssm",
        formats: [Terraform],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "AC-21"],
            ISO_27001: ["A.8.3"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_303"],
        remediation: "Remove `account_ids = \"All\"` from `permissions` and share the document with the accounts that need it by id; turn on the account's block public sharing setting for SSM documents.",
        references: ["https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-ssm-sharing.html", "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ssm_document"],
        examples: [
            tf_bad("Shared with All, through a local", r#"
locals {
  share_with = "All"
}

resource "aws_ssm_document" "patch" {
  name          = "patch-fleet"
  document_type = "Command"

  permissions = {
    type        = "Share"
    account_ids = local.share_with
  }

  content = jsonencode({
    schemaVersion = "2.2"
    description   = "Patch the fleet"
    mainSteps = [{
      action = "aws:runShellScript"
      name   = "patch"
      inputs = { runCommand = ["yum -y update"] }
    }]
  })
}
"#),
            tf_good("Shared with two accounts by id, through a variable", r#"
variable "accounts" {
  default = "111122223333,444455556666"
}

resource "aws_ssm_document" "patch" {
  name          = "patch-fleet"
  document_type = "Command"

  permissions = {
    type        = "Share"
    account_ids = var.accounts
  }

  content = jsonencode({
    schemaVersion = "2.2"
    description   = "Patch the fleet"
    mainSteps = [{
      action = "aws:runShellScript"
      name   = "patch"
      inputs = { runCommand = ["yum -y update"] }
    }]
  })
}
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for d in &state.aws.ssm.documents {
        let v = &d.public;
        if v.is_true() {
            report.add(
                &d.resource,
                &v.meta,
                "The document is shared with every AWS account",
            );
        } else if v.is_false() {
            report.pass(&d.resource);
        }
    }
}
