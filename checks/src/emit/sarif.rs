//! SARIF 2.1.0 output for code-scanning services. Validated against the official schema in
//! the tests.

use super::span;
use crate::check::{Check, Severity};
use crate::{Analysis, Finding, registry};
use cloudsentinel_model::{Location, SourceDb};
use serde_json::{Value, json};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFO_URI: &str = "https://github.com/cloudsentinel/cloudsentinel";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// `aws-s3-public-acl` → `AwsS3PublicAcl` (SARIF rule names are identifiers).
fn rule_name(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The documentation page of a check (also the language server's diagnostic `codeDescription`).
pub fn docs_uri(id: &str) -> String {
    format!("{INFO_URI}/blob/main/docs/checks/{id}.md")
}

fn rule(c: &Check) -> Value {
    let m = &c.meta;
    let mut tags = vec!["security".to_string(), m.provider_name().to_string()];
    tags.extend(
        m.compliance
            .iter()
            .flat_map(super::super::compliance::Mapping::tags),
    );
    let doc = m.doc.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    json!({
        "id": m.id,
        "name": rule_name(m.id),
        "shortDescription": {"text": m.title},
        "fullDescription": {"text": doc.trim()},
        "helpUri": docs_uri(m.id),
        "help": {
            "text": m.remediation,
            "markdown": crate::docs::check_page(c),
        },
        "defaultConfiguration": {"level": level(m.severity)},
        "properties": {
            "security-severity": format!("{:.1}", m.risk_score),
            "precision": "high",
            "problem.severity": match m.severity {
                Severity::Critical | Severity::High => "error",
                Severity::Medium => "warning",
                Severity::Low => "recommendation",
            },
            "tags": tags,
        },
    })
}

fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char);
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn physical(db: &SourceDb, loc: Location) -> Value {
    let s = span(db, loc);
    // A zero-width range still needs an end column past its start for some viewers.
    let (end_line, end_col) = if s.end == s.start {
        (s.start.line, s.start.column + 1)
    } else {
        (s.end.line, s.end.column)
    };
    json!({
        "artifactLocation": {"uri": uri(&s.path)},
        "region": {
            "startLine": s.start.line,
            "startColumn": s.start.column,
            "endLine": end_line,
            "endColumn": end_col,
        },
    })
}

fn result(db: &SourceDb, f: &Finding, rule_index: usize) -> Value {
    let mut r = json!({
        "ruleId": f.check_id,
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "message": {"text": f.message},
        "partialFingerprints": {"cloudsentinel/v2": f.fingerprint},
    });
    let mut location = serde_json::Map::new();
    if let Some(l) = f.location {
        location.insert("physicalLocation".into(), physical(db, l));
    }
    let logical = f
        .resource
        .as_deref()
        .map(str::to_owned)
        .or_else(|| f.live_id.as_deref().map(|(id, _)| id.clone()));
    if let Some(name) = logical {
        location.insert(
            "logicalLocations".into(),
            json!([{"fullyQualifiedName": name, "kind": "resource"}]),
        );
    }
    if !location.is_empty() {
        r["locations"] = json!([Value::Object(location)]);
    }
    if let Some((id, region)) = f.live_id.as_deref() {
        // A live finding has no file: the ARN and region travel as a logical location
        // (above) and as properties.
        r["properties"] = json!({"liveResource": {"id": id, "region": region}});
        if f.resource.as_deref() != Some(id.as_str())
            && let Some(l) = r
                .get_mut("locations")
                .and_then(|v| v.get_mut(0))
                .and_then(|v| v.get_mut("logicalLocations"))
                .and_then(|v| v.as_array_mut())
        {
            l.push(json!({"fullyQualifiedName": id, "kind": "resource"}));
        }
    }
    if !f.related.is_empty() {
        r["relatedLocations"] = f
            .related
            .iter()
            .enumerate()
            .map(|(i, rel)| {
                json!({
                    "id": i,
                    "message": {"text": rel.message},
                    "physicalLocation": physical(db, rel.location),
                })
            })
            .collect();
    }
    if let Some(s) = &f.suppression {
        let mut sup = json!({"kind": if s.kind == "inline" { "inSource" } else { "external" }});
        if let Some(reason) = &s.reason {
            sup["justification"] = json!(reason);
        }
        r["suppressions"] = json!([sup]);
    }
    r
}

pub fn render(a: &Analysis) -> String {
    let rules: Vec<&Check> = registry::ALL.to_vec();
    let index_of = |id: &str| rules.iter().position(|c| c.meta.id == id).unwrap_or(0);
    let results: Vec<Value> = a
        .findings
        .iter()
        .map(|f| result(&a.db, f, index_of(f.check_id)))
        .collect();
    let notifications: Vec<Value> = a
        .notices
        .iter()
        .map(|n| {
            let mut v = json!({"level": "note", "message": {"text": n.message}});
            if let Some(l) = n.location {
                v["locations"] = json!([{"physicalLocation": physical(&a.db, l)}]);
            }
            v
        })
        .collect();
    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "cloudsentinel",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": INFO_URI,
                "rules": rules.iter().map(|c| rule(c)).collect::<Vec<_>>(),
            }},
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_and_uris() {
        assert_eq!(rule_name("aws-s3-public-acl"), "AwsS3PublicAcl");
        assert_eq!(uri("a b/ü.tf"), "a%20b/%C3%BC.tf");
    }
}
