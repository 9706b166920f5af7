//! A plan or state document into the evaluated form the Terraform adapters read
//! ([`TfEvaluation`]): one [`TfResource`] per resource instance of `planned_values` (plan) or
//! `values` (state), child modules included, with the addresses Terraform gives them.

use super::config::{Configs, ModuleFiles};
use crate::cloudformation::syntax::{Entry, Node, NodeKind};
use crate::dynvalue::{Dyn, DynKind};
use crate::terraform::ir::{EvalAttr, EvalBlock, ResourceMode, TfEvaluation, TfResource};
use crate::terraform::syntax::{Block, Body, Expr, ExprKind, TravKind};
use cloudsentinel_model::{FileId, Location, ModuleCall, Notice, TextRange};
use indexmap::IndexMap;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Deepest module nesting and value nesting followed; deeper values are Unknown.
const MAX_DEPTH: usize = 128;

/// What the configuration says about a value: whether it is written, so that an attribute
/// the provider computes (unknown in the plan, but not written) stays absent, as the HCL
/// path sees it.
#[derive(Clone, Copy)]
enum Written<'a> {
    /// No configuration for this resource (a state, or a plan without it): every unknown
    /// value is kept as Unknown.
    Unconfigured,
    /// An expression wrote the whole value.
    Leaf,
    /// The expressions of a resource or a nested block, by attribute.
    Exprs(&'a Node),
    /// Nested blocks, by position.
    Blocks(&'a [Node]),
    /// Not written.
    Absent,
}

impl<'a> Written<'a> {
    fn key(self, k: &str) -> Written<'a> {
        match self {
            Written::Exprs(m) => match m.get(k) {
                Some(e) => match &e.kind {
                    NodeKind::Seq(items) => Written::Blocks(items),
                    _ => Written::Leaf,
                },
                None => Written::Absent,
            },
            Written::Blocks(_) => Written::Unconfigured,
            other => other,
        }
    }

    fn index(self, i: usize) -> Written<'a> {
        match self {
            Written::Blocks(items) => items.get(i).map_or(Written::Unconfigured, Written::Exprs),
            Written::Exprs(_) => Written::Unconfigured,
            other => other,
        }
    }
}

/// An attribute whose configuration expression references other objects: resolved once
/// every instance is known.
struct PendingRefs {
    resource: usize,
    attr: String,
    refs: Vec<String>,
    /// The instance the `.tf` expression names (`aws_s3_bucket.b[count.index].id` with this
    /// instance's index), when it is a plain reference and the source is at hand.
    exact: Option<String>,
}

struct Builder<'a> {
    file: FileId,
    configs: &'a Configs<'a>,
    /// `resource_changes[].change.after_unknown` by instance address.
    unknowns: HashMap<&'a str, &'a Node>,
    ev: TfEvaluation,
    pending: Vec<PendingRefs>,
    /// Reading `prior_state`: only the data sources Terraform read while planning (they are
    /// not in `planned_values`) are taken from it.
    prior_data_only: bool,
    addresses: HashSet<String>,
}

/// Reads a parsed plan or state document. A document that is neither gives a notice.
pub fn evaluate(root: &Node, file: FileId, configs: &Configs<'_>) -> TfEvaluation {
    let mut unknowns = HashMap::new();
    for rc in root
        .get("resource_changes")
        .and_then(Node::as_seq)
        .unwrap_or(&[])
    {
        if let (Some(address), Some(u)) = (
            rc.get("address").and_then(Node::as_str),
            rc.get("change").and_then(|c| c.get("after_unknown")),
        ) {
            unknowns.insert(address, u);
        }
    }
    let mut b = Builder {
        file,
        configs,
        unknowns,
        ev: TfEvaluation::default(),
        pending: Vec::new(),
        prior_data_only: false,
        addresses: HashSet::new(),
    };
    let module = root
        .get("planned_values")
        .or_else(|| root.get("values"))
        .and_then(|v| v.get("root_module"));
    match module {
        Some(m) => b.module(m, "", &[], &[], 0),
        None if root.get("format_version").is_some() => {}
        None => b.ev.notices.push(Notice {
            location: Some(b.loc(root)),
            message: "this Terraform JSON has neither `planned_values` nor `values`; no resources were read".to_string(),
        }),
    }
    if root.get("planned_values").is_some()
        && let Some(prior) = root
            .get("prior_state")
            .and_then(|p| p.get("values"))
            .and_then(|v| v.get("root_module"))
    {
        b.prior_data_only = true;
        b.module(prior, "", &[], &[], 0);
    }
    b.resolve_refs();
    b.ev
}

