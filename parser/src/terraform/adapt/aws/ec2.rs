//! EC2 and VPC: security groups and their rule resources, VPCs with their flow logs and
//! default security groups, network ACLs, EBS volumes, instances, launch templates and
//! subnets.

use crate::terraform::adapt::{Cx, Join, JoinIndex, Node, Reader, merge_into, resource_meta, src};
use crate::terraform::ir::TfResource;
use cloudsentinel_model::aws::ec2::{
    AmiLaunchPermission, BlockDevice, EbsEncryptionByDefault, Ec2, Instance, LaunchKind,
    LaunchTemplate, NaclRule, NetworkAcl, SecurityGroup, SgRule, Subnet, Volume, Vpc,
};
use cloudsentinel_model::{Location, Meta, Value};
use indexmap::IndexMap;

pub(super) fn adapt(cx: &Cx<'_>, ec2: &mut Ec2) {
    security_groups(cx, ec2);
    vpcs(cx, ec2);
    network_acls(cx, ec2);
    let ebs_default = ebs_encryption_by_default(cx);
    account_settings(cx, ec2);
    volumes(cx, ec2, ebs_default);
    let templates = cx.resources("aws_launch_template");
    let lt: Vec<LaunchTemplate> = templates
        .iter()
        .map(|r| launch_template(r, ebs_default))
        .collect();
    instances(cx, ec2, templates, &lt, ebs_default);
    ec2.launch_templates.extend(lt);
    for res in cx.resources("aws_launch_configuration") {
        ec2.launch_templates
            .push(launch_configuration(res, ebs_default));
    }
    for res in cx.resources("aws_subnet") {
        ec2.subnets.push(Subnet {
            resource: resource_meta(res),
            map_public_ip_on_launch: Node::resource(res).bool(
                "map_public_ip_on_launch",
                Some(cloudsentinel_model::aws::ec2::DEFAULT_MAP_PUBLIC_IP_ON_LAUNCH),
            ),
        });
    }
}

// ---- security groups ------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Ingress,
    Egress,
    Unknown,
}

fn security_groups(cx: &Cx<'_>, ec2: &mut Ec2) {
    let parents: Vec<&TfResource> = cx
        .resources("aws_security_group")
        .iter()
        .chain(cx.resources("aws_default_security_group"))
        .copied()
        .collect();
    let mut groups: Vec<SecurityGroup> = parents.iter().map(|r| group(r)).collect();
    let index = JoinIndex::new(&parents, &[]);
    let mut orphans: Vec<SecurityGroup> = Vec::new();
    let mut attach = |res: &TfResource, direction: Direction, rule: SgRule| {
        let target = res.body.attr("security_group_id").map(|a| &a.value);
        let group = match index.resolve(target, res) {
            Join::One(i) => groups.get_mut(i),
            _ => None,
        };
        if let Some(g) = group {
            merge_into(&mut g.resource, res);
            push_rule(g, direction, rule);
        } else {
            // The rule is open whatever group it belongs to: check it on its own.
            let mut g = SecurityGroup {
                resource: resource_meta(res),
                name: Value::unknown(src(res.body.loc)),
                is_default: false,
                ingress: Vec::new(),
                egress: Vec::new(),
                rules_incomplete: false,
            };
            push_rule(&mut g, direction, rule);
            orphans.push(g);
        }
    };
    for res in cx.resources("aws_security_group_rule") {
        let node = Node::resource(res);
        let direction = match node.string("type", None).known().map(String::as_str) {
            Some("ingress") => Direction::Ingress,
            Some("egress") => Direction::Egress,
            _ => Direction::Unknown,
        };
        let mut cidrs = node.strings("cidr_blocks").unwrap_or_default();
        cidrs.extend(node.strings("ipv6_cidr_blocks").unwrap_or_default());
        let rule = SgRule {
            meta: Meta::explicit(src(node.loc())),
            protocol: node.string("protocol", None),
            from_port: node.int("from_port", None),
            to_port: node.int("to_port", None),
            cidrs,
        };
        attach(res, direction, rule);
    }
    for (rtype, direction) in [
        ("aws_vpc_security_group_ingress_rule", Direction::Ingress),
        ("aws_vpc_security_group_egress_rule", Direction::Egress),
    ] {
        for res in cx.resources(rtype) {
            let node = Node::resource(res);
            let cidrs = ["cidr_ipv4", "cidr_ipv6"]
                .iter()
                .filter(|a| node.has(a))
                .map(|a| node.string(a, None))
                .collect();
            let rule = SgRule {
                meta: Meta::explicit(src(node.loc())),
                protocol: node.string("ip_protocol", None),
                from_port: node.int("from_port", None),
                to_port: node.int("to_port", None),
                cidrs,
            };
            attach(res, direction, rule);
        }
    }
    ec2.security_groups.extend(groups);
    ec2.security_groups.extend(orphans);
}

