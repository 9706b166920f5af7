//! `AWS::ElasticLoadBalancingV2::Listener`, with the load balancer it joins for the
//! protocol's default and scheme, and the listeners of Classic Load Balancers
//! (`AWS::ElasticLoadBalancing::LoadBalancer`); the load balancers themselves, with the
//! WAF web ACL associations (`AWS::WAFv2::WebACLAssociation`,
//! `AWS::WAFRegional::WebACLAssociation`) joined to them through `ResourceArn`.

use crate::adapt::src;
use crate::cloudformation::CfnResource;
use crate::cloudformation::adapt::{Cx, Join, JoinIndex, Obj, Reader, merge_into, resource_meta};
use cloudsentinel_model::aws::elb::{
    DEFAULT_ACCESS_LOGS, DEFAULT_DELETION_PROTECTION, DEFAULT_DROP_INVALID_HEADER_FIELDS, Elb,
    Listener, ListenerAction, LoadBalancer,
};
use cloudsentinel_model::{Meta, Value};
use std::collections::HashSet;

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Elb) {
    let lbs = cx.resources("AWS::ElasticLoadBalancingV2::LoadBalancer");
    let index = JoinIndex::new(lbs, &[]);
    for res in cx.resources("AWS::ElasticLoadBalancingV2::Listener") {
        let node = Obj::resource(res);
        let at = node.loc();
        let lb = joined_lb(&index, lbs, res);
        let protocol = match node.field("Protocol") {
            Some(_) => node.string("Protocol", None),
            // HTTP is the default of Application Load Balancers only.
            None => match lb.as_ref().and_then(lb_is_application) {
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
            internal: lb.map_or_else(|| Value::unknown(src(at)), |lb| scheme_internal(&lb)),
            classic: false,
        });
    }
    classic(cx, out);
    load_balancers(cx, lbs, &index, out);
}

/// The load balancers, with the web ACLs associated with them.
fn load_balancers(cx: &Cx<'_>, lbs: &[&CfnResource], index: &JoinIndex, out: &mut Elb) {
    let first = out.load_balancers.len();
    // Network Load Balancers log only TLS connections: the load balancers a TLS listener
    // is known to join.
    let tls: HashSet<usize> = cx
        .resources("AWS::ElasticLoadBalancingV2::Listener")
        .iter()
        .filter(|l| {
            Obj::resource(l)
                .string("Protocol", None)
                .eq_ignore_case("TLS")
        })
        .filter_map(
            |l| match index.resolve(l.props.get("LoadBalancerArn"), *l) {
                Join::One(i) => Some(i),
                _ => None,
            },
        )
        .collect();
    for (i, res) in lbs.iter().enumerate() {
        let node = Obj::resource(res);
        let at = node.loc();
        let lb_type = node.string(
            "Type",
            Some(cloudsentinel_model::aws::elb::DEFAULT_LOAD_BALANCER_TYPE),
        );
        let attributes = node.children("LoadBalancerAttributes");
        // The value of attribute `key`: the last entry naming it, its default when none
        // does, Unknown when an entry could not be evaluated.
        let attribute = |key: &str, default: bool| -> Value<bool> {
            let mut found = None;
            let mut unknown = attributes.incomplete;
            for a in &attributes.nodes {
                let k = a.string("Key", None);
                if k.eq_ignore_case(key) {
                    found = Some(a.bool("Value", None));
                } else if k.is_unknown() {
                    unknown = true;
                }
            }
            match found {
                Some(v) => v,
                None if unknown => Value::unknown(src(at)),
                None => Value::default_at(default, src(at)),
            }
        };
        let application = lb_type.eq_ignore_case("application");
        let access_logs = if lb_type.eq_ignore_case("network") && !tls.contains(&i) {
            Value::unknown(src(at))
        } else {
            attribute("access_logs.s3.enabled", DEFAULT_ACCESS_LOGS)
        };
        out.load_balancers.push(LoadBalancer {
            resource: resource_meta(res),
            internal: scheme_internal(&node),
            access_logs,
            deletion_protection: attribute(
                "deletion_protection.enabled",
                DEFAULT_DELETION_PROTECTION,
            ),
            drop_invalid_header_fields: if application {
                attribute(
                    "routing.http.drop_invalid_header_fields.enabled",
                    DEFAULT_DROP_INVALID_HEADER_FIELDS,
                )
            } else {
                Value::unknown(src(at))
            },
            web_acl: Value::default_at(false, src(at)),
            lb_type,
        });
    }
    let mut unresolved = Vec::new();
    for rtype in [
        "AWS::WAFv2::WebACLAssociation",
        "AWS::WAFRegional::WebACLAssociation",
    ] {
        for &res in cx.resources(rtype) {
            let target = res.props.get("ResourceArn");
            match index.resolve(target, res) {
                Join::One(i) => {
                    if let Some(lb) = out.load_balancers.get_mut(first + i) {
                        lb.web_acl = Value::explicit(true, src(res.loc));
                        merge_into(&mut lb.resource, res);
                    }
                }
                // A reference to another resource (an API Gateway stage, a user pool)
                // protects no load balancer.
                Join::Unknown if target.is_some_and(|t| t.source_ref.is_none()) => {
                    unresolved.push(res);
                }
                // Load balancers declared elsewhere, or other resources.
                Join::Unknown | Join::Absent | Join::Missing(_) => {}
            }
        }
    }
    // Unresolved associations are applied last, so they never hide a resolved one.
    for res in unresolved {
        for &i in index.candidates(res).0 {
            if let Some(lb) = out.load_balancers.get_mut(first + i)
                && !lb.web_acl.is_true()
            {
                lb.web_acl = Value::unknown(src(res.loc));
            }
        }
    }
    for res in cx.resources("AWS::ElasticLoadBalancing::LoadBalancer") {
        let node = Obj::resource(res);
        let at = node.loc();
        let access_logs = match node.child("AccessLoggingPolicy") {
            Some(p) => p.bool("Enabled", None),
            None => Value::default_at(DEFAULT_ACCESS_LOGS, src(at)),
        };
        out.load_balancers.push(LoadBalancer {
            resource: resource_meta(res),
            lb_type: Value::explicit(LoadBalancer::CLASSIC.to_string(), src(at)),
            internal: scheme_internal(&node),
            access_logs,
            deletion_protection: Value::unknown(src(at)),
            drop_invalid_header_fields: Value::unknown(src(at)),
            web_acl: Value::unknown(src(at)),
        });
    }
}

