#![no_main]
//! HCL syntax, evaluation, adapters and checks on arbitrary `.tf` input.

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::analyze_as("main.tf", data));
