//! Adapters from evaluated Deployment Manager resources into the Google part of the model,
//! one module per service, mirroring `parser/src/terraform/adapt/google/`.
//!
//! Resource types are matched in both spellings Deployment Manager accepts: the built-in
//! `compute.v1.instance` and the type provider's `gcp-types/compute-v1:instances`. Properties
//! are the REST API's fields (camelCase), read through the shared adapter toolkit; values
//! from templates point at the template lines that wrote them.

mod bigquery;
mod compute;
mod dns;
mod gke;
mod iam;
mod kms;
mod network;
mod secrets;
mod sql;
mod storage;

use super::DmEvaluation;
use super::eval::{DmResource, UNKNOWN_MARK};
use crate::adapt::{
    Children, Field, Join, JoinIndex, JoinTarget, Reader, pick_loc, src, strings_of,
};
use crate::dynvalue::{Dyn, DynKind};
use cloudsentinel_model::google::iam::Binding;
use cloudsentinel_model::{
    Location, Meta, ModuleCall, Notice, Provider, ResourceMeta, State, Value,
};
use std::cell::RefCell;

/// Adapts one config's resources. Types the model does not cover are ignored.
pub fn adapt(ev: &DmEvaluation) -> State {
    let cx = Cx {
        ev,
        notices: RefCell::new(Vec::new()),
    };
    let mut state = State::default();
    let google = &mut state.google;
    storage::adapt(&cx, &mut google.storage);
    compute::adapt(&cx, &mut google.compute);
    sql::adapt(&cx, &mut google.sql);
    kms::adapt(&cx, &mut google.kms);
    iam::adapt(&cx, &mut google.iam);
    gke::adapt(&cx, &mut google.gke);
    network::adapt(&cx, &mut google.network);
    dns::adapt(&cx, &mut google.dns);
    bigquery::adapt(&cx, &mut google.bigquery);
    secrets::find(&cx, &mut state.secrets);
    state.notices.extend(cx.notices.into_inner());
    state
}

/// The adaptation context: the evaluation and the notices adapters add.
pub(crate) struct Cx<'a> {
    ev: &'a DmEvaluation,
    notices: RefCell<Vec<Notice>>,
}

impl<'a> Cx<'a> {
    /// Resources of any of `types`, in declaration order.
    pub fn resources(&self, types: &[&str]) -> Vec<&'a DmResource> {
        self.ev
            .resources
            .iter()
            .filter(|r| types.contains(&r.rtype.as_str()))
            .collect()
    }

    pub fn notice(&self, location: Location, message: String) {
        self.notices.borrow_mut().push(Notice {
            location: Some(location),
            message,
        });
    }
}

/// The model's identity of a resource: its name, under the template calls leading to it.
pub(crate) fn resource_meta(r: &DmResource) -> ResourceMeta {
    let mut meta = ResourceMeta::new(Provider::Google, super::eval::shown(&r.name), src(r.loc));
    meta.module_chain.clone_from(&r.chain);
    meta
}

/// The name the API gives a resource: `properties.<attr>` when written, else the resource's
/// own name (Deployment Manager's default), Unknown when it holds a deploy-time value.
pub(crate) fn api_name(r: &DmResource, attr: &str) -> Value<String> {
    let obj = Obj::resource(r);
    if obj.has(attr) {
        return obj.string(attr, None);
    }
    if r.name.contains(UNKNOWN_MARK) {
        Value::unknown(src(r.loc))
    } else {
        Value::explicit(r.name.clone(), src(r.loc))
    }
}

/// An object of a resource's properties (the properties themselves, or a nested object).
#[derive(Clone, Copy)]
pub(crate) struct Obj<'a> {
    pub value: &'a Dyn,
    /// Where absent settings point: the object, or the resource when it has no location.
    pub loc: Location,
    /// The resource.
    pub scope: Location,
}

/// A nested object of an [`Obj`].
pub(crate) enum Nested<'a> {
    Absent,
    /// Present but not evaluated (or not an object).
    Unknown(Location),
    Present(Obj<'a>),
}

