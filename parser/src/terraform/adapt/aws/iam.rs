//! IAM: managed policies, users, groups and roles with their inline policies and
//! attachments, standalone policy documents, and the account password policy.

use super::iam_policy::PolicyDocs;
use crate::dynvalue::Dyn;
use crate::terraform::adapt::{
    Cx, Field, Join, JoinIndex, Node, Reader, merge_into, resource_meta, src,
};
use crate::terraform::ir::TfResource;
use cloudsentinel_model::aws::iam::{Attachment, Group, Iam, PasswordPolicy, Policy, Role, User};
use cloudsentinel_model::{ResourceMeta, Value};

/// Which kind of principal a policy or attachment is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    User,
    Group,
    Role,
}

struct Principals<'a> {
    users: Vec<User>,
    groups: Vec<Group>,
    roles: Vec<Role>,
    user_index: JoinIndex,
    group_index: JoinIndex,
    role_index: JoinIndex,
    /// Policies whose group or role is not declared: still checked on their own.
    loose_policies: Vec<Policy>,
    docs: &'a PolicyDocs<'a>,
}

pub(super) fn adapt(cx: &Cx<'_>, docs: &PolicyDocs<'_>, iam: &mut Iam) {
    for res in cx.resources("aws_iam_policy") {
        let node = Node::resource(res);
        iam.policies.push(Policy {
            resource: resource_meta(res),
            name: node.string("name", None),
            document: docs.read_attr(&node, "policy"),
            managed: true,
        });
    }
    let user_res = cx.resources("aws_iam_user");
    let group_res = cx.resources("aws_iam_group");
    let role_res = cx.resources("aws_iam_role");
    let mut p = Principals {
        users: user_res.iter().map(|r| user(r)).collect(),
        groups: group_res.iter().map(|r| group(r)).collect(),
        roles: role_res.iter().map(|r| role(r, docs)).collect(),
        user_index: JoinIndex::new(user_res, &["name"]),
        group_index: JoinIndex::new(group_res, &["name"]),
        role_index: JoinIndex::new(role_res, &["name"]),
        loose_policies: Vec::new(),
        docs,
    };
    for (rtype, kind, attr) in [
        ("aws_iam_user_policy", Kind::User, "user"),
        ("aws_iam_group_policy", Kind::Group, "group"),
        ("aws_iam_role_policy", Kind::Role, "role"),
    ] {
        for res in cx.resources(rtype) {
            p.inline_policy(res, kind, attr);
        }
    }
    for (rtype, kind, attr) in [
        ("aws_iam_user_policy_attachment", Kind::User, "user"),
        ("aws_iam_group_policy_attachment", Kind::Group, "group"),
        ("aws_iam_role_policy_attachment", Kind::Role, "role"),
    ] {
        for res in cx.resources(rtype) {
            let node = Node::resource(res);
            let attachment = Attachment {
                resource: resource_meta(res),
                policy_arn: node.string("policy_arn", None),
            };
            if let Some(f) = node.field(attr) {
                p.attach(res, kind, f, vec![attachment]);
            }
        }
    }
    for res in cx.resources("aws_iam_policy_attachment") {
        let node = Node::resource(res);
        let policy_arn = node.string("policy_arn", None);
        for (kind, attr) in [
            (Kind::User, "users"),
            (Kind::Group, "groups"),
            (Kind::Role, "roles"),
        ] {
            // An unknown list may be empty: nothing is attached for certain.
            let Some(f) = node.field(attr) else { continue };
            let Some(items) = f.value.as_list() else {
                continue;
            };
            for item in items.iter().filter(|d| !d.is_null()) {
                let at = f.loc_of(item);
                let element = Field::new(item, at, f.scope());
                let attachment = Attachment {
                    resource: resource_meta(res),
                    policy_arn: policy_arn.clone(),
                };
                p.attach(res, kind, element, vec![attachment]);
            }
        }
    }
    for (rtype, kind, attr) in [
        (
            "aws_iam_user_policy_attachments_exclusive",
            Kind::User,
            "user_name",
        ),
        (
            "aws_iam_group_policy_attachments_exclusive",
            Kind::Group,
            "group_name",
        ),
        (
            "aws_iam_role_policy_attachments_exclusive",
            Kind::Role,
            "role_name",
        ),
    ] {
        for res in cx.resources(rtype) {
            let node = Node::resource(res);
            let (Some(f), Some(arns)) = (node.field(attr), node.field("policy_arns")) else {
                continue;
            };
            // An unknown list may be empty: nothing is attached for certain.
            if arns.value.is_unknown() {
                continue;
            }
            let attachments: Vec<Attachment> = arns
                .strings()
                .into_iter()
                .map(|policy_arn| Attachment {
                    resource: resource_meta(res),
                    policy_arn,
                })
                .collect();
            if !attachments.is_empty() {
                p.attach(res, kind, f, attachments);
            }
        }
    }
    iam.users.extend(p.users);
    iam.groups.extend(p.groups);
    iam.roles.extend(p.roles);
    iam.policies.extend(p.loose_policies);
    // Documents no resource uses are still policies someone wrote: check them alone.
    for res in docs.unconsumed(cx) {
        iam.policies.push(Policy {
            resource: resource_meta(res),
            name: Value::unknown(src(res.body.loc)),
            document: docs.document(&res.full_address(), 0),
            managed: false,
        });
    }
    for res in cx.resources("aws_iam_account_password_policy") {
        let node = Node::resource(res);
        iam.password_policies.push(PasswordPolicy {
            resource: resource_meta(res),
            minimum_length: node.int("minimum_password_length", Some(6)),
            reuse_prevention: node.int("password_reuse_prevention", Some(0)),
        });
    }
}

