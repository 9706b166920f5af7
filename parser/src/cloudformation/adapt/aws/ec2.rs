//! EC2 and VPC: security groups and their rule resources, VPCs with their flow logs,
//! network ACLs and their entries, EBS volumes, instances, launch templates and subnets.

use crate::adapt::src;
use crate::cloudformation::CfnResource;
use crate::cloudformation::adapt::{Cx, Join, JoinIndex, Obj, Reader, merge_into, resource_meta};
use cloudsentinel_model::aws::ec2::{
    BlockDevice, Ec2, Instance, LaunchKind, LaunchTemplate, NaclRule, NetworkAcl, SecurityGroup,
    SgRule, Subnet, Volume, Vpc,
};
use cloudsentinel_model::{Location, Meta, Value};

/// Device names AMIs use for their root volume.
const ROOT_DEVICES: [&str; 5] = ["/dev/xvda", "/dev/sda1", "/dev/sda", "xvda", "/dev/nvme0n1"];

pub(super) fn adapt(cx: &Cx<'_>, ec2: &mut Ec2) {
    security_groups(cx, ec2);
    vpcs(cx, ec2);
    network_acls(cx, ec2);
    for res in cx.resources("AWS::EC2::Volume") {
        ec2.volumes.push(Volume {
            resource: resource_meta(res),
            encrypted: encrypted(&Obj::resource(res)),
        });
    }
    let templates = cx.resources("AWS::EC2::LaunchTemplate");
    let lt: Vec<LaunchTemplate> = templates.iter().map(|r| launch_template(r)).collect();
    instances(cx, ec2, templates, &lt);
    ec2.launch_templates.extend(lt);
    for res in cx.resources("AWS::AutoScaling::LaunchConfiguration") {
        ec2.launch_templates.push(launch_configuration(res));
    }
    for res in cx.resources("AWS::EC2::Subnet") {
        ec2.subnets.push(Subnet {
            resource: resource_meta(res),
            map_public_ip_on_launch: Obj::resource(res).bool(
                "MapPublicIpOnLaunch",
                Some(cloudsentinel_model::aws::ec2::DEFAULT_MAP_PUBLIC_IP_ON_LAUNCH),
            ),
        });
    }
}

// ---- security groups ------------------------------------------------------------------------

fn security_groups(cx: &Cx<'_>, ec2: &mut Ec2) {
    let parents = cx.resources("AWS::EC2::SecurityGroup");
    let mut groups: Vec<SecurityGroup> = parents.iter().map(|r| group(r)).collect();
    let index = JoinIndex::new(parents, &["GroupName"]);
    let mut orphans: Vec<SecurityGroup> = Vec::new();
    for (rtype, ingress) in [
        ("AWS::EC2::SecurityGroupIngress", true),
        ("AWS::EC2::SecurityGroupEgress", false),
    ] {
        for res in cx.resources(rtype) {
            let rule = sg_rule(&Obj::resource(res));
            let mut target = index.resolve(res.props.get("GroupId"), res);
            if ingress && target == Join::Absent {
                target = index.resolve(res.props.get("GroupName"), res);
            }
            let group = match target {
                Join::One(i) => groups.get_mut(i),
                _ => None,
            };
            let push = |g: &mut SecurityGroup, rule: SgRule| {
                if ingress {
                    g.ingress.push(rule);
                } else {
                    g.egress.push(rule);
                }
            };
            if let Some(g) = group {
                merge_into(&mut g.resource, res);
                push(g, rule);
            } else {
                // The rule is open whatever group it belongs to: check it on its own. Rules
                // added to a VPC's default group (`!GetAtt Vpc.DefaultSecurityGroup`) make it
                // a default group with rules.
                let is_default = res
                    .props
                    .get("GroupId")
                    .and_then(|g| g.source_ref.as_deref())
                    .and_then(|r| r.rsplit_once('.'))
                    .is_some_and(|(_, attr)| {
                        attr == crate::cloudformation::eval::DEFAULT_SECURITY_GROUP_ATTRIBUTE
                    });
                let mut g = SecurityGroup {
                    resource: resource_meta(res),
                    name: Value::unknown(src(res.loc)),
                    is_default,
                    ingress: Vec::new(),
                    egress: Vec::new(),
                    rules_incomplete: false,
                };
                push(&mut g, rule);
                orphans.push(g);
            }
        }
    }
    ec2.security_groups.extend(groups);
    ec2.security_groups.extend(orphans);
}

