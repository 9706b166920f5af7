//! JUnit XML: one test case per check and file; a failing case per unsuppressed finding.

use super::span;
use crate::{Analysis, registry};
use std::collections::BTreeMap;
use std::fmt::Write;

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

pub fn render(a: &Analysis) -> String {
    // Group by file so CI shows one suite per file.
    let mut suites: BTreeMap<String, Vec<&crate::Finding>> = BTreeMap::new();
    for f in &a.findings {
        let key = f
            .location
            .map(|l| span(&a.db, l).path)
            .or_else(|| f.live_id.as_deref().map(|(id, _)| id.clone()))
            .unwrap_or_default();
        suites.entry(key).or_default().push(f);
    }
    let failures = a.unsuppressed().count();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<testsuites name=\"cloudsentinel\" tests=\"{}\" failures=\"{failures}\">",
        a.findings.len()
    );
    for (file, findings) in &suites {
        let fails = findings.iter().filter(|f| f.suppression.is_none()).count();
        let skipped = findings.len() - fails;
        let _ = writeln!(
            s,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{fails}\" skipped=\"{skipped}\">",
            xml_escape(file),
            findings.len()
        );
        for f in findings {
            let title = registry::find(f.check_id).map_or("", |c| c.meta.title);
            let place = f
                .location
                .map(|l| {
                    let sp = span(&a.db, l);
                    format!("{}:{}:{}", sp.path, sp.start.line, sp.start.column)
                })
                .unwrap_or_default();
            let name = format!(
                "{} {}",
                f.check_id,
                f.resource.as_deref().unwrap_or(place.as_str())
            );
            let _ = writeln!(
                s,
                "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\">",
                xml_escape(name.trim()),
                xml_escape(f.check_id),
                xml_escape(file)
            );
            match &f.suppression {
                Some(sup) => {
                    let _ = writeln!(
                        s,
                        "      <skipped message=\"suppressed: {}\"/>",
                        xml_escape(sup.reason.as_deref().unwrap_or("no reason given"))
                    );
                }
                None => {
                    let _ = writeln!(
                        s,
                        "      <failure message=\"{}\" type=\"{}\">{} ({})&#10;{}&#10;{}</failure>",
                        xml_escape(&f.message),
                        f.severity,
                        xml_escape(title),
                        f.severity,
                        xml_escape(&f.message),
                        xml_escape(&place)
                    );
                }
            }
            s.push_str("    </testcase>\n");
        }
        s.push_str("  </testsuite>\n");
    }
    s.push_str("</testsuites>\n");
    s
}
