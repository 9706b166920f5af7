//! `AWS::Glue::DataCatalogEncryptionSettings` and `AWS::Glue::SecurityConfiguration`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::aws::glue::{
    CatalogEncryption, EncryptionTarget, Glue, SecurityConfiguration,
};
use cloudsentinel_model::{Meta, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Glue) {
    for res in cx.resources("AWS::Glue::DataCatalogEncryptionSettings") {
        let node = Obj::resource(res);
        let (at_rest_mode, passwords_encrypted) = match node.child("DataCatalogEncryptionSettings")
        {
            Some(s) => (
                match s.child("EncryptionAtRest") {
                    Some(a) => a.string("CatalogEncryptionMode", Some("DISABLED")),
                    None => Value::default_at("DISABLED".to_string(), src(s.loc())),
                },
                match s.child("ConnectionPasswordEncryption") {
                    Some(p) => p.bool("ReturnConnectionPasswordEncrypted", Some(false)),
                    None => Value::default_at(false, src(s.loc())),
                },
            ),
            None => (
                Value::unknown(src(node.loc())),
                Value::unknown(src(node.loc())),
            ),
        };
        out.catalog_encryption.push(CatalogEncryption {
            resource: resource_meta(res),
            at_rest_mode,
            passwords_encrypted,
        });
    }
    for res in cx.resources("AWS::Glue::SecurityConfiguration") {
        let node = Obj::resource(res);
        let mut targets = Vec::new();
        match node.child("EncryptionConfiguration") {
            Some(c) => {
                // `S3Encryptions` is a list; every mode defaults to DISABLED.
                let s3 = c.children("S3Encryptions");
                if s3.nodes.is_empty() {
                    let mode = if s3.incomplete {
                        Value::unknown(src(c.loc()))
                    } else {
                        Value::default_at("DISABLED".to_string(), src(c.loc()))
                    };
                    targets.push(target(Meta::explicit(src(c.loc())), "S3 data", mode));
                }
                for e in s3.nodes {
                    targets.push(target(
                        Meta::explicit(src(e.loc())),
                        "S3 data",
                        e.string("S3EncryptionMode", Some("DISABLED")),
                    ));
                }
                for (prop, mode, what) in [
                    (
                        "CloudWatchEncryption",
                        "CloudWatchEncryptionMode",
                        "CloudWatch logs",
                    ),
                    (
                        "JobBookmarksEncryption",
                        "JobBookmarksEncryptionMode",
                        "job bookmarks",
                    ),
                ] {
                    let mode = match c.child(prop) {
                        Some(p) => p.string(mode, Some("DISABLED")),
                        None => Value::default_at("DISABLED".to_string(), src(c.loc())),
                    };
                    targets.push(target(Meta::explicit(src(c.loc())), what, mode));
                }
            }
            None => {
                for what in ["S3 data", "CloudWatch logs", "job bookmarks"] {
                    targets.push(target(
                        Meta::unknown(src(node.loc())),
                        what,
                        Value::unknown(src(node.loc())),
                    ));
                }
            }
        }
        out.security_configurations.push(SecurityConfiguration {
            resource: resource_meta(res),
            targets,
        });
    }
}

fn target(meta: Meta, what: &'static str, mode: Value<String>) -> EncryptionTarget {
    EncryptionTarget { meta, what, mode }
}
