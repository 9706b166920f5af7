//! End-to-end tests of the `cloudsentinel` binary: exit codes, output formats, bad input.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cloudsentinel"));
    c.env("NO_COLOR", "1");
    c.env_remove("TF_VAR_environment");
    c.env_remove("TF_WORKSPACE");
    // Scans read the module cache: keep the developer's own out of the results.
    c.env(
        "XDG_CACHE_HOME",
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-module-cache"),
    );
    // Markdown links come from the CI environment: tests set it themselves.
    for k in [
        "GITHUB_SERVER_URL",
        "GITHUB_REPOSITORY",
        "GITHUB_SHA",
        "GITHUB_WORKSPACE",
        "CI_PROJECT_URL",
        "CI_COMMIT_SHA",
        "CI_PROJECT_DIR",
    ] {
        c.env_remove(k);
    }
    c
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str], cwd: &Path) -> Output {
    bin()
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run cloudsentinel")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json_scan(dir: &Path, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["scan", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(".");
    let o = run(&args, dir);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "invalid JSON ({e}): {}\n{}",
            stdout(&o),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (o.status.code().unwrap_or(-1), v)
}

fn ids(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["suppression"].is_null())
        .map(|f| f["check_id"].as_str().unwrap().to_string())
        .collect()
}

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, content).unwrap();
}

const PUBLIC_BUCKET: &str = r#"
resource "aws_s3_bucket" "b" {
  bucket = "example"
  acl    = "public-read"
}
"#;

#[test]
fn example_project_reports_the_expected_findings() {
    let (code, v) = json_scan(&repo().join("fixtures/examples"), &[]);
    assert_eq!(code, 1);
    let found = ids(&v);
    for expected in [
        "aws-s3-public-policy",
        "aws-ec2-sg-public-ssh",
        "aws-rds-unencrypted",
        "aws-cloudtrail-no-log-validation",
        "aws-iam-policy-admin",
    ] {
        assert!(
            found.iter().any(|f| f == expected),
            "missing {expected} in {found:?}"
        );
    }
    for unexpected in [
        "secret-hardcoded-credential",
        "iac-parse-error",
        "aws-vpc-no-flow-logs",
    ] {
        assert!(
            !found.iter().any(|f| f == unexpected),
            "unexpected {unexpected}"
        );
    }
    let suppressed: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["suppression"].is_null())
        .collect();
    assert_eq!(suppressed.len(), 1, "{suppressed:?}");
    assert_eq!(suppressed[0]["check_id"], "aws-s3-no-access-logging");
    assert_eq!(
        suppressed[0]["suppression"]["reason"],
        "this bucket receives the access logs"
    );
}

#[test]
fn findings_in_modules_are_located_in_the_module_and_name_the_call() {
    let (_, v) = json_scan(&repo().join("fixtures/examples"), &[]);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["check_id"] == "aws-s3-public-policy")
        .expect("public policy finding");
    assert_eq!(f["location"]["path"], "modules/static-site/main.tf");
    assert_eq!(f["module_chain"][0]["name"], "website");
    assert_eq!(f["module_chain"][0]["call"]["path"], "main.tf");
    assert!(
        f["resource"]
            .as_str()
            .unwrap()
            .starts_with("module.website.")
    );
}

/// The JSON output validates against the schema published in docs/, and reads back into the
/// typed result.
#[test]
fn json_output_matches_the_published_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("docs/json-output.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    for dir in ["fixtures/examples", "fixtures/cloudformation"] {
        let (_, v) = json_scan(&repo().join(dir), &[]);
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "schema errors in {dir}: {errors:#?}");
        let typed: cloudsentinel_checks::result::ScanResult =
            serde_json::from_value(v.clone()).expect("reads back into ScanResult");
        assert_eq!(serde_json::to_value(&typed).unwrap(), v);
    }
}

fn sarif_of(dir: &str) -> Value {
    let o = run(&["scan", "--format", "sarif", "."], &repo().join(dir));
    assert_eq!(o.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&o.stdout).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("fixtures/schemas/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF schema errors in {dir}: {errors:#?}"
    );
    sarif
}

#[test]
fn sarif_of_cloudformation_templates_is_valid_and_located() {
    let sarif = sarif_of("fixtures/cloudformation");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "aws-iam-policy-admin")
    );
    assert!(results.iter().all(|r| {
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .is_some_and(|l| l >= 1)
    }));
}

#[test]
fn sarif_output_is_valid_against_the_official_schema() {
    let sarif = sarif_of("fixtures/examples");
    let run0 = &sarif["runs"][0];
    let results = run0["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        assert!(r["ruleId"].is_string());
        let region = &r["locations"][0]["physicalLocation"]["region"];
        for k in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[k].as_u64().unwrap() >= 1, "{k} in {r}");
        }
        assert!(r["partialFingerprints"]["cloudsentinel/v2"].is_string());
    }
    assert!(
        results
            .iter()
            .any(|r| r["suppressions"][0]["kind"] == "inSource")
    );
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(
        rules
            .iter()
            .all(|r| r["properties"]["security-severity"].is_string())
    );
}

#[test]
fn exit_codes_follow_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", PUBLIC_BUCKET);
    assert_eq!(run(&["scan", "."], dir.path()).status.code(), Some(1));
    assert_eq!(
        run(&["scan", "--fail-on", "critical", "."], dir.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&["scan", "--fail-on", "none", "."], dir.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&["scan", "missing-dir"], dir.path()).status.code(),
        Some(2)
    );
    let o = run(&["scan", "--check", "no-such-check", "."], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown check `no-such-check`"));
    assert_eq!(
        run(&["scan", "--bogus-flag"], dir.path()).status.code(),
        Some(2)
    );
    let clean = tempfile::tempdir().unwrap();
    write(clean.path(), "main.tf", "variable \"x\" {}\n");
    assert_eq!(run(&["scan", "."], clean.path()).status.code(), Some(0));
}

#[test]
fn scan_without_paths_scans_the_current_directory() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", PUBLIC_BUCKET);
    let o = run(&["scan"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("aws-s3-public-acl"));
}

#[test]
fn check_selection_and_skipping() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", PUBLIC_BUCKET);
    let (_, v) = json_scan(dir.path(), &["--check", "aws-s3-public-acl"]);
    assert_eq!(ids(&v), ["aws-s3-public-acl"]);
    let (_, v) = json_scan(dir.path(), &["--skip-check", "aws-s3-public-acl"]);
    assert!(!ids(&v).contains(&"aws-s3-public-acl".to_string()));
    // Aliases from other tools select the same check.
    let (_, v) = json_scan(dir.path(), &["--check", "CKV_AWS_20"]);
    assert_eq!(ids(&v), ["aws-s3-public-acl"]);
}

