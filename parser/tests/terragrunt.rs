//! Terragrunt units: realistic layouts written to a temporary directory and loaded through
//! the built-in front-ends; the buckets' names show what each unit's inputs evaluated to.

use cloudsentinel_model::{SourceDb, State};
use cloudsentinel_parser::terraform::TerraformOptions;
use cloudsentinel_parser::{LoadOptions, load};
use std::collections::BTreeMap;
use std::path::Path;

/// A module making one bucket per entry of `var.names`, named by its value.
const NAMES_MODULE: &str = r#"
variable "names" {
  type = map(string)
}

resource "aws_s3_bucket" "b" {
  for_each = var.names
  bucket   = each.value
}
"#;

struct Scan {
    db: SourceDb,
    state: State,
    dir: tempfile::TempDir,
}

fn scan_with(files: &[(&str, &str)], opts: &LoadOptions) -> Scan {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let db = SourceDb::new();
    let state = load(&[dir.path().to_path_buf()], opts, &db);
    Scan { db, state, dir }
}

fn scan(files: &[(&str, &str)]) -> Scan {
    scan_with(files, &LoadOptions::default())
}

impl Scan {
    /// Bucket full address → its name (`None` when Unknown).
    fn names(&self) -> BTreeMap<String, Option<String>> {
        self.state
            .aws
            .s3
            .buckets
            .iter()
            .map(|b| (b.resource.full_address(), b.name.known().cloned()))
            .collect()
    }

    /// The names of the buckets of the unit in `unit_dir`, by instance key.
    fn unit_names(&self, unit_dir: &str) -> BTreeMap<String, Option<String>> {
        let prefix = format!(
            "module.terragrunt:{}.aws_s3_bucket.b[\"",
            self.dir.path().join(unit_dir).display()
        );
        self.names()
            .into_iter()
            .filter_map(|(k, v)| {
                let key = k.strip_prefix(&prefix)?.strip_suffix("\"]")?.to_string();
                Some((key, v))
            })
            .collect()
    }

    fn notices(&self) -> Vec<String> {
        self.state
            .notices
            .iter()
            .map(|n| n.message.clone())
            .collect()
    }

    /// Parse errors as `file name:line: message`.
    fn errors(&self) -> Vec<String> {
        self.state
            .parse_errors
            .iter()
            .map(|e| {
                let f = self.db.get(e.location.file);
                let line = f.text[..e.location.range.as_range().start]
                    .matches('\n')
                    .count()
                    + 1;
                let name = Path::new(&f.path)
                    .strip_prefix(self.dir.path())
                    .unwrap_or(Path::new(&f.path))
                    .display()
                    .to_string();
                format!("{name}:{line}: {}", e.message)
            })
            .collect()
    }
}

fn known(pairs: &[(&str, &str)]) -> BTreeMap<String, Option<String>> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), Some(v.to_string())))
        .collect()
}

#[test]
fn includes_locals_and_terragrunt_functions_give_the_inputs() {
    let s = scan(&[
        ("modules/names/main.tf", NAMES_MODULE),
        (
            "live/terragrunt.hcl",
            r#"
locals {
  env     = read_terragrunt_config(find_in_parent_folders("env.hcl"))
  project = "shop"
}
inputs = {
  names = {
    from_root = "${local.project}-${local.env.locals.environment}"
    key       = "${path_relative_to_include()}/terraform.tfstate"
    parent    = basename(get_parent_terragrunt_dir())
    unit      = basename(get_terragrunt_dir())
  }
}
"#,
        ),
        (
            "live/prod/env.hcl",
            r#"
locals {
  environment = "prod"
  original    = basename(get_original_terragrunt_dir())
  here        = basename(get_terragrunt_dir())
}
"#,
        ),
        (
            "live/prod/app/terragrunt.hcl",
            r#"
include "root" {
  path   = find_in_parent_folders()
  expose = true
}
terraform {
  source = "${get_terragrunt_dir()}/../../../modules//names"
}
locals {
  # Declared after its use: locals evaluate in dependency order.
  full = "${local.base}-app"
  base = include.root.locals.project
  env  = read_terragrunt_config(find_in_parent_folders("env.hcl"))
}
inputs = {
  names = merge(include.root.inputs.names, {
    child     = local.full
    original  = local.env.locals.original
    read_dir  = local.env.locals.here
    from      = path_relative_from_include("root")
    env       = get_env("HOME", "home-default")
    fallback  = find_in_parent_folders("missing.hcl", "none")
    vars_cmds = join(",", get_terraform_commands_that_need_vars())
  })
}
"#,
        ),
    ]);
    assert_eq!(
        s.unit_names("live/prod/app"),
        known(&[
            ("child", "shop-app"),
            ("env", "home-default"),
            ("fallback", "none"),
            ("from", "../.."),
            ("from_root", "shop-prod"),
            ("key", "prod/app/terraform.tfstate"),
            ("original", "app"),
            ("parent", "live"),
            ("read_dir", "prod"),
            ("unit", "app"),
            (
                "vars_cmds",
                "apply,console,destroy,import,plan,push,refresh"
            ),
        ]),
        "{:?}",
        s.notices()
    );
    assert!(s.errors().is_empty(), "{:?}", s.errors());
}

