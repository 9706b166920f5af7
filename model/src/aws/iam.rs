use crate::{Meta, ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Iam {
    /// Managed policies and standalone policy documents.
    pub policies: Vec<Policy>,
    pub users: Vec<User>,
    pub groups: Vec<Group>,
    pub roles: Vec<Role>,
    pub password_policies: Vec<PasswordPolicy>,
}

impl Iam {
    /// Every policy: managed, standalone documents and inline policies of users, groups, roles.
    pub fn all_policies(&self) -> impl Iterator<Item = &Policy> {
        self.policies
            .iter()
            .chain(self.users.iter().flat_map(|u| &u.inline_policies))
            .chain(self.groups.iter().flat_map(|g| &g.inline_policies))
            .chain(self.roles.iter().flat_map(|r| &r.inline_policies))
    }
}

#[derive(Debug, Clone)]
pub struct Policy {
    pub resource: ResourceMeta,
    pub name: Value<String>,
    pub document: Value<PolicyDocument>,
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
    /// True when a condition narrows who can use the statement. Incomplete statements
    /// count as narrowed: we cannot prove otherwise.
    pub fn has_narrowing_condition(&self) -> bool {
        self.incomplete
            || self.conditions.iter().any(|c| {
                NARROWING_CONDITION_KEYS
                    .iter()
                    .any(|k| c.key.eq_ignore_ascii_case(k))
            })
    }
    /// An Allow to anyone (`*` principal) without a narrowing condition.
    pub fn allows_anyone(&self) -> bool {
        self.is_allow() && self.wildcard_principal().is_some() && !self.has_narrowing_condition()
    }
    /// The action equal to `*` in an Allow, if any.
    pub fn full_wildcard_action(&self) -> Option<&Value<String>> {
        self.actions.iter().find(|a| a.is(|v| v == "*"))
    }
    pub fn has_full_wildcard_resource(&self) -> bool {
        self.resources.iter().any(|r| r.is(|v| v == "*"))
    }
}
