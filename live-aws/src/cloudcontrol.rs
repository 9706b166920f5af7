//! The kinds no service reader covers, read through AWS Cloud Control: one generic
//! ListResources (and GetResource where the list gives only identifiers) per CloudFormation
//! type of [`TYPES`], each resource's resource-schema `Properties` lowered through the
//! CloudFormation adapters (`cloudsentinel_parser::cloudformation::adapt_live`), so a live
//! resource and its declaration in a template read the same way.
//!
//! A type that fails (AccessDenied, throttled out, a type the region does not support) is an
//! incomplete notice for that type and its model service; the other types are delivered.
//!
//! Absent properties. A Cloud Control document holds every readable property that is set, so
//! an absent one takes the adapter's documented default, as in a template (no
//! `StreamEncryption`: an unencrypted stream). Write-only properties (the schema's
//! `writeOnlyProperties`) are never returned; listed in [`CcType::write_only`], they are Unknown
//! instead. Reviewed for every type below against the checks its adapter feeds: the
//! write-only properties of these schemas (`MasterUserPassword`, `AuthToken`, restore and
//! snapshot options, OpenSearch's `MasterUserOptions`, Athena's `WorkGroupConfigurationUpdates`)
//! are read by no adapter. The one default that would turn an absent property into a finding
//! on its own is DMS's `PubliclyAccessible` (the API's default is public): it is listed, so an
//! instance whose document lacks it is not called public.
//!
//! Joined resources. Some adapters join separate resources to their parent in a template (a
//! rotation schedule or a resource policy to its secret, a logging configuration to its web
//! ACL, a parameter group to its Redshift cluster). Through Cloud Control the child is a type
//! of its own, and one document is adapted at a time: the joined setting is Unknown for a live
//! resource (the adapters ask `is_live`), never "no rotation", "no policy" or "no logging"
//! because the child was not read. Per type: Secrets Manager rotation and policy, WAFv2
//! logging, Redshift `require_ssl` and Route 53 DNSSEC signing are Unknown live; reading the child types and joining
//! them is left for later.
//!
//! Not read through Cloud Control (types with an adapter whose schema has no `list` or no
//! `read` handler, so Cloud Control cannot enumerate them): `AWS::CodeBuild::Project`,
//! `AWS::Glacier::Vault`, `AWS::CertificateManager::Certificate`, `AWS::DAX::Cluster` and
//! `AWS::EMR::Cluster` (legacy CloudFormation types outside Cloud Control's support),
//! `AWS::Glue::SecurityConfiguration` and `AWS::Glue::DataCatalogEncryptionSettings` (their
//! schemas declare no handlers at all): the service readers in `others.rs` read these seven
//! through their own SDK crates instead. Config recorders' on/off status (Terraform's
//! `aws_config_configuration_recorder_status`, which the model holds) is not in
//! `AWS::Config::ConfigurationRecorder`'s document either; `others.rs` reads it from
//! DescribeConfigurationRecorderStatus. `AWS::Lambda::Url` is read by the Lambda reader with
//! the functions it lists (ListFunctionUrlConfigs). The Terraform-only account settings and
//! children (RDS snapshots' sharing, EBS encryption by default, AMI launch permissions, EMR
//! block public access, the account's S3 public access block) have no CloudFormation type:
//! the RDS, EC2, EMR and S3 readers read them. Not read at all: CloudFront-scoped WAFv2 web ACLs (the
//! list handler takes one `Scope`; only `REGIONAL` is asked for) and SageMaker endpoint
//! configurations (no adapter or model, and their schema declares no handlers). (SSM
//! documents have no CloudFormation adapter: their sharing is not a template property.)

use crate::{Ctx, ReadError, call, paged};
use aws_config::SdkConfig;
use cloudsentinel_model::State;
use cloudsentinel_parser::cloudformation::{LiveResource, adapt_live};
use futures_util::StreamExt;

/// How a resource's ARN is found.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Arn {
    /// A (read-only) property of the document holds it; the pattern when it is absent.
    Property(&'static str, &'static str),
    /// Built from a pattern: `{partition}`, `{region}`, `{account}`, `{id}` (the identifier),
    /// `{name}` (the identifier without a leading `/`: SSM parameter names) and `{0}`, `{1}`
    /// (the parts of a compound identifier `a|b`).
    Pattern(&'static str),
    /// The identifier is the ARN.
    Identifier,
}

