//! The ARM template front-end: claims JSON files whose root `$schema` is a deployment
//! template, pairs each with its parameters file, evaluates it and adapts the resources.

use super::{ArmOptions, evaluate_template, is_arm_template, parameters_from_file};
use crate::LoadOptions;
use crate::frontend::{Candidate, FrontEnd, UnitScope};
use cloudsentinel_model::{Location, ParseError, SourceDb, State, TextRange};
use indexmap::IndexMap;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Options of the ARM front-end.
#[derive(Debug, Clone, Default)]
pub struct ArmFrontEndOptions {
    /// Parameters files (`--arm-parameters`), applied to every template, later files winning;
    /// they replace the `<template>.parameters.json` found beside a template.
    pub parameters: Vec<PathBuf>,
}

/// Azure Resource Manager templates (and the compiled output of Bicep).
pub struct Arm;

impl FrontEnd for Arm {
    fn id(&self) -> &'static str {
        "arm"
    }

    fn name(&self) -> &'static str {
        "ARM template"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &[".json", ".jsonc"]
    }

    /// A parameters file beside a template changes its result.
    fn companion_extensions(&self) -> &'static [&'static str] {
        &[".parameters.json"]
    }

    fn unit_scope(&self) -> UnitScope {
        UnitScope::File
    }

    fn claims(&self, file: &Candidate<'_>) -> bool {
        !crate::terraform::is_terraform_file(file.path)
            && file
                .text()
                .is_some_and(|t| is_arm_template(t) || looks_broken(t))
    }

    fn load(&self, files: &[PathBuf], opts: &LoadOptions, db: &SourceDb) -> State {
        let arm = opts.frontend::<ArmFrontEndOptions>();
        let mut given = IndexMap::new();
        let mut errors = Vec::new();
        for p in &arm.parameters {
            match read_parameters(p, opts, db) {
                Ok(values) => given.extend(values),
                Err(e) => errors.push(e),
            }
        }
        // Linked templates must stay inside the git work tree holding the templates (else
        // their common directory), like Deployment Manager's imports.
        let root = crate::deployment_manager::boundary(files);
        let states: Vec<State> = files
            .par_iter()
            .map(|path| {
                load_one(
                    path,
                    &given,
                    !arm.parameters.is_empty(),
                    root.as_deref(),
                    opts,
                    db,
                )
            })
            .collect();
        let mut state = State::default();
        state.extend_all(states);
        state.parse_errors.extend(errors);
        state.notices.sort();
        state.notices.dedup();
        state
    }
}

/// A file that names a deployment-template schema but is no valid JSON: claimed so that its
/// error is reported, never skipped silently.
fn looks_broken(text: &str) -> bool {
    let lower = text
        .get(..4096.min(text.len()))
        .unwrap_or(text)
        .to_ascii_lowercase();
    lower.contains("schema.management.azure.com/schemas/")
        && lower.contains("deploymenttemplate.json")
        && crate::cloudformation::syntax::parse_json(text).is_err()
}

/// The parameters file paired with `template` by convention: `<stem>.parameters.json`
/// beside it (`azuredeploy.json` → `azuredeploy.parameters.json`).
pub fn paired_parameters(template: &Path) -> Option<PathBuf> {
    let name = template.file_name()?.to_str()?;
    let stem = name
        .strip_suffix(".json")
        .or_else(|| name.strip_suffix(".jsonc"))?;
    let candidate = template.with_file_name(format!("{stem}.parameters.json"));
    candidate.is_file().then_some(candidate)
}

fn read_parameters(
    path: &Path,
    opts: &LoadOptions,
    db: &SourceDb,
) -> Result<IndexMap<String, crate::dynvalue::Dyn>, ParseError> {
    let text = crate::terraform::syntax::read_text(path, opts).map_err(|e| {
        let file = db.add(path.to_path_buf(), e.text);
        ParseError {
            location: Location::new(file, TextRange::new(e.offset, e.offset)),
            message: e.message,
        }
    })?;
    let file = db.add(path.to_path_buf(), text.clone());
    parameters_from_file(file, &text)
}

fn load_one(
    path: &Path,
    given: &IndexMap<String, crate::dynvalue::Dyn>,
    use_given: bool,
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
    let file = db.add(path.to_path_buf(), text);
    let mut parameters = IndexMap::new();
    if use_given {
        parameters.clone_from(given);
    } else if let Some(paired) = paired_parameters(path) {
        match read_parameters(&paired, opts, db) {
            Ok(values) => parameters = values,
            Err(e) => state.parse_errors.push(e),
        }
    }
    let options = ArmOptions {
        parameters,
        root: root.map(Path::to_path_buf),
        max_steps: 0,
    };
    match crate::cloudformation::isolate(file, || {
        let deployment = evaluate_template(db, file, &options);
        super::adapt::adapt(&deployment)
    }) {
        Ok(s) => state.extend(s),
        Err(e) => state.parse_errors.push(e),
    }
    state
}
