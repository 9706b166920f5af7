//! Reading one Terragrunt configuration: its includes (merged as Terragrunt merges them),
//! locals, dependencies (mock outputs), `terraform.source` and `inputs`.
//!
//! Terragrunt's order is kept: include paths see only functions; locals see `local` and
//! exposed includes; dependency blocks see those too; `terraform` and `inputs` also see
//! `dependency`. Whatever cannot be evaluated is Unknown with a notice; what Terragrunt
//! itself rejects (a nested include, a configuration including itself, a cycle of
//! `read_terragrunt_config`, a bad merge strategy) is a located error.

use super::functions::TerragruntFunctions;
use super::{MAX_CONFIG_READS, MAX_READ_DEPTH};
use crate::dynvalue::{Dyn, DynKind};
use crate::terraform::eval::embed::Embedded;
use crate::terraform::module::{Loader, norm_dir};
use crate::terraform::syntax::{self, Attr, Block, Expr, ExprKind, Loc, ObjKey, Part, TravKind};
use cloudsentinel_model::{Location, Notice, ParseError};
use indexmap::IndexMap;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The directories Terragrunt's path functions answer with (absolute, normalised).
#[derive(Debug, Clone)]
pub(crate) struct Dirs {
    /// `get_terragrunt_dir()`: the unit's directory, also inside the files it includes; the
    /// read file's directory inside `read_terragrunt_config`.
    pub terragrunt: PathBuf,
    /// `get_original_terragrunt_dir()`: the unit's directory, everywhere.
    pub original: PathBuf,
    /// Included configurations' directories by include name (`""` for the unlabeled one).
    pub includes: Vec<(String, PathBuf)>,
}

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A unit's own `terragrunt.hcl`.
    Unit,
    /// Included by a unit: may not include again (Terragrunt allows one level).
    Included,
    /// Read by `read_terragrunt_config`.
    Read,
}

/// How an included configuration is merged into the including one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strategy {
    NoMerge,
    Shallow,
    Deep,
}

/// One value of `inputs` and where it was set.
#[derive(Debug, Clone)]
pub(crate) struct Input {
    pub value: Dyn,
    /// The entry of `inputs` that set it (the whole attribute for computed keys).
    pub set_at: Location,
    /// The file that set it, as shown to people.
    pub set_by: PathBuf,
}

/// `inputs` of a configuration.
#[derive(Debug, Clone)]
pub(crate) enum Inputs {
    Known(IndexMap<String, Input>),
    /// Not evaluable as a whole (an Unknown map, unknown keys), at this attribute.
    Unknown(Location),
}

impl Default for Inputs {
    fn default() -> Self {
        Inputs::Known(IndexMap::new())
    }
}

/// `terraform.source` and where it is written.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    pub value: Dyn,
    pub loc: Location,
}

/// A configuration file evaluated, its includes merged in.
#[derive(Debug, Clone, Default)]
pub(crate) struct Config {
    /// Something Terragrunt rejects, or a parse error: the unit is not evaluated.
    pub failed: bool,
    pub locals: IndexMap<String, Dyn>,
    pub dependencies: IndexMap<String, Dyn>,
    pub source: Option<Source>,
    /// The `terraform` block (or, lacking one, the file's start), for the unit's call chain.
    pub anchor: Option<Location>,
    pub inputs: Inputs,
}

impl Config {
    /// The object `include.<name>` and `read_terragrunt_config` give.
    pub fn exposed(&self) -> Dyn {
        let mut m = IndexMap::new();
        m.insert("locals".to_string(), Dyn::map(self.locals.clone()));
        m.insert(
            "dependency".to_string(),
            Dyn::map(self.dependencies.clone()),
        );
        m.insert(
            "inputs".to_string(),
            match &self.inputs {
                Inputs::Known(i) => Dyn::map(
                    i.iter()
                        .map(|(k, v)| (k.clone(), v.value.clone()))
                        .collect(),
                ),
                Inputs::Unknown(_) => Dyn::unknown(),
            },
        );
        if let Some(s) = &self.source {
            let mut t = IndexMap::new();
            t.insert("source".to_string(), s.value.clone());
            m.insert("terraform".to_string(), Dyn::map(t));
        }
        Dyn::map(m)
    }
}

