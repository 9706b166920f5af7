//! Pull-request mode: keep only findings on lines (or in resources) changed since a git ref.

use cloudsentinel_checks::{Analysis, Finding};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Changed line ranges per file (absolute paths); `None` means the whole file is new.
#[derive(Debug, Default)]
pub struct Changes {
    files: HashMap<PathBuf, Option<Vec<(u32, u32)>>>,
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

impl Changes {
    /// Reads the changes between `base` and the working tree of the repository that holds
    /// `dir` (the scanned directory; untracked files count as new).
    pub fn since(base: &str, dir: &Path) -> Result<Self, String> {
        if base.starts_with('-') {
            return Err(format!("invalid git ref `{base}`"));
        }
        if !dir.is_dir() {
            return Err(format!("{}: no such file or directory", dir.display()));
        }
        let top = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|e| {
            format!(
                "--diff-base: {} is not in a git repository ({e})",
                dir.display()
            )
        })?;
        let top = PathBuf::from(top.trim());
        git(
            &top,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{base}^{{commit}}"),
            ],
        )
        .map_err(|_| format!("--diff-base: unknown git ref `{base}`"))?;
        let diff = git(
            &top,
            &[
                "diff",
                "--unified=0",
                "--no-color",
                "--no-ext-diff",
                "--relative",
                base,
                "--",
            ],
        )?;
        let mut changes = Self::parse_diff(&diff, &top);
        for path in git(&top, &["ls-files", "--others", "--exclude-standard"])?.lines() {
            changes.files.insert(top.join(path), None);
        }
        Ok(changes)
    }

    /// Parses `git diff --unified=0` output.
    fn parse_diff(diff: &str, top: &Path) -> Self {
        let mut changes = Changes::default();
        let mut current: Option<PathBuf> = None;
        for line in diff.lines() {
            if let Some(path) = line.strip_prefix("+++ ") {
                current = path.strip_prefix("b/").map(|p| top.join(p));
                if let Some(p) = &current {
                    changes
                        .files
                        .entry(p.clone())
                        .or_insert_with(|| Some(Vec::new()));
                }
            } else if let Some(hunk) = line.strip_prefix("@@ ") {
                // @@ -a,b +c,d @@: lines c..c+d of the new file changed (d = 0: a deletion
                // after line c, which touches line c and c+1 for our purposes).
                let Some(new) = hunk.split(' ').find(|p| p.starts_with('+')) else {
                    continue;
                };
                let mut parts = new[1..].split(',');
                let start: u32 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
                let count: u32 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(1);
                let range = if count == 0 {
                    (start.max(1), start + 1)
                } else {
                    (start, start + count - 1)
                };
                if let Some(Some(ranges)) = current.as_ref().and_then(|p| changes.files.get_mut(p))
                {
                    ranges.push(range);
                }
            }
        }
        changes
    }

    fn touches(&self, path: &Path, lines: (u32, u32)) -> bool {
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let entry = self.files.get(&abs).or_else(|| self.files.get(path));
        match entry {
            None => false,
            Some(None) => true,
            Some(Some(ranges)) => ranges.iter().any(|(s, e)| *s <= lines.1 && lines.0 <= *e),
        }
    }

    fn finding_changed(&self, a: &Analysis, f: &Finding) -> bool {
        [f.location, f.resource_location]
            .into_iter()
            .flatten()
            .chain(f.module_chain.iter().map(|m| m.location))
            .any(|loc| {
                let file = a.db.get(loc.file);
                let (s, e) = a.db.span(loc);
                self.touches(&file.path, (s.line, e.line))
            })
    }

    /// Keeps the findings located on changed lines or in changed resources; returns how many
    /// were dropped.
    pub fn filter(&self, a: &mut Analysis) -> usize {
        let keep: Vec<bool> = a
            .findings
            .iter()
            .map(|f| self.finding_changed(a, f))
            .collect();
        let before = a.findings.len();
        let mut i = 0;
        a.findings.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        before - a.findings.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hunks_including_deletions() {
        let diff = "diff --git a/x.tf b/x.tf\n--- a/x.tf\n+++ b/x.tf\n@@ -3,0 +4,2 @@\n+a\n+b\n@@ -10 +12,0 @@\n-c\n";
        let c = Changes::parse_diff(diff, Path::new("/r"));
        assert_eq!(c.files[Path::new("/r/x.tf")], Some(vec![(4, 5), (12, 13)]));
        assert!(c.touches(Path::new("/r/x.tf"), (5, 9)));
        assert!(!c.touches(Path::new("/r/x.tf"), (6, 11)));
    }
}
