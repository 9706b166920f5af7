//! `aws_s3_bucket` with its inline configuration (provider v3) and the split resources of
//! provider v4+ joined through their `bucket` attribute.

use super::iam_policy::PolicyDocs;
use crate::terraform::adapt::{Cx, Join, JoinIndex, Node, Reader, merge_into, resource_meta, src};
use crate::terraform::ir::TfResource;
use cloudsentinel_model::aws::s3::{Bucket, Encryption, Grant, PublicAccessBlock, S3};
use cloudsentinel_model::{Location, Value};
use std::collections::HashSet;

/// Split resources that configure a bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Part {
    Acl,
    Policy,
    PublicAccessBlock,
    Versioning,
    Logging,
    Encryption,
    ObjectLock,
}

const PARTS: [(&str, Part); 7] = [
    ("aws_s3_bucket_acl", Part::Acl),
    ("aws_s3_bucket_policy", Part::Policy),
    ("aws_s3_bucket_public_access_block", Part::PublicAccessBlock),
    ("aws_s3_bucket_versioning", Part::Versioning),
    ("aws_s3_bucket_logging", Part::Logging),
    (
        "aws_s3_bucket_server_side_encryption_configuration",
        Part::Encryption,
    ),
    ("aws_s3_bucket_object_lock_configuration", Part::ObjectLock),
];

pub(super) fn adapt(cx: &Cx<'_>, docs: &PolicyDocs<'_>, s3: &mut S3) {
    let parents = cx.resources("aws_s3_bucket");
    let mut buckets: Vec<Bucket> = parents.iter().map(|r| bucket(r, docs)).collect();
    let index = JoinIndex::new(parents, &["bucket"]);
    let mut joined: HashSet<(usize, Part)> = HashSet::new();
    let mut unresolved: Vec<(Part, &TfResource, &[usize])> = Vec::new();
    let mut unresolved_seen: HashSet<(String, Part)> = HashSet::new();
    for (rtype, part) in PARTS {
        for res in cx.resources(rtype) {
            let target = res.body.attr("bucket").map(|a| &a.value);
            match index.resolve(target, res) {
                Join::One(i) => {
                    if let Some(b) = buckets.get_mut(i) {
                        apply(part, b, res, docs);
                        merge_into(&mut b.resource, res);
                        joined.insert((i, part));
                    }
                }
                Join::Unknown => {
                    if part == Part::PublicAccessBlock {
                        // Its bucket is unknown, its own settings are not: judged alone
                        // (the candidate buckets get an Unknown block, so once only).
                        s3.unattached_public_access_blocks
                            .push(public_access_block(&Node::resource(res), res));
                    }
                    let (candidates, prefix) = index.candidates(res);
                    if candidates.is_empty() {
                        cx.notice(
                            res.body.loc,
                            format!(
                                "{}: its bucket could not be evaluated and no bucket is declared in its module or the modules calling it; it is not checked",
                                res.full_address()
                            ),
                        );
                    } else if unresolved_seen.insert((prefix, part)) {
                        // One is enough: every candidate is marked Unknown either way.
                        unresolved.push((part, res, candidates));
                    }
                }
                Join::Missing(name) if part == Part::PublicAccessBlock => {
                    cx.notice(
                        res.body.loc,
                        format!(
                            "{} configures bucket \"{name}\", which is not declared in the scanned configuration; only its own settings are checked",
                            res.full_address()
                        ),
                    );
                    s3.unattached_public_access_blocks
                        .push(public_access_block(&Node::resource(res), res));
                }
                Join::Missing(name) => cx.notice(
                    res.body.loc,
                    format!(
                        "{} configures bucket \"{name}\", which is not declared in the scanned configuration; it is not checked",
                        res.full_address()
                    ),
                ),
                Join::Absent => {}
            }
        }
    }
    // A split resource whose bucket is unknown could configure any bucket of its module
    // instance: what it sets is unknown for each of them, so no check fires on a guess.
    for (part, res, candidates) in unresolved {
        for &i in candidates {
            if part != Part::Policy && joined.contains(&(i, part)) {
                continue;
            }
            if let Some(b) = buckets.get_mut(i) {
                mark_unknown(part, b, res);
            }
        }
    }
    mark_load_balancer_log_targets(cx, &index, &mut buckets);
    s3.buckets.extend(buckets);
    // The account-level block has the same four settings and the same defaults.
    for res in cx.resources("aws_s3_account_public_access_block") {
        s3.account_public_access_blocks
            .push(public_access_block(&Node::resource(res), res));
    }
}

