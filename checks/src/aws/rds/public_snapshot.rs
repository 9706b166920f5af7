use crate::check::{tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a manual RDS DB snapshot or DB cluster snapshot shared with every AWS account:
    /// `all` among the `shared_accounts` of `aws_db_snapshot` or `aws_db_cluster_snapshot`.
    /// CloudFormation has no resource type for snapshots, so the check is for Terraform only.
    ///
    /// Anyone with an AWS account can copy a public snapshot and restore it, with the whole
    /// database in it; the restore is not visible to the owner. (Encrypted snapshots cannot
    /// be made public, but the attempt shows the intent.)
    pub static CHECK = {
        id: "aws-rds-public-snapshot",
        title: "RDS snapshot is shared with every AWS account",
        severity: Critical,
        risk_score: 9.0,
        provider: Aws,
        service: "rds",
        formats: [Terraform],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "AC-21"],
            ISO_27001: ["A.5.15", "A.8.3"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_302"],
        remediation: "Remove `all` from `shared_accounts` and list the account IDs that need the snapshot.",
        references: ["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html"],
        examples: [
            tf_bad("Public through a variable's default", r#"
variable "share_with" {
  default = ["all"]
}

resource "aws_db_snapshot" "orders" {
  db_instance_identifier = "orders"
  db_snapshot_identifier = "orders-before-migration"
  shared_accounts        = var.share_with
}
"#),
            tf_good("Shared with one account", r#"
resource "aws_db_cluster_snapshot" "orders" {
  db_cluster_identifier          = "orders"
  db_cluster_snapshot_identifier = "orders-before-migration"
  shared_accounts                = ["444455556666"]
}
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for s in &state.aws.rds.snapshots {
        if let Some(all) = s.shared_accounts.iter().find(|a| a.eq_ignore_case("all")) {
            report.add(
                &s.resource,
                &all.meta,
                "The snapshot is shared with every AWS account",
            );
        } else if s.shared_accounts.iter().all(|a| a.known().is_some()) {
            report.pass(&s.resource);
        }
    }
}
