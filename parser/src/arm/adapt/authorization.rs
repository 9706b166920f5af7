//! `Microsoft.Authorization/roleDefinitions`.

use super::{Cx, props, resource_meta};
use crate::adapt::{Reader, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::authorization::{Authorization, RoleDefinition};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Authorization) {
    for &r in cx.resources("Microsoft.Authorization/roleDefinitions") {
        let p = props(r);
        let permissions = p.list("permissions");
        let mut actions = Vec::new();
        for perm in &permissions.nodes {
            actions.extend(perm.strings("actions").unwrap_or_default());
        }
        if permissions.incomplete {
            actions.push(Value::unknown(src(p.loc)));
        }
        let scopes = p
            .strings("assignableScopes")
            .unwrap_or_else(|| vec![Value::unknown(src(p.loc))]);
        out.role_definitions.push(RoleDefinition {
            resource: resource_meta(r),
            actions,
            scopes,
        });
    }
}
