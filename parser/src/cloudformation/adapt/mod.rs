//! CloudFormation adapters: evaluated resources ([`CfnEvaluation`]) into the typed model.
//!
//! One file per service mirrors `model/src/aws/` (and `parser/src/terraform/adapt/aws/`).
//! Properties are read and resources that configure another (`AWS::S3::BucketPolicy`,
//! `AWS::EC2::SecurityGroupIngress`, `AWS::EC2::FlowLog`, `AWS::IAM::Policy`, …) joined to
//! it with the shared toolkit (`parser::adapt`), through the `source_ref` a `!Ref` or
//! `!GetAtt` leaves on the value, else by a literal name. `Obj` reads a resource's
//! properties and nested property objects; an Unknown object reads as one whose every
//! property is Unknown.

mod aws;

use super::{CfnEvaluation, CfnResource};
use crate::adapt::{Children as ChildrenOf, JoinTarget, pick_loc, src};
pub(crate) use crate::adapt::{Field, Join, JoinIndex, Reader};
use crate::dynvalue::{Dyn, DynKind};
use cloudsentinel_model::{Location, ModuleCall, Notice, ResourceMeta, SourceDb, State};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Adapts one evaluated root template (with its nested stacks) into the model.
pub fn adapt(ev: &CfnEvaluation, _db: &SourceDb) -> State {
    let cx = Cx::new(ev);
    let mut state = State::default();
    aws::adapt(&cx, &mut state.aws);
    state.secrets.clone_from(&ev.secrets);
    state.parse_errors.extend(ev.parse_errors.iter().cloned());
    state.notices.extend(ev.notices.iter().cloned());
    state.notices.extend(cx.notices.into_inner());
    state
}

/// What every adapter reads: the evaluation indexed by resource type.
pub(crate) struct Cx<'a> {
    by_type: HashMap<&'a str, Vec<&'a CfnResource>>,
    notices: RefCell<Vec<Notice>>,
}

impl<'a> Cx<'a> {
    fn new(ev: &'a CfnEvaluation) -> Self {
        let mut by_type: HashMap<&str, Vec<&CfnResource>> = HashMap::new();
        for r in &ev.resources {
            by_type.entry(r.rtype.as_str()).or_default().push(r);
        }
        Cx {
            by_type,
            notices: RefCell::new(Vec::new()),
        }
    }

    /// Resources of a type, in evaluation order.
    pub fn resources(&self, rtype: &str) -> &[&'a CfnResource] {
        self.by_type.get(rtype).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Records something the adapters could not resolve.
    pub fn notice(&self, location: Location, message: String) {
        self.notices.borrow_mut().push(Notice {
            location: Some(location),
            message,
        });
    }
}

/// Identity of a resource: its logical id, entry, nested stack chain and suppressions.
pub(crate) fn resource_meta(res: &CfnResource) -> ResourceMeta {
    let mut meta = ResourceMeta::new(
        cloudsentinel_model::Provider::Aws,
        res.logical_id.clone(),
        src(res.loc),
    );
    meta.module_chain.clone_from(&res.module_chain);
    meta.ignores.clone_from(&res.ignores);
    meta
}

/// Records that `res` was merged into `into`.
pub(crate) fn merge_into(into: &mut ResourceMeta, res: &CfnResource) {
    let entry = (res.full_address(), src(res.loc));
    if into.merged.last() != Some(&entry) {
        into.merged.push(entry);
    }
}

static UNKNOWN: LazyLock<Dyn> = LazyLock::new(Dyn::unknown);

/// An object of properties (a resource's `Properties` or a nested property object).
/// `scope` is the enclosing resource entry: value locations are used only inside it.
#[derive(Clone, Copy)]
pub(crate) struct Obj<'a> {
    pub value: &'a Dyn,
    loc: Location,
    scope: Location,
}

/// Nested objects of a property (a list of objects, or one).
pub(crate) type Children<'a> = ChildrenOf<Obj<'a>>;

impl<'a> Obj<'a> {
    /// A resource's properties, located (for defaults) at the resource entry.
    pub fn resource(res: &'a CfnResource) -> Self {
        Obj {
            value: &res.props,
            loc: res.loc,
            scope: res.loc,
        }
    }

    pub fn loc(&self) -> Location {
        self.loc
    }

