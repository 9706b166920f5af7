//! GitHub Actions workflow commands: one annotation per unsuppressed finding.

use super::span;
use crate::check::Severity;
use crate::{Analysis, registry};

/// Escapes a workflow-command message (`%`, CR, LF).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property value (also `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(a: &Analysis) -> String {
    let mut out = String::new();
    for f in a.unsuppressed() {
        let command = match f.severity {
            Severity::Critical | Severity::High => "error",
            Severity::Medium => "warning",
            Severity::Low => "notice",
        };
        let title = registry::find(f.check_id).map_or_else(
            || f.check_id.to_string(),
            |c| format!("{} ({})", c.meta.title, f.check_id),
        );
        let mut props = Vec::new();
        if let Some(loc) = f.location {
            let s = span(&a.db, loc);
            props.push(format!("file={}", escape_property(&s.path)));
            props.push(format!("line={}", s.start.line));
            props.push(format!("col={}", s.start.column));
            props.push(format!("endLine={}", s.end.line.max(s.start.line)));
            props.push(format!("endColumn={}", s.end.column));
        }
        props.push(format!("title={}", escape_property(&title)));
        let resource = f
            .resource
            .as_ref()
            .map(|r| format!(" [{r}]"))
            .unwrap_or_default();
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            escape_data(&format!("{}{resource}", f.message))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_toolkit() {
        assert_eq!(escape_data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(escape_property("x: y, z"), "x%3A y%2C z");
    }
}
