//! IAM policy documents: JSON strings (literal, heredoc, `file`), objects from
//! `jsonencode`, and `data "aws_iam_policy_document"` blocks.

use crate::dynvalue::{Dyn, DynKind};
use crate::terraform::adapt::{Cx, Field, Node, pick_loc, src, strings_of};
use crate::terraform::ir::TfResource;
use cloudsentinel_model::aws::iam::{
    Condition, PolicyDocument, Principal, PrincipalKind, Statement,
};
use cloudsentinel_model::{Location, Meta, Value};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

const DOC_TYPE: &str = "aws_iam_policy_document";

/// Deepest chain of documents merged through `source_policy_documents`.
const MAX_DOC_DEPTH: usize = 16;

/// Deepest nesting walked when looking for references to documents.
const MAX_WALK_DEPTH: usize = 64;

/// The `aws_iam_policy_document` data sources of an evaluation, adapted on first use.
pub(crate) struct PolicyDocs<'a> {
    by_address: HashMap<String, &'a TfResource>,
    memo: RefCell<HashMap<String, Value<PolicyDocument>>>,
    in_progress: RefCell<HashSet<String>>,
}

impl<'a> PolicyDocs<'a> {
    pub fn new(cx: &Cx<'a>) -> Self {
        PolicyDocs {
            by_address: cx
                .data(DOC_TYPE)
                .iter()
                .map(|r| (r.full_address(), *r))
                .collect(),
            memo: RefCell::new(HashMap::new()),
            in_progress: RefCell::new(HashSet::new()),
        }
    }

    /// Reads a policy attribute: a reference to a document data source, a JSON string or
    /// an object. Anything else is Unknown at the attribute.
    pub fn read(&self, field: Field<'_>) -> Value<PolicyDocument> {
        self.read_at(field.value, field.loc, field.scope(), 0)
    }

    /// The policy attribute `name` of `node`; Unknown at the block when absent (a policy
    /// has no default).
    pub fn read_attr(&self, node: &Node<'_>, name: &str) -> Value<PolicyDocument> {
        match node.field(name) {
            Some(f) => self.read(f),
            None => Value::unknown(src(node.loc())),
        }
    }

