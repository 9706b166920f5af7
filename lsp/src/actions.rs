//! Code actions: an inline suppression for any finding, and quick fixes that set the secure
//! value where the finding says unambiguously which one.

use crate::analysis::FindingView;
use crate::blocks::{self, Syntax};
use cloudsentinel_checks::check::{Fix, Format};
use cloudsentinel_model::TextRange;
use regex::Regex;
use std::sync::LazyLock;

/// Reason written into a new suppression; the user replaces it (a configuration may require one).
pub const REASON_PLACEHOLDER: &str = "TODO: say why this is acceptable";

/// A text replacement in the buffer the finding is in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    pub range: TextRange,
    pub new_text: String,
}

/// A code action before it is put in LSP form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub edits: Vec<Edit>,
    /// The fix the editor may apply without asking.
    pub preferred: bool,
}

/// "Ignore <check> here": a `cloudsentinel:ignore` comment above the resource (or the
/// finding's line when it belongs to no resource of this file); resource metadata in JSON.
pub fn ignore(syntax: Syntax, text: &str, f: &FindingView) -> Option<Action> {
    let anchor = f.resource_location.map_or(f.location.start, |r| r.start);
    let title = format!("Ignore {} here", f.check_id);
    let edits = match syntax {
        Syntax::Hcl => vec![comment_above(text, anchor, f.check_id, Comment::Hash)],
        Syntax::Yaml | Syntax::Jinja => {
            let at =
                blocks::resource_at(Syntax::Yaml, text, anchor).map_or(anchor, |b| b.header.start);
            // A Jinja comment, so the rendered config does not carry it along.
            let style = if syntax == Syntax::Jinja {
                Comment::Jinja
            } else {
                Comment::Hash
            };
            vec![comment_above(text, at, f.check_id, style)]
        }
        Syntax::Json => json_metadata_ignore(text, anchor, f.check_id)?,
        Syntax::Bicep => vec![comment_above(text, anchor, f.check_id, Comment::Slash)],
    };
    Some(Action {
        title,
        edits,
        preferred: false,
    })
}

/// How a suppression comment is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Comment {
    /// `# …` (HCL, YAML).
    Hash,
    /// `{# … #}` (Jinja).
    Jinja,
    /// `// …` (Bicep).
    Slash,
}

fn comment_above(text: &str, offset: u32, id: &str, style: Comment) -> Edit {
    let line = blocks::line_range(text, offset);
    let indent = blocks::indent_at(text, line.start);
    let body = format!("cloudsentinel:ignore:{id} {REASON_PLACEHOLDER}");
    let comment = match style {
        Comment::Hash => format!("# {body}"),
        Comment::Jinja => format!("{{# {body} #}}"),
        Comment::Slash => format!("// {body}"),
    };
    Edit {
        range: TextRange::new(line.start as usize, line.start as usize),
        new_text: format!("{indent}{comment}{}", blocks::newline(text)),
    }
}

/// `"Metadata": {"cloudsentinel": {"ignore": [{"id": …, "reason": …}]}}` in the resource.
/// The innermost ARM resource object around `offset` in a `resources` list or mapping,
/// looking into children's own `resources`.
fn arm_resource_at<'a>(
    resources: &'a jsonc_parser::ast::Value<'a>,
    offset: u32,
) -> Option<&'a jsonc_parser::ast::Object<'a>> {
    use jsonc_parser::ast;
    let inside =
        |r: &jsonc_parser::common::Range| r.start as u32 <= offset && offset <= r.end as u32;
    let candidates: Vec<&ast::Object<'_>> = match resources {
        ast::Value::Array(list) => list
            .elements
            .iter()
            .filter_map(|e| match e {
                ast::Value::Object(o) => Some(o),
                _ => None,
            })
            .collect(),
        ast::Value::Object(map) => map
            .properties
            .iter()
            .filter_map(|p| match &p.value {
                ast::Value::Object(o) => Some(o),
                _ => None,
            })
            .collect(),
        _ => return None,
    };
    let found = candidates.into_iter().find(|o| inside(&o.range))?;
    found
        .get("resources")
        .and_then(|c| arm_resource_at(&c.value, offset))
        .or(Some(found))
}

