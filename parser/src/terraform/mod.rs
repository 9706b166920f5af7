//! Terraform: HCL and JSON syntax with spans, module evaluation, adapters into the model.

pub mod ir;

use crate::LoadOptions;
use cloudsentinel_model::{SourceDb, State};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Evaluates every root module among `dirs` and adapts the result into the model.
pub fn load_terraform(
    dirs: &BTreeMap<PathBuf, Vec<PathBuf>>,
    _opts: &LoadOptions,
    _db: &SourceDb,
) -> State {
    let _ = dirs;
    State::default()
}
