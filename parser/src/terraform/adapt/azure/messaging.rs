//! `azurerm_servicebus_namespace` and `azurerm_eventhub_namespace`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::azure::messaging::{Messaging, Namespace, NamespaceKind};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Messaging) {
    for (rtype, attr, kind) in [
        (
            "azurerm_servicebus_namespace",
            "local_auth_enabled",
            NamespaceKind::ServiceBus,
        ),
        (
            "azurerm_eventhub_namespace",
            "local_authentication_enabled",
            NamespaceKind::EventHubs,
        ),
    ] {
        for &res in cx.resources(rtype) {
            let node = Node::resource(res);
            out.namespaces.push(Namespace {
                resource: resource_meta(res),
                kind,
                // The provider's default: local (SAS) authentication on.
                local_auth: node.bool(attr, Some(true)),
            });
        }
    }
}
