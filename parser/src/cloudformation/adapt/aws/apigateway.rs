//! `AWS::ApiGateway::Stage`, `AWS::ApiGatewayV2::Stage` and `AWS::ApiGateway::Method`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::apigateway::{ApiGateway, Method, Stage};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut ApiGateway) {
    for (rtype, logs_key, v2) in [
        ("AWS::ApiGateway::Stage", "AccessLogSetting", false),
        ("AWS::ApiGatewayV2::Stage", "AccessLogSettings", true),
    ] {
        for res in cx.resources(rtype) {
            let node = Obj::resource(res);
            let access_logs = match node.child(logs_key) {
                Some(l) if l.value.is_unknown() => Value::unknown(src(l.loc())),
                Some(l) => Value::explicit(true, src(l.loc())),
                None => Value::default_at(false, src(node.loc())),
            };
            let tracing = if v2 {
                Value::unknown(src(node.loc()))
            } else {
                node.bool("TracingEnabled", Some(false))
            };
            out.stages.push(Stage {
                resource: resource_meta(res),
                access_logs,
                tracing,
            });
        }
    }
    for res in cx.resources("AWS::ApiGateway::Method") {
        let node = Obj::resource(res);
        // `AuthorizationType` defaults to NONE.
        out.methods.push(Method {
            resource: resource_meta(res),
            http_method: node.string("HttpMethod", None),
            authorization: node.string("AuthorizationType", Some("NONE")),
            api_key_required: node.bool("ApiKeyRequired", Some(false)),
        });
    }
}
