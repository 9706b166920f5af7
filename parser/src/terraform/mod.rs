//! Terraform: HCL and JSON syntax with spans, module evaluation, adapters into the model.

pub mod adapt;
pub mod eval;
pub mod functions;
pub mod ir;
pub mod module;
mod recover;
pub mod remote;
pub mod syntax;

use crate::LoadOptions;
use crate::frontend::{Candidate, FrontEnd, UnitScope};
use cloudsentinel_model::{SourceDb, State};
use ir::TfEvaluation;
use module::Loader;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Stack of the threads evaluating root modules: evaluation recurses (bounded by
/// [`eval::MAX_EVAL_DEPTH`]) and debug builds use large frames.
const EVAL_STACK_SIZE: usize = 64 * 1024 * 1024;

/// Terraform's own load options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TerraformOptions {
    /// `--var-file` files, in order (later wins).
    pub var_files: Vec<PathBuf>,
    /// `--var name=value`, in order (later wins; beats var files).
    pub vars: Vec<(String, String)>,
    /// `TF_VAR_*` environment variables (name without the prefix, value).
    pub env_vars: Vec<(String, String)>,
    /// `terraform.workspace` (`--workspace`, `TF_WORKSPACE`); `None`: the workspace a root's
    /// `.terraform/environment` selects, else `default`.
    pub workspace: Option<String>,
}

/// The Terraform front-end (OpenTofu too): claims `.tf`, `.tf.json`, `.tofu` and `.tofu.json`
/// files by name; each directory is a module, evaluated with the local modules it calls.
#[derive(Debug, Clone, Copy, Default)]
pub struct Terraform;

impl FrontEnd for Terraform {
    fn id(&self) -> &'static str {
        "terraform"
    }

    fn name(&self) -> &'static str {
        "Terraform"
    }

    fn extensions(&self) -> &'static [&'static str] {
        // Terragrunt's configuration has a fixed file name; its units are Terraform modules.
        &[
            ".tf",
            ".tf.json",
            ".tofu",
            ".tofu.json",
            crate::terragrunt::CONFIG_FILE_NAME,
        ]
    }

    fn companion_extensions(&self) -> &'static [&'static str] {
        &[".tfvars", ".tfvars.json"]
    }

    fn unit_scope(&self) -> UnitScope {
        UnitScope::Directory
    }

    fn claims(&self, file: &Candidate<'_>) -> bool {
        is_terraform_file(file.path) || crate::terragrunt::is_terragrunt_file(file.path)
    }

    fn load(&self, files: &[PathBuf], opts: &LoadOptions, db: &SourceDb) -> State {
        let (units, tf): (Vec<PathBuf>, Vec<PathBuf>) = files
            .iter()
            .cloned()
            .partition(|f| crate::terragrunt::is_terragrunt_file(f));
        let dirs = modules(&tf);
        if units.is_empty() {
            return load_terraform(&dirs, opts, db);
        }
        // A module directory a Terragrunt unit uses is evaluated with the unit's inputs,
        // not a second time as a root module with its variables unset.
        let terragrunt = crate::terragrunt::load_units(&units, opts, db);
        let mut state = load_terraform_skipping(&dirs, &terragrunt.module_dirs, opts, db);
        state.extend(terragrunt.state);
        dedup_state(&mut state);
        state
    }
}

/// A Terraform or OpenTofu source file (`.tf`, `.tf.json`, `.tofu`, `.tofu.json`), by name.
// Terraform matches file suffixes case-sensitively (`main.TF` is not read).
#[allow(clippy::case_sensitive_file_extension_comparisons)]
pub fn is_terraform_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    module::config_file_stem(name).is_some()
}

/// Terraform files grouped by directory (each directory is one module), sorted.
pub fn modules(files: &[PathBuf]) -> BTreeMap<PathBuf, Vec<PathBuf>> {
    let mut dirs: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for f in files {
        let dir = f.parent().map(Path::to_path_buf).unwrap_or_default();
        dirs.entry(dir).or_default().push(f.clone());
    }
    for files in dirs.values_mut() {
        files.sort();
        files.dedup();
    }
    dirs
}

