//! Heuristics for literal credentials shared by every front-end: which names hold a
//! credential, which values are placeholders rather than secrets, and the patterns of AWS
//! access keys and private key blocks.

use crate::dynvalue::{Dyn, DynKind};
use cloudsentinel_model::SecretKind;
use regex::Regex;
use std::sync::LazyLock;

pub(crate) static ACCESS_KEY_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b").expect("static regex"));

pub(crate) static PRIVATE_KEY: LazyLock<Regex> = LazyLock::new(|| {
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

/// True when `name` says it holds a credential (and is not a setting about one).
pub(crate) fn is_secret_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let n = n.strip_suffix("_wo").unwrap_or(&n);
    SECRET_WORDS.iter().any(|w| n.contains(w))
        && !NOT_SECRET_SUFFIXES.iter().any(|s| n.ends_with(s))
        && n != "secret_id"
        // IMDS `http_tokens` (`required` / `optional`) is a setting, not a token.
        && n != "http_tokens"
        && !n.starts_with("kms_")
}

/// True when the name of a stored value (an SSM parameter path, an environment variable)
/// names a credential: its last `/` segment, with `-`, `.` and spaces read as `_`, passes
/// [`is_secret_name`] (`/prod/db/password`, `API-KEY`, `GITHUB_TOKEN`; not `/prod/db/password_length`).
pub fn is_secret_identifier(name: &str) -> bool {
    let last = name
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(name);
    let normalized: String = last
        .chars()
        .map(|c| if matches!(c, '-' | '.' | ' ') { '_' } else { c })
        .collect();
    is_secret_name(&normalized)
}

/// The value when it can be a credential: a non-empty string that is not a placeholder,
/// or a number given to a password.
pub(crate) fn literal_value(v: &Dyn, name: &str) -> Option<String> {
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
pub(crate) fn refine(kind: SecretKind, value: &str, name: &str) -> SecretKind {
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

/// Whether a `name`/`value` pair (an ECS container's plain `environment` entry) holds a
/// credential in clear: a name that says it holds one ([`is_secret_name`]) with a value that
/// can be one ([`literal_value`]). Unknown when the name, or the value of such a name, is
/// Unknown; located at the value (at `entry` when it has none).
pub(crate) fn plaintext_credential(
    name: &cloudsentinel_model::Value<String>,
    value: Option<crate::adapt::Field<'_>>,
    entry: cloudsentinel_model::Location,
) -> cloudsentinel_model::Value<bool> {
    use cloudsentinel_model::Value;
    let at = value.map_or(crate::adapt::src(entry), |f| f.origin());
    let Some(n) = name.known() else {
        return Value::unknown(at);
    };
    if !is_secret_name(n) {
        return Value::explicit(false, at);
    }
    match value {
        None => Value::default_at(false, at),
        Some(f) if f.value.is_unknown() || f.value.contains_unknown() => Value::unknown(at),
        Some(f) => Value::explicit(literal_value(f.value, n).is_some(), at),
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
            "http_tokens",
            "DB_PASSWORD_PARAM",
            "description",
        ] {
            assert!(!is_secret_name(n), "{n}");
        }
    }

    #[test]
    fn secret_identifiers_are_judged_by_their_last_segment() {
        for n in [
            "/prod/db/password",
            "/app/API-KEY",
            "github.token",
            "GITHUB_TOKEN",
            "/svc/stripe-secret-key/",
        ] {
            assert!(is_secret_identifier(n), "{n}");
        }
        for n in [
            "/prod/db/password-length",
            "/secrets/app/endpoint",
            "/prod/secret/db-host",
            "SECRET_NAME",
            "/app/log-level",
        ] {
            assert!(!is_secret_identifier(n), "{n}");
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
        assert!(literal_value(&Dyn::number(12_345_678.0), "password").is_some());
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
