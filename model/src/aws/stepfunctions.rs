//! Step Functions state machines (<https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct StepFunctions {
    pub state_machines: Vec<StateMachine>,
}

#[derive(Debug, Clone)]
pub struct StateMachine {
    pub resource: ResourceMeta,
    /// `LoggingConfiguration.Level`: `ALL`, `ERROR`, `FATAL` or `OFF` (the default).
    pub log_level: Value<String>,
    /// `TracingConfiguration.Enabled`; Default false.
    pub tracing: Value<bool>,
}
