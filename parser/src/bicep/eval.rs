//! Evaluation of a `.bicep` file into the [`ArmDeployment`] the ARM evaluator produces, so
//! the Azure adapters read Bicep unchanged. Values are [`Dyn`]s located at Bicep source
//! spans; function calls go to the ARM function library ([`Evaluator::call_builtin`]), so
//! what only the deployment knows (`resourceGroup()`, `reference()`, `utcNow()`, …) is
//! Unknown exactly as in ARM. Parameters, variables, resources and modules are evaluated
//! lazily with cycle detection; local modules are evaluated with the parameters passed to
//! them. See `docs/bicep.md`.

use super::ast::{
    ArrayItem, BinaryOp, Expr, ExprKind, File, ForExpr, Ident, Import, ObjectItem, PropertyKey,
    Statement, StatementKind, StringLiteral, StringPart, TypeKind, UnaryOp,
};
use crate::arm::expr::{Context, Evaluator, resource_key};
use crate::arm::template::{EVAL_STACK, MAX_VALUE_SIZE, size_at_most};
use crate::arm::{ArmCondition, ArmDeployment, ArmResource, MAX_COPY, MAX_DEPLOYMENT_DEPTH};
use crate::dynvalue::{Dyn, DynKind};
use cloudsentinel_model::{FileId, Location, ModuleCall, Notice, ParseError, SourceDb, TextRange};
use indexmap::IndexMap;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Evaluation steps one file (its modules included) may take.
pub const DEFAULT_MAX_STEPS: u64 = 20_000_000;
/// Steps one module instance costs on top of its evaluation (setting up its scope costs
/// about as much as a hundred expression nodes).
const MODULE_LOAD_STEPS: u64 = 100;
/// Deepest chain of variables, parameters, resources and functions evaluating each other.
const MAX_REFERENCE_DEPTH: usize = 96;

/// What the caller knows about a deployment of a `.bicep` file.
#[derive(Debug, Clone, Default)]
pub struct BicepOptions {
    /// Parameter values by name (a `.bicepparam` file, the command line); parameters without
    /// a value and without a default are Unknown.
    pub parameters: IndexMap<String, Dyn>,
    /// Local modules must lie under this directory; `None`: modules are not followed.
    pub root: Option<PathBuf>,
    /// Evaluation step budget (0: [`DEFAULT_MAX_STEPS`]).
    pub max_steps: u64,
    /// `parameters` are all the deployment passes (a `.bicepparam` file): a nullable
    /// parameter without a value or default is then null rather than Unknown.
    pub parameters_complete: bool,
}

/// Evaluates the `.bicep` file `file` (already in `db`) on a thread with a large stack, so
/// the limits here, not the caller's stack, bound recursion.
pub fn evaluate(db: &SourceDb, file: FileId, opts: &BicepOptions) -> ArmDeployment {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("bicep-eval".into())
            .stack_size(EVAL_STACK)
            .spawn_scoped(s, || evaluate_on_this_thread(db, file, opts))
            .ok()
            .and_then(|h| h.join().ok())
    })
    .unwrap_or_else(|| evaluate_on_this_thread(db, file, opts))
}

fn evaluate_on_this_thread(db: &SourceDb, file: FileId, opts: &BicepOptions) -> ArmDeployment {
    let mut run = Run {
        db,
        root: opts.root.clone(),
        steps: 0,
        max_steps: if opts.max_steps == 0 {
            DEFAULT_MAX_STEPS
        } else {
            opts.max_steps
        },
        exhausted: false,
        out: empty_deployment(file),
        parsed: HashMap::new(),
    };
    let given = opts
        .parameters
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if let Some(mut module) = Module::load(&mut run, file, given, Vec::new()) {
        module.params_complete = opts.parameters_complete;
        let mut eval = Eval::new(&mut run, module, ArmCondition::Deployed, vec![file]);
        let (resources, outputs) = eval.evaluate_all();
        let scope = eval.target_scope();
        run.out.resources = resources;
        run.out.outputs = outputs;
        run.out.target_scope = scope;
    }
    let mut seen = HashSet::new();
    run.out
        .errors
        .retain(|e| seen.insert((e.location, e.message.clone())));
    run.out
}

/// The values a `.bicepparam` file (already in `db`) gives (`param name = value`, with its
/// `var`s and functions), located there, and its errors. `readEnvironmentVariable()` and
/// `getSecret()` are Unknown.
pub fn parameters_from_bicepparam(
    db: &SourceDb,
    file: FileId,
) -> (IndexMap<String, Dyn>, Vec<ParseError>) {
    let work = || {
        let mut run = Run {
            db,
            root: None,
            steps: 0,
            max_steps: DEFAULT_MAX_STEPS,
            exhausted: false,
            out: empty_deployment(file),
            parsed: HashMap::new(),
        };
        let mut values = IndexMap::new();
        if let Some(module) = Module::load(&mut run, file, HashMap::new(), Vec::new()) {
            let mut eval = Eval::new(&mut run, module, ArmCondition::Deployed, vec![file]);
            let ast = eval.m.ast.clone();
            for stmt in &ast.statements {
                if let StatementKind::Param { name, .. } = &stmt.kind {
                    let decl = Decl {
                        kind: DeclKind::Param,
                        stmt: Arc::new(stmt.clone()),
                    };
                    let v = eval
                        .value_of(&name.name, &decl, name.span)
                        .unwrap_or_else(|Stop| Dyn::unknown());
                    values.insert(name.name.clone(), v);
                }
            }
        }
        (values, run.out.errors)
    };
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("bicepparam-eval".into())
            .stack_size(EVAL_STACK)
            .spawn_scoped(s, work)
            .ok()
            .and_then(|h| h.join().ok())
    })
    .unwrap_or_else(work)
}

fn empty_deployment(file: FileId) -> ArmDeployment {
    ArmDeployment {
        file,
        target_scope: "resourceGroup".into(),
        resources: Vec::new(),
        outputs: IndexMap::new(),
        metadata: Dyn::null(),
        errors: Vec::new(),
        notices: Vec::new(),
        linked_files: Vec::new(),
    }
}

/// Shared by a file and the modules it calls.
struct Run<'a> {
    db: &'a SourceDb,
    root: Option<PathBuf>,
    steps: u64,
    max_steps: u64,
    /// The step budget is spent: evaluation stops.
    exhausted: bool,
    out: ArmDeployment,
    /// Files parsed so far (a module called many times is parsed once; its syntax errors
    /// are reported once).
    parsed: HashMap<FileId, (Arc<File>, Arc<Decls>)>,
}

/// An error was recorded where it happened; the value being built is Unknown.
struct Stop;

type Res<T> = Result<T, Stop>;

#[derive(Clone)]
enum Slot<T> {
    Evaluating,
    Done(T),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DeclKind {
    Param,
    Var,
    Resource,
    Module,
    Function,
    Import,
    Other,
}

/// A file's declarations by name; nested resources as `parent::child`.
type Decls = HashMap<String, Decl>;

#[derive(Clone)]
struct Decl {
    kind: DeclKind,
    stmt: Arc<Statement>,
}

/// One resource instance as evaluated (a loop gives one per iteration).
#[derive(Clone)]
struct Instance {
    resource_type: String,
    api_version: Option<String>,
    /// The name as written (`default` for a child), what `res.name` gives.
    own_name: Dyn,
    /// The full name (`account/default`).
    full_name: Dyn,
    body: Dyn,
    existing: bool,
    /// `None`: its condition is false (or a parent's), so it is not deployed.
    condition: Option<ArmCondition>,
    address: String,
    location: Location,
    metadata: Dyn,
    symbolic: String,
    /// The loop variables its body saw, for its nested children.
    locals: Vec<(String, Dyn)>,
}

#[derive(Clone)]
struct Group {
    looped: bool,
    instances: Vec<Instance>,
}

#[derive(Clone)]
struct ModuleInstance {
    /// `{name, outputs}` as `mod.name`, `mod.outputs.x` read it.
    value: Dyn,
    resources: Vec<ArmResource>,
}

#[derive(Clone)]
struct ModuleGroup {
    looped: bool,
    instances: Vec<ModuleInstance>,
}

/// One parsed `.bicep` file and what has been evaluated of it.
struct Module {
    file: FileId,
    text: Arc<str>,
    path: PathBuf,
    ast: Arc<File>,
    /// Top-level declarations by name; nested resources as `parent::child`.
    decls: Arc<Decls>,
    given: HashMap<String, Dyn>,
    values: HashMap<String, Slot<Dyn>>,
    resources: HashMap<String, Slot<Arc<Group>>>,
    /// Instances of nested resources, filled while their top-level ancestor is evaluated.
    nested: IndexMap<String, Vec<Instance>>,
    modules: HashMap<String, Slot<Arc<ModuleGroup>>>,
    chain: Vec<ModuleCall>,
    imports_noticed: HashSet<String>,
    /// Called as a module with a known `params` object: a parameter it leaves out has its
    /// default, or is null when its type is nullable (`T?`), as Bicep passes nothing.
    params_complete: bool,
}

impl Module {
    /// Parses `file`; its syntax errors are recorded, and a file that does not parse at
    /// all still yields the statements that did.
    fn load(
        run: &mut Run<'_>,
        file: FileId,
        given: HashMap<String, Dyn>,
        chain: Vec<ModuleCall>,
    ) -> Option<Module> {
        let source = run.db.get(file);
        // Loading costs steps in proportion to the file, so a fan-out of module calls is
        // bounded by the step budget like any other evaluation.
        run.steps += MODULE_LOAD_STEPS + source.text.len() as u64 / 64;
        if run.steps > run.max_steps {
            if !run.exhausted {
                run.exhausted = true;
                run.out.errors.push(ParseError {
                    location: Location::new(file, TextRange::default()),
                    message: format!(
                        "evaluation stopped: more than {} steps (modules calling each other too many times)",
                        run.max_steps
                    ),
                });
            }
            return None;
        }
        if let Some((ast, decls)) = run.parsed.get(&file) {
            return Some(Module::new(
                file,
                &source,
                ast.clone(),
                decls.clone(),
                given,
                chain,
            ));
        }
        let (ast, errors) = super::parse(&source.text);
        for e in errors {
            run.out.errors.push(ParseError {
                location: Location::new(file, e.span),
                message: e.message,
            });
        }
        let mut decls = HashMap::new();
        for stmt in &ast.statements {
            let stmt = Arc::new(stmt.clone());
            let kind = match &stmt.kind {
                StatementKind::Param { .. } => DeclKind::Param,
                StatementKind::Var { .. } => DeclKind::Var,
                StatementKind::Resource { .. } => DeclKind::Resource,
                StatementKind::Module { .. } => DeclKind::Module,
                StatementKind::Function { .. } => DeclKind::Function,
                StatementKind::Import(Import::Symbols { items, .. }) => {
                    for item in items {
                        decls.insert(
                            item.local_name().name.clone(),
                            Decl {
                                kind: DeclKind::Import,
                                stmt: stmt.clone(),
                            },
                        );
                    }
                    continue;
                }
                StatementKind::Import(Import::Wildcard { alias, .. }) => {
                    decls.insert(
                        alias.name.clone(),
                        Decl {
                            kind: DeclKind::Import,
                            stmt: stmt.clone(),
                        },
                    );
                    continue;
                }
                StatementKind::Output { .. } => continue,
                _ => DeclKind::Other,
            };
            if let StatementKind::Resource { name, body, .. } = &stmt.kind {
                register_nested(&mut decls, &name.name, body);
            }
            if let Some(name) = stmt.kind.name() {
                decls.insert(name.name.clone(), Decl { kind, stmt });
            }
        }
        let ast = Arc::new(ast);
        let decls = Arc::new(decls);
        run.parsed.insert(file, (ast.clone(), decls.clone()));
        Some(Module::new(file, &source, ast, decls, given, chain))
    }

