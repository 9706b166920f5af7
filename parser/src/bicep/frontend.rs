//! The Bicep front-end: claims `.bicep` files, evaluates each with the `.bicepparam` file
//! beside it that names it in `using` (else with the parameters' defaults) and adapts the
//! resources with the Azure adapters, which read Bicep's evaluation as they read ARM's.

use super::StatementKind;
use super::eval::{BicepOptions, evaluate, parameters_from_bicepparam};
use crate::LoadOptions;
use crate::frontend::{Candidate, FrontEnd, UnitScope};
use cloudsentinel_model::{Location, Notice, ParseError, SourceDb, State, TextRange};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Bicep files (`.bicep`), with their `.bicepparam` parameters files.
pub struct Bicep;

impl FrontEnd for Bicep {
    fn id(&self) -> &'static str {
        "bicep"
    }

    fn name(&self) -> &'static str {
        "Bicep"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &[".bicep"]
    }

    /// A parameters file naming a template changes its result.
    fn companion_extensions(&self) -> &'static [&'static str] {
        &[".bicepparam"]
    }

    fn unit_scope(&self) -> UnitScope {
        UnitScope::File
    }

    /// Every `.bicep` file, even one that cannot be read, so that its error is reported.
    fn claims(&self, _file: &Candidate<'_>) -> bool {
        true
    }

    fn load(&self, files: &[PathBuf], opts: &LoadOptions, db: &SourceDb) -> State {
        // Local modules must stay inside the git work tree holding the files (else their
        // common directory), like ARM's linked templates.
        let root = crate::deployment_manager::boundary(files);
        let called = called_modules(files, opts);
        let states: Vec<State> = files
            .par_iter()
            .map(|path| {
                load_one(
                    path,
                    called.contains(&clean(path)),
                    root.as_deref(),
                    opts,
                    db,
                )
            })
            .collect();
        let mut state = State::default();
        state.extend_all(states);
        // A module file is read by every file calling it: report its errors once.
        let mut seen = HashSet::new();
        state
            .parse_errors
            .retain(|e| seen.insert((e.location, e.message.clone())));
        state.notices.sort();
        state.notices.dedup();
        state
    }
}

fn clean(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    crate::deployment_manager::config::clean(&absolute)
}

/// The claimed files that another claimed file calls as a local module: they are evaluated
/// with the parameters their callers pass, not also on their own with unset parameters
/// (unless a `.bicepparam` file deploys them on their own too).
fn called_modules(files: &[PathBuf], opts: &LoadOptions) -> HashSet<PathBuf> {
    let claimed: HashSet<PathBuf> = files.iter().map(|f| clean(f)).collect();
    let mut called = HashSet::new();
    for path in files {
        let Ok(text) = crate::terraform::syntax::read_text(path, opts) else {
            continue;
        };
        let (ast, _) = super::parse(&text);
        let dir = path.parent().unwrap_or(Path::new(""));
        for stmt in &ast.statements {
            let StatementKind::Module { path: target, .. } = &stmt.kind else {
                continue;
            };
            let Some(target) = target.as_plain() else {
                continue;
            };
            let target = clean(&dir.join(target));
            // A file calling itself is still evaluated (and its loop reported).
            if target != clean(path) && claimed.contains(&target) {
                called.insert(target);
            }
        }
    }
    called
}

/// The `.bicepparam` files beside `template` whose `using` names it, sorted.
fn parameter_files(template: &Path, opts: &LoadOptions) -> Vec<PathBuf> {
    let Some(dir) = template.parent() else {
        return Vec::new();
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if !path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("bicepparam"))
        {
            continue;
        }
        let Ok(text) = crate::terraform::syntax::read_text(&path, opts) else {
            continue;
        };
        let (ast, _) = super::parse(&text);
        let names_template = ast.statements.iter().any(|s| match &s.kind {
            StatementKind::Using {
                path: Some(using), ..
            } => using
                .as_plain()
                .is_some_and(|u| clean(&dir.join(u)) == clean(template)),
            _ => false,
        });
        if names_template {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn load_one(
    path: &Path,
    called_by_another: bool,
    root: Option<&Path>,
    opts: &LoadOptions,
    db: &SourceDb,
) -> State {
    let mut state = State::default();
    let text = match crate::terraform::syntax::read_text(path, opts) {
        Ok(t) => t,
        Err(e) => {
            let file = db.add(path.to_path_buf(), e.text);
            state.parse_errors.push(ParseError {
                location: Location::new(file, TextRange::new(e.offset, e.offset)),
                message: e.message,
            });
            return state;
        }
    };
    let file = db.add(path.to_path_buf(), text.clone());
    let param_files = parameter_files(path, opts);
    // A parameters file naming it says it is also deployed on its own.
    if called_by_another && param_files.is_empty() {
        // Evaluated from its callers; its syntax errors are reported here too, in case no
        // caller reaches it (a false condition).
        let (_, errors) = super::parse(&text);
        state
            .parse_errors
            .extend(errors.into_iter().map(|e| ParseError {
                location: Location::new(file, e.span),
                message: e.message,
            }));
        return state;
    }
    let mut options = BicepOptions {
        root: root.map(Path::to_path_buf),
        ..BicepOptions::default()
    };
    if let Some(first) = param_files.first() {
        match crate::terraform::syntax::read_text(first, opts) {
            Ok(ptext) => {
                let pfile = db.add(first.clone(), ptext);
                let (values, errors) = parameters_from_bicepparam(db, pfile);
                options.parameters = values;
                options.parameters_complete = true;
                state.parse_errors.extend(errors);
            }
            Err(e) => {
                let pfile = db.add(first.clone(), e.text);
                state.parse_errors.push(ParseError {
                    location: Location::new(pfile, TextRange::new(e.offset, e.offset)),
                    message: e.message,
                });
            }
        }
        if param_files.len() > 1 {
            state.notices.push(Notice {
                location: Some(Location::new(file, TextRange::default())),
                message: format!(
                    "{} parameters files name this template; only {} is evaluated",
                    param_files.len(),
                    first.display()
                ),
            });
        }
    }
    match crate::cloudformation::isolate(file, || {
        let deployment = evaluate(db, file, &options);
        crate::arm::adapt::adapt(&deployment)
    }) {
        Ok(s) => state.extend(s),
        Err(e) => state.parse_errors.push(e),
    }
    state
}