/// `Scheme: internal`; absent, a load balancer is internet-facing.
fn scheme_internal(lb: &Obj<'_>) -> Value<bool> {
    lb.string("Scheme", Some("internet-facing"))
        .map(|s| s.eq_ignore_ascii_case("internal"))
}

/// The listeners of Classic Load Balancers. An HTTPS or SSL listener without `PolicyNames`
/// gets AWS's default security policy; with them, the one its `Reference-Security-Policy`
/// attribute names, else Unknown.
fn classic(cx: &Cx<'_>, out: &mut Elb) {
    for res in cx.resources("AWS::ElasticLoadBalancing::LoadBalancer") {
        let node = Obj::resource(res);
        let internal = scheme_internal(&node);
        let policies = node.children("Policies");
        for l in &node.children("Listeners").nodes {
            let protocol = l.string("Protocol", None);
            let secure =
                protocol.is(|p| p.eq_ignore_ascii_case("HTTPS") || p.eq_ignore_ascii_case("SSL"));
            let ssl_policy = if secure {
                match l.strings("PolicyNames") {
                    None => Value::default_at(
                        cloudsentinel_model::aws::elb::DEFAULT_CLASSIC_SSL_POLICY.to_string(),
                        src(l.loc()),
                    ),
                    Some(names) => reference_policy(&policies.nodes, &names)
                        .unwrap_or_else(|| Value::unknown(src(l.loc()))),
                }
            } else {
                match protocol.known() {
                    Some(_) => Value::default_at(String::new(), src(l.loc())),
                    None => Value::unknown(src(l.loc())),
                }
            };
            out.listeners.push(Listener {
                resource: resource_meta(res),
                protocol,
                ssl_policy,
                default_actions: vec![ListenerAction::classic_forward(src(l.loc()))],
                internal: internal.clone(),
                classic: true,
            });
        }
    }
}

/// The predefined security policy (`Reference-Security-Policy`) of the SSL negotiation
/// policy among `policies` that a listener's `names` select.
fn reference_policy(policies: &[Obj<'_>], names: &[Value<String>]) -> Option<Value<String>> {
    policies
        .iter()
        .filter(|p| {
            let name = p.string("PolicyName", None);
            names
                .iter()
                .any(|n| n.known().is_some() && n.known() == name.known())
        })
        .flat_map(|p| p.children("Attributes").nodes)
        .find(|a| {
            a.string("Name", None)
                .eq_ignore_case("Reference-Security-Policy")
        })
        .map(|a| a.string("Value", None))
}

/// The load balancer a listener's `LoadBalancerArn` joins, if exactly one.
fn joined_lb<'a>(index: &JoinIndex, lbs: &[&'a CfnResource], res: &CfnResource) -> Option<Obj<'a>> {
    match index.resolve(res.props.get("LoadBalancerArn"), res) {
        Join::One(i) => lbs.get(i).map(|lb| Obj::resource(lb)),
        _ => None,
    }
}

/// Whether a load balancer is an Application Load Balancer; `None` when it cannot be told.
fn lb_is_application(lb: &Obj<'_>) -> Option<bool> {
    lb.string(
        "Type",
        Some(cloudsentinel_model::aws::elb::DEFAULT_LOAD_BALANCER_TYPE),
    )
    .known()
    .map(|t| t.eq_ignore_ascii_case("application"))
}
