//! Hard-coded credentials: literal passwords and secrets in resource and provider blocks,
//! AWS access keys and private key blocks written anywhere in an attribute.
//!
//! Only what is written literally counts: a value that comes from a variable, a data
//! source or a function is set outside the code and is never reported.

use super::{Cx, Node, resource_meta, src, within};
use crate::dynvalue::{Dyn, DynKind};
use crate::terraform::ir::{EvalAttr, EvalBlock, ResourceMode, TfProvider};
use cloudsentinel_model::{
    HardcodedSecret, Location, Meta, ResourceMeta, SecretKind, SourceDb, TextRange,
};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Deepest nesting of blocks and maps searched.
const MAX_DEPTH: usize = 32;

static ACCESS_KEY_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b").expect("static regex"));

static PRIVATE_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----").expect("static regex")
});

/// Words that make an attribute (or map key) name a credential.
const SECRET_WORDS: [&str; 7] = [
    "password",
    "passwd",
    "secret",
    "token",
    "api_key",
    "apikey",
    "private_key",
];

/// Name endings of settings about a credential rather than the credential itself.
const NOT_SECRET_SUFFIXES: [&str; 55] = [
    "_arn",
    "_arns",
    "_id",
    "_ids",
    "_name",
    "_names",
    "_length",
    "_version",
    "_versions",
    "_type",
    "_types",
    "_count",
    "_enabled",
    "_ttl",
    "_validity",
    "_units",
    "_policy",
    "_prefix",
    "_strategy",
    "_mode",
    "_required",
    "_period",
    "_days",
    "_seconds",
    "_rotation",
    "_location",
    "_path",
    "_url",
    "_uri",
    "_endpoint",
    "_audience",
    "_issuer",
    "_header",
    "_expiry",
    "_expiration",
    "_file",
    "_format",
    "_region",
    "_param",
    "_parameter",
    "_ssm",
    "_ref",
    "_host",
    "_port",
    "_user",
    "_username",
    "_email",
    "_size",
    "_timeout",
    "_interval",
    "_algorithm",
    "_scope",
    "_scopes",
    "_method",
    "_source",
];

/// Map attributes whose keys are labels, not settings.
const LABEL_MAPS: [&str; 3] = ["tags", "tags_all", "labels"];

/// Values that stand for a credential rather than being one.
const PLACEHOLDERS: [&str; 13] = [
    "placeholder",
    "replace_me",
    "replaceme",
    "todo",
    "tbd",
    "none",
    "null",
    "nil",
    "undefined",
    "n/a",
    "redacted",
    "true",
    "false",
];

pub(super) fn find(cx: &Cx<'_>) -> Vec<HardcodedSecret> {
    let mut out = Vec::new();
    for res in cx.all() {
        if res.mode != ResourceMode::Managed {
            continue;
        }
        let mut w = Walker {
            db: cx.db,
            owner: resource_meta(res),
            aws_provider: false,
            out: &mut out,
        };
        w.block(&res.body, "", 0);
    }
    for p in cx.providers {
        let mut w = Walker {
            db: cx.db,
            owner: provider_meta(p),
            aws_provider: p.name == "aws",
            out: &mut out,
        };
        w.block(&p.body, "", 0);
    }
    let mut seen = HashSet::new();
    out.retain(|s| seen.insert((s.meta.location(), s.kind)));
    out
}

fn provider_meta(p: &TfProvider) -> ResourceMeta {
    let alias = Node::block(&p.body)
        .field("alias")
        .and_then(|f| f.value.as_str().map(str::to_string));
    let address = match alias {
        Some(a) => format!("provider.{}.{a}", p.name),
        None => format!("provider.{}", p.name),
    };
    let mut meta = ResourceMeta::new(address, src(p.body.loc));
    meta.module_chain = p.module_chain.clone();
    meta
}

struct Walker<'a, 'o> {
    db: &'a SourceDb,
    owner: ResourceMeta,
    aws_provider: bool,
    out: &'o mut Vec<HardcodedSecret>,
}

