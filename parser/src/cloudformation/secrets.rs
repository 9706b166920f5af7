//! Hard-coded credentials in templates: literal values of properties whose name says they
//! hold a credential (`MasterUserPassword: hunter2`), `NoEcho` parameters with a literal
//! `Default`, and AWS access keys or private key blocks written in any string.
//!
//! Only what is written literally counts: a `!Ref` to a parameter, a `{{resolve:…}}`
//! dynamic reference or any other intrinsic is set outside the template.

use super::syntax::{Node, NodeKind};
use super::template::Template;
use crate::adapt::src;
use crate::dynvalue::Dyn;
use crate::secrets::{ACCESS_KEY_ID, PRIVATE_KEY, is_secret_name, literal_value, refine};
use cloudsentinel_model::{
    HardcodedSecret, Location, Meta, ModuleCall, ResourceMeta, SecretKind, TextRange,
};
use std::collections::HashSet;

/// Deepest nesting searched.
const MAX_DEPTH: usize = 32;

/// Properties whose keys are labels, not settings.
const LABEL_KEYS: [&str; 2] = ["Tags", "Labels"];

/// Searches the parameters and the given deployed resources (`(logical id, body)`).
pub fn find(
    t: &Template,
    resources: &[(&str, &Node, Location)],
    prefix_chain: &[ModuleCall],
) -> Vec<HardcodedSecret> {
    let mut out = Vec::new();
    if let Some(params) = t.section("Parameters").and_then(Node::as_map) {
        for e in params {
            let no_echo = match e.value.get("NoEcho").map(|n| &n.kind) {
                Some(NodeKind::Bool(b)) => *b,
                Some(NodeKind::String(s)) => s.eq_ignore_ascii_case("true"),
                _ => false,
            };
            let Some(d) = e.value.entry("Default") else {
                continue;
            };
            let value = match &d.value.kind {
                NodeKind::String(s) => Some(Dyn::string(s.clone())),
                NodeKind::Number(n) => Some(Dyn::number(*n)),
                _ => None,
            };
            let (s, end) = d.range();
            let at = t.loc(s, end);
            let (ks, ke) = e.range();
            let mut owner = ResourceMeta::new(
                cloudsentinel_model::Provider::Aws,
                format!("Parameters.{}", e.key),
                src(t.loc(ks, ke)),
            );
            owner.module_chain = prefix_chain.to_vec();
            let Some(v) = value else { continue };
            let name = if no_echo { "password" } else { &e.key };
            let named = (no_echo || is_secret_name(&snake(&e.key)))
                .then(|| literal_value(&v, name))
                .flatten();
            if let Some(val) = named {
                out.push(secret(
                    &owner,
                    "Default",
                    refine(SecretKind::PasswordAttribute, &val, &snake(&e.key)),
                    at,
                ));
            } else {
                scan_text(t, &owner, "Default", d.value.start, d.value.end, &mut out);
            }
        }
    }
    for (id, body, at) in resources {
        let mut owner =
            ResourceMeta::new(cloudsentinel_model::Provider::Aws, id.to_string(), src(*at));
        owner.module_chain = prefix_chain.to_vec();
        if let Some(p) = body.entry("Properties") {
            walk(t, &owner, &p.value, "Properties", 0, &mut out);
        }
    }
    let mut seen = HashSet::new();
    out.retain(|s| seen.insert((s.meta.location(), s.kind)));
    out
}

fn secret(
    owner: &ResourceMeta,
    attribute: &str,
    kind: SecretKind,
    at: Location,
) -> HardcodedSecret {
    HardcodedSecret {
        resource: owner.clone(),
        attribute: attribute.to_string(),
        kind,
        meta: Meta::explicit(src(at)),
    }
}

fn walk(
    t: &Template,
    owner: &ResourceMeta,
    n: &Node,
    path: &str,
    depth: usize,
    out: &mut Vec<HardcodedSecret>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match &n.kind {
        NodeKind::Map(entries) => {
            if n.intrinsic(false).is_some() {
                // Set outside the template; keys and private keys written inside a
                // `Fn::Sub` or `Fn::Join` are still literal text.
                scan_text(t, owner, path, n.start, n.end, out);
                return;
            }
            for e in entries {
                let here = format!("{path}.{}", e.key);
                if LABEL_KEYS.contains(&&*e.key) {
                    continue;
                }
                let literal = match &e.value.kind {
                    NodeKind::String(s) => Some(Dyn::string(s.clone())),
                    NodeKind::Number(x) => Some(Dyn::number(*x)),
                    _ => None,
                };
                let name = snake(&e.key);
                if let Some(v) = literal.as_ref()
                    && is_secret_name(&name)
                    && let Some(val) = literal_value(v, &name)
                {
                    let (s, end) = e.range();
                    out.push(secret(
                        owner,
                        &here,
                        refine(SecretKind::PasswordAttribute, &val, &name),
                        t.loc(s, end),
                    ));
                    continue;
                }
                walk(t, owner, &e.value, &here, depth + 1, out);
            }
        }
        NodeKind::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(t, owner, item, &format!("{path}[{i}]"), depth + 1, out);
            }
        }
        NodeKind::String(_) => scan_text(t, owner, path, n.start, n.end, out),
        _ => {}
    }
}

/// AWS access key ids and private key blocks written in the source text of a value.
fn scan_text(
    t: &Template,
    owner: &ResourceMeta,
    path: &str,
    start: u32,
    end: u32,
    out: &mut Vec<HardcodedSecret>,
) {
    let Some(text) = t.root_text(start, end) else {
        return;
    };
    let base = start as usize;
    for m in ACCESS_KEY_ID.find_iter(text) {
        let at = Location::new(t.file, TextRange::new(base + m.start(), base + m.end()));
        out.push(secret(owner, path, SecretKind::AwsAccessKeyId, at));
    }
    for m in PRIVATE_KEY.find_iter(text) {
        let at = Location::new(t.file, TextRange::new(base + m.start(), base + m.end()));
        out.push(secret(owner, path, SecretKind::PrivateKey, at));
    }
}

/// `MasterUserPassword` → `master_user_password`, so the shared name heuristics apply.
pub fn snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
            let next = chars.get(i + 1).copied();
            let boundary = match prev {
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(|n| n.is_ascii_lowercase()),
                _ => false,
            };
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c == '-' || c == '.' {
            out.push('_');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_snake_case() {
        assert_eq!(snake("MasterUserPassword"), "master_user_password");
        assert_eq!(snake("KMSKeyId"), "kms_key_id");
        assert_eq!(snake("DB_PASSWORD"), "db_password");
        assert_eq!(snake("SecretArn"), "secret_arn");
        assert_eq!(snake("ApiKey"), "api_key");
        assert!(is_secret_name(&snake("MasterUserPassword")));
        assert!(is_secret_name(&snake("AuthToken")));
        assert!(!is_secret_name(&snake("PasswordLength")));
        assert!(!is_secret_name(&snake("KmsKeyId")));
        assert!(!is_secret_name(&snake("SecretArn")));
    }
}
