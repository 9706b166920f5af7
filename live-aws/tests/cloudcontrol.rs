//! The kinds read through AWS Cloud Control, end to end against a local server. moto does
//! not implement Cloud Control, so the test serves its API itself on 127.0.0.1: the
//! awsJson1_0 protocol (`POST /`, `X-Amz-Target: CloudApiService.ListResources` or
//! `.GetResource`, JSON bodies and answers, errors as HTTP 400 with `__type`), plus STS's
//! GetCallerIdentity, which connecting needs. The property documents are shaped as Cloud
//! Control returns them: the resource schema's property names, read-only properties (`Arn`)
//! included, write-only ones absent. It also serves the two Glacier (REST-JSON) reads, whose
//! vault policies moto does not implement, Lambda's function URL configurations (which moto
//! does not list) and EMR's block public access configuration turned off (which moto cannot
//! store), in the shapes the API references document.

use cloudsentinel_checks::{AnalysisOptions, analyze_state};
use cloudsentinel_live_aws::{DriftRequest, LiveOptions, Service, Unread, drift, read_blocking};
use cloudsentinel_model::drift::{DriftKind, Impact};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

const ACCOUNT: &str = "123456789012";

/// Requests seen: (operation, type name, the rest of the body).
type Seen = Arc<Mutex<Vec<(String, String, Value)>>>;

/// A Cloud Control (and STS) server on a free loopback port; it runs until the test ends.
fn serve() -> (String, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen: Seen = Arc::default();
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let log = log.clone();
            std::thread::spawn(move || connection(stream, &log));
        }
    });
    (url, seen)
}

/// Answers the requests of one keep-alive connection.
fn connection(stream: TcpStream, seen: &Seen) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut out = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let mut target = String::new();
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                match k.trim().to_ascii_lowercase().as_str() {
                    "x-amz-target" => target = v.trim().to_string(),
                    "content-length" => length = v.trim().parse().unwrap_or(0),
                    _ => {}
                }
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let body = String::from_utf8_lossy(&body).into_owned();
        let (status, content_type, answer) = if let Some(path) = request_line
            .strip_prefix("GET ")
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|p| p.strip_prefix("/-/vaults"))
        {
            seen.lock()
                .unwrap()
                .push(("Glacier".into(), path.to_string(), Value::Null));
            let (status, answer) = glacier(path);
            (status, "application/json", answer.to_string())
        } else if let Some(path) = request_line
            .strip_prefix("GET ")
            .and_then(|rest| rest.split_whitespace().next())
            .filter(|p| p.contains("/functions"))
        {
            seen.lock()
                .unwrap()
                .push(("Lambda".into(), path.to_string(), Value::Null));
            let (status, answer) = lambda(path);
            (status, "application/json", answer.to_string())
        } else if let Some(op) = target.strip_prefix("ElasticMapReduce.") {
            seen.lock()
                .unwrap()
                .push(("EMR".into(), op.to_string(), Value::Null));
            let (status, answer) = emr(op);
            (status, "application/x-amz-json-1.1", answer.to_string())
        } else if body.contains("Action=GetCallerIdentity") {
            (
                200,
                "text/xml",
                format!(
                    "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult><Arn>arn:aws:iam::{ACCOUNT}:user/auditor</Arn><UserId>AIDAEXAMPLE</UserId><Account>{ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>"
                ),
            )
        } else {
            let request: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
            let op = target
                .strip_prefix("CloudApiService.")
                .unwrap_or(&target)
                .to_string();
            let type_name = request["TypeName"].as_str().unwrap_or_default().to_string();
            seen.lock()
                .unwrap()
                .push((op.clone(), type_name.clone(), request.clone()));
            let (status, answer) = cloud_control(&op, &type_name, &request);
            (status, "application/x-amz-json-1.0", answer.to_string())
        };
        let reason = match status {
            200 => "OK",
            404 => "Not Found",
            _ => "Bad Request",
        };
        let head = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nx-amzn-RequestId: 1\r\n\r\n",
            answer.len()
        );
        if out.write_all(head.as_bytes()).is_err() || out.write_all(answer.as_bytes()).is_err() {
            return;
        }
    }
}

/// Glacier's ListVaults (`/-/vaults`) and GetVaultAccessPolicy
/// (`/-/vaults/NAME/access-policy`): `path` is what follows `/-/vaults`. A vault without a
/// policy answers 404 ResourceNotFoundException, as AWS does.
fn glacier(path: &str) -> (u16, Value) {
    let vault = |name: &str| {
        json!({"VaultARN": format!("arn:aws:glacier:us-east-1:{ACCOUNT}:vaults/{name}"),
               "VaultName": name, "NumberOfArchives": 0, "SizeInBytes": 0})
    };
    let path = path.split('?').next().unwrap_or_default();
    match path {
        "" => (
            200,
            json!({"VaultList": [vault("open-vault"), vault("private-vault"), vault("owner-vault")]}),
        ),
        "/open-vault/access-policy" => (
            200,
            json!({"Policy": json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                "Principal": "*", "Action": "glacier:InitiateJob",
                "Resource": format!("arn:aws:glacier:us-east-1:{ACCOUNT}:vaults/open-vault")}]}).to_string()}),
        ),
        "/owner-vault/access-policy" => (
            200,
            json!({"Policy": json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                "Principal": {"AWS": format!("arn:aws:iam::{ACCOUNT}:root")},
                "Action": "glacier:InitiateJob",
                "Resource": format!("arn:aws:glacier:us-east-1:{ACCOUNT}:vaults/owner-vault")}]}).to_string()}),
        ),
        _ => (
            404,
            json!({"code": "ResourceNotFoundException", "type": "Client",
                   "message": "No vault access policy is set for the vault"}),
        ),
    }
}

