//! Evaluation of one stack (a template with its parameter values) into [`Dyn`] trees:
//! Parameters, pseudo parameters, Conditions (memoized), Mappings and the intrinsic
//! functions.
//!
//! What cannot be known statically is Unknown: pseudo parameters (`AWS::Region`, …),
//! `Fn::GetAtt`, `Fn::ImportValue`, `Fn::GetAZs`, `Fn::Cidr`, SSM parameter types and
//! parameters without a value. A `Ref` (or `GetAtt`) to a resource is Unknown but carries the
//! resource's address in [`Dyn::source_ref`], so adapters can join a bucket policy to its
//! bucket. `AWS::NoValue` removes the property or list element holding it.
//!
//! `Fn::If` on a condition that cannot be decided yields its branch when both branches are
//! equal, else Unknown: checks then stay silent rather than guess which branch deploys.
//!
//! `Fn::GetAtt [Stack, Outputs.Name]` of a local nested stack is the output's value, its
//! template evaluated with the parameters the stack passes: an output that is `!Ref Vpc`
//! carries the child's `module.<Stack>.Vpc` address, so a flow log or a rule in the parent
//! joins the resource it names.

use super::syntax::{Node, NodeKind};
use super::template::Template;
use crate::dynvalue::{Dyn, DynKind};
use cloudsentinel_model::{Ignore, Location, ModuleCall, Notice};
use indexmap::IndexMap;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// `Fn::GetAtt` of a VPC's default security group (`!GetAtt Vpc.DefaultSecurityGroup`); its
/// reference carries `<vpc address>.DefaultSecurityGroup`.
pub(crate) const DEFAULT_SECURITY_GROUP_ATTRIBUTE: &str = "DefaultSecurityGroup";

/// Deepest recursion of evaluation (nested intrinsics and chains of conditions); the
/// threads evaluating templates have stacks sized for it.
const MAX_EVAL_DEPTH: usize = 4096;

/// Longest string an intrinsic may build (`Fn::Join` over a huge list, …).
const MAX_STRING: usize = 1 << 20;

/// The pseudo parameters; all but `AWS::NoValue` are Unknown for a static scan.
pub const PSEUDO_PARAMETERS: [&str; 8] = [
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::NoValue",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
];

/// One evaluated resource of a stack (SAM resources are expanded into these).
#[derive(Debug, Clone, PartialEq)]
pub struct CfnResource {
    /// The logical id (for generated resources, the id SAM gives them).
    pub logical_id: String,
    /// `AWS::S3::Bucket`
    pub rtype: String,
    /// `module.<Stack>.` prefix of the nested stacks leading here (empty at the root).
    pub prefix: String,
    /// Nested stack resources leading here, outermost first.
    pub module_chain: Vec<ModuleCall>,
    /// The template entry, logical id through body (for generated resources, the SAM
    /// resource or its property that produced them).
    pub loc: Location,
    /// The evaluated `Properties` (an empty map when absent), located at the entry.
    pub props: Dyn,
    /// Suppressions from `Metadata` (and from the nested stack resources leading here).
    pub ignores: Vec<Ignore>,
    /// The SAM resource this one was generated from.
    pub generated_from: Option<String>,
    /// Its `Condition` could not be decided: it may not be deployed.
    pub condition_unknown: bool,
}

impl CfnResource {
    /// Address including the nested stacks; this is what `Dyn::source_ref` holds.
    pub fn full_address(&self) -> String {
        format!("{}{}", self.prefix, self.logical_id)
    }
}

/// Finds the templates of local nested stacks, so a parent can read their outputs.
pub trait NestedTemplates {
    /// The template a nested stack of `from` names by `url` (its `TemplateURL`, or a SAM
    /// application's `Location`); `None` when it is remote or cannot be read.
    fn nested_template(&self, from: &Template, url: &str) -> Option<Arc<Template>>;
}

/// How a stack reaches its nested stacks' templates.
#[derive(Clone)]
pub struct Nesting<'t> {
    pub loader: &'t dyn NestedTemplates,
    /// The templates of the stacks leading here, this one's last (cycles are not followed).
    pub visiting: Vec<PathBuf>,
}

