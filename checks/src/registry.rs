//! Every check, in catalogue order. A test keeps this list in step with the check files.

use crate::check::Check;

pub static ALL: &[&Check] = &[
    // S3, EC2, VPC
    &crate::aws::s3::public_acl::CHECK,
    // IAM, RDS, CloudTrail, KMS, ELB, Lambda, EKS, EFS, SQS, SNS, DynamoDB, ECR
    // Across clouds
    &crate::general::secret_hardcoded_credential::CHECK,
    &crate::general::iac_parse_error::CHECK,
];

/// A check by ID or alias (case-insensitive for aliases).
pub fn find(id: &str) -> Option<&'static Check> {
    ALL.iter()
        .copied()
        .find(|c| c.meta.id == id || c.meta.aliases.iter().any(|a| a.eq_ignore_ascii_case(id)))
}

/// The checks to run: `only` (IDs or aliases; empty: all) minus `skip`.
pub fn select(only: &[String], skip: &[String]) -> Vec<&'static Check> {
    let skipped: Vec<&str> = skip
        .iter()
        .filter_map(|s| find(s))
        .map(|c| c.meta.id)
        .collect();
    let chosen: Vec<&'static Check> = if only.is_empty() {
        ALL.to_vec()
    } else {
        only.iter().filter_map(|s| find(s)).collect()
    };
    let mut out: Vec<&'static Check> = chosen
        .into_iter()
        .filter(|c| !skipped.contains(&c.meta.id))
        .collect();
    out.dedup_by_key(|c| c.meta.id);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    /// A check's ID is its path: `aws/s3/public_acl.rs` is `aws-s3-public-acl`,
    /// `general/iac_parse_error.rs` is `iac-parse-error`.
    fn ids_from_files(dir: &Path, prefix: &str, out: &mut BTreeSet<String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let p = e.path();
            let stem = p.file_stem().unwrap().to_str().unwrap().replace('_', "-");
            if p.is_dir() {
                ids_from_files(&p, &format!("{prefix}{stem}-"), out);
            } else if stem != "mod" {
                out.insert(format!("{prefix}{stem}"));
            }
        }
    }

    #[test]
    fn every_check_file_is_registered_under_its_path_id() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = BTreeSet::new();
        ids_from_files(&root.join("aws"), "aws-", &mut files);
        ids_from_files(&root.join("general"), "", &mut files);
        let registered: BTreeSet<String> = ALL.iter().map(|c| c.meta.id.to_string()).collect();
        assert_eq!(
            files, registered,
            "checks/src files and registry::ALL differ"
        );
    }

    #[test]
    fn ids_and_aliases_are_unique() {
        let mut seen = BTreeSet::new();
        for c in ALL {
            assert!(
                seen.insert(c.meta.id.to_string()),
                "duplicate {}",
                c.meta.id
            );
            for a in c.meta.aliases {
                assert!(seen.insert(a.to_ascii_lowercase()), "duplicate alias {a}");
            }
        }
    }

    #[test]
    fn metadata_is_complete() {
        for c in ALL {
            let m = &c.meta;
            assert!(!m.title.is_empty() && !m.doc.trim().is_empty(), "{}", m.id);
            assert!(!m.remediation.is_empty(), "{} lacks remediation", m.id);
            assert!((0.0..=10.0).contains(&m.risk_score), "{} risk score", m.id);
            let band = match m.severity {
                crate::Severity::Critical => 9.0..=10.0,
                crate::Severity::High => 7.0..=8.9,
                crate::Severity::Medium => 4.0..=6.9,
                crate::Severity::Low => 0.1..=3.9,
            };
            assert!(
                band.contains(&m.risk_score),
                "{}: risk score outside its severity band",
                m.id
            );
            for f in m.formats {
                assert!(
                    m.examples.iter().any(|e| e.format == *f && e.bad)
                        && m.examples.iter().any(|e| e.format == *f && !e.bad),
                    "{} needs a bad and a good {} example",
                    m.id,
                    f.name()
                );
            }
        }
    }
}
