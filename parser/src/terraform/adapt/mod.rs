//! Terraform adapters: evaluated resources ([`TfEvaluation`]) into the typed model.
//!
//! One file per service mirrors `model/src/aws/`. Fields are read and split resources
//! (`aws_s3_bucket_acl`, `aws_security_group_rule`, …) joined to their parent with the
//! shared toolkit (`parser::adapt`): present and known is Explicit at the attribute, absent
//! is the provider's documented default at the enclosing block (Unknown where there is
//! none), present but unknown is Unknown; a split resource whose parent cannot be resolved
//! never lets a check fire on a guess. `Node` reads blocks and the objects that stand
//! for them.

mod aws;
mod azure;
mod google;
mod secrets;

use crate::adapt::{Children as ChildrenOf, JoinTarget};
pub(crate) use crate::adapt::{Field, Join, JoinIndex, Reader, pick_loc, src, within};
use crate::dynvalue::{Dyn, DynKind};
use crate::terraform::ir::{EvalBlock, ResourceMode, TfEvaluation, TfResource};
use cloudsentinel_model::{Location, ModuleCall, Notice, ResourceMeta, SourceDb, State};
use std::cell::RefCell;
use std::collections::HashMap;

/// Adapts one evaluated root module into the model. The evaluation's notices and parse
/// errors are carried over, followed by the adapters' own notices.
pub fn adapt(eval: &TfEvaluation, db: &SourceDb) -> State {
    let cx = Cx::new(eval, db);
    let mut state = State::default();
    aws::adapt(&cx, &mut state.aws);
    azure::adapt(&cx, &mut state.azure);
    google::adapt(&cx, &mut state.google);
    state.secrets = secrets::find(&cx);
    state.parse_errors.extend(eval.parse_errors.iter().cloned());
    state.notices.extend(eval.notices.iter().cloned());
    state.notices.extend(cx.notices.into_inner());
    state
}

/// What every adapter reads: the evaluation indexed by resource type.
pub(crate) struct Cx<'a> {
    /// The sources, for reading the text behind a location.
    pub db: &'a SourceDb,
    managed: HashMap<&'a str, Vec<&'a TfResource>>,
    data: HashMap<&'a str, Vec<&'a TfResource>>,
    all: Vec<&'a TfResource>,
    /// `provider` blocks (they may hold credentials).
    pub providers: &'a [crate::terraform::ir::TfProvider],
    notices: RefCell<Vec<Notice>>,
}

impl<'a> Cx<'a> {
    fn new(eval: &'a TfEvaluation, db: &'a SourceDb) -> Self {
        let mut managed: HashMap<&str, Vec<&TfResource>> = HashMap::new();
        let mut data: HashMap<&str, Vec<&TfResource>> = HashMap::new();
        for r in &eval.resources {
            let map = match r.mode {
                ResourceMode::Managed => &mut managed,
                ResourceMode::Data => &mut data,
            };
            map.entry(r.rtype.as_str()).or_default().push(r);
        }
        Cx {
            db,
            managed,
            data,
            all: eval.resources.iter().collect(),
            providers: &eval.providers,
            notices: RefCell::new(Vec::new()),
        }
    }

