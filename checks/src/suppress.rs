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

/// A suppression that would apply but has expired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiredIgnore {
    pub location: Location,
    pub check_id: String,
    pub expired: String,
}

/// Applies suppressions to `findings`; `today` is `YYYY-MM-DD`. Returns the suppressions that
/// matched a finding but had expired.
pub fn apply(findings: &mut [Finding], db: &SourceDb, today: &str) -> Vec<ExpiredIgnore> {
    let mut expired = Vec::new();
    for f in findings.iter_mut() {
        if let Some(s) = find_suppression(f, db, today, &mut expired) {
            f.suppression = Some(s);
        }
    }
    expired.sort_by(|a, b| (a.location, &a.check_id).cmp(&(b.location, &b.check_id)));
    expired.dedup();
    expired
}

fn find_suppression(
    f: &Finding,
    db: &SourceDb,
    today: &str,
    expired: &mut Vec<ExpiredIgnore>,
) -> Option<Suppression> {
    for ig in &f.metadata_ignores {
        if ig.id == f.check_id {
            match &ig.expires {
                Some(exp) if exp.as_str() < today => {
                    if let Some(location) = ig.location {
                        expired.push(ExpiredIgnore {
                            location,
                            check_id: ig.id.clone(),
                            expired: exp.clone(),
                        });
                    }
                }
                _ => {
                    return Some(Suppression {
                        kind: "metadata",
                        reason: ig.reason.clone(),
                        location: ig.location,
                    });
                }
            }
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
            let Some(ig) = parse_line(file.line_text(line)) else {
                continue;
            };
            if !ig.ids.iter().any(|id| id == f.check_id) {
                continue;
            }
            let start = file.lines.line_start(line as usize - 1);
            let location = Location::new(
                anchor.file,
                cloudsentinel_model::TextRange {
                    start,
                    end: start + file.line_text(line).len() as u32,
                },
            );
            match &ig.expires {
                Some(exp) if exp.as_str() < today => expired.push(ExpiredIgnore {
                    location,
                    check_id: f.check_id.to_string(),
                    expired: exp.clone(),
                }),
                _ => {
                    return Some(Suppression {
                        kind: "inline",
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
    fn reason_is_optional() {
        let ig = parse_line("# cloudsentinel:ignore:aws-s3-public-acl").unwrap();
        assert_eq!(ig.reason, None);
        assert_eq!(ig.expires, None);
    }
}
