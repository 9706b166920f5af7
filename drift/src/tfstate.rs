//! Terraform state (format version 4): `resources[].instances[].attributes`, as declared
//! [`View`]s identified by their ARN's last segment (or `id`). The split S3 resources of
//! provider v4+ (versioning, public access block, encryption, logging) join their bucket.

use crate::kind::{Kind, aws as kinds};
use crate::views::{View, identity, short_id};
use cloudsentinel_model::{Origin, ResourceMeta};
use serde_json::Value as J;
use std::collections::BTreeMap;

/// A state file that cannot be read.
#[derive(Debug)]
pub struct StateError(pub String);

impl std::fmt::Display for StateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Terraform's resource types for the kinds drift compares; a kind's first type is the
/// name drift records and `drift.ignore` rules use (`aws_security_group`).
const TYPES: [(&str, Kind); 72] = [
    ("aws_s3_bucket", kinds::S3_BUCKET),
    ("aws_security_group", kinds::SECURITY_GROUP),
    ("aws_default_security_group", kinds::DEFAULT_SECURITY_GROUP),
    ("aws_vpc", kinds::VPC),
    ("aws_network_acl", kinds::NETWORK_ACL),
    ("aws_subnet", kinds::SUBNET),
    ("aws_ebs_volume", kinds::EBS_VOLUME),
    ("aws_instance", kinds::INSTANCE),
    ("aws_launch_template", kinds::LAUNCH_TEMPLATE),
    ("aws_iam_user", kinds::IAM_USER),
    ("aws_iam_group", kinds::IAM_GROUP),
    ("aws_iam_role", kinds::IAM_ROLE),
    ("aws_iam_policy", kinds::IAM_POLICY),
    ("aws_db_instance", kinds::DB_INSTANCE),
    ("aws_rds_cluster", kinds::DB_CLUSTER),
    ("aws_lb_listener", kinds::LB_LISTENER),
    ("aws_alb_listener", kinds::LB_LISTENER),
    ("aws_lambda_permission", kinds::LAMBDA_PERMISSION),
    ("aws_cloudtrail", kinds::CLOUDTRAIL),
    ("aws_kms_key", kinds::KMS_KEY),
    ("aws_eks_cluster", kinds::EKS_CLUSTER),
    ("aws_efs_file_system", kinds::EFS_FILE_SYSTEM),
    ("aws_sqs_queue", kinds::SQS_QUEUE),
    ("aws_sns_topic", kinds::SNS_TOPIC),
    ("aws_dynamodb_table", kinds::DYNAMODB_TABLE),
    ("aws_ecr_repository", kinds::ECR_REPOSITORY),
    ("aws_cloudwatch_log_group", kinds::LOG_GROUP),
    (
        "aws_elasticache_replication_group",
        kinds::ELASTICACHE_REPLICATION_GROUP,
    ),
    ("aws_opensearch_domain", kinds::OPENSEARCH_DOMAIN),
    ("aws_elasticsearch_domain", kinds::OPENSEARCH_DOMAIN),
    ("aws_kinesis_stream", kinds::KINESIS_STREAM),
    ("aws_docdb_cluster", kinds::DOCDB_CLUSTER),
    ("aws_neptune_cluster", kinds::NEPTUNE_CLUSTER),
    ("aws_sagemaker_notebook_instance", kinds::SAGEMAKER_NOTEBOOK),
    ("aws_msk_cluster", kinds::MSK_CLUSTER),
    ("aws_athena_workgroup", kinds::ATHENA_WORKGROUP),
    ("aws_api_gateway_stage", kinds::API_GATEWAY_STAGE),
    ("aws_apigatewayv2_stage", kinds::API_GATEWAY_STAGE),
    (
        "aws_cloudfront_distribution",
        kinds::CLOUDFRONT_DISTRIBUTION,
    ),
    (
        "aws_dms_replication_instance",
        kinds::DMS_REPLICATION_INSTANCE,
    ),
    ("aws_secretsmanager_secret", kinds::SECRETSMANAGER_SECRET),
    ("aws_ecs_task_definition", kinds::ECS_TASK_DEFINITION),
    ("aws_ecs_cluster", kinds::ECS_CLUSTER),
    ("aws_redshift_cluster", kinds::REDSHIFT_CLUSTER),
    ("aws_wafv2_web_acl", kinds::WAFV2_WEB_ACL),
    ("aws_ssm_parameter", kinds::SSM_PARAMETER),
    (
        "aws_kinesis_firehose_delivery_stream",
        kinds::FIREHOSE_DELIVERY_STREAM,
    ),
    ("aws_backup_vault", kinds::BACKUP_VAULT),
    ("aws_sfn_state_machine", kinds::SFN_STATE_MACHINE),
    ("aws_guardduty_detector", kinds::GUARDDUTY_DETECTOR),
    ("aws_api_gateway_rest_api", kinds::API_GATEWAY_REST_API),
    (
        "aws_api_gateway_domain_name",
        kinds::API_GATEWAY_DOMAIN_NAME,
    ),
    ("aws_route53_zone", kinds::ROUTE53_ZONE),
    (
        "aws_emr_security_configuration",
        kinds::EMR_SECURITY_CONFIGURATION,
    ),
    ("aws_sagemaker_domain", kinds::SAGEMAKER_DOMAIN),
    ("aws_codebuild_project", kinds::CODEBUILD_PROJECT),
    ("aws_glacier_vault", kinds::GLACIER_VAULT),
    ("aws_acm_certificate", kinds::ACM_CERTIFICATE),
    ("aws_dax_cluster", kinds::DAX_CLUSTER),
    ("aws_emr_cluster", kinds::EMR_CLUSTER),
    (
        "aws_glue_security_configuration",
        kinds::GLUE_SECURITY_CONFIGURATION,
    ),
    (
        "aws_glue_data_catalog_encryption_settings",
        kinds::GLUE_CATALOG_ENCRYPTION,
    ),
    (
        "aws_config_configuration_recorder_status",
        kinds::CONFIG_RECORDER_STATUS,
    ),
    ("aws_lambda_function_url", kinds::LAMBDA_FUNCTION_URL),
    ("aws_db_snapshot", kinds::DB_SNAPSHOT),
    ("aws_db_cluster_snapshot", kinds::DB_CLUSTER_SNAPSHOT),
    (
        "aws_ebs_encryption_by_default",
        kinds::EBS_ENCRYPTION_BY_DEFAULT,
    ),
    ("aws_ami_launch_permission", kinds::AMI_LAUNCH_PERMISSION),
    (
        "aws_emr_block_public_access_configuration",
        kinds::EMR_BLOCK_PUBLIC_ACCESS,
    ),
    (
        "aws_s3_account_public_access_block",
        kinds::S3_ACCOUNT_PUBLIC_ACCESS_BLOCK,
    ),
    ("aws_api_gateway_method", kinds::API_GATEWAY_METHOD),
    ("aws_ssm_document", kinds::SSM_DOCUMENT),
];