#[test]
fn var_flags_and_var_files_are_evaluated() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "variable \"acl\" {}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n  acl = var.acl\n}\n",
    );
    let (_, v) = json_scan(dir.path(), &["--check", "aws-s3-public-acl"]);
    assert!(ids(&v).is_empty(), "an unset variable must not fire");
    let (_, v) = json_scan(
        dir.path(),
        &["--check", "aws-s3-public-acl", "--var", "acl=public-read"],
    );
    assert_eq!(ids(&v), ["aws-s3-public-acl"]);
    write(dir.path(), "prod.tfvars", "acl = \"authenticated-read\"\n");
    let (_, v) = json_scan(
        dir.path(),
        &["--check", "aws-s3-public-acl", "--var-file", "prod.tfvars"],
    );
    assert_eq!(ids(&v), ["aws-s3-public-acl"]);
    let o = bin()
        .args([
            "scan",
            "--format",
            "json",
            "--check",
            "aws-s3-public-acl",
            ".",
        ])
        .env("TF_VAR_acl", "public-read-write")
        .current_dir(dir.path())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(ids(&v), ["aws-s3-public-acl"]);
}

#[test]
fn the_workspace_comes_from_the_flag_tf_workspace_or_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        r#"resource "aws_s3_bucket" "b" {
  bucket = "site-${terraform.workspace}"
}
resource "aws_s3_bucket_acl" "b" {
  bucket = aws_s3_bucket.b.id
  acl    = terraform.workspace == "public" ? "public-read" : "private"
}
"#,
    );
    let only = ["--check", "aws-s3-public-acl"];
    let (_, v) = json_scan(dir.path(), &only);
    assert!(ids(&v).is_empty(), "the default workspace is `default`");
    let (_, v) = json_scan(
        dir.path(),
        &[&only[..], &["--workspace", "public"]].concat(),
    );
    assert_eq!(ids(&v), ["aws-s3-public-acl"]);
    let o = bin()
        .args([
            "scan",
            "--format",
            "json",
            "--check",
            "aws-s3-public-acl",
            ".",
        ])
        .env("TF_WORKSPACE", "public")
        .current_dir(dir.path())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(ids(&v), ["aws-s3-public-acl"]);
    write(
        dir.path(),
        ".cloudsentinel.yaml",
        "terraform:\n  workspace: public\n",
    );
    let (_, v) = json_scan(dir.path(), &only);
    assert_eq!(ids(&v), ["aws-s3-public-acl"]);
    let (_, v) = json_scan(
        dir.path(),
        &[&only[..], &["--workspace", "default"]].concat(),
    );
    assert!(ids(&v).is_empty(), "the flag beats the configuration");
}

#[test]
fn text_output_underlines_and_summarises() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", PUBLIC_BUCKET);
    let o = run(&["scan", "--check", "aws-s3-public-acl", "."], dir.path());
    let out = stdout(&o);
    assert!(out.contains("main.tf:4:3"), "{out}");
    assert!(out.contains("acl    = \"public-read\""), "{out}");
    assert!(out.contains("^^^^^^^^^^^^^^^^^^^^^"), "{out}");
    assert!(out.contains("resource: aws_s3_bucket.b"), "{out}");
    assert!(
        out.contains("1 finding (0 critical, 1 high, 0 medium, 0 low)"),
        "{out}"
    );
    assert!(
        !out.contains('\u{1b}'),
        "NO_COLOR must disable colours: {out}"
    );
    let quiet = stdout(&run(&["scan", "-q", "."], dir.path()));
    assert_eq!(quiet.lines().count(), 1, "{quiet}");
}

#[test]
fn output_file_is_written_without_colours() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", PUBLIC_BUCKET);
    let o = bin()
        .args(["scan", "--output", "report.txt", "."])
        .env_remove("NO_COLOR")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let report = std::fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert!(report.contains("aws-s3-public-acl") && !report.contains('\u{1b}'));
}

#[test]
fn json_output_is_versioned_and_sorted() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "b.tf",
        PUBLIC_BUCKET.replace("\"b\"", "\"second\""),
    );
    write(dir.path(), "a.tf", PUBLIC_BUCKET);
    let (_, v) = json_scan(dir.path(), &["--check", "aws-s3-public-acl"]);
    assert_eq!(v["version"], 1);
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["a.tf", "b.tf"]);
    let f = &v["findings"][0];
    assert_eq!(f["location"]["start"]["line"], 4);
    assert_eq!(f["location"]["start"]["column"], 3);
    assert_eq!(f["severity"], "high");
    assert_eq!(f["fingerprint"].as_str().unwrap().len(), 32);
}

#[test]
fn inline_suppressions_and_expiry() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        r#"
resource "aws_s3_bucket" "a" {
  bucket = "a"
  acl    = "public-read" # cloudsentinel:ignore:aws-s3-public-acl public website
}

# cloudsentinel:ignore:aws-s3-public-acl:exp:2020-01-01 temporary
resource "aws_s3_bucket" "b" {
  bucket = "b"
  acl    = "public-read"
}

// cloudsentinel:ignore:aws-s3-public-acl:exp:2999-01-01 until the migration
resource "aws_s3_bucket" "c" {
  bucket = "c"
  acl    = "public-read"
}
"#,
    );
    let (code, v) = json_scan(dir.path(), &["--check", "aws-s3-public-acl"]);
    assert_eq!(code, 1, "the expired suppression no longer applies");
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 3);
    let by_res = |r: &str| findings.iter().find(|f| f["resource"] == r).unwrap();
    assert_eq!(
        by_res("aws_s3_bucket.a")["suppression"]["reason"],
        "public website"
    );
    assert!(by_res("aws_s3_bucket.b")["suppression"].is_null());
    assert_eq!(
        by_res("aws_s3_bucket.c")["suppression"]["reason"],
        "until the migration"
    );
    assert!(
        v["suppression_warnings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("expired on 2020-01-01")
    );
}

#[test]
fn a_syntax_error_is_located_and_other_files_still_scanned() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good/main.tf", PUBLIC_BUCKET);
    write(
        dir.path(),
        "bad/main.tf",
        "resource \"aws_s3_bucket\" \"x\" {\n  bucket = \n",
    );
    let (code, v) = json_scan(dir.path(), &[]);
    assert_eq!(code, 1);
    let found = ids(&v);
    assert!(
        found.contains(&"aws-s3-public-acl".to_string()),
        "{found:?}"
    );
    let err = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["check_id"] == "iac-parse-error")
        .expect("parse error finding");
    assert_eq!(err["location"]["path"], "bad/main.tf");
    assert!(err["location"]["start"]["line"].as_u64().unwrap() >= 2);
}