#[test]
fn merge_strategies_combine_parent_and_child_inputs() {
    let root = r#"
inputs = {
  names = { a = "root-a", b = "root-b" }
  more  = { x = "root-x" }
}
"#;
    let module = r#"
variable "names" {
  type = map(string)
}
variable "more" {
  type    = map(string)
  default = {}
}
resource "aws_s3_bucket" "b" {
  for_each = merge(var.names, var.more)
  bucket   = each.value
}
"#;
    let unit = |strategy: &str| {
        format!(
            r#"
include "root" {{
  path           = find_in_parent_folders()
  merge_strategy = "{strategy}"
}}
terraform {{
  source = "../../modules/m"
}}
inputs = {{
  names = {{ b = "child-b" }}
}}
"#
        )
    };
    let s = scan(&[
        ("modules/m/main.tf", module),
        ("live/terragrunt.hcl", root),
        ("live/shallow/terragrunt.hcl", &unit("shallow")),
        ("live/deep/terragrunt.hcl", &unit("deep")),
        ("live/none/terragrunt.hcl", &unit("no_merge")),
    ]);
    // Shallow: the child's `names` replaces the parent's; the parent's `more` stays.
    assert_eq!(
        s.unit_names("live/shallow"),
        known(&[("b", "child-b"), ("x", "root-x")])
    );
    // Deep: maps merge key by key.
    assert_eq!(
        s.unit_names("live/deep"),
        known(&[("a", "root-a"), ("b", "child-b"), ("x", "root-x")])
    );
    // No merge: only the child's inputs.
    assert_eq!(s.unit_names("live/none"), known(&[("b", "child-b")]));
}

#[test]
fn dependency_outputs_are_mocks_when_terragrunt_plans_with_them_and_unknown_otherwise() {
    let s = scan(&[
        ("modules/names/main.tf", NAMES_MODULE),
        (
            "live/app/terragrunt.hcl",
            r#"
terraform {
  source = "../../modules/names"
}
dependency "mocked" {
  config_path  = "../vpc"
  mock_outputs = { id = "vpc-mock" }
}
dependency "plan_mocks" {
  config_path                             = "../vpc"
  mock_outputs                            = { id = "vpc-plan" }
  mock_outputs_allowed_terraform_commands = ["validate", "plan"]
}
dependency "validate_only" {
  config_path                             = "../vpc"
  mock_outputs                            = { id = "vpc-validate" }
  mock_outputs_allowed_terraform_commands = ["validate"]
}
dependency "unmocked" {
  config_path = "../vpc"
}
dependencies {
  paths = ["../vpc"]
}
inputs = {
  names = {
    mocked        = dependency.mocked.outputs.id
    plan_mocks    = dependency.plan_mocks.outputs.id
    validate_only = dependency.validate_only.outputs.id
    unmocked      = dependency.unmocked.outputs.id
  }
}
"#,
        ),
    ]);
    let names = s.unit_names("live/app");
    assert_eq!(names["mocked"].as_deref(), Some("vpc-mock"));
    assert_eq!(names["plan_mocks"].as_deref(), Some("vpc-plan"));
    assert_eq!(names["validate_only"], None, "no mock for a plan: unknown");
    assert_eq!(names["unmocked"], None, "no mock: unknown, never guessed");
}