/// A stack: a template and the values of its parameters.
pub struct Stack<'t> {
    pub t: &'t Template,
    pub prefix: String,
    pub chain: Vec<ModuleCall>,
    params: HashMap<String, Dyn>,
    resource_ids: HashSet<&'t str>,
    conditions: HashMap<&'t str, &'t Node>,
    memo: RefCell<HashMap<String, Option<bool>>>,
    active: RefCell<HashSet<String>>,
    nesting: Option<Nesting<'t>>,
    /// Outputs of nested stacks read so far (`Stack.Name`); `None`: not knowable.
    outputs: RefCell<HashMap<String, Option<Dyn>>>,
    /// Nested stacks whose outputs are being evaluated (parameters reading each other's
    /// outputs form a cycle CloudFormation rejects).
    active_outputs: RefCell<HashSet<String>>,
    pub notices: RefCell<Vec<Notice>>,
}

impl<'t> Stack<'t> {
    /// A stack of `t` with parameter values `provided` (by name; others take their
    /// `Default`, else Unknown). Without `nesting`, nested stacks' outputs are Unknown.
    pub fn new(
        t: &'t Template,
        provided: &HashMap<String, Dyn>,
        prefix: String,
        chain: Vec<ModuleCall>,
        nesting: Option<Nesting<'t>>,
    ) -> Self {
        let resource_ids = t
            .section("Resources")
            .and_then(Node::as_map)
            .map(|m| m.iter().map(|e| &*e.key).collect())
            .unwrap_or_default();
        let conditions = t
            .section("Conditions")
            .and_then(Node::as_map)
            .map(|m| m.iter().map(|e| (&*e.key, &e.value)).collect())
            .unwrap_or_default();
        let mut s = Stack {
            t,
            prefix,
            chain,
            params: HashMap::new(),
            resource_ids,
            conditions,
            memo: RefCell::new(HashMap::new()),
            active: RefCell::new(HashSet::new()),
            nesting,
            outputs: RefCell::new(HashMap::new()),
            active_outputs: RefCell::new(HashSet::new()),
            notices: RefCell::new(Vec::new()),
        };
        s.params = s.resolve_parameters(provided);
        // Dependencies first, so a long chain of conditions each using the previous one
        // never recurses deeply: every evaluation finds its inputs memoized.
        for name in s.condition_order() {
            s.condition(name);
        }
        s
    }