#[test]
fn binary_invalid_utf8_oversized_and_empty_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ok/main.tf", PUBLIC_BUCKET);
    write(
        dir.path(),
        "binary/main.tf",
        [0u8, 159, 146, 150, 0, 1, 2, 3],
    );
    write(
        dir.path(),
        "latin1/main.tf",
        b"# caf\xe9\nresource \"aws_s3_bucket\" \"x\" {}\n",
    );
    write(dir.path(), "empty/main.tf", "");
    write(
        dir.path(),
        "big/main.tf",
        format!("# {}\n", "x".repeat(4096)),
    );
    let (_, v) = json_scan(dir.path(), &["--max-file-size", "2048"]);
    let findings = v["findings"].as_array().unwrap();
    let errors: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| f["check_id"] == "iac-parse-error")
        .map(|f| {
            (
                f["location"]["path"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    let paths: Vec<&str> = errors.iter().map(|e| e.0).collect();
    assert_eq!(
        paths,
        ["big/main.tf", "binary/main.tf", "latin1/main.tf"],
        "{errors:?}"
    );
    assert!(ids(&v).contains(&"aws-s3-public-acl".to_string()));
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_do_not_stop_the_scan() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", PUBLIC_BUCKET);
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("nowhere.tf"),
        dir.path().join("dangling.tf"),
    )
    .unwrap();
    let (code, v) = json_scan(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        ids(&v).iter().filter(|i| *i == "aws-s3-public-acl").count(),
        1
    );
    let notes: Vec<&str> = v["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["message"].as_str().unwrap())
        .collect();
    assert!(notes.iter().any(|n| n.contains("loop")), "{notes:?}");
}

#[test]
fn checks_list_and_explain() {
    let o = run(&["checks"], &repo());
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("aws-s3-public-acl"));
    let o = run(&["checks", "explain", "aws-s3-public-acl"], &repo());
    assert_eq!(o.status.code(), Some(0));
    let doc = stdout(&o);
    assert!(
        doc.contains("## Remediation") && doc.contains("```hcl"),
        "{doc}"
    );
    assert_eq!(
        run(&["checks", "explain", "nope"], &repo()).status.code(),
        Some(2)
    );
    let o = run(&["checks", "list", "--json"], &repo());
    let list: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(list.as_array().unwrap().len() >= 3);
}

#[test]
fn baseline_hides_accepted_findings_and_survives_moves_and_reformatting() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", PUBLIC_BUCKET);
    let o = run(
        &["baseline", "create", "--check", "aws-s3-public-acl", "."],
        dir.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(dir.path().join(".cloudsentinel-baseline.json").is_file());
    let scan = |d: &Path| {
        json_scan(
            d,
            &[
                "--check",
                "aws-s3-public-acl",
                "--baseline",
                ".cloudsentinel-baseline.json",
            ],
        )
    };
    let (code, v) = scan(dir.path());
    assert_eq!((code, ids(&v).len()), (0, 0), "{v}");

    // Moved 20 lines down and reformatted: still the same finding.
    let moved = format!(
        "{}resource \"aws_s3_bucket\"   \"b\" {{\n    bucket=\"example\"\n    acl   =   \"public-read\"\n}}\n",
        "# padding\n".repeat(20)
    );
    write(dir.path(), "main.tf", &moved);
    let (code, v) = scan(dir.path());
    assert_eq!((code, ids(&v).len()), (0, 0), "{v}");

    // A newly failing value is new.
    write(
        dir.path(),
        "main.tf",
        moved.replace("public-read", "public-read-write"),
    );
    let (code, v) = scan(dir.path());
    assert_eq!((code, ids(&v).len()), (1, 1), "{v}");

    // A new resource is new.
    write(
        dir.path(),
        "main.tf",
        format!("{moved}\n{}", PUBLIC_BUCKET.replace("\"b\"", "\"other\"")),
    );
    let (code, v) = scan(dir.path());
    assert_eq!(code, 1);
    let found: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["resource"].as_str().unwrap())
        .collect();
    assert_eq!(found, ["aws_s3_bucket.other"]);
}

#[test]
fn a_broken_baseline_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", PUBLIC_BUCKET);
    write(dir.path(), "b.json", "{not json");
    let o = run(&["scan", "--baseline", "b.json", "."], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("invalid baseline"));
    assert_eq!(
        run(&["scan", "--baseline", "missing.json", "."], dir.path())
            .status
            .code(),
        Some(2)
    );
}

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn diff_base_reports_only_changed_resources() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    write(d, "old.tf", PUBLIC_BUCKET);
    write(d, "main.tf", PUBLIC_BUCKET.replace("\"b\"", "\"kept\""));
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "init"]);
    // A change inside one resource, and a new untracked file.
    write(
        d,
        "main.tf",
        PUBLIC_BUCKET
            .replace("\"b\"", "\"kept\"")
            .replace("\"example\"", "\"renamed\""),
    );
    write(d, "new.tf", PUBLIC_BUCKET.replace("\"b\"", "\"fresh\""));
    let (code, v) = json_scan(d, &["--check", "aws-s3-public-acl", "--diff-base", "main"]);
    assert_eq!(code, 1);
    let found: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["resource"].as_str().unwrap())
        .collect();
    assert_eq!(found, ["aws_s3_bucket.kept", "aws_s3_bucket.fresh"]);
    let o = run(&["scan", "--diff-base", "no-such-ref", "."], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown git ref"));
}

#[test]
fn configuration_file_is_found_upward_and_applied() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "infra/main.tf", PUBLIC_BUCKET);
    write(
        d,
        "infra/examples/demo.tf",
        PUBLIC_BUCKET.replace("\"b\"", "\"demo\""),
    );
    write(
        d,
        "infra/legacy/old.tf",
        PUBLIC_BUCKET.replace("\"b\"", "\"old\""),
    );
    write(
        d,
        ".cloudsentinel.yaml",
        "fail-on: critical\nexclude: [infra/examples]\noverrides:\n  - paths: [\"infra/legacy/**\"]\n    skip: [aws-s3-public-acl]\n",
    );
    let (code, v) = json_scan(&d.join("infra"), &["--check", "aws-s3-public-acl"]);
    assert_eq!(code, 0, "fail-on: critical from the configuration");
    let resources: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["resource"].as_str().unwrap())
        .collect();
    assert_eq!(
        resources,
        ["aws_s3_bucket.b"],
        "excluded and overridden paths"
    );
    // A flag beats the configuration.
    let (code, _) = json_scan(&d.join("infra"), &["--fail-on", "high"]);
    assert_eq!(code, 1);
    // --no-config ignores it.
    let (_, v) = json_scan(
        &d.join("infra"),
        &["--no-config", "--check", "aws-s3-public-acl"],
    );
    assert_eq!(ids(&v).len(), 3);
}

