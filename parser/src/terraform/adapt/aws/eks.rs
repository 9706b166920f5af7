//! `aws_eks_cluster`, `aws_eks_node_group`.

use crate::adapt::non_empty_list;
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::aws::eks::{Cluster, Eks, NodeGroup};
use cloudsentinel_model::{Location, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Eks) {
    for res in cx.resources("aws_eks_cluster") {
        let node = Node::resource(res);
        let at = node.loc();
        let vpc = node.children("vpc_config");
        let (endpoint_public_access, public_access_cidrs) = match vpc.nodes.first() {
            Some(v) => (
                v.bool(
                    "endpoint_public_access",
                    Some(cloudsentinel_model::aws::eks::DEFAULT_ENDPOINT_PUBLIC_ACCESS),
                ),
                cidrs(v),
            ),
            None if vpc.incomplete => (Value::unknown(src(at)), Value::unknown(src(at))),
            None => (
                Value::default_at(
                    cloudsentinel_model::aws::eks::DEFAULT_ENDPOINT_PUBLIC_ACCESS,
                    src(at),
                ),
                Value::default_at(
                    vec![cloudsentinel_model::aws::ec2::ANY_IPV4.to_string()],
                    src(at),
                ),
            ),
        };
        out.clusters.push(Cluster {
            resource: resource_meta(res),
            endpoint_public_access,
            public_access_cidrs,
            secrets_encrypted: secrets_encrypted(&node, at),
            log_types: log_types(&node),
            version: optional_string(&node, "version"),
        });
    }
    for res in cx.resources("aws_eks_node_group") {
        let node = Node::resource(res);
        let remote = node.children("remote_access");
        let (ssh_key_set, ssh_source_groups_set) = match remote.nodes.first() {
            Some(r) => (
                r.field("ec2_ssh_key").map_or_else(
                    || Value::default_at(false, src(r.loc())),
                    |f| Value::explicit(true, f.origin()),
                ),
                non_empty_list(r.field("source_security_group_ids"), r.loc()),
            ),
            None if remote.incomplete => (
                Value::unknown(src(node.loc())),
                Value::unknown(src(node.loc())),
            ),
            None => (
                Value::default_at(false, src(node.loc())),
                Value::default_at(false, src(node.loc())),
            ),
        };
        out.node_groups.push(NodeGroup {
            resource: resource_meta(res),
            ssh_key_set,
            ssh_source_groups_set,
        });
    }
}

/// `enabled_cluster_log_types`; none when absent.
fn log_types(node: &Node<'_>) -> Value<Vec<String>> {
    let Some(f) = node.field("enabled_cluster_log_types") else {
        return Value::default_at(Vec::new(), src(node.loc()));
    };
    let known: Option<Vec<String>> = f.strings().iter().map(|v| v.known().cloned()).collect();
    match known {
        Some(list) if f.value.as_list().is_some() => Value::explicit(list, f.origin()),
        _ => Value::unknown(f.origin()),
    }
}

/// A string attribute whose absence means "not set" (`None`).
fn optional_string(node: &Node<'_>, name: &str) -> Value<Option<String>> {
    match node.field(name) {
        Some(_) => node.string(name, None).map(Some),
        None => Value::default_at(None, src(node.loc())),
    }
}

/// `public_access_cidrs`, defaulting to the whole internet.
fn cidrs(vpc: &Node<'_>) -> Value<Vec<String>> {
    let Some(f) = vpc.field("public_access_cidrs") else {
        return Value::default_at(
            vec![cloudsentinel_model::aws::ec2::ANY_IPV4.to_string()],
            src(vpc.loc()),
        );
    };
    let known: Option<Vec<String>> = f.strings().iter().map(|v| v.known().cloned()).collect();
    match known {
        Some(list) if f.value.as_list().is_some() => Value::explicit(list, f.origin()),
        _ => Value::unknown(f.origin()),
    }
}

/// Whether an `encryption_config` with a KMS key covers `secrets`.
fn secrets_encrypted(node: &Node<'_>, at: Location) -> Value<bool> {
    let configs = node.children("encryption_config");
    let mut unknown_at: Option<Location> = None;
    for c in &configs.nodes {
        let resources = c.strings("resources").unwrap_or_default();
        let covers = resources.iter().any(|r| r.eq_ignore_case("secrets"));
        let maybe = resources.iter().any(Value::is_unknown);
        let has_key = c.child("provider").is_some_and(|p| p.has("key_arn"));
        if covers && has_key {
            return Value::explicit(true, src(c.loc()));
        }
        if maybe || c.children("provider").incomplete {
            unknown_at.get_or_insert(c.loc());
        }
    }
    match unknown_at {
        Some(l) => Value::unknown(src(l)),
        None if configs.incomplete => Value::unknown(src(at)),
        None => match configs.nodes.first() {
            // A config that does not cover secrets (or has no key) is a known "no".
            Some(c) => Value::explicit(false, src(c.loc())),
            None => Value::default_at(false, src(at)),
        },
    }
}
