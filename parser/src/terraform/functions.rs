//! Terraform built-in functions (placeholder until the full implementation lands).

use crate::dynvalue::Dyn;

/// What functions need from the evaluator: confined file reads and template rendering.
pub trait FnHost {
    /// Reads a file for `file`, `templatefile` and friends.
    fn read_file(&self, path: &str) -> Result<String, String>;
    /// Renders `template` as an HCL template with only `vars` in scope.
    fn render_template(&self, template: &str, vars: &indexmap::IndexMap<String, Dyn>) -> Dyn;
}

/// Calls the built-in function `name`.
pub fn call(name: &str, args: Vec<Dyn>, host: &dyn FnHost) -> Result<Dyn, String> {
    let _ = (name, args, host);
    Err("unsupported function".to_string())
}
