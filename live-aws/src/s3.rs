//! S3: buckets with their ACL grants, policy, public access block, default encryption,
//! versioning and logging. ListBuckets is global; each bucket is read in its own region.
//! S3 has no batch call for bucket settings, so each bucket costs one call per setting. A
//! setting that cannot be read (a bucket policy that denies the reader, say) is Unknown and
//! named in a notice; the bucket and every other bucket are still delivered. The account's
//! own public access block is read once, through S3 Control.

use super::{Clients, Ctx, ReadError, Result, call};
use cloudsentinel_model::aws::s3::{Bucket, Encryption, Grant, PublicAccessBlock};
use cloudsentinel_model::{Meta, Notice, State, Value};
use futures_util::StreamExt;

pub(crate) async fn read(clients: &Clients, ctx: &Ctx, regions: &[String]) -> Result<State> {
    let home = ctx.region().to_string();
    let account_block = account_public_access_block(clients, ctx, &home).await?;
    let client = clients.s3(&home);
    let out = call!(ctx, "s3:ListAllMyBuckets", client.list_buckets())?;
    let names: Vec<String> = out
        .buckets()
        .iter()
        .filter_map(|b| b.name().map(str::to_owned))
        .collect();
    let home = &home;
    let reads = futures_util::stream::iter(names.into_iter().map(|name| {
        let client = client.clone();
        async move {
            let loc = call!(
                ctx,
                "s3:GetBucketLocation",
                client.get_bucket_location().bucket(&name)
            );
            let region = match loc {
                Ok(loc) => match loc
                    .location_constraint()
                    .map(aws_sdk_s3::types::BucketLocationConstraint::as_str)
                {
                    None | Some("") => "us-east-1".to_string(),
                    Some("EU") => "eu-west-1".to_string(),
                    Some(r) => r.to_string(),
                },
                // Kept, with every setting unknown: a bucket that cannot be read is not
                // a bucket that does not exist.
                Err(e) => return Some(unreadable(ctx, &name, e)),
            };
            if !regions.is_empty() && !regions.contains(&region) {
                return None;
            }
            let ctx = ctx.with_region(&region);
            let client = if region == *home {
                client
            } else {
                clients.s3(&region)
            };
            // Boxed: a bucket's reads make a large future, and eight run at once.
            Some(Box::pin(bucket(&client, &ctx, &name)).await)
        }
    }))
    .buffer_unordered(8)
    .collect::<Vec<Option<BucketRead>>>()
    .await;
    let mut state = State::default();
    for r in reads.into_iter().flatten() {
        for e in r.failures {
            state.notices.push(Notice {
                location: None,
                message: format!(
                    "incomplete: s3 bucket {} could not be read in full (the setting is unknown): {e}",
                    r.name
                ),
            });
        }
        state.aws.s3.buckets.push(r.bucket);
    }
    state
        .aws
        .s3
        .buckets
        .sort_by(|a, b| a.resource.address.cmp(&b.resource.address));
    state.notices.sort_by(|a, b| a.message.cmp(&b.message));
    state
        .aws
        .s3
        .account_public_access_blocks
        .extend(account_block);
    Ok(state)
}

/// The account's own public access block (S3 Control's GetPublicAccessBlock with the account
/// id), known by `arn:PARTITION:s3::ACCOUNT:account-public-access-block`. None when the
/// account has none (NoSuchPublicAccessBlockConfiguration), as when Terraform declares
/// none; a setting the API leaves out is Unknown.
async fn account_public_access_block(
    clients: &Clients,
    ctx: &Ctx,
    home: &str,
) -> Result<Option<PublicAccessBlock>> {
    let client = clients.s3control(home);
    let out = match call!(
        ctx,
        "s3:GetAccountPublicAccessBlock",
        client.get_public_access_block().account_id(&ctx.account)
    ) {
        Ok(out) => out,
        Err(e) if e.is("NoSuchPublicAccessBlockConfiguration") => return Ok(None),
        Err(e) => return Err(e),
    };
    let arn = format!(
        "arn:{}:s3::{}:account-public-access-block",
        ctx.partition, ctx.account
    );
    let pc = out.public_access_block_configuration();
    let flag =
        |f: fn(&aws_sdk_s3control::types::PublicAccessBlockConfiguration) -> Option<bool>| {
            ctx.val(&arn, pc.and_then(f))
        };
    Ok(Some(PublicAccessBlock {
        resource: ctx.resource(&arn),
        block_public_acls: flag(
            aws_sdk_s3control::types::PublicAccessBlockConfiguration::block_public_acls,
        ),
        block_public_policy: flag(
            aws_sdk_s3control::types::PublicAccessBlockConfiguration::block_public_policy,
        ),
        ignore_public_acls: flag(
            aws_sdk_s3control::types::PublicAccessBlockConfiguration::ignore_public_acls,
        ),
        restrict_public_buckets: flag(
            aws_sdk_s3control::types::PublicAccessBlockConfiguration::restrict_public_buckets,
        ),
    }))
}