/// Evaluates every root module among `dirs` and adapts the result into the model.
pub fn load_terraform(
    dirs: &BTreeMap<PathBuf, Vec<PathBuf>>,
    opts: &LoadOptions,
    db: &SourceDb,
) -> State {
    load_terraform_skipping(dirs, &HashSet::new(), opts, db)
}

/// [`load_terraform`] with the directories in `skip` (normalised) evaluated only when
/// another root calls them, never as roots of their own.
pub fn load_terraform_skipping(
    dirs: &BTreeMap<PathBuf, Vec<PathBuf>>,
    skip: &HashSet<PathBuf>,
    opts: &LoadOptions,
    db: &SourceDb,
) -> State {
    // Each evaluation is adapted as soon as it is done and then dropped: only the (much
    // smaller) model outlives it, which keeps peak memory proportional to one module.
    let adapted = evaluate_each_skipping(dirs, skip, opts, db, |ev| {
        isolate(|| adapt::adapt(&ev, db)).unwrap_or_else(|msg| {
            let mut s = State::default();
            s.parse_errors.extend(ev.parse_errors.iter().cloned());
            s.notices.extend(ev.notices.iter().cloned());
            if let Some(location) = first_location(&ev) {
                s.parse_errors
                    .push(internal_error(location, "adapting", &msg));
            }
            s
        })
    });
    let mut state = State::default();
    state.extend_all(adapted);
    dedup_state(&mut state);
    state
}

/// Evaluates the root modules among `dirs` (in parallel): one [`TfEvaluation`] per root,
/// in path order. Directories that only serve as local modules of another discovered
/// directory are evaluated through their callers. Parse errors of files no root reached
/// come last, in an evaluation of their own.
pub fn evaluate(
    dirs: &BTreeMap<PathBuf, Vec<PathBuf>>,
    opts: &LoadOptions,
    db: &SourceDb,
) -> Vec<TfEvaluation> {
    evaluate_each(dirs, opts, db, |ev| ev)
}

/// Like [`evaluate`], handing each evaluation to `f` on the thread that made it.
pub fn evaluate_each<T: Send>(
    dirs: &BTreeMap<PathBuf, Vec<PathBuf>>,
    opts: &LoadOptions,
    db: &SourceDb,
    f: impl Fn(TfEvaluation) -> T + Sync,
) -> Vec<T> {
    evaluate_each_skipping(dirs, &HashSet::new(), opts, db, f)
}

