//! `aws_glue_data_catalog_encryption_settings` and `aws_glue_security_configuration`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::aws::glue::{
    CatalogEncryption, EncryptionTarget, Glue, SecurityConfiguration,
};
use cloudsentinel_model::{Meta, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Glue) {
    for res in cx.resources("aws_glue_data_catalog_encryption_settings") {
        let node = Node::resource(res);
        let settings = node.children("data_catalog_encryption_settings");
        let (at_rest_mode, passwords_encrypted) = match settings.nodes.first() {
            Some(s) => {
                let at_rest = s.children("encryption_at_rest");
                let mode = match at_rest.nodes.first() {
                    Some(a) => a.string("catalog_encryption_mode", None),
                    None if at_rest.incomplete => Value::unknown(src(s.loc())),
                    None => Value::default_at("DISABLED".to_string(), src(s.loc())),
                };
                let pw = s.children("connection_password_encryption");
                let encrypted = match pw.nodes.first() {
                    Some(p) => p.bool("return_connection_password_encrypted", None),
                    None if pw.incomplete => Value::unknown(src(s.loc())),
                    None => Value::default_at(false, src(s.loc())),
                };
                (mode, encrypted)
            }
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
    for res in cx.resources("aws_glue_security_configuration") {
        let node = Node::resource(res);
        let config = node.children("encryption_configuration");
        let mut targets = Vec::new();
        match config.nodes.first() {
            Some(c) => {
                for (block, attr, what) in [
                    ("s3_encryption", "s3_encryption_mode", "S3 data"),
                    (
                        "cloudwatch_encryption",
                        "cloudwatch_encryption_mode",
                        "CloudWatch logs",
                    ),
                    (
                        "job_bookmarks_encryption",
                        "job_bookmarks_encryption_mode",
                        "job bookmarks",
                    ),
                ] {
                    // Each mode defaults to DISABLED.
                    let blocks = c.children(block);
                    let mode = match blocks.nodes.first() {
                        Some(b) => b.string(attr, Some("DISABLED")),
                        None if blocks.incomplete => Value::unknown(src(c.loc())),
                        None => Value::default_at("DISABLED".to_string(), src(c.loc())),
                    };
                    targets.push(EncryptionTarget {
                        meta: Meta::explicit(src(c.loc())),
                        what,
                        mode,
                    });
                }
            }
            None => {
                for what in ["S3 data", "CloudWatch logs", "job bookmarks"] {
                    targets.push(EncryptionTarget {
                        meta: Meta::unknown(src(node.loc())),
                        what,
                        mode: Value::unknown(src(node.loc())),
                    });
                }
            }
        }
        out.security_configurations.push(SecurityConfiguration {
            resource: resource_meta(res),
            targets,
        });
    }
}
