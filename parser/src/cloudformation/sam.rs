//! SAM (`Transform: AWS::Serverless-2016-10-31`): the resources the transform would create
//! that the model knows, generated from the serverless resources.
//!
//! - `AWS::Serverless::Function` / `StateMachine`: the execution role `<Id>Role` (unless
//!   `Role` is given) with the managed policies SAM attaches, `Policies` lowered to managed
//!   policy ARNs, inline documents and policy templates; a function URL with
//!   `AuthType: NONE` adds the public permission `<Id>UrlPublicPermissions` SAM creates.
//! - `AWS::Serverless::SimpleTable`: an `AWS::DynamoDB::Table`.
//! - `AWS::Serverless::Api` and `HttpApi` create nothing the model holds.
//!
//! `Globals.Function` applies to every function as SAM merges it: maps merge, lists append,
//! the function's own scalars win.

use super::eval::CfnResource;
use crate::dynvalue::{Dyn, DynKind};
use cloudsentinel_model::Location;
use indexmap::IndexMap;

const BASIC_EXECUTION: &str = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
const VPC_EXECUTION: &str = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole";
const XRAY_WRITE: &str = "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess";

/// Resources generated from `res` (itself excluded).
pub fn expand(res: &CfnResource, globals: Option<&Dyn>) -> Vec<CfnResource> {
    match res.rtype.as_str() {
        "AWS::Serverless::Function" => {
            let props = match globals.and_then(|g| g.get("Function")) {
                Some(g) => merge_globals(g, &res.props),
                None => res.props.clone(),
            };
            let mut out = Vec::new();
            if !has(&props, "Role") {
                let mut managed = vec![BASIC_EXECUTION];
                if has(&props, "VpcConfig") {
                    managed.push(VPC_EXECUTION);
                }
                if props
                    .get("Tracing")
                    .and_then(Dyn::as_str)
                    .is_some_and(|t| t.eq_ignore_ascii_case("Active"))
                {
                    managed.push(XRAY_WRITE);
                }
                out.push(role(res, &props, "lambda.amazonaws.com", &managed));
            }
            if let Some(url) = props.get("FunctionUrlConfig")
                && url
                    .get("AuthType")
                    .and_then(Dyn::as_str)
                    .is_some_and(|a| a.eq_ignore_ascii_case("NONE"))
            {
                let at = url
                    .get("AuthType")
                    .and_then(|a| a.loc)
                    .or(url.loc)
                    .unwrap_or(res.loc);
                let mut p = IndexMap::new();
                p.insert("Action".into(), gen_str("lambda:InvokeFunctionUrl", at));
                p.insert(
                    "FunctionName".into(),
                    Dyn::unknown()
                        .with_loc(at)
                        .with_source_ref(res.full_address()),
                );
                p.insert("Principal".into(), gen_str("*", at));
                p.insert("FunctionUrlAuthType".into(), gen_str("NONE", at));
                out.push(generated(
                    res,
                    format!("{}UrlPublicPermissions", res.logical_id),
                    "AWS::Lambda::Permission",
                    Dyn::map(p).with_loc(at),
                    at,
                ));
            }
            out
        }
        "AWS::Serverless::StateMachine" => {
            if has(&res.props, "Role") {
                return Vec::new();
            }
            vec![role(res, &res.props, "states.amazonaws.com", &[])]
        }
        "AWS::Serverless::SimpleTable" => {
            let props = match globals.and_then(|g| g.get("SimpleTable")) {
                Some(g) => merge_globals(g, &res.props),
                None => res.props.clone(),
            };
            let mut p = IndexMap::new();
            for key in ["TableName", "SSESpecification", "Tags"] {
                if let Some(v) = props.get(key) {
                    p.insert(key.to_string(), v.clone());
                }
            }
            vec![generated(
                res,
                res.logical_id.clone(),
                "AWS::DynamoDB::Table",
                Dyn::map(p).with_loc(res.loc),
                res.loc,
            )]
        }
        _ => Vec::new(),
    }
}

fn has(props: &Dyn, key: &str) -> bool {
    props.get(key).is_some_and(|v| !v.is_null())
}

fn gen_str(s: &str, at: Location) -> Dyn {
    Dyn::string(s).with_loc(at)
}

