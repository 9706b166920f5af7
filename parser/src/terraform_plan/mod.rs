//! Terraform plan JSON (`terraform show -json PLANFILE`, `tofu show -json`) and state JSON
//! (`terraform show -json` of a state) as an input format.
//!
//! Files are recognised by content: a JSON object with `format_version` and a plan's
//! `planned_values` / `resource_changes` / `configuration`, or a state's `values.root_module`.
//! Each resource instance becomes the same [`TfResource`](crate::terraform::ir::TfResource)
//! the HCL evaluator produces, so the Terraform adapters and every check work unchanged:
//!
//! - values known in the plan are explicit; values in `after_unknown` are Unknown, except
//!   provider-computed attributes the configuration does not write (the HCL path sees those as
//!   absent, and so does this one);
//! - sensitive values (`sensitive_values`, `after_sensitive`, sensitive variables and outputs)
//!   are Unknown to the checks and blanked in the text registered for the file, so no
//!   message, snippet or report can show them;
//! - locations point at the configuration's `.tf` files when they are beside the plan (or
//!   given with [`TerraformPlanOptions::config_dir`]), else at the plan JSON itself.

mod config;
mod document;
mod redact;

use crate::LoadOptions;
use crate::frontend::{Candidate, FrontEnd, ReadOnBehalf, UnitScope};
use cloudsentinel_model::{Location, ParseError, SourceDb, State, TextRange};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The plan front-end's own load options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TerraformPlanOptions {
    /// The directory of the root module the plan was made from (`--plan-config`). Unset: the
    /// plan file's own directory, when it holds `.tf` files.
    pub config_dir: Option<PathBuf>,
}

/// The Terraform plan / state JSON front-end: claims `.json` files whose content is the
/// output of `terraform show -json`; each file is a unit.
#[derive(Debug, Clone, Copy, Default)]
pub struct TerraformPlan;

impl FrontEnd for TerraformPlan {
    fn id(&self) -> &'static str {
        "terraform-plan"
    }

    fn name(&self) -> &'static str {
        "Terraform plan JSON"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &[".json"]
    }

    fn unit_scope(&self) -> UnitScope {
        UnitScope::File
    }

    fn claims(&self, file: &Candidate<'_>) -> bool {
        !crate::terraform::is_terraform_file(file.path) && file.text().is_some_and(looks_like_plan)
    }

    fn load(&self, files: &[PathBuf], opts: &LoadOptions, db: &SourceDb) -> State {
        let mut state = State::default();
        for f in files {
            state.extend(load_file(f, opts, db));
        }
        state.notices.sort();
        state.notices.dedup();
        let mut seen = HashSet::new();
        state
            .parse_errors
            .retain(|e| seen.insert((e.location, e.message.clone())));
        state
    }
}

/// Bytes at the start of a file searched for `format_version` (Terraform writes it first;
/// `jq` keeps the order).
const HEAD_LEN: usize = 512;

/// True when `text` is `terraform show -json` output: a JSON object whose first key is
/// `format_version`, with a plan's or a state's sections. Cheap: substring searches only.
pub fn looks_like_plan(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if !t.starts_with('{') {
        return false;
    }
    let head_end = (0..=HEAD_LEN.min(t.len()))
        .rev()
        .find(|&i| t.is_char_boundary(i))
        .unwrap_or(0);
    let head = &t[..head_end];
    // `terraform_version` follows `format_version` in every plan and state, so a truncated
    // one is still recognised (and reported as such).
    head.contains("\"format_version\"")
        && (head.contains("\"terraform_version\"")
            || [
                "\"planned_values\"",
                "\"resource_changes\"",
                "\"root_module\"",
            ]
            .iter()
            .any(|k| t.contains(k)))
}

/// Reads, parses and adapts one plan or state file; a bad file becomes a located parse
/// error, and a panic while reading one becomes an internal error for that file only.
fn load_file(path: &Path, opts: &LoadOptions, db: &SourceDb) -> State {
    let text = match crate::terraform::syntax::read_text(path, opts) {
        Ok(t) => t,
        Err(e) => {
            let file = db.add(path.to_path_buf(), e.text);
            return parse_error(file, e.offset, e.message);
        }
    };
    let root = match crate::cloudformation::syntax::parse_json(&text) {
        Ok(root) => root,
        Err(e) => {
            let file = db.add(path.to_path_buf(), redact::blank_string_values(&text));
            // A truncated plan: point where the text stops, not at the object left open.
            let offset = if e.message.starts_with("Unterminated") {
                text.len()
            } else {
                e.offset
            };
            return parse_error(
                file,
                offset,
                format!("invalid Terraform plan JSON: {}", e.message),
            );
        }
    };
    // Sensitive values are blanked in the registered text (same byte offsets): whatever
    // shows source text (snippets, fingerprints, editors) cannot reveal them.
    let shown = redact::redact(&text, &root);
    let file = db.add(path.to_path_buf(), shown);
    let plan_opts = opts.frontend::<TerraformPlanOptions>();
    let run = || {
        let configs = config::Configs::new(path, plan_opts.config_dir.as_deref(), &root, opts, db);
        let eval = document::evaluate(&root, file, &configs);
        let mut state = crate::terraform::adapt::adapt(&eval, db);
        let read = &mut state.extensions.get_mut::<ReadOnBehalf>().files;
        read.extend(configs.files_read().into_iter().map(|f| (f, file)));
        state
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(state) => state,
        Err(_) => parse_error(
            file,
            0,
            "internal error while reading this Terraform plan; its resources were not checked. Please report this as a bug".to_string(),
        ),
    }
}

fn parse_error(file: cloudsentinel_model::FileId, offset: usize, message: String) -> State {
    let mut state = State::default();
    state.parse_errors.push(ParseError {
        location: Location::new(file, TextRange::new(offset, offset)),
        message,
    });
    state
}

#[cfg(test)]
mod tests {
    use super::looks_like_plan;

    #[test]
    fn plans_and_states_are_recognised_by_content() {
        assert!(looks_like_plan(
            r#"{"format_version":"1.2","planned_values":{"root_module":{}}}"#
        ));
        assert!(looks_like_plan(
            "\u{feff}\n{\n  \"format_version\": \"1.0\",\n  \"values\": {\"root_module\": {}}}"
        ));
        assert!(!looks_like_plan(r#"{"name":"x","version":"1.0.0"}"#));
        assert!(!looks_like_plan(
            r#"{"AWSTemplateFormatVersion":"2010-09-09","Resources":{}}"#
        ));
        // Provider schemas share `format_version` but are no plan.
        assert!(!looks_like_plan(
            r#"{"format_version":"1.0","provider_schemas":{}}"#
        ));
        assert!(looks_like_plan(
            r#"{"format_version":"1.2","terraform_version":"1.11.4","variables":{"#
        ));
        assert!(!looks_like_plan("[1, 2]"));
        assert!(!looks_like_plan(""));
    }
}
