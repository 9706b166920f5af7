//! Evaluation of an ARM template into a flat list of resources.
//!
//! Parameters (caller values, defaults that are expressions, `nullable`), variables (lazily,
//! with cycle detection), user-defined functions, `copy` loops on resources, properties,
//! variables and outputs, `condition`, child resources (nested `resources`, symbolic
//! `resources` objects of language version 2.0) and nested deployments (inline templates in
//! inner or outer scope, and local linked templates) are evaluated. What only the deployment
//! knows is Unknown (see [`super::expr::eval`]).

use super::expr::{self, Context, Evaluator, ExprError, StringValue};
use crate::cloudformation::syntax::{self, Node, NodeKind};
use crate::dynvalue::{Dyn, DynKind};
use cloudsentinel_model::{FileId, Location, ModuleCall, Notice, ParseError, SourceDb, TextRange};
use indexmap::IndexMap;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// ARM's limit on the iterations of one `copy` loop.
pub const MAX_COPY: i64 = 800;
/// Deepest chain of nested deployments followed (ours; deeper is reported).
pub const MAX_DEPLOYMENT_DEPTH: usize = 20;
/// Evaluation steps one template (nested deployments included) may take.
pub const DEFAULT_MAX_STEPS: u64 = 20_000_000;
/// Deepest chain of variables, parameter defaults and user functions evaluating each other.
const MAX_REFERENCE_DEPTH: usize = 96;
/// Most resources one template may expand to.
pub const MAX_RESOURCES: usize = 100_000;
/// Largest value (in nodes) or string (in bytes) an expression may build.
pub(crate) const MAX_VALUE_SIZE: usize = 1_000_000;
/// Deepest value an expression may build (JSON itself nests at most 256 levels), so code
/// walking values recursively, on any thread, stays within its stack.
const MAX_VALUE_DEPTH: usize = 512;

/// What the caller knows about a deployment.
#[derive(Debug, Clone, Default)]
pub struct ArmOptions {
    /// Parameter values (from a parameters file or the command line), by name; parameters
    /// without a value and without a default are Unknown.
    pub parameters: IndexMap<String, Dyn>,
    /// Linked templates must lie under this directory (the scanned tree); `None`: linked
    /// templates are not followed.
    pub root: Option<PathBuf>,
    /// Evaluation step budget (0: [`DEFAULT_MAX_STEPS`]).
    pub max_steps: u64,
}

/// Whether a resource is deployed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArmCondition {
    /// No condition, or one that evaluates to true.
    Deployed,
    /// A condition that depends on what only the deployment knows (it or a parent's).
    Unknown,
}

/// One resource instance of a template (a copy loop gives one per iteration).
#[derive(Debug, Clone, PartialEq)]
pub struct ArmResource {
    /// The full type: `Microsoft.Storage/storageAccounts/blobServices`.
    pub resource_type: String,
    pub api_version: Option<String>,
    /// The full name (`account/default` for a child), often partly Unknown.
    pub name: Dyn,
    /// The symbolic name of language version 2.0 (`storageAccount`).
    pub symbolic_name: Option<String>,
    /// For display: nested deployments as `module.<address>.`, then the symbolic name or
    /// `resources[2]` (children: `resources[2].resources[0]`), and `[i]` per copy.
    pub address: String,
    /// The whole resource object evaluated (`properties`, `sku`, `kind`, `location`,
    /// `identity`, `tags`, …), values located at the JSON node that produced them; the
    /// `resources`, `copy` and `condition` entries and a deployment's inline `template` are
    /// left out (they are evaluated on their own).
    pub body: Dyn,
    /// The resource's JSON object.
    pub location: Location,
    /// `existing: true`: a reference to a resource deployed elsewhere.
    pub existing: bool,
    pub condition: ArmCondition,
    /// The resource's `metadata` (the suppression contract: `{"cloudsentinel": {"ignore":
    /// […]}}`), null when absent.
    pub metadata: Dyn,
    /// Nested deployments from the root template down to the one that declares it.
    pub deployments: Vec<ModuleCall>,
    /// [`expr::resource_key`] of the type and name when the name is known: what a
    /// `resourceId(…)` of this resource carries as its `source_ref`.
    pub key: Option<String>,
}

impl ArmResource {
    /// True when it comes from a nested deployment.
    pub fn is_nested(&self) -> bool {
        !self.deployments.is_empty()
    }

    /// The value at `path` in the body (`["properties", "networkAcls", "defaultAction"]`),
    /// keys matched ignoring case as ARM does; `None` when absent (or under an Unknown).
    pub fn get(&self, path: &[&str]) -> Option<&Dyn> {
        path.iter()
            .try_fold(&self.body, |v, key| get_property(v, key))
    }
}

/// A property of an object value, ignoring case as ARM does (exact spelling first).
pub fn get_property<'a>(value: &'a Dyn, key: &str) -> Option<&'a Dyn> {
    property_ci(value.as_map()?, key)
}

/// Everything one template evaluated to.
#[derive(Debug, Clone, PartialEq)]
pub struct ArmDeployment {
    pub file: FileId,
    /// The deployment scope the `$schema` names: `resourceGroup`, `subscription`,
    /// `managementGroup` or `tenant`.
    pub target_scope: String,
    pub resources: Vec<ArmResource>,
    /// The root template's outputs.
    pub outputs: IndexMap<String, Dyn>,
    /// The root template's `metadata`.
    pub metadata: Dyn,
    /// Located errors: the template is invalid where they point.
    pub errors: Vec<ParseError>,
    /// What could not be evaluated (never a finding).
    pub notices: Vec<Notice>,
    /// Linked template files read (registered in the source database).
    pub linked_files: Vec<PathBuf>,
}

/// A template document: the file it is in and its root object (a subtree for an inline
/// nested template).
#[derive(Clone)]
struct Doc {
    file: FileId,
    text: Arc<str>,
    root: Arc<Node>,
}

#[derive(Clone)]
enum Slot {
    Evaluating,
    Done(Dyn),
}

/// The scope expressions are evaluated in.
#[derive(Clone)]
struct Frame {
    /// The template whose parameters, variables and functions apply.
    defs: Doc,
    params: HashMap<String, Slot>,
    /// Values passed in (a parameters file, a nested deployment's `parameters`), by
    /// lowercase name; null falls back to the default, as ARM does.
    given: HashMap<String, Dyn>,
    vars: HashMap<String, Slot>,
    /// Active copy loops, innermost last.
    copies: Vec<CopyLoop>,
    /// Inside a user-defined function: only its parameters are visible.
    in_function: bool,
    chain: Vec<ModuleCall>,
    prefix: String,
    depth: usize,
    /// The condition every resource here inherits: a nested deployment's, or that of an
    /// instance of a copy loop whose count is Unknown (it may not exist at all).
    condition: ArmCondition,
}