impl<'a> Builder<'a> {
    fn loc(&self, n: &Node) -> Location {
        self.range(n.start, n.end)
    }

    fn range(&self, start: u32, end: u32) -> Location {
        Location::new(self.file, TextRange::new(start as usize, end as usize))
    }

    /// A module of `planned_values`/`values`: its resources, then its child modules.
    fn module(
        &mut self,
        m: &'a Node,
        prefix: &str,
        chain: &[ModuleCall],
        path: &[String],
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            self.ev.notices.push(Notice {
                location: Some(self.loc(m)),
                message: format!("modules nested deeper than {MAX_DEPTH} levels were not read"),
            });
            return;
        }
        let files = self.configs.module_files(path);
        let plan_config = self.configs.plan_module(path);
        for r in m.get("resources").and_then(Node::as_seq).unwrap_or(&[]) {
            self.resource(r, prefix, chain, files.as_deref(), plan_config);
        }
        for child in m.get("child_modules").and_then(Node::as_seq).unwrap_or(&[]) {
            let Some(address) = child.get("address").and_then(Node::as_str) else {
                continue;
            };
            let Some(calls) = parse_module_address(address) else {
                self.ev.notices.push(Notice {
                    location: Some(self.loc(child)),
                    message: format!(
                        "module address `{address}` was not understood; its resources were not read"
                    ),
                });
                continue;
            };
            // Only the last call is new: the others are this module's own chain.
            let Some((name, suffix)) = calls.last() else {
                continue;
            };
            let mut child_chain = chain.to_vec();
            child_chain.push(ModuleCall {
                name: format!("{name}{suffix}"),
                location: files
                    .as_ref()
                    .and_then(|f| f.call(name))
                    .unwrap_or_else(|| self.loc(child)),
            });
            let mut child_path = path.to_vec();
            child_path.push(name.clone());
            let child_prefix = format!("{address}.");
            self.module(child, &child_prefix, &child_chain, &child_path, depth + 1);
        }
    }

    fn resource(
        &mut self,
        r: &'a Node,
        prefix: &str,
        chain: &[ModuleCall],
        files: Option<&ModuleFiles>,
        plan_config: Option<&'a Node>,
    ) {
        let text = |k: &str| r.get(k).and_then(Node::as_str).unwrap_or("");
        let (rtype, name) = (text("type"), text("name"));
        if rtype.is_empty() || name.is_empty() {
            return;
        }
        let mode = if text("mode") == "data" {
            ResourceMode::Data
        } else {
            ResourceMode::Managed
        };
        let is_data = mode == ResourceMode::Data;
        let full = text("address");
        if self.prior_data_only && (!is_data || self.addresses.contains(full)) {
            return;
        }
        self.addresses.insert(full.to_string());
        let address = match full.strip_prefix(prefix) {
            Some(a) if !full.is_empty() => a.to_string(),
            _ => {
                let base = if is_data {
                    format!("data.{rtype}.{name}")
                } else {
                    format!("{rtype}.{name}")
                };
                format!("{base}{}", index_suffix(r.get("index")))
            }
        };
        let expressions = plan_config
            .and_then(|c| c.get("resources"))
            .and_then(Node::as_seq)
            .and_then(|rs| {
                rs.iter().find(|c| {
                    c.get("type").and_then(Node::as_str) == Some(rtype)
                        && c.get("name").and_then(Node::as_str) == Some(name)
                        && (c.get("mode").and_then(Node::as_str) == Some("data")) == is_data
                })
            })
            .and_then(|c| c.get("expressions"));
        let written = expressions.map_or(Written::Unconfigured, Written::Exprs);
        let block = files.and_then(|f| f.resource(is_data, rtype, name));
        let unknown = self.unknowns.get(full).copied();
        let sensitive = r.get("sensitive_values");
        let values = r.get("values");
        let body_loc = block.map_or_else(|| self.loc(r), |b| b.loc);

        let mut attrs = IndexMap::new();
        let entries: &[Entry] = values.and_then(Node::as_map).unwrap_or(&[]);
        let mut keys: Vec<(&str, Option<&Entry>)> =
            entries.iter().map(|e| (&*e.key, Some(e))).collect();
        // Attributes unknown until apply are not in `values` at all.
        for e in unknown.and_then(Node::as_map).unwrap_or(&[]) {
            if values.and_then(|v| v.get(&e.key)).is_none() {
                keys.push((&e.key, None));
            }
        }
        for (key, entry) in keys {
            let Some(value) = self.merge(
                entry.map(|e| &e.value),
                unknown.and_then(|u| u.get(key)),
                sensitive.and_then(|s| s.get(key)),
                written.key(key),
                0,
            ) else {
                continue;
            };
            let expr = expressions.and_then(|e| e.get(key));
            let is_literal = expr.and_then(|e| e.get("constant_value")).is_some();
            let (value, loc, expr_loc) = if let Some(b) = block {
                place_in_body(value, &b.body, key, body_loc)
            } else {
                let (loc, expr_loc) = entry.map_or((body_loc, body_loc), |e| {
                    let (s, end) = e.range();
                    (self.range(s, end), self.loc(&e.value))
                });
                (value, loc, expr_loc)
            };
            if let Some(refs) = expr
                .and_then(|e| e.get("references"))
                .and_then(Node::as_seq)
            {
                let refs: Vec<String> = refs
                    .iter()
                    .filter_map(Node::as_str)
                    .map(str::to_string)
                    .collect();
                if !refs.is_empty() {
                    let exact = block
                        .and_then(|b| b.body.attr(key))
                        .and_then(|a| referenced_address(&a.expr, r.get("index")));
                    self.pending.push(PendingRefs {
                        resource: self.ev.resources.len(),
                        attr: key.to_string(),
                        refs,
                        exact,
                    });
                }
            }
            attrs.insert(
                key.to_string(),
                EvalAttr {
                    value,
                    loc,
                    expr_loc,
                    is_literal,
                },
            );
        }
        let body = EvalBlock {
            ident: if is_data { "data" } else { "resource" }.to_string(),
            labels: vec![rtype.to_string(), name.to_string()],
            loc: body_loc,
            attrs,
            blocks: Vec::new(),
            incomplete: false,
        };
        self.ev.resources.push(TfResource {
            mode,
            rtype: rtype.to_string(),
            name: name.to_string(),
            address,
            module_prefix: prefix.to_string(),
            module_chain: chain.to_vec(),
            body,
            set_elsewhere: Vec::new(),
        });
    }

    /// A value of the plan with its unknown and sensitive marks applied; `None` when it is
    /// absent (or a provider-computed value the configuration does not write).
    fn merge(
        &self,
        value: Option<&Node>,
        unknown: Option<&Node>,
        sensitive: Option<&Node>,
        written: Written<'_>,
        depth: usize,
    ) -> Option<Dyn> {
        let at = value.map(|v| self.loc(v));
        if is_true(sensitive) {
            // Never read: Unknown to the checks, so nothing can quote it.
            return value.map(|_| Dyn::unknown().or_loc(at));
        }
        if is_true(unknown) {
            return match written {
                Written::Absent => None,
                _ => Some(Dyn::unknown().or_loc(at)),
            };
        }
        let value = value?;
        // The plan lists every block of the schema, unset ones as `[]`; the HCL path sees
        // them absent (an adapter may ask whether a block is there at all).
        if matches!(written, Written::Absent | Written::Unconfigured)
            && value.as_seq().is_some_and(<[Node]>::is_empty)
        {
            return None;
        }
        if depth > MAX_DEPTH {
            return Some(Dyn::unknown().or_loc(at));
        }
        let kind = match &value.kind {
            NodeKind::Null => DynKind::Null,
            NodeKind::Bool(b) => DynKind::Bool(*b),
            NodeKind::Number(n) => DynKind::Number(*n),
            NodeKind::String(s) => DynKind::String(s.clone()),
            NodeKind::Seq(items) => DynKind::List(Arc::new(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        self.merge(
                            Some(v),
                            unknown.and_then(|u| u.as_seq()?.get(i)),
                            sensitive.and_then(|s| s.as_seq()?.get(i)),
                            written.index(i),
                            depth + 1,
                        )
                        .unwrap_or_else(Dyn::null)
                    })
                    .collect(),
            )),
            NodeKind::Map(entries) => {
                let mut out = IndexMap::with_capacity(entries.len());
                for e in entries {
                    if let Some(v) = self.merge(
                        Some(&e.value),
                        unknown.and_then(|u| u.get(&e.key)),
                        sensitive.and_then(|s| s.get(&e.key)),
                        written.key(&e.key),
                        depth + 1,
                    ) {
                        out.insert(e.key.to_string(), v);
                    }
                }
                for u in unknown.and_then(Node::as_map).unwrap_or(&[]) {
                    if !out.contains_key(&*u.key)
                        && value.get(&u.key).is_none()
                        && let Some(v) =
                            self.merge(None, Some(&u.value), None, written.key(&u.key), depth + 1)
                    {
                        out.insert(u.key.to_string(), v);
                    }
                }
                DynKind::Map(Arc::new(out))
            }
        };
        Some(Dyn::new(kind).or_loc(at))
    }

    /// Gives attributes that reference another resource of the plan the identity of that
    /// resource (as the HCL evaluator does), so split resources join their parent even when
    /// the value (an id to be created) is unknown. Only unambiguous references count: one
    /// resource named, one instance of it, and a known value that is one of its attributes.
    fn resolve_refs(&mut self) {
        let mut by_decl: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, r) in self.ev.resources.iter().enumerate() {
            let decl = match r.mode {
                ResourceMode::Data => format!("data.{}.{}", r.rtype, r.name),
                ResourceMode::Managed => format!("{}.{}", r.rtype, r.name),
            };
            by_decl
                .entry((r.module_prefix.clone(), decl))
                .or_default()
                .push(i);
        }
        let by_address: HashMap<String, usize> = self
            .ev
            .resources
            .iter()
            .enumerate()
            .map(|(i, r)| (r.full_address(), i))
            .collect();
        for p in std::mem::take(&mut self.pending) {
            let prefix = self.ev.resources[p.resource].module_prefix.clone();
            let exact = p
                .exact
                .as_ref()
                .and_then(|a| by_address.get(&format!("{prefix}{a}")).copied());
            let Some(target) =
                exact.or_else(|| referenced_instance(&p.refs, &prefix, &by_decl, &by_address))
            else {
                continue;
            };
            if target == p.resource {
                continue;
            }
            let target_address = self.ev.resources[target].full_address();
            let target_values: Vec<String> = self.ev.resources[target]
                .body
                .attrs
                .values()
                .filter_map(|a| a.value.to_string_lossy())
                .collect();
            let Some(attr) = self.ev.resources[p.resource].body.attrs.get_mut(&p.attr) else {
                continue;
            };
            let matches = match attr.value.to_string_lossy() {
                // Providers normalise policy JSON: compare documents, not text.
                Some(v) => target_values.iter().any(|t| *t == v || same_json(t, &v)),
                None => attr.value.is_unknown(),
            };
            if matches {
                attr.value.source_ref = Some(target_address.into());
            }
        }
    }
}

