//! Baselines: a file of accepted findings, so a team can adopt the scanner on an existing
//! code base and be told only about new problems.

use cloudsentinel_checks::{Analysis, emit};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;

pub const DEFAULT_FILE: &str = ".cloudsentinel-baseline.json";
const VERSION: u32 = 1;

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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
}

impl Baseline {
    /// Every unsuppressed finding of `analysis`.
    pub fn from_analysis(a: &Analysis) -> Self {
        let mut findings: Vec<Entry> = a
            .unsuppressed()
            .map(|f| Entry {
                fingerprint: f.fingerprint.clone(),
                check_id: f.check_id.to_string(),
                path: f
                    .location
                    .map(|l| emit::display_path(&a.db.get(l.file).path)),
                resource: f.resource.clone(),
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
        if b.version != VERSION {
            return Err(format!(
                "baseline {} has version {}, this cloudsentinel reads version {VERSION}",
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

    /// Removes the findings the baseline accepts; returns how many were removed.
    pub fn filter(&self, a: &mut Analysis) -> usize {
        let known: HashSet<&str> = self
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let before = a.findings.len();
        a.findings
            .retain(|f| f.suppression.is_some() || !known.contains(f.fingerprint.as_str()));
        before - a.findings.len()
    }
}