/// One CloudFormation type read through Cloud Control.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CcType {
    pub type_name: &'static str,
    /// The model's service module its adapter fills (drift's unread service on failure).
    pub service: &'static str,
    pub arn: Arn,
    /// Write-only properties of the type's schema that its adapter reads (never returned):
    /// Unknown when absent.
    pub write_only: &'static [&'static str],
    /// Types whose list handler needs a parent: (parent type, the resource-model property
    /// naming it). The parent's identifiers are listed first.
    pub parent: Option<(&'static str, &'static str)>,
    /// The resource model the list handler needs when it has no parent (WAFv2's `Scope`).
    pub list_model: Option<&'static str>,
    /// A global type (CloudFront): read in one region only.
    pub global: bool,
}

const fn cc(type_name: &'static str, service: &'static str, arn: Arn) -> CcType {
    CcType {
        type_name,
        service,
        arn,
        write_only: &[],
        parent: None,
        list_model: None,
        global: false,
    }
}

/// The types read through Cloud Control: those the CloudFormation adapters read
/// (`parser/src/cloudformation/adapt/aws/`) and no service reader of this crate covers. To
/// read a new kind live, add its adapter, then its line here (the ARN, the write-only
/// properties its adapter reads, a parent if its list handler needs one).
pub(crate) static TYPES: [CcType; 28] = [
    // The `Arn` property ends in `:*`; the log group's own ARN does not.
    cc(
        "AWS::Logs::LogGroup",
        "cloudwatch",
        Arn::Pattern("arn:{partition}:logs:{region}:{account}:log-group:{id}"),
    ),
    // `AuthToken` is write-only; the adapter does not read it.
    cc(
        "AWS::ElastiCache::ReplicationGroup",
        "elasticache",
        Arn::Pattern("arn:{partition}:elasticache:{region}:{account}:replicationgroup:{id}"),
    ),
    // `AdvancedSecurityOptions.MasterUserOptions` is write-only; the adapter does not read it.
    cc(
        "AWS::OpenSearchService::Domain",
        "opensearch",
        Arn::Property("Arn", "arn:{partition}:es:{region}:{account}:domain/{id}"),
    ),
    cc(
        "AWS::Kinesis::Stream",
        "kinesis",
        Arn::Property(
            "Arn",
            "arn:{partition}:kinesis:{region}:{account}:stream/{id}",
        ),
    ),
    // `MasterUserPassword` and the restore options are write-only; not read.
    cc(
        "AWS::DocDB::DBCluster",
        "docdb",
        Arn::Pattern("arn:{partition}:rds:{region}:{account}:cluster:{id}"),
    ),
    cc(
        "AWS::Neptune::DBCluster",
        "neptune",
        Arn::Pattern("arn:{partition}:rds:{region}:{account}:cluster:{id}"),
    ),
    cc(
        "AWS::SageMaker::NotebookInstance",
        "sagemaker",
        Arn::Pattern("arn:{partition}:sagemaker:{region}:{account}:notebook-instance/{id}"),
    ),
    cc("AWS::MSK::Cluster", "msk", Arn::Identifier),
    cc(
        "AWS::Athena::WorkGroup",
        "athena",
        Arn::Pattern("arn:{partition}:athena:{region}:{account}:workgroup/{id}"),
    ),
    CcType {
        parent: Some(("AWS::ApiGateway::RestApi", "RestApiId")),
        ..cc(
            "AWS::ApiGateway::Stage",
            "apigateway",
            Arn::Pattern("arn:{partition}:apigateway:{region}::/restapis/{0}/stages/{1}"),
        )
    },
    CcType {
        parent: Some(("AWS::ApiGatewayV2::Api", "ApiId")),
        ..cc(
            "AWS::ApiGatewayV2::Stage",
            "apigateway",
            Arn::Pattern("arn:{partition}:apigateway:{region}::/apis/{0}/stages/{1}"),
        )
    },
    CcType {
        global: true,
        ..cc(
            "AWS::CloudFront::Distribution",
            "cloudfront",
            Arn::Pattern("arn:{partition}:cloudfront::{account}:distribution/{id}"),
        )
    },
    // The adapter reads an absent `PubliclyAccessible` as the API's default (public). The
    // handler reports it for every instance; should it not, the instance is not called public.
    CcType {
        write_only: &["/PubliclyAccessible"],
        ..cc(
            "AWS::DMS::ReplicationInstance",
            "dms",
            Arn::Pattern("arn:{partition}:dms:{region}:{account}:rep:{id}"),
        )
    },
    // Joined resources: `AWS::SecretsManager::RotationSchedule` and `::ResourcePolicy` are
    // separate types the secret's document does not hold; they are not read, so the adapter
    // leaves a live secret's rotation and policy Unknown (never "no rotation"). `SecretString`
    // and `GenerateSecretString` are write-only; the adapter reads neither. An absent
    // `KmsKeyId` is the AWS managed key, as in a template. The identifier is the ARN.
    cc(
        "AWS::SecretsManager::Secret",
        "secretsmanager",
        Arn::Identifier,
    ),
    // The identifier is the revision's ARN; every active revision is listed.
    cc("AWS::ECS::TaskDefinition", "ecs", Arn::Identifier),
    cc(
        "AWS::ECS::Cluster",
        "ecs",
        Arn::Property("Arn", "arn:{partition}:ecs:{region}:{account}:cluster/{id}"),
    ),
    // `MasterUserPassword` is write-only; not read. The read handler reports
    // `LoggingProperties` (DescribeLoggingStatus) when audit logging is on. The parameter
    // group is a separate type, not joined: `require_ssl` is Unknown.
    cc(
        "AWS::Redshift::Cluster",
        "redshift",
        Arn::Pattern("arn:{partition}:redshift:{region}:{account}:cluster:{id}"),
    ),
    // The list handler needs the scope: regional web ACLs (CloudFront-scoped ones live in
    // us-east-1 under `CLOUDFRONT` and are not read). `AWS::WAFv2::LoggingConfiguration` is a
    // separate type, not read: a live web ACL's logging is Unknown (never "no logging").
    CcType {
        list_model: Some(r#"{"Scope":"REGIONAL"}"#),
        ..cc(
            "AWS::WAFv2::WebACL",
            "wafv2",
            Arn::Property(
                "Arn",
                "arn:{partition}:wafv2:{region}:{account}:regional/webacl/{0}/{1}",
            ),
        )
    },
    // `Name` and `Type` are readable (and so is `Value`, which the adapter does not read).
    cc(
        "AWS::SSM::Parameter",
        "ssm",
        Arn::Pattern("arn:{partition}:ssm:{region}:{account}:parameter/{name}"),
    ),
    // An absent encryption input reads as "not encrypted" in a template. Whether the read
    // handler always reports it for an encrypted stream is not documented, so a live stream
    // without it is Unknown rather than unencrypted.
    CcType {
        write_only: &["/DeliveryStreamEncryptionConfigurationInput"],
        ..cc(
            "AWS::KinesisFirehose::DeliveryStream",
            "firehose",
            Arn::Property(
                "Arn",
                "arn:{partition}:firehose:{region}:{account}:deliverystream/{id}",
            ),
        )
    },
    // `EncryptionKeyArn` is always reported, the AWS managed key's ARN included (which a live
    // document cannot tell from a customer managed key's: not a finding either way).
    cc(
        "AWS::Backup::BackupVault",
        "backup",
        Arn::Property(
            "BackupVaultArn",
            "arn:{partition}:backup:{region}:{account}:backup-vault:{id}",
        ),
    ),
    // The identifier is the ARN.
    cc(
        "AWS::StepFunctions::StateMachine",
        "stepfunctions",
        Arn::Identifier,
    ),
    cc(
        "AWS::GuardDuty::Detector",
        "guardduty",
        Arn::Pattern("arn:{partition}:guardduty:{region}:{account}:detector/{id}"),
    ),
    // `Body`, `BodyS3Location` and the import options are write-only; not read. `Policy` and
    // `EndpointConfiguration` are readable.
    cc(
        "AWS::ApiGateway::RestApi",
        "apigateway",
        Arn::Pattern("arn:{partition}:apigateway:{region}::/restapis/{id}"),
    ),
    // `SecurityPolicy` is readable; absent, the adapter leaves it Unknown.
    cc(
        "AWS::ApiGateway::DomainName",
        "apigateway",
        Arn::Pattern("arn:{partition}:apigateway:{region}::/domainnames/{id}"),
    ),
    // Global. `VPCs` and `QueryLoggingConfig` are readable; `AWS::Route53::DNSSEC` is a
    // separate type, not read: a live zone's signing is Unknown (never "not signed").
    CcType {
        global: true,
        ..cc(
            "AWS::Route53::HostedZone",
            "route53",
            Arn::Pattern("arn:{partition}:route53:::hostedzone/{id}"),
        )
    },
    // The identifier is the name; EMR gives a security configuration no ARN, so its address
    // is built like one. `SecurityConfiguration` (the JSON document, an object or its text)
    // is readable and holds the whole configuration: an absent `EncryptionConfiguration` is
    // no encryption, as in a template.
    cc(
        "AWS::EMR::SecurityConfiguration",
        "emr",
        Arn::Pattern(
            "arn:{partition}:elasticmapreduce:{region}:{account}:security-configuration/{id}",
        ),
    ),
    // The identifier is the domain id. `AppNetworkAccessType` is readable, but its absence
    // would read as the default (`PublicInternetOnly`, a finding on its own): listed, so a
    // document without it leaves the domain Unknown rather than public.
    CcType {
        write_only: &["/AppNetworkAccessType"],
        ..cc(
            "AWS::SageMaker::Domain",
            "sagemaker",
            Arn::Property(
                "DomainArn",
                "arn:{partition}:sagemaker:{region}:{account}:domain/{id}",
            ),
        )
    },
];

/// The model services the Cloud Control types fill, each once.
pub(crate) fn services() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for t in &TYPES {
        if !out.contains(&t.service) {
            out.push(t.service);
        }
    }
    out
}

