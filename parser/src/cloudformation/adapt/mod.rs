//! CloudFormation adapters: evaluated resources ([`CfnEvaluation`]) into the typed model.
//!
//! One file per service mirrors `model/src/aws/` (and `parser/src/terraform/adapt/aws/`).
//! Every model field becomes a [`Value`]: a property that is present and known is Explicit
//! at the property (key through value); an absent one is CloudFormation's (or AWS's)
//! documented default at the enclosing object (Unknown where there is none); a present but
//! unknown (or ill-typed) one is Unknown at the property. Resources that configure another
//! (`AWS::S3::BucketPolicy`, `AWS::EC2::SecurityGroupIngress`, `AWS::EC2::FlowLog`,
//! `AWS::IAM::Policy`, …) are joined to it through the `source_ref` a `!Ref` or `!GetAtt`
//! leaves on the value, else by a literal name.

mod aws;

use super::{CfnEvaluation, CfnResource};
use crate::adapt_common::{pick_loc, src, strings_of};
use crate::dynvalue::{Dyn, DynKind};
use cloudsentinel_model::{Location, Notice, Origin, ResourceMeta, SourceDb, State, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Adapts one evaluated root template (with its nested stacks) into the model.
pub fn adapt(ev: &CfnEvaluation, _db: &SourceDb) -> State {
    let cx = Cx::new(ev);
    let mut state = State::default();
    aws::adapt(&cx, &mut state.aws);
    state.secrets = ev.secrets.clone();
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
    meta.module_chain = res.module_chain.clone();
    meta.ignores = res.ignores.clone();
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

/// A property that is present and not null (possibly Unknown).
#[derive(Clone, Copy)]
pub(crate) struct Field<'a> {
    pub value: &'a Dyn,
    /// The property, key through value.
    pub loc: Location,
    pub scope: Location,
}

/// Nested objects of a property (a list of objects, or one).
pub(crate) struct Children<'a> {
    pub nodes: Vec<Obj<'a>>,
    /// Some elements could not be evaluated (or are not objects).
    pub incomplete: bool,
}

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
                Some(Field {
                    value: v,
                    loc: pick_loc(v.loc, self.loc, self.scope),
                    scope: self.scope,
                })
            }
            _ => Some(Field {
                value: &UNKNOWN,
                loc: self.loc,
                scope: self.scope,
            }),
        }
    }

    /// True when the property is written (even as Unknown).
    pub fn has(&self, name: &str) -> bool {
        self.field(name).is_some()
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
        let mut out = Children {
            nodes: Vec::new(),
            incomplete: false,
        };
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

    /// A boolean property (`true`/`false`, also as strings in any case).
    pub fn bool(&self, name: &str, default: Option<bool>) -> Value<bool> {
        read(self.field(name), self.loc, default, as_bool)
    }

    /// A string property (numbers and booleans convert).
    pub fn string(&self, name: &str, default: Option<&str>) -> Value<String> {
        read(
            self.field(name),
            self.loc,
            default.map(str::to_string),
            Dyn::to_string_lossy,
        )
    }

    /// A whole-number property.
    pub fn int(&self, name: &str, default: Option<i64>) -> Value<i64> {
        read(self.field(name), self.loc, default, Dyn::as_i64)
    }

    /// The elements of a list-of-strings property; `None` when absent.
    pub fn strings(&self, name: &str) -> Option<Vec<Value<String>>> {
        self.field(name).map(|f| f.strings())
    }
}

impl<'a> Field<'a> {
    pub fn origin(&self) -> Origin {
        src(self.loc)
    }

    /// Where a value inside this property is written.
    pub fn loc_of(&self, d: &Dyn) -> Location {
        pick_loc(d.loc, self.loc, self.scope)
    }

    /// The value as a list of strings (a single string is a one-element list).
    pub fn strings(&self) -> Vec<Value<String>> {
        strings_of(self.value, self.loc, self.scope)
    }
}

fn as_bool(d: &Dyn) -> Option<bool> {
    d.as_bool()
        .or_else(|| match d.as_str()?.to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        })
}

/// Reads a property: Explicit when known, Unknown when present but not convertible, the
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

// ---- joining resources that configure another ---------------------------------------------

/// Index of parent resources (buckets, security groups, VPCs, …).
pub(crate) struct JoinIndex {
    by_address: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    prefixes: Vec<String>,
}

/// Where a reference to a parent leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Join {
    /// The property is absent or null.
    Absent,
    /// Exactly this parent.
    One(usize),
    /// Could be any parent of the same stack (the reference did not evaluate).
    Unknown,
    /// A known name that matches no declared parent.
    Missing(String),
}

impl JoinIndex {
    /// Indexes `parents` by address and by the literal value of their `name_props`.
    pub fn new(parents: &[&CfnResource], name_props: &[&str]) -> Self {
        let mut idx = JoinIndex {
            by_address: HashMap::with_capacity(parents.len()),
            by_name: HashMap::new(),
            prefixes: Vec::with_capacity(parents.len()),
        };
        for (i, p) in parents.iter().enumerate() {
            idx.by_address.insert(p.full_address(), i);
            for prop in name_props {
                if let Some(n) = p.props.get(prop).and_then(Dyn::to_string_lossy) {
                    idx.by_name.entry(n).or_default().push(i);
                }
            }
            idx.prefixes.push(p.prefix.clone());
        }
        idx
    }

    /// Resolves the parent `value` (a property of `child`) names.
    pub fn resolve(&self, value: Option<&Dyn>, child: &CfnResource) -> Join {
        let Some(v) = value.filter(|v| !v.is_null()) else {
            return Join::Absent;
        };
        if let Some(r) = &v.source_ref {
            return match self.by_address.get(&**r) {
                Some(&i) => Join::One(i),
                // A reference to some other kind of resource.
                None => Join::Missing(r.to_string()),
            };
        }
        if let Some(name) = v.to_string_lossy() {
            return match self.by_name.get(&name) {
                Some(found) => {
                    let same_stack = found
                        .iter()
                        .copied()
                        .find(|&i| self.prefixes.get(i) == Some(&child.prefix));
                    match same_stack.or_else(|| found.first().copied()) {
                        Some(i) => Join::One(i),
                        None => Join::Missing(name),
                    }
                }
                None => Join::Missing(name),
            };
        }
        Join::Unknown
    }

    /// The parents an unresolved reference of `child` could name: those of its stack.
    pub fn candidates(&self, child: &CfnResource) -> Vec<usize> {
        self.prefixes
            .iter()
            .enumerate()
            .filter(|(_, p)| **p == child.prefix)
            .map(|(i, _)| i)
            .collect()
    }
}
