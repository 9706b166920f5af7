//! API Gateway stages and methods (<https://docs.aws.amazon.com/apigateway/latest/api/API_Stage.html>,
//! <https://docs.aws.amazon.com/apigateway/latest/api/API_Method.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct ApiGateway {
    pub stages: Vec<Stage>,
    pub methods: Vec<Method>,
}

/// A REST API (v1) or HTTP/WebSocket API (v2) stage.
#[derive(Debug, Clone)]
pub struct Stage {
    pub resource: ResourceMeta,
    /// Access logging is configured (`accessLogSettings`).
    pub access_logs: Value<bool>,
    /// X-Ray tracing (`tracingEnabled`); Unknown for v2 stages, which have no such setting.
    pub tracing: Value<bool>,
}

/// A REST API method.
#[derive(Debug, Clone)]
pub struct Method {
    pub resource: ResourceMeta,
    pub http_method: Value<String>,
    /// `authorizationType`: `NONE`, `AWS_IAM`, `CUSTOM`, `COGNITO_USER_POOLS`.
    pub authorization: Value<String>,
    pub api_key_required: Value<bool>,
}