/// The count of a copy loop.
enum CopyCount {
    Known(i64),
    /// Known only at deployment.
    Unknown,
}

/// An active copy loop.
#[derive(Clone)]
struct CopyLoop {
    name: Option<String>,
    /// `None`: Unknown (the count is known only at deployment).
    index: Option<i64>,
    /// A property or variable loop: only `copyIndex('name')` reads it.
    named_only: bool,
}

impl CopyLoop {
    fn new(name: Option<String>, index: Option<i64>, named_only: bool) -> Self {
        CopyLoop {
            name,
            index,
            named_only,
        }
    }
}

struct Run<'a> {
    db: &'a SourceDb,
    opts: &'a ArmOptions,
    steps: u64,
    max_steps: u64,
    /// Evaluation stops: the step budget or the resource limit was reached.
    exhausted: bool,
    /// The step budget was spent, and whether that was reported (once).
    budget_spent: bool,
    budget_reported: bool,
    reference_depth: usize,
    /// Above zero, errors are dropped: ARM evaluates an `existing` resource only where it
    /// is used, so its own expressions may fail harmlessly (a null optional id).
    quiet: usize,
    /// Nested templates by file and range (a linked file: its whole text), read or copied
    /// once each.
    templates: HashMap<(FileId, u32, u32), Arc<Node>>,
    /// `deployment()` of each template, built once.
    deployments: HashMap<(FileId, u32, u32), Dyn>,
    out: ArmDeployment,
}

/// Stack of the thread a template is evaluated on: the limits above bound recursion, and
/// this bounds what they may use, whatever thread the caller runs on.
pub(crate) const EVAL_STACK: usize = 256 * 1024 * 1024;

/// Evaluates the template in `file` (already registered in `db`).
pub fn evaluate_template(db: &SourceDb, file: FileId, opts: &ArmOptions) -> ArmDeployment {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("arm-template".into())
            .stack_size(EVAL_STACK)
            .spawn_scoped(s, || evaluate_on_this_thread(db, file, opts))
            .ok()
            .and_then(|h| h.join().ok())
    })
    .unwrap_or_else(|| evaluate_on_this_thread(db, file, opts))
}

fn evaluate_on_this_thread(db: &SourceDb, file: FileId, opts: &ArmOptions) -> ArmDeployment {
    let mut out = ArmDeployment {
        file,
        target_scope: "resourceGroup".into(),
        resources: Vec::new(),
        outputs: IndexMap::new(),
        metadata: Dyn::null(),
        errors: Vec::new(),
        notices: Vec::new(),
        linked_files: Vec::new(),
    };
    let text = db.get(file).text.clone();
    let root = match syntax::parse_json(&text) {
        Ok(r) => r,
        Err(e) => {
            out.errors.push(ParseError {
                location: Location::new(file, TextRange::new(e.offset, e.offset)),
                message: e.message,
            });
            return out;
        }
    };
    if root.as_map().is_none() {
        out.errors.push(ParseError {
            location: Location::new(file, TextRange::new(root.start as usize, root.end as usize)),
            message: "an ARM template is a JSON object".into(),
        });
        return out;
    }
    if let Some(s) = root.get("$schema").and_then(Node::as_str) {
        out.target_scope = schema_scope(s).unwrap_or("resourceGroup").to_string();
    }
    let doc = Doc {
        file,
        text,
        root: Arc::new(root),
    };
    let max_steps = if opts.max_steps == 0 {
        DEFAULT_MAX_STEPS
    } else {
        opts.max_steps
    };
    let mut run = Run {
        db,
        opts,
        steps: 0,
        max_steps,
        exhausted: false,
        budget_spent: false,
        budget_reported: false,
        reference_depth: 0,
        quiet: 0,
        templates: HashMap::new(),
        deployments: HashMap::new(),
        out,
    };
    let result = crate::cloudformation::isolate(file, || {
        let mut frame = Frame::new(doc.clone(), Vec::new(), String::new(), 0);
        frame.given = opts
            .parameters
            .iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
            .collect();
        let mut scope = Scope {
            run: &mut run,
            frame: &mut frame,
        };
        scope.check_given_parameters(&doc);
        if let Some(m) = doc.root.get("metadata") {
            let m = scope.node(&doc, m);
            scope.run.out.metadata = m;
        }
        scope.template(&doc, true);
    });
    if let Err(e) = result {
        run.out.errors.push(e);
    }
    // A deployment's parameters are evaluated for its body and for its template.
    let mut seen = std::collections::HashSet::new();
    run.out
        .errors
        .retain(|e| seen.insert((e.location, e.message.clone())));
    let mut seen = std::collections::HashSet::new();
    run.out
        .notices
        .retain(|n| seen.insert((n.location, n.message.clone())));
    run.out
}

/// The deployment scope of a template `$schema`, `None` when it is not one.
pub fn schema_scope(schema: &str) -> Option<&'static str> {
    let s = schema.to_ascii_lowercase();
    if !s.contains("schema.management.azure.com/schemas/") {
        return None;
    }
    let file = s.rsplit('/').next()?.trim_end_matches('#');
    Some(match file {
        "deploymenttemplate.json" => "resourceGroup",
        "subscriptiondeploymenttemplate.json" => "subscription",
        "managementgroupdeploymenttemplate.json" => "managementGroup",
        "tenantdeploymenttemplate.json" => "tenant",
        _ => return None,
    })
}

impl Frame {
    fn new(defs: Doc, chain: Vec<ModuleCall>, prefix: String, depth: usize) -> Self {
        Frame {
            defs,
            params: HashMap::new(),
            given: HashMap::new(),
            vars: HashMap::new(),
            copies: Vec::new(),
            in_function: false,
            chain,
            prefix,
            depth,
            condition: ArmCondition::Deployed,
        }
    }
}

/// A case-insensitive entry of a map node.
fn entry_ci<'n>(node: &'n Node, key: &str) -> Option<&'n syntax::Entry> {
    let m = node.as_map()?;
    m.iter()
        .find(|e| &*e.key == key)
        .or_else(|| m.iter().find(|e| e.key.eq_ignore_ascii_case(key)))
}

fn get_ci<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    entry_ci(node, key).map(|e| &e.value)
}

