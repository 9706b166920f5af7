use crate::{Meta, ModuleCall, Origin, ResourceMeta, Value};
use std::collections::HashSet;

#[derive(Debug, Default, Clone)]
pub struct Iam {
    /// Managed policies and standalone policy documents.
    pub policies: Vec<Policy>,
    pub users: Vec<User>,
    pub groups: Vec<Group>,
    pub roles: Vec<Role>,
    pub password_policies: Vec<PasswordPolicy>,
    /// Live only: each account's root identity and account-level settings, one entry per
    /// account read (`resource.account` tells them apart).
    pub accounts: Vec<Account>,
    /// Live only: the credentials of each user (console password, MFA devices, access keys).
    pub credentials: Vec<UserCredentials>,
}

impl Iam {
    /// Every policy, each once: managed, standalone documents and inline policies of users,
    /// groups, roles.
    ///
    /// One policy declaration can be given to several principals (CloudFormation's
    /// `AWS::IAM::Policy` listing several `Roles`, `Users` and `Groups`), and also stand
    /// alone when one of them is not declared: it is then in several lists of the model
    /// but is one document in the source, so it is listed once, at its first place.
    pub fn all_policies(&self) -> impl Iterator<Item = &Policy> {
        let mut seen: HashSet<PolicyIdentity<'_>> = HashSet::new();
        self.policies
            .iter()
            .chain(self.users.iter().flat_map(|u| &u.inline_policies))
            .chain(self.groups.iter().flat_map(|g| &g.inline_policies))
            .chain(self.roles.iter().flat_map(|r| &r.inline_policies))
            .filter(move |p| seen.insert(p.identity()))
    }
}

#[derive(Debug, Clone)]
pub struct Policy {
    pub resource: ResourceMeta,
    pub name: Value<String>,
    pub document: Value<PolicyDocument>,
    /// A managed policy (`aws_iam_policy`, `AWS::IAM::ManagedPolicy`, a live customer
    /// managed policy), as opposed to an inline policy or a standalone document.
    pub managed: bool,
}

/// What makes two [`Policy`] entries the same declaration: the declaring resource (address,
/// nested module or stack chain, origin) and where its name and document are written.
type PolicyIdentity<'a> = (&'a str, &'a [ModuleCall], &'a Origin, &'a Meta, &'a Meta);

impl Policy {
    fn identity(&self) -> PolicyIdentity<'_> {
        (
            &self.resource.address,
            &self.resource.module_chain,
            &self.resource.origin,
            &self.name.meta,
            &self.document.meta,
        )
    }
}

/// A reference to a managed policy attached to a principal.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// The attachment's declaration.
    pub resource: ResourceMeta,
    pub policy_arn: Value<String>,
}

#[derive(Debug, Clone)]
pub struct User {
    pub resource: ResourceMeta,
    pub name: Value<String>,
    pub inline_policies: Vec<Policy>,
    pub attached_policies: Vec<Attachment>,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub resource: ResourceMeta,
    pub name: Value<String>,
    pub inline_policies: Vec<Policy>,
    pub attached_policies: Vec<Attachment>,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub resource: ResourceMeta,
    pub name: Value<String>,
    pub trust_policy: Value<PolicyDocument>,
    pub inline_policies: Vec<Policy>,
    pub attached_policies: Vec<Attachment>,
}

#[derive(Debug, Clone)]
pub struct PasswordPolicy {
    pub resource: ResourceMeta,
    pub minimum_length: Value<i64>,
    pub reuse_prevention: Value<i64>,
}

/// Live only: account-level IAM facts that no IaC declares.
#[derive(Debug, Clone)]
pub struct Account {
    /// The root user (`arn:aws:iam::<account>:root`).
    pub resource: ResourceMeta,
    /// False when the account has no password policy at all (GetAccountPasswordPolicy
    /// answers NoSuchEntity): AWS's defaults apply.
    pub password_policy_present: Value<bool>,
    /// Whether the root user has an active access key (credential report, else the
    /// account summary's `AccountAccessKeysPresent`).
    pub root_access_key_active: Value<bool>,
}

/// Live only: a user's credentials.
#[derive(Debug, Clone)]
pub struct UserCredentials {
    /// The user (its ARN).
    pub resource: ResourceMeta,
    pub user_name: String,
    /// The user has a console password (a login profile).
    pub password_enabled: Value<bool>,
    /// Number of MFA devices (virtual and hardware).
    pub mfa_devices: Value<i64>,
    pub access_keys: Vec<AccessKey>,
}