/// Marks the buckets load balancers deliver access logs to: `access_logs { bucket, enabled }`
/// of `aws_lb`/`aws_alb` (off unless enabled) and `aws_elb` (on unless disabled).
fn mark_load_balancer_log_targets(cx: &Cx<'_>, index: &JoinIndex, buckets: &mut [Bucket]) {
    for (rtype, enabled_by_default) in [("aws_lb", false), ("aws_alb", false), ("aws_elb", true)] {
        for res in cx.resources(rtype) {
            let node = Node::resource(res);
            let Some(logs) = node.child("access_logs") else {
                continue;
            };
            if !logs.bool("enabled", Some(enabled_by_default)).is_true() {
                continue;
            }
            if let Join::One(i) = index.resolve(logs.field("bucket").map(|f| f.value), res)
                && let Some(b) = buckets.get_mut(i)
            {
                b.receives_load_balancer_logs = true;
            }
        }
    }
}

/// A bucket with its inline (provider v3) configuration and the defaults of a new bucket.
fn bucket(res: &TfResource, docs: &PolicyDocs<'_>) -> Bucket {
    let node = Node::resource(res);
    let at = node.loc();
    let grants = node.children("grant");
    let mut bucket = Bucket {
        resource: resource_meta(res),
        name: node.string("bucket", None),
        acl: node.string("acl", Some(cloudsentinel_model::aws::s3::DEFAULT_ACL)),
        grants: grants.nodes.iter().map(inline_grant).collect(),
        policies: node
            .field("policy")
            .map(|f| docs.read(f))
            .into_iter()
            .collect(),
        public_access_block: None,
        versioning_enabled: Value::default_at(
            cloudsentinel_model::aws::s3::DEFAULT_VERSIONING_ENABLED,
            src(at),
        ),
        object_lock_enabled: node.bool(
            "object_lock_enabled",
            Some(cloudsentinel_model::aws::s3::DEFAULT_OBJECT_LOCK_ENABLED),
        ),
        logging_enabled: Value::default_at(
            cloudsentinel_model::aws::s3::DEFAULT_ACCESS_LOGGING_ENABLED,
            src(at),
        ),
        encryption: Encryption {
            // SSE-S3 is applied to every new bucket since January 2023.
            algorithm: Value::default_at(
                cloudsentinel_model::aws::s3::DEFAULT_SSE_ALGORITHM.to_string(),
                src(at),
            ),
            kms_key_id: Value::default_at(String::new(), src(at)),
        },
        receives_load_balancer_logs: false,
    };
    let versioning = node.children("versioning");
    if let Some(v) = versioning.nodes.first() {
        bucket.versioning_enabled = v.bool(
            "enabled",
            Some(cloudsentinel_model::aws::s3::DEFAULT_VERSIONING_ENABLED),
        );
    } else if versioning.incomplete {
        bucket.versioning_enabled = Value::unknown(src(at));
    }
    // Provider v3: `object_lock_configuration { object_lock_enabled = "Enabled" }`.
    let lock = node.children("object_lock_configuration");
    if let Some(l) = lock.nodes.first() {
        if !bucket.object_lock_enabled.is_true() {
            bucket.object_lock_enabled = l
                .string("object_lock_enabled", None)
                .map(|s| s.eq_ignore_ascii_case("Enabled"));
        }
    } else if lock.incomplete && !bucket.object_lock_enabled.is_true() {
        bucket.object_lock_enabled = Value::unknown(src(at));
    }
    let logging = node.children("logging");
    if let Some(l) = logging.nodes.first() {
        bucket.logging_enabled = Value::explicit(true, src(l.loc()));
    } else if logging.incomplete {
        bucket.logging_enabled = Value::unknown(src(at));
    }
    let sse = node.children("server_side_encryption_configuration");
    if let Some(c) = sse.nodes.first() {
        bucket.encryption = encryption(c);
    } else if sse.incomplete {
        bucket.encryption = unknown_encryption(at);
    }
    bucket
}

/// `grant { type, uri, permissions }` on the bucket.
fn inline_grant(g: &Node<'_>) -> Grant {
    Grant {
        meta: cloudsentinel_model::Meta::explicit(src(g.loc())),
        grantee_uri: g.string("uri", Some("")),
        permissions: permissions(g.strings("permissions").unwrap_or_default(), g.loc()),
    }
}

fn permissions(items: Vec<Value<String>>, at: Location) -> Value<Vec<String>> {
    let known: Option<Vec<String>> = items.iter().map(|v| v.known().cloned()).collect();
    match known {
        Some(p) => Value::explicit(p, src(at)),
        None => Value::unknown(src(at)),
    }
}

