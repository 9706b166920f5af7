//! `aws_lb_listener` / `aws_alb_listener`, with the load balancer they join for the
//! protocol's default and scheme, and the listeners of Classic Load Balancers (`aws_elb`);
//! the load balancers themselves (`aws_lb`, `aws_alb`, `aws_elb`), with the WAF web ACL
//! associations (`aws_wafv2_web_acl_association`, `aws_wafregional_web_acl_association`)
//! joined to them through `resource_arn`.

use crate::terraform::adapt::{
    Cx, Join, JoinIndex, Node, Reader, join_children, merged, resource_meta, src,
};
use crate::terraform::ir::TfResource;
use cloudsentinel_model::aws::elb::{
    DEFAULT_ACCESS_LOGS, DEFAULT_CLASSIC_ACCESS_LOGS_BLOCK_ENABLED, DEFAULT_DELETION_PROTECTION,
    DEFAULT_DROP_INVALID_HEADER_FIELDS, Elb, Listener, ListenerAction, LoadBalancer,
};
use cloudsentinel_model::{Meta, Value};
use std::collections::HashSet;

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Elb) {
    let lbs: Vec<&TfResource> = cx
        .resources("aws_lb")
        .iter()
        .chain(cx.resources("aws_alb"))
        .copied()
        .collect();
    let index = JoinIndex::new(&lbs, &[]);
    let listeners = cx
        .resources("aws_lb_listener")
        .iter()
        .chain(cx.resources("aws_alb_listener"));
    for res in listeners {
        let node = Node::resource(res);
        let at = node.loc();
        let lb = joined_lb(&index, &lbs, res);
        let protocol = match node.field("protocol") {
            Some(_) => node.string("protocol", None),
            // HTTP is the default of Application Load Balancers only.
            None => match lb.as_ref().and_then(lb_is_application) {
                Some(true) => Value::default_at("HTTP".to_string(), src(at)),
                _ => Value::unknown(src(at)),
            },
        };
        let ssl_policy = match (node.field("ssl_policy"), protocol.known()) {
            (Some(_), _) => node.string("ssl_policy", None),
            (None, Some(p)) if p.eq_ignore_ascii_case("HTTPS") || p.eq_ignore_ascii_case("TLS") => {
                Value::default_at(
                    cloudsentinel_model::aws::elb::DEFAULT_SSL_POLICY.to_string(),
                    src(at),
                )
            }
            (None, Some(_)) => Value::default_at(String::new(), src(at)),
            (None, None) => Value::unknown(src(at)),
        };
        let actions = node.children("default_action");
        let mut default_actions: Vec<ListenerAction> = actions
            .nodes
            .iter()
            .map(|a| {
                let redirect = a.children("redirect");
                ListenerAction {
                    meta: Meta::explicit(src(a.loc())),
                    action_type: a.string("type", None),
                    redirect_protocol: match redirect.nodes.first() {
                        // Without a protocol a redirect keeps the request's.
                        Some(r) => r.string("protocol", Some("#{protocol}")),
                        None if redirect.incomplete => Value::unknown(src(a.loc())),
                        None => Value::default_at(String::new(), src(a.loc())),
                    },
                }
            })
            .collect();
        if actions.incomplete {
            // Actions a dynamic block could not produce might redirect.
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
            internal: lb.map_or_else(
                || Value::unknown(src(at)),
                |lb| {
                    lb.bool(
                        "internal",
                        Some(cloudsentinel_model::aws::elb::DEFAULT_INTERNAL),
                    )
                },
            ),
            classic: false,
        });
    }
    classic(cx, out);
    load_balancers(cx, &lbs, &index, out);
}