impl<'a> Obj<'a> {
    pub fn resource(r: &'a DmResource) -> Self {
        Obj {
            value: &r.props,
            loc: r.loc,
            scope: r.loc,
        }
    }

    fn of(&self, value: &'a Dyn) -> Obj<'a> {
        Obj {
            value,
            loc: pick_loc(value.loc, self.loc, self.scope),
            scope: self.scope,
        }
    }

    /// The nested object `name`.
    pub fn obj(&self, name: &str) -> Nested<'a> {
        match self.value.get(name).filter(|v| !v.is_null()) {
            None if self.value.is_unknown() => Nested::Unknown(self.loc),
            None => Nested::Absent,
            Some(v) if v.as_map().is_some() => Nested::Present(self.of(v)),
            Some(v) => Nested::Unknown(pick_loc(v.loc, self.loc, self.scope)),
        }
    }

    /// The objects of the list `name`: absent is none; an Unknown list or element makes it
    /// incomplete.
    pub fn list(&self, name: &str) -> Children<Obj<'a>> {
        let mut out = Children::default();
        match self.value.get(name).map(|v| &v.kind) {
            None if self.value.is_unknown() => out.incomplete = true,
            None | Some(DynKind::Null) => {}
            Some(DynKind::List(items)) => {
                for i in items.iter() {
                    if i.as_map().is_some() {
                        out.nodes.push(self.of(i));
                    } else if !i.is_null() {
                        out.incomplete = true;
                    }
                }
            }
            Some(_) => out.incomplete = true,
        }
        out
    }

    /// A boolean of the nested object `block`: its default at this object when the object is
    /// absent, Unknown when it cannot be evaluated.
    pub fn nested_bool(&self, block: &str, name: &str, default: bool) -> Value<bool> {
        match self.obj(block) {
            Nested::Present(b) => b.bool(name, Some(default)),
            Nested::Unknown(at) => Value::unknown(src(at)),
            Nested::Absent => Value::default_at(default, src(self.loc)),
        }
    }
}

impl<'a> Reader<'a> for Obj<'a> {
    fn field(&self, name: &str) -> Option<Field<'a>> {
        let v = self.value.get(name).filter(|v| !v.is_null())?;
        Some(Field::new(
            v,
            pick_loc(v.loc, self.loc, self.scope),
            self.scope,
        ))
    }

    fn block_loc(&self) -> Location {
        self.loc
    }
}

/// The bindings of a resource's `accessControl.gcpIamPolicy` (none when it has none).
pub(crate) fn access_control_bindings(r: &DmResource) -> Vec<Binding> {
    let Some(ac) = &r.access_control else {
        return Vec::new();
    };
    let at = pick_loc(ac.loc, r.loc, r.loc);
    match ac.get("gcpIamPolicy") {
        None if ac.as_map().is_some() => Vec::new(),
        None => vec![Binding::unknown(Meta::unknown(src(at)))],
        Some(policy) => policy_bindings(policy, at, r.loc),
    }
}

/// `{bindings: [{role, members, condition}]}`.
pub(crate) fn policy_bindings(policy: &Dyn, at: Location, scope: Location) -> Vec<Binding> {
    let unknown = || vec![Binding::unknown(Meta::unknown(src(at)))];
    if policy.is_null() {
        return Vec::new();
    }
    if policy.as_map().is_none() {
        return unknown();
    }
    let bindings = match policy.get("bindings") {
        None => return Vec::new(),
        Some(b) if b.is_null() => return Vec::new(),
        Some(b) => b,
    };
    let Some(items) = bindings.as_list() else {
        return unknown();
    };
    items
        .iter()
        .map(|b| {
            let obj = Obj {
                value: b,
                loc: pick_loc(b.loc, at, scope),
                scope,
            };
            binding_of(&obj)
        })
        .collect()
}