fn json_metadata_ignore(text: &str, offset: u32, id: &str) -> Option<Vec<Edit>> {
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
    .flatten()?;
    let ast::Value::Object(root) = parsed.value? else {
        return None;
    };
    // CloudFormation: `Resources` is a mapping and suppressions go in `Metadata`; ARM:
    // `resources` is a list (or, in language version 2.0, a mapping), children nest in
    // their parent's `resources`, and suppressions go in `metadata`.
    let (resource, entry_start, meta_key) =
        if let Some(ast::Value::Object(resources)) = root.get("Resources").map(|p| &p.value) {
            let prop = resources
                .properties
                .iter()
                .find(|p| p.range.start as u32 <= offset && offset <= p.range.end as u32)?;
            let ast::Value::Object(resource) = &prop.value else {
                return None;
            };
            (resource, prop.range.start, "Metadata")
        } else {
            let resource = arm_resource_at(root.get("resources").map(|p| &p.value)?, offset)?;
            (resource, resource.range.start, "metadata")
        };
    let entry = format!(
        "{{\"id\": {}, \"reason\": {}}}",
        serde_json::Value::from(id),
        serde_json::Value::from(REASON_PLACEHOLDER)
    );
    let nl = blocks::newline(text);
    let key_indent = blocks::indent_at(text, blocks::line_start(text, entry_start as u32));
    let unit = resource
        .properties
        .first()
        .map(|p| blocks::indent_at(text, blocks::line_start(text, p.range.start as u32)))
        .filter(|i| i.len() > key_indent.len())
        .map_or_else(|| "  ".to_string(), |i| i[key_indent.len()..].to_string());
    let inner = format!("{key_indent}{unit}");
    let insert_after_brace = |obj_start: usize, content: String, has_members: bool| Edit {
        range: TextRange::new(obj_start + 1, obj_start + 1),
        new_text: format!("{nl}{inner}{content}{}", if has_members { "," } else { "" }),
    };
    match resource.get(meta_key).map(|p| &p.value) {
        None => Some(vec![insert_after_brace(
            resource.range.start,
            format!("\"{meta_key}\": {{\"cloudsentinel\": {{\"ignore\": [{entry}]}}}}"),
            !resource.properties.is_empty(),
        )]),
        Some(ast::Value::Object(meta)) => match meta.get("cloudsentinel").map(|p| &p.value) {
            None => Some(vec![Edit {
                range: TextRange::new(meta.range.start + 1, meta.range.start + 1),
                new_text: format!(
                    "\"cloudsentinel\": {{\"ignore\": [{entry}]}}{}",
                    if meta.properties.is_empty() { "" } else { ", " }
                ),
            }]),
            Some(ast::Value::Object(cs)) => match cs.get("ignore").map(|p| &p.value) {
                Some(ast::Value::Array(list)) => Some(vec![Edit {
                    range: TextRange::new(list.range.start + 1, list.range.start + 1),
                    new_text: format!(
                        "{entry}{}",
                        if list.elements.is_empty() { "" } else { ", " }
                    ),
                }]),
                None => Some(vec![Edit {
                    range: TextRange::new(cs.range.start + 1, cs.range.start + 1),
                    new_text: format!(
                        "\"ignore\": [{entry}]{}",
                        if cs.properties.is_empty() { "" } else { ", " }
                    ),
                }]),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

/// How to fix a check in Terraform: set `attr` (inside the nested `block`, if any) to `value`.
struct HclFix {
    block: Option<&'static str>,
    attr: &'static str,
    value: &'static str,
}

/// How to fix a check in a CloudFormation YAML template: set the property at `path` under
/// `Properties` (after a per-resource-type prefix such as `LaunchTemplateData`).
struct YamlFix {
    path: &'static [&'static str],
    value: &'static str,
    prefix_for_type: &'static [(&'static str, &'static str)],
}

/// The check's declared fix for `format` (see `Fix` in the checks crate).
fn declared_fix(id: &str, format: Format) -> Option<&'static Fix> {
    cloudsentinel_checks::registry::find(id)?.meta.fix(format)
}

fn hcl_fix(id: &str) -> Option<HclFix> {
    let fix = declared_fix(id, Format::Terraform)?;
    let (block, attr) = match fix.path {
        [attr] => (None, *attr),
        [block, attr] => (Some(*block), *attr),
        _ => return None, // deeper nesting: no quick fix yet
    };
    Some(HclFix {
        block,
        attr,
        value: fix.value,
    })
}

fn yaml_fix(id: &str) -> Option<YamlFix> {
    let fix = declared_fix(id, Format::CloudFormation)?;
    Some(YamlFix {
        path: fix.path,
        value: fix.value,
        prefix_for_type: fix.prefix_for_type,
    })
}

/// A quick fix for the finding, when its check has one and the place is unambiguous.
pub fn quick_fix(syntax: Syntax, text: &str, f: &FindingView) -> Option<Action> {
    match syntax {
        Syntax::Hcl => hcl_quick_fix(text, f, &hcl_fix(f.check_id)?),
        Syntax::Yaml => match yaml_fix(f.check_id) {
            Some(fix) => yaml_quick_fix(text, f, &fix),
            None => dm_quick_fix(
                text,
                f,
                declared_fix(f.check_id, Format::DeploymentManager)?,
            ),
        },
        Syntax::Jinja => dm_quick_fix(
            text,
            f,
            declared_fix(f.check_id, Format::DeploymentManager)?,
        ),
        Syntax::Json | Syntax::Bicep => None,
    }
}

/// Deployment Manager (a config or a Jinja template): replaces the literal value the finding
/// points at. A missing setting is not inserted, and a value Jinja or a reference computes is
/// not replaced: where the secure value belongs is then the author's call.
fn dm_quick_fix(text: &str, f: &FindingView, fix: &Fix) -> Option<Action> {
    if f.on_resource {
        return None;
    }
    let last = *fix.path.last()?;
    let line = blocks::line_range(text, f.location.start);
    let content_start = line.start + blocks::indent_at(text, line.start).len() as u32;
    let content = text.get(content_start as usize..line.end as usize)?;
    let (key, value) = blocks::yaml_key(content.trim_start_matches("- "))?;
    let value = value?;
    if key != last || ["{{", "{%", "$("].iter().any(|t| value.contains(t)) {
        return None;
    }
    let value_start = content_start as usize + content.find(value)?;
    Some(Action {
        title: format!("Set {}: {}", fix.path.join("."), fix.value),
        edits: vec![Edit {
            range: TextRange::new(value_start, value_start + value.len()),
            new_text: fix.value.to_string(),
        }],
        preferred: true,
    })
}

static HCL_ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*([A-Za-z_][A-Za-z0-9_\-]*)[ \t]*=[ \t]*").expect("static regex")
});

