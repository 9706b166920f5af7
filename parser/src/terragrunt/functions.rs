//! Terragrunt's functions, added to Terraform's for expressions in Terragrunt files.
//!
//! Nothing is executed and nothing is asked of a network or of the environment: functions
//! that would (`run_cmd`, `sops_decrypt_file`, `get_aws_account_id`, …) are Unknown, and
//! `get_env` gives its default (Unknown without one), so a scan's result does not depend on
//! the machine it runs on.

use super::config::{Dirs, Session};
use crate::dynvalue::Dyn;
use crate::terraform::eval::embed::ExtraFunctions;
use crate::terraform::module::norm_dir;
use crate::terraform::syntax::Loc;
use std::path::{Component, Path, PathBuf};

/// Most parent folders `find_in_parent_folders` looks at (Terragrunt's default).
const MAX_FOLDERS_TO_CHECK: usize = 100;

/// The commands Terragrunt's `get_terraform_commands_that_need_*` functions list.
const NEED_VARS: &[&str] = &[
    "apply", "console", "destroy", "import", "plan", "push", "refresh",
];
const NEED_INPUT: &[&str] = &["apply", "import", "init", "plan", "refresh"];
const NEED_LOCKING: &[&str] = &[
    "apply", "destroy", "import", "init", "plan", "refresh", "taint", "untaint",
];
const NEED_PARALLELISM: &[&str] = &["apply", "plan", "destroy"];

/// Functions whose result depends on the machine, the cloud or a command: never run.
const NOT_RUN: &[&str] = &[
    "run_cmd",
    "sops_decrypt_file",
    "get_aws_account_id",
    "get_aws_account_alias",
    "get_aws_caller_identity_arn",
    "get_aws_caller_identity_user_id",
];

/// Functions whose result depends on how Terragrunt is invoked: Unknown.
const INVOCATION: &[&str] = &[
    "get_terraform_command",
    "get_terraform_cli_args",
    "get_platform",
    "get_repo_root",
    "get_path_from_repo_root",
    "get_path_to_repo_root",
    "get_working_dir",
    "get_default_retryable_errors",
    "get_terragrunt_source_cli_flag",
    "read_tfvars_file",
    "constraint_check",
];

/// Terragrunt's functions for one configuration file.
pub(crate) struct TerragruntFunctions<'s> {
    pub session: &'s Session<'s>,
    pub dirs: &'s Dirs,
}

impl ExtraFunctions for TerragruntFunctions<'_> {
    fn call(&self, name: &str, args: &[Dyn], loc: Loc) -> Option<Result<Dyn, String>> {
        let dirs = self.dirs;
        let r = match name {
            "find_in_parent_folders" => self.find_in_parent_folders(args),
            "get_terragrunt_dir" => Ok(path_value(&dirs.terragrunt)),
            "get_original_terragrunt_dir" => Ok(path_value(&dirs.original)),
            "get_parent_terragrunt_dir" => with_include(args, dirs, |d| {
                Ok(path_value(d.unwrap_or(&dirs.terragrunt)))
            }),
            "path_relative_to_include" => with_include(args, dirs, |d| {
                Ok(Dyn::string(relative_path(
                    &dirs.terragrunt,
                    d.unwrap_or(&dirs.terragrunt),
                )))
            }),
            "path_relative_from_include" => with_include(args, dirs, |d| {
                Ok(Dyn::string(relative_path(
                    d.unwrap_or(&dirs.terragrunt),
                    &dirs.terragrunt,
                )))
            }),
            "get_env" => match args {
                [_] => Ok(Dyn::unknown()),
                [_, default] => Ok(default.clone()),
                _ => Err("takes a name and an optional default".into()),
            },
            "get_terraform_commands_that_need_vars" => Ok(string_list(NEED_VARS)),
            "get_terraform_commands_that_need_input" => Ok(string_list(NEED_INPUT)),
            "get_terraform_commands_that_need_locking" => Ok(string_list(NEED_LOCKING)),
            "get_terraform_commands_that_need_parallelism" => Ok(string_list(NEED_PARALLELISM)),
            "mark_as_read" => match args {
                [p] => Ok(p.clone()),
                _ => Err("takes one path".into()),
            },
            "read_terragrunt_config" => self.session.read_config(args, dirs, loc),
            n if NOT_RUN.contains(&n) => {
                self.session.notice(
                    loc,
                    format!("{n} is not run by a static scan; its result is unknown"),
                );
                Ok(Dyn::unknown())
            }
            n if INVOCATION.contains(&n) => Ok(Dyn::unknown()),
            _ => return None,
        };
        Some(r)
    }
}

