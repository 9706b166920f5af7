//! Hover texts: the checks that ran on a resource and their status, and the documentation of
//! the finding under the cursor.

use crate::analysis::FindingView;
use crate::blocks::{self, ResourceBlock, Syntax};
use cloudsentinel_checks::{AnalysisOptions, Severity, analyze, registry};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Which checks evaluate a resource type, learnt from the checks' own bad examples: the type
/// of the resource each one reports on when its examples run through the analysis (the
/// resource types an example declares when its format is not analysed yet).
pub fn checks_for_type(rtype: &str) -> BTreeSet<&'static str> {
    static MAP: OnceLock<HashMap<String, BTreeSet<&'static str>>> = OnceLock::new();
    MAP.get_or_init(learn_types)
        .get(rtype)
        .cloned()
        .unwrap_or_default()
}

/// An example written to disk: its directory, check, and files with their text.
type ExampleDir = (PathBuf, &'static str, Vec<(PathBuf, String)>);

fn learn_types() -> HashMap<String, BTreeSet<&'static str>> {
    let mut map: HashMap<String, BTreeSet<&'static str>> = HashMap::new();
    let root = std::env::temp_dir().join(format!(
        "cloudsentinel-lsp-examples-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    // One directory per bad example, all analysed in one call.
    let mut dirs: Vec<ExampleDir> = Vec::new();
    for c in registry::ALL {
        for (i, ex) in c.meta.examples.iter().enumerate() {
            if !ex.bad {
                continue;
            }
            let dir = root.join(format!("{}-{i}", c.meta.id));
            let mut files = Vec::new();
            for (name, text) in ex.files() {
                let path = dir.join(&name);
                if let Some(parent) = path.parent() {
                    let _ = std::fs::create_dir_all(parent);
                }
                if std::fs::write(&path, &text).is_ok() {
                    files.push((path, text));
                }
            }
            dirs.push((dir, c.meta.id, files));
        }
    }
    let analysis = analyze(std::slice::from_ref(&root), &AnalysisOptions::default());
    for (dir, id, files) in &dirs {
        let mut found = false;
        for f in analysis.findings.iter().filter(|f| f.check_id == *id) {
            // A finding on no resource (a parse error) says no resource type either.
            found = true;
            let Some(rl) = f.resource_location else {
                continue;
            };
            let file = analysis.db.get(rl.file);
            let abs = std::path::absolute(&file.path).unwrap_or_else(|_| file.path.clone());
            if !abs.starts_with(dir) {
                continue;
            }
            if let Some(b) = blocks::resource_at(Syntax::of(&file.path), &file.text, rl.range.start)
                && !b.rtype.is_empty()
            {
                map.entry(b.rtype).or_default().insert(id);
            }
        }
        if !found {
            for (path, text) in files {
                for b in blocks::resources(Syntax::of(path), text) {
                    if !b.rtype.is_empty() {
                        map.entry(b.rtype).or_default().insert(id);
                    }
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&root);
    map
}

/// Markdown describing the checks that ran on `block`: the failing and suppressed ones by
/// name, and how many passed. `findings` are this file's findings from every analysis.
pub fn resource_summary(
    block: &ResourceBlock,
    findings: &[&FindingView],
    checks_run: &BTreeSet<&'static str>,
    min: Severity,
) -> String {
    let mine: Vec<&&FindingView> = findings
        .iter()
        .filter(|f| {
            f.resource_location
                .is_some_and(|r| block.range.start <= r.start && r.start <= block.range.end)
                || (block.range.start <= f.location.start && f.location.end <= block.range.end)
        })
        .collect();
    let mut failing: BTreeMap<&'static str, (Severity, Vec<String>)> = BTreeMap::new();
    let mut suppressed: BTreeSet<&'static str> = BTreeSet::new();
    let mut below: BTreeSet<&'static str> = BTreeSet::new();
    for f in &mine {
        if f.suppressed {
            suppressed.insert(f.check_id);
        } else if f.severity < min {
            below.insert(f.check_id);
        } else {
            let e = failing
                .entry(f.check_id)
                .or_insert((f.severity, Vec::new()));
            if !e.1.contains(&f.message) {
                e.1.push(f.message.clone());
            }
        }
    }
    suppressed.retain(|id| !failing.contains_key(id));
    below.retain(|id| !failing.contains_key(id) && !suppressed.contains(id));
    let mut ran: BTreeSet<&'static str> = checks_for_type(&block.rtype)
        .into_iter()
        .filter(|id| checks_run.contains(id))
        .collect();
    ran.extend(failing.keys());
    ran.extend(&suppressed);
    ran.extend(&below);
    let passed = ran.len() - failing.len() - suppressed.len() - below.len();
    let mut out = format!("**{}** (`{}`)\n\n", block.address(), block.rtype);
    if ran.is_empty() {
        out.push_str("No CloudSentinel check evaluates this resource type on its own.");
        return out;
    }
    out.push_str(&format!(
        "CloudSentinel: {} check{} ran: {} failing, {} passed{}{}.\n",
        ran.len(),
        if ran.len() == 1 { "" } else { "s" },
        failing.len(),
        passed,
        if suppressed.is_empty() {
            String::new()
        } else {
            format!(", {} suppressed", suppressed.len())
        },
        if below.is_empty() {
            String::new()
        } else {
            format!(", {} below the reported severity", below.len())
        },
    ));
    for (id, (sev, messages)) in &failing {
        let title = registry::find(id).map_or("", |c| c.meta.title);
        out.push_str(&format!("\n- **failing** `{id}` ({sev}): {title}"));
        for m in messages {
            out.push_str(&format!("\n  - {m}"));
        }
    }
    for id in &suppressed {
        out.push_str(&format!("\n- suppressed `{id}`"));
    }
    for id in &below {
        out.push_str(&format!("\n- below the reported severity `{id}`"));
    }
    let passing: Vec<String> = ran
        .iter()
        .filter(|id| {
            !failing.contains_key(*id) && !suppressed.contains(*id) && !below.contains(*id)
        })
        .map(|id| format!("`{id}`"))
        .collect();
    if !passing.is_empty() {
        out.push_str(&format!("\n\nPassed: {}", passing.join(", ")));
    }
    out
}

/// Markdown documenting the check behind a finding.
pub fn finding_doc(f: &FindingView) -> String {
    let Some(c) = registry::find(f.check_id) else {
        return f.message.clone();
    };
    let m = &c.meta;
    // Doc comments keep the space after `///`.
    let doc: Vec<&str> = m
        .doc
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    format!(
        "### {}\n\n`{}` · severity **{}**\n\n{}\n\n{}\n\n**Remediation:** {}\n\n[Documentation]({})",
        m.title,
        m.id,
        m.severity,
        f.message,
        doc.join("\n").trim(),
        m.remediation,
        cloudsentinel_checks::emit::sarif::docs_uri(m.id)
    )
}

/// The resource whose header is on the line starting at byte `line_start` of `text`.
pub fn header_on_line(path: &Path, text: &str, line_start: u32) -> Option<ResourceBlock> {
    blocks::resources(Syntax::of(path), text)
        .into_iter()
        .find(|b| blocks::line_start(text, b.header.start) == line_start)
}
