//! `azurerm_redis_cache`.

use super::first_of;
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::azure::redis::{Redis, RedisCache};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Redis) {
    for &res in cx.resources("azurerm_redis_cache") {
        let node = Node::resource(res);
        out.caches.push(RedisCache {
            resource: resource_meta(res),
            // `non_ssl_port_enabled` (4.x) or `enable_non_ssl_port` (3.x): false by default.
            non_ssl_port: node.bool(
                first_of(&node, &["non_ssl_port_enabled", "enable_non_ssl_port"]),
                Some(false),
            ),
            // The default changed between provider versions (1.0 in 3.x, 1.2 in 4.x): only a
            // written value is known.
            min_tls_version: node.string("minimum_tls_version", None),
            public_network_access: node.bool("public_network_access_enabled", Some(true)),
        });
    }
}
