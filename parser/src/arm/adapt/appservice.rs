//! `Microsoft.Web/sites` (web and function apps) with their `config/web` settings.

use super::{Cx, Nested, Obj, known_name, props, resource_meta};
use crate::adapt::{Reader, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::appservice::{AppService, WebApp};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut AppService) {
    for &r in cx.resources("Microsoft.Web/sites") {
        let p = props(r);
        // Site settings: `properties.siteConfig`, or a `config` child named `<site>/web`.
        let child = cx
            .children_of(r, "Microsoft.Web/sites/config")
            .into_iter()
            .find(|c| known_name(c).is_some_and(|n| n.to_ascii_lowercase().ends_with("/web")));
        let site_config: Option<Obj<'_>> = match child {
            Some(c) => Some(props(c)),
            None => match p.obj("siteConfig") {
                Nested::Present(s) => Some(s),
                _ => None,
            },
        };
        let unknown_config = child.is_none() && cx.has_unknown_named("Microsoft.Web/sites/config");
        let setting = |read: &dyn Fn(&Obj<'_>) -> Value<bool>, default: bool| -> Value<bool> {
            match &site_config {
                _ if unknown_config => Value::unknown(src(r.location)),
                Some(s) => read(s),
                None => Value::default_at(default, src(r.location)),
            }
        };
        // Defaults: `httpsOnly` false, `clientCertEnabled` false; in the site config,
        // `minTlsVersion` 1.2, `remoteDebuggingEnabled` false, `http20Enabled` false;
        // `ftpsState` has no documented default (Unknown when unset).
        let min_tls_version = match &site_config {
            _ if unknown_config => Value::unknown(src(r.location)),
            Some(s) => s.string("minTlsVersion", Some("1.2")),
            None => Value::default_at("1.2".to_string(), src(r.location)),
        };
        let ftps_state = match &site_config {
            Some(s) if s.has("ftpsState") => s.string("ftpsState", None),
            _ => Value::unknown(src(r.location)),
        };
        let mut cors_origins = Vec::new();
        if let Some(s) = &site_config
            && let Nested::Present(c) = s.obj("cors")
        {
            cors_origins.extend(c.strings("allowedOrigins").unwrap_or_default());
        }
        if unknown_config {
            cors_origins.push(Value::unknown(src(r.location)));
        }
        out.web_apps.push(WebApp {
            resource: resource_meta(r),
            https_only: p.bool("httpsOnly", Some(false)),
            min_tls_version,
            ftps_state,
            remote_debugging: setting(&|s| s.bool("remoteDebuggingEnabled", Some(false)), false),
            cors_origins,
            http2: setting(&|s| s.bool("http20Enabled", Some(false)), false),
            client_cert: p.bool("clientCertEnabled", Some(false)),
        });
    }
}