#[test]
fn configuration_errors_name_the_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", PUBLIC_BUCKET);
    write(
        dir.path(),
        ".cloudsentinel.yaml",
        "checks:\n  skip: []\nfial-on: high\n",
    );
    let o = run(&["scan", "."], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(".cloudsentinel.yaml:3:1: unknown key `fial-on`"),
        "{err}"
    );
}

#[test]
fn suppression_policy_from_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "main.tf",
        r#"
resource "aws_s3_bucket" "a" {
  bucket = "a"
  acl    = "public-read" # cloudsentinel:ignore:aws-s3-public-acl
}

resource "aws_s3_bucket" "b" {
  bucket = "b"
  acl    = "public-read" # checkov:skip=CKV_AWS_20:public website
}
"#,
    );
    let scan = |cfg: &str| {
        write(d, ".cloudsentinel.yaml", cfg);
        json_scan(d, &["--check", "aws-s3-public-acl"]).1
    };
    let suppressed = |v: &Value| -> Vec<String> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| !f["suppression"].is_null())
            .map(|f| f["resource"].as_str().unwrap().to_string())
            .collect()
    };
    let v = scan("");
    assert_eq!(suppressed(&v), ["aws_s3_bucket.a"]);
    let v = scan("suppressions:\n  honor-foreign-suppressions: true\n");
    assert_eq!(suppressed(&v), ["aws_s3_bucket.a", "aws_s3_bucket.b"]);
    let v = scan("suppressions:\n  require-reason: true\n");
    assert!(suppressed(&v).is_empty());
    assert!(
        v["suppression_warnings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("no reason")
    );
    let v = scan("suppressions:\n  allow-inline: false\n  honor-foreign-suppressions: true\n");
    assert!(suppressed(&v).is_empty());
}

/// pre-commit users pass `args: [--fail-on, high]` after the hook's own `--fail-on low`.
#[test]
fn a_repeated_flag_takes_its_last_value() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", PUBLIC_BUCKET);
    let o = run(
        &[
            "scan",
            "-q",
            "--fail-on",
            "low",
            "--fail-on",
            "critical",
            ".",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = run(
        &[
            "scan",
            "-q",
            "--fail-on",
            "critical",
            "--fail-on",
            "high",
            ".",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
}

/// Migration from Checkov and cfn_nag: their CloudFormation metadata skips count only when
/// the configuration opts in, through each check's aliases.
#[test]
fn cloudformation_metadata_skips_of_other_tools_are_honoured_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "template.yaml",
        r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Metadata:
      checkov:
        skip:
          - id: CKV_AWS_18
            comment: this bucket receives the access logs
  Data:
    Type: AWS::S3::Bucket
    Metadata:
      cloudsentinel:
        ignore:
          - id: aws-s3-no-access-logging
            reason: logged by CloudTrail data events
  Archive:
    Type: AWS::S3::Bucket
    Metadata:
      cfn_nag:
        rules_to_suppress:
          - id: W35
            reason: archive bucket, written once
"#,
    );
    let scan = |cfg: &str| {
        write(d, ".cloudsentinel.yaml", cfg);
        json_scan(d, &["--check", "aws-s3-no-access-logging"]).1
    };
    let suppressed = |v: &Value| -> Vec<(String, String)> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| !f["suppression"].is_null())
            .map(|f| {
                (
                    f["resource"].as_str().unwrap().to_string(),
                    f["suppression"]["kind"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let v = scan("");
    assert_eq!(
        suppressed(&v),
        [("Data".to_string(), "metadata".to_string())]
    );
    let v = scan("suppressions:\n  honor-foreign-suppressions: true\n");
    assert_eq!(
        suppressed(&v),
        [
            ("Logs".to_string(), "foreign".to_string()),
            ("Data".to_string(), "metadata".to_string()),
            ("Archive".to_string(), "foreign".to_string())
        ]
    );
}

/// Hostile input (docs/limits.md): every file hits a documented limit and becomes a located
/// message, never a panic, a hang or an exhausted memory; the good file is still checked.
#[test]
fn hostile_inputs_hit_documented_limits_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let n = 100_000;
    write(d, "good/main.tf", PUBLIC_BUCKET);
    write(
        d,
        "hcl/main.tf",
        format!("locals {{\n  x = {}{}\n}}\n", "[".repeat(n), "]".repeat(n)),
    );
    write(
        d,
        "json/main.tf.json",
        format!(
            r#"{{"locals": {{"x": {}{}}}}}"#,
            "[".repeat(n),
            "]".repeat(n)
        ),
    );
    write(
        d,
        "cfn-yaml/deep.yaml",
        format!(
            "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: {}{}\n",
            "[".repeat(n),
            "]".repeat(n)
        ),
    );
    write(
        d,
        "cfn-json/deep.json",
        format!(
            r#"{{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {{"B": {{"Type": "AWS::S3::Bucket", "Properties": {{"Tags": {}{}}}}}}}}}"#,
            "[".repeat(n),
            "]".repeat(n)
        ),
    );
    // A billion laughs: each alias doubles the document.
    let mut bomb = String::from("AWSTemplateFormatVersion: \"2010-09-09\"\nx0: &a0 [lol, lol]\n");
    for i in 1..40 {
        bomb.push_str(&format!("x{i}: &a{i} [*a{}, *a{}]\n", i - 1, i - 1));
    }
    bomb.push_str(
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: *a39\n",
    );
    write(d, "bomb/template.yaml", bomb);
    // for_each over a million elements and a self-calling module.
    write(
        d,
        "big/main.tf",
        "resource \"aws_s3_bucket\" \"b\" {\n  for_each = toset([for i in range(1000000) : tostring(i)])\n  bucket   = each.key\n}\n",
    );
    write(
        d,
        "selfcall/main.tf",
        "module \"again\" {\n  source = \"./\"\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n",
    );
    // A template that renders itself, a function recursion through locals, a huge string.
    write(
        d,
        "recursive/main.tf",
        "locals {\n  a = templatefile(\"${path.module}/t.tpl\", {})\n  b = local.c\n  c = length(local.b)\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = local.a\n}\n",
    );
    write(d, "recursive/t.tpl", "${templatefile(\"t.tpl\", {})}");
    write(
        d,
        "huge/main.tf",
        format!(
            "locals {{\n  s = \"{}\"\n  t = join(\"\", [for i in range(100) : local.s])\n}}\nresource \"aws_s3_bucket\" \"b\" {{\n  bucket = local.t\n}}\n",
            "a".repeat(1_000_000)
        ),
    );
    let (code, v) = json_scan(d, &[]);
    assert_eq!(code, 1);
    let findings = v["findings"].as_array().unwrap();
    let parse_errors: Vec<&str> = findings
        .iter()
        .filter(|f| f["check_id"] == "iac-parse-error")
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    for path in [
        "hcl/main.tf",
        "json/main.tf.json",
        "cfn-yaml/deep.yaml",
        "cfn-json/deep.json",
        "bomb/template.yaml",
    ] {
        assert!(parse_errors.contains(&path), "{path} in {parse_errors:?}");
    }
    assert!(
        findings.iter().any(
            |f| f["check_id"] == "aws-s3-public-acl" && f["location"]["path"] == "good/main.tf"
        ),
        "the good file is still checked"
    );
    let notices: Vec<&str> = v["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["message"].as_str().unwrap())
        .collect();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("limit") || n.contains("range")),
        "the million-element for_each says it was cut: {notices:?}"
    );
}

/// A policy given to several principals (an `AWS::IAM::Policy` listing a group and a role)
/// is one statement in the source: each check reports a place at most once.
#[test]
fn cloudformation_fixtures_report_each_place_once() {
    let (_, v) = json_scan(&repo().join("fixtures/cloudformation"), &[]);
    let findings = v["findings"].as_array().unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for f in findings {
        let at = &f["location"];
        let key = (
            f["check_id"].as_str().unwrap().to_string(),
            at["path"].as_str().unwrap_or_default().to_string(),
            at["byte_range"].to_string(),
            f["message"].as_str().unwrap().to_string(),
        );
        assert!(seen.insert(key.clone()), "reported twice: {key:?}");
    }
    let iam_star: Vec<_> = findings
        .iter()
        .filter(|f| {
            f["check_id"] == "aws-iam-policy-wildcard-action"
                && f["location"]["path"] == "platform.json"
        })
        .map(|f| f["location"]["start"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(
        iam_star,
        [86, 119],
        "s3:* of StorageAdmin, iam:* of DeveloperBoundary"
    );
}

/// Terraform beside CloudFormation in one directory: both are scanned, each finding located
/// in its own file.
#[test]
fn a_mixed_directory_reports_terraform_and_cloudformation_findings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "main.tf", PUBLIC_BUCKET);
    write(
        d,
        "template.yaml",
        "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Site:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n",
    );
    write(
        d,
        "template.json",
        r#"{"Resources": {"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": false}}}}"#,
    );
    let (code, v) = json_scan(d, &["--check", "aws-s3-public-acl,aws-kms-no-rotation"]);
    assert_eq!(code, 1);
    let mut got: Vec<(String, String, u64, u64)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["check_id"].as_str().unwrap().to_string(),
                f["location"]["path"].as_str().unwrap().to_string(),
                f["location"]["start"]["line"].as_u64().unwrap(),
                f["location"]["start"]["column"].as_u64().unwrap(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("aws-kms-no-rotation".into(), "template.json".into(), 1, 64),
            ("aws-s3-public-acl".into(), "main.tf".into(), 4, 3),
            ("aws-s3-public-acl".into(), "template.yaml".into(), 6, 7),
        ]
    );
}

/// Issue 15: `--diff-base` run from outside the repository asks git in the scanned path's
/// repository, not in the current directory.
#[test]
fn diff_base_works_from_outside_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&repo).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    git(&repo, &["init", "-q", "-b", "main"]);
    write(&repo, "infra/old.tf", PUBLIC_BUCKET);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "init"]);
    write(
        &repo,
        "infra/new.tf",
        PUBLIC_BUCKET.replace("\"b\"", "\"fresh\""),
    );
    let o = run(
        &[
            "scan",
            "--format",
            "json",
            "--check",
            "aws-s3-public-acl",
            "--diff-base",
            "main",
            "../repo/infra",
        ],
        &elsewhere,
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let found: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["resource"].as_str().unwrap())
        .collect();
    assert_eq!(found, ["aws_s3_bucket.fresh"]);
    // A single file named from outside works too.
    let o = run(
        &["scan", "--diff-base", "main", "../repo/infra/old.tf"],
        &elsewhere,
    );
    assert_eq!(o.status.code(), Some(0), "old.tf did not change");
    // Outside any repository: a clear error.
    write(&elsewhere, "main.tf", PUBLIC_BUCKET);
    let o = run(&["scan", "--diff-base", "main", "."], &elsewhere);
    if o.status.code() == Some(2) {
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("is not in a git repository"), "{err}");
    }
}