impl TerragruntFunctions<'_> {
    /// `find_in_parent_folders(name?, fallback?)`: the first `name` (default
    /// `terragrunt.hcl`) in the folders above the unit's directory.
    fn find_in_parent_folders(&self, args: &[Dyn]) -> Result<Dyn, String> {
        if args.len() > 2 {
            return Err("takes an optional file name and an optional fallback".into());
        }
        if args.iter().any(Dyn::is_unknown) {
            return Ok(Dyn::unknown());
        }
        let name = match args.first() {
            Some(n) => n
                .as_str()
                .ok_or("the file name must be a string")?
                .to_string(),
            None => super::CONFIG_FILE_NAME.to_string(),
        };
        let mut dir = self.dirs.terragrunt.clone();
        for _ in 0..MAX_FOLDERS_TO_CHECK {
            let Some(parent) = dir.parent().map(Path::to_path_buf) else {
                break;
            };
            let candidate = norm_dir(&parent.join(&name));
            if self.session.file_exists(&candidate) {
                return Ok(path_value(&candidate));
            }
            dir = parent;
        }
        match args.get(1) {
            Some(fallback) => Ok(fallback.clone()),
            None => Err(format!(
                "no {name} in the folders above {}",
                self.session.display(&self.dirs.terragrunt).display()
            )),
        }
    }
}

/// Calls `f` with the directory of the include the optional name argument selects (the
/// first include without one); `None` when the configuration includes nothing.
fn with_include(
    args: &[Dyn],
    dirs: &Dirs,
    f: impl FnOnce(Option<&PathBuf>) -> Result<Dyn, String>,
) -> Result<Dyn, String> {
    match args {
        [] => f(dirs.includes.first().map(|(_, d)| d)),
        [name] => {
            let Some(name) = name.as_str() else {
                return if name.is_unknown() {
                    Ok(Dyn::unknown())
                } else {
                    Err("the include name must be a string".into())
                };
            };
            match dirs.includes.iter().find(|(n, _)| n == name) {
                Some((_, d)) => f(Some(d)),
                None => Err(format!("there is no include named \"{name}\"")),
            }
        }
        _ => Err("takes an optional include name".into()),
    }
}

fn string_list(items: &[&str]) -> Dyn {
    Dyn::list(items.iter().map(|s| Dyn::string(*s)).collect())
}

/// An absolute path as Terragrunt gives it (forward slashes).
fn path_value(p: &Path) -> Dyn {
    Dyn::string(p.to_string_lossy().replace('\\', "/"))
}

/// `target` relative to `base` (both absolute and normalised), `.` when equal.
pub(crate) fn relative_path(target: &Path, base: &Path) -> String {
    let t: Vec<Component> = target.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = Vec::new();
    for _ in common..b.len() {
        parts.push("..".into());
    }
    for c in t.iter().skip(common) {
        parts.push(c.as_os_str().to_string_lossy().into_owned());
    }
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::relative_path;
    use std::path::Path;

    #[test]
    fn relative_paths_go_up_and_down() {
        let p = |s: &str| Path::new(s).to_path_buf();
        assert_eq!(
            relative_path(&p("/r/live/prod/s3"), &p("/r/live")),
            "prod/s3"
        );
        assert_eq!(relative_path(&p("/r/live"), &p("/r/live/prod/s3")), "../..");
        assert_eq!(relative_path(&p("/r/live"), &p("/r/live")), ".");
        assert_eq!(relative_path(&p("/r/a/b"), &p("/r/c")), "../a/b");
    }
}

#[cfg(test)]
mod function_tests {
    use super::super::config::{Dirs, Session};
    use super::TerragruntFunctions;
    use crate::LoadOptions;
    use crate::dynvalue::Dyn;
    use crate::terraform::eval::embed::ExtraFunctions;
    use crate::terraform::module::Loader;
    use cloudsentinel_model::SourceDb;
    use std::collections::BTreeMap;