/// The ARN of a resource.
pub(crate) fn arn_of(ctx: &Ctx, t: &CcType, id: &str, props: &serde_json::Value) -> String {
    let pattern = match t.arn {
        Arn::Identifier => return id.to_string(),
        Arn::Property(p, pattern) => match props.get(p).and_then(serde_json::Value::as_str) {
            Some(arn) if arn.starts_with("arn:") => return arn.to_string(),
            _ => pattern,
        },
        Arn::Pattern(pattern) => pattern,
    };
    let mut out = pattern
        .replace("{partition}", &ctx.partition)
        .replace("{region}", if t.global { "" } else { ctx.region() })
        .replace("{account}", &ctx.account)
        .replace("{id}", id)
        .replace("{name}", id.trim_start_matches('/'));
    for (i, part) in id.split('|').enumerate() {
        out = out.replace(&format!("{{{i}}}"), part);
    }
    out
}

/// What one region's Cloud Control read gave: the resources, and the types that could not
/// be read completely (model service, message).
#[derive(Default)]
pub(crate) struct CcRead {
    pub state: State,
    pub failed: Vec<(&'static str, String)>,
}

/// A listed resource: its identifier and, when the list gave more than identifiers, its
/// properties document.
type Listed = (String, Option<String>);

/// Reads every type of `types` in the region of `ctx`.
pub(crate) async fn read(conf: &SdkConfig, ctx: &Ctx, types: &[&CcType]) -> CcRead {
    let c = &aws_sdk_cloudcontrol::Client::new(conf);
    let results: Vec<(&CcType, Result<TypeRead, ReadError>)> =
        futures_util::stream::iter(types.iter().map(|t| async move {
            let r = read_type(c, ctx, t).await;
            (*t, r)
        }))
        .buffered(4)
        .collect()
        .await;
    let mut out = CcRead::default();
    for (t, r) in results {
        match r {
            Ok(tr) => {
                out.state.extend(tr.state);
                if let Some(msg) = tr.incomplete {
                    out.failed.push((t.service, msg));
                }
            }
            Err(e) => out.failed.push((
                t.service,
                format!(
                    "{} could not be read through Cloud Control: {e}",
                    t.type_name
                ),
            )),
        }
    }
    out
}

struct TypeRead {
    state: State,
    /// Some resources were not read (a document that is not JSON, an adapter error).
    incomplete: Option<String>,
}

async fn list(
    c: &aws_sdk_cloudcontrol::Client,
    ctx: &Ctx,
    type_name: &str,
    model: Option<String>,
) -> Result<Vec<Listed>, ReadError> {
    let pages = paged!(
        ctx,
        "cloudformation:ListResources",
        c.list_resources()
            .type_name(type_name)
            .set_resource_model(model)
    )?;
    Ok(pages
        .iter()
        .flat_map(aws_sdk_cloudcontrol::operation::list_resources::ListResourcesOutput::resource_descriptions)
        .filter_map(|d| {
            Some((
                d.identifier()?.to_string(),
                d.properties().map(str::to_owned),
            ))
        })
        .collect())
}

/// True when a listed document holds only the identifier's values (most list handlers return
/// the primary identifier only): the full document needs GetResource.
fn only_identifiers(id: &str, doc: Option<&str>) -> bool {
    let Some(doc) = doc else {
        return true;
    };
    match serde_json::from_str::<serde_json::Value>(doc) {
        Ok(serde_json::Value::Object(m)) => m.values().all(|v| {
            v.as_str()
                .is_some_and(|s| s == id || id.split('|').any(|p| p == s))
        }),
        // Not an object: GetResource may give a better one.
        _ => true,
    }
}

async fn read_type(
    c: &aws_sdk_cloudcontrol::Client,
    ctx: &Ctx,
    t: &CcType,
) -> Result<TypeRead, ReadError> {
    let listed: Vec<Listed> = match t.parent {
        None => list(c, ctx, t.type_name, t.list_model.map(str::to_owned)).await?,
        Some((parent, key)) => {
            let mut all = Vec::new();
            for (pid, _) in list(c, ctx, parent, None).await? {
                let model = serde_json::json!({ key: pid }).to_string();
                all.extend(list(c, ctx, t.type_name, Some(model)).await?);
            }
            all
        }
    };
    let docs: Vec<Option<(String, String)>> =
        futures_util::stream::iter(listed.into_iter().map(|(id, doc)| async move {
            if !only_identifiers(&id, doc.as_deref()) {
                return Ok(doc.map(|d| (id, d)));
            }
            match call!(
                ctx,
                "cloudformation:GetResource",
                c.get_resource().type_name(t.type_name).identifier(&id)
            ) {
                Ok(out) => Ok(out
                    .resource_description()
                    .and_then(|d| d.properties())
                    .map(|p| (id, p.to_string()))),
                // Deleted since it was listed.
                Err(e) if e.is("ResourceNotFoundException") => Ok(None),
                Err(e) => Err(e),
            }
        }))
        .buffered(4)
        .collect::<Vec<Result<_, ReadError>>>()
        .await
        .into_iter()
        .collect::<Result<_, _>>()?;
    let mut state = State::default();
    let mut skipped = Vec::new();
    for (id, doc) in docs.into_iter().flatten() {
        let props: serde_json::Value = match serde_json::from_str(&doc) {
            Ok(v @ serde_json::Value::Object(_)) => v,
            Ok(_) => {
                skipped.push(format!("{id} (its properties are not a JSON object)"));
                continue;
            }
            Err(e) => {
                skipped.push(format!("{id} (its properties are not JSON: {e})"));
                continue;
            }
        };
        let arn = arn_of(ctx, t, &id, &props);
        let mut s = adapt_live(
            &LiveResource {
                type_name: t.type_name,
                identifier: &arn,
                properties: &props,
                write_only: t.write_only,
            },
            ctx.origin(&arn),
        );
        if !s.parse_errors.is_empty() {
            skipped.push(format!("{id} ({})", s.parse_errors[0].message));
            continue;
        }
        s.aws.for_each_resource_mut(|r| *r = ctx.resource(&arn));
        state.extend(s);
    }
    let incomplete = (!skipped.is_empty()).then(|| {
        format!(
            "{} not read through Cloud Control: {}",
            t.type_name,
            skipped.join(", ")
        )
    });
    Ok(TypeRead { state, incomplete })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn ctx() -> Ctx {
        Ctx {
            region: Some("eu-west-1".into()),
            account: "123456789012".into(),
            partition: "aws".into(),
            calls: Arc::default(),
            now_secs: 0,
            aws_created: Arc::default(),
        }
    }

    fn ty(name: &str) -> &'static CcType {
        TYPES.iter().find(|t| t.type_name == name).unwrap()
    }

