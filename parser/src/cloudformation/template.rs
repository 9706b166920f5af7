//! A parsed template and how templates are told from other YAML and JSON files.

use super::syntax::{self, Node, NodeKind, SyntaxError};
use cloudsentinel_model::{FileId, Location, TextRange};
use regex::Regex;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

/// A parsed CloudFormation (or SAM) template.
#[derive(Debug)]
pub struct Template {
    pub file: FileId,
    pub path: PathBuf,
    /// The source text.
    pub text: Arc<str>,
    /// The root mapping.
    pub root: Node,
}

static RESOURCES_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)(^["']?Resources["']?[ \t]*:|"Resources"\s*:)"#).expect("static regex")
});

/// Cheap test on the text: does it look like a template? Such a file that fails to parse
/// is reported; any other YAML or JSON file is skipped silently.
pub fn looks_like_template(text: &str) -> bool {
    text.contains("AWSTemplateFormatVersion")
        || (RESOURCES_KEY.is_match(text) && (text.contains("AWS::") || text.contains("Custom::")))
}

/// A parsed document is a template when its root mapping has `AWSTemplateFormatVersion`,
/// or a `Resources` mapping with an entry whose `Type` is `AWS::…` or `Custom::…`.
pub fn is_template(root: &Node) -> bool {
    if root.as_map().is_none() {
        return false;
    }
    if root.get("AWSTemplateFormatVersion").is_some() {
        return true;
    }
    let Some(resources) = root.get("Resources").and_then(Node::as_map) else {
        return false;
    };
    resources.iter().any(|e| {
        e.value
            .get("Type")
            .and_then(Node::as_str)
            .is_some_and(|t| t.starts_with("AWS::") || t.starts_with("Custom::"))
    })
}

/// What a candidate file turned out to be.
#[derive(Debug)]
pub enum Parsed {
    Template(Node),
    /// It looks like a template but could not be parsed.
    Error(SyntaxError),
    /// Some other YAML or JSON file.
    NotTemplate,
}

/// Parses `text` when it looks like a template (its first document, for a YAML stream).
pub fn classify(text: &str) -> Parsed {
    classify_stream(text).first
}

/// A YAML document after the first of a file.
#[derive(Debug)]
pub struct ExtraDocument {
    /// Byte offset where it starts (its `---`).
    pub start: usize,
    /// Its root, when the document is a template of its own.
    pub template: Option<Node>,
}

/// A candidate file, document by document.
#[derive(Debug)]
pub struct Stream {
    /// What the first document is.
    pub first: Parsed,
    /// The documents after it (`---` separators in YAML).
    pub extra: Vec<ExtraDocument>,
    /// Syntax errors that did not stop the first document from being read: one in a later
    /// document (the documents before it are kept), or one inside a resource left out.
    pub errors: Vec<SyntaxError>,
}

/// Parses `text` when it looks like a template, every document of it: CloudFormation takes one
/// document per template, so each later document that is a template is one of its own.
pub fn classify_stream(text: &str) -> Stream {
    if !looks_like_template(text) {
        return Stream {
            first: Parsed::NotTemplate,
            extra: Vec::new(),
            errors: Vec::new(),
        };
    }
    let (docs, error) = syntax::parse_documents(text);
    let mut docs = docs.into_iter();
    let Some(first) = docs.next() else {
        return Stream {
            first: Parsed::Error(error.unwrap_or_else(|| SyntaxError::at_start("empty document"))),
            extra: Vec::new(),
            errors: Vec::new(),
        };
    };
    let template =
        |root: &Node| is_template(root) || root.get("AWSTemplateFormatVersion").is_some();
    Stream {
        first: if template(&first.root) {
            Parsed::Template(first.root)
        } else {
            Parsed::NotTemplate
        },
        extra: docs
            .map(|d| ExtraDocument {
                start: d.start,
                template: template(&d.root).then_some(d.root),
            })
            .collect(),
        errors: error.into_iter().collect(),
    }
}

/// [`classify_stream`], with recovery for a YAML template whose syntax error lies inside one
/// entry of a block-style `Resources` section: that resource's lines are blanked (bytes become
/// spaces, so every offset stays a file offset) and the text is parsed again. When it then
/// parses, the template is read without that resource and the error is kept, naming it. The
/// resource at the error's line is tried, then (for an error found at the start of a resource)
/// the one before it; nothing else is guessed.
pub fn classify_recovering(text: &str) -> Stream {
    let stream = classify_stream(text);
    let Parsed::Error(e) = &stream.first else {
        return stream;
    };
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        return stream;
    }
    for before in [false, true] {
        let Some((blanked, name)) = blank_resource_at(text, e.offset, before) else {
            continue;
        };
        let mut retry = classify_stream(&blanked);
        if matches!(retry.first, Parsed::Template(_)) {
            let mut error = e.clone();
            error.message = format!("{}; the resource {name} is not checked", e.message);
            retry.errors.insert(0, error);
            return retry;
        }
    }
    stream
}