/// Live only: one access key of a user.
#[derive(Debug, Clone)]
pub struct AccessKey {
    pub meta: Meta,
    pub id: String,
    /// `Active` or `Inactive`.
    pub active: Value<bool>,
    /// Whole days since the key was created, when the scan ran.
    pub age_days: Value<i64>,
}

/// A parsed policy document.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyDocument {
    pub meta: Meta,
    pub statements: Vec<Statement>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub meta: Meta,
    pub sid: Option<String>,
    /// `Allow` or `Deny`; IAM's default is neither, so an absent effect is Unknown.
    pub effect: Value<String>,
    pub actions: Vec<Value<String>>,
    pub not_actions: Vec<Value<String>>,
    pub resources: Vec<Value<String>>,
    pub not_resources: Vec<Value<String>>,
    pub principals: Vec<Principal>,
    /// `NotPrincipal`: with Allow, everyone except these (AWS advises never to combine them).
    pub not_principals: Vec<Principal>,
    pub conditions: Vec<Condition>,
    /// Some of the statement (its condition block, principal, …) could not be evaluated.
    pub incomplete: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalKind {
    /// The bare string `"*"`.
    All,
    Aws,
    Service,
    Federated,
    CanonicalUser,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Principal {
    pub kind: PrincipalKind,
    pub value: Value<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub operator: String,
    pub key: String,
    pub values: Vec<Value<String>>,
}

impl Condition {
    /// True unless this condition provably lets every caller through, whatever its key
    /// narrows: a negated operator (`StringNotEquals`, `NotIpAddress`, ...: everyone but the
    /// listed values), an `...IfExists` operator (a request without the key passes:
    /// anonymous callers carry no `aws:PrincipalOrgID`), or a known value that matches
    /// everything (`StringLike`/`ArnLike` `*`, `IpAddress` `0.0.0.0/0` or `::/0`). A value
    /// that cannot be evaluated narrows: nothing is reported on what is not known.
    /// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html>)
    pub fn narrows(&self) -> bool {
        let op = self.operator.to_ascii_lowercase();
        let op = op.rsplit(':').next().unwrap_or(&op);
        if op.contains("not") || op.ends_with("ifexists") {
            return false;
        }
        let matches_all = |v: &str| match op {
            "stringlike" | "arnlike" => v.bytes().all(|b| b == b'*'),
            "ipaddress" => matches!(v.trim(), "0.0.0.0/0" | "::/0"),
            _ => false,
        };
        !self
            .values
            .iter()
            .any(|v| v.as_str().is_some_and(matches_all))
    }
}

/// Condition keys that restrict a wildcard principal to a known set of callers.
pub const NARROWING_CONDITION_KEYS: [&str; 7] = [
    "aws:sourceip",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:principalorgid",
    "aws:principalaccount",
    "aws:sourceaccount",
    "aws:sourcearn",
];

impl Statement {
    pub fn is_allow(&self) -> bool {
        self.effect.eq_ignore_case("Allow")
    }
    pub fn is_deny(&self) -> bool {
        self.effect.eq_ignore_case("Deny")
    }
    /// The principal entry that makes this statement apply to anyone, if any.
    pub fn wildcard_principal(&self) -> Option<&Principal> {
        self.principals.iter().find(|p| {
            matches!(p.kind, PrincipalKind::All | PrincipalKind::Aws) && p.value.is(|v| v == "*")
        })
    }
    /// True when a condition narrows who can use the statement (a narrowing key under an
    /// operator that restricts, see [`Condition::narrows`]). Incomplete statements count as
    /// narrowed: we cannot prove otherwise.
    pub fn has_narrowing_condition(&self) -> bool {
        self.incomplete
            || self.conditions.iter().any(|c| {
                NARROWING_CONDITION_KEYS
                    .iter()
                    .any(|k| c.key.eq_ignore_ascii_case(k))
                    && c.narrows()
            })
    }
    /// An Allow to anyone (`*` principal, or everyone but a `NotPrincipal` list) without a
    /// narrowing condition.
    pub fn allows_anyone(&self) -> bool {
        self.is_allow()
            && (self.wildcard_principal().is_some() || !self.not_principals.is_empty())
            && !self.has_narrowing_condition()
    }
    /// The action equal to `*` in an Allow, if any.
    pub fn full_wildcard_action(&self) -> Option<&Value<String>> {
        self.actions.iter().find(|a| a.is(|v| v == "*"))
    }
    pub fn has_full_wildcard_resource(&self) -> bool {
        self.resources.iter().any(|r| r.is(|v| v == "*"))
    }
}

/// Whether the IAM action pattern `pattern` (`service:Action` with the `*` and `?`
/// wildcards, compared without regard to case as IAM does) matches `action`.
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html>)
pub fn action_matches(pattern: &str, action: &str) -> bool {
    glob_matches(
        pattern.to_ascii_lowercase().as_bytes(),
        action.to_ascii_lowercase().as_bytes(),
    )
}

