//! Live only: key ages exist only in a live account, so this check has no examples and is
//! tested with hand-built live state below.

use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

const MAX_AGE_DAYS: i64 = 90;

declare_check! {
    /// Live only. Flags an active IAM user access key created more than 90 days before the
    /// scan.
    ///
    /// Long-lived keys accumulate in scripts, laptops and CI logs; rotating them bounds how
    /// long a leaked key stays useful.
    pub static CHECK = {
        id: "aws-iam-stale-access-key",
        title: "IAM access key older than 90 days",
        severity: Medium,
        risk_score: 5.5,
        provider: Aws,
        service: "iam",
        formats: [],
        compliance: {
            CIS_AWS: ["1.14"],
            NIST_800_53: ["IA-5(1)"],
            ISO_27001: ["A.5.17"],
            SOC2: ["CC6.1"],
        },
        aliases: ["AVD-AWS-0146", "aws-iam-rotate-access-keys"],
        remediation: "Create a new key, switch its users over, deactivate and then delete the old key; prefer roles with temporary credentials.",
        references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console"],
        examples: [],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for user in &state.aws.iam.credentials {
        let mut failed = false;
        for key in &user.access_keys {
            if key.active.is_true() && key.age_days.gt(MAX_AGE_DAYS) {
                failed = true;
                report.add(
                    &user.resource,
                    &key.age_days.meta,
                    format!(
                        "Access key {} of user {} is {} days old (limit {MAX_AGE_DAYS})",
                        key.id,
                        user.user_name,
                        key.age_days.known().copied().unwrap_or_default()
                    ),
                );
            }
        }
        // Every key inactive or young enough (a user without keys has no stale one).
        let decided = user
            .access_keys
            .iter()
            .all(|k| k.active.is_false() || (k.active.is_true() && k.age_days.known().is_some()));
        if !failed && decided {
            report.pass(&user.resource);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CHECK;
    use cloudsentinel_model::aws::iam::{AccessKey, UserCredentials};
    use cloudsentinel_model::{Meta, Origin, ResourceMeta, State, Value};

    fn key(id: &str, active: bool, age: i64) -> AccessKey {
        let o = Origin::Live {
            id: "arn:aws:iam::1:user/alice".into(),
            region: None,
        };
        AccessKey {
            meta: Meta::explicit(o.clone()),
            id: id.into(),
            active: Value::explicit(active, o.clone()),
            age_days: Value::explicit(age, o),
        }
    }

    #[test]
    fn flags_old_active_keys() {
        let o = Origin::Live {
            id: "arn:aws:iam::1:user/alice".into(),
            region: None,
        };
        let mut s = State::default();
        s.aws.iam.credentials.push(UserCredentials {
            resource: ResourceMeta::new(
                cloudsentinel_model::Provider::Aws,
                "arn:aws:iam::1:user/alice",
                o.clone(),
            ),
            user_name: "alice".into(),
            password_enabled: Value::explicit(false, o.clone()),
            mfa_devices: Value::explicit(0, o),
            access_keys: vec![
                key("AKIAOLD", true, 200),
                key("AKIANEW", true, 10),
                key("AKIAOFF", false, 400),
            ],
        });
        let f = crate::run_checks(&s, &[&CHECK]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].message.contains("AKIAOLD"));
    }
}
