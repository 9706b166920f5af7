//! IAM bindings of Google Cloud resources: `policy_data` (a `data "google_iam_policy"`
//! evaluated locally, a JSON string or a `jsonencode` object) and the `_iam_binding` /
//! `_iam_member` resources every service offers.

use crate::adapt::{Field, pick_loc, src, strings_of};
use crate::dynvalue::{Dyn, DynKind};
use crate::terraform::adapt::{Cx, Node, Reader};
use crate::terraform::ir::TfResource;
use cloudsentinel_model::google::iam::Binding;
use cloudsentinel_model::{Location, Meta, Value};
use std::collections::HashMap;

const POLICY_TYPE: &str = "google_iam_policy";

/// The `google_iam_policy` data sources of an evaluation: `policy_data` referring to one is
/// read from its `binding` blocks, as Terraform computes it locally.
pub(crate) struct IamPolicies<'a> {
    by_address: HashMap<String, &'a TfResource>,
}

impl<'a> IamPolicies<'a> {
    pub fn new(cx: &Cx<'a>) -> Self {
        IamPolicies {
            by_address: cx
                .data(POLICY_TYPE)
                .iter()
                .map(|r| (r.full_address(), *r))
                .collect(),
        }
    }

    /// The bindings of a `policy_data` attribute of `node` (an `_iam_policy` resource). A
    /// policy that cannot be evaluated is one Unknown binding.
    pub fn policy_data(&self, node: &Node<'_>) -> Vec<Binding> {
        let Some(f) = node.field("policy_data") else {
            return vec![Binding::unknown(Meta::unknown(src(node.loc())))];
        };
        if let Some(r) = &f.value.source_ref
            && let Some(data) = self.by_address.get(&**r)
        {
            return data_source_bindings(data, f.loc);
        }
        json_bindings(f)
    }
}

/// `data "google_iam_policy"`: its `binding { role, members, condition }` blocks. The
/// bindings point at the attribute that uses the policy when the data source lies outside
/// the resource, so findings land on the resource being judged.
fn data_source_bindings(data: &TfResource, used_at: Location) -> Vec<Binding> {
    let node = Node::resource(data);
    let blocks = node.children("binding");
    let mut out: Vec<Binding> = blocks
        .nodes
        .iter()
        .map(|b| {
            let mut binding = binding_of(b);
            // Locate the binding at the attribute using the policy: the finding belongs to
            // the resource the policy is set on. Members keep the attribute too.
            binding.meta = Meta::explicit(src(used_at));
            binding.role.meta.origin = src(used_at);
            for m in &mut binding.members {
                m.meta.origin = src(used_at);
            }
            binding
        })
        .collect();
    if blocks.incomplete {
        out.push(Binding::unknown(Meta::unknown(src(used_at))));
    }
    out
}

/// `{"bindings": [{"role": …, "members": […]}]}` as JSON text or a `jsonencode` object.
fn json_bindings(f: Field<'_>) -> Vec<Binding> {
    let unknown = || vec![Binding::unknown(Meta::unknown(f.origin()))];
    let parsed: Dyn;
    let (doc, scope) = if let Some(e) = f.value.encoded.as_deref() {
        (e, f.scope())
    } else {
        match &f.value.kind {
            DynKind::String(s) => match serde_json::from_str::<serde_json::Value>(s) {
                Ok(j) => {
                    parsed = Dyn::from_json(&j, Some(f.loc));
                    (&parsed, f.loc)
                }
                Err(_) => return unknown(),
            },
            DynKind::Map(_) => (f.value, f.scope()),
            _ => return unknown(),
        }
    };
    let Some(bindings) = doc.get("bindings") else {
        // A policy without bindings grants nothing (only audit configs or an etag).
        return if doc.as_map().is_some() {
            Vec::new()
        } else {
            unknown()
        };
    };
    let Some(items) = bindings.as_list() else {
        return if bindings.is_null() {
            Vec::new()
        } else {
            unknown()
        };
    };
    items
        .iter()
        .map(|b| {
            let at = pick_loc(b.loc, f.loc, scope);
            if b.as_map().is_none() {
                return Binding::unknown(Meta::unknown(src(at)));
            }
            let role = match b.get("role").and_then(Dyn::to_string_lossy) {
                Some(r) => Value::explicit(
                    r,
                    src(pick_loc(b.get("role").and_then(|r| r.loc), at, scope)),
                ),
                None => Value::unknown(src(at)),
            };
            let members = match b.get("members") {
                Some(m) => strings_of(m, at, scope),
                None => Vec::new(),
            };
            Binding {
                meta: Meta::explicit(src(at)),
                role,
                members,
                conditional: Value::explicit(
                    b.get("condition").is_some_and(|c| !c.is_null()),
                    src(at),
                ),
            }
        })
        .collect()
}

/// A `binding` block or an `_iam_binding` / `_iam_member` resource: `role` with `members` or
/// `member`, and an optional `condition` block.
pub(crate) fn binding_of(node: &Node<'_>) -> Binding {
    let at = node.loc();
    let mut members = node.strings("members").unwrap_or_default();
    if let Some(m) = node.field("member") {
        members.extend(m.strings());
    }
    let conditions = node.children("condition");
    Binding {
        meta: Meta::explicit(src(at)),
        role: node.string("role", None),
        members,
        conditional: if conditions.incomplete {
            Value::unknown(src(at))
        } else {
            Value::explicit(!conditions.nodes.is_empty(), src(at))
        },
    }
}

/// The bindings a split IAM resource contributes: `_iam_policy` (its `policy_data`),
/// `_iam_binding` or `_iam_member`. `known` is false when the parent it configures could not
/// be resolved: then what it grants is Unknown for every candidate.
pub(crate) fn resource_bindings(
    policies: &IamPolicies<'_>,
    res: &TfResource,
    known: bool,
) -> Vec<Binding> {
    let node = Node::resource(res);
    if !known {
        return vec![Binding::unknown(Meta::unknown(src(node.loc())))];
    }
    if res.rtype.ends_with("_iam_policy") {
        policies.policy_data(&node)
    } else {
        vec![binding_of(&node)]
    }
}
