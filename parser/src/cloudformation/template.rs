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
    /// A syntax error after the first document (the documents before it are kept).
    pub error: Option<SyntaxError>,
}

/// Parses `text` when it looks like a template, every document of it: CloudFormation takes one
/// document per template, so each later document that is a template is one of its own.
pub fn classify_stream(text: &str) -> Stream {
    if !looks_like_template(text) {
        return Stream {
            first: Parsed::NotTemplate,
            extra: Vec::new(),
            error: None,
        };
    }
    let (docs, error) = syntax::parse_documents(text);
    let mut docs = docs.into_iter();
    let Some(first) = docs.next() else {
        return Stream {
            first: Parsed::Error(error.unwrap_or_else(|| SyntaxError::at_start("empty document"))),
            extra: Vec::new(),
            error: None,
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
        error,
    }
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
