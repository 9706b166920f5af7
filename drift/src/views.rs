//! Resources as comparable views: a kind (the model's resource type), identities, and the
//! security-relevant attributes as normalized strings. Live state, CloudFormation stacks
//! (parsed by the CloudFormation front-end) and Terraform state all become views, so
//! declared and live compare attribute by attribute; [`model_of`] turns a view back into a
//! one-resource [`State`] so the checks can grade a difference.

use crate::kind::{Kind, aws as kinds};
use cloudsentinel_model::aws::ec2::{BlockDevice, SgRule};
use cloudsentinel_model::aws::iam::{PolicyDocument, PrincipalKind};
use cloudsentinel_model::aws::{
    cloudtrail, dynamodb, ec2, ecr, efs, elb, iam, kms, lambda, rds, s3, sns, sqs,
};
use cloudsentinel_model::{Meta, Origin, ResourceMeta, State, Value};
use std::collections::BTreeMap;

/// One resource, comparable.
#[derive(Debug, Clone)]
pub struct View {
    /// The model's resource type.
    pub kind: Kind,
    /// The resource in its source (an ARN for live resources, an address for IaC).
    pub resource: ResourceMeta,
    /// The short identity: the last segment of the ARN (bucket name, `sg-…`, user name,
    /// queue name, key id), or a physical id.
    pub id: Option<String>,
    /// The resource's name where the model has one (buckets, IAM principals, groups).
    pub name: Option<String>,
    /// Region of a live resource.
    pub region: Option<String>,
    pub attrs: BTreeMap<&'static str, String>,
    /// Where each attribute is declared (IaC source), for findings at the attribute's line.
    pub attr_origins: BTreeMap<&'static str, Origin>,
}

/// The last segment of an ARN (`…:security-group/sg-1` → `sg-1`, `arn:aws:s3:::b` → `b`).
pub fn short_id(arn: &str) -> String {
    arn.rsplit(['/', ':']).next().unwrap_or(arn).to_string()
}

/// A known attribute as text, with where it came from.
type Attr = Option<(String, Origin)>;

fn b(v: &Value<bool>) -> Attr {
    v.known().map(|x| (x.to_string(), v.meta.origin.clone()))
}
fn s(v: &Value<String>) -> Attr {
    v.known().map(|x| (x.clone(), v.meta.origin.clone()))
}
fn n(v: &Value<i64>) -> Attr {
    v.known().map(|x| (x.to_string(), v.meta.origin.clone()))
}
fn name(v: &Value<String>) -> Option<String> {
    v.known().cloned()
}

/// A policy document as one compact JSON statement per line, keys and lists sorted and
/// `Sid` dropped, so equal policies give equal text whatever their layout; `None` when any
/// part is unknown. [`policy_of`] reads it back.
pub fn policy_lines(doc: &PolicyDocument) -> Option<String> {
    use serde_json::Value as J;
    let list = |vs: &[Value<String>]| -> Option<J> {
        let mut v: Vec<String> = vs
            .iter()
            .map(|x| x.known().cloned())
            .collect::<Option<_>>()?;
        v.sort();
        v.dedup();
        Some(J::from(v))
    };
    let mut lines = Vec::new();
    for st in &doc.statements {
        if st.incomplete {
            return None;
        }
        // BTreeMaps: sorted keys, whatever order the source wrote them in.
        let mut m: BTreeMap<&str, J> = BTreeMap::new();
        m.insert("Effect", J::String(st.effect.known()?.clone()));
        for (key, values) in [
            ("Action", &st.actions),
            ("NotAction", &st.not_actions),
            ("Resource", &st.resources),
            ("NotResource", &st.not_resources),
        ] {
            if !values.is_empty() {
                m.insert(key, list(values)?);
            }
        }
        if !st.principals.is_empty() {
            let mut by_kind: BTreeMap<&str, Vec<String>> = BTreeMap::new();
            for p in &st.principals {
                let kind = match p.kind {
                    // `"*"` and `{"AWS": "*"}` mean the same.
                    PrincipalKind::All | PrincipalKind::Aws => "AWS",
                    PrincipalKind::Service => "Service",
                    PrincipalKind::Federated => "Federated",
                    PrincipalKind::CanonicalUser => "CanonicalUser",
                };
                by_kind
                    .entry(kind)
                    .or_default()
                    .push(p.value.known()?.clone());
            }
            for v in by_kind.values_mut() {
                v.sort();
                v.dedup();
            }
            m.insert("Principal", serde_json::to_value(by_kind).ok()?);
        }
        if !st.conditions.is_empty() {
            let mut ops: BTreeMap<&str, BTreeMap<&str, Vec<String>>> = BTreeMap::new();
            for c in &st.conditions {
                let mut values: Vec<String> = c
                    .values
                    .iter()
                    .map(|v| v.known().cloned())
                    .collect::<Option<_>>()?;
                values.sort();
                ops.entry(&c.operator)
                    .or_default()
                    .entry(&c.key)
                    .or_default()
                    .extend(values);
            }
            m.insert("Condition", serde_json::to_value(ops).ok()?);
        }
        lines.push(serde_json::to_string(&m).ok()?);
    }
    lines.sort();
    Some(lines.join("\n"))
}