fn push_rule(g: &mut SecurityGroup, direction: Direction, rule: SgRule) {
    match direction {
        Direction::Ingress => g.ingress.push(rule),
        Direction::Egress => g.egress.push(rule),
        // Neither list can hold a rule of unknown direction without a guess.
        Direction::Unknown => g.rules_incomplete = true,
    }
}

/// `aws_security_group` or `aws_default_security_group` with its inline rules.
fn group(res: &TfResource) -> SecurityGroup {
    let node = Node::resource(res);
    let is_default = res.rtype == "aws_default_security_group";
    let ingress = node.children("ingress");
    let egress = node.children("egress");
    SecurityGroup {
        resource: resource_meta(res),
        name: if is_default {
            Value::default_at("default".to_string(), src(node.loc()))
        } else {
            node.string("name", None)
        },
        is_default,
        ingress: ingress.nodes.iter().map(inline_rule).collect(),
        egress: egress.nodes.iter().map(inline_rule).collect(),
        rules_incomplete: ingress.incomplete || egress.incomplete,
    }
}

fn inline_rule(r: &Node<'_>) -> SgRule {
    let mut cidrs = r.strings("cidr_blocks").unwrap_or_default();
    cidrs.extend(r.strings("ipv6_cidr_blocks").unwrap_or_default());
    SgRule {
        meta: Meta::explicit(src(r.loc())),
        protocol: r.string("protocol", None),
        from_port: r.int("from_port", None),
        to_port: r.int("to_port", None),
        cidrs,
    }
}

// ---- VPCs -------------------------------------------------------------------------------------

fn vpcs(cx: &Cx<'_>, ec2: &mut Ec2) {
    let parents: Vec<&TfResource> = cx
        .resources("aws_vpc")
        .iter()
        .chain(cx.resources("aws_default_vpc"))
        .copied()
        .collect();
    let mut vpcs: Vec<Vpc> = parents
        .iter()
        .map(|r| Vpc {
            resource: resource_meta(r),
            flow_logs_enabled: Value::default_at(false, src(r.body.loc)),
            default_security_group_declared: Value::default_at(false, src(r.body.loc)),
        })
        .collect();
    let index = JoinIndex::new(&parents, &[]);
    // Unresolved references are applied last, so they never hide a resolved one.
    // One per module instance is enough: every VPC there becomes Unknown either way.
    let mut unknown_flow_logs: IndexMap<String, Location> = IndexMap::new();
    let mut unknown_default_sgs: IndexMap<String, Location> = IndexMap::new();
    let mut default_vpc_groups: IndexMap<&str, Location> = IndexMap::new();
    for res in cx.resources("aws_flow_log") {
        let target = res.body.attr("vpc_id").map(|a| &a.value);
        match index.resolve(target, res) {
            Join::One(i) => {
                if let Some(v) = vpcs.get_mut(i) {
                    v.flow_logs_enabled = Value::explicit(true, src(res.body.loc));
                    merge_into(&mut v.resource, res);
                }
            }
            Join::Unknown => {
                unknown_flow_logs
                    .entry(index.candidates(res).1)
                    .or_insert(res.body.loc);
            }
            // Flow logs of subnets or interfaces, or of VPCs declared elsewhere.
            Join::Absent | Join::Missing(_) => {}
        }
    }
    for res in cx.resources("aws_default_security_group") {
        let target = res.body.attr("vpc_id").map(|a| &a.value);
        match index.resolve(target, res) {
            Join::One(i) => {
                if let Some(v) = vpcs.get_mut(i) {
                    v.default_security_group_declared = Value::explicit(true, src(res.body.loc));
                    merge_into(&mut v.resource, res);
                }
            }
            Join::Unknown => {
                unknown_default_sgs
                    .entry(index.candidates(res).1)
                    .or_insert(res.body.loc);
            }
            // Without `vpc_id` it is the default VPC's group (of whichever region).
            Join::Absent => {
                default_vpc_groups
                    .entry(res.module_prefix.as_str())
                    .or_insert(res.body.loc);
            }
            Join::Missing(_) => {}
        }
    }
    for (prefix, at) in unknown_flow_logs {
        for &i in index.in_scope(&prefix) {
            if let Some(v) = vpcs.get_mut(i)
                && !v.flow_logs_enabled.is_true()
            {
                v.flow_logs_enabled = Value::unknown(src(at));
            }
        }
    }
    for (prefix, at) in unknown_default_sgs {
        for &i in index.in_scope(&prefix) {
            if let Some(v) = vpcs.get_mut(i)
                && !v.default_security_group_declared.is_true()
            {
                v.default_security_group_declared = Value::unknown(src(at));
            }
        }
    }
    for (prefix, at) in default_vpc_groups {
        for &i in index.in_scope(prefix) {
            let is_default_vpc = parents.get(i).is_some_and(|p| p.rtype == "aws_default_vpc");
            if let Some(v) = vpcs.get_mut(i)
                && is_default_vpc
                && !v.default_security_group_declared.is_true()
            {
                v.default_security_group_declared = Value::unknown(src(at));
            }
        }
    }
    ec2.vpcs.extend(vpcs);
}

