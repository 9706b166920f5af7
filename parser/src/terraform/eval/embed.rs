//! Evaluating on behalf of another front-end (Terragrunt): expressions outside any module,
//! with the bindings and extra functions it provides, and root modules whose variables it
//! sets and whose call chain starts at its own configuration.

use super::{Ctx, Evaluator, Scope, evaluate_root_configured, vars::RawVar};
use crate::dynvalue::Dyn;
use crate::terraform::ir::TfEvaluation;
use crate::terraform::module::Loader;
use crate::terraform::syntax::{Expr, Loc};
use cloudsentinel_model::{ModuleCall, Notice};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// Functions another front-end adds to Terraform's.
pub(crate) trait ExtraFunctions {
    /// The result of `name(args)` at `loc`; `None` when `name` is not one of them (the
    /// call goes on to Terraform's functions). `Err` means the call is rejected.
    fn call(&self, name: &str, args: &[Dyn], loc: Loc) -> Option<Result<Dyn, String>>;
}

/// An evaluator for expressions that belong to no module: only the given bindings are in
/// scope; relative file reads resolve against `dir`.
pub(crate) struct Embedded<'l> {
    ev: Evaluator<'l>,
}

impl<'l> Embedded<'l> {
    pub(crate) fn new(
        loader: &'l Loader<'l>,
        dir: &Path,
        scan_root: Option<&Path>,
        extra: &'l dyn ExtraFunctions,
    ) -> Self {
        let mut ev = Evaluator::new_without_vars(loader, dir, scan_root);
        ev.extra_fns = Some(extra);
        Embedded { ev }
    }

    /// Evaluates `e` with `bindings` in scope; `Err` when the expression is rejected.
    pub(crate) fn eval(&self, e: &Expr, bindings: &[(Arc<str>, Dyn)]) -> Result<Dyn, String> {
        let scope = Scope {
            vars: bindings,
            parent: None,
        };
        let ctx = Ctx {
            inst: None,
            scope: Some(&scope),
        };
        match self.ev.eval(e, ctx) {
            Ok(_) if self.ev.exhausted() => Ok(Dyn::unknown().or_loc(e.loc)),
            Ok(v) => Ok(v.or_loc(e.loc)),
            Err(f) => Err(f.0),
        }
    }

    /// What the evaluation could not do (limits, unsupported functions).
    pub(crate) fn take_notices(&self) -> Vec<Notice> {
        for f in self.ev.unsupported_fns.take() {
            self.ev.notice(
                None,
                format!("function {f} is not supported; values using it are unknown"),
            );
        }
        self.ev.notices.take()
    }
}

/// Values another front-end gives a root module's variables, below every Terraform source
/// (they are passed as `TF_VAR_` variables, which tfvars files, `--var-file` and `--var` beat).
#[derive(Debug, Default)]
pub(crate) struct RootInputs {
    pub values: HashMap<String, Dyn>,
    /// The inputs could not be evaluated as a whole: any variable may be set by them, so
    /// every variable nothing else sets is Unknown (never its default).
    pub all_unknown: bool,
    /// Calls leading to the root module, outermost first.
    pub chain: Vec<ModuleCall>,
}

/// Evaluates the root module in `root_dir` with `inputs` as its lowest-precedence variable
/// values. Needs the large stack [`crate::terraform::evaluate`] runs on.
pub(crate) fn evaluate_root_with_inputs(
    loader: &Loader<'_>,
    root_dir: &Path,
    scan_root: Option<&Path>,
    inputs: RootInputs,
) -> TfEvaluation {
    evaluate_root_configured(loader, root_dir, scan_root, |ev, module| {
        for (name, value) in inputs.values {
            ev.root_vars.entry(name).or_insert(RawVar::Value(value));
        }
        if inputs.all_unknown {
            for name in module.variables.keys() {
                ev.root_vars
                    .entry(name.clone())
                    .or_insert_with(|| RawVar::Value(Dyn::unknown()));
            }
        }
        ev.root_chain = inputs.chain;
    })
}
