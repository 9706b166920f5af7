//! Bicep syntax: `.bicep` and `.bicepparam` files parsed natively (no Bicep CLI) into a
//! tree whose every node carries its byte range, and the names in it resolved to their
//! declarations ([`resolve()`]), evaluated ([`evaluate()`]) into the ARM evaluator's
//! [`crate::arm::ArmDeployment`] with the ARM function library, and scanned by the
//! [`Bicep`] front-end through the Azure adapters.
//!
//! The parser is hand-written (lexer and recursive descent) rather than tree-sitter-bicep:
//! that grammar lacks `extension` statements and object spread, which the Azure Verified
//! Modules use, and its C build step and untyped concrete tree would still need a layer
//! like this one to give typed nodes and clear messages. Here every error says what was
//! expected where ("expected '=' after the parameter's type"), input of any shape ends in
//! errors rather than a panic (token access is checked, nesting is limited to
//! [`MAX_DEPTH`]), and parsing resumes at the next declaration that starts a line.
//!
//! ```text
//! let (file, errors) = bicep::parse(text);
//! let names = bicep::resolve(&file); // symbols, references, undeclared and duplicate names
//! ```

pub mod ast;
pub mod eval;
pub mod frontend;
mod lexer;
mod parser;
pub mod resolve;

pub use ast::*;
pub use eval::{BicepOptions, evaluate, parameters_from_bicepparam};
pub use frontend::Bicep;
pub use parser::{MAX_DEPTH, MAX_ERRORS};
pub use resolve::{
    Reference, Resolution, ResolveError, Symbol, SymbolId, SymbolKind, Target, resolve,
};

/// Parses a `.bicep` or `.bicepparam` file. Always returns a tree (statements that failed
/// to parse are left out) and every syntax error found, in source order.
pub fn parse(text: &str) -> (File, Vec<SyntaxError>) {
    parser::parse(text)
}

#[cfg(test)]
mod tests;