    /// Managed resources (`resource` blocks) of a type, in evaluation order.
    pub fn resources(&self, rtype: &str) -> &[&'a TfResource] {
        self.managed.get(rtype).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Data sources of a type, in evaluation order.
    pub fn data(&self, rtype: &str) -> &[&'a TfResource] {
        self.data.get(rtype).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every resource and data source instance.
    pub fn all(&self) -> &[&'a TfResource] {
        &self.all
    }

    /// Records something the adapters could not resolve.
    pub fn notice(&self, location: Location, message: String) {
        self.notices.borrow_mut().push(Notice {
            location: Some(location),
            message,
        });
    }
}

/// Identity of a resource instance: its address within its module, declaration and module
/// chain.
pub(crate) fn resource_meta(res: &TfResource) -> ResourceMeta {
    let origin = src(res.body.loc);
    // Terraform names a resource type after its provider: `aws_s3_bucket` is `aws`'s.
    let provider = res.rtype.split_once('_').map(|(p, _)| p);
    let mut meta = match provider.and_then(provider_of) {
        Some(p) => ResourceMeta::new(p, res.address.clone(), origin),
        None => ResourceMeta::cloud_independent(res.address.clone(), origin),
    };
    meta.module_chain.clone_from(&res.module_chain);
    meta.set_elsewhere.clone_from(&res.set_elsewhere);
    meta
}

/// The cloud of a Terraform provider's local name (`aws`, `azurerm`, `google`); `None` for
/// the providers of no one cloud (`random`, `kubernetes`).
pub(crate) fn provider_of(name: &str) -> Option<cloudsentinel_model::Provider> {
    use cloudsentinel_model::Provider;
    match name {
        "aws" => Some(Provider::Aws),
        "azurerm" | "azapi" | "azuread" => Some(Provider::Azure),
        "google" | "google-beta" => Some(Provider::Google),
        _ => None,
    }
}

/// Records that split resource `res` was merged into `into`.
pub(crate) fn merge_into(into: &mut ResourceMeta, res: &TfResource) {
    let entry = (res.full_address(), src(res.body.loc));
    // Repeats (a user listed twice in one attachment) arrive one after the other.
    if into.merged.last() != Some(&entry) {
        into.merged.push(entry);
    }
}

// ---- reading blocks and objects ---------------------------------------------------------------

/// A block-like value: a real block, or an object standing for one (attribute syntax such
/// as `ingress = [{ … }]`, or JSON). `scope` is the enclosing resource block: locations of
/// values are used only when they lie inside it (a value read from a variable points at
/// the variable, which is not where the finding belongs).
#[derive(Clone, Copy)]
pub(crate) struct Node<'a> {
    kind: NodeKind<'a>,
    scope: Location,
}

#[derive(Clone, Copy)]
enum NodeKind<'a> {
    Block(&'a EvalBlock),
    Object { value: &'a Dyn, loc: Location },
}

/// Nested blocks of one type.
pub(crate) type Children<'a> = ChildrenOf<Node<'a>>;

impl<'a> Node<'a> {
    /// The body of a resource.
    pub fn resource(res: &'a TfResource) -> Self {
        Node {
            kind: NodeKind::Block(&res.body),
            scope: res.body.loc,
        }
    }

    /// A block of a provider or other construct, scoped to itself.
    pub fn block(b: &'a EvalBlock) -> Self {
        Node {
            kind: NodeKind::Block(b),
            scope: b.loc,
        }
    }

    /// Where the block (or object) is written.
    pub fn loc(&self) -> Location {
        match self.kind {
            NodeKind::Block(b) => b.loc,
            NodeKind::Object { loc, .. } => loc,
        }
    }

    /// A present, non-null attribute.
    pub fn field(&self, name: &str) -> Option<Field<'a>> {
        let (value, loc) = match self.kind {
            NodeKind::Block(b) => {
                let a = b.attr(name)?;
                (&a.value, a.loc)
            }
            NodeKind::Object { value, loc } => {
                let v = value.get(name)?;
                (v, pick_loc(v.loc, loc, self.scope))
            }
        };
        if value.is_null() {
            return None;
        }
        Some(Field::new(value, loc, self.scope))
    }

    /// Nested blocks `name`: real blocks, else an attribute holding an object or a list of
    /// objects.
    pub fn children(&self, name: &str) -> Children<'a> {
        let mut out = Children::default();
        let attr_value = match self.kind {
            NodeKind::Block(b) => {
                out.incomplete = b.incomplete;
                out.nodes
                    .extend(b.blocks.iter().filter(|c| c.ident == name).map(|c| Node {
                        kind: NodeKind::Block(c),
                        scope: self.scope,
                    }));
                if !out.nodes.is_empty() {
                    return out;
                }
                b.attr(name).map(|a| (&a.value, a.loc))
            }
            NodeKind::Object { value, loc } => value.get(name).map(|v| (v, loc)),
        };
        let Some((value, loc)) = attr_value else {
            return out;
        };
        let loc = pick_loc(value.loc, loc, self.scope);
        let push = |v: &'a Dyn, out: &mut Children<'a>| match &v.kind {
            DynKind::Map(_) => out.nodes.push(Node {
                kind: NodeKind::Object {
                    value: v,
                    loc: pick_loc(v.loc, loc, self.scope),
                },
                scope: self.scope,
            }),
            DynKind::Null => {}
            _ => out.incomplete = true,
        };
        match &value.kind {
            DynKind::List(items) => {
                for v in items.iter() {
                    push(v, &mut out);
                }
            }
            _ => push(value, &mut out),
        }
        out
    }

    /// The first nested block `name`.
    pub fn child(&self, name: &str) -> Option<Node<'a>> {
        self.children(name).nodes.into_iter().next()
    }
}

impl<'a> Reader<'a> for Node<'a> {
    fn field(&self, name: &str) -> Option<Field<'a>> {
        Node::field(self, name)
    }

    fn block_loc(&self) -> Location {
        self.loc()
    }
}

// ---- joining split resources ------------------------------------------------------------------

impl JoinTarget for TfResource {
    fn identity(&self) -> String {
        self.full_address()
    }

    fn scope_prefix(&self) -> &str {
        &self.module_prefix
    }

    fn call_chain(&self) -> &[ModuleCall] {
        &self.module_chain
    }

    fn name_value(&self, attr: &str) -> Option<&Dyn> {
        self.body.attr(attr).map(|a| &a.value)
    }
}