/// A binding object: `role` with `members` (or one `member`), and an optional `condition`.
pub(crate) fn binding_of(obj: &Obj<'_>) -> Binding {
    let at = obj.loc;
    if obj.value.as_map().is_none() {
        return Binding::unknown(Meta::unknown(src(at)));
    }
    let mut members = obj
        .field("members")
        .map(|f| strings_of(f.value, f.loc, obj.scope))
        .unwrap_or_default();
    if let Some(m) = obj.field("member") {
        members.extend(m.strings());
    }
    Binding {
        meta: Meta::explicit(src(at)),
        role: obj.string("role", None),
        members,
        conditional: match obj.value.get("condition") {
            Some(c) if c.is_unknown() => Value::unknown(src(at)),
            c => Value::explicit(c.is_some_and(|c| !c.is_null()), src(at)),
        },
    }
}

/// A resource as a join parent or child: its API name (the resource's name by default).
struct Joinable<'a> {
    res: &'a DmResource,
    name: Dyn,
}

impl<'a> Joinable<'a> {
    fn new(res: &'a DmResource, name_attrs: &[&str]) -> Self {
        let declared = name_attrs
            .iter()
            .find_map(|a| res.props.get(a).filter(|v| !v.is_null()).cloned());
        let name = declared.unwrap_or_else(|| {
            if res.name.contains(UNKNOWN_MARK) {
                Dyn::unknown()
            } else {
                Dyn::string(res.name.as_str())
            }
        });
        Joinable { res, name }
    }
}

impl JoinTarget for Joinable<'_> {
    fn identity(&self) -> String {
        self.res.address.clone()
    }
    fn scope_prefix(&self) -> &str {
        &self.res.scope
    }
    fn call_chain(&self) -> &[ModuleCall] {
        &self.res.chain
    }
    fn name_value(&self, _attr: &str) -> Option<&Dyn> {
        Some(&self.name)
    }
}

/// Joins the resources of `child_types` (type list, part) to `parents` through their
/// property `attr` in the toolkit's one order. `apply(parent, part, child, known)` is called
/// for the resolved parent, and for every candidate parent (`!known`) when the reference
/// cannot be evaluated. A known name matching no declared parent, or no `attr`, is a notice.
pub(crate) fn join_children<'a, P: Copy>(
    cx: &Cx<'a>,
    parents: &[&'a DmResource],
    name_attrs: &[&str],
    children: &[(&[&str], P)],
    attr: &str,
    what: &str,
    mut apply: impl FnMut(usize, P, &'a DmResource, bool),
) {
    let joinable: Vec<Joinable<'_>> = parents
        .iter()
        .map(|p| Joinable::new(p, name_attrs))
        .collect();
    let refs: Vec<&Joinable<'_>> = joinable.iter().collect();
    let index = JoinIndex::new(&refs, &["name"]);
    for &(types, part) in children {
        for res in cx.resources(types) {
            let child = Joinable::new(res, &[]);
            match index.resolve(res.props.get(attr), &child) {
                Join::One(i) => apply(i, part, res, true),
                Join::Unknown => {
                    let (candidates, _) = index.candidates(&child);
                    if candidates.is_empty() {
                        cx.notice(
                            res.loc,
                            format!(
                                "{}: its {what} could not be evaluated and no {what} is declared with it; it is not checked",
                                res.address
                            ),
                        );
                    }
                    for &i in candidates {
                        apply(i, part, res, false);
                    }
                }
                Join::Missing(name) => cx.notice(
                    res.loc,
                    format!(
                        "{} configures {what} \"{name}\", which is not declared in the scanned configuration; it is not checked",
                        res.address
                    ),
                ),
                Join::Absent => cx.notice(
                    res.loc,
                    format!(
                        "{} names no {what} (`{attr}` is missing); it is not checked",
                        res.address
                    ),
                ),
            }
        }
    }
}

/// Records that `child` was merged into its parent (resolved joins only).
pub(crate) fn merged(into: &mut ResourceMeta, child: &DmResource, known: bool) {
    let entry = (child.address.clone(), src(child.loc));
    if known && into.merged.last() != Some(&entry) {
        into.merged.push(entry);
    }
}
