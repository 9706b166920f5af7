//! `aws_api_gateway_stage`, `aws_apigatewayv2_stage`, `aws_api_gateway_method`,
//! `aws_api_gateway_rest_api` (with the `aws_api_gateway_rest_api_policy` resources joined
//! through `rest_api_id`) and `aws_api_gateway_domain_name`.

use super::iam_policy::PolicyDocs;
use crate::terraform::adapt::{Cx, Node, Reader, join_children, merged, resource_meta, src};
use cloudsentinel_model::aws::apigateway::{
    ApiGateway, DEFAULT_ENDPOINT_TYPE, DomainName, Method, MethodSettings, RestApi, Stage,
};
use cloudsentinel_model::{Meta, Value};

pub(super) fn adapt(cx: &Cx<'_>, docs: &PolicyDocs<'_>, out: &mut ApiGateway) {
    for (rtype, v2) in [
        ("aws_api_gateway_stage", false),
        ("aws_apigatewayv2_stage", true),
    ] {
        for res in cx.resources(rtype) {
            let node = Node::resource(res);
            let logs = node.children("access_log_settings");
            let access_logs = if logs.incomplete {
                Value::unknown(src(node.loc()))
            } else {
                match logs.nodes.first() {
                    Some(l) => Value::explicit(true, src(l.loc())),
                    None => Value::default_at(false, src(node.loc())),
                }
            };
            // `xray_tracing_enabled` defaults to false; v2 stages have no tracing.
            let tracing = if v2 {
                Value::unknown(src(node.loc()))
            } else {
                node.bool("xray_tracing_enabled", Some(false))
            };
            out.stages.push(Stage {
                resource: resource_meta(res),
                access_logs,
                tracing,
            });
        }
    }
    for res in cx.resources("aws_api_gateway_method") {
        let node = Node::resource(res);
        out.methods.push(Method {
            resource: resource_meta(res),
            http_method: node.string("http_method", None),
            authorization: node.string("authorization", None),
            api_key_required: node.bool("api_key_required", Some(false)),
        });
    }
    for res in cx.resources("aws_api_gateway_method_settings") {
        let node = Node::resource(res);
        let settings = node.children("settings");
        let (caching_enabled, cache_data_encrypted) = match settings.nodes.first() {
            Some(s) => (
                s.bool("caching_enabled", None),
                s.bool("cache_data_encrypted", None),
            ),
            None => (
                Value::unknown(src(node.loc())),
                Value::unknown(src(node.loc())),
            ),
        };
        out.method_settings.push(MethodSettings {
            resource: resource_meta(res),
            meta: Meta::explicit(src(settings.nodes.first().map_or(node.loc(), Node::loc))),
            caching_enabled,
            cache_data_encrypted,
        });
    }
    let parents = cx.resources("aws_api_gateway_rest_api");
    let mut apis: Vec<RestApi> = parents
        .iter()
        .map(|res| {
            let node = Node::resource(res);
            let endpoint = node.children("endpoint_configuration");
            let endpoint_type = match endpoint.nodes.first() {
                Some(e) => match e.field("types") {
                    Some(f) => f
                        .strings()
                        .into_iter()
                        .next()
                        .unwrap_or_else(|| Value::unknown(f.origin())),
                    None => Value::unknown(src(e.loc())),
                },
                None if endpoint.incomplete => Value::unknown(src(node.loc())),
                None => Value::default_at(DEFAULT_ENDPOINT_TYPE.to_string(), src(node.loc())),
            };
            RestApi {
                resource: resource_meta(res),
                endpoint_type,
                policies: node
                    .field("policy")
                    .map(|f| docs.read(f))
                    .into_iter()
                    .collect(),
            }
        })
        .collect();
    join_children(
        cx,
        parents,
        &[],
        &[("aws_api_gateway_rest_api_policy", ())],
        "rest_api_id",
        "REST API",
        |i, (), res, known| {
            if let Some(a) = apis.get_mut(i) {
                a.policies.push(if known {
                    docs.read_attr(&Node::resource(res), "policy")
                } else {
                    Value::unknown(src(res.body.loc))
                });
                merged(&mut a.resource, res, known);
            }
        },
    );
    out.rest_apis.extend(apis);
    for res in cx.resources("aws_api_gateway_domain_name") {
        out.domain_names.push(DomainName {
            resource: resource_meta(res),
            security_policy: Node::resource(res).string("security_policy", None),
        });
    }
}