/// What reading one unit needs and collects: not shared between threads.
pub(crate) struct Session<'a> {
    pub loader: &'a Loader<'a>,
    /// Canonical directory Terraform's file functions are confined to.
    pub scan_root: Option<&'a Path>,
    cwd: PathBuf,
    /// Paths are shown (and registered) relative to the working directory, as discovered.
    relative: bool,
    pub errors: RefCell<Vec<ParseError>>,
    pub notices: RefCell<Vec<Notice>>,
    /// Files being read by `read_terragrunt_config`, outermost first (cycles, depth).
    reading: RefCell<Vec<PathBuf>>,
    reads: Cell<usize>,
    read_cache: RefCell<HashMap<(PathBuf, PathBuf), Dyn>>,
}

impl<'a> Session<'a> {
    pub fn new(loader: &'a Loader<'a>, scan_root: Option<&'a Path>, relative: bool) -> Self {
        Session {
            loader,
            scan_root,
            cwd: std::env::current_dir().unwrap_or_default(),
            relative,
            errors: RefCell::new(Vec::new()),
            notices: RefCell::new(Vec::new()),
            reading: RefCell::new(Vec::new()),
            reads: Cell::new(0),
            read_cache: RefCell::new(HashMap::new()),
        }
    }

    /// `path` made absolute and normalised.
    pub fn absolute(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            norm_dir(path)
        } else {
            norm_dir(&self.cwd.join(path))
        }
    }

    /// An absolute path as discovery shows it: relative to the working directory when the
    /// scanned paths were relative.
    pub fn display(&self, abs: &Path) -> PathBuf {
        if !self.relative {
            return abs.to_path_buf();
        }
        PathBuf::from(super::functions::relative_path(abs, &self.cwd))
    }

    pub fn file_exists(&self, abs: &Path) -> bool {
        abs.is_file() || self.loader.opts.overlays.contains_key(&self.display(abs))
    }

    pub fn notice(&self, location: Loc, message: String) {
        self.notices.borrow_mut().push(Notice { location, message });
    }

    fn error(&self, location: Location, message: String) {
        self.errors
            .borrow_mut()
            .push(ParseError { location, message });
    }

    /// Reads and evaluates the configuration at `path` (absolute) with its includes merged.
    pub fn eval_file(&self, path: &Path, dirs: &Dirs, role: Role) -> Config {
        let shown = self.display(path);
        let parsed = syntax::load_file(&shown, self.loader.opts, self.loader.db);
        let file_start = Location::new(parsed.file, cloudsentinel_model::TextRange::new(0, 0));
        let mut failed = !parsed.errors.is_empty();
        self.errors.borrow_mut().extend(parsed.errors);
        let body = parsed.body;
        let here = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);

        // Includes: their paths see functions only.
        let path_fns = TerragruntFunctions {
            session: self,
            dirs,
        };
        let path_ev = self.evaluator(&here, &path_fns);
        let mut includes: Vec<(String, PathBuf, Strategy, bool, Location)> = Vec::new();
        for b in body.blocks_named("include") {
            if role == Role::Included {
                self.error(
                    b.loc,
                    "an included configuration may not include another (Terragrunt allows one level of include)".into(),
                );
                failed = true;
                continue;
            }
            match self.include_spec(b, &path_ev, &here, path) {
                Some(spec) => includes.push(spec),
                None => failed = true,
            }
        }
        self.take_notices(&path_ev);
        // An included file answers with its own include's directory; others with theirs.
        let own_dirs = if role == Role::Included {
            dirs.clone()
        } else {
            Dirs {
                includes: includes
                    .iter()
                    .map(|(n, p, ..)| {
                        (
                            n.clone(),
                            p.parent().map_or_else(PathBuf::new, Path::to_path_buf),
                        )
                    })
                    .collect(),
                ..dirs.clone()
            }
        };
        let mut parents: Vec<(Config, Strategy)> = Vec::new();
        let mut exposed: IndexMap<String, Dyn> = IndexMap::new();
        for (name, p, strategy, expose, _) in &includes {
            let parent_dirs = Dirs {
                includes: vec![(
                    name.clone(),
                    p.parent().map_or_else(PathBuf::new, Path::to_path_buf),
                )],
                ..dirs.clone()
            };
            let parent = self.eval_file(p, &parent_dirs, Role::Included);
            failed |= parent.failed;
            if *expose && !name.is_empty() {
                exposed.insert(name.clone(), parent.exposed());
            }
            parents.push((parent, *strategy));
        }

        let fns = TerragruntFunctions {
            session: self,
            dirs: &own_dirs,
        };
        let ev = self.evaluator(&here, &fns);
        let include_binding: (Arc<str>, Dyn) = ("include".into(), Dyn::map(exposed));

        // Locals, in dependency order.
        let local_attrs: IndexMap<String, &Attr> = body
            .blocks_named("locals")
            .flat_map(|b| b.body.attrs.iter())
            .map(|a| (a.name.to_string(), a))
            .collect();
        let mut locals = Locals {
            attrs: &local_attrs,
            done: IndexMap::new(),
            busy: Vec::new(),
        };
        for name in local_attrs.keys() {
            self.local(&mut locals, name, &ev, &include_binding);
        }
        let locals = locals.done;
        let local_binding: (Arc<str>, Dyn) = ("local".into(), Dyn::map(locals.clone()));

        // Dependencies: the included configurations' first, this file's own override.
        let mut dependencies: IndexMap<String, Dyn> = IndexMap::new();
        for (parent, strategy) in &parents {
            if *strategy != Strategy::NoMerge {
                dependencies.extend(parent.dependencies.clone());
            }
        }
        let pre = [local_binding.clone(), include_binding.clone()];
        for b in body.blocks_named("dependency") {
            let Some(name) = b.labels.first() else {
                continue;
            };
            dependencies.insert(name.to_string(), self.dependency(b, &ev, &pre));
        }
        let all = [
            local_binding,
            include_binding,
            ("dependency".into(), Dyn::map(dependencies.clone())),
        ];

        let terraform = body.blocks_named("terraform").next();
        let source = terraform
            .and_then(|t| t.body.attr("source"))
            .map(|a| Source {
                value: self.value(&a.expr, &ev, &all, "terraform.source"),
                loc: a.loc,
            });
        let inputs = match body.attr("inputs") {
            Some(a) => self.inputs(a, &ev, &all, &shown),
            None => Inputs::default(),
        };
        self.take_notices(&ev);

        // Included configurations merge in order (a later one wins), then this file over
        // them, deeply when an include asks for a deep merge.
        let mut merged = Config::default();
        let mut child_strategy = Strategy::Shallow;
        for (parent, strategy) in parents {
            if strategy == Strategy::NoMerge {
                continue;
            }
            if strategy == Strategy::Deep {
                child_strategy = Strategy::Deep;
            }
            merged = merge(merged, parent, strategy);
        }
        let own = Config {
            failed,
            locals,
            dependencies,
            source,
            anchor: terraform.map(|t| t.loc),
            inputs,
        };
        let mut config = merge(merged, own, child_strategy);
        config.failed = failed;
        config.anchor = config.anchor.or(Some(file_start));
        config
    }

    fn evaluator<'s>(&'s self, dir: &Path, fns: &'s TerragruntFunctions<'s>) -> Embedded<'s> {
        Embedded::new(self.loader, &self.display(dir), self.scan_root, fns)
    }

    fn take_notices(&self, ev: &Embedded<'_>) {
        self.notices.borrow_mut().extend(ev.take_notices());
    }

    /// An include block's path (absolute), merge strategy and `expose`; `None` (with a
    /// located error) when Terragrunt would reject it.
    fn include_spec(
        &self,
        b: &Block,
        ev: &Embedded<'_>,
        here: &Path,
        this_file: &Path,
    ) -> Option<(String, PathBuf, Strategy, bool, Location)> {
        let name = b
            .labels
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        let Some(path_attr) = b.body.attr("path") else {
            self.error(b.loc, "include block without a path".into());
            return None;
        };
        let path = match ev.eval(&path_attr.expr, &[]) {
            Ok(v) if v.as_str().is_some() => v.as_str().unwrap_or_default().to_string(),
            Ok(_) => {
                self.error(
                    path_attr.loc,
                    "the include path could not be evaluated to a string; the unit is not evaluated".into(),
                );
                return None;
            }
            Err(e) => {
                self.error(path_attr.loc, format!("include path: {e}"));
                return None;
            }
        };
        let p = Path::new(&path);
        let abs = if p.is_absolute() {
            norm_dir(p)
        } else {
            norm_dir(&here.join(p))
        };
        if abs == this_file {
            self.error(path_attr.loc, "the configuration includes itself".into());
            return None;
        }
        if !self.file_exists(&abs) {
            self.error(
                path_attr.loc,
                format!(
                    "included file {} does not exist",
                    self.display(&abs).display()
                ),
            );
            return None;
        }
        let strategy = match b.body.attr("merge_strategy") {
            None => Strategy::Shallow,
            Some(a) => match ev.eval(&a.expr, &[]).ok().as_ref().and_then(Dyn::as_str) {
                Some("shallow") => Strategy::Shallow,
                Some("deep") => Strategy::Deep,
                Some("no_merge") => Strategy::NoMerge,
                _ => {
                    self.error(
                        a.loc,
                        "merge_strategy must be \"no_merge\", \"shallow\" or \"deep\"".into(),
                    );
                    return None;
                }
            },
        };
        let expose = b
            .body
            .attr("expose")
            .is_some_and(|a| ev.eval(&a.expr, &[]).ok().and_then(|v| v.as_bool()) == Some(true));
        Some((name, abs, strategy, expose, b.loc))
    }

    /// Evaluates `e`; a rejected expression is Unknown with a notice naming `what`.
    fn value(&self, e: &Expr, ev: &Embedded<'_>, bindings: &[(Arc<str>, Dyn)], what: &str) -> Dyn {
        match ev.eval(e, bindings) {
            Ok(v) => v,
            Err(msg) => {
                self.notice(
                    e.loc,
                    format!("could not evaluate {what}: {msg}; the value is unknown"),
                );
                Dyn::unknown().or_loc(e.loc)
            }
        }
    }

    fn local(
        &self,
        locals: &mut Locals<'_>,
        name: &str,
        ev: &Embedded<'_>,
        include: &(Arc<str>, Dyn),
    ) {
        if locals.done.contains_key(name) {
            return;
        }
        let Some(attr) = locals.attrs.get(name).copied() else {
            return;
        };
        if locals.busy.iter().any(|b| b == name) {
            self.notice(
                Some(attr.loc),
                format!("local.{name} refers to itself (a reference cycle); it is unknown"),
            );
            locals
                .done
                .insert(name.to_string(), Dyn::unknown().or_loc(attr.expr.loc));
            return;
        }
        locals.busy.push(name.to_string());
        let mut refs = Vec::new();
        local_refs(&attr.expr, &mut refs);
        for r in refs {
            self.local(locals, &r, ev, include);
        }
        locals.busy.pop();
        if locals.done.contains_key(name) {
            // Set while resolving a cycle through it.
            return;
        }
        let bindings = [
            ("local".into(), Dyn::map(locals.done.clone())),
            include.clone(),
        ];
        let v = self.value(&attr.expr, ev, &bindings, &format!("local.{name}"));
        locals.done.insert(name.to_string(), v);
    }

    /// A `dependency` block as `dependency.<name>`: `outputs` are its mock outputs when
    /// Terragrunt would use them for a plan, Unknown otherwise (never guessed).
    fn dependency(&self, b: &Block, ev: &Embedded<'_>, bindings: &[(Arc<str>, Dyn)]) -> Dyn {
        let attr = |n: &str| {
            b.body
                .attr(n)
                .map(|a| self.value(&a.expr, ev, bindings, &format!("dependency.{n}")))
        };
        let mocks = attr("mock_outputs");
        let allowed = attr("mock_outputs_allowed_terraform_commands");
        let mocks_used = match &allowed {
            None => Some(true),
            Some(l) => l.as_list().map(|cmds| {
                cmds.iter().any(|c| c.as_str() == Some("plan")) && !cmds.iter().any(Dyn::is_unknown)
            }),
        };
        let outputs = match (&mocks, mocks_used) {
            (Some(m), Some(true)) if matches!(m.kind, DynKind::Map(_)) => m.clone(),
            _ => Dyn::unknown(),
        };
        let mut m = IndexMap::new();
        m.insert("outputs".to_string(), outputs);
        if let Some(p) = attr("config_path") {
            m.insert("config_path".to_string(), p);
        }
        if let Some(mocks) = mocks {
            m.insert("mock_outputs".to_string(), mocks);
        }
        Dyn::map(m).with_loc(b.loc)
    }

    /// `inputs`, each value located at the entry that sets it.
    fn inputs(
        &self,
        a: &Attr,
        ev: &Embedded<'_>,
        bindings: &[(Arc<str>, Dyn)],
        shown: &Path,
    ) -> Inputs {
        let v = self.value(&a.expr, ev, bindings, "inputs");
        let Some(map) = v.as_map() else {
            if !v.is_unknown() {
                self.notice(
                    Some(a.loc),
                    "inputs is not an object; the unit's variables are unknown".into(),
                );
            }
            return Inputs::Unknown(a.loc);
        };
        let entry_locs: HashMap<&str, Location> = match &a.expr.kind {
            ExprKind::Object(entries) => entries
                .iter()
                .filter_map(|(k, e)| match k {
                    ObjKey::Name(n) => Some((&**n, e.loc.unwrap_or(a.loc))),
                    ObjKey::Expr(ke) => match &ke.kind {
                        ExprKind::Str(s) => Some((&**s, e.loc.unwrap_or(a.loc))),
                        _ => None,
                    },
                })
                .collect(),
            _ => HashMap::new(),
        };
        Inputs::Known(
            map.iter()
                .map(|(k, val)| {
                    let set_at = entry_locs.get(k.as_str()).copied().unwrap_or(a.loc);
                    let input = Input {
                        value: val.clone().with_loc(set_at),
                        set_at,
                        set_by: shown.to_path_buf(),
                    };
                    (k.clone(), input)
                })
                .collect(),
        )
    }

    /// `read_terragrunt_config(path, default?)`: the configuration's locals, inputs,
    /// dependencies and source, evaluated with its own includes.
    pub fn read_config(&self, args: &[Dyn], dirs: &Dirs, loc: Loc) -> Result<Dyn, String> {
        let (path, default) = match args {
            [p] => (p, None),
            [p, d] => (p, Some(d)),
            _ => return Err("takes a path and an optional default".into()),
        };
        let Some(path) = path.as_str() else {
            return if path.is_unknown() {
                Ok(Dyn::unknown())
            } else {
                Err("the path must be a string".into())
            };
        };
        let p = Path::new(path);
        let abs = if p.is_absolute() {
            norm_dir(p)
        } else {
            norm_dir(&dirs.terragrunt.join(p))
        };
        if !self.file_exists(&abs) {
            return match default {
                Some(d) => Ok(d.clone()),
                None => Err(format!("{path} does not exist")),
            };
        }
        let key = (abs.clone(), dirs.original.clone());
        if let Some(v) = self.read_cache.borrow().get(&key) {
            return Ok(v.clone());
        }
        let reject = |msg: String| {
            if let Some(l) = loc {
                self.error(l, msg.clone());
            }
            Err(msg)
        };
        if self.reading.borrow().contains(&abs) {
            return reject(format!(
                "read_terragrunt_config of {} is a cycle (the file is already being read)",
                self.display(&abs).display()
            ));
        }
        if self.reading.borrow().len() >= MAX_READ_DEPTH {
            return reject(format!(
                "read_terragrunt_config nested more than {MAX_READ_DEPTH} deep"
            ));
        }
        if self.reads.get() >= MAX_CONFIG_READS {
            return reject(format!(
                "more than {MAX_CONFIG_READS} read_terragrunt_config calls for one unit"
            ));
        }
        self.reads.set(self.reads.get() + 1);
        self.reading.borrow_mut().push(abs.clone());
        let read_dirs = Dirs {
            terragrunt: abs.parent().map_or_else(PathBuf::new, Path::to_path_buf),
            original: dirs.original.clone(),
            includes: Vec::new(),
        };
        let config = self.eval_file(&abs, &read_dirs, Role::Read);
        self.reading.borrow_mut().pop();
        let v = if config.failed {
            Dyn::unknown()
        } else {
            config.exposed()
        };
        self.read_cache.borrow_mut().insert(key, v.clone());
        Ok(v)
    }
}

