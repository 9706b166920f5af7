//! Live only: MFA devices exist only in a live account, so this check has no examples and
//! is tested with hand-built live state below.

use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Live only. Flags an IAM user that has a console password but no MFA device.
    ///
    /// A console password alone falls to phishing and credential stuffing; MFA stops both.
    pub static CHECK = {
        id: "aws-iam-user-no-mfa",
        title: "IAM console user without MFA",
        severity: Medium,
        risk_score: 6.0,
        provider: Aws,
        service: "iam",
        formats: [],
        compliance: {
            CIS_AWS: ["1.10"],
            NIST_800_53: ["IA-2(1)"],
            ISO_27001: ["A.8.5"],
            SOC2: ["CC6.1"],
        },
        aliases: ["AVD-AWS-0145", "aws-iam-enforce-user-mfa"],
        remediation: "Assign an MFA device to the user (or remove the console password if the user only needs programmatic access).",
        references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html"],
        examples: [],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for user in &state.aws.iam.credentials {
        if user.password_enabled.is_true() && user.mfa_devices.is(|n| *n == 0) {
            report.add(
                &user.resource,
                &user.mfa_devices.meta,
                format!(
                    "User {} has a console password and no MFA device",
                    user.user_name
                ),
            );
        } else if user.password_enabled.is_false()
            || (user.password_enabled.is_true() && user.mfa_devices.is(|n| *n > 0))
        {
            // No console login, or a console login with an MFA device.
            report.pass(&user.resource);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CHECK;
    use cloudsentinel_model::aws::iam::UserCredentials;
    use cloudsentinel_model::{Origin, ResourceMeta, State, Value};

    fn user(name: &str, password: bool, mfa: i64) -> UserCredentials {
        let o = Origin::Live {
            id: format!("arn:aws:iam::1:user/{name}"),
            region: None,
        };
        UserCredentials {
            resource: ResourceMeta::new(
                cloudsentinel_model::Provider::Aws,
                format!("arn:aws:iam::1:user/{name}"),
                o.clone(),
            ),
            user_name: name.into(),
            password_enabled: Value::explicit(password, o.clone()),
            mfa_devices: Value::explicit(mfa, o),
            access_keys: Vec::new(),
        }
    }

    #[test]
    fn flags_console_users_without_mfa() {
        let mut s = State::default();
        s.aws.iam.credentials = vec![
            user("console", true, 0),
            user("withmfa", true, 1),
            user("robot", false, 0),
        ];
        let f = crate::run_checks(&s, &[&CHECK]);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("console"));
    }
}
