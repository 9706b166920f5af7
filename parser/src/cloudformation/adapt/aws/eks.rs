//! `AWS::EKS::Cluster`, `AWS::EKS::Nodegroup`.

use crate::adapt::{non_empty_list, src};
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::aws::eks::{Cluster, Eks, NodeGroup};
use cloudsentinel_model::{Location, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Eks) {
    for res in cx.resources("AWS::EKS::Cluster") {
        let node = Obj::resource(res);
        let at = node.loc();
        let (endpoint_public_access, public_access_cidrs) = match node.child("ResourcesVpcConfig") {
            Some(v) => (
                v.bool(
                    "EndpointPublicAccess",
                    Some(cloudsentinel_model::aws::eks::DEFAULT_ENDPOINT_PUBLIC_ACCESS),
                ),
                cidrs(&v),
            ),
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
            version: match node.field("Version") {
                Some(_) => node.string("Version", None).map(Some),
                None => Value::default_at(None, src(at)),
            },
        });
    }
    for res in cx.resources("AWS::EKS::Nodegroup") {
        let node = Obj::resource(res);
        let (ssh_key_set, ssh_source_groups_set) =
            match (node.field("RemoteAccess"), node.child("RemoteAccess")) {
                (None, _) => (
                    Value::default_at(false, src(node.loc())),
                    Value::default_at(false, src(node.loc())),
                ),
                (Some(_), Some(r)) if !r.value.is_unknown() => (
                    r.field("Ec2SshKey").map_or_else(
                        || Value::default_at(false, src(r.loc())),
                        |k| Value::explicit(true, k.origin()),
                    ),
                    non_empty_list(r.field("SourceSecurityGroups"), r.loc()),
                ),
                (Some(f), _) => (Value::unknown(f.origin()), Value::unknown(f.origin())),
            };
        out.node_groups.push(NodeGroup {
            resource: resource_meta(res),
            ssh_key_set,
            ssh_source_groups_set,
        });
    }
}

/// The `Type` of each entry of `Logging.ClusterLogging.EnabledTypes`; none when absent.
fn log_types(node: &Obj<'_>) -> Value<Vec<String>> {
    let Some(logging) = node.child("Logging") else {
        return Value::default_at(Vec::new(), src(node.loc()));
    };
    let Some(cluster) = logging.child("ClusterLogging") else {
        return Value::default_at(Vec::new(), src(logging.loc()));
    };
    let Some(f) = cluster.field("EnabledTypes") else {
        return Value::default_at(Vec::new(), src(cluster.loc()));
    };
    let entries = cluster.children("EnabledTypes");
    if entries.incomplete || f.value.as_list().is_none() {
        return Value::unknown(f.origin());
    }
    let types: Option<Vec<String>> = entries
        .nodes
        .iter()
        .map(|e| e.string("Type", None).known().cloned())
        .collect();
    match types {
        Some(list) => Value::explicit(list, f.origin()),
        None => Value::unknown(f.origin()),
    }
}

/// `PublicAccessCidrs`, defaulting to the whole internet.
fn cidrs(vpc: &Obj<'_>) -> Value<Vec<String>> {
    let Some(f) = vpc.field("PublicAccessCidrs") else {
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

/// Whether an `EncryptionConfig` with a KMS key covers `secrets`.
fn secrets_encrypted(node: &Obj<'_>, at: Location) -> Value<bool> {
    let configs = node.children("EncryptionConfig");
    let mut unknown_at: Option<Location> = None;
    for c in &configs.nodes {
        let resources = c.strings("Resources").unwrap_or_default();
        let covers = resources.iter().any(|r| r.eq_ignore_case("secrets"));
        let maybe = resources.iter().any(Value::is_unknown);
        let provider = c.child("Provider");
        let has_key = provider.is_some_and(|p| p.has("KeyArn"));
        if covers && has_key {
            return Value::explicit(true, src(c.loc()));
        }
        if maybe || provider.is_some_and(|p| p.value.is_unknown()) {
            unknown_at.get_or_insert(c.loc());
        }
    }
    match unknown_at {
        Some(l) => Value::unknown(src(l)),
        None if configs.incomplete => Value::unknown(src(at)),
        None => match configs.nodes.first() {
            Some(c) => Value::explicit(false, src(c.loc())),
            None => Value::default_at(false, src(at)),
        },
    }
}
