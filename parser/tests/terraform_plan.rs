//! Terraform plan JSON read into the model: unknown and sensitive values, the text
//! registered for the file. End-to-end behaviour is in `cli/tests/plan.rs`.

use cloudsentinel_model::{SourceDb, State};
use cloudsentinel_parser::{LoadOptions, load};
use std::path::{Path, PathBuf};

const SECRET: &str = "plan-fixture-Secret-9f3b2a";

fn plan_only(fixture: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/plan")
        .join(fixture);
    let dest = dir.path().join("plan.json");
    std::fs::copy(src, &dest).unwrap();
    (dir, dest)
}

fn load_plan(path: &Path) -> (SourceDb, State) {
    let db = SourceDb::new();
    let state = load(&[path.to_path_buf()], &LoadOptions::default(), &db);
    (db, state)
}

#[test]
fn sensitive_values_are_blanked_in_the_registered_text_and_unknown_to_checks() {
    let (_dir, path) = plan_only("single/plan.json");
    assert!(std::fs::read_to_string(&path).unwrap().contains(SECRET));
    let (db, state) = load_plan(&path);
    let file = db.find(&path).expect("the plan is registered");
    let text = &db.get(file).text;
    assert!(
        !text.contains(SECRET),
        "the registered text shows the value"
    );
    assert_eq!(
        text.len(),
        std::fs::metadata(&path).unwrap().len() as usize,
        "offsets are kept"
    );
    assert!(state.parse_errors.is_empty(), "{:?}", state.parse_errors);
    let db_instance = &state.aws.rds.instances[0];
    assert!(db_instance.storage_encrypted.is_false());
}

#[test]
fn unknown_plan_values_are_unknown_and_computed_ones_absent() {
    let (_dir, path) = plan_only("single/plan.json");
    let (_db, state) = load_plan(&path);
    let topic = state
        .aws
        .sns
        .topics
        .iter()
        .find(|t| t.resource.address == "aws_sns_topic.alerts")
        .expect("the topic");
    assert!(
        topic.kms_master_key_id.is_unknown(),
        "{:?}",
        topic.kms_master_key_id
    );
    // `backup_retention_period` is computed by the provider and not written: the model's
    // documented default applies, as for the HCL source.
    let db_instance = &state.aws.rds.instances[0];
    assert!(db_instance.backup_retention_days.is_default());
    // The ACL's bucket id is unknown; the reference in the configuration joins it.
    let logs = state
        .aws
        .s3
        .buckets
        .iter()
        .find(|b| b.resource.address == "aws_s3_bucket.logs")
        .expect("the bucket");
    assert_eq!(logs.acl.known().map(String::as_str), Some("public-read"));
}

#[test]
fn garbage_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let plan = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plan/nested/plan.json"),
    )
    .unwrap();
    let deep = format!(
        r#"{{"format_version":"1.2","planned_values":{{"root_module":{}}}}}"#,
        "{\"child_modules\":[".repeat(200) + &"]}".repeat(200)
    );
    let cases = [
        plan[..plan.len() / 3].to_string(),
        plan.replace("\"resources\"", "\"resources\":1,\"x\""),
        plan.replace("\"address\"", "\"addr\""),
        plan.replace("module.buckets", "module.[\""),
        r#"{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"type":1},{"type":"aws_s3_bucket","name":"x","values":[]}]}}}"#.to_string(),
        deep,
    ];
    for (i, text) in cases.iter().enumerate() {
        let p = dir.path().join(format!("case{i}.json"));
        std::fs::write(&p, text).unwrap();
        let _ = load_plan(&p);
    }
}
