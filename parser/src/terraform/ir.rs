//! The evaluated form of a Terraform configuration: what the evaluator produces and the
//! adapters read. Blocks keep their source ranges; attribute values are [`Dyn`] trees.

use crate::dynvalue::Dyn;
use cloudsentinel_model::{Location, ModuleCall};
use indexmap::IndexMap;

/// An evaluated attribute: `name = expr`.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalAttr {
    pub value: Dyn,
    /// The whole attribute, key through expression.
    pub loc: Location,
    /// Just the expression.
    pub expr_loc: Location,
    /// The expression is a literal (no references, calls or interpolation): used to tell a
    /// hard-coded secret from one that comes from a variable.
    pub is_literal: bool,
}

/// An evaluated block. `dynamic` blocks are expanded into ordinary blocks, located at the
/// `content` block that produced them.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalBlock {
    pub ident: String,
    pub labels: Vec<String>,
    pub loc: Location,
    pub attrs: IndexMap<String, EvalAttr>,
    pub blocks: Vec<EvalBlock>,
    /// Some nested blocks could not be expanded (a `dynamic` over an Unknown collection).
    pub incomplete: bool,
}

impl EvalBlock {
    pub fn attr(&self, name: &str) -> Option<&EvalAttr> {
        self.attrs.get(name)
    }
    /// Nested blocks named `ident`.
    pub fn blocks_named<'a>(&'a self, ident: &'a str) -> impl Iterator<Item = &'a EvalBlock> {
        self.blocks.iter().filter(move |b| b.ident == ident)
    }
    pub fn block(&self, ident: &str) -> Option<&EvalBlock> {
        self.blocks.iter().find(|b| b.ident == ident)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceMode {
    Managed,
    Data,
}

/// One instance of a resource or data block (one per `count` index or `for_each` key).
#[derive(Debug, Clone, PartialEq)]
pub struct TfResource {
    pub mode: ResourceMode,
    /// `aws_s3_bucket`
    pub rtype: String,
    /// `logs`
    pub name: String,
    /// Address within its module: `aws_s3_bucket.logs`, `aws_s3_bucket.logs[0]`,
    /// `aws_s3_bucket.logs["a"]`, `data.aws_iam_policy_document.p`.
    pub address: String,
    /// `module.a.module.b.` prefix of the module instance (empty at the root).
    pub module_prefix: String,
    pub module_chain: Vec<ModuleCall>,
    pub body: EvalBlock,
    /// Values set outside the module (Terragrunt inputs) that its attributes read.
    pub set_elsewhere: Vec<cloudsentinel_model::SetElsewhere>,
}

impl TfResource {
    /// Address including the module path; this is what `Dyn::source_ref` holds.
    pub fn full_address(&self) -> String {
        format!("{}{}", self.module_prefix, self.address)
    }
}

/// A `provider` block (credentials may be hard-coded there).
#[derive(Debug, Clone, PartialEq)]
pub struct TfProvider {
    pub name: String,
    pub module_chain: Vec<ModuleCall>,
    pub body: EvalBlock,
}

/// Everything one root module evaluated to: what the adapters read.
///
/// `notices` and `parse_errors` are copied into the final `State` by
/// [`crate::terraform::load_terraform`]; adapters need not copy them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TfEvaluation {
    /// Resource and data source instances: each module instance's in source order,
    /// followed by those of the modules it calls.
    pub resources: Vec<TfResource>,
    pub providers: Vec<TfProvider>,
    pub notices: Vec<cloudsentinel_model::Notice>,
    pub parse_errors: Vec<cloudsentinel_model::ParseError>,
}