/// True when a value has at most `limit` nodes, nests at most [`MAX_VALUE_DEPTH`] levels and
/// holds no string over [`MAX_VALUE_SIZE`] bytes (walked without recursion).
pub(crate) fn size_at_most(d: &Dyn, limit: usize) -> bool {
    let mut n = 0usize;
    let mut stack = vec![(d, 0usize)];
    while let Some((x, depth)) = stack.pop() {
        n += 1;
        if n > limit || depth > MAX_VALUE_DEPTH {
            return false;
        }
        match &x.kind {
            DynKind::List(l) => stack.extend(l.iter().map(|v| (v, depth + 1))),
            DynKind::Map(m) => stack.extend(m.values().map(|v| (v, depth + 1))),
            DynKind::String(s) if s.len() > MAX_VALUE_SIZE => return false,
            _ => {}
        }
    }
    true
}

struct Scope<'r, 'a> {
    run: &'r mut Run<'a>,
    frame: &'r mut Frame,
}

impl Scope<'_, '_> {
    fn loc(doc: &Doc, start: u32, end: u32) -> Location {
        Location::new(doc.file, TextRange { start, end })
    }

    fn node_loc(doc: &Doc, n: &Node) -> Location {
        Self::loc(doc, n.start, n.end)
    }

    fn error(&mut self, location: Location, message: impl Into<String>) {
        if self.run.quiet == 0 && self.run.out.errors.len() < 1000 {
            self.run.out.errors.push(ParseError {
                location,
                message: message.into(),
            });
        }
    }

    fn notice(&mut self, location: Option<Location>, message: impl Into<String>) {
        self.run.out.notices.push(Notice {
            location,
            message: message.into(),
        });
    }

    /// Maps an error inside a string value to the file: exact when the JSON string has no
    /// escapes, else the whole string.
    fn expr_error(&mut self, doc: &Doc, n: &Node, value: &str, e: &ExprError) {
        let raw = doc
            .text
            .get(n.start as usize + 1..(n.end as usize).saturating_sub(1));
        let loc = match raw.and_then(|r| unescape_offsets(r, value)) {
            Some(offsets) => {
                let at = |i: u32| {
                    offsets
                        .get(i as usize)
                        .copied()
                        .unwrap_or(offsets.last().copied().unwrap_or(0))
                };
                let s = n.start + 1 + at(e.start);
                let end = n.start + 1 + at(e.end);
                Self::loc(doc, s, end.max(s))
            }
            None => Self::node_loc(doc, n),
        };
        if self.run.budget_spent {
            // Every evaluation fails once the budget is spent: report the first only.
            self.report_budget(loc);
            return;
        }
        self.error(loc, e.message.clone());
    }

    /// Evaluates a string value: an expression or a literal.
    fn string_value(&mut self, doc: &Doc, n: &Node, s: &str) -> Dyn {
        let loc = Self::node_loc(doc, n);
        match expr::classify(s) {
            StringValue::Literal(l) => Dyn::string(l.as_ref()).with_loc(loc),
            StringValue::Expression(_) => {
                let parsed = match expr::parse_expression(s) {
                    Ok(p) => p,
                    Err(e) => {
                        self.expr_error(doc, n, s, &e);
                        return Dyn::unknown().with_loc(loc);
                    }
                };
                match Evaluator::new(self).eval(&parsed) {
                    Ok(v) => v.with_loc(loc),
                    Err(e) => {
                        self.expr_error(doc, n, s, &e);
                        Dyn::unknown().with_loc(loc)
                    }
                }
            }
        }
    }

    fn spend(&mut self) -> bool {
        self.run.steps += 1;
        if self.run.steps > self.run.max_steps {
            self.run.exhausted = true;
            self.run.budget_spent = true;
            return false;
        }
        true
    }

    fn report_budget(&mut self, loc: Location) {
        if !self.run.budget_reported && self.run.quiet == 0 {
            self.run.budget_reported = true;
            self.error(
                loc,
                format!(
                    "evaluation stopped here after {} steps (the step budget); the rest of the template is not evaluated",
                    self.run.max_steps
                ),
            );
        }
    }

    /// Evaluates a JSON node (expressions, and `copy` arrays in objects).
    fn node(&mut self, doc: &Doc, n: &Node) -> Dyn {
        if !self.spend() {
            return Dyn::unknown();
        }
        let loc = Self::node_loc(doc, n);
        match &n.kind {
            NodeKind::Null => Dyn::null().with_loc(loc),
            NodeKind::Bool(b) => Dyn::bool(*b).with_loc(loc),
            NodeKind::Number(x) => Dyn::number(*x).with_loc(loc),
            NodeKind::String(s) => self.string_value(doc, n, s),
            NodeKind::Seq(items) => {
                Dyn::list(items.iter().map(|i| self.node(doc, i)).collect()).with_loc(loc)
            }
            NodeKind::Map(entries) => {
                let mut m = IndexMap::with_capacity(entries.len());
                for e in entries {
                    if &*e.key == "copy" && is_property_copy(&e.value) {
                        for (name, value) in self.property_copies(doc, &e.value) {
                            m.insert(name, value);
                        }
                        continue;
                    }
                    let key = self.key(doc, e);
                    m.insert(key, self.node(doc, &e.value));
                }
                Dyn::map(m).with_loc(loc)
            }
        }
    }

    /// A property name: ARM evaluates one written as an expression (`"[parameters('tag')]"`);
    /// one known only at deployment stays as written.
    fn key(&mut self, doc: &Doc, e: &syntax::Entry) -> String {
        match expr::classify(&e.key) {
            StringValue::Literal(l) => l.into_owned(),
            StringValue::Expression(_) => {
                let key_node = Node {
                    kind: NodeKind::String(e.key.clone()),
                    start: e.key_start,
                    end: e.key_end,
                };
                let v = self.string_value(doc, &key_node, &e.key);
                v.to_string_lossy().unwrap_or_else(|| e.key.to_string())
            }
        }
    }

    /// The number of iterations of a copy loop, `None` (reported) when it cannot be used.
    fn copy_count(&mut self, doc: &Doc, count: Option<&Node>, at: &Node) -> Option<CopyCount> {
        let Some(count) = count else {
            self.error(Self::node_loc(doc, at), "a copy loop needs a `count`");
            return None;
        };
        let c = self.node(doc, count);
        match &c.kind {
            DynKind::Unknown => Some(CopyCount::Unknown),
            DynKind::Number(x) if x.fract() == 0.0 => {
                let x = *x as i64;
                if !(0..=MAX_COPY).contains(&x) {
                    self.error(
                        Self::node_loc(doc, count),
                        format!("copy count {x} is outside 0..={MAX_COPY} (ARM's limit)"),
                    );
                    return None;
                }
                Some(CopyCount::Known(x))
            }
            _ => {
                self.error(
                    Self::node_loc(doc, count),
                    "a copy count must be an integer",
                );
                None
            }
        }
    }