/// `AWS::EC2::SecurityGroup` with its inline rules. Without `SecurityGroupEgress`, AWS
/// gives a new group an egress rule allowing all traffic.
fn group(res: &CfnResource) -> SecurityGroup {
    let node = Obj::resource(res);
    let at = node.loc();
    let ingress = node.children("SecurityGroupIngress");
    let egress = node.children("SecurityGroupEgress");
    let mut egress_rules: Vec<SgRule> = egress.nodes.iter().map(|r| sg_rule(r)).collect();
    if !node.has("SecurityGroupEgress") {
        egress_rules.push(SgRule {
            meta: Meta::default_at(src(at)),
            protocol: Value::default_at("-1".to_string(), src(at)),
            from_port: Value::default_at(0, src(at)),
            to_port: Value::default_at(65535, src(at)),
            cidrs: vec![Value::default_at(
                cloudsentinel_model::aws::ec2::ANY_IPV4.to_string(),
                src(at),
            )],
        });
    }
    SecurityGroup {
        resource: resource_meta(res),
        name: node.string("GroupName", None),
        is_default: false,
        ingress: ingress.nodes.iter().map(|r| sg_rule(r)).collect(),
        egress: egress_rules,
        rules_incomplete: ingress.incomplete || egress.incomplete,
    }
}

/// An ingress or egress rule (inline or a rule resource): `IpProtocol`, ports and the
/// IPv4 and IPv6 ranges written.
fn sg_rule(r: &Obj<'_>) -> SgRule {
    let cidrs = ["CidrIp", "CidrIpv6"]
        .iter()
        .filter(|a| r.has(a))
        .map(|a| r.string(a, None))
        .collect();
    SgRule {
        meta: Meta::explicit(src(r.loc())),
        protocol: r.string("IpProtocol", None),
        from_port: r.int("FromPort", None),
        to_port: r.int("ToPort", None),
        cidrs,
    }
}

// ---- VPCs -------------------------------------------------------------------------------------

fn vpcs(cx: &Cx<'_>, ec2: &mut Ec2) {
    let parents = cx.resources("AWS::EC2::VPC");
    let mut vpcs: Vec<Vpc> = parents
        .iter()
        .map(|r| Vpc {
            resource: resource_meta(r),
            flow_logs_enabled: Value::default_at(false, src(r.loc)),
            // CloudFormation cannot manage a VPC's default security group, so whether its
            // default rules were removed (outside the template) is not known here; a live
            // scan reads the group itself.
            default_security_group_declared: Value::unknown(src(r.loc)),
        })
        .collect();
    let index = JoinIndex::new(parents, &[]);
    let mut unknown: Vec<&CfnResource> = Vec::new();
    for res in cx.resources("AWS::EC2::FlowLog") {
        let node = Obj::resource(res);
        let of_vpc = match node.string("ResourceType", None).known() {
            Some(t) => t.eq_ignore_ascii_case("VPC"),
            None => true,
        };
        if !of_vpc {
            continue;
        }
        match index.resolve(res.props.get("ResourceId"), res) {
            Join::One(i) => {
                if let Some(v) = vpcs.get_mut(i) {
                    v.flow_logs_enabled = Value::explicit(true, src(res.loc));
                    merge_into(&mut v.resource, res);
                }
            }
            Join::Unknown => unknown.push(res),
            // Flow logs of VPCs declared elsewhere.
            Join::Absent | Join::Missing(_) => {}
        }
    }
    // Unresolved flow logs are applied last, so they never hide a resolved one.
    for res in unknown {
        for &i in index.candidates(res).0 {
            if let Some(v) = vpcs.get_mut(i)
                && !v.flow_logs_enabled.is_true()
            {
                v.flow_logs_enabled = Value::unknown(src(res.loc));
            }
        }
    }
    ec2.vpcs.extend(vpcs);
}

// ---- network ACLs -----------------------------------------------------------------------------

fn network_acls(cx: &Cx<'_>, ec2: &mut Ec2) {
    let parents = cx.resources("AWS::EC2::NetworkAcl");
    let mut acls: Vec<NetworkAcl> = parents
        .iter()
        .map(|r| NetworkAcl {
            resource: resource_meta(r),
            rules: Vec::new(),
        })
        .collect();
    let index = JoinIndex::new(parents, &[]);
    for res in cx.resources("AWS::EC2::NetworkAclEntry") {
        let rules = nacl_rules(&Obj::resource(res));
        match index.resolve(res.props.get("NetworkAclId"), res) {
            Join::One(i) => {
                if let Some(acl) = acls.get_mut(i) {
                    merge_into(&mut acl.resource, res);
                    acl.rules.extend(rules);
                }
            }
            // An open rule is open whatever ACL it belongs to: check it on its own.
            _ => acls.push(NetworkAcl {
                resource: resource_meta(res),
                rules,
            }),
        }
    }
    ec2.network_acls.extend(acls);
}

