//! API Gateway stages and methods (<https://docs.aws.amazon.com/apigateway/latest/api/API_Stage.html>,
//! <https://docs.aws.amazon.com/apigateway/latest/api/API_Method.html>).

use crate::aws::iam::PolicyDocument;
use crate::{Meta, ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct ApiGateway {
    pub stages: Vec<Stage>,
    pub methods: Vec<Method>,
    pub rest_apis: Vec<RestApi>,
    pub domain_names: Vec<DomainName>,
    pub method_settings: Vec<MethodSettings>,
}

/// Cache settings of a REST API stage's methods: an `aws_api_gateway_method_settings`, or
/// one entry of an `AWS::ApiGateway::Stage`'s `MethodSettings` (several entries share the
/// stage's resource).
#[derive(Debug, Clone)]
pub struct MethodSettings {
    pub resource: ResourceMeta,
    /// Where the settings are written.
    pub meta: Meta,
    /// `caching_enabled`, `CachingEnabled`; Unknown when absent (the provider leaves it
    /// computed, and AWS documents no default).
    pub caching_enabled: Value<bool>,
    /// `cache_data_encrypted`, `CacheDataEncrypted`; Unknown when absent, likewise.
    pub cache_data_encrypted: Value<bool>,
}

/// Endpoint type of a REST API that sets none: `EDGE`
/// (<https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-endpoint-types.html>).
pub const DEFAULT_ENDPOINT_TYPE: &str = "EDGE";

/// A REST API (v1).
#[derive(Debug, Clone)]
pub struct RestApi {
    pub resource: ResourceMeta,
    /// `EDGE`, `REGIONAL` or `PRIVATE` (the first of `endpoint_configuration.types`).
    pub endpoint_type: Value<String>,
    /// The resource policies: `policy` on the API and the `aws_api_gateway_rest_api_policy`
    /// resources naming it (`Policy` in CloudFormation). Empty when it has none.
    pub policies: Vec<Value<PolicyDocument>>,
}

/// A custom domain name of a REST API (`aws_api_gateway_domain_name`,
/// `AWS::ApiGateway::DomainName`).
#[derive(Debug, Clone)]
pub struct DomainName {
    pub resource: ResourceMeta,
    /// `TLS_1_0` or `TLS_1_2` (and the newer `SecurityPolicy_*` names); Unknown when absent
    /// (AWS documents no default, and the Terraform provider leaves it computed).
    pub security_policy: Value<String>,
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