/// Locals being evaluated in dependency order.
struct Locals<'a> {
    attrs: &'a IndexMap<String, &'a Attr>,
    done: IndexMap<String, Dyn>,
    busy: Vec<String>,
}

/// Merges `child` over `parent` as Terragrunt merges an include with `strategy`.
fn merge(parent: Config, child: Config, strategy: Strategy) -> Config {
    if strategy == Strategy::NoMerge {
        return child;
    }
    let inputs = match (parent.inputs, child.inputs) {
        (Inputs::Unknown(l), _) | (_, Inputs::Unknown(l)) => Inputs::Unknown(l),
        (Inputs::Known(mut p), Inputs::Known(c)) => {
            for (k, v) in c {
                let v = match (strategy, p.get(&k)) {
                    (Strategy::Deep, Some(old)) => Input {
                        value: deep_merge(&old.value, &v.value, 0).with_loc(v.set_at),
                        ..v
                    },
                    _ => v,
                };
                p.insert(k, v);
            }
            Inputs::Known(p)
        }
    };
    let mut dependencies = parent.dependencies;
    dependencies.extend(child.dependencies);
    Config {
        failed: parent.failed || child.failed,
        locals: child.locals,
        dependencies,
        source: child.source.or(parent.source),
        anchor: child.anchor.or(parent.anchor),
        inputs,
    }
}