    #[test]
    fn arns_from_properties_patterns_and_compound_identifiers() {
        let ctx = ctx();
        let none = serde_json::json!({});
        assert_eq!(
            arn_of(&ctx, ty("AWS::Logs::LogGroup"), "/app/web", &none),
            "arn:aws:logs:eu-west-1:123456789012:log-group:/app/web"
        );
        let with = serde_json::json!({"Arn": "arn:aws:kinesis:eu-west-1:123456789012:stream/s"});
        assert_eq!(
            arn_of(&ctx, ty("AWS::Kinesis::Stream"), "s", &with),
            "arn:aws:kinesis:eu-west-1:123456789012:stream/s"
        );
        assert_eq!(
            arn_of(&ctx, ty("AWS::Kinesis::Stream"), "t", &none),
            "arn:aws:kinesis:eu-west-1:123456789012:stream/t"
        );
        assert_eq!(
            arn_of(&ctx, ty("AWS::ApiGateway::Stage"), "abc123|prod", &none),
            "arn:aws:apigateway:eu-west-1::/restapis/abc123/stages/prod"
        );
        assert_eq!(
            arn_of(&ctx, ty("AWS::CloudFront::Distribution"), "E1", &none),
            "arn:aws:cloudfront::123456789012:distribution/E1"
        );
        assert_eq!(
            arn_of(&ctx, ty("AWS::MSK::Cluster"), "arn:aws:kafka:x", &none),
            "arn:aws:kafka:x"
        );
        // SSM parameter names with and without their leading `/`.
        for name in ["/app/db/password", "app/db/password"] {
            assert_eq!(
                arn_of(&ctx, ty("AWS::SSM::Parameter"), name, &none),
                "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db/password"
            );
        }
        assert_eq!(
            arn_of(&ctx, ty("AWS::WAFv2::WebACL"), "acl|id-1|REGIONAL", &none),
            "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/acl/id-1"
        );
    }