#[test]
fn inputs_rank_below_tfvars_environment_and_command_line_values() {
    let module = r#"
variable "a" {}
variable "b" {}
variable "c" {}
variable "d" {}
resource "aws_s3_bucket" "b" {
  for_each = { a = var.a, b = var.b, c = var.c, d = var.d }
  bucket   = each.value
}
"#;
    let opts = LoadOptions::default().with_frontend(TerraformOptions {
        vars: vec![("c".into(), "from-var".into())],
        env_vars: vec![("d".into(), "from-env".into())],
        ..TerraformOptions::default()
    });
    let s = scan_with(
        &[
            ("modules/m/main.tf", module),
            ("modules/m/terraform.tfvars", "b = \"from-tfvars\"\n"),
            (
                "live/app/terragrunt.hcl",
                r#"
terraform {
  source = "../../modules/m"
}
inputs = {
  a = "from-input"
  b = "from-input"
  c = "from-input"
  d = "from-input"
}
"#,
            ),
        ],
        &opts,
    );
    assert_eq!(
        s.unit_names("live/app"),
        known(&[
            ("a", "from-input"),
            ("b", "from-tfvars"),
            ("c", "from-var"),
            ("d", "from-env"),
        ])
    );
}

#[test]
fn a_module_used_by_units_is_evaluated_once_per_unit_and_never_as_a_plain_root() {
    let unit = |name: &str| {
        format!(
            "terraform {{\n  source = \"../../modules/names\"\n}}\ninputs = {{\n  names = {{ n = \"{name}\" }}\n}}\n"
        )
    };
    let s = scan(&[
        ("modules/names/main.tf", NAMES_MODULE),
        ("live/a/terragrunt.hcl", &unit("bucket-a")),
        ("live/b/terragrunt.hcl", &unit("bucket-b")),
    ]);
    assert_eq!(s.unit_names("live/a"), known(&[("n", "bucket-a")]));
    assert_eq!(s.unit_names("live/b"), known(&[("n", "bucket-b")]));
    assert_eq!(s.names().len(), 2, "{:?}", s.names());
    assert!(
        !s.notices().iter().any(|n| n.contains("has no value")),
        "the module is not evaluated with its variables unset: {:?}",
        s.notices()
    );
}

#[test]
fn terragrunts_cache_is_not_scanned() {
    let unit = "terraform {\n  source = \"../../modules/names\"\n}\ninputs = {\n  names = { n = \"real\" }\n}\n";
    let s = scan(&[
        ("modules/names/main.tf", NAMES_MODULE),
        ("live/a/terragrunt.hcl", unit),
        (
            "live/a/.terragrunt-cache/x1/y2/terragrunt.hcl",
            "inputs = {\n  names = { n = \"copy\" }\n}\n",
        ),
        ("live/a/.terragrunt-cache/x1/y2/main.tf", NAMES_MODULE),
    ]);
    assert_eq!(s.names().len(), 1, "{:?}", s.names());
    assert_eq!(s.unit_names("live/a"), known(&[("n", "real")]));
}

#[test]
fn a_unit_without_source_evaluates_its_own_directory() {
    let s = scan(&[
        ("live/app/main.tf", NAMES_MODULE),
        (
            "live/app/terragrunt.hcl",
            "inputs = {\n  names = { n = \"own\" }\n}\n",
        ),
    ]);
    assert_eq!(s.unit_names("live/app"), known(&[("n", "own")]));
    assert_eq!(s.names().len(), 1, "{:?}", s.names());
}

#[test]
fn unknown_inputs_make_every_variable_unknown_rather_than_its_default() {
    let s = scan(&[
        (
            "modules/m/main.tf",
            r#"
variable "name" {
  default = "default-name"
}
resource "aws_s3_bucket" "b" {
  bucket = var.name
}
"#,
        ),
        (
            "live/app/terragrunt.hcl",
            r#"
terraform {
  source = "../../modules/m"
}
dependency "all" {
  config_path = "../all"
}
inputs = dependency.all.outputs.inputs
"#,
        ),
    ]);
    let names = s.names();
    assert_eq!(names.len(), 1);
    assert_eq!(names.values().next(), Some(&None), "{names:?}");
}