fn user(res: &TfResource) -> User {
    User {
        resource: resource_meta(res),
        name: Node::resource(res).string("name", None),
        inline_policies: Vec::new(),
        attached_policies: Vec::new(),
    }
}

fn group(res: &TfResource) -> Group {
    Group {
        resource: resource_meta(res),
        name: Node::resource(res).string("name", None),
        inline_policies: Vec::new(),
        attached_policies: Vec::new(),
    }
}

/// A role with its trust policy, `inline_policy` blocks and `managed_policy_arns`.
fn role(res: &TfResource, docs: &PolicyDocs<'_>) -> Role {
    let node = Node::resource(res);
    let mut inline_policies = Vec::new();
    for b in &node.children("inline_policy").nodes {
        // An empty block only says "no inline policies".
        if !b.has("policy") && !b.has("name") {
            continue;
        }
        inline_policies.push(Policy {
            resource: resource_meta(res),
            name: b.string("name", None),
            document: docs.read_attr(b, "policy"),
            managed: false,
        });
    }
    let attached_policies = match node.field("managed_policy_arns") {
        Some(f) if !f.value.is_unknown() => f
            .strings()
            .into_iter()
            .map(|policy_arn| Attachment {
                resource: resource_meta(res),
                policy_arn,
            })
            .collect(),
        _ => Vec::new(),
    };
    Role {
        resource: resource_meta(res),
        name: node.string("name", None),
        trust_policy: docs.read_attr(&node, "assume_role_policy"),
        inline_policies,
        attached_policies,
    }
}

impl Principals<'_> {
    fn index(&self, kind: Kind) -> &JoinIndex {
        match kind {
            Kind::User => &self.user_index,
            Kind::Group => &self.group_index,
            Kind::Role => &self.role_index,
        }
    }

    /// The declared principal `value` names.
    fn resolve(&self, kind: Kind, value: &Dyn, res: &TfResource) -> Option<usize> {
        match self.index(kind).resolve(Some(value), res) {
            Join::One(i) => Some(i),
            _ => None,
        }
    }

    /// `aws_iam_{user,group,role}_policy`.
    fn inline_policy(&mut self, res: &TfResource, kind: Kind, attr: &str) {
        let node = Node::resource(res);
        let policy = Policy {
            resource: resource_meta(res),
            name: node.string("name", None),
            document: self.docs.read_attr(&node, "policy"),
            managed: false,
        };
        let target = node.field(attr);
        let found = target.and_then(|f| self.resolve(kind, f.value, res));
        match (kind, found) {
            (Kind::User, Some(i)) => {
                if let Some(u) = self.users.get_mut(i) {
                    merge_into(&mut u.resource, res);
                    u.inline_policies.push(policy);
                }
            }
            (Kind::Group, Some(i)) => {
                if let Some(g) = self.groups.get_mut(i) {
                    merge_into(&mut g.resource, res);
                    g.inline_policies.push(policy);
                }
            }
            (Kind::Role, Some(i)) => {
                if let Some(r) = self.roles.get_mut(i) {
                    merge_into(&mut r.resource, res);
                    r.inline_policies.push(policy);
                }
            }
            // A policy on a user is the finding whichever user it is.
            (Kind::User, None) => {
                let mut u = self.stand_in_user(res, target);
                u.inline_policies.push(policy);
                self.users.push(u);
            }
            (Kind::Group | Kind::Role, None) => self.loose_policies.push(policy),
        }
    }

    /// Attaches managed policies to the principal `target` names.
    fn attach(&mut self, res: &TfResource, kind: Kind, target: Field<'_>, list: Vec<Attachment>) {
        let found = self.resolve(kind, target.value, res);
        match (kind, found) {
            (Kind::User, Some(i)) => {
                if let Some(u) = self.users.get_mut(i) {
                    merge_into(&mut u.resource, res);
                    u.attached_policies.extend(list);
                }
            }
            (Kind::Group, Some(i)) => {
                if let Some(g) = self.groups.get_mut(i) {
                    merge_into(&mut g.resource, res);
                    g.attached_policies.extend(list);
                }
            }
            (Kind::Role, Some(i)) => {
                if let Some(r) = self.roles.get_mut(i) {
                    merge_into(&mut r.resource, res);
                    r.attached_policies.extend(list);
                }
            }
            // Attaching to a user is the finding whichever user it is.
            (Kind::User, None) => {
                let mut u = self.stand_in_user(res, Some(target));
                u.attached_policies.extend(list);
                self.users.push(u);
            }
            // Nothing is checked on attachments to groups or roles by themselves.
            (Kind::Group | Kind::Role, None) => {}
        }
    }

    /// A user not declared here, represented by the resource that gives it a policy.
    fn stand_in_user(&self, res: &TfResource, target: Option<Field<'_>>) -> User {
        let meta: ResourceMeta = resource_meta(res);
        let name = match target {
            Some(f) => match f.value.to_string_lossy() {
                Some(n) => Value::explicit(n, f.origin()),
                None => Value::unknown(f.origin()),
            },
            None => Value::unknown(src(res.body.loc)),
        };
        User {
            resource: meta,
            name,
            inline_policies: Vec::new(),
            attached_policies: Vec::new(),
        }
    }
}
