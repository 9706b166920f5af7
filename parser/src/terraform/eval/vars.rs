//! Root module variable values and their precedence, as Terraform documents it (later
//! wins): `TF_VAR_*` environment variables, `terraform.tfvars`, `terraform.tfvars.json`,
//! `*.auto.tfvars` / `*.auto.tfvars.json` in lexical order of file name, `--var-file`
//! files, then `--var` options. Variable defaults apply when none of these sets a value.

use super::types::Ty;
use super::{Ctx, Evaluator};
use crate::dynvalue::Dyn;
use crate::terraform::module::{Loader, join_clean};
use crate::terraform::syntax::{self, Expr};
use cloudsentinel_model::ParseError;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A value given to a root variable from outside the configuration.
#[derive(Debug)]
pub(crate) enum RawVar {
    /// From a tfvars file: an expression with nothing in scope.
    Expr(Expr),
    /// From `--var` or `TF_VAR_`: raw text, interpreted according to the variable's type.
    Text(String),
    /// Already evaluated by another front-end (a Terragrunt input).
    Value(Dyn),
}

/// Collects every externally set root variable value, highest precedence last applied.
pub(crate) fn root_var_sources(
    loader: &Loader<'_>,
    root: &Path,
) -> (HashMap<String, RawVar>, Vec<ParseError>) {
    let opts = loader.opts;
    let tf = opts.frontend::<crate::terraform::TerraformOptions>();
    let mut out: HashMap<String, RawVar> = HashMap::new();
    let mut errors = Vec::new();
    for (k, v) in &tf.env_vars {
        out.insert(k.clone(), RawVar::Text(v.clone()));
    }
    let exists = |p: &Path| p.is_file() || opts.overlays.contains_key(p);
    let mut files: Vec<PathBuf> = Vec::new();
    for name in ["terraform.tfvars", "terraform.tfvars.json"] {
        let p = join_clean(root, name);
        if exists(&p) {
            files.push(p);
        }
    }
    let mut auto: Vec<String> = std::fs::read_dir(root)
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .filter(|n| n.ends_with(".auto.tfvars") || n.ends_with(".auto.tfvars.json"))
                .collect()
        })
        .unwrap_or_default();
    auto.sort();
    files.extend(auto.into_iter().map(|n| join_clean(root, n)));
    files.extend(tf.var_files.iter().cloned());
    for f in files {
        let parsed = syntax::load_file(&f, opts, loader.db);
        errors.extend(parsed.errors);
        for a in parsed.body.attrs {
            out.insert(a.name.to_string(), RawVar::Expr(a.expr));
        }
    }
    for (k, v) in &tf.vars {
        out.insert(k.clone(), RawVar::Text(v.clone()));
    }
    (out, errors)
}

impl Evaluator<'_> {
    /// The value of an externally set variable. Raw text is taken literally for primitive
    /// (and undeclared) types, and parsed as an HCL expression for complex types and `any`,
    /// as Terraform does; with no declared type, text that looks like a list or object is
    /// parsed too.
    pub(super) fn raw_var_value(&self, name: &str, raw: &RawVar, ty: Option<&Ty>) -> Dyn {
        let empty = Ctx {
            inst: None,
            scope: None,
        };
        match raw {
            RawVar::Expr(e) => self.eval_value(e, empty),
            RawVar::Value(v) => v.clone(),
            RawVar::Text(text) => {
                let parse = if let Some(t) = ty {
                    !t.is_primitive()
                } else {
                    let t = text.trim_start();
                    t.starts_with('[') || t.starts_with('{')
                };
                if !parse {
                    return Dyn::string(text.as_str());
                }
                match syntax::parse_expr_text(text, None, 0) {
                    Ok(e) => self.eval_value(&e, empty),
                    Err(msg) => {
                        if ty.is_none() {
                            return Dyn::string(text.as_str());
                        }
                        self.notice(
                            None,
                            format!("the value given for variable \"{name}\" is not a valid expression ({msg}); it is unknown"),
                        );
                        Dyn::unknown()
                    }
                }
            }
        }
    }
}