/// Lambda's ListFunctions (`/2015-03-31/functions/`), GetPolicy (none: 404
/// ResourceNotFoundException) and ListFunctionUrlConfigs (`/2021-10-31/functions/NAME/urls`),
/// which moto does not implement: `open-api` has a URL without authentication and one with
/// IAM authentication on its `live` alias, `private-api` only an IAM one, `no-url` none.
fn lambda(path: &str) -> (u16, Value) {
    let function = |name: &str| format!("arn:aws:lambda:us-east-1:{ACCOUNT}:function:{name}");
    let url = |arn: String, auth: &str| {
        json!({"FunctionUrl": "https://abcdefghij.lambda-url.us-east-1.on.aws/",
               "FunctionArn": arn, "AuthType": auth, "InvokeMode": "BUFFERED",
               "CreationTime": "2026-12-01T00:00:00.000+0000",
               "LastModifiedTime": "2026-12-01T00:00:00.000+0000"})
    };
    let path = path.split('?').next().unwrap_or_default();
    match path.trim_end_matches('/') {
        "/2015-03-31/functions" => {
            let functions: Vec<Value> = ["open-api", "private-api", "no-url"]
                .iter()
                .map(|n| json!({"FunctionName": n, "FunctionArn": function(n), "Runtime": "python3.12"}))
                .collect();
            (200, json!({ "Functions": functions }))
        }
        "/2021-10-31/functions/open-api/urls" => (
            200,
            json!({"FunctionUrlConfigs": [
                url(function("open-api"), "NONE"),
                url(format!("{}:live", function("open-api")), "AWS_IAM")]}),
        ),
        "/2021-10-31/functions/private-api/urls" => (
            200,
            json!({"FunctionUrlConfigs": [url(function("private-api"), "AWS_IAM")]}),
        ),
        "/2021-10-31/functions/no-url/urls" => (200, json!({"FunctionUrlConfigs": []})),
        _ => (
            404,
            json!({"__type": "ResourceNotFoundException", "Message": "The resource you requested does not exist."}),
        ),
    }
}

/// EMR's ListClusters (none) and GetBlockPublicAccessConfiguration: blocking turned off,
/// which moto cannot store (it saves `false` as `true`).
fn emr(op: &str) -> (u16, Value) {
    match op {
        "ListClusters" => (200, json!({"Clusters": []})),
        "GetBlockPublicAccessConfiguration" => (
            200,
            json!({"BlockPublicAccessConfiguration": {
                "BlockPublicSecurityGroupRules": false,
                "PermittedPublicSecurityGroupRuleRanges": [{"MinRange": 22, "MaxRange": 22}]},
                "BlockPublicAccessConfigurationMetadata": {
                    "CreationDateTime": 1_764_547_200,
                    "CreatedByArn": format!("arn:aws:iam::{ACCOUNT}:root")}}),
        ),
        _ => error("UnknownOperationException", op),
    }
}

fn error(kind: &str, message: &str) -> (u16, Value) {
    (400, json!({"__type": kind, "Message": message}))
}

/// A resource description: the identifier and its properties as a JSON string.
fn desc(id: &str, props: &Value) -> Value {
    json!({"Identifier": id, "Properties": props.to_string()})
}

fn stream_arn(name: &str) -> String {
    format!("arn:aws:kinesis:us-east-1:{ACCOUNT}:stream/{name}")
}

fn secret_arn(name: &str) -> String {
    format!("arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:{name}")
}

fn task_definition_arn(revision: &str) -> String {
    format!("arn:aws:ecs:us-east-1:{ACCOUNT}:task-definition/{revision}")
}

fn state_machine_arn(name: &str) -> String {
    format!("arn:aws:states:us-east-1:{ACCOUNT}:stateMachine:{name}")
}

fn redshift_arn(name: &str) -> String {
    format!("arn:aws:redshift:us-east-1:{ACCOUNT}:cluster:{name}")
}

const WEB_ACL_ID: &str = "edge-acl|a1b2c3d4-5678-90ab-cdef-EXAMPLE11111|REGIONAL";