    fn new(
        file: FileId,
        source: &cloudsentinel_model::SourceFile,
        ast: Arc<File>,
        decls: Arc<Decls>,
        given: HashMap<String, Dyn>,
        chain: Vec<ModuleCall>,
    ) -> Module {
        Module {
            file,
            text: source.text.clone(),
            path: source.path.clone(),
            ast,
            decls,
            given,
            values: HashMap::new(),
            resources: HashMap::new(),
            nested: IndexMap::new(),
            modules: HashMap::new(),
            chain,
            imports_noticed: HashSet::new(),
            params_complete: false,
        }
    }
}

/// The object of a resource body (`{…}`, `if (…) {…}`, `[for …: {…}]`).
fn body_object(body: &Expr) -> Option<&[ObjectItem]> {
    match &body.kind {
        ExprKind::Object(items) => Some(items),
        ExprKind::If { body, .. } => body_object(body),
        ExprKind::For(f) => body_object(&f.body),
        _ => None,
    }
}

fn register_nested(decls: &mut HashMap<String, Decl>, parent: &str, body: &Expr) {
    for item in body_object(body).unwrap_or_default() {
        if let ObjectItem::Resource(stmt) = item
            && let StatementKind::Resource { name, body, .. } = &stmt.kind
        {
            let key = format!("{parent}::{}", name.name);
            register_nested(decls, &key, body);
            decls.insert(
                key,
                Decl {
                    kind: DeclKind::Resource,
                    stmt: Arc::new((**stmt).clone()),
                },
            );
        }
    }
}

/// The ARM function library's view of a Bicep evaluation: Bicep has no `parameters()`,
/// `variables()` or `copyIndex()`, and `deployment()` is known only at deployment.
struct FunctionContext<'s> {
    steps: &'s mut u64,
    max_steps: u64,
}

impl Context for FunctionContext<'_> {
    fn parameter(&mut self, _name: &str) -> Result<Dyn, String> {
        Err("Bicep has no `parameters()` function: use the parameter's name".into())
    }
    fn variable(&mut self, _name: &str) -> Result<Dyn, String> {
        Err("Bicep has no `variables()` function: use the variable's name".into())
    }
    fn copy_index(&mut self, _loop_name: Option<&str>) -> Result<Option<i64>, String> {
        Err("Bicep has no `copyIndex()` function: use a loop index".into())
    }
    fn user_function(&mut self, _: &str, _: &str, _: Vec<Dyn>) -> Option<Result<Dyn, String>> {
        None
    }
    fn deployment(&mut self) -> Dyn {
        Dyn::unknown()
    }
    fn step(&mut self) -> Result<(), String> {
        *self.steps += 1;
        if *self.steps > self.max_steps {
            Err("evaluation step budget spent".into())
        } else {
            Ok(())
        }
    }
    fn check_size(&mut self, value: &Dyn) -> Result<(), String> {
        check_size(value)
    }
}

fn check_size(value: &Dyn) -> Result<(), String> {
    if size_at_most(value, MAX_VALUE_SIZE) {
        Ok(())
    } else {
        Err(format!(
            "the value built here is larger than {MAX_VALUE_SIZE} items or nested too deeply"
        ))
    }
}

/// Bicep functions that read files or the environment at build time, or exist only in
/// Bicep: their results are Unknown (files are not read here).
const UNKNOWN_BICEP_FUNCTIONS: &[&str] = &[
    "loadtextcontent",
    "loadfileasbase64",
    "loadjsoncontent",
    "loadyamlcontent",
    "loaddirectoryfileinfo",
    "readenvironmentvariable",
    "externalinput",
    "getsecret",
    "deployer",
    "fail",
];

fn is_loop_name(name: &str) -> bool {
    matches!(
        name,
        "map" | "filter" | "reduce" | "sort" | "toobject" | "groupby" | "mapvalues"
    )
}

/// Evaluates expressions of one module.
struct Eval<'r, 'db> {
    run: &'r mut Run<'db>,
    m: Module,
    /// The condition every resource here inherits (a module's).
    condition: ArmCondition,
    /// Loop variables, lambda and function parameters in scope, innermost last.
    locals: Vec<(String, Dyn)>,
    /// Keys of the resources whose body is being evaluated, innermost last: their nested
    /// resources are visible by name.
    res_scope: Vec<String>,
    depth: usize,
    /// Files of the module chain, to report a module calling itself.
    files: Vec<FileId>,
}

impl<'r, 'db> Eval<'r, 'db> {
    fn new(run: &'r mut Run<'db>, m: Module, condition: ArmCondition, files: Vec<FileId>) -> Self {
        Eval {
            run,
            m,
            condition,
            locals: Vec::new(),
            res_scope: Vec::new(),
            depth: 0,
            files,
        }
    }

    fn loc(&self, span: TextRange) -> Location {
        Location::new(self.m.file, span)
    }

    fn error(&mut self, span: TextRange, message: impl Into<String>) -> Stop {
        let location = self.loc(span);
        self.run.out.errors.push(ParseError {
            location,
            message: message.into(),
        });
        Stop
    }

    fn notice(&mut self, span: TextRange, message: impl Into<String>) {
        let location = Some(self.loc(span));
        self.run.out.notices.push(Notice {
            location,
            message: message.into(),
        });
    }

    fn step(&mut self, span: TextRange) -> Res<()> {
        if self.run.exhausted {
            return Err(Stop);
        }
        self.run.steps += 1;
        if self.run.steps > self.run.max_steps {
            self.run.exhausted = true;
            return Err(self.error(
                span,
                format!(
                    "evaluation stopped: more than {} steps (a loop or recursion too large to evaluate)",
                    self.run.max_steps
                ),
            ));
        }
        Ok(())
    }

    /// Evaluates, turning a recorded error into Unknown located at `e`.
    fn eval_or_unknown(&mut self, e: &Expr) -> Dyn {
        self.eval(e)
            .unwrap_or_else(|Stop| Dyn::unknown().with_loc(self.loc(e.span)))
    }

    fn target_scope(&self) -> String {
        for stmt in &self.m.ast.statements {
            if let StatementKind::TargetScope { value } = &stmt.kind
                && let ExprKind::String(s) = &value.kind
                && let Some(text) = s.as_plain()
            {
                return text;
            }
        }
        "resourceGroup".into()
    }

    // ---- the whole file ----

    /// Every resource (modules' included, in declaration order) and the outputs.
    fn evaluate_all(&mut self) -> (Vec<ArmResource>, IndexMap<String, Dyn>) {
        let ast = self.m.ast.clone();
        let mut resources = Vec::new();
        for stmt in &ast.statements {
            match &stmt.kind {
                StatementKind::Resource { name, .. } => {
                    let Some(group) = self.resource_group(&name.name, name.span) else {
                        continue;
                    };
                    self.emit(&group.instances, &mut resources);
                    let prefix = format!("{}::", name.name);
                    let nested: Vec<Vec<Instance>> = self
                        .m
                        .nested
                        .iter()
                        .filter(|(k, _)| k.starts_with(&prefix))
                        .map(|(_, v)| v.clone())
                        .collect();
                    for instances in nested {
                        self.emit(&instances, &mut resources);
                    }
                }
                StatementKind::Module { name, .. } => {
                    if let Some(group) = self.module_group(&name.name, name.span) {
                        for instance in &group.instances {
                            resources.extend(instance.resources.iter().cloned());
                        }
                    }
                }
                _ => {}
            }
        }
        let mut outputs = IndexMap::new();
        for stmt in &ast.statements {
            if let StatementKind::Output { name, value, .. } = &stmt.kind {
                let v = self.eval_or_unknown(value);
                let v = if self.small_enough(&v, value.span) {
                    v
                } else {
                    Dyn::unknown()
                };
                outputs.insert(name.name.clone(), v);
            }
        }
        (resources, outputs)
    }

