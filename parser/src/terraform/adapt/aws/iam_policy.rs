//! IAM policy documents: JSON strings (literal, heredoc, `file`), objects from
//! `jsonencode`, and `data "aws_iam_policy_document"` blocks.

use crate::dynvalue::{Dyn, DynKind};
use crate::policy::{document_value, kind_of};
use crate::terraform::adapt::{Cx, Field, Node, Reader, src};
use crate::terraform::ir::TfResource;
use cloudsentinel_model::aws::iam::{Condition, PolicyDocument, Principal, Statement};
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
        document_value(value, at, scope)
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
    incomplete |= !data_principals(node, "principals", &mut principals);
    let mut not_principals = Vec::new();
    incomplete |= !data_principals(node, "not_principals", &mut not_principals);
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
        not_principals,
        conditions,
        incomplete,
    }
}

/// Reads `principals` (or `not_principals`) blocks; false when part of them is not known.
fn data_principals(node: &Node<'_>, name: &str, out: &mut Vec<Principal>) -> bool {
    let blocks = node.children(name);
    let mut complete = !blocks.incomplete;
    for p in &blocks.nodes {
        let kind = p
            .field("type")
            .and_then(|f| f.value.as_str().and_then(kind_of));
        let Some(kind) = kind else {
            complete = false;
            continue;
        };
        let ids = p.strings("identifiers").unwrap_or_default();
        if ids.iter().any(Value::is_unknown) {
            complete = false;
        }
        out.extend(ids.into_iter().map(|value| Principal { kind, value }));
    }
    complete
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::parse_document;
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