    /// `"copy": [{"name", "count", "input"}]` in an object: each becomes an array property.
    fn property_copies(&mut self, doc: &Doc, copy: &Node) -> Vec<(String, Dyn)> {
        let mut out = Vec::new();
        for c in copy.as_seq().unwrap_or(&[]) {
            let Some(name) = c.get("name").and_then(Node::as_str) else {
                continue;
            };
            let loc = Self::node_loc(doc, c);
            let Some(input) = c.get("input") else {
                self.error(loc, format!("copy `{name}` has no `input`"));
                continue;
            };
            let value = match self.copy_count(doc, c.get("count"), c) {
                None | Some(CopyCount::Unknown) => Dyn::unknown().with_loc(loc),
                Some(CopyCount::Known(count)) => {
                    let mut items = Vec::new();
                    for i in 0..count {
                        self.frame.copies.push(CopyLoop::new(
                            Some(name.to_string()),
                            Some(i),
                            true,
                        ));
                        items.push(self.node(doc, input));
                        self.frame.copies.pop();
                    }
                    Dyn::list(items).with_loc(loc)
                }
            };
            out.push((name.to_string(), value));
        }
        out
    }

    /// Reports caller-given parameters that the template does not allow.
    fn check_given_parameters(&mut self, doc: &Doc) {
        let Some(params) = doc.root.get("parameters").and_then(Node::as_map) else {
            return;
        };
        for (name, value) in &self.run.opts.parameters.clone() {
            let Some(def) = params.iter().find(|e| e.key.eq_ignore_ascii_case(name)) else {
                continue;
            };
            let Some(allowed) = get_ci(&def.value, "allowedValues") else {
                continue;
            };
            if value.contains_unknown() {
                continue;
            }
            let allowed = self.node(doc, allowed);
            // Compared without locations: the allowed values carry the template's.
            let allowed_values: Option<Vec<Dyn>> =
                allowed.as_list().map(|a| a.iter().map(strip).collect());
            let ok = match (&value.kind, allowed_values) {
                (DynKind::List(items), Some(a)) => items.iter().all(|i| a.contains(&strip(i))),
                (_, Some(a)) => a.contains(&strip(value)),
                _ => true,
            };
            if !ok {
                let loc = Self::loc(doc, def.key_start, def.key_end);
                self.error(
                    loc,
                    format!(
                        "the value given for parameter `{name}` is not one of its allowedValues"
                    ),
                );
            }
        }
    }

    fn template(&mut self, doc: &Doc, root_outputs: bool) {
        if let Some(resources) = doc.root.get("resources") {
            self.resources(doc, resources, None, "");
        }
        if let Some(outputs) = doc.root.get("outputs").and_then(Node::as_map) {
            for o in outputs {
                if self.run.exhausted {
                    break;
                }
                let value = self.output(doc, &o.value);
                if root_outputs && let Some(v) = value {
                    self.run.out.outputs.insert(o.key.to_string(), v);
                }
            }
        }
        if self.run.budget_spent {
            self.report_budget(Self::loc(doc, doc.root.start, doc.root.start));
        }
    }

    fn output(&mut self, doc: &Doc, o: &Node) -> Option<Dyn> {
        if let Some(c) = get_ci(o, "condition") {
            let c = self.node(doc, c);
            if c.as_bool() == Some(false) {
                return None;
            }
        }
        if let Some(copy) = get_ci(o, "copy") {
            let loc = Self::node_loc(doc, copy);
            return Some(match self.copy_count(doc, copy.get("count"), copy) {
                Some(CopyCount::Known(count)) => {
                    let input = copy.get("input")?;
                    let mut items = Vec::new();
                    for i in 0..count {
                        self.frame.copies.push(CopyLoop::new(None, Some(i), false));
                        items.push(self.node(doc, input));
                        self.frame.copies.pop();
                    }
                    Dyn::list(items).with_loc(loc)
                }
                _ => Dyn::unknown().with_loc(loc),
            });
        }
        get_ci(o, "value").map(|v| self.node(doc, v))
    }

    /// A `resources` array (language version 1.0) or object of symbolic names (2.0).
    fn resources(&mut self, doc: &Doc, list: &Node, parent: Option<&Parent>, addr_prefix: &str) {
        let items: Vec<(String, Option<String>, &Node)> = match &list.kind {
            NodeKind::Seq(s) => s
                .iter()
                .enumerate()
                .map(|(i, r)| (format!("{addr_prefix}resources[{i}]"), None, r))
                .collect(),
            NodeKind::Map(m) => m
                .iter()
                .map(|e| {
                    (
                        format!("{addr_prefix}{}", e.key),
                        Some(e.key.to_string()),
                        &e.value,
                    )
                })
                .collect(),
            _ => {
                self.error(
                    Self::node_loc(doc, list),
                    "`resources` must be an array or an object",
                );
                return;
            }
        };
        for (address, symbolic, node) in items {
            if self.run.exhausted {
                return;
            }
            if node.as_map().is_none() {
                self.error(Self::node_loc(doc, node), "a resource must be an object");
                continue;
            }
            match get_ci(node, "copy") {
                Some(copy) if copy.as_map().is_some() => {
                    let loop_name = copy.get("name").and_then(Node::as_str).map(str::to_string);
                    match self.copy_count(doc, get_ci(copy, "count"), copy) {
                        None => {}
                        Some(CopyCount::Unknown) => {
                            self.notice(
                                Some(Self::node_loc(doc, copy)),
                                format!(
                                    "the copy count of `{address}` is known only at deployment; \
                                     one instance is evaluated with an Unknown copyIndex()"
                                ),
                            );
                            self.frame
                                .copies
                                .push(CopyLoop::new(loop_name, None, false));
                            let saved = self.frame.condition;
                            self.frame.condition = ArmCondition::Unknown;
                            self.instance(
                                doc,
                                node,
                                parent,
                                format!("{address}[*]"),
                                symbolic.clone(),
                            );
                            self.frame.condition = saved;
                            self.frame.copies.pop();
                        }
                        Some(CopyCount::Known(count)) => {
                            for i in 0..count {
                                self.frame.copies.push(CopyLoop::new(
                                    loop_name.clone(),
                                    Some(i),
                                    false,
                                ));
                                self.instance(
                                    doc,
                                    node,
                                    parent,
                                    format!("{address}[{i}]"),
                                    symbolic.clone(),
                                );
                                self.frame.copies.pop();
                                if self.run.exhausted {
                                    break;
                                }
                            }
                        }
                    }
                }
                _ => self.instance(doc, node, parent, address, symbolic),
            }
        }
    }

