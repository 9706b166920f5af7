//! The check framework, the checks (one file each), suppressions and report emitters.
//!
//! [`analyze`] is the single entry point: the CLI, the language server and the tests call it.

pub mod aws;
pub mod azure;
pub mod check;
pub mod compliance;
pub mod config;
pub mod docs;
pub mod emit;
pub mod finding;
pub mod general;
pub mod google;
pub mod options;
pub mod registry;
pub mod result;
mod runner;
pub mod scaffold;
pub mod suppress;

#[cfg(test)]
mod examples;

pub use check::{Check, CheckMeta, Provider, Severity, Status};
pub use finding::{Finding, Pass, Report};
pub use runner::{
    Analysis, AnalysisOptions, BaselineMatch, Registry, analyze, analyze_state, analyze_with,
    fingerprint_v1, project_path, run_checks, run_checks_with_passes, today_utc,
};