/// The document [`policy_lines`] wrote, its values placed at `origin`.
pub fn policy_of(lines: &str, origin: &Origin) -> Option<PolicyDocument> {
    let statements: Vec<&str> = lines.lines().filter(|l| !l.trim().is_empty()).collect();
    let text = format!(
        "{{\"Version\":\"2012-10-17\",\"Statement\":[{}]}}",
        statements.join(",")
    );
    cloudsentinel_parser::policy_document_from_json(&text, origin)
}

fn policy(doc: &Value<PolicyDocument>) -> Attr {
    policy_lines(doc.known()?).map(|t| (t, doc.meta.origin.clone()))
}

/// Whether an IaC resource is a declaration of `kind`: Terraform addresses name their
/// type, and a stand-in (a user made up for an `aws_iam_user_policy` whose user is not
/// declared) is not one. Live resources and CloudFormation logical ids always are.
fn declares(kind: Kind, r: &ResourceMeta) -> bool {
    let address = r.address.as_str();
    !matches!(r.origin, Origin::Source(_))
        || !address.starts_with("aws_")
        || crate::tfstate::type_names(kind).any(|t| {
            address
                .strip_prefix(t)
                .is_some_and(|rest| rest.starts_with('.'))
        })
}

/// A rule list as lines, located at its first rule (or nowhere when there is none).
fn rules(list: &[SgRule]) -> Attr {
    let origin = list.first().map_or(Origin::None, |r| r.meta.origin.clone());
    rule_lines(list).map(|t| (t, origin))
}

/// Appends one rule's `tcp 22-22 0.0.0.0/0` lines, one per source range; `ports` is asked
/// only for protocols that have them. `None` when a needed part is unknown.
pub(crate) fn push_rule_lines(
    lines: &mut Vec<String>,
    protocol: &str,
    ports: impl FnOnce() -> Option<(String, String)>,
    cidrs: Option<Vec<String>>,
) -> Option<()> {
    let proto = match protocol.to_ascii_lowercase().as_str() {
        "-1" | "all" => "all".to_string(),
        "6" => "tcp".into(),
        "17" => "udp".into(),
        other => other.to_string(),
    };
    let ports = if proto == "all" {
        String::new()
    } else {
        let (from, to) = ports()?;
        format!(" {from}-{to}")
    };
    let cidrs = cidrs?;
    if cidrs.is_empty() {
        lines.push(format!("{proto}{ports} (security group or prefix list)"));
    }
    for cidr in cidrs {
        lines.push(format!("{proto}{ports} {cidr}"));
    }
    Some(())
}

/// Rule lines as one comparable text: sorted, each once.
pub(crate) fn join_rule_lines(mut lines: Vec<String>) -> String {
    lines.sort();
    lines.dedup();
    lines.join("\n")
}

