#![no_main]
//! Bicep: the parser (lexer, interpolation, recovery, depth limit) and name resolution on
//! arbitrary input (evaluation: `bicep_eval`).

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (file, errors) = cloudsentinel_parser::bicep::parse(&text);
    for error in &errors {
        // Every span must slice the text: findings and editors cut it there.
        assert!(text.get(error.span.as_range()).is_some(), "{error:?}");
    }
    let _ = cloudsentinel_parser::bicep::resolve(&file);
});