    fn emit(&self, instances: &[Instance], out: &mut Vec<ArmResource>) {
        for i in instances {
            let Some(condition) = i.condition else {
                continue;
            };
            let key = i
                .full_name
                .as_str()
                .map(|n| resource_key(&i.resource_type, n));
            out.push(ArmResource {
                resource_type: i.resource_type.clone(),
                api_version: i.api_version.clone(),
                name: i.full_name.clone(),
                symbolic_name: Some(i.symbolic.clone()),
                address: i.address.clone(),
                body: i.body.clone(),
                location: i.location,
                existing: i.existing,
                condition,
                metadata: i.metadata.clone(),
                deployments: self.m.chain.clone(),
                key,
            });
        }
    }

    // ---- names ----

    fn enter(&mut self, span: TextRange) -> Res<()> {
        if self.depth >= MAX_REFERENCE_DEPTH {
            return Err(self.error(
                span,
                format!("declarations refer to each other more than {MAX_REFERENCE_DEPTH} deep"),
            ));
        }
        self.depth += 1;
        Ok(())
    }

    /// The declaration a name refers to here: a nested resource of an enclosing resource
    /// body first, then a top-level declaration.
    fn lookup(&self, name: &str) -> Option<(String, Decl)> {
        for scope in self.res_scope.iter().rev() {
            let key = format!("{scope}::{name}");
            if let Some(d) = self.m.decls.get(&key) {
                return Some((key, d.clone()));
            }
        }
        self.m
            .decls
            .get(name)
            .map(|d| (name.to_string(), d.clone()))
    }

    fn variable(&mut self, ident: &Ident) -> Res<Dyn> {
        if let Some((_, v)) = self.locals.iter().rev().find(|(n, _)| *n == ident.name) {
            return Ok(v.clone());
        }
        let Some((key, decl)) = self.lookup(&ident.name) else {
            return Err(self.error(ident.span, format!("`{}` is not declared", ident.name)));
        };
        let at = self.loc(ident.span);
        match decl.kind {
            DeclKind::Param | DeclKind::Var => {
                let v = self.value_of(&key, &decl, ident.span)?;
                // A scalar is located where it is used, so a finding on a property set from
                // a parameter points at that property.
                Ok(match v.kind {
                    DynKind::Map(_) | DynKind::List(_) => v,
                    _ => v.with_loc(at),
                })
            }
            DeclKind::Resource => {
                let group = self.resource_group(&key, ident.span).ok_or(Stop)?;
                Ok(group_value(&group).with_loc(at))
            }
            DeclKind::Module => {
                let group = self.module_group(&key, ident.span).ok_or(Stop)?;
                Ok(if group.looped {
                    Dyn::list(group.instances.iter().map(|i| i.value.clone()).collect())
                } else {
                    group
                        .instances
                        .first()
                        .map_or_else(Dyn::unknown, |i| i.value.clone())
                }
                .with_loc(at))
            }
            DeclKind::Import => {
                let key = format!("import {}", ident.name);
                if let Some(Slot::Done(v)) = self.m.values.get(&key) {
                    return Ok(v.clone());
                }
                let v = self.imported(&decl.stmt, ident, None)?;
                self.m.values.insert(key, Slot::Done(v.clone()));
                Ok(v)
            }
            DeclKind::Function | DeclKind::Other => {
                Err(self.error(ident.span, format!("`{}` is not a value", ident.name)))
            }
        }
    }

