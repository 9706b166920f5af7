//! IAM (global): users, groups, roles and customer-managed policies with their inline and
//! attached policies, all from the one paginated GetAccountAuthorizationDetails batch call;
//! the password policy; and credentials (console password, MFA, access keys, the root
//! user's keys) from the credential report when one has been generated, else from
//! per-user List calls and the account summary.

use super::{Clients, Ctx, Result, call, paged, url_decode};
use aws_sdk_iam::types::{EntityType, SummaryKeyType};
use cloudsentinel_model::aws::iam::{
    AccessKey, Account, Attachment, Group, PasswordPolicy, Policy, PolicyDocument, Role, User,
    UserCredentials,
};
use cloudsentinel_model::{Meta, State, Value};
use futures_util::StreamExt;

pub(crate) async fn read(clients: &Clients, ctx: &Ctx) -> Result<State> {
    // IAM is global: its values carry no region.
    let ctx = &Ctx {
        region: None,
        ..ctx.clone()
    };
    let client = aws_sdk_iam::Client::new(&clients.config("us-east-1"));
    let c = &client;
    let pages = paged!(
        ctx,
        "iam:GetAccountAuthorizationDetails",
        c.get_account_authorization_details()
            .filter(EntityType::User)
            .filter(EntityType::Group)
            .filter(EntityType::Role)
            .filter(EntityType::LocalManagedPolicy)
    )?;
    let mut state = State::default();
    let iam = &mut state.aws.iam;
    let doc = |arn: &str, text: Option<&str>| -> Value<PolicyDocument> {
        let o = ctx.origin(arn);
        match text.and_then(|t| cloudsentinel_parser::policy_document_from_json(&url_decode(t), &o))
        {
            Some(d) => Value::explicit(d, o),
            None => Value::unknown(o),
        }
    };
    let inline = |owner: &str, name: Option<&str>, text: Option<&str>| -> Policy {
        let name = name.unwrap_or_default();
        let address = format!("{owner}/policy/{name}");
        Policy {
            resource: ctx.resource_at(&address, owner),
            name: ctx.val(owner, Some(name.to_string())),
            document: doc(owner, text),
            managed: false,
        }
    };
    let attached = |owner: &str, arns: Vec<Option<&str>>| -> Vec<Attachment> {
        arns.into_iter()
            .map(|a| Attachment {
                resource: ctx.resource(owner),
                policy_arn: ctx.val(owner, a.map(str::to_owned)),
            })
            .collect()
    };
    let mut user_names = Vec::new();
    for page in &pages {
        for u in page.user_detail_list() {
            let arn = u.arn().unwrap_or_default();
            user_names.push((
                u.user_name().unwrap_or_default().to_string(),
                arn.to_string(),
            ));
            iam.users.push(User {
                resource: ctx.resource(arn),
                name: ctx.val(arn, u.user_name().map(str::to_owned)),
                inline_policies: u
                    .user_policy_list()
                    .iter()
                    .map(|p| inline(arn, p.policy_name(), p.policy_document()))
                    .collect(),
                attached_policies: attached(
                    arn,
                    u.attached_managed_policies()
                        .iter()
                        .map(|a| a.policy_arn())
                        .collect(),
                ),
            });
        }
        for g in page.group_detail_list() {
            let arn = g.arn().unwrap_or_default();
            iam.groups.push(Group {
                resource: ctx.resource(arn),
                name: ctx.val(arn, g.group_name().map(str::to_owned)),
                inline_policies: g
                    .group_policy_list()
                    .iter()
                    .map(|p| inline(arn, p.policy_name(), p.policy_document()))
                    .collect(),
                attached_policies: attached(
                    arn,
                    g.attached_managed_policies()
                        .iter()
                        .map(|a| a.policy_arn())
                        .collect(),
                ),
            });
        }
        for r in page.role_detail_list() {
            let arn = r.arn().unwrap_or_default();
            if r.path()
                .is_some_and(|p| p.starts_with("/aws-service-role/"))
            {
                ctx.aws_created(arn);
            }
            iam.roles.push(Role {
                resource: ctx.resource(arn),
                name: ctx.val(arn, r.role_name().map(str::to_owned)),
                trust_policy: doc(arn, r.assume_role_policy_document()),
                inline_policies: r
                    .role_policy_list()
                    .iter()
                    .map(|p| inline(arn, p.policy_name(), p.policy_document()))
                    .collect(),
                attached_policies: attached(
                    arn,
                    r.attached_managed_policies()
                        .iter()
                        .map(|a| a.policy_arn())
                        .collect(),
                ),
            });
        }
        for p in page.policies() {
            let arn = p.arn().unwrap_or_default();
            let default = p
                .policy_version_list()
                .iter()
                .find(|v| v.is_default_version());
            iam.policies.push(Policy {
                resource: ctx.resource(arn),
                name: ctx.val(arn, p.policy_name().map(str::to_owned)),
                document: doc(arn, default.and_then(|v| v.document())),
                managed: true,
            });
        }
    }

    let root_arn = format!("arn:{}:iam::{}:root", ctx.partition, ctx.account);
    let root = ctx.origin(&root_arn);
    let password_policy_present = match call!(
        ctx,
        "iam:GetAccountPasswordPolicy",
        c.get_account_password_policy()
    ) {
        Ok(out) => {
            if let Some(p) = out.password_policy() {
                iam.password_policies.push(PasswordPolicy {
                    resource: ctx.resource(&root_arn),
                    minimum_length: ctx.val(
                        &root_arn,
                        Some(i64::from(p.minimum_password_length().unwrap_or(6))),
                    ),
                    reuse_prevention: ctx.val(
                        &root_arn,
                        Some(i64::from(p.password_reuse_prevention().unwrap_or(0))),
                    ),
                });
            }
            Value::explicit(true, root.clone())
        }
        Err(e) if e.is("NoSuchEntity") => Value::explicit(false, root.clone()),
        Err(e) => return Err(e),
    };

    let (credentials, root_key) = match credential_report(c, ctx).await? {
        Some(report) => parse_report(&report, ctx),
        None => (per_user(c, ctx, &user_names).await?, None),
    };
    let root_access_key_active = if let Some(active) = root_key {
        Value::explicit(active, root.clone())
    } else {
        let summary = call!(ctx, "iam:GetAccountSummary", c.get_account_summary())?;
        let present = summary
            .summary_map()
            .and_then(|m| m.get(&SummaryKeyType::AccountAccessKeysPresent))
            .copied();
        ctx.val(&root_arn, present.map(|n| n > 0))
    };
    iam.credentials = credentials;
    iam.accounts.push(Account {
        resource: ctx.resource(&root_arn),
        password_policy_present,
        root_access_key_active,
    });
    Ok(state)
}