fn generated(res: &CfnResource, id: String, rtype: &str, props: Dyn, at: Location) -> CfnResource {
    CfnResource {
        logical_id: id,
        rtype: rtype.to_string(),
        prefix: res.prefix.clone(),
        module_chain: res.module_chain.clone(),
        loc: at,
        props,
        ignores: res.ignores.clone(),
        generated_from: Some(res.logical_id.clone()),
        condition_unknown: res.condition_unknown,
    }
}

/// The execution role SAM generates, trusted by `service`.
fn role(res: &CfnResource, props: &Dyn, service: &str, managed: &[&str]) -> CfnResource {
    let at = res.loc;
    let mut statement = IndexMap::new();
    statement.insert("Effect".to_string(), gen_str("Allow", at));
    statement.insert(
        "Action".to_string(),
        Dyn::list(vec![gen_str("sts:AssumeRole", at)]).with_loc(at),
    );
    let mut principal = IndexMap::new();
    principal.insert(
        "Service".to_string(),
        Dyn::list(vec![gen_str(service, at)]).with_loc(at),
    );
    statement.insert("Principal".to_string(), Dyn::map(principal).with_loc(at));
    let mut trust = IndexMap::new();
    trust.insert("Version".to_string(), gen_str("2012-10-17", at));
    trust.insert(
        "Statement".to_string(),
        Dyn::list(vec![Dyn::map(statement).with_loc(at)]).with_loc(at),
    );
    let mut arns: Vec<Dyn> = managed.iter().map(|a| gen_str(a, at)).collect();
    let mut inline: Vec<Dyn> = Vec::new();
    let policies_at = props.get("Policies").and_then(|p| p.loc).unwrap_or(at);
    let items: Vec<Dyn> = match props.get("Policies").map(|p| &p.kind) {
        None | Some(DynKind::Null) => Vec::new(),
        Some(DynKind::List(l)) => l.iter().cloned().collect(),
        Some(_) => props.get("Policies").cloned().into_iter().collect(),
    };
    for item in items {
        let item_at = item.loc.unwrap_or(policies_at);
        match &item.kind {
            DynKind::String(s) => {
                let arn = if s.starts_with("arn:") {
                    s.to_string()
                } else {
                    format!("arn:aws:iam::aws:policy/{s}")
                };
                arns.push(gen_str(&arn, item_at));
            }
            DynKind::Map(m) if m.contains_key("Statement") => inline.push(item.clone()),
            DynKind::Map(m) if m.len() == 1 => {
                let name = m.keys().next().map(String::as_str).unwrap_or_default();
                inline.push(match policy_template(name, item_at) {
                    Some(doc) => doc,
                    // A template this scanner does not know: its permissions are unknown.
                    None => Dyn::unknown().with_loc(item_at),
                });
            }
            DynKind::Unknown => {
                // A managed policy name or a document: either way not known.
                inline.push(Dyn::unknown().with_loc(item_at));
            }
            _ => inline.push(Dyn::unknown().with_loc(item_at)),
        }
    }
    let policies: Vec<Dyn> = inline
        .into_iter()
        .enumerate()
        .map(|(i, doc)| {
            let pat = doc.loc.unwrap_or(policies_at);
            let mut p = IndexMap::new();
            p.insert(
                "PolicyName".to_string(),
                gen_str(&format!("{}RolePolicy{i}", res.logical_id), pat),
            );
            p.insert("PolicyDocument".to_string(), doc);
            Dyn::map(p).with_loc(pat)
        })
        .collect();
    let mut p = IndexMap::new();
    p.insert(
        "AssumeRolePolicyDocument".to_string(),
        Dyn::map(trust).with_loc(at),
    );
    p.insert(
        "ManagedPolicyArns".to_string(),
        Dyn::list(arns).with_loc(at),
    );
    if !policies.is_empty() {
        p.insert(
            "Policies".to_string(),
            Dyn::list(policies).with_loc(policies_at),
        );
    }
    if let Some(b) = props.get("PermissionsBoundary") {
        p.insert("PermissionsBoundary".to_string(), b.clone());
    }
    generated(
        res,
        format!("{}Role", res.logical_id),
        "AWS::IAM::Role",
        Dyn::map(p).with_loc(at),
        at,
    )
}

