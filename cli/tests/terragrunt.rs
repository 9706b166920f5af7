//! End-to-end: a Terragrunt live repository (`fixtures/terragrunt`) scanned by the binary.
//! Findings land in the module's source and name the terragrunt.hcl that set the input.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/terragrunt")
}

fn scan(format: &str) -> Value {
    let o = Command::new(env!("CARGO_BIN_EXE_cloudsentinel"))
        .env("NO_COLOR", "1")
        .args(["scan", "--format", format, "."])
        .current_dir(fixture())
        .output()
        .expect("run cloudsentinel");
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "invalid JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
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

fn unit_of(f: &Value) -> &str {
    f["module_chain"][0]["name"].as_str().unwrap_or("")
}

fn related(f: &Value) -> Vec<(String, String)> {
    f["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["message"].as_str().unwrap().to_string(),
                at(&r["location"]),
            )
        })
        .collect()
}

#[test]
fn findings_point_at_the_module_and_name_the_terragrunt_file_that_set_the_input() {
    let v = scan("json");
    let acl = findings(&v, "aws-s3-public-acl");
    assert_eq!(acl.len(), 1, "only the s3 unit sets a public ACL: {acl:#?}");
    let f = acl[0];
    assert_eq!(at(&f["location"]), "modules/s3/main.tf:24");
    assert_eq!(unit_of(f), "terragrunt:live/prod/s3");
    assert_eq!(
        at(&f["module_chain"][0]["call"]),
        "live/prod/s3/terragrunt.hcl:6"
    );
    assert!(
        related(f).contains(&(
            "input \"acl\" set by live/prod/s3/terragrunt.hcl".to_string(),
            "live/prod/s3/terragrunt.hcl:12".to_string()
        )),
        "{:?}",
        related(f)
    );
    // The logs unit takes its versioning from a dependency's mock output.
    let versioning = findings(&v, "aws-s3-no-versioning");
    assert_eq!(versioning.len(), 1, "{versioning:#?}");
    let f = versioning[0];
    assert_eq!(at(&f["location"]), "modules/s3/main.tf:28");
    assert_eq!(unit_of(f), "terragrunt:live/prod/logs");
    assert!(
        related(f).contains(&(
            "input \"versioning\" set by live/prod/logs/terragrunt.hcl".to_string(),
            "live/prod/logs/terragrunt.hcl:29".to_string()
        )),
        "{:?}",
        related(f)
    );
}

#[test]
fn a_dependency_without_mock_outputs_is_unknown_and_never_fires() {
    let v = scan("json");
    // live/prod/logs sets `acl` from a dependency with no mock outputs: no ACL finding
    // there, although the module's default ACL is public.
    assert!(
        findings(&v, "aws-s3-public-acl")
            .iter()
            .all(|f| unit_of(f) != "terragrunt:live/prod/logs")
    );
}

#[test]
fn the_module_is_scanned_once_per_unit_and_never_as_a_plain_root() {
    let v = scan("json");
    let in_module: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["location"]["path"] == "modules/s3/main.tf")
        .collect();
    assert!(!in_module.is_empty());
    let mut units: Vec<&str> = in_module.iter().map(|f| unit_of(f)).collect();
    units.sort_unstable();
    units.dedup();
    assert_eq!(
        units,
        ["terragrunt:live/prod/logs", "terragrunt:live/prod/s3"],
        "every finding in the module belongs to a unit"
    );
}

#[test]
fn a_malformed_unit_is_a_located_parse_error_and_a_remote_source_one_notice() {
    let v = scan("json");
    let errors = findings(&v, "iac-parse-error");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        at(&errors[0]["location"]).starts_with("live/prod/broken/terragrunt.hcl:"),
        "{:#?}",
        errors[0]
    );
    // The rest of the scan stands.
    assert!(!findings(&v, "aws-s3-public-acl").is_empty());
    let notices: Vec<&str> = v["notices"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["message"].as_str())
        .collect();
    let remote: Vec<&&str> = notices
        .iter()
        .filter(|n| n.contains("tfr:///terraform-aws-modules/s3-bucket/aws?version=4.1.0"))
        .collect();
    assert_eq!(remote.len(), 1, "{notices:#?}");
    assert!(remote[0].contains("live/prod/remote"), "{remote:?}");
}

#[test]
fn sarif_related_locations_name_the_terragrunt_file() {
    let v = scan("sarif");
    let results = v["runs"][0]["results"].as_array().unwrap();
    let acl = results
        .iter()
        .find(|r| r["ruleId"] == "aws-s3-public-acl")
        .expect("a public ACL result");
    let related = acl["relatedLocations"].as_array().unwrap();
    assert!(
        related.iter().any(|r| {
            r["message"]["text"] == "input \"acl\" set by live/prod/s3/terragrunt.hcl"
                && r["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .is_some_and(|u| u.ends_with("live/prod/s3/terragrunt.hcl"))
        }),
        "{related:#?}"
    );
}

/// Copies the fixture into a temporary directory.
fn fixture_copy() -> tempfile::TempDir {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap().flatten() {
            let target = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(&fixture(), dir.path());
    dir
}

#[test]
fn a_suppression_above_the_units_terraform_block_covers_that_unit_only() {
    let dir = fixture_copy();
    let unit = dir.path().join("live/prod/s3/terragrunt.hcl");
    let text = std::fs::read_to_string(&unit).unwrap().replacen(
        "terraform {",
        "# cloudsentinel:ignore:aws-s3-public-acl this bucket serves the public website\nterraform {",
        1,
    );
    std::fs::write(&unit, text).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_cloudsentinel"))
        .env("NO_COLOR", "1")
        .args(["scan", "--format", "json", "."])
        .current_dir(dir.path())
        .output()
        .expect("run cloudsentinel");
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let acl = findings(&v, "aws-s3-public-acl");
    assert_eq!(acl.len(), 1, "{acl:#?}");
    assert_eq!(
        acl[0]["suppression"]["reason"],
        "this bucket serves the public website"
    );
    assert_eq!(
        findings(&v, "aws-s3-no-versioning")[0]["suppression"],
        Value::Null,
        "the logs unit's findings are not covered"
    );
}
