//! The Terraform evaluator: one root module (and the modules it calls) into
//! [`TfEvaluation`].
//!
//! Evaluation is lazy and memoised: a variable, local, output, resource or module call is
//! evaluated the first time something refers to it (or when everything is emitted at the
//! end), once. Anything that cannot be evaluated is Unknown; what Terraform would reject is
//! an internal error that `try`/`can` observe and that otherwise becomes Unknown plus a
//! notice. Every limit below turns into Unknown plus a notice, never a panic.

pub(crate) mod embed;
mod expr;
mod host;
pub mod types;
mod vars;

use crate::dynvalue::{Dyn, DynKind, format_number};
use crate::terraform::ir::{
    EvalAttr, EvalBlock, ResourceMode, TfEvaluation, TfProvider, TfResource,
};
use crate::terraform::module::{
    Loader, Module, is_local_source, join_clean, literal_source, norm_dir,
};
use crate::terraform::syntax::{Block, Body, Expr, Loc};
use cloudsentinel_model::{Location, ModuleCall, Notice};
use indexmap::IndexMap;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

/// Deepest chain of module calls evaluated (root = 0).
pub const MAX_MODULE_DEPTH: usize = 16;
/// Deepest nesting of evaluation (expressions inside expressions, references followed
/// through locals, variables, outputs and module calls).
pub const MAX_EVAL_DEPTH: u32 = 400;
/// Expression evaluations allowed per root module (bounds for-expressions over huge
/// collections and exponential reference fan-out).
pub const MAX_STEPS: u64 = 3_000_000;
/// Instances evaluated per resource, module call or `dynamic` block; the rest are dropped
/// with a notice.
pub const MAX_INSTANCES: usize = 10_000;
/// Longest string an expression or function may produce.
pub const MAX_STRING_LEN: usize = 4 * 1024 * 1024;
/// Most elements a collection built by an expression or function may have.
pub const MAX_COLLECTION_LEN: usize = 100_000;
/// Most nodes a whole-value walk (equality, type conversion) visits; values sharing
/// subtrees can be exponentially large as trees.
pub const MAX_WALK_NODES: usize = 1_000_000;
/// Largest file `file()`/`templatefile()` may read.
pub const MAX_READ_FILE_SIZE: u64 = 1024 * 1024;

/// An evaluation error: Terraform would reject the expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fail(pub String);

/// An evaluation result.
pub(crate) type R = Result<Dyn, Fail>;

/// An evaluation error with `msg`.
pub(crate) fn fail<T>(msg: impl Into<String>) -> Result<T, Fail> {
    Err(Fail(msg.into()))
}

/// Variables bound by for-expressions, `dynamic` iterators, `count` and `each`.
pub(crate) struct Scope<'a> {
    pub vars: &'a [(Arc<str>, Dyn)],
    pub parent: Option<&'a Scope<'a>>,
}

impl Scope<'_> {
    fn lookup(&self, name: &str) -> Option<&Dyn> {
        let mut s = Some(self);
        while let Some(sc) = s {
            if let Some((_, v)) = sc.vars.iter().rev().find(|(n, _)| &**n == name) {
                return Some(v);
            }
            s = sc.parent;
        }
        None
    }
}

/// Where an expression is evaluated: a module instance (none inside `templatefile`) and
/// the local bindings.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub inst: Option<InstId>,
    pub scope: Option<&'a Scope<'a>>,
}

impl<'a> Ctx<'a> {
    fn lookup(&self, name: &str) -> Option<&'a Dyn> {
        self.scope.and_then(|s| s.lookup(name))
    }
}

/// Index of a module instance in its evaluator.
pub(crate) type InstId = usize;

/// Named values bound for one evaluation (`count`, `each`, iterators).
pub(crate) type Bindings = Vec<(Arc<str>, Dyn)>;

enum Slot<T> {
    Busy,
    Done(T),
}

/// One module instance: a module evaluated with one set of inputs.
struct Instance {
    module: Arc<Module>,
    /// `module.a.module.b["k"].`
    prefix: String,
    chain: Vec<ModuleCall>,
    /// Call names from the root (`modules.json` keys are these joined with `.`).
    call_path: Vec<String>,
    depth: usize,
    caller: Option<Caller>,
    /// Instantiated for an unknown `count`/`for_each` (here or in a caller): it may not
    /// exist at all, so evaluation errors inside are expected and not reported.
    speculative: bool,
    /// `path.module`: the module directory relative to the root module directory.
    path_module: Arc<str>,
    vars: RefCell<HashMap<String, Slot<R>>>,
    locals: RefCell<HashMap<String, Slot<R>>>,
    outputs: RefCell<HashMap<String, Slot<R>>>,
    resources: RefCell<HashMap<String, Slot<Rc<ResourceEval>>>>,
    calls: RefCell<HashMap<String, Slot<Rc<CallEval>>>>,
}

/// How a child instance reads its inputs: the call block in the caller instance,
/// evaluated with this instance's `count`/`each`.
struct Caller {
    inst: InstId,
    call_name: String,
    bindings: Bindings,
}

/// An evaluated resource or data block: its instances and the value references read.
struct ResourceEval {
    instances: RefCell<Vec<TfResource>>,
    value: Dyn,
}

#[derive(Clone, Debug, PartialEq)]
enum InstKey {
    None,
    Index(usize),
    Key(String),
    /// `count`/`for_each` could not be evaluated: one instance stands for all.
    Unknown,
}

impl InstKey {
    fn suffix(&self) -> String {
        match self {
            InstKey::None | InstKey::Unknown => String::new(),
            InstKey::Index(i) => format!("[{i}]"),
            InstKey::Key(k) => format!("[{}]", quote(k)),
        }
    }
}

/// Quotes an instance key as Terraform prints it in addresses.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The shape `count`/`for_each` gave a resource or module call.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Shape {
    Single,
    List,
    Map,
    Unknown,
}

/// `count`/`for_each` evaluated: the instance keys and their `count`/`each` bindings.
struct Expansion {
    shape: Shape,
    instances: Vec<(InstKey, Bindings)>,
}

