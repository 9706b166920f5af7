//! The other regional services. Each list is a paginated batch call; per-resource calls
//! are made only where the API has no batch form (KMS key details and rotation, ELB
//! listeners per load balancer, Lambda policies, EKS cluster details, SQS and SNS
//! attributes, DynamoDB continuous backups, Glacier vault policies, ACM certificate details,
//! EMR cluster details). CodeBuild projects are read 100 at a time (BatchGetProjects).
//! Glue's Data Catalog encryption settings and EMR's block public access configuration are
//! one per account and region (one call each); a region's Config recorders come with their
//! status in two calls. Lambda function URLs are listed per function, and who may restore
//! each manual RDS snapshot is asked per snapshot. API Gateway methods come with their
//! resources, listed per REST API (GetResources with `embed=methods`); whom each of the
//! account's SSM documents is shared with is asked per document.

use super::{Ctx, ReadError, Result, Service, call, paged};
use aws_config::SdkConfig;
use cloudsentinel_model::aws::{
    acm, apigateway, cloudtrail, codebuild, config, dynamodb, ecr, efs, eks, elb, emr, glacier,
    glue, kms, lambda, rds, sns, sqs, ssm,
};
use cloudsentinel_model::{Meta, State, Value};
use futures_util::StreamExt;
use std::future::Future;

/// Runs `f` over `items` with at most 4 calls in flight, keeping the input order.
async fn each<I, T, F, Fut>(items: Vec<I>, f: F) -> Result<Vec<T>>
where
    F: Fn(I) -> Fut,
    Fut: Future<Output = Result<Option<T>>>,
{
    let out: Vec<Result<Option<T>>> = futures_util::stream::iter(items.into_iter().map(f))
        .buffered(4)
        .collect()
        .await;
    let mut v = Vec::new();
    for r in out {
        if let Some(t) = r? {
            v.push(t);
        }
    }
    Ok(v)
}

/// False for the DocumentDB and Neptune clusters and instances that the RDS API lists too
/// (<https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBClusters.html>):
/// they are their own kinds, read through Cloud Control, as templates declare them with
/// their own resource types; listed here as well, each would be checked and compared twice.
fn is_rds_engine(engine: Option<&str>) -> bool {
    !matches!(engine, Some("docdb" | "neptune"))
}