    fn instance(
        &mut self,
        doc: &Doc,
        node: &Node,
        parent: Option<&Parent>,
        address: String,
        symbolic: Option<String>,
    ) {
        let existing = get_ci(node, "existing").is_some_and(|e| e.kind == NodeKind::Bool(true));
        if existing {
            self.run.quiet += 1;
        }
        self.instance_inner(doc, node, parent, address, symbolic);
        if existing {
            self.run.quiet -= 1;
        }
    }

    fn instance_inner(
        &mut self,
        doc: &Doc,
        node: &Node,
        parent: Option<&Parent>,
        address: String,
        symbolic: Option<String>,
    ) {
        let loc = Self::node_loc(doc, node);
        let inherited = [Some(self.frame.condition), parent.map(|p| p.condition)];
        let mut condition = if inherited.contains(&Some(ArmCondition::Unknown)) {
            ArmCondition::Unknown
        } else {
            ArmCondition::Deployed
        };
        if let Some(c) = get_ci(node, "condition") {
            let v = self.node(doc, c);
            match &v.kind {
                DynKind::Bool(false) => return,
                DynKind::Bool(true) => {}
                DynKind::Unknown => condition = ArmCondition::Unknown,
                DynKind::String(s) if s.eq_ignore_ascii_case("false") => return,
                DynKind::String(s) if s.eq_ignore_ascii_case("true") => {}
                _ => {
                    self.error(Self::node_loc(doc, c), "a condition must be a bool");
                    return;
                }
            }
        }
        let rtype = match get_ci(node, "type").map(|t| self.node(doc, t)) {
            Some(t) if t.as_str().is_some() => t.as_str().unwrap_or_default().to_string(),
            Some(_) => {
                self.error(
                    loc,
                    "a resource type must be a string known before deployment",
                );
                return;
            }
            None => {
                self.error(loc, "a resource needs a `type`");
                return;
            }
        };
        let name = get_ci(node, "name").map_or_else(Dyn::unknown, |n| self.node(doc, n));
        let short_child = parent.is_some() && !rtype.contains('/');
        let (full_type, full_name) = match parent {
            Some(p) if short_child => {
                let joined = match (p.name.as_str(), name.as_str()) {
                    (Some(a), Some(b)) => Dyn::string(format!("{a}/{b}")),
                    _ => Dyn::unknown(),
                }
                .or_loc(name.loc);
                (format!("{}/{rtype}", p.resource_type), joined)
            }
            _ => (rtype.clone(), name),
        };
        let existing = get_ci(node, "existing")
            .map(|e| self.node(doc, e))
            .and_then(|e| e.as_bool())
            .unwrap_or(false);
        let api_version = get_ci(node, "apiVersion")
            .map(|a| self.node(doc, a))
            .and_then(|a| a.as_str().map(str::to_string));
        let is_deployment = full_type.eq_ignore_ascii_case("Microsoft.Resources/deployments");
        // The body, without what is evaluated on its own.
        let mut body = IndexMap::new();
        for e in node.as_map().unwrap_or(&[]) {
            let k = e.key.to_ascii_lowercase();
            if matches!(k.as_str(), "resources" | "copy" | "condition") {
                continue;
            }
            let v = if is_deployment && k == "properties" {
                self.deployment_properties(doc, &e.value)
            } else if k == "name" {
                full_name.clone()
            } else if k == "type" {
                Dyn::string(full_type.as_str()).with_loc(Self::node_loc(doc, &e.value))
            } else {
                self.node(doc, &e.value)
            };
            body.insert(e.key.to_string(), v);
        }
        let mut body = Dyn::map(body).with_loc(loc);
        if !size_at_most(&body, 4 * MAX_VALUE_SIZE) {
            // Shared values repeated by loops: too large for any check to read.
            self.error(loc, "this resource evaluates to a value too large to check");
            body = Dyn::unknown().with_loc(loc);
        }
        let metadata = body
            .as_map()
            .and_then(|m| property_ci(m, "metadata"))
            .cloned()
            .unwrap_or_else(Dyn::null);
        let key = full_name
            .as_str()
            .map(|n| expr::resource_key(&full_type, n));
        let full_address = format!("{}{address}", self.frame.prefix);
        if self.run.out.resources.len() >= MAX_RESOURCES {
            if self.run.out.resources.len() == MAX_RESOURCES {
                self.error(
                    loc,
                    format!("more than {MAX_RESOURCES} resources; the rest are not evaluated"),
                );
            }
            self.run.exhausted = true;
            return;
        }
        self.run.out.resources.push(ArmResource {
            resource_type: full_type.clone(),
            api_version,
            name: full_name.clone(),
            symbolic_name: symbolic,
            address: full_address.clone(),
            body,
            location: loc,
            existing,
            condition,
            metadata,
            deployments: self.frame.chain.clone(),
            key,
        });
        if is_deployment && !existing {
            self.nested_deployment(doc, node, &address, condition);
        }
        if let Some(children) = get_ci(node, "resources") {
            let p = Parent {
                resource_type: full_type,
                name: full_name,
                condition,
            };
            self.resources(doc, children, Some(&p), &format!("{address}."));
        }
    }

    /// A deployment's `properties` without its inline template.
    fn deployment_properties(&mut self, doc: &Doc, props: &Node) -> Dyn {
        let Some(entries) = props.as_map() else {
            return self.node(doc, props);
        };
        let mut m = IndexMap::new();
        for e in entries {
            if e.key.eq_ignore_ascii_case("template") {
                continue;
            }
            m.insert(e.key.to_string(), self.node(doc, &e.value));
        }
        Dyn::map(m).with_loc(Self::node_loc(doc, props))
    }

