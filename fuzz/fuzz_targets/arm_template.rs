#![no_main]
//! ARM templates: recognition, syntax, expressions and template evaluation (the ARM
//! evaluator is called directly until a front-end registers it).

use cloudsentinel_model::SourceDb;
use cloudsentinel_parser::arm;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = arm::is_arm_template(text);
    let _ = arm::is_parameters_file(text);
    let db = SourceDb::new();
    let file = db.add("template.json", text.to_string());
    let _ = arm::parameters_from_file(file, text);
    // A small budget keeps each run short; limits must end any input with errors.
    let opts = arm::ArmOptions {
        max_steps: 200_000,
        ..arm::ArmOptions::default()
    };
    let _ = arm::evaluate_template(&db, file, &opts);
});