/// An evaluated module call.
struct CallEval {
    shape: Shape,
    /// Empty when the module could not be evaluated (its outputs are Unknown).
    instances: Vec<(InstKey, InstId)>,
    /// Instances by `count` index or `for_each` key, for `module.m[k]`.
    by_key: HashMap<String, InstId>,
    evaluated: bool,
}

/// Evaluates one root module. Single-threaded; roots run in parallel, sharing `loader`.
pub(crate) struct Evaluator<'l> {
    loader: &'l Loader<'l>,
    root_dir: PathBuf,
    /// Canonical directory file reads are confined to.
    scan_root: Option<PathBuf>,
    cwd: Arc<str>,
    instances: RefCell<Vec<Rc<Instance>>>,
    root_vars: HashMap<String, vars::RawVar>,
    /// `terraform.workspace`.
    workspace: Arc<str>,
    notices: RefCell<Vec<Notice>>,
    parse_errors: RefCell<Vec<cloudsentinel_model::ParseError>>,
    modules_seen: RefCell<HashSet<PathBuf>>,
    unsupported_fns: RefCell<BTreeSet<String>>,
    steps: Cell<u64>,
    depth: Cell<u32>,
    /// Inside a resource instance standing for an unknown `count`/`for_each`.
    speculative: Cell<u32>,
    exhausted: Cell<bool>,
    too_deep_reported: Cell<bool>,
    /// The last file `read_file` returned, so `templatefile` can locate template text.
    last_read: RefCell<Option<(PathBuf, Arc<str>)>>,
    /// Functions another front-end adds (Terragrunt's), asked before Terraform's.
    extra_fns: Option<&'l dyn embed::ExtraFunctions>,
    /// Calls that lead to the root module (a Terragrunt unit), outermost first.
    root_chain: Vec<ModuleCall>,
}

/// Evaluates the root module in `root_dir`. `scan_root` confines file reads. Recursion is
/// bounded by [`MAX_EVAL_DEPTH`] but needs a large stack: run it on the threads
/// [`crate::terraform::evaluate`] sets up.
pub(crate) fn evaluate_root(
    loader: &Loader<'_>,
    root_dir: &Path,
    scan_root: Option<&Path>,
) -> TfEvaluation {
    evaluate_root_configured(loader, root_dir, scan_root, |_, _| {})
}

/// [`evaluate_root`] with the evaluator adjusted by `configure` before anything is
/// evaluated (another front-end's inputs, call chain and functions).
pub(crate) fn evaluate_root_configured<'l>(
    loader: &'l Loader<'l>,
    root_dir: &Path,
    scan_root: Option<&Path>,
    configure: impl FnOnce(&mut Evaluator<'l>, &Module),
) -> TfEvaluation {
    let root_dir = norm_dir(root_dir);
    let Some(module) = loader.load(&root_dir) else {
        return TfEvaluation::default();
    };
    let mut ev = Evaluator::new(loader, &root_dir, scan_root);
    configure(&mut ev, &module);
    ev.see_module(&module);
    let root = ev.add_root(module);
    let mut out = TfEvaluation::default();
    ev.emit(root, &mut out);
    for f in ev.unsupported_fns.borrow().iter() {
        ev.notice(
            None,
            format!(
                "function {f} is not supported; values using it are unknown ({})",
                ev.root_dir.display()
            ),
        );
    }
    let mut notices = ev.notices.take();
    notices.sort();
    notices.dedup();
    out.notices = notices;
    out.parse_errors = ev.parse_errors.take();
    out
}

/// The workspace `terraform.workspace` names: the option, else the one `terraform workspace
/// select` recorded in the root's `.terraform/environment`, else `default`.
fn workspace_name(loader: &Loader<'_>, root_dir: &Path) -> String {
    let tf = loader.opts.frontend::<crate::terraform::TerraformOptions>();
    if let Some(w) = &tf.workspace {
        return w.clone();
    }
    let selected = std::fs::read_to_string(join_clean(root_dir, ".terraform/environment"))
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && s.len() <= 90 && !s.contains(['/', '\\']));
    selected.unwrap_or_else(|| "default".to_string())
}

impl<'l> Evaluator<'l> {
    fn new(loader: &'l Loader<'l>, root_dir: &Path, scan_root: Option<&Path>) -> Self {
        let (root_vars, var_errors) = vars::root_var_sources(loader, root_dir);
        let mut ev = Self::new_without_vars(loader, root_dir, scan_root);
        ev.root_vars = root_vars;
        ev.parse_errors = RefCell::new(var_errors);
        ev
    }

    /// An evaluator with no root variable values (nothing read from the directory).
    fn new_without_vars(loader: &'l Loader<'l>, root_dir: &Path, scan_root: Option<&Path>) -> Self {
        let cwd = std::path::absolute(root_dir).map_or_else(
            |_| root_dir.to_string_lossy().into_owned(),
            |p| p.to_string_lossy().into_owned(),
        );
        Evaluator {
            loader,
            root_dir: root_dir.to_path_buf(),
            scan_root: scan_root.map(Path::to_path_buf),
            cwd: cwd.into(),
            instances: RefCell::new(Vec::new()),
            root_vars: HashMap::new(),
            workspace: workspace_name(loader, root_dir).into(),
            notices: RefCell::new(Vec::new()),
            parse_errors: RefCell::new(Vec::new()),
            modules_seen: RefCell::new(HashSet::new()),
            unsupported_fns: RefCell::new(BTreeSet::new()),
            steps: Cell::new(0),
            depth: Cell::new(0),
            speculative: Cell::new(0),
            exhausted: Cell::new(false),
            too_deep_reported: Cell::new(false),
            last_read: RefCell::new(None),
            extra_fns: None,
            root_chain: Vec::new(),
        }
    }

