//! The ARM template expression language: [`syntax`] (lexer and parser with byte offsets),
//! [`eval`] (every documented function over [`crate::dynvalue::Dyn`], Unknown contagious),
//! [`hash`] (`uniqueString`, `guid` and the encodings, exactly as Azure computes them) and
//! [`datetime`] (the date functions).

pub mod datetime;
pub mod eval;
pub mod hash;
pub mod syntax;

pub use eval::{Context, Evaluator, resource_key};
pub use syntax::{Expr, ExprError, ExprKind, StringValue, classify, parse_expression};
