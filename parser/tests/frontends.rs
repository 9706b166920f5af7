//! The front-end interface: which front-end claims which file, and running the pipeline
//! with a front-end that is not built in.

use cloudsentinel_model::{Notice, SourceDb, State};
use cloudsentinel_parser::frontend::{self, Candidate, FrontEnd, UnitScope};
use cloudsentinel_parser::{LoadOptions, frontends, load, load_with};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Options with unsaved buffers standing for files (claiming reads them).
fn with_buffers(files: &[(&str, &str)]) -> LoadOptions {
    let overlays: HashMap<PathBuf, String> = files
        .iter()
        .map(|(p, t)| (PathBuf::from(p), t.to_string()))
        .collect();
    LoadOptions {
        overlays: Arc::new(overlays),
        ..LoadOptions::default()
    }
}

fn claimant_of(path: &str, opts: &LoadOptions) -> Option<&'static str> {
    frontend::claimant(Path::new(path), opts, frontends::built_in())
        .map(cloudsentinel_parser::FrontEnd::id)
}

#[test]
fn files_are_claimed_by_name_and_content() {
    let template = "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n";
    let opts = with_buffers(&[
        ("/x/main.tf", ""),
        ("/x/main.tf.json", r#"{"resource": {}}"#),
        ("/x/terragrunt.hcl", "inputs = {}\n"),
        ("/x/env.hcl", "locals {}\n"),
        ("/x/not-terragrunt.hcl", "locals {}\n"),
        ("/x/stack.yaml", template),
        (
            "/x/stack.json",
            r#"{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}"#,
        ),
        ("/x/package.json", r#"{"name": "x", "version": "1.0.0"}"#),
        (
            "/x/plan.json",
            r#"{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"values":{"template_body":"AWSTemplateFormatVersion: 2010-09-09\nResources: {B: {Type: AWS::S3::Bucket}}"}}]}}}"#,
        ),
        (
            "/x/state.json",
            r#"{"format_version":"1.0","values":{"root_module":{}}}"#,
        ),
        ("/x/workflow.yml", "on: push\njobs: {}\n"),
        ("/x/notes.txt", template),
        (
            "/x/vm.yaml",
            "imports:\n- path: vm.jinja\nresources:\n- name: vm\n  type: vm.jinja\n",
        ),
        (
            "/x/k8s.yaml",
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    resources: {}\n",
        ),
    ]);
    assert_eq!(claimant_of("/x/main.tf", &opts), Some("terraform"));
    assert_eq!(claimant_of("/x/main.tf.json", &opts), Some("terraform"));
    assert_eq!(claimant_of("/x/terragrunt.hcl", &opts), Some("terraform"));
    // Other HCL files are read only when a terragrunt.hcl includes or reads them.
    assert_eq!(claimant_of("/x/env.hcl", &opts), None);
    assert_eq!(claimant_of("/x/not-terragrunt.hcl", &opts), None);
    assert_eq!(claimant_of("/x/stack.yaml", &opts), Some("cloudformation"));
    assert_eq!(claimant_of("/x/stack.json", &opts), Some("cloudformation"));
    // `terraform show -json` output, even one holding a template in a string.
    assert_eq!(claimant_of("/x/plan.json", &opts), Some("terraform-plan"));
    assert_eq!(claimant_of("/x/state.json", &opts), Some("terraform-plan"));
    // JSON and YAML that are not templates are nobody's; nor is a template under a name
    // no front-end takes.
    assert_eq!(claimant_of("/x/package.json", &opts), None);
    assert_eq!(claimant_of("/x/workflow.yml", &opts), None);
    assert_eq!(claimant_of("/x/notes.txt", &opts), None);
    // Deployment Manager configs by content, after CloudFormation; Kubernetes is nobody's.
    assert_eq!(claimant_of("/x/vm.yaml", &opts), Some("deployment-manager"));
    assert_eq!(claimant_of("/x/k8s.yaml", &opts), None);
}

#[test]
fn editors_group_by_the_front_ends_unit_scope() {
    let by_name = |p: &str| frontend::by_name(Path::new(p), frontends::built_in());
    assert_eq!(
        by_name("a/main.tf").map(cloudsentinel_parser::FrontEnd::unit_scope),
        Some(UnitScope::Directory)
    );
    assert_eq!(
        by_name("a/prod.tfvars").map(cloudsentinel_parser::FrontEnd::id),
        Some("terraform"),
        "variable files belong to their module"
    );
    assert_eq!(
        by_name("a/stack.yaml").map(cloudsentinel_parser::FrontEnd::unit_scope),
        Some(UnitScope::File)
    );
    assert_eq!(
        by_name("live/prod/terragrunt.hcl").map(cloudsentinel_parser::FrontEnd::unit_scope),
        Some(UnitScope::Directory),
        "a Terragrunt unit is its directory"
    );
    assert_eq!(
        by_name("a/templates/vm.jinja").map(cloudsentinel_parser::FrontEnd::id),
        Some("deployment-manager"),
        "templates belong to the configs importing them"
    );
    assert_eq!(
        by_name("infra/main.bicepparam").map(cloudsentinel_parser::FrontEnd::id),
        Some("bicep"),
        "a parameters file belongs to the templates beside it"
    );
    assert!(by_name("a/readme.md").is_none());
}

#[test]
fn the_hook_pattern_lists_every_suffix() {
    assert_eq!(
        frontend::files_pattern(frontends::built_in()),
        r"(\.(tf|tf\.json|tofu|tofu\.json|tfvars|tfvars\.json|json|yaml|yml|template|jsonc|parameters\.json|bicep|bicepparam|jinja|schema)|(^|/)(terragrunt\.hcl))$"
    );
}

/// A front-end that claims `.toy` files and reports each as a notice.
struct Toy;

impl FrontEnd for Toy {
    fn id(&self) -> &'static str {
        "toy"
    }
    fn name(&self) -> &'static str {
        "Toy"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &[".toy"]
    }
    fn unit_scope(&self) -> UnitScope {
        UnitScope::File
    }
    fn claims(&self, file: &Candidate<'_>) -> bool {
        file.text().is_some_and(|t| t.starts_with("toy"))
    }
    fn load(&self, files: &[PathBuf], opts: &LoadOptions, _db: &SourceDb) -> State {
        let greeting = opts.frontend::<ToyOptions>().greeting.clone();
        let mut state = State::default();
        state.notices.extend(files.iter().map(|f| Notice {
            location: None,
            message: format!("{greeting} {}", f.file_name().unwrap().to_string_lossy()),
        }));
        state
    }
}

#[derive(Debug, Clone, Default)]
struct ToyOptions {
    greeting: String,
}

static TOY: Toy = Toy;

#[test]
fn load_with_runs_extra_front_ends_with_their_options() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toy"), "toy 1").unwrap();
    std::fs::write(dir.path().join("b.toy"), "not mine").unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        "resource \"aws_s3_bucket\" \"b\" {}\n",
    )
    .unwrap();
    let opts = LoadOptions::default().with_frontend(ToyOptions {
        greeting: "hello".into(),
    });
    let mut all: Vec<&'static dyn FrontEnd> = frontends::built_in().to_vec();
    all.push(&TOY);
    let paths = [dir.path().to_path_buf()];
    let state = load_with(&paths, &opts, &SourceDb::new(), &all);
    let messages: Vec<&str> = state.notices.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(messages, ["hello a.toy"]);
    assert_eq!(state.aws.s3.buckets.len(), 1);
    // The built-in front-ends alone skip `.toy` files.
    let state = load(&paths, &opts, &SourceDb::new());
    assert!(state.notices.is_empty(), "{:?}", state.notices);
    assert_eq!(state.aws.s3.buckets.len(), 1);
}
