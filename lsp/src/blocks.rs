//! Where resources are declared in a buffer: Terraform `resource` blocks, CloudFormation
//! entries under `Resources` (YAML and JSON). Used to place hovers, suppression comments and
//! quick fixes; the analysis itself never depends on it.

use cloudsentinel_model::TextRange;
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// The concrete syntax of a buffer, by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Hcl,
    Yaml,
    /// A Deployment Manager Jinja template: YAML with Jinja tags, `{# … #}` comments.
    Jinja,
    /// Bicep: `//` comments.
    Bicep,
    Json,
}

impl Syntax {
    pub fn of(path: &Path) -> Syntax {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        // `name` is lowercased above.
        #[allow(clippy::case_sensitive_file_extension_comparisons)]
        if name.ends_with(".json") {
            Syntax::Json
        } else if name.ends_with(".jinja") {
            Syntax::Jinja
        } else if name.ends_with(".bicep") || name.ends_with(".bicepparam") {
            Syntax::Bicep
        } else if [".tf", ".tofu", ".tfvars", ".hcl"]
            .iter()
            .any(|suffix| name.ends_with(suffix))
        {
            Syntax::Hcl
        } else {
            Syntax::Yaml
        }
    }
}

/// A declared resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceBlock {
    /// `aws_s3_bucket`, `AWS::S3::Bucket` (empty when a template entry has no `Type`).
    pub rtype: String,
    /// The Terraform name or the CloudFormation logical id.
    pub name: String,
    /// The header line (`resource "t" "n" {`, `  Bucket:`, `"Bucket": {`), without its end of line.
    pub header: TextRange,
    /// The whole declaration.
    pub range: TextRange,
}

impl ResourceBlock {
    /// `aws_s3_bucket.logs`, or the logical id.
    pub fn address(&self) -> String {
        if self.rtype.contains("::") || self.rtype.is_empty() {
            self.name.clone()
        } else {
            format!("{}.{}", self.rtype, self.name)
        }
    }
}

/// Every resource declared in `text`, in source order.
pub fn resources(syntax: Syntax, text: &str) -> Vec<ResourceBlock> {
    match syntax {
        Syntax::Hcl => hcl_resources(text),
        Syntax::Yaml | Syntax::Jinja => yaml_resources(text),
        Syntax::Json => json_resources(text),
        Syntax::Bicep => bicep_resources(text),
    }
}

/// `resource <symbol> '<type>@<version>' …` declarations at the start of a line.
fn bicep_resources(text: &str) -> Vec<ResourceBlock> {
    let mut out = Vec::new();
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("resource ")
            && let Some((name, after)) = rest.split_once(char::is_whitespace)
            && let Some(ty) = after.trim_start().strip_prefix('\'')
            && let Some((ty, _)) = ty.split_once('\'')
        {
            let start = offset + (line.len() - trimmed.len());
            out.push(ResourceBlock {
                rtype: ty.split('@').next().unwrap_or(ty).to_string(),
                name: name.to_string(),
                header: line_range(text, start as u32),
                range: TextRange::new(start, offset + line.len()),
            });
        }
        offset += line.len();
    }
    out
}

/// The resource whose declaration contains `offset`.
pub fn resource_at(syntax: Syntax, text: &str, offset: u32) -> Option<ResourceBlock> {
    resources(syntax, text)
        .into_iter()
        .filter(|b| b.range.start <= offset && offset <= b.range.end.max(b.header.end))
        .min_by_key(|b| b.range.len())
}

/// Byte range of the line containing `offset`, without its terminator.
pub fn line_range(text: &str, offset: u32) -> TextRange {
    let offset = (offset as usize).min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = if text[start..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    TextRange::new(start, end)
}

/// Leading spaces and tabs of the line starting at `line_start`.
pub fn indent_at(text: &str, line_start: u32) -> &str {
    let rest = &text[line_start as usize..];
    let n = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    &rest[..n]
}

/// `\r\n` when the text uses it, else `\n`.
pub fn newline(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

static HCL_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)^[ \t]*resource[ \t]+"([^"\r\n]+)"[ \t]+"([^"\r\n]+)"[ \t]*\{"#)
        .expect("static regex")
});

fn hcl_resources(text: &str) -> Vec<ResourceBlock> {
    // The parsed body gives exact block ends; a buffer being edited may not parse, and then
    // a block ends where the next one starts.
    let parsed = std::panic::catch_unwind(|| hcl_edit::parser::parse_body(text).ok())
        .ok()
        .flatten();
    if let Some(body) = parsed {
        use hcl_edit::Span;
        let mut out = Vec::new();
        for b in body.blocks() {
            if b.ident.as_str() != "resource" || b.labels.len() != 2 {
                continue;
            }
            let Some(span) = b.span() else { continue };
            let label = |i: usize| match &b.labels[i] {
                hcl_edit::structure::BlockLabel::String(s) => s.value().clone(),
                hcl_edit::structure::BlockLabel::Ident(s) => s.as_str().to_string(),
            };
            out.push(ResourceBlock {
                rtype: label(0),
                name: label(1),
                header: line_range(text, span.start as u32),
                range: TextRange::new(span.start, span.end),
            });
        }
        return out;
    }
    let heads: Vec<_> = HCL_HEADER.captures_iter(text).collect();
    let mut out = Vec::new();
    for (i, c) in heads.iter().enumerate() {
        let m = c.get(0).expect("match");
        let start = m.start() + (m.as_str().len() - m.as_str().trim_start().len());
        let end = heads
            .get(i + 1)
            .and_then(|n| n.get(0))
            .map_or(text.len(), |n| n.start());
        out.push(ResourceBlock {
            rtype: c[1].to_string(),
            name: c[2].to_string(),
            header: line_range(text, start as u32),
            range: TextRange::new(start, end),
        });
    }
    out
}

/// One YAML line: its byte range, indentation and content (comments and blanks excluded).
struct YamlLine<'a> {
    start: usize,
    end: usize,
    indent: usize,
    content: &'a str,
}