/// `*` matches any run of bytes, `?` any one byte. Iterative with one backtrack point, so
/// linear in practice and never recursive.
fn glob_matches(p: &[u8], s: &[u8]) -> bool {
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() && (p[pi] == b'?' || p[pi] == s[si]) {
            pi += 1;
            si += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, si));
            pi += 1;
        } else if let Some((sp, ss)) = star {
            pi = sp + 1;
            si = ss + 1;
            star = Some((sp, ss + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

/// Whether the resource pattern `pattern` covers every IAM resource of `kind` (`role`,
/// `user`, `group`, `policy`) of an account: `*`, or an ARN
/// `arn:<partition>:iam::<account>:<kind>/*` whose service and resource parts match any
/// such resource (`arn:aws:iam::*:role/*`, `arn:*:iam::123456789012:*`). A pattern naming a
/// path or a name prefix (`role/app-*`) does not.
pub fn resource_covers_every(pattern: &str, kind: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    let parts: Vec<&str> = pattern.splitn(6, ':').collect();
    let [arn, _partition, service, region, _account, resource] = parts[..] else {
        return false;
    };
    // `\u{1}` stands for a name no pattern spells out: only wildcards can match it.
    let any_name = format!("{kind}/\u{1}");
    arn.eq_ignore_ascii_case("arn")
        && action_matches(service, "iam")
        && (region.is_empty() || region == "*")
        && glob_matches(resource.as_bytes(), any_name.as_bytes())
}

impl Statement {
    /// Whether this statement's action list covers `action` (whatever its effect): through
    /// `Action` (a pattern matching it) or `NotAction` (known, and no pattern matching
    /// it). `None` when an action that could decide it is Unknown.
    pub fn covers_action(&self, action: &str) -> Option<bool> {
        let known_match =
            |list: &[Value<String>]| list.iter().any(|a| a.is(|p| action_matches(p, action)));
        let any_unknown = |list: &[Value<String>]| list.iter().any(Value::is_unknown);
        if !self.not_actions.is_empty() {
            if known_match(&self.not_actions) {
                return Some(false);
            }
            return if any_unknown(&self.not_actions) {
                None
            } else {
                Some(true)
            };
        }
        if known_match(&self.actions) {
            Some(true)
        } else if any_unknown(&self.actions) {
            None
        } else {
            Some(false)
        }
    }

    /// Whether this statement's resources cover every IAM resource of `kind` (see
    /// [`resource_covers_every`]). `None` when a resource that could decide it is Unknown,
    /// or the statement uses `NotResource` (which covers everything but a list).
    pub fn covers_every_resource(&self, kind: &str) -> Option<bool> {
        if !self.not_resources.is_empty() {
            return None;
        }
        if self
            .resources
            .iter()
            .any(|r| r.is(|p| resource_covers_every(p, kind)))
        {
            Some(true)
        } else if self.resources.iter().any(Value::is_unknown) {
            None
        } else {
            Some(false)
        }
    }

    /// True when the statement has a condition with key `key` (compared without regard to
    /// case, as IAM compares keys).
    pub fn has_condition_key(&self, key: &str) -> bool {
        self.conditions
            .iter()
            .any(|c| c.key.eq_ignore_ascii_case(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FileId, Location, TextRange};

    fn at(start: usize) -> Origin {
        Origin::Source(Location::new(FileId(0), TextRange::new(start, start + 1)))
    }

    fn policy(address: &str, declared: usize, document: usize) -> Policy {
        Policy {
            resource: ResourceMeta::new(crate::Provider::Aws, address, at(declared)),
            name: Value::explicit("p".to_string(), at(declared + 1)),
            document: Value::unknown(at(document)),
            managed: false,
        }
    }

    fn role(address: &str, inline: Vec<Policy>) -> Role {
        Role {
            resource: ResourceMeta::new(crate::Provider::Aws, address, at(900)),
            name: Value::unknown(at(900)),
            trust_policy: Value::unknown(at(900)),
            inline_policies: inline,
            attached_policies: Vec::new(),
        }
    }

    #[test]
    fn a_policy_given_to_several_principals_is_listed_once() {
        let shared = policy("Shared", 10, 20);
        let iam = Iam {
            // It also stands alone: one of its principals is not declared.
            policies: vec![shared.clone()],
            groups: vec![Group {
                resource: ResourceMeta::new(crate::Provider::Aws, "Devs", at(800)),
                name: Value::unknown(at(800)),
                inline_policies: vec![shared.clone()],
                attached_policies: Vec::new(),
            }],
            roles: vec![
                role("A", vec![shared.clone(), policy("A", 900, 30)]),
                role("B", vec![shared, policy("A", 900, 40)]),
            ],
            ..Iam::default()
        };
        let listed: Vec<&str> = iam
            .all_policies()
            .map(|p| p.resource.address.as_str())
            .collect();
        // The shared one once; the inline policies of a role are told apart by their
        // documents.
        assert_eq!(listed, ["Shared", "A", "A"]);
    }

    #[test]
    fn the_same_declaration_in_two_nested_stacks_is_two_policies() {
        let mut other = policy("P", 10, 20);
        other.resource.module_chain.push(ModuleCall {
            name: "Child".to_string(),
            location: Location::new(FileId(1), TextRange::new(0, 1)),
        });
        let iam = Iam {
            policies: vec![policy("P", 10, 20), other],
            ..Iam::default()
        };
        assert_eq!(iam.all_policies().count(), 2);
    }

    #[test]
    fn conditions_that_let_everyone_through_do_not_narrow() {
        let cond = |operator: &str, values: Vec<Value<String>>| Condition {
            operator: operator.into(),
            key: "aws:SourceArn".into(),
            values,
        };
        let v = |s: &str| Value::explicit(s.to_string(), at(0));
        assert!(cond("ArnEquals", vec![v("arn:aws:sns:eu-west-1:1:t")]).narrows());
        assert!(cond("StringLike", vec![v("arn:aws:s3:::logs-*")]).narrows());
        assert!(!cond("StringLike", vec![v("*")]).narrows());
        assert!(!cond("ForAnyValue:ArnLike", vec![v("**")]).narrows());
        assert!(!cond("ArnLike", vec![v("arn:aws:sns:*:1:t"), v("*")]).narrows());
        assert!(!cond("StringNotEquals", vec![v("o-abc123")]).narrows());
        assert!(!cond("ArnEqualsIfExists", vec![v("arn:aws:sns:eu-west-1:1:t")]).narrows());
        assert!(!cond("IpAddress", vec![v("0.0.0.0/0")]).narrows());
        assert!(cond("IpAddress", vec![v("10.0.0.0/8")]).narrows());
        // `*` is literal under StringEquals; a value not known is never called open.
        assert!(cond("StringEquals", vec![v("*")]).narrows());
        assert!(cond("StringLike", vec![Value::unknown(at(0))]).narrows());
    }

    #[test]
    fn action_patterns_match_as_iam_does() {
        assert!(action_matches("iam:PassRole", "iam:passrole"));
        assert!(action_matches("iam:*", "iam:PassRole"));
        assert!(action_matches("*", "iam:PassRole"));
        assert!(action_matches("iam:Put*", "iam:PutRolePolicy"));
        assert!(action_matches("iam:*Policy", "iam:AttachUserPolicy"));
        assert!(action_matches("iam:Pass?ole", "iam:PassRole"));
        assert!(!action_matches("iam:Put*", "iam:PassRole"));
        assert!(!action_matches("s3:*", "iam:PassRole"));
        assert!(!action_matches("iam:PassRol", "iam:PassRole"));
    }

    #[test]
    fn resources_covering_every_role() {
        for every in [
            "*",
            "arn:aws:iam::*:role/*",
            "arn:aws:iam::123456789012:role/*",
            "arn:*:iam::*:*",
            "arn:aws:iam::123456789012:*",
        ] {
            assert!(resource_covers_every(every, "role"), "{every}");
        }
        for some in [
            "arn:aws:iam::123456789012:role/app-*",
            "arn:aws:iam::123456789012:role/app",
            "arn:aws:iam::123456789012:user/*",
            "arn:aws:s3:::*",
            "arn:aws:iam::*:role/service-role/*",
        ] {
            assert!(!resource_covers_every(some, "role"), "{some}");
        }
    }
}