    fn add_root(&self, module: Arc<Module>) -> InstId {
        self.add_instance(Instance {
            module,
            prefix: String::new(),
            chain: self.root_chain.clone(),
            call_path: Vec::new(),
            depth: 0,
            caller: None,
            speculative: false,
            path_module: ".".into(),
            vars: RefCell::default(),
            locals: RefCell::default(),
            outputs: RefCell::default(),
            resources: RefCell::default(),
            calls: RefCell::default(),
        })
    }

    fn add_instance(&self, inst: Instance) -> InstId {
        let mut v = self.instances.borrow_mut();
        v.push(Rc::new(inst));
        v.len() - 1
    }

    fn inst(&self, id: InstId) -> Rc<Instance> {
        // Ids are only ever created by `add_instance`, so they are in range.
        self.instances.borrow()[id].clone()
    }

    /// The step budget is spent: everything still to evaluate is unknown.
    pub(crate) fn exhausted(&self) -> bool {
        self.exhausted.get()
    }

    /// Records something the evaluation could not do.
    pub(crate) fn notice(&self, location: Loc, message: String) {
        self.notices.borrow_mut().push(Notice { location, message });
    }

    /// Evaluating something that may not exist (see [`Instance::speculative`]): problems
    /// there are consequences of an unknown already reported.
    fn is_speculative(&self, ctx: Ctx<'_>) -> bool {
        self.speculative.get() > 0 || ctx.inst.is_some_and(|i| self.inst(i).speculative)
    }

    /// Collects a module's parse errors and notices once per root.
    fn see_module(&self, m: &Module) {
        if self.modules_seen.borrow_mut().insert(m.dir.clone()) {
            self.parse_errors
                .borrow_mut()
                .extend(m.parse_errors.iter().cloned());
            self.notices.borrow_mut().extend(m.notices.iter().cloned());
        }
    }

