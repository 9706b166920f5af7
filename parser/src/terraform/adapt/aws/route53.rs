//! `aws_route53_zone` with the `aws_route53_query_log` and `aws_route53_hosted_zone_dnssec`
//! resources joined to it.

use crate::terraform::adapt::{Cx, Node, Reader, join_children, merged, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::route53::{HostedZone, Route53};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Route53) {
    let parents = cx.resources("aws_route53_zone");
    let mut zones: Vec<HostedZone> = parents
        .iter()
        .map(|res| {
            let node = Node::resource(res);
            let vpcs = node.children("vpc");
            let private = match vpcs.nodes.first() {
                Some(v) => Value::explicit(true, src(v.loc())),
                None if vpcs.incomplete => Value::unknown(src(node.loc())),
                None => Value::default_at(false, src(node.loc())),
            };
            HostedZone {
                resource: resource_meta(res),
                private,
                query_logging: Value::default_at(false, src(node.loc())),
                dnssec_signing: Value::default_at(false, src(node.loc())),
            }
        })
        .collect();
    // A join that could not be resolved makes the setting Unknown for each candidate zone,
    // unless another resource already settled it.
    join_children(
        cx,
        parents,
        &[],
        &[("aws_route53_query_log", ())],
        "zone_id",
        "hosted zone",
        |i, (), res, known| {
            if let Some(z) = zones.get_mut(i) {
                if known {
                    z.query_logging = Value::explicit(true, src(res.body.loc));
                } else if !z.query_logging.is_explicit() {
                    z.query_logging = Value::unknown(src(res.body.loc));
                }
                merged(&mut z.resource, res, known);
            }
        },
    );
    join_children(
        cx,
        parents,
        &[],
        &[("aws_route53_hosted_zone_dnssec", ())],
        "hosted_zone_id",
        "hosted zone",
        |i, (), res, known| {
            if let Some(z) = zones.get_mut(i) {
                if known {
                    z.dnssec_signing = Node::resource(res)
                        .string("signing_status", Some("SIGNING"))
                        .map(|s| s.eq_ignore_ascii_case("SIGNING"));
                } else if !z.dnssec_signing.is_explicit() {
                    z.dnssec_signing = Value::unknown(src(res.body.loc));
                }
                merged(&mut z.resource, res, known);
            }
        },
    );
    out.zones.extend(zones);
}
