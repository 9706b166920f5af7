//! `AWS::MSK::Cluster`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::msk::{Cluster, Msk};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Msk) {
    for res in cx.resources("AWS::MSK::Cluster") {
        let node = Obj::resource(res);
        // `ClientBroker` defaults to TLS.
        let transit = node
            .child("EncryptionInfo")
            .and_then(|i| i.child("EncryptionInTransit"));
        let client_broker = match transit {
            Some(t) => t.string("ClientBroker", Some("TLS")),
            None if node
                .field("EncryptionInfo")
                .is_some_and(|f| f.value.is_unknown()) =>
            {
                Value::unknown(src(node.loc()))
            }
            None => Value::default_at("TLS".to_string(), src(node.loc())),
        };
        // Without a key, data at rest uses the AWS managed key.
        let at_rest_kms_key = match node.child("EncryptionInfo") {
            Some(i) => match i.child("EncryptionAtRest") {
                Some(r) => r.string("DataVolumeKMSKeyId", None),
                None => Value::default_at(String::new(), src(i.loc())),
            },
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

/// `LoggingInfo.BrokerLogs.{CloudWatchLogs,Firehose,S3}.Enabled`: true when one destination
/// is enabled; false (Default when nothing is declared) when none is.
fn broker_logs(node: &Obj<'_>) -> Value<bool> {
    let Some(info) = node.child("LoggingInfo") else {
        return Value::default_at(false, src(node.loc()));
    };
    let Some(b) = info.child("BrokerLogs") else {
        return Value::unknown(src(info.loc()));
    };
    let mut unknown = None;
    for dest in ["CloudWatchLogs", "Firehose", "S3"] {
        if let Some(d) = b.child(dest) {
            let enabled = d.bool("Enabled", None);
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

/// `BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type`, `DISABLED` unless set.
fn public_access(node: &Obj<'_>) -> Value<String> {
    let mut at = *node;
    for prop in ["BrokerNodeGroupInfo", "ConnectivityInfo", "PublicAccess"] {
        match at.child(prop) {
            Some(o) => at = o,
            None => return Value::default_at("DISABLED".to_string(), src(at.loc())),
        }
    }
    at.string("Type", Some("DISABLED"))
}

/// `ClientAuthentication.Unauthenticated.Enabled`: a cluster without `ClientAuthentication`
/// authenticates no client.
fn unauthenticated(node: &Obj<'_>) -> Value<bool> {
    match node.child("ClientAuthentication") {
        Some(a) => match a.child("Unauthenticated") {
            Some(u) => u.bool("Enabled", None),
            None => Value::default_at(false, src(a.loc())),
        },
        None => Value::default_at(true, src(node.loc())),
    }
}
