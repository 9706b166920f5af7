//! `AWS::ElasticLoadBalancingV2::Listener`, with the load balancer it joins for the
//! protocol's default.

use crate::adapt::src;
use crate::cloudformation::CfnResource;
use crate::cloudformation::adapt::{Cx, Join, JoinIndex, Obj, Reader, resource_meta};
use cloudsentinel_model::aws::elb::{Elb, Listener, ListenerAction};
use cloudsentinel_model::{Meta, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Elb) {
    let lbs = cx.resources("AWS::ElasticLoadBalancingV2::LoadBalancer");
    let index = JoinIndex::new(lbs, &[]);
    for res in cx.resources("AWS::ElasticLoadBalancingV2::Listener") {
        let node = Obj::resource(res);
        let at = node.loc();
        let protocol = match node.field("Protocol") {
            Some(_) => node.string("Protocol", None),
            // HTTP is the default of Application Load Balancers only.
            None => match lb_is_application(&index, lbs, res) {
                Some(true) => Value::default_at("HTTP".to_string(), src(at)),
                _ => Value::unknown(src(at)),
            },
        };
        let ssl_policy = match (node.field("SslPolicy"), protocol.known()) {
            (Some(_), _) => node.string("SslPolicy", None),
            (None, Some(p)) if p.eq_ignore_ascii_case("HTTPS") || p.eq_ignore_ascii_case("TLS") => {
                Value::default_at(
                    cloudsentinel_model::aws::elb::DEFAULT_SSL_POLICY.to_string(),
                    src(at),
                )
            }
            (None, Some(_)) => Value::default_at(String::new(), src(at)),
            (None, None) => Value::unknown(src(at)),
        };
        let actions = node.children("DefaultActions");
        let mut default_actions: Vec<ListenerAction> = actions
            .nodes
            .iter()
            .map(|a| ListenerAction {
                meta: Meta::explicit(src(a.loc())),
                action_type: a.string("Type", None),
                redirect_protocol: match a.child("RedirectConfig") {
                    // Without a protocol a redirect keeps the request's.
                    Some(r) => r.string("Protocol", Some("#{protocol}")),
                    None => Value::default_at(String::new(), src(a.loc())),
                },
            })
            .collect();
        if actions.incomplete {
            // Actions that could not be evaluated might redirect.
            default_actions.push(ListenerAction {
                meta: Meta::unknown(src(at)),
                action_type: Value::unknown(src(at)),
                redirect_protocol: Value::unknown(src(at)),
            });
        }
        out.listeners.push(Listener {
            resource: resource_meta(res),
            protocol,
            ssl_policy,
            default_actions,
        });
    }
}

/// Whether the listener's load balancer is an Application Load Balancer; `None` when it
/// cannot be told.
fn lb_is_application(index: &JoinIndex, lbs: &[&CfnResource], res: &CfnResource) -> Option<bool> {
    let target = res.props.get("LoadBalancerArn");
    let Join::One(i) = index.resolve(target, res) else {
        return None;
    };
    let lb = Obj::resource(lbs.get(i)?);
    lb.string(
        "Type",
        Some(cloudsentinel_model::aws::elb::DEFAULT_LOAD_BALANCER_TYPE),
    )
    .known()
    .map(|t| t.eq_ignore_ascii_case("application"))
}