/// `server_side_encryption_configuration { rule { apply_server_side_encryption_by_default {…} } }`
/// (inline and split alike).
fn encryption(config: &Node<'_>) -> Encryption {
    let rules = config.children("rule");
    let by_default = rules
        .nodes
        .iter()
        .find_map(|r| r.child("apply_server_side_encryption_by_default"));
    match by_default {
        Some(d) => Encryption {
            algorithm: d.string("sse_algorithm", None),
            kms_key_id: d.string("kms_master_key_id", Some("")),
        },
        None if rules.incomplete
            || rules.nodes.iter().any(|r| {
                r.children("apply_server_side_encryption_by_default")
                    .incomplete
            }) =>
        {
            unknown_encryption(config.loc())
        }
        // Rules without a default (bucket keys only): S3 still applies SSE-S3.
        None => Encryption {
            algorithm: Value::default_at(
                cloudsentinel_model::aws::s3::DEFAULT_SSE_ALGORITHM.to_string(),
                src(config.loc()),
            ),
            kms_key_id: Value::default_at(String::new(), src(config.loc())),
        },
    }
}

fn unknown_encryption(at: Location) -> Encryption {
    Encryption {
        algorithm: Value::unknown(src(at)),
        kms_key_id: Value::unknown(src(at)),
    }
}

/// Applies a split resource joined to `b`. Provider v4+ resources replace the bucket's
/// inline setting.
fn apply(part: Part, b: &mut Bucket, res: &TfResource, docs: &PolicyDocs<'_>) {
    let node = Node::resource(res);
    let at = node.loc();
    match part {
        Part::Acl => {
            b.acl = node.string("acl", Some(cloudsentinel_model::aws::s3::DEFAULT_ACL));
            b.grants.clear();
            if let Some(policy) = node.child("access_control_policy") {
                let grants = policy.children("grant");
                for g in &grants.nodes {
                    let grantee = g.child("grantee");
                    b.grants.push(Grant {
                        meta: cloudsentinel_model::Meta::explicit(src(g.loc())),
                        grantee_uri: match &grantee {
                            Some(e) => e.string("uri", Some("")),
                            None => Value::unknown(src(g.loc())),
                        },
                        permissions: permissions(
                            g.field("permission")
                                .map(|f| f.strings())
                                .unwrap_or_default(),
                            g.loc(),
                        ),
                    });
                }
            }
        }
        Part::Policy => b.policies.push(docs.read_attr(&node, "policy")),
        Part::PublicAccessBlock => b.public_access_block = Some(public_access_block(&node, res)),
        Part::Versioning => {
            b.versioning_enabled = match node.child("versioning_configuration") {
                Some(c) => c
                    .string("status", None)
                    .map(|s| s.eq_ignore_ascii_case("Enabled")),
                None => Value::unknown(src(at)),
            };
        }
        Part::Logging => b.logging_enabled = Value::explicit(true, src(at)),
        Part::Encryption => b.encryption = encryption(&node),
        // `object_lock_enabled` defaults to "Enabled" and is the only value the API takes.
        Part::ObjectLock => {
            if !b.object_lock_enabled.is_true() {
                b.object_lock_enabled = node
                    .string("object_lock_enabled", Some("Enabled"))
                    .map(|s| s.eq_ignore_ascii_case("Enabled"));
            }
        }
    }
}

/// `aws_s3_bucket_public_access_block`'s four settings (false when omitted).
fn public_access_block(node: &Node<'_>, res: &TfResource) -> PublicAccessBlock {
    let setting = |name: &str| {
        node.bool(
            name,
            Some(cloudsentinel_model::aws::s3::DEFAULT_PUBLIC_ACCESS_BLOCK_SETTING),
        )
    };
    PublicAccessBlock {
        resource: resource_meta(res),
        block_public_acls: setting("block_public_acls"),
        block_public_policy: setting("block_public_policy"),
        ignore_public_acls: setting("ignore_public_acls"),
        restrict_public_buckets: setting("restrict_public_buckets"),
    }
}

/// What an unjoinable split resource would set on `b` is unknown.
fn mark_unknown(part: Part, b: &mut Bucket, res: &TfResource) {
    let at = res.body.loc;
    match part {
        Part::Acl => {
            b.acl = Value::unknown(src(at));
            b.grants.clear();
        }
        Part::Policy => b.policies.push(Value::unknown(src(at))),
        Part::PublicAccessBlock => {
            b.public_access_block = Some(PublicAccessBlock {
                resource: resource_meta(res),
                block_public_acls: Value::unknown(src(at)),
                block_public_policy: Value::unknown(src(at)),
                ignore_public_acls: Value::unknown(src(at)),
                restrict_public_buckets: Value::unknown(src(at)),
            });
        }
        Part::Versioning => b.versioning_enabled = Value::unknown(src(at)),
        Part::Logging => b.logging_enabled = Value::unknown(src(at)),
        Part::Encryption => b.encryption = unknown_encryption(at),
        Part::ObjectLock => {
            if !b.object_lock_enabled.is_true() {
                b.object_lock_enabled = Value::unknown(src(at));
            }
        }
    }
}