/// One rule per range written (IPv4 and IPv6); one with an Unknown range when none.
fn nacl_rules(node: &Obj<'_>) -> Vec<NaclRule> {
    let cidrs: Vec<Value<String>> = ["CidrBlock", "Ipv6CidrBlock"]
        .iter()
        .filter(|a| node.has(a))
        .map(|a| node.string(a, None))
        .collect();
    let cidrs = if cidrs.is_empty() {
        vec![Value::unknown(src(node.loc()))]
    } else {
        cidrs
    };
    let (from_port, to_port) = match node.child("PortRange") {
        Some(p) => (p.int("From", None), p.int("To", None)),
        None => (
            Value::unknown(src(node.loc())),
            Value::unknown(src(node.loc())),
        ),
    };
    cidrs
        .into_iter()
        .map(|cidr| NaclRule {
            meta: Meta::explicit(src(node.loc())),
            egress: node.bool("Egress", Some(false)),
            action: node.string("RuleAction", None),
            protocol: node.string("Protocol", None),
            cidr,
            from_port: from_port.clone(),
            to_port: to_port.clone(),
        })
        .collect()
}

// ---- volumes, instances, launch templates --------------------------------------------------------

/// `Encrypted` of a volume or an `Ebs` block device. A volume from a snapshot may be
/// encrypted whatever it says.
fn encrypted(node: &Obj<'_>) -> Value<bool> {
    let v = node.bool(
        "Encrypted",
        Some(cloudsentinel_model::aws::ec2::DEFAULT_EBS_ENCRYPTED),
    );
    if v.is_true() || v.is_unknown() || !node.has("SnapshotId") {
        v
    } else {
        Value::unknown(v.meta.origin)
    }
}

fn unknown_device(at: Location) -> BlockDevice {
    BlockDevice {
        meta: Meta::unknown(src(at)),
        device_name: Value::unknown(src(at)),
        encrypted: Value::unknown(src(at)),
    }
}

/// EBS devices of `BlockDeviceMappings` (instance-store and suppressed devices are not
/// EBS volumes).
fn block_devices(node: &Obj<'_>) -> (Vec<BlockDevice>, bool) {
    let mappings = node.children("BlockDeviceMappings");
    let mut out = Vec::new();
    for m in &mappings.nodes {
        let encrypted = match m.child("Ebs") {
            Some(e) => encrypted(&e),
            None if m.value.is_unknown() => Value::unknown(src(m.loc())),
            None => continue,
        };
        out.push(BlockDevice {
            meta: Meta::explicit(src(m.loc())),
            device_name: m.string("DeviceName", None),
            encrypted,
        });
    }
    (out, mappings.incomplete)
}

fn launch_template(res: &CfnResource) -> LaunchTemplate {
    let node = Obj::resource(res);
    match node.child("LaunchTemplateData") {
        Some(data) => launch_description(res, &data, LaunchKind::Template),
        None => LaunchTemplate {
            resource: resource_meta(res),
            kind: LaunchKind::Template,
            block_devices: Vec::new(),
            http_tokens: Value::default_at(
                cloudsentinel_model::aws::ec2::DEFAULT_HTTP_TOKENS.to_string(),
                src(node.loc()),
            ),
            http_endpoint: Value::default_at(
                cloudsentinel_model::aws::ec2::DEFAULT_HTTP_ENDPOINT.to_string(),
                src(node.loc()),
            ),
        },
    }
}

/// An `AWS::AutoScaling::LaunchConfiguration`: its block devices and metadata options are
/// written like a launch template's data.
fn launch_configuration(res: &CfnResource) -> LaunchTemplate {
    launch_description(res, &Obj::resource(res), LaunchKind::Configuration)
}

/// The block devices and metadata options of `data` (a launch template's data or a launch
/// configuration's properties).
fn launch_description(res: &CfnResource, data: &Obj<'_>, kind: LaunchKind) -> LaunchTemplate {
    let (mut block_devices, incomplete) = block_devices(data);
    if incomplete {
        block_devices.push(unknown_device(data.loc()));
    }
    LaunchTemplate {
        resource: resource_meta(res),
        kind,
        block_devices,
        http_tokens: http_tokens(data),
        http_endpoint: http_endpoint(data),
    }
}