/// Issue 15: `--max-file-size 0` is an error naming the valid range, not a silent default.
#[test]
fn max_file_size_zero_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", PUBLIC_BUCKET);
    let o = run(&["scan", "--max-file-size", "0", "."], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--max-file-size"), "{err}");
    assert!(
        err.contains("between 1 and 18446744073709551615 bytes"),
        "{err}"
    );
    let o = run(&["scan", "--max-file-size", "ten", "."], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["scan", "--max-file-size", "1", "."], dir.path());
    assert_eq!(o.status.code(), Some(1), "a tiny limit reports the file");
}

/// Issue 15: a path named on the command line that the configuration excludes is not
/// scanned silently: a note names the pattern and the file, and `--no-exclude` scans it.
#[test]
fn a_named_path_the_configuration_excludes_is_noted_and_can_be_forced() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "main.tf", PUBLIC_BUCKET);
    write(
        d,
        "examples/demo.tf",
        PUBLIC_BUCKET.replace("\"b\"", "\"demo\""),
    );
    write(d, ".cloudsentinel.yaml", "exclude: [examples]\n");
    for named in ["examples", "examples/demo.tf"] {
        let o = run(&["scan", named], d);
        assert_eq!(o.status.code(), Some(0), "{named}: nothing scanned");
        let out = stdout(&o);
        assert!(
            out.contains(&format!(
                "note: {named} not scanned: excluded by `examples` in .cloudsentinel.yaml \
                 (--no-exclude scans it)"
            )),
            "{out}"
        );
        assert!(out.contains("0 files scanned"), "{out}");
        let o = run(
            &[
                "scan",
                "--format",
                "json",
                "--check",
                "aws-s3-public-acl",
                "--no-exclude",
                named,
            ],
            d,
        );
        assert_eq!(o.status.code(), Some(1), "{named}: --no-exclude scans it");
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(ids(&v), ["aws-s3-public-acl"]);
        assert_eq!(v["summary"]["files_scanned"], 1);
    }
    // Scanning the whole directory keeps excluding quietly; --no-exclude includes it.
    let (_, v) = json_scan(d, &["--check", "aws-s3-public-acl"]);
    assert_eq!(ids(&v).len(), 1);
    assert!(v["notices"].as_array().unwrap().is_empty(), "{v}");
    let (_, v) = json_scan(d, &["--check", "aws-s3-public-acl", "--no-exclude"]);
    assert_eq!(ids(&v).len(), 2);
}

