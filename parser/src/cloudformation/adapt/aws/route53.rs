//! `AWS::Route53::HostedZone` (its `VPCs` and `QueryLoggingConfig`) with the
//! `AWS::Route53::DNSSEC` resources joined to it through `HostedZoneId`. A live zone (one
//! Cloud Control document) has no DNSSEC resource joined: its signing is Unknown.

use crate::adapt::{is_live, src};
use crate::cloudformation::adapt::{Cx, Join, JoinIndex, Obj, merge_into, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::route53::{HostedZone, Route53};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Route53) {
    let parents = cx.resources("AWS::Route53::HostedZone");
    let mut zones: Vec<HostedZone> = parents
        .iter()
        .map(|res| {
            let node = Obj::resource(res);
            let private = match node.field("VPCs") {
                Some(f) => match f.value.as_list() {
                    Some(v) => Value::explicit(!v.is_empty(), f.origin()),
                    None => Value::unknown(f.origin()),
                },
                None => Value::default_at(false, src(node.loc())),
            };
            let query_logging = match node.field("QueryLoggingConfig") {
                Some(f) if f.value.as_map().is_some() => Value::explicit(true, f.origin()),
                Some(f) => Value::unknown(f.origin()),
                None => Value::default_at(false, src(node.loc())),
            };
            HostedZone {
                resource: resource_meta(res),
                private,
                query_logging,
                dnssec_signing: if is_live() {
                    Value::unknown(src(node.loc()))
                } else {
                    Value::default_at(false, src(node.loc()))
                },
            }
        })
        .collect();
    let index = JoinIndex::new(parents, &[]);
    for res in cx.resources("AWS::Route53::DNSSEC") {
        match index.resolve(res.props.get("HostedZoneId"), res) {
            // The resource turns signing on.
            Join::One(i) => {
                if let Some(z) = zones.get_mut(i) {
                    z.dnssec_signing = Value::explicit(true, src(res.loc));
                    merge_into(&mut z.resource, res);
                }
            }
            Join::Unknown => {
                let (candidates, _) = index.candidates(res);
                if candidates.is_empty() {
                    cx.notice(
                        res.loc,
                        format!(
                            "{}: its hosted zone could not be evaluated and no hosted zone is declared in its stack or the stacks nesting it; it is not checked",
                            res.full_address()
                        ),
                    );
                }
                for &i in candidates {
                    if let Some(z) = zones.get_mut(i)
                        && !z.dnssec_signing.is_explicit()
                    {
                        z.dnssec_signing = Value::unknown(src(res.loc));
                    }
                }
            }
            Join::Missing(name) => cx.notice(
                res.loc,
                format!(
                    "{} configures hosted zone \"{name}\", which is not declared in the scanned template; it is not checked",
                    res.full_address()
                ),
            ),
            Join::Absent => {}
        }
    }
    out.zones.extend(zones);
}
