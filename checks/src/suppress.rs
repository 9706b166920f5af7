//! Inline (`cloudsentinel:ignore:<id>[,<id>…][:exp:YYYY-MM-DD] <reason>`) and metadata
//! suppressions.

use crate::check::Check;
use crate::finding::{Finding, Suppression};
use cloudsentinel_model::{FileId, Location, SourceDb};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// An inline suppression's ID that matched a finding: file, line, ID as written.
type Used = HashSet<(FileId, u32, String)>;

static IGNORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"cloudsentinel:ignore:([A-Za-z0-9_\-]+(?:,[A-Za-z0-9_\-]+)*)(?::exp:(\d{4}-\d{2}-\d{2}))?(?:[ \t]+([^\r\n]*?))?[ \t]*(?:\*/|-?#\})?[ \t]*$",
    )
    .expect("static regex")
});

/// A suppression comment found in a source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineIgnore {
    pub ids: Vec<String>,
    pub expires: Option<String>,
    pub reason: Option<String>,
}

/// Parses a suppression from one source line. The marker must be inside a comment
/// (`#`, `//`, `/*`, or a Jinja `{# … #}`).
pub fn parse_line(line: &str) -> Option<InlineIgnore> {
    let pos = line.find("cloudsentinel:ignore:")?;
    let before = &line[..pos];
    if !(before.contains('#') || before.contains("//") || before.contains("/*")) {
        return None;
    }
    let caps = IGNORE.captures(&line[pos..])?;
    Some(InlineIgnore {
        ids: caps[1].split(',').map(str::to_string).collect(),
        expires: caps.get(2).map(|m| m.as_str().to_string()),
        reason: caps
            .get(3)
            .map(|m| m.as_str().trim().to_string())
            .filter(|r| !r.is_empty()),
    })
}

/// The suppression comments of each source line searched so far.
type LineComments = std::collections::HashMap<
    (cloudsentinel_model::FileId, u32),
    Vec<(InlineIgnore, &'static str)>,
>;

/// A line is only a comment (so comment blocks above a resource are searched upward).
fn is_comment_line(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('#')
        || t.starts_with("//")
        || t.starts_with("/*")
        || t.starts_with('*')
        || t.starts_with("{#")
}

/// What kinds of suppression a scan honours (the configuration's suppression policy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuppressionPolicy {
    /// Honour `cloudsentinel:ignore` comments and metadata (`allow-inline`).
    pub allow_inline: bool,
    /// A suppression without a reason does not apply (`require-reason`).
    pub require_reason: bool,
    /// Honour other tools' inline skips through each check's aliases
    /// (`honor-foreign-suppressions`): `checkov:skip=…`, `tfsec:ignore:…`, `trivy:ignore:…`.
    pub honor_foreign: bool,
    /// An unknown check ID or an unused inline suppression fails the scan
    /// (`--strict-suppressions`, `suppressions.strict`).
    pub strict: bool,
}

impl Default for SuppressionPolicy {
    fn default() -> Self {
        SuppressionPolicy {
            allow_inline: true,
            require_reason: false,
            honor_foreign: false,
            strict: false,
        }
    }
}

/// What is wrong with a suppression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningKind {
    /// It matched a finding but did not apply (expired, no reason, disallowed).
    NotApplied,
    /// It names no check (nor another tool's alias of one).
    UnknownId,
    /// It names a check that ran but suppressed none of its findings.
    Unused,
}

impl WarningKind {
    /// The name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::NotApplied => "not-applied",
            WarningKind::UnknownId => "unknown-id",
            WarningKind::Unused => "unused",
        }
    }
}

/// A suppression that did not do what it says, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuppressionWarning {
    pub location: Location,
    pub check_id: String,
    pub message: String,
    pub kind: WarningKind,
    /// Fails the scan (`--strict-suppressions` for unknown IDs and unused suppressions).
    pub error: bool,
}

static FOREIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:checkov:skip=([A-Za-z0-9_]+)(?::([^\r\n]*))?|(?:tfsec|trivy):ignore:([A-Za-z0-9_\-]+)(?::exp:(\d{4}-\d{2}-\d{2}))?)",
    )
    .expect("static regex")
});

