//! The check framework, the checks (one file each), suppressions and report emitters.
//!
//! [`analyze`] is the single entry point: the CLI, the language server and the tests call it.

pub mod aws;
pub mod check;
pub mod config;
pub mod docs;
pub mod emit;
pub mod finding;
pub mod general;
pub mod options;
pub mod registry;
mod runner;
pub mod suppress;

#[cfg(test)]
mod examples;

pub use check::{Check, CheckMeta, Severity};
pub use finding::{Finding, Report};
pub use runner::{Analysis, AnalysisOptions, analyze, analyze_state, run_checks, today_utc};