/// The full document of a resource, as GetResource gives it.
fn full(type_name: &str, id: &str) -> Option<Value> {
    Some(match (type_name, id) {
        ("AWS::Logs::LogGroup", "/app/web") => json!({
            "LogGroupName": "/app/web",
            "RetentionInDays": 7,
            "Arn": format!("arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/app/web:*"),
        }),
        ("AWS::Logs::LogGroup", "/app/audit") => json!({
            "LogGroupName": "/app/audit",
            "RetentionInDays": 400,
            "KmsKeyId": format!("arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
            "Arn": format!("arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/app/audit:*"),
        }),
        ("AWS::ApiGateway::Stage", "abc123|prod") => json!({
            "RestApiId": "abc123",
            "StageName": "prod",
            "DeploymentId": "dep1",
            "TracingEnabled": true,
            "AccessLogSetting": {
                "DestinationArn": format!("arn:aws:logs:us-east-1:{ACCOUNT}:log-group:api-access"),
                "Format": "$context.requestId",
            },
        }),
        // A secret on the AWS managed key, and one on a customer managed key. Neither
        // document says anything of rotation (a separate resource type).
        ("AWS::SecretsManager::Secret", id) if id == secret_arn("prod/db-AbCdEf") => json!({
            "Id": id,
            "Name": "prod/db",
            "Description": "Database credentials",
            "Tags": [{"Key": "team", "Value": "data"}],
        }),
        ("AWS::SecretsManager::Secret", id) if id == secret_arn("prod/api-key-GhIjKl") => json!({
            "Id": id,
            "Name": "prod/api-key",
            "KmsKeyId": format!("arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
            "ReplicaRegions": [],
        }),
        // A privileged container on the host network with a password in its environment,
        // and a locked-down one.
        ("AWS::ECS::TaskDefinition", id) if id == task_definition_arn("legacy:3") => json!({
            "TaskDefinitionArn": id,
            "Family": "legacy",
            "NetworkMode": "host",
            "RequiresCompatibilities": ["EC2"],
            "ContainerDefinitions": [{
                "Name": "app",
                "Image": "public.ecr.aws/docker/library/nginx:1.25",
                "Memory": 512,
                "Essential": true,
                "Privileged": true,
                "Environment": [
                    {"Name": "DB_PASSWORD", "Value": "s3cr3t-Passw0rd"},
                    {"Name": "LOG_LEVEL", "Value": "info"}
                ],
            }],
        }),
        ("AWS::ECS::TaskDefinition", id) if id == task_definition_arn("web:12") => json!({
            "TaskDefinitionArn": id,
            "Family": "web",
            "NetworkMode": "awsvpc",
            "Cpu": "256",
            "Memory": "512",
            "RequiresCompatibilities": ["FARGATE"],
            "ContainerDefinitions": [{
                "Name": "web",
                "Image": format!("{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2"),
                "Essential": true,
                "Privileged": false,
                "User": "1000",
                "ReadonlyRootFilesystem": true,
                "Secrets": [{"Name": "DB_PASSWORD", "ValueFrom": secret_arn("prod/db-AbCdEf")}],
            }],
        }),
        // A public, unencrypted cluster and a private, encrypted one that logs.
        ("AWS::Redshift::Cluster", "warehouse") => json!({
            "ClusterIdentifier": "warehouse",
            "NodeType": "ra3.xlplus",
            "ClusterType": "single-node",
            "DBName": "dev",
            "MasterUsername": "admin",
            "Encrypted": false,
            "PubliclyAccessible": true,
            "EnhancedVpcRouting": false,
            "ClusterParameterGroupName": "default.redshift-1.0",
            "Endpoint": {"Address": "warehouse.abc.us-east-1.redshift.amazonaws.com", "Port": "5439"},
        }),
        ("AWS::Redshift::Cluster", "analytics") => json!({
            "ClusterIdentifier": "analytics",
            "NodeType": "ra3.xlplus",
            "ClusterType": "multi-node",
            "NumberOfNodes": 2,
            "DBName": "dev",
            "MasterUsername": "admin",
            "Encrypted": true,
            "KmsKeyId": format!("arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
            "PubliclyAccessible": false,
            "EnhancedVpcRouting": true,
            "ClusterParameterGroupName": "require-tls",
            "LoggingProperties": {"BucketName": "audit-logs", "S3KeyPrefix": "redshift/"},
        }),
        // Logging off and no tracing, as the read handler reports them; and both on.
        ("AWS::StepFunctions::StateMachine", id) if id == state_machine_arn("orders") => json!({
            "Arn": id,
            "Name": "orders",
            "StateMachineName": "orders",
            "StateMachineType": "STANDARD",
            "RoleArn": format!("arn:aws:iam::{ACCOUNT}:role/orders-sfn"),
            "DefinitionString": "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}",
            "LoggingConfiguration": {"Level": "OFF", "IncludeExecutionData": false},
            "TracingConfiguration": {"Enabled": false},
        }),
        ("AWS::StepFunctions::StateMachine", id) if id == state_machine_arn("payments") => json!({
            "Arn": id,
            "Name": "payments",
            "StateMachineName": "payments",
            "StateMachineType": "STANDARD",
            "RoleArn": format!("arn:aws:iam::{ACCOUNT}:role/payments-sfn"),
            "DefinitionString": "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}",
            "LoggingConfiguration": {
                "Level": "ALL",
                "IncludeExecutionData": true,
                "Destinations": [{"CloudWatchLogsLogGroup": {"LogGroupArn": format!("arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/sfn/payments:*")}}],
            },
            "TracingConfiguration": {"Enabled": true},
        }),
        ("AWS::WAFv2::WebACL", WEB_ACL_ID) => json!({
            "Name": "edge-acl",
            "Id": "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
            "Scope": "REGIONAL",
            "Arn": format!("arn:aws:wafv2:us-east-1:{ACCOUNT}:regional/webacl/edge-acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"),
            "DefaultAction": {"Allow": {}},
            "Capacity": 0,
            "Rules": [],
            "VisibilityConfig": {"SampledRequestsEnabled": true, "CloudWatchMetricsEnabled": true, "MetricName": "edge-acl"},
        }),
        ("AWS::GuardDuty::Detector", "12abc34d567e8fa901bc2d34e56789f0") => json!({
            "Id": "12abc34d567e8fa901bc2d34e56789f0",
            "Enable": false,
            "FindingPublishingFrequency": "SIX_HOURS",
        }),
        ("AWS::ApiGateway::RestApi", "abc123") => json!({
            "RestApiId": "abc123",
            "RootResourceId": "r00t",
            "Name": "shop",
            "EndpointConfiguration": {"Types": ["REGIONAL"]},
            "ApiKeySourceType": "HEADER",
            "DisableExecuteApiEndpoint": false,
        }),
        // The document as an object, and as its JSON text (the schema allows both).
        ("AWS::EMR::SecurityConfiguration", "emr-plain") => json!({
            "Name": "emr-plain",
            "SecurityConfiguration": {"AuthenticationConfiguration": {}},
        }),
        ("AWS::EMR::SecurityConfiguration", "emr-encrypted") => json!({
            "Name": "emr-encrypted",
            "SecurityConfiguration": json!({"EncryptionConfiguration": {
                "EnableAtRestEncryption": true,
                "EnableInTransitEncryption": true,
                "AtRestEncryptionConfiguration": {"S3EncryptionConfiguration": {"EncryptionMode": "SSE-S3"}},
            }}).to_string(),
        }),
        ("AWS::ApiGateway::DomainName", name) => json!({
            "DomainName": name,
            "RegionalDomainName": "d-abc123.execute-api.us-east-1.amazonaws.com",
            "RegionalHostedZoneId": "Z1UJRXOUMOOFQ8",
            "RegionalCertificateArn": format!("arn:aws:acm:us-east-1:{ACCOUNT}:certificate/12345678-1234-1234-1234-123456789012"),
            "EndpointConfiguration": {"Types": ["REGIONAL"]},
            "SecurityPolicy": if name == "legacy.example.com" { "TLS_1_0" } else { "TLS_1_2" },
        }),
        _ => return None,
    })
}

/// Cloud Control's answers for the account the test describes.
fn cloud_control(op: &str, type_name: &str, request: &Value) -> (u16, Value) {
    match op {
        "ListResources" => {
            let token = request["NextToken"].as_str();
            let (descriptions, next): (Vec<Value>, Option<&str>) = match (type_name, token) {
                // Two pages, full documents (no GetResource needed).
                ("AWS::Kinesis::Stream", None) => (
                    vec![desc(
                        "plain",
                        &json!({
                            "Name": "plain",
                            "Arn": stream_arn("plain"),
                            "ShardCount": 1,
                            "RetentionPeriodHours": 24,
                            "StreamModeDetails": {"StreamMode": "PROVISIONED"},
                        }),
                    )],
                    Some("page-2"),
                ),
                ("AWS::Kinesis::Stream", Some("page-2")) => (
                    vec![desc(
                        "encrypted",
                        &json!({
                            "Name": "encrypted",
                            "Arn": stream_arn("encrypted"),
                            "ShardCount": 2,
                            "RetentionPeriodHours": 24,
                            "StreamEncryption": {"EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"},
                            "StreamModeDetails": {"StreamMode": "PROVISIONED"},
                        }),
                    )],
                    None,
                ),
                // Identifiers only: the reader asks GetResource.
                ("AWS::Logs::LogGroup", None) => (
                    vec![
                        desc("/app/web", &json!({"LogGroupName": "/app/web"})),
                        desc("/app/audit", &json!({"LogGroupName": "/app/audit"})),
                    ],
                    None,
                ),
                ("AWS::ElastiCache::ReplicationGroup", _) => {
                    return error(
                        "AccessDeniedException",
                        "User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: elasticache:DescribeReplicationGroups",
                    );
                }
                ("AWS::ApiGatewayV2::Api", _) => {
                    return error(
                        "UnsupportedActionException",
                        "Resource type AWS::ApiGatewayV2::Api does not support LIST action",
                    );
                }
                ("AWS::DocDB::DBCluster", None) => (
                    vec![
                        desc(
                            "docs",
                            &json!({
                                "DBClusterIdentifier": "docs",
                                "StorageEncrypted": false,
                                "Port": 27017,
                                "ClusterResourceId": "cluster-ABCDEFGHIJKL",
                                "Endpoint": "docs.cluster-x.us-east-1.docdb.amazonaws.com",
                            }),
                        ),
                        // Not JSON, here and from GetResource.
                        json!({"Identifier": "broken", "Properties": "{\"DBClusterIdentifier\": \"broken\", "}),
                    ],
                    None,
                ),
                ("AWS::ApiGateway::RestApi", None) => {
                    (vec![desc("abc123", &json!({"RestApiId": "abc123"}))], None)
                }
                ("AWS::ApiGateway::Stage", None) => {
                    if request["ResourceModel"].as_str() != Some(r#"{"RestApiId":"abc123"}"#) {
                        return error(
                            "InvalidRequestException",
                            "Missing Or Invalid ResourceModel property in AWS::ApiGateway::Stage list handler request input. Required property: [RestApiId]",
                        );
                    }
                    (
                        vec![desc(
                            "abc123|prod",
                            &json!({"RestApiId": "abc123", "StageName": "prod"}),
                        )],
                        None,
                    )
                }
                ("AWS::CloudFront::Distribution", None) => (
                    vec![desc(
                        "E2QWRUHEXAMPLE",
                        &json!({
                            "Id": "E2QWRUHEXAMPLE",
                            "DomainName": "d111111abcdef8.cloudfront.net",
                            "DistributionConfig": {
                                "Enabled": true,
                                "DefaultCacheBehavior": {
                                    "TargetOriginId": "site",
                                    "ViewerProtocolPolicy": "allow-all",
                                },
                                "Origins": [{"Id": "site", "DomainName": "site.example.com"}],
                            },
                        }),
                    )],
                    None,
                ),
                // Identifiers only, as these list handlers give them.
                ("AWS::SecretsManager::Secret", None) => (
                    ["prod/db-AbCdEf", "prod/api-key-GhIjKl"]
                        .iter()
                        .map(|n| desc(&secret_arn(n), &json!({"Id": secret_arn(n)})))
                        .collect(),
                    None,
                ),
                ("AWS::ECS::TaskDefinition", None) => (
                    ["legacy:3", "web:12"]
                        .iter()
                        .map(|r| {
                            desc(
                                &task_definition_arn(r),
                                &json!({"TaskDefinitionArn": task_definition_arn(r)}),
                            )
                        })
                        .collect(),
                    None,
                ),
                ("AWS::Redshift::Cluster", None) => (
                    ["warehouse", "analytics"]
                        .iter()
                        .map(|c| desc(c, &json!({"ClusterIdentifier": c})))
                        .collect(),
                    None,
                ),
                ("AWS::StepFunctions::StateMachine", None) => (
                    ["orders", "payments"]
                        .iter()
                        .map(|m| desc(&state_machine_arn(m), &json!({"Arn": state_machine_arn(m)})))
                        .collect(),
                    None,
                ),
                ("AWS::WAFv2::WebACL", None) => {
                    if request["ResourceModel"].as_str() != Some(r#"{"Scope":"REGIONAL"}"#) {
                        return error(
                            "InvalidRequestException",
                            "Missing Or Invalid ResourceModel property in AWS::WAFv2::WebACL list handler request input. Required property: [Scope]",
                        );
                    }
                    (
                        vec![desc(
                            WEB_ACL_ID,
                            &json!({"Name": "edge-acl", "Id": "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", "Scope": "REGIONAL"}),
                        )],
                        None,
                    )
                }
                ("AWS::GuardDuty::Detector", None) => (
                    vec![desc(
                        "12abc34d567e8fa901bc2d34e56789f0",
                        &json!({"Id": "12abc34d567e8fa901bc2d34e56789f0"}),
                    )],
                    None,
                ),
                ("AWS::ApiGateway::DomainName", None) => (
                    ["legacy.example.com", "api.example.com"]
                        .iter()
                        .map(|d| desc(d, &json!({"DomainName": d})))
                        .collect(),
                    None,
                ),
                // Global, with full documents: a public zone that logs no queries.
                ("AWS::Route53::HostedZone", None) => (
                    vec![desc(
                        "Z0123456789ABCDEFGHIJ",
                        &json!({
                            "Id": "Z0123456789ABCDEFGHIJ",
                            "Name": "example.com.",
                            "HostedZoneConfig": {"Comment": "public site"},
                            "NameServers": ["ns-1.awsdns-01.org"],
                        }),
                    )],
                    None,
                ),
                // Listed by name, read with GetResource.
                ("AWS::EMR::SecurityConfiguration", None) => (
                    ["emr-plain", "emr-encrypted"]
                        .iter()
                        .map(|n| desc(n, &json!({"Name": n})))
                        .collect(),
                    None,
                ),
                // Full documents: a public domain, a VPC-only one, and one whose document
                // lacks the access type (not called public).
                ("AWS::SageMaker::Domain", None) => (
                    [
                        ("d-public0000", Some("PublicInternetOnly")),
                        ("d-vpconly0000", Some("VpcOnly")),
                        ("d-unknown0000", None),
                    ]
                    .iter()
                    .map(|(id, access)| {
                        let mut doc = json!({
                            "DomainId": id,
                            "DomainArn": format!("arn:aws:sagemaker:us-east-1:{ACCOUNT}:domain/{id}"),
                            "DomainName": format!("studio-{id}"),
                            "AuthMode": "IAM",
                            "VpcId": "vpc-0123456789abcdef0",
                            "SubnetIds": ["subnet-0123456789abcdef0"],
                            "DefaultUserSettings": {"ExecutionRole": format!("arn:aws:iam::{ACCOUNT}:role/studio")},
                        });
                        if let Some(a) = access {
                            doc["AppNetworkAccessType"] = json!(a);
                        }
                        desc(id, &doc)
                    })
                    .collect(),
                    None,
                ),
                (_, None) => (Vec::new(), None),
                (_, Some(_)) => return error("InvalidRequestException", "bad token"),
            };
            let mut answer = json!({"TypeName": type_name, "ResourceDescriptions": descriptions});
            if let Some(n) = next {
                answer["NextToken"] = json!(n);
            }
            (200, answer)
        }
        "GetResource" => {
            let id = request["Identifier"].as_str().unwrap_or_default();
            if type_name == "AWS::DocDB::DBCluster" && id == "broken" {
                return (
                    200,
                    json!({"TypeName": type_name, "ResourceDescription": {"Identifier": id, "Properties": "{\"DBClusterIdentifier\": \"broken\", "}}),
                );
            }
            match full(type_name, id) {
                Some(props) => (
                    200,
                    json!({"TypeName": type_name, "ResourceDescription": desc(id, &props)}),
                ),
                None => error(
                    "ResourceNotFoundException",
                    &format!("{type_name} with identifier {id} not found"),
                ),
            }
        }
        _ => error("UnknownOperationException", op),
    }
}

fn options(url: &str) -> LiveOptions {
    LiveOptions {
        regions: vec!["us-east-1".into()],
        endpoint_url: Some(url.to_string()),
        static_credentials: Some(("testing".into(), "testing".into())),
        services: vec![Service::CloudControl],
        max_attempts: 1,
        ..Default::default()
    }
}

#[test]
fn kinds_read_through_cloud_control_are_checked_like_declared_ones() {
    let (url, seen) = serve();
    let read = read_blocking(&options(&url)).unwrap();
    let aws = &read.state.aws;

    // Two pages of streams, lowered through the CloudFormation adapter.
    let streams: Vec<(&str, Option<bool>)> = aws
        .kinesis
        .streams
        .iter()
        .map(|s| (s.resource.address.as_str(), s.encrypted.known().copied()))
        .collect();
    let (plain, encrypted) = (stream_arn("plain"), stream_arn("encrypted"));
    assert_eq!(
        streams,
        [
            (plain.as_str(), Some(false)),
            (encrypted.as_str(), Some(true))
        ]
    );
    let s = &aws.kinesis.streams[0];
    assert_eq!(s.resource.account.as_deref(), Some(ACCOUNT));
    assert_eq!(s.resource.region.as_deref(), Some("us-east-1"));
    assert_eq!(
        s.encrypted.meta.origin,
        cloudsentinel_model::Origin::Live {
            id: plain.clone(),
            region: Some("us-east-1".into())
        }
    );

    // Log groups: listed by identifier, then read with GetResource.
    let groups: Vec<(&str, Option<i64>, Option<&str>)> = aws
        .cloudwatch
        .log_groups
        .iter()
        .map(|g| {
            (
                g.resource.address.as_str(),
                g.retention_days.known().copied(),
                g.kms_key_id.known().map(String::as_str),
            )
        })
        .collect();
    let web = format!("arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/app/web");
    let audit = format!("arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/app/audit");
    let key = format!("arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    assert_eq!(
        groups,
        [
            (web.as_str(), Some(7), Some("")),
            (audit.as_str(), Some(400), Some(key.as_str()))
        ]
    );

    // A stage listed per REST API, then read.
    let stage = &aws.apigateway.stages[0];
    let stage_arn = "arn:aws:apigateway:us-east-1::/restapis/abc123/stages/prod";
    assert_eq!(stage.resource.address, stage_arn);
    assert!(stage.access_logs.is_true() && stage.tracing.is_true());

    // CloudFront is global: its ARN has no region.
    let dist = "arn:aws:cloudfront::123456789012:distribution/E2QWRUHEXAMPLE";
    assert_eq!(aws.cloudfront.distributions[0].resource.address, dist);

    // The DocDB cluster whose document is JSON is read; the other is a notice.
    let docdb = &aws.docdb.clusters;
    assert_eq!(docdb.len(), 1);
    let docs = format!("arn:aws:rds:us-east-1:{ACCOUNT}:cluster:docs");
    assert_eq!(docdb[0].resource.address, docs);
    assert!(docdb[0].storage_encrypted.is_false());

    // New kinds at their ARNs: a web ACL listed with its scope, a REST API read with its
    // stage's parent listing, a task definition by its revision ARN.
    assert_eq!(
        aws.wafv2.web_acls[0].resource.address,
        format!(
            "arn:aws:wafv2:us-east-1:{ACCOUNT}:regional/webacl/edge-acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
        )
    );
    assert!(aws.wafv2.web_acls[0].logging.is_unknown());
    let api = &aws.apigateway.rest_apis[0];
    assert_eq!(
        api.resource.address,
        "arn:aws:apigateway:us-east-1::/restapis/abc123"
    );
    assert_eq!(
        api.endpoint_type.known().map(String::as_str),
        Some("REGIONAL")
    );
    assert_eq!(aws.secretsmanager.secrets.len(), 2);
    assert!(
        aws.secretsmanager
            .secrets
            .iter()
            .all(|s| s.rotation.is_unknown())
    );
    assert_eq!(aws.ecs.task_definitions.len(), 2);

    // AccessDenied on one type, an unsupported list on another, a document that is not JSON:
    // each an incomplete notice for its type, and the rest delivered.
    let notice = |needle: &str| {
        read.incomplete
            .iter()
            .any(|m| m.contains(needle) && m.contains("us-east-1"))
    };
    assert!(
        notice("AWS::ElastiCache::ReplicationGroup") && notice("AccessDeniedException"),
        "{:?}",
        read.incomplete
    );
    assert!(
        notice("AWS::ApiGatewayV2::Stage") && notice("UnsupportedActionException"),
        "{:?}",
        read.incomplete
    );
    assert!(
        notice("AWS::DocDB::DBCluster") && notice("broken") && notice("not JSON"),
        "{:?}",
        read.incomplete
    );
    assert_eq!(read.incomplete.len(), 3, "{:?}", read.incomplete);
    for service in ["elasticache", "apigateway", "docdb"] {
        assert!(
            read.unread.contains(&Unread {
                service,
                region: Some("us-east-1".into())
            }),
            "{service}: {:?}",
            read.unread
        );
    }
    assert!(
        read.state
            .notices
            .iter()
            .any(|n| n.message.contains("AWS::ElastiCache::ReplicationGroup"))
    );

    // Calls: read-only, counted by IAM action; two pages of streams; GetResource only for
    // documents that held identifiers only (two log groups, the stage, the broken cluster).
    let seen = seen.lock().unwrap().clone();
    assert!(
        seen.iter()
            .all(|(op, _, _)| op == "ListResources" || op == "GetResource"),
        "{seen:?}"
    );
    let count = |op: &str, t: &str| seen.iter().filter(|(o, ty, _)| o == op && ty == t).count();
    assert_eq!(count("ListResources", "AWS::Kinesis::Stream"), 2);
    assert_eq!(count("GetResource", "AWS::Kinesis::Stream"), 0);
    assert_eq!(count("GetResource", "AWS::Logs::LogGroup"), 2);
    assert_eq!(count("GetResource", "AWS::ApiGateway::Stage"), 1);
    assert_eq!(count("GetResource", "AWS::DocDB::DBCluster"), 1);
    let gets = seen.iter().filter(|(o, _, _)| o == "GetResource").count() as u64;
    let lists = seen.iter().filter(|(o, _, _)| o == "ListResources").count() as u64;
    assert_eq!(read.calls.get("cloudformation:GetResource"), Some(&gets));
    assert_eq!(read.calls.get("cloudformation:ListResources"), Some(&lists));

    // The same checks as for templates, at the live ARNs.
    let analysis = analyze_state(
        cloudsentinel_model::SourceDb::default(),
        read.state,
        // The checks of these kinds are still in preview.
        &AnalysisOptions {
            record_passes: true,
            preview: true,
            ..AnalysisOptions::default()
        },
    );
    let fails = |id: &str, arn: &str| {
        analysis
            .findings
            .iter()
            .any(|f| f.check_id == id && f.live_id.as_deref().is_some_and(|(a, _)| a == arn))
    };
    let passes = |id: &str, arn: &str| {
        analysis
            .passes
            .iter()
            .any(|p| p.check_id == id && p.live_id.as_ref().is_some_and(|(a, _)| a == arn))
    };
    assert!(fails("aws-kinesis-unencrypted", &plain));
    assert!(!fails("aws-kinesis-unencrypted", &encrypted));
    assert!(passes("aws-kinesis-unencrypted", &encrypted));
    assert!(fails("aws-cloudwatch-log-group-short-retention", &web));
    assert!(passes("aws-cloudwatch-log-group-short-retention", &audit));
    assert!(fails("aws-cloudwatch-log-group-no-kms", &web));
    assert!(!fails("aws-cloudwatch-log-group-no-kms", &audit));
    assert!(fails("aws-docdb-unencrypted", &docs));
    assert!(fails("aws-cloudfront-viewer-http", dist));
    assert!(!fails("aws-apigateway-stage-no-access-logs", stage_arn));
    assert!(passes("aws-apigateway-stage-no-access-logs", stage_arn));

    // Secrets: the managed key is a finding, a customer managed key is not; rotation is a
    // separate type that was not read, so no secret is called unrotated, nor public.
    let (db_secret, api_secret) = (
        secret_arn("prod/db-AbCdEf"),
        secret_arn("prod/api-key-GhIjKl"),
    );
    assert!(fails("aws-secretsmanager-no-cmk", &db_secret));
    assert!(passes("aws-secretsmanager-no-cmk", &api_secret));
    for arn in [&db_secret, &api_secret] {
        assert!(!fails("aws-secretsmanager-no-rotation", arn));
        assert!(!fails("aws-secretsmanager-public-policy", arn));
    }
    // Task definitions.
    let (legacy, web_td) = (
        task_definition_arn("legacy:3"),
        task_definition_arn("web:12"),
    );
    for id in [
        "aws-ecs-privileged-container",
        "aws-ecs-host-network",
        "aws-ecs-plaintext-secret-env",
    ] {
        assert!(fails(id, &legacy), "{id}");
        assert!(!fails(id, &web_td), "{id}");
    }
    assert!(passes("aws-ecs-privileged-container", &web_td));
    assert!(fails("aws-ecs-writable-root-fs", &legacy));
    assert!(!fails("aws-ecs-writable-root-fs", &web_td));
    // Redshift: the parameter group is a separate type, so TLS is not judged.
    let (warehouse, analytics) = (redshift_arn("warehouse"), redshift_arn("analytics"));
    for id in [
        "aws-redshift-public",
        "aws-redshift-unencrypted",
        "aws-redshift-no-audit-logging",
        "aws-redshift-no-enhanced-vpc-routing",
    ] {
        assert!(fails(id, &warehouse), "{id}");
        assert!(!fails(id, &analytics), "{id}");
    }
    assert!(passes("aws-redshift-unencrypted", &analytics));
    assert!(!fails("aws-redshift-no-require-ssl", &warehouse));
    // Step Functions.
    let (orders, payments) = (state_machine_arn("orders"), state_machine_arn("payments"));
    for id in [
        "aws-stepfunctions-no-logging",
        "aws-stepfunctions-no-tracing",
    ] {
        assert!(fails(id, &orders), "{id}");
        assert!(passes(id, &payments), "{id}");
    }
    // A web ACL's logging configuration is a separate type: not judged.
    let acl = format!(
        "arn:aws:wafv2:us-east-1:{ACCOUNT}:regional/webacl/edge-acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
    );
    assert!(!fails("aws-wafv2-no-logging", &acl));
    assert!(!passes("aws-wafv2-no-logging", &acl));
    let detector =
        format!("arn:aws:guardduty:us-east-1:{ACCOUNT}:detector/12abc34d567e8fa901bc2d34e56789f0");
    assert!(fails("aws-guardduty-disabled", &detector));
    // A hosted zone: no query logging is a finding; DNSSEC is a separate type, not judged.
    let zone = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ";
    assert!(fails("aws-route53-no-query-logging", zone));
    assert!(!fails("aws-route53-no-dnssec", zone));
    // EMR security configurations, listed by name and read: the document as an object or
    // as its text.
    let emr = |n: &str| {
        format!("arn:aws:elasticmapreduce:us-east-1:{ACCOUNT}:security-configuration/{n}")
    };
    assert!(fails("aws-emr-no-encryption", &emr("emr-plain")));
    assert!(passes("aws-emr-no-encryption", &emr("emr-encrypted")));
    // SageMaker domains at their `DomainArn`; a document without the access type is not
    // judged.
    let studio = |id: &str| format!("arn:aws:sagemaker:us-east-1:{ACCOUNT}:domain/{id}");
    assert!(fails(
        "aws-sagemaker-domain-public-internet",
        &studio("d-public0000")
    ));
    assert!(passes(
        "aws-sagemaker-domain-public-internet",
        &studio("d-vpconly0000")
    ));
    assert!(!fails(
        "aws-sagemaker-domain-public-internet",
        &studio("d-unknown0000")
    ));
    assert!(!passes(
        "aws-sagemaker-domain-public-internet",
        &studio("d-unknown0000")
    ));
    let domain = |d: &str| format!("arn:aws:apigateway:us-east-1::/domainnames/{d}");
    assert!(fails(
        "aws-apigateway-domain-outdated-tls",
        &domain("legacy.example.com")
    ));
    assert!(passes(
        "aws-apigateway-domain-outdated-tls",
        &domain("api.example.com")
    ));
    for f in &analysis.findings {
        assert!(f.live_id.is_some(), "a live finding without its ARN: {f:?}");
    }
}

#[test]
fn drift_compares_kinds_read_through_cloud_control() {
    let (url, _) = serve();
    // `plain` was declared encrypted and is not live; `gone` was deleted; the replication
    // group's type could not be read, so it is not reported deleted.
    let state = json!({
        "version": 4,
        "resources": [
            {"mode": "managed", "type": "aws_kinesis_stream", "name": "plain", "instances": [
                {"attributes": {"name": "plain", "arn": stream_arn("plain"), "id": stream_arn("plain"),
                    "encryption_type": "KMS", "kms_key_id": "alias/aws/kinesis"}}]},
            {"mode": "managed", "type": "aws_kinesis_stream", "name": "encrypted", "instances": [
                {"attributes": {"name": "encrypted", "arn": stream_arn("encrypted"), "id": stream_arn("encrypted"),
                    "encryption_type": "KMS", "kms_key_id": "alias/aws/kinesis"}}]},
            {"mode": "managed", "type": "aws_kinesis_stream", "name": "gone", "instances": [
                {"attributes": {"name": "gone", "arn": stream_arn("gone"), "id": stream_arn("gone"),
                    "encryption_type": "NONE"}}]},
            {"mode": "managed", "type": "aws_redshift_cluster", "name": "warehouse", "instances": [
                {"attributes": {"id": "warehouse", "arn": redshift_arn("warehouse"), "cluster_identifier": "warehouse",
                    "encrypted": true, "publicly_accessible": false, "enhanced_vpc_routing": false}}]},
            {"mode": "managed", "type": "aws_ecs_task_definition", "name": "web", "instances": [
                {"attributes": {"id": "web", "arn": task_definition_arn("web:12"), "family": "web", "revision": 12,
                    "network_mode": "awsvpc", "pid_mode": ""}}]},
            {"mode": "managed", "type": "aws_emr_security_configuration", "name": "plain", "instances": [
                {"attributes": {"id": "emr-plain", "name": "emr-plain",
                    "configuration": json!({"EncryptionConfiguration": {"EnableAtRestEncryption": true, "EnableInTransitEncryption": true}}).to_string()}}]},
            {"mode": "managed", "type": "aws_sagemaker_domain", "name": "public", "instances": [
                {"attributes": {"id": "d-public0000", "arn": format!("arn:aws:sagemaker:us-east-1:{ACCOUNT}:domain/d-public0000"),
                    "domain_name": "studio-d-public0000", "app_network_access_type": "VpcOnly"}}]},
            {"mode": "managed", "type": "aws_elasticache_replication_group", "name": "cache", "instances": [
                {"attributes": {"id": "cache", "arn": format!("arn:aws:elasticache:us-east-1:{ACCOUNT}:replicationgroup:cache"),
                    "at_rest_encryption_enabled": true}}]}
        ]
    });
    let out = drift(&DriftRequest {
        live: options(&url),
        tfstates: vec![("prod.tfstate".into(), state.to_string())],
        ..Default::default()
    })
    .unwrap();
    let records: Vec<_> = out
        .state
        .drift
        .iter()
        .filter(|d| d.resource_type == "aws_kinesis_stream")
        .collect();
    let modified = records
        .iter()
        .find(|d| d.kind == DriftKind::Modified)
        .unwrap_or_else(|| panic!("{records:#?}"));
    assert_eq!(modified.identity, "plain");
    assert_eq!(modified.attribute.as_deref(), Some("encryption_type"));
    assert_eq!(modified.declared.as_deref(), Some("KMS"));
    assert_eq!(modified.live.as_deref(), Some("NONE"));
    // The live value fails aws-kinesis-unencrypted, which the declared one passes.
    assert!(modified.impact >= Impact::Medium, "{modified:?}");
    assert!(
        modified
            .reason
            .as_deref()
            .is_some_and(|r| r.contains("aws-kinesis-unencrypted")),
        "{modified:?}"
    );
    assert!(
        records
            .iter()
            .any(|d| d.kind == DriftKind::Deleted && d.identity == "gone")
    );
    assert_eq!(records.len(), 2, "{records:#?}");
    assert!(
        !out.state
            .drift
            .iter()
            .any(|d| d.resource_type == "aws_elasticache_replication_group"),
        "an unread type is never deleted"
    );
    // A Redshift cluster declared private and encrypted is public and unencrypted live.
    let redshift: Vec<_> = out
        .state
        .drift
        .iter()
        .filter(|d| d.resource_type == "aws_redshift_cluster")
        .collect();
    let public = redshift
        .iter()
        .find(|d| d.attribute.as_deref() == Some("publicly_accessible"))
        .unwrap_or_else(|| panic!("{redshift:#?}"));
    assert_eq!(public.kind, DriftKind::Modified);
    assert_eq!(public.identity, "warehouse");
    assert_eq!(
        (public.declared.as_deref(), public.live.as_deref()),
        (Some("false"), Some("true"))
    );
    assert!(
        public
            .reason
            .as_deref()
            .is_some_and(|r| r.contains("aws-redshift-public")),
        "{public:?}"
    );
    assert!(
        redshift
            .iter()
            .any(|d| d.attribute.as_deref() == Some("encrypted") && d.kind == DriftKind::Modified)
    );
    // The undeclared cluster is unmanaged; the declared task definition revision matches its
    // live one by `family:revision` and does not drift.
    assert!(
        redshift
            .iter()
            .any(|d| d.kind == DriftKind::Unmanaged && d.identity == "analytics")
    );
    assert!(
        !out.state
            .drift
            .iter()
            .any(|d| d.resource_type == "aws_ecs_task_definition" && d.identity == "web:12"),
        "{:#?}",
        out.state.drift
    );
    assert!(
        out.state
            .drift
            .iter()
            .any(|d| d.kind == DriftKind::Unmanaged
                && d.resource_type == "aws_ecs_task_definition"
                && d.identity == "legacy:3")
    );
    // An EMR security configuration declared encrypted has no encryption live; a domain
    // declared VPC-only reaches the internet.
    let emr: Vec<_> = out
        .state
        .drift
        .iter()
        .filter(|d| d.resource_type == "aws_emr_security_configuration")
        .collect();
    for attr in ["at_rest", "in_transit"] {
        let d = emr
            .iter()
            .find(|d| d.attribute.as_deref() == Some(attr))
            .unwrap_or_else(|| panic!("{attr}: {emr:#?}"));
        assert_eq!(d.kind, DriftKind::Modified);
        assert_eq!(d.identity, "emr-plain");
        assert_eq!(
            (d.declared.as_deref(), d.live.as_deref()),
            (Some("true"), Some("false"))
        );
    }
    assert!(
        emr.iter()
            .any(|d| d.kind == DriftKind::Unmanaged && d.identity == "emr-encrypted")
    );
    let domain = out
        .state
        .drift
        .iter()
        .find(|d| {
            d.resource_type == "aws_sagemaker_domain"
                && d.attribute.as_deref() == Some("app_network_access_type")
        })
        .unwrap_or_else(|| panic!("{:#?}", out.state.drift));
    assert_eq!(domain.identity, "d-public0000");
    assert_eq!(
        (domain.declared.as_deref(), domain.live.as_deref()),
        (Some("VpcOnly"), Some("PublicInternetOnly"))
    );
    assert!(
        domain
            .reason
            .as_deref()
            .is_some_and(|r| r.contains("aws-sagemaker-domain-public-internet")),
        "{domain:?}"
    );
    // Undeclared live resources of the new kinds are unmanaged.
    assert!(
        out.state
            .drift
            .iter()
            .any(|d| d.kind == DriftKind::Unmanaged
                && d.resource_type == "aws_cloudwatch_log_group"
                && d.identity == "web")
    );
}

#[test]
fn glacier_vault_policies_are_read() {
    let (url, seen) = serve();
    let read = read_blocking(&LiveOptions {
        services: vec![Service::Glacier],
        ..options(&url)
    })
    .unwrap();
    assert!(
        read.incomplete.is_empty(),
        "{:#?} {:?}",
        read.incomplete,
        seen.lock().unwrap()
    );
    let vaults = &read.state.aws.glacier.vaults;
    assert_eq!(vaults.len(), 3);
    // A vault without a policy (ResourceNotFoundException) has none, not an Unknown one.
    let private = vaults
        .iter()
        .find(|v| v.resource.address.ends_with(":vaults/private-vault"))
        .unwrap();
    assert!(private.policies.is_empty());
    assert_eq!(read.calls.get("glacier:ListVaults"), Some(&1));
    assert_eq!(read.calls.get("glacier:GetVaultAccessPolicy"), Some(&3));
    assert_eq!(seen.lock().unwrap().len(), 4);
    let analysis = analyze_state(
        cloudsentinel_model::SourceDb::default(),
        read.state,
        &AnalysisOptions {
            record_passes: true,
            preview: true,
            ..AnalysisOptions::default()
        },
    );
    let vault = |n: &str| format!("arn:aws:glacier:us-east-1:{ACCOUNT}:vaults/{n}");
    let fails = |arn: &str| {
        analysis.findings.iter().any(|f| {
            f.check_id == "aws-glacier-public-policy"
                && f.live_id.as_deref().is_some_and(|(a, _)| a == arn)
        })
    };
    assert!(fails(&vault("open-vault")), "{:#?}", analysis.findings);
    assert!(!fails(&vault("owner-vault")));
    assert!(!fails(&vault("private-vault")));
}

/// Lambda function URLs, listed per function (moto does not implement
/// ListFunctionUrlConfigs), and EMR block public access turned off (moto stores `false` as
/// `true`): each bad one gives its check's finding live, each good one passes.
#[test]
fn lambda_function_urls_and_emr_block_public_access_are_read() {
    let (url, seen) = serve();
    let read = read_blocking(&LiveOptions {
        services: vec![Service::Lambda, Service::Emr],
        ..options(&url)
    })
    .unwrap();
    assert!(
        read.incomplete.is_empty(),
        "{:#?} {:?}",
        read.incomplete,
        seen.lock().unwrap()
    );
    let urls = &read.state.aws.lambda.function_urls;
    assert_eq!(urls.len(), 3, "{urls:#?}");
    assert_eq!(read.calls.get("lambda:ListFunctionUrlConfigs"), Some(&3));
    assert_eq!(
        read.calls
            .get("elasticmapreduce:GetBlockPublicAccessConfiguration"),
        Some(&1)
    );
    let blocks = &read.state.aws.emr.block_public_access;
    assert_eq!(blocks.len(), 1);
    // Every region has one: never unmanaged.
    let bpa =
        format!("arn:aws:elasticmapreduce:us-east-1:{ACCOUNT}:block-public-access-configuration");
    assert!(read.provider_created.contains(&bpa));
    let analysis = analyze_state(
        cloudsentinel_model::SourceDb::default(),
        read.state,
        &AnalysisOptions {
            record_passes: true,
            preview: true,
            ..AnalysisOptions::default()
        },
    );
    let fails = |id: &str, arn: &str| {
        analysis
            .findings
            .iter()
            .any(|f| f.check_id == id && f.live_id.as_deref().is_some_and(|(a, _)| a == arn))
    };
    let passes = |id: &str, arn: &str| {
        analysis
            .passes
            .iter()
            .any(|p| p.check_id == id && p.live_id.as_ref().is_some_and(|(a, _)| a == arn))
    };
    let function = |n: &str| format!("arn:aws:lambda:us-east-1:{ACCOUNT}:function:{n}");
    let id = "aws-lambda-function-url-no-auth";
    assert!(fails(id, &function("open-api")), "{:#?}", analysis.findings);
    let alias = format!("{}:live", function("open-api"));
    assert!(!fails(id, &alias));
    assert!(passes(id, &alias));
    assert!(!fails(id, &function("private-api")));
    assert!(passes(id, &function("private-api")));
    assert!(
        fails("aws-emr-block-public-access-disabled", &bpa),
        "{:#?}",
        analysis.findings
    );
}
