//! Markdown for a pull-request comment: counts per severity, a table of findings with file
//! links, and collapsible details. Every link is absolute, so it works where the comment is
//! posted: checks link to their published documentation, locations to the scanned revision
//! when [`super::SourceLinks`] says where it is published, and are plain text otherwise.

use super::span;
use crate::check::Severity;
use crate::{Analysis, registry};
use std::fmt::Write;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn icon(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "🟣",
        Severity::High => "🔴",
        Severity::Medium => "🟠",
        Severity::Low => "🔵",
    }
}

pub fn render(a: &Analysis, opts: &super::EmitOptions) -> String {
    let mut s = String::from("## CloudSentinel\n\n");
    let total = a.unsuppressed().count();
    if total == 0 {
        let _ = writeln!(s, "No findings: {}. ✅\n", super::scanned(a));
    }
    s.push_str("| severity | findings |\n|---|---|\n");
    for sev in Severity::ALL {
        let n = a.unsuppressed().filter(|f| f.severity == sev).count();
        let _ = writeln!(s, "| {} {sev} | {n} |", icon(sev));
    }
    let suppressed = a.findings.len() - total;
    if suppressed > 0 {
        let _ = writeln!(s, "\n{suppressed} suppressed finding(s) not shown.");
    }
    if total == 0 {
        return s;
    }
    s.push_str("\n| severity | check | resource | location | message |\n|---|---|---|---|---|\n");
    for f in a.unsuppressed() {
        let place = f
            .location
            .map(|l| {
                let sp = span(&a.db, l);
                let line = sp.start.line;
                let text = format!("`{}:{line}`", sp.path);
                match opts
                    .source_links
                    .as_ref()
                    .and_then(|links| links.link(&a.db.get(l.file).path, line))
                {
                    Some(url) => format!("[{text}]({url})"),
                    None => text,
                }
            })
            .or_else(|| f.live_id.as_deref().map(|(id, _)| format!("`{id}`")))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "| {} {} | [`{}`]({}) | {} | {} | {} |",
            icon(f.severity),
            f.severity,
            f.check_id,
            super::sarif::docs_uri(f.check_id),
            f.resource
                .as_deref()
                .map(|r| format!("`{}`", cell(r)))
                .unwrap_or_default(),
            place,
            cell(&f.message)
        );
    }
    s.push_str("\n<details>\n<summary>How to fix</summary>\n\n");
    let mut seen: Vec<&str> = Vec::new();
    for f in a.unsuppressed() {
        if seen.contains(&f.check_id) {
            continue;
        }
        seen.push(f.check_id);
        if let Some(c) = registry::find(f.check_id) {
            let _ = writeln!(
                s,
                "#### `{}`: {}\n\n{}\n",
                c.meta.id, c.meta.title, c.meta.remediation
            );
        }
    }
    s.push_str(
        "Suppress a finding with a comment `# cloudsentinel:ignore:<check-id> <reason>` above the resource.\n\n</details>\n",
    );
    s
}