    /// A parameter's or variable's value, evaluated once.
    fn value_of(&mut self, key: &str, decl: &Decl, span: TextRange) -> Res<Dyn> {
        match self.m.values.get(key) {
            Some(Slot::Done(v)) => return Ok(v.clone()),
            Some(Slot::Evaluating) => {
                return Err(self.error(span, format!("`{key}` refers to itself")));
            }
            None => {}
        }
        self.enter(span)?;
        self.m.values.insert(key.to_string(), Slot::Evaluating);
        // Declarations see no loop variables of the place that refers to them.
        let locals = std::mem::take(&mut self.locals);
        let res_scope = std::mem::take(&mut self.res_scope);
        let v = match &decl.stmt.kind {
            StatementKind::Param { name, value, ty } => {
                let given = self.m.given.get(&name.name).cloned().or_else(|| {
                    self.m
                        .given
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(&name.name))
                        .map(|(_, v)| v.clone())
                });
                match (given, value) {
                    // A null value falls back to the default, as ARM does.
                    (Some(g), _) if !g.is_null() => {
                        self.check_allowed(&decl.stmt, &g, name);
                        g
                    }
                    (_, Some(default)) => self.eval_or_unknown(default),
                    (Some(g), None) => g,
                    // Left out of a module call: null (a required one is a Bicep error).
                    (None, None)
                        if self.m.params_complete
                            && ty
                                .as_ref()
                                .is_some_and(|t| matches!(t.kind, TypeKind::Nullable(_))) =>
                    {
                        Dyn::null().with_loc(self.loc(name.span))
                    }
                    // Whatever the deployer passes.
                    (None, None) => Dyn::unknown().with_loc(self.loc(name.span)),
                }
            }
            StatementKind::Var { value, .. } => self.eval_or_unknown(value),
            _ => Dyn::unknown(),
        };
        self.locals = locals;
        self.res_scope = res_scope;
        self.depth -= 1;
        self.m.values.insert(key.to_string(), Slot::Done(v.clone()));
        Ok(v)
    }

    /// Reports a given value that the parameter's `@allowed([…])` does not list (every item,
    /// for an array), located at the value (a `.bicepparam` file, a module call).
    fn check_allowed(&mut self, stmt: &Statement, value: &Dyn, name: &Ident) {
        if value.contains_unknown() {
            return;
        }
        let Some(decorator) = stmt.decorators.iter().find(|d| d.name() == Some("allowed")) else {
            return;
        };
        let [list] = decorator.args() else {
            return;
        };
        let Ok(allowed) = self.eval(list) else {
            return;
        };
        let Some(allowed) = allowed.as_list() else {
            return;
        };
        let allowed: Vec<serde_json::Value> = allowed.iter().filter_map(Dyn::to_json).collect();
        let listed = |d: &Dyn| d.to_json().is_some_and(|j| allowed.contains(&j));
        let ok = match value.as_list() {
            Some(items) => items.iter().all(listed),
            None => listed(value),
        };
        if !ok {
            let location = value.loc.unwrap_or_else(|| self.loc(name.span));
            self.run.out.errors.push(ParseError {
                location,
                message: format!(
                    "the value given for parameter `{}` is not one of its @allowed values",
                    name.name
                ),
            });
        }
    }

    // ---- expressions ----

    fn eval(&mut self, e: &Expr) -> Res<Dyn> {
        self.step(e.span)?;
        let at = self.loc(e.span);
        let v = match &e.kind {
            ExprKind::Null => Dyn::null(),
            ExprKind::Bool(b) => Dyn::bool(*b),
            ExprKind::Integer(n) => Dyn::number(*n as f64),
            ExprKind::String(s) => self.string(s)?,
            ExprKind::Variable(ident) => return self.variable(ident),
            ExprKind::Array(items) => self.array(items, e.span)?,
            ExprKind::Object(items) => self.object(items, e.span)?,
            ExprKind::Property { base, name, safe } => {
                let b = self.eval(base)?;
                let lenient = self.reads_deployed_state(base);
                return self.property(&b, &name.name, *safe, lenient, e.span);
            }
            ExprKind::Index { base, index, safe } => {
                let b = self.eval(base)?;
                let i = self.eval(index)?;
                let lenient = self.reads_deployed_state(base);
                return self.index(&b, &i, *safe, lenient, e.span);
            }
            ExprKind::ChildResource { .. } => {
                let Some((key, instance)) = self.resource_path(e)? else {
                    return Err(self.error(e.span, "not a nested resource"));
                };
                if let Some(i) = instance {
                    instance_value(&i)
                } else {
                    let group = self.resource_group(&key, e.span).ok_or(Stop)?;
                    group_value(&group)
                }
            }
            ExprKind::Call { base, name, args } => self.call(e, base.as_deref(), name, args)?,
            ExprKind::Unary { op, operand } => {
                let v = self.eval(operand)?;
                match op {
                    UnaryOp::Not => self.builtin("not", vec![v], e.span)?,
                    UnaryOp::Minus => self.builtin("sub", vec![Dyn::number(0.0), v], e.span)?,
                }
            }
            ExprKind::NonNull(inner) | ExprKind::Parenthesized(inner) => {
                return self.eval(inner);
            }
            ExprKind::Binary { op, left, right } => self.binary(*op, left, right, e.span)?,
            ExprKind::Ternary {
                condition,
                then,
                otherwise,
            } => {
                let c = self.eval(condition)?;
                match c.kind {
                    DynKind::Bool(true) => return self.eval(then),
                    DynKind::Bool(false) => return self.eval(otherwise),
                    DynKind::Unknown => Dyn::unknown(),
                    _ => return Err(self.error(condition.span, "the condition is not a bool")),
                }
            }
            ExprKind::Lambda { .. } => {
                return Err(self.error(
                    e.span,
                    "a lambda can only be an argument of map, filter, reduce, sort, toObject, groupBy or mapValues",
                ));
            }
            ExprKind::For(f) => self.for_expr(f, e.span)?,
            ExprKind::If { .. } => {
                return Err(self.error(e.span, "`if` is allowed only in a resource or module body"));
            }
        };
        Ok(v.with_loc(at))
    }

    fn string(&mut self, s: &StringLiteral) -> Res<Dyn> {
        if let Some(text) = s.as_plain() {
            return Ok(Dyn::string(text));
        }
        // Bicep compiles interpolation to `format()`; so does this.
        let mut format = String::new();
        let mut args = Vec::new();
        for part in &s.parts {
            match part {
                StringPart::Text { value, .. } => {
                    format.push_str(&value.replace('{', "{{").replace('}', "}}"));
                }
                StringPart::Interpolation(e) => {
                    format.push_str(&format!("{{{}}}", args.len()));
                    args.push(self.eval(e)?);
                }
            }
        }
        args.insert(0, Dyn::string(format));
        self.builtin("format", args, s.span)
    }

    fn array(&mut self, items: &[ArrayItem], span: TextRange) -> Res<Dyn> {
        let mut out = Vec::with_capacity(items.len());
        let mut spread = false;
        for item in items {
            match item {
                ArrayItem::Value(e) => out.push(self.eval(e)?),
                ArrayItem::Spread { expr, span } => {
                    spread = true;
                    let v = self.eval(expr)?;
                    match &v.kind {
                        DynKind::List(l) => out.extend(l.iter().cloned()),
                        DynKind::Unknown => return Ok(Dyn::unknown()),
                        _ => return Err(self.error(*span, "only an array can be spread here")),
                    }
                }
            }
        }
        let v = Dyn::list(out);
        if spread {
            check_size(&v).map_err(|m| self.error(span, m))?;
        }
        Ok(v)
    }

    fn object(&mut self, items: &[ObjectItem], span: TextRange) -> Res<Dyn> {
        let mut out = IndexMap::new();
        let mut spread = false;
        for item in items {
            match item {
                ObjectItem::Property(p) => {
                    let key = self.key(&p.key)?;
                    let Some(key) = key else {
                        // A key known only at deployment: the object's shape is Unknown.
                        return Ok(Dyn::unknown());
                    };
                    let v = self.eval(&p.value)?;
                    out.insert(key, v);
                }
                ObjectItem::Spread { expr, span } => {
                    spread = true;
                    let v = self.eval(expr)?;
                    match &v.kind {
                        DynKind::Map(m) => {
                            for (k, v) in m.iter() {
                                out.insert(k.clone(), v.clone());
                            }
                        }
                        DynKind::Unknown => return Ok(Dyn::unknown()),
                        _ => return Err(self.error(*span, "only an object can be spread here")),
                    }
                }
                ObjectItem::Resource(_) => {}
            }
        }
        let v = Dyn::map(out);
        if spread {
            check_size(&v).map_err(|m| self.error(span, m))?;
        }
        Ok(v)
    }

    /// A property key's text; `None` when known only at deployment.
    fn key(&mut self, key: &PropertyKey) -> Res<Option<String>> {
        match key {
            PropertyKey::Ident(i) => Ok(Some(i.name.clone())),
            PropertyKey::String(s) => {
                let v = self.string(s)?;
                match &v.kind {
                    DynKind::String(t) => Ok(Some(t.to_string())),
                    DynKind::Unknown => Ok(None),
                    _ => Err(self.error(s.span, "a property name must be a string")),
                }
            }
        }
    }

    /// True when `e` reads a declared resource or module (through properties and indexes):
    /// a property absent from what the file declares is then one the deployment sets
    /// (`storage.properties.primaryEndpoints`), Unknown rather than an error.
    fn reads_deployed_state(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Variable(ident) => {
                !self.locals.iter().any(|(n, _)| *n == ident.name)
                    && self.lookup(&ident.name).is_some_and(|(_, d)| {
                        matches!(d.kind, DeclKind::Resource | DeclKind::Module)
                    })
            }
            ExprKind::ChildResource { .. } => true,
            ExprKind::Property { base, .. }
            | ExprKind::Index { base, .. }
            | ExprKind::NonNull(base)
            | ExprKind::Parenthesized(base) => self.reads_deployed_state(base),
            _ => false,
        }
    }

    fn property(
        &mut self,
        b: &Dyn,
        name: &str,
        safe: bool,
        lenient: bool,
        span: TextRange,
    ) -> Res<Dyn> {
        let at = self.loc(span);
        match &b.kind {
            DynKind::Unknown => Ok(Dyn::unknown().with_loc(at)),
            DynKind::Null if safe => Ok(Dyn::null().with_loc(at)),
            DynKind::Map(m) => match m.get(name).or_else(|| {
                m.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v)
            }) {
                Some(v) => Ok(v.clone().or_loc(Some(at))),
                None if safe => Ok(Dyn::null().with_loc(at)),
                None if lenient => Ok(Dyn::unknown().with_loc(at)),
                None => Err(self.error(span, format!("the object has no property `{name}`"))),
            },
            _ if lenient => Ok(Dyn::unknown().with_loc(at)),
            _ => Err(self.error(
                span,
                format!("cannot read property `{name}` of {}", type_name(b)),
            )),
        }
    }

    fn index(&mut self, b: &Dyn, i: &Dyn, safe: bool, lenient: bool, span: TextRange) -> Res<Dyn> {
        let at = self.loc(span);
        match (&b.kind, &i.kind) {
            (DynKind::Unknown, _) | (_, DynKind::Unknown) => Ok(Dyn::unknown().with_loc(at)),
            (DynKind::Null, _) if safe => Ok(Dyn::null().with_loc(at)),
            (DynKind::List(l), DynKind::Number(n)) if n.fract() == 0.0 => {
                match usize::try_from(*n as i64).ok().and_then(|u| l.get(u)) {
                    Some(v) => Ok(v.clone().or_loc(Some(at))),
                    None if safe => Ok(Dyn::null().with_loc(at)),
                    None if lenient => Ok(Dyn::unknown().with_loc(at)),
                    None => Err(self.error(
                        span,
                        format!(
                            "index {n} is out of range (the array has {} items)",
                            l.len()
                        ),
                    )),
                }
            }
            (DynKind::Map(_), DynKind::String(k)) => {
                let k = k.to_string();
                self.property(b, &k, safe, lenient, span)
            }
            _ if lenient => Ok(Dyn::unknown().with_loc(at)),
            _ => Err(self.error(
                span,
                format!("cannot index {} with {}", type_name(b), type_name(i)),
            )),
        }
    }

    fn builtin(&mut self, name: &str, args: Vec<Dyn>, span: TextRange) -> Res<Dyn> {
        let max_steps = self.run.max_steps;
        let mut ctx = FunctionContext {
            steps: &mut self.run.steps,
            max_steps,
        };
        let result = Evaluator::new(&mut ctx).call_builtin(name, args);
        match result {
            Ok(v) => Ok(v),
            // Bicep has functions ARM lacks (`cidrSubnet`, new ones): Unknown, not invalid.
            Err(m) if m.starts_with("unknown function") => {
                self.notice(span, format!("{m} is not evaluated (Unknown)"));
                Ok(Dyn::unknown())
            }
            Err(m) => Err(self.error(span, m)),
        }
    }

    fn binary(&mut self, op: BinaryOp, left: &Expr, right: &Expr, span: TextRange) -> Res<Dyn> {
        match op {
            BinaryOp::And | BinaryOp::Or => {
                let decisive = op == BinaryOp::Or;
                let l = self.eval(left)?;
                match l.kind {
                    DynKind::Bool(b) if b == decisive => return Ok(Dyn::bool(decisive)),
                    DynKind::Bool(_) | DynKind::Unknown => {}
                    _ => return Err(self.error(left.span, "expected a bool")),
                }
                let r = self.eval(right)?;
                match r.kind {
                    DynKind::Bool(b) if b == decisive => Ok(Dyn::bool(decisive)),
                    DynKind::Bool(b) if !l.is_unknown() => Ok(Dyn::bool(b)),
                    DynKind::Bool(_) | DynKind::Unknown => Ok(Dyn::unknown()),
                    _ => Err(self.error(right.span, "expected a bool")),
                }
            }
            BinaryOp::Coalesce => {
                let l = self.eval(left)?;
                match l.kind {
                    DynKind::Null => self.eval(right),
                    _ => Ok(l),
                }
            }
            _ => {
                let l = self.eval(left)?;
                let r = self.eval(right)?;
                if l.is_unknown() || r.is_unknown() {
                    return Ok(Dyn::unknown());
                }
                let function = match op {
                    BinaryOp::Equals | BinaryOp::NotEquals => "equals",
                    BinaryOp::EqualsInsensitive | BinaryOp::NotEqualsInsensitive => {
                        let equal = match (l.as_str(), r.as_str()) {
                            (Some(a), Some(b)) => a.to_lowercase() == b.to_lowercase(),
                            _ => return Err(self.error(span, "=~ and !~ compare strings")),
                        };
                        return Ok(Dyn::bool(equal == (op == BinaryOp::EqualsInsensitive)));
                    }
                    BinaryOp::Less => "less",
                    BinaryOp::LessOrEqual => "lessOrEquals",
                    BinaryOp::Greater => "greater",
                    BinaryOp::GreaterOrEqual => "greaterOrEquals",
                    BinaryOp::Add => "add",
                    BinaryOp::Subtract => "sub",
                    BinaryOp::Multiply => "mul",
                    BinaryOp::Divide => "div",
                    BinaryOp::Modulo => "mod",
                    // Handled above, lazily; ARM's functions of the same meaning.
                    BinaryOp::And => "and",
                    BinaryOp::Or => "or",
                    BinaryOp::Coalesce => "coalesce",
                };
                let v = self.builtin(function, vec![l, r], span)?;
                if op == BinaryOp::NotEquals {
                    return self.builtin("not", vec![v], span);
                }
                Ok(v)
            }
        }
    }

    /// The items of a loop's iterable; `None` when known only at deployment.
    fn iterate(&mut self, iterable: &Expr) -> Res<Option<Vec<Dyn>>> {
        let v = self.eval(iterable)?;
        match &v.kind {
            DynKind::List(l) => Ok(Some(l.iter().cloned().collect())),
            DynKind::Unknown => Ok(None),
            _ => Err(self.error(iterable.span, format!("cannot loop over {}", type_name(&v)))),
        }
    }

    fn bind(&mut self, f: &ForExpr, item: Dyn, index: Dyn) -> usize {
        let mark = self.locals.len();
        if let Some(i) = &f.item {
            self.locals.push((i.name.clone(), item));
        }
        if let Some(i) = &f.index {
            self.locals.push((i.name.clone(), index));
        }
        mark
    }

    /// `[for x in xs: body]` and `[for (x, i) in xs: if (c) body]` as a value.
    fn for_expr(&mut self, f: &ForExpr, _span: TextRange) -> Res<Dyn> {
        let Some(items) = self.iterate(&f.iterable)? else {
            return Ok(Dyn::unknown());
        };
        let mut out = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            let mark = self.bind(f, item, Dyn::number(index as f64));
            let r = (|| {
                let body = match &f.body.kind {
                    ExprKind::If { condition, body } => {
                        let c = self.eval(condition)?;
                        match c.kind {
                            DynKind::Bool(true) => body,
                            DynKind::Bool(false) => return Ok(None),
                            DynKind::Unknown => return Ok(Some(None)),
                            _ => return Err(self.error(condition.span, "the filter is not a bool")),
                        }
                    }
                    _ => &f.body,
                };
                Ok(Some(Some(self.eval(body)?)))
            })();
            self.locals.truncate(mark);
            match r? {
                Some(Some(v)) => out.push(v),
                // A filter known only at deployment: which items remain is Unknown.
                Some(None) => return Ok(Dyn::unknown()),
                None => {}
            }
        }
        Ok(Dyn::list(out))
    }

    // ---- calls ----

    fn call(&mut self, e: &Expr, base: Option<&Expr>, name: &Ident, args: &[Expr]) -> Res<Dyn> {
        let lname = name.name.to_ascii_lowercase();
        match base.map(|b| &b.kind) {
            None => {
                if let Some((_, decl)) = self.lookup(&name.name) {
                    match decl.kind {
                        DeclKind::Function => return self.user_function(&decl, args, e.span),
                        DeclKind::Import => {
                            let mut values = Vec::with_capacity(args.len());
                            for a in args {
                                values.push(self.eval(a)?);
                            }
                            return self.imported(&decl.stmt, name, Some(values));
                        }
                        _ => {}
                    }
                }
            }
            Some(ExprKind::Variable(ns)) if ns.name == "sys" || ns.name == "az" => {}
            // A method of a resource (`storage.listKeys()`), an imported namespace's function:
            // known only at deployment, or not evaluated here.
            Some(_) => return Ok(Dyn::unknown()),
        }
        if UNKNOWN_BICEP_FUNCTIONS.contains(&lname.as_str()) {
            return Ok(Dyn::unknown());
        }
        match lname.as_str() {
            "any" => {
                return match args {
                    [a] => self.eval(a),
                    _ => Err(self.error(e.span, "`any` takes 1 argument")),
                };
            }
            "nameof" => {
                return match args.first().map(|a| &a.kind) {
                    Some(ExprKind::Variable(i)) => Ok(Dyn::string(i.name.clone())),
                    Some(ExprKind::Property { name, .. }) => Ok(Dyn::string(name.name.clone())),
                    _ => Ok(Dyn::unknown()),
                };
            }
            "if" => {
                // ARM's `if` evaluates only the branch taken.
                let [c, t, f] = args else {
                    return Err(self.error(e.span, "`if` takes 3 arguments"));
                };
                let c = self.eval(c)?;
                return match c.kind {
                    DynKind::Bool(true) => self.eval(t),
                    DynKind::Bool(false) => self.eval(f),
                    _ => Ok(Dyn::unknown()),
                };
            }
            l if is_loop_name(l) => return self.lambda_function(l, args, e.span),
            _ => {}
        }
        let mut values = Vec::with_capacity(args.len());
        for a in args {
            values.push(self.eval(a)?);
        }
        self.builtin(&name.name, values, e.span)
    }

    fn user_function(&mut self, decl: &Decl, args: &[Expr], span: TextRange) -> Res<Dyn> {
        let StatementKind::Function { name, params, .. } = &decl.stmt.kind else {
            return Ok(Dyn::unknown());
        };
        if args.len() != params.len() {
            return Err(self.error(
                span,
                format!(
                    "`{}` takes {} argument(s), not {}",
                    name.name,
                    params.len(),
                    args.len()
                ),
            ));
        }
        let mut values = Vec::with_capacity(args.len());
        for a in args {
            values.push(self.eval(a)?);
        }
        self.apply_function(decl, values, span)
    }

    /// Calls a `func` declared in this module on evaluated arguments.
    fn apply_function(&mut self, decl: &Decl, values: Vec<Dyn>, span: TextRange) -> Res<Dyn> {
        let StatementKind::Function { params, body, .. } = &decl.stmt.kind else {
            return Ok(Dyn::unknown());
        };
        self.enter(span)?;
        // A function body sees only its parameters.
        let locals = std::mem::replace(
            &mut self.locals,
            params
                .iter()
                .zip(values)
                .map(|(p, v)| (p.name.name.clone(), v))
                .collect(),
        );
        let res_scope = std::mem::take(&mut self.res_scope);
        let v = self.eval(body);
        self.locals = locals;
        self.res_scope = res_scope;
        self.depth -= 1;
        v
    }

    /// An imported variable's value or, with `args`, an imported function's result:
    /// evaluated in the local file that exports it. A wildcard import, a registry file and a
    /// file that cannot be followed give Unknown (with a notice).
    fn imported(&mut self, stmt: &Statement, ident: &Ident, args: Option<Vec<Dyn>>) -> Res<Dyn> {
        let at = self.loc(ident.span);
        let unknown = |this: &mut Self, why: &str| {
            if this.m.imports_noticed.insert(ident.name.clone()) {
                this.notice(
                    ident.span,
                    format!("`{}` is imported {why}; it is Unknown", ident.name),
                );
            }
            Ok(Dyn::unknown().with_loc(at))
        };
        let StatementKind::Import(Import::Symbols { items, from }) = &stmt.kind else {
            return unknown(self, "through a namespace");
        };
        let Some(item) = items.iter().find(|i| i.local_name().name == ident.name) else {
            return unknown(self, "under another name");
        };
        let Some(file) = self.module_target(from, "imported file") else {
            return Ok(Dyn::unknown().with_loc(at));
        };
        if self.files.contains(&file) {
            return Err(self.error(
                from.span,
                "the file imports from itself (directly or through other files)",
            ));
        }
        let Some(module) = Module::load(self.run, file, HashMap::new(), self.m.chain.clone())
        else {
            return Ok(Dyn::unknown().with_loc(at));
        };
        let exported = item.name.name.clone();
        let Some(decl) = module.decls.get(&exported).cloned() else {
            return Err(self.error(
                item.span,
                format!("`{exported}` is not declared in the imported file"),
            ));
        };
        let decl_span = decl.stmt.kind.name().map_or(decl.stmt.span, |n| n.span);
        let mut files = self.files.clone();
        files.push(file);
        let depth = self.depth;
        let mut source = Eval::new(self.run, module, self.condition, files);
        source.depth = depth;
        let result = match (decl.kind, args) {
            (DeclKind::Var, None) => source.value_of(&exported, &decl, decl_span),
            (DeclKind::Function, Some(values)) => source.apply_function(&decl, values, decl_span),
            // A type, or a function used as a value: nothing to evaluate.
            _ => Ok(Dyn::unknown()),
        };
        // An error was recorded in the imported file; here the value is Unknown.
        Ok(result
            .unwrap_or_else(|Stop| Dyn::unknown())
            .or_loc(Some(at)))
    }

    /// Applies a lambda argument to `values`.
    fn apply(&mut self, lambda: &Expr, values: &[Dyn]) -> Res<Dyn> {
        let ExprKind::Lambda { params, body } = &lambda.kind else {
            return Err(self.error(lambda.span, "expected a lambda"));
        };
        let mark = self.locals.len();
        for (p, v) in params.iter().zip(values) {
            self.locals.push((p.name.clone(), v.clone()));
        }
        let r = self.eval(body);
        self.locals.truncate(mark);
        r
    }

    /// `map`, `filter`, `reduce`, `sort`, `toObject`, `groupBy`, `mapValues` with Bicep
    /// lambdas.
    fn lambda_function(&mut self, lname: &str, args: &[Expr], span: TextRange) -> Res<Dyn> {
        let Some(first) = args.first() else {
            return Err(self.error(span, "missing arguments"));
        };
        let input = self.eval(first)?;
        if input.is_unknown() {
            return Ok(Dyn::unknown());
        }
        let arity_error = |this: &mut Self| this.error(span, "wrong number of arguments");
        if lname == "mapvalues" {
            let (Some(map), [_, f]) = (input.as_map(), args) else {
                return Err(arity_error(self));
            };
            let mut out = IndexMap::new();
            for (k, v) in &map.clone() {
                out.insert(k.clone(), self.apply(f, std::slice::from_ref(v))?);
            }
            return Ok(Dyn::map(out));
        }
        let Some(items) = input.as_list().map(<[Dyn]>::to_vec) else {
            return Err(self.error(first.span, format!("`{lname}` expects an array")));
        };
        let with_index = |i: usize, v: &Dyn| [v.clone(), Dyn::number(i as f64)];
        match (lname, args) {
            ("map", [_, f]) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, v) in items.iter().enumerate() {
                    out.push(self.apply(f, &with_index(i, v))?);
                }
                Ok(Dyn::list(out))
            }
            ("filter", [_, f]) => {
                let mut out = Vec::new();
                for (i, v) in items.iter().enumerate() {
                    match self.apply(f, &with_index(i, v))?.kind {
                        DynKind::Bool(true) => out.push(v.clone()),
                        DynKind::Bool(false) => {}
                        _ => return Ok(Dyn::unknown()),
                    }
                }
                Ok(Dyn::list(out))
            }
            ("reduce", [_, init, f]) => {
                let mut acc = self.eval(init)?;
                for (i, v) in items.iter().enumerate() {
                    acc = self.apply(f, &[acc, v.clone(), Dyn::number(i as f64)])?;
                }
                Ok(acc)
            }
            ("toobject", [_, key, rest @ ..]) if rest.len() <= 1 => {
                let mut out = IndexMap::new();
                for v in &items {
                    let k = self.apply(key, std::slice::from_ref(v))?;
                    let Some(k) = k.as_str().map(str::to_string) else {
                        return Ok(Dyn::unknown());
                    };
                    let value = match rest.first() {
                        Some(f) => self.apply(f, std::slice::from_ref(v))?,
                        None => v.clone(),
                    };
                    out.insert(k, value);
                }
                Ok(Dyn::map(out))
            }
            ("sort", [_, before]) => {
                // A stable merge sort: `before(a, b)` true puts `a` first; an order known
                // only at deployment makes the whole result Unknown.
                let mut sorted = items;
                let mut width = 1;
                while width < sorted.len() {
                    let mut merged = Vec::with_capacity(sorted.len());
                    for chunk in sorted.chunks(2 * width) {
                        let (left, right) = chunk.split_at(width.min(chunk.len()));
                        let (mut l, mut r) = (0, 0);
                        while l < left.len() && r < right.len() {
                            match self
                                .apply(before, &[right[r].clone(), left[l].clone()])?
                                .kind
                            {
                                DynKind::Bool(true) => {
                                    merged.push(right[r].clone());
                                    r += 1;
                                }
                                DynKind::Bool(false) => {
                                    merged.push(left[l].clone());
                                    l += 1;
                                }
                                _ => return Ok(Dyn::unknown()),
                            }
                        }
                        merged.extend_from_slice(&left[l..]);
                        merged.extend_from_slice(&right[r..]);
                    }
                    sorted = merged;
                    width *= 2;
                }
                Ok(Dyn::list(sorted))
            }
            ("groupby", [_, key]) => {
                let mut out: IndexMap<String, Vec<Dyn>> = IndexMap::new();
                for v in &items {
                    let k = self.apply(key, std::slice::from_ref(v))?;
                    let Some(k) = k.as_str().map(str::to_string) else {
                        return Ok(Dyn::unknown());
                    };
                    out.entry(k).or_default().push(v.clone());
                }
                Ok(Dyn::map(
                    out.into_iter().map(|(k, v)| (k, Dyn::list(v))).collect(),
                ))
            }
            _ => Err(arity_error(self)),
        }
    }

    // ---- resources ----

    /// The resource a `parent:` or `a::b` expression names: its key and, when it names one
    /// instance, that instance (`None` for a whole loop).
    fn resource_path(&mut self, e: &Expr) -> Res<Option<(String, Option<Instance>)>> {
        match &e.kind {
            ExprKind::Variable(ident) => {
                if self.locals.iter().any(|(n, _)| *n == ident.name) {
                    return Ok(None);
                }
                let Some((key, decl)) = self.lookup(&ident.name) else {
                    return Ok(None);
                };
                if decl.kind != DeclKind::Resource {
                    return Ok(None);
                }
                let group = self.resource_group(&key, e.span).ok_or(Stop)?;
                let one = (!group.looped)
                    .then(|| group.instances.first().cloned())
                    .flatten();
                Ok(Some((key, one)))
            }
            ExprKind::Index { base, index, .. } => {
                let Some((key, _)) = self.resource_path(base)? else {
                    return Ok(None);
                };
                let i = self.eval(index)?;
                let group = self.resource_group(&key, e.span).ok_or(Stop)?;
                let one = i
                    .as_i64()
                    .and_then(|i| usize::try_from(i).ok())
                    .and_then(|i| group.instances.get(i).cloned());
                Ok(Some((key, one)))
            }
            ExprKind::ChildResource { base, name } => {
                let Some((key, _)) = self.resource_path(base)? else {
                    return Ok(None);
                };
                let child = format!("{key}::{}", name.name);
                if !self.m.decls.contains_key(&child) {
                    return Err(self.error(name.span, format!("no nested resource `{child}`")));
                }
                let group = self.resource_group(&child, e.span).ok_or(Stop)?;
                let one = (group.instances.len() == 1)
                    .then(|| group.instances.first().cloned())
                    .flatten();
                Ok(Some((child, one)))
            }
            ExprKind::Parenthesized(inner) | ExprKind::NonNull(inner) => self.resource_path(inner),
            _ => Ok(None),
        }
    }

    /// The instances of the resource `key` (evaluated once). A nested resource is evaluated
    /// with its top-level ancestor.
    fn resource_group(&mut self, key: &str, span: TextRange) -> Option<Arc<Group>> {
        if let Some((top, _)) = key.split_once("::") {
            let top = top.to_string();
            self.resource_group(&top, span)?;
            let instances = self.m.nested.get(key).cloned().unwrap_or_default();
            let looped = instances.len() != 1;
            return Some(Arc::new(Group { looped, instances }));
        }
        match self.m.resources.get(key) {
            Some(Slot::Done(g)) => return Some(g.clone()),
            Some(Slot::Evaluating) => {
                self.error(span, format!("resource `{key}` refers to itself"));
                return None;
            }
            None => {}
        }
        let decl = self.m.decls.get(key).cloned()?;
        self.enter(span).ok()?;
        self.m.resources.insert(key.to_string(), Slot::Evaluating);
        let locals = std::mem::take(&mut self.locals);
        let res_scope = std::mem::take(&mut self.res_scope);
        let group = Arc::new(self.resource_statement(key, &decl.stmt, None, self.condition, ""));
        self.m
            .resources
            .insert(key.to_string(), Slot::Done(group.clone()));
        // Nested resources after their parent is known, so they may refer to it.
        for instance in &group.instances {
            self.nested_resources(key, &decl.stmt, instance);
        }
        self.locals = locals;
        self.res_scope = res_scope;
        self.depth -= 1;
        Some(group)
    }

    fn nested_resources(&mut self, key: &str, stmt: &Statement, parent: &Instance) {
        let StatementKind::Resource { body, .. } = &stmt.kind else {
            return;
        };
        let mark = self.locals.len();
        self.locals.extend(parent.locals.iter().cloned());
        self.res_scope.push(key.to_string());
        for item in body_object(body).unwrap_or_default() {
            let ObjectItem::Resource(child) = item else {
                continue;
            };
            let StatementKind::Resource { name, .. } = &child.kind else {
                continue;
            };
            let child_key = format!("{key}::{}", name.name);
            let condition = parent.condition;
            let address = format!("{}.{}", parent.address, name.name);
            let group = match condition {
                Some(c) => self.resource_statement(&child_key, child, Some(parent), c, &address),
                None => Group {
                    looped: false,
                    instances: Vec::new(),
                },
            };
            for instance in &group.instances {
                self.nested_resources(&child_key, child, instance);
            }
            self.m
                .nested
                .entry(child_key)
                .or_default()
                .extend(group.instances);
        }
        self.res_scope.pop();
        self.locals.truncate(mark);
    }

    /// Evaluates a resource declaration: one instance, or one per loop iteration.
    fn resource_statement(
        &mut self,
        key: &str,
        stmt: &Statement,
        parent: Option<&Instance>,
        inherited: ArmCondition,
        address: &str,
    ) -> Group {
        let StatementKind::Resource {
            name,
            type_string,
            existing,
            body,
        } = &stmt.kind
        else {
            return Group {
                looped: false,
                instances: Vec::new(),
            };
        };
        let address = if address.is_empty() {
            name.name.clone()
        } else {
            address.to_string()
        };
        let Some(type_text) = type_string.as_plain() else {
            self.error(type_string.span, "a resource type must be a plain string");
            return Group {
                looped: false,
                instances: Vec::new(),
            };
        };
        let (written_type, api_version) = match type_text.rsplit_once('@') {
            Some((t, v)) => (t.to_string(), Some(v.to_string())),
            None => (type_text.clone(), None),
        };
        let ignores = self.ignore_comments(stmt.span.start);
        let spec = ResourceSpec {
            key,
            symbolic: &name.name,
            written_type: &written_type,
            api_version,
            existing: *existing,
            parent,
            ignores: &ignores,
            location: self.loc(stmt.span),
        };
        match &body.kind {
            ExprKind::For(f) => {
                let items = match self.iterate(&f.iterable) {
                    Ok(items) => items,
                    Err(Stop) => Some(Vec::new()),
                };
                let mut instances = Vec::new();
                if let Some(items) = items {
                    if items.len() as i64 > MAX_COPY {
                        self.error(
                            f.iterable.span,
                            format!(
                                "a resource loop may have at most {MAX_COPY} iterations, not {}",
                                items.len()
                            ),
                        );
                        return Group {
                            looped: true,
                            instances,
                        };
                    }
                    for (i, item) in items.into_iter().enumerate() {
                        let mark = self.bind(f, item, Dyn::number(i as f64));
                        let instance =
                            self.instance(&spec, &f.body, inherited, format!("{address}[{i}]"));
                        self.locals.truncate(mark);
                        instances.push(instance);
                    }
                } else {
                    self.notice(
                        f.iterable.span,
                        format!(
                            "the loop of `{}` runs over a value known only at deployment: one instance is evaluated",
                            name.name
                        ),
                    );
                    let mark = self.bind(f, Dyn::unknown(), Dyn::unknown());
                    let instance = self.instance(
                        &spec,
                        &f.body,
                        ArmCondition::Unknown,
                        format!("{address}[*]"),
                    );
                    self.locals.truncate(mark);
                    instances.push(instance);
                }
                Group {
                    looped: true,
                    instances,
                }
            }
            _ => Group {
                looped: false,
                instances: vec![self.instance(&spec, body, inherited, address)],
            },
        }
    }

    /// The suppression comments above a declaration or at the end of its first line, as
    /// `metadata.cloudsentinel.ignore` items (`"<id> reason"`) located at the comment.
    fn ignore_comments(&self, start: u32) -> Vec<Dyn> {
        self.m
            .ast
            .comments_attached_to(&self.m.text, start)
            .into_iter()
            .filter_map(|c| {
                let text = c.text(&self.m.text).strip_prefix("//")?.trim();
                let rest = text.strip_prefix("cloudsentinel:ignore:")?;
                Some(Dyn::string(rest.trim()).with_loc(self.loc(c.span)))
            })
            .collect()
    }

    /// One instance of a resource: `body` is its object, possibly under `if (…)`.
    fn instance(
        &mut self,
        spec: &ResourceSpec<'_>,
        body: &Expr,
        inherited: ArmCondition,
        address: String,
    ) -> Instance {
        let mut instance = Instance {
            resource_type: spec.written_type.to_string(),
            api_version: spec.api_version.clone(),
            own_name: Dyn::unknown().with_loc(spec.location),
            full_name: Dyn::unknown().with_loc(spec.location),
            body: Dyn::unknown().with_loc(spec.location),
            existing: spec.existing,
            condition: Some(inherited),
            address,
            location: spec.location,
            metadata: Dyn::null(),
            symbolic: spec.symbolic.to_string(),
            locals: self.locals.clone(),
        };
        let mut object = body;
        if let ExprKind::If { condition, body } = &body.kind {
            object = body;
            let c = self.eval(condition).unwrap_or_else(|Stop| Dyn::unknown());
            match c.kind {
                DynKind::Bool(true) => {}
                DynKind::Bool(false) => {
                    instance.condition = None;
                    return instance;
                }
                _ => instance.condition = Some(ArmCondition::Unknown),
            }
        }
        let ExprKind::Object(items) = &object.kind else {
            self.error(object.span, "a resource body must be an object");
            return instance;
        };
        self.res_scope.push(spec.key.to_string());
        let mut parent = spec.parent.cloned();
        let mut out = IndexMap::new();
        let mut whole_unknown = false;
        for item in items {
            match item {
                ObjectItem::Property(p) => {
                    let Ok(Some(key)) = self.key(&p.key) else {
                        whole_unknown = true;
                        continue;
                    };
                    match key.as_str() {
                        "parent" => match self.resource_path(&p.value) {
                            Ok(Some((_, Some(found)))) => parent = Some(found),
                            // A parent known only at deployment (a whole loop, a parameter).
                            Ok(_) => parent = None,
                            Err(Stop) => {}
                        },
                        // An extension resource (diagnostic setting, lock, role assignment)
                        // names what it attaches to: kept as that resource's id, as the
                        // compiled template's `scope` is.
                        "scope" => {
                            let v = self.eval_or_unknown(&p.value);
                            let id = v.as_map().and_then(|m| m.get("id")).cloned();
                            out.insert(key, id.unwrap_or(v));
                        }
                        // After what it is deployed: no setting of the resource.
                        "dependsOn" => {}
                        _ => {
                            let v = self.eval_or_unknown(&p.value);
                            out.insert(key, v);
                        }
                    }
                }
                ObjectItem::Spread { expr, .. } => match self.eval_or_unknown(expr).kind {
                    DynKind::Map(m) => out.extend(m.iter().map(|(k, v)| (k.clone(), v.clone()))),
                    _ => whole_unknown = true,
                },
                ObjectItem::Resource(_) => {}
            }
        }
        self.res_scope.pop();
        let mut own_name = out
            .get("name")
            .cloned()
            .unwrap_or_else(|| Dyn::unknown().with_loc(spec.location));
        if matches!(own_name.kind, DynKind::List(_) | DynKind::Map(_)) {
            let file = self.m.file;
            let span = own_name
                .loc
                .filter(|l| l.file == file)
                .map_or(object.span, |l| l.range);
            self.error(span, "a resource name must be a string");
            own_name = Dyn::unknown().or_loc(own_name.loc);
        }
        instance.own_name = own_name.clone();
        instance.full_name = own_name.clone();
        if let Some(p) = &parent {
            if !spec.written_type.contains('/') {
                instance.resource_type = format!("{}/{}", p.resource_type, spec.written_type);
            }
            if instance.api_version.is_none() {
                instance.api_version.clone_from(&p.api_version);
            }
            instance.full_name = match (p.full_name.as_str(), own_name.to_string_lossy()) {
                (Some(a), Some(b)) if !own_name.is_unknown() => {
                    Dyn::string(format!("{a}/{b}")).or_loc(own_name.loc)
                }
                _ => Dyn::unknown().or_loc(own_name.loc),
            };
            if p.condition == Some(ArmCondition::Unknown) {
                instance.condition = instance.condition.map(|_| ArmCondition::Unknown);
            }
        }
        if out.contains_key("name") {
            out.insert("name".into(), instance.full_name.clone());
        }
        if !spec.ignores.is_empty() {
            let mut metadata = out
                .get("metadata")
                .and_then(Dyn::as_map)
                .cloned()
                .unwrap_or_default();
            let mut cloudsentinel = IndexMap::new();
            cloudsentinel.insert("ignore".to_string(), Dyn::list(spec.ignores.to_vec()));
            metadata.insert("cloudsentinel".into(), Dyn::map(cloudsentinel));
            instance.metadata = Dyn::map(metadata);
        } else if let Some(m) = out.get("metadata") {
            instance.metadata = m.clone();
        }
        let body = Dyn::map(out);
        let bounded = self.small_enough(&body, object.span);
        if !bounded && spec.ignores.is_empty() {
            // Part of the body: as unbounded as it.
            instance.metadata = Dyn::null();
        }
        instance.body = if whole_unknown || !bounded {
            Dyn::unknown()
        } else {
            body
        }
        .with_loc(self.loc(object.span));
        instance
    }

    /// True when `value` may leave the evaluation: values are walked recursively by the
    /// adapters on ordinary threads, so their depth (and size) is bounded as ARM's are.
    fn small_enough(&mut self, value: &Dyn, span: TextRange) -> bool {
        if size_at_most(value, 4 * MAX_VALUE_SIZE) {
            return true;
        }
        self.error(
            span,
            "the value built here is too large or nested too deeply to be checked",
        );
        false
    }

    // ---- modules ----

    fn module_group(&mut self, key: &str, span: TextRange) -> Option<Arc<ModuleGroup>> {
        match self.m.modules.get(key) {
            Some(Slot::Done(g)) => return Some(g.clone()),
            Some(Slot::Evaluating) => {
                self.error(span, format!("module `{key}` refers to itself"));
                return None;
            }
            None => {}
        }
        let decl = self.m.decls.get(key).cloned()?;
        self.enter(span).ok()?;
        self.m.modules.insert(key.to_string(), Slot::Evaluating);
        let locals = std::mem::take(&mut self.locals);
        let res_scope = std::mem::take(&mut self.res_scope);
        let group = Arc::new(self.module_statement(&decl.stmt));
        self.locals = locals;
        self.res_scope = res_scope;
        self.depth -= 1;
        self.m
            .modules
            .insert(key.to_string(), Slot::Done(group.clone()));
        Some(group)
    }

    fn module_statement(&mut self, stmt: &Statement) -> ModuleGroup {
        let StatementKind::Module { name, path, body } = &stmt.kind else {
            return ModuleGroup {
                looped: false,
                instances: Vec::new(),
            };
        };
        let target = self.module_target(path, "module");
        match &body.kind {
            ExprKind::For(f) => {
                let items = self.iterate(&f.iterable).unwrap_or(Some(Vec::new()));
                let mut instances = Vec::new();
                match items {
                    Some(items) if items.len() as i64 > MAX_COPY => {
                        self.error(
                            f.iterable.span,
                            format!("a module loop may have at most {MAX_COPY} iterations"),
                        );
                    }
                    Some(items) => {
                        for (i, item) in items.into_iter().enumerate() {
                            let mark = self.bind(f, item, Dyn::number(i as f64));
                            let call = format!("{}[{i}]", name.name);
                            let instance = self.module_instance(
                                &call,
                                stmt,
                                &f.body,
                                target.as_ref(),
                                self.condition,
                            );
                            self.locals.truncate(mark);
                            instances.push(instance);
                        }
                    }
                    None => {
                        let mark = self.bind(f, Dyn::unknown(), Dyn::unknown());
                        let call = format!("{}[*]", name.name);
                        let instance = self.module_instance(
                            &call,
                            stmt,
                            &f.body,
                            target.as_ref(),
                            ArmCondition::Unknown,
                        );
                        self.locals.truncate(mark);
                        instances.push(instance);
                    }
                }
                ModuleGroup {
                    looped: true,
                    instances,
                }
            }
            _ => ModuleGroup {
                looped: false,
                instances: vec![self.module_instance(
                    &name.name,
                    stmt,
                    body,
                    target.as_ref(),
                    self.condition,
                )],
            },
        }
    }

    /// The file a module path names, read and registered; `None` (with a notice or an
    /// error) for a registry or template spec module, or a path that cannot be followed.
    fn module_target(&mut self, path: &StringLiteral, what: &str) -> Option<FileId> {
        let Some(target) = path.as_plain() else {
            self.error(path.span, format!("a {what} path must be a plain string"));
            return None;
        };
        let lower = target.to_ascii_lowercase();
        if lower.starts_with("br:")
            || lower.starts_with("br/")
            || lower.starts_with("ts:")
            || lower.starts_with("ts/")
        {
            self.notice(
                path.span,
                format!("{what} `{target}` is in a registry or a template spec; it is not fetched, and its outputs and exports are Unknown"),
            );
            return None;
        }
        if lower.contains("://") {
            self.notice(
                path.span,
                format!("{what} `{target}` is remote; it is not fetched"),
            );
            return None;
        }
        let Some(root) = self.run.root.clone() else {
            self.notice(path.span, format!("{what} `{target}` is not followed"));
            return None;
        };
        let dir = self
            .m
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let joined = crate::deployment_manager::config::clean(&dir.join(&target));
        // Compared by real paths, so a symlink cannot lead out. A missing file is no
        // template error (a partial checkout, a sibling tree not scanned): a notice.
        let Ok(real) = std::fs::canonicalize(&joined) else {
            self.notice(
                path.span,
                format!("{what} `{target}` cannot be read (no such file); its outputs and exports are Unknown"),
            );
            return None;
        };
        let inside = real.starts_with(std::fs::canonicalize(&root).unwrap_or(root));
        if !inside {
            self.error(
                path.span,
                format!("{what} `{target}` lies outside the scanned directory; not read"),
            );
            return None;
        }
        if let Some(f) = self.run.db.find(&joined) {
            return Some(f);
        }
        match std::fs::read_to_string(&joined) {
            Ok(text) => {
                self.run.out.linked_files.push(joined.clone());
                Some(self.run.db.add(joined, text))
            }
            // Not part of what was scanned (a partial checkout): nothing to check there.
            Err(e) => {
                self.notice(
                    path.span,
                    format!("{what} `{target}` cannot be read ({e}); its outputs and exports are Unknown"),
                );
                None
            }
        }
    }

    /// A module body's `name` and `params` (its `scope` and `dependsOn` say where and when
    /// it is deployed, nothing about what).
    fn module_spec(&mut self, object: &Expr) -> Dyn {
        let ExprKind::Object(items) = &object.kind else {
            return self.eval_or_unknown(object);
        };
        let mut out = IndexMap::new();
        for item in items {
            match item {
                ObjectItem::Property(p) => {
                    let Some(key) = p.key.as_plain() else {
                        continue;
                    };
                    if key == "name" || key == "params" {
                        let v = self.eval_or_unknown(&p.value);
                        out.insert(key, v);
                    }
                }
                // Spread settings could be anything, `params` included.
                ObjectItem::Spread { .. } => return Dyn::unknown(),
                ObjectItem::Resource(_) => {}
            }
        }
        Dyn::map(out).with_loc(self.loc(object.span))
    }

    fn module_instance(
        &mut self,
        call: &str,
        stmt: &Statement,
        body: &Expr,
        target: Option<&FileId>,
        inherited: ArmCondition,
    ) -> ModuleInstance {
        let unknown = ModuleInstance {
            value: Dyn::unknown(),
            resources: Vec::new(),
        };
        let mut object = body;
        let mut condition = inherited;
        if let ExprKind::If { condition: c, body } = &body.kind {
            object = body;
            match self.eval(c).map(|v| v.kind) {
                Ok(DynKind::Bool(true)) => {}
                Ok(DynKind::Bool(false)) => return unknown,
                _ => condition = ArmCondition::Unknown,
            }
        }
        let spec = self.module_spec(object);
        let deployment_name = spec.get("name").cloned().unwrap_or_else(Dyn::unknown);
        let mut value = IndexMap::new();
        value.insert("name".to_string(), deployment_name);
        let Some(&file) = target else {
            value.insert("outputs".to_string(), Dyn::unknown());
            return ModuleInstance {
                value: Dyn::map(value),
                resources: Vec::new(),
            };
        };
        if self.files.contains(&file) {
            self.error(
                stmt.span,
                "the module calls itself (directly or through other modules)",
            );
            return unknown;
        }
        if self.m.chain.len() >= MAX_DEPLOYMENT_DEPTH {
            self.error(
                stmt.span,
                format!("modules nested deeper than {MAX_DEPLOYMENT_DEPTH}"),
            );
            return unknown;
        }
        let given: HashMap<String, Dyn> = match spec.get("params").map(|p| &p.kind) {
            Some(DynKind::Map(m)) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            // Parameters known only at deployment: every one is Unknown.
            Some(DynKind::Unknown) => HashMap::new(),
            _ => HashMap::new(),
        };
        let params_unknown = matches!(spec.get("params").map(|p| &p.kind), Some(DynKind::Unknown))
            || spec.is_unknown();
        let mut chain = self.m.chain.clone();
        chain.push(ModuleCall {
            name: call.to_string(),
            location: self.loc(stmt.span),
        });
        if self
            .run
            .db
            .get(file)
            .path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json") || e.eq_ignore_ascii_case("jsonc"))
        {
            let (resources, outputs) = self.arm_module(file, given, params_unknown, &chain);
            value.insert("outputs".to_string(), outputs);
            return ModuleInstance {
                value: Dyn::map(value),
                resources,
            };
        }
        let Some(mut module) = Module::load(self.run, file, given, chain) else {
            return unknown;
        };
        module.params_complete = !params_unknown;
        if params_unknown {
            // Every parameter Unknown rather than its default: the caller's values are not known.
            let names: Vec<String> = module
                .decls
                .iter()
                .filter(|(_, d)| d.kind == DeclKind::Param)
                .map(|(k, _)| k.clone())
                .collect();
            for n in names {
                module.values.insert(n, Slot::Done(Dyn::unknown()));
            }
        }
        let mut files = self.files.clone();
        files.push(file);
        let depth = self.depth;
        let mut child = Eval::new(self.run, module, condition, files);
        child.depth = depth;
        let (resources, outputs) = child.evaluate_all();
        value.insert("outputs".to_string(), Dyn::map(outputs));
        ModuleInstance {
            value: Dyn::map(value),
            resources,
        }
    }
}

