//! `AWS::StepFunctions::StateMachine`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::stepfunctions::{StateMachine, StepFunctions};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut StepFunctions) {
    for res in cx.resources("AWS::StepFunctions::StateMachine") {
        let node = Obj::resource(res);
        // Logging is `OFF` and tracing disabled unless configured.
        let log_level = match node.child("LoggingConfiguration") {
            Some(l) => l.string("Level", Some("OFF")),
            None => Value::default_at("OFF".to_string(), src(node.loc())),
        };
        let tracing = match node.child("TracingConfiguration") {
            Some(t) => t.bool("Enabled", Some(false)),
            None => Value::default_at(false, src(node.loc())),
        };
        out.state_machines.push(StateMachine {
            resource: resource_meta(res),
            log_level,
            tracing,
        });
    }
}