fn yaml_lines(text: &str) -> Vec<YamlLine<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start_matches(' ');
        if !trimmed.trim().is_empty() && !trimmed.starts_with('#') {
            out.push(YamlLine {
                start,
                end: start + line.len(),
                indent: line.len() - trimmed.len(),
                content: trimmed,
            });
        }
        start += raw.len();
    }
    out
}

static YAML_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^["']?([A-Za-z0-9_:\-.]+)["']?[ \t]*:(?:[ \t]+(.*?))?[ \t]*(?:[ \t]#.*)?$"#)
        .expect("static regex")
});

/// The key of a `key:` or `key: value` line, and its inline value.
pub fn yaml_key(content: &str) -> Option<(&str, Option<&str>)> {
    let c = YAML_KEY.captures(content)?;
    Some((
        c.get(1)?.as_str(),
        c.get(2).map(|m| m.as_str()).filter(|v| !v.is_empty()),
    ))
}

fn yaml_resources(text: &str) -> Vec<ResourceBlock> {
    let lines = yaml_lines(text);
    let Some(top) = lines.iter().position(|l| {
        l.indent == 0 && yaml_key(l.content).is_some_and(|(k, v)| k == "Resources" && v.is_none())
    }) else {
        return Vec::new();
    };
    let section: Vec<&YamlLine> = lines[top + 1..]
        .iter()
        .take_while(|l| l.indent > 0)
        .collect();
    let Some(entry_indent) = section.first().map(|l| l.indent) else {
        return Vec::new();
    };
    let entries: Vec<usize> = (0..section.len())
        .filter(|&i| {
            section[i].indent == entry_indent
                && yaml_key(section[i].content).is_some_and(|(_, v)| v.is_none())
        })
        .collect();
    let mut out = Vec::new();
    for (n, &i) in entries.iter().enumerate() {
        let last = entries.get(n + 1).map_or(section.len() - 1, |&j| j - 1);
        let head = section[i];
        let name = yaml_key(head.content).map_or("", |(k, _)| k);
        let rtype = section[i + 1..=last]
            .iter()
            .filter(|l| l.indent > entry_indent)
            .find_map(|l| match yaml_key(l.content) {
                Some(("Type", Some(v))) => Some(v.trim_matches(['"', '\'']).to_string()),
                _ => None,
            })
            .unwrap_or_default();
        out.push(ResourceBlock {
            rtype,
            name: name.to_string(),
            header: TextRange::new(head.start + head.indent, head.end),
            range: TextRange::new(head.start + head.indent, section[last].end),
        });
    }
    out
}

/// The children of the YAML mapping entry on the line starting at `parent_start`: their
/// line starts, indentation and keys. `None` when the entry has an inline value.
pub fn yaml_children(text: &str, parent_start: u32) -> Option<Vec<(u32, usize, String)>> {
    let lines = yaml_lines(text);
    let pi = lines.iter().position(|l| l.start as u32 == parent_start)?;
    let parent = &lines[pi];
    if yaml_key(parent.content)?.1.is_some() {
        return None;
    }
    let children: Vec<&YamlLine> = lines[pi + 1..]
        .iter()
        .take_while(|l| l.indent > parent.indent)
        .collect();
    let Some(child_indent) = children.first().map(|l| l.indent) else {
        return Some(Vec::new());
    };
    Some(
        children
            .iter()
            .filter(|l| l.indent == child_indent)
            .filter_map(|l| {
                yaml_key(l.content).map(|(k, _)| (l.start as u32, l.indent, k.to_string()))
            })
            .collect(),
    )
}