    fn nested_deployment(
        &mut self,
        doc: &Doc,
        node: &Node,
        address: &str,
        condition: ArmCondition,
    ) {
        let loc = Self::node_loc(doc, node);
        let Some(props) = get_ci(node, "properties") else {
            return;
        };
        if self.frame.depth + 1 > MAX_DEPLOYMENT_DEPTH {
            self.error(
                loc,
                format!(
                    "nested deployments deeper than {MAX_DEPLOYMENT_DEPTH} levels are not evaluated"
                ),
            );
            return;
        }
        let name = get_ci(node, "name")
            .map(|n| self.node(doc, n))
            .and_then(|n| n.as_str().map(str::to_string))
            .unwrap_or_else(|| address.to_string());
        let inner_scope = get_ci(props, "expressionEvaluationOptions")
            .and_then(|o| get_ci(o, "scope"))
            .and_then(Node::as_str)
            .is_some_and(|s| s.eq_ignore_ascii_case("inner"));
        let mut from_expression = false;
        let template = if let Some(t) = get_ci(props, "template") {
            if let NodeKind::String(_) = &t.kind {
                // A template built by an expression (Bicep's `loadJsonContent`): its value,
                // evaluated here, is a template with expressions of its own.
                let v = self.node(doc, t);
                let root = dyn_to_node(&v, doc.file, t);
                // Building the template costs what evaluating it would.
                self.run.steps = self
                    .run
                    .steps
                    .saturating_add(root.as_ref().map_or(0, |r| node_count(r) as u64));
                let Some(root) = root else {
                    self.notice(
                        Some(Self::node_loc(doc, t)),
                        "a nested template built by an expression known only at deployment is not evaluated",
                    );
                    return;
                };
                from_expression = true;
                Doc {
                    file: doc.file,
                    text: doc.text.clone(),
                    root: Arc::new(root),
                }
            } else if t.as_map().is_none() {
                self.error(
                    Self::node_loc(doc, t),
                    "a nested template must be an object",
                );
                return;
            } else {
                // Copied once per template, however many copies deploy it.
                let key = (doc.file, t.start, t.end);
                let root = self
                    .run
                    .templates
                    .entry(key)
                    .or_insert_with(|| Arc::new(t.clone()))
                    .clone();
                Doc {
                    file: doc.file,
                    text: doc.text.clone(),
                    root,
                }
            }
        } else if let Some(link) = get_ci(props, "templateLink") {
            match self.linked_template(doc, link) {
                Some(d) => d,
                None => return,
            }
        } else {
            return;
        };
        let mut chain = self.frame.chain.clone();
        chain.push(ModuleCall {
            name,
            location: loc,
        });
        let prefix = format!("{}module.{address}.", self.frame.prefix);
        // A linked template is always evaluated in its own scope.
        let linked =
            from_expression || template.file != doc.file || get_ci(props, "template").is_none();
        if inner_scope || linked {
            let mut frame = Frame::new(template.clone(), chain, prefix, self.frame.depth + 1);
            frame.condition = condition;
            if let Some(params) = get_ci(props, "parameters").and_then(Node::as_map) {
                for p in params {
                    let v = if let Some(v) = get_ci(&p.value, "value") {
                        self.node(doc, v)
                    } else {
                        // A Key Vault reference: a secret known only at deployment.
                        Dyn::unknown().with_loc(Self::node_loc(doc, &p.value))
                    };
                    frame.given.insert(p.key.to_ascii_lowercase(), v);
                }
            }
            let mut scope = Scope {
                run: &mut *self.run,
                frame: &mut frame,
            };
            scope.template(&template, false);
        } else {
            // Outer scope: the parent's parameters and variables, the inner resources.
            let mut frame = self.frame.clone();
            frame.chain = chain;
            frame.prefix = prefix;
            frame.depth += 1;
            frame.condition = condition;
            let mut scope = Scope {
                run: &mut *self.run,
                frame: &mut frame,
            };
            scope.template(&template, false);
        }
    }

    /// A local linked template (`relativePath`, or a relative `uri`) under the root.
    fn linked_template(&mut self, doc: &Doc, link: &Node) -> Option<Doc> {
        let loc = Self::node_loc(doc, link);
        let target = get_ci(link, "relativePath")
            .or_else(|| get_ci(link, "uri"))
            .map(|n| self.node(doc, n));
        let Some(target) = target.as_ref().and_then(|t| t.as_str().map(str::to_string)) else {
            let what = if get_ci(link, "id").is_some() {
                "a template spec"
            } else {
                "a linked template whose location is known only at deployment"
            };
            self.notice(Some(loc), format!("{what} is not evaluated"));
            return None;
        };
        let lower = target.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") || lower.contains("://") {
            self.notice(
                Some(loc),
                format!("linked template `{target}` is remote; it is not fetched or evaluated"),
            );
            return None;
        }
        let Some(root) = self.run.opts.root.clone() else {
            self.notice(
                Some(loc),
                format!("linked template `{target}` is not followed"),
            );
            return None;
        };
        let base = self.run.db.get(doc.file).path.clone();
        let dir = base.parent().map(Path::to_path_buf).unwrap_or_default();
        let path = crate::deployment_manager::config::clean(&dir.join(&target));
        let abs_root = std::fs::canonicalize(&root).unwrap_or(root);
        let real = std::fs::canonicalize(&path)
            .or_else(|_| std::path::absolute(&path))
            .map(|p| crate::deployment_manager::config::clean(&p));
        if !real.as_ref().is_ok_and(|r| r.starts_with(&abs_root)) {
            self.error(
                loc,
                format!("linked template `{target}` lies outside the scanned directory; not read"),
            );
            return None;
        }
        let file = match self.run.db.find(&path) {
            Some(f) => f,
            None => match std::fs::read_to_string(&path) {
                Ok(text) => {
                    self.run.out.linked_files.push(path.clone());
                    self.run.db.add(path.clone(), text)
                }
                Err(e) => {
                    self.notice(
                        Some(loc),
                        format!("linked template `{target}` cannot be read: {e}"),
                    );
                    return None;
                }
            },
        };
        let text = self.run.db.get(file).text.clone();
        if let Some(root) = self.run.templates.get(&(file, 0, text.len() as u32)) {
            return Some(Doc {
                file,
                text,
                root: root.clone(),
            });
        }
        match syntax::parse_json(&text) {
            Ok(root) if root.as_map().is_some() => {
                let root = Arc::new(root);
                self.run
                    .templates
                    .insert((file, 0, text.len() as u32), root.clone());
                Some(Doc { file, text, root })
            }
            Ok(root) => {
                self.error(
                    Location::new(file, TextRange::new(root.start as usize, root.end as usize)),
                    "an ARM template is a JSON object",
                );
                None
            }
            Err(e) => {
                self.error(
                    Location::new(file, TextRange::new(e.offset, e.offset)),
                    e.message,
                );
                None
            }
        }
    }

    /// Evaluates a definition (a variable, a parameter default) one level deeper.
    fn nested_eval(&mut self, doc: &Doc, n: &Node) -> Result<Dyn, String> {
        if self.run.reference_depth >= MAX_REFERENCE_DEPTH {
            return Err(format!(
                "variables, parameters and functions reference each other more than {MAX_REFERENCE_DEPTH} levels deep"
            ));
        }
        self.run.reference_depth += 1;
        let saved = std::mem::take(&mut self.frame.copies);
        let v = self.node(doc, n);
        self.frame.copies = saved;
        self.run.reference_depth -= 1;
        Ok(v)
    }
}