/// The one instance a list of configuration references names, if there is exactly one.
fn referenced_instance(
    refs: &[String],
    prefix: &str,
    by_decl: &HashMap<(String, String), Vec<usize>>,
    by_address: &HashMap<String, usize>,
) -> Option<usize> {
    let mut decls: Vec<String> = Vec::new();
    let mut indexed: Option<String> = None;
    for r in refs {
        let Some((decl, index)) = split_reference(r) else {
            continue;
        };
        if !decls.contains(&decl) {
            decls.push(decl.clone());
        }
        if let Some(i) = index {
            indexed = Some(format!("{prefix}{decl}{i}"));
        }
    }
    let [decl] = decls.as_slice() else {
        return None;
    };
    if let Some(address) = indexed {
        return by_address.get(&address).copied();
    }
    match by_decl.get(&(prefix.to_string(), decl.clone()))?.as_slice() {
        [one] if by_address.get(&format!("{prefix}{decl}")) == Some(one) => Some(*one),
        _ => None,
    }
}

/// `aws_s3_bucket.b[0].id` → (`aws_s3_bucket.b`, `Some("[0]")`); `None` for references
/// to variables, locals, modules and the like.
fn split_reference(r: &str) -> Option<(String, Option<String>)> {
    let (data, rest) = match r.strip_prefix("data.") {
        Some(rest) => (true, rest),
        None => (false, r),
    };
    let (rtype, rest) = rest.split_once('.')?;
    if !data
        && matches!(
            rtype,
            "var" | "local" | "module" | "count" | "each" | "path" | "self" | "terraform"
        )
    {
        return None;
    }
    let name_end = rest.find(['.', '[']).unwrap_or(rest.len());
    let name = &rest[..name_end];
    if name.is_empty() {
        return None;
    }
    let after = &rest[name_end..];
    let index = after
        .starts_with('[')
        .then(|| after.find(']').map(|e| after[..=e].to_string()))
        .flatten();
    let decl = if data {
        format!("data.{rtype}.{name}")
    } else {
        format!("{rtype}.{name}")
    };
    Some((decl, index))
}

