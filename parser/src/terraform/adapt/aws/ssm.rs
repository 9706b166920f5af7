//! `aws_ssm_parameter` and the sharing `permissions` of `aws_ssm_document`.

use crate::secrets::is_secret_identifier;
use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::ssm::{Document, Parameter, Ssm};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Ssm) {
    for res in cx.resources("aws_ssm_parameter") {
        let node = Node::resource(res);
        let name = node.string("name", None);
        out.parameters.push(Parameter {
            resource: resource_meta(res),
            name_marks_secret: name.clone().map(|n| is_secret_identifier(&n)),
            name,
            // Required: no default.
            parameter_type: node.string("type", None),
        });
    }
    for res in cx.resources("aws_ssm_document") {
        let node = Node::resource(res);
        let permissions = node.children("permissions");
        let public = match permissions.nodes.first() {
            // `account_ids` is a comma-separated list of account ids, or `All`.
            Some(p) => match p.strings("account_ids") {
                Some(ids) => shared_with_all(&ids, p.loc()),
                None => Value::unknown(src(p.loc())),
            },
            None if permissions.incomplete => Value::unknown(src(node.loc())),
            None => Value::default_at(false, src(node.loc())),
        };
        out.documents.push(Document {
            resource: resource_meta(res),
            public,
        });
    }
}

/// True when one of the ids is `All`; Unknown when none is and one is Unknown.
fn shared_with_all(ids: &[Value<String>], at: cloudsentinel_model::Location) -> Value<bool> {
    let mut unknown = None;
    for id in ids {
        match id.as_str() {
            Some(s) if s.split(',').any(|a| a.trim().eq_ignore_ascii_case("all")) => {
                return Value::explicit(true, id.meta.origin.clone());
            }
            Some(_) => {}
            None => unknown = Some(id.meta.origin.clone()),
        }
    }
    match unknown {
        Some(origin) => Value::unknown(origin),
        None => Value::explicit(false, src(at)),
    }
}
