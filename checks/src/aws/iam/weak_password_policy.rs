use crate::check::{tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

const MIN_LENGTH: i64 = 14;
const MIN_REUSE_PREVENTION: i64 = 24;

declare_check! {
    /// Flags an account password policy whose minimum length is below 14 or whose reuse
    /// prevention is below 24 (omitted settings take AWS's defaults: 6 characters, no reuse
    /// prevention). On live state, an account with no policy at all is flagged too.
    /// CloudFormation has no resource type for the account password policy, so the check
    /// has no CloudFormation examples.
    ///
    /// Short and recycled console passwords are the easiest credentials to guess or stuff.
    pub static CHECK = {
        id: "aws-iam-weak-password-policy",
        title: "IAM password policy is weak",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "iam",
        formats: [Terraform],
        compliance: {
            CIS_AWS: ["1.8", "1.9"],
            NIST_800_53: ["IA-5"],
            ISO_27001: ["A.5.17"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_10", "CKV_AWS_13", "AVD-AWS-0063", "AVD-AWS-0056", "aws-iam-set-minimum-password-length", "aws-iam-no-password-reuse"],
        remediation: "Set `minimum_password_length = 14` (or more) and `password_reuse_prevention = 24`.",
        references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html"],
        examples: [
            tf_bad("Length from a variable default", r#"
variable "password_length" {
  default = 10
}

resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length   = var.password_length
  password_reuse_prevention = 24
}
"#),
            tf_bad("Reuse prevention omitted", r#"
resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length = 14
  require_symbols         = true
}
"#),
            tf_bad("Too short", r#"
resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length   = 8
  password_reuse_prevention = 24
}
"#),
            tf_good("CIS settings", r#"
resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length   = 14
  password_reuse_prevention = 24
  require_symbols           = true
}
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    // A live account with a policy gets no verdict of its own: the policy (below) does.
    for account in (state.aws.iam.accounts.iter()).filter(|a| a.password_policy_present.is_false())
    {
        report.add(
            &account.resource,
            &account.password_policy_present.meta,
            "The account has no password policy: AWS's defaults (6 characters, no reuse prevention) apply",
        );
    }
    for p in &state.aws.iam.password_policies {
        let mut problems = Vec::new();
        let mut at = None;
        if p.minimum_length.lt(MIN_LENGTH) {
            problems.push(format!(
                "minimum length {} is below {MIN_LENGTH}",
                p.minimum_length.known().copied().unwrap_or_default()
            ));
            at = Some(&p.minimum_length.meta);
        }
        if p.reuse_prevention.lt(MIN_REUSE_PREVENTION) {
            problems.push(format!(
                "reuse prevention {} is below {MIN_REUSE_PREVENTION}",
                p.reuse_prevention.known().copied().unwrap_or_default()
            ));
            at = at.or(Some(&p.reuse_prevention.meta));
        }
        if let Some(at) = at {
            report.add(
                &p.resource,
                at,
                format!("Password policy: {}", problems.join("; ")),
            );
        } else if p.minimum_length.known().is_some() && p.reuse_prevention.known().is_some() {
            report.pass(&p.resource);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CHECK;
    use cloudsentinel_model::aws::iam::Account;
    use cloudsentinel_model::{Origin, ResourceMeta, State, Value};

    #[test]
    fn live_account_without_a_policy_is_flagged() {
        let o = Origin::Live {
            id: "arn:aws:iam::1:root".into(),
            region: None,
        };
        let account = |present: bool| {
            let mut s = State::default();
            s.aws.iam.accounts.push(Account {
                resource: ResourceMeta::new(
                    cloudsentinel_model::Provider::Aws,
                    "arn:aws:iam::1:root",
                    o.clone(),
                ),
                password_policy_present: Value::explicit(present, o.clone()),
                root_access_key_active: Value::explicit(false, o.clone()),
            });
            s
        };
        assert_eq!(crate::run_checks(&account(false), &[&CHECK]).len(), 1);
        assert!(crate::run_checks(&account(true), &[&CHECK]).is_empty());
    }
}
