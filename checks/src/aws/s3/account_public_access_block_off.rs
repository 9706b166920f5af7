use crate::check::{tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an account-level S3 public access block that leaves a protection off:
    /// `aws_s3_account_public_access_block` with `block_public_acls`, `block_public_policy`,
    /// `ignore_public_acls` or `restrict_public_buckets` false; each is false unless set.
    /// CloudFormation has no resource type for the account's public access block, so the check
    /// claims Terraform only.
    ///
    /// The account-level block is the one setting that keeps every bucket of the account, present
    /// and future, from being made public by an ACL or a bucket policy; a setting left off lets a
    /// single mistaken bucket expose its data.
    pub static CHECK = {
        id: "aws-s3-account-public-access-block-off",
        title: "S3 account public access block leaves protections off",
        severity: High,
        risk_score: 7.5,
        provider: Aws,
        service: "s3",
        formats: [Terraform],
        status: Preview,
        compliance: {
            CIS_AWS: ["2.1.4"],
            NIST_800_53: ["AC-3", "AC-21"],
            ISO_27001: ["A.8.3"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Set `block_public_acls`, `block_public_policy`, `ignore_public_acls` and `restrict_public_buckets` to `true`.",
        references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html", "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PublicAccessBlockConfiguration.html"],
        examples: [
            tf_bad("Policies allowed through a variable, the rest on", r#"
variable "block_policies" {
  default = false
}

resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  block_public_policy     = var.block_policies
  ignore_public_acls      = true
  restrict_public_buckets = true
}
"#),
            tf_good("Everything blocked", r#"
resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for b in &state.aws.s3.account_public_access_blocks {
        let settings = [
            (&b.block_public_acls, "block_public_acls"),
            (&b.block_public_policy, "block_public_policy"),
            (&b.ignore_public_acls, "ignore_public_acls"),
            (&b.restrict_public_buckets, "restrict_public_buckets"),
        ];
        let off: Vec<_> = settings.iter().filter(|(v, _)| v.is_false()).collect();
        if let Some((first, _)) = off.first() {
            let names: Vec<String> = off.iter().map(|(_, n)| format!("`{n}`")).collect();
            report.add(
                &b.resource,
                &first.meta,
                format!(
                    "The account's public access block leaves {} off",
                    names.join(", ")
                ),
            );
        } else if settings.iter().all(|(v, _)| v.is_true()) {
            report.pass(&b.resource);
        }
    }
}