    fn read_at(
        &self,
        value: &Dyn,
        at: Location,
        scope: Location,
        depth: usize,
    ) -> Value<PolicyDocument> {
        if let Some(r) = &value.source_ref
            && self.by_address.contains_key(&**r)
        {
            return self.document(r, depth + 1);
        }
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

    /// The adapted document of data source `address` (full address).
    pub fn document(&self, address: &str, depth: usize) -> Value<PolicyDocument> {
        if let Some(v) = self.memo.borrow().get(address) {
            return v.clone();
        }
        let Some(res) = self.by_address.get(address) else {
            return Value::unknown(cloudsentinel_model::Origin::None);
        };
        let at = src(res.body.loc);
        if depth > MAX_DOC_DEPTH || !self.in_progress.borrow_mut().insert(address.to_string()) {
            // A cycle of documents including each other: Terraform rejects it.
            return Value::unknown(at);
        }
        let doc = self.adapt_data(res, depth);
        self.in_progress.borrow_mut().remove(address);
        self.memo
            .borrow_mut()
            .insert(address.to_string(), doc.clone());
        doc
    }

    /// Documents referenced by no resource or data source: they are checked on their own.
    pub fn unconsumed(&self, cx: &Cx<'a>) -> Vec<&'a TfResource> {
        let mut referenced = HashSet::new();
        for r in cx.all() {
            let own = r.full_address();
            for a in r.body.attrs.values() {
                collect_refs(&a.value, &own, &mut referenced, 0);
            }
            collect_block_refs(&r.body.blocks, &own, &mut referenced, 0);
        }
        cx.data(DOC_TYPE)
            .iter()
            .copied()
            .filter(|r| !referenced.contains(&r.full_address()))
            .collect()
    }

    /// `data "aws_iam_policy_document"`: statement blocks merged with the source and
    /// override documents.
    fn adapt_data(&self, res: &TfResource, depth: usize) -> Value<PolicyDocument> {
        let node = Node::resource(res);
        let at = src(res.body.loc);
        let blocks = node.children("statement");
        if blocks.incomplete {
            // Statements a dynamic block could not produce: the document is not known.
            return Value::unknown(at);
        }
        let own: Vec<Statement> = blocks.nodes.iter().map(data_statement).collect();
        let mut incomplete = false;
        let mut statements = Vec::new();
        for name in ["source_policy_documents", "source_json"] {
            for d in self.included(&node, name, depth, &mut incomplete) {
                statements.extend(d.statements);
            }
        }
        overlay(&mut statements, own);
        for name in ["override_policy_documents", "override_json"] {
            for d in self.included(&node, name, depth, &mut incomplete) {
                overlay(&mut statements, d.statements);
            }
        }
        if incomplete {
            for s in &mut statements {
                s.incomplete = true;
            }
        }
        Value::explicit(
            PolicyDocument {
                meta: Meta::explicit(at.clone()),
                statements,
            },
            at,
        )
    }

    /// The documents of a `source_*` / `override_*` attribute; sets `incomplete` when one
    /// of them is not known.
    fn included(
        &self,
        node: &Node<'_>,
        name: &str,
        depth: usize,
        incomplete: &mut bool,
    ) -> Vec<PolicyDocument> {
        let Some(f) = node.field(name) else {
            return Vec::new();
        };
        let items: Vec<&Dyn> = match &f.value.kind {
            DynKind::List(l) => l.iter().filter(|d| !d.is_null()).collect(),
            _ => vec![f.value],
        };
        let mut out = Vec::new();
        for d in items {
            match self.read_at(d, f.loc_of(d), f.scope(), depth).known() {
                Some(doc) => out.push(doc.clone()),
                None => *incomplete = true,
            }
        }
        out
    }
}

/// Adds `extra` statements to `base`: one with the Sid of an existing statement replaces it
/// (Terraform's merge of source and override documents).
fn overlay(base: &mut Vec<Statement>, extra: Vec<Statement>) {
    for s in extra {
        let same = s
            .sid
            .as_deref()
            .filter(|sid| !sid.is_empty())
            .and_then(|sid| base.iter().position(|b| b.sid.as_deref() == Some(sid)));
        match same {
            Some(i) => {
                if let Some(slot) = base.get_mut(i) {
                    *slot = s;
                }
            }
            None => base.push(s),
        }
    }
}

fn collect_block_refs(
    blocks: &[crate::terraform::ir::EvalBlock],
    own: &str,
    out: &mut HashSet<String>,
    depth: usize,
) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    for b in blocks {
        for a in b.attrs.values() {
            collect_refs(&a.value, own, out, depth + 1);
        }
        collect_block_refs(&b.blocks, own, out, depth + 1);
    }
}

fn collect_refs(d: &Dyn, own: &str, out: &mut HashSet<String>, depth: usize) {
    if depth > MAX_WALK_DEPTH {
        return;
    }
    if let Some(r) = &d.source_ref
        && &**r != own
    {
        out.insert(r.to_string());
    }
    match &d.kind {
        DynKind::List(l) => l.iter().for_each(|x| collect_refs(x, own, out, depth + 1)),
        DynKind::Map(m) => m
            .values()
            .for_each(|x| collect_refs(x, own, out, depth + 1)),
        _ => {}
    }
}

// ---- data source statements ---------------------------------------------------------------------

fn data_statement(node: &Node<'_>) -> Statement {
    let at = node.loc();
    let mut incomplete = false;
    let sid = node
        .field("sid")
        .and_then(|f| f.value.to_string_lossy())
        .filter(|s| !s.is_empty());
    let list = |name: &str| node.strings(name).unwrap_or_default();
    let mut principals = Vec::new();
    let blocks = node.children("principals");
    incomplete |= blocks.incomplete;
    for p in &blocks.nodes {
        let kind = p
            .field("type")
            .and_then(|f| f.value.as_str().and_then(kind_of));
        let Some(kind) = kind else {
            incomplete = true;
            continue;
        };
        let ids = p.strings("identifiers").unwrap_or_default();
        if ids.iter().any(Value::is_unknown) {
            incomplete = true;
        }
        principals.extend(ids.into_iter().map(|value| Principal { kind, value }));
    }
    let not_principals = node.children("not_principals");
    // NotPrincipal is not modelled: treat the statement as not fully known.
    incomplete |= not_principals.incomplete || !not_principals.nodes.is_empty();
    let mut conditions = Vec::new();
    let blocks = node.children("condition");
    incomplete |= blocks.incomplete;
    for c in &blocks.nodes {
        let test = c.field("test").and_then(|f| f.value.to_string_lossy());
        let variable = c.field("variable").and_then(|f| f.value.to_string_lossy());
        let values = c.strings("values").unwrap_or_default();
        match (test, variable) {
            (Some(operator), Some(key)) => {
                if values.iter().any(Value::is_unknown) {
                    incomplete = true;
                }
                conditions.push(Condition {
                    operator,
                    key,
                    values,
                });
            }
            _ => incomplete = true,
        }
    }
    Statement {
        meta: Meta::explicit(src(at)),
        sid,
        effect: node.string("effect", Some("Allow")),
        actions: list("actions"),
        not_actions: list("not_actions"),
        resources: list("resources"),
        not_resources: list("not_resources"),
        principals,
        conditions,
        incomplete,
    }
}

fn kind_of(t: &str) -> Option<PrincipalKind> {
    Some(match t {
        "*" => PrincipalKind::All,
        _ if t.eq_ignore_ascii_case("AWS") => PrincipalKind::Aws,
        _ if t.eq_ignore_ascii_case("Service") => PrincipalKind::Service,
        _ if t.eq_ignore_ascii_case("Federated") => PrincipalKind::Federated,
        _ if t.eq_ignore_ascii_case("CanonicalUser") => PrincipalKind::CanonicalUser,
        _ => return None,
    })
}

// ---- JSON documents -----------------------------------------------------------------------------

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
    // NotPrincipal is not modelled: treat the statement as not fully known.
    incomplete |= s.get("NotPrincipal").is_some_and(|p| !p.is_null());
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
    for (op, keys) in ops.iter() {
        let Some(keys) = keys.as_map() else {
            complete = false;
            continue;
        };
        for (key, v) in keys.iter() {
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
    use cloudsentinel_model::{FileId, TextRange};

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
        assert!(parse(r#"[]"#).is_none());
        let d =
            parse(r#"{"Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": "x"}}]}"#).unwrap();
        assert!(d.statements[0].incomplete);
    }

    #[test]
    fn overlay_replaces_by_sid() {
        let d = parse(r#"{"Statement": [{"Sid": "A", "Effect": "Allow"}, {"Effect": "Deny"}]}"#)
            .unwrap();
        let o = parse(r#"{"Statement": [{"Sid": "A", "Effect": "Deny"}, {"Sid": "B"}]}"#).unwrap();
        let mut base = d.statements;
        overlay(&mut base, o.statements);
        assert_eq!(base.len(), 3);
        assert!(base[0].is_deny());
    }
}