/// `tcp 22-22 0.0.0.0/0` lines, sorted: one per source range.
pub fn rule_lines(rules: &[SgRule]) -> Option<String> {
    let mut lines = Vec::new();
    for r in rules {
        push_rule_lines(
            &mut lines,
            r.protocol.known()?,
            || {
                Some((
                    r.from_port.known()?.to_string(),
                    r.to_port.known()?.to_string(),
                ))
            },
            r.cidrs.iter().map(|cidr| cidr.known().cloned()).collect(),
        )?;
    }
    Some(join_rule_lines(lines))
}

/// Views of every resource of `state` that drift knows how to compare.
pub fn views(state: &State) -> Vec<View> {
    let mut out = Vec::new();
    let mut push =
        |kind: Kind, r: &ResourceMeta, name: Option<String>, attrs: Vec<(&'static str, Attr)>| {
            if !declares(kind, r) {
                return;
            }
            let (id, region) = match &r.origin {
                // A live permission is `FUNCTION_ARN#STATEMENT`: named `function/statement`.
                Origin::Live { id, region } if kind == kinds::LAMBDA_PERMISSION => (
                    r.address
                        .rsplit_once('#')
                        .map(|(_, sid)| format!("{}/{sid}", short_id(id))),
                    region.clone(),
                ),
                Origin::Live { id, region } => (Some(short_id(id)), region.clone()),
                _ => (None, None),
            };
            let mut view = View {
                kind,
                resource: r.clone(),
                id,
                name,
                region,
                attrs: BTreeMap::new(),
                attr_origins: BTreeMap::new(),
            };
            for (k, (text, origin)) in attrs.into_iter().filter_map(|(k, v)| Some((k, v?))) {
                view.attrs.insert(k, text);
                view.attr_origins.insert(k, origin);
            }
            out.push(view);
        };
    let aws = &state.aws;
    for bkt in &aws.s3.buckets {
        let pab = bkt.public_access_block.as_ref();
        push(
            kinds::S3_BUCKET,
            &bkt.resource,
            name(&bkt.name),
            vec![
                ("versioning", b(&bkt.versioning_enabled)),
                ("logging", b(&bkt.logging_enabled)),
                ("sse_algorithm", s(&bkt.encryption.algorithm)),
                (
                    "block_public_acls",
                    pab.and_then(|p| b(&p.block_public_acls)),
                ),
                (
                    "block_public_policy",
                    pab.and_then(|p| b(&p.block_public_policy)),
                ),
                (
                    "ignore_public_acls",
                    pab.and_then(|p| b(&p.ignore_public_acls)),
                ),
                (
                    "restrict_public_buckets",
                    pab.and_then(|p| b(&p.restrict_public_buckets)),
                ),
            ],
        );
    }
    for g in &aws.ec2.security_groups {
        let kind = if g.is_default {
            kinds::DEFAULT_SECURITY_GROUP
        } else {
            kinds::SECURITY_GROUP
        };
        let (ing, eg) = if g.rules_incomplete {
            (None, None)
        } else {
            (rules(&g.ingress), rules(&g.egress))
        };
        push(
            kind,
            &g.resource,
            name(&g.name),
            vec![("ingress", ing), ("egress", eg)],
        );
    }
    for v in &aws.ec2.vpcs {
        push(kinds::VPC, &v.resource, None, vec![]);
    }
    for a in &aws.ec2.network_acls {
        push(kinds::NETWORK_ACL, &a.resource, None, vec![]);
    }
    for sn in &aws.ec2.subnets {
        push(
            kinds::SUBNET,
            &sn.resource,
            None,
            vec![("map_public_ip_on_launch", b(&sn.map_public_ip_on_launch))],
        );
    }
    for v in &aws.ec2.volumes {
        push(
            kinds::EBS_VOLUME,
            &v.resource,
            None,
            vec![("encrypted", b(&v.encrypted))],
        );
    }
    for i in &aws.ec2.instances {
        push(
            kinds::INSTANCE,
            &i.resource,
            None,
            vec![
                ("http_tokens", s(&i.http_tokens)),
                ("http_endpoint", s(&i.http_endpoint)),
                ("associate_public_ip_address", b(&i.associate_public_ip)),
            ],
        );
    }
    for t in &aws.ec2.launch_templates {
        push(kinds::LAUNCH_TEMPLATE, &t.resource, None, vec![]);
    }
    for u in &aws.iam.users {
        push(kinds::IAM_USER, &u.resource, name(&u.name), vec![]);
    }
    for g in &aws.iam.groups {
        push(kinds::IAM_GROUP, &g.resource, name(&g.name), vec![]);
    }
    for r in &aws.iam.roles {
        push(
            kinds::IAM_ROLE,
            &r.resource,
            name(&r.name),
            vec![("assume_role_policy", policy(&r.trust_policy))],
        );
    }
    for p in aws.iam.policies.iter().filter(|p| p.managed) {
        push(
            kinds::IAM_POLICY,
            &p.resource,
            name(&p.name),
            vec![("policy", policy(&p.document))],
        );
    }
    for i in &aws.rds.instances {
        push(
            kinds::DB_INSTANCE,
            &i.resource,
            None,
            vec![
                ("storage_encrypted", b(&i.storage_encrypted)),
                ("publicly_accessible", b(&i.publicly_accessible)),
                ("backup_retention_period", n(&i.backup_retention_days)),
            ],
        );
    }
    for p in &aws.lambda.permissions {
        push(
            kinds::LAMBDA_PERMISSION,
            &p.resource,
            None,
            vec![
                ("principal", s(&p.principal)),
                ("source_arn", s(&p.source_arn)),
                ("source_account", s(&p.source_account)),
                ("principal_org_id", s(&p.principal_org_id)),
            ],
        );
    }
    for c in &aws.rds.clusters {
        push(
            kinds::DB_CLUSTER,
            &c.resource,
            None,
            vec![
                ("storage_encrypted", b(&c.storage_encrypted)),
                ("backup_retention_period", n(&c.backup_retention_days)),
            ],
        );
    }
    for l in &aws.elb.listeners {
        push(
            kinds::LB_LISTENER,
            &l.resource,
            None,
            vec![
                ("protocol", s(&l.protocol)),
                ("ssl_policy", s(&l.ssl_policy)),
            ],
        );
    }
    for t in &aws.cloudtrail.trails {
        push(
            kinds::CLOUDTRAIL,
            &t.resource,
            None,
            vec![
                ("is_multi_region_trail", b(&t.multi_region)),
                ("enable_log_file_validation", b(&t.log_file_validation)),
                ("enable_logging", b(&t.logging)),
                ("include_global_service_events", b(&t.global_service_events)),
            ],
        );
    }
    for k in &aws.kms.keys {
        push(
            kinds::KMS_KEY,
            &k.resource,
            None,
            vec![("enable_key_rotation", b(&k.rotation_enabled))],
        );
    }
    for c in &aws.eks.clusters {
        push(
            kinds::EKS_CLUSTER,
            &c.resource,
            None,
            vec![("endpoint_public_access", b(&c.endpoint_public_access))],
        );
    }
    for f in &aws.efs.file_systems {
        push(
            kinds::EFS_FILE_SYSTEM,
            &f.resource,
            None,
            vec![("encrypted", b(&f.encrypted))],
        );
    }
    for q in &aws.sqs.queues {
        push(
            kinds::SQS_QUEUE,
            &q.resource,
            None,
            vec![
                ("sqs_managed_sse_enabled", b(&q.sqs_managed_sse)),
                ("kms_master_key_id", s(&q.kms_master_key_id)),
            ],
        );
    }
    for t in &aws.sns.topics {
        push(
            kinds::SNS_TOPIC,
            &t.resource,
            None,
            vec![("kms_master_key_id", s(&t.kms_master_key_id))],
        );
    }
    for t in &aws.dynamodb.tables {
        push(
            kinds::DYNAMODB_TABLE,
            &t.resource,
            None,
            vec![("point_in_time_recovery", b(&t.point_in_time_recovery))],
        );
    }
    for r in &aws.ecr.repositories {
        push(
            kinds::ECR_REPOSITORY,
            &r.resource,
            None,
            vec![("image_tag_mutability", s(&r.image_tag_mutability))],
        );
    }
    out
}

