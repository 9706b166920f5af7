//! `azurerm_role_definition`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::authorization::{Authorization, RoleDefinition};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Authorization) {
    for &res in cx.resources("azurerm_role_definition") {
        let node = Node::resource(res);
        let permissions = node.children("permissions");
        let mut actions = Vec::new();
        for p in &permissions.nodes {
            actions.extend(p.strings("actions").unwrap_or_default());
        }
        if permissions.incomplete {
            actions.push(Value::unknown(src(node.loc())));
        }
        let mut scopes = vec![node.string("scope", None)];
        scopes.extend(node.strings("assignable_scopes").unwrap_or_default());
        out.role_definitions.push(RoleDefinition {
            resource: resource_meta(res),
            actions,
            scopes,
        });
    }
}