    /// Condition names with every condition after those it uses (cycles last, in
    /// declaration order): Kahn's algorithm over the `Condition` references.
    fn condition_order(&self) -> Vec<&'t str> {
        let Some(decls) = self.t.section("Conditions").and_then(Node::as_map) else {
            return Vec::new();
        };
        let names: Vec<&'t str> = decls.iter().map(|e| &*e.key).collect();
        let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let mut users: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
        let mut pending: Vec<usize> = vec![0; names.len()];
        for (i, e) in decls.iter().enumerate() {
            let mut deps = Vec::new();
            condition_refs(&e.value, &mut deps, 0);
            deps.sort_unstable();
            deps.dedup();
            for d in deps {
                if let Some(&j) = index.get(d) {
                    users[j].push(i);
                    pending[i] += 1;
                }
            }
        }
        let mut ready: Vec<usize> = (0..names.len())
            .rev()
            .filter(|&i| pending[i] == 0)
            .collect();
        let mut order = Vec::with_capacity(names.len());
        let mut done = vec![false; names.len()];
        while let Some(i) = ready.pop() {
            order.push(names[i]);
            done[i] = true;
            for &u in &users[i] {
                pending[u] -= 1;
                if pending[u] == 0 {
                    ready.push(u);
                }
            }
        }
        order.extend((0..names.len()).filter(|&i| !done[i]).map(|i| names[i]));
        order
    }

    pub fn loc(&self, n: &Node) -> Location {
        self.t.node_loc(n)
    }

    pub fn notice(&self, at: Location, message: String) {
        self.notices.borrow_mut().push(Notice {
            location: Some(at),
            message,
        });
    }

    /// The value of parameter `name`, if declared.
    pub fn parameter(&self, name: &str) -> Option<&Dyn> {
        self.params.get(name)
    }

    /// True when `id` is a resource of this template.
    pub fn is_resource(&self, id: &str) -> bool {
        self.resource_ids.contains(id)
    }

    /// The address a reference to resource `id` carries.
    pub fn address_of(&self, id: &str) -> String {
        format!("{}{}", self.prefix, id)
    }

    fn resolve_parameters(&self, provided: &HashMap<String, Dyn>) -> HashMap<String, Dyn> {
        let mut out = HashMap::new();
        let Some(decls) = self.t.section("Parameters").and_then(Node::as_map) else {
            return out;
        };
        for e in decls {
            let decl = &e.value;
            let at = self.t.loc(e.key_start, e.range().1);
            let ty = decl.get("Type").and_then(Node::as_str).unwrap_or("String");
            let value = if ty.starts_with("AWS::SSM::Parameter::Value<") {
                // Read from Parameter Store when the stack deploys.
                Dyn::unknown().with_loc(at)
            } else if let Some(v) = provided.get(&*e.key) {
                v.clone().or_loc(Some(at))
            } else if let Some(d) = decl.entry("Default") {
                let (s, end) = d.range();
                literal(&d.value, self.t).with_loc(self.t.loc(s, end))
            } else {
                self.notice(at, self.unset_parameter(&e.key));
                Dyn::unknown().with_loc(at)
            };
            let is_list = ty == "CommaDelimitedList" || ty.starts_with("List<");
            let value = match (&value.kind, is_list) {
                (DynKind::String(s), true) => Dyn::list(
                    s.split(',')
                        .map(|p| Dyn::string(p.trim()).or_loc(value.loc))
                        .collect(),
                )
                .or_loc(value.loc)
                .with_ref_of(&value),
                _ => value,
            };
            out.insert(e.key.to_string(), value);
        }
        out
    }

    /// Why parameter `name` is Unknown: it has no `Default` and nothing sets it.
    fn unset_parameter(&self, name: &str) -> String {
        match self.chain.last() {
            None => format!(
                "parameter \"{name}\" has no value (no Default, and no --cfn-parameters file sets it); it is unknown"
            ),
            Some(call) => format!(
                "required parameter \"{name}\" of nested stack {} is not set; it is unknown",
                call.name
            ),
        }
    }

    // ---- conditions ----------------------------------------------------------------------------

    /// The value of condition `name`: `None` when it cannot be decided (or does not exist).
    pub fn condition(&self, name: &str) -> Option<bool> {
        self.condition_at(name, 0)
    }

    fn condition_at(&self, name: &str, depth: usize) -> Option<bool> {
        if let Some(v) = self.memo.borrow().get(name) {
            return *v;
        }
        let node = *self.conditions.get(name)?;
        if depth > MAX_EVAL_DEPTH || !self.active.borrow_mut().insert(name.to_string()) {
            // A cycle of conditions (CloudFormation rejects it) or an absurd chain.
            return None;
        }
        let v = self.cond_expr(node, depth + 1);
        self.active.borrow_mut().remove(name);
        self.memo.borrow_mut().insert(name.to_string(), v);
        v
    }

    /// A condition expression: `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition`.
    fn cond_expr(&self, n: &Node, depth: usize) -> Option<bool> {
        if depth > MAX_EVAL_DEPTH {
            return None;
        }
        let Some((f, arg)) = n.intrinsic(true) else {
            return match &n.kind {
                NodeKind::Bool(b) => Some(*b),
                NodeKind::String(s) => match &**s {
                    "true" => Some(true),
                    "false" => Some(false),
                    _ => None,
                },
                _ => None,
            };
        };
        match f {
            "Condition" => self.condition_at(arg.as_str()?, depth + 1),
            "Fn::Equals" | "Fn::Not" | "Fn::And" | "Fn::Or" => self.cond_fn(f, arg, depth),
            _ => self.eval_at(n, depth + 1).and_then(|d| d.as_bool()),
        }
    }

    /// `Fn::Equals`, `Fn::Not`, `Fn::And` and `Fn::Or` applied to `arg`.
    fn cond_fn(&self, f: &str, arg: &Node, depth: usize) -> Option<bool> {
        match f {
            "Fn::Equals" => {
                let [a, b] = arg.as_seq()? else { return None };
                let a = self.eval_at(a, depth + 1);
                let b = self.eval_at(b, depth + 1);
                equal_values(a.as_ref(), b.as_ref())
            }
            "Fn::Not" => {
                let inner = match arg.as_seq() {
                    Some([x]) => x,
                    Some(_) => return None,
                    None => arg,
                };
                self.cond_expr(inner, depth + 1).map(|b| !b)
            }
            "Fn::And" | "Fn::Or" => {
                let items = arg.as_seq()?;
                let is_and = f == "Fn::And";
                let mut unknown = false;
                for x in items {
                    match self.cond_expr(x, depth + 1) {
                        Some(v) if v != is_and => return Some(v),
                        Some(_) => {}
                        None => unknown = true,
                    }
                }
                if unknown { None } else { Some(is_and) }
            }
            _ => None,
        }
    }

    // ---- values ------------------------------------------------------------------------------

    /// Evaluates a template value; `None` is `AWS::NoValue` (the property is removed).
    pub fn eval(&self, n: &Node) -> Option<Dyn> {
        self.eval_at(n, 0)
    }

    fn eval_at(&self, n: &Node, depth: usize) -> Option<Dyn> {
        let at = self.loc(n);
        if depth > MAX_EVAL_DEPTH {
            return Some(Dyn::unknown().with_loc(at));
        }
        let v = match &n.kind {
            NodeKind::Null => Dyn::null(),
            NodeKind::Bool(b) => Dyn::bool(*b),
            NodeKind::Number(x) => Dyn::number(*x),
            NodeKind::String(s) => Dyn::new(DynKind::String(s.clone())),
            NodeKind::Seq(items) => Dyn::list(
                items
                    .iter()
                    .filter_map(|i| {
                        let il = self.loc(i);
                        self.eval_at(i, depth + 1).map(|d| d.with_loc(il))
                    })
                    .collect(),
            ),
            NodeKind::Map(entries) => {
                if let Some((f, arg)) = n.intrinsic(false) {
                    let mut v = self.intrinsic(f, arg, at, depth + 1)?;
                    v.loc = Some(at);
                    return Some(v);
                }
                let mut m = IndexMap::with_capacity(entries.len());
                for e in entries {
                    let (s, end) = e.range();
                    if let Some(v) = self.eval_at(&e.value, depth + 1) {
                        m.insert(e.key.to_string(), v.with_loc(self.t.loc(s, end)));
                    }
                }
                Dyn::map(m)
            }
        };
        Some(v.with_loc(at))
    }

    fn unknown(at: Location) -> Dyn {
        Dyn::unknown().with_loc(at)
    }

    fn intrinsic(&self, f: &str, arg: &Node, at: Location, depth: usize) -> Option<Dyn> {
        let unknown = || Some(Self::unknown(at));
        match f {
            "Ref" => {
                let Some(name) = arg.as_str() else {
                    return unknown();
                };
                self.reference(name, at)
            }
            "Fn::GetAtt" => {
                let (target, attribute) = match &arg.kind {
                    NodeKind::String(s) => match s.split_once('.') {
                        Some((t, a)) => (Some(t.to_string()), Some(a.to_string())),
                        None => (Some(s.to_string()), None),
                    },
                    NodeKind::Seq(items) => (
                        items.first().and_then(Node::scalar_text),
                        items
                            .get(1)
                            .and_then(|a| self.eval_at(a, depth + 1))
                            .and_then(|a| a.to_string_lossy()),
                    ),
                    _ => (None, None),
                };
                Some(self.get_att(target.as_deref(), attribute.as_deref(), at, depth))
            }
            "Fn::If" => {
                let [c, a, b] = arg.as_seq()? else {
                    return unknown();
                };
                let Some(name) = c.as_str() else {
                    return unknown();
                };
                match self.condition_at(name, depth + 1) {
                    Some(true) => self.eval_at(a, depth + 1),
                    Some(false) => self.eval_at(b, depth + 1),
                    None => {
                        let va = self.eval_at(a, depth + 1);
                        let vb = self.eval_at(b, depth + 1);
                        match (va, vb) {
                            (None, None) => None,
                            (Some(x), Some(y)) if same(&x, &y) => Some(x),
                            _ => unknown(),
                        }
                    }
                }
            }
            "Fn::Sub" => {
                let (template, vars) = match &arg.kind {
                    NodeKind::String(s) => (s.clone(), None),
                    NodeKind::Seq(items) => match items.as_slice() {
                        [t, v] => match t.as_str() {
                            Some(s) => (s.into(), self.eval_at(v, depth + 1)),
                            None => return unknown(),
                        },
                        [t] => match t.as_str() {
                            Some(s) => (s.into(), None),
                            None => return unknown(),
                        },
                        _ => return unknown(),
                    },
                    _ => return unknown(),
                };
                Some(self.sub(&template, vars.as_ref(), at))
            }
            "Fn::Join" => {
                let [d, list] = arg.as_seq()? else {
                    return unknown();
                };
                let d = self.eval_at(d, depth + 1).and_then(|d| d.to_string_lossy());
                let list = self.eval_at(list, depth + 1);
                let (Some(d), Some(list)) = (d, list) else {
                    return unknown();
                };
                let Some(items) = list.as_list() else {
                    return unknown();
                };
                let parts: Option<Vec<String>> = items.iter().map(Dyn::to_string_lossy).collect();
                match parts {
                    Some(p) => {
                        let s = p.join(&d);
                        if s.len() > MAX_STRING {
                            unknown()
                        } else {
                            Some(Dyn::string(s))
                        }
                    }
                    None => unknown(),
                }
            }
            "Fn::Select" => {
                let [i, list] = arg.as_seq()? else {
                    return unknown();
                };
                let i = self.eval_at(i, depth + 1).and_then(|d| d.as_i64());
                let list = self.eval_at(list, depth + 1);
                match (i, list.as_ref().and_then(Dyn::as_list)) {
                    (Some(i), Some(items)) if i >= 0 => match items.get(i as usize) {
                        Some(v) => Some(v.clone()),
                        None => unknown(),
                    },
                    _ => unknown(),
                }
            }
            "Fn::Split" => {
                let [d, s] = arg.as_seq()? else {
                    return unknown();
                };
                let d = self.eval_at(d, depth + 1).and_then(|d| d.to_string_lossy());
                let s = self.eval_at(s, depth + 1).and_then(|d| d.to_string_lossy());
                match (d, s) {
                    (Some(d), Some(s)) if !d.is_empty() => Some(Dyn::list(
                        s.split(d.as_str())
                            .map(|p| Dyn::string(p).with_loc(at))
                            .collect(),
                    )),
                    _ => unknown(),
                }
            }
            "Fn::FindInMap" => Some(self.find_in_map(arg, at, depth + 1)),
            "Fn::Base64" => {
                let v = self
                    .eval_at(arg, depth + 1)
                    .and_then(|d| d.to_string_lossy());
                match v {
                    Some(s) => Some(Dyn::string(base64(s.as_bytes()))),
                    None => unknown(),
                }
            }
            "Fn::Length" => match self.eval_at(arg, depth + 1) {
                Some(d) => match d.as_list() {
                    Some(l) => Some(Dyn::number(l.len() as f64)),
                    None => unknown(),
                },
                None => unknown(),
            },
            "Fn::ToJsonString" => match self.eval_at(arg, depth + 1).and_then(|d| d.to_json()) {
                Some(j) => Some(Dyn::string(j.to_string())),
                None => unknown(),
            },
            "Fn::Equals" | "Fn::And" | "Fn::Or" | "Fn::Not" => {
                match self.cond_fn(f, arg, depth + 1) {
                    Some(b) => Some(Dyn::bool(b)),
                    None => unknown(),
                }
            }
            "Fn::Transform" => {
                self.notice(
                    at,
                    "Fn::Transform (a macro) is not evaluated; the value it produces is unknown"
                        .to_string(),
                );
                unknown()
            }
            // Values only known when the stack deploys: Fn::GetAZs, Fn::ImportValue,
            // Fn::Cidr, and any function this evaluator does not know.
            _ => unknown(),
        }
    }

    /// `Ref name`.
    fn reference(&self, name: &str, at: Location) -> Option<Dyn> {
        if let Some(v) = self.params.get(name) {
            return Some(v.clone());
        }
        if name == "AWS::NoValue" {
            return None;
        }
        let v = Self::unknown(at);
        if self.is_resource(name) {
            return Some(v.with_source_ref(self.address_of(name)));
        }
        Some(v)
    }

    /// `Fn::GetAtt` of `attribute` of resource `target`: Unknown carrying the resource's
    /// address, or the value of a local nested stack's output.
    fn get_att(
        &self,
        target: Option<&str>,
        attribute: Option<&str>,
        at: Location,
        depth: usize,
    ) -> Dyn {
        let v = Self::unknown(at);
        let Some(target) = target.filter(|t| self.is_resource(t)) else {
            return v;
        };
        if let Some(output) = attribute.and_then(|a| a.strip_prefix("Outputs."))
            && let Some(value) = self.nested_output(target, output, depth)
        {
            return value;
        }
        // A VPC's default security group is a resource of its own, not the VPC: references
        // to it must not join the VPC.
        if attribute == Some(DEFAULT_SECURITY_GROUP_ATTRIBUTE) {
            return v.with_source_ref(format!(
                "{}.{DEFAULT_SECURITY_GROUP_ATTRIBUTE}",
                self.address_of(target)
            ));
        }
        v.with_source_ref(self.address_of(target))
    }

    /// Output `name` of the nested stack resource `id`, memoized.
    fn nested_output(&self, id: &str, name: &str, depth: usize) -> Option<Dyn> {
        let key = format!("{id}.{name}");
        if let Some(v) = self.outputs.borrow().get(&key) {
            return v.clone();
        }
        if depth > MAX_EVAL_DEPTH || !self.active_outputs.borrow_mut().insert(id.to_string()) {
            return None;
        }
        let v = self.eval_nested_output(id, name, depth);
        self.active_outputs.borrow_mut().remove(id);
        self.outputs.borrow_mut().insert(key, v.clone());
        v
    }

    /// Evaluates output `name` of the local nested stack `id`: its template, with the
    /// parameters this stack passes, under the address prefix its resources get.
    fn eval_nested_output(&self, id: &str, name: &str, depth: usize) -> Option<Dyn> {
        let nesting = self.nesting.as_ref()?;
        let entry = self.t.section("Resources")?.entry(id)?;
        let body = &entry.value;
        let url_key = super::nested_key(body.get("Type")?.as_str()?)?;
        let props = body.get("Properties")?;
        let url = self.eval_at(props.get(url_key)?, depth + 1)?;
        let child_t = nesting.loader.nested_template(self.t, url.as_str()?)?;
        if nesting.visiting.contains(&child_t.path) || nesting.visiting.len() > super::MAX_NESTING {
            return None;
        }
        let params: HashMap<String, Dyn> = props
            .get("Parameters")
            .and_then(|p| self.eval_at(p, depth + 1))
            .and_then(|p| {
                p.as_map()
                    .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            })
            .unwrap_or_default();
        let mut chain = self.chain.clone();
        chain.push(ModuleCall {
            name: id.to_string(),
            location: self.t.loc(entry.key_start, entry.range().1),
        });
        let mut visiting = nesting.visiting.clone();
        visiting.push(child_t.path.clone());
        let child = Stack::new(
            &child_t,
            &params,
            format!("{}module.{id}.", self.prefix),
            chain,
            Some(Nesting {
                loader: nesting.loader,
                visiting,
            }),
        );
        // The child's notices are those of its own evaluation, which reports them.
        let output = child.t.section("Outputs")?.get(name)?;
        if let Some(c) = output.get("Condition")
            && c.as_str().and_then(|c| child.condition(c)) != Some(true)
        {
            return None;
        }
        child.eval_at(output.get("Value")?, depth + 1)
    }

    /// `Fn::Sub`: `${Name}`, `${Resource.Attr}`, `${!Literal}`; variables from `vars` first.
    fn sub(&self, template: &str, vars: Option<&Dyn>, at: Location) -> Dyn {
        let mut out = String::new();
        let mut rest = template;
        let mut unknown = false;
        let mut single_ref: Option<Arc<str>> = None;
        let whole = template.starts_with("${") && template.ends_with('}') && {
            let inner = &template[2..template.len() - 1];
            !inner.contains("${") && !inner.contains('}')
        };
        while let Some(pos) = rest.find("${") {
            out.push_str(&rest[..pos]);
            let after = &rest[pos + 2..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[pos..]);
                rest = "";
                break;
            };
            let name = after[..close].trim();
            rest = &after[close + 1..];
            if let Some(lit) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(lit);
                out.push('}');
                continue;
            }
            let value = match vars.and_then(|v| v.get(name)) {
                Some(v) => Some(v.clone()),
                None => match name.split_once('.') {
                    Some((res, attribute)) => Some(self.get_att(Some(res), Some(attribute), at, 0)),
                    None => self.reference(name, at),
                },
            };
            if let Some(s) = value.as_ref().and_then(Dyn::to_string_lossy) {
                out.push_str(&s);
            } else {
                unknown = true;
                single_ref = value.and_then(|v| v.source_ref);
            }
            if out.len() > MAX_STRING {
                return Self::unknown(at);
            }
        }
        out.push_str(rest);
        if unknown {
            let v = Self::unknown(at);
            return match single_ref.filter(|_| whole) {
                Some(r) => v.with_source_ref(r),
                None => v,
            };
        }
        Dyn::string(out)
    }

    /// `Fn::FindInMap [Map, TopKey, SecondKey, {DefaultValue: …}]`.
    fn find_in_map(&self, arg: &Node, at: Location, depth: usize) -> Dyn {
        let Some(items) = arg.as_seq() else {
            return Self::unknown(at);
        };
        let key = |i: usize| {
            items
                .get(i)
                .and_then(|n| self.eval_at(n, depth + 1))
                .and_then(|d| d.to_string_lossy())
        };
        let default = items
            .get(3)
            .and_then(|o| o.get("DefaultValue"))
            .and_then(|d| self.eval_at(d, depth + 1));
        let (Some(map), Some(top), Some(second)) = (key(0), key(1), key(2)) else {
            return Self::unknown(at);
        };
        let found = self
            .t
            .section("Mappings")
            .and_then(|m| m.get(&map))
            .and_then(|m| m.get(&top))
            .and_then(|m| m.get(&second));
        match found {
            Some(n) => self
                .eval_at(n, depth + 1)
                .unwrap_or_else(|| Self::unknown(at)),
            None => default.unwrap_or_else(|| Self::unknown(at)),
        }
    }
}