fn hcl_quick_fix(text: &str, f: &FindingView, fix: &HclFix) -> Option<Action> {
    let title = match fix.block {
        Some(b) => format!("Set {b} {{ {} = {} }}", fix.attr, fix.value),
        None => format!("Set {} = {}", fix.attr, fix.value),
    };
    if !f.on_resource {
        // The finding points at the attribute (or its value): replace the value.
        let at = f.location;
        let line = blocks::line_range(text, at.start);
        let from_line = &text[line.start as usize..];
        let c = HCL_ATTR.captures(from_line)?;
        if &c[1] != fix.attr {
            return None;
        }
        let value_start = line.start as usize + c.get(0)?.end();
        if value_start > at.end as usize && at.start as usize != value_start {
            return None;
        }
        let value_end = (at.end as usize).max(value_start);
        let old = text[value_start..value_end].trim_end();
        let value_end = value_start + old.len();
        if value_end == value_start {
            return None;
        }
        return Some(Action {
            title,
            edits: vec![Edit {
                range: TextRange::new(value_start, value_end),
                new_text: fix.value.to_string(),
            }],
            preferred: true,
        });
    }
    // The setting is absent: add it after the resource header (or inside the nested block).
    let block = f.resource_location?;
    let body = hcl_body(text, block)?;
    let nl = blocks::newline(text);
    let header = blocks::line_range(text, block.start);
    let header_indent = blocks::indent_at(text, header.start).to_string();
    let inner = body
        .first_member_indent
        .clone()
        .filter(|i| i.len() > header_indent.len())
        .unwrap_or_else(|| format!("{header_indent}  "));
    let unit = inner[header_indent.len()..].to_string();
    let after = |line_end: u32| -> Option<usize> {
        let rest = &text[line_end as usize..];
        rest.starts_with('\n')
            .then_some(line_end as usize + 1)
            .or_else(|| rest.starts_with("\r\n").then_some(line_end as usize + 2))
    };
    match fix.block {
        None => {
            if body.attrs.iter().any(|a| a == fix.attr) {
                return None;
            }
            let at = after(header.end)?;
            Some(Action {
                title,
                edits: vec![Edit {
                    range: TextRange::new(at, at),
                    new_text: format!("{inner}{} = {}{nl}", fix.attr, fix.value),
                }],
                preferred: true,
            })
        }
        Some(name) => {
            if let Some((_, start, attrs)) = body.blocks.iter().find(|(n, _, _)| n == name) {
                if attrs.iter().any(|a| a == fix.attr) {
                    return None;
                }
                let line = blocks::line_range(text, *start);
                let at = after(line.end)?;
                let indent = format!("{}{unit}", blocks::indent_at(text, line.start));
                Some(Action {
                    title,
                    edits: vec![Edit {
                        range: TextRange::new(at, at),
                        new_text: format!("{indent}{} = {}{nl}", fix.attr, fix.value),
                    }],
                    preferred: true,
                })
            } else {
                let at = after(header.end)?;
                Some(Action {
                    title,
                    edits: vec![Edit {
                        range: TextRange::new(at, at),
                        new_text: format!(
                            "{inner}{name} {{{nl}{inner}{unit}{} = {}{nl}{inner}}}{nl}",
                            fix.attr, fix.value
                        ),
                    }],
                    preferred: true,
                })
            }
        }
    }
}

