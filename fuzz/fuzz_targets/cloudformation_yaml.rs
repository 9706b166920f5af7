#![no_main]
//! CloudFormation YAML: detection, syntax (tags, anchors), evaluation, adapters and checks.
//! Inputs that do not look like templates are skipped by detection, so the seeds (real
//! templates) matter.

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::analyze_as("template.yaml", data));