    /// Counts one evaluation step and one nesting level; `None` when a limit is reached
    /// (the caller yields Unknown). The guard restores the depth when dropped.
    pub(crate) fn enter(&self, loc: Loc) -> Option<DepthGuard<'_>> {
        let steps = self.steps.get() + 1;
        self.steps.set(steps);
        if steps > MAX_STEPS {
            if !self.exhausted.replace(true) {
                self.notice(
                    loc,
                    format!(
                        "evaluation of {} stopped after {MAX_STEPS} steps; remaining values are unknown",
                        self.root_dir.display()
                    ),
                );
            }
            return None;
        }
        let d = self.depth.get() + 1;
        if d > MAX_EVAL_DEPTH {
            if !self.too_deep_reported.replace(true) {
                self.notice(
                    loc,
                    format!("expressions or references nested more than {MAX_EVAL_DEPTH} levels deep; the value is unknown"),
                );
            }
            return None;
        }
        self.depth.set(d);
        Some(DepthGuard { depth: &self.depth })
    }

    // ---- named values -------------------------------------------------------------------

    /// Memoised evaluation with cycle detection.
    fn memo<T: Clone>(
        map: &RefCell<HashMap<String, Slot<T>>>,
        key: &str,
        compute: impl FnOnce() -> T,
        on_cycle: impl FnOnce() -> T,
    ) -> T {
        let state = match map.borrow().get(key) {
            Some(Slot::Done(v)) => Some(Some(v.clone())),
            Some(Slot::Busy) => Some(None),
            None => None,
        };
        match state {
            Some(Some(v)) => return v,
            Some(None) => return on_cycle(),
            None => {}
        }
        map.borrow_mut().insert(key.to_string(), Slot::Busy);
        let v = compute();
        map.borrow_mut()
            .insert(key.to_string(), Slot::Done(v.clone()));
        v
    }

    fn cycle(&self, loc: Loc, what: &str) -> R {
        self.notice(
            loc,
            format!("{what} depends on itself (a reference cycle); it is unknown"),
        );
        Ok(Dyn {
            kind: DynKind::Unknown,
            loc,
            source_ref: None,
            encoded: None,
        })
    }

    /// `local.NAME` in instance `id`, evaluated once.
    pub(crate) fn local(&self, id: InstId, name: &str) -> R {
        let inst = self.inst(id);
        let Some(attr) = inst.module.locals.get(name) else {
            return fail(format!("local.{name} is not declared"));
        };
        Self::memo(
            &inst.locals,
            name,
            || {
                let ctx = Ctx {
                    inst: Some(id),
                    scope: None,
                };
                self.eval(&attr.expr, ctx).map(|v| v.or_loc(attr.expr.loc))
            },
            || self.cycle(Some(attr.loc), &format!("local.{name}")),
        )
    }

    /// `var.NAME` in instance `id`: its input (or external value at the root), else its
    /// default, converted to its type; evaluated once.
    pub(crate) fn variable(&self, id: InstId, name: &str) -> R {
        let inst = self.inst(id);
        let Some(decl) = inst.module.variables.get(name) else {
            return fail(format!("var.{name} is not declared"));
        };
        Self::memo(
            &inst.vars,
            name,
            || Ok(self.variable_value(&inst, name, decl)),
            || self.cycle(Some(decl.loc), &format!("var.{name}")),
        )
    }

    fn variable_value(&self, inst: &Instance, name: &str, decl: &Block) -> Dyn {
        let empty = Ctx {
            inst: None,
            scope: None,
        };
        let ty = decl.body.attr("type").and_then(|t| {
            types::parse_type(&t.expr, &mut |d| {
                self.eval(d, empty).unwrap_or_else(|_| Dyn::unknown())
            })
        });
        let default = decl
            .body
            .attr("default")
            .map(|d| self.eval_value(&d.expr, empty));
        let given: Option<Dyn> = match &inst.caller {
            Some(caller) => {
                let cinst = self.inst(caller.inst);
                cinst
                    .module
                    .module_calls
                    .get(&caller.call_name)
                    .and_then(|call| call.body.attr(name))
                    .map(|a| {
                        let scope = Scope {
                            vars: &caller.bindings,
                            parent: None,
                        };
                        let ctx = Ctx {
                            inst: Some(caller.inst),
                            scope: Some(&scope),
                        };
                        self.eval_value(&a.expr, ctx)
                    })
            }
            None => self
                .root_vars
                .get(name)
                .map(|raw| self.raw_var_value(name, raw, ty.as_ref())),
        };
        let nullable = decl
            .body
            .attr("nullable")
            .is_none_or(|n| self.eval_value(&n.expr, empty).as_bool() != Some(false));
        let value = match given {
            Some(v) if v.is_null() && !nullable => default,
            Some(v) => Some(v),
            None => default,
        };
        let Some(value) = value else {
            let msg = match &inst.caller {
                None => format!(
                    "variable \"{name}\" has no value (no default, tfvars, --var or TF_VAR_{name}); it is unknown"
                ),
                Some(_) => format!(
                    "required variable \"{name}\" of module {} is not set; it is unknown",
                    inst.prefix.trim_end_matches('.')
                ),
            };
            self.notice(Some(decl.loc), msg);
            return Dyn {
                kind: DynKind::Unknown,
                loc: Some(decl.loc),
                source_ref: None,
                encoded: None,
            };
        };
        match &ty {
            Some(t) => types::convert(&value, t),
            None => value,
        }
    }

    /// Output `name` of instance `id`, evaluated once.
    pub(crate) fn output(&self, id: InstId, name: &str) -> R {
        let inst = self.inst(id);
        let Some(block) = inst.module.outputs.get(name) else {
            return fail(format!(
                "module {} has no output \"{name}\"",
                inst.prefix.trim_end_matches('.')
            ));
        };
        Self::memo(
            &inst.outputs,
            name,
            || match block.body.attr("value") {
                Some(a) => {
                    let ctx = Ctx {
                        inst: Some(id),
                        scope: None,
                    };
                    self.eval(&a.expr, ctx).map(|v| v.or_loc(a.expr.loc))
                }
                None => Ok(Dyn::null()),
            },
            || self.cycle(Some(block.loc), &format!("output {name}")),
        )
    }

    /// All outputs of an instance as an object (for `module.m` used as a whole).
    fn outputs_object(&self, id: InstId) -> R {
        let inst = self.inst(id);
        let mut m = IndexMap::new();
        for name in inst.module.outputs.keys() {
            let v = match self.output(id, name) {
                Ok(v) => v,
                Err(_) => Dyn::unknown(),
            };
            m.insert(name.clone(), v);
        }
        Ok(Dyn::map(m))
    }

    // ---- resources ------------------------------------------------------------------------

    /// The value `aws_s3_bucket.b` (or `data.x.y`) reads: one object, a list (`count`) or
    /// a map (`for_each`) of instance objects. `None` when not declared.
    pub(crate) fn resource_value(&self, id: InstId, key: &str) -> Option<Dyn> {
        self.resource(id, key).map(|r| r.value.clone())
    }

    fn resource(&self, id: InstId, key: &str) -> Option<Rc<ResourceEval>> {
        let inst = self.inst(id);
        let block = inst.module.resources.get(key)?;
        Some(Self::memo(
            &inst.resources,
            key,
            || Rc::new(self.eval_resource(id, &inst, key, block)),
            || {
                self.notice(
                    Some(block.loc),
                    format!(
                        "{}{key} refers to itself (a reference cycle); the reference is unknown",
                        inst.prefix
                    ),
                );
                let full: Arc<str> = format!("{}{key}", inst.prefix).into();
                Rc::new(ResourceEval {
                    instances: RefCell::new(Vec::new()),
                    value: Dyn::unknown().with_source_ref(full),
                })
            },
        ))
    }

    fn eval_resource(&self, id: InstId, inst: &Instance, key: &str, block: &Block) -> ResourceEval {
        let (mode, rtype, name) = match block.labels.as_slice() {
            [t, n] if &*block.ident == "data" => (ResourceMode::Data, t.to_string(), n.to_string()),
            [t, n] => (ResourceMode::Managed, t.to_string(), n.to_string()),
            _ => (ResourceMode::Managed, String::new(), String::new()),
        };
        let base_full: Arc<str> = format!("{}{key}", inst.prefix).into();
        let ctx = Ctx {
            inst: Some(id),
            scope: None,
        };
        // Notices name the address within the module: one per declaration, however many
        // module instances share it.
        let exp = self.expansion(&block.body, ctx, key);
        let mut resources = Vec::with_capacity(exp.instances.len());
        let mut objects: Vec<(InstKey, Dyn)> = Vec::with_capacity(exp.instances.len());
        for (ikey, bindings) in exp.instances {
            let scope = Scope {
                vars: &bindings,
                parent: None,
            };
            let ictx = Ctx {
                inst: Some(id),
                scope: Some(&scope),
            };
            let unknown_instance = ikey == InstKey::Unknown;
            if unknown_instance {
                self.speculative.set(self.speculative.get() + 1);
            }
            let (body, obj) = self.eval_block(block, ictx, BlockRole::Resource);
            if unknown_instance {
                self.speculative
                    .set(self.speculative.get().saturating_sub(1));
            }
            let address = format!("{key}{}", ikey.suffix());
            let full: Arc<str> = format!("{}{address}", inst.prefix).into();
            objects.push((ikey, computed_when_null(obj).with_source_ref(full)));
            resources.push(TfResource {
                mode,
                rtype: rtype.clone(),
                name: name.clone(),
                address,
                module_prefix: inst.prefix.clone(),
                module_chain: inst.chain.clone(),
                body,
                set_elsewhere: Vec::new(),
            });
        }
        let value = match exp.shape {
            Shape::Single => objects
                .into_iter()
                .next()
                .map_or_else(Dyn::unknown, |(_, o)| o),
            Shape::List => Dyn::list(objects.into_iter().map(|(_, o)| o).collect()),
            Shape::Map => Dyn::map(
                objects
                    .into_iter()
                    .filter_map(|(k, o)| match k {
                        InstKey::Key(k) => Some((k, o)),
                        _ => None,
                    })
                    .collect(),
            ),
            Shape::Unknown => Dyn::unknown(),
        };
        // Only instance objects (and an unknown whole) name a resource; the list or map
        // holding several instances is not itself read from one.
        let value = match exp.shape {
            Shape::Unknown => value.with_source_ref(base_full),
            _ => value,
        };
        ResourceEval {
            instances: RefCell::new(resources),
            value: value.or_loc(Some(block.loc)),
        }
    }

    /// Evaluates `count` / `for_each` of a resource or module call.
    fn expansion(&self, body: &Body, ctx: Ctx<'_>, what: &str) -> Expansion {
        let count = body.attr("count");
        let for_each = body.attr("for_each");
        let speculative = self.is_speculative(ctx);
        let unknown = |kind: &str, loc: Location, why: String| {
            if !speculative {
                self.notice(
                    Some(loc),
                    format!(
                        "{kind} of {what} {why}; one instance is evaluated with unknown {}",
                        if kind == "count" {
                            "count.index"
                        } else {
                            "each.key and each.value"
                        }
                    ),
                );
            }
            let binding = if kind == "count" {
                let mut m = IndexMap::new();
                m.insert("index".to_string(), Dyn::unknown());
                ("count", m)
            } else {
                let mut m = IndexMap::new();
                m.insert("key".to_string(), Dyn::unknown());
                m.insert("value".to_string(), Dyn::unknown());
                ("each", m)
            };
            Expansion {
                shape: Shape::Unknown,
                instances: vec![(
                    InstKey::Unknown,
                    vec![(binding.0.into(), Dyn::map(binding.1))],
                )],
            }
        };
        if let (Some(_), Some(f)) = (count, for_each) {
            return unknown("for_each", f.loc, "is set together with count".into());
        }
        if let Some(c) = count {
            let v = match self.eval(&c.expr, ctx) {
                Ok(v) => v,
                Err(e) => {
                    return unknown("count", c.loc, format!("could not be evaluated ({})", e.0));
                }
            };
            if v.is_unknown() {
                return unknown("count", c.loc, "could not be evaluated".into());
            }
            let n = match v.as_f64() {
                Some(n) if n >= 0.0 && n.fract() == 0.0 && n.is_finite() => n as usize,
                _ => return unknown("count", c.loc, "is not a whole number".into()),
            };
            let n = if n > MAX_INSTANCES {
                self.notice(
                    Some(c.loc),
                    format!(
                        "{what} has {n} instances; only the first {MAX_INSTANCES} are evaluated"
                    ),
                );
                MAX_INSTANCES
            } else {
                n
            };
            let instances = (0..n)
                .map(|i| {
                    let mut m = IndexMap::new();
                    m.insert("index".to_string(), Dyn::number(i as f64));
                    (InstKey::Index(i), vec![(Arc::from("count"), Dyn::map(m))])
                })
                .collect();
            return Expansion {
                shape: Shape::List,
                instances,
            };
        }
        if let Some(f) = for_each {
            let v = match self.eval(&f.expr, ctx) {
                Ok(v) => v,
                Err(e) => {
                    return unknown(
                        "for_each",
                        f.loc,
                        format!("could not be evaluated ({})", e.0),
                    );
                }
            };
            let mut keyed: Vec<(String, Dyn)> = match &v.kind {
                DynKind::Unknown => {
                    return unknown("for_each", f.loc, "could not be evaluated".into());
                }
                DynKind::Map(m) => m.iter().map(|(k, x)| (k.clone(), x.clone())).collect(),
                DynKind::List(items) => {
                    let mut out = Vec::with_capacity(items.len());
                    for i in items.iter() {
                        match &i.kind {
                            DynKind::String(s) => out.push((s.to_string(), i.clone())),
                            DynKind::Unknown => {
                                return unknown("for_each", f.loc, "could not be evaluated".into());
                            }
                            _ => {
                                return unknown(
                                    "for_each",
                                    f.loc,
                                    "is not a map or a set of strings".into(),
                                );
                            }
                        }
                    }
                    out.sort_by(|a, b| a.0.cmp(&b.0));
                    out.dedup_by(|a, b| a.0 == b.0);
                    out
                }
                _ => return unknown("for_each", f.loc, "is not a map or a set of strings".into()),
            };
            keyed.sort_by(|a, b| a.0.cmp(&b.0));
            if keyed.len() > MAX_INSTANCES {
                self.notice(
                    Some(f.loc),
                    format!(
                        "{what} has {} instances; only the first {MAX_INSTANCES} are evaluated",
                        keyed.len()
                    ),
                );
                keyed.truncate(MAX_INSTANCES);
            }
            let instances = keyed
                .into_iter()
                .map(|(k, val)| {
                    let mut m = IndexMap::new();
                    m.insert("key".to_string(), Dyn::string(k.as_str()));
                    m.insert("value".to_string(), val);
                    (InstKey::Key(k), vec![(Arc::from("each"), Dyn::map(m))])
                })
                .collect();
            return Expansion {
                shape: Shape::Map,
                instances,
            };
        }
        Expansion {
            shape: Shape::Single,
            instances: vec![(InstKey::None, Vec::new())],
        }
    }

    // ---- blocks ---------------------------------------------------------------------------

    /// Evaluates a block into its IR form and the object references read from it
    /// (attributes, and nested blocks as lists of objects; a nested block type a `dynamic`
    /// could not expand is Unknown).
    fn eval_block(&self, block: &Block, ctx: Ctx<'_>, role: BlockRole) -> (EvalBlock, Dyn) {
        let mut out = EvalBlock {
            ident: block.ident.to_string(),
            labels: block
                .labels
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            loc: block.loc,
            attrs: IndexMap::new(),
            blocks: Vec::new(),
            incomplete: false,
        };
        let mut obj: IndexMap<String, Dyn> = IndexMap::new();
        self.eval_body_into(&block.body, ctx, role, &mut out, &mut obj);
        (out, Dyn::map(obj).with_loc(block.loc))
    }

    fn eval_body_into(
        &self,
        body: &Body,
        ctx: Ctx<'_>,
        role: BlockRole,
        out: &mut EvalBlock,
        obj: &mut IndexMap<String, Dyn>,
    ) {
        for a in &body.attrs {
            let name = &*a.name;
            let value = match (role, name) {
                (BlockRole::Resource, "count" | "for_each" | "depends_on")
                | (BlockRole::Lifecycle, "ignore_changes" | "replace_triggered_by") => continue,
                (BlockRole::Resource, "provider") => match a.expr.traversal_text() {
                    Some(t) => Dyn::string(t).with_loc(a.expr.loc.unwrap_or(a.loc)),
                    None => continue,
                },
                _ => self.eval_value(&a.expr, ctx),
            };
            obj.insert(name.to_string(), value.clone());
            out.attrs.insert(
                name.to_string(),
                EvalAttr {
                    value,
                    loc: a.loc,
                    expr_loc: a.expr.loc.unwrap_or(a.loc),
                    is_literal: a.expr.is_literal(),
                },
            );
        }
        let mut nested: IndexMap<String, Vec<Dyn>> = IndexMap::new();
        let mut unknown_types: BTreeSet<String> = BTreeSet::new();
        for b in &body.blocks {
            if &*b.ident == "dynamic" {
                let produced = self.expand_dynamic(b, ctx, out, &mut nested);
                if let Some(t) = produced {
                    unknown_types.insert(t);
                    out.incomplete = true;
                }
                continue;
            }
            let child_role = if &*b.ident == "lifecycle" {
                BlockRole::Lifecycle
            } else {
                BlockRole::Nested
            };
            let (eb, o) = self.eval_block(b, ctx, child_role);
            nested.entry(b.ident.to_string()).or_default().push(o);
            out.blocks.push(eb);
        }
        for (ident, objs) in nested {
            // A JSON property may be both an attribute and a block; the attribute wins.
            if !obj.contains_key(&ident) {
                obj.insert(ident, Dyn::list(objs));
            }
        }
        for t in unknown_types {
            obj.insert(t, Dyn::unknown());
        }
    }

    /// Expands a `dynamic "x"` block into `x` blocks. Returns the block type when its
    /// `for_each` could not be evaluated (nothing is produced then).
    fn expand_dynamic(
        &self,
        b: &Block,
        ctx: Ctx<'_>,
        out: &mut EvalBlock,
        nested: &mut IndexMap<String, Vec<Dyn>>,
    ) -> Option<String> {
        let label = b.labels.first()?.to_string();
        let content = b.body.blocks_named("content").next()?;
        let iterator: Arc<str> = b
            .body
            .attr("iterator")
            .and_then(|i| i.expr.traversal_text())
            .map_or_else(|| Arc::from(label.as_str()), Arc::from);
        let Some(fe) = b.body.attr("for_each") else {
            return Some(label);
        };
        let coll = match self.eval(&fe.expr, ctx) {
            Ok(v) => v,
            Err(e) => {
                if !self.is_speculative(ctx) {
                    self.notice(
                        Some(fe.loc),
                        format!(
                            "for_each of dynamic \"{label}\" could not be evaluated ({}); its blocks are not known",
                            e.0
                        ),
                    );
                }
                return Some(label);
            }
        };
        let items: Vec<(Dyn, Dyn)> = match &coll.kind {
            DynKind::List(l) => l
                .iter()
                .enumerate()
                .map(|(i, v)| (Dyn::number(i as f64), v.clone()))
                .collect(),
            DynKind::Map(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                keys.into_iter()
                    .filter_map(|k| Some((Dyn::string(k.as_str()), m.get(k)?.clone())))
                    .collect()
            }
            _ => {
                if !self.is_speculative(ctx) {
                    self.notice(
                        Some(fe.loc),
                        format!("for_each of dynamic \"{label}\" could not be evaluated; its blocks are not known"),
                    );
                }
                return Some(label);
            }
        };
        let total = items.len();
        for (i, (k, v)) in items.into_iter().enumerate() {
            if i >= MAX_INSTANCES {
                self.notice(
                    Some(fe.loc),
                    format!("dynamic \"{label}\" has {total} blocks; only the first {MAX_INSTANCES} are evaluated"),
                );
                break;
            }
            let mut it = IndexMap::new();
            it.insert("key".to_string(), k);
            it.insert("value".to_string(), v);
            let vars = [(iterator.clone(), Dyn::map(it))];
            let scope = Scope {
                vars: &vars,
                parent: ctx.scope,
            };
            let ictx = Ctx {
                inst: ctx.inst,
                scope: Some(&scope),
            };
            let labels: Vec<String> = match b.body.attr("labels") {
                Some(l) => self
                    .eval_value(&l.expr, ictx)
                    .as_list()
                    .map(|ls| {
                        ls.iter()
                            .map(|x| x.to_string_lossy().unwrap_or_default())
                            .collect()
                    })
                    .unwrap_or_default(),
                None => Vec::new(),
            };
            let mut eb = EvalBlock {
                ident: label.clone(),
                labels,
                loc: content.loc,
                attrs: IndexMap::new(),
                blocks: Vec::new(),
                incomplete: false,
            };
            let mut obj = IndexMap::new();
            self.eval_body_into(&content.body, ictx, BlockRole::Nested, &mut eb, &mut obj);
            nested
                .entry(label.clone())
                .or_default()
                .push(Dyn::map(obj).with_loc(content.loc));
            out.blocks.push(eb);
        }
        None
    }

    /// Evaluates an expression for an attribute: errors become Unknown with a notice.
    pub(crate) fn eval_value(&self, e: &Expr, ctx: Ctx<'_>) -> Dyn {
        match self.eval(e, ctx) {
            // Parts evaluated after the step budget ran out are unknown: so is the whole.
            Ok(_) if self.exhausted.get() => Dyn {
                kind: DynKind::Unknown,
                loc: e.loc,
                source_ref: None,
                encoded: None,
            },
            Ok(v) => v.or_loc(e.loc),
            Err(f) => {
                if !self.is_speculative(ctx) {
                    self.notice(
                        e.loc,
                        format!("could not evaluate: {}; the value is unknown", f.0),
                    );
                }
                Dyn {
                    kind: DynKind::Unknown,
                    loc: e.loc,
                    source_ref: None,
                    encoded: None,
                }
            }
        }
    }

    // ---- module calls ---------------------------------------------------------------------

    fn call(&self, id: InstId, name: &str) -> Option<Rc<CallEval>> {
        let inst = self.inst(id);
        let block = inst.module.module_calls.get(name)?;
        Some(Self::memo(
            &inst.calls,
            name,
            || Rc::new(self.eval_module_call(id, &inst, name, block)),
            || {
                self.notice(
                    Some(block.loc),
                    format!("module {name} depends on itself (a reference cycle); its outputs are unknown"),
                );
                Rc::new(CallEval {
                    shape: Shape::Unknown,
                    instances: Vec::new(),
                    by_key: HashMap::new(),
                    evaluated: false,
                })
            },
        ))
    }

    fn eval_module_call(&self, id: InstId, inst: &Instance, name: &str, block: &Block) -> CallEval {
        let not_evaluated = |why: String| {
            self.notice(Some(block.loc), why);
            CallEval {
                shape: Shape::Unknown,
                instances: Vec::new(),
                by_key: HashMap::new(),
                evaluated: false,
            }
        };
        let Some(source) = self.module_source(id, block) else {
            return not_evaluated(format!(
                "module {name} was not evaluated: its source is neither a literal string nor \
                 known from variables and locals (as OpenTofu allows)"
            ));
        };
        let dir = if is_local_source(&source) {
            Some(norm_dir(&inst.module.dir.join(source.replace('\\', "/"))))
        } else {
            let mut key = inst.call_path.join(".");
            if !key.is_empty() {
                key.push('.');
            }
            key.push_str(name);
            self.loader
                .manifest(&self.root_dir)
                .iter()
                .find(|e| e.key == key)
                .map(|e| e.dir.clone())
                .filter(|d| d.is_dir())
        };
        let dir = match dir {
            Some(d) => d,
            None => match self.loader.resolve_remote(block, &source, &inst.module.dir) {
                Ok(d) => d,
                Err(why) => {
                    return not_evaluated(format!(
                        "module {name} (source {source}) was not evaluated: {why}"
                    ));
                }
            },
        };
        if inst.depth + 1 > MAX_MODULE_DEPTH {
            return not_evaluated(format!(
                "module {name} (source {source}) was not evaluated: modules nested more than {MAX_MODULE_DEPTH} deep"
            ));
        }
        if self.calls_itself(id, &dir) {
            return not_evaluated(format!(
                "module {name} (source {source}) was not evaluated: it calls itself recursively"
            ));
        }
        let Some(module) = self.loader.load(&dir) else {
            return not_evaluated(format!(
                "module {name} (source {source}) was not evaluated: no Terraform files in {}",
                dir.display()
            ));
        };
        self.see_module(&module);
        let ctx = Ctx {
            inst: Some(id),
            scope: None,
        };
        let exp = self.expansion(&block.body, ctx, &format!("module.{name}"));
        let path_module: Arc<str> = relative_to(&dir, &self.root_dir).into();
        let mut instances = Vec::with_capacity(exp.instances.len());
        for (ikey, bindings) in exp.instances {
            let suffix = ikey.suffix();
            let mut chain = inst.chain.clone();
            chain.push(ModuleCall {
                name: format!("{name}{suffix}"),
                location: block.loc,
            });
            let mut call_path = inst.call_path.clone();
            call_path.push(name.to_string());
            let child = self.add_instance(Instance {
                module: module.clone(),
                prefix: format!("{}module.{name}{suffix}.", inst.prefix),
                chain,
                call_path,
                depth: inst.depth + 1,
                speculative: inst.speculative || ikey == InstKey::Unknown,
                caller: Some(Caller {
                    inst: id,
                    call_name: name.to_string(),
                    bindings,
                }),
                path_module: path_module.clone(),
                vars: RefCell::default(),
                locals: RefCell::default(),
                outputs: RefCell::default(),
                resources: RefCell::default(),
                calls: RefCell::default(),
            });
            instances.push((ikey, child));
        }
        let by_key = instances
            .iter()
            .filter_map(|(k, id)| match k {
                InstKey::Index(i) => Some((i.to_string(), *id)),
                InstKey::Key(s) => Some((s.clone(), *id)),
                InstKey::None | InstKey::Unknown => None,
            })
            .collect();
        CallEval {
            shape: exp.shape,
            instances,
            by_key,
            evaluated: true,
        }
    }

    /// A module call's `source`: a literal (Terraform), or an expression of variables and
    /// locals that evaluates to a known string (OpenTofu's early evaluation).
    fn module_source(&self, id: InstId, block: &Block) -> Option<String> {
        if let Some(s) = literal_source(block) {
            return Some(s);
        }
        let attr = block.body.attr("source")?;
        let ctx = Ctx {
            inst: Some(id),
            scope: None,
        };
        self.eval_value(&attr.expr, ctx)
            .as_str()
            .map(str::to_string)
    }

    /// True when `dir` is the module of `id` or of one of its callers.
    fn calls_itself(&self, id: InstId, dir: &Path) -> bool {
        let mut cur = Some(id);
        while let Some(i) = cur {
            let inst = self.inst(i);
            if inst.module.dir == dir {
                return true;
            }
            cur = inst.caller.as_ref().map(|c| c.inst);
        }
        false
    }

    /// `module.NAME…`: resolves the call and as many following operators as needed;
    /// returns the value and how many operators were used.
    pub(crate) fn module_ref(
        &self,
        id: InstId,
        name: &str,
        rest: &[crate::terraform::syntax::TravOp],
        ctx: Ctx<'_>,
    ) -> Result<(Dyn, usize), Fail> {
        use crate::terraform::syntax::TravKind;
        let Some(call) = self.call(id, name) else {
            return fail(format!("module.{name} is not declared"));
        };
        if !call.evaluated || call.shape == Shape::Unknown {
            return Ok((Dyn::unknown(), 0));
        }
        let pick_output = |child: InstId,
                           ops: &[crate::terraform::syntax::TravOp],
                           used: usize|
         -> Result<(Dyn, usize), Fail> {
            match ops.first().map(|o| &o.kind) {
                Some(TravKind::Attr(out)) => Ok((self.output(child, out)?, used + 1)),
                _ => Ok((self.outputs_object(child)?, used)),
            }
        };
        match call.shape {
            Shape::Single => match call.instances.first() {
                Some((_, child)) => pick_output(*child, rest, 0),
                None => Ok((Dyn::unknown(), 0)),
            },
            Shape::List | Shape::Map => {
                if let Some(TravKind::Index(ix)) = rest.first().map(|o| &o.kind) {
                    let k = self.eval(ix, ctx)?;
                    if k.is_unknown() {
                        return Ok((Dyn::unknown(), 1));
                    }
                    let key = match call.shape {
                        Shape::List => k
                            .as_f64()
                            .filter(|n| n.fract() == 0.0 && *n >= 0.0)
                            .map(format_number),
                        _ => k.to_string_lossy(),
                    };
                    let found = key.and_then(|key| call.by_key.get(&key).copied());
                    return match found {
                        Some(child) => pick_output(child, rest.get(1..).unwrap_or(&[]), 1),
                        None => fail(format!(
                            "module.{name} has no instance {}",
                            k.to_string_lossy().unwrap_or_default()
                        )),
                    };
                }
                let mut list = Vec::new();
                let mut map = IndexMap::new();
                for (key, child) in &call.instances {
                    let o = self.outputs_object(*child)?;
                    match key {
                        InstKey::Key(k) => {
                            map.insert(k.clone(), o);
                        }
                        _ => list.push(o),
                    }
                }
                Ok((
                    if call.shape == Shape::Map {
                        Dyn::map(map)
                    } else {
                        Dyn::list(list)
                    },
                    0,
                ))
            }
            Shape::Unknown => Ok((Dyn::unknown(), 0)),
        }
    }

    /// `path.module`: relative to the root module directory (`.` for the root).
    pub(crate) fn path_module(&self, id: Option<InstId>) -> Arc<str> {
        match id {
            Some(i) => self.inst(i).path_module.clone(),
            None => ".".into(),
        }
    }

    /// `path.cwd`: Terraform runs in the root module directory.
    pub(crate) fn cwd(&self) -> Arc<str> {
        self.cwd.clone()
    }

    // ---- emission -------------------------------------------------------------------------

    /// Evaluates every resource, data source, provider and module call of an instance, in
    /// source order, and moves the resulting instances into `out`.
    fn emit(&self, id: InstId, out: &mut TfEvaluation) {
        let inst = self.inst(id);
        for key in inst.module.resources.keys() {
            if let Some(r) = self.resource(id, key) {
                out.resources.extend(r.instances.take());
            }
        }
        for p in &inst.module.providers {
            let name = p
                .labels
                .first()
                .map(std::string::ToString::to_string)
                .unwrap_or_default();
            let ctx = Ctx {
                inst: Some(id),
                scope: None,
            };
            // OpenTofu's provider `for_each`: one configuration per element.
            let exp = self.expansion(&p.body, ctx, &format!("provider.{name}"));
            for (_, bindings) in exp.instances {
                let scope = Scope {
                    vars: &bindings,
                    parent: None,
                };
                let ictx = Ctx {
                    inst: Some(id),
                    scope: Some(&scope),
                };
                let (body, _) = self.eval_block(p, ictx, BlockRole::Nested);
                out.providers.push(TfProvider {
                    name: name.clone(),
                    module_chain: inst.chain.clone(),
                    body,
                });
            }
        }
        for name in inst.module.module_calls.keys() {
            if let Some(call) = self.call(id, name) {
                for (_, child) in &call.instances {
                    self.emit(*child, out);
                }
            }
        }
    }
}