    /// A present, non-null property. Every property of an Unknown (or ill-typed) object
    /// is present and Unknown.
    pub fn field(&self, name: &str) -> Option<Field<'a>> {
        match &self.value.kind {
            DynKind::Map(m) => {
                let v = m.get(name)?;
                if v.is_null() {
                    return None;
                }
                Some(Field::new(
                    v,
                    pick_loc(v.loc, self.loc, self.scope),
                    self.scope,
                ))
            }
            _ => Some(Field::new(&UNKNOWN, self.loc, self.scope)),
        }
    }

    /// The object property `name` (an Unknown value reads as an object whose every
    /// property is Unknown); `None` when absent or not an object.
    pub fn child(&self, name: &str) -> Option<Obj<'a>> {
        let f = self.field(name)?;
        match &f.value.kind {
            DynKind::Map(_) | DynKind::Unknown => Some(Obj {
                value: f.value,
                loc: f.loc,
                scope: self.scope,
            }),
            _ => None,
        }
    }

    /// The objects of a list property (or a single object).
    pub fn children(&self, name: &str) -> Children<'a> {
        let mut out = Children::default();
        let Some(f) = self.field(name) else {
            return out;
        };
        let push = |v: &'a Dyn, out: &mut Children<'a>| match &v.kind {
            DynKind::Map(_) => out.nodes.push(Obj {
                value: v,
                loc: pick_loc(v.loc, f.loc, self.scope),
                scope: self.scope,
            }),
            DynKind::Null => {}
            _ => out.incomplete = true,
        };
        match &f.value.kind {
            DynKind::List(items) => {
                for v in items.iter() {
                    push(v, &mut out);
                }
            }
            _ => push(f.value, &mut out),
        }
        out
    }
}

impl<'a> Reader<'a> for Obj<'a> {
    fn field(&self, name: &str) -> Option<Field<'a>> {
        Obj::field(self, name)
    }

    fn block_loc(&self) -> Location {
        self.loc
    }
}

// ---- joining resources that configure another ---------------------------------------------

impl JoinTarget for CfnResource {
    fn identity(&self) -> String {
        self.full_address()
    }

    fn scope_prefix(&self) -> &str {
        &self.prefix
    }

    fn call_chain(&self) -> &[ModuleCall] {
        &self.module_chain
    }

    fn name_value(&self, prop: &str) -> Option<&Dyn> {
        self.props.get(prop)
    }
}

/// Joins the resources `children` (type, part) that configure others to `parents` through
/// their property `prop`, a reference or a list of references (`Queues`, `Topics`), each
/// element resolved in the toolkit's one order. `apply(parent, part, child, known)` is
/// called once for each resolved parent (`known`), and for every candidate parent of an
/// element that could not be evaluated (`!known`: what the child configures is Unknown for
/// each of them). A known name that matches no declared parent, an unevaluated one with no
/// candidate, or an absent property is a notice.
pub(crate) fn join_children<'a, P: Copy>(
    cx: &Cx<'a>,
    parents: &[&'a CfnResource],
    name_props: &[&str],
    children: &[(&str, P)],
    prop: &str,
    what: &str,
    mut apply: impl FnMut(usize, P, &'a CfnResource, bool),
) {
    let index = JoinIndex::new(parents, name_props);
    for &(rtype, part) in children {
        for &res in cx.resources(rtype) {
            let value = res.props.get(prop).filter(|v| !v.is_null());
            let targets: Vec<Option<&Dyn>> = match value.and_then(Dyn::as_list) {
                Some(items) => items.iter().map(Some).collect(),
                None => vec![value],
            };
            let mut done: Vec<usize> = Vec::new();
            for target in targets {
                match index.resolve(target, res) {
                    Join::One(i) if !done.contains(&i) => {
                        done.push(i);
                        apply(i, part, res, true);
                    }
                    Join::One(_) => {}
                    Join::Unknown => {
                        let (candidates, _) = index.candidates(res);
                        if candidates.is_empty() {
                            cx.notice(
                                res.loc,
                                format!(
                                    "{}: its {what} could not be evaluated and no {what} is declared in its stack; it is not checked",
                                    res.full_address()
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
                            "{} configures {what} \"{name}\", which is not declared in the scanned templates; it is not checked",
                            res.full_address()
                        ),
                    ),
                    Join::Absent => cx.notice(
                        res.loc,
                        format!(
                            "{} names no {what} (`{prop}` is missing); it is not checked",
                            res.full_address()
                        ),
                    ),
                }
            }
        }
    }
}

/// Records that `child` was merged into the parent (resolved joins only).
pub(crate) fn merged(into: &mut ResourceMeta, child: &CfnResource, known: bool) {
    if known {
        merge_into(into, child);
    }
}
