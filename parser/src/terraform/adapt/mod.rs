//! Terraform adapters: evaluated resources ([`TfEvaluation`]) into the typed model.
//!
//! One file per service mirrors `model/src/aws/`. Every model field becomes a [`Value`]:
//! an attribute that is present and known is Explicit at the attribute; an absent one is
//! the provider's documented default at the enclosing block (Unknown where there is none);
//! a present but unknown (or ill-typed) one is Unknown at the attribute. Split resources
//! (`aws_s3_bucket_acl`, `aws_security_group_rule`, …) are joined to their parent through
//! the `source_ref` the evaluator leaves on values read from another resource, else by a
//! literal name; a split resource whose parent cannot be resolved never lets a check fire
//! on a guess.

mod aws;
mod secrets;

pub(crate) use crate::adapt_common::{pick_loc, src, strings_of, within};
use crate::dynvalue::{Dyn, DynKind};
use crate::terraform::ir::{EvalBlock, ResourceMode, TfEvaluation, TfResource};
use cloudsentinel_model::{Location, Notice, Origin, ResourceMeta, SourceDb, State, Value};
use std::cell::RefCell;
use std::collections::HashMap;

/// Adapts one evaluated root module into the model. The evaluation's notices and parse
/// errors are carried over, followed by the adapters' own notices.
pub fn adapt(eval: &TfEvaluation, db: &SourceDb) -> State {
    let cx = Cx::new(eval, db);
    let mut state = State::default();
    aws::adapt(&cx, &mut state.aws);
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
    meta.module_chain = res.module_chain.clone();
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

/// An attribute that is present and not null.
#[derive(Clone, Copy)]
pub(crate) struct Field<'a> {
    pub value: &'a Dyn,
    /// Where findings about it point: the attribute, or the value's own location.
    pub loc: Location,
    scope: Location,
}

/// Nested blocks of one type.
pub(crate) struct Children<'a> {
    pub nodes: Vec<Node<'a>>,
    /// Some blocks of this type may exist that could not be evaluated.
    pub incomplete: bool,
}

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
        Some(Field {
            value,
            loc,
            scope: self.scope,
        })
    }

    /// True when the attribute is written (even as Unknown), not absent or null.
    pub fn has(&self, name: &str) -> bool {
        self.field(name).is_some()
    }

    /// Nested blocks `name`: real blocks, else an attribute holding an object or a list of
    /// objects.
    pub fn children(&self, name: &str) -> Children<'a> {
        let mut out = Children {
            nodes: Vec::new(),
            incomplete: false,
        };
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

    /// A boolean attribute; `default` when absent (Unknown when there is none).
    pub fn bool(&self, name: &str, default: Option<bool>) -> Value<bool> {
        read(self.field(name), self.loc(), default, Dyn::as_bool)
    }

    /// A string attribute (numbers and bools convert, as in Terraform).
    pub fn string(&self, name: &str, default: Option<&str>) -> Value<String> {
        read(
            self.field(name),
            self.loc(),
            default.map(str::to_string),
            Dyn::to_string_lossy,
        )
    }

    /// A whole-number attribute.
    pub fn int(&self, name: &str, default: Option<i64>) -> Value<i64> {
        read(self.field(name), self.loc(), default, Dyn::as_i64)
    }

    /// The elements of a list-of-strings attribute; `None` when absent.
    pub fn strings(&self, name: &str) -> Option<Vec<Value<String>>> {
        self.field(name).map(|f| f.strings())
    }
}

impl<'a> Field<'a> {
    /// A value inside an attribute (a list element) treated as a field of its own.
    pub fn new(value: &'a Dyn, loc: Location, scope: Location) -> Self {
        Field { value, loc, scope }
    }

    /// Where a value inside this attribute is written: its own location when it lies in
    /// the resource, else the attribute.
    pub fn loc_of(&self, d: &Dyn) -> Location {
        pick_loc(d.loc, self.loc, self.scope)
    }

    /// The attribute as an origin.
    pub fn origin(&self) -> Origin {
        src(self.loc)
    }

    /// The enclosing resource block.
    pub fn scope(&self) -> Location {
        self.scope
    }