/// The credential report's CSV, when one has been generated (generating one is a write:
/// CloudSentinel only reads).
async fn credential_report(c: &aws_sdk_iam::Client, ctx: &Ctx) -> Result<Option<String>> {
    match call!(ctx, "iam:GetCredentialReport", c.get_credential_report()) {
        Ok(out) => Ok(out
            .content()
            .map(|b| String::from_utf8_lossy(b.as_ref()).into_owned())),
        Err(e)
            if e.is("ReportNotPresent")
                || e.is("ReportExpired")
                || e.is("ReportInProgress")
                || e.is("NoSuchEntity") =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Days between an RFC 3339 date (`2024-01-31T…`) and `now_secs`.
fn age_days(date: &str, now_secs: i64) -> Option<i64> {
    let d = date.get(..10)?;
    let mut parts = d.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (parts.next()??, parts.next()??, parts.next()??);
    // Days from civil (Howard Hinnant).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(now_secs / 86_400 - days)
}

/// Users' credentials and the root user's key activity from the credential report.
fn parse_report(csv: &str, ctx: &Ctx) -> (Vec<UserCredentials>, Option<bool>) {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let col = |row: &[&str], name: &str| -> Option<String> {
        header
            .iter()
            .position(|h| *h == name)
            .and_then(|i| row.get(i))
            .map(std::string::ToString::to_string)
    };
    let mut users = Vec::new();
    let mut root_active = None;
    for line in lines {
        let row: Vec<&str> = line.split(',').collect();
        let user = col(&row, "user").unwrap_or_default();
        let arn = col(&row, "arn").unwrap_or_default();
        let key_active =
            |n: u8| col(&row, &format!("access_key_{n}_active")).as_deref() == Some("true");
        if user == "<root_account>" {
            root_active = Some(key_active(1) || key_active(2));
            continue;
        }
        let o = ctx.origin(&arn);
        let access_keys = (1..=2u8)
            .filter(|n| {
                col(&row, &format!("access_key_{n}_last_rotated")).is_some_and(|d| d != "N/A")
            })
            .map(|n| AccessKey {
                meta: Meta::explicit(o.clone()),
                id: format!("access key {n}"),
                active: Value::explicit(key_active(n), o.clone()),
                age_days: ctx.val(
                    &arn,
                    col(&row, &format!("access_key_{n}_last_rotated"))
                        .and_then(|d| age_days(&d, ctx.now_secs)),
                ),
            })
            .collect();
        users.push(UserCredentials {
            resource: ctx.resource(&arn),
            user_name: user,
            password_enabled: Value::explicit(
                col(&row, "password_enabled").as_deref() == Some("true"),
                o.clone(),
            ),
            mfa_devices: Value::explicit(
                i64::from(col(&row, "mfa_active").as_deref() == Some("true")),
                o.clone(),
            ),
            access_keys,
        });
    }
    (users, root_active)
}

/// Without a credential report: each user's keys, MFA devices and login profile.
async fn per_user(
    c: &aws_sdk_iam::Client,
    ctx: &Ctx,
    users: &[(String, String)],
) -> Result<Vec<UserCredentials>> {
    let reads = futures_util::stream::iter(users.iter().map(|(name, arn)| async move {
        let (keys, mfa, login) = futures_util::join!(
            async {
                call!(
                    ctx,
                    "iam:ListAccessKeys",
                    c.list_access_keys().user_name(name)
                )
            },
            async {
                call!(
                    ctx,
                    "iam:ListMFADevices",
                    c.list_mfa_devices().user_name(name)
                )
            },
            async {
                call!(
                    ctx,
                    "iam:GetLoginProfile",
                    c.get_login_profile().user_name(name)
                )
            },
        );
        let o = ctx.origin(arn);
        let password_enabled = match login {
            Ok(_) => true,
            Err(e) if e.is("NoSuchEntity") => false,
            Err(e) => return Err(e),
        };
        let access_keys = keys?
            .access_key_metadata()
            .iter()
            .map(|k| AccessKey {
                meta: Meta::explicit(o.clone()),
                id: k.access_key_id().unwrap_or_default().to_string(),
                active: ctx.val(arn, k.status().map(|s| s.as_str() == "Active")),
                age_days: ctx.val(
                    arn,
                    k.create_date()
                        .map(|d| (ctx.now_secs - d.secs()).div_euclid(86_400)),
                ),
            })
            .collect();
        Ok(UserCredentials {
            resource: ctx.resource(arn),
            user_name: name.clone(),
            password_enabled: Value::explicit(password_enabled, o.clone()),
            mfa_devices: Value::explicit(mfa?.mfa_devices().len() as i64, o),
            access_keys,
        })
    }))
    .buffer_unordered(8)
    .collect::<Vec<Result<UserCredentials>>>()
    .await;
    let mut out: Vec<UserCredentials> = reads.into_iter().collect::<Result<_>>()?;
    out.sort_by(|a, b| a.user_name.cmp(&b.user_name));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_in_days() {
        // 2024-01-31 is day 19753 since the epoch.
        assert_eq!(
            age_days("2024-01-31T10:00:00+00:00", 19_753 * 86_400 + 5),
            Some(0)
        );
        assert_eq!(age_days("2023-10-01T00:00:00Z", 19_753 * 86_400), Some(122));
        assert_eq!(age_days("N/A", 0), None);
    }

    #[test]
    fn credential_report_rows() {
        let ctx = Ctx {
            region: None,
            account: "1".into(),
            partition: "aws".into(),
            calls: std::sync::Arc::default(),
            now_secs: 19_753 * 86_400,
            aws_created: std::sync::Arc::default(),
        };
        let csv = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n\
<root_account>,arn:aws:iam::1:root,2020-01-01T00:00:00+00:00,not_supported,N/A,not_supported,not_supported,false,true,2020-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n\
alice,arn:aws:iam::1:user/alice,2020-01-01T00:00:00+00:00,true,N/A,N/A,N/A,false,true,2023-10-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";
        let (users, root) = parse_report(csv, &ctx);
        assert_eq!(root, Some(true));
        assert_eq!(users.len(), 1);
        assert!(users[0].password_enabled.is_true());
        assert_eq!(users[0].mfa_devices.known(), Some(&0));
        assert_eq!(users[0].access_keys.len(), 1);
        assert_eq!(users[0].access_keys[0].age_days.known(), Some(&122));
    }
}
