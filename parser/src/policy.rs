//! IAM policy documents from JSON-shaped evaluated values, shared by every front-end:
//! Terraform (`jsonencode`, heredoc JSON, `file`), CloudFormation (`PolicyDocument` objects,
//! with intrinsics already evaluated) and JSON strings. Statements keep their own locations
//! when they lie inside the enclosing resource.

use crate::adapt::{pick_loc, src, strings_of};
use crate::dynvalue::{Dyn, DynKind};
use cloudsentinel_model::aws::iam::{
    Condition, PolicyDocument, Principal, PrincipalKind, Statement,
};
use cloudsentinel_model::{FileId, Location, Meta, Origin, TextRange, Value};

/// A policy attribute's value: a JSON string or an object. Anything else (or a document
/// whose statements cannot be known) is Unknown at `at`. `scope` is the enclosing resource.
pub(crate) fn document_value(value: &Dyn, at: Location, scope: Location) -> Value<PolicyDocument> {
    let parsed = match &value.kind {
        // jsonencode(...): read the structure it encoded, with its locations.
        _ if value.encoded.is_some() => value
            .encoded
            .as_deref()
            .and_then(|e| parse_document(e, at, scope)),
        DynKind::String(s) => match serde_json::from_str::<serde_json::Value>(s) {
            // JSON text has no locations of its own: everything points at the attribute.
            Ok(j) => parse_document(&Dyn::from_json(&j, Some(at)), at, at),
            Err(_) => None,
        },
        DynKind::Map(_) => parse_document(value, at, scope),
        _ => None,
    };
    match parsed {
        Some(doc) => Value::explicit(doc, src(at)),
        None => Value::unknown(src(at)),
    }
}

/// A policy document from JSON text read from a live API (bucket policies, IAM policy
/// versions, trust policies), every value placed at `origin` (the live resource). `None`
/// when the text is not JSON or its statements cannot be known.
pub fn document_from_json(text: &str, origin: &Origin) -> Option<PolicyDocument> {
    let json: serde_json::Value = serde_json::from_str(text).ok()?;
    // JSON text has no locations: parse at a placeholder, then point everything at `origin`.
    let at = Location::new(FileId(u32::MAX), TextRange::default());
    let mut doc = parse_document(&Dyn::from_json(&json, None), at, at)?;
    let meta = |m: &mut Meta| m.origin = origin.clone();
    meta(&mut doc.meta);
    for s in &mut doc.statements {
        meta(&mut s.meta);
        meta(&mut s.effect.meta);
        for v in s
            .actions
            .iter_mut()
            .chain(&mut s.not_actions)
            .chain(&mut s.resources)
            .chain(&mut s.not_resources)
        {
            meta(&mut v.meta);
        }
        for p in &mut s.principals {
            meta(&mut p.value.meta);
        }
        for c in &mut s.conditions {
            for v in &mut c.values {
                meta(&mut v.meta);
            }
        }
    }
    Some(doc)
}

/// The principal kind a `Principal` key (or Terraform `principals.type`) names.
pub(crate) fn kind_of(t: &str) -> Option<PrincipalKind> {
    Some(match t {
        "*" => PrincipalKind::All,
        _ if t.eq_ignore_ascii_case("AWS") => PrincipalKind::Aws,
        _ if t.eq_ignore_ascii_case("Service") => PrincipalKind::Service,
        _ if t.eq_ignore_ascii_case("Federated") => PrincipalKind::Federated,
        _ if t.eq_ignore_ascii_case("CanonicalUser") => PrincipalKind::CanonicalUser,
        _ => return None,
    })
}

/// A policy document from a JSON-shaped value. `None` when its statements cannot be known
/// (not an object, an unknown statement list or element).
pub(crate) fn parse_document(d: &Dyn, at: Location, scope: Location) -> Option<PolicyDocument> {
    d.as_map()?;
    let items: Vec<&Dyn> = match d.get("Statement") {
        None => Vec::new(),
        Some(s) => match &s.kind {
            DynKind::List(l) => l.iter().collect(),
            DynKind::Map(_) => vec![s],
            DynKind::Null => Vec::new(),
            _ => return None,
        },
    };
    let mut statements = Vec::with_capacity(items.len());
    for s in items {
        s.as_map()?;
        statements.push(json_statement(s, pick_loc(s.loc, at, scope), scope));
    }
    Some(PolicyDocument {
        meta: Meta::explicit(src(at)),
        statements,
    })
}

fn json_statement(s: &Dyn, at: Location, scope: Location) -> Statement {
    let here = |d: &Dyn| pick_loc(d.loc, at, scope);
    let list = |key: &str| match s.get(key) {
        Some(v) => strings_of(v, here(v), scope),
        None => Vec::new(),
    };
    let mut incomplete = false;
    let effect = match s.get("Effect") {
        Some(e) => match e.to_string_lossy() {
            Some(v) => Value::explicit(v, src(here(e))),
            None => Value::unknown(src(here(e))),
        },
        None => Value::unknown(src(at)),
    };
    let mut principals = Vec::new();
    if let Some(p) = s.get("Principal") {
        incomplete |= !json_principals(p, here(p), scope, &mut principals);
    }
    let mut not_principals = Vec::new();
    if let Some(p) = s.get("NotPrincipal").filter(|p| !p.is_null()) {
        incomplete |= !json_principals(p, here(p), scope, &mut not_principals);
    }
    let mut conditions = Vec::new();
    if let Some(c) = s.get("Condition") {
        incomplete |= !json_conditions(c, here(c), scope, &mut conditions);
    }
    Statement {
        meta: Meta::explicit(src(at)),
        sid: s
            .get("Sid")
            .and_then(Dyn::to_string_lossy)
            .filter(|v| !v.is_empty()),
        effect,
        actions: list("Action"),
        not_actions: list("NotAction"),
        resources: list("Resource"),
        not_resources: list("NotResource"),
        principals,
        not_principals,
        conditions,
        incomplete,
    }
}

