//! `AWS::CloudFront::Distribution`.

use crate::adapt::{Field, src};
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::aws::cloudfront::{
    CloudFront, DEFAULT_CERTIFICATE_PROTOCOL, DEFAULT_MINIMUM_PROTOCOL_VERSION, Distribution,
    Origin, is_s3_rest_endpoint,
};
use cloudsentinel_model::{Location, Meta, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut CloudFront) {
    for res in cx.resources("AWS::CloudFront::Distribution") {
        let node = Obj::resource(res);
        let unknown = || Value::unknown(src(node.loc()));
        let Some(config) = node.child("DistributionConfig") else {
            continue;
        };
        if config.value.is_unknown() {
            out.distributions.push(Distribution {
                resource: resource_meta(res),
                viewer_protocol_policies: vec![unknown()],
                web_acl: Value::unknown(src(node.loc())),
                logging: Value::unknown(src(node.loc())),
                minimum_protocol_version: Value::unknown(src(node.loc())),
                origins: vec![Origin::unknown(src(node.loc()))],
            });
            continue;
        }
        let mut viewer_protocol_policies = Vec::new();
        for key in ["DefaultCacheBehavior", "CacheBehaviors"] {
            let behaviors = config.children(key);
            for b in &behaviors.nodes {
                viewer_protocol_policies.push(b.string("ViewerProtocolPolicy", None));
            }
            if behaviors.incomplete {
                viewer_protocol_policies.push(unknown());
            }
        }
        let web_acl = match config.field("WebACLId") {
            Some(_) => config.string("WebACLId", None).map(|id| !id.is_empty()),
            None => Value::default_at(false, src(config.loc())),
        };
        let logging = match config.child("Logging") {
            Some(l) if l.value.is_unknown() => Value::unknown(src(l.loc())),
            Some(l) => Value::explicit(true, src(l.loc())),
            None => Value::default_at(false, src(config.loc())),
        };
        let minimum_protocol_version = match config.child("ViewerCertificate") {
            Some(c) => minimum_protocol_version(&c),
            None => Value::default_at(DEFAULT_CERTIFICATE_PROTOCOL.to_string(), src(config.loc())),
        };
        let list = config.children("Origins");
        let mut origins: Vec<Origin> = list.nodes.iter().map(origin).collect();
        if list.incomplete {
            origins.push(Origin::unknown(src(config.loc())));
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
/// `MinimumProtocolVersion`.
fn minimum_protocol_version(cert: &Obj<'_>) -> Value<String> {
    if cert.value.is_unknown() {
        return Value::unknown(src(cert.loc()));
    }
    let default_cert = cert.bool("CloudFrontDefaultCertificate", Some(false));
    let own_cert = cert.has("AcmCertificateArn") || cert.has("IamCertificateId");
    if default_cert.is_true() {
        default_cert.map(|_| DEFAULT_CERTIFICATE_PROTOCOL.to_string())
    } else if default_cert.is_unknown() {
        Value::unknown(default_cert.meta.origin)
    } else if !own_cert {
        // Neither the default certificate nor one of its own: not a valid configuration.
        Value::unknown(src(cert.loc()))
    } else {
        cert.string(
            "MinimumProtocolVersion",
            Some(DEFAULT_MINIMUM_PROTOCOL_VERSION),
        )
    }
}

fn origin(o: &Obj<'_>) -> Origin {
    let at = o.loc();
    let s3_config = o.child("S3OriginConfig");
    let custom = o.child("CustomOriginConfig");
    let s3 = if s3_config.is_some() {
        Value::explicit(true, src(at))
    } else if custom.is_some() {
        Value::explicit(false, src(at))
    } else {
        o.string("DomainName", None)
            .map(|d| is_s3_rest_endpoint(&d))
    };
    let oac = id_set(o.field("OriginAccessControlId"), at);
    let access_control = if oac.is_true() {
        oac
    } else {
        match &s3_config {
            Some(c) => {
                let oai = id_set(c.field("OriginAccessIdentity"), c.loc());
                if oai.is_true() || oac.is_false() {
                    oai
                } else {
                    oac
                }
            }
            None => oac,
        }
    };
    let protocol_policy = match &custom {
        Some(c) => c.string("OriginProtocolPolicy", None),
        None => Value::default_at(String::new(), src(at)),
    };
    Origin {
        meta: Meta::explicit(src(at)),
        s3,
        access_control,
        protocol_policy,
    }
}

/// Whether an id property is set: absent or empty is `false`; a reference to a resource
/// (whose id is computed, never empty) is `true`.
fn id_set(field: Option<Field<'_>>, block: Location) -> Value<bool> {
    match field {
        None => Value::default_at(false, src(block)),
        Some(f) => match f.value.to_string_lossy() {
            Some(s) => Value::explicit(!s.is_empty(), f.origin()),
            None if f.value.source_ref.is_some() => Value::explicit(true, f.origin()),
            None => Value::unknown(f.origin()),
        },
    }
}