    #[test]
    fn identifier_only_documents_are_fetched() {
        assert!(only_identifiers("s", None));
        assert!(only_identifiers("s", Some(r#"{"Name":"s"}"#)));
        assert!(only_identifiers(
            "a|b",
            Some(r#"{"RestApiId":"a","StageName":"b"}"#)
        ));
        assert!(!only_identifiers(
            "s",
            Some(r#"{"Name":"s","ShardCount":1}"#)
        ));
    }

    #[test]
    fn every_type_is_a_kind_drift_compares() {
        // A type read live must be matched by drift, or its resources would all be unmanaged
        // and its failures would name a service drift does not know.
        for t in &TYPES {
            let kind = cloudsentinel_drift::cfn::kind_of(t.type_name)
                .unwrap_or_else(|| panic!("{}: no drift kind", t.type_name));
            assert_eq!(kind.service, t.service, "{}", t.type_name);
            assert!(
                cloudsentinel_drift::tfstate::type_name(kind).starts_with("aws_"),
                "{}: no Terraform type",
                t.type_name
            );
        }
    }

    #[test]
    fn every_type_has_an_adapter() {
        // An adapter for the type turns a minimal document (its required properties) into
        // one resource.
        for t in &TYPES {
            let props = match t.type_name {
                "AWS::CloudFront::Distribution" => serde_json::json!({"DistributionConfig": {}}),
                _ => serde_json::json!({}),
            };
            let st = adapt_live(
                &LiveResource {
                    type_name: t.type_name,
                    identifier: "x",
                    properties: &props,
                    write_only: t.write_only,
                },
                cloudsentinel_model::Origin::None,
            );
            assert_eq!(st.resource_count(), 1, "{}", t.type_name);
        }
    }
}
