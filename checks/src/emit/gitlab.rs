//! GitLab Code Quality report (a JSON array of issues).

use super::span;
use crate::check::Severity;
use crate::{Analysis, registry};
use serde_json::json;

fn gitlab_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "blocker",
        Severity::High => "critical",
        Severity::Medium => "major",
        Severity::Low => "minor",
    }
}

pub fn render(a: &Analysis) -> String {
    let issues: Vec<serde_json::Value> = a
        .unsuppressed()
        .filter_map(|f| {
            let loc = f.location?;
            let s = span(&a.db, loc);
            let title = registry::find(f.check_id)
                .map(|c| c.meta.title)
                .unwrap_or("");
            Some(json!({
                "description": format!("{}: {}", title, f.message),
                "check_name": f.check_id,
                "fingerprint": f.fingerprint,
                "severity": gitlab_severity(f.severity),
                "categories": ["Security"],
                "location": {
                    "path": s.path,
                    "lines": {"begin": s.start.line, "end": s.end.line.max(s.start.line)},
                },
            }))
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}