#[test]
fn remote_sources_are_one_notice_naming_the_source() {
    let s = scan(&[(
        "live/app/terragrunt.hcl",
        "terraform {\n  source = \"git::https://github.com/org/modules.git//s3?ref=v1.2.0\"\n}\ninputs = { acl = \"public-read\" }\n",
    )]);
    let remote: Vec<String> = s
        .notices()
        .into_iter()
        .filter(|n| n.contains("git::https://github.com/org/modules.git//s3?ref=v1.2.0"))
        .collect();
    assert_eq!(remote.len(), 1, "{:?}", s.notices());
    assert!(remote[0].contains("not downloaded"), "{remote:?}");
}

#[test]
fn commands_cloud_calls_and_secrets_are_never_run() {
    let s = scan(&[
        ("modules/names/main.tf", NAMES_MODULE),
        (
            "live/app/terragrunt.hcl",
            r#"
terraform {
  source = "../../modules/names"
}
inputs = {
  names = {
    cmd     = run_cmd("sh", "-c", "echo pwned")
    account = get_aws_account_id()
    secret  = sops_decrypt_file("secrets.yaml")
    env     = get_env("HOME")
  }
}
"#,
        ),
    ]);
    let names = s.unit_names("live/app");
    for k in ["cmd", "account", "secret", "env"] {
        assert_eq!(names[k], None, "{k}: {names:?}");
    }
    assert!(
        s.notices().iter().any(|n| n.contains("run_cmd is not run")),
        "{:?}",
        s.notices()
    );
}

#[test]
fn terragrunt_rejections_are_located_errors_and_other_units_stand() {
    let s = scan(&[
        ("modules/names/main.tf", NAMES_MODULE),
        (
            "live/terragrunt.hcl",
            "include \"again\" {\n  path = find_in_parent_folders(\"other.hcl\")\n}\n",
        ),
        ("other.hcl", "inputs = {}\n"),
        (
            "live/nested/terragrunt.hcl",
            "include \"root\" {\n  path = find_in_parent_folders()\n}\nterraform {\n  source = \"../../modules/names\"\n}\n",
        ),
        (
            "live/itself/terragrunt.hcl",
            "include \"me\" {\n  path = \"terragrunt.hcl\"\n}\n",
        ),
        (
            "live/cycle/terragrunt.hcl",
            "locals {\n  a = read_terragrunt_config(\"a.hcl\")\n}\nterraform {\n  source = \"../../modules/names\"\n}\ninputs = { names = { n = \"cycle\" } }\n",
        ),
        (
            "live/cycle/a.hcl",
            "locals {\n  b = read_terragrunt_config(\"b.hcl\")\n}\n",
        ),
        (
            "live/cycle/b.hcl",
            "locals {\n  a = read_terragrunt_config(\"a.hcl\")\n}\n",
        ),
        (
            "live/broken/terragrunt.hcl",
            "terraform {\n  source = \"../../modules/names\"\n}\ninputs = {\n",
        ),
        (
            "live/fine/terragrunt.hcl",
            "terraform {\n  source = \"../../modules/names\"\n}\ninputs = { names = { n = \"fine\" } }\n",
        ),
    ]);
    let errors = s.errors().join("\n");
    assert!(
        errors.contains("live/terragrunt.hcl:1: an included configuration may not include another"),
        "{errors}"
    );
    assert!(
        errors.contains("live/itself/terragrunt.hcl:2: the configuration includes itself"),
        "{errors}"
    );
    assert!(
        errors.contains("live/cycle/b.hcl:2: read_terragrunt_config of ")
            && errors.contains("is a cycle"),
        "{errors}"
    );
    assert!(errors.contains("live/broken/terragrunt.hcl:"), "{errors}");
    // The rest of the scan stands: the unit with a read cycle keeps its own inputs, the
    // healthy unit is evaluated, the broken and nested ones are not.
    assert_eq!(s.unit_names("live/fine"), known(&[("n", "fine")]));
    assert_eq!(s.unit_names("live/cycle"), known(&[("n", "cycle")]));
    assert!(s.unit_names("live/broken").is_empty());
    assert!(s.unit_names("live/nested").is_empty());
}