/// [`evaluate_each`] with the root directories in `skip` left out.
fn evaluate_each_skipping<T: Send>(
    dirs: &BTreeMap<PathBuf, Vec<PathBuf>>,
    skip: &HashSet<PathBuf>,
    opts: &LoadOptions,
    db: &SourceDb,
    f: impl Fn(TfEvaluation) -> T + Sync,
) -> Vec<T> {
    let loader = Loader::new(dirs, opts, db);
    let scan_root = scan_root(dirs.keys());
    let work = || {
        let listed = loader.listed_dirs();
        // Parse every directory in parallel for the call graph only; the syntax is parsed
        // again, root by root, when evaluated, and dropped when no root needs it any more.
        listed.par_iter().for_each(|d| {
            loader.summary(d);
        });
        let mut roots = loader.roots();
        roots.retain(|r| !skip.contains(r));
        // Parse errors of every module, recorded before modules are evicted below.
        let all_parse_errors: Vec<cloudsentinel_model::ParseError> = listed
            .iter()
            .filter_map(|d| loader.summary(d))
            .flat_map(|s| s.parse_errors.clone())
            .collect();
        // How many roots still need each module: when none does, its syntax is dropped, so
        // memory holds the model plus only the modules still to evaluate.
        let reach: Vec<Vec<PathBuf>> = roots.iter().map(|r| loader.static_reach(r)).collect();
        let mut users: HashMap<PathBuf, usize> = HashMap::new();
        for dirs in &reach {
            for d in dirs {
                *users.entry(d.clone()).or_default() += 1;
            }
        }
        let users: HashMap<PathBuf, AtomicUsize> = users
            .into_iter()
            .map(|(d, n)| (d, AtomicUsize::new(n)))
            .collect();
        let done: Vec<(Vec<cloudsentinel_model::Location>, T)> = roots
            .par_iter()
            .zip(reach.par_iter())
            .map(|(r, reached)| {
                let ev = isolate(|| eval::evaluate_root(&loader, r, scan_root.as_deref()))
                    .unwrap_or_else(|msg| {
                        // A bug in the evaluator loses this module only: every file of it
                        // gets an internal-error finding, other modules are unaffected.
                        let mut ev = TfEvaluation::default();
                        if let Some(m) = loader.load(r) {
                            ev.parse_errors.extend(m.parse_errors.iter().cloned());
                            if let Some(&file) = m.files.first() {
                                let location = cloudsentinel_model::Location {
                                    file,
                                    range: cloudsentinel_model::TextRange::default(),
                                };
                                ev.parse_errors
                                    .push(internal_error(location, "evaluating", &msg));
                            }
                        }
                        ev
                    });
                let reported = ev.parse_errors.iter().map(|p| p.location).collect();
                let out = f(ev);
                for d in reached {
                    if users
                        .get(d)
                        .is_some_and(|n| n.fetch_sub(1, Ordering::AcqRel) == 1)
                    {
                        loader.evict(d);
                    }
                }
                (reported, out)
            })
            .collect();
        // Files of directories never evaluated (a module only called with count = 0)
        // still report their syntax errors.
        let reported: HashSet<_> = done.iter().flat_map(|(r, _)| r.iter().copied()).collect();
        let mut out: Vec<T> = done.into_iter().map(|(_, t)| t).collect();
        let mut rest = TfEvaluation::default();
        for e in all_parse_errors {
            if !reported.contains(&e.location) {
                rest.parse_errors.push(e);
            }
        }
        if !rest.parse_errors.is_empty() {
            out.push(f(rest));
        }
        out
    };
    match eval_pool() {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// One pool of big-stack threads for the whole process: the language server and the
/// pre-commit hook evaluate many times, and spawning threads each time costs more than a
/// small module's evaluation.
pub(crate) fn eval_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(rayon::current_num_threads())
            .stack_size(EVAL_STACK_SIZE)
            .thread_name(|i| format!("cloudsentinel-eval-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// Runs `f`, turning a panic into its message.
pub(crate) fn isolate<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|p| {
        p.downcast_ref::<&str>()
            .map(std::string::ToString::to_string)
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string())
    })
}

pub(crate) fn internal_error(
    location: cloudsentinel_model::Location,
    stage: &str,
    msg: &str,
) -> cloudsentinel_model::ParseError {
    cloudsentinel_model::ParseError {
        location,
        message: format!(
            "internal error while {stage} this module ({msg}); its resources were not checked. Please report this as a bug"
        ),
    }
}

/// Some location in an evaluation, to hang an internal error on.
fn first_location(ev: &TfEvaluation) -> Option<cloudsentinel_model::Location> {
    ev.resources
        .iter()
        .map(|r| r.body.loc)
        .chain(ev.parse_errors.iter().map(|e| e.location))
        .next()
}

/// The deepest directory containing every scanned directory: file reads by functions are
/// confined to it.
pub(crate) fn scan_root<'a>(dirs: impl Iterator<Item = &'a PathBuf>) -> Option<PathBuf> {
    let mut root: Option<PathBuf> = None;
    for d in dirs {
        let Ok(c) = std::fs::canonicalize(if d.as_os_str().is_empty() {
            Path::new(".")
        } else {
            d
        }) else {
            continue;
        };
        root = Some(match root {
            None => c,
            Some(r) => {
                let common: PathBuf = r
                    .components()
                    .zip(c.components())
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| a)
                    .collect();
                common
            }
        });
    }
    root
}

/// Drops repeated notices and parse errors (a module shared by several roots).
pub(crate) fn dedup_state(state: &mut State) {
    state.notices.sort();
    state.notices.dedup();
    let mut seen = HashSet::new();
    state
        .parse_errors
        .retain(|e| seen.insert((e.location, e.message.clone())));
}

#[cfg(test)]
mod tests {
    use super::isolate;

    #[test]
    fn isolate_turns_panics_into_messages() {
        assert_eq!(isolate(|| 7), Ok(7));
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let r: Result<(), String> = isolate(|| panic!("boom {}", 1));
        let s: Result<(), String> = isolate(|| panic!("static"));
        std::panic::set_hook(hook);
        assert_eq!(r, Err("boom 1".to_string()));
        assert_eq!(s, Err("static".to_string()));
    }
}
