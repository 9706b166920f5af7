//! EC2 in one region: security groups (default groups included), VPCs with their flow logs,
//! network ACLs, subnets, volumes, instances (volume encryption joined from the volumes
//! read) and the latest version of each launch template. Every list is one paginated
//! batch call; only launch template versions are read per template. Also the region's
//! EBS encryption by default (one call) and the launch permissions of the account's own
//! AMIs (DescribeImageAttribute per image).

use super::{Ctx, Result, call, paged};
use aws_config::SdkConfig;
use cloudsentinel_model::aws::ec2::{
    AmiLaunchPermission, BlockDevice, EbsEncryptionByDefault, Instance, LaunchKind, LaunchTemplate,
    NaclRule, NetworkAcl, SecurityGroup, SgRule, Subnet, Volume, Vpc,
};
use cloudsentinel_model::{Meta, State, Value};
use futures_util::StreamExt;
use std::collections::{HashMap, HashSet};

pub(crate) async fn read(conf: &SdkConfig, ctx: &Ctx) -> Result<State> {
    let client = aws_sdk_ec2::Client::new(conf);
    let c = &client;
    let (sgs, vpcs, flow_logs, nacls, subnets, volumes, reservations, templates) = futures_util::join!(
        async {
            paged!(
                ctx,
                "ec2:DescribeSecurityGroups",
                c.describe_security_groups()
            )
        },
        async { paged!(ctx, "ec2:DescribeVpcs", c.describe_vpcs()) },
        async { paged!(ctx, "ec2:DescribeFlowLogs", c.describe_flow_logs()) },
        async { paged!(ctx, "ec2:DescribeNetworkAcls", c.describe_network_acls()) },
        async { paged!(ctx, "ec2:DescribeSubnets", c.describe_subnets()) },
        async { paged!(ctx, "ec2:DescribeVolumes", c.describe_volumes()) },
        async { paged!(ctx, "ec2:DescribeInstances", c.describe_instances()) },
        async {
            paged!(
                ctx,
                "ec2:DescribeLaunchTemplates",
                c.describe_launch_templates()
            )
        },
    );
    let mut state = State::default();
    let ec2 = &mut state.aws.ec2;

    for page in sgs? {
        for g in page.security_groups() {
            let id = g.group_id().unwrap_or_default();
            let arn = ctx.arn("ec2", &format!("security-group/{id}"));
            let rules = |perms: &[aws_sdk_ec2::types::IpPermission]| -> Vec<SgRule> {
                perms
                    .iter()
                    .map(|p| SgRule {
                        meta: Meta::explicit(ctx.origin(&arn)),
                        protocol: ctx.val(&arn, p.ip_protocol().map(str::to_owned)),
                        from_port: ctx.val(&arn, Some(i64::from(p.from_port().unwrap_or(-1)))),
                        to_port: ctx.val(&arn, Some(i64::from(p.to_port().unwrap_or(-1)))),
                        cidrs: p
                            .ip_ranges()
                            .iter()
                            .filter_map(|r| r.cidr_ip())
                            .chain(p.ipv6_ranges().iter().filter_map(|r| r.cidr_ipv6()))
                            .map(|cidr| ctx.val(&arn, Some(cidr.to_string())))
                            .collect(),
                    })
                    .collect()
            };
            if g.group_name() == Some("default") {
                ctx.aws_created(&arn);
            }
            ec2.security_groups.push(SecurityGroup {
                resource: ctx.resource(&arn),
                name: ctx.val(&arn, g.group_name().map(str::to_owned)),
                is_default: g.group_name() == Some("default"),
                ingress: rules(g.ip_permissions()),
                egress: rules(g.ip_permissions_egress()),
                rules_incomplete: false,
            });
        }
    }

    let logged: HashSet<String> = flow_logs?
        .iter()
        .flat_map(aws_sdk_ec2::operation::describe_flow_logs::DescribeFlowLogsOutput::flow_logs)
        .filter_map(|f| f.resource_id().map(str::to_owned))
        .collect();
    for page in vpcs? {
        for v in page.vpcs() {
            let id = v.vpc_id().unwrap_or_default();
            let arn = ctx.arn("ec2", &format!("vpc/{id}"));
            if v.is_default() == Some(true) {
                ctx.aws_created(&arn);
            }
            ec2.vpcs.push(Vpc {
                resource: ctx.resource(&arn),
                flow_logs_enabled: ctx.val(&arn, Some(logged.contains(id))),
                // Live, the default group is read like any other (`is_default`).
                default_security_group_declared: ctx.val(&arn, Some(true)),
            });
        }
    }

    for page in nacls? {
        for n in page.network_acls() {
            let id = n.network_acl_id().unwrap_or_default();
            let arn = ctx.arn("ec2", &format!("network-acl/{id}"));
            if n.is_default() == Some(true) {
                ctx.aws_created(&arn);
            }
            let rules = n
                .entries()
                .iter()
                .map(|e| NaclRule {
                    meta: Meta::explicit(ctx.origin(&arn)),
                    egress: ctx.val(&arn, e.egress()),
                    action: ctx.val(&arn, e.rule_action().map(|a| a.as_str().to_string())),
                    protocol: ctx.val(&arn, e.protocol().map(str::to_owned)),
                    cidr: ctx.val(
                        &arn,
                        e.cidr_block().or(e.ipv6_cidr_block()).map(str::to_owned),
                    ),
                    from_port: ctx.val(
                        &arn,
                        Some(i64::from(
                            e.port_range()
                                .and_then(aws_sdk_ec2::types::PortRange::from)
                                .unwrap_or(0),
                        )),
                    ),
                    to_port: ctx.val(
                        &arn,
                        Some(i64::from(
                            e.port_range()
                                .and_then(aws_sdk_ec2::types::PortRange::to)
                                .unwrap_or(65535),
                        )),
                    ),
                })
                .collect();
            ec2.network_acls.push(NetworkAcl {
                resource: ctx.resource(&arn),
                rules,
            });
        }
    }

    for page in subnets? {
        for s in page.subnets() {
            let arn = s.subnet_arn().map_or_else(
                || {
                    ctx.arn(
                        "ec2",
                        &format!("subnet/{}", s.subnet_id().unwrap_or_default()),
                    )
                },
                str::to_owned,
            );
            if s.default_for_az() == Some(true) {
                ctx.aws_created(&arn);
            }
            ec2.subnets.push(Subnet {
                resource: ctx.resource(&arn),
                map_public_ip_on_launch: ctx.val(&arn, s.map_public_ip_on_launch()),
            });
        }
    }

    let mut encrypted: HashMap<String, bool> = HashMap::new();
    for page in volumes? {
        for v in page.volumes() {
            let id = v.volume_id().unwrap_or_default();
            let arn = ctx.arn("ec2", &format!("volume/{id}"));
            encrypted.insert(id.to_string(), v.encrypted().unwrap_or(false));
            ec2.volumes.push(Volume {
                resource: ctx.resource(&arn),
                encrypted: ctx.val(&arn, v.encrypted()),
            });
        }
    }

    for page in reservations? {
        for i in page
            .reservations()
            .iter()
            .flat_map(aws_sdk_ec2::types::Reservation::instances)
        {
            let id = i.instance_id().unwrap_or_default();
            let arn = ctx.arn("ec2", &format!("instance/{id}"));
            let root = i.root_device_name();
            let mut root_block_device = None;
            let mut ebs_block_devices = Vec::new();
            for m in i.block_device_mappings() {
                let vol = m.ebs().and_then(|e| e.volume_id());
                let dev = BlockDevice {
                    meta: Meta::explicit(ctx.origin(&arn)),
                    device_name: ctx.val(&arn, m.device_name().map(str::to_owned)),
                    encrypted: ctx.val(&arn, vol.and_then(|v| encrypted.get(v).copied())),
                };
                if m.device_name().is_some() && m.device_name() == root {
                    root_block_device = Some(dev);
                } else {
                    ebs_block_devices.push(dev);
                }
            }
            ec2.instances.push(Instance {
                resource: ctx.resource(&arn),
                root_block_device,
                ebs_block_devices,
                http_tokens: ctx.val(
                    &arn,
                    i.metadata_options()
                        .and_then(|m| m.http_tokens())
                        .map(|t| t.as_str().to_string()),
                ),
                http_endpoint: ctx.val(
                    &arn,
                    i.metadata_options()
                        .and_then(|m| m.http_endpoint())
                        .map(|e| e.as_str().to_string()),
                ),
                associate_public_ip: ctx.val(&arn, Some(i.public_ip_address().is_some())),
            });
        }
    }

    let ids: Vec<String> = templates?
        .iter()
        .flat_map(aws_sdk_ec2::operation::describe_launch_templates::DescribeLaunchTemplatesOutput::launch_templates)
        .filter_map(|t| t.launch_template_id().map(str::to_owned))
        .collect();
    let versions = futures_util::stream::iter(ids.into_iter().map(|id| async move {
        let out = call!(
            ctx,
            "ec2:DescribeLaunchTemplateVersions",
            c.describe_launch_template_versions()
                .launch_template_id(&id)
                .versions("$Latest")
        )?;
        Ok::<_, super::ReadError>((id, out))
    }))
    .buffer_unordered(4)
    .collect::<Vec<_>>()
    .await;
    let mut templates = Vec::new();
    for r in versions {
        let (id, out) = r?;
        let arn = ctx.arn("ec2", &format!("launch-template/{id}"));
        let data = out
            .launch_template_versions()
            .first()
            .and_then(|v| v.launch_template_data());
        templates.push(LaunchTemplate {
            resource: ctx.resource(&arn),
            kind: LaunchKind::Template,
            block_devices: data
                .map(aws_sdk_ec2::types::ResponseLaunchTemplateData::block_device_mappings)
                .unwrap_or_default()
                .iter()
                .filter(|m| m.ebs().is_some())
                .map(|m| BlockDevice {
                    meta: Meta::explicit(ctx.origin(&arn)),
                    device_name: ctx.val(&arn, m.device_name().map(str::to_owned)),
                    encrypted: ctx.val(
                        &arn,
                        Some(
                            m.ebs()
                                .and_then(
                                    aws_sdk_ec2::types::LaunchTemplateEbsBlockDevice::encrypted,
                                )
                                .unwrap_or(false),
                        ),
                    ),
                })
                .collect(),
            http_tokens: match data.and_then(|d| d.metadata_options()) {
                Some(m) => ctx.val(&arn, m.http_tokens().map(|t| t.as_str().to_string())),
                // No metadata options: the instance gets the account default (optional).
                None => Value::default_at(
                    cloudsentinel_model::aws::ec2::DEFAULT_HTTP_TOKENS.to_string(),
                    ctx.origin(&arn),
                ),
            },
            http_endpoint: match data.and_then(|d| d.metadata_options()) {
                Some(m) => ctx.val(&arn, m.http_endpoint().map(|e| e.as_str().to_string())),
                None => Value::default_at(
                    cloudsentinel_model::aws::ec2::DEFAULT_HTTP_ENDPOINT.to_string(),
                    ctx.origin(&arn),
                ),
            },
        });
    }
    templates.sort_by(|a, b| a.resource.address.cmp(&b.resource.address));
    ec2.launch_templates = templates;

    // Encryption of new volumes by default: one setting per account and region, which AWS
    // made (it is never unmanaged).
    let out = call!(
        ctx,
        "ec2:GetEbsEncryptionByDefault",
        c.get_ebs_encryption_by_default()
    )?;
    let arn = ctx.arn("ec2", "ebs-encryption-by-default");
    ec2.ebs_encryption_defaults.push(EbsEncryptionByDefault {
        resource: ctx.resource(&arn),
        enabled: ctx.val(&arn, out.ebs_encryption_by_default()),
    });
    ctx.aws_created(&arn);

    // The account's own AMIs and who may launch each: one entry per permission, as
    // `aws_ami_launch_permission` declares them.
    let images: Vec<String> = paged!(
        ctx,
        "ec2:DescribeImages",
        c.describe_images().owners("self")
    )?
    .iter()
    .flat_map(|p| {
        p.images()
            .iter()
            .filter_map(|i| i.image_id().map(str::to_owned))
    })
    .collect();
    let permissions: Vec<Result<Vec<AmiLaunchPermission>>> =
        futures_util::stream::iter(images.into_iter().map(|image| async move {
            let out = call!(
                ctx,
                "ec2:DescribeImageAttribute",
                c.describe_image_attribute()
                    .image_id(&image)
                    .attribute(aws_sdk_ec2::types::ImageAttributeName::LaunchPermission)
            )?;
            Ok(out
                .launch_permissions()
                .iter()
                .filter_map(|p| {
                    let group = p.group().map(|g| g.as_str().to_string());
                    let principal = group
                        .clone()
                        .or_else(|| p.user_id().map(str::to_owned))
                        .or_else(|| p.organization_arn().map(str::to_owned))
                        .or_else(|| p.organizational_unit_arn().map(str::to_owned))?;
                    let arn = ctx.arn(
                        "ec2",
                        &format!("image/{image}/launch-permission/{principal}"),
                    );
                    Some(AmiLaunchPermission {
                        resource: ctx.resource(&arn),
                        // A permission for an account, organization or unit has no group.
                        group: ctx.val(&arn, Some(group.unwrap_or_default())),
                    })
                })
                .collect())
        }))
        .buffered(4)
        .collect()
        .await;
    for p in permissions {
        ec2.ami_launch_permissions.extend(p?);
    }
    Ok(state)
}
