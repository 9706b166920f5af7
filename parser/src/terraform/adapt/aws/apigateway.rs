//! `aws_api_gateway_stage`, `aws_apigatewayv2_stage` and `aws_api_gateway_method`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::apigateway::{ApiGateway, Method, Stage};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut ApiGateway) {
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
}