struct Parent {
    resource_type: String,
    name: Dyn,
    condition: ArmCondition,
}

fn property_ci<'m>(m: &'m IndexMap<String, Dyn>, key: &str) -> Option<&'m Dyn> {
    m.get(key).or_else(|| {
        m.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

/// For each byte of `value` (and one past its end), the offset in `raw`, the JSON text of
/// the string between its quotes, that produced it; `None` when `raw` does not decode to
/// `value`.
fn unescape_offsets(raw: &str, value: &str) -> Option<Vec<u32>> {
    let mut offsets = Vec::with_capacity(value.len() + 1);
    let mut decoded = String::with_capacity(value.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ch = if c == '\\' {
            match chars.next()?.1 {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\u{8}',
                'f' => '\u{c}',
                'u' => {
                    let hex = |chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>| {
                        let h: String = (0..4).filter_map(|_| chars.next().map(|x| x.1)).collect();
                        u32::from_str_radix(&h, 16).ok()
                    };
                    let hi = hex(&mut chars)?;
                    if (0xD800..0xDC00).contains(&hi) {
                        chars.next_if(|x| x.1 == '\\')?;
                        chars.next_if(|x| x.1 == 'u')?;
                        let lo = hex(&mut chars)?;
                        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo.checked_sub(0xDC00)?))?
                    } else {
                        char::from_u32(hi)?
                    }
                }
                other => other,
            }
        } else {
            c
        };
        for _ in 0..ch.len_utf8() {
            offsets.push(i as u32);
        }
        decoded.push(ch);
    }
    offsets.push(raw.len() as u32);
    (decoded == value).then_some(offsets)
}

/// True when a parameter (or the type definition its `$ref` names) is `nullable`.
fn is_nullable(template: &Node, param: &Node) -> bool {
    let flag =
        |n: &Node| get_ci(n, "nullable").and_then(Node::scalar_text).as_deref() == Some("true");
    if flag(param) {
        return true;
    }
    get_ci(param, "$ref")
        .and_then(Node::as_str)
        .and_then(|r| r.strip_prefix("#/definitions/"))
        .and_then(|name| template.get("definitions").and_then(|d| d.get(name)))
        .is_some_and(flag)
}

/// A value without its location, for comparisons.
fn strip(d: &Dyn) -> Dyn {
    Dyn::from_json(&d.to_json().unwrap_or(serde_json::Value::Null), None)
}

/// `copy` inside an object is a property loop when it is an array of `{name, count, input}`.
fn is_property_copy(n: &Node) -> bool {
    n.as_seq().is_some_and(|items| {
        !items.is_empty()
            && items
                .iter()
                .all(|i| i.get("name").is_some() && i.get("input").is_some())
    })
}

impl Context for Scope<'_, '_> {
    fn parameter(&mut self, name: &str) -> Result<Dyn, String> {
        let key = name.to_ascii_lowercase();
        match self.frame.params.get(&key) {
            Some(Slot::Done(v)) => return Ok(v.clone()),
            Some(Slot::Evaluating) => {
                return Err(format!("parameter `{name}` refers to itself"));
            }
            None => {}
        }
        if self.frame.in_function {
            return Err(format!("the function has no parameter `{name}`"));
        }
        let doc = self.frame.defs.clone();
        let Some(def) = doc.root.get("parameters").and_then(|p| entry_ci(p, name)) else {
            return Err(format!("parameter `{name}` is not declared"));
        };
        let given = self.frame.given.get(&key).cloned();
        let v = if let Some(v) = given.clone().filter(|v| !v.is_null()) {
            v
        } else if let Some(default) = get_ci(&def.value, "defaultValue") {
            self.frame.params.insert(key.clone(), Slot::Evaluating);
            let r = self.nested_eval(&doc, default);
            if r.is_err() {
                self.frame.params.remove(&key);
            }
            r?
        } else if let Some(null) = given {
            null
        } else if self.frame.depth > 0 && is_nullable(&doc.root, &def.value) {
            // A nested deployment's caller is its parent, which passed nothing.
            Dyn::null().with_loc(Self::node_loc(&doc, &def.value))
        } else {
            // The root deployment's caller may pass any value (or null, when nullable).
            Dyn::unknown().with_loc(Self::loc(&doc, def.key_start, def.key_end))
        };
        self.frame.params.insert(key, Slot::Done(v.clone()));
        Ok(v)
    }

    fn variable(&mut self, name: &str) -> Result<Dyn, String> {
        if self.frame.in_function {
            return Err("a user-defined function cannot read variables".into());
        }
        let key = name.to_ascii_lowercase();
        match self.frame.vars.get(&key) {
            Some(Slot::Done(v)) => return Ok(v.clone()),
            Some(Slot::Evaluating) => {
                return Err(format!("variable `{name}` refers to itself (a cycle)"));
            }
            None => {}
        }
        let doc = self.frame.defs.clone();
        let vars = doc.root.get("variables");
        let direct = vars
            .and_then(|v| entry_ci(v, name))
            .filter(|e| &*e.key != "copy");
        let v = if let Some(def) = direct {
            self.frame.vars.insert(key.clone(), Slot::Evaluating);
            let r = self.nested_eval(&doc, &def.value);
            if r.is_err() {
                self.frame.vars.remove(&key);
            }
            r?
        } else if let Some(copy) = vars
            .and_then(|v| v.get("copy"))
            .and_then(Node::as_seq)
            .and_then(|c| {
                c.iter().find(|i| {
                    i.get("name")
                        .and_then(Node::as_str)
                        .is_some_and(|n| n.eq_ignore_ascii_case(name))
                })
            })
        {
            self.frame.vars.insert(key.clone(), Slot::Evaluating);
            let saved = std::mem::take(&mut self.frame.copies);
            self.run.reference_depth += 1;
            let copy_node = Node {
                kind: NodeKind::Seq(vec![copy.clone()]),
                start: copy.start,
                end: copy.end,
            };
            let v = self
                .property_copies(&doc, &copy_node)
                .pop()
                .map_or_else(Dyn::unknown, |(_, v)| v);
            self.run.reference_depth -= 1;
            self.frame.copies = saved;
            v
        } else {
            return Err(format!("variable `{name}` is not declared"));
        };
        self.frame.vars.insert(key, Slot::Done(v.clone()));
        Ok(v)
    }