/// Joins the split resources `children` (type, part) to `parents` through their attribute
/// `attr`, in the toolkit's one order. `apply(parent, part, child, known)` is called once for
/// a resolved parent (`known`), and for every candidate parent of a child whose parent could
/// not be evaluated (`!known`: what it configures is Unknown for each of them). A known name
/// that matches no declared parent, or an unevaluated one with no candidate, is a notice.
pub(crate) fn join_children<'a, P: Copy>(
    cx: &Cx<'a>,
    parents: &[&'a TfResource],
    name_attrs: &[&str],
    children: &[(&str, P)],
    attr: &str,
    what: &str,
    mut apply: impl FnMut(usize, P, &'a TfResource, bool),
) {
    let index = JoinIndex::new(parents, name_attrs);
    for &(rtype, part) in children {
        for &res in cx.resources(rtype) {
            let target = res.body.attr(attr).map(|a| &a.value);
            match index.resolve(target, res) {
                Join::One(i) => apply(i, part, res, true),
                Join::Unknown => {
                    let (candidates, _) = index.candidates(res);
                    if candidates.is_empty() {
                        cx.notice(
                            res.body.loc,
                            format!(
                                "{}: its {what} could not be evaluated and no {what} is declared in its module or the modules calling it; it is not checked",
                                res.full_address()
                            ),
                        );
                    }
                    for &i in candidates {
                        apply(i, part, res, false);
                    }
                }
                Join::Missing(name) => cx.notice(
                    res.body.loc,
                    format!(
                        "{} configures {what} \"{name}\", which is not declared in the scanned configuration; it is not checked",
                        res.full_address()
                    ),
                ),
                Join::Absent => cx.notice(
                    res.body.loc,
                    format!(
                        "{} names no {what} (`{attr}` is missing); it is not checked",
                        res.full_address()
                    ),
                ),
            }
        }
    }
}

/// Records that `child` was merged into the parent (resolved joins only).
pub(crate) fn merged(
    into: &mut cloudsentinel_model::ResourceMeta,
    child: &TfResource,
    known: bool,
) {
    if known {
        merge_into(into, child);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terraform::ir::EvalAttr;
    use cloudsentinel_model::{FileId, Provenance, TextRange};
    use indexmap::IndexMap;

    fn loc(a: usize, b: usize) -> Location {
        Location::new(FileId(0), TextRange::new(a, b))
    }

    fn block(attrs: Vec<(&str, Dyn)>) -> EvalBlock {
        let mut m = IndexMap::new();
        for (i, (k, v)) in attrs.into_iter().enumerate() {
            m.insert(
                k.to_string(),
                EvalAttr {
                    value: v,
                    loc: loc(10 + i * 10, 18 + i * 10),
                    expr_loc: loc(14 + i * 10, 18 + i * 10),
                    is_literal: true,
                },
            );
        }
        EvalBlock {
            ident: "resource".into(),
            labels: vec![],
            loc: loc(0, 1000),
            attrs: m,
            blocks: vec![],
            incomplete: false,
        }
    }

    #[test]
    fn present_absent_and_unknown_fields() {
        let b = block(vec![
            ("on", Dyn::bool(true)),
            ("n", Dyn::string("7")),
            ("u", Dyn::unknown()),
            ("z", Dyn::null()),
        ]);
        let n = Node::block(&b);
        let on = n.bool("on", Some(false));
        assert!(on.is_true() && on.is_explicit());
        assert_eq!(on.meta.location(), Some(loc(10, 18)));
        assert_eq!(n.int("n", None).known(), Some(&7));
        let u = n.bool("u", Some(false));
        assert_eq!(u.meta.provenance, Provenance::Unknown);
        assert_eq!(u.meta.location(), Some(loc(30, 38)));
        let z = n.bool("z", Some(false));
        assert!(z.is_false() && z.is_default());
        assert_eq!(z.meta.location(), Some(loc(0, 1000)));
        assert!(n.string("missing", None).is_unknown());
    }

    #[test]
    fn attribute_syntax_blocks_and_wrong_shapes() {
        let mut obj = IndexMap::new();
        obj.insert(
            "from_port".to_string(),
            Dyn::number(22.0).with_loc(loc(40, 42)),
        );
        let list = Dyn::list(vec![
            Dyn::map(obj).with_loc(loc(35, 60)),
            Dyn::string("oops"),
        ]);
        let b = block(vec![("ingress", list), ("egress", Dyn::unknown())]);
        let n = Node::block(&b);
        let ing = n.children("ingress");
        assert_eq!(ing.nodes.len(), 1);
        assert!(
            ing.incomplete,
            "a non-object element is not silently dropped"
        );
        let port = ing.nodes[0].int("from_port", None);
        assert_eq!(port.known(), Some(&22));
        assert_eq!(port.meta.location(), Some(loc(40, 42)));
        let eg = n.children("egress");
        assert!(eg.nodes.is_empty() && eg.incomplete);
    }

    #[test]
    fn value_locations_outside_the_resource_fall_back_to_the_attribute() {
        let elsewhere = Location::new(FileId(1), TextRange::new(5, 9));
        let b = block(vec![(
            "cidrs",
            Dyn::list(vec![
                Dyn::string("0.0.0.0/0").with_loc(elsewhere),
                Dyn::string("10.0.0.0/8").with_loc(loc(12, 16)),
                Dyn::unknown(),
            ]),
        )]);
        let n = Node::block(&b);
        let c = n.strings("cidrs").unwrap_or_default();
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].meta.location(), Some(loc(10, 18)));
        assert_eq!(c[1].meta.location(), Some(loc(12, 16)));
        assert!(c[2].is_unknown());
    }
}
