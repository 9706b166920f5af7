//! `aws_athena_workgroup`.

use crate::terraform::adapt::{Cx, Node, resource_meta, src};
use cloudsentinel_model::aws::athena::{Athena, WorkGroup};
use cloudsentinel_model::{Location, Value};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Athena) {
    for res in cx.resources("aws_athena_workgroup") {
        let node = Node::resource(res);
        // Results are encrypted only with an `encryption_configuration`.
        let results_encrypted = path(
            &node,
            &[
                "configuration",
                "result_configuration",
                "encryption_configuration",
            ],
        );
        out.workgroups.push(WorkGroup {
            resource: resource_meta(res),
            results_encrypted,
        });
    }
}

/// Whether the nested blocks `names` are all present: false at the last present block when
/// one is missing, Unknown when blocks could not be expanded.
fn path(node: &Node<'_>, names: &[&str]) -> Value<bool> {
    let mut at: Location = node.loc();
    let mut current = *node;
    for name in names {
        let c = current.children(name);
        match c.nodes.first() {
            Some(b) => {
                at = b.loc();
                current = *b;
            }
            None if c.incomplete => return Value::unknown(src(at)),
            None => return Value::default_at(false, src(at)),
        }
    }
    Value::explicit(true, src(at))
}