/// The end of the last line (after its terminator) of the YAML entry on the line starting at
/// `parent_start`, with its children; and whether that line has a terminator.
pub fn yaml_subtree_end(text: &str, parent_start: u32) -> Option<(u32, bool)> {
    let lines = yaml_lines(text);
    let pi = lines.iter().position(|l| l.start as u32 == parent_start)?;
    let parent = &lines[pi];
    let last = lines[pi + 1..]
        .iter()
        .take_while(|l| l.indent > parent.indent)
        .last()
        .unwrap_or(parent);
    let rest = &text[last.end..];
    Some(if rest.starts_with("\r\n") {
        (last.end as u32 + 2, true)
    } else if rest.starts_with('\n') {
        (last.end as u32 + 1, true)
    } else {
        (last.end as u32, false)
    })
}

/// The line start of the YAML line containing `offset`.
pub fn line_start(text: &str, offset: u32) -> u32 {
    line_range(text, offset).start
}

fn json_resources(text: &str) -> Vec<ResourceBlock> {
    use jsonc_parser::ast;
    let parsed = std::panic::catch_unwind(|| {
        jsonc_parser::parse_to_ast(
            text,
            &jsonc_parser::CollectOptions::default(),
            &jsonc_parser::ParseOptions::default(),
        )
        .ok()
    })
    .ok()
    .flatten();
    let Some(ast::Value::Object(root)) = parsed.and_then(|p| p.value) else {
        return Vec::new();
    };
    let Some(ast::Value::Object(resources)) = root.get("Resources").map(|p| &p.value) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for p in &resources.properties {
        let name = match &p.name {
            ast::ObjectPropName::String(s) => s.value.to_string(),
            ast::ObjectPropName::Word(w) => w.value.to_string(),
        };
        let rtype = match &p.value {
            ast::Value::Object(o) => match o.get("Type").map(|t| &t.value) {
                Some(ast::Value::StringLit(s)) => s.value.to_string(),
                _ => String::new(),
            },
            _ => String::new(),
        };
        out.push(ResourceBlock {
            rtype,
            name,
            header: line_range(text, p.range.start as u32),
            range: TextRange::new(p.range.start, p.range.end),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hcl_blocks_parsed_and_broken() {
        let text = "locals {}\n\nresource \"aws_s3_bucket\" \"a\" {\n  bucket = \"x\"\n}\n  resource \"aws_kms_key\" \"k\" {\n}\n";
        let r = resources(Syntax::Hcl, text);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].address(), "aws_s3_bucket.a");
        assert_eq!(
            &text[r[0].header.as_range()],
            "resource \"aws_s3_bucket\" \"a\" {"
        );
        assert_eq!(
            &text[r[1].range.as_range()],
            "resource \"aws_kms_key\" \"k\" {\n}"
        );
        let broken =
            "resource \"aws_s3_bucket\" \"a\" {\n  bucket = \n\nresource \"aws_kms_key\" \"k\" {\n";
        let r = resources(Syntax::Hcl, broken);
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].rtype, "aws_kms_key");
    }

    #[test]
    fn yaml_entries_under_resources() {
        let text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  # the bucket\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n  Key:\n    Type: \"AWS::KMS::Key\"\nOutputs:\n  X:\n    Value: 1\n";
        let r = resources(Syntax::Yaml, text);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].rtype, "AWS::S3::Bucket");
        assert_eq!(&text[r[0].header.as_range()], "Bucket:");
        assert!(text[r[0].range.as_range()].ends_with("AccessControl: PublicRead"));
        assert_eq!(r[1].rtype, "AWS::KMS::Key");
        let props = text.find("    Properties").unwrap() as u32;
        let kids = yaml_children(text, props).unwrap();
        assert_eq!(kids.len(), 1);
        assert_eq!(kids[0].2, "AccessControl");
    }

    #[test]
    fn bicep_resources_with_types() {
        let text = "param x string\n\nresource data 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: x\n}\n  resource child 'blobServices' existing = {}\n";
        let r = resources(Syntax::Bicep, text);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].name, "data");
        assert_eq!(r[0].rtype, "Microsoft.Storage/storageAccounts");
        assert_eq!(
            &text[r[0].header.as_range()],
            "resource data 'Microsoft.Storage/storageAccounts@2023-05-01' = {"
        );
        assert_eq!(r[1].rtype, "blobServices");
    }

    #[test]
    fn json_resources_with_types() {
        let text = "{\n  \"Resources\": {\n    \"Bucket\": {\n      \"Type\": \"AWS::S3::Bucket\"\n    }\n  }\n}\n";
        let r = resources(Syntax::Json, text);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].name, "Bucket");
        assert_eq!(r[0].rtype, "AWS::S3::Bucket");
        assert_eq!(&text[r[0].header.as_range()], "    \"Bucket\": {");
    }
}