// ---- network ACLs -----------------------------------------------------------------------------

fn network_acls(cx: &Cx<'_>, ec2: &mut Ec2) {
    let parents: Vec<&TfResource> = cx
        .resources("aws_network_acl")
        .iter()
        .chain(cx.resources("aws_default_network_acl"))
        .copied()
        .collect();
    let mut acls: Vec<NetworkAcl> = parents
        .iter()
        .map(|r| {
            let node = Node::resource(r);
            let mut rules = Vec::new();
            for (name, egress) in [("ingress", false), ("egress", true)] {
                for b in &node.children(name).nodes {
                    let direction = Value::explicit(egress, src(b.loc()));
                    rules.extend(nacl_rules(b, direction, "action"));
                }
            }
            NetworkAcl {
                resource: resource_meta(r),
                rules,
            }
        })
        .collect();
    let index = JoinIndex::new(&parents, &[]);
    for res in cx.resources("aws_network_acl_rule") {
        let node = Node::resource(res);
        let rules = nacl_rules(&node, node.bool("egress", Some(false)), "rule_action");
        let target = res.body.attr("network_acl_id").map(|a| &a.value);
        match index.resolve(target, res) {
            Join::One(i) if i < acls.len() => {
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

/// One rule per CIDR written (IPv4 and IPv6 alike); one with an Unknown range when none.
fn nacl_rules(node: &Node<'_>, egress: Value<bool>, action: &str) -> Vec<NaclRule> {
    let cidrs: Vec<Value<String>> = ["cidr_block", "ipv6_cidr_block"]
        .iter()
        .filter(|a| node.has(a))
        .map(|a| node.string(a, None))
        .collect();
    let cidrs = if cidrs.is_empty() {
        vec![Value::unknown(src(node.loc()))]
    } else {
        cidrs
    };
    cidrs
        .into_iter()
        .map(|cidr| NaclRule {
            meta: Meta::explicit(src(node.loc())),
            egress: egress.clone(),
            action: node.string(action, None),
            protocol: node.string("protocol", None),
            cidr,
            from_port: node.int("from_port", None),
            to_port: node.int("to_port", None),
        })
        .collect()
}

// ---- volumes, instances, launch templates --------------------------------------------------------

/// Whether an `aws_ebs_encryption_by_default` may turn on encryption of every new volume.
fn ebs_encryption_by_default(cx: &Cx<'_>) -> bool {
    cx.resources("aws_ebs_encryption_by_default")
        .iter()
        .any(|r| !Node::resource(r).bool("enabled", Some(true)).is_false())
}

/// The account-level `aws_ebs_encryption_by_default` and `aws_ami_launch_permission`.
fn account_settings(cx: &Cx<'_>, ec2: &mut Ec2) {
    for res in cx.resources("aws_ebs_encryption_by_default") {
        ec2.ebs_encryption_defaults.push(EbsEncryptionByDefault {
            resource: resource_meta(res),
            // `enabled` defaults to true.
            enabled: Node::resource(res).bool("enabled", Some(true)),
        });
    }
    for res in cx.resources("aws_ami_launch_permission") {
        // A permission for an account, organization or unit has no `group`.
        ec2.ami_launch_permissions.push(AmiLaunchPermission {
            resource: resource_meta(res),
            group: Node::resource(res).string("group", Some("")),
        });
    }
}

/// `encrypted` of a volume or block device. A volume from a snapshot, or created while
/// the account encrypts new volumes by default, may be encrypted whatever it says.
fn encrypted(node: &Node<'_>, ebs_default: bool) -> Value<bool> {
    let v = node.bool(
        "encrypted",
        Some(cloudsentinel_model::aws::ec2::DEFAULT_EBS_ENCRYPTED),
    );
    if v.is_true() || v.is_unknown() || !(ebs_default || node.has("snapshot_id")) {
        v
    } else {
        Value::unknown(v.meta.origin)
    }
}

fn volumes(cx: &Cx<'_>, ec2: &mut Ec2, ebs_default: bool) {
    for res in cx.resources("aws_ebs_volume") {
        ec2.volumes.push(Volume {
            resource: resource_meta(res),
            encrypted: encrypted(&Node::resource(res), ebs_default),
        });
    }
}

fn launch_template(res: &TfResource, ebs_default: bool) -> LaunchTemplate {
    let node = Node::resource(res);
    let mut block_devices = Vec::new();
    let mappings = node.children("block_device_mappings");
    for m in &mappings.nodes {
        let ebs = m.children("ebs");
        let encrypted = match ebs.nodes.first() {
            Some(e) => encrypted(e, ebs_default),
            None if ebs.incomplete => Value::unknown(src(m.loc())),
            // Instance-store or suppressed devices are not EBS volumes.
            None => continue,
        };
        block_devices.push(BlockDevice {
            meta: Meta::explicit(src(m.loc())),
            device_name: m.string("device_name", None),
            encrypted,
        });
    }
    if mappings.incomplete {
        block_devices.push(unknown_device(node.loc()));
    }
    LaunchTemplate {
        resource: resource_meta(res),
        kind: LaunchKind::Template,
        block_devices,
        http_tokens: http_tokens(&node),
        http_endpoint: http_endpoint(&node),
    }
}

/// An `aws_launch_configuration`: its `root_block_device` and `ebs_block_device` blocks
/// (an undescribed root device comes from the image) and its metadata options.
fn launch_configuration(res: &TfResource, ebs_default: bool) -> LaunchTemplate {
    let node = Node::resource(res);
    let mut block_devices = Vec::new();
    let roots = node.children("root_block_device");
    for r in &roots.nodes {
        block_devices.push(BlockDevice {
            meta: Meta::explicit(src(r.loc())),
            device_name: Value::unknown(src(r.loc())),
            encrypted: encrypted(r, ebs_default),
        });
    }
    let ebs = node.children("ebs_block_device");
    for d in &ebs.nodes {
        // A suppressed device is no volume.
        if d.bool("no_device", Some(false)).is_true() {
            continue;
        }
        block_devices.push(BlockDevice {
            meta: Meta::explicit(src(d.loc())),
            device_name: d.string("device_name", None),
            encrypted: encrypted(d, ebs_default),
        });
    }
    if roots.incomplete || ebs.incomplete {
        block_devices.push(unknown_device(node.loc()));
    }
    LaunchTemplate {
        resource: resource_meta(res),
        kind: LaunchKind::Configuration,
        block_devices,
        http_tokens: http_tokens(&node),
        http_endpoint: http_endpoint(&node),
    }
}

/// `metadata_options.http_tokens`, `optional` unless written.
fn http_tokens(node: &Node<'_>) -> Value<String> {
    metadata_option(
        node,
        "http_tokens",
        cloudsentinel_model::aws::ec2::DEFAULT_HTTP_TOKENS,
    )
}

/// `metadata_options.http_endpoint`, `enabled` unless written.
fn http_endpoint(node: &Node<'_>) -> Value<String> {
    metadata_option(
        node,
        "http_endpoint",
        cloudsentinel_model::aws::ec2::DEFAULT_HTTP_ENDPOINT,
    )
}

/// One attribute of `metadata_options`, `default` unless written.
fn metadata_option(node: &Node<'_>, attribute: &str, default: &str) -> Value<String> {
    let options = node.children("metadata_options");
    match options.nodes.first() {
        Some(o) => o.string(attribute, Some(default)),
        None if options.incomplete => Value::unknown(src(node.loc())),
        None => Value::default_at(default.to_string(), src(node.loc())),
    }
}

fn unknown_device(at: Location) -> BlockDevice {
    BlockDevice {
        meta: Meta::unknown(src(at)),
        device_name: Value::unknown(src(at)),
        encrypted: Value::unknown(src(at)),
    }
}

fn instances(
    cx: &Cx<'_>,
    ec2: &mut Ec2,
    templates: &[&TfResource],
    adapted: &[LaunchTemplate],
    ebs_default: bool,
) {
    let index = JoinIndex::new(templates, &["name"]);
    for res in cx.resources("aws_instance") {
        let node = Node::resource(res);
        let at = node.loc();
        let template = node.child("launch_template");
        let roots = node.children("root_block_device");
        let root_block_device = match roots.nodes.first() {
            Some(r) => BlockDevice {
                meta: Meta::explicit(src(r.loc())),
                device_name: Value::unknown(src(r.loc())),
                encrypted: encrypted(r, ebs_default),
            },
            // The template (or an unknown block) may describe the root device.
            None if template.is_some() || roots.incomplete || ebs_default => unknown_device(at),
            None => BlockDevice {
                meta: Meta::default_at(src(at)),
                device_name: Value::unknown(src(at)),
                encrypted: Value::default_at(
                    cloudsentinel_model::aws::ec2::DEFAULT_EBS_ENCRYPTED,
                    src(at),
                ),
            },
        };
        let ebs = node.children("ebs_block_device");
        let mut ebs_block_devices: Vec<BlockDevice> = ebs
            .nodes
            .iter()
            .map(|d| BlockDevice {
                meta: Meta::explicit(src(d.loc())),
                device_name: d.string("device_name", None),
                encrypted: encrypted(d, ebs_default),
            })
            .collect();
        if ebs.incomplete {
            ebs_block_devices.push(unknown_device(at));
        }
        // An option unset on the instance takes the template's setting.
        let from_template = template
            .as_ref()
            .map(|t| template_of(&index, t, res).and_then(|i| adapted.get(i)));
        let option = |attribute: &str,
                      own: fn(&Node<'_>) -> Value<String>,
                      of: fn(&LaunchTemplate) -> &Value<String>| {
            let written = node.child("metadata_options").filter(|o| o.has(attribute));
            match (written, &from_template) {
                (Some(_), _) | (None, None) => own(&node),
                (None, Some(lt)) => lt.map_or_else(|| Value::unknown(src(at)), |lt| of(lt).clone()),
            }
        };
        let http_tokens = option("http_tokens", http_tokens, |lt| &lt.http_tokens);
        let http_endpoint = option("http_endpoint", http_endpoint, |lt| &lt.http_endpoint);
        ec2.instances.push(Instance {
            resource: resource_meta(res),
            root_block_device: Some(root_block_device),
            ebs_block_devices,
            http_tokens,
            http_endpoint,
            // Without it the subnet decides.
            associate_public_ip: node.bool("associate_public_ip_address", None),
        });
    }
}

/// The launch template an instance's `launch_template { id | name }` names.
fn template_of(index: &JoinIndex, block: &Node<'_>, res: &TfResource) -> Option<usize> {
    ["id", "name"].iter().find_map(
        |a| match index.resolve(block.field(a).map(|f| f.value), res) {
            Join::One(i) => Some(i),
            _ => None,
        },
    )
}
