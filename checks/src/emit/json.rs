//! JSON output, `"version": 1`. Documented in docs/json-output.md.

use super::{display_path, span};
use crate::{Analysis, Finding, registry};
use cloudsentinel_model::{Location, SourceDb};
use serde_json::{Value, json};

/// The JSON format version; bumped on any incompatible change.
pub const VERSION: u32 = 1;

fn location_json(db: &SourceDb, loc: Location) -> Value {
    let s = span(db, loc);
    json!({
        "path": s.path,
        "start": {"line": s.start.line, "column": s.start.column},
        "end": {"line": s.end.line, "column": s.end.column},
        "byte_range": [loc.range.start, loc.range.end],
    })
}

fn finding_json(db: &SourceDb, f: &Finding) -> Value {
    let meta = registry::find(f.check_id).map(|c| &c.meta);
    json!({
        "check_id": f.check_id,
        "title": meta.map(|m| m.title),
        "severity": f.severity,
        "risk_score": meta.map(|m| (f64::from(m.risk_score) * 10.0).round() / 10.0),
        "message": f.message,
        "location": f.location.map(|l| location_json(db, l)),
        "live_resource": f.live_id.as_ref().map(|(id, region)| json!({"id": id, "region": region})),
        "resource": f.resource,
        "module_chain": f.module_chain.iter().map(|m| json!({
            "name": m.name,
            "call": location_json(db, m.location),
        })).collect::<Vec<_>>(),
        "related": f.related.iter().map(|r| json!({
            "message": r.message,
            "location": location_json(db, r.location),
        })).collect::<Vec<_>>(),
        "fingerprint": f.fingerprint,
        "suppression": f.suppression.as_ref().map(|s| json!({
            "kind": s.kind,
            "reason": s.reason,
            "location": s.location.map(|l| location_json(db, l)),
        })),
    })
}

pub fn render(a: &Analysis) -> String {
    let db = &a.db;
    let mut counts = serde_json::Map::new();
    for sev in crate::Severity::ALL {
        let n = a.unsuppressed().filter(|f| f.severity == sev).count();
        counts.insert(sev.as_str().to_string(), n.into());
    }
    let doc = json!({
        "version": VERSION,
        "tool": {"name": "cloudsentinel", "version": env!("CARGO_PKG_VERSION")},
        "summary": {
            "files_scanned": a.files_scanned,
            "live_resources": a.live_resources,
            "findings": a.unsuppressed().count(),
            "suppressed": a.findings.len() - a.unsuppressed().count(),
            "by_severity": counts,
        },
        "findings": a.findings.iter().map(|f| finding_json(db, f)).collect::<Vec<_>>(),
        "notices": a.notices.iter().map(|n| json!({
            "message": n.message,
            "location": n.location.map(|l| location_json(db, l)),
        })).collect::<Vec<_>>(),
        "suppression_warnings": a.suppression_warnings.iter().map(|w| json!({
            "check_id": w.check_id,
            "message": w.message,
            "location": location_json(db, w.location),
        })).collect::<Vec<_>>(),
    });
    let _ = display_path;
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