pub(crate) async fn read(svc: Service, conf: &SdkConfig, ctx: &Ctx) -> Result<State> {
    let mut state = State::default();
    let aws = &mut state.aws;
    match svc {
        Service::Rds => {
            let c = aws_sdk_rds::Client::new(conf);
            for page in paged!(ctx, "rds:DescribeDBInstances", c.describe_db_instances())? {
                for i in page
                    .db_instances()
                    .iter()
                    .filter(|i| is_rds_engine(i.engine()))
                {
                    let arn = i.db_instance_arn().unwrap_or_default();
                    let member = i.db_cluster_identifier().is_some();
                    aws.rds.instances.push(rds::DbInstance {
                        resource: ctx.resource(arn),
                        storage_encrypted: ctx.val(arn, i.storage_encrypted()),
                        publicly_accessible: ctx.val(arn, i.publicly_accessible()),
                        backup_retention_days: ctx
                            .val(arn, i.backup_retention_period().map(i64::from)),
                        in_cluster: ctx.val(arn, Some(i.db_cluster_identifier().is_some())),
                        deletion_protection: ctx.val(arn, i.deletion_protection()),
                        multi_az: ctx.val(arn, i.multi_az()),
                        engine: ctx.val(arn, i.engine().map(str::to_string)),
                        // A cluster member's are the cluster's, which is read itself.
                        iam_auth: ctx.val(
                            arn,
                            if member {
                                None
                            } else {
                                i.iam_database_authentication_enabled()
                            },
                        ),
                        log_exports: ctx.val(
                            arn,
                            if member {
                                None
                            } else {
                                Some(!i.enabled_cloudwatch_logs_exports().is_empty())
                            },
                        ),
                        monitoring_interval: ctx.val(arn, i.monitoring_interval().map(i64::from)),
                        performance_insights: rds::PerformanceInsights {
                            enabled: ctx.val(arn, i.performance_insights_enabled()),
                            // AWS reports the key in use, managed or not: not told apart.
                            customer_key: Value::unknown(ctx.origin(arn)),
                        },
                    });
                }
            }
            for page in paged!(ctx, "rds:DescribeDBClusters", c.describe_db_clusters())? {
                for cl in page
                    .db_clusters()
                    .iter()
                    .filter(|cl| is_rds_engine(cl.engine()))
                {
                    let arn = cl.db_cluster_arn().unwrap_or_default();
                    aws.rds.clusters.push(rds::DbCluster {
                        resource: ctx.resource(arn),
                        storage_encrypted: ctx.val(arn, cl.storage_encrypted()),
                        backup_retention_days: ctx
                            .val(arn, cl.backup_retention_period().map(i64::from)),
                        deletion_protection: ctx.val(arn, cl.deletion_protection()),
                        engine: ctx.val(arn, cl.engine().map(str::to_string)),
                        iam_auth: ctx.val(arn, cl.iam_database_authentication_enabled()),
                        log_exports: ctx
                            .val(arn, Some(!cl.enabled_cloudwatch_logs_exports().is_empty())),
                        performance_insights: rds::PerformanceInsights {
                            enabled: ctx.val(arn, cl.performance_insights_enabled()),
                            // AWS reports the key in use, managed or not: not told apart.
                            customer_key: Value::unknown(ctx.origin(arn)),
                        },
                    });
                }
            }
            // Manual snapshots (automated ones cannot be shared), then who may restore each:
            // the `restore` attribute's accounts, `all` when it is public.
            let c = &c;
            let mut snapshots: Vec<(String, String, bool)> = Vec::new();
            for page in paged!(
                ctx,
                "rds:DescribeDBSnapshots",
                c.describe_db_snapshots().snapshot_type("manual")
            )? {
                for sn in page
                    .db_snapshots()
                    .iter()
                    .filter(|s| is_rds_engine(s.engine()))
                {
                    if let (Some(id), Some(arn)) =
                        (sn.db_snapshot_identifier(), sn.db_snapshot_arn())
                    {
                        snapshots.push((id.to_string(), arn.to_string(), false));
                    }
                }
            }
            for page in paged!(
                ctx,
                "rds:DescribeDBClusterSnapshots",
                c.describe_db_cluster_snapshots().snapshot_type("manual")
            )? {
                for sn in page
                    .db_cluster_snapshots()
                    .iter()
                    .filter(|s| is_rds_engine(s.engine()))
                {
                    if let (Some(id), Some(arn)) = (
                        sn.db_cluster_snapshot_identifier(),
                        sn.db_cluster_snapshot_arn(),
                    ) {
                        snapshots.push((id.to_string(), arn.to_string(), true));
                    }
                }
            }
            aws.rds.snapshots = each(snapshots, |(id, arn, cluster)| async move {
                let restore: Option<Vec<String>> = if cluster {
                    let out = call!(
                        ctx,
                        "rds:DescribeDBClusterSnapshotAttributes",
                        c.describe_db_cluster_snapshot_attributes()
                            .db_cluster_snapshot_identifier(&id)
                    )?;
                    out.db_cluster_snapshot_attributes_result().map(|r| {
                        r.db_cluster_snapshot_attributes()
                            .iter()
                            .filter(|a| a.attribute_name() == Some("restore"))
                            .flat_map(|a| a.attribute_values().iter().cloned())
                            .collect()
                    })
                } else {
                    let out = call!(
                        ctx,
                        "rds:DescribeDBSnapshotAttributes",
                        c.describe_db_snapshot_attributes()
                            .db_snapshot_identifier(&id)
                    )?;
                    out.db_snapshot_attributes_result().map(|r| {
                        r.db_snapshot_attributes()
                            .iter()
                            .filter(|a| a.attribute_name() == Some("restore"))
                            .flat_map(|a| a.attribute_values().iter().cloned())
                            .collect()
                    })
                };
                Ok(Some(rds_snapshot(ctx, &arn, restore)))
            })
            .await?;
        }
        Service::CloudTrail => {
            let c = aws_sdk_cloudtrail::Client::new(conf);
            // Shadow trails (a multi-region trail seen from another region) are read in
            // their home region only.
            let out = call!(
                ctx,
                "cloudtrail:DescribeTrails",
                c.describe_trails().include_shadow_trails(false)
            )?;
            let trails: Vec<aws_sdk_cloudtrail::types::Trail> = out.trail_list().to_vec();
            let c = &c;
            aws.cloudtrail.trails = each(trails, |t| async move {
                let arn = t.trail_arn().unwrap_or_default().to_string();
                let status = call!(
                    ctx,
                    "cloudtrail:GetTrailStatus",
                    c.get_trail_status().name(&arn)
                )?;
                Ok(Some(cloudtrail::Trail {
                    resource: ctx.resource(&arn),
                    multi_region: ctx.val(&arn, t.is_multi_region_trail()),
                    log_file_validation: ctx.val(&arn, t.log_file_validation_enabled()),
                    kms_key_id: ctx.val(&arn, Some(t.kms_key_id().unwrap_or_default().to_string())),
                    logging: ctx.val(&arn, status.is_logging()),
                    global_service_events: ctx.val(&arn, t.include_global_service_events()),
                }))
            })
            .await?;
        }
        Service::Kms => {
            let c = &aws_sdk_kms::Client::new(conf);
            let ids: Vec<String> = paged!(ctx, "kms:ListKeys", c.list_keys())?
                .iter()
                .flat_map(aws_sdk_kms::operation::list_keys::ListKeysOutput::keys)
                .filter_map(|k| k.key_id().map(str::to_owned))
                .collect();
            aws.kms.keys = each(ids, |id| async move {
                let d = call!(ctx, "kms:DescribeKey", c.describe_key().key_id(&id))?;
                let Some(m) = d.key_metadata() else {
                    return Ok(None);
                };
                // AWS-managed keys rotate yearly by design and cannot be changed.
                if m.key_manager().is_some_and(|k| k.as_str() == "AWS") {
                    return Ok(None);
                }
                let arn = m.arn().unwrap_or_default().to_string();
                let rotation = match call!(
                    ctx,
                    "kms:GetKeyRotationStatus",
                    c.get_key_rotation_status().key_id(&id)
                ) {
                    Ok(r) => Some(r.key_rotation_enabled()),
                    // Asymmetric, HMAC, imported and pending-deletion keys cannot rotate.
                    Err(e)
                        if e.is("UnsupportedOperationException")
                            || e.is("KMSInvalidStateException") =>
                    {
                        None
                    }
                    Err(e) => return Err(e),
                };
                Ok(Some(kms::Key {
                    resource: ctx.resource(&arn),
                    rotation_enabled: ctx.val(&arn, rotation),
                    key_spec: ctx.val(&arn, m.key_spec().map(|s| s.as_str().to_string())),
                    key_usage: ctx.val(&arn, m.key_usage().map(|s| s.as_str().to_string())),
                    customer_managed: ctx.val(&arn, Some(true)),
                    // The key policy is not read: Unknown, so no check concludes on it.
                    policies: vec![ctx.val(&arn, None)],
                }))
            })
            .await?;
        }
        Service::Elb => {
            let c = &aws_sdk_elasticloadbalancingv2::Client::new(conf);
            let lbs: Vec<(String, Option<bool>)> = paged!(
                ctx,
                "elasticloadbalancing:DescribeLoadBalancers",
                c.describe_load_balancers()
            )?
            .iter()
            .flat_map(aws_sdk_elasticloadbalancingv2::operation::describe_load_balancers::DescribeLoadBalancersOutput::load_balancers)
            .filter_map(|l| {
                let internal = l.scheme().map(|s| {
                    *s == aws_sdk_elasticloadbalancingv2::types::LoadBalancerSchemeEnum::Internal
                });
                Some((l.load_balancer_arn()?.to_owned(), internal))
            })
            .collect();
            let per_lb = each(lbs, |(lb, internal)| async move {
                let pages = paged!(
                    ctx,
                    "elasticloadbalancing:DescribeListeners",
                    c.describe_listeners().load_balancer_arn(&lb)
                )?;
                let mut out = Vec::new();
                for l in pages.iter().flat_map(aws_sdk_elasticloadbalancingv2::operation::describe_listeners::DescribeListenersOutput::listeners) {
                    let arn = l.listener_arn().unwrap_or_default();
                    out.push(elb::Listener {
                        resource: ctx.resource(arn),
                        protocol: ctx.val(arn, l.protocol().map(|p| p.as_str().to_string())),
                        ssl_policy: ctx
                            .val(arn, Some(l.ssl_policy().unwrap_or_default().to_string())),
                        default_actions: l
                            .default_actions()
                            .iter()
                            .map(|a| elb::ListenerAction {
                                meta: Meta::explicit(ctx.origin(arn)),
                                action_type: ctx
                                    .val(arn, a.r#type().map(|t| t.as_str().to_string())),
                                redirect_protocol: ctx.val(
                                    arn,
                                    Some(
                                        a.redirect_config()
                                            .and_then(|r| r.protocol())
                                            .unwrap_or("#{protocol}")
                                            .to_string(),
                                    ),
                                ),
                            })
                            .collect(),
                        internal: ctx.val(arn, internal),
                        classic: false,
                    });
                }
                Ok(Some(out))
            })
            .await?;
            aws.elb.listeners = per_lb.into_iter().flatten().collect();
        }
        Service::Lambda => {
            let c = &aws_sdk_lambda::Client::new(conf);
            let fns: Vec<(String, String)> =
                paged!(ctx, "lambda:ListFunctions", c.list_functions())?
                    .iter()
                    .flat_map(
                        aws_sdk_lambda::operation::list_functions::ListFunctionsOutput::functions,
                    )
                    .filter_map(|f| {
                        Some((
                            f.function_name()?.to_string(),
                            f.function_arn()?.to_string(),
                        ))
                    })
                    .collect();
            let per_fn = each(fns, |(name, arn)| async move {
                let policy =
                    match call!(ctx, "lambda:GetPolicy", c.get_policy().function_name(&name)) {
                        Ok(p) => p.policy().map(str::to_owned),
                        Err(e) if e.is("ResourceNotFoundException") => None,
                        Err(e) => return Err(e),
                    };
                // The function's URLs (its own and its aliases'), each known by the ARN it
                // invokes.
                let mut urls = Vec::new();
                for page in paged!(
                    ctx,
                    "lambda:ListFunctionUrlConfigs",
                    c.list_function_url_configs().function_name(&name)
                )? {
                    for u in page.function_url_configs() {
                        let url_arn = u.function_arn();
                        urls.push(lambda::FunctionUrl {
                            resource: ctx.resource(url_arn),
                            auth_type: ctx.val(url_arn, Some(u.auth_type().as_str().to_string())),
                        });
                    }
                }
                Ok(Some((
                    lambda_permissions(ctx, &arn, policy.as_deref()),
                    urls,
                )))
            })
            .await?;
            for (permissions, urls) in per_fn {
                aws.lambda.permissions.extend(permissions);
                aws.lambda.function_urls.extend(urls);
            }
        }
        Service::Eks => {
            let c = &aws_sdk_eks::Client::new(conf);
            let names: Vec<String> = paged!(ctx, "eks:ListClusters", c.list_clusters())?
                .iter()
                .flat_map(|p| p.clusters().iter().cloned())
                .collect();
            let mut groups: Vec<(String, String)> = Vec::new();
            for name in &names {
                for page in paged!(
                    ctx,
                    "eks:ListNodegroups",
                    c.list_nodegroups().cluster_name(name)
                )? {
                    groups.extend(page.nodegroups().iter().map(|g| (name.clone(), g.clone())));
                }
            }
            aws.eks.clusters = each(names, |name| async move {
                let out = call!(ctx, "eks:DescribeCluster", c.describe_cluster().name(&name))?;
                let Some(cl) = out.cluster() else {
                    return Ok(None);
                };
                let arn = cl.arn().unwrap_or_default();
                let vpc = cl.resources_vpc_config();
                Ok(Some(eks::Cluster {
                    resource: ctx.resource(arn),
                    endpoint_public_access: ctx.val(
                        arn,
                        vpc.map(aws_sdk_eks::types::VpcConfigResponse::endpoint_public_access),
                    ),
                    public_access_cidrs: ctx
                        .val(arn, vpc.map(|v| v.public_access_cidrs().to_vec())),
                    secrets_encrypted: ctx.val(
                        arn,
                        Some(cl.encryption_config().iter().any(|e| {
                            e.resources().iter().any(|r| r == "secrets")
                                && e.provider().and_then(|p| p.key_arn()).is_some()
                        })),
                    ),
                    log_types: ctx.val(
                        arn,
                        cl.logging().map(|l| {
                            l.cluster_logging()
                                .iter()
                                .filter(|s| s.enabled() == Some(true))
                                .flat_map(|s| s.types().iter().map(|t| t.as_str().to_string()))
                                .collect()
                        }),
                    ),
                    version: ctx.val(arn, Some(cl.version().map(str::to_string))),
                }))
            })
            .await?;
            aws.eks.node_groups = each(groups, |(cluster, group)| async move {
                let out = call!(
                    ctx,
                    "eks:DescribeNodegroup",
                    c.describe_nodegroup()
                        .cluster_name(&cluster)
                        .nodegroup_name(&group)
                )?;
                let Some(g) = out.nodegroup() else {
                    return Ok(None);
                };
                let arn = g.nodegroup_arn().unwrap_or_default();
                let remote = g.remote_access();
                Ok(Some(eks::NodeGroup {
                    resource: ctx.resource(arn),
                    ssh_key_set: ctx.val(arn, Some(remote.and_then(|r| r.ec2_ssh_key()).is_some())),
                    ssh_source_groups_set: ctx.val(
                        arn,
                        Some(remote.is_some_and(|r| !r.source_security_groups().is_empty())),
                    ),
                }))
            })
            .await?;
        }
        Service::Efs => {
            let c = aws_sdk_efs::Client::new(conf);
            for page in paged!(
                ctx,
                "elasticfilesystem:DescribeFileSystems",
                c.describe_file_systems()
            )? {
                for f in page.file_systems() {
                    let arn = f.file_system_arn().map_or_else(
                        || {
                            ctx.arn(
                                "elasticfilesystem",
                                &format!("file-system/{}", f.file_system_id()),
                            )
                        },
                        str::to_owned,
                    );
                    aws.efs.file_systems.push(efs::FileSystem {
                        resource: ctx.resource(&arn),
                        encrypted: ctx.val(&arn, f.encrypted()),
                        // The file system policy is not read: Unknown.
                        policies: vec![ctx.val(&arn, None)],
                    });
                }
            }
        }
        Service::Sqs => {
            use aws_sdk_sqs::types::QueueAttributeName as A;
            let c = &aws_sdk_sqs::Client::new(conf);
            let urls: Vec<String> = paged!(ctx, "sqs:ListQueues", c.list_queues())?
                .iter()
                .flat_map(|p| p.queue_urls().iter().cloned())
                .collect();
            aws.sqs.queues = each(urls, |url| async move {
                let out = call!(
                    ctx,
                    "sqs:GetQueueAttributes",
                    c.get_queue_attributes()
                        .queue_url(&url)
                        .attribute_names(A::All)
                )?;
                let attrs = out.attributes();
                let get = |k: A| attrs.and_then(|m| m.get(&k)).cloned();
                let arn = get(A::QueueArn).unwrap_or(url);
                Ok(Some(sqs::Queue {
                    resource: ctx.resource(&arn),
                    sqs_managed_sse: ctx.val(
                        &arn,
                        Some(get(A::SqsManagedSseEnabled).as_deref() == Some("true")),
                    ),
                    kms_master_key_id: ctx
                        .val(&arn, Some(get(A::KmsMasterKeyId).unwrap_or_default())),
                    // No `Policy` attribute: the queue has no policy.
                    policies: get(A::Policy)
                        .map(|text| live_policy(ctx, &arn, &text))
                        .into_iter()
                        .collect(),
                }))
            })
            .await?;
        }
        Service::Sns => {
            let c = &aws_sdk_sns::Client::new(conf);
            let arns: Vec<String> = paged!(ctx, "sns:ListTopics", c.list_topics())?
                .iter()
                .flat_map(aws_sdk_sns::operation::list_topics::ListTopicsOutput::topics)
                .filter_map(|t| t.topic_arn().map(str::to_owned))
                .collect();
            aws.sns.topics = each(arns, |arn| async move {
                let out = call!(
                    ctx,
                    "sns:GetTopicAttributes",
                    c.get_topic_attributes().topic_arn(&arn)
                )?;
                let key = out
                    .attributes()
                    .and_then(|m| m.get("KmsMasterKeyId"))
                    .cloned()
                    .unwrap_or_default();
                let policy = out.attributes().and_then(|m| m.get("Policy"));
                Ok(Some(sns::Topic {
                    resource: ctx.resource(&arn),
                    kms_master_key_id: ctx.val(&arn, Some(key)),
                    policies: vec![match policy {
                        Some(text) => live_policy(ctx, &arn, text),
                        None => ctx.val(&arn, None),
                    }],
                }))
            })
            .await?;
        }
        Service::DynamoDb => {
            let c = &aws_sdk_dynamodb::Client::new(conf);
            let names: Vec<String> = paged!(ctx, "dynamodb:ListTables", c.list_tables())?
                .iter()
                .flat_map(|p| p.table_names().iter().cloned())
                .collect();
            aws.dynamodb.tables = each(names, |name| async move {
                let out = call!(
                    ctx,
                    "dynamodb:DescribeContinuousBackups",
                    c.describe_continuous_backups().table_name(&name)
                )?;
                let arn = ctx.arn("dynamodb", &format!("table/{name}"));
                let pitr = out
                    .continuous_backups_description()
                    .and_then(|d| d.point_in_time_recovery_description())
                    .and_then(|p| p.point_in_time_recovery_status())
                    .map(|s| s.as_str() == "ENABLED");
                Ok(Some(dynamodb::Table {
                    resource: ctx.resource(&arn),
                    point_in_time_recovery: ctx.val(&arn, Some(pitr.unwrap_or(false))),
                    // DescribeContinuousBackups does not say; not read.
                    sse_kms: Value::unknown(ctx.origin(&arn)),
                    customer_key: Value::unknown(ctx.origin(&arn)),
                }))
            })
            .await?;
        }
        Service::Ecr => {
            let c = aws_sdk_ecr::Client::new(conf);
            for page in paged!(ctx, "ecr:DescribeRepositories", c.describe_repositories())? {
                for r in page.repositories() {
                    let arn = r.repository_arn().unwrap_or_default();
                    aws.ecr.repositories.push(ecr::Repository {
                        resource: ctx.resource(arn),
                        image_tag_mutability: ctx.val(
                            arn,
                            r.image_tag_mutability().map(|m| m.as_str().to_string()),
                        ),
                        scan_on_push: ctx.val(
                            arn,
                            r.image_scanning_configuration()
                                .map(aws_sdk_ecr::types::ImageScanningConfiguration::scan_on_push),
                        ),
                        encryption_type: ctx.val(
                            arn,
                            r.encryption_configuration()
                                .map(|e| e.encryption_type().as_str().to_string()),
                        ),
                        // The repository policy is not read: Unknown.
                        policies: vec![ctx.val(arn, None)],
                    });
                }
            }
        }
        Service::CodeBuild => {
            let c = &aws_sdk_codebuild::Client::new(conf);
            let names: Vec<String> = paged!(ctx, "codebuild:ListProjects", c.list_projects())?
                .iter()
                .flat_map(|p| p.projects().iter().cloned())
                .collect();
            let batches: Vec<Vec<String>> = names.chunks(100).map(<[String]>::to_vec).collect();
            let pages = each(batches, |batch| async move {
                call!(
                    ctx,
                    "codebuild:BatchGetProjects",
                    c.batch_get_projects().set_names(Some(batch))
                )
                .map(Some)
            })
            .await?;
            for p in pages.iter().flat_map(
                aws_sdk_codebuild::operation::batch_get_projects::BatchGetProjectsOutput::projects,
            ) {
                aws.codebuild.projects.push(codebuild_project(ctx, p));
            }
        }
        Service::Glacier => {
            let c = &aws_sdk_glacier::Client::new(conf);
            let vaults: Vec<(String, String)> =
                paged!(ctx, "glacier:ListVaults", c.list_vaults().account_id("-"))?
                    .iter()
                    .flat_map(aws_sdk_glacier::operation::list_vaults::ListVaultsOutput::vault_list)
                    .filter_map(|v| Some((v.vault_name()?.to_owned(), v.vault_arn()?.to_owned())))
                    .collect();
            aws.glacier.vaults = each(vaults, |(name, arn)| async move {
                let policies = match call!(
                    ctx,
                    "glacier:GetVaultAccessPolicy",
                    c.get_vault_access_policy()
                        .account_id("-")
                        .vault_name(&name)
                ) {
                    Ok(out) => vec![match out.policy().and_then(|p| p.policy()) {
                        Some(text) => live_policy(ctx, &arn, text),
                        None => ctx.val(&arn, None),
                    }],
                    // The vault has no access policy.
                    Err(e) if e.is("ResourceNotFoundException") => Vec::new(),
                    Err(e) => return Err(e),
                };
                Ok(Some(glacier::Vault {
                    resource: ctx.resource(&arn),
                    policies,
                }))
            })
            .await?;
        }
        Service::Acm => {
            use aws_sdk_acm::types::{Filters, KeyAlgorithm};
            let c = &aws_sdk_acm::Client::new(conf);
            // Without a key-type filter the list holds RSA 2048 certificates only.
            let every_key = Filters::builder()
                .set_key_types(Some(
                    KeyAlgorithm::values()
                        .iter()
                        .map(|k| KeyAlgorithm::from(*k))
                        .collect(),
                ))
                .build();
            let arns: Vec<String> = paged!(
                ctx,
                "acm:ListCertificates",
                c.list_certificates().includes(every_key)
            )?
            .iter()
            .flat_map(aws_sdk_acm::operation::list_certificates::ListCertificatesOutput::certificate_summary_list)
            .filter_map(|s| s.certificate_arn().map(str::to_owned))
            .collect();
            aws.acm.certificates = each(arns, |arn| async move {
                let out = call!(
                    ctx,
                    "acm:DescribeCertificate",
                    c.describe_certificate().certificate_arn(&arn)
                )?;
                let Some(cert) = out.certificate() else {
                    return Ok(None);
                };
                // `AMAZON_ISSUED` is a public certificate Amazon issues; `IMPORTED` and
                // `PRIVATE` (a private CA's) are not.
                let public = cert.r#type().map(|t| t.as_str() == "AMAZON_ISSUED");
                Ok(Some(acm::Certificate {
                    resource: ctx.resource(&arn),
                    amazon_issued_public: ctx.val(&arn, public),
                    transparency_logging: ctx.val(
                        &arn,
                        cert.options()
                            .and_then(|o| o.certificate_transparency_logging_preference())
                            .map(|p| p.as_str().to_string()),
                    ),
                }))
            })
            .await?;
        }
        Service::Dax => {
            let c = aws_sdk_dax::Client::new(conf);
            // DescribeClusters pages by NextToken (the SDK has no paginator for it).
            let mut token: Option<String> = None;
            loop {
                let out = call!(
                    ctx,
                    "dax:DescribeClusters",
                    c.describe_clusters().set_next_token(token.take())
                )?;
                for cl in out.clusters() {
                    let Some(arn) = cl.cluster_arn() else {
                        continue;
                    };
                    // `ENABLING` and `DISABLING` are on their way: judged by where they go.
                    let encrypted = cl
                        .sse_description()
                        .and_then(|d| d.status())
                        .map(|s| matches!(s.as_str(), "ENABLED" | "ENABLING"));
                    aws.dynamodb.dax_clusters.push(dynamodb::DaxCluster {
                        resource: ctx.resource(arn),
                        encrypted: ctx.val(arn, encrypted),
                    });
                }
                match out.next_token() {
                    Some(t) if !t.is_empty() => token = Some(t.to_string()),
                    _ => break,
                }
            }
        }
        Service::Emr => {
            use aws_sdk_emr::types::ClusterState;
            let c = &aws_sdk_emr::Client::new(conf);
            // Terminated clusters stay listed for two months; only running ones are read.
            let ids: Vec<String> = paged!(
                ctx,
                "elasticmapreduce:ListClusters",
                c.list_clusters().set_cluster_states(Some(vec![
                    ClusterState::Starting,
                    ClusterState::Bootstrapping,
                    ClusterState::Running,
                    ClusterState::Waiting,
                ]))
            )?
            .iter()
            .flat_map(aws_sdk_emr::operation::list_clusters::ListClustersOutput::clusters)
            .filter_map(|s| s.id().map(str::to_owned))
            .collect();
            aws.emr.clusters = each(ids, |id| async move {
                let out = call!(
                    ctx,
                    "elasticmapreduce:DescribeCluster",
                    c.describe_cluster().cluster_id(&id)
                )?;
                let Some(cluster) = out.cluster() else {
                    return Ok(None);
                };
                let arn = cluster.cluster_arn().map_or_else(
                    || ctx.arn("elasticmapreduce", &format!("cluster/{id}")),
                    str::to_owned,
                );
                Ok(Some(emr::Cluster {
                    resource: ctx.resource(&arn),
                    // DescribeCluster names the security configuration when there is one:
                    // absent, the cluster has none.
                    security_configuration: ctx.val(
                        &arn,
                        Some(
                            cluster
                                .security_configuration()
                                .unwrap_or_default()
                                .to_string(),
                        ),
                    ),
                }))
            })
            .await?;
            // The account's block public access configuration in this region: every region
            // has one (AWS made it, so it is never unmanaged). The SDK fills a setting left
            // out of the answer with `false`; AWS always sends the setting with the
            // configuration's metadata (who created it), so an answer without that metadata
            // is incomplete and the setting Unknown.
            let out = call!(
                ctx,
                "elasticmapreduce:GetBlockPublicAccessConfiguration",
                c.get_block_public_access_configuration()
            )?;
            let complete = out
                .block_public_access_configuration_metadata()
                .and_then(
                    aws_sdk_emr::types::BlockPublicAccessConfigurationMetadata::created_by_arn,
                )
                .is_some_and(|a| !a.is_empty());
            let arn = ctx.arn("elasticmapreduce", "block-public-access-configuration");
            aws.emr.block_public_access.push(emr::BlockPublicAccess {
                resource: ctx.resource(&arn),
                enabled: ctx.val(
                    &arn,
                    out.block_public_access_configuration()
                        .filter(|_| complete)
                        .and_then(
                            aws_sdk_emr::types::BlockPublicAccessConfiguration::block_public_security_group_rules,
                        ),
                ),
            });
            ctx.aws_created(&arn);
        }
        Service::Glue => {
            let c = aws_sdk_glue::Client::new(conf);
            for page in paged!(
                ctx,
                "glue:GetSecurityConfigurations",
                c.get_security_configurations()
            )? {
                for sc in page.security_configurations() {
                    let Some(name) = sc.name() else { continue };
                    aws.glue
                        .security_configurations
                        .push(glue_security_configuration(ctx, name, sc));
                }
            }
            // The account's catalog in this region (no catalog id: the caller's account).
            let out = call!(
                ctx,
                "glue:GetDataCatalogEncryptionSettings",
                c.get_data_catalog_encryption_settings()
            )?;
            let arn = ctx.arn("glue", "catalog");
            let settings = out.data_catalog_encryption_settings();
            aws.glue.catalog_encryption.push(glue::CatalogEncryption {
                resource: ctx.resource(&arn),
                at_rest_mode: ctx.val(
                    &arn,
                    settings
                        .and_then(aws_sdk_glue::types::DataCatalogEncryptionSettings::encryption_at_rest)
                        .map(|a| a.catalog_encryption_mode().as_str().to_string()),
                ),
                passwords_encrypted: ctx.val(
                    &arn,
                    settings
                        .and_then(aws_sdk_glue::types::DataCatalogEncryptionSettings::connection_password_encryption)
                        .map(aws_sdk_glue::types::ConnectionPasswordEncryption::return_connection_password_encrypted),
                ),
            });
            // Every account has these settings in every region: AWS made them, so they are
            // never unmanaged.
            ctx.aws_created(&arn);
        }
        Service::Config => {
            let c = aws_sdk_config::Client::new(conf);
            // The account's own recorders (not those linked to a service, which the service
            // starts and stops), then their status; joined by name.
            let recorders = call!(
                ctx,
                "config:DescribeConfigurationRecorders",
                c.describe_configuration_recorders()
            )?;
            let statuses = call!(
                ctx,
                "config:DescribeConfigurationRecorderStatus",
                c.describe_configuration_recorder_status()
            )?;
            for r in recorders.configuration_recorders() {
                let Some(name) = r.name() else { continue };
                let arn = r.arn().map_or_else(
                    || ctx.arn("config", &format!("configuration-recorder/{name}")),
                    str::to_owned,
                );
                // `recording` is the recorder's on/off state; a recorder without a status
                // entry is Unknown.
                let recording = statuses
                    .configuration_recorders_status()
                    .iter()
                    .find(|s| s.name() == Some(name))
                    .map(aws_sdk_config::types::ConfigurationRecorderStatus::recording);
                aws.config.recorder_statuses.push(config::RecorderStatus {
                    resource: ctx.resource(&arn),
                    enabled: ctx.val(&arn, recording),
                });
            }
        }
        Service::ApiGateway => {
            let c = &aws_sdk_apigateway::Client::new(conf);
            let apis: Vec<String> = paged!(ctx, "apigateway:GET", c.get_rest_apis())?
                .iter()
                .flat_map(aws_sdk_apigateway::operation::get_rest_apis::GetRestApisOutput::items)
                .filter_map(|a| a.id().map(str::to_owned))
                .collect();
            // Each API's resources with their methods embedded: one listing per API, no
            // call per method.
            let per_api = each(apis, |api| async move {
                let mut methods = Vec::new();
                for page in paged!(
                    ctx,
                    "apigateway:GET",
                    c.get_resources().rest_api_id(&api).embed("methods")
                )? {
                    for r in page.items() {
                        let Some(resource) = r.id() else { continue };
                        let Some(map) = r.resource_methods() else {
                            continue;
                        };
                        let mut verbs: Vec<_> = map.iter().collect();
                        verbs.sort_by(|a, b| a.0.cmp(b.0));
                        for (verb, m) in verbs {
                            let arn = format!(
                                "arn:{}:apigateway:{}::/restapis/{api}/resources/{resource}/methods/{verb}",
                                ctx.partition,
                                ctx.region()
                            );
                            methods.push(apigateway::Method {
                                resource: ctx.resource(&arn),
                                http_method: ctx.val(
                                    &arn,
                                    Some(m.http_method().unwrap_or(verb).to_string()),
                                ),
                                authorization: ctx.val(
                                    &arn,
                                    m.authorization_type().map(str::to_owned),
                                ),
                                api_key_required: ctx.val(&arn, m.api_key_required()),
                            });
                        }
                    }
                }
                Ok(Some(methods))
            })
            .await?;
            aws.apigateway.methods = per_api.into_iter().flatten().collect();
        }
        Service::Ssm => {
            let c = &aws_sdk_ssm::Client::new(conf);
            // The account's own documents (not Amazon's or those shared with it), then whom
            // each is shared with.
            let names: Vec<String> = paged!(
                ctx,
                "ssm:ListDocuments",
                c.list_documents().filters(
                    aws_sdk_ssm::types::DocumentKeyValuesFilter::builder()
                        .key("Owner")
                        .values("Self")
                        .build()
                )
            )?
            .iter()
            .flat_map(
                aws_sdk_ssm::operation::list_documents::ListDocumentsOutput::document_identifiers,
            )
            .filter_map(|d| d.name().map(str::to_owned))
            .collect();
            aws.ssm.documents = each(names, |name| async move {
                let out = call!(
                    ctx,
                    "ssm:DescribeDocumentPermission",
                    c.describe_document_permission()
                        .name(&name)
                        .permission_type(aws_sdk_ssm::types::DocumentPermissionType::Share)
                )?;
                let arn = ctx.arn("ssm", &format!("document/{name}"));
                // `all` among the accounts: shared with every AWS account.
                let public = out
                    .account_ids()
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case("all"));
                Ok(Some(ssm::Document {
                    resource: ctx.resource(&arn),
                    public: ctx.val(&arn, Some(public)),
                }))
            })
            .await?;
        }
        Service::Iam | Service::S3 | Service::Ec2 | Service::CloudControl => {
            return Err(ReadError {
                action: "internal",
                code: None,
                message: format!("{} is not a regional service reader", svc.name()),
            });
        }
    }
    Ok(state)
}