/// Deepest nesting `deep_merge` follows; deeper values of the child replace the parent's.
const MAX_MERGE_DEPTH: usize = 64;

/// Terragrunt's deep merge: maps merge key by key, lists concatenate, anything else the
/// child's value wins.
fn deep_merge(parent: &Dyn, child: &Dyn, depth: usize) -> Dyn {
    if depth >= MAX_MERGE_DEPTH {
        return child.clone();
    }
    match (&parent.kind, &child.kind) {
        (DynKind::Map(p), DynKind::Map(c)) => {
            let mut out = (**p).clone();
            for (k, v) in c.iter() {
                let merged = match out.get(k) {
                    Some(old) => deep_merge(old, v, depth + 1),
                    None => v.clone(),
                };
                out.insert(k.clone(), merged);
            }
            Dyn::map(out).or_loc(child.loc)
        }
        (DynKind::List(p), DynKind::List(c)) => {
            Dyn::list(p.iter().chain(c.iter()).cloned().collect()).or_loc(child.loc)
        }
        _ => child.clone(),
    }
}

/// Names of the locals `e` refers to (`local.<name>`).
fn local_refs(e: &Expr, out: &mut Vec<String>) {
    match &e.kind {
        ExprKind::Traversal(root, ops) => {
            if let (ExprKind::Var(v), Some(TravKind::Attr(n))) =
                (&root.kind, ops.first().map(|o| &o.kind))
                && &**v == "local"
            {
                out.push(n.to_string());
            }
            local_refs(root, out);
            for op in ops {
                if let TravKind::Index(i) = &op.kind {
                    local_refs(i, out);
                }
            }
        }
        ExprKind::Template(parts) => parts_refs(parts, out),
        ExprKind::Tuple(items) => items.iter().for_each(|i| local_refs(i, out)),
        ExprKind::Object(entries) => {
            for (k, v) in entries {
                if let ObjKey::Expr(k) = k {
                    local_refs(k, out);
                }
                local_refs(v, out);
            }
        }
        ExprKind::Call { args, .. } => args.iter().for_each(|a| local_refs(a, out)),
        ExprKind::Cond(c) => {
            local_refs(&c.0, out);
            local_refs(&c.1, out);
            local_refs(&c.2, out);
        }
        ExprKind::Unary(_, x) => local_refs(x, out),
        ExprKind::Binary(_, xs) => {
            local_refs(&xs.0, out);
            local_refs(&xs.1, out);
        }
        ExprKind::For(f) => {
            local_refs(&f.collection, out);
            if let Some(k) = &f.key {
                local_refs(k, out);
            }
            local_refs(&f.value, out);
            if let Some(c) = &f.cond {
                local_refs(c, out);
            }
        }
        ExprKind::Null
        | ExprKind::Bool(_)
        | ExprKind::Number(_)
        | ExprKind::Str(_)
        | ExprKind::Var(_) => {}
    }
}

fn parts_refs(parts: &[Part], out: &mut Vec<String>) {
    for p in parts {
        match p {
            Part::Lit(_) => {}
            Part::Interp(e) => local_refs(e, out),
            Part::If {
                cond,
                then,
                otherwise,
            } => {
                local_refs(cond, out);
                parts_refs(then, out);
                parts_refs(otherwise, out);
            }
            Part::For {
                collection, body, ..
            } => {
                local_refs(collection, out);
                parts_refs(body, out);
            }
        }
    }
}