fn markdown(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let o = bin()
        .args([
            "scan",
            "--format",
            "markdown",
            "--check",
            "aws-s3-public-acl",
        ])
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    stdout(&o)
}

/// Issue 15: markdown for pull-request comments links to the published check docs and to
/// the scanned commit (from the CI environment or `--link-base`), never to relative paths.
#[test]
fn markdown_links_work_where_the_comment_is_posted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "infra/main.tf", PUBLIC_BUCKET);
    let docs = "[`aws-s3-public-acl`](https://github.com/cloudsentinel/cloudsentinel/blob/main/docs/checks/aws-s3-public-acl.md)";
    // No CI environment: plain text locations, no relative links.
    let md = markdown(d, &["infra"], &[]);
    assert!(md.contains(docs), "{md}");
    assert!(md.contains("| `infra/main.tf:4` |"), "{md}");
    assert!(!md.contains("](infra/") && !md.contains("](docs/"), "{md}");
    // GitHub Actions: the repository at the scanned commit, paths from the workspace root,
    // even when the scan runs in a subdirectory.
    let github = [
        ("GITHUB_SERVER_URL", "https://github.com"),
        ("GITHUB_REPOSITORY", "acme/infra"),
        ("GITHUB_SHA", "0123abc"),
        ("GITHUB_WORKSPACE", d.to_str().unwrap()),
    ];
    let md = markdown(&d.join("infra"), &["."], &github);
    assert!(
        md.contains("[`main.tf:4`](https://github.com/acme/infra/blob/0123abc/infra/main.tf#L4)"),
        "{md}"
    );
    assert!(md.contains(docs), "{md}");
    // GitLab CI.
    let gitlab = [
        ("CI_PROJECT_URL", "https://gitlab.example.com/acme/infra"),
        ("CI_COMMIT_SHA", "4567def"),
        ("CI_PROJECT_DIR", d.to_str().unwrap()),
    ];
    let md = markdown(d, &["infra"], &gitlab);
    assert!(
        md.contains("[`infra/main.tf:4`](https://gitlab.example.com/acme/infra/-/blob/4567def/infra/main.tf#L4)"),
        "{md}"
    );
    // --link-base wins over the environment; paths are relative to the current directory.
    let md = markdown(
        d,
        &["--link-base", "https://git.example.com/tree/v1/", "infra"],
        &github,
    );
    assert!(
        md.contains("[`infra/main.tf:4`](https://git.example.com/tree/v1/infra/main.tf#L4)"),
        "{md}"
    );
}

/// Issue 15: a file named alone is evaluated with its module, and the counts say which
/// files were reported on and which were only read for context, in every format.
#[test]
fn counts_separate_scanned_files_from_module_context() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "s3.tf", PUBLIC_BUCKET);
    write(d, "variables.tf", "variable \"x\" {\n  default = 1\n}\n");
    write(d, "locals.tf", "locals {\n  y = 2\n}\n");
    let o = run(&["scan", "s3.tf"], d);
    let out = stdout(&o);
    assert!(
        out.contains("; 1 file scanned (2 more read for module context) in "),
        "{out}"
    );
    let o = run(&["scan", "--format", "json", "s3.tf"], d);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["files_scanned"], 1);
    assert_eq!(v["summary"]["files_read_for_context"], 2);
    // A directory: every file is reported on.
    let (_, v) = json_scan(d, &[]);
    assert_eq!(v["summary"]["files_scanned"], 3);
    assert_eq!(v["summary"]["files_read_for_context"], 0);
    let o = run(&["scan", "."], d);
    let out = stdout(&o);
    assert!(out.contains("; 3 files scanned in "), "{out}");
}

/// Issue 15: `--help` names every supported format, from the front-end registry.
#[test]
fn help_names_every_registered_format() {
    let o = run(&["--help"], &repo());
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    // Help is wrapped to the terminal's width: compare words.
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words(&help).contains(
            "reads Terraform, Terraform plan JSON, CloudFormation, ARM template, Bicep and Deployment Manager,"
        ),
        "{help}"
    );
    for f in cloudsentinel_parser::frontends::built_in() {
        assert!(
            words(&help).contains(f.name()),
            "{} missing from\n{help}",
            f.name()
        );
    }
    let names: Vec<&str> = cloudsentinel_parser::frontends::built_in()
        .iter()
        .map(|f| f.name())
        .collect();
    let about = cloudsentinel_cli::long_about(&names);
    assert!(
        words(&help).contains(&words(&about)),
        "--help shows the generated text\n{help}"
    );
    assert!(
        cloudsentinel_cli::long_about(&["Terraform", "CloudFormation", "Bicep"])
            .starts_with("CloudSentinel reads Terraform, CloudFormation and Bicep, ")
    );
}
#[test]
fn an_inline_ignore_anywhere_in_a_resource_covers_its_findings() {
    // The README's example: the comment sits on the `acl` line, the versioning finding on the
    // `resource` line; both are suppressed, and the bucket below is not.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        r#"
resource "aws_s3_bucket" "site" {
  bucket = "shop-site"
  acl    = "public-read" # cloudsentinel:ignore:aws-s3-public-acl,aws-s3-no-versioning static site
}

resource "aws_s3_bucket" "other" {
  bucket = "other"
  acl    = "public-read"
}
"#,
    );
    write(
        dir.path(),
        "template.yaml",
        r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead # cloudsentinel:ignore:aws-s3-public-acl,aws-s3-no-versioning static site
  # cloudsentinel:ignore:aws-s3-public-acl the comment block above Other covers Other only
  Other:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
"#,
    );
    let (code, v) = json_scan(
        dir.path(),
        &["--check", "aws-s3-public-acl,aws-s3-no-versioning"],
    );
    assert_eq!(code, 1, "{v}");
    let state = |r: &str, id: &str| {
        let f = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["resource"] == r && f["check_id"] == id)
            .unwrap_or_else(|| panic!("no {id} on {r}: {v}"));
        f["suppression"]["reason"].as_str().map(str::to_string)
    };
    for r in ["aws_s3_bucket.site", "Site"] {
        for id in ["aws-s3-public-acl", "aws-s3-no-versioning"] {
            assert_eq!(state(r, id).as_deref(), Some("static site"), "{r} {id}");
        }
    }
    assert_eq!(state("aws_s3_bucket.other", "aws-s3-public-acl"), None);
    assert_eq!(state("aws_s3_bucket.other", "aws-s3-no-versioning"), None);
    assert_eq!(state("Other", "aws-s3-no-versioning"), None);
    assert!(state("Other", "aws-s3-public-acl").is_some());
    assert_eq!(v["suppression_warnings"], serde_json::json!([]), "{v}");
}