/// Names of the conditions a condition expression uses.
fn condition_refs<'a>(n: &'a Node, out: &mut Vec<&'a str>, depth: usize) {
    if depth > MAX_EVAL_DEPTH {
        return;
    }
    match &n.kind {
        NodeKind::Map(entries) => {
            if let Some(("Condition", arg)) = n.intrinsic(true)
                && let Some(name) = arg.as_str()
            {
                out.push(name);
                return;
            }
            for e in entries {
                condition_refs(&e.value, out, depth + 1);
            }
        }
        NodeKind::Seq(items) => {
            for i in items {
                condition_refs(i, out, depth + 1);
            }
        }
        _ => {}
    }
}

trait WithRefOf {
    fn with_ref_of(self, other: &Dyn) -> Self;
}

impl WithRefOf for Dyn {
    fn with_ref_of(mut self, other: &Dyn) -> Self {
        if self.source_ref.is_none() {
            self.source_ref.clone_from(&other.source_ref);
        }
        self
    }
}

/// A literal node (a parameter default, a mapping value) without evaluating intrinsics.
pub fn literal(n: &Node, t: &Template) -> Dyn {
    let at = t.node_loc(n);
    match &n.kind {
        NodeKind::Null => Dyn::null(),
        NodeKind::Bool(b) => Dyn::bool(*b),
        NodeKind::Number(x) => Dyn::number(*x),
        NodeKind::String(s) => Dyn::new(DynKind::String(s.clone())),
        NodeKind::Seq(items) => Dyn::list(items.iter().map(|i| literal(i, t)).collect()),
        NodeKind::Map(entries) => {
            if n.intrinsic(false).is_some() {
                Dyn::unknown()
            } else {
                Dyn::map(
                    entries
                        .iter()
                        .map(|e| (e.key.to_string(), literal(&e.value, t)))
                        .collect(),
                )
            }
        }
    }
    .with_loc(at)
}

/// CloudFormation compares values as strings (`Fn::Equals [!Ref Port, 22]`). `None` when
/// either side is not known.
fn equal_values(a: Option<&Dyn>, b: Option<&Dyn>) -> Option<bool> {
    let (a, b) = (a?, b?);
    if a.contains_unknown() || b.contains_unknown() {
        return None;
    }
    match (a.to_string_lossy(), b.to_string_lossy()) {
        (Some(x), Some(y)) => Some(x == y),
        _ => Some(a.to_json()? == b.to_json()?),
    }
}

/// Structural equality ignoring locations (both branches of an undecided `Fn::If`).
fn same(a: &Dyn, b: &Dyn) -> bool {
    match (&a.kind, &b.kind) {
        (DynKind::Unknown, _) | (_, DynKind::Unknown) => false,
        (DynKind::List(x), DynKind::List(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same(p, q))
        }
        (DynKind::Map(x), DynKind::Map(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        (k1, k2) => k1 == k2,
    }
}

/// Standard base64 with padding.
fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
