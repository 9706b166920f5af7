//! The read-only guarantee: every AWS operation the live-aws crate performs is a List,
//! Describe, Get or BatchGet call made through the `call!`/`paged!` macros, and the set of their IAM
//! actions is exactly the policy documented in docs/drift-iam-policy.json.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// IAM actions whose name is not the operation's (S3 renames). S3 Control's
/// GetPublicAccessBlock (the account's) has the same method name as S3's (a bucket's). API
/// Gateway authorizes by HTTP verb: every read of its management API is `apigateway:GET`.
const RENAMED: [(&str, &str); 6] = [
    ("s3:list_buckets", "s3:ListAllMyBuckets"),
    (
        "s3:get_public_access_block",
        "s3:GetBucketPublicAccessBlock",
    ),
    (
        "s3:get_public_access_block",
        "s3:GetAccountPublicAccessBlock",
    ),
    ("s3:get_bucket_encryption", "s3:GetEncryptionConfiguration"),
    ("apigateway:get_rest_apis", "apigateway:GET"),
    ("apigateway:get_resources", "apigateway:GET"),
];

/// The operations that only read: List*, Describe*, Get* and BatchGet* (CodeBuild's
/// BatchGetProjects, which describes up to 100 projects).
const READ_PREFIXES: [&str; 4] = ["list_", "describe_", "get_", "batch_get_"];

fn pascal(snake: &str) -> String {
    snake
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn operations_are_read_only_and_match_the_documented_policy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    files.sort();
    let call = regex::Regex::new(
        r#"(?s)\b(?:call|paged)!\(\s*[^,]+,\s*"([a-z0-9-]+):(\w+)",\s*\w+\s*\.\s*(\w+)\("#,
    )
    .unwrap();
    // Every method called on a client (the readers name them `client`, `c`, `sts`, `ec2`).
    let on_client = regex::Regex::new(r"\b(?:client|c|sts|ec2)\s*\.\s*(\w+)\(").unwrap();
    let mut actions = BTreeSet::new();
    let mut sends = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let rel = f.strip_prefix(root).unwrap().display().to_string();
        sends += text.matches(".send()").count();
        if rel != "src/lib.rs" {
            assert!(
                !text.contains(".send()") && !text.contains("into_paginator"),
                "{rel} sends a request outside call!/paged!"
            );
        }
        for m in on_client.captures_iter(&text) {
            let method = &m[1];
            assert!(
                method == "clone" || READ_PREFIXES.iter().any(|p| method.starts_with(p)),
                "{rel} calls {method} on a client: only List/Describe/Get/BatchGet operations are allowed"
            );
        }
        for c in call.captures_iter(&text) {
            let (svc, action, method) = (&c[1], &c[2], &c[3]);
            assert!(
                READ_PREFIXES.iter().any(|p| method.starts_with(p)),
                "{rel}: {method} is not a List/Describe/Get/BatchGet operation"
            );
            let key = format!("{svc}:{method}");
            let mut expected: Vec<String> = RENAMED
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
                .collect();
            if expected.is_empty() {
                expected.push(format!("{svc}:{}", pascal(method)));
            }
            let actual = format!("{svc}:{action}");
            assert!(
                expected.iter().any(|e| e.eq_ignore_ascii_case(&actual)),
                "{rel}: {method} is labelled {actual}, expected one of {expected:?}"
            );
            actions.insert(actual);
        }
    }
    // Cloud Control's operations are counted under the IAM actions that authorize them.
    for action in ["cloudformation:ListResources", "cloudformation:GetResource"] {
        assert!(
            actions.contains(action),
            "{action} is not called through call!/paged!"
        );
    }
    // The two sends are the macro bodies themselves.
    assert_eq!(sends, 2, "requests must go through call!/paged! only");
    let policy: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("../docs/drift-iam-policy.json")).unwrap(),
    )
    .unwrap();
    let documented: BTreeSet<String> = policy["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["Action"].as_array().unwrap().iter())
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    assert!(documented.iter().all(|a| {
        let name = a.split(':').nth(1).unwrap_or("");
        // API Gateway's read verb (its management API is authorized by HTTP method).
        *a == "apigateway:GET"
            || ["List", "Describe", "Get", "BatchGet"]
                .iter()
                .any(|p| name.starts_with(p))
    }));
    assert_eq!(
        actions, documented,
        "the operations in live-aws/src and docs/drift-iam-policy.json differ"
    );
}

/// The SDK stays in this crate: model, parser, checks and the drift core never depend on it
/// or on this crate, so editing them never rebuilds the SDK.
#[test]
fn only_the_live_aws_crate_depends_on_the_aws_sdk() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for member in ["model", "parser", "checks", "drift", "lsp"] {
        let manifest = std::fs::read_to_string(root.join(member).join("Cargo.toml")).unwrap();
        for forbidden in [
            "aws-sdk-",
            "aws-config",
            "aws-smithy",
            "aws-credential",
            "cloudsentinel-live-aws",
        ] {
            assert!(
                !manifest.contains(forbidden),
                "{member}/Cargo.toml depends on {forbidden}"
            );
        }
    }
    for member in ["model", "parser", "checks", "lsp"] {
        let manifest = std::fs::read_to_string(root.join(member).join("Cargo.toml")).unwrap();
        assert!(
            !manifest.contains("cloudsentinel-drift"),
            "{member}/Cargo.toml depends on cloudsentinel-drift"
        );
    }
    let cli = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let deps = cli
        .split("\n[dependencies]\n")
        .nth(1)
        .and_then(|d| d.split("\n[").next())
        .unwrap();
    assert!(
        !deps.contains("aws-"),
        "the cloudsentinel package must reach the SDK only through cloudsentinel-live-aws"
    );
    assert!(deps.contains("cloudsentinel-live-aws = { workspace = true, optional = true }"));
}
