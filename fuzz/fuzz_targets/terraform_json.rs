#![no_main]
//! Terraform JSON syntax, evaluation, adapters and checks on arbitrary `.tf.json` input.

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::analyze_as("main.tf.json", data));
