//! `aws_sfn_state_machine`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta, src};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::stepfunctions::{StateMachine, StepFunctions};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut StepFunctions) {
    for res in cx.resources("aws_sfn_state_machine") {
        let node = Node::resource(res);
        // Logging is `OFF` and tracing disabled unless configured.
        let logging = node.children("logging_configuration");
        let log_level = match logging.nodes.first() {
            Some(l) => l.string("level", Some("OFF")),
            None if logging.incomplete => Value::unknown(src(node.loc())),
            None => Value::default_at("OFF".to_string(), src(node.loc())),
        };
        let tracing = node.children("tracing_configuration");
        let tracing = match tracing.nodes.first() {
            Some(t) => t.bool("enabled", Some(false)),
            None if tracing.incomplete => Value::unknown(src(node.loc())),
            None => Value::default_at(false, src(node.loc())),
        };
        out.state_machines.push(StateMachine {
            resource: resource_meta(res),
            log_level,
            tracing,
        });
    }
}
