//! `AWS::S3::Bucket` with its inline configuration, and `AWS::S3::BucketPolicy` joined
//! through its `Bucket` property.

use crate::adapt::src;
use crate::cloudformation::CfnResource;
use crate::cloudformation::adapt::{Cx, Join, JoinIndex, Obj, Reader, merge_into, resource_meta};
use crate::dynvalue::Dyn;
use crate::policy::document_value;
use cloudsentinel_model::aws::s3::{Bucket, Encryption, PublicAccessBlock, S3};
use cloudsentinel_model::{Location, Value};

/// CloudFormation's `AccessControl` spellings and the canned ACLs they stand for.
const CANNED_ACLS: [(&str, &str); 8] = [
    ("Private", "private"),
    ("PublicRead", "public-read"),
    ("PublicReadWrite", "public-read-write"),
    ("AuthenticatedRead", "authenticated-read"),
    ("LogDeliveryWrite", "log-delivery-write"),
    ("BucketOwnerRead", "bucket-owner-read"),
    ("BucketOwnerFullControl", "bucket-owner-full-control"),
    ("AwsExecRead", "aws-exec-read"),
];

pub(super) fn adapt(cx: &Cx<'_>, s3: &mut S3) {
    let parents = cx.resources("AWS::S3::Bucket");
    let mut buckets: Vec<Bucket> = parents.iter().map(|r| bucket(r)).collect();
    let index = JoinIndex::new(parents, &["BucketName"]);
    for res in cx.resources("AWS::S3::BucketPolicy") {
        let node = Obj::resource(res);
        let document = match node.field("PolicyDocument") {
            Some(f) => document_value(f.value, f.loc, f.scope),
            None => Value::unknown(src(res.loc)),
        };
        match index.resolve(res.props.get("Bucket"), res) {
            Join::One(i) => {
                if let Some(b) = buckets.get_mut(i) {
                    b.policies.push(document);
                    merge_into(&mut b.resource, res);
                }
            }
            Join::Unknown => {
                // It could configure any bucket of its stack: each gets an Unknown policy,
                // so no check concludes a bucket has no (or no denying) policy.
                let (candidates, _) = index.candidates(res);
                if candidates.is_empty() {
                    cx.notice(
                        res.loc,
                        format!(
                            "{}: its bucket could not be evaluated and no bucket is declared in its stack; it is not checked",
                            res.full_address()
                        ),
                    );
                }
                for &i in candidates {
                    if let Some(b) = buckets.get_mut(i) {
                        b.policies.push(Value::unknown(src(res.loc)));
                    }
                }
            }
            Join::Missing(name) => cx.notice(
                res.loc,
                format!(
                    "{} configures bucket \"{name}\", which is not declared in the scanned templates; it is not checked",
                    res.full_address()
                ),
            ),
            Join::Absent => {}
        }
    }
    mark_load_balancer_log_targets(cx, &index, &mut buckets);
    s3.buckets.extend(buckets);
}

/// Marks the buckets load balancers deliver access logs to: an Application or Network Load
/// Balancer's `access_logs.s3.enabled` / `access_logs.s3.bucket` attributes, a Classic Load
/// Balancer's `AccessLoggingPolicy`.
fn mark_load_balancer_log_targets(cx: &Cx<'_>, index: &JoinIndex, buckets: &mut [Bucket]) {
    let mut targets: Vec<(&CfnResource, Option<&Dyn>)> = Vec::new();
    for res in cx.resources("AWS::ElasticLoadBalancingV2::LoadBalancer") {
        let node = Obj::resource(res);
        let attrs = node.children("LoadBalancerAttributes");
        let value_of = |key: &str| {
            attrs
                .nodes
                .iter()
                .find(|a| a.string("Key", None).eq_ignore_case(key))
                .and_then(|a| a.field("Value"))
        };
        let enabled = value_of("access_logs.s3.enabled")
            .and_then(|f| crate::adapt::as_bool(f.value))
            .unwrap_or(false);
        if enabled {
            targets.push((res, value_of("access_logs.s3.bucket").map(|f| f.value)));
        }
    }
    for res in cx.resources("AWS::ElasticLoadBalancing::LoadBalancer") {
        let node = Obj::resource(res);
        if let Some(policy) = node.child("AccessLoggingPolicy")
            && policy.bool("Enabled", None).is_true()
        {
            targets.push((res, policy.field("S3BucketName").map(|f| f.value)));
        }
    }
    for (res, bucket) in targets {
        if let Join::One(i) = index.resolve(bucket, res)
            && let Some(b) = buckets.get_mut(i)
        {
            b.receives_load_balancer_logs = true;
        }
    }
}