/// The instance address a plain reference expression names, within its module:
/// `aws_s3_bucket.b[count.index].id` → `aws_s3_bucket.b[1]` for instance 1, also with
/// `each.key` or a literal index; `None` for anything else (a template, a function call).
fn referenced_address(expr: &Expr, own_index: Option<&Node>) -> Option<String> {
    let ExprKind::Traversal(root, ops) = &expr.kind else {
        return None;
    };
    let ExprKind::Var(first) = &root.kind else {
        return None;
    };
    let attr = |i: usize| match ops.get(i).map(|o| &o.kind) {
        Some(TravKind::Attr(a)) => Some(a.clone()),
        _ => None,
    };
    let (decl, next) = if &**first == "data" {
        (format!("data.{}.{}", attr(0)?, attr(1)?), 2)
    } else if matches!(
        &**first,
        "var" | "local" | "module" | "count" | "each" | "path" | "self" | "terraform"
    ) {
        return None;
    } else {
        (format!("{first}.{}", attr(0)?), 1)
    };
    let index = match ops.get(next).map(|o| &o.kind) {
        Some(TravKind::Index(e)) => index_text(e, own_index)?,
        Some(TravKind::Attr(_)) | None => String::new(),
        Some(_) => return None,
    };
    Some(format!("{decl}{index}"))
}