/// The top-level attributes and nested blocks of a resource block.
struct HclBody {
    attrs: Vec<String>,
    /// Name, start offset, attribute names.
    blocks: Vec<(String, u32, Vec<String>)>,
    first_member_indent: Option<String>,
}

fn hcl_body(text: &str, block: TextRange) -> Option<HclBody> {
    use hcl_edit::Span;
    let src = text.get(block.as_range())?;
    let body = std::panic::catch_unwind(|| hcl_edit::parser::parse_body(src).ok())
        .ok()
        .flatten()?;
    let b = body.blocks().next()?;
    let mut out = HclBody {
        attrs: Vec::new(),
        blocks: Vec::new(),
        first_member_indent: None,
    };
    for s in &b.body {
        let start = s.span().map(|r| block.start + r.start as u32);
        if out.first_member_indent.is_none()
            && let Some(start) = start
        {
            let ls = blocks::line_start(text, start);
            out.first_member_indent = Some(blocks::indent_at(text, ls).to_string());
        }
        match s {
            hcl_edit::structure::Structure::Attribute(a) => out.attrs.push(a.key.to_string()),
            hcl_edit::structure::Structure::Block(nb) => out.blocks.push((
                nb.ident.to_string(),
                start.unwrap_or(block.start),
                nb.body.attributes().map(|a| a.key.to_string()).collect(),
            )),
        }
    }
    Some(out)
}