impl Eval<'_, '_> {
    /// A module that is an ARM template (`module m './nested.json'`), evaluated by the ARM
    /// evaluator with the parameters passed; its resources join this deployment.
    fn arm_module(
        &mut self,
        file: FileId,
        given: HashMap<String, Dyn>,
        params_unknown: bool,
        chain: &[ModuleCall],
    ) -> (Vec<ArmResource>, Dyn) {
        if params_unknown {
            return (Vec::new(), Dyn::unknown());
        }
        let options = crate::arm::ArmOptions {
            // A null value means the template's default, in ARM as in Bicep.
            parameters: given.into_iter().filter(|(_, v)| !v.is_null()).collect(),
            root: self.run.root.clone(),
            max_steps: 0,
        };
        let dep = crate::arm::evaluate_template(self.run.db, file, &options);
        self.run.out.errors.extend(dep.errors);
        self.run.out.notices.extend(dep.notices);
        self.run.out.linked_files.extend(dep.linked_files);
        let resources = dep
            .resources
            .into_iter()
            .map(|mut r| {
                let mut deployments = chain.to_vec();
                deployments.append(&mut r.deployments);
                r.deployments = deployments;
                r
            })
            .collect();
        (resources, Dyn::map(dep.outputs))
    }
}

struct ResourceSpec<'a> {
    key: &'a str,
    symbolic: &'a str,
    written_type: &'a str,
    api_version: Option<String>,
    existing: bool,
    parent: Option<&'a Instance>,
    ignores: &'a [Dyn],
    location: Location,
}