#[test]
fn unknown_ids_and_unused_suppressions_are_reported_and_strict_fails() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        r#"
resource "aws_s3_bucket" "b" {
  bucket = "example" # cloudsentinel:ignore:aws-s3-no-versioning not needed
  acl    = "private" # cloudsentinel:ignore:aws-s3-public-acl nothing to suppress
}

resource "aws_security_group" "bastion" {
  name = "bastion"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # cloudsentinel:ignore:aws-ec2-sg-public-sshh,CKV_AWS_24 typo
  }
}
"#,
    );
    let checks = "aws-s3-public-acl,aws-s3-no-versioning,aws-ec2-sg-public-ssh";
    let (code, v) = json_scan(dir.path(), &["--check", checks]);
    assert_eq!(code, 0, "only warnings: {v}");
    let warnings = v["suppression_warnings"].as_array().unwrap();
    let kinds: Vec<(&str, &str, &str, u64)> = warnings
        .iter()
        .map(|w| {
            (
                w["check_id"].as_str().unwrap(),
                w["kind"].as_str().unwrap(),
                w["level"].as_str().unwrap(),
                w["location"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("aws-s3-public-acl", "unused", "warning", 4),
            ("aws-ec2-sg-public-sshh", "unknown-id", "warning", 13),
        ],
        "{v}"
    );
    assert!(
        warnings[1]["message"]
            .as_str()
            .unwrap()
            .contains("did you mean aws-ec2-sg-public-ssh?")
    );
    // The alias CKV_AWS_24 on the same comment is a valid ID and suppresses the finding.
    assert!(ids(&v).is_empty(), "{v}");

    let o = run(&["scan", "--check", checks, "."], dir.path());
    let text = stdout(&o);
    assert!(
        text.contains("warning: main.tf:13: suppression names unknown check `aws-ec2-sg-public-sshh` (did you mean aws-ec2-sg-public-ssh?)"),
        "{text}"
    );
    assert!(
        text.contains("warning: main.tf:4: suppression of aws-s3-public-acl matches no finding"),
        "{text}"
    );

    // Strict: the same problems are errors and fail the scan, by flag or configuration.
    let o = run(
        &["scan", "--strict-suppressions", "--check", checks, "."],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("error: main.tf:13: suppression names unknown check"));
    let o = run(
        &[
            "scan",
            "-q",
            "--strict-suppressions",
            "--check",
            checks,
            ".",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with(
            "2 suppression problems fail the scan (--strict-suppressions)\n0 findings"
        ),
        "{}",
        stdout(&o)
    );
    write(
        dir.path(),
        ".cloudsentinel.yaml",
        "suppressions:\n  strict: true\n",
    );
    let (code, v) = json_scan(dir.path(), &["--check", checks]);
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["suppression_warnings"][0]["level"], "error");

    // A suppression of a check that did not run is not "unused".
    let (code, v) = json_scan(dir.path(), &["--check", "aws-ec2-sg-public-ssh"]);
    assert_eq!(code, 1, "the unknown ID still fails: {v}");
    assert_eq!(
        v["suppression_warnings"].as_array().unwrap().len(),
        1,
        "{v}"
    );
}

#[test]
fn a_baseline_matches_whatever_directory_and_path_form_the_scan_uses() {
    let root = tempfile::tempdir().unwrap();
    let project = root.path().join("project");
    write(&project, "infra/main.tf", PUBLIC_BUCKET);
    git(&project, &["init", "-q"]);
    let o = run(
        &[
            "baseline",
            "create",
            "--check",
            "aws-s3-public-acl",
            "infra",
        ],
        &project,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let baseline = project.join(".cloudsentinel-baseline.json");
    let b: Value = serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(b["version"], 2);
    assert_eq!(b["findings"][0]["path"], "infra/main.tf", "{b}");

    let baseline = baseline.to_str().unwrap().to_string();
    let abs_infra = project.join("infra");
    let cases: [(&Path, &str); 4] = [
        (&project, "infra"),
        (root.path(), "project/infra"),
        (&abs_infra, "."),
        (root.path(), abs_infra.to_str().unwrap()),
    ];
    for (cwd, path) in cases {
        let o = run(
            &[
                "scan",
                "--check",
                "aws-s3-public-acl",
                "--baseline",
                &baseline,
                path,
            ],
            cwd,
        );
        let text = stdout(&o);
        assert_eq!(o.status.code(), Some(0), "{} {path}: {text}", cwd.display());
        assert!(text.contains("1 of 1 baseline entry matched"), "{text}");
        let o = run(
            &[
                "scan",
                "--format",
                "json",
                "--check",
                "aws-s3-public-acl",
                "--baseline",
                &baseline,
                path,
            ],
            cwd,
        );
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(
            v["summary"]["baseline"],
            serde_json::json!({"matched": 1, "entries": 1})
        );
    }
    // Without a baseline the summary has no baseline field.
    let (_, v) = json_scan(&project, &["--check", "aws-s3-public-acl"]);
    assert!(v["summary"].get("baseline").is_none(), "{v}");

    // A baseline of another code base matches nothing, and the scan says so.
    let other = tempfile::tempdir().unwrap();
    write(
        other.path(),
        "main.tf",
        PUBLIC_BUCKET.replace("\"b\"", "\"c\""),
    );
    let o = run(
        &[
            "scan",
            "--check",
            "aws-s3-public-acl",
            "--baseline",
            &baseline,
            ".",
        ],
        other.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("0 of 1 baseline entry matched (was it created"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_version_1_baseline_is_still_read() {
    // Written by cloudsentinel 0.1 with `baseline create --check aws-s3-public-acl .`.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", PUBLIC_BUCKET);
    write(
        dir.path(),
        "old.json",
        r#"{"version": 1, "findings": [{"fingerprint": "248cacf398ee49d6c51547da28bb0ed8",
            "check_id": "aws-s3-public-acl", "path": "main.tf", "resource": "aws_s3_bucket.b"}]}"#,
    );
    let (code, v) = json_scan(
        dir.path(),
        &["--check", "aws-s3-public-acl", "--baseline", "old.json"],
    );
    assert_eq!((code, ids(&v).len()), (0, 0), "{v}");
    assert_eq!(v["summary"]["baseline"]["matched"], 1);
    assert!(!v["notices"].to_string().contains("version 1"), "{v}");
    // Scanned from elsewhere it does not match, and the scan says how to fix that.
    let parent = dir.path().parent().unwrap();
    let name = dir.path().file_name().unwrap().to_str().unwrap();
    let o = run(
        &[
            "scan",
            "--check",
            "aws-s3-public-acl",
            "--baseline",
            &format!("{name}/old.json"),
            name,
        ],
        parent,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("the baseline is version 1"),
        "{}",
        stdout(&o)
    );
    write(dir.path(), "new.json", r#"{"version": 3, "findings": []}"#);
    let o = run(&["scan", "--baseline", "new.json", "."], dir.path());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_changed_offending_value_changes_the_fingerprint() {
    // The finding points at the CIDR; the port is part of the problem all the same.
    let sg = |port: u32| {
        format!(
            r#"
resource "aws_security_group" "db" {{
  name = "db"
  ingress {{
    from_port   = {port}
    to_port     = {port}
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}
"#
        )
    };
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", sg(3306));
    let check = "aws-ec2-sg-public-database";
    let o = run(&["baseline", "create", "--check", check, "."], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let scan = || {
        json_scan(
            dir.path(),
            &[
                "--check",
                check,
                "--baseline",
                ".cloudsentinel-baseline.json",
            ],
        )
    };
    assert_eq!(scan().0, 0);
    // Reformatted and with an unrelated attribute changed: still accepted.
    write(
        dir.path(),
        "main.tf",
        sg(3306).replace(
            "name = \"db\"",
            "name        = \"database\"\n  description = \"db\"",
        ),
    );
    assert_eq!(scan().0, 0, "{}", scan().1);
    write(dir.path(), "main.tf", sg(5432));
    let (code, v) = scan();
    assert_eq!((code, ids(&v)), (1, vec![check.to_string()]), "{v}");
}

#[test]
fn a_suppression_of_a_check_skipped_for_its_path_is_not_unused() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".cloudsentinel.yaml",
        "overrides:\n  - paths: [\"legacy/**\"]\n    skip: [aws-s3-public-acl]\n",
    );
    write(
        dir.path(),
        "legacy/main.tf",
        PUBLIC_BUCKET.replace(
            "\"public-read\"",
            "\"public-read\" # cloudsentinel:ignore:CKV_AWS_20 old site",
        ),
    );
    let (code, v) = json_scan(dir.path(), &["--check", "aws-s3-public-acl"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["suppression_warnings"], serde_json::json!([]), "{v}");
}
/// (check ID, path, line) of every unsuppressed finding, sorted.
fn places(v: &Value) -> Vec<(String, String, u64)> {
    let mut got: Vec<(String, String, u64)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["suppression"].is_null())
        .map(|f| {
            (
                f["check_id"].as_str().unwrap().to_string(),
                f["location"]["path"].as_str().unwrap().to_string(),
                f["location"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    got.sort();
    got
}

#[test]
fn one_security_group_rule_open_on_all_ports_is_one_finding() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "template.yaml",
        "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Open:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: open\n      SecurityGroupIngress:\n        - IpProtocol: -1\n          CidrIp: 0.0.0.0/0\n",
    );
    write(
        d,
        "main.tf",
        r#"resource "aws_security_group" "all" {
  name = "all"
  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "tcp" {
  name = "tcp"
  ingress {
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "admin" {
  name = "admin"
  ingress {
    from_port   = 20
    to_port     = 25
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"#,
    );
    let only = "aws-ec2-sg-public-all-ports,aws-ec2-sg-public-ssh,aws-ec2-sg-public-rdp,aws-ec2-sg-public-database";
    let (code, v) = json_scan(d, &["--check", only]);
    assert_eq!(code, 1);
    assert_eq!(
        places(&v),
        [
            ("aws-ec2-sg-public-all-ports".into(), "main.tf".into(), 7),
            ("aws-ec2-sg-public-all-ports".into(), "main.tf".into(), 17),
            (
                "aws-ec2-sg-public-all-ports".into(),
                "template.yaml".into(),
                9
            ),
            ("aws-ec2-sg-public-ssh".into(), "main.tf".into(), 27),
        ]
    );
    let message = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["location"]["path"] == "template.yaml")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("all ports")
            && message.contains("SSH (22)")
            && message.contains("RDP (3389)")
            && message.contains("database ports (1433"),
        "{message}"
    );
}

#[test]
fn every_document_of_a_multi_document_template_is_checked_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "stacks.yaml",
        "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Site:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n---\nAWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Other:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicReadWrite\n",
    );
    let (code, v) = json_scan(d, &["--check", "aws-s3-public-acl"]);
    assert_eq!(code, 1);
    assert_eq!(
        places(&v),
        [
            ("aws-s3-public-acl".into(), "stacks.yaml".into(), 6),
            ("aws-s3-public-acl".into(), "stacks.yaml".into(), 13),
        ]
    );
    let notices: Vec<(&str, u64, &str)> = v["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["location"]["path"].as_str().unwrap_or_default(),
                n["location"]["start"]["line"].as_u64().unwrap_or_default(),
                n["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        notices.iter().any(|(path, line, m)| *path == "stacks.yaml"
            && *line == 7
            && m.contains("stacks.yaml holds another YAML document at line 7")),
        "{notices:?}"
    );
    // The text output shows the note too.
    let o = run(&["scan", "--check", "aws-s3-public-acl", "."], d);
    assert!(
        stdout(&o).contains("note: stacks.yaml:7: stacks.yaml holds another YAML document"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_broken_resource_does_not_hide_the_findings_of_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "main.tf",
        r#"resource "aws_s3_bucket" "broken" {
  bucket = "broken"
  acl    = = "private"
}

resource "aws_s3_bucket" "site" {
  bucket = "site"
  acl    = "public-read"
}
"#,
    );
    let (code, v) = json_scan(d, &[]);
    assert_eq!(code, 1);
    let got: Vec<_> = places(&v)
        .into_iter()
        .filter(|(id, _, _)| id == "aws-s3-public-acl" || id == "iac-parse-error")
        .collect();
    assert_eq!(
        got,
        [
            ("aws-s3-public-acl".into(), "main.tf".into(), 8),
            ("iac-parse-error".into(), "main.tf".into(), 3),
        ]
    );
}

#[test]
fn a_broken_resource_of_a_yaml_template_does_not_hide_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "template.yaml",
        "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Broken:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: [unclosed\n  Site:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n",
    );
    let (code, v) = json_scan(d, &[]);
    assert_eq!(code, 1);
    let got: Vec<_> = places(&v)
        .into_iter()
        .filter(|(id, _, _)| id == "aws-s3-public-acl" || id == "iac-parse-error")
        .collect();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(
        got[0],
        ("aws-s3-public-acl".into(), "template.yaml".into(), 10)
    );
    assert_eq!(got[1].0, "iac-parse-error");
}
