//! Terragrunt: `terragrunt.hcl` units evaluated as Terraform root modules with the inputs
//! Terragrunt would give them.
//!
//! A unit is a directory with a `terragrunt.hcl`. Its configuration (with the files it
//! includes, `read_terragrunt_config`, locals, dependencies' mock outputs and Terragrunt's
//! functions; see [`config`]) gives a module directory (`terraform.source`, or the unit's
//! own directory) and `inputs`. The module is evaluated as a root module whose variables
//! take the inputs at the precedence of `TF_VAR_` variables (how Terragrunt passes them), and
//! its resources' call chain starts at the unit. A module directory some unit uses is not
//! also evaluated as a root module of its own (see [`crate::terraform::Terraform`]).
//!
//! The Terraform front-end claims `terragrunt.hcl` and hands those files here.

mod config;
mod functions;
mod source;

pub use source::{RemoteSource, local_source_dir};

use crate::LoadOptions;
use crate::dynvalue::{Dyn, DynKind};
use crate::terraform::eval::embed::{RootInputs, evaluate_root_with_inputs};
use crate::terraform::ir::{EvalBlock, TfEvaluation};
use crate::terraform::module::{Loader, norm_dir};
use crate::terraform::{adapt, eval_pool, internal_error, isolate};
use cloudsentinel_model::{
    Location, ModuleCall, Notice, ParseError, SetElsewhere, SourceDb, State,
};
use config::{Config, Dirs, Input, Inputs, Role, Session};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// Terragrunt's configuration file name.
pub const CONFIG_FILE_NAME: &str = "terragrunt.hcl";
/// Deepest nesting of `read_terragrunt_config` (a file reading a file reading …).
pub const MAX_READ_DEPTH: usize = 8;
/// Most `read_terragrunt_config` evaluations for one unit (repeats are cached).
pub const MAX_CONFIG_READS: usize = 64;
/// Most attribute values walked per resource when naming the inputs it reads.
const MAX_ATTRIBUTION_NODES: usize = 10_000;

/// A Terragrunt unit configuration, by its fixed name.
pub fn is_terragrunt_file(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()) == Some(CONFIG_FILE_NAME)
}

/// What loading the units gives: their model, and the module directories they evaluated
/// (normalised as discovery shows them), which are therefore no root modules of their own.
#[derive(Debug, Default)]
pub struct LoadedUnits {
    pub state: State,
    pub module_dirs: HashSet<PathBuf>,
}

/// A unit's configuration resolved to a module and its inputs.
struct Resolved {
    config_path: PathBuf,
    /// Module directory as discovery shows it; `None` when nothing is evaluated.
    module_dir: Option<PathBuf>,
    inputs: Inputs,
    chain: Vec<ModuleCall>,
    errors: Vec<ParseError>,
    notices: Vec<Notice>,
}