impl Walker<'_, '_> {
    fn report(&mut self, attribute: String, kind: SecretKind, loc: Location) {
        self.out.push(HardcodedSecret {
            resource: self.owner.clone(),
            attribute,
            kind,
            meta: Meta::explicit(src(loc)),
        });
    }

    fn block(&mut self, b: &EvalBlock, prefix: &str, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for (name, a) in &b.attrs {
            // In JSON an object is both an attribute and a block: the block is searched.
            if b.blocks.iter().any(|c| &c.ident == name) {
                continue;
            }
            let path = format!("{prefix}{name}");
            let named = self.named_attr(name, a, &path);
            if !LABEL_MAPS.contains(&name.as_str()) && a.value.as_map().is_some() {
                self.map_entries(&a.value, a.expr_loc, &path, depth + 1);
            }
            if !named {
                self.scan_text(a.expr_loc, &path);
            }
        }
        for c in &b.blocks {
            self.block(c, &format!("{prefix}{}.", c.ident), depth + 1);
        }
    }

    /// An attribute whose name says it holds a credential, given as a literal. True when
    /// reported.
    fn named_attr(&mut self, name: &str, a: &EvalAttr, path: &str) -> bool {
        if !a.is_literal {
            return false;
        }
        let kind = if self.aws_provider && name == "access_key" {
            Some(SecretKind::AwsAccessKeyId)
        } else if self.aws_provider && name == "secret_key" {
            Some(SecretKind::AwsSecretAccessKey)
        } else if is_secret_name(name) {
            Some(SecretKind::PasswordAttribute)
        } else {
            None
        };
        let Some(kind) = kind else {
            return false;
        };
        let Some(value) = literal_value(&a.value, name) else {
            return false;
        };
        self.report(path.to_string(), refine(kind, &value, name), a.loc);
        true
    }

    /// Keys of a map attribute (`environment.variables`) that name credentials, with
    /// values written literally inside the attribute.
    fn map_entries(&mut self, map: &Dyn, scope: Location, path: &str, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let Some(m) = map.as_map() else {
            return;
        };
        for (key, v) in m.iter() {
            let here = format!("{path}.{key}");
            if v.as_map().is_some() {
                self.map_entries(v, scope, &here, depth + 1);
                continue;
            }
            if !is_secret_name(key) {
                continue;
            }
            let Some(loc) = v.loc.filter(|l| within(*l, scope)) else {
                continue;
            };
            if !self.is_literal_text(loc) {
                continue;
            }
            if let Some(value) = literal_value(v, key) {
                let kind = refine(SecretKind::PasswordAttribute, &value, key);
                self.report(here, kind, loc);
            }
        }
    }

    /// The source text at `loc` is a string or number literal (no interpolation).
    fn is_literal_text(&self, loc: Location) -> bool {
        let file = self.db.get(loc.file);
        let Some(text) = file.text.get(loc.range.as_range()) else {
            return false;
        };
        let t = text.trim();
        let quoted = t.len() >= 2 && t.starts_with('"') && t.ends_with('"');
        let heredoc = t.starts_with("<<");
        (quoted || heredoc || t.parse::<f64>().is_ok()) && !t.contains("${") && !t.contains("%{")
    }

    /// AWS access key ids and private key blocks written in the expression's text.
    fn scan_text(&mut self, expr: Location, path: &str) {
        let file = self.db.get(expr.file);
        let Some(text) = file.text.get(expr.range.as_range()) else {
            return;
        };
        let base = expr.range.start as usize;
        let found: Vec<(SecretKind, usize, usize)> = ACCESS_KEY_ID
            .find_iter(text)
            .map(|m| (SecretKind::AwsAccessKeyId, m.start(), m.end()))
            .chain(
                PRIVATE_KEY
                    .find_iter(text)
                    .map(|m| (SecretKind::PrivateKey, m.start(), m.end())),
            )
            .collect();
        for (kind, start, end) in found {
            let loc = Location::new(expr.file, TextRange::new(base + start, base + end));
            self.report(path.to_string(), kind, loc);
        }
    }
}

