//! From a project configuration and command-line settings to [`AnalysisOptions`]: shared by
//! the CLI and the language server, so an editor analyses a project exactly as `scan` does.

use crate::config::{self, Config, ConfigError};
use crate::runner::AnalysisOptions;
use cloudsentinel_parser::arm::ArmFrontEndOptions;
use cloudsentinel_parser::cloudformation::CloudFormationOptions;
use cloudsentinel_parser::terraform::TerraformOptions;
use cloudsentinel_parser::terraform_plan::TerraformPlanOptions;
use cloudsentinel_parser::{Exclude, LoadOptions};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Settings given besides the configuration (command-line flags); they win over it.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    /// Run only these checks (IDs or aliases); empty: the configuration's `checks.only`.
    pub only: Vec<String>,
    /// Also skip these checks.
    pub skip: Vec<String>,
    /// Run preview checks too (`--preview`); the configuration's `checks.preview` also does.
    pub preview: bool,
    /// Terraform variable files, after the configuration's.
    pub var_files: Vec<PathBuf>,
    /// Terraform variables, after the configuration's (later wins).
    pub vars: Vec<(String, String)>,
    /// 0: the default limit.
    pub max_file_size: u64,
    /// CloudFormation parameter files, in order (later wins).
    pub cfn_parameters: Vec<PathBuf>,
    /// ARM parameters files, in order (later wins).
    pub arm_parameters: Vec<PathBuf>,
    /// `--plan-config`: the root module a Terraform plan JSON was made from.
    pub plan_config: Option<PathBuf>,
    /// `--strict-suppressions`: unknown IDs and unused inline suppressions fail the scan.
    pub strict_suppressions: bool,
    /// `--workspace` (or `TF_WORKSPACE`): beats the configuration's `terraform.workspace`.
    pub workspace: Option<String>,
}

/// Finds the nearest `.cloudsentinel.yaml` at or above `start` (a file or directory) and
/// loads it.
pub fn find_config(start: &Path) -> Result<Option<Config>, ConfigError> {
    match config::find(start) {
        Some(path) => config::load(&path).map(Some),
        None => Ok(None),
    }
}

/// Merges `config` and `flags` (flags win) into analysis options; `TF_VAR_*` variables are
/// read from the environment. Fails when a var file named by the configuration is missing.
pub fn analysis_options(config: Option<&Config>, flags: &Flags) -> Result<AnalysisOptions, String> {
    let default = Config::default();
    let cfg = config.unwrap_or(&default);
    for f in &cfg.var_files {
        if !f.is_file() {
            return Err(format!(
                "{}: var file {} does not exist",
                cfg.path
                    .as_deref()
                    .unwrap_or(Path::new("configuration"))
                    .display(),
                f.display()
            ));
        }
    }
    let mut tf_vars = cfg.vars.clone();
    tf_vars.extend(flags.vars.iter().cloned());
    let mut tf_env_vars: Vec<(String, String)> = std::env::vars()
        .filter_map(|(k, v)| k.strip_prefix("TF_VAR_").map(|n| (n.to_string(), v)))
        .collect();
    tf_env_vars.sort();
    let exclude = match (cfg.base_dir(), cfg.exclude_globs()) {
        (Some(base), Some(globs)) => Some(Exclude {
            base: base.to_path_buf(),
            globs,
        }),
        _ => None,
    };
    Ok(AnalysisOptions {
        load: LoadOptions {
            max_file_size: flags.max_file_size,
            exclude,
            ..LoadOptions::default()
        }
        .with_frontend(TerraformOptions {
            var_files: cfg
                .var_files
                .iter()
                .chain(&flags.var_files)
                .cloned()
                .collect(),
            vars: tf_vars,
            env_vars: tf_env_vars,
            workspace: flags.workspace.clone().or_else(|| cfg.workspace.clone()),
        })
        .with_frontend(CloudFormationOptions {
            parameters: flags.cfn_parameters.clone(),
        })
        .with_frontend(ArmFrontEndOptions {
            parameters: flags.arm_parameters.clone(),
        })
        .with_frontend(TerraformPlanOptions {
            config_dir: flags.plan_config.clone(),
        }),
        only: if flags.only.is_empty() {
            cfg.only.clone()
        } else {
            flags.only.clone()
        },
        skip: cfg.skip.iter().chain(&flags.skip).cloned().collect(),
        preview: flags.preview || cfg.preview,
        record_passes: false,
        today: None,
        suppression: crate::suppress::SuppressionPolicy {
            strict: cfg.suppression.strict || flags.strict_suppressions,
            ..cfg.suppression
        },
        config: config.cloned().map(Arc::new),
    })
}