/// Evaluates the units whose `terragrunt.hcl` files are `units` (as discovered).
pub fn load_units(units: &[PathBuf], opts: &LoadOptions, db: &SourceDb) -> LoadedUnits {
    let loader = Loader::new(&BTreeMap::new(), opts, db);
    let relative = units.iter().all(|u| u.is_relative());
    let unit_dirs: Vec<PathBuf> = units.iter().map(|u| parent_dir(u)).collect();
    let config_root = crate::terraform::scan_root(unit_dirs.iter());
    let work = || {
        let resolved: Vec<Resolved> = units
            .par_iter()
            .map(|u| {
                isolate(|| resolve(&loader, config_root.as_deref(), relative, u)).unwrap_or_else(
                    |msg| Resolved {
                        config_path: u.clone(),
                        module_dir: None,
                        inputs: Inputs::default(),
                        chain: Vec::new(),
                        errors: vec![internal_error(file_start(db, u, opts), "evaluating", &msg)],
                        notices: Vec::new(),
                    },
                )
            })
            .collect();
        let module_dirs: HashSet<PathBuf> = resolved
            .iter()
            .filter_map(|r| r.module_dir.clone())
            .collect();
        // Terraform's file functions may read what the units and their modules hold.
        let roots: Vec<PathBuf> = unit_dirs.iter().chain(&module_dirs).cloned().collect();
        let scan_root = crate::terraform::scan_root(roots.iter());
        let states: Vec<State> = resolved
            .into_par_iter()
            .map(|r| {
                let path = r.config_path.clone();
                isolate(|| evaluate_unit(&loader, scan_root.as_deref(), r)).unwrap_or_else(|msg| {
                    let mut s = State::default();
                    s.parse_errors.push(internal_error(
                        file_start(db, &path, opts),
                        "evaluating",
                        &msg,
                    ));
                    s
                })
            })
            .collect();
        let mut state = State::default();
        state.extend_all(states);
        LoadedUnits { state, module_dirs }
    };
    match eval_pool() {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

fn parent_dir(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => norm_dir(d),
        _ => PathBuf::from("."),
    }
}

/// The start of `path`, registered, for errors about the file as a whole.
fn file_start(db: &SourceDb, path: &Path, opts: &LoadOptions) -> Location {
    let text = crate::terraform::syntax::read_text(path, opts).unwrap_or_default();
    let file = db.add(path.to_path_buf(), text);
    Location::new(file, cloudsentinel_model::TextRange::new(0, 0))
}

/// Reads a unit's configuration and finds its module.
fn resolve(loader: &Loader<'_>, scan_root: Option<&Path>, relative: bool, unit: &Path) -> Resolved {
    let session = Session::new(loader, scan_root, relative);
    let abs = session.absolute(unit);
    let dir = parent_dir(&abs);
    let dirs = Dirs {
        terragrunt: dir.clone(),
        original: dir.clone(),
        includes: Vec::new(),
    };
    let config = session.eval_file(&abs, &dirs, Role::Unit);
    let shown_dir = session.display(&dir);
    let mut resolved = Resolved {
        config_path: unit.to_path_buf(),
        module_dir: None,
        inputs: config.inputs.clone(),
        chain: Vec::new(),
        errors: Vec::new(),
        notices: Vec::new(),
    };
    resolved.module_dir = module_dir(&session, &config, &dir, &shown_dir);
    resolved.chain = config
        .anchor
        .map(|location| ModuleCall {
            name: format!(
                "terragrunt:{}",
                shown_dir.to_string_lossy().replace('\\', "/")
            ),
            location,
        })
        .into_iter()
        .collect();
    let config_only = config.source.is_none() && resolved.module_dir.is_none();
    resolved.errors = session.errors.take();
    // A configuration with no module (a root configuration others include) is not a unit:
    // what its expressions could not resolve on their own is no news.
    if !config_only {
        resolved.notices = session.notices.take();
    }
    if config.failed && resolved.module_dir.is_some() {
        resolved.module_dir = None;
        resolved.notices.push(Notice {
            location: config.anchor,
            message: format!(
                "Terragrunt unit {} was not evaluated: its configuration has errors",
                shown_dir.display()
            ),
        });
    }
    resolved
}

/// The directory of the unit's module: `terraform.source` when local, else the unit's own
/// directory when it holds Terraform files. Notices say why there is none.
fn module_dir(
    session: &Session<'_>,
    config: &Config,
    dir: &Path,
    shown_dir: &Path,
) -> Option<PathBuf> {
    let has_tf = |d: &Path| session.loader.load(d).is_some();
    let Some(source) = &config.source else {
        return has_tf(shown_dir).then(|| norm_dir(shown_dir));
    };
    let not_evaluated = |why: String| {
        session.notice(
            Some(source.loc),
            format!(
                "Terragrunt unit {} was not evaluated: {why}",
                shown_dir.display()
            ),
        );
        None
    };
    let Some(text) = source.value.as_str() else {
        return not_evaluated("its terraform source could not be evaluated".into());
    };
    match local_source_dir(text, dir) {
        Ok(abs) => {
            let shown = norm_dir(&session.display(&abs));
            if has_tf(&shown) {
                Some(shown)
            } else {
                not_evaluated(format!(
                    "its source {text} has no Terraform files at {}",
                    shown.display()
                ))
            }
        }
        // Downloaded (or cached) by the resolver the Terraform options carry, if any.
        Err(RemoteSource(s)) => match session.loader.resolve_remote_source(&s, None, dir) {
            Ok(abs) if has_tf(&abs) => Some(abs),
            Ok(abs) => not_evaluated(format!(
                "its source {s} has no Terraform files at {}",
                abs.display()
            )),
            Err(why) => not_evaluated(format!("its source {s} is remote: {why}")),
        },
    }
}

/// Evaluates a resolved unit's module with its inputs and adapts it.
fn evaluate_unit(loader: &Loader<'_>, scan_root: Option<&Path>, r: Resolved) -> State {
    let mut state = State::default();
    state.parse_errors.extend(r.errors);
    state.notices.extend(r.notices);
    let Some(module_dir) = r.module_dir else {
        return state;
    };
    let (values, all_unknown) = match &r.inputs {
        Inputs::Known(m) => (
            m.iter()
                .map(|(k, v)| (k.clone(), v.value.clone()))
                .collect(),
            false,
        ),
        Inputs::Unknown(_) => (std::collections::HashMap::new(), true),
    };
    let mut ev = evaluate_root_with_inputs(
        loader,
        &module_dir,
        scan_root,
        RootInputs {
            values,
            all_unknown,
            chain: r.chain,
        },
    );
    if let Inputs::Known(inputs) = &r.inputs {
        attribute_inputs(&mut ev, inputs);
    }
    let adapted = adapt::adapt(&ev, loader.db);
    state.extend(adapted);
    state
}

/// Records, on each resource, the inputs its attributes read and the file that set them.
fn attribute_inputs(ev: &mut TfEvaluation, inputs: &indexmap::IndexMap<String, Input>) {
    if inputs.is_empty() {
        return;
    }
    for res in &mut ev.resources {
        let mut found: Vec<SetElsewhere> = Vec::new();
        let mut budget = MAX_ATTRIBUTION_NODES;
        walk_block(
            &res.body,
            &mut |read_at, loc| {
                for (name, input) in inputs {
                    if !contains(input.set_at, loc) {
                        continue;
                    }
                    let set = SetElsewhere {
                        message: format!(
                            "input \"{name}\" set by {}",
                            input.set_by.to_string_lossy().replace('\\', "/")
                        ),
                        location: input.set_at,
                        read_at,
                    };
                    if !found.contains(&set) {
                        found.push(set);
                    }
                }
            },
            &mut budget,
        );
        res.set_elsewhere.extend(found);
    }
}

fn contains(outer: Location, inner: Location) -> bool {
    outer.file == inner.file
        && outer.range.start <= inner.range.start
        && inner.range.end <= outer.range.end
}

/// Calls `f` with each attribute's location and the location of every value in it.
fn walk_block(b: &EvalBlock, f: &mut impl FnMut(Location, Location), budget: &mut usize) {
    for a in b.attrs.values() {
        walk_value(&a.value, &mut |l| f(a.loc, l), budget);
    }
    for nested in &b.blocks {
        walk_block(nested, f, budget);
    }
}

fn walk_value(v: &Dyn, f: &mut impl FnMut(Location), budget: &mut usize) {
    if *budget == 0 {
        return;
    }
    *budget -= 1;
    if let Some(l) = v.loc {
        f(l);
    }
    match &v.kind {
        DynKind::List(items) => items.iter().for_each(|i| walk_value(i, f, budget)),
        DynKind::Map(m) => m.values().for_each(|i| walk_value(i, f, budget)),
        _ => {}
    }
}