/// Restores the evaluation depth when an evaluation frame ends.
pub(crate) struct DepthGuard<'a> {
    depth: &'a Cell<u32>,
}

impl Drop for DepthGuard<'_> {
    fn drop(&mut self) {
        self.depth.set(self.depth.get().saturating_sub(1));
    }
}

/// Which meta-arguments a block has (they are not configuration).
#[derive(Clone, Copy, PartialEq, Eq)]
enum BlockRole {
    Resource,
    Lifecycle,
    Nested,
}

/// `target` relative to `base` (both normalised the same way), as Terraform shows
/// `path.module`.
fn relative_to(target: &Path, base: &Path) -> String {
    if base == Path::new(".") && !target.is_absolute() {
        return target.to_string_lossy().replace('\\', "/");
    }
    let t: Vec<_> = target.components().collect();
    let b: Vec<_> = base.components().collect();
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if b[common..]
        .iter()
        .any(|c| matches!(c, std::path::Component::ParentDir))
    {
        return target.to_string_lossy().into_owned();
    }
    let mut parts: Vec<String> = Vec::new();
    for _ in common..b.len() {
        parts.push("..".into());
    }
    for c in &t[common..] {
        parts.push(c.as_os_str().to_string_lossy().into_owned());
    }
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

/// What a reference reads of a resource argument set to `null`: the provider's value, known
/// only at apply (`name = null` beside `name_prefix` gets a generated name), so Unknown rather
/// than null. The resource's own body keeps the null (an absent setting, its default).
fn computed_when_null(obj: Dyn) -> Dyn {
    let DynKind::Map(m) = &obj.kind else {
        return obj;
    };
    if !m.values().any(Dyn::is_null) {
        return obj;
    }
    let entries = m
        .iter()
        .map(|(k, v)| {
            let v = if v.is_null() {
                Dyn::unknown().or_loc(v.loc)
            } else {
                v.clone()
            };
            (k.clone(), v)
        })
        .collect();
    Dyn {
        kind: DynKind::Map(std::sync::Arc::new(entries)),
        ..obj
    }
}
