//! The seam for module sources that are neither local paths nor installed by `terraform
//! init` (`.terraform/modules`): registry, git and HTTP sources. The parser does no network
//! I/O; a [`ModuleResolver`] set on the load options (the `cloudsentinel-fetch` crate's, in
//! the CLI and the language server) maps such a call to a local directory, or says why not.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A module call whose source is remote.
#[derive(Debug, Clone, Copy)]
pub struct RemoteCall<'a> {
    /// The `source` as written (`terraform-aws-modules/s3-bucket/aws`, `git::https://…`).
    pub source: &'a str,
    /// The `version` constraint, when written as a literal string.
    pub version: Option<&'a str>,
    /// The directory of the calling module.
    pub caller_dir: &'a Path,
}

/// Maps remote module calls to local directories.
pub trait ModuleResolver: Send + Sync + std::fmt::Debug {
    /// The directory holding the module, or why it is not available (a sentence that
    /// completes "module NAME (source S) was not evaluated: …").
    fn resolve(&self, call: &RemoteCall<'_>) -> Result<PathBuf, String>;
}

/// Terraform front-end option: the resolver for remote module sources. Without one, such
/// calls are resolved through `.terraform/modules` only.
#[derive(Debug, Clone, Default)]
pub struct RemoteModules {
    pub resolver: Option<Arc<dyn ModuleResolver>>,
}

/// What an unresolved remote call reports when no resolver is set.
pub const NOT_DOWNLOADED: &str = "not downloaded; run terraform init";
