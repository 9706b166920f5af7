//! Proof that the seams are open: a toy provider — its own file format (`.toy`), front-end,
//! model part and check — plugs into the real pipeline from outside the core crates, using
//! only their public interfaces (`FrontEnd`, `Extension`, `Check`, `Registry`). Nothing here
//! is registered in the built-in lists: the test adds it with one `Registry` value, as a plugin
//! crate would.

mod check;
mod frontend;
mod model;

use cloudsentinel_checks::{AnalysisOptions, Registry, analyze, analyze_with, registry};
use cloudsentinel_parser::frontend::FrontEnd;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// The built-in front-ends and checks plus the toy ones.
static FRONTENDS: LazyLock<Vec<&'static dyn FrontEnd>> = LazyLock::new(|| {
    let mut all = cloudsentinel_parser::frontends::built_in().to_vec();
    all.push(&frontend::TOY);
    all
});
static CHECKS: LazyLock<Vec<&'static cloudsentinel_checks::Check>> = LazyLock::new(|| {
    let mut all = registry::ALL.to_vec();
    all.push(&check::CHECK);
    all
});

fn with_toy() -> Registry<'static> {
    Registry {
        frontends: &FRONTENDS,
        checks: &CHECKS,
    }
}

/// Preview checks (the toy one is) run when asked for.
fn options() -> AnalysisOptions {
    AnalysisOptions {
        preview: true,
        record_passes: true,
        ..AnalysisOptions::default()
    }
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

const BUCKETS: &str = "# toy-cloud\nbucket site public=true\nbucket logs public=false\nbucket data public=?\nbucket archive\n";

#[test]
fn a_toy_file_is_claimed_adapted_and_checked_beside_terraform() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "buckets.toy", BUCKETS);
    write(
        dir.path(),
        "notes.toy",
        "not a toy-cloud file: nobody claims it\n",
    );
    write(
        dir.path(),
        "main.tf",
        "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n  acl    = \"public-read\"\n}\n",
    );
    let a = analyze_with(&[PathBuf::from(dir.path())], &options(), with_toy());
    let toy: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.check_id == "toy-bucket-public")
        .collect();
    assert_eq!(toy.len(), 1, "{toy:#?}");
    let loc = toy[0].location.expect("located");
    let file = a.db.get(loc.file);
    assert!(file.path.ends_with("buckets.toy"));
    assert_eq!(&file.text[loc.range.as_range()], "public=true");
    assert_eq!(file.line_col(loc.range.start).line, 2);
    assert_eq!(toy[0].resource.as_deref(), Some("toy_bucket.site"));
    // The private bucket and the defaulted one pass; the unknown one is neither.
    let passed: Vec<_> = a
        .passes
        .iter()
        .filter(|p| p.check_id == "toy-bucket-public")
        .map(|p| p.resource.as_str())
        .collect();
    assert_eq!(passed, ["toy_bucket.logs", "toy_bucket.archive"]);
    // The built-in front-ends and checks work as before beside it.
    assert!(a.findings.iter().any(|f| f.check_id == "aws-s3-public-acl"));
    // A `.toy` file without the header is not claimed: no error, no resource.
    assert!(a.findings.iter().all(|f| f.check_id != "iac-parse-error"));
    assert_eq!(a.files_scanned, 2, "buckets.toy and main.tf");
}

#[test]
fn a_malformed_toy_file_is_one_located_parse_error_and_the_rest_stands() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bad.toy",
        "# toy-cloud\nbucket ok public=true\nbukket typo\n",
    );
    write(
        dir.path(),
        "good.toy",
        "# toy-cloud\nbucket other public=true\n",
    );
    let a = analyze_with(&[PathBuf::from(dir.path())], &options(), with_toy());
    let errors: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.check_id == "iac-parse-error")
        .collect();
    assert_eq!(errors.len(), 1);
    let loc = errors[0].location.unwrap();
    assert_eq!(a.db.get(loc.file).line_col(loc.range.start).line, 3);
    let flagged: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.check_id == "toy-bucket-public")
        .filter_map(|f| f.resource.as_deref())
        .collect();
    assert_eq!(flagged, ["toy_bucket.ok", "toy_bucket.other"]);
}

#[test]
fn the_toy_check_examples_behave_as_documented() {
    for ex in check::CHECK.meta.examples {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in ex.files() {
            write(dir.path(), &name, &text);
        }
        let a = analyze_with(&[PathBuf::from(dir.path())], &options(), with_toy());
        let n = a
            .findings
            .iter()
            .filter(|f| f.check_id == check::CHECK.meta.id)
            .count();
        assert_eq!(n, usize::from(ex.bad), "{}", ex.title);
    }
}

#[test]
fn without_the_registration_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "buckets.toy", BUCKETS);
    let a = analyze(&[PathBuf::from(dir.path())], &options());
    assert!(a.findings.is_empty() && a.passes.is_empty());
    // Plain scans do not keep passes.
    write(
        dir.path(),
        "main.tf",
        "resource \"aws_kms_key\" \"k\" {\n  enable_key_rotation = true\n}\n",
    );
    let plain = analyze(&[PathBuf::from(dir.path())], &AnalysisOptions::default());
    assert!(plain.passes.is_empty());
    assert_eq!(a.files_scanned, 0);
}

/// A plugin's check IDs are known to suppressions: an inline ignore of the toy check in a
/// `.toy` file suppresses its finding and is not reported as naming an unknown check.
#[test]
fn an_inline_ignore_of_a_plugin_check_applies_and_is_not_unknown() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "buckets.toy",
        "# toy-cloud\n# cloudsentinel:ignore:toy-bucket-public public by design\nbucket site public=true\n",
    );
    let a = analyze_with(&[PathBuf::from(dir.path())], &options(), with_toy());
    let toy: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.check_id == "toy-bucket-public")
        .collect();
    assert_eq!(toy.len(), 1, "{toy:#?}");
    assert!(toy[0].suppression.is_some(), "{toy:#?}");
    assert!(
        a.suppression_warnings.is_empty(),
        "{:#?}",
        a.suppression_warnings
    );
}
