#![no_main]
//! CloudFormation JSON: detection, syntax, evaluation, adapters and checks.

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::analyze_as("template.json", data));