/// The kind of a Terraform resource type.
pub fn kind_of(resource_type: &str) -> Option<Kind> {
    TYPES
        .iter()
        .find(|(t, _)| *t == resource_type)
        .map(|(_, k)| *k)
}

/// Terraform's name for a kind (`aws_security_group`): drift records are reported by it.
pub fn type_name(kind: Kind) -> &'static str {
    TYPES
        .iter()
        .find(|(_, k)| *k == kind)
        .map_or(kind.resource, |(t, _)| *t)
}

/// Every Terraform type of a kind (`aws_lb_listener` and its alias `aws_alb_listener`).
pub fn type_names(kind: Kind) -> impl Iterator<Item = &'static str> {
    TYPES
        .iter()
        .filter(move |(_, k)| *k == kind)
        .map(|(t, _)| *t)
}

fn st(v: Option<&J>) -> Option<String> {
    match v? {
        J::String(s) => Some(s.clone()),
        J::Bool(b) => Some(b.to_string()),
        J::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A function's name from a name or an ARN (`arn:aws:lambda:r:a:function:NAME[:QUALIFIER]`).
fn function_name(f: &str) -> String {
    match f.strip_prefix("arn:") {
        Some(_) => f.split(':').nth(6).unwrap_or(f).to_string(),
        None => f.to_string(),
    }
}

/// A policy document held as JSON text, in the form views compare.
fn policy(v: Option<&J>) -> Option<String> {
    let doc = cloudsentinel_parser::policy_document_from_json(v?.as_str()?, &Origin::None)?;
    crate::views::policy_lines(&doc)
}

/// `a[0].b[0].c` in state attributes.
fn path<'a>(v: &'a J, p: &[&str]) -> Option<&'a J> {
    let mut cur = v;
    for k in p {
        cur = match (k.parse::<usize>(), cur) {
            (Ok(i), J::Array(a)) => a.get(i)?,
            (_, J::Object(o)) => o.get(*k)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// Security group rules of state (`ingress`/`egress` lists) as view lines.
fn rules(a: &J, key: &str) -> Option<String> {
    let list = a.get(key)?.as_array()?;
    let mut lines = Vec::new();
    for r in list {
        let cidrs: Vec<String> = ["cidr_blocks", "ipv6_cidr_blocks"]
            .iter()
            .filter_map(|k| r.get(*k).and_then(J::as_array))
            .flatten()
            .filter_map(|cidr| cidr.as_str().map(str::to_owned))
            .collect();
        crate::views::push_rule_lines(
            &mut lines,
            &st(r.get("protocol"))?,
            || Some((st(r.get("from_port"))?, st(r.get("to_port"))?)),
            Some(cidrs),
        )?;
    }
    Some(crate::views::join_rule_lines(lines))
}

fn attrs_of(kind: Kind, a: &J) -> BTreeMap<&'static str, String> {
    let mut m = BTreeMap::new();
    let mut put = |k: &'static str, v: Option<String>| {
        if let Some(v) = v {
            m.insert(k, v);
        }
    };
    match kind {
        kinds::S3_BUCKET => {
            // Provider v3 inline blocks; v4+ moved them to split resources.
            if let Some(e) = path(a, &["versioning", "0", "enabled"]) {
                put("versioning", st(Some(e)));
            }
            if let Some(l) = a
                .get("logging")
                .and_then(J::as_array)
                .filter(|l| !l.is_empty())
            {
                let _ = l;
                put("logging", Some("true".into()));
            }
            put(
                "sse_algorithm",
                st(path(
                    a,
                    &[
                        "server_side_encryption_configuration",
                        "0",
                        "rule",
                        "0",
                        "apply_server_side_encryption_by_default",
                        "0",
                        "sse_algorithm",
                    ],
                )),
            );
        }
        kinds::SECURITY_GROUP | kinds::DEFAULT_SECURITY_GROUP => {
            put("ingress", rules(a, "ingress"));
            put("egress", rules(a, "egress"));
        }
        kinds::SUBNET => put(
            "map_public_ip_on_launch",
            st(a.get("map_public_ip_on_launch")),
        ),
        kinds::EBS_VOLUME | kinds::EFS_FILE_SYSTEM => put("encrypted", st(a.get("encrypted"))),
        kinds::INSTANCE => {
            put(
                "http_tokens",
                st(path(a, &["metadata_options", "0", "http_tokens"])),
            );
            put(
                "http_endpoint",
                st(path(a, &["metadata_options", "0", "http_endpoint"])),
            );
            put(
                "associate_public_ip_address",
                st(a.get("associate_public_ip_address")),
            );
        }
        kinds::DB_CLUSTER => {
            put("storage_encrypted", st(a.get("storage_encrypted")));
            put(
                "backup_retention_period",
                st(a.get("backup_retention_period")),
            );
        }
        kinds::LAMBDA_PERMISSION => {
            for key in [
                "principal",
                "source_arn",
                "source_account",
                "principal_org_id",
            ] {
                put(key, st(a.get(key)));
            }
        }
        kinds::LB_LISTENER => {
            put("protocol", st(a.get("protocol")));
            put(
                "ssl_policy",
                st(a.get("ssl_policy")).filter(|p| !p.is_empty()),
            );
        }
        kinds::DB_INSTANCE => {
            put("storage_encrypted", st(a.get("storage_encrypted")));
            put("publicly_accessible", st(a.get("publicly_accessible")));
            put(
                "backup_retention_period",
                st(a.get("backup_retention_period")),
            );
        }
        kinds::CLOUDTRAIL => {
            put("is_multi_region_trail", st(a.get("is_multi_region_trail")));
            put(
                "enable_log_file_validation",
                st(a.get("enable_log_file_validation")),
            );
            put("enable_logging", st(a.get("enable_logging")));
            put(
                "include_global_service_events",
                st(a.get("include_global_service_events")),
            );
        }
        kinds::IAM_POLICY => put("policy", policy(a.get("policy"))),
        kinds::IAM_ROLE => put("assume_role_policy", policy(a.get("assume_role_policy"))),
        kinds::KMS_KEY => put("enable_key_rotation", st(a.get("enable_key_rotation"))),
        kinds::EKS_CLUSTER => put(
            "endpoint_public_access",
            st(path(a, &["vpc_config", "0", "endpoint_public_access"])),
        ),
        kinds::SQS_QUEUE => {
            put(
                "sqs_managed_sse_enabled",
                st(a.get("sqs_managed_sse_enabled")),
            );
            put("kms_master_key_id", st(a.get("kms_master_key_id")));
        }
        kinds::SNS_TOPIC => put("kms_master_key_id", st(a.get("kms_master_key_id"))),
        kinds::DYNAMODB_TABLE => put(
            "point_in_time_recovery",
            st(path(a, &["point_in_time_recovery", "0", "enabled"])),
        ),
        kinds::ECR_REPOSITORY => put("image_tag_mutability", st(a.get("image_tag_mutability"))),
        kinds::LOG_GROUP => {
            put("retention_in_days", st(a.get("retention_in_days")));
            put("kms_key_id", st(a.get("kms_key_id")));
        }
        kinds::ELASTICACHE_REPLICATION_GROUP => {
            for k in ["at_rest_encryption_enabled", "transit_encryption_enabled"] {
                put(k, st(a.get(k)));
            }
        }
        kinds::OPENSEARCH_DOMAIN => {
            put(
                "encrypt_at_rest",
                st(path(a, &["encrypt_at_rest", "0", "enabled"])),
            );
            put(
                "node_to_node_encryption",
                st(path(a, &["node_to_node_encryption", "0", "enabled"])),
            );
            put(
                "enforce_https",
                st(path(a, &["domain_endpoint_options", "0", "enforce_https"])),
            );
        }
        kinds::KINESIS_STREAM => put("encryption_type", st(a.get("encryption_type"))),
        kinds::DOCDB_CLUSTER | kinds::NEPTUNE_CLUSTER => {
            put("storage_encrypted", st(a.get("storage_encrypted")));
        }
        kinds::SAGEMAKER_NOTEBOOK => {
            put(
                "direct_internet_access",
                st(a.get("direct_internet_access")),
            );
            put("root_access", st(a.get("root_access")));
        }
        kinds::MSK_CLUSTER => put(
            "client_broker",
            st(path(
                a,
                &[
                    "encryption_info",
                    "0",
                    "encryption_in_transit",
                    "0",
                    "client_broker",
                ],
            )),
        ),
        kinds::ATHENA_WORKGROUP => put(
            "results_encrypted",
            path(a, &["configuration", "0", "result_configuration"])
                .and_then(J::as_array)
                .map(|rc| {
                    rc.first()
                        .and_then(|r| r.get("encryption_configuration"))
                        .and_then(J::as_array)
                        .is_some_and(|e| !e.is_empty())
                        .to_string()
                }),
        ),
        kinds::API_GATEWAY_STAGE => {
            put(
                "access_logs",
                a.get("access_log_settings")
                    .and_then(J::as_array)
                    .map(|l| (!l.is_empty()).to_string()),
            );
            put("xray_tracing_enabled", st(a.get("xray_tracing_enabled")));
        }
        kinds::CLOUDFRONT_DISTRIBUTION => {
            put(
                "web_acl",
                a.get("web_acl_id")
                    .and_then(J::as_str)
                    .map(|w| (!w.is_empty()).to_string()),
            );
            put(
                "logging",
                a.get("logging_config")
                    .and_then(J::as_array)
                    .map(|l| (!l.is_empty()).to_string()),
            );
            let mut policies: Vec<String> = ["default_cache_behavior", "ordered_cache_behavior"]
                .iter()
                .filter_map(|k| a.get(*k).and_then(J::as_array))
                .flatten()
                .filter_map(|b| st(b.get("viewer_protocol_policy")))
                .collect();
            policies.sort();
            policies.dedup();
            if !policies.is_empty() {
                put("viewer_protocol_policy", Some(policies.join(", ")));
            }
        }
        kinds::DMS_REPLICATION_INSTANCE => {
            put("publicly_accessible", st(a.get("publicly_accessible")));
        }
        // An empty `kms_key_id` is the AWS managed key, as an absent `KmsKeyId`.
        kinds::SECRETSMANAGER_SECRET => put("kms_key_id", st(a.get("kms_key_id"))),
        kinds::ECS_TASK_DEFINITION => {
            put("network_mode", st(a.get("network_mode")));
            put("pid_mode", st(a.get("pid_mode")));
        }
        kinds::ECS_CLUSTER => put(
            "container_insights",
            a.get("setting").and_then(J::as_array).and_then(|settings| {
                settings
                    .iter()
                    .find(|x| x.get("name").and_then(J::as_str) == Some("containerInsights"))
                    .map_or(
                        Some(cloudsentinel_model::aws::ecs::DEFAULT_CONTAINER_INSIGHTS.into()),
                        |x| st(x.get("value")),
                    )
            }),
        ),
        kinds::REDSHIFT_CLUSTER => {
            for k in ["encrypted", "publicly_accessible", "enhanced_vpc_routing"] {
                put(k, st(a.get(k)));
            }
        }
        kinds::SSM_PARAMETER => put("type", st(a.get("type"))),
        kinds::FIREHOSE_DELIVERY_STREAM => put(
            "server_side_encryption",
            a.get("server_side_encryption")
                .and_then(J::as_array)
                .map(|e| {
                    e.first()
                        .and_then(|x| x.get("enabled"))
                        .and_then(J::as_bool)
                        .unwrap_or(false)
                        .to_string()
                }),
        ),
        kinds::BACKUP_VAULT => put("kms_key_arn", st(a.get("kms_key_arn"))),
        kinds::SFN_STATE_MACHINE => {
            put(
                "log_level",
                st(path(a, &["logging_configuration", "0", "level"])),
            );
            put(
                "tracing",
                st(path(a, &["tracing_configuration", "0", "enabled"])),
            );
        }
        kinds::GUARDDUTY_DETECTOR => put("enable", st(a.get("enable"))),
        kinds::API_GATEWAY_REST_API => put(
            "endpoint_type",
            st(path(a, &["endpoint_configuration", "0", "types", "0"])),
        ),
        kinds::API_GATEWAY_DOMAIN_NAME => put("security_policy", st(a.get("security_policy"))),
        kinds::ROUTE53_ZONE => put(
            "private",
            a.get("vpc")
                .and_then(J::as_array)
                .map(|v| (!v.is_empty()).to_string()),
        ),
        kinds::EMR_SECURITY_CONFIGURATION => {
            // `configuration` is the JSON document; an absent flag is EMR's default (off).
            let doc = a
                .get("configuration")
                .and_then(J::as_str)
                .and_then(|t| serde_json::from_str::<J>(t).ok());
            if let Some(doc) = doc.filter(J::is_object) {
                for (key, flag) in [
                    ("at_rest", "EnableAtRestEncryption"),
                    ("in_transit", "EnableInTransitEncryption"),
                ] {
                    put(
                        key,
                        match path(&doc, &["EncryptionConfiguration", flag]) {
                            None => Some("false".into()),
                            Some(v) => st(Some(v)).map(|s| s.to_ascii_lowercase()),
                        },
                    );
                }
            }
        }
        kinds::SAGEMAKER_DOMAIN => put(
            "app_network_access_type",
            st(a.get("app_network_access_type")),
        ),
        kinds::CODEBUILD_PROJECT => {
            // No `s3_logs` block: S3 logs are off (and encrypted).
            let s3_logs = path(a, &["logs_config", "0", "s3_logs", "0"]);
            if a.get("logs_config").is_some() {
                put(
                    "s3_logs",
                    Some(
                        s3_logs
                            .and_then(|s| s.get("status"))
                            .and_then(J::as_str)
                            .is_some_and(|s| s.eq_ignore_ascii_case("ENABLED"))
                            .to_string(),
                    ),
                );
                put(
                    "s3_logs_encryption_disabled",
                    Some(
                        s3_logs
                            .and_then(|s| s.get("encryption_disabled"))
                            .and_then(J::as_bool)
                            .unwrap_or(false)
                            .to_string(),
                    ),
                );
            }
        }
        kinds::GLACIER_VAULT => put("access_policy", policy(a.get("access_policy"))),
        kinds::ACM_CERTIFICATE => {
            // A public certificate Amazon issues: `AMAZON_ISSUED` (not imported, not a
            // private CA's `PRIVATE`).
            put(
                "amazon_issued_public",
                st(a.get("type")).map(|t| (t == "AMAZON_ISSUED").to_string()),
            );
            put(
                "transparency_logging",
                st(path(
                    a,
                    &[
                        "options",
                        "0",
                        "certificate_transparency_logging_preference",
                    ],
                )),
            );
        }
        kinds::DAX_CLUSTER => put(
            "encrypted",
            a.get("server_side_encryption")
                .and_then(J::as_array)
                .map(|e| {
                    e.first()
                        .and_then(|x| x.get("enabled"))
                        .and_then(J::as_bool)
                        .unwrap_or(false)
                        .to_string()
                }),
        ),
        kinds::EMR_CLUSTER => put(
            "security_configuration",
            st(a.get("security_configuration")),
        ),
        kinds::GLUE_SECURITY_CONFIGURATION => {
            // Each block is required by the provider; a mode left out is `DISABLED`.
            let config = path(a, &["encryption_configuration", "0"]);
            for (key, block, attr) in [
                ("s3_mode", "s3_encryption", "s3_encryption_mode"),
                (
                    "cloudwatch_mode",
                    "cloudwatch_encryption",
                    "cloudwatch_encryption_mode",
                ),
                (
                    "job_bookmarks_mode",
                    "job_bookmarks_encryption",
                    "job_bookmarks_encryption_mode",
                ),
            ] {
                put(
                    key,
                    config
                        .and_then(|c| path(c, &[block, "0"]))
                        .map(|b| st(b.get(attr)).unwrap_or_else(|| "DISABLED".into())),
                );
            }
        }
        kinds::GLUE_CATALOG_ENCRYPTION => {
            let settings = path(a, &["data_catalog_encryption_settings", "0"]);
            put(
                "at_rest_mode",
                settings
                    .and_then(|s| path(s, &["encryption_at_rest", "0", "catalog_encryption_mode"]))
                    .and_then(|v| st(Some(v))),
            );
            put(
                "passwords_encrypted",
                settings
                    .and_then(|s| {
                        path(
                            s,
                            &[
                                "connection_password_encryption",
                                "0",
                                "return_connection_password_encrypted",
                            ],
                        )
                    })
                    .and_then(|v| st(Some(v))),
            );
        }
        kinds::CONFIG_RECORDER_STATUS => put("enabled", st(a.get("is_enabled"))),
        kinds::LAMBDA_FUNCTION_URL => put("auth_type", st(a.get("authorization_type"))),
        // `permissions = { type = "Share", account_ids = "ID,ID" }`, `All` for every account;
        // none: private.
        kinds::SSM_DOCUMENT => put(
            "public",
            match a.get("permissions") {
                None | Some(J::Null) => Some("false".into()),
                Some(p) => {
                    let p = p.as_array().and_then(|l| l.first()).unwrap_or(p);
                    match p.get("account_ids") {
                        None | Some(J::Null) => Some("false".into()),
                        Some(ids) => st(Some(ids)).map(|ids| {
                            ids.split(',')
                                .any(|i| i.trim().eq_ignore_ascii_case("all"))
                                .to_string()
                        }),
                    }
                }
            },
        ),
        kinds::API_GATEWAY_METHOD => {
            put("authorization", st(a.get("authorization")));
            put(
                "api_key_required",
                st(a.get("api_key_required")).or_else(|| Some("false".into())),
            );
        }
        kinds::DB_SNAPSHOT | kinds::DB_CLUSTER_SNAPSHOT => put(
            "shared_accounts",
            match a.get("shared_accounts") {
                Some(J::Array(list)) => {
                    let mut v: Vec<String> = list.iter().filter_map(|x| st(Some(x))).collect();
                    v.sort();
                    Some(v.join(","))
                }
                // Not set: shared with no one.
                None | Some(J::Null) => Some(String::new()),
                _ => None,
            },
        ),
        kinds::EBS_ENCRYPTION_BY_DEFAULT => put(
            "enabled",
            st(a.get("enabled")).or_else(|| Some("true".into())),
        ),
        kinds::AMI_LAUNCH_PERMISSION => {
            put("group", st(a.get("group")).or_else(|| Some(String::new())));
        }
        kinds::EMR_BLOCK_PUBLIC_ACCESS => {
            put("enabled", st(a.get("block_public_security_group_rules")));
        }
        kinds::S3_ACCOUNT_PUBLIC_ACCESS_BLOCK => {
            for k in [
                "block_public_acls",
                "block_public_policy",
                "ignore_public_acls",
                "restrict_public_buckets",
            ] {
                put(k, st(a.get(k)).or_else(|| Some("false".into())));
            }
        }
        _ => {}
    }
    m
}

/// The resources a state file declares.
pub fn read(text: &str) -> Result<Vec<View>, StateError> {
    let json: J = serde_json::from_str(text).map_err(|e| StateError(format!("not JSON: {e}")))?;
    match json.get("version").and_then(J::as_i64) {
        Some(4) => {}
        v => {
            return Err(StateError(format!(
                "unsupported state format version {} (expected 4)",
                v.map_or_else(|| "?".into(), |v| v.to_string())
            )));
        }
    }
    let mut views = Vec::new();
    // Split S3 settings by bucket name, joined after.
    let mut bucket_extra: BTreeMap<String, Vec<(&'static str, String)>> = BTreeMap::new();
    let empty = Vec::new();
    for r in json
        .get("resources")
        .and_then(J::as_array)
        .unwrap_or(&empty)
    {
        if r.get("mode").and_then(J::as_str) != Some("managed") {
            continue;
        }
        let Some(t) = r.get("type").and_then(J::as_str) else {
            continue;
        };
        let name = r.get("name").and_then(J::as_str).unwrap_or_default();
        let module = r.get("module").and_then(J::as_str);
        for inst in r.get("instances").and_then(J::as_array).unwrap_or(&empty) {
            let Some(a) = inst.get("attributes") else {
                continue;
            };
            let bucket = || st(a.get("bucket")).unwrap_or_default();
            match t {
                "aws_s3_bucket_versioning" => {
                    if let Some(s) = st(path(a, &["versioning_configuration", "0", "status"])) {
                        bucket_extra
                            .entry(bucket())
                            .or_default()
                            .push(("versioning", (s == "Enabled").to_string()));
                    }
                    continue;
                }
                "aws_s3_bucket_public_access_block" => {
                    for k in [
                        "block_public_acls",
                        "block_public_policy",
                        "ignore_public_acls",
                        "restrict_public_buckets",
                    ] {
                        if let Some(v) = st(a.get(k)) {
                            bucket_extra.entry(bucket()).or_default().push((k, v));
                        }
                    }
                    continue;
                }
                "aws_s3_bucket_logging" => {
                    bucket_extra
                        .entry(bucket())
                        .or_default()
                        .push(("logging", "true".into()));
                    continue;
                }
                "aws_s3_bucket_server_side_encryption_configuration" => {
                    if let Some(s) = st(path(
                        a,
                        &[
                            "rule",
                            "0",
                            "apply_server_side_encryption_by_default",
                            "0",
                            "sse_algorithm",
                        ],
                    )) {
                        bucket_extra
                            .entry(bucket())
                            .or_default()
                            .push(("sse_algorithm", s));
                    }
                    continue;
                }
                _ => {}
            }
            let Some(kind) = kind_of(t) else { continue };
            let index = match inst.get("index_key") {
                Some(J::String(s)) => format!("[\"{s}\"]"),
                Some(J::Number(n)) => format!("[{n}]"),
                _ => String::new(),
            };
            let address = match module {
                Some(m) => format!("{m}.{t}.{name}{index}"),
                None => format!("{t}.{name}{index}"),
            };
            let arn = st(a.get("arn")).filter(|s| s.starts_with("arn:"));
            let id = match kind {
                kinds::S3_BUCKET => st(a.get("bucket")),
                kinds::IAM_USER | kinds::IAM_GROUP | kinds::IAM_ROLE => st(a.get("name")),
                // `function/statement`, as live permissions are named.
                kinds::LAMBDA_PERMISSION => st(a.get("function_name"))
                    .zip(st(a.get("statement_id")))
                    .map(|(f, s)| format!("{}/{s}", function_name(&f))),
                kinds::SQS_QUEUE => {
                    st(a.get("name")).or_else(|| st(a.get("id")).map(|u| short_id(&u)))
                }
                // `NAME` or `NAME/QUALIFIER`, as live URLs are known.
                kinds::LAMBDA_FUNCTION_URL => st(a.get("function_name")).map(|f| {
                    match st(a.get("qualifier")).filter(|q| !q.is_empty()) {
                        Some(q) => format!("{}/{q}", function_name(&f)),
                        None => function_name(&f),
                    }
                }),
                kinds::DB_SNAPSHOT => st(a.get("db_snapshot_identifier")),
                kinds::DB_CLUSTER_SNAPSHOT => st(a.get("db_cluster_snapshot_identifier")),
                // Per-region singletons: known by their region (provider 6 records it; an
                // older state, which does not, is not compared).
                kinds::EBS_ENCRYPTION_BY_DEFAULT | kinds::EMR_BLOCK_PUBLIC_ACCESS => {
                    st(a.get("region"))
                }
                kinds::AMI_LAUNCH_PERMISSION => st(a.get("image_id")).and_then(|image| {
                    [
                        "account_id",
                        "group",
                        "organization_arn",
                        "organizational_unit_arn",
                    ]
                    .iter()
                    .find_map(|k| st(a.get(*k)).filter(|p| !p.is_empty()))
                    .map(|p| format!("{p}/{image}"))
                }),
                kinds::S3_ACCOUNT_PUBLIC_ACCESS_BLOCK => {
                    st(a.get("account_id")).or_else(|| st(a.get("id")))
                }
                _ => arn
                    .as_deref()
                    .map(|arn| identity(kind, arn))
                    .or_else(|| st(a.get("id")).map(|i| identity(kind, &i))),
            };
            let region = match kind {
                // No ARN in their state: the `region` Terraform records (provider 6), if any.
                kinds::S3_BUCKET
                | kinds::GLUE_SECURITY_CONFIGURATION
                | kinds::GLUE_CATALOG_ENCRYPTION
                | kinds::CONFIG_RECORDER_STATUS
                | kinds::EBS_ENCRYPTION_BY_DEFAULT
                | kinds::EMR_BLOCK_PUBLIC_ACCESS
                | kinds::AMI_LAUNCH_PERMISSION
                | kinds::API_GATEWAY_METHOD => st(a.get("region")),
                kinds::LAMBDA_FUNCTION_URL => st(a.get("function_arn"))
                    .or_else(|| st(a.get("function_name")))
                    .filter(|f| f.starts_with("arn:"))
                    .and_then(|f| f.split(':').nth(3).map(str::to_owned)),
                kinds::DB_SNAPSHOT | kinds::DB_CLUSTER_SNAPSHOT => st(a
                    .get("db_snapshot_arn")
                    .or_else(|| a.get("db_cluster_snapshot_arn")))
                .and_then(|f| f.split(':').nth(3).map(str::to_owned))
                .or_else(|| st(a.get("region"))),
                kinds::LAMBDA_PERMISSION => st(a.get("function_name"))
                    .filter(|f| f.starts_with("arn:"))
                    .and_then(|f| f.split(':').nth(3).map(str::to_owned)),
                _ => arn
                    .as_deref()
                    .and_then(|a| a.split(':').nth(3))
                    .filter(|r| !r.is_empty())
                    .map(str::to_owned),
            };
            let name = match kind {
                kinds::S3_BUCKET => st(a.get("bucket")),
                _ => st(a.get("name")),
            };
            // The state names the account and region plainly, in the ARN.
            let mut resource = ResourceMeta::new(kind.provider, address, Origin::None);
            resource.account = arn
                .as_deref()
                .and_then(|a| a.split(':').nth(4))
                .filter(|a| !a.is_empty())
                .map(str::to_owned);
            resource.region.clone_from(&region);
            views.push(View {
                kind,
                resource,
                id,
                name,
                region,
                attrs: attrs_of(kind, a),
                attr_origins: BTreeMap::new(),
            });
        }
    }
    for v in views.iter_mut().filter(|v| v.kind == kinds::S3_BUCKET) {
        if let Some(extra) = v.id.as_ref().and_then(|id| bucket_extra.get(id)) {
            for (k, val) in extra {
                v.attrs.insert(k, val.clone());
            }
        }
    }
    Ok(views)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_state_v4_with_split_bucket_settings() {
        let text = r#"{"version": 4, "resources": [
          {"mode": "managed", "type": "aws_s3_bucket", "name": "logs", "instances": [
            {"attributes": {"bucket": "logs-b", "arn": "arn:aws:s3:::logs-b", "region": "us-east-1"}}]},
          {"mode": "managed", "type": "aws_s3_bucket_versioning", "name": "logs", "instances": [
            {"attributes": {"bucket": "logs-b", "versioning_configuration": [{"status": "Enabled"}]}}]},
          {"mode": "managed", "type": "aws_security_group", "name": "web", "module": "module.net", "instances": [
            {"attributes": {"id": "sg-1", "arn": "arn:aws:ec2:us-east-1:1:security-group/sg-1", "name": "web",
              "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["10.0.0.0/8"], "ipv6_cidr_blocks": []}],
              "egress": []}}]},
          {"mode": "data", "type": "aws_caller_identity", "name": "me", "instances": [{"attributes": {}}]}
        ]}"#;
        let v = read(text).unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].id.as_deref(), Some("logs-b"));
        assert_eq!(
            v[0].attrs.get("versioning").map(String::as_str),
            Some("true")
        );
        assert_eq!(v[1].resource.address, "module.net.aws_security_group.web");
        assert_eq!(v[1].id.as_deref(), Some("sg-1"));
        assert_eq!(v[1].region.as_deref(), Some("us-east-1"));
        assert_eq!(v[1].resource.account.as_deref(), Some("1"));
        assert_eq!(v[1].resource.region.as_deref(), Some("us-east-1"));
        assert_eq!(
            v[1].attrs.get("ingress").map(String::as_str),
            Some("tcp 22-22 10.0.0.0/8")
        );
        assert!(read(r#"{"version": 3}"#).is_err());
    }

    #[test]
    fn kinds_read_through_cloud_control_compare_their_state_attributes() {
        let text = r#"{"version": 4, "resources": [
          {"mode": "managed", "type": "aws_kinesis_stream", "name": "s", "instances": [
            {"attributes": {"name": "events", "arn": "arn:aws:kinesis:eu-west-1:1:stream/events", "encryption_type": "KMS"}}]},
          {"mode": "managed", "type": "aws_cloudfront_distribution", "name": "cdn", "instances": [
            {"attributes": {"id": "E1", "arn": "arn:aws:cloudfront::1:distribution/E1", "web_acl_id": "",
              "logging_config": [{"bucket": "logs.s3.amazonaws.com"}],
              "default_cache_behavior": [{"viewer_protocol_policy": "redirect-to-https"}],
              "ordered_cache_behavior": [{"viewer_protocol_policy": "allow-all"}]}}]},
          {"mode": "managed", "type": "aws_athena_workgroup", "name": "wg", "instances": [
            {"attributes": {"name": "wg", "arn": "arn:aws:athena:eu-west-1:1:workgroup/wg",
              "configuration": [{"result_configuration": [{"encryption_configuration": [{"encryption_option": "SSE_S3"}]}]}]}}]}
        ]}"#;
        let v = read(text).unwrap();
        let attr = |i: usize, k: &str| v[i].attrs.get(k).map(String::as_str);
        assert_eq!(v[0].kind, kinds::KINESIS_STREAM);
        assert_eq!(v[0].id.as_deref(), Some("events"));
        assert_eq!(attr(0, "encryption_type"), Some("KMS"));
        assert_eq!(v[1].id.as_deref(), Some("E1"));
        assert_eq!(v[1].region, None);
        assert_eq!(attr(1, "web_acl"), Some("false"));
        assert_eq!(attr(1, "logging"), Some("true"));
        assert_eq!(
            attr(1, "viewer_protocol_policy"),
            Some("allow-all, redirect-to-https")
        );
        assert_eq!(attr(2, "results_encrypted"), Some("true"));
    }

    #[test]
    fn new_cloud_control_kinds_have_their_identities_and_attributes() {
        use crate::views::identity;
        let text = r#"{"version": 4, "resources": [
          {"mode": "managed", "type": "aws_ecs_task_definition", "name": "web", "instances": [
            {"attributes": {"id": "web", "arn": "arn:aws:ecs:eu-west-1:1:task-definition/web:12",
              "network_mode": "awsvpc", "pid_mode": ""}}]},
          {"mode": "managed", "type": "aws_ssm_parameter", "name": "db", "instances": [
            {"attributes": {"id": "/app/db/password", "name": "/app/db/password",
              "arn": "arn:aws:ssm:eu-west-1:1:parameter/app/db/password", "type": "String"}}]},
          {"mode": "managed", "type": "aws_kinesis_firehose_delivery_stream", "name": "f", "instances": [
            {"attributes": {"name": "events", "arn": "arn:aws:firehose:eu-west-1:1:deliverystream/events",
              "server_side_encryption": [{"enabled": true, "key_type": "AWS_OWNED_CMK"}]}}]},
          {"mode": "managed", "type": "aws_ecs_cluster", "name": "c", "instances": [
            {"attributes": {"name": "main", "arn": "arn:aws:ecs:eu-west-1:1:cluster/main", "setting": []}}]}
        ]}"#;
        let v = read(text).unwrap();
        let attr = |i: usize, k: &str| v[i].attrs.get(k).map(String::as_str);
        assert_eq!(v[0].kind, kinds::ECS_TASK_DEFINITION);
        assert_eq!(v[0].id.as_deref(), Some("web:12"));
        assert_eq!(attr(0, "network_mode"), Some("awsvpc"));
        assert_eq!(v[1].id.as_deref(), Some("app/db/password"));
        assert_eq!(attr(1, "type"), Some("String"));
        assert_eq!(attr(2, "server_side_encryption"), Some("true"));
        assert_eq!(attr(3, "container_insights"), Some("disabled"));
        // The live identities are the same.
        assert_eq!(
            identity(
                kinds::ECS_TASK_DEFINITION,
                "arn:aws:ecs:eu-west-1:1:task-definition/web:12"
            ),
            "web:12"
        );
        assert_eq!(
            identity(kinds::SSM_PARAMETER, "/app/db/password"),
            "app/db/password"
        );
        assert_eq!(
            identity(kinds::WAFV2_WEB_ACL, "acl|a1b2-c3|REGIONAL"),
            "a1b2-c3"
        );
    }

    #[test]
    fn kinds_read_through_their_own_services_have_their_identities_and_attributes() {
        use crate::views::identity;
        let policy = r#"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"glacier:InitiateJob\",\"Resource\":\"*\"}]}"#;
        let text = format!(
            r#"{{"version": 4, "resources": [
          {{"mode": "managed", "type": "aws_codebuild_project", "name": "p", "instances": [
            {{"attributes": {{"name": "build", "arn": "arn:aws:codebuild:eu-west-1:1:project/build",
              "logs_config": [{{"cloudwatch_logs": [], "s3_logs": [{{"status": "ENABLED", "encryption_disabled": true}}]}}]}}}}]}},
          {{"mode": "managed", "type": "aws_codebuild_project", "name": "q", "instances": [
            {{"attributes": {{"name": "quiet", "arn": "arn:aws:codebuild:eu-west-1:1:project/quiet",
              "logs_config": [{{"cloudwatch_logs": [], "s3_logs": []}}]}}}}]}},
          {{"mode": "managed", "type": "aws_glacier_vault", "name": "v", "instances": [
            {{"attributes": {{"name": "cold", "arn": "arn:aws:glacier:eu-west-1:1:vaults/cold",
              "access_policy": "{policy}"}}}}]}},
          {{"mode": "managed", "type": "aws_acm_certificate", "name": "c", "instances": [
            {{"attributes": {{"arn": "arn:aws:acm:eu-west-1:1:certificate/0a1b", "type": "AMAZON_ISSUED",
              "options": [{{"certificate_transparency_logging_preference": "DISABLED"}}]}}}}]}},
          {{"mode": "managed", "type": "aws_dax_cluster", "name": "d", "instances": [
            {{"attributes": {{"cluster_name": "cache", "arn": "arn:aws:dax:eu-west-1:1:cache/cache",
              "server_side_encryption": [{{"enabled": false}}]}}}}]}},
          {{"mode": "managed", "type": "aws_emr_cluster", "name": "e", "instances": [
            {{"attributes": {{"id": "j-ABC", "arn": "arn:aws:elasticmapreduce:eu-west-1:1:cluster/j-ABC",
              "security_configuration": "encrypted"}}}}]}},
          {{"mode": "managed", "type": "aws_emr_security_configuration", "name": "s", "instances": [
            {{"attributes": {{"id": "encrypted", "name": "encrypted",
              "configuration": "{{\"EncryptionConfiguration\": {{\"EnableAtRestEncryption\": true}}}}"}}}}]}}
        ]}}"#
        );
        let v = read(&text).unwrap();
        let attr = |i: usize, k: &str| v[i].attrs.get(k).map(String::as_str);
        let ids: Vec<Option<&str>> = v.iter().map(|x| x.id.as_deref()).collect();
        assert_eq!(
            ids,
            [
                Some("build"),
                Some("quiet"),
                Some("cold"),
                Some("0a1b"),
                Some("cache"),
                Some("j-ABC"),
                Some("encrypted")
            ]
        );
        assert_eq!(attr(0, "s3_logs"), Some("true"));
        assert_eq!(attr(0, "s3_logs_encryption_disabled"), Some("true"));
        // No `s3_logs` block: off.
        assert_eq!(attr(1, "s3_logs"), Some("false"));
        assert!(attr(2, "access_policy").is_some_and(|p| p.contains("glacier:InitiateJob")));
        assert_eq!(attr(3, "amazon_issued_public"), Some("true"));
        assert_eq!(attr(3, "transparency_logging"), Some("DISABLED"));
        assert_eq!(attr(4, "encrypted"), Some("false"));
        assert_eq!(attr(5, "security_configuration"), Some("encrypted"));
        // An absent flag is EMR's default: off.
        assert_eq!(attr(6, "at_rest"), Some("true"));
        assert_eq!(attr(6, "in_transit"), Some("false"));
        // The live identities are the same.
        assert_eq!(
            identity(
                kinds::EMR_CLUSTER,
                "arn:aws:elasticmapreduce:eu-west-1:1:cluster/j-ABC"
            ),
            "j-ABC"
        );
        assert_eq!(
            identity(
                kinds::EMR_SECURITY_CONFIGURATION,
                "arn:aws:elasticmapreduce:eu-west-1:1:security-configuration/encrypted"
            ),
            "encrypted"
        );
    }

    #[test]
    fn glue_and_config_recorder_kinds_have_their_identities_regions_and_attributes() {
        use crate::views::identity;
        let text = r#"{"version": 4, "resources": [
          {"mode": "managed", "type": "aws_glue_security_configuration", "name": "s", "instances": [
            {"attributes": {"id": "etl", "name": "etl", "region": "eu-west-1",
              "encryption_configuration": [{
                "s3_encryption": [{"s3_encryption_mode": "SSE-KMS"}],
                "cloudwatch_encryption": [{}],
                "job_bookmarks_encryption": [{"job_bookmarks_encryption_mode": "CSE-KMS"}]}]}}]},
          {"mode": "managed", "type": "aws_glue_data_catalog_encryption_settings", "name": "c", "instances": [
            {"attributes": {"id": "111122223333", "catalog_id": "111122223333",
              "data_catalog_encryption_settings": [{
                "encryption_at_rest": [{"catalog_encryption_mode": "DISABLED"}],
                "connection_password_encryption": [{"return_connection_password_encrypted": true}]}]}}]},
          {"mode": "managed", "type": "aws_config_configuration_recorder_status", "name": "r", "instances": [
            {"attributes": {"id": "default", "name": "default", "is_enabled": false}}]}
        ]}"#;
        let v = read(text).unwrap();
        let attr = |i: usize, k: &str| v[i].attrs.get(k).map(String::as_str);
        let ids: Vec<Option<&str>> = v.iter().map(|x| x.id.as_deref()).collect();
        assert_eq!(ids, [Some("etl"), Some("111122223333"), Some("default")]);
        // No ARN in their state: the region Terraform records, when it does.
        assert_eq!(v[0].region.as_deref(), Some("eu-west-1"));
        assert_eq!(v[1].region, None);
        assert_eq!(attr(0, "s3_mode"), Some("SSE-KMS"));
        // A mode left out is the provider's default.
        assert_eq!(attr(0, "cloudwatch_mode"), Some("DISABLED"));
        assert_eq!(attr(0, "job_bookmarks_mode"), Some("CSE-KMS"));
        assert_eq!(attr(1, "at_rest_mode"), Some("DISABLED"));
        assert_eq!(attr(1, "passwords_encrypted"), Some("true"));
        assert_eq!(attr(2, "enabled"), Some("false"));
        // The live identities are the same: the catalog's account, the recorder's name.
        assert_eq!(
            identity(
                kinds::GLUE_SECURITY_CONFIGURATION,
                "arn:aws:glue:eu-west-1:111122223333:securityConfiguration/etl"
            ),
            "etl"
        );
        assert_eq!(
            identity(
                kinds::GLUE_CATALOG_ENCRYPTION,
                "arn:aws:glue:eu-west-1:111122223333:catalog"
            ),
            "111122223333"
        );
        for arn in [
            "arn:aws:config:eu-west-1:111122223333:configuration-recorder/default/0abc1def",
            "arn:aws:config:eu-west-1:111122223333:configuration-recorder/default",
        ] {
            assert_eq!(identity(kinds::CONFIG_RECORDER_STATUS, arn), "default");
        }
    }

    #[test]
    fn account_settings_and_child_kinds_have_their_identities_and_attributes() {
        use crate::views::identity;
        let text = r#"{"version": 4, "resources": [
          {"mode": "managed", "type": "aws_lambda_function_url", "name": "u", "instances": [
            {"attributes": {"id": "api/live", "function_name": "api", "qualifier": "live",
              "function_arn": "arn:aws:lambda:eu-west-1:111122223333:function:api",
              "authorization_type": "NONE"}}]},
          {"mode": "managed", "type": "aws_db_snapshot", "name": "s", "instances": [
            {"attributes": {"id": "nightly", "db_snapshot_identifier": "nightly",
              "db_snapshot_arn": "arn:aws:rds:eu-west-1:111122223333:snapshot:nightly",
              "shared_accounts": ["444455556666", "all"]}}]},
          {"mode": "managed", "type": "aws_db_cluster_snapshot", "name": "c", "instances": [
            {"attributes": {"id": "cs", "db_cluster_snapshot_identifier": "cs"}}]},
          {"mode": "managed", "type": "aws_ebs_encryption_by_default", "name": "e", "instances": [
            {"attributes": {"id": "terraform-1", "enabled": false, "region": "eu-west-1"}}]},
          {"mode": "managed", "type": "aws_ami_launch_permission", "name": "p", "instances": [
            {"attributes": {"id": "111122223333/ami-1", "image_id": "ami-1",
              "account_id": "111122223333", "group": null}}]},
          {"mode": "managed", "type": "aws_emr_block_public_access_configuration", "name": "b",
            "instances": [{"attributes": {"id": "x", "block_public_security_group_rules": true}}]},
          {"mode": "managed", "type": "aws_s3_account_public_access_block", "name": "a",
            "instances": [{"attributes": {"id": "111122223333", "account_id": "111122223333",
              "block_public_acls": true}}]}
        ]}"#;
        let v = read(text).unwrap();
        let attr = |i: usize, k: &str| v[i].attrs.get(k).map(String::as_str);
        let ids: Vec<Option<&str>> = v.iter().map(|x| x.id.as_deref()).collect();
        // An EMR configuration without a recorded region is not compared.
        assert_eq!(
            ids,
            [
                Some("api/live"),
                Some("nightly"),
                Some("cs"),
                Some("eu-west-1"),
                Some("111122223333/ami-1"),
                None,
                Some("111122223333")
            ]
        );
        assert_eq!(v[0].region.as_deref(), Some("eu-west-1"));
        assert_eq!(v[1].region.as_deref(), Some("eu-west-1"));
        assert_eq!(attr(0, "auth_type"), Some("NONE"));
        assert_eq!(attr(1, "shared_accounts"), Some("444455556666,all"));
        // Not set: shared with no one.
        assert_eq!(attr(2, "shared_accounts"), Some(""));
        assert_eq!(attr(3, "enabled"), Some("false"));
        assert_eq!(attr(4, "group"), Some(""));
        assert_eq!(attr(5, "enabled"), Some("true"));
        // A setting left out is the provider's default (off).
        assert_eq!(attr(6, "block_public_policy"), Some("false"));
        // The live identities are the same.
        for (kind, arn, id) in [
            (
                kinds::LAMBDA_FUNCTION_URL,
                "arn:aws:lambda:eu-west-1:111122223333:function:api:live",
                "api/live",
            ),
            (
                kinds::LAMBDA_FUNCTION_URL,
                "arn:aws:lambda:eu-west-1:111122223333:function:api",
                "api",
            ),
            (
                kinds::DB_SNAPSHOT,
                "arn:aws:rds:eu-west-1:111122223333:snapshot:nightly",
                "nightly",
            ),
            (
                kinds::EBS_ENCRYPTION_BY_DEFAULT,
                "arn:aws:ec2:eu-west-1:111122223333:ebs-encryption-by-default",
                "eu-west-1",
            ),
            (
                kinds::AMI_LAUNCH_PERMISSION,
                "arn:aws:ec2:eu-west-1:111122223333:image/ami-1/launch-permission/111122223333",
                "111122223333/ami-1",
            ),
            (
                kinds::AMI_LAUNCH_PERMISSION,
                "arn:aws:ec2:eu-west-1:111122223333:image/ami-1/launch-permission/arn:aws:organizations::111122223333:organization/o-1",
                "arn:aws:organizations::111122223333:organization/o-1/ami-1",
            ),
            (
                kinds::EMR_BLOCK_PUBLIC_ACCESS,
                "arn:aws:elasticmapreduce:eu-west-1:111122223333:block-public-access-configuration",
                "eu-west-1",
            ),
            (
                kinds::S3_ACCOUNT_PUBLIC_ACCESS_BLOCK,
                "arn:aws:s3::111122223333:account-public-access-block",
                "111122223333",
            ),
        ] {
            assert_eq!(identity(kind, arn), id, "{arn}");
        }
    }

    #[test]
    fn api_gateway_methods_and_ssm_documents_have_their_identities_and_attributes() {
        use crate::views::identity;
        let text = r#"{"version": 4, "resources": [
          {"mode": "managed", "type": "aws_api_gateway_method", "name": "m", "instances": [
            {"attributes": {"id": "agm-a1b2c3-r1-GET", "rest_api_id": "a1b2c3",
              "resource_id": "r1", "http_method": "GET", "authorization": "NONE",
              "region": "eu-west-1"}}]},
          {"mode": "managed", "type": "aws_ssm_document", "name": "open", "instances": [
            {"attributes": {"id": "open", "name": "open",
              "arn": "arn:aws:ssm:eu-west-1:111122223333:document/open",
              "permissions": {"type": "Share", "account_ids": "444455556666,All"}}}]},
          {"mode": "managed", "type": "aws_ssm_document", "name": "shared", "instances": [
            {"attributes": {"id": "shared", "name": "shared",
              "arn": "arn:aws:ssm:eu-west-1:111122223333:document/shared",
              "permissions": {"type": "Share", "account_ids": "444455556666"}}}]},
          {"mode": "managed", "type": "aws_ssm_document", "name": "private", "instances": [
            {"attributes": {"id": "private", "name": "private",
              "arn": "arn:aws:ssm:eu-west-1:111122223333:document/private",
              "permissions": null}}]}
        ]}"#;
        let v = read(text).unwrap();
        let attr = |i: usize, k: &str| v[i].attrs.get(k).map(String::as_str);
        let ids: Vec<Option<&str>> = v.iter().map(|x| x.id.as_deref()).collect();
        assert_eq!(
            ids,
            [
                Some("agm-a1b2c3-r1-GET"),
                Some("open"),
                Some("shared"),
                Some("private")
            ]
        );
        assert!(v.iter().all(|x| x.region.as_deref() == Some("eu-west-1")));
        assert_eq!(attr(0, "authorization"), Some("NONE"));
        // Left out: the provider's default.
        assert_eq!(attr(0, "api_key_required"), Some("false"));
        assert_eq!(attr(1, "public"), Some("true"));
        assert_eq!(attr(2, "public"), Some("false"));
        assert_eq!(attr(3, "public"), Some("false"));
        // The live identities are the same.
        assert_eq!(
            identity(
                kinds::API_GATEWAY_METHOD,
                "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3/resources/r1/methods/GET"
            ),
            "agm-a1b2c3-r1-GET"
        );
        assert_eq!(
            identity(
                kinds::SSM_DOCUMENT,
                "arn:aws:ssm:eu-west-1:111122223333:document/open"
            ),
            "open"
        );
    }
}
