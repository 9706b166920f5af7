//! `AWS::ApiGateway::Stage`, `AWS::ApiGatewayV2::Stage`, `AWS::ApiGateway::Method`,
//! `AWS::ApiGateway::RestApi` and `AWS::ApiGateway::DomainName`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use crate::policy::document_value;
use cloudsentinel_model::aws::apigateway::{
    ApiGateway, DEFAULT_ENDPOINT_TYPE, DomainName, Method, MethodSettings, RestApi, Stage,
};
use cloudsentinel_model::{Meta, Value};

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
            if !v2 {
                let settings = node.children("MethodSettings");
                for s in &settings.nodes {
                    out.method_settings.push(MethodSettings {
                        resource: resource_meta(res),
                        meta: Meta::explicit(src(s.loc())),
                        caching_enabled: s.bool("CachingEnabled", None),
                        cache_data_encrypted: s.bool("CacheDataEncrypted", None),
                    });
                }
                if settings.incomplete {
                    out.method_settings.push(MethodSettings {
                        resource: resource_meta(res),
                        meta: Meta::explicit(src(node.loc())),
                        caching_enabled: Value::unknown(src(node.loc())),
                        cache_data_encrypted: Value::unknown(src(node.loc())),
                    });
                }
            }
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
    for res in cx.resources("AWS::ApiGateway::RestApi") {
        let node = Obj::resource(res);
        let endpoint_type = match (
            node.child("EndpointConfiguration"),
            node.has("EndpointConfiguration"),
        ) {
            (Some(e), _) => match e.field("Types") {
                Some(f) => f
                    .strings()
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| Value::unknown(f.origin())),
                None => Value::default_at(DEFAULT_ENDPOINT_TYPE.to_string(), src(e.loc())),
            },
            (None, true) => Value::unknown(src(node.loc())),
            (None, false) => Value::default_at(DEFAULT_ENDPOINT_TYPE.to_string(), src(node.loc())),
        };
        out.rest_apis.push(RestApi {
            resource: resource_meta(res),
            endpoint_type,
            policies: node
                .field("Policy")
                .map(|f| document_value(f.value, f.loc, f.scope))
                .into_iter()
                .collect(),
        });
    }
    for res in cx.resources("AWS::ApiGateway::DomainName") {
        out.domain_names.push(DomainName {
            resource: resource_meta(res),
            security_policy: Obj::resource(res).string("SecurityPolicy", None),
        });
    }
}