    /// Calls Terragrunt function `name` for a unit in `<tmp>/live/prod/app` included by
    /// `<tmp>/live/terragrunt.hcl`, with `<tmp>/live/env.hcl` present.
    fn call(name: &str, args: &[Dyn]) -> Result<Dyn, String> {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().join("live");
        std::fs::create_dir_all(root.join("prod/app")).unwrap();
        std::fs::write(root.join("terragrunt.hcl"), "").unwrap();
        std::fs::write(root.join("env.hcl"), "locals {\n  env = \"prod\"\n}\n").unwrap();
        let opts = LoadOptions::default();
        let db = SourceDb::new();
        let loader = Loader::new(&BTreeMap::new(), &opts, &db);
        let session = Session::new(&loader, None, false);
        let dirs = Dirs {
            terragrunt: root.join("prod/app"),
            original: root.join("prod/app"),
            includes: vec![("root".into(), root.clone())],
        };
        let fns = TerragruntFunctions {
            session: &session,
            dirs: &dirs,
        };
        fns.call(name, args, None)
            .expect("a Terragrunt function")
            .map(|v| match v.as_str() {
                // Paths relative to the temporary directory, so results can be compared.
                Some(s) => Dyn::string(
                    s.strip_prefix(&*d.path().to_string_lossy())
                        .unwrap_or(s)
                        .to_string(),
                ),
                None => v,
            })
    }

    fn s(v: &str) -> Dyn {
        Dyn::string(v)
    }

    #[test]
    fn find_in_parent_folders_searches_upwards_from_the_unit() {
        assert_eq!(
            call("find_in_parent_folders", &[]).unwrap().as_str(),
            Some("/live/terragrunt.hcl")
        );
        assert_eq!(
            call("find_in_parent_folders", &[s("env.hcl")])
                .unwrap()
                .as_str(),
            Some("/live/env.hcl")
        );
        assert_eq!(
            call("find_in_parent_folders", &[s("none.hcl"), s("fallback")])
                .unwrap()
                .as_str(),
            Some("fallback")
        );
        let missing = call("find_in_parent_folders", &[s("none.hcl")]).unwrap_err();
        assert!(missing.contains("no none.hcl"), "{missing}");
        assert!(
            call("find_in_parent_folders", &[Dyn::unknown()])
                .unwrap()
                .is_unknown()
        );
    }

    #[test]
    fn path_functions_answer_relative_to_the_include() {
        let text = |n: &str, a: &[Dyn]| call(n, a).unwrap().as_str().map(str::to_string);
        assert_eq!(
            text("get_terragrunt_dir", &[]).as_deref(),
            Some("/live/prod/app")
        );
        assert_eq!(
            text("get_original_terragrunt_dir", &[]).as_deref(),
            Some("/live/prod/app")
        );
        assert_eq!(
            text("get_parent_terragrunt_dir", &[]).as_deref(),
            Some("/live")
        );
        assert_eq!(
            text("get_parent_terragrunt_dir", &[s("root")]).as_deref(),
            Some("/live")
        );
        assert_eq!(
            text("path_relative_to_include", &[]).as_deref(),
            Some("prod/app")
        );
        assert_eq!(
            text("path_relative_from_include", &[]).as_deref(),
            Some("../..")
        );
        assert!(call("path_relative_to_include", &[s("nope")]).is_err());
    }

    #[test]
    fn nothing_is_read_from_the_environment_or_run() {
        assert_eq!(
            call("get_env", &[s("HOME"), s("d")]).unwrap().as_str(),
            Some("d")
        );
        assert!(call("get_env", &[s("HOME")]).unwrap().is_unknown());
        for f in [
            "run_cmd",
            "sops_decrypt_file",
            "get_aws_account_id",
            "get_aws_caller_identity_arn",
            "get_terraform_command",
            "get_platform",
        ] {
            assert!(call(f, &[s("x")]).unwrap().is_unknown(), "{f}");
        }
        let cmds = call("get_terraform_commands_that_need_locking", &[]).unwrap();
        assert_eq!(cmds.as_list().map(<[Dyn]>::len), Some(8));
        assert_eq!(
            call("mark_as_read", &[s("a.hcl")]).unwrap().as_str(),
            Some("a.hcl")
        );
    }

    #[test]
    fn read_terragrunt_config_exposes_locals_and_takes_a_default() {
        let env = call("read_terragrunt_config", &[s("../../env.hcl")]).unwrap();
        let locals = env.get("locals").expect("locals");
        assert_eq!(locals.get("env").and_then(Dyn::as_str), Some("prod"));
        assert_eq!(
            call("read_terragrunt_config", &[s("missing.hcl"), s("dflt")])
                .unwrap()
                .as_str(),
            Some("dflt")
        );
        assert!(call("read_terragrunt_config", &[s("missing.hcl")]).is_err());
    }
}