fn yaml_quick_fix(text: &str, f: &FindingView, fix: &YamlFix) -> Option<Action> {
    let anchor = f.resource_location.map_or(f.location.start, |r| r.start);
    let resource = blocks::resource_at(Syntax::Yaml, text, anchor)?;
    let mut path: Vec<&str> = Vec::new();
    if let Some((_, prefix)) = fix
        .prefix_for_type
        .iter()
        .find(|(rtype, _)| *rtype == resource.rtype)
    {
        path.push(prefix);
    }
    path.extend_from_slice(fix.path);
    let last = *path.last()?;
    let title = format!("Set {}: {}", path.join("."), fix.value);
    if !f.on_resource {
        // The finding points at the property (or its value): replace the value on that line.
        let line = blocks::line_range(text, f.location.start);
        let content_start = line.start + blocks::indent_at(text, line.start).len() as u32;
        let content = &text[content_start as usize..line.end as usize];
        let (key, value) = blocks::yaml_key(content)?;
        if key != last {
            return None;
        }
        let value = value?;
        let value_start = content_start as usize + content.find(value)?;
        return Some(Action {
            title,
            edits: vec![Edit {
                range: TextRange::new(value_start, value_start + value.len()),
                new_text: fix.value.to_string(),
            }],
            preferred: true,
        });
    }
    // Walk Properties and the path, creating what is missing.
    let nl = blocks::newline(text);
    let mut parent = blocks::line_start(text, resource.header.start);
    let mut parent_indent = blocks::indent_at(text, parent).len();
    let mut unit = 2usize;
    let mut full: Vec<&str> = vec!["Properties"];
    full.extend(path);
    for (i, key) in full.iter().enumerate() {
        let children = blocks::yaml_children(text, parent)?;
        if let Some((_, indent, _)) = children.first() {
            unit = indent.saturating_sub(parent_indent).max(1);
        }
        if let Some((start, indent, _)) = children.iter().find(|(_, _, k)| k == key) {
            if i == full.len() - 1 {
                return None; // already set, yet reported: not ours to guess
            }
            parent = *start;
            parent_indent = *indent;
        } else {
            // New keys go last in their mapping.
            let (at, terminated) = blocks::yaml_subtree_end(text, parent)?;
            let at = at as usize;
            let mut new_text = String::new();
            if !terminated {
                new_text.push_str(nl);
            }
            let remaining = &full[i..];
            for (d, k) in remaining.iter().enumerate() {
                let indent = " ".repeat(parent_indent + unit * (d + 1));
                if d == remaining.len() - 1 {
                    new_text.push_str(&format!("{indent}{k}: {}{nl}", fix.value));
                } else {
                    new_text.push_str(&format!("{indent}{k}:{nl}"));
                }
            }
            return Some(Action {
                title,
                edits: vec![Edit {
                    range: TextRange::new(at, at),
                    new_text,
                }],
                preferred: true,
            });
        }
    }
    None
}