/// Other tools' skips on a comment line, mapped to check IDs through the checks' aliases.
pub fn parse_foreign_line(line: &str) -> Vec<InlineIgnore> {
    let Some(hash) = line.find(['#']).or_else(|| line.find("//")) else {
        return Vec::new();
    };
    FOREIGN
        .captures_iter(&line[hash..])
        .filter_map(|c| {
            let (foreign, reason, expires) = match (c.get(1), c.get(3)) {
                (Some(id), _) => (
                    id.as_str(),
                    c.get(2).map(|m| m.as_str().trim().to_string()),
                    None,
                ),
                (None, Some(id)) => (id.as_str(), None, c.get(4).map(|m| m.as_str().to_string())),
                _ => return None,
            };
            let ids: Vec<String> = crate::registry::resolve(foreign)
                .iter()
                .map(|c| c.meta.id.to_string())
                .collect();
            if ids.is_empty() {
                return None;
            }
            Some(InlineIgnore {
                ids,
                expires,
                reason: reason.filter(|r| !r.is_empty()),
            })
        })
        .collect()
}

/// Applies suppressions to `findings` under `policy`; `today` is `YYYY-MM-DD`; `available`
/// are the checks an ID may name (the built-in ones, plus a plugin's), `ran` those that ran. Returns the suppressions that matched a finding but did not apply
/// (expired, no reason, disallowed), and the inline suppressions that name an unknown check or
/// suppress nothing.
pub fn apply(
    findings: &mut [Finding],
    db: &SourceDb,
    today: &str,
    policy: SuppressionPolicy,
    available: &[&'static Check],
    ran: &[&'static Check],
) -> Vec<SuppressionWarning> {
    let mut warnings = Vec::new();
    let mut used = HashSet::new();
    let mut lines = LineComments::new();
    for f in findings.iter_mut() {
        if let Some(s) =
            find_suppression(f, db, today, policy, &mut warnings, &mut used, &mut lines)
        {
            f.suppression = Some(Box::new(s));
        }
    }
    check_comments(db, available, ran, policy, &used, &mut warnings);
    warnings.sort_by(|a, b| {
        (a.location, &a.check_id, &a.message).cmp(&(b.location, &b.check_id, &b.message))
    });
    warnings.dedup();
    warnings
}

/// Decides whether one matching suppression applies, recording why not.
fn admit(
    check_id: &str,
    location: Option<Location>,
    reason: Option<&String>,
    expires: Option<&String>,
    today: &str,
    policy: SuppressionPolicy,
    warnings: &mut Vec<SuppressionWarning>,
) -> bool {
    let problem = if !policy.allow_inline {
        Some(
            "inline suppressions are disabled by the configuration (allow-inline: false)"
                .to_string(),
        )
    } else if let Some(exp) = expires.filter(|e| e.as_str() < today) {
        Some(format!("suppression of {check_id} expired on {exp}"))
    } else if policy.require_reason && reason.is_none() {
        Some(format!(
            "suppression of {check_id} has no reason (the configuration requires one)"
        ))
    } else {
        None
    };
    match (problem, location) {
        (None, _) => true,
        (Some(message), Some(location)) => {
            warnings.push(SuppressionWarning {
                location,
                check_id: check_id.to_string(),
                message,
                kind: WarningKind::NotApplied,
                error: false,
            });
            false
        }
        (Some(_), None) => false,
    }
}

/// How the CloudFormation front-end records other tools' metadata skips in
/// [`cloudsentinel_model::Ignore::id`].
const FOREIGN_METADATA_PREFIXES: [&str; 2] = ["checkov:", "cfn_nag:"];

fn find_suppression(
    f: &Finding,
    db: &SourceDb,
    today: &str,
    policy: SuppressionPolicy,
    warnings: &mut Vec<SuppressionWarning>,
    used: &mut Used,
    lines: &mut LineComments,
) -> Option<Suppression> {
    for ig in f.metadata_ignores.iter() {
        // Another tool's skip recorded from template metadata (`Metadata.checkov.skip`,
        // `Metadata.cfn_nag.rules_to_suppress`) counts only when the policy says so.
        let foreign = FOREIGN_METADATA_PREFIXES
            .iter()
            .find_map(|p| ig.id.strip_prefix(p));
        let matches = match foreign {
            Some(id) => {
                // cfn_nag's short IDs (`W35`) are recorded as aliases with their prefix;
                // Checkov's (`CKV_AWS_18`) without.
                let mut checks = crate::registry::resolve(&ig.id);
                if checks.is_empty() {
                    checks = crate::registry::resolve(id);
                }
                policy.honor_foreign && checks.iter().any(|c| c.meta.id == f.check_id)
            }
            None => ig.id == f.check_id,
        };
        if matches
            && admit(
                f.check_id,
                ig.location,
                ig.reason.as_ref(),
                ig.expires.as_ref(),
                today,
                policy,
                warnings,
            )
        {
            return Some(Suppression {
                kind: if foreign.is_some() {
                    "foreign"
                } else {
                    "metadata"
                },
                reason: ig.reason.clone(),
                location: ig.location,
            });
        }
    }
    // The finding's line and each module call site: a comment at the end of that line or in
    // the comment block directly above it. The resource: a comment anywhere in its block, or
    // in the comment block directly above it.
    let mut anchors: Vec<(Location, bool)> = Vec::new();
    anchors.extend(f.location.map(|l| (l, false)));
    anchors.extend(f.resource_location.map(|l| (l, true)));
    anchors.extend(f.module_chain.iter().map(|m| (m.location, false)));
    let mut seen = HashSet::new();
    for (anchor, whole_block) in anchors {
        let file = db.get(anchor.file);
        let first_line = file.line_col(anchor.range.start).line;
        let last_line = if whole_block {
            file.line_col(anchor.range.end).line.max(first_line)
        } else {
            first_line
        };
        let mut candidates: Vec<u32> = (first_line..=last_line).collect();
        let mut l = first_line;
        while l > 1 {
            l -= 1;
            if is_comment_line(file.line_text(l)) {
                candidates.push(l);
            } else {
                break;
            }
        }
        for line in candidates {
            if !seen.insert((anchor.file, line)) {
                continue;
            }
            let text = file.line_text(line);
            // Parsed once per line for all findings: a minified file (plan JSON) is one
            // long line that every finding in it would otherwise search again.
            let found = lines
                .entry((anchor.file, line))
                .or_insert_with(|| {
                    let mut found: Vec<(InlineIgnore, &'static str)> = Vec::new();
                    if let Some(ig) = parse_line(text) {
                        found.push((ig, "inline"));
                    }
                    if policy.honor_foreign {
                        found.extend(
                            parse_foreign_line(text)
                                .into_iter()
                                .map(|ig| (ig, "foreign")),
                        );
                    }
                    found
                })
                .clone();
            for (ig, kind) in found {
                let Some(id) = ig.ids.iter().find(|id| names(id, f.check_id)) else {
                    continue;
                };
                if kind == "inline" {
                    used.insert((anchor.file, line, id.clone()));
                }
                let start = file.lines.line_start(line as usize - 1);
                let location = Location::new(
                    anchor.file,
                    cloudsentinel_model::TextRange {
                        start,
                        end: start + text.len() as u32,
                    },
                );
                if admit(
                    f.check_id,
                    Some(location),
                    ig.reason.as_ref(),
                    ig.expires.as_ref(),
                    today,
                    policy,
                    warnings,
                ) {
                    return Some(Suppression {
                        kind,
                        reason: ig.reason,
                        location: Some(location),
                    });
                }
            }
        }
    }
    None
}

/// True when `id`, as written in a suppression, names the check `check_id` (its ID, or an
/// alias of another tool).
fn names(id: &str, check_id: &str) -> bool {
    id == check_id
        || crate::registry::resolve(id)
            .iter()
            .any(|c| c.meta.id == check_id)
}

/// Warns about every inline `cloudsentinel:ignore` comment naming an unknown check, or a
/// check that ran and whose findings it did not match.
fn check_comments(
    db: &SourceDb,
    available: &[&'static Check],
    ran: &[&'static Check],
    policy: SuppressionPolicy,
    used: &Used,
    warnings: &mut Vec<SuppressionWarning>,
) {
    for (file_id, file) in db.files() {
        if !file.text.contains("cloudsentinel:ignore:") {
            continue;
        }
        for (idx, text) in file.text.split('\n').enumerate() {
            let Some(ig) = parse_line(text) else { continue };
            let line = idx as u32 + 1;
            let start = file.lines.line_start(idx);
            let location = Location::new(
                file_id,
                cloudsentinel_model::TextRange {
                    start,
                    end: start + text.trim_end_matches('\r').len() as u32,
                },
            );
            for id in &ig.ids {
                let checks = crate::registry::resolve_in(available, id);
                let (kind, message) = if checks.is_empty() {
                    let hint = crate::registry::suggest(id)
                        .map(|s| format!(" (did you mean {s}?)"))
                        .unwrap_or_default();
                    (
                        WarningKind::UnknownId,
                        format!("suppression names unknown check `{id}`{hint}"),
                    )
                } else if policy.allow_inline
                    && checks
                        .iter()
                        .any(|c| ran.iter().any(|r| r.meta.id == c.meta.id))
                    && !used.contains(&(file_id, line, id.clone()))
                {
                    (
                        WarningKind::Unused,
                        format!(
                            "suppression of {id} matches no finding (it covers the resource \
                             whose block holds it, or the line below it)"
                        ),
                    )
                } else {
                    continue;
                };
                warnings.push(SuppressionWarning {
                    location,
                    check_id: id.clone(),
                    message,
                    kind,
                    error: policy.strict,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ids_expiry_and_reason() {
        let ig = parse_line(
            "  acl = \"public-read\" # cloudsentinel:ignore:aws-s3-public-acl,aws-s3-no-versioning:exp:2030-01-31 static site",
        )
        .unwrap();
        assert_eq!(ig.ids, ["aws-s3-public-acl", "aws-s3-no-versioning"]);
        assert_eq!(ig.expires.as_deref(), Some("2030-01-31"));
        assert_eq!(ig.reason.as_deref(), Some("static site"));
    }

    #[test]
    fn requires_a_comment() {
        assert!(parse_line("name = \"cloudsentinel:ignore:x\"").is_none());
        assert!(parse_line("// cloudsentinel:ignore:x").is_some());
        assert!(
            parse_line("/* cloudsentinel:ignore:x why */")
                .unwrap()
                .reason
                == Some("why".into())
        );
    }

    #[test]
    fn foreign_skips_map_through_aliases() {
        let ig =
            parse_foreign_line("  acl = \"public-read\" # checkov:skip=CKV_AWS_20:static site");
        assert_eq!(ig.len(), 1);
        assert_eq!(ig[0].ids, ["aws-s3-public-acl"]);
        assert_eq!(ig[0].reason.as_deref(), Some("static site"));
        let ig =
            parse_foreign_line("# tfsec:ignore:aws-s3-no-public-access-with-acl:exp:2030-01-01");
        assert_eq!(ig[0].ids, ["aws-s3-public-acl"]);
        assert_eq!(ig[0].expires.as_deref(), Some("2030-01-01"));
        // tfsec's own spelling (`api-gateway`) and Trivy's (`apigateway`) both map: existing
        // `tfsec:ignore:` comments use the former.
        for line in [
            "# tfsec:ignore:aws-api-gateway-enable-cache-encryption",
            "# trivy:ignore:aws-apigateway-enable-cache-encryption",
            "# tfsec:ignore:AVD-AWS-0002",
        ] {
            assert_eq!(
                parse_foreign_line(line)[0].ids,
                ["aws-apigateway-cache-unencrypted"],
                "{line}"
            );
        }
        assert!(parse_foreign_line("# checkov:skip=CKV_UNKNOWN_1").is_empty());
        assert!(parse_foreign_line("x = \"checkov:skip=CKV_AWS_20\"").is_empty());
    }

    #[test]
    fn reason_is_optional() {
        let ig = parse_line("# cloudsentinel:ignore:aws-s3-public-acl").unwrap();
        assert_eq!(ig.reason, None);
        assert_eq!(ig.expires, None);
    }

    #[test]
    fn jinja_comments_carry_suppressions() {
        let ig =
            parse_line("{# cloudsentinel:ignore:gcp-storage-public static website #}").unwrap();
        assert_eq!(ig.ids, ["gcp-storage-public"]);
        assert_eq!(ig.reason.as_deref(), Some("static website"));
        let ig = parse_line("  {#- cloudsentinel:ignore:gcp-storage-public -#}").unwrap();
        assert_eq!(ig.reason, None);
        assert!(is_comment_line("  {# cloudsentinel:ignore:x y #}"));
    }
}
