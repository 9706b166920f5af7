//! The typed result of a scan: what `--format json` prints, what the language server and a
//! future server read back. [`ScanResult::from_analysis`] resolves every location against the
//! source database, so these types stand alone (no file ids).
//!
//! The JSON Schema of [`ScanResult`] is published as `docs/json-output.schema.json`; a test
//! fails when it is stale. Field order is the output's order.

use crate::emit::span;
use crate::{Analysis, Finding, Severity, registry};
use cloudsentinel_model::{Location, SourceDb};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The JSON format version; bumped on any incompatible change.
pub const VERSION: u32 = 1;

/// One scan, as `cloudsentinel scan --format json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "CloudSentinel scan result", extend("$id" = "https://github.com/cloudsentinel/cloudsentinel/blob/main/docs/json-output.schema.json"))]
pub struct ScanResult {
    /// Changes only on an incompatible change; fields may be added within a version.
    pub version: u32,
    pub tool: Tool,
    pub summary: Summary,
    /// Every finding, suppressed ones included, sorted by path, position and check ID.
    pub findings: Vec<FindingRecord>,
    /// What could not be evaluated (never a finding).
    pub notices: Vec<NoticeRecord>,
    /// Suppressions that did not apply, name an unknown check, or suppress nothing.
    pub suppression_warnings: Vec<SuppressionWarningRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    /// Files whose findings are reported: every file read, except those read only for
    /// context.
    pub files_scanned: usize,
    /// Files read only to evaluate the module of a file named on the command line (its
    /// variables, locals and sibling resources); no finding is reported in them. Absent in
    /// output of versions before it was added: read as 0.
    #[serde(default)]
    pub files_read_for_context: usize,
    /// `scan --live` and `drift`: resources read from the cloud; `null` for file scans.
    pub live_resources: Option<usize>,
    /// Unsuppressed findings.
    pub findings: usize,
    pub suppressed: usize,
    /// Unsuppressed findings per severity.
    pub by_severity: BySeverity,
    /// `--baseline`: how many of the baseline's entries matched a finding of this scan
    /// (absent without a baseline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineSummary>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BaselineSummary {
    /// Entries matching a finding of this scan (those findings are not reported).
    pub matched: usize,
    /// Entries in the baseline.
    pub entries: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BySeverity {
    pub critical: usize,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
}

/// A finding with its locations resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FindingRecord {
    pub check_id: String,
    /// The check's title (`null` for an ID no check declares).
    pub title: Option<String>,
    pub severity: Severity,
    /// 0.0–10.0, one decimal.
    pub risk_score: Option<f64>,
    pub message: String,
    /// The offending value, or the resource when a setting is missing; `null` for live
    /// resources (except drift findings whose declaration is in scanned IaC).
    pub location: Option<SourceRange>,
    /// The live resource for findings on live state.
    pub live_resource: Option<LiveResource>,
    /// The resource address, with its module path.
    pub resource: Option<String>,
    /// The module calls that led to the resource, outermost first.
    pub module_chain: Vec<ModuleCallRecord>,
    /// Other places of the finding: merged split resources, module call sites.
    pub related: Vec<RelatedRecord>,
    /// Stable across moving and reformatting; changes when the offending value changes.
    pub fingerprint: String,
    pub suppression: Option<SuppressionRecord>,
}

/// A range in a scanned file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SourceRange {
    /// Relative to the working directory, forward slashes.
    pub path: String,
    pub start: Position,
    pub end: Position,
    /// Half-open byte range in the file.
    pub byte_range: [u32; 2],
}