fn parse_rules(text: &str, meta: &Meta) -> Vec<SgRule> {
    let o = meta.origin.clone();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut parts = l.split_whitespace();
            let proto = parts.next().unwrap_or("all");
            let (from, to, rest): (i64, i64, Vec<&str>) = if proto == "all" {
                (0, 65535, parts.collect())
            } else {
                let range = parts.next().unwrap_or("0-0");
                let (f, t) = range.split_once('-').unwrap_or((range, range));
                (
                    f.parse().unwrap_or(0),
                    t.parse().unwrap_or(0),
                    parts.collect(),
                )
            };
            let cidr = rest
                .first()
                .filter(|x| x.contains('/') && !x.starts_with('('))
                .map(std::string::ToString::to_string);
            SgRule {
                meta: meta.clone(),
                protocol: Value::explicit(
                    if proto == "all" {
                        "-1".into()
                    } else {
                        proto.to_string()
                    },
                    o.clone(),
                ),
                from_port: Value::explicit(from, o.clone()),
                to_port: Value::explicit(to, o.clone()),
                cidrs: cidr
                    .map(|c| Value::explicit(c, o.clone()))
                    .into_iter()
                    .collect(),
            }
        })
        .collect()
}

/// A one-resource state from a view's attributes (absent attributes are Unknown, so no
/// check fires on them): the checks run on it to grade a difference.
pub fn model_of(v: &View) -> State {
    let o = v.resource.origin.clone();
    let meta = Meta::explicit(o.clone());
    let r = v.resource.clone();
    let get = |k: &str| v.attrs.get(k).cloned();
    let bv = |k: &str| match get(k).as_deref() {
        Some("true") => Value::explicit(true, o.clone()),
        Some("false") => Value::explicit(false, o.clone()),
        _ => Value::unknown(o.clone()),
    };
    let sv = |k: &str| match get(k) {
        Some(x) => Value::explicit(x, o.clone()),
        None => Value::unknown(o.clone()),
    };
    let doc = |k: &str| match get(k).and_then(|t| policy_of(&t, &o)) {
        Some(d) => Value::explicit(d, o.clone()),
        None => Value::unknown(o.clone()),
    };
    let nv = |k: &str| match get(k).and_then(|x| x.parse::<i64>().ok()) {
        Some(x) => Value::explicit(x, o.clone()),
        None => Value::unknown(o.clone()),
    };
    let mut st = State::default();
    let aws = &mut st.aws;
    match v.kind {
        kinds::S3_BUCKET => aws.s3.buckets.push(s3::Bucket {
            resource: r.clone(),
            name: Value::explicit(v.name.clone().unwrap_or_default(), o.clone()),
            acl: Value::unknown(o.clone()),
            grants: Vec::new(),
            policies: Vec::new(),
            public_access_block: Some(s3::PublicAccessBlock {
                resource: r.clone(),
                block_public_acls: bv("block_public_acls"),
                block_public_policy: bv("block_public_policy"),
                ignore_public_acls: bv("ignore_public_acls"),
                restrict_public_buckets: bv("restrict_public_buckets"),
            }),
            versioning_enabled: bv("versioning"),
            // Object Lock keeps versioning on: a bucket whose versioning is known off has none.
            object_lock_enabled: if bv("versioning").is_false() {
                Value::explicit(false, o.clone())
            } else {
                Value::unknown(o.clone())
            },
            logging_enabled: bv("logging"),
            receives_load_balancer_logs: false,
            encryption: s3::Encryption {
                algorithm: sv("sse_algorithm"),
                kms_key_id: Value::unknown(o.clone()),
            },
        }),
        kinds::SECURITY_GROUP | kinds::DEFAULT_SECURITY_GROUP => {
            aws.ec2.security_groups.push(ec2::SecurityGroup {
                resource: r.clone(),
                name: Value::explicit(v.name.clone().unwrap_or_default(), o.clone()),
                is_default: v.kind == kinds::DEFAULT_SECURITY_GROUP,
                ingress: get("ingress")
                    .map(|t| parse_rules(&t, &meta))
                    .unwrap_or_default(),
                egress: get("egress")
                    .map(|t| parse_rules(&t, &meta))
                    .unwrap_or_default(),
                rules_incomplete: false,
            });
        }
        kinds::SUBNET => aws.ec2.subnets.push(ec2::Subnet {
            resource: r.clone(),
            map_public_ip_on_launch: bv("map_public_ip_on_launch"),
        }),
        kinds::EBS_VOLUME => aws.ec2.volumes.push(ec2::Volume {
            resource: r.clone(),
            encrypted: bv("encrypted"),
        }),
        kinds::INSTANCE => aws.ec2.instances.push(ec2::Instance {
            resource: r.clone(),
            root_block_device: None::<BlockDevice>,
            ebs_block_devices: Vec::new(),
            http_tokens: sv("http_tokens"),
            http_endpoint: sv("http_endpoint"),
            associate_public_ip: bv("associate_public_ip_address"),
        }),
        kinds::IAM_POLICY => aws.iam.policies.push(iam::Policy {
            resource: r.clone(),
            name: Value::explicit(v.name.clone().unwrap_or_default(), o.clone()),
            document: doc("policy"),
            managed: true,
        }),
        kinds::IAM_ROLE => aws.iam.roles.push(iam::Role {
            resource: r.clone(),
            name: Value::explicit(v.name.clone().unwrap_or_default(), o.clone()),
            trust_policy: doc("assume_role_policy"),
            inline_policies: Vec::new(),
            attached_policies: Vec::new(),
        }),
        kinds::CLOUDTRAIL => aws.cloudtrail.trails.push(cloudtrail::Trail {
            resource: r.clone(),
            multi_region: bv("is_multi_region_trail"),
            log_file_validation: bv("enable_log_file_validation"),
            kms_key_id: Value::unknown(o.clone()),
            logging: bv("enable_logging"),
            global_service_events: bv("include_global_service_events"),
        }),
        kinds::DB_INSTANCE => aws.rds.instances.push(rds::DbInstance {
            resource: r.clone(),
            storage_encrypted: bv("storage_encrypted"),
            publicly_accessible: bv("publicly_accessible"),
            backup_retention_days: nv("backup_retention_period"),
            in_cluster: Value::explicit(false, o.clone()),
            deletion_protection: bv("deletion_protection"),
            multi_az: bv("multi_az"),
        }),
        kinds::LAMBDA_PERMISSION => aws.lambda.permissions.push(lambda::Permission {
            resource: r.clone(),
            principal: sv("principal"),
            source_arn: sv("source_arn"),
            source_account: sv("source_account"),
            principal_org_id: sv("principal_org_id"),
        }),
        kinds::DB_CLUSTER => aws.rds.clusters.push(rds::DbCluster {
            resource: r.clone(),
            storage_encrypted: bv("storage_encrypted"),
            backup_retention_days: nv("backup_retention_period"),
            deletion_protection: bv("deletion_protection"),
        }),
        kinds::LB_LISTENER => aws.elb.listeners.push(elb::Listener {
            resource: r.clone(),
            protocol: sv("protocol"),
            ssl_policy: sv("ssl_policy"),
            // Actions are not compared; with none, the plain-HTTP check does not fire.
            default_actions: Vec::new(),
            internal: Value::unknown(o.clone()),
            classic: false,
        }),
        kinds::KMS_KEY => aws.kms.keys.push(kms::Key {
            resource: r.clone(),
            rotation_enabled: bv("enable_key_rotation"),
            key_spec: Value::explicit("SYMMETRIC_DEFAULT".into(), o.clone()),
            key_usage: Value::explicit("ENCRYPT_DECRYPT".into(), o.clone()),
            customer_managed: Value::explicit(true, o.clone()),
            policies: vec![Value::unknown(o.clone())],
        }),
        kinds::EFS_FILE_SYSTEM => aws.efs.file_systems.push(efs::FileSystem {
            resource: r.clone(),
            encrypted: bv("encrypted"),
            policies: vec![Value::unknown(o.clone())],
        }),
        kinds::SQS_QUEUE => aws.sqs.queues.push(sqs::Queue {
            resource: r.clone(),
            sqs_managed_sse: bv("sqs_managed_sse_enabled"),
            kms_master_key_id: sv("kms_master_key_id"),
            policies: vec![Value::unknown(o.clone())],
        }),
        kinds::SNS_TOPIC => aws.sns.topics.push(sns::Topic {
            resource: r.clone(),
            kms_master_key_id: sv("kms_master_key_id"),
            policies: vec![Value::unknown(o.clone())],
        }),
        kinds::DYNAMODB_TABLE => aws.dynamodb.tables.push(dynamodb::Table {
            resource: r.clone(),
            point_in_time_recovery: bv("point_in_time_recovery"),
        }),
        kinds::ECR_REPOSITORY => aws.ecr.repositories.push(ecr::Repository {
            resource: r.clone(),
            image_tag_mutability: sv("image_tag_mutability"),
            scan_on_push: Value::unknown(o.clone()),
            encryption_type: Value::unknown(o.clone()),
            policies: vec![Value::unknown(o.clone())],
        }),
        _ => {}
    }
    st
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids() {
        assert_eq!(
            short_id("arn:aws:ec2:us-east-1:1:security-group/sg-1"),
            "sg-1"
        );
        assert_eq!(short_id("arn:aws:s3:::bucket"), "bucket");
        assert_eq!(short_id("arn:aws:sqs:us-east-1:1:queue"), "queue");
        assert_eq!(short_id("arn:aws:iam::1:user/path/alice"), "alice");
    }

    #[test]
    fn policies_compare_whatever_their_layout_and_round_trip() {
        let o = Origin::None;
        let a = cloudsentinel_parser::policy_document_from_json(
            r#"{"Version": "2012-10-17", "Statement": [
              {"Sid": "Read", "Effect": "Allow", "Action": ["s3:List*", "s3:GetObject"],
               "Resource": "*", "Principal": "*",
               "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1"}}},
              {"Effect": "Deny", "NotAction": "iam:*", "Resource": ["*"]}]}"#,
            &o,
        )
        .unwrap();
        let b = cloudsentinel_parser::policy_document_from_json(
            r#"{"Statement": [{"Resource": ["*"], "NotAction": ["iam:*"], "Effect": "Deny"},
              {"Condition": {"StringEquals": {"aws:SourceVpc": ["vpc-1"]}},
               "Principal": {"AWS": ["*"]}, "Resource": ["*"],
               "Action": ["s3:GetObject", "s3:List*"], "Effect": "Allow"}]}"#,
            &o,
        )
        .unwrap();
        let text = policy_lines(&a).unwrap();
        assert_eq!(Some(text.clone()), policy_lines(&b));
        assert_eq!(text.lines().count(), 2);
        let back = policy_of(&text, &o).unwrap();
        assert_eq!(policy_lines(&back).as_deref(), Some(text.as_str()));
        assert!(
            back.statements
                .iter()
                .any(|s| s.wildcard_principal().is_some())
        );
    }

    #[test]
    fn rules_round_trip_through_the_model() {
        let o = Origin::None;
        let text = "all 0.0.0.0/0\ntcp 22-22 10.0.0.0/8";
        let rules = parse_rules(text, &Meta::explicit(o));
        assert_eq!(rule_lines(&rules).as_deref(), Some(text));
    }
}
