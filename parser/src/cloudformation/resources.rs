//! The resources of one stack: conditions applied, properties evaluated, SAM expanded,
//! suppressions read from `Metadata`.

use super::eval::{CfnResource, Stack};
use super::sam;
use super::syntax::Node;
use crate::dynvalue::{Dyn, DynKind};
use cloudsentinel_model::{Ignore, Location};
use indexmap::IndexMap;

/// A deployed resource's logical id, template body and entry.
pub type Deployed<'t> = (&'t str, &'t Node, Location);

/// Evaluates every deployed resource of `stack` (with the resources SAM generates), and
/// lists the deployed template entries. `inherited` are the suppressions of the nested
/// stack resources leading to it.
pub fn evaluate<'t>(
    stack: &Stack<'t>,
    inherited: &[Ignore],
) -> (Vec<CfnResource>, Vec<Deployed<'t>>) {
    let mut out = Vec::new();
    let mut deployed = Vec::new();
    let Some(entries) = stack.t.section("Resources").and_then(Node::as_map) else {
        return (out, deployed);
    };
    let globals = stack.t.section("Globals").and_then(|g| stack.eval(g));
    for e in entries {
        let (s, end) = e.range();
        let at = stack.t.loc(s, end);
        if e.key.starts_with("Fn::ForEach") {
            stack.notice(
                at,
                format!(
                    "{}: Fn::ForEach (AWS::LanguageExtensions) is not expanded; the resources it generates are not checked",
                    e.key
                ),
            );
            continue;
        }
        let body = &e.value;
        let Some(rtype) = body.get("Type").and_then(Node::as_str) else {
            stack.notice(
                at,
                format!("resource {} has no Type; it is not checked", e.key),
            );
            continue;
        };
        let mut condition_unknown = false;
        if let Some(c) = body.get("Condition") {
            let decided = c.as_str().and_then(|name| stack.condition(name));
            match decided {
                // Not deployed: nothing to check.
                Some(false) => continue,
                Some(true) => {}
                None => condition_unknown = true,
            }
        }
        deployed.push((&*e.key, body, at));
        let props = match body.entry("Properties") {
            Some(p) => {
                let (ps, pe) = p.range();
                let ploc = stack.t.loc(ps, pe);
                match stack.eval(&p.value) {
                    Some(v) if !v.is_null() => v.with_loc(ploc),
                    _ => empty_map(ploc),
                }
            }
            None => empty_map(at),
        };
        let mut ignores: Vec<Ignore> = inherited.to_vec();
        if let Some(m) = body.entry("Metadata") {
            let (ms, me) = m.range();
            if let Some(meta) = stack.eval(&m.value) {
                ignores.extend(read_ignores(&meta, stack.t.loc(ms, me)));
            }
        }
        let res = CfnResource {
            logical_id: e.key.to_string(),
            rtype: rtype.to_string(),
            prefix: stack.prefix.clone(),
            module_chain: stack.chain.clone(),
            loc: at,
            props,
            ignores,
            generated_from: None,
            condition_unknown,
        };
        if rtype.starts_with("AWS::Serverless::") {
            out.extend(sam::expand(&res, globals.as_ref()));
        }
        out.push(res);
    }
    (out, deployed)
}

fn empty_map(at: Location) -> Dyn {
    Dyn::map(IndexMap::new()).with_loc(at)
}

/// Suppressions in a resource's `Metadata`:
///
/// - `cloudsentinel: {ignore: [{id, reason, expires}, …]}` (an item may also be a string
///   `id[,id…][:exp:YYYY-MM-DD] [reason]`, and `id` may carry `:exp:`);
/// - other tools' skips, recorded with their tool as a prefix so they never match a check
///   ID by themselves: `checkov: {skip: [{id, comment}]}` → `checkov:CKV_AWS_18`,
///   `cfn_nag: {rules_to_suppress: [{id, reason}]}` → `cfn_nag:W35`.
pub fn read_ignores(meta: &Dyn, fallback: Location) -> Vec<Ignore> {
    let mut out = Vec::new();
    let items = |v: Option<&Dyn>| -> Vec<Dyn> {
        match v.map(|d| &d.kind) {
            Some(DynKind::List(l)) => l.iter().cloned().collect(),
            Some(DynKind::Map(_) | DynKind::String(_)) => v.cloned().into_iter().collect(),
            _ => Vec::new(),
        }
    };
    let at = |d: &Dyn| d.loc.unwrap_or(fallback);
    let text = |d: &Dyn, key: &str| d.get(key).and_then(Dyn::to_string_lossy);
    for item in items(meta.get("cloudsentinel").and_then(|c| c.get("ignore"))) {
        let (ids, mut expires, mut reason) = match &item.kind {
            DynKind::String(s) => {
                let s = s.trim();
                let (head, rest) = s.split_once(char::is_whitespace).unwrap_or((s, ""));
                let rest = rest.trim();
                (
                    head.to_string(),
                    None,
                    (!rest.is_empty()).then(|| rest.to_string()),
                )
            }
            DynKind::Map(_) => (
                text(&item, "id")
                    .or_else(|| text(&item, "ids"))
                    .unwrap_or_default(),
                text(&item, "expires").or_else(|| text(&item, "exp")),
                text(&item, "reason"),
            ),
            _ => continue,
        };
        let ids = match ids.split_once(":exp:") {
            Some((i, e)) => {
                expires = expires.or_else(|| Some(e.trim().to_string()));
                i.to_string()
            }
            None => ids,
        };
        reason = reason.filter(|r| !r.trim().is_empty());
        let list: Vec<String> = match item.get("ids").and_then(Dyn::as_list) {
            Some(l) => l.iter().filter_map(Dyn::to_string_lossy).collect(),
            None => ids.split(',').map(|s| s.trim().to_string()).collect(),
        };
        for id in list.into_iter().filter(|i| !i.is_empty()) {
            out.push(Ignore {
                id,
                reason: reason.clone(),
                expires: expires.clone(),
                location: Some(at(&item)),
            });
        }
    }
    for (tool, section, list, reason_key) in [
        ("checkov", "checkov", "skip", "comment"),
        ("cfn_nag", "cfn_nag", "rules_to_suppress", "reason"),
    ] {
        for item in items(meta.get(section).and_then(|c| c.get(list))) {
            let Some(id) = text(&item, "id").filter(|i| !i.is_empty()) else {
                continue;
            };
            out.push(Ignore {
                id: format!("{tool}:{id}"),
                reason: text(&item, reason_key).filter(|r| !r.trim().is_empty()),
                expires: None,
                location: Some(at(&item)),
            });
        }
    }
    out
}
