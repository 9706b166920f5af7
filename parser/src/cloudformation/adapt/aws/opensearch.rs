//! `AWS::OpenSearchService::Domain` and `AWS::Elasticsearch::Domain`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use crate::policy::document_value;
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::opensearch::{Domain, OpenSearch};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut OpenSearch) {
    for rtype in [
        "AWS::OpenSearchService::Domain",
        "AWS::Elasticsearch::Domain",
    ] {
        for res in cx.resources(rtype) {
            let node = Obj::resource(res);
            // The encryption options and fine-grained access control default to disabled.
            let option = |name: &str| match (node.child(name), node.has(name)) {
                (Some(o), _) => o.bool("Enabled", Some(false)),
                (None, true) => Value::unknown(src(node.loc())),
                (None, false) => Value::default_at(false, src(node.loc())),
            };
            let in_vpc = match (node.child("VPCOptions"), node.has("VPCOptions")) {
                (Some(v), _) if v.value.is_unknown() => Value::unknown(src(v.loc())),
                (Some(v), _) => Value::explicit(true, src(v.loc())),
                (None, true) => Value::unknown(src(node.loc())),
                (None, false) => Value::default_at(false, src(node.loc())),
            };
            // `EnforceHTTPS` defaults to false; `TLSSecurityPolicy` has no documented
            // default.
            let (enforce_https, tls_security_policy) = match node.child("DomainEndpointOptions") {
                Some(e) => (
                    e.bool("EnforceHTTPS", Some(false)),
                    e.string("TLSSecurityPolicy", None),
                ),
                None => (
                    Value::default_at(false, src(node.loc())),
                    Value::unknown(src(node.loc())),
                ),
            };
            out.domains.push(Domain {
                resource: resource_meta(res),
                encrypt_at_rest: option("EncryptionAtRestOptions"),
                node_to_node: option("NodeToNodeEncryptionOptions"),
                in_vpc,
                enforce_https,
                tls_security_policy,
                fine_grained_access: option("AdvancedSecurityOptions"),
                audit_logs: audit_logs(&node),
                policies: node
                    .field("AccessPolicies")
                    .map(|f| document_value(f.value, f.loc, f.scope))
                    .into_iter()
                    .collect(),
            });
        }
    }
}

/// `LogPublishingOptions.AUDIT_LOGS.Enabled`; false at the resource without an `AUDIT_LOGS`
/// entry. An entry without `Enabled` is Unknown: AWS documents no default.
fn audit_logs(node: &Obj<'_>) -> Value<bool> {
    match (
        node.child("LogPublishingOptions"),
        node.has("LogPublishingOptions"),
    ) {
        (Some(logs), _) if logs.value.is_unknown() => Value::unknown(src(logs.loc())),
        (Some(logs), _) => match (logs.child("AUDIT_LOGS"), logs.has("AUDIT_LOGS")) {
            (Some(audit), _) => audit.bool("Enabled", None),
            (None, true) => Value::unknown(src(logs.loc())),
            (None, false) => Value::default_at(false, src(node.loc())),
        },
        (None, true) => Value::unknown(src(node.loc())),
        (None, false) => Value::default_at(false, src(node.loc())),
    }
}
