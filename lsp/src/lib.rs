//! The CloudSentinel language server (`cloudsentinel lsp`, LSP 3.17 over stdio).
//!
//! Diagnostics come from [`cloudsentinel_checks::analyze`], the entry point the CLI uses, run
//! on the unit an edited file belongs to (its Terraform module directory, or the template
//! itself) with the open buffers as overlays. The server adds no check logic: it converts
//! findings into diagnostics, and offers suppressions, quick fixes and hovers.

pub mod actions;
pub mod analysis;
pub mod blocks;
pub mod hover;
mod server;

pub use server::{DEBOUNCE, run_stdio, severity_setting};