/// SAM policy templates this scanner knows: the actions of each statement, and whether
/// its resource is `*` (otherwise it names the template's parameters, and is Unknown here
/// as it involves the region and account).
#[allow(clippy::type_complexity)]
const POLICY_TEMPLATES: &[(&str, &[(&[&str], bool)])] = &[
    (
        "S3ReadPolicy",
        &[(
            &[
                "s3:GetObject",
                "s3:ListBucket",
                "s3:GetBucketLocation",
                "s3:GetObjectVersion",
                "s3:GetLifecycleConfiguration",
            ],
            false,
        )],
    ),
    (
        "S3WritePolicy",
        &[(
            &[
                "s3:PutObject",
                "s3:PutObjectAcl",
                "s3:PutLifecycleConfiguration",
            ],
            false,
        )],
    ),
    (
        "S3CrudPolicy",
        &[(
            &[
                "s3:GetObject",
                "s3:ListBucket",
                "s3:GetBucketLocation",
                "s3:GetObjectVersion",
                "s3:PutObject",
                "s3:PutObjectAcl",
                "s3:GetLifecycleConfiguration",
                "s3:PutLifecycleConfiguration",
                "s3:DeleteObject",
            ],
            false,
        )],
    ),
    (
        "S3FullAccessPolicy",
        &[
            (
                &[
                    "s3:GetObject",
                    "s3:GetObjectAcl",
                    "s3:GetObjectVersion",
                    "s3:PutObject",
                    "s3:PutObjectAcl",
                    "s3:DeleteObject",
                    "s3:DeleteObjectTagging",
                    "s3:DeleteObjectVersionTagging",
                    "s3:GetObjectTagging",
                    "s3:GetObjectVersionTagging",
                    "s3:PutObjectTagging",
                    "s3:PutObjectVersionTagging",
                ],
                false,
            ),
            (
                &[
                    "s3:ListBucket",
                    "s3:GetBucketLocation",
                    "s3:GetLifecycleConfiguration",
                    "s3:PutLifecycleConfiguration",
                ],
                false,
            ),
        ],
    ),
    (
        "DynamoDBCrudPolicy",
        &[(
            &[
                "dynamodb:GetItem",
                "dynamodb:DeleteItem",
                "dynamodb:PutItem",
                "dynamodb:Scan",
                "dynamodb:Query",
                "dynamodb:UpdateItem",
                "dynamodb:BatchWriteItem",
                "dynamodb:BatchGetItem",
                "dynamodb:DescribeTable",
                "dynamodb:ConditionCheckItem",
            ],
            false,
        )],
    ),
    (
        "DynamoDBReadPolicy",
        &[(
            &[
                "dynamodb:GetItem",
                "dynamodb:Scan",
                "dynamodb:Query",
                "dynamodb:BatchGetItem",
                "dynamodb:DescribeTable",
            ],
            false,
        )],
    ),
    (
        "DynamoDBWritePolicy",
        &[(
            &[
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
                "dynamodb:BatchWriteItem",
            ],
            false,
        )],
    ),
    (
        "DynamoDBStreamReadPolicy",
        &[
            (
                &[
                    "dynamodb:DescribeStream",
                    "dynamodb:GetRecords",
                    "dynamodb:GetShardIterator",
                ],
                false,
            ),
            (&["dynamodb:ListStreams"], false),
        ],
    ),
    (
        "SQSPollerPolicy",
        &[(
            &[
                "sqs:ChangeMessageVisibility",
                "sqs:ChangeMessageVisibilityBatch",
                "sqs:DeleteMessage",
                "sqs:DeleteMessageBatch",
                "sqs:GetQueueAttributes",
                "sqs:ReceiveMessage",
            ],
            false,
        )],
    ),
    ("SQSSendMessagePolicy", &[(&["sqs:SendMessage*"], false)]),
    ("SNSPublishMessagePolicy", &[(&["sns:Publish"], false)]),
    (
        "SNSCrudPolicy",
        &[(
            &[
                "sns:ListSubscriptionsByTopic",
                "sns:CreateTopic",
                "sns:SetTopicAttributes",
                "sns:Subscribe",
                "sns:Publish",
            ],
            false,
        )],
    ),
    ("LambdaInvokePolicy", &[(&["lambda:InvokeFunction"], false)]),
    ("KMSDecryptPolicy", &[(&["kms:Decrypt"], false)]),
    ("KMSEncryptPolicy", &[(&["kms:Encrypt"], false)]),
    (
        "CloudWatchPutMetricPolicy",
        &[(&["cloudwatch:PutMetricData"], true)],
    ),
    (
        "CloudWatchDescribeAlarmHistoryPolicy",
        &[(&["cloudwatch:DescribeAlarmHistory"], true)],
    ),
    (
        "EC2DescribePolicy",
        &[(&["ec2:DescribeRegions", "ec2:DescribeInstances"], true)],
    ),
    (
        "VPCAccessPolicy",
        &[(
            &[
                "ec2:CreateNetworkInterface",
                "ec2:DeleteNetworkInterface",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DetachNetworkInterface",
            ],
            true,
        )],
    ),
    (
        "SSMParameterReadPolicy",
        &[(
            &[
                "ssm:DescribeParameters",
                "ssm:GetParameters",
                "ssm:GetParameter",
                "ssm:GetParametersByPath",
            ],
            false,
        )],
    ),
    (
        "AWSSecretsManagerGetSecretValuePolicy",
        &[(&["secretsmanager:GetSecretValue"], false)],
    ),
    (
        "StepFunctionsExecutionPolicy",
        &[(&["states:StartExecution"], false)],
    ),
    (
        "EventBridgePutEventsPolicy",
        &[(&["events:PutEvents"], false)],
    ),
    (
        "KinesisStreamReadPolicy",
        &[
            (&["kinesis:ListStreams", "kinesis:DescribeLimits"], false),
            (
                &[
                    "kinesis:DescribeStream",
                    "kinesis:DescribeStreamSummary",
                    "kinesis:GetRecords",
                    "kinesis:GetShardIterator",
                ],
                false,
            ),
        ],
    ),
    (
        "CodePipelineLambdaExecutionPolicy",
        &[(
            &[
                "codepipeline:PutJobSuccessResult",
                "codepipeline:PutJobFailureResult",
            ],
            true,
        )],
    ),
];

