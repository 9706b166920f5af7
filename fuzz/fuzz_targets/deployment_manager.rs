#![no_main]
//! Deployment Manager: config detection, YAML, Jinja rendering (fuel, recursion and output
//! limits), references, adapters and checks. The input is a config, then after a NUL byte a
//! Jinja template the config may import as `t.jinja`, then after another NUL its schema, so
//! the fuzzer reaches the renderer with templates of its own.

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == 0);
    let config = parts.next().unwrap_or_default();
    let template = parts.next().unwrap_or_default();
    let schema = parts.next().unwrap_or_default();
    common::analyze_files(&[
        ("config.yaml", config),
        ("t.jinja", template),
        ("t.jinja.schema", schema),
    ]);
});
