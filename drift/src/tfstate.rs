//! Terraform state (format version 4): `resources[].instances[].attributes`, as declared
//! [`View`]s identified by their ARN's last segment (or `id`). The split S3 resources of
//! provider v4+ (versioning, public access block, encryption, logging) join their bucket.

use crate::views::{View, short_id};
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

fn kind(t: &str) -> Option<&'static str> {
    Some(match t {
        "aws_s3_bucket" => "aws_s3_bucket",
        "aws_security_group" => "aws_security_group",
        "aws_default_security_group" => "aws_default_security_group",
        "aws_vpc" => "aws_vpc",
        "aws_network_acl" => "aws_network_acl",
        "aws_subnet" => "aws_subnet",
        "aws_ebs_volume" => "aws_ebs_volume",
        "aws_instance" => "aws_instance",
        "aws_launch_template" => "aws_launch_template",
        "aws_iam_user" => "aws_iam_user",
        "aws_iam_group" => "aws_iam_group",
        "aws_iam_role" => "aws_iam_role",
        "aws_iam_policy" => "aws_iam_policy",
        "aws_db_instance" => "aws_db_instance",
        "aws_rds_cluster" => "aws_rds_cluster",
        "aws_lb_listener" | "aws_alb_listener" => "aws_lb_listener",
        "aws_lambda_permission" => "aws_lambda_permission",
        "aws_cloudtrail" => "aws_cloudtrail",
        "aws_kms_key" => "aws_kms_key",
        "aws_eks_cluster" => "aws_eks_cluster",
        "aws_efs_file_system" => "aws_efs_file_system",
        "aws_sqs_queue" => "aws_sqs_queue",
        "aws_sns_topic" => "aws_sns_topic",
        "aws_dynamodb_table" => "aws_dynamodb_table",
        "aws_ecr_repository" => "aws_ecr_repository",
        _ => return None,
    })
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

fn attrs_of(kind: &str, a: &J) -> BTreeMap<&'static str, String> {
    let mut m = BTreeMap::new();
    let mut put = |k: &'static str, v: Option<String>| {
        if let Some(v) = v {
            m.insert(k, v);
        }
    };
    match kind {
        "aws_s3_bucket" => {
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
        "aws_security_group" | "aws_default_security_group" => {
            put("ingress", rules(a, "ingress"));
            put("egress", rules(a, "egress"));
        }
        "aws_subnet" => put(
            "map_public_ip_on_launch",
            st(a.get("map_public_ip_on_launch")),
        ),
        "aws_ebs_volume" | "aws_efs_file_system" => put("encrypted", st(a.get("encrypted"))),
        "aws_instance" => {
            put(
                "http_tokens",
                st(path(a, &["metadata_options", "0", "http_tokens"])),
            );
            put(
                "associate_public_ip_address",
                st(a.get("associate_public_ip_address")),
            );
        }
        "aws_rds_cluster" => {
            put("storage_encrypted", st(a.get("storage_encrypted")));
            put(
                "backup_retention_period",
                st(a.get("backup_retention_period")),
            );
        }
        "aws_lambda_permission" => {
            for key in [
                "principal",
                "source_arn",
                "source_account",
                "principal_org_id",
            ] {
                put(key, st(a.get(key)));
            }
        }
        "aws_lb_listener" => {
            put("protocol", st(a.get("protocol")));
            put(
                "ssl_policy",
                st(a.get("ssl_policy")).filter(|p| !p.is_empty()),
            );
        }
        "aws_db_instance" => {
            put("storage_encrypted", st(a.get("storage_encrypted")));
            put("publicly_accessible", st(a.get("publicly_accessible")));
            put(
                "backup_retention_period",
                st(a.get("backup_retention_period")),
            );
        }
        "aws_cloudtrail" => {
            put("is_multi_region_trail", st(a.get("is_multi_region_trail")));
            put(
                "enable_log_file_validation",
                st(a.get("enable_log_file_validation")),
            );
            put("enable_logging", st(a.get("enable_logging")));
        }
        "aws_iam_policy" => put("policy", policy(a.get("policy"))),
        "aws_iam_role" => put("assume_role_policy", policy(a.get("assume_role_policy"))),
        "aws_kms_key" => put("enable_key_rotation", st(a.get("enable_key_rotation"))),
        "aws_eks_cluster" => put(
            "endpoint_public_access",
            st(path(a, &["vpc_config", "0", "endpoint_public_access"])),
        ),
        "aws_sqs_queue" => {
            put(
                "sqs_managed_sse_enabled",
                st(a.get("sqs_managed_sse_enabled")),
            );
            put("kms_master_key_id", st(a.get("kms_master_key_id")));
        }
        "aws_sns_topic" => put("kms_master_key_id", st(a.get("kms_master_key_id"))),
        "aws_dynamodb_table" => put(
            "point_in_time_recovery",
            st(path(a, &["point_in_time_recovery", "0", "enabled"])),
        ),
        "aws_ecr_repository" => put("image_tag_mutability", st(a.get("image_tag_mutability"))),
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
                v.map(|v| v.to_string()).unwrap_or_else(|| "?".into())
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
            let Some(kind) = kind(t) else { continue };
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
                "aws_s3_bucket" => st(a.get("bucket")),
                "aws_iam_user" | "aws_iam_group" | "aws_iam_role" => st(a.get("name")),
                // `function/statement`, as live permissions are named.
                "aws_lambda_permission" => st(a.get("function_name"))
                    .zip(st(a.get("statement_id")))
                    .map(|(f, s)| format!("{}/{s}", function_name(&f))),
                "aws_sqs_queue" => {
                    st(a.get("name")).or_else(|| st(a.get("id")).map(|u| short_id(&u)))
                }
                _ => arn
                    .as_deref()
                    .map(short_id)
                    .or_else(|| st(a.get("id")).map(|i| short_id(&i))),
            };
            let region = match kind {
                "aws_s3_bucket" => st(a.get("region")),
                "aws_lambda_permission" => st(a.get("function_name"))
                    .filter(|f| f.starts_with("arn:"))
                    .and_then(|f| f.split(':').nth(3).map(str::to_owned)),
                _ => arn
                    .as_deref()
                    .and_then(|a| a.split(':').nth(3))
                    .filter(|r| !r.is_empty())
                    .map(str::to_owned),
            };
            let name = match kind {
                "aws_s3_bucket" => st(a.get("bucket")),
                _ => st(a.get("name")),
            };
            views.push(View {
                kind,
                resource: ResourceMeta::new(
                    cloudsentinel_model::Provider::Aws,
                    address,
                    Origin::None,
                ),
                id,
                name,
                region,
                attrs: attrs_of(kind, a),
                attr_origins: BTreeMap::new(),
            });
        }
    }
    for v in views.iter_mut().filter(|v| v.kind == "aws_s3_bucket") {
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
        assert_eq!(
            v[1].attrs.get("ingress").map(String::as_str),
            Some("tcp 22-22 10.0.0.0/8")
        );
        assert!(read(r#"{"version": 3}"#).is_err());
    }
}