/// A CodeBuild project as BatchGetProjects describes it, with the fields its CloudFormation
/// adapter fills.
fn codebuild_project(ctx: &Ctx, p: &aws_sdk_codebuild::types::Project) -> codebuild::Project {
    let arn = p.arn().map_or_else(
        || {
            ctx.arn(
                "codebuild",
                &format!("project/{}", p.name().unwrap_or_default()),
            )
        },
        str::to_owned,
    );
    let o = ctx.origin(&arn);
    let environment_variables = p
        .environment()
        .map(aws_sdk_codebuild::types::ProjectEnvironment::environment_variables)
        .unwrap_or_default()
        .iter()
        .map(|v| codebuild::EnvironmentVariable {
            meta: Meta::explicit(o.clone()),
            name: Value::explicit(v.name().to_string(), o.clone()),
            name_marks_secret: Value::explicit(
                cloudsentinel_parser::is_secret_identifier(v.name()),
                o.clone(),
            ),
            // The API reports `PLAINTEXT` for a variable declared without a type.
            variable_type: ctx.val(&arn, v.r#type().map(|t| t.as_str().to_string())),
        })
        .collect();
    let artifacts = p
        .artifacts()
        .into_iter()
        .chain(p.secondary_artifacts())
        .map(|a| codebuild::Artifacts {
            meta: Meta::explicit(o.clone()),
            artifact_type: Value::explicit(a.r#type().as_str().to_string(), o.clone()),
            // Absent: encrypted (the API's default, as a template's).
            encryption_disabled: Value::explicit(
                a.encryption_disabled().unwrap_or(false),
                o.clone(),
            ),
        })
        .collect();
    let s3_logs = p.logs_config().and_then(|l| l.s3_logs());
    codebuild::Project {
        resource: ctx.resource(&arn),
        environment_variables,
        // Without a key of the project's own the API reports the AWS managed key for S3
        // (`alias/aws/s3`), which the model spells as no key.
        encryption_key: ctx.val(
            &arn,
            p.encryption_key().map(|k| {
                if k.ends_with(":alias/aws/s3") || k == "alias/aws/s3" {
                    String::new()
                } else {
                    k.to_string()
                }
            }),
        ),
        artifacts,
        // No S3 logs configuration: S3 logs are off.
        s3_logs_enabled: ctx.val(
            &arn,
            Some(s3_logs.is_some_and(|s| s.status().as_str() == "ENABLED")),
        ),
        s3_logs_encryption_disabled: ctx.val(
            &arn,
            Some(
                s3_logs
                    .and_then(aws_sdk_codebuild::types::S3LogsConfig::encryption_disabled)
                    .unwrap_or(false),
            ),
        ),
    }
}

/// A Glue security configuration as GetSecurityConfigurations returns it: the S3 data,
/// CloudWatch logs and job bookmarks targets its adapters fill. Glue gives security
/// configurations no ARN: the address is made in the style of its other resources
/// (`arn:aws:glue:REGION:ACCOUNT:securityConfiguration/NAME`). A mode the API leaves out is
/// Unknown.
fn glue_security_configuration(
    ctx: &Ctx,
    name: &str,
    sc: &aws_sdk_glue::types::SecurityConfiguration,
) -> glue::SecurityConfiguration {
    let arn = ctx.arn("glue", &format!("securityConfiguration/{name}"));
    let o = ctx.origin(&arn);
    let target = |what: &'static str, mode: Option<&str>| glue::EncryptionTarget {
        meta: Meta::explicit(o.clone()),
        what,
        mode: ctx.val(&arn, mode.map(str::to_owned)),
    };
    let mut targets = Vec::new();
    match sc.encryption_configuration() {
        Some(e) => {
            if e.s3_encryption().is_empty() {
                targets.push(target("S3 data", None));
            }
            for s3 in e.s3_encryption() {
                targets.push(target(
                    "S3 data",
                    s3.s3_encryption_mode()
                        .map(aws_sdk_glue::types::S3EncryptionMode::as_str),
                ));
            }
            targets.push(target(
                "CloudWatch logs",
                e.cloud_watch_encryption()
                    .and_then(
                        aws_sdk_glue::types::CloudWatchEncryption::cloud_watch_encryption_mode,
                    )
                    .map(aws_sdk_glue::types::CloudWatchEncryptionMode::as_str),
            ));
            targets.push(target(
                "job bookmarks",
                e.job_bookmarks_encryption()
                    .and_then(
                        aws_sdk_glue::types::JobBookmarksEncryption::job_bookmarks_encryption_mode,
                    )
                    .map(aws_sdk_glue::types::JobBookmarksEncryptionMode::as_str),
            ));
        }
        None => {
            for what in ["S3 data", "CloudWatch logs", "job bookmarks"] {
                targets.push(glue::EncryptionTarget {
                    meta: Meta::unknown(o.clone()),
                    what,
                    mode: Value::unknown(o.clone()),
                });
            }
        }
    }
    glue::SecurityConfiguration {
        resource: ctx.resource(&arn),
        targets,
    }
}

/// A manual DB or DB cluster snapshot with the accounts that may restore it (`all`: anyone);
/// Unknown when the attributes were not returned.
fn rds_snapshot(ctx: &Ctx, arn: &str, restore: Option<Vec<String>>) -> rds::Snapshot {
    rds::Snapshot {
        resource: ctx.resource(arn),
        shared_accounts: match restore {
            Some(accounts) => accounts
                .into_iter()
                .map(|a| ctx.val(arn, Some(a)))
                .collect(),
            None => vec![Value::unknown(ctx.origin(arn))],
        },
    }
}

/// A function's resource policy as permissions: principal, source ARN and account, and
/// organization from each statement's conditions.
fn lambda_permissions(ctx: &Ctx, fn_arn: &str, policy: Option<&str>) -> Vec<lambda::Permission> {
    let Some(json) = policy.and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok()) else {
        return Vec::new();
    };
    let statements = match json.get("Statement") {
        Some(serde_json::Value::Array(a)) => a.clone(),
        Some(o @ serde_json::Value::Object(_)) => vec![o.clone()],
        _ => Vec::new(),
    };
    let cond = |s: &serde_json::Value, key: &str| -> String {
        s.get("Condition")
            .and_then(|cond| cond.as_object())
            .into_iter()
            .flat_map(|ops| ops.values())
            .filter_map(|keys| keys.as_object())
            .flat_map(|keys| keys.iter())
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .unwrap_or_default()
    };
    statements
        .iter()
        .filter(|s| s.get("Effect").and_then(|e| e.as_str()) == Some("Allow"))
        .map(|s| {
            let principal = match s.get("Principal") {
                Some(serde_json::Value::String(p)) => p.clone(),
                Some(serde_json::Value::Object(m)) => m
                    .values()
                    .next()
                    .map(|v| match v {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .unwrap_or_default(),
                _ => String::new(),
            };
            let sid = s.get("Sid").and_then(|v| v.as_str()).unwrap_or("statement");
            let o = ctx.origin(fn_arn);
            lambda::Permission {
                resource: ctx.resource_at(&format!("{fn_arn}#{sid}"), fn_arn),
                principal: Value::explicit(principal, o.clone()),
                source_arn: Value::explicit(cond(s, "AWS:SourceArn"), o.clone()),
                source_account: Value::explicit(cond(s, "AWS:SourceAccount"), o.clone()),
                principal_org_id: Value::explicit(cond(s, "aws:PrincipalOrgID"), o),
            }
        })
        .collect()
}

/// A resource policy read as JSON text: Unknown when it does not parse.
fn live_policy(
    ctx: &Ctx,
    arn: &str,
    text: &str,
) -> Value<cloudsentinel_model::aws::iam::PolicyDocument> {
    let o = ctx.origin(arn);
    match cloudsentinel_parser::policy_document_from_json(text, &o) {
        Some(doc) => Value::explicit(doc, o),
        None => Value::unknown(o),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lambda_policy_statements() {
        let ctx = Ctx {
            region: Some("us-east-1".into()),
            account: "1".into(),
            partition: "aws".into(),
            calls: std::sync::Arc::default(),
            now_secs: 0,
            aws_created: std::sync::Arc::default(),
        };
        let p = lambda_permissions(
            &ctx,
            "arn:aws:lambda:us-east-1:1:function:f",
            Some(
                r#"{"Statement":[{"Sid":"open","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction"},
                {"Sid":"s3","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction",
                 "Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::b"}}}]}"#,
            ),
        );
        assert_eq!(p.len(), 2);
        assert!(p[0].principal.is(|v| v == "*") && p[0].source_arn.is_empty_str());
        assert_eq!(p[1].source_arn.as_str(), Some("arn:aws:s3:::b"));
        let _ = Meta::explicit(ctx.origin("x"));
    }
}