/// A bucket with its properties and the defaults of a new bucket.
fn bucket(res: &CfnResource) -> Bucket {
    let node = Obj::resource(res);
    let at = node.loc();
    let acl = node
        .string(
            "AccessControl",
            Some(cloudsentinel_model::aws::s3::DEFAULT_ACL),
        )
        .map(|a| {
            CANNED_ACLS
                .iter()
                .find(|(cfn, _)| cfn.eq_ignore_ascii_case(&a))
                .map(|(_, canned)| canned.to_string())
                .unwrap_or(a)
        });
    let public_access_block = node.child("PublicAccessBlockConfiguration").map(|c| {
        let mut meta = resource_meta(res);
        meta.origin = src(c.loc());
        PublicAccessBlock {
            resource: meta,
            block_public_acls: c.bool(
                "BlockPublicAcls",
                Some(cloudsentinel_model::aws::s3::DEFAULT_PUBLIC_ACCESS_BLOCK_SETTING),
            ),
            block_public_policy: c.bool(
                "BlockPublicPolicy",
                Some(cloudsentinel_model::aws::s3::DEFAULT_PUBLIC_ACCESS_BLOCK_SETTING),
            ),
            ignore_public_acls: c.bool(
                "IgnorePublicAcls",
                Some(cloudsentinel_model::aws::s3::DEFAULT_PUBLIC_ACCESS_BLOCK_SETTING),
            ),
            restrict_public_buckets: c.bool(
                "RestrictPublicBuckets",
                Some(cloudsentinel_model::aws::s3::DEFAULT_PUBLIC_ACCESS_BLOCK_SETTING),
            ),
        }
    });
    let versioning_enabled = match node.child("VersioningConfiguration") {
        Some(v) => v
            .string("Status", None)
            .map(|s| s.eq_ignore_ascii_case("Enabled")),
        None => Value::default_at(
            cloudsentinel_model::aws::s3::DEFAULT_VERSIONING_ENABLED,
            src(at),
        ),
    };
    let object_lock_enabled = node.bool(
        "ObjectLockEnabled",
        Some(cloudsentinel_model::aws::s3::DEFAULT_OBJECT_LOCK_ENABLED),
    );
    let logging_enabled = match node.field("LoggingConfiguration") {
        // Without a destination, logs go to the bucket itself: still logging.
        Some(f) if f.value.as_map().is_some() => Value::explicit(true, f.origin()),
        Some(f) => Value::unknown(f.origin()),
        None => Value::default_at(
            cloudsentinel_model::aws::s3::DEFAULT_ACCESS_LOGGING_ENABLED,
            src(at),
        ),
    };
    let encryption = match node.child("BucketEncryption") {
        Some(e) => encryption(&e),
        None => default_encryption(at),
    };
    Bucket {
        resource: resource_meta(res),
        name: node.string("BucketName", None),
        acl,
        grants: Vec::new(),
        policies: Vec::new(),
        public_access_block,
        versioning_enabled,
        object_lock_enabled,
        logging_enabled,
        encryption,
        receives_load_balancer_logs: false,
    }
}

/// SSE-S3 is applied to every new bucket since January 2023.
fn default_encryption(at: Location) -> Encryption {
    Encryption {
        algorithm: Value::default_at(
            cloudsentinel_model::aws::s3::DEFAULT_SSE_ALGORITHM.to_string(),
            src(at),
        ),
        kms_key_id: Value::default_at(String::new(), src(at)),
    }
}

/// `BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault`.
fn encryption(config: &Obj<'_>) -> Encryption {
    let rules = config.children("ServerSideEncryptionConfiguration");
    let by_default = rules
        .nodes
        .iter()
        .find_map(|r| r.child("ServerSideEncryptionByDefault"));
    match by_default {
        Some(d) => Encryption {
            algorithm: d.string("SSEAlgorithm", None),
            kms_key_id: d.string("KMSMasterKeyID", Some("")),
        },
        None if rules.incomplete || config.value.is_unknown() => Encryption {
            algorithm: Value::unknown(src(config.loc())),
            kms_key_id: Value::unknown(src(config.loc())),
        },
        // Rules without a default (bucket keys only): S3 still applies SSE-S3.
        None => default_encryption(config.loc()),
    }
}