/// True when `name` says it holds a credential (and is not a setting about one).
pub(crate) fn is_secret_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let n = n.strip_suffix("_wo").unwrap_or(&n);
    SECRET_WORDS.iter().any(|w| n.contains(w))
        && !NOT_SECRET_SUFFIXES.iter().any(|s| n.ends_with(s))
        && n != "secret_id"
        // The instance metadata setting (`required` / `optional`), not a token.
        && n != "http_tokens"
        && !n.starts_with("kms_")
}

/// The value when it can be a credential: a non-empty string that is not a placeholder,
/// or a number given to a password.
fn literal_value(v: &Dyn, name: &str) -> Option<String> {
    let s = match &v.kind {
        DynKind::String(s) => s.to_string(),
        DynKind::Number(_) if name.to_ascii_lowercase().contains("pass") => v.to_string_lossy()?,
        _ => return None,
    };
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let mut chars = t.chars();
    let first = chars.next()?;
    let repeated = chars.all(|c| c == first);
    let placeholder = PLACEHOLDERS.contains(&lower.as_str())
        || repeated
        || (t.starts_with('<') && t.ends_with('>'))
        || t.starts_with("{{")
        || lower.starts_with("arn:")
        || REFERENCE_PREFIXES.iter().any(|p| lower.starts_with(p))
        || is_path(t)
        || t.contains("${");
    (!placeholder).then_some(s)
}

/// Values naming where a secret is stored.
const REFERENCE_PREFIXES: [&str; 4] = ["ssm:", "secretsmanager:", "vault:", "resolve:"];

/// An absolute path (`/prod/db/password`): a parameter name or file, not a secret.
fn is_path(t: &str) -> bool {
    let rest = t.strip_prefix('/').unwrap_or_default();
    rest.contains('/') && !t.contains(char::is_whitespace)
}

/// A more specific kind when the value shows what it is.
fn refine(kind: SecretKind, value: &str, name: &str) -> SecretKind {
    if PRIVATE_KEY.is_match(value) {
        SecretKind::PrivateKey
    } else if ACCESS_KEY_ID.is_match(value) && value.trim().len() == 20 {
        SecretKind::AwsAccessKeyId
    } else if kind == SecretKind::PasswordAttribute
        && name.to_ascii_lowercase().contains("secret_access_key")
    {
        SecretKind::AwsSecretAccessKey
    } else {
        kind
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for n in [
            "password",
            "master_password",
            "password_wo",
            "auth_token",
            "secret_string",
            "DB_PASSWORD",
            "api_key",
            "client_secret",
            "private_key",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in [
            "secret_arn",
            "secret_id",
            "password_length",
            "password_wo_version",
            "kms_secret",
            "secret_name",
            "auth_token_update_strategy",
            "access_token_validity",
            "TOKEN_AUDIENCE",
            "DB_PASSWORD_PARAM",
            "http_tokens",
            "description",
        ] {
            assert!(!is_secret_name(n), "{n}");
        }
    }

    #[test]
    fn placeholders_are_not_secrets() {
        for v in [
            "",
            "  ",
            "xxxxxx",
            "****",
            "<password>",
            "{{resolve:ssm:x}}",
            "arn:aws:x",
            "TODO",
            "true",
        ] {
            assert!(literal_value(&Dyn::string(v), "password").is_none(), "{v}");
        }
        assert!(literal_value(&Dyn::string("hunter2!"), "password").is_some());
        assert!(literal_value(&Dyn::bool(true), "password").is_none());
        assert!(literal_value(&Dyn::number(12345678.0), "password").is_some());
        assert!(literal_value(&Dyn::number(30.0), "token").is_none());
    }

    #[test]
    fn kinds_follow_the_value() {
        assert_eq!(
            refine(
                SecretKind::PasswordAttribute,
                "AKIAIOSFODNN7EXAMPLE",
                "token"
            ),
            SecretKind::AwsAccessKeyId
        );
        assert_eq!(
            refine(
                SecretKind::PasswordAttribute,
                "-----BEGIN RSA PRIVATE KEY-----\nMII…",
                "private_key"
            ),
            SecretKind::PrivateKey
        );
        assert_eq!(
            refine(
                SecretKind::PasswordAttribute,
                "abc",
                "AWS_SECRET_ACCESS_KEY"
            ),
            SecretKind::AwsSecretAccessKey
        );
    }
}