    /// The value as a list of strings: a single string is a one-element list; an Unknown
    /// list (or element) yields an Unknown element, so nothing is concluded from it.
    pub fn strings(&self) -> Vec<Value<String>> {
        strings_of(self.value, self.loc, self.scope)
    }
}

/// Reads a field: Explicit when known, Unknown when present but not convertible, the
/// default (at `block`) when absent.
pub(crate) fn read<T>(
    field: Option<Field<'_>>,
    block: Location,
    default: Option<T>,
    conv: impl Fn(&Dyn) -> Option<T>,
) -> Value<T> {
    match field {
        None => match default {
            Some(v) => Value::default_at(v, src(block)),
            None => Value::unknown(src(block)),
        },
        Some(f) => match conv(f.value) {
            Some(v) => Value::explicit(v, f.origin()),
            None => Value::unknown(f.origin()),
        },
    }
}

// ---- joining split resources ------------------------------------------------------------------

/// Index of parent resources (buckets, security groups, VPCs, …) for joining split
/// resources to them.
pub(crate) struct JoinIndex {
    by_address: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    by_module: HashMap<String, Vec<usize>>,
    prefixes: Vec<String>,
}

/// Where a split resource's reference to its parent leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Join {
    /// The attribute is absent or null.
    Absent,
    /// Exactly this parent.
    One(usize),
    /// Could be any of the parents [`JoinIndex::candidates`] lists (the reference did
    /// not evaluate).
    Unknown,
    /// A known name that matches no declared parent.
    Missing(String),
}

impl JoinIndex {
    /// Indexes `parents` (in model order) by full address, by `name_attr` and by module
    /// instance.
    pub fn new(parents: &[&TfResource], name_attr: &[&str]) -> Self {
        let mut idx = JoinIndex {
            by_address: HashMap::with_capacity(parents.len()),
            by_name: HashMap::new(),
            by_module: HashMap::new(),
            prefixes: Vec::with_capacity(parents.len()),
        };
        for (i, p) in parents.iter().enumerate() {
            idx.by_address.insert(p.full_address(), i);
            for attr in name_attr {
                if let Some(n) = p.body.attr(attr).and_then(|a| a.value.as_str()) {
                    idx.by_name.entry(n.to_string()).or_default().push(i);
                }
            }
            idx.by_module
                .entry(p.module_prefix.clone())
                .or_default()
                .push(i);
            idx.prefixes.push(p.module_prefix.clone());
        }
        idx
    }

    /// Resolves the parent named by `value` (an attribute of `child`).
    pub fn resolve(&self, value: Option<&Dyn>, child: &TfResource) -> Join {
        let Some(v) = value.filter(|v| !v.is_null()) else {
            return Join::Absent;
        };
        if let Some(r) = &v.source_ref
            && let Some(&i) = self.by_address.get(&**r)
        {
            return Join::One(i);
        }
        if let Some(name) = v.to_string_lossy() {
            return match self.by_name.get(&name) {
                Some(found) => {
                    let same_module = found
                        .iter()
                        .copied()
                        .find(|&i| self.prefixes.get(i) == Some(&child.module_prefix));
                    match same_module.or_else(|| found.first().copied()) {
                        Some(i) => Join::One(i),
                        None => Join::Missing(name),
                    }
                }
                None => Join::Missing(name),
            };
        }
        Join::Unknown
    }

    /// Parents declared in the module instance `prefix`.
    pub fn in_module(&self, prefix: &str) -> &[usize] {
        self.by_module.get(prefix).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The parents an unresolved reference of `child` could name: those of its module
    /// instance, else of the nearest calling module instance that declares any (the value
    /// may have come in through a module input). Returns them with that instance's prefix.
    pub fn candidates(&self, child: &TfResource) -> (&[usize], String) {
        for depth in (0..=child.module_chain.len()).rev() {
            let prefix: String = child
                .module_chain
                .iter()
                .take(depth)
                .map(|m| format!("module.{}.", m.name))
                .collect();
            let found = self.in_module(&prefix);
            if !found.is_empty() {
                return (found, prefix);
            }
        }
        (&[], String::new())
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
