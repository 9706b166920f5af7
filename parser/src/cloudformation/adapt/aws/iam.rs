//! IAM: managed and inline policies, users, groups and roles with their inline policies
//! and managed policy attachments.
//!
//! `AWS::IAM::Policy` attaches one inline policy to the `Roles`, `Users` and `Groups` it
//! lists; `AWS::IAM::ManagedPolicy` is a policy of its own, attached to those it lists;
//! `AWS::IAM::RolePolicy`, `UserPolicy` and `GroupPolicy` attach one inline policy to one
//! principal. A principal is joined through the `source_ref` of a `!Ref`, else by name.

use crate::adapt::src;
use crate::cloudformation::CfnResource;
use crate::cloudformation::adapt::{
    Cx, Field, Join, JoinIndex, Obj, Reader, merge_into, resource_meta,
};
use crate::dynvalue::Dyn;
use crate::policy::document_value;
use cloudsentinel_model::aws::iam::{Attachment, Group, Iam, Policy, PolicyDocument, Role, User};
use cloudsentinel_model::{Location, ResourceMeta, Value};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    User,
    Group,
    Role,
}

const KINDS: [(Kind, &str); 3] = [
    (Kind::User, "Users"),
    (Kind::Group, "Groups"),
    (Kind::Role, "Roles"),
];

struct Principals {
    users: Vec<User>,
    groups: Vec<Group>,
    roles: Vec<Role>,
    user_index: JoinIndex,
    group_index: JoinIndex,
    role_index: JoinIndex,
    /// Policies whose group or role is not declared (or not known): checked on their own.
    loose_policies: Vec<Policy>,
}

pub(super) fn adapt(cx: &Cx<'_>, iam: &mut Iam) {
    let user_res = cx.resources("AWS::IAM::User");
    let group_res = cx.resources("AWS::IAM::Group");
    let role_res = cx.resources("AWS::IAM::Role");
    let mut p = Principals {
        users: user_res
            .iter()
            .map(|r| User {
                resource: resource_meta(r),
                name: Obj::resource(r).string("UserName", None),
                inline_policies: inline_policies(r),
                attached_policies: managed_arns(r),
            })
            .collect(),
        groups: group_res
            .iter()
            .map(|r| Group {
                resource: resource_meta(r),
                name: Obj::resource(r).string("GroupName", None),
                inline_policies: inline_policies(r),
                attached_policies: managed_arns(r),
            })
            .collect(),
        roles: role_res
            .iter()
            .map(|r| {
                let node = Obj::resource(r);
                Role {
                    resource: resource_meta(r),
                    name: node.string("RoleName", None),
                    trust_policy: document(&node, "AssumeRolePolicyDocument"),
                    inline_policies: inline_policies(r),
                    attached_policies: managed_arns(r),
                }
            })
            .collect(),
        user_index: JoinIndex::new(user_res, &["UserName"]),
        group_index: JoinIndex::new(group_res, &["GroupName"]),
        role_index: JoinIndex::new(role_res, &["RoleName"]),
        loose_policies: Vec::new(),
    };
    for res in cx.resources("AWS::IAM::Policy") {
        let node = Obj::resource(res);
        let policy = Policy {
            resource: resource_meta(res),
            name: node.string("PolicyName", None),
            document: document(&node, "PolicyDocument"),
            managed: false,
        };
        let mut placed = false;
        let mut unplaced = false;
        for (kind, prop) in KINDS {
            let Some(f) = node.field(prop) else { continue };
            // An unknown list may be empty: nothing is attached for certain.
            let Some(items) = f.value.as_list() else {
                unplaced = true;
                continue;
            };
            for item in items.iter().filter(|d| !d.is_null()) {
                let element = Field {
                    value: item,
                    loc: f.loc_of(item),
                    scope: f.scope,
                };
                if p.place_inline(res, kind, element, policy.clone()) {
                    placed = true;
                } else {
                    unplaced = true;
                }
            }
        }
        if !placed || unplaced {
            p.loose_policies.push(policy);
        }
    }
    for (rtype, kind, prop) in [
        ("AWS::IAM::UserPolicy", Kind::User, "UserName"),
        ("AWS::IAM::GroupPolicy", Kind::Group, "GroupName"),
        ("AWS::IAM::RolePolicy", Kind::Role, "RoleName"),
    ] {
        for res in cx.resources(rtype) {
            let node = Obj::resource(res);
            let policy = Policy {
                resource: resource_meta(res),
                name: node.string("PolicyName", None),
                document: document(&node, "PolicyDocument"),
                managed: false,
            };
            let placed = match node.field(prop) {
                Some(f) => p.place_inline(res, kind, f, policy.clone()),
                None => false,
            };
            if !placed && kind != Kind::User {
                p.loose_policies.push(policy);
            }
        }
    }
    for res in cx.resources("AWS::IAM::ManagedPolicy") {
        let node = Obj::resource(res);
        iam.policies.push(Policy {
            resource: resource_meta(res),
            name: node.string("ManagedPolicyName", None),
            document: document(&node, "PolicyDocument"),
            managed: true,
        });
        for (kind, prop) in KINDS {
            let Some(f) = node.field(prop) else { continue };
            let Some(items) = f.value.as_list() else {
                continue;
            };
            for item in items.iter().filter(|d| !d.is_null()) {
                let element = Field {
                    value: item,
                    loc: f.loc_of(item),
                    scope: f.scope,
                };
                let attachment = Attachment {
                    resource: resource_meta(res),
                    // The policy's ARN is assigned when it is created.
                    policy_arn: Value::unknown(src(element.loc)),
                };
                p.attach(res, kind, element, attachment);
            }
        }
    }
    iam.users.extend(p.users);
    iam.groups.extend(p.groups);
    iam.roles.extend(p.roles);
    iam.policies.extend(p.loose_policies);
}

