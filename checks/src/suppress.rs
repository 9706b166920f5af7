//! Inline (`cloudsentinel:ignore:<id>[,<id>…][:exp:YYYY-MM-DD] <reason>`) and metadata
//! suppressions.

use crate::finding::{Finding, Suppression};
use cloudsentinel_model::{Location, SourceDb};
use regex::Regex;
use std::sync::LazyLock;

static IGNORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"cloudsentinel:ignore:([A-Za-z0-9_\-]+(?:,[A-Za-z0-9_\-]+)*)(?::exp:(\d{4}-\d{2}-\d{2}))?(?:[ \t]+([^\r\n]*?))?[ \t]*(?:\*/)?[ \t]*$",
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
/// (`#`, `//` or `/*`).
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

/// A line is only a comment (so comment blocks above a resource are searched upward).
fn is_comment_line(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('#') || t.starts_with("//") || t.starts_with("/*") || t.starts_with('*')
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
}

impl Default for SuppressionPolicy {
    fn default() -> Self {
        SuppressionPolicy {
            allow_inline: true,
            require_reason: false,
            honor_foreign: false,
        }
    }
}

/// A suppression that matched a finding but did not apply, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuppressionWarning {
    pub location: Location,
    pub check_id: String,
    pub message: String,
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

/// Applies suppressions to `findings` under `policy`; `today` is `YYYY-MM-DD`. Returns the
/// suppressions that matched a finding but did not apply (expired, no reason, disallowed).
pub fn apply(
    findings: &mut [Finding],
    db: &SourceDb,
    today: &str,
    policy: SuppressionPolicy,
) -> Vec<SuppressionWarning> {
    let mut warnings = Vec::new();
    for f in findings.iter_mut() {
        if let Some(s) = find_suppression(f, db, today, policy, &mut warnings) {
            f.suppression = Some(s);
        }
    }
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
) -> Option<Suppression> {
    for ig in &f.metadata_ignores {
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
    // The finding's line, the resource's line, and each module call site: a comment at the
    // end of that line or in the comment block directly above it.
    let mut anchors: Vec<Location> = Vec::new();
    anchors.extend(f.location);
    anchors.extend(f.resource_location);
    anchors.extend(f.module_chain.iter().map(|m| m.location));
    for anchor in anchors {
        let file = db.get(anchor.file);
        let first_line = file.line_col(anchor.range.start).line;
        let mut candidates = vec![first_line];
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
            let text = file.line_text(line);
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
            for (ig, kind) in found {
                if !ig.ids.iter().any(|id| id == f.check_id) {
                    continue;
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
        assert!(parse_foreign_line("# checkov:skip=CKV_UNKNOWN_1").is_empty());
        assert!(parse_foreign_line("x = \"checkov:skip=CKV_AWS_20\"").is_empty());
    }

    #[test]
    fn reason_is_optional() {
        let ig = parse_line("# cloudsentinel:ignore:aws-s3-public-acl").unwrap();
        assert_eq!(ig.reason, None);
        assert_eq!(ig.expires, None);
    }
}