/// `MetadataOptions.HttpTokens`, `optional` unless written.
fn http_tokens(node: &Obj<'_>) -> Value<String> {
    metadata_option(
        node,
        "HttpTokens",
        cloudsentinel_model::aws::ec2::DEFAULT_HTTP_TOKENS,
    )
}

/// `MetadataOptions.HttpEndpoint`, `enabled` unless written.
fn http_endpoint(node: &Obj<'_>) -> Value<String> {
    metadata_option(
        node,
        "HttpEndpoint",
        cloudsentinel_model::aws::ec2::DEFAULT_HTTP_ENDPOINT,
    )
}

/// One property of `MetadataOptions`, `default` unless written.
fn metadata_option(node: &Obj<'_>, property: &str, default: &str) -> Value<String> {
    match node.child("MetadataOptions") {
        Some(o) => o.string(property, Some(default)),
        None => Value::default_at(default.to_string(), src(node.loc())),
    }
}

fn instances(cx: &Cx<'_>, ec2: &mut Ec2, templates: &[&CfnResource], adapted: &[LaunchTemplate]) {
    let index = JoinIndex::new(templates, &["LaunchTemplateName"]);
    for res in cx.resources("AWS::EC2::Instance") {
        let node = Obj::resource(res);
        let at = node.loc();
        let template = node.child("LaunchTemplate");
        let (devices, incomplete) = block_devices(&node);
        let (roots, mut ebs_block_devices): (Vec<BlockDevice>, Vec<BlockDevice>) =
            devices.into_iter().partition(|d| {
                d.device_name
                    .is(|n| ROOT_DEVICES.iter().any(|r| n.eq_ignore_ascii_case(r)))
            });
        if incomplete {
            ebs_block_devices.push(unknown_device(at));
        }
        let root_block_device = match roots.into_iter().next() {
            Some(r) => r,
            // The template (or an unevaluated mapping) may describe the root device.
            None if template.is_some() || incomplete => unknown_device(at),
            None => BlockDevice {
                meta: Meta::default_at(src(at)),
                device_name: Value::unknown(src(at)),
                encrypted: Value::default_at(
                    cloudsentinel_model::aws::ec2::DEFAULT_EBS_ENCRYPTED,
                    src(at),
                ),
            },
        };
        // An option unset on the instance takes the template's setting.
        let option = |property: &str, default: &str, of: fn(&LaunchTemplate) -> &Value<String>| {
            let written = node.child("MetadataOptions").filter(|o| o.has(property));
            match (written, &template) {
                (Some(o), _) => o.string(property, None),
                (None, None) => Value::default_at(default.to_string(), src(at)),
                (None, Some(t)) => template_of(&index, t, res)
                    .and_then(|i| adapted.get(i))
                    .map_or_else(|| Value::unknown(src(t.loc())), |lt| of(lt).clone()),
            }
        };
        let http_tokens = option(
            "HttpTokens",
            cloudsentinel_model::aws::ec2::DEFAULT_HTTP_TOKENS,
            |lt| &lt.http_tokens,
        );
        let http_endpoint = option(
            "HttpEndpoint",
            cloudsentinel_model::aws::ec2::DEFAULT_HTTP_ENDPOINT,
            |lt| &lt.http_endpoint,
        );
        ec2.instances.push(Instance {
            resource: resource_meta(res),
            root_block_device: Some(root_block_device),
            ebs_block_devices,
            http_tokens,
            http_endpoint,
            associate_public_ip: associate_public_ip(&node),
        });
    }
}

/// The primary network interface's `AssociatePublicIpAddress`; without it the subnet
/// decides (Unknown here).
fn associate_public_ip(node: &Obj<'_>) -> Value<bool> {
    let interfaces = node.children("NetworkInterfaces");
    let primary = interfaces
        .nodes
        .iter()
        .find(|n| n.int("DeviceIndex", None).is(|i| *i == 0));
    match primary {
        Some(p) => p.bool("AssociatePublicIpAddress", None),
        None => Value::unknown(src(node.loc())),
    }
}

/// The launch template an instance's `LaunchTemplate {LaunchTemplateId | Name}` names.
fn template_of(index: &JoinIndex, block: &Obj<'_>, res: &CfnResource) -> Option<usize> {
    ["LaunchTemplateId", "LaunchTemplateName"]
        .iter()
        .find_map(
            |a| match index.resolve(block.field(a).map(|f| f.value), res) {
                Join::One(i) => Some(i),
                _ => None,
            },
        )
}
