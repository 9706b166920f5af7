#![no_main]
//! Bicep: evaluation (parameters, loops, conditions, resources, functions, the ARM function
//! library) of arbitrary input, and `.bicepparam` evaluation. Modules are not followed (no
//! root), so each run reads nothing but its input.

use cloudsentinel_model::SourceDb;
use cloudsentinel_parser::bicep;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let db = SourceDb::new();
    let file = db.add("main.bicep", text.to_string());
    // A small budget keeps each run short; limits must end any input with errors.
    let opts = bicep::BicepOptions {
        max_steps: 200_000,
        ..bicep::BicepOptions::default()
    };
    let deployment = bicep::evaluate(&db, file, &opts);
    for error in &deployment.errors {
        assert!(text.get(error.location.range.as_range()).is_some(), "{error:?}");
    }
    let _ = bicep::parameters_from_bicepparam(&db, file);
});