/// A policy document property; Unknown at the object when absent (a policy has no
/// default).
fn document(node: &Obj<'_>, name: &str) -> Value<PolicyDocument> {
    match node.field(name) {
        Some(f) => document_value(f.value, f.loc, f.scope),
        None => Value::unknown(src(node.loc())),
    }
}

/// `Policies: [{PolicyName, PolicyDocument}]` of a user, group or role.
fn inline_policies(res: &CfnResource) -> Vec<Policy> {
    let node = Obj::resource(res);
    let items = node.children("Policies");
    let mut out: Vec<Policy> = items
        .nodes
        .iter()
        .map(|p| Policy {
            resource: resource_meta(res),
            name: p.string("PolicyName", None),
            document: document(p, "PolicyDocument"),
            managed: false,
        })
        .collect();
    if items.incomplete {
        // Policies that could not be evaluated: some policy exists, its content unknown.
        let at = node.field("Policies").map_or(res.loc, |f| f.loc);
        out.push(Policy {
            resource: resource_meta(res),
            name: Value::unknown(src(at)),
            document: Value::unknown(src(at)),
            managed: false,
        });
    }
    out
}

/// `ManagedPolicyArns` of a user, group or role.
fn managed_arns(res: &CfnResource) -> Vec<Attachment> {
    match Obj::resource(res).field("ManagedPolicyArns") {
        // An unknown list may be empty: nothing is attached for certain.
        Some(f) if !f.value.is_unknown() => f
            .strings()
            .into_iter()
            .map(|policy_arn| Attachment {
                resource: resource_meta(res),
                policy_arn,
            })
            .collect(),
        _ => Vec::new(),
    }
}

impl Principals {
    fn index(&self, kind: Kind) -> &JoinIndex {
        match kind {
            Kind::User => &self.user_index,
            Kind::Group => &self.group_index,
            Kind::Role => &self.role_index,
        }
    }

    fn resolve(&self, kind: Kind, value: &Dyn, res: &CfnResource) -> Option<usize> {
        match self.index(kind).resolve(Some(value), res) {
            Join::One(i) => Some(i),
            _ => None,
        }
    }

    /// Gives `policy` to the principal `target` names; true when placed (a policy on an
    /// undeclared user goes to a stand-in user: it is the finding whichever user it is).
    fn place_inline(
        &mut self,
        res: &CfnResource,
        kind: Kind,
        target: Field<'_>,
        policy: Policy,
    ) -> bool {
        let found = self.resolve(kind, target.value, res);
        match (kind, found) {
            (Kind::User, Some(i)) => {
                if let Some(u) = self.users.get_mut(i) {
                    merge_into(&mut u.resource, res);
                    u.inline_policies.push(policy);
                }
                true
            }
            (Kind::Group, Some(i)) => {
                if let Some(g) = self.groups.get_mut(i) {
                    merge_into(&mut g.resource, res);
                    g.inline_policies.push(policy);
                }
                true
            }
            (Kind::Role, Some(i)) => {
                if let Some(r) = self.roles.get_mut(i) {
                    merge_into(&mut r.resource, res);
                    r.inline_policies.push(policy);
                }
                true
            }
            (Kind::User, None) => {
                let mut u = stand_in_user(res, target);
                u.inline_policies.push(policy);
                self.users.push(u);
                true
            }
            (Kind::Group | Kind::Role, None) => false,
        }
    }

    /// Attaches a managed policy to the principal `target` names.
    fn attach(&mut self, res: &CfnResource, kind: Kind, target: Field<'_>, a: Attachment) {
        let found = self.resolve(kind, target.value, res);
        match (kind, found) {
            (Kind::User, Some(i)) => {
                if let Some(u) = self.users.get_mut(i) {
                    merge_into(&mut u.resource, res);
                    u.attached_policies.push(a);
                }
            }
            (Kind::Group, Some(i)) => {
                if let Some(g) = self.groups.get_mut(i) {
                    merge_into(&mut g.resource, res);
                    g.attached_policies.push(a);
                }
            }
            (Kind::Role, Some(i)) => {
                if let Some(r) = self.roles.get_mut(i) {
                    merge_into(&mut r.resource, res);
                    r.attached_policies.push(a);
                }
            }
            (Kind::User, None) => {
                let mut u = stand_in_user(res, target);
                u.attached_policies.push(a);
                self.users.push(u);
            }
            (Kind::Group | Kind::Role, None) => {}
        }
    }
}

/// A user not declared here, represented by the resource that gives it a policy.
fn stand_in_user(res: &CfnResource, target: Field<'_>) -> User {
    let meta: ResourceMeta = resource_meta(res);
    let at: Location = target.loc;
    User {
        resource: meta,
        name: match target.value.to_string_lossy() {
            Some(n) => Value::explicit(n, src(at)),
            None => Value::unknown(src(at)),
        },
        inline_policies: Vec::new(),
        attached_policies: Vec::new(),
    }
}
