//! Report emitters. Every emitter renders the same [`Analysis`]; output is deterministic.

pub mod csv;
pub mod github;
pub mod gitlab;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod text;

use crate::Analysis;
use cloudsentinel_model::{LineCol, Location, SourceDb};

/// Output formats of `scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Text,
    Json,
    Sarif,
    Github,
    Junit,
    Csv,
    Markdown,
    Gitlab,
}

impl OutputFormat {
    pub const NAMES: [&'static str; 8] = [
        "text", "json", "sarif", "github", "junit", "csv", "markdown", "gitlab",
    ];
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "text" => Some(Self::Text),
            "json" => Some(Self::Json),
            "sarif" => Some(Self::Sarif),
            "github" => Some(Self::Github),
            "junit" => Some(Self::Junit),
            "csv" => Some(Self::Csv),
            "markdown" => Some(Self::Markdown),
            "gitlab" => Some(Self::Gitlab),
            _ => None,
        }
    }
}

/// Options that affect rendering only.
#[derive(Debug, Clone, Default)]
pub struct EmitOptions {
    /// Show suppressed findings in text output.
    pub show_suppressed: bool,
    /// Text: only the summary line.
    pub quiet: bool,
}

/// Renders `analysis` in `format`. Text output carries ANSI styles; the caller strips them
/// when colour is off.
pub fn render(analysis: &Analysis, format: OutputFormat, opts: &EmitOptions) -> String {
    match format {
        OutputFormat::Text => text::render(analysis, opts),
        OutputFormat::Json => json::render(analysis),
        OutputFormat::Sarif => sarif::render(analysis),
        OutputFormat::Github => github::render(analysis),
        OutputFormat::Junit => junit::render(analysis),
        OutputFormat::Csv => csv::render(analysis),
        OutputFormat::Markdown => markdown::render(analysis),
        OutputFormat::Gitlab => gitlab::render(analysis),
    }
}

/// A location as path and 1-based start/end positions.
pub(crate) struct Span {
    pub path: String,
    pub start: LineCol,
    pub end: LineCol,
}

/// What was scanned, for summaries: "3 files scanned", "120 live resources read".
pub(crate) fn scanned(a: &Analysis) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let files = a.files_scanned;
    match a.live_resources {
        Some(n) if files == 0 => format!("{n} live resource{} read", plural(n)),
        Some(n) => format!(
            "{files} file{} scanned and {n} live resource{} read",
            plural(files),
            plural(n)
        ),
        None => format!("{files} file{} scanned", plural(files)),
    }
}

pub(crate) fn span(db: &SourceDb, loc: Location) -> Span {
    let f = db.get(loc.file);
    Span {
        path: display_path(&f.path),
        start: f.line_col(loc.range.start),
        end: f.line_col(loc.range.end),
    }
}

/// Paths with forward slashes and no leading `./`.
pub fn display_path(p: &std::path::Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").unwrap_or(&s).to_string()
}