/// `[0]` / `["k"]` for an index expression: a literal, `count.index` or `each.key` (this
/// instance's own index).
fn index_text(e: &Expr, own_index: Option<&Node>) -> Option<String> {
    match &e.kind {
        ExprKind::Number(n) => Some(format!("[{}]", crate::dynvalue::format_number(*n))),
        ExprKind::Str(s) => Some(format!("[{}]", serde_json::Value::String(s.to_string()))),
        ExprKind::Traversal(root, ops) => {
            let ExprKind::Var(v) = &root.kind else {
                return None;
            };
            let [op] = ops.as_slice() else { return None };
            let TravKind::Attr(a) = &op.kind else {
                return None;
            };
            let own = own_index?;
            match (&**v, &**a, &own.kind) {
                ("count", "index", NodeKind::Number(_)) | ("each", "key", NodeKind::String(_)) => {
                    Some(index_suffix(Some(own)))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Both texts are JSON documents (objects or arrays) and equal as values.
fn same_json(a: &str, b: &str) -> bool {
    let looks = |s: &str| s.trim_start().starts_with(['{', '[']);
    looks(a)
        && looks(b)
        && serde_json::from_str::<serde_json::Value>(a)
            .ok()
            .is_some_and(|x| serde_json::from_str::<serde_json::Value>(b).ok() == Some(x))
}

fn is_true(n: Option<&Node>) -> bool {
    n.is_some_and(|n| matches!(n.kind, NodeKind::Bool(true)))
}

/// `[0]` or `["key"]` for a resource's `index`; empty without one.
fn index_suffix(index: Option<&Node>) -> String {
    match index.map(|n| &n.kind) {
        Some(NodeKind::Number(n)) => format!("[{}]", crate::dynvalue::format_number(*n)),
        Some(NodeKind::String(s)) => {
            format!("[{}]", serde_json::Value::String(s.to_string()))
        }
        _ => String::new(),
    }
}

/// `module.a["x"].module.b[0]` → `[("a", "[\"x\"]"), ("b", "[0]")]`.
fn parse_module_address(address: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut rest = address;
    while !rest.is_empty() {
        rest = rest.strip_prefix("module.")?;
        let name_end = rest.find(['.', '[']).unwrap_or(rest.len());
        let name = &rest[..name_end];
        if name.is_empty() {
            return None;
        }
        rest = &rest[name_end..];
        let mut suffix = String::new();
        if rest.starts_with('[') {
            let end = index_end(rest)?;
            suffix = rest[..end].to_string();
            rest = &rest[end..];
        }
        out.push((name.to_string(), suffix));
        if !rest.is_empty() {
            rest = rest.strip_prefix('.')?;
        }
        if out.len() > MAX_DEPTH {
            return None;
        }
    }
    Some(out)
}

/// The byte just past the `]` closing the index `s` starts with (quoted keys may hold
/// brackets and escaped quotes).
fn index_end(s: &str) -> Option<usize> {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            ']' if !in_string => return Some(i + 1),
            _ => {}
        }
    }
    None
}

// ---- locations in the configuration ------------------------------------------------------------

/// An attribute of a resource located in its `.tf` block: the attribute when written, the
/// nested blocks it stands for, else the resource block (a computed or default value).
fn place_in_body(
    value: Dyn,
    body: &Body,
    key: &str,
    block_loc: Location,
) -> (Dyn, Location, Location) {
    if let Some(a) = body.attr(key) {
        let expr_loc = a.expr.loc.unwrap_or(a.loc);
        return (without_locs(value).with_loc(expr_loc), a.loc, expr_loc);
    }
    let blocks: Vec<&Block> = body.blocks_named(key).collect();
    if let Some(first) = blocks.first() {
        let loc = first.loc;
        return (place_blocks(value, &blocks), loc, loc);
    }
    (without_locs(value), block_loc, block_loc)
}

/// A list of objects standing for nested blocks: element `i` is block `i` (when the
/// numbers differ, as with `dynamic` blocks, the values point at the enclosing block).
fn place_blocks(value: Dyn, blocks: &[&Block]) -> Dyn {
    match &value.kind {
        DynKind::List(items) if items.len() == blocks.len() => {
            let placed = items
                .iter()
                .zip(blocks)
                .map(|(item, b)| match &item.kind {
                    DynKind::Map(m) => {
                        let mut out = IndexMap::with_capacity(m.len());
                        for (k, v) in m.iter() {
                            let (v, _, _) = place_in_body(v.clone(), &b.body, k, b.loc);
                            out.insert(k.clone(), v);
                        }
                        Dyn::map(out).with_loc(b.loc)
                    }
                    _ => without_locs(item.clone()),
                })
                .collect();
            Dyn::list(placed)
        }
        _ => without_locs(value),
    }
}

/// The value with no locations: readers then point at the attribute or block holding it.
fn without_locs(mut value: Dyn) -> Dyn {
    value.loc = None;
    match &value.kind {
        DynKind::List(items) => Dyn {
            kind: DynKind::List(Arc::new(items.iter().cloned().map(without_locs).collect())),
            ..value
        },
        DynKind::Map(m) => Dyn {
            kind: DynKind::Map(Arc::new(
                m.iter()
                    .map(|(k, v)| (k.clone(), without_locs(v.clone())))
                    .collect(),
            )),
            ..value
        },
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_addresses_split_into_calls() {
        assert_eq!(
            parse_module_address(r#"module.a["x.y]"].module.b[0]"#),
            Some(vec![
                ("a".to_string(), r#"["x.y]"]"#.to_string()),
                ("b".to_string(), "[0]".to_string())
            ])
        );
        assert_eq!(
            parse_module_address("module.a"),
            Some(vec![("a".to_string(), String::new())])
        );
        assert_eq!(parse_module_address("aws_s3_bucket.a"), None);
        assert_eq!(parse_module_address(r#"module.a["x"#), None);
    }

    #[test]
    fn references_name_declarations_and_instances() {
        assert_eq!(
            split_reference("aws_s3_bucket.b[0].id"),
            Some(("aws_s3_bucket.b".to_string(), Some("[0]".to_string())))
        );
        assert_eq!(
            split_reference("data.aws_iam_policy_document.p.json"),
            Some(("data.aws_iam_policy_document.p".to_string(), None))
        );
        assert_eq!(split_reference("var.name"), None);
        assert_eq!(split_reference("count.index"), None);
        assert_eq!(split_reference("module.m.out"), None);
    }
}
