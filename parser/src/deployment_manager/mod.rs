//! Google Cloud Deployment Manager: YAML configs, the Jinja templates they import (rendered
//! in a sandbox with `properties`, `env` and `imports`), `$(ref.…)` references, and adapters
//! into the shared model. Python templates are never executed: each call is a notice.
//!
//! Entry points: [`load`] (files → [`State`]) and [`evaluate`] (files → one
//! [`DmEvaluation`] per config).
//!
//! Configs are found by content (see [`config::looks_like_config`]); each config is a unit
//! with the templates it imports. Templates and schemas are companions: they are read when a
//! config imports them, and only from inside the scanned tree.

pub mod adapt;
pub mod config;
pub mod eval;
pub mod render;

use crate::LoadOptions;
use crate::frontend::{Candidate, FrontEnd, UnitScope};
use cloudsentinel_model::{FileId, Location, ParseError, SourceDb, State, TextRange};
pub use eval::{DmEvaluation, DmResource};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Stack of the threads evaluating configs (rendering recurses through macros and nested
/// templates, bounded by their limits; debug builds use large frames).
const EVAL_STACK_SIZE: usize = 32 * 1024 * 1024;

/// The Deployment Manager front-end: claims YAML files whose content is a config.
#[derive(Debug, Clone, Copy, Default)]
pub struct DeploymentManager;

impl FrontEnd for DeploymentManager {
    fn id(&self) -> &'static str {
        "deployment-manager"
    }

    fn name(&self) -> &'static str {
        "Deployment Manager"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &[".yaml", ".yml"]
    }

    /// Templates and their schemas change a config's result. Python templates do not: they
    /// are never evaluated.
    fn companion_extensions(&self) -> &'static [&'static str] {
        &[".jinja", ".schema"]
    }

    fn unit_scope(&self) -> UnitScope {
        UnitScope::File
    }

    fn claims(&self, file: &Candidate<'_>) -> bool {
        file.text().is_some_and(config::looks_like_config)
    }

    fn load(&self, files: &[PathBuf], opts: &LoadOptions, db: &SourceDb) -> State {
        load(files, opts, db)
    }
}

/// Loads every config among `files` and adapts it.
pub fn load(files: &[PathBuf], opts: &LoadOptions, db: &SourceDb) -> State {
    let mut state = State::default();
    for ev in evaluate(files, opts, db) {
        let file = ev.config.unwrap_or(FileId(0));
        state.parse_errors.extend(ev.parse_errors.iter().cloned());
        state.notices.extend(ev.notices.iter().cloned());
        match crate::cloudformation::isolate(file, || adapt::adapt(&ev)) {
            Ok(s) => state.extend(s),
            Err(e) => state.parse_errors.push(e),
        }
    }
    state.notices.sort();
    state.notices.dedup();
    state
}

/// Evaluates every config among `files`, in parallel, in path order.
pub fn evaluate(files: &[PathBuf], opts: &LoadOptions, db: &SourceDb) -> Vec<DmEvaluation> {
    let files_read = eval::Files::new(opts, db, boundary(files));
    let work = || {
        files
            .par_iter()
            .map(|path| {
                let path = config::clean(path);
                evaluate_one(&files_read, &path)
            })
            .collect::<Vec<_>>()
    };
    let mut out = match rayon::ThreadPoolBuilder::new()
        .num_threads(rayon::current_num_threads())
        .stack_size(EVAL_STACK_SIZE)
        .build()
    {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    };
    out.retain(|ev| ev.config.is_some());
    out
}

/// Reads, parses and evaluates one config; a panic becomes a parse error of the file.
fn evaluate_one(files: &eval::Files<'_>, path: &Path) -> DmEvaluation {
    let text = match crate::terraform::syntax::read_text(path, files.opts) {
        Ok(t) => t,
        Err(e) => {
            let file = files.db.add(path.to_path_buf(), e.text);
            return DmEvaluation {
                config: Some(file),
                parse_errors: vec![ParseError {
                    location: Location::new(file, TextRange::new(e.offset, e.offset)),
                    message: e.message,
                }],
                ..DmEvaluation::default()
            };
        }
    };
    let file = files.db.add(path.to_path_buf(), text.clone());
    let root = match crate::cloudformation::syntax::parse_yaml(&text) {
        Ok(root) => root,
        Err(e) => {
            return DmEvaluation {
                config: Some(file),
                parse_errors: vec![ParseError {
                    location: Location::new(file, TextRange::new(e.offset, e.offset)),
                    message: format!("not valid YAML: {}", e.message),
                }],
                ..DmEvaluation::default()
            };
        }
    };
    match crate::cloudformation::isolate(file, || eval::evaluate(files, path, file, &root)) {
        Ok(ev) => ev,
        Err(e) => DmEvaluation {
            config: Some(file),
            parse_errors: vec![e],
            ..DmEvaluation::default()
        },
    }
}

/// The directory imports must stay in: the git work tree holding the configs, else their
/// common directory. Templates outside it (`../../../home/me/.ssh/…`) are never read.
pub(crate) fn boundary(files: &[PathBuf]) -> Option<PathBuf> {
    let mut common: Option<PathBuf> = None;
    for f in files {
        let dir = std::fs::canonicalize(f)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .or_else(|| {
                std::path::absolute(f)
                    .ok()
                    .and_then(|p| p.parent().map(Path::to_path_buf))
            })?;
        common = Some(match common {
            None => dir,
            Some(c) => c
                .ancestors()
                .find(|a| dir.starts_with(a))
                .map_or_else(PathBuf::new, Path::to_path_buf),
        });
    }
    let common = common?;
    let work_tree = common
        .ancestors()
        .find(|a| a.join(".git").exists())
        .map(Path::to_path_buf);
    Some(work_tree.unwrap_or(common))
}