/// A bucket and the calls about it that failed (their settings are Unknown).
struct BucketRead {
    name: String,
    bucket: Bucket,
    failures: Vec<ReadError>,
}

/// A public access block that could not be read.
fn unknown_block(ctx: &Ctx, arn: &str) -> PublicAccessBlock {
    let o = ctx.origin(arn);
    PublicAccessBlock {
        resource: ctx.resource(arn),
        block_public_acls: Value::unknown(o.clone()),
        block_public_policy: Value::unknown(o.clone()),
        ignore_public_acls: Value::unknown(o.clone()),
        restrict_public_buckets: Value::unknown(o),
    }
}

/// Default encryption that could not be read.
fn unknown_encryption(ctx: &Ctx, arn: &str) -> Encryption {
    Encryption {
        algorithm: Value::unknown(ctx.origin(arn)),
        kms_key_id: Value::unknown(ctx.origin(arn)),
    }
}

/// A bucket whose region could not be read: every setting Unknown.
fn unreadable(ctx: &Ctx, name: &str, e: ReadError) -> BucketRead {
    let arn = format!("arn:{}:s3:::{name}", ctx.partition);
    let o = ctx.origin(&arn);
    BucketRead {
        name: name.to_string(),
        bucket: Bucket {
            resource: ctx.resource(&arn),
            name: ctx.val(&arn, Some(name.to_string())),
            acl: Value::unknown(o.clone()),
            grants: Vec::new(),
            policies: vec![Value::unknown(o.clone())],
            public_access_block: Some(unknown_block(ctx, &arn)),
            versioning_enabled: Value::unknown(o.clone()),
            object_lock_enabled: Value::unknown(o.clone()),
            logging_enabled: Value::unknown(o),
            encryption: unknown_encryption(ctx, &arn),
            receives_load_balancer_logs: false,
        },
        failures: vec![e],
    }
}

