//! Front-ends: each format is parsed with spans, evaluated, and adapted into the shared
//! [`cloudsentinel_model::State`].

mod adapt_common;
pub mod cloudformation;
pub mod discover;
pub mod dynvalue;
mod policy;
mod secrets;
pub mod terraform;

pub use policy::document_from_json as policy_document_from_json;

use cloudsentinel_model::{SourceDb, State};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Files larger than this are reported instead of parsed.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// Options shared by every front-end.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Terraform `--var-file` files, in order (later wins).
    pub tf_var_files: Vec<PathBuf>,
    /// Terraform `--var name=value`, in order (later wins; beats var files).
    pub tf_vars: Vec<(String, String)>,
    /// `TF_VAR_*` environment variables (name without the prefix, value).
    pub tf_env_vars: Vec<(String, String)>,
    /// CloudFormation parameter files (`--cfn-parameters`), in order (later wins): the
    /// `[{"ParameterKey": …, "ParameterValue": …}]` JSON of the AWS CLI, a
    /// `{"Parameters": {…}}` or plain JSON object, or `Key=Value` lines.
    pub cfn_parameters: Vec<PathBuf>,
    /// Unsaved editor buffers that replace the files on disk.
    pub overlays: Arc<HashMap<PathBuf, String>>,
    /// Files larger than this become a located error instead of being parsed (0: default).
    pub max_file_size: u64,
    /// Paths never scanned (the configuration's `exclude`).
    pub exclude: Option<Exclude>,
}

/// Glob patterns, relative to `base`, of paths a scan skips.
#[derive(Debug, Clone)]
pub struct Exclude {
    /// Absolute directory the patterns are relative to.
    pub base: PathBuf,
    pub globs: Arc<globset::GlobSet>,
}

impl Exclude {
    /// True when `path` (relative to the working directory, or absolute) is excluded.
    pub fn matches(&self, path: &std::path::Path) -> bool {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let abs = discover::normalize(&abs);
        abs.strip_prefix(&self.base)
            .is_ok_and(|rel| !rel.as_os_str().is_empty() && self.globs.is_match(rel))
    }
}

impl LoadOptions {
    pub fn max_file_size(&self) -> u64 {
        if self.max_file_size == 0 {
            DEFAULT_MAX_FILE_SIZE
        } else {
            self.max_file_size
        }
    }
}

/// Loads every supported source under `paths` into one [`State`]. Files are registered in
/// `db`; nothing here stops on a bad file: it becomes a parse error in the state.
pub fn load(paths: &[PathBuf], opts: &LoadOptions, db: &SourceDb) -> State {
    let found = discover::discover(paths, opts);
    let mut state = State::default();
    state
        .notices
        .extend(found.notices.iter().map(|n| cloudsentinel_model::Notice {
            location: None,
            message: n.clone(),
        }));
    state.extend(terraform::load_terraform(&found.terraform_dirs, opts, db));
    state.extend(cloudformation::load(&found.cfn_candidates, opts, db));
    state.extend(discover::read_errors_into_state(&found, db));
    state
}
