use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Lambda {
    pub permissions: Vec<Permission>,
    pub functions: Vec<Function>,
    pub function_urls: Vec<FunctionUrl>,
}

/// A function (<https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html>).
#[derive(Debug, Clone)]
pub struct Function {
    pub resource: ResourceMeta,
    /// `Runtime`; Default `None` for a container image function.
    pub runtime: Value<Option<String>>,
    /// `TracingConfig.Mode`: `Active` or `PassThrough` (the default).
    pub tracing_mode: Value<String>,
    /// Whether the function declares environment variables (a non-empty `variables` map).
    pub has_environment_variables: Value<bool>,
    /// Whether `KMSKeyArn` names a key for the environment variables (a key computed at
    /// apply, such as a key resource's ARN, counts); Default `false`: Lambda uses the AWS
    /// managed key `aws/lambda`
    /// (<https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html>).
    pub kms_key_set: Value<bool>,
    /// Whether `DeadLetterConfig.TargetArn` names a queue or topic for failed asynchronous
    /// invocations; Default `false`: none.
    pub dead_letter_queue: Value<bool>,
    /// Whether an event invoke configuration joined to the function (Terraform
    /// `aws_lambda_function_event_invoke_config`, CloudFormation
    /// `AWS::Lambda::EventInvokeConfig`) sends failed asynchronous invocations to an
    /// on-failure destination; Default `false`: none.
    pub on_failure_destination: Value<bool>,
    /// A CloudFront distribution of the configuration associates the function (or a
    /// version of it) with a cache behavior: a Lambda@Edge function, to which Lambda
    /// applies its own restrictions (no dead-letter queue, no environment variables)
    /// (<https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-restrictions.html>).
    pub edge: bool,
}

/// A function URL (<https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunctionUrlConfig.html>).
#[derive(Debug, Clone)]
pub struct FunctionUrl {
    pub resource: ResourceMeta,
    /// `AuthType`: `AWS_IAM` or `NONE`.
    pub auth_type: Value<String>,
}

/// Runtimes Lambda no longer supports (deprecated, as of 2026-12): functions on them get no
/// security patches (<https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html>).
pub const DEPRECATED_RUNTIMES: [&str; 26] = [
    "python2.7",
    "python3.6",
    "python3.7",
    "python3.8",
    "python3.9",
    "nodejs",
    "nodejs4.3",
    "nodejs4.3-edge",
    "nodejs6.10",
    "nodejs8.10",
    "nodejs10.x",
    "nodejs12.x",
    "nodejs14.x",
    "nodejs16.x",
    "nodejs18.x",
    "dotnetcore1.0",
    "dotnetcore2.0",
    "dotnetcore2.1",
    "dotnetcore3.1",
    "dotnet5.0",
    "dotnet6",
    "dotnet7",
    "ruby2.5",
    "ruby2.7",
    "go1.x",
    "java8",
];

#[derive(Debug, Clone)]
pub struct Permission {
    pub resource: ResourceMeta,
    pub principal: Value<String>,
    /// Empty when absent.
    pub source_arn: Value<String>,
    /// Empty when absent.
    pub source_account: Value<String>,
    /// Empty when absent.
    pub principal_org_id: Value<String>,
}
