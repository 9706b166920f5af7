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
            let title = registry::find(f.check_id).map_or("", |c| c.meta.title);
            let (path, begin, end, description) = match (f.location, f.live_id.as_deref()) {
                (Some(loc), _) => {
                    let s = span(&a.db, loc);
                    let end = s.end.line.max(s.start.line);
                    (s.path, s.start.line, end, format!("{title}: {}", f.message))
                }
                // A live resource has no file: its ARN stands in for the path.
                (None, Some((id, region))) => (
                    id.clone(),
                    1,
                    1,
                    format!(
                        "{title}: {} ({id}{})",
                        f.message,
                        region
                            .as_ref()
                            .map(|r| format!(", {r}"))
                            .unwrap_or_default()
                    ),
                ),
                (None, None) => return None,
            };
            Some(json!({
                "description": description,
                "check_name": f.check_id,
                "fingerprint": f.fingerprint,
                "severity": gitlab_severity(f.severity),
                "categories": ["Security"],
                "location": {
                    "path": path,
                    "lines": {"begin": begin, "end": end},
                },
            }))
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}
