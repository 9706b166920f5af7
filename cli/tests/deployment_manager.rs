//! End-to-end: Deployment Manager configs and Jinja templates (`fixtures/deployment-manager`)
//! and Google's samples corpus scanned by the binary.

// Skipped corpus tests say why on stderr.
#![allow(clippy::print_stderr)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/deployment-manager")
}

fn scan(dir: &Path, path: &str) -> (Option<i32>, Value) {
    let o = Command::new(env!("CARGO_BIN_EXE_cloudsentinel"))
        .env("NO_COLOR", "1")
        .args(["scan", "--format", "json", path])
        .current_dir(dir)
        .output()
        .expect("run cloudsentinel");
    let v = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "invalid JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (o.status.code(), v)
}

fn findings<'a>(v: &'a Value, check: &str) -> Vec<&'a Value> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check_id"] == check)
        .collect()
}

/// `path:line` of a location record.
fn at(loc: &Value) -> String {
    format!(
        "{}:{}",
        loc["path"].as_str().unwrap_or(""),
        loc["start"]["line"]
    )
}

#[test]
fn findings_point_at_template_lines_and_name_the_calling_config() {
    let (code, v) = scan(&fixture(), ".");
    assert_eq!(code, Some(1), "findings fail the scan");
    let ip = findings(&v, "gcp-compute-public-ip");
    assert_eq!(ip.len(), 1, "{ip:#?}");
    assert_eq!(at(&ip[0]["location"]), "templates/webserver.jinja:19");
    assert_eq!(ip[0]["module_chain"][0]["name"], "frontend");
    assert_eq!(at(&ip[0]["module_chain"][0]["call"]), "project.yaml:10");
    let public = findings(&v, "gcp-storage-public");
    assert_eq!(public.len(), 1);
    assert_eq!(at(&public[0]["location"]), "templates/bucket.jinja:15");
    // The deployment's name is not known: the address says so instead of inventing one.
    assert_eq!(public[0]["resource"], "module.assets.<deployment>-assets");
}

#[test]
fn yaml_and_jinja_comments_suppress() {
    let (_, v) = scan(&fixture(), ".");
    let suppressed = |check: &str| {
        findings(&v, check)
            .iter()
            .all(|f| !f["suppression"].is_null())
            && !findings(&v, check).is_empty()
    };
    assert!(
        suppressed("gcp-firewall-public-ssh"),
        "YAML comment above the resource"
    );
    assert!(
        suppressed("gcp-compute-no-shielded-vm"),
        "Jinja comment above the resource in the template"
    );
    assert!(
        v["suppression_warnings"].as_array().unwrap().is_empty(),
        "{:#?}",
        v["suppression_warnings"]
    );
}

#[test]
fn python_templates_and_bad_input_are_reported() {
    let (_, v) = scan(&fixture(), ".");
    let notices: Vec<&str> = v["notices"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["message"].as_str())
        .collect();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("Python template templates/legacy_network.py")),
        "{notices:#?}"
    );
    let errors: Vec<String> = findings(&v, "iac-parse-error")
        .iter()
        .map(|f| at(&f["location"]))
        .collect();
    assert_eq!(
        errors,
        ["broken/syntax.jinja:4", "broken/unclosed.yaml:5"],
        "a Jinja syntax error and malformed YAML, each located"
    );
}

/// Google's samples: no panic, and the only parse error is the sample that is not YAML
/// (`type: [PROJECT-ID]/…` placeholders).
#[test]
fn the_deployment_manager_samples_scan_cleanly() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let Some(corpus) = [
        root.join("../shared/corpora/deploymentmanager-samples"),
        PathBuf::from("/work/shared/corpora/deploymentmanager-samples"),
    ]
    .into_iter()
    .find(|p| p.is_dir()) else {
        eprintln!("skipped: the Deployment Manager samples corpus is absent");
        return;
    };
    let (code, v) = scan(&root, corpus.to_str().unwrap());
    assert!(matches!(code, Some(0 | 1)), "exit code {code:?}");
    let errors: Vec<String> = findings(&v, "iac-parse-error")
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].ends_with("tools/scheduled-deployments/sd_config.yaml"));
    assert!(
        v["findings"].as_array().unwrap().len() > 100,
        "the samples' resources are checked"
    );
}

/// A comment above the config's resource that calls a template covers what the template
/// writes.
#[test]
fn a_comment_above_the_template_call_suppresses_its_resources() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.yaml"),
        "imports:\n- path: bucket.jinja\nresources:\n# cloudsentinel:ignore:gcp-storage-no-uniform-access a legacy site, migrating in Q3\n- name: site\n  type: bucket.jinja\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("bucket.jinja"),
        "resources:\n- name: {{ env['name'] }}-assets\n  type: storage.v1.bucket\n  properties:\n    location: EU\n",
    )
    .unwrap();
    let (code, v) = scan(dir.path(), ".");
    let f = findings(&v, "gcp-storage-no-uniform-access");
    assert_eq!(f.len(), 1, "{v:#}");
    assert_eq!(at(&f[0]["location"]), "bucket.jinja:2");
    assert_eq!(
        f[0]["suppression"]["reason"],
        "a legacy site, migrating in Q3"
    );
    assert_eq!(code, Some(0), "only suppressed findings");
}
