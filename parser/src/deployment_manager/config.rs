//! Deployment Manager configs: recognising them by content, and reading their imports.
//!
//! A config is a YAML mapping with a `resources:` list whose entries have a `name` and a
//! Deployment Manager `type` (an API type, a type provider's or a template), or an
//! `imports:` list of `path`s. CloudFormation templates (a `Resources` mapping),
//! Kubernetes manifests (`apiVersion` and `kind`) and other YAML are not configs.

use crate::cloudformation::syntax::{self, Node};
use regex::Regex;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// A `resources:` or `imports:` key at the start of a line, then a list item: the textual
/// shape of a config, for files too broken to parse.
static CONFIG_SHAPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^(resources|imports):[ \t]*(#.*)?\r?\n(\s*(#.*)?\r?\n)*\s*-\s+(name|type|path):",
    )
    .expect("static regex")
});

/// True when `text` is a Deployment Manager config.
pub fn looks_like_config(text: &str) -> bool {
    if !(text.contains("resources:") || text.contains("imports:")) {
        return false;
    }
    match syntax::parse_yaml(text) {
        Ok(root) => is_config(&root),
        // A file that is not valid YAML is claimed when it is shaped like a config, so its
        // error is reported.
        Err(_) => CONFIG_SHAPE.is_match(text),
    }
}

/// True when a parsed YAML document is a config.
pub fn is_config(root: &Node) -> bool {
    if root.as_map().is_none() || root.get("apiVersion").is_some() && root.get("kind").is_some() {
        return false;
    }
    // Types are API types (`compute.v1.instance`), type providers (`gcp-types/…:…`) or
    // templates (`vm.jinja`): a Concourse pipeline's `type: git` is not one.
    let resources_ok = root
        .get("resources")
        .and_then(Node::as_seq)
        .is_some_and(|items| {
            items.iter().any(|r| {
                r.get("name").is_some()
                    && r.get("type")
                        .and_then(Node::as_str)
                        .is_some_and(|t| t.contains(['.', '/', ':']))
            })
        });
    let imports_ok = root
        .get("imports")
        .and_then(Node::as_seq)
        .is_some_and(|items| items.iter().any(|i| i.get("path").is_some()));
    resources_ok || imports_ok
}

/// One entry of `imports:` (in a config or a schema).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The name templates and types use: `name` when given, else `path` as written.
    pub name: String,
    /// `path` as written.
    pub written: String,
    /// The file, relative to the declaring file's directory, lexically cleaned.
    pub path: PathBuf,
    /// Byte range of the entry in the declaring file.
    pub start: u32,
    pub end: u32,
}

impl Import {
    /// The kind of file imported.
    pub fn kind(&self) -> ImportKind {
        let ext = self
            .path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        match ext.as_str() {
            "jinja" | "j2" => ImportKind::Jinja,
            "py" => ImportKind::Python,
            _ => ImportKind::Other,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Jinja,
    Python,
    /// A file templates read through `imports[...]` (a script, a manifest).
    Other,
}

/// The `imports:` of a config or schema; entries without a string `path` are returned as
/// byte offsets of the bad entries.
pub fn imports(root: &Node, dir: &Path) -> (Vec<Import>, Vec<u32>) {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let Some(items) = root.get("imports").and_then(Node::as_seq) else {
        return (out, bad);
    };
    for item in items {
        let Some(written) = item.get("path").and_then(Node::scalar_text) else {
            bad.push(item.start);
            continue;
        };
        let name = item
            .get("name")
            .and_then(Node::scalar_text)
            .unwrap_or_else(|| written.clone());
        out.push(Import {
            name,
            path: clean(&dir.join(&written)),
            written,
            start: item.start,
            end: item.end,
        });
    }
    (out, bad)
}

/// `a/./b/../c` → `a/c`, lexically.
pub fn clean(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component<'_>> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(c),
            },
            _ => out.push(c),
        }
    }
    let n: PathBuf = out.iter().collect();
    if n.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configs_are_recognised_by_content() {
        assert!(looks_like_config(
            "imports:\n- path: vm.jinja\nresources:\n- name: vm\n  type: vm.jinja\n"
        ));
        assert!(looks_like_config(
            "resources:\n- type: storage.v1.bucket\n  name: b\n"
        ));
        // CloudFormation, Kubernetes, Compose and other YAML with a `resources` key are not.
        assert!(!looks_like_config(
            "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"
        ));
        assert!(!looks_like_config(
            "apiVersion: v1\nkind: List\nresources:\n- name: a\n  type: b\n"
        ));
        assert!(!looks_like_config(
            "spec:\n  resources:\n    limits:\n      cpu: 1\n"
        ));
        assert!(!looks_like_config("resources:\n  cpu: 1\n"));
        assert!(!looks_like_config("resources:\n- just a string\n"));
        assert!(!looks_like_config("name: x\n"));
        // A Concourse pipeline has resources with a name and a type too.
        assert!(!looks_like_config(
            "resources:\n- name: repo\n  type: git\n  source: {uri: x}\njobs: []\n"
        ));
        // Broken YAML shaped like a config is claimed, so its error is reported.
        assert!(looks_like_config(
            "resources:\n- name: a\n  type: b\n  properties: [\n"
        ));
        assert!(!looks_like_config("resources: [\n"));
    }

    #[test]
    fn imports_take_their_name_or_path() {
        let root = syntax::parse_yaml(
            "imports:\n- path: ../t/vm.jinja\n- path: s.py\n  name: script\n- name: nopath\n",
        )
        .unwrap();
        let (found, bad) = imports(&root, Path::new("cfg/dir"));
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "../t/vm.jinja");
        assert_eq!(found[0].path, PathBuf::from("cfg/t/vm.jinja"));
        assert_eq!(found[0].kind(), ImportKind::Jinja);
        assert_eq!(found[1].name, "script");
        assert_eq!(found[1].kind(), ImportKind::Python);
        assert_eq!(bad.len(), 1);
    }
}
