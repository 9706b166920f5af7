//! Terraform: HCL and JSON syntax with spans, module evaluation, adapters into the model.

pub mod adapt;
pub mod eval;
pub mod functions;
pub mod ir;
pub mod module;
pub mod syntax;

use crate::LoadOptions;
use cloudsentinel_model::{SourceDb, State};
use ir::TfEvaluation;
use module::Loader;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// Stack of the threads evaluating root modules: evaluation recurses (bounded by
/// [`eval::MAX_EVAL_DEPTH`]) and debug builds use large frames.
const EVAL_STACK_SIZE: usize = 64 * 1024 * 1024;

/// Evaluates every root module among `dirs` and adapts the result into the model.
pub fn load_terraform(
    dirs: &BTreeMap<PathBuf, Vec<PathBuf>>,
    opts: &LoadOptions,
    db: &SourceDb,
) -> State {
    let evaluations = evaluate(dirs, opts, db);
    let mut state = State::default();
    for ev in evaluations {
        state.extend(adapt::adapt(&ev, db));
    }
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
    let loader = Loader::new(dirs, opts, db);
    let scan_root = scan_root(dirs.keys());
    let work = || {
        let listed = loader.listed_dirs();
        listed.par_iter().for_each(|d| {
            loader.load(d);
        });
        let roots = loader.roots();
        let mut out: Vec<TfEvaluation> = roots
            .par_iter()
            .map(|r| eval::evaluate_root(&loader, r, scan_root.as_deref()))
            .collect();
        // Files of directories never evaluated (a module only called with count = 0)
        // still report their syntax errors.
        let reported: HashSet<_> = out
            .iter()
            .flat_map(|e| e.parse_errors.iter().map(|p| p.location))
            .collect();
        let mut rest = TfEvaluation::default();
        for m in loader.loaded() {
            for e in &m.parse_errors {
                if !reported.contains(&e.location) {
                    rest.parse_errors.push(e.clone());
                }
            }
        }
        if !rest.parse_errors.is_empty() {
            out.push(rest);
        }
        out
    };
    match rayon::ThreadPoolBuilder::new()
        .num_threads(rayon::current_num_threads())
        .stack_size(EVAL_STACK_SIZE)
        .build()
    {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// The deepest directory containing every scanned directory: file reads by functions are
/// confined to it.
fn scan_root<'a>(dirs: impl Iterator<Item = &'a PathBuf>) -> Option<PathBuf> {
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
fn dedup_state(state: &mut State) {
    state.notices.sort();
    state.notices.dedup();
    let mut seen = HashSet::new();
    state
        .parse_errors
        .retain(|e| seen.insert((e.location, e.message.clone())));
}
