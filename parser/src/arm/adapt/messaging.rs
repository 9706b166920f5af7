//! `Microsoft.ServiceBus/namespaces` and `Microsoft.EventHub/namespaces`.

use super::{Cx, props, resource_meta};
use crate::adapt::Reader;
use cloudsentinel_model::azure::messaging::{Messaging, Namespace, NamespaceKind};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Messaging) {
    for (rtype, kind) in [
        ("Microsoft.ServiceBus/namespaces", NamespaceKind::ServiceBus),
        ("Microsoft.EventHub/namespaces", NamespaceKind::EventHubs),
    ] {
        for &r in cx.resources(rtype) {
            out.namespaces.push(Namespace {
                resource: resource_meta(r),
                kind,
                // `disableLocalAuth` defaults to false: SAS keys work.
                local_auth: props(r)
                    .bool("disableLocalAuth", Some(false))
                    .map(|disabled| !disabled),
            });
        }
    }
}
