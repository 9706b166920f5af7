//! Hard-coded credentials in configs and templates: literal values of properties whose name
//! says they hold a credential (`password: hunter2` of a Cloud SQL user), and AWS access keys
//! or private key blocks written in any string. A value only the deployment knows (`env`, a
//! reference to an API output) is Unknown and never reported.

use super::{Cx, resource_meta};
use crate::adapt::{pick_loc, src};
use crate::cloudformation::secrets::snake;
use crate::dynvalue::{Dyn, DynKind};
use crate::secrets::{ACCESS_KEY_ID, PRIVATE_KEY, is_secret_name, literal_value, refine};
use cloudsentinel_model::{HardcodedSecret, Location, Meta, ResourceMeta, SecretKind};
use std::collections::HashSet;

/// Deepest nesting searched.
const MAX_DEPTH: usize = 32;

/// Properties whose keys are labels, not settings.
const LABEL_KEYS: [&str; 2] = ["labels", "tags"];

pub(super) fn find(cx: &Cx<'_>, out: &mut Vec<HardcodedSecret>) {
    for r in &cx.ev.resources {
        let owner = resource_meta(r);
        walk(&owner, &r.props, "properties", r.loc, 0, out);
    }
    let mut seen = HashSet::new();
    out.retain(|s| seen.insert((s.meta.location(), s.kind)));
}

fn walk(
    owner: &ResourceMeta,
    d: &Dyn,
    path: &str,
    scope: Location,
    depth: usize,
    out: &mut Vec<HardcodedSecret>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let at = |v: &Dyn| pick_loc(v.loc, scope, scope);
    let secret = |attribute: String, kind, loc| HardcodedSecret {
        resource: owner.clone(),
        attribute,
        kind,
        meta: Meta::explicit(src(loc)),
    };
    match &d.kind {
        DynKind::Map(entries) => {
            for (key, value) in entries.iter() {
                if LABEL_KEYS.contains(&key.to_ascii_lowercase().as_str()) {
                    continue;
                }
                let here = format!("{path}.{key}");
                let name = snake(key);
                if matches!(value.kind, DynKind::String(_) | DynKind::Number(_))
                    && is_secret_name(&name)
                    && let Some(literal) = literal_value(value, &name)
                {
                    out.push(secret(
                        here,
                        refine(SecretKind::PasswordAttribute, &literal, &name),
                        at(value),
                    ));
                    continue;
                }
                walk(owner, value, &here, scope, depth + 1, out);
            }
        }
        DynKind::List(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(owner, item, &format!("{path}[{i}]"), scope, depth + 1, out);
            }
        }
        DynKind::String(s) => {
            // The value's text is the rendered one: the location is its line.
            if ACCESS_KEY_ID.is_match(s) {
                out.push(secret(path.to_string(), SecretKind::AwsAccessKeyId, at(d)));
            }
            if PRIVATE_KEY.is_match(s) {
                out.push(secret(path.to_string(), SecretKind::PrivateKey, at(d)));
            }
        }
        _ => {}
    }
}
