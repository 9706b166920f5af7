//! Documentation generated from check metadata: one page per check and an index.
//! `docs/checks/` is committed; a test fails when it is stale.

use crate::check::{Check, Format};
use crate::registry;
use std::fmt::Write;

/// The source formats a check has examples for; checks with none run only on live state
/// (`scan --live`) or on drift (`drift`).
fn formats_label(m: &crate::CheckMeta) -> String {
    if m.formats.is_empty() {
        return if m.service == "drift" {
            "drift only".into()
        } else {
            "live only".into()
        };
    }
    m.formats
        .iter()
        .map(|f| f.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The Markdown page of one check.
pub fn check_page(c: &Check) -> String {
    let m = &c.meta;
    let mut s = String::new();
    let _ = writeln!(s, "# {}: {}\n", m.id, m.title);
    let _ = writeln!(
        s,
        "| severity | risk score | provider | service | formats |\n|---|---|---|---|---|\n| {} | {:.1} | {} | {} | {} |\n",
        m.severity,
        m.risk_score,
        m.provider_name(),
        m.service,
        formats_label(m)
    );
    match m.status {
        crate::check::Status::Stable => {}
        crate::check::Status::Preview => {
            let _ = writeln!(
                s,
                "> **Preview.** This check may still change. It runs with `--preview` (or \
                 `checks.preview: true`), or when named with `--check`.\n"
            );
        }
        crate::check::Status::Deprecated => {
            let _ = writeln!(
                s,
                "> **Deprecated.** This check runs only when named with `--check`; it will be \
                 removed.\n"
            );
        }
    }
    let _ = writeln!(s, "{}", unindent_doc(m.doc).trim_end());
    let _ = writeln!(s, "\n## Remediation\n\n{}\n", m.remediation);
    let mappings: Vec<_> = m
        .compliance
        .iter()
        .filter(|mapping| !mapping.controls.is_empty())
        .collect();
    if !mappings.is_empty() {
        let _ = writeln!(s, "## Compliance\n\n| framework | controls |\n|---|---|");
        for mapping in mappings {
            let _ = writeln!(
                s,
                "| {} | {} |",
                mapping.framework.title,
                mapping.controls.join(", ")
            );
        }
        s.push('\n');
    }
    // The claimed formats first, then any other format an example is written in.
    let mut formats: Vec<Format> = m.formats.to_vec();
    for e in m.examples {
        if !formats.contains(&e.format) {
            formats.push(e.format);
        }
    }
    for format in formats {
        let examples: Vec<_> = m.examples.iter().filter(|e| e.format == format).collect();
        if examples.is_empty() {
            continue;
        }
        let _ = writeln!(s, "## {} examples\n", format.name());
        for e in examples {
            let verdict = if e.bad { "Bad" } else { "Good" };
            let _ = writeln!(
                s,
                "{verdict}: {}\n\n```{}\n{}\n```\n",
                e.title,
                e.syntax.fence(),
                e.source.trim()
            );
        }
    }
    if !m.aliases.is_empty() {
        let _ = writeln!(
            s,
            "## Aliases\n\nThe same check in other tools: {}.\n",
            m.aliases
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if !m.references.is_empty() {
        let _ = writeln!(s, "## References\n");
        for r in m.references {
            let _ = writeln!(s, "- <{r}>");
        }
        s.push('\n');
    }
    let _ = writeln!(
        s,
        "## Suppressing\n\n```hcl\n# cloudsentinel:ignore:{} <reason>\n```",
        m.id
    );
    if m.formats.contains(&Format::CloudFormation) {
        let _ = writeln!(
            s,
            "\nIn a CloudFormation template, the same comment above the resource (YAML), or the \
             resource's `Metadata` (YAML or JSON):\n\n```yaml\nMetadata:\n  cloudsentinel:\n    \
             ignore:\n      - id: {}\n        reason: <reason>\n```",
            m.id
        );
    }
    if m.formats.contains(&Format::Bicep) {
        let _ = writeln!(
            s,
            "\nIn a Bicep file, a comment above the resource or at the end of its first line:\n\n```bicep\n// cloudsentinel:ignore:{} <reason>\n```",
            m.id
        );
    }
    if m.formats.contains(&Format::Arm) {
        let _ = writeln!(
            s,
            "\nIn an ARM template (JSON has no comments), the resource's `metadata`:\n\n```json\n\
             \"metadata\": {{\"cloudsentinel\": {{\"ignore\": [{{\"id\": \"{}\", \"reason\": \"<reason>\"}}]}}}}\n```",
            m.id
        );
    }
    if m.formats.contains(&Format::DeploymentManager) {
        let _ = writeln!(
            s,
            "\nIn a Deployment Manager config, the same comment above the resource; in a Jinja \
             template, a Jinja comment above the resource that the template writes (or above \
             the config's resource calling the template):\n\n```jinja\n\
             {{# cloudsentinel:ignore:{} <reason> #}}\n```",
            m.id
        );
    }
    s
}

/// Doc comments keep the single leading space of `/// text`.
fn unindent_doc(doc: &str) -> String {
    doc.lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The plain-text explanation printed by `cloudsentinel checks explain`.
pub fn explain(c: &Check) -> String {
    check_page(c)
}

/// The index page listing every check.
pub fn index_page() -> String {
    let mut s = String::from(
        "# Checks\n\nGenerated from the check metadata; do not edit. Regenerate with\n`CLOUDSENTINEL_UPDATE_DOCS=1 cargo test -p cloudsentinel-checks docs`.\n\n| ID | severity | title | formats |\n|---|---|---|---|\n",
    );
    for c in registry::ALL {
        let m = &c.meta;
        let _ = writeln!(
            s,
            "| [{}]({}.md) | {} | {} | {} |",
            m.id,
            m.id,
            m.severity,
            m.title,
            formats_label(m)
        );
    }
    s
}

/// Every generated file: path relative to the repository root, and content.
pub fn generated_files() -> Vec<(String, String)> {
    let mut out = vec![("docs/checks/README.md".to_string(), index_page())];
    for c in registry::ALL {
        out.push((format!("docs/checks/{}.md", c.meta.id), check_page(c)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn docs_are_fresh() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let update = std::env::var_os("CLOUDSENTINEL_UPDATE_DOCS").is_some();
        let dir = root.join("docs/checks");
        let mut stale = Vec::new();
        let files = generated_files();
        for (rel, content) in &files {
            let path = root.join(rel);
            let current = std::fs::read_to_string(&path).unwrap_or_default();
            if current != *content {
                if update {
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    std::fs::write(&path, content).unwrap();
                } else {
                    stale.push(rel.clone());
                }
            }
        }
        // Pages of checks that no longer exist.
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.flatten() {
                let rel = format!("docs/checks/{}", e.file_name().to_string_lossy());
                if !files.iter().any(|(r, _)| *r == rel) {
                    if update {
                        std::fs::remove_file(e.path()).unwrap();
                    } else {
                        stale.push(rel);
                    }
                }
            }
        }
        assert!(
            stale.is_empty(),
            "generated docs are stale: {stale:?}\nregenerate with: CLOUDSENTINEL_UPDATE_DOCS=1 cargo test -p cloudsentinel-checks docs"
        );
    }
}