/// `text` with the lines of the `Resources` entry holding `offset` (or, with `before`, of the
/// entry before it when `offset` is on an entry's first line) blanked, and that entry's name.
fn blank_resource_at(text: &str, offset: usize, before: bool) -> Option<(String, String)> {
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, c) in text.bytes().enumerate() {
        if c == b'\n' {
            lines.push((start, i));
            start = i + 1;
        }
    }
    lines.push((start, text.len()));
    let line = |k: usize| text.get(lines[k].0..lines[k].1).unwrap_or_default();
    let content = |l: &str| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    };
    let section = (0..lines.len()).find(|&k| {
        line(k)
            .strip_prefix("Resources:")
            .is_some_and(|rest| rest.trim().is_empty() || rest.trim_start().starts_with('#'))
    })?;
    let mut entries = Vec::new();
    let mut indent = None;
    let mut end = lines.len();
    for k in section + 1..lines.len() {
        let l = line(k);
        if !content(l) {
            continue;
        }
        let ind = l.len() - l.trim_start_matches(' ').len();
        if ind == 0 {
            end = k;
            break;
        }
        if ind == *indent.get_or_insert(ind) && !l.trim_start().starts_with('-') {
            entries.push(k);
        }
    }
    let at = lines
        .iter()
        .position(|&(s, e)| offset >= s && offset <= e)?;
    if at <= section || at >= end {
        return None;
    }
    let mut i = entries.iter().rposition(|&k| k <= at)?;
    if before {
        if entries[i] != at || i == 0 {
            return None;
        }
        i -= 1;
    }
    let from = lines[entries[i]].0;
    let to = entries.get(i + 1).map_or_else(
        || lines.get(end).map_or(text.len(), |l| l.0),
        |&k| lines[k].0,
    );
    let name = line(entries[i])
        .trim()
        .split(':')
        .next()
        .unwrap_or_default()
        .to_string();
    let mut bytes = text.as_bytes().to_vec();
    for b in bytes.get_mut(from..to)? {
        if *b != b'\n' {
            *b = b' ';
        }
    }
    Some((String::from_utf8(bytes).ok()?, name))
}

impl Template {
    pub fn section(&self, name: &str) -> Option<&Node> {
        self.root.get(name)
    }

    pub fn loc(&self, start: u32, end: u32) -> Location {
        Location::new(
            self.file,
            TextRange {
                start,
                end: end.max(start),
            },
        )
    }

    /// The source text of a byte range.
    pub fn root_text(&self, start: u32, end: u32) -> Option<&str> {
        self.text.get(start as usize..end as usize)
    }

    pub fn node_loc(&self, n: &Node) -> Location {
        self.loc(n.start, n.end)
    }

    /// The `Transform` entries (string or list).
    pub fn transforms(&self) -> Vec<String> {
        match self.section("Transform").map(|n| &n.kind) {
            Some(NodeKind::String(s)) => vec![s.to_string()],
            Some(NodeKind::Seq(items)) => items
                .iter()
                .filter_map(|n| match &n.kind {
                    NodeKind::String(s) => Some(s.to_string()),
                    // `{"Name": "AWS::Include", …}` macros.
                    NodeKind::Map(_) => n.get("Name").and_then(Node::scalar_text),
                    _ => None,
                })
                .collect(),
            Some(NodeKind::Map(_)) => self
                .section("Transform")
                .and_then(|n| n.get("Name"))
                .and_then(Node::scalar_text)
                .into_iter()
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_broken_templates_are_classified_without_panics() {
        const PIECES: [&str; 16] = [
            "Resources:\n",
            "  A:\n",
            "  B:\n",
            "    Type: AWS::S3::Bucket\n",
            "    Properties:\n",
            "      X: [",
            "]",
            "{",
            "\"",
            "\n",
            "---\n",
            "- ",
            "!Ref ",
            "é",
            "  # c\n",
            "\t",
        ];
        let mut seed: u64 = 0xcf;
        for _ in 0..3000 {
            let mut text = String::from("AWSTemplateFormatVersion: x\n");
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            for _ in 0..(seed >> 59) + 4 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
            }
            let stream = classify_recovering(&text);
            if let Parsed::Template(root) = &stream.first {
                assert!(root.end as usize <= text.len(), "{text:?}");
            }
            for e in &stream.errors {
                assert!(e.offset <= text.len(), "{text:?}");
            }
        }
    }

    #[test]
    fn templates_are_told_by_content() {
        assert!(matches!(
            classify("Resources:\n  B:\n    Type: AWS::S3::Bucket\n"),
            Parsed::Template(_)
        ));
        assert!(matches!(
            classify("{\"AWSTemplateFormatVersion\": \"2010-09-09\"}"),
            Parsed::Template(_)
        ));
        // Kubernetes manifests, package.json and workflows are not templates.
        assert!(matches!(
            classify("apiVersion: v1\nkind: Pod\nspec:\n  resources: {}\n"),
            Parsed::NotTemplate
        ));
        assert!(matches!(
            classify("{\"name\": \"x\", \"version\": \"1.0.0\"}"),
            Parsed::NotTemplate
        ));
        assert!(matches!(
            classify(
                "on: push\njobs:\n  a:\n    steps:\n      - run: echo \"Resources: AWS::S3\"\n"
            ),
            Parsed::NotTemplate
        ));
        // Looks like a template but is broken: an error.
        assert!(matches!(
            classify("AWSTemplateFormatVersion: '2010-09-09'\nResources: [\n"),
            Parsed::Error(_)
        ));
    }
}
