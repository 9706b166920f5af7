//! Web and function apps: `azurerm_linux_web_app`, `azurerm_windows_web_app`, their function
//! app twins, and the older `azurerm_app_service` and `azurerm_function_app`.

use super::in_block;
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::azure::appservice::{AppService, WebApp};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut AppService) {
    for rtype in [
        "azurerm_linux_web_app",
        "azurerm_windows_web_app",
        "azurerm_linux_function_app",
        "azurerm_windows_function_app",
    ] {
        for &res in cx.resources(rtype) {
            let node = Node::resource(res);
            // Provider defaults: HTTPS only off; in `site_config`, minimum TLS 1.2 and FTPS
            // `Disabled`.
            out.web_apps.push(WebApp {
                resource: resource_meta(res),
                https_only: node.bool("https_only", Some(false)),
                min_tls_version: in_block(&node, "site_config", "1.2".to_string(), |s| {
                    s.string("minimum_tls_version", Some("1.2"))
                }),
                ftps_state: in_block(&node, "site_config", "Disabled".to_string(), |s| {
                    s.string("ftps_state", Some("Disabled"))
                }),
                remote_debugging: in_block(&node, "site_config", false, |s| {
                    s.bool("remote_debugging_enabled", Some(false))
                }),
                cors_origins: cors_origins(&node),
                http2: in_block(&node, "site_config", false, |s| {
                    s.bool("http2_enabled", Some(false))
                }),
                client_cert: node.bool("client_certificate_enabled", Some(false)),
            });
        }
    }
    for rtype in ["azurerm_app_service", "azurerm_function_app"] {
        for &res in cx.resources(rtype) {
            let node = Node::resource(res);
            // These older resources leave `ftps_state` to Azure (computed): Unknown when
            // absent. `min_tls_version` defaults to 1.2.
            let ftps = |s: &Node<'_>| match s.field("ftps_state") {
                Some(_) => s.string("ftps_state", None),
                None => Value::unknown(src(s.loc())),
            };
            let site = node.children("site_config");
            let ftps_state = match site.nodes.first() {
                Some(s) => ftps(s),
                None => Value::unknown(src(node.loc())),
            };
            out.web_apps.push(WebApp {
                resource: resource_meta(res),
                https_only: node.bool("https_only", Some(false)),
                min_tls_version: in_block(&node, "site_config", "1.2".to_string(), |s| {
                    s.string("min_tls_version", Some("1.2"))
                }),
                ftps_state,
                remote_debugging: in_block(&node, "site_config", false, |s| {
                    s.bool("remote_debugging_enabled", Some(false))
                }),
                cors_origins: cors_origins(&node),
                http2: in_block(&node, "site_config", false, |s| {
                    s.bool("http2_enabled", Some(false))
                }),
                client_cert: node.bool("client_cert_enabled", Some(false)),
            });
        }
    }
}

/// `site_config.cors.allowed_origins`; an Unknown element when blocks could not be expanded.
fn cors_origins(node: &Node<'_>) -> Vec<Value<String>> {
    let site = node.children("site_config");
    let mut out = Vec::new();
    for s in &site.nodes {
        let cors = s.children("cors");
        for c in &cors.nodes {
            out.extend(c.strings("allowed_origins").unwrap_or_default());
        }
        if cors.incomplete {
            out.push(Value::unknown(src(s.loc())));
        }
    }
    if site.incomplete {
        out.push(Value::unknown(src(node.loc())));
    }
    out
}
