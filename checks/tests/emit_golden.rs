//! Golden-file tests of every output format on a fixed analysis.
//! Regenerate with `CLOUDSENTINEL_UPDATE_GOLDEN=1 cargo test -p cloudsentinel-checks --test emit_golden`.

use cloudsentinel_checks::emit::{self, EmitOptions, OutputFormat};
use cloudsentinel_checks::finding::{Related, Suppression};
use cloudsentinel_checks::{Analysis, Finding, Severity};
use cloudsentinel_model::{Location, ModuleCall, Notice, SourceDb, TextRange};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

const MAIN_TF: &str = r#"module "site" {
  source = "./modules/site"
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs, \"quoted\""
  acl    = "public-read" # cloudsentinel:ignore:aws-s3-public-acl legacy
}
"#;

const SITE_TF: &str = r#"resource "aws_s3_bucket" "site" {
  bucket = "site"
  acl    = "public-read-write"
}
"#;

fn loc(file: cloudsentinel_model::FileId, text: &str, needle: &str) -> Location {
    let start = text.find(needle).expect("needle");
    Location::new(file, TextRange::new(start, start + needle.len()))
}

fn finding(check_id: &'static str, severity: Severity, message: &str) -> Finding {
    Finding {
        check_id,
        severity,
        message: message.to_string(),
        location: None,
        live_id: None,
        resource: None,
        resource_location: None,
        module_chain: Arc::from([]),
        related: Vec::new().into(),
        suppression: None,
        fingerprint: String::new(),
        metadata_ignores: Arc::from([]),
    }
}

fn analysis() -> Analysis {
    let db = SourceDb::new();
    let main = db.add("main.tf", MAIN_TF);
    let site = db.add("modules/site/main.tf", SITE_TF);
    let call = ModuleCall {
        name: "site".into(),
        location: loc(main, MAIN_TF, "module \"site\""),
    };
    let mut public = finding(
        "aws-s3-public-acl",
        Severity::High,
        "Bucket ACL `public-read-write` makes the bucket public",
    );
    public.location = Some(loc(site, SITE_TF, "acl    = \"public-read-write\""));
    public.resource = Some("module.site.aws_s3_bucket.site".into());
    public.resource_location = Some(loc(site, SITE_TF, "resource \"aws_s3_bucket\" \"site\""));
    public.related = vec![Related {
        location: call.location,
        message: "in module \"site\" called here".into(),
    }]
    .into();
    public.module_chain = vec![call].into();
    public.fingerprint = "0123456789abcdef0123456789abcdef".into();

    let mut suppressed = finding(
        "aws-s3-public-acl",
        Severity::High,
        "Bucket ACL `public-read` makes the bucket public",
    );
    suppressed.location = Some(loc(main, MAIN_TF, "acl    = \"public-read\""));
    suppressed.resource = Some("aws_s3_bucket.logs".into());
    suppressed.suppression = Some(Box::new(Suppression {
        kind: "inline",
        reason: Some("legacy".into()),
        location: None,
    }));
    suppressed.fingerprint = "fedcba9876543210fedcba9876543210".into();

    let mut parse = finding(
        "iac-parse-error",
        Severity::High,
        "expected `}`, found end of file: a <b> & 'c'",
    );
    parse.location = Some(loc(main, MAIN_TF, "bucket = \"logs, \\\"quoted\\\"\""));
    parse.fingerprint = "00000000000000000000000000000001".into();

    Analysis {
        live_resources: None,
        db,
        findings: vec![parse, suppressed, public],
        passes: Vec::new(),
        notices: vec![Notice {
            location: None,
            message: "module \"vpc\" was not evaluated".into(),
        }],
        suppression_warnings: Vec::new(),
        project_root: None,
        baseline: None,
        files_scanned: 2,
        files_read_for_context: 0,
        bytes_scanned: (MAIN_TF.len() + SITE_TF.len()) as u64,
        elapsed: Duration::ZERO,
    }
}

fn check(format: OutputFormat, name: &str) {
    let a = analysis();
    let rendered = emit::render(&a, format, &EmitOptions::default());
    let rendered = if format == OutputFormat::Text {
        anstream::adapter::strip_str(&rendered).to_string()
    } else {
        rendered
    };
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("CLOUDSENTINEL_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &rendered).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == rendered,
        "{name} differs from its golden file; regenerate with CLOUDSENTINEL_UPDATE_GOLDEN=1\n--- expected\n{expected}\n--- actual\n{rendered}"
    );
}

#[test]
fn github_annotations() {
    check(OutputFormat::Github, "github.txt");
}

#[test]
fn junit_xml() {
    check(OutputFormat::Junit, "junit.xml");
}

#[test]
fn csv_rows() {
    check(OutputFormat::Csv, "findings.csv");
}

#[test]
fn markdown_comment() {
    check(OutputFormat::Markdown, "comment.md");
}

#[test]
fn gitlab_code_quality() {
    check(OutputFormat::Gitlab, "gitlab.json");
}

#[test]
fn text_report() {
    check(OutputFormat::Text, "report.txt");
}

#[test]
fn json_report() {
    check(OutputFormat::Json, "report.json");
}
