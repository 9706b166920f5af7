//! Baselines: a file of accepted findings, so a team can adopt the scanner on an existing
//! code base and be told only about new problems.
//!
//! Version 2 keys entries by fingerprints over paths relative to the project root (the git
//! root of the scanned path, else the configuration's directory, else the scanned directory),
//! so a baseline matches however the scan is invoked. Version 1 baselines (paths as given on
//! the command line) are still read, and match when scanned as they were created.

use cloudsentinel_checks::{Analysis, BaselineMatch, fingerprint_v1, project_path};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;

pub const DEFAULT_FILE: &str = ".cloudsentinel-baseline.json";
const VERSION: u32 = 2;
/// The oldest version still read.
const OLDEST: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// One accepted finding. Only `fingerprint` is used for matching; the rest helps reviewers.
#[derive(Debug, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub check_id: String,
    /// Relative to the project root (version 2), or as scanned (version 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
}

impl Baseline {
    /// Every unsuppressed finding of `analysis`.
    pub fn from_analysis(a: &Analysis) -> Self {
        let root = a.project_root.as_deref();
        let mut findings: Vec<Entry> = a
            .unsuppressed()
            .map(|f| Entry {
                fingerprint: f.fingerprint.clone(),
                check_id: f.check_id.to_string(),
                path: f
                    .location
                    .map(|l| project_path(&a.db.get(l.file).path, root)),
                resource: f.resource.as_deref().map(str::to_owned),
            })
            .collect();
        findings.sort_by(|x, y| {
            (&x.path, &x.check_id, &x.fingerprint).cmp(&(&y.path, &y.check_id, &y.fingerprint))
        });
        findings.dedup_by(|x, y| x.fingerprint == y.fingerprint);
        Baseline {
            version: VERSION,
            findings,
        }
    }

    pub fn read(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
        let b: Baseline = serde_json::from_str(&text)
            .map_err(|e| format!("invalid baseline {}: {e}", path.display()))?;
        if !(OLDEST..=VERSION).contains(&b.version) {
            return Err(format!(
                "baseline {} has version {}, this cloudsentinel reads versions {OLDEST} to \
                 {VERSION}",
                path.display(),
                b.version
            ));
        }
        Ok(b)
    }

    pub fn write(&self, path: &Path) -> Result<(), String> {
        let mut text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        text.push('\n');
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    /// Removes the findings the baseline accepts and records in `a.baseline` how many entries
    /// matched; returns how many findings were removed.
    pub fn filter(&self, a: &mut Analysis) -> usize {
        let known: HashSet<&str> = self
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let key = |f: &cloudsentinel_checks::Finding| {
            if self.version == 1 {
                fingerprint_v1(f, &a.db)
            } else {
                f.fingerprint.clone()
            }
        };
        let keys: Vec<String> = a.findings.iter().map(key).collect();
        let matched: HashSet<&str> = keys
            .iter()
            .map(String::as_str)
            .filter(|k| known.contains(k))
            .collect();
        a.baseline = Some(BaselineMatch {
            matched: matched.len(),
            entries: known.len(),
        });
        if self.version == 1 && matched.len() < known.len() {
            a.notices.push(cloudsentinel_model::Notice {
                location: None,
                message: "the baseline is version 1, which matches only when scanned with the \
                          paths it was created with; recreate it with `cloudsentinel baseline \
                          create` to match from any directory"
                    .to_string(),
            });
        }
        let before = a.findings.len();
        let mut keep = keys
            .iter()
            .map(|k| !known.contains(k.as_str()))
            .collect::<Vec<_>>()
            .into_iter();
        a.findings
            .retain(|f| keep.next().unwrap_or(true) || f.suppression.is_some());
        before - a.findings.len()
    }
}