async fn bucket(client: &aws_sdk_s3::Client, ctx: &Ctx, name: &str) -> BucketRead {
    let arn = format!("arn:{}:s3:::{name}", ctx.partition);
    let o = ctx.origin(&arn);
    let mut failures = Vec::new();
    let (acl, policy, pab, enc, ver, log) = futures_util::join!(
        async { call!(ctx, "s3:GetBucketAcl", client.get_bucket_acl().bucket(name)) },
        async {
            call!(
                ctx,
                "s3:GetBucketPolicy",
                client.get_bucket_policy().bucket(name)
            )
        },
        async {
            call!(
                ctx,
                "s3:GetBucketPublicAccessBlock",
                client.get_public_access_block().bucket(name)
            )
        },
        async {
            call!(
                ctx,
                "s3:GetEncryptionConfiguration",
                client.get_bucket_encryption().bucket(name)
            )
        },
        async {
            call!(
                ctx,
                "s3:GetBucketVersioning",
                client.get_bucket_versioning().bucket(name)
            )
        },
        async {
            call!(
                ctx,
                "s3:GetBucketLogging",
                client.get_bucket_logging().bucket(name)
            )
        },
    );
    let (acl, grants) = match acl {
        Ok(acl) => (
            // Live buckets report grants, not the canned ACL they were created with.
            Value::default_at(
                cloudsentinel_model::aws::s3::DEFAULT_ACL.to_string(),
                o.clone(),
            ),
            acl.grants()
                .iter()
                .map(|g| Grant {
                    meta: Meta::explicit(o.clone()),
                    grantee_uri: ctx
                        .val(&arn, g.grantee().and_then(|e| e.uri()).map(str::to_owned)),
                    permissions: ctx
                        .val(&arn, g.permission().map(|p| vec![p.as_str().to_string()])),
                })
                .collect(),
        ),
        Err(e) => {
            failures.push(e);
            (Value::unknown(o.clone()), Vec::new())
        }
    };
    let policies = match policy {
        Ok(p) => p
            .policy()
            .map(
                |text| match cloudsentinel_parser::policy_document_from_json(text, &o) {
                    Some(doc) => Value::explicit(doc, o.clone()),
                    None => Value::unknown(o.clone()),
                },
            )
            .into_iter()
            .collect(),
        Err(e) if e.is("NoSuchBucketPolicy") => Vec::new(),
        Err(e) => {
            failures.push(e);
            // Some policy may exist; its content is unknown.
            vec![Value::unknown(o.clone())]
        }
    };
    let flag = |v: Option<bool>| ctx.val(&arn, Some(v.unwrap_or(false)));
    let public_access_block = Some(match pab {
        Ok(p) => {
            let pc = p.public_access_block_configuration();
            PublicAccessBlock {
                resource: ctx.resource(&arn),
                block_public_acls: flag(pc.and_then(
                    aws_sdk_s3::types::PublicAccessBlockConfiguration::block_public_acls,
                )),
                block_public_policy: flag(pc.and_then(
                    aws_sdk_s3::types::PublicAccessBlockConfiguration::block_public_policy,
                )),
                ignore_public_acls: flag(pc.and_then(
                    aws_sdk_s3::types::PublicAccessBlockConfiguration::ignore_public_acls,
                )),
                restrict_public_buckets: flag(pc.and_then(
                    aws_sdk_s3::types::PublicAccessBlockConfiguration::restrict_public_buckets,
                )),
            }
        }
        // A bucket without a public access block has every setting off.
        Err(e) if e.is("NoSuchPublicAccessBlockConfiguration") => PublicAccessBlock {
            resource: ctx.resource(&arn),
            block_public_acls: Value::explicit(false, o.clone()),
            block_public_policy: Value::explicit(false, o.clone()),
            ignore_public_acls: Value::explicit(false, o.clone()),
            restrict_public_buckets: Value::explicit(false, o.clone()),
        },
        Err(e) => {
            failures.push(e);
            unknown_block(ctx, &arn)
        }
    });
    let encryption = match enc {
        Ok(e) => {
            let by_default = e
                .server_side_encryption_configuration()
                .and_then(|conf| conf.rules().first())
                .and_then(|r| r.apply_server_side_encryption_by_default());
            Encryption {
                algorithm: ctx.val(
                    &arn,
                    by_default.map(|d| d.sse_algorithm().as_str().to_string()),
                ),
                kms_key_id: ctx.val(
                    &arn,
                    Some(
                        by_default
                            .and_then(|d| d.kms_master_key_id())
                            .unwrap_or_default()
                            .to_string(),
                    ),
                ),
            }
        }
        // Since January 2023 every bucket is encrypted with S3-managed keys by default.
        Err(e) if e.is("ServerSideEncryptionConfigurationNotFoundError") => Encryption {
            algorithm: Value::default_at(
                cloudsentinel_model::aws::s3::DEFAULT_SSE_ALGORITHM.to_string(),
                o.clone(),
            ),
            kms_key_id: Value::default_at(String::new(), o.clone()),
        },
        Err(e) => {
            failures.push(e);
            unknown_encryption(ctx, &arn)
        }
    };
    let versioning_enabled = match ver {
        Ok(v) => ctx.val(
            &arn,
            Some(v.status().is_some_and(|s| s.as_str() == "Enabled")),
        ),
        Err(e) => {
            failures.push(e);
            Value::unknown(o.clone())
        }
    };
    let logging_enabled = match log {
        Ok(l) => ctx.val(&arn, Some(l.logging_enabled().is_some())),
        Err(e) => {
            failures.push(e);
            Value::unknown(o.clone())
        }
    };
    let object_lock_enabled = if versioning_enabled.is_false() {
        Value::explicit(false, o.clone())
    } else {
        Value::unknown(o.clone())
    };
    BucketRead {
        name: name.to_string(),
        bucket: Bucket {
            resource: ctx.resource(&arn),
            name: ctx.val(&arn, Some(name.to_string())),
            acl,
            grants,
            policies,
            public_access_block,
            versioning_enabled,
            // GetObjectLockConfiguration is not read; but Object Lock keeps versioning on and
            // cannot be turned off, so a bucket whose versioning is known off has none.
            object_lock_enabled,
            logging_enabled,
            encryption,
            // Load balancers' log targets are not read live.
            receives_load_balancer_logs: false,
        },
        failures,
    }
}

/// A Terraform state stored in an S3 backend (`s3://bucket/key`).
pub(crate) async fn state_object(
    clients: &Clients,
    ctx: &Ctx,
    bucket: &str,
    key: &str,
) -> Result<String> {
    let client = clients.s3(ctx.region());
    let out = call!(
        ctx,
        "s3:GetObject",
        client.get_object().bucket(bucket).key(key)
    )?;
    let bytes = out.body.collect().await.map_err(|e| super::ReadError {
        action: "s3:GetObject",
        code: None,
        message: e.to_string(),
    })?;
    Ok(String::from_utf8_lossy(&bytes.into_bytes()).into_owned())
}