/// The load balancers, with the web ACLs associated with them.
fn load_balancers<'a>(cx: &Cx<'a>, lbs: &[&'a TfResource], index: &JoinIndex, out: &mut Elb) {
    let first = out.load_balancers.len();
    // Network Load Balancers log only TLS connections: the load balancers a TLS listener
    // is known to join.
    let tls: HashSet<usize> = cx
        .resources("aws_lb_listener")
        .iter()
        .chain(cx.resources("aws_alb_listener"))
        .filter(|l| {
            Node::resource(l)
                .string("protocol", None)
                .eq_ignore_case("TLS")
        })
        .filter_map(|l| {
            match index.resolve(l.body.attr("load_balancer_arn").map(|a| &a.value), *l) {
                Join::One(i) => Some(i),
                _ => None,
            }
        })
        .collect();
    for (i, res) in lbs.iter().enumerate() {
        let node = Node::resource(res);
        let at = node.loc();
        let lb_type = node.string(
            "load_balancer_type",
            Some(cloudsentinel_model::aws::elb::DEFAULT_LOAD_BALANCER_TYPE),
        );
        let logs = node.children("access_logs");
        let access_logs = match logs.nodes.first() {
            Some(l) => l.bool("enabled", Some(DEFAULT_ACCESS_LOGS)),
            None if logs.incomplete => Value::unknown(src(at)),
            None => Value::default_at(DEFAULT_ACCESS_LOGS, src(at)),
        };
        let application = lb_type.eq_ignore_case("application");
        let access_logs = if lb_type.eq_ignore_case("network") && !tls.contains(&i) {
            Value::unknown(src(at))
        } else {
            access_logs
        };
        out.load_balancers.push(LoadBalancer {
            resource: resource_meta(res),
            internal: node.bool(
                "internal",
                Some(cloudsentinel_model::aws::elb::DEFAULT_INTERNAL),
            ),
            access_logs,
            deletion_protection: node.bool(
                "enable_deletion_protection",
                Some(DEFAULT_DELETION_PROTECTION),
            ),
            drop_invalid_header_fields: if application {
                node.bool(
                    "drop_invalid_header_fields",
                    Some(DEFAULT_DROP_INVALID_HEADER_FIELDS),
                )
            } else {
                Value::unknown(src(at))
            },
            web_acl: Value::default_at(false, src(at)),
            lb_type,
        });
    }
    join_children(
        cx,
        lbs,
        &[],
        &[
            ("aws_wafv2_web_acl_association", ()),
            ("aws_wafregional_web_acl_association", ()),
        ],
        "resource_arn",
        "load balancer",
        |i, (), assoc, known| {
            let Some(lb) = out.load_balancers.get_mut(first + i) else {
                return;
            };
            if known {
                lb.web_acl = Value::explicit(true, src(assoc.body.loc));
            } else if !lb.web_acl.is_true() && !names_other_resource(assoc) {
                lb.web_acl = Value::unknown(src(assoc.body.loc));
            }
            merged(&mut lb.resource, assoc, known);
        },
    );
    for res in cx.resources("aws_elb") {
        let node = Node::resource(res);
        let at = node.loc();
        let logs = node.children("access_logs");
        let access_logs = match logs.nodes.first() {
            Some(l) => l.bool("enabled", Some(DEFAULT_CLASSIC_ACCESS_LOGS_BLOCK_ENABLED)),
            None if logs.incomplete => Value::unknown(src(at)),
            None => Value::default_at(DEFAULT_ACCESS_LOGS, src(at)),
        };
        out.load_balancers.push(LoadBalancer {
            resource: resource_meta(res),
            lb_type: Value::explicit(LoadBalancer::CLASSIC.to_string(), src(at)),
            internal: node.bool(
                "internal",
                Some(cloudsentinel_model::aws::elb::DEFAULT_INTERNAL),
            ),
            access_logs,
            deletion_protection: Value::unknown(src(at)),
            drop_invalid_header_fields: Value::unknown(src(at)),
            web_acl: Value::unknown(src(at)),
        });
    }
}

/// An association whose `resource_arn` refers to a resource that is not a declared load
/// balancer (an API Gateway stage, a Cognito user pool, a data source): it protects none of
/// them.
fn names_other_resource(assoc: &TfResource) -> bool {
    assoc
        .body
        .attr("resource_arn")
        .is_some_and(|a| a.value.source_ref.is_some())
}

/// The listeners of Classic Load Balancers. An HTTPS or SSL listener without a policy gets
/// AWS's default security policy, unless the configuration declares listener policies
/// (`aws_load_balancer_listener_policy`, `aws_lb_ssl_negotiation_policy`), whose target is
/// then not guessed.
fn classic(cx: &Cx<'_>, out: &mut Elb) {
    let policies_declared = !cx.resources("aws_load_balancer_listener_policy").is_empty()
        || !cx.resources("aws_lb_ssl_negotiation_policy").is_empty();
    for res in cx.resources("aws_elb") {
        let node = Node::resource(res);
        let internal = node.bool(
            "internal",
            Some(cloudsentinel_model::aws::elb::DEFAULT_INTERNAL),
        );
        let listeners = node.children("listener");
        for l in &listeners.nodes {
            let protocol = l.string("lb_protocol", None);
            let ssl_policy = match protocol.known() {
                Some(p) if p.eq_ignore_ascii_case("HTTPS") || p.eq_ignore_ascii_case("SSL") => {
                    if policies_declared {
                        Value::unknown(src(l.loc()))
                    } else {
                        Value::default_at(
                            cloudsentinel_model::aws::elb::DEFAULT_CLASSIC_SSL_POLICY.to_string(),
                            src(l.loc()),
                        )
                    }
                }
                Some(_) => Value::default_at(String::new(), src(l.loc())),
                None => Value::unknown(src(l.loc())),
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

/// The load balancer a listener's `load_balancer_arn` joins, if exactly one.
fn joined_lb<'a>(index: &JoinIndex, lbs: &[&'a TfResource], res: &TfResource) -> Option<Node<'a>> {
    let target = res.body.attr("load_balancer_arn").map(|a| &a.value);
    match index.resolve(target, res) {
        Join::One(i) => lbs.get(i).map(|lb| Node::resource(lb)),
        _ => None,
    }
}

/// Whether a load balancer is an Application Load Balancer; `None` when it cannot be told.
fn lb_is_application(lb: &Node<'_>) -> Option<bool> {
    lb.string(
        "load_balancer_type",
        Some(cloudsentinel_model::aws::elb::DEFAULT_LOAD_BALANCER_TYPE),
    )
    .known()
    .map(|t| t.eq_ignore_ascii_case("application"))
}
