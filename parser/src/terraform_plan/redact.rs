//! Blanking sensitive values in the text of a plan, keeping every byte offset.
//!
//! `terraform show -json` prints sensitive values in clear and lists them in separate
//! masks (`sensitive_values`, `after_sensitive`, …). The text the scan registers for the
//! file has them replaced by `*`, so a snippet, a fingerprint or an editor never shows one.
//! A sensitive string is also blanked wherever else it is written (a variable's value, a
//! constant in the configuration section).

use crate::cloudformation::syntax::{Node, NodeKind};
use std::collections::HashSet;

/// Deepest nesting walked (the JSON parser already limits nesting; this bounds recursion
/// on the masks).
const MAX_DEPTH: usize = 300;

/// `text` with the sensitive values of the parsed plan `root` blanked.
pub fn redact(text: &str, root: &Node) -> String {
    let mut found = Found::default();
    collect(root, &mut found);
    if found.spans.is_empty() {
        return text.to_string();
    }
    // Every other occurrence of a sensitive string.
    if !found.strings.is_empty() {
        let mut stack = vec![root];
        while let Some(n) = stack.pop() {
            match &n.kind {
                NodeKind::String(s) if found.strings.contains(&**s) => {
                    found.spans.push((n.start, n.end));
                }
                NodeKind::Seq(items) => stack.extend(items.iter()),
                NodeKind::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
                _ => {}
            }
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut spans = found.spans;
    spans.sort_unstable();
    let mut at = 0usize;
    for (start, end) in spans {
        let (start, end) = (start as usize, (end as usize).min(text.len()));
        let start = start.max(at);
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[at..start]);
        for c in text[start..end].chars() {
            if c.is_ascii_whitespace() || "\"{}[],:".contains(c) {
                out.push(c);
            } else {
                out.extend(std::iter::repeat_n('*', c.len_utf8()));
            }
        }
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// `text` (JSON that did not parse, so its sensitive values cannot be told) with the
/// content of every string that is not an object key blanked: the parse error's snippet
/// shows the structure around it, never a value.
pub fn blank_string_values(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'"' {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut end = start;
        while end < b.len() && b[end] != b'"' {
            end += if b[end] == b'\\' { 2 } else { 1 };
        }
        let end = end.min(b.len());
        let after = b[(end + 1).min(b.len())..]
            .iter()
            .find(|c| !c.is_ascii_whitespace());
        if after != Some(&b':') && text.is_char_boundary(start) && text.is_char_boundary(end) {
            out.push_str(&text[at..start]);
            for c in text[start..end].chars() {
                out.extend(std::iter::repeat_n('*', c.len_utf8()));
            }
            at = end;
        }
        i = end + 1;
    }
    out.push_str(&text[at.min(text.len())..]);
    out
}

#[derive(Default)]
struct Found {
    spans: Vec<(u32, u32)>,
    strings: HashSet<String>,
}

/// The sensitive parts of a plan or state document.
fn collect(root: &Node, found: &mut Found) {
    for path in [
        &["planned_values"][..],
        &["prior_state", "values"],
        &["values"],
    ] {
        if let Some(values) = get_path(root, path) {
            if let Some(m) = values.get("root_module") {
                module(m, found, 0);
            }
            outputs(values.get("outputs"), found);
        }
    }
    for section in ["resource_changes", "resource_drift"] {
        for rc in root.get(section).and_then(Node::as_seq).unwrap_or(&[]) {
            if let Some(change) = rc.get("change") {
                change_values(change, found);
            }
        }
    }
    for e in root
        .get("output_changes")
        .and_then(Node::as_map)
        .unwrap_or(&[])
    {
        change_values(&e.value, found);
    }
    // Variables declared sensitive in the root module.
    let declared = get_path(root, &["configuration", "root_module", "variables"]);
    for e in root.get("variables").and_then(Node::as_map).unwrap_or(&[]) {
        let sensitive = declared
            .and_then(|d| d.get(&e.key))
            .and_then(|v| v.get("sensitive"))
            .is_some_and(|s| matches!(s.kind, NodeKind::Bool(true)));
        if sensitive && let Some(v) = e.value.get("value") {
            whole(v, found);
        }
    }
}

fn get_path<'a>(node: &'a Node, path: &[&str]) -> Option<&'a Node> {
    path.iter().try_fold(node, |n, k| n.get(k))
}

fn module(m: &Node, found: &mut Found, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for r in m.get("resources").and_then(Node::as_seq).unwrap_or(&[]) {
        if let (Some(v), Some(mask)) = (r.get("values"), r.get("sensitive_values")) {
            masked(v, mask, found, 0);
        }
    }
    for c in m.get("child_modules").and_then(Node::as_seq).unwrap_or(&[]) {
        module(c, found, depth + 1);
    }
}

fn outputs(outputs: Option<&Node>, found: &mut Found) {
    for e in outputs.and_then(Node::as_map).unwrap_or(&[]) {
        let sensitive = e
            .value
            .get("sensitive")
            .is_some_and(|s| matches!(s.kind, NodeKind::Bool(true)));
        if sensitive && let Some(v) = e.value.get("value") {
            whole(v, found);
        }
    }
}

fn change_values(change: &Node, found: &mut Found) {
    for (value, mask) in [("before", "before_sensitive"), ("after", "after_sensitive")] {
        if let (Some(v), Some(m)) = (change.get(value), change.get(mask)) {
            masked(v, m, found, 0);
        }
    }
}

/// The parts of `value` that `mask` (same shape, `true` where sensitive) marks.
fn masked(value: &Node, mask: &Node, found: &mut Found, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match (&mask.kind, &value.kind) {
        (NodeKind::Bool(true), _) => whole(value, found),
        (NodeKind::Map(marks), NodeKind::Map(_)) => {
            for e in marks {
                if let Some(v) = value.get(&e.key) {
                    masked(v, &e.value, found, depth + 1);
                }
            }
        }
        (NodeKind::Seq(marks), NodeKind::Seq(items)) => {
            for (m, v) in marks.iter().zip(items) {
                masked(v, m, found, depth + 1);
            }
        }
        _ => {}
    }
}

/// A sensitive value: its span, and its strings for blanking elsewhere.
fn whole(value: &Node, found: &mut Found) {
    if matches!(value.kind, NodeKind::Null) {
        return;
    }
    found.spans.push((value.start, value.end));
    let mut stack = vec![value];
    while let Some(n) = stack.pop() {
        match &n.kind {
            NodeKind::String(s) if !s.is_empty() => {
                found.strings.insert(s.to_string());
            }
            NodeKind::Seq(items) => stack.extend(items.iter()),
            NodeKind::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::redact;
    use crate::cloudformation::syntax::parse_json;

    #[test]
    fn sensitive_values_are_blanked_everywhere_with_offsets_kept() {
        let text = r#"{"format_version":"1.2","variables":{"pw":{"value":"hunter2é"}},
"planned_values":{"root_module":{"resources":[{"values":{"password":"hunter2é","name":"db","n":5},
"sensitive_values":{"password":true,"n":true}}]}},
"configuration":{"root_module":{"variables":{"pw":{"sensitive":true}}}}}"#;
        let root = parse_json(text).unwrap();
        let out = redact(text, &root);
        assert_eq!(out.len(), text.len());
        assert!(!out.contains("hunter2"), "{out}");
        assert!(out.contains(r#""name":"db""#));
        assert!(out.contains(r#""n":*"#));
        assert!(out.contains(r#""password":"*********""#), "{out}");
    }

    #[test]
    fn unparsed_json_keeps_keys_and_blanks_values() {
        let text = r#"{"password": "hunter2", "n": 1, "list": ["a\"b", "é"], "cut": "secr"#;
        let out = super::blank_string_values(text);
        assert_eq!(out.len(), text.len());
        assert_eq!(
            out,
            r#"{"password": "*******", "n": 1, "list": ["****", "**"], "cut": "****"#
        );
    }

    #[test]
    fn a_plan_without_sensitive_values_is_unchanged() {
        let text = r#"{"format_version":"1.2","planned_values":{"root_module":{}}}"#;
        assert_eq!(redact(text, &parse_json(text).unwrap()), text);
    }
}
