//! `Microsoft.Cache/redis`.

use super::{Cx, props, resource_meta};
use crate::adapt::{Reader, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::redis::{Redis, RedisCache};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Redis) {
    for &r in cx.resources("Microsoft.Cache/redis") {
        let p = props(r);
        out.caches.push(RedisCache {
            resource: resource_meta(r),
            // `enableNonSslPort` defaults to false, `publicNetworkAccess` to Enabled; the
            // minimum TLS version's default is not documented for every API version.
            non_ssl_port: p.bool("enableNonSslPort", Some(false)),
            min_tls_version: match p.field("minimumTlsVersion") {
                Some(_) => p.string("minimumTlsVersion", None),
                None => Value::unknown(src(r.location)),
            },
            public_network_access: p.enabled("publicNetworkAccess", Some(true)),
        });
    }
}
