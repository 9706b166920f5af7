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
    /// Markdown: where source links point (`None`: locations are plain text).
    pub source_links: Option<SourceLinks>,
}

/// How to turn a source location into a link that works where a report is posted (a
/// pull-request comment): `{base}/{path}#L{line}`, the path relative to `root`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLinks {
    /// The URL of the scanned revision's tree, e.g. `https://github.com/o/r/blob/<sha>`.
    pub base: String,
    /// The directory the URL's paths are relative to (absolute).
    pub root: std::path::PathBuf,
}

impl SourceLinks {
    /// The link to `line` of `path` (relative to the working directory, or absolute), or
    /// `None` when the file lies outside `root`.
    pub fn link(&self, path: &std::path::Path, line: u32) -> Option<String> {
        let abs = std::path::absolute(path).ok()?;
        let abs = cloudsentinel_parser::discover::normalize(&abs);
        let root = cloudsentinel_parser::discover::normalize(&self.root);
        let rel = abs.strip_prefix(&root).ok()?;
        let rel = display_path(rel);
        let encoded: String = rel
            .chars()
            .map(|c| match c {
                ' ' => "%20".to_string(),
                '#' => "%23".to_string(),
                '?' => "%3F".to_string(),
                '(' => "%28".to_string(),
                ')' => "%29".to_string(),
                c => c.to_string(),
            })
            .collect();
        Some(format!(
            "{}/{encoded}#L{line}",
            self.base.trim_end_matches('/')
        ))
    }
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
        OutputFormat::Markdown => markdown::render(analysis, opts),
        OutputFormat::Gitlab => gitlab::render(analysis),
    }
}

/// A location as path and 1-based start/end positions.
pub(crate) struct Span {
    pub path: String,
    pub start: LineCol,
    pub end: LineCol,
}

/// What was scanned, for summaries: "3 files scanned", "1 file scanned (13 more read for
/// module context)", "120 live resources read". Files read only for context (the rest of the module of
/// a file named on the command line) are counted apart: no finding is reported in them.
pub(crate) fn scanned(a: &Analysis) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let files = a.files_scanned;
    let mut s = match a.live_resources {
        Some(n) if files == 0 => format!("{n} live resource{} read", plural(n)),
        Some(n) => format!(
            "{files} file{} scanned and {n} live resource{} read",
            plural(files),
            plural(n)
        ),
        None => format!("{files} file{} scanned", plural(files)),
    };
    if a.files_read_for_context > 0 {
        s.push_str(&format!(
            " ({} more read for module context)",
            a.files_read_for_context
        ));
    }
    s
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

#[cfg(test)]
mod tests {
    use super::SourceLinks;
    use std::path::Path;

    #[test]
    fn source_links_are_relative_to_their_root_and_escaped() {
        let links = SourceLinks {
            base: "https://github.com/o/r/blob/abc/".into(),
            root: "/repo".into(),
        };
        assert_eq!(
            links.link(Path::new("/repo/infra/./main.tf"), 3).as_deref(),
            Some("https://github.com/o/r/blob/abc/infra/main.tf#L3")
        );
        assert_eq!(
            links.link(Path::new("/repo/a b#.tf"), 1).as_deref(),
            Some("https://github.com/o/r/blob/abc/a%20b%23.tf#L1")
        );
        assert_eq!(links.link(Path::new("/elsewhere/main.tf"), 1), None);
    }
}