    fn copy_index(&mut self, loop_name: Option<&str>) -> Result<Option<i64>, String> {
        let found = match loop_name {
            Some(n) => self
                .frame
                .copies
                .iter()
                .rev()
                .find(|l| l.name.as_deref().is_some_and(|l| l.eq_ignore_ascii_case(n))),
            None => self.frame.copies.iter().rev().find(|l| !l.named_only),
        };
        match found {
            Some(l) => Ok(l.index),
            None => Err(match loop_name {
                Some(n) => format!("copyIndex('{n}') is used outside the copy loop `{n}`"),
                None => "copyIndex() is used outside a copy loop".into(),
            }),
        }
    }

    fn user_function(
        &mut self,
        namespace: &str,
        name: &str,
        args: Vec<Dyn>,
    ) -> Option<Result<Dyn, String>> {
        let doc = self.frame.defs.clone();
        let member = doc
            .root
            .get("functions")
            .and_then(Node::as_seq)?
            .iter()
            .filter(|f| {
                f.get("namespace")
                    .and_then(Node::as_str)
                    .is_some_and(|n| n.eq_ignore_ascii_case(namespace))
            })
            .find_map(|f| f.get("members").and_then(|m| entry_ci(m, name)))?;
        let def = &member.value;
        let params: Vec<&str> = def
            .get("parameters")
            .and_then(Node::as_seq)
            .unwrap_or(&[])
            .iter()
            .filter_map(|p| p.get("name").and_then(Node::as_str))
            .collect();
        if params.len() != args.len() {
            return Some(Err(format!(
                "`{namespace}.{name}` takes {} argument(s), not {}",
                params.len(),
                args.len()
            )));
        }
        let Some(body) = def.get("output").and_then(|o| get_ci(o, "value")) else {
            return Some(Err(format!("`{namespace}.{name}` has no output value")));
        };
        let mut frame = Frame::new(
            doc.clone(),
            self.frame.chain.clone(),
            self.frame.prefix.clone(),
            self.frame.depth,
        );
        frame.in_function = true;
        for (p, a) in params.iter().zip(args) {
            frame.params.insert(p.to_ascii_lowercase(), Slot::Done(a));
        }
        let mut scope = Scope {
            run: &mut *self.run,
            frame: &mut frame,
        };
        Some(scope.nested_eval(&doc, body))
    }

    fn deployment(&mut self) -> Dyn {
        let doc = self.frame.defs.clone();
        let key = (doc.file, doc.root.start, doc.root.end);
        if let Some(v) = self.run.deployments.get(&key) {
            return v.clone();
        }
        let mut template = IndexMap::new();
        for key in ["$schema", "contentVersion", "languageVersion", "metadata"] {
            if let Some(n) = doc.root.get(key) {
                let v = Dyn::from_json(&node_json(n), Some(Self::node_loc(&doc, n)));
                template.insert(key.to_string(), v);
            }
        }
        let mut props = IndexMap::new();
        props.insert("template".to_string(), Dyn::map(template));
        for key in ["templateLink", "parameters", "mode", "provisioningState"] {
            props.insert(key.to_string(), Dyn::unknown());
        }
        let mut m = IndexMap::new();
        m.insert("name".to_string(), Dyn::unknown());
        m.insert("location".to_string(), Dyn::unknown());
        m.insert("properties".to_string(), Dyn::map(props));
        let v = Dyn::map(m);
        self.run.deployments.insert(key, v.clone());
        v
    }

    fn step(&mut self) -> Result<(), String> {
        if self.spend() {
            Ok(())
        } else {
            Err(format!(
                "evaluation step budget of {} exhausted",
                self.run.max_steps
            ))
        }
    }

    fn check_size(&mut self, value: &Dyn) -> Result<(), String> {
        if size_at_most(value, MAX_VALUE_SIZE) {
            Ok(())
        } else {
            Err(format!(
                "the value built here is larger than {MAX_VALUE_SIZE} items or nested deeper than {MAX_VALUE_DEPTH} levels"
            ))
        }
    }
}

/// A value as a JSON node (for a template built by an expression), ranges taken from the
/// values' locations in `file`, else `at`'s; `None` when a part is Unknown or not an object.
fn dyn_to_node(d: &Dyn, file: FileId, at: &Node) -> Option<Node> {
    let (start, end) = match d.loc {
        Some(l) if l.file == file => (l.range.start, l.range.end),
        _ => (at.start, at.end),
    };
    let kind = match &d.kind {
        DynKind::Unknown => return None,
        DynKind::Null => NodeKind::Null,
        DynKind::Bool(b) => NodeKind::Bool(*b),
        DynKind::Number(x) => NodeKind::Number(*x),
        DynKind::String(s) => NodeKind::String(s.clone()),
        DynKind::List(items) => NodeKind::Seq(
            items
                .iter()
                .map(|i| dyn_to_node(i, file, at))
                .collect::<Option<_>>()?,
        ),
        DynKind::Map(m) => NodeKind::Map(
            m.iter()
                .map(|(k, v)| {
                    let value = dyn_to_node(v, file, at)?;
                    Some(syntax::Entry {
                        key: k.as_str().into(),
                        key_start: value.start,
                        key_end: value.start,
                        value,
                    })
                })
                .collect::<Option<_>>()?,
        ),
    };
    Some(Node { kind, start, end })
}

fn node_count(n: &Node) -> usize {
    let mut count = 0;
    let mut stack = vec![n];
    while let Some(x) = stack.pop() {
        count += 1;
        match &x.kind {
            NodeKind::Seq(items) => stack.extend(items.iter()),
            NodeKind::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
            _ => {}
        }
    }
    count
}

/// A JSON node as plain JSON (no expressions evaluated).
fn node_json(n: &Node) -> serde_json::Value {
    match &n.kind {
        NodeKind::Null => serde_json::Value::Null,
        NodeKind::Bool(b) => serde_json::Value::Bool(*b),
        NodeKind::Number(x) => {
            serde_json::Number::from_f64(*x).map_or(serde_json::Value::Null, Into::into)
        }
        NodeKind::String(s) => serde_json::Value::String(s.to_string()),
        NodeKind::Seq(items) => serde_json::Value::Array(items.iter().map(node_json).collect()),
        NodeKind::Map(entries) => serde_json::Value::Object(
            entries
                .iter()
                .map(|e| (e.key.to_string(), node_json(&e.value)))
                .collect(),
        ),
    }
}
