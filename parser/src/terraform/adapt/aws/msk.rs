//! `aws_msk_cluster`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::msk::{Cluster, Msk};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Msk) {
    for res in cx.resources("aws_msk_cluster") {
        let node = Node::resource(res);
        // `client_broker` defaults to TLS.
        let info = node.children("encryption_info");
        let client_broker = match info.nodes.first() {
            Some(i) => {
                let transit = i.children("encryption_in_transit");
                match transit.nodes.first() {
                    Some(t) => t.string("client_broker", Some("TLS")),
                    None if transit.incomplete => Value::unknown(src(i.loc())),
                    None => Value::default_at("TLS".to_string(), src(i.loc())),
                }
            }
            None if info.incomplete => Value::unknown(src(node.loc())),
            None => Value::default_at("TLS".to_string(), src(node.loc())),
        };
        // Without a key, data at rest uses the AWS managed key.
        let at_rest_kms_key = match info.nodes.first() {
            Some(i) => i.string("encryption_at_rest_kms_key_arn", Some("")),
            None if info.incomplete => Value::unknown(src(node.loc())),
            None => Value::default_at(String::new(), src(node.loc())),
        };
        out.clusters.push(Cluster {
            resource: resource_meta(res),
            client_broker,
            broker_logs: broker_logs(&node),
            at_rest_kms_key,
            unauthenticated: unauthenticated(&node),
            public_access: public_access(&node),
        });
    }
}

/// `logging_info { broker_logs { cloudwatch_logs | firehose | s3 { enabled } } }`: true when
/// one destination is enabled; false (Default when nothing is declared) when none is.
fn broker_logs(node: &Node<'_>) -> Value<bool> {
    let info = node.children("logging_info");
    let Some(i) = info.nodes.first() else {
        return if info.incomplete {
            Value::unknown(src(node.loc()))
        } else {
            Value::default_at(false, src(node.loc()))
        };
    };
    let logs = i.children("broker_logs");
    let Some(b) = logs.nodes.first() else {
        return if logs.incomplete {
            Value::unknown(src(i.loc()))
        } else {
            Value::default_at(false, src(i.loc()))
        };
    };
    let mut unknown = None;
    for dest in ["cloudwatch_logs", "firehose", "s3"] {
        let d = b.children(dest);
        if d.incomplete {
            unknown = Some(Value::unknown(src(b.loc())));
        }
        for n in d.nodes {
            let enabled = n.bool("enabled", None);
            if enabled.is_true() {
                return enabled;
            }
            if enabled.is_unknown() {
                unknown = Some(enabled);
            }
        }
    }
    unknown.unwrap_or_else(|| Value::explicit(false, src(b.loc())))
}

/// `broker_node_group_info { connectivity_info { public_access { type } } }`, `DISABLED`
/// unless set.
fn public_access(node: &Node<'_>) -> Value<String> {
    let mut at = *node;
    for block in [
        "broker_node_group_info",
        "connectivity_info",
        "public_access",
    ] {
        let c = at.children(block);
        match c.nodes.into_iter().next() {
            Some(n) => at = n,
            None if c.incomplete => return Value::unknown(src(at.loc())),
            None => return Value::default_at("DISABLED".to_string(), src(at.loc())),
        }
    }
    at.string("type", Some("DISABLED"))
}

/// `client_authentication { unauthenticated }`: a cluster without the block authenticates
/// no client.
fn unauthenticated(node: &Node<'_>) -> Value<bool> {
    let auth = node.children("client_authentication");
    match auth.nodes.first() {
        Some(a) => a.bool("unauthenticated", Some(false)),
        None if auth.incomplete => Value::unknown(src(node.loc())),
        None => Value::default_at(true, src(node.loc())),
    }
}