/// 1-based line; the column counts Unicode characters, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LiveResource {
    /// ARN, Azure resource id or GCP full resource name.
    pub id: String,
    pub region: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ModuleCallRecord {
    pub name: String,
    pub call: SourceRange,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RelatedRecord {
    pub message: String,
    pub location: SourceRange,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SuppressionRecord {
    /// `inline` (a comment) or `metadata` (resource metadata).
    pub kind: String,
    pub reason: Option<String>,
    pub location: Option<SourceRange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NoticeRecord {
    pub message: String,
    pub location: Option<SourceRange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SuppressionWarningRecord {
    /// The check ID as written in the suppression.
    pub check_id: String,
    pub message: String,
    pub location: SourceRange,
    /// `not-applied` (matched a finding but expired, lacks a required reason, or inline
    /// suppressions are disabled), `unknown-id` (names no check; the message suggests the
    /// closest ID) or `unused` (names a check that ran but matched none of its findings).
    #[serde(default = "not_applied")]
    pub kind: String,
    /// `error` when it fails the scan (`--strict-suppressions`: unknown IDs and unused
    /// suppressions), else `warning`.
    #[serde(default = "warning")]
    pub level: String,
}

fn not_applied() -> String {
    "not-applied".into()
}

fn warning() -> String {
    "warning".into()
}

impl SourceRange {
    pub fn resolve(db: &SourceDb, loc: Location) -> Self {
        let s = span(db, loc);
        SourceRange {
            path: s.path,
            start: Position {
                line: s.start.line,
                column: s.start.column,
            },
            end: Position {
                line: s.end.line,
                column: s.end.column,
            },
            byte_range: [loc.range.start, loc.range.end],
        }
    }
}

impl FindingRecord {
    pub fn from_finding(db: &SourceDb, f: &Finding) -> Self {
        let meta = registry::find(f.check_id).map(|c| &c.meta);
        FindingRecord {
            check_id: f.check_id.to_string(),
            title: meta.map(|m| m.title.to_string()),
            severity: f.severity,
            risk_score: meta.map(|m| (f64::from(m.risk_score) * 10.0).round() / 10.0),
            message: f.message.clone(),
            location: f.location.map(|l| SourceRange::resolve(db, l)),
            live_resource: f.live_id.as_deref().map(|(id, region)| LiveResource {
                id: id.clone(),
                region: region.clone(),
            }),
            resource: f.resource.as_deref().map(str::to_owned),
            module_chain: f
                .module_chain
                .iter()
                .map(|m| ModuleCallRecord {
                    name: m.name.clone(),
                    call: SourceRange::resolve(db, m.location),
                })
                .collect(),
            related: f
                .related
                .iter()
                .map(|r| RelatedRecord {
                    message: r.message.clone(),
                    location: SourceRange::resolve(db, r.location),
                })
                .collect(),
            fingerprint: f.fingerprint.clone(),
            suppression: f.suppression.as_ref().map(|s| SuppressionRecord {
                kind: s.kind.to_string(),
                reason: s.reason.clone(),
                location: s.location.map(|l| SourceRange::resolve(db, l)),
            }),
        }
    }
}

impl ScanResult {
    pub fn from_analysis(a: &Analysis) -> Self {
        let db = &a.db;
        let count = |sev: Severity| a.unsuppressed().filter(|f| f.severity == sev).count();
        let unsuppressed = a.unsuppressed().count();
        ScanResult {
            version: VERSION,
            tool: Tool {
                name: "cloudsentinel".into(),
                version: env!("CARGO_PKG_VERSION").into(),
            },
            summary: Summary {
                files_scanned: a.files_scanned,
                files_read_for_context: a.files_read_for_context,
                live_resources: a.live_resources,
                findings: unsuppressed,
                suppressed: a.findings.len() - unsuppressed,
                by_severity: BySeverity {
                    critical: count(Severity::Critical),
                    high: count(Severity::High),
                    medium: count(Severity::Medium),
                    low: count(Severity::Low),
                },
                baseline: a.baseline.map(|b| BaselineSummary {
                    matched: b.matched,
                    entries: b.entries,
                }),
            },
            findings: a
                .findings
                .iter()
                .map(|f| FindingRecord::from_finding(db, f))
                .collect(),
            notices: a
                .notices
                .iter()
                .map(|n| NoticeRecord {
                    message: n.message.clone(),
                    location: n.location.map(|l| SourceRange::resolve(db, l)),
                })
                .collect(),
            suppression_warnings: a
                .suppression_warnings
                .iter()
                .map(|w| SuppressionWarningRecord {
                    check_id: w.check_id.clone(),
                    message: w.message.clone(),
                    location: SourceRange::resolve(db, w.location),
                    kind: w.kind.as_str().into(),
                    level: if w.error { "error" } else { "warning" }.into(),
                })
                .collect(),
        }
    }
}

/// The JSON Schema of [`ScanResult`], pretty-printed with a final newline.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(ScanResult);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `docs/json-output.schema.json` is generated; regenerate with
    /// `CLOUDSENTINEL_UPDATE_DOCS=1 cargo test -p cloudsentinel-checks schema`.
    #[test]
    fn published_schema_is_fresh() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../docs/json-output.schema.json");
        let want = json_schema();
        if std::env::var_os("CLOUDSENTINEL_UPDATE_DOCS").is_some() {
            std::fs::write(&path, &want).unwrap();
            return;
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if have != want {
            let diff = similar::TextDiff::from_lines(&have, &want)
                .unified_diff()
                .header("docs/json-output.schema.json", "generated")
                .to_string();
            panic!(
                "docs/json-output.schema.json is stale; regenerate with \
                 CLOUDSENTINEL_UPDATE_DOCS=1 cargo test -p cloudsentinel-checks schema\n{diff}"
            );
        }
    }
}