/// The policy document of SAM policy template `name`, located at `at`.
fn policy_template(name: &str, at: Location) -> Option<Dyn> {
    let (_, statements) = POLICY_TEMPLATES.iter().find(|(n, _)| *n == name)?;
    let list = statements
        .iter()
        .map(|(actions, star)| {
            let mut s = IndexMap::new();
            s.insert("Effect".to_string(), gen_str("Allow", at));
            s.insert(
                "Action".to_string(),
                Dyn::list(actions.iter().map(|a| gen_str(a, at)).collect()).with_loc(at),
            );
            s.insert(
                "Resource".to_string(),
                if *star {
                    gen_str("*", at)
                } else {
                    Dyn::unknown().with_loc(at)
                },
            );
            Dyn::map(s).with_loc(at)
        })
        .collect();
    let mut doc = IndexMap::new();
    doc.insert("Statement".to_string(), Dyn::list(list).with_loc(at));
    Some(Dyn::map(doc).with_loc(at))
}

/// `Globals` under a resource's own properties: maps merge, lists append (globals first),
/// the resource's own scalars win.
fn merge_globals(global: &Dyn, own: &Dyn) -> Dyn {
    match (&global.kind, &own.kind) {
        (DynKind::Map(g), DynKind::Map(o)) => {
            let mut m: IndexMap<String, Dyn> = (**g).clone();
            for (k, v) in o.iter() {
                let merged = match m.get(k) {
                    Some(gv) => merge_globals(gv, v),
                    None => v.clone(),
                };
                m.insert(k.clone(), merged);
            }
            Dyn {
                kind: DynKind::Map(std::sync::Arc::new(m)),
                loc: own.loc,
                source_ref: own.source_ref.clone(),
                encoded: None,
            }
        }
        (DynKind::List(g), DynKind::List(o)) => {
            let items: Vec<Dyn> = g.iter().chain(o.iter()).cloned().collect();
            Dyn {
                kind: DynKind::List(std::sync::Arc::new(items)),
                loc: own.loc,
                source_ref: own.source_ref.clone(),
                encoded: None,
            }
        }
        _ => own.clone(),
    }
}
