//! Adapters from evaluated Deployment Manager resources into the Google part of the model,
//! one module per service (mirroring `parser/src/terraform/adapt/google/`).

use super::DmEvaluation;
use cloudsentinel_model::State;

/// Adapts one config's resources. Types the model does not cover are ignored.
pub fn adapt(ev: &DmEvaluation) -> State {
    let _ = ev;
    State::default()
}
