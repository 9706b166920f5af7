//! Resources as comparable views: a kind (the model's resource type), identities, and the
//! security-relevant attributes as normalized strings. Live state, CloudFormation stacks
//! (parsed by the CloudFormation front-end) and Terraform state all become views, so
//! declared and live compare attribute by attribute; [`model_of`] turns a view back into a
//! one-resource [`State`] so the checks can grade a difference.

use crate::kind::{Kind, aws as kinds};
use cloudsentinel_model::aws::ec2::{BlockDevice, SgRule};
use cloudsentinel_model::aws::iam::{PolicyDocument, PrincipalKind};
use cloudsentinel_model::aws::{
    acm, apigateway, athena, backup, cloudfront, cloudtrail, cloudwatch, codebuild, config, dms,
    docdb, dynamodb, ec2, ecr, ecs, efs, elasticache, elb, emr, firehose, glacier, glue, guardduty,
    iam, kinesis, kms, lambda, msk, neptune, opensearch, rds, redshift, route53, s3, sagemaker,
    secretsmanager, sns, sqs, ssm, stepfunctions, wafv2,
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

/// The short identity of a resource of `kind` from its ARN or physical id: [`short_id`], but
/// `family:revision` for a task definition, the whole name (without its leading `/`) for an
/// SSM parameter, the id of a web ACL's `name|id|scope` physical id, the account (the
/// catalog id) of a Glue catalog's ARN and the name in a Config recorder's
/// (`…:configuration-recorder/NAME/ID`), a function URL's function name (`NAME/ALIAS` for
/// an alias's), the region of a per-region singleton (EBS encryption by default, EMR block
/// public access), `PRINCIPAL/AMI` for an AMI launch permission, the account of the
/// account's S3 public access block and `agm-API-RESOURCE-VERB` for a REST API method.
pub fn identity(kind: Kind, arn_or_id: &str) -> String {
    match kind {
        // `…::/restapis/API/resources/RESOURCE/methods/VERB` → `agm-API-RESOURCE-VERB`.
        kinds::API_GATEWAY_METHOD => arn_or_id
            .split_once("/restapis/")
            .and_then(|(_, rest)| {
                let (api, rest) = rest.split_once("/resources/")?;
                let (resource, verb) = rest.split_once("/methods/")?;
                Some(format!("agm-{api}-{resource}-{verb}"))
            })
            .unwrap_or_else(|| arn_or_id.to_string()),
        // `…:function:NAME` → `NAME`, `…:function:NAME:ALIAS` → `NAME/ALIAS`.
        kinds::LAMBDA_FUNCTION_URL if arn_or_id.starts_with("arn:") => {
            let parts: Vec<&str> = arn_or_id.split(':').collect();
            match parts.get(6..) {
                Some([name]) => (*name).to_string(),
                Some([name, qualifier]) => format!("{name}/{qualifier}"),
                _ => short_id(arn_or_id),
            }
        }
        // Per-region singletons: the region.
        kinds::EBS_ENCRYPTION_BY_DEFAULT | kinds::EMR_BLOCK_PUBLIC_ACCESS
            if arn_or_id.starts_with("arn:") =>
        {
            arn_or_id
                .split(':')
                .nth(3)
                .map_or_else(|| short_id(arn_or_id), str::to_owned)
        }
        // `…:image/AMI/launch-permission/PRINCIPAL` → `PRINCIPAL/AMI` (the principal may be
        // an ARN itself).
        kinds::AMI_LAUNCH_PERMISSION => arn_or_id
            .split_once(":image/")
            .and_then(|(_, rest)| rest.split_once("/launch-permission/"))
            .map_or_else(
                || arn_or_id.to_string(),
                |(image, principal)| format!("{principal}/{image}"),
            ),
        kinds::S3_ACCOUNT_PUBLIC_ACCESS_BLOCK if arn_or_id.starts_with("arn:") => arn_or_id
            .split(':')
            .nth(4)
            .map_or_else(|| short_id(arn_or_id), str::to_owned),
        kinds::GLUE_CATALOG_ENCRYPTION if arn_or_id.starts_with("arn:") => arn_or_id
            .split(':')
            .nth(4)
            .map_or_else(|| short_id(arn_or_id), str::to_owned),
        kinds::CONFIG_RECORDER_STATUS => arn_or_id
            .split_once(":configuration-recorder/")
            .map_or(arn_or_id, |(_, rest)| rest)
            .split('/')
            .next()
            .unwrap_or(arn_or_id)
            .to_string(),
        kinds::ECS_TASK_DEFINITION => arn_or_id
            .rsplit_once(":task-definition/")
            .map_or_else(|| short_id(arn_or_id), |(_, rev)| rev.to_string()),
        kinds::SSM_PARAMETER => arn_or_id
            .split_once(":parameter/")
            .map_or(arn_or_id, |(_, name)| name)
            .trim_start_matches('/')
            .to_string(),
        kinds::WAFV2_WEB_ACL if !arn_or_id.starts_with("arn:") => arn_or_id
            .split('|')
            .nth(1)
            .map_or_else(|| short_id(arn_or_id), str::to_owned),
        _ => short_id(arn_or_id),
    }
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
/// A known boolean as one of two words (`Enabled`/`Disabled`), as the source formats spell it.
fn word(v: &Value<bool>, yes: &str, no: &str) -> Attr {
    v.known().map(|x| {
        (
            (if *x { yes } else { no }).to_string(),
            v.meta.origin.clone(),
        )
    })
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
                Origin::Live { id, region } => (Some(identity(kind, id)), region.clone()),
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
    for g in &aws.cloudwatch.log_groups {
        push(
            kinds::LOG_GROUP,
            &g.resource,
            None,
            vec![
                ("retention_in_days", n(&g.retention_days)),
                ("kms_key_id", s(&g.kms_key_id)),
            ],
        );
    }
    for g in &aws.elasticache.replication_groups {
        push(
            kinds::ELASTICACHE_REPLICATION_GROUP,
            &g.resource,
            None,
            vec![
                ("at_rest_encryption_enabled", b(&g.at_rest_encryption)),
                ("transit_encryption_enabled", b(&g.transit_encryption)),
            ],
        );
    }
    for d in &aws.opensearch.domains {
        push(
            kinds::OPENSEARCH_DOMAIN,
            &d.resource,
            None,
            vec![
                ("encrypt_at_rest", b(&d.encrypt_at_rest)),
                ("node_to_node_encryption", b(&d.node_to_node)),
                ("enforce_https", b(&d.enforce_https)),
            ],
        );
    }
    for st in &aws.kinesis.streams {
        push(
            kinds::KINESIS_STREAM,
            &st.resource,
            None,
            vec![("encryption_type", word(&st.encrypted, "KMS", "NONE"))],
        );
    }
    for c in &aws.docdb.clusters {
        push(
            kinds::DOCDB_CLUSTER,
            &c.resource,
            None,
            vec![("storage_encrypted", b(&c.storage_encrypted))],
        );
    }
    for c in &aws.neptune.clusters {
        push(
            kinds::NEPTUNE_CLUSTER,
            &c.resource,
            None,
            vec![("storage_encrypted", b(&c.storage_encrypted))],
        );
    }
    for nb in &aws.sagemaker.notebooks {
        push(
            kinds::SAGEMAKER_NOTEBOOK,
            &nb.resource,
            None,
            vec![
                (
                    "direct_internet_access",
                    word(&nb.direct_internet, "Enabled", "Disabled"),
                ),
                ("root_access", word(&nb.root_access, "Enabled", "Disabled")),
            ],
        );
    }
    for c in &aws.msk.clusters {
        push(
            kinds::MSK_CLUSTER,
            &c.resource,
            None,
            vec![("client_broker", s(&c.client_broker))],
        );
    }
    for w in &aws.athena.workgroups {
        push(
            kinds::ATHENA_WORKGROUP,
            &w.resource,
            None,
            vec![("results_encrypted", b(&w.results_encrypted))],
        );
    }
    for st in &aws.apigateway.stages {
        push(
            kinds::API_GATEWAY_STAGE,
            &st.resource,
            None,
            vec![
                ("access_logs", b(&st.access_logs)),
                ("xray_tracing_enabled", b(&st.tracing)),
            ],
        );
    }
    for d in &aws.cloudfront.distributions {
        let policies = d
            .viewer_protocol_policies
            .iter()
            .map(|p| p.known().cloned())
            .collect::<Option<Vec<String>>>()
            .filter(|p| !p.is_empty())
            .map(|mut p| {
                p.sort();
                p.dedup();
                let origin = d.viewer_protocol_policies[0].meta.origin.clone();
                (p.join(", "), origin)
            });
        push(
            kinds::CLOUDFRONT_DISTRIBUTION,
            &d.resource,
            None,
            vec![
                ("web_acl", b(&d.web_acl)),
                ("logging", b(&d.logging)),
                ("viewer_protocol_policy", policies),
            ],
        );
    }
    for i in &aws.dms.replication_instances {
        push(
            kinds::DMS_REPLICATION_INSTANCE,
            &i.resource,
            None,
            vec![("publicly_accessible", b(&i.publicly_accessible))],
        );
    }
    // Rotation and resource policies are separate resources in every source: not compared.
    for sec in &aws.secretsmanager.secrets {
        push(
            kinds::SECRETSMANAGER_SECRET,
            &sec.resource,
            None,
            vec![("kms_key_id", s(&sec.kms_key_id))],
        );
    }
    // Containers are not compared (their lists differ in layout between sources).
    for td in &aws.ecs.task_definitions {
        let pid_mode = td.pid_mode.known().map(|p| {
            (
                p.clone().unwrap_or_default(),
                td.pid_mode.meta.origin.clone(),
            )
        });
        push(
            kinds::ECS_TASK_DEFINITION,
            &td.resource,
            None,
            vec![
                ("network_mode", s(&td.network_mode)),
                ("pid_mode", pid_mode),
            ],
        );
    }
    for c in &aws.ecs.clusters {
        push(
            kinds::ECS_CLUSTER,
            &c.resource,
            None,
            vec![("container_insights", s(&c.container_insights))],
        );
    }
    // Audit logging and the parameter group are separate resources in Terraform: not compared.
    for c in &aws.redshift.clusters {
        push(
            kinds::REDSHIFT_CLUSTER,
            &c.resource,
            None,
            vec![
                ("encrypted", b(&c.encrypted)),
                ("publicly_accessible", b(&c.publicly_accessible)),
                ("enhanced_vpc_routing", b(&c.enhanced_vpc_routing)),
            ],
        );
    }
    // Logging is a separate resource in every source: a web ACL is compared as present or not.
    for w in &aws.wafv2.web_acls {
        push(kinds::WAFV2_WEB_ACL, &w.resource, None, Vec::new());
    }
    for p in &aws.ssm.parameters {
        push(
            kinds::SSM_PARAMETER,
            &p.resource,
            name(&p.name),
            vec![("type", s(&p.parameter_type))],
        );
    }
    for d in &aws.firehose.delivery_streams {
        push(
            kinds::FIREHOSE_DELIVERY_STREAM,
            &d.resource,
            None,
            vec![("server_side_encryption", b(&d.encrypted))],
        );
    }
    for v in &aws.backup.vaults {
        push(
            kinds::BACKUP_VAULT,
            &v.resource,
            None,
            vec![("kms_key_arn", s(&v.kms_key))],
        );
    }
    for m in &aws.stepfunctions.state_machines {
        push(
            kinds::SFN_STATE_MACHINE,
            &m.resource,
            None,
            vec![("log_level", s(&m.log_level)), ("tracing", b(&m.tracing))],
        );
    }
    for d in &aws.guardduty.detectors {
        push(
            kinds::GUARDDUTY_DETECTOR,
            &d.resource,
            None,
            vec![("enable", b(&d.enabled))],
        );
    }
    for a in &aws.apigateway.rest_apis {
        push(
            kinds::API_GATEWAY_REST_API,
            &a.resource,
            None,
            vec![("endpoint_type", s(&a.endpoint_type))],
        );
    }
    for d in &aws.ssm.documents {
        push(
            kinds::SSM_DOCUMENT,
            &d.resource,
            None,
            vec![("public", b(&d.public))],
        );
    }
    for m in &aws.apigateway.methods {
        push(
            kinds::API_GATEWAY_METHOD,
            &m.resource,
            None,
            vec![
                ("authorization", s(&m.authorization)),
                ("api_key_required", b(&m.api_key_required)),
            ],
        );
    }
    for d in &aws.apigateway.domain_names {
        push(
            kinds::API_GATEWAY_DOMAIN_NAME,
            &d.resource,
            None,
            vec![("security_policy", s(&d.security_policy))],
        );
    }
    // Query logging and DNSSEC are separate resources in Terraform: not compared.
    for z in &aws.route53.zones {
        push(
            kinds::ROUTE53_ZONE,
            &z.resource,
            None,
            vec![("private", b(&z.private))],
        );
    }
    for c in &aws.emr.security_configurations {
        push(
            kinds::EMR_SECURITY_CONFIGURATION,
            &c.resource,
            None,
            vec![("at_rest", b(&c.at_rest)), ("in_transit", b(&c.in_transit))],
        );
    }
    for d in &aws.sagemaker.domains {
        push(
            kinds::SAGEMAKER_DOMAIN,
            &d.resource,
            None,
            vec![("app_network_access_type", s(&d.app_network_access_type))],
        );
    }
    // Artifacts and environment variables are lists the checks read whole: not compared.
    for p in &aws.codebuild.projects {
        push(
            kinds::CODEBUILD_PROJECT,
            &p.resource,
            None,
            vec![
                ("s3_logs", b(&p.s3_logs_enabled)),
                (
                    "s3_logs_encryption_disabled",
                    b(&p.s3_logs_encryption_disabled),
                ),
            ],
        );
    }
    for v in &aws.glacier.vaults {
        // One policy, or none; several (not a Terraform shape) are not compared.
        let access_policy = match v.policies.as_slice() {
            [] => None,
            [p] => policy(p),
            _ => None,
        };
        push(
            kinds::GLACIER_VAULT,
            &v.resource,
            None,
            vec![("access_policy", access_policy)],
        );
    }
    for c in &aws.acm.certificates {
        push(
            kinds::ACM_CERTIFICATE,
            &c.resource,
            None,
            vec![
                ("amazon_issued_public", b(&c.amazon_issued_public)),
                ("transparency_logging", s(&c.transparency_logging)),
            ],
        );
    }
    for c in &aws.dynamodb.dax_clusters {
        push(
            kinds::DAX_CLUSTER,
            &c.resource,
            None,
            vec![("encrypted", b(&c.encrypted))],
        );
    }
    for c in &aws.emr.clusters {
        push(
            kinds::EMR_CLUSTER,
            &c.resource,
            None,
            vec![("security_configuration", s(&c.security_configuration))],
        );
    }
    // One mode a target; several S3 targets (a CloudFormation list) are not compared.
    for c in &aws.glue.security_configurations {
        let mode = |what: &str| match c
            .targets
            .iter()
            .filter(|t| t.what == what)
            .collect::<Vec<_>>()
            .as_slice()
        {
            [t] => s(&t.mode),
            _ => None,
        };
        push(
            kinds::GLUE_SECURITY_CONFIGURATION,
            &c.resource,
            None,
            vec![
                ("s3_mode", mode("S3 data")),
                ("cloudwatch_mode", mode("CloudWatch logs")),
                ("job_bookmarks_mode", mode("job bookmarks")),
            ],
        );
    }
    for c in &aws.glue.catalog_encryption {
        push(
            kinds::GLUE_CATALOG_ENCRYPTION,
            &c.resource,
            None,
            vec![
                ("at_rest_mode", s(&c.at_rest_mode)),
                ("passwords_encrypted", b(&c.passwords_encrypted)),
            ],
        );
    }
    for r in &aws.config.recorder_statuses {
        push(
            kinds::CONFIG_RECORDER_STATUS,
            &r.resource,
            None,
            vec![("enabled", b(&r.enabled))],
        );
    }
    for u in &aws.lambda.function_urls {
        push(
            kinds::LAMBDA_FUNCTION_URL,
            &u.resource,
            None,
            vec![("auth_type", s(&u.auth_type))],
        );
    }
    for sn in &aws.rds.snapshots {
        // Live cluster snapshots' ARNs say so; in a template, the resource type does.
        let cluster = sn.resource.address.contains(":cluster-snapshot:")
            || sn.resource.address.starts_with("aws_db_cluster_snapshot.");
        let mut accounts: Option<Vec<String>> = sn
            .shared_accounts
            .iter()
            .map(|a| a.known().cloned())
            .collect();
        if let Some(a) = accounts.as_mut() {
            a.sort();
        }
        let origin = sn
            .shared_accounts
            .first()
            .map_or_else(|| sn.resource.origin.clone(), |a| a.meta.origin.clone());
        push(
            if cluster {
                kinds::DB_CLUSTER_SNAPSHOT
            } else {
                kinds::DB_SNAPSHOT
            },
            &sn.resource,
            None,
            vec![("shared_accounts", accounts.map(|a| (a.join(","), origin)))],
        );
    }
    for e in &aws.ec2.ebs_encryption_defaults {
        push(
            kinds::EBS_ENCRYPTION_BY_DEFAULT,
            &e.resource,
            None,
            vec![("enabled", b(&e.enabled))],
        );
    }
    for p in &aws.ec2.ami_launch_permissions {
        push(
            kinds::AMI_LAUNCH_PERMISSION,
            &p.resource,
            None,
            vec![("group", s(&p.group))],
        );
    }
    for c in &aws.emr.block_public_access {
        push(
            kinds::EMR_BLOCK_PUBLIC_ACCESS,
            &c.resource,
            None,
            vec![("enabled", b(&c.enabled))],
        );
    }
    for p in &aws.s3.account_public_access_blocks {
        push(
            kinds::S3_ACCOUNT_PUBLIC_ACCESS_BLOCK,
            &p.resource,
            None,
            vec![
                ("block_public_acls", b(&p.block_public_acls)),
                ("block_public_policy", b(&p.block_public_policy)),
                ("ignore_public_acls", b(&p.ignore_public_acls)),
                ("restrict_public_buckets", b(&p.restrict_public_buckets)),
            ],
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
    // A boolean spelled as one of two words (`KMS`/`NONE`, `Enabled`/`Disabled`).
    let words = |k: &str, yes: &str, no: &str| match get(k) {
        Some(x) if x.eq_ignore_ascii_case(yes) => Value::explicit(true, o.clone()),
        Some(x) if x.eq_ignore_ascii_case(no) => Value::explicit(false, o.clone()),
        _ => Value::unknown(o.clone()),
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
            engine: sv("engine"),
            iam_auth: Value::unknown(o.clone()),
            log_exports: Value::unknown(o.clone()),
            monitoring_interval: Value::unknown(o.clone()),
            performance_insights: rds::PerformanceInsights::unknown(o.clone()),
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
            engine: sv("engine"),
            iam_auth: Value::unknown(o.clone()),
            log_exports: Value::unknown(o.clone()),
            performance_insights: rds::PerformanceInsights::unknown(o.clone()),
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
            sse_kms: Value::unknown(o.clone()),
            customer_key: Value::unknown(o.clone()),
        }),
        kinds::LOG_GROUP => aws.cloudwatch.log_groups.push(cloudwatch::LogGroup {
            resource: r.clone(),
            retention_days: nv("retention_in_days"),
            kms_key_id: sv("kms_key_id"),
        }),
        kinds::ELASTICACHE_REPLICATION_GROUP => {
            aws.elasticache
                .replication_groups
                .push(elasticache::ReplicationGroup {
                    resource: r.clone(),
                    at_rest_encryption: bv("at_rest_encryption_enabled"),
                    transit_encryption: bv("transit_encryption_enabled"),
                    authentication: Value::unknown(o.clone()),
                    snapshot_retention_days: Value::unknown(o.clone()),
                });
        }
        kinds::OPENSEARCH_DOMAIN => aws.opensearch.domains.push(opensearch::Domain {
            resource: r.clone(),
            encrypt_at_rest: bv("encrypt_at_rest"),
            node_to_node: bv("node_to_node_encryption"),
            in_vpc: Value::unknown(o.clone()),
            enforce_https: bv("enforce_https"),
            tls_security_policy: Value::unknown(o.clone()),
            fine_grained_access: Value::unknown(o.clone()),
            audit_logs: Value::unknown(o.clone()),
            policies: vec![Value::unknown(o.clone())],
        }),
        kinds::KINESIS_STREAM => aws.kinesis.streams.push(kinesis::Stream {
            resource: r.clone(),
            encrypted: words("encryption_type", "KMS", "NONE"),
        }),
        kinds::DOCDB_CLUSTER => aws.docdb.clusters.push(docdb::Cluster {
            resource: r.clone(),
            storage_encrypted: bv("storage_encrypted"),
            audit_log_export: Value::unknown(o.clone()),
            tls: Value::unknown(o.clone()),
        }),
        kinds::NEPTUNE_CLUSTER => aws.neptune.clusters.push(neptune::Cluster {
            resource: r.clone(),
            storage_encrypted: bv("storage_encrypted"),
            iam_auth: Value::unknown(o.clone()),
            audit_log_export: Value::unknown(o.clone()),
        }),
        kinds::SAGEMAKER_NOTEBOOK => aws.sagemaker.notebooks.push(sagemaker::NotebookInstance {
            resource: r.clone(),
            direct_internet: words("direct_internet_access", "Enabled", "Disabled"),
            root_access: words("root_access", "Enabled", "Disabled"),
            kms_key_id: Value::unknown(o.clone()),
        }),
        kinds::MSK_CLUSTER => aws.msk.clusters.push(msk::Cluster {
            resource: r.clone(),
            client_broker: sv("client_broker"),
            broker_logs: Value::unknown(o.clone()),
            at_rest_kms_key: Value::unknown(o.clone()),
            unauthenticated: Value::unknown(o.clone()),
            public_access: Value::unknown(o.clone()),
        }),
        kinds::ATHENA_WORKGROUP => aws.athena.workgroups.push(athena::WorkGroup {
            resource: r.clone(),
            results_encrypted: bv("results_encrypted"),
        }),
        kinds::API_GATEWAY_STAGE => aws.apigateway.stages.push(apigateway::Stage {
            resource: r.clone(),
            access_logs: bv("access_logs"),
            tracing: bv("xray_tracing_enabled"),
        }),
        kinds::CLOUDFRONT_DISTRIBUTION => {
            aws.cloudfront.distributions.push(cloudfront::Distribution {
                resource: r.clone(),
                viewer_protocol_policies: match get("viewer_protocol_policy") {
                    Some(p) => p
                        .split(", ")
                        .map(|x| Value::explicit(x.to_string(), o.clone()))
                        .collect(),
                    None => vec![Value::unknown(o.clone())],
                },
                web_acl: bv("web_acl"),
                logging: bv("logging"),
                minimum_protocol_version: Value::unknown(o.clone()),
                origins: Vec::new(),
            });
        }
        kinds::DMS_REPLICATION_INSTANCE => {
            aws.dms
                .replication_instances
                .push(dms::ReplicationInstance {
                    resource: r.clone(),
                    publicly_accessible: bv("publicly_accessible"),
                });
        }
        kinds::ECR_REPOSITORY => aws.ecr.repositories.push(ecr::Repository {
            resource: r.clone(),
            image_tag_mutability: sv("image_tag_mutability"),
            scan_on_push: Value::unknown(o.clone()),
            encryption_type: Value::unknown(o.clone()),
            policies: vec![Value::unknown(o.clone())],
        }),
        kinds::SECRETSMANAGER_SECRET => aws.secretsmanager.secrets.push(secretsmanager::Secret {
            resource: r.clone(),
            kms_key_id: sv("kms_key_id"),
            rotation: Value::unknown(o.clone()),
            policies: vec![Value::unknown(o.clone())],
        }),
        kinds::ECS_TASK_DEFINITION => aws.ecs.task_definitions.push(ecs::TaskDefinition {
            resource: r.clone(),
            network_mode: sv("network_mode"),
            pid_mode: match get("pid_mode") {
                Some(p) => Value::explicit(Some(p).filter(|p| !p.is_empty()), o.clone()),
                None => Value::unknown(o.clone()),
            },
            containers: Value::unknown(o.clone()),
        }),
        kinds::ECS_CLUSTER => aws.ecs.clusters.push(ecs::Cluster {
            resource: r.clone(),
            container_insights: sv("container_insights"),
        }),
        kinds::REDSHIFT_CLUSTER => aws.redshift.clusters.push(redshift::Cluster {
            resource: r.clone(),
            encrypted: bv("encrypted"),
            publicly_accessible: bv("publicly_accessible"),
            audit_logging: Value::unknown(o.clone()),
            enhanced_vpc_routing: bv("enhanced_vpc_routing"),
            require_ssl: Value::unknown(o.clone()),
        }),
        kinds::WAFV2_WEB_ACL => aws.wafv2.web_acls.push(wafv2::WebAcl {
            resource: r.clone(),
            logging: Value::unknown(o.clone()),
        }),
        kinds::SSM_PARAMETER => aws.ssm.parameters.push(ssm::Parameter {
            resource: r.clone(),
            name: v.name.clone().map_or_else(
                || Value::unknown(o.clone()),
                |n| Value::explicit(n, o.clone()),
            ),
            name_marks_secret: v.name.as_deref().map_or_else(
                || Value::unknown(o.clone()),
                |n| Value::explicit(cloudsentinel_parser::is_secret_identifier(n), o.clone()),
            ),
            parameter_type: sv("type"),
        }),
        kinds::FIREHOSE_DELIVERY_STREAM => {
            aws.firehose
                .delivery_streams
                .push(firehose::DeliveryStream {
                    resource: r.clone(),
                    direct_put: Value::unknown(o.clone()),
                    encrypted: bv("server_side_encryption"),
                    key_type: Value::unknown(o.clone()),
                });
        }
        kinds::BACKUP_VAULT => aws.backup.vaults.push(backup::Vault {
            resource: r.clone(),
            kms_key: sv("kms_key_arn"),
        }),
        kinds::SFN_STATE_MACHINE => {
            aws.stepfunctions
                .state_machines
                .push(stepfunctions::StateMachine {
                    resource: r.clone(),
                    log_level: sv("log_level"),
                    tracing: bv("tracing"),
                });
        }
        kinds::GUARDDUTY_DETECTOR => aws.guardduty.detectors.push(guardduty::Detector {
            resource: r.clone(),
            enabled: bv("enable"),
        }),
        kinds::API_GATEWAY_REST_API => aws.apigateway.rest_apis.push(apigateway::RestApi {
            resource: r.clone(),
            endpoint_type: sv("endpoint_type"),
            policies: vec![Value::unknown(o.clone())],
        }),
        kinds::SSM_DOCUMENT => aws.ssm.documents.push(ssm::Document {
            resource: r.clone(),
            public: bv("public"),
        }),
        kinds::API_GATEWAY_METHOD => aws.apigateway.methods.push(apigateway::Method {
            resource: r.clone(),
            // The verb is part of the identity (`agm-API-RESOURCE-VERB`).
            http_method: match v.id.as_deref().and_then(|id| id.rsplit_once('-')) {
                Some((_, verb)) => Value::explicit(verb.to_string(), o.clone()),
                None => Value::unknown(o.clone()),
            },
            authorization: sv("authorization"),
            api_key_required: bv("api_key_required"),
        }),
        kinds::API_GATEWAY_DOMAIN_NAME => {
            aws.apigateway.domain_names.push(apigateway::DomainName {
                resource: r.clone(),
                security_policy: sv("security_policy"),
            });
        }
        kinds::ROUTE53_ZONE => aws.route53.zones.push(route53::HostedZone {
            resource: r.clone(),
            private: bv("private"),
            query_logging: Value::unknown(o.clone()),
            dnssec_signing: Value::unknown(o.clone()),
        }),
        kinds::EMR_SECURITY_CONFIGURATION => {
            aws.emr
                .security_configurations
                .push(emr::SecurityConfiguration {
                    resource: r.clone(),
                    at_rest: bv("at_rest"),
                    in_transit: bv("in_transit"),
                });
        }
        kinds::SAGEMAKER_DOMAIN => aws.sagemaker.domains.push(sagemaker::Domain {
            resource: r.clone(),
            app_network_access_type: sv("app_network_access_type"),
        }),
        kinds::CODEBUILD_PROJECT => aws.codebuild.projects.push(codebuild::Project {
            resource: r.clone(),
            environment_variables: Vec::new(),
            encryption_key: Value::unknown(o.clone()),
            artifacts: Vec::new(),
            s3_logs_enabled: bv("s3_logs"),
            s3_logs_encryption_disabled: bv("s3_logs_encryption_disabled"),
        }),
        kinds::GLACIER_VAULT => aws.glacier.vaults.push(glacier::Vault {
            resource: r.clone(),
            policies: vec![doc("access_policy")],
        }),
        kinds::ACM_CERTIFICATE => aws.acm.certificates.push(acm::Certificate {
            resource: r.clone(),
            amazon_issued_public: bv("amazon_issued_public"),
            transparency_logging: sv("transparency_logging"),
        }),
        kinds::DAX_CLUSTER => aws.dynamodb.dax_clusters.push(dynamodb::DaxCluster {
            resource: r.clone(),
            encrypted: bv("encrypted"),
        }),
        kinds::EMR_CLUSTER => aws.emr.clusters.push(emr::Cluster {
            resource: r.clone(),
            security_configuration: sv("security_configuration"),
        }),
        kinds::GLUE_SECURITY_CONFIGURATION => {
            aws.glue
                .security_configurations
                .push(glue::SecurityConfiguration {
                    resource: r.clone(),
                    targets: [
                        ("S3 data", "s3_mode"),
                        ("CloudWatch logs", "cloudwatch_mode"),
                        ("job bookmarks", "job_bookmarks_mode"),
                    ]
                    .into_iter()
                    .map(|(what, k)| glue::EncryptionTarget {
                        meta: meta.clone(),
                        what,
                        mode: sv(k),
                    })
                    .collect(),
                });
        }
        kinds::GLUE_CATALOG_ENCRYPTION => {
            aws.glue.catalog_encryption.push(glue::CatalogEncryption {
                resource: r.clone(),
                at_rest_mode: sv("at_rest_mode"),
                passwords_encrypted: bv("passwords_encrypted"),
            });
        }
        kinds::CONFIG_RECORDER_STATUS => {
            aws.config.recorder_statuses.push(config::RecorderStatus {
                resource: r.clone(),
                enabled: bv("enabled"),
            });
        }
        kinds::LAMBDA_FUNCTION_URL => aws.lambda.function_urls.push(lambda::FunctionUrl {
            resource: r.clone(),
            auth_type: sv("auth_type"),
        }),
        kinds::DB_SNAPSHOT | kinds::DB_CLUSTER_SNAPSHOT => aws.rds.snapshots.push(rds::Snapshot {
            resource: r.clone(),
            shared_accounts: match get("shared_accounts") {
                Some(list) => list
                    .split(',')
                    .filter(|a| !a.is_empty())
                    .map(|a| Value::explicit(a.to_string(), o.clone()))
                    .collect(),
                None => vec![Value::unknown(o.clone())],
            },
        }),
        kinds::EBS_ENCRYPTION_BY_DEFAULT => {
            aws.ec2
                .ebs_encryption_defaults
                .push(ec2::EbsEncryptionByDefault {
                    resource: r.clone(),
                    enabled: bv("enabled"),
                });
        }
        kinds::AMI_LAUNCH_PERMISSION => {
            aws.ec2
                .ami_launch_permissions
                .push(ec2::AmiLaunchPermission {
                    resource: r.clone(),
                    group: sv("group"),
                });
        }
        kinds::EMR_BLOCK_PUBLIC_ACCESS => {
            aws.emr.block_public_access.push(emr::BlockPublicAccess {
                resource: r.clone(),
                enabled: bv("enabled"),
            });
        }
        kinds::S3_ACCOUNT_PUBLIC_ACCESS_BLOCK => {
            aws.s3
                .account_public_access_blocks
                .push(s3::PublicAccessBlock {
                    resource: r.clone(),
                    block_public_acls: bv("block_public_acls"),
                    block_public_policy: bv("block_public_policy"),
                    ignore_public_acls: bv("ignore_public_acls"),
                    restrict_public_buckets: bv("restrict_public_buckets"),
                });
        }
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