/// Reads `Principal`; false when part of it is not known.
fn json_principals(p: &Dyn, at: Location, scope: Location, out: &mut Vec<Principal>) -> bool {
    match &p.kind {
        DynKind::String(s) => {
            out.push(Principal {
                kind: if &**s == "*" {
                    PrincipalKind::All
                } else {
                    PrincipalKind::Aws
                },
                value: Value::explicit(s.to_string(), src(at)),
            });
            true
        }
        DynKind::Null => true,
        DynKind::Map(m) => {
            let mut complete = true;
            for (k, v) in m.iter() {
                let Some(kind) = kind_of(k).filter(|k| *k != PrincipalKind::All) else {
                    complete = false;
                    continue;
                };
                let values = strings_of(v, pick_loc(v.loc, at, scope), scope);
                complete &= !values.iter().any(Value::is_unknown);
                out.extend(values.into_iter().map(|value| Principal { kind, value }));
            }
            complete
        }
        _ => false,
    }
}

/// Reads `Condition` (operator → key → value or values); false when part of it is not
/// known.
fn json_conditions(c: &Dyn, at: Location, scope: Location, out: &mut Vec<Condition>) -> bool {
    let Some(ops) = c.as_map() else {
        return c.is_null();
    };
    let mut complete = true;
    for (op, keys) in ops {
        let Some(keys) = keys.as_map() else {
            complete = false;
            continue;
        };
        for (key, v) in keys {
            let values = strings_of(v, pick_loc(v.loc, at, scope), scope);
            complete &= !values.iter().any(Value::is_unknown);
            out.push(Condition {
                operator: op.clone(),
                key: key.clone(),
                values,
            });
        }
    }
    complete
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(a: usize, b: usize) -> Location {
        Location::new(FileId(0), TextRange::new(a, b))
    }

    fn parse(json: &str) -> Option<PolicyDocument> {
        let j: serde_json::Value = serde_json::from_str(json).ok()?;
        parse_document(
            &Dyn::from_json(&j, Some(loc(5, 10))),
            loc(5, 10),
            loc(0, 100),
        )
    }

    #[test]
    fn statement_object_or_list_and_string_or_list_fields() {
        let d = parse(
            r#"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": ["*", "arn:x"],
               "Principal": {"AWS": ["*", "arn:aws:iam::1:root"], "Service": "ec2.amazonaws.com"},
               "Condition": {"Bool": {"aws:SecureTransport": false},
                             "StringEquals": {"aws:SourceVpc": ["vpc-1", "vpc-2"]}}}}"#,
        )
        .unwrap();
        let s = &d.statements[0];
        assert!(s.is_allow());
        assert!(s.full_wildcard_action().is_some() && s.has_full_wildcard_resource());
        assert_eq!(s.resources.len(), 2);
        assert_eq!(s.principals.len(), 3);
        assert!(s.wildcard_principal().is_some());
        assert_eq!(s.conditions.len(), 2);
        assert_eq!(s.conditions[0].values[0].as_str(), Some("false"));
        assert_eq!(s.conditions[1].values.len(), 2);
        assert!(!s.incomplete);
        assert!(s.has_narrowing_condition());
    }

    #[test]
    fn bare_star_principal_and_missing_effect() {
        let d = parse(r#"{"Statement": [{"Principal": "*", "Action": "s3:GetObject"}]}"#).unwrap();
        let s = &d.statements[0];
        assert_eq!(s.principals[0].kind, PrincipalKind::All);
        assert!(s.effect.is_unknown(), "IAM has no default effect");
        assert!(!s.allows_anyone());
    }

    #[test]
    fn unknown_parts() {
        let mut m = indexmap::IndexMap::new();
        m.insert("Statement".to_string(), Dyn::unknown());
        assert!(parse_document(&Dyn::map(m), loc(1, 2), loc(0, 9)).is_none());
        assert!(parse(r#"{"Statement": ["oops"]}"#).is_none());
        assert!(parse(r"[]").is_none());
        let d =
            parse(r#"{"Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": "x"}}]}"#).unwrap();
        assert!(!d.statements[0].incomplete);
        assert_eq!(d.statements[0].not_principals.len(), 1);
        assert!(d.statements[0].allows_anyone(), "everyone but x");
    }

    #[test]
    fn live_json_documents_point_at_the_live_resource() {
        let origin = Origin::Live {
            id: "arn:aws:s3:::b".into(),
            region: Some("us-east-1".into()),
        };
        let d = document_from_json(
            r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}"#,
            &origin,
        )
        .unwrap();
        let s = &d.statements[0];
        assert!(s.is_allow() && s.wildcard_principal().is_some());
        assert_eq!(s.effect.meta.origin, origin);
        assert_eq!(s.principals[0].value.meta.origin, origin);
        assert_eq!(s.conditions[0].values[0].meta.origin, origin);
        assert!(document_from_json("nope", &origin).is_none());
    }

    #[test]
    fn json_strings_and_other_values() {
        let v = document_value(
            &Dyn::string(r#"{"Statement": [{"Effect": "Deny", "Action": "*"}]}"#),
            loc(3, 4),
            loc(0, 50),
        );
        let d = v.known().unwrap();
        assert!(d.statements[0].is_deny());
        assert_eq!(d.statements[0].meta.location(), Some(loc(3, 4)));
        assert!(document_value(&Dyn::string("not json"), loc(3, 4), loc(0, 50)).is_unknown());
        assert!(document_value(&Dyn::unknown(), loc(3, 4), loc(0, 50)).is_unknown());
    }
}
