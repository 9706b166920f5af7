//! Live only: no IaC declares the root user's keys, so this check has no examples and is
//! tested with hand-built live state below.

use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Live only. Flags an account whose root user has an active access key (read from the
    /// IAM credential report, or the account summary's `AccountAccessKeysPresent` when no
    /// report has been generated).
    ///
    /// The root user cannot be restricted by any policy; a leaked root key is a full account
    /// takeover.
    pub static CHECK = {
        id: "aws-iam-root-access-key",
        title: "Root user has an active access key",
        severity: Critical,
        risk_score: 9.6,
        provider: Aws,
        service: "iam",
        formats: [],
        compliance: {
            CIS_AWS: ["1.4"],
            NIST_800_53: ["AC-6(9)", "IA-2"],
            ISO_27001: ["A.8.2"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_348", "AVD-AWS-0141", "aws-iam-no-root-access-keys"],
        remediation: "Sign in as root, delete the root access keys (Security credentials page), and use IAM roles or users for programmatic access.",
        references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html"],
        examples: [],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for account in &state.aws.iam.accounts {
        if account.root_access_key_active.is_true() {
            report.add(
                &account.resource,
                &account.root_access_key_active.meta,
                "The root user has an active access key",
            );
        } else if account.root_access_key_active.is_false() {
            report.pass(&account.resource);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CHECK;
    use cloudsentinel_model::aws::iam::Account;
    use cloudsentinel_model::{Origin, ResourceMeta, State, Value};

    fn state(active: Value<bool>) -> State {
        let origin = Origin::Live {
            id: "arn:aws:iam::123456789012:root".into(),
            region: None,
        };
        let mut s = State::default();
        s.aws.iam.accounts.push(Account {
            resource: ResourceMeta::new(
                cloudsentinel_model::Provider::Aws,
                "arn:aws:iam::123456789012:root",
                origin.clone(),
            ),
            password_policy_present: Value::explicit(true, origin),
            root_access_key_active: active,
        });
        s
    }

    #[test]
    fn flags_an_active_root_key_only() {
        let live = Origin::Live {
            id: "arn:aws:iam::123456789012:root".into(),
            region: None,
        };
        let f = crate::run_checks(&state(Value::explicit(true, live.clone())), &[&CHECK]);
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].live_id.as_deref().map(|(id, _)| id.as_str()),
            Some("arn:aws:iam::123456789012:root")
        );
        assert!(
            crate::run_checks(&state(Value::explicit(false, live.clone())), &[&CHECK]).is_empty()
        );
        assert!(crate::run_checks(&state(Value::unknown(live)), &[&CHECK]).is_empty());
        assert!(crate::run_checks(&State::default(), &[&CHECK]).is_empty());
    }

    #[test]
    fn passes_an_inactive_root_key_and_decides_nothing_on_unknown() {
        let live = Origin::Live {
            id: "arn:aws:iam::123456789012:root".into(),
            region: None,
        };
        let run = |s: &State| crate::run_checks_with_passes(s, &[&CHECK]);
        let (f, p) = run(&state(Value::explicit(false, live.clone())));
        assert!(f.is_empty());
        assert_eq!(p.len(), 1);
        assert_eq!(
            p[0].live_id.as_ref().map(|(id, _)| id.as_str()),
            Some("arn:aws:iam::123456789012:root")
        );
        let (f, p) = run(&state(Value::explicit(true, live.clone())));
        assert_eq!((f.len(), p.len()), (1, 0));
        // Unknown: neither failed nor passed.
        let (f, p) = run(&state(Value::unknown(live)));
        assert!(f.is_empty() && p.is_empty(), "{f:#?} {p:#?}");
    }
}