/// Applies edits (non-overlapping) to a text: for tests and the benchmark.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(e.range.as_range(), &e.new_text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudsentinel_checks::Severity;
    use tower_lsp_server::ls_types::Range;

    fn finding(id: &'static str, text: &str, at: &str, resource: &str) -> FindingView {
        let s = text.find(at).unwrap();
        let r = text.find(resource).unwrap();
        let rend = text[r..].find("\n}").map_or(text.len(), |e| r + e + 2);
        let location = TextRange::new(s, s + at.len());
        let resource_location = TextRange::new(r, rend);
        FindingView {
            check_id: id,
            severity: Severity::High,
            message: String::new(),
            resource: None,
            location: if at == resource {
                resource_location
            } else {
                location
            },
            resource_location: Some(resource_location),
            on_resource: at == resource,
            range: Range::default(),
            related: Vec::new(),
            suppressed: false,
        }
    }

    #[test]
    fn hcl_replace_explicit_value() {
        let text = "resource \"aws_s3_bucket_acl\" \"a\" {\n  bucket = \"x\"\n  acl    = \"public-read\" # hmm\n}\n";
        let f = finding(
            "aws-s3-public-acl",
            text,
            "acl    = \"public-read\"",
            "resource",
        );
        let a = quick_fix(Syntax::Hcl, text, &f).unwrap();
        assert_eq!(
            apply(text, &a.edits),
            text.replace("\"public-read\"", "\"private\"")
        );
    }

    #[test]
    fn hcl_insert_missing_attribute_and_block() {
        let text = "resource \"aws_kms_key\" \"k\" {\n    description = \"x\"\n}\n";
        let f = finding("aws-kms-no-rotation", text, "resource", "resource");
        let a = quick_fix(Syntax::Hcl, text, &f).unwrap();
        assert_eq!(
            apply(text, &a.edits),
            "resource \"aws_kms_key\" \"k\" {\n    enable_key_rotation = true\n    description = \"x\"\n}\n"
        );
        let text = "resource \"aws_instance\" \"i\" {\n  ami = \"x\"\n}\n";
        let f = finding("aws-ec2-imdsv1", text, "resource", "resource");
        let a = quick_fix(Syntax::Hcl, text, &f).unwrap();
        assert_eq!(
            apply(text, &a.edits),
            "resource \"aws_instance\" \"i\" {\n  metadata_options {\n    http_tokens = \"required\"\n  }\n  ami = \"x\"\n}\n"
        );
        let text = "resource \"aws_instance\" \"i\" {\n  metadata_options {\n    http_endpoint = \"enabled\"\n  }\n}\n";
        let f = finding("aws-ec2-imdsv1", text, "resource", "resource");
        let a = quick_fix(Syntax::Hcl, text, &f).unwrap();
        assert_eq!(
            apply(text, &a.edits),
            "resource \"aws_instance\" \"i\" {\n  metadata_options {\n    http_tokens = \"required\"\n    http_endpoint = \"enabled\"\n  }\n}\n"
        );
    }

    #[test]
    fn hcl_no_fix_when_ambiguous() {
        // A value from a variable default: the finding points elsewhere than `acl =`.
        let text = "variable \"acl\" {\n  default = \"public-read\"\n}\nresource \"aws_s3_bucket\" \"b\" {\n  acl = var.acl\n}\n";
        let f = finding(
            "aws-s3-public-acl",
            text,
            "default = \"public-read\"",
            "resource",
        );
        assert!(quick_fix(Syntax::Hcl, text, &f).is_none());
        // Reported on the resource although the attribute is written.
        let text = "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = var.x\n}\n";
        let f = finding("aws-kms-no-rotation", text, "resource", "resource");
        assert!(quick_fix(Syntax::Hcl, text, &f).is_none());
        assert!(
            quick_fix(
                Syntax::Hcl,
                text,
                &finding("aws-s3-no-versioning", text, "resource", "resource")
            )
            .is_none()
        );
    }

    #[test]
    fn ignore_comment_above_the_resource() {
        let text = "module \"m\" {}\n\n  resource \"aws_s3_bucket\" \"b\" {\n    acl = \"public-read\"\n  }\n";
        let f = finding(
            "aws-s3-public-acl",
            text,
            "acl = \"public-read\"",
            "resource",
        );
        let a = ignore(Syntax::Hcl, text, &f).unwrap();
        assert_eq!(a.title, "Ignore aws-s3-public-acl here");
        let out = apply(text, &a.edits);
        assert!(out.contains(&format!(
            "\n  # cloudsentinel:ignore:aws-s3-public-acl {REASON_PLACEHOLDER}\n  resource \"aws_s3_bucket\""
        )));
        let line = out.lines().nth(2).unwrap();
        let parsed = cloudsentinel_checks::suppress::parse_line(line).unwrap();
        assert_eq!(parsed.ids, ["aws-s3-public-acl"]);
        assert_eq!(parsed.reason.as_deref(), Some(REASON_PLACEHOLDER));
    }

    const CFN: &str = "Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: x\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead # old\n  Trail:\n    Type: AWS::CloudTrail::Trail\n  Template:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        ImageId: ami-1\n";

    fn cfn_finding(id: &'static str, at: &str, resource: &str, on_resource: bool) -> FindingView {
        let r = CFN.find(resource).unwrap();
        let s = CFN.find(at).unwrap();
        let mut f = finding(id, CFN, at, resource);
        f.resource_location = Some(TextRange::new(r, r + resource.len()));
        f.location = if on_resource {
            f.resource_location.unwrap()
        } else {
            TextRange::new(s, s + at.len())
        };
        f.on_resource = on_resource;
        f
    }

    #[test]
    fn deployment_manager_fixes_replace_literal_values_only() {
        let template = "resources:\n- name: {{ env['name'] }}\n  type: container.v1.cluster\n  properties:\n    cluster:\n      legacyAbac:\n        enabled: {{ properties['abac'] }}\n      shieldedNodes:\n        enabled: false\n";
        let at = |needle: &str| {
            let s = template.find(needle).unwrap();
            let mut f = finding("gcp-gke-legacy-abac", template, needle, "- name:");
            f.location = TextRange::new(s, s + needle.len());
            f.on_resource = false;
            f
        };
        let computed = at("enabled: {{ properties['abac'] }}");
        assert!(quick_fix(Syntax::Jinja, template, &computed).is_none());
        let mut literal = at("enabled: false");
        literal.check_id = "gcp-gke-no-shielded-nodes";
        let out = apply(
            template,
            &quick_fix(Syntax::Jinja, template, &literal).unwrap().edits,
        );
        assert!(
            out.ends_with("      shieldedNodes:\n        enabled: true\n"),
            "{out}"
        );
        literal.on_resource = true;
        assert!(quick_fix(Syntax::Jinja, template, &literal).is_none());
    }

    #[test]
    fn yaml_fixes() {
        let f = cfn_finding("aws-s3-public-acl", "PublicRead", "Bucket:", false);
        let out = apply(CFN, &quick_fix(Syntax::Yaml, CFN, &f).unwrap().edits);
        assert!(out.contains("      AccessControl: Private # old\n"));
        let f = cfn_finding("aws-kms-no-rotation", "Key:", "Key:", true);
        let out = apply(CFN, &quick_fix(Syntax::Yaml, CFN, &f).unwrap().edits);
        assert!(
            out.contains("    Properties:\n      Description: x\n      EnableKeyRotation: true\n")
        );
        let f = cfn_finding("aws-cloudtrail-no-log-validation", "Trail:", "Trail:", true);
        let out = apply(CFN, &quick_fix(Syntax::Yaml, CFN, &f).unwrap().edits);
        assert!(out.contains("  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      EnableLogFileValidation: true\n"));
        let f = cfn_finding("aws-ec2-imdsv1", "Template:", "Template:", true);
        let out = apply(CFN, &quick_fix(Syntax::Yaml, CFN, &f).unwrap().edits);
        assert!(out.ends_with("      LaunchTemplateData:\n        ImageId: ami-1\n        MetadataOptions:\n          HttpTokens: required\n"), "{out}");
        let f = cfn_finding("aws-s3-public-acl", "PublicRead", "Bucket:", false);
        let out = apply(CFN, &ignore(Syntax::Yaml, CFN, &f).unwrap().edits);
        assert!(out.contains(&format!(
            "  # cloudsentinel:ignore:aws-s3-public-acl {REASON_PLACEHOLDER}\n  Bucket:\n"
        )));
    }

    #[test]
    fn arm_metadata_suppression_goes_in_the_resource_of_the_list() {
        let text = "{\n  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n  \"resources\": [\n    {\n      \"type\": \"Microsoft.Storage/storageAccounts\",\n      \"name\": \"a\"\n    },\n    {\n      \"type\": \"Microsoft.KeyVault/vaults\",\n      \"name\": \"v\",\n      \"resources\": [\n        {\n          \"type\": \"secrets\",\n          \"name\": \"s\"\n        }\n      ]\n    }\n  ]\n}\n";
        let at = text.find("\"secrets\"").unwrap();
        let mut f = finding(
            "azure-keyvault-secret-no-expiry",
            text,
            "\"secrets\"",
            "\"secrets\"",
        );
        f.resource_location = Some(TextRange::new(at, at + 9));
        let out = apply(text, &ignore(Syntax::Json, text, &f).unwrap().edits);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            v["resources"][1]["resources"][0]["metadata"]["cloudsentinel"]["ignore"][0]["id"],
            "azure-keyvault-secret-no-expiry",
            "{out}"
        );
        assert!(v["resources"][1].get("metadata").is_none());
    }

    #[test]
    fn json_metadata_suppression() {
        let text = "{\n  \"Resources\": {\n    \"Bucket\": {\n      \"Type\": \"AWS::S3::Bucket\"\n    }\n  }\n}\n";
        let at = text.find("\"Bucket\"").unwrap() as u32;
        let mut f = finding("aws-s3-public-acl", text, "\"Bucket\"", "\"Bucket\"");
        f.resource_location = Some(TextRange::new(at as usize, at as usize + 8));
        let out = apply(text, &ignore(Syntax::Json, text, &f).unwrap().edits);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            v["Resources"]["Bucket"]["Metadata"]["cloudsentinel"]["ignore"][0]["id"],
            "aws-s3-public-acl"
        );
        assert_eq!(v["Resources"]["Bucket"]["Type"], "AWS::S3::Bucket");
        // A second suppression joins the list.
        let at2 = out.find("\"Bucket\"").unwrap();
        f.resource_location = Some(TextRange::new(at2, at2 + 8));
        f.check_id = "aws-s3-no-versioning";
        let out2 = apply(&out, &ignore(Syntax::Json, &out, &f).unwrap().edits);
        let v: serde_json::Value = serde_json::from_str(&out2).unwrap();
        assert_eq!(
            v["Resources"]["Bucket"]["Metadata"]["cloudsentinel"]["ignore"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
    }
}
