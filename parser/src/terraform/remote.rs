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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LoadOptions;
    use std::sync::Mutex;

    /// Serves `acme/bucket/aws` from `dir` and records what it was asked.
    #[derive(Debug)]
    struct Fixed {
        dir: PathBuf,
        asked: Mutex<Vec<(String, Option<String>)>>,
    }

    impl ModuleResolver for Fixed {
        fn resolve(&self, call: &RemoteCall<'_>) -> Result<PathBuf, String> {
            self.asked
                .lock()
                .expect("lock")
                .push((call.source.to_string(), call.version.map(str::to_string)));
            if call.source == "acme/bucket/aws" {
                Ok(self.dir.clone())
            } else {
                Err("not available here".to_string())
            }
        }
    }

    #[test]
    fn remote_calls_go_to_the_resolver_and_its_answer_is_evaluated() {
        let root = tempfile::tempdir().expect("tempdir");
        let module = root.path().join("downloaded");
        std::fs::create_dir_all(&module).expect("mkdir");
        std::fs::write(
            module.join("main.tf"),
            "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"remote\"\n}\n",
        )
        .expect("write");
        let project = root.path().join("project");
        std::fs::create_dir_all(&project).expect("mkdir");
        std::fs::write(
            project.join("main.tf"),
            "module \"b\" {\n  source  = \"acme/bucket/aws\"\n  version = \"~> 1.0\"\n}\nmodule \"other\" {\n  source = \"acme/other/aws\"\n}\nmodule \"local\" {\n  source = \"./nowhere\"\n}\n",
        )
        .expect("write");
        let resolver = Arc::new(Fixed {
            dir: module.clone(),
            asked: Mutex::default(),
        });
        let opts = LoadOptions::default().with_frontend(RemoteModules {
            resolver: Some(resolver.clone()),
        });
        let db = cloudsentinel_model::SourceDb::new();
        let dirs = crate::terraform::modules(&[project.join("main.tf")]);
        let evals = crate::terraform::evaluate(&dirs, &opts, &db);
        let addresses: Vec<String> = evals
            .iter()
            .flat_map(|e| {
                e.resources
                    .iter()
                    .map(|r| format!("{}{}", r.module_prefix, r.address))
            })
            .collect();
        assert!(
            addresses.iter().any(|a| a == "module.b.aws_s3_bucket.b"),
            "{addresses:?}"
        );
        let notices: Vec<String> = evals
            .iter()
            .flat_map(|e| e.notices.iter().map(|n| n.message.clone()))
            .collect();
        assert!(
            notices.contains(
                &"module other (source acme/other/aws) was not evaluated: not available here"
                    .to_string()
            ),
            "{notices:?}"
        );
        let mut asked = resolver.asked.lock().expect("lock").clone();
        asked.sort();
        assert_eq!(
            asked,
            [
                ("acme/bucket/aws".to_string(), Some("~> 1.0".to_string())),
                ("acme/other/aws".to_string(), None),
            ],
            "local sources never reach the resolver"
        );
    }
}
