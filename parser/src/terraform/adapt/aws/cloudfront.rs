//! `aws_cloudfront_distribution`.

use crate::adapt::Field;
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::aws::cloudfront::{
    CloudFront, DEFAULT_CERTIFICATE_PROTOCOL, DEFAULT_MINIMUM_PROTOCOL_VERSION, Distribution,
    Origin, is_s3_rest_endpoint,
};
use cloudsentinel_model::{Meta, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut CloudFront) {
    for res in cx.resources("aws_cloudfront_distribution") {
        let node = Node::resource(res);
        let at = node.loc();
        let mut viewer_protocol_policies = Vec::new();
        for block in ["default_cache_behavior", "ordered_cache_behavior"] {
            let behaviors = node.children(block);
            for b in &behaviors.nodes {
                viewer_protocol_policies.push(b.string("viewer_protocol_policy", None));
            }
            if behaviors.incomplete {
                viewer_protocol_policies.push(Value::unknown(src(node.loc())));
            }
        }
        let web_acl = match node.field("web_acl_id") {
            Some(_) => node.string("web_acl_id", None).map(|id| !id.is_empty()),
            None => Value::default_at(false, src(node.loc())),
        };
        let logs = node.children("logging_config");
        let logging = if logs.incomplete {
            Value::unknown(src(node.loc()))
        } else {
            match logs.nodes.first() {
                Some(l) => Value::explicit(true, src(l.loc())),
                None => Value::default_at(false, src(node.loc())),
            }
        };
        let certs = node.children("viewer_certificate");
        let minimum_protocol_version = match certs.nodes.first() {
            Some(c) => minimum_protocol_version(c),
            None if certs.incomplete => Value::unknown(src(at)),
            None => Value::default_at(DEFAULT_CERTIFICATE_PROTOCOL.to_string(), src(at)),
        };
        let blocks = node.children("origin");
        let mut origins: Vec<Origin> = blocks.nodes.iter().map(origin).collect();
        if blocks.incomplete {
            origins.push(Origin::unknown(src(at)));
        }
        out.distributions.push(Distribution {
            resource: resource_meta(res),
            viewer_protocol_policies,
            web_acl,
            logging,
            minimum_protocol_version,
            origins,
        });
    }
}

/// The security policy viewers get: `TLSv1` with the default certificate, else
/// `minimum_protocol_version`.
fn minimum_protocol_version(cert: &Node<'_>) -> Value<String> {
    let default_cert = cert.bool("cloudfront_default_certificate", Some(false));
    if default_cert.is_true() {
        default_cert.map(|_| DEFAULT_CERTIFICATE_PROTOCOL.to_string())
    } else if default_cert.is_unknown() {
        Value::unknown(default_cert.meta.origin)
    } else {
        cert.string(
            "minimum_protocol_version",
            Some(DEFAULT_MINIMUM_PROTOCOL_VERSION),
        )
    }
}

fn origin(o: &Node<'_>) -> Origin {
    let at = o.loc();
    let s3_config = o.children("s3_origin_config");
    let custom = o.children("custom_origin_config");
    let s3 = if !s3_config.nodes.is_empty() {
        Value::explicit(true, src(at))
    } else if !custom.nodes.is_empty() {
        Value::explicit(false, src(at))
    } else if s3_config.incomplete || custom.incomplete {
        Value::unknown(src(at))
    } else {
        o.string("domain_name", None)
            .map(|d| is_s3_rest_endpoint(&d))
    };
    let oac = id_set(o.field("origin_access_control_id"), at);
    let access_control = if oac.is_true() {
        oac
    } else {
        match s3_config.nodes.first() {
            Some(c) => {
                let oai = id_set(c.field("origin_access_identity"), c.loc());
                if oai.is_true() || oac.is_false() {
                    oai
                } else {
                    oac
                }
            }
            None if s3_config.incomplete => Value::unknown(src(at)),
            None => oac,
        }
    };
    let protocol_policy = match custom.nodes.first() {
        Some(c) => c.string("origin_protocol_policy", None),
        None if custom.incomplete => Value::unknown(src(at)),
        None => Value::default_at(String::new(), src(at)),
    };
    Origin {
        meta: Meta::explicit(src(at)),
        s3,
        access_control,
        protocol_policy,
    }
}

/// Whether an id field is set: absent or empty is `false`; a reference to a resource (whose
/// id is computed, never empty) is `true`.
fn id_set(field: Option<Field<'_>>, block: cloudsentinel_model::Location) -> Value<bool> {
    match field {
        None => Value::default_at(false, src(block)),
        Some(f) => match f.value.to_string_lossy() {
            Some(s) => Value::explicit(!s.is_empty(), f.origin()),
            None if f.value.source_ref.is_some() => Value::explicit(true, f.origin()),
            None => Value::unknown(f.origin()),
        },
    }
}