/// What `res` reads as: its evaluated body with `name` (as written), `type`, `apiVersion`
/// and `id`; of an existing resource only these (its properties are the deployed ones).
fn instance_value(i: &Instance) -> Dyn {
    let mut m = if i.existing {
        IndexMap::new()
    } else {
        i.body.as_map().cloned().unwrap_or_default()
    };
    // A body whose shape is Unknown (a spread known only at deployment) still has its
    // name, type and id; its other properties read as Unknown.
    m.insert("name".into(), i.own_name.clone());
    m.insert("type".into(), Dyn::string(i.resource_type.clone()));
    if let Some(v) = &i.api_version {
        m.insert("apiVersion".into(), Dyn::string(v.clone()));
    }
    m.insert("id".into(), resource_id(i));
    Dyn::map(m).with_loc(i.location)
}

/// A resource's id: Unknown (its subscription and resource group are known only at
/// deployment) but naming the resource, as ARM's `resourceId()` does.
fn resource_id(i: &Instance) -> Dyn {
    let mut encoded = IndexMap::new();
    encoded.insert("scope".to_string(), Dyn::unknown());
    encoded.insert("type".to_string(), Dyn::string(i.resource_type.clone()));
    encoded.insert("name".to_string(), i.full_name.clone());
    let mut id = Dyn::unknown().or_loc(Some(i.location));
    if let Some(n) = i.full_name.as_str() {
        id.source_ref = Some(resource_key(&i.resource_type, n).into());
    }
    id.encoded = Some(Arc::new(Dyn::map(encoded)));
    id
}

fn group_value(g: &Group) -> Dyn {
    if g.looped {
        Dyn::list(g.instances.iter().map(instance_value).collect())
    } else {
        g.instances
            .first()
            .map_or_else(Dyn::unknown, instance_value)
    }
}

fn type_name(d: &Dyn) -> &'static str {
    match d.kind {
        DynKind::Null => "null",
        DynKind::Bool(_) => "a bool",
        DynKind::Number(_) => "a number",
        DynKind::String(_) => "a string",
        DynKind::List(_) => "an array",
        DynKind::Map(_) => "an object",
        DynKind::Unknown => "an Unknown value",
    }
}

#[cfg(test)]
#[path = "eval_tests.rs"]
mod tests;
