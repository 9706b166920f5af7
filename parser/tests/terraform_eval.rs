//! Terraform evaluation: realistic multi-file modules written to a temporary directory,
//! loaded through discovery and evaluated.

// Evaluated numbers are compared exactly (Terraform's are); skipped tests say why on stderr.
#![allow(clippy::float_cmp, clippy::print_stderr)]

use cloudsentinel_model::{Location, SourceDb};
use cloudsentinel_parser::dynvalue::{Dyn, DynKind};
use cloudsentinel_parser::terraform::eval::{
    MAX_COLLECTION_LEN, MAX_EVAL_DEPTH, MAX_INSTANCES, MAX_MODULE_DEPTH, MAX_STEPS, MAX_STRING_LEN,
};
use cloudsentinel_parser::terraform::ir::{EvalAttr, ResourceMode, TfEvaluation, TfResource};
use cloudsentinel_parser::{LoadOptions, discover, terraform};
use std::path::{Path, PathBuf};

struct Scan {
    db: SourceDb,
    evals: Vec<TfEvaluation>,
}

impl Scan {
    fn run(root: &Path, opts: &LoadOptions) -> Scan {
        let db = SourceDb::new();
        let found = discover::discover(&[root.to_path_buf()], opts);
        let evals = terraform::evaluate(&terraform::modules(found.files("terraform")), opts, &db);
        Scan { db, evals }
    }

    fn resources(&self) -> impl Iterator<Item = &TfResource> {
        self.evals.iter().flat_map(|e| e.resources.iter())
    }

    fn res(&self, full: &str) -> &TfResource {
        self.resources()
            .find(|r| r.full_address() == full)
            .unwrap_or_else(|| {
                let all: Vec<String> = self
                    .resources()
                    .map(cloudsentinel_parser::terraform::ir::TfResource::full_address)
                    .collect();
                panic!("no resource {full}; have {all:?}")
            })
    }

    fn attr(&self, full: &str, name: &str) -> &EvalAttr {
        self.res(full)
            .body
            .attr(name)
            .unwrap_or_else(|| panic!("{full} has no attribute {name}"))
    }

    fn value(&self, full: &str, name: &str) -> &Dyn {
        &self.attr(full, name).value
    }

    fn notices(&self) -> Vec<String> {
        self.evals
            .iter()
            .flat_map(|e| e.notices.iter().map(|n| n.message.clone()))
            .collect()
    }

    fn has_notice(&self, needle: &str) -> bool {
        self.notices().iter().any(|n| n.contains(needle))
    }

    fn parse_errors(&self) -> Vec<(String, String)> {
        self.evals
            .iter()
            .flat_map(|e| e.parse_errors.iter())
            .map(|p| {
                let f = self.db.get(p.location.file);
                (f.path.display().to_string(), p.message.clone())
            })
            .collect()
    }

    fn text(&self, loc: Location) -> String {
        let f = self.db.get(loc.file);
        f.text[loc.range.as_range()].to_string()
    }

    fn line(&self, loc: Location) -> u32 {
        self.db.get(loc.file).line_col(loc.range.start).line
    }
}

fn write(root: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let p = root.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

fn tmp(files: &[(&str, &str)]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), files);
    d
}

fn s(v: &Dyn) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v:?}"))
}

fn n(v: &Dyn) -> f64 {
    match v.kind {
        DynKind::Number(x) => x,
        _ => panic!("not a number: {v:?}"),
    }
}

fn strs(v: &Dyn) -> Vec<String> {
    v.as_list()
        .unwrap_or_else(|| panic!("not a list: {v:?}"))
        .iter()
        .map(|x| {
            x.to_string_lossy()
                .unwrap_or_else(|| panic!("not a primitive: {x:?}"))
        })
        .collect()
}

fn source_ref(v: &Dyn) -> Option<&str> {
    v.source_ref.as_deref()
}

// ---- variables ------------------------------------------------------------------------

#[test]
fn variables_follow_terraform_precedence_and_types() {
    let d = tmp(&[
        (
            "variables.tf",
            r#"
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" { default = "default" }
variable "e" { default = "default" }
variable "f" { default = "default" }
variable "g" { default = "default" }
variable "h" {}
variable "num" { type = number }
variable "lst" { type = list(string) }
variable "untyped_map" {}
variable "str" { type = string }
variable "strict" {
  default  = "fallback"
  nullable = false
}
variable "obj" {
  type = object({
    name    = string
    enabled = optional(bool, true)
  })
  default = { name = "x" }
}
"#,
        ),
        (
            "main.tf",
            r#"
resource "aws_s3_bucket" "b" {
  a = var.a
  b = var.b
  c = var.c
  d = var.d
  e = var.e
  f = var.f
  g = var.g
  h = var.h
  num = var.num
  lst = var.lst
  untyped_map = var.untyped_map
  str = var.str
  strict = var.strict
  enabled = var.obj.enabled
}
"#,
        ),
        (
            "terraform.tfvars",
            "c = \"tfvars\"\nd = \"tfvars\"\nstrict = null\n",
        ),
        (
            "terraform.tfvars.json",
            r#"{"d": "tfvars_json", "e": "tfvars_json"}"#,
        ),
        ("a.auto.tfvars", "e = \"a_auto\"\nf = \"a_auto\"\n"),
        ("b.auto.tfvars.json", r#"{"e": "b_auto"}"#),
        ("extra/file.tfvars", "f = \"var_file\"\ng = \"var_file\"\n"),
    ]);
    let opts = LoadOptions::default().with_frontend(terraform::TerraformOptions {
        env_vars: vec![
            ("b".into(), "env".into()),
            ("c".into(), "env".into()),
            ("num".into(), "1".into()),
        ],
        var_files: vec![d.path().join("extra/file.tfvars")],
        vars: vec![
            ("g".into(), "cli".into()),
            ("num".into(), "5".into()),
            ("lst".into(), r#"["x", "y"]"#.into()),
            ("untyped_map".into(), "{ k = 1 }".into()),
            ("str".into(), "[1]".into()),
        ],
        workspace: None,
    });
    let scan = Scan::run(d.path(), &opts);
    let b = "aws_s3_bucket.b";
    assert_eq!(s(scan.value(b, "a")), "default");
    assert_eq!(s(scan.value(b, "b")), "env");
    assert_eq!(s(scan.value(b, "c")), "tfvars");
    assert_eq!(s(scan.value(b, "d")), "tfvars_json");
    assert_eq!(s(scan.value(b, "e")), "b_auto");
    assert_eq!(s(scan.value(b, "f")), "var_file");
    assert_eq!(s(scan.value(b, "g")), "cli");
    assert!(scan.value(b, "h").is_unknown());
    assert!(scan.has_notice("variable \"h\" has no value"));
    assert_eq!(n(scan.value(b, "num")), 5.0);
    assert_eq!(strs(scan.value(b, "lst")), ["x", "y"]);
    assert_eq!(n(scan.value(b, "untyped_map").get("k").unwrap()), 1.0);
    assert_eq!(s(scan.value(b, "str")), "[1]");
    assert_eq!(s(scan.value(b, "strict")), "fallback");
    assert_eq!(scan.value(b, "enabled").as_bool(), Some(true));
    // The tfvars value is located in the tfvars file.
    let c = scan.value(b, "c");
    let loc = c.loc.unwrap();
    assert!(scan.db.get(loc.file).path.ends_with("terraform.tfvars"));
    assert_eq!(scan.text(loc), "\"tfvars\"");
}

// ---- locals, count, for_each, references ------------------------------------------------

#[test]
fn count_for_each_and_references_carry_source_ref() {
    let d = tmp(&[
        (
            "locals.tf",
            r#"
locals {
  env    = "prod"
  prefix = "${local.env}-app"
}
variable "names" {
  type    = set(string)
  default = ["b", "a", "b"]
}
"#,
        ),
        (
            "buckets.tf",
            r#"
resource "aws_s3_bucket" "c" {
  count  = 2
  bucket = "${local.prefix}-${count.index}"
}

resource "aws_s3_bucket" "m" {
  for_each = { x = "one", y = "two" }
  bucket   = "${each.key}-${each.value}"
}

resource "aws_s3_bucket" "s" {
  for_each = var.names
  bucket   = each.value
  tags     = { Name = each.key }
}
"#,
        ),
        (
            "policies.tf",
            r#"
resource "aws_s3_bucket_policy" "p" {
  count  = 2
  bucket = aws_s3_bucket.c[count.index].bucket
  id     = aws_s3_bucket.c[count.index].id
}

resource "aws_s3_bucket_policy" "q" {
  bucket = aws_s3_bucket.m["x"].id
  name   = aws_s3_bucket.s["a"].tags.Name
}

data "aws_iam_policy_document" "d" {
  statement {
    effect = "Allow"
  }
}

provider "aws" {
  region = "eu-${local.env}"
  alias  = "west"
}

resource "aws_s3_bucket_policy" "r" {
  provider = aws.west
  policy    = data.aws_iam_policy_document.d.json
  effect    = data.aws_iam_policy_document.d.statement[0].effect
  buckets = aws_s3_bucket.c[*].bucket
  legacy  = aws_s3_bucket.c.*.bucket
  ids     = [for k, b in aws_s3_bucket.m : b.bucket]
  first   = aws_s3_bucket.c[0]
}
"#,
        ),
    ]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    assert_eq!(s(scan.value("aws_s3_bucket.c[1]", "bucket")), "prod-app-1");
    assert_eq!(s(scan.value("aws_s3_bucket.m[\"y\"]", "bucket")), "y-two");
    let sets: Vec<String> = scan
        .resources()
        .filter(|r| r.name == "s")
        .map(|r| r.address.clone())
        .collect();
    assert_eq!(sets, ["aws_s3_bucket.s[\"a\"]", "aws_s3_bucket.s[\"b\"]"]);

    let p1 = scan.value("aws_s3_bucket_policy.p[1]", "bucket");
    assert_eq!(s(p1), "prod-app-1");
    assert_eq!(source_ref(p1), Some("aws_s3_bucket.c[1]"));
    let id = scan.value("aws_s3_bucket_policy.p[0]", "id");
    assert!(id.is_unknown(), "computed attributes are unknown");
    assert_eq!(source_ref(id), Some("aws_s3_bucket.c[0]"));

    let q = scan.value("aws_s3_bucket_policy.q", "bucket");
    assert!(q.is_unknown());
    assert_eq!(source_ref(q), Some("aws_s3_bucket.m[\"x\"]"));
    let name = scan.value("aws_s3_bucket_policy.q", "name");
    assert_eq!(s(name), "a");
    assert_eq!(source_ref(name), Some("aws_s3_bucket.s[\"a\"]"));

    let buckets = scan.value("aws_s3_bucket_policy.r", "buckets");
    assert_eq!(strs(buckets), ["prod-app-0", "prod-app-1"]);
    let refs: Vec<_> = buckets.as_list().unwrap().iter().map(source_ref).collect();
    assert_eq!(
        refs,
        [Some("aws_s3_bucket.c[0]"), Some("aws_s3_bucket.c[1]")]
    );
    assert_eq!(
        strs(scan.value("aws_s3_bucket_policy.r", "legacy")),
        ["prod-app-0", "prod-app-1"]
    );
    let ids = scan.value("aws_s3_bucket_policy.r", "ids");
    assert_eq!(strs(ids), ["x-one", "y-two"]);
    assert_eq!(
        source_ref(&ids.as_list().unwrap()[1]),
        Some("aws_s3_bucket.m[\"y\"]")
    );
    let policy = scan.value("aws_s3_bucket_policy.r", "policy");
    assert!(policy.is_unknown());
    assert_eq!(source_ref(policy), Some("data.aws_iam_policy_document.d"));
    let effect = scan.value("aws_s3_bucket_policy.r", "effect");
    assert_eq!(s(effect), "Allow");
    assert_eq!(source_ref(effect), Some("data.aws_iam_policy_document.d"));
    assert_eq!(
        s(scan.value("aws_s3_bucket_policy.r", "provider")),
        "aws.west"
    );
    let d = scan.res("data.aws_iam_policy_document.d");
    assert_eq!(d.mode, ResourceMode::Data);
    assert_eq!(d.rtype, "aws_iam_policy_document");
    let providers: Vec<_> = scan.evals.iter().flat_map(|e| e.providers.iter()).collect();
    assert_eq!(providers.len(), 1);
    assert_eq!(providers[0].name, "aws");
    assert_eq!(
        s(&providers[0].body.attr("region").unwrap().value),
        "eu-prod"
    );
    let first = scan.value("aws_s3_bucket_policy.r", "first");
    assert_eq!(source_ref(first), Some("aws_s3_bucket.c[0]"));
    assert_eq!(
        source_ref(first.get("bucket").unwrap()),
        None,
        "stored parts are marked when read"
    );
    // Addresses and bodies are located in their own files.
    let c0 = scan.res("aws_s3_bucket.c[0]");
    assert!(
        scan.text(c0.body.loc)
            .starts_with("resource \"aws_s3_bucket\" \"c\"")
    );
    assert!(scan.db.get(c0.body.loc.file).path.ends_with("buckets.tf"));
}

#[test]
fn unknown_count_and_for_each_keep_one_instance_and_say_so() {
    let d = tmp(&[(
        "main.tf",
        r#"
variable "n" { type = number }
variable "m" { type = map(string) }

resource "aws_instance" "c" {
  count = var.n
  name  = "web-${count.index}"
  ami   = "ami-123"
}

resource "aws_instance" "f" {
  for_each = var.m
  name     = each.key
  ami      = "ami-456"
}

resource "aws_eip" "e" {
  instance = aws_instance.c[0].id
  ami      = aws_instance.f["a"].ami
}
"#,
    )]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    let cs: Vec<_> = scan.resources().filter(|r| r.name == "c").collect();
    assert_eq!(cs.len(), 1);
    assert_eq!(cs[0].address, "aws_instance.c");
    assert!(cs[0].body.attr("name").unwrap().value.is_unknown());
    assert_eq!(s(&cs[0].body.attr("ami").unwrap().value), "ami-123");
    let fs: Vec<_> = scan.resources().filter(|r| r.name == "f").collect();
    assert_eq!(fs.len(), 1);
    assert!(fs[0].body.attr("name").unwrap().value.is_unknown());
    assert!(scan.has_notice("count of aws_instance.c could not be evaluated"));
    assert!(scan.has_notice("for_each of aws_instance.f could not be evaluated"));
    let inst = scan.value("aws_eip.e", "instance");
    assert!(inst.is_unknown());
    assert_eq!(source_ref(inst), Some("aws_instance.c"));
    assert!(
        scan.value("aws_eip.e", "ami").is_unknown(),
        "never guess which instance"
    );
}

// ---- blocks -----------------------------------------------------------------------------

#[test]
fn dynamic_blocks_expand_with_iterators_labels_and_unknowns() {
    let d = tmp(&[(
        "sg.tf",
        r#"
variable "unknown_rules" {}
locals {
  rules = [
    { port = 80, cidrs = ["0.0.0.0/0"] },
    { port = 443, cidrs = ["10.0.0.0/8", "10.1.0.0/16"] },
  ]
}

resource "aws_security_group" "sg" {
  name = "web"
  dynamic "ingress" {
    for_each = local.rules
    iterator = rule
    content {
      from_port = rule.value.port
      index     = rule.key
      dynamic "cidr" {
        for_each = rule.value.cidrs
        content {
          block = cidr.value
          outer = rule.value.port
        }
      }
    }
  }
  egress {
    from_port = 0
  }
}

resource "aws_security_group" "unknown" {
  dynamic "ingress" {
    for_each = var.unknown_rules
    content {
      from_port = ingress.value
    }
  }
  egress {
    from_port = 1
  }
}

resource "aws_security_group_rule" "r" {
  ports   = aws_security_group.sg.ingress[*].from_port
  unknown = aws_security_group.unknown.ingress
  egress  = aws_security_group.unknown.egress[0].from_port
}
"#,
    )]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    let sg = scan.res("aws_security_group.sg");
    assert!(!sg.body.incomplete);
    let ingress: Vec<_> = sg.body.blocks_named("ingress").collect();
    assert_eq!(ingress.len(), 2);
    assert_eq!(n(&ingress[1].attr("from_port").unwrap().value), 443.0);
    assert_eq!(n(&ingress[1].attr("index").unwrap().value), 1.0);
    let cidrs: Vec<_> = ingress[1].blocks_named("cidr").collect();
    assert_eq!(cidrs.len(), 2);
    assert_eq!(s(&cidrs[1].attr("block").unwrap().value), "10.1.0.0/16");
    assert_eq!(n(&cidrs[1].attr("outer").unwrap().value), 443.0);
    assert!(scan.text(ingress[0].loc).starts_with("content {"));
    assert_eq!(sg.body.blocks_named("egress").count(), 1);

    let unknown = scan.res("aws_security_group.unknown");
    assert!(unknown.body.incomplete);
    assert_eq!(unknown.body.blocks_named("ingress").count(), 0);
    assert_eq!(unknown.body.blocks_named("egress").count(), 1);

    let ports = scan.value("aws_security_group_rule.r", "ports");
    assert_eq!(strs(ports), ["80", "443"]);
    assert!(
        scan.value("aws_security_group_rule.r", "unknown")
            .is_unknown()
    );
    assert_eq!(n(scan.value("aws_security_group_rule.r", "egress")), 1.0);
}

// ---- expressions ------------------------------------------------------------------------

#[test]
fn operators_and_conditionals_follow_terraform_and_propagate_unknown() {
    let d = tmp(&[(
        "main.tf",
        r#"
variable "u" {}
locals {
  obj = { a = 1 }
}
resource "x" "ops" {
  and_false   = false && var.u
  false_and   = var.u && false
  or_true     = var.u || true
  and_unknown = var.u && true
  arith       = 1 + 2 * 3
  str_num     = "5" + 1
  num_str_eq  = 1 == "1"
  eq_unknown  = var.u == null
  len_differs = [1, var.u] == [1, 2, 3]
  same        = { a = [1, "x"] } == { a = [1, "x"] }
  pick        = true ? "yes" : var.u
  cond_u      = var.u ? 1 : 2
  modulo      = -5 % 3
  division    = 7 / 2
  not         = !true
  ge          = 10 >= 10
  div_zero    = 1 / 0
  neg         = -(2 + 3)
  tmpl_u      = "x-${var.u}"
  lone        = "${local.obj}"
  try_ok      = try(local.obj.missing, "fallback")
  try_unknown = try(var.u.x, "fallback")
  can_no      = can(local.obj.missing)
  can_yes     = can(local.obj.a)
  index_bad   = local.obj["missing"]
  ws          = terraform.workspace
  root        = path.root
  cwd         = path.cwd
}
"#,
    )]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    let v = |name: &str| scan.value("x.ops", name).clone();
    assert_eq!(v("and_false").as_bool(), Some(false));
    assert_eq!(v("false_and").as_bool(), Some(false));
    assert_eq!(v("or_true").as_bool(), Some(true));
    assert!(v("and_unknown").is_unknown());
    assert_eq!(n(&v("arith")), 7.0);
    assert_eq!(n(&v("str_num")), 6.0);
    assert_eq!(v("num_str_eq").kind, DynKind::Bool(false));
    assert!(v("eq_unknown").is_unknown());
    assert_eq!(v("len_differs").kind, DynKind::Bool(false));
    assert_eq!(v("same").kind, DynKind::Bool(true));
    assert_eq!(s(&v("pick")), "yes");
    assert!(v("cond_u").is_unknown());
    assert_eq!(n(&v("modulo")), -2.0);
    assert_eq!(n(&v("division")), 3.5);
    assert_eq!(v("not").kind, DynKind::Bool(false));
    assert_eq!(v("ge").kind, DynKind::Bool(true));
    assert!(v("div_zero").is_unknown());
    assert!(scan.has_notice("division by zero"));
    assert_eq!(n(&v("neg")), -5.0);
    assert!(v("tmpl_u").is_unknown());
    assert_eq!(n(v("lone").get("a").unwrap()), 1.0);
    assert_eq!(s(&v("try_ok")), "fallback");
    assert!(
        v("try_unknown").is_unknown(),
        "try never guesses past an unknown"
    );
    assert_eq!(v("can_no").kind, DynKind::Bool(false));
    assert_eq!(v("can_yes").kind, DynKind::Bool(true));
    assert!(v("index_bad").is_unknown());
    assert_eq!(s(&v("ws")), "default");
    assert_eq!(s(&v("root")), ".");
    assert!(Path::new(s(&v("cwd"))).is_absolute());
}

#[test]
fn for_expressions_splats_templates_and_heredocs() {
    let d = tmp(&[(
        "main.tf",
        r#"
locals {
  objs   = [{ name = "a", n = 1 }, { name = "b", n = 2 }]
  single = { name = "solo" }
  nothing = null
  pairs  = [{ k = "a", v = 1 }, { k = "a", v = 2 }, { k = "b", v = 3 }]
}

resource "x" "t" {
  indexed   = [for i, s in ["a", "b"] : "${i}:${s}"]
  inverted  = { for k, v in { b = 2, a = 1 } : v => k }
  filtered  = [for x in [1, 2, 3, 4] : x if x > 2]
  grouped   = { for p in local.pairs : p.k => p.v... }
  names     = local.objs[*].name
  old_names = local.objs.*.name
  wrapped   = local.single[*].name
  none      = local.nothing[*]
  loop      = "%{ for x in ["a", "b"] }${x},%{ endfor }"
  branch    = "%{ if length_ok }yes%{ else }no%{ endif }"
  branch_ok = "%{ if 1 > 2 }yes%{ else }no%{ endif }!"
  escaped   = "$${literal} %%{not}"
  escapes   = "a\tb\n"
  heredoc   = <<EOT
  keep
    indent
EOT
  indented  = <<-EOT
    strip
      nested
    EOT
  stripped  = <<-EOT
    %{~ for x in [1, 2] ~}
    [${x}]
    %{~ endfor ~}
    EOT
}
"#,
    )]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    let v = |name: &str| scan.value("x.t", name).clone();
    assert_eq!(strs(&v("indexed")), ["0:a", "1:b"]);
    let inv = v("inverted");
    let m = inv.as_map().unwrap();
    assert_eq!(m.keys().collect::<Vec<_>>(), ["1", "2"]);
    assert_eq!(s(&m["1"]), "a");
    assert_eq!(strs(&v("filtered")), ["3", "4"]);
    let g = v("grouped");
    assert_eq!(strs(g.get("a").unwrap()), ["1", "2"]);
    assert_eq!(strs(g.get("b").unwrap()), ["3"]);
    assert_eq!(strs(&v("names")), ["a", "b"]);
    assert_eq!(strs(&v("old_names")), ["a", "b"]);
    assert_eq!(strs(&v("wrapped")), ["solo"]);
    assert_eq!(v("none").as_list().unwrap().len(), 0);
    assert_eq!(s(&v("loop")), "a,b,");
    // `length_ok` is not defined: the template is invalid, so unknown.
    assert!(v("branch").is_unknown());
    assert_eq!(s(&v("branch_ok")), "no!");
    assert_eq!(s(&v("escaped")), "${literal} %{not}");
    assert_eq!(s(&v("escapes")), "a\tb\n");
    assert_eq!(s(&v("heredoc")), "  keep\n    indent\n");
    assert_eq!(s(&v("indented")), "strip\n  nested\n");
    assert_eq!(s(&v("stripped")), "[1][2]");
}

#[test]
fn values_are_located_and_literals_recognised() {
    let d = tmp(&[
        (
            "locals.tf",
            r#"
locals {
  statement = {
    Effect = "Allow"
    Action = ["s3:GetObject"]
  }
}
"#,
        ),
        (
            "main.tf",
            r#"
variable "name" { default = "n" }
resource "aws_iam_policy" "p" {
  literal_str = "plain"
  literal_obj = { a = 1, b = [true, null, -2] }
  templated   = "${var.name}-x"
  from_var    = var.name
  doc = {
    Statement = [local.statement, { Effect = "Deny" }]
  }
}
"#,
        ),
    ]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    let p = "aws_iam_policy.p";
    assert!(scan.attr(p, "literal_str").is_literal);
    assert!(scan.attr(p, "literal_obj").is_literal);
    assert!(!scan.attr(p, "templated").is_literal);
    assert!(!scan.attr(p, "from_var").is_literal);
    let a = scan.attr(p, "literal_str");
    assert_eq!(scan.text(a.loc), "literal_str = \"plain\"");
    assert_eq!(scan.text(a.expr_loc), "\"plain\"");
    // The variable's value points at its default; the attribute at the reference.
    let fv = scan.attr(p, "from_var");
    assert_eq!(scan.text(fv.expr_loc), "var.name");
    assert_eq!(scan.text(fv.value.loc.unwrap()), "\"n\"");
    // Statements keep their own constructor locations.
    let doc = &scan.attr(p, "doc").value;
    let stmts = doc.get("Statement").unwrap().as_list().unwrap();
    let first = stmts[0].loc.unwrap();
    assert!(scan.db.get(first.file).path.ends_with("locals.tf"));
    assert!(scan.text(first).starts_with("{\n    Effect = \"Allow\""));
    assert_eq!(scan.text(stmts[1].loc.unwrap()), "{ Effect = \"Deny\" }");
    assert_eq!(scan.line(stmts[1].loc.unwrap()), 9);
}

// ---- modules ----------------------------------------------------------------------------

#[test]
fn local_modules_pass_inputs_and_outputs_through_nested_calls() {
    let d = tmp(&[
        (
            "main.tf",
            r#"
module "b" {
  source = "./modules/bucket"
  count  = 2
  name   = "logs-${count.index}"
}

module "fe" {
  source   = "./modules/bucket"
  for_each = { k = "kv" }
  name     = each.value
  acl      = "public-read"
}

resource "aws_s3_bucket_policy" "p" {
  bucket   = module.b[1].bucket_name
  id       = module.b[0].bucket_id
  fe       = module.fe["k"].bucket_name
  nested   = module.b[0].policy_doc
  all      = module.b[*].bucket_name
}
"#,
        ),
        (
            "modules/bucket/main.tf",
            r#"
variable "name" {}
variable "acl" { default = "private" }

resource "aws_s3_bucket" "this" {
  bucket = var.name
  acl    = var.acl
  where  = path.module
}

module "policy" {
  source = "./modules/policy"
  bucket = aws_s3_bucket.this.bucket
}
"#,
        ),
        (
            "modules/bucket/outputs.tf",
            r#"
output "bucket_name" { value = aws_s3_bucket.this.bucket }
output "bucket_id" { value = aws_s3_bucket.this.id }
output "policy_doc" { value = module.policy.doc }
"#,
        ),
        (
            "modules/bucket/modules/policy/main.tf",
            r#"
variable "bucket" {}
resource "aws_s3_bucket_policy" "this" {
  bucket = var.bucket
}
output "doc" { value = "policy-for-${var.bucket}" }
"#,
        ),
    ]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    assert_eq!(
        scan.evals.len(),
        1,
        "module directories are not roots of their own"
    );
    let inner = scan.res("module.b[1].aws_s3_bucket.this");
    assert_eq!(inner.module_prefix, "module.b[1].");
    assert_eq!(inner.address, "aws_s3_bucket.this");
    assert_eq!(inner.module_chain.len(), 1);
    assert_eq!(inner.module_chain[0].name, "b[1]");
    assert!(
        scan.text(inner.module_chain[0].location)
            .starts_with("module \"b\"")
    );
    assert!(
        scan.db
            .get(inner.body.loc.file)
            .path
            .ends_with("modules/bucket/main.tf")
    );
    assert_eq!(s(&inner.body.attr("bucket").unwrap().value), "logs-1");
    assert_eq!(s(&inner.body.attr("acl").unwrap().value), "private");
    assert_eq!(
        s(&inner.body.attr("where").unwrap().value),
        "modules/bucket"
    );
    assert_eq!(
        s(scan.value("module.fe[\"k\"].aws_s3_bucket.this", "acl")),
        "public-read"
    );

    let nested = scan.res("module.b[0].module.policy.aws_s3_bucket_policy.this");
    assert_eq!(nested.module_chain.len(), 2);
    assert_eq!(nested.module_chain[1].name, "policy");
    let nb = &nested.body.attr("bucket").unwrap().value;
    assert_eq!(s(nb), "logs-0");
    assert_eq!(source_ref(nb), Some("module.b[0].aws_s3_bucket.this"));

    let p = "aws_s3_bucket_policy.p";
    assert_eq!(s(scan.value(p, "bucket")), "logs-1");
    assert_eq!(
        source_ref(scan.value(p, "bucket")),
        Some("module.b[1].aws_s3_bucket.this")
    );
    assert!(scan.value(p, "id").is_unknown());
    assert_eq!(
        source_ref(scan.value(p, "id")),
        Some("module.b[0].aws_s3_bucket.this")
    );
    assert_eq!(s(scan.value(p, "fe")), "kv");
    assert_eq!(s(scan.value(p, "nested")), "policy-for-logs-0");
    assert_eq!(strs(scan.value(p, "all")), ["logs-0", "logs-1"]);
}

#[test]
fn modules_json_modules_are_evaluated_and_missing_ones_noticed_once() {
    let d = tmp(&[
        (
            "main.tf",
            r#"
module "s3" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.0.0"
  bucket  = "from-registry"
}

module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}

resource "aws_flow_log" "f" {
  vpc_id  = module.vpc.vpc_id
  vpc_id2 = module.vpc.vpc_id
  bucket  = module.s3.name
}
"#,
        ),
        (
            ".terraform/modules/modules.json",
            r#"{"Modules":[
  {"Key":"","Source":"","Dir":"."},
  {"Key":"s3","Source":"registry.terraform.io/terraform-aws-modules/s3-bucket/aws","Version":"4.0.0","Dir":".terraform/modules/s3"},
  {"Key":"s3.inner","Source":"git::https://example.com/inner.git","Dir":".terraform/modules/s3.inner"}
]}"#,
        ),
        (
            ".terraform/modules/s3/main.tf",
            r#"
variable "bucket" {}
resource "aws_s3_bucket" "this" { bucket = var.bucket }
module "inner" {
  source = "git::https://example.com/inner.git"
  x      = var.bucket
}
output "name" { value = module.inner.echo }
"#,
        ),
        (
            ".terraform/modules/s3.inner/main.tf",
            r#"
variable "x" {}
resource "aws_s3_bucket_versioning" "v" { bucket = var.x }
output "echo" { value = var.x }
"#,
        ),
    ]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    assert_eq!(scan.evals.len(), 1);
    assert_eq!(
        s(scan.value("module.s3.aws_s3_bucket.this", "bucket")),
        "from-registry"
    );
    assert_eq!(
        s(scan.value(
            "module.s3.module.inner.aws_s3_bucket_versioning.v",
            "bucket"
        )),
        "from-registry"
    );
    assert_eq!(s(scan.value("aws_flow_log.f", "bucket")), "from-registry");
    assert!(scan.value("aws_flow_log.f", "vpc_id").is_unknown());
    let missing: Vec<_> = scan
        .evals
        .iter()
        .flat_map(|e| e.notices.iter())
        .filter(|n| n.message.contains("module vpc"))
        .collect();
    assert_eq!(missing.len(), 1);
    assert_eq!(
        missing[0].message,
        "module vpc (source terraform-aws-modules/vpc/aws) was not evaluated: not downloaded; run terraform init"
    );
    assert!(
        scan.text(missing[0].location.unwrap())
            .starts_with("module \"vpc\"")
    );
}

#[test]
fn override_files_merge_into_their_blocks() {
    let d = tmp(&[
        (
            "main.tf",
            "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"a\"\n  acl = \"private\"\n  versioning { enabled = false }\n}\n",
        ),
        (
            "main_override.tf",
            "resource \"aws_s3_bucket\" \"b\" {\n  acl = \"public-read\"\n  versioning { enabled = true }\n}\n",
        ),
    ]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    let b = scan.res("aws_s3_bucket.b");
    assert_eq!(s(&b.body.attr("bucket").unwrap().value), "a");
    assert_eq!(s(&b.body.attr("acl").unwrap().value), "public-read");
    let v: Vec<_> = b.body.blocks_named("versioning").collect();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].attr("enabled").unwrap().value.as_bool(), Some(true));
}

#[test]
fn an_object_constructor_may_repeat_a_key_and_the_last_value_wins() {
    // The shape of terraform-google-sql-db's cross-region failover example.
    let d = tmp(&[(
        "main.tf",
        "locals {\n  flags = {\n    name  = \"a\"\n    value = \"on\"\n    name  = \"b\"\n  }\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = local.flags.name\n  tags   = { Env = \"x\", \"Env\" = \"y\" }\n}\n",
    )]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    assert!(scan.parse_errors().is_empty(), "{:?}", scan.parse_errors());
    assert_eq!(s(scan.value("aws_s3_bucket.b", "bucket")), "b");
    let tags = scan.value("aws_s3_bucket.b", "tags");
    assert_eq!(s(tags.get("Env").unwrap()), "y");
}

#[test]
fn opentofu_files_replace_their_terraform_twins() {
    let d = tmp(&[
        (
            "main.tf",
            "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"from-tf\"\n}\n",
        ),
        (
            "main.tofu",
            "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"from-tofu\"\n}\n",
        ),
        (
            "extra.tf.json",
            r#"{"resource": {"aws_s3_bucket": {"j": {"bucket": "from-tf-json"}}}}"#,
        ),
        (
            "extra.tofu.json",
            r#"{"resource": {"aws_s3_bucket": {"j": {"bucket": "from-tofu-json"}}}}"#,
        ),
        (
            "only.tf",
            "resource \"aws_s3_bucket\" \"o\" {\n  bucket = \"only-tf\"\n}\n",
        ),
        (
            "override.tofu",
            "resource \"aws_s3_bucket\" \"o\" {\n  acl = \"private\"\n}\n",
        ),
    ]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    assert!(scan.parse_errors().is_empty(), "{:?}", scan.parse_errors());
    assert_eq!(s(scan.value("aws_s3_bucket.b", "bucket")), "from-tofu");
    assert_eq!(s(scan.value("aws_s3_bucket.j", "bucket")), "from-tofu-json");
    assert_eq!(s(scan.value("aws_s3_bucket.o", "bucket")), "only-tf");
    assert_eq!(s(scan.value("aws_s3_bucket.o", "acl")), "private");
    assert_eq!(scan.resources().count(), 3);
    assert!(
        scan.has_notice("main.tf is not read: "),
        "{:?}",
        scan.notices()
    );
    assert!(scan.has_notice("extra.tf.json is not read: "));
    assert!(!scan.has_notice("duplicate"), "{:?}", scan.notices());
}

#[test]
fn opentofu_syntax_evaluates_provider_for_each_early_sources_and_encryption() {
    let d = tmp(&[
        (
            "main.tofu",
            r#"terraform {
  encryption {
    key_provider "pbkdf2" "key" {
      passphrase = var.passphrase
    }
    method "aes_gcm" "m" {
      keys = key_provider.pbkdf2.key
    }
    state {
      method = method.aes_gcm.m
    }
  }
  backend "s3" {
    bucket = "state-${var.env}"
    key    = "app.tfstate"
    region = "us-east-1"
  }
}

variable "passphrase" {
  type      = string
  sensitive = true
  default   = "correct-horse-battery-staple"
}
variable "env" {
  type    = string
  default = "prod"
}
variable "regions" {
  type    = set(string)
  default = ["eu-west-1", "us-east-1"]
}
variable "flavour" {
  type    = string
  default = "bucket"
}
locals {
  modules = "./modules"
}

provider "aws" {
  alias    = "by_region"
  for_each = var.regions
  region   = each.value
}

module "store" {
  source = "${local.modules}/${var.flavour}"
  acl    = "public-read"
}

resource "aws_s3_bucket" "logs" {
  for_each = var.regions
  provider = aws.by_region[each.key]
  bucket   = "logs-${each.key}"
}
"#,
        ),
        (
            "modules/bucket/main.tf",
            "variable \"acl\" { type = string }\nresource \"aws_s3_bucket_acl\" \"a\" {\n  bucket = \"b\"\n  acl    = var.acl\n}\n",
        ),
    ]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    assert!(scan.parse_errors().is_empty(), "{:?}", scan.parse_errors());
    assert!(scan.notices().is_empty(), "{:?}", scan.notices());
    // The module is evaluated through the call only, with the caller's input.
    assert_eq!(scan.evals.len(), 1);
    assert_eq!(
        s(scan.value("module.store.aws_s3_bucket_acl.a", "acl")),
        "public-read"
    );
    assert_eq!(
        s(scan.value("aws_s3_bucket.logs[\"us-east-1\"]", "bucket")),
        "logs-us-east-1"
    );
    let regions: Vec<&str> = scan
        .evals
        .iter()
        .flat_map(|e| e.providers.iter())
        .map(|p| s(&p.body.attr("region").unwrap().value))
        .collect();
    assert_eq!(regions, ["eu-west-1", "us-east-1"]);
}

#[test]
fn a_module_source_known_only_at_apply_is_not_guessed() {
    let d = tmp(&[
        (
            "main.tofu",
            "resource \"random_pet\" \"p\" {}\nmodule \"m\" {\n  source = \"./modules/${random_pet.p.id}\"\n}\n",
        ),
        ("modules/x/main.tf", "resource \"aws_s3_bucket\" \"b\" {}\n"),
    ]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    assert!(
        scan.has_notice("module m was not evaluated: its source is neither a literal string"),
        "{:?}",
        scan.notices()
    );
}

#[test]
fn terraform_workspace_comes_from_the_option_the_selected_workspace_or_default() {
    let files = [(
        "main.tf",
        "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"app-${terraform.workspace}\"\n}\n",
    )];
    let d = tmp(&files);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    assert_eq!(s(scan.value("aws_s3_bucket.b", "bucket")), "app-default");

    write(d.path(), &[(".terraform/environment", "staging\n")]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    assert_eq!(s(scan.value("aws_s3_bucket.b", "bucket")), "app-staging");

    let opts = LoadOptions::default().with_frontend(terraform::TerraformOptions {
        workspace: Some("prod".into()),
        ..terraform::TerraformOptions::default()
    });
    let scan = Scan::run(d.path(), &opts);
    assert_eq!(s(scan.value("aws_s3_bucket.b", "bucket")), "app-prod");
}

#[test]
fn moved_import_removed_and_check_blocks_parse_and_declare_nothing() {
    let d = tmp(&[(
        "main.tf",
        r#"resource "aws_s3_bucket" "b" {
  bucket = "data"
}

moved {
  from = aws_s3_bucket.old
  to   = aws_s3_bucket.b
}

import {
  to = aws_s3_bucket.b
  id = "data"
}

removed {
  from = aws_s3_bucket.gone
  lifecycle {
    destroy = false
  }
}

check "bucket_reachable" {
  data "aws_s3_bucket" "probe" {
    bucket = aws_s3_bucket.b.bucket
  }
  assert {
    condition     = data.aws_s3_bucket.probe.bucket == "data"
    error_message = "bucket is missing"
  }
}
"#,
    )]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    assert!(scan.parse_errors().is_empty(), "{:?}", scan.parse_errors());
    assert!(scan.notices().is_empty(), "{:?}", scan.notices());
    let addresses: Vec<String> = scan.resources().map(TfResource::full_address).collect();
    assert_eq!(addresses, ["aws_s3_bucket.b"]);
}

// ---- syntax -----------------------------------------------------------------------------

#[test]
fn json_syntax_evaluates_with_templates_blocks_and_locations() {
    let d = tmp(&[
        (
            "main.tf.json",
            r#"{
  "variable": { "name": { "type": "string", "default": "${not-a-template}" } },
  "locals": { "suffix": "x" },
  "resource": {
    "aws_s3_bucket": {
      "b": {
        "count": 2,
        "bucket": "${var.name}-${local.suffix}-${count.index}",
        "versioning": { "enabled": true },
        "tags": { "Name": "${var.name}" },
        "quoted": "q\"${local.suffix}",
        "content": "an attribute named like a block",
        "lifecycle": { "ignore_changes": ["tags"], "prevent_destroy": true },
        "dynamic": {
          "rule": {
            "for_each": ["a", "b"],
            "content": { "id": "${rule.value}" }
          }
        }
      }
    }
  },
  "output": { "o": { "value": "${aws_s3_bucket.b[0].bucket}" } }
}"#,
        ),
        (
            "refs.tf",
            "resource \"aws_s3_bucket_policy\" \"p\" {\n  bucket = aws_s3_bucket.b[1].bucket\n}\n",
        ),
    ]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    let b = scan.res("aws_s3_bucket.b[1]");
    let bucket = b.body.attr("bucket").unwrap();
    assert_eq!(s(&bucket.value), "${not-a-template}-x-1");
    assert_eq!(
        scan.text(bucket.loc),
        r#""bucket": "${var.name}-${local.suffix}-${count.index}""#
    );
    assert!(!bucket.is_literal);
    assert_eq!(b.body.blocks_named("versioning").count(), 1);
    assert_eq!(
        b.body
            .block("versioning")
            .unwrap()
            .attr("enabled")
            .unwrap()
            .value
            .as_bool(),
        Some(true)
    );
    assert_eq!(
        s(b.body.attr("tags").unwrap().value.get("Name").unwrap()),
        "${not-a-template}"
    );
    assert_eq!(
        s(&b.body.attr("content").unwrap().value),
        "an attribute named like a block"
    );
    let lifecycle = b.body.block("lifecycle").unwrap();
    assert!(lifecycle.attr("ignore_changes").is_none());
    assert_eq!(
        lifecycle.attr("prevent_destroy").unwrap().value.as_bool(),
        Some(true)
    );
    let quoted = b.body.attr("quoted").unwrap();
    assert_eq!(s(&quoted.value), "q\"x");
    let rules: Vec<_> = b.body.blocks_named("rule").collect();
    assert_eq!(rules.len(), 2);
    assert_eq!(s(&rules[1].attr("id").unwrap().value), "b");
    let p = scan.value("aws_s3_bucket_policy.p", "bucket");
    assert_eq!(s(p), "${not-a-template}-x-1");
    assert_eq!(source_ref(p), Some("aws_s3_bucket.b[1]"));
}

#[test]
fn a_syntax_error_is_located_and_the_other_files_still_evaluate() {
    let d = tmp(&[
        (
            "good.tf",
            "resource \"aws_s3_bucket\" \"ok\" {\n  bucket = local.name\n}\n",
        ),
        ("locals.tf", "locals {\n  name = \"still-here\"\n}\n"),
        (
            "bad.tf",
            "resource \"aws_s3_bucket\" \"broken\" {\n  bucket = \"x\"\n  acl = = \"private\"\n}\n",
        ),
        ("bad.tf.json", "{ \"resource\": { \"a\": } }"),
    ]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    assert_eq!(s(scan.value("aws_s3_bucket.ok", "bucket")), "still-here");
    assert!(scan.resources().all(|r| r.name != "broken"));
    let errors: Vec<_> = scan
        .evals
        .iter()
        .flat_map(|e| e.parse_errors.iter())
        .collect();
    assert_eq!(errors.len(), 2, "{:?}", scan.parse_errors());
    let hcl = errors
        .iter()
        .find(|e| scan.db.get(e.location.file).path.ends_with("bad.tf"))
        .unwrap();
    assert_eq!(scan.line(hcl.location), 3);
    assert!(!hcl.message.is_empty());
    let json = errors
        .iter()
        .find(|e| scan.db.get(e.location.file).path.ends_with("bad.tf.json"))
        .unwrap();
    assert_eq!(
        json.location.range.start as usize,
        "{ \"resource\": { \"a\": ".len()
    );
}

#[test]
fn a_broken_block_costs_only_that_block() {
    // One resource with a syntax error between two good ones, a heredoc and strings holding
    // braces: the others are parsed at their own offsets and evaluated.
    let text = "variable \"name\" {\n  default = \"}{\"\n}\n\nresource \"aws_s3_bucket\" \"before\" {\n  bucket = var.name\n  policy = <<EOT\n}\nEOT\n}\n\nresource \"aws_s3_bucket\" \"broken\" {\n  acl = = \"private\"\n}\n\nresource \"aws_s3_bucket\" \"after\" {\n  bucket = \"${var.name}-after\"\n}\n\nresource \"aws_s3_bucket\" \"unclosed\" {\n  bucket = \"x\"\n\nresource \"aws_s3_bucket\" \"last\" {\n  bucket = \"last\"\n}\n";
    let d = tmp(&[("main.tf", text)]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    assert_eq!(s(scan.value("aws_s3_bucket.before", "bucket")), "}{");
    assert_eq!(s(scan.value("aws_s3_bucket.after", "bucket")), "}{-after");
    assert_eq!(s(scan.value("aws_s3_bucket.last", "bucket")), "last");
    assert!(
        scan.resources()
            .all(|r| r.name != "broken" && r.name != "unclosed")
    );
    // Spans are file offsets.
    let after = scan.attr("aws_s3_bucket.after", "bucket");
    assert_eq!(scan.text(after.loc), "bucket = \"${var.name}-after\"");
    assert_eq!(scan.line(after.loc), 17);
    let last = scan.res("aws_s3_bucket.last");
    assert_eq!(scan.line(last.body.loc), 23);
    let errors: Vec<_> = scan
        .evals
        .iter()
        .flat_map(|e| e.parse_errors.iter())
        .map(|e| scan.line(e.location))
        .collect();
    assert_eq!(errors.len(), 2, "{:?}", scan.parse_errors());
    assert!(errors.contains(&13), "{errors:?}");
    assert!(errors.iter().any(|l| (20..24).contains(l)), "{errors:?}");
}

#[test]
fn unreadable_files_become_parse_errors() {
    let d = tmp(&[
        ("ok.tf", "resource \"aws_s3_bucket\" \"ok\" {}\n"),
        ("empty.tf", ""),
        ("empty.tf.json", ""),
        (
            "big.tf",
            &format!("locals {{\n  x = \"{}\"\n}}\n", "a".repeat(500)),
        ),
    ]);
    std::fs::write(
        d.path().join("latin1.tf"),
        b"locals {\n  x = \"caf\xe9\"\n}\n",
    )
    .unwrap();
    std::fs::write(d.path().join("binary.tf"), b"\x7fELF\x00\x01\x02garbage").unwrap();
    let opts = LoadOptions {
        max_file_size: 200,
        ..LoadOptions::default()
    };
    let scan = Scan::run(d.path(), &opts);
    let errors = scan.parse_errors();
    let msg = |file: &str| -> String {
        errors.iter().find(|(p, _)| p.ends_with(file)).map_or_else(
            || panic!("no error for {file}: {errors:?}"),
            |(_, m)| m.clone(),
        )
    };
    assert!(msg("latin1.tf").contains("not valid UTF-8"));
    assert!(msg("binary.tf").contains("binary file"));
    assert!(msg("big.tf").contains("larger than"));
    assert!(msg("empty.tf.json").contains("empty"));
    assert!(
        errors.iter().all(|(p, _)| !p.ends_with("/empty.tf")),
        "an empty .tf is valid"
    );
    let latin = scan
        .evals
        .iter()
        .flat_map(|e| e.parse_errors.iter())
        .find(|e| scan.db.get(e.location.file).path.ends_with("latin1.tf"))
        .unwrap();
    assert_eq!(
        latin.location.range.start as usize,
        "locals {\n  x = \"caf".len()
    );
    assert_eq!(scan.res("aws_s3_bucket.ok").address, "aws_s3_bucket.ok");
}

#[test]
fn a_byte_order_mark_is_ignored_and_offsets_kept() {
    let d = tmp(&[
        (
            "main.tf",
            "\u{feff}resource \"aws_s3_bucket\" \"b\" { acl = \"private\" }\n",
        ),
        ("x.tf.json", "\u{feff}{\"locals\": {\"a\": \"b\"}}"),
        (
            "crlf.tf",
            "resource \"x\" \"crlf\" {\r\n  a = \"b\"\r\n  h = <<-EOT\r\n    line\r\n    EOT\r\n}\r\n",
        ),
    ]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    assert!(scan.parse_errors().is_empty(), "{:?}", scan.parse_errors());
    assert_eq!(
        scan.text(scan.attr("aws_s3_bucket.b", "acl").loc),
        "acl = \"private\""
    );
    assert_eq!(s(scan.value("x.crlf", "a")), "b");
    assert!(s(scan.value("x.crlf", "h")).starts_with("line"));
}

#[test]
fn overlays_replace_files_on_disk() {
    let d = tmp(&[(
        "main.tf",
        "resource \"aws_s3_bucket\" \"b\" { acl = \"private\" }\n",
    )]);
    let path = d.path().join("main.tf");
    let mut overlays = std::collections::HashMap::new();
    overlays.insert(
        path,
        "resource \"aws_s3_bucket\" \"b\" { acl = \"public-read\" }\n".to_string(),
    );
    let opts = LoadOptions {
        overlays: std::sync::Arc::new(overlays),
        ..LoadOptions::default()
    };
    let scan = Scan::run(d.path(), &opts);
    assert_eq!(s(scan.value("aws_s3_bucket.b", "acl")), "public-read");
}

// ---- limits -----------------------------------------------------------------------------

#[test]
fn module_nesting_and_self_recursion_are_bounded() {
    let mut files: Vec<(String, String)> = Vec::new();
    files.push((
        "main.tf".into(),
        "module \"m\" { source = \"./m0\" }\n".into(),
    ));
    for i in 0..(MAX_MODULE_DEPTH + 3) {
        files.push((
            format!("m{i}/main.tf"),
            format!(
                "resource \"null_resource\" \"r\" {{}}\nmodule \"m\" {{ source = \"../m{}\" }}\n",
                i + 1
            ),
        ));
    }
    files.push((
        "self/main.tf".into(),
        "module \"again\" { source = \"./\" }\nresource \"null_resource\" \"s\" {}\n".into(),
    ));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let d = tmp(&refs);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    let depth = scan
        .resources()
        .filter(|r| r.name == "r")
        .map(|r| r.module_chain.len())
        .max()
        .unwrap();
    assert_eq!(depth, MAX_MODULE_DEPTH);
    assert!(scan.has_notice(&format!("modules nested more than {MAX_MODULE_DEPTH} deep")));
    assert!(scan.has_notice("it calls itself recursively"));
    assert!(
        scan.resources()
            .any(|r| r.name == "s" && r.module_prefix.is_empty())
    );
}

#[test]
fn deep_reference_chains_and_cycles_end_as_unknown() {
    let mut text = String::from("locals {\n  l0 = 0\n");
    for i in 1..1000 {
        text.push_str(&format!("  l{i} = local.l{} + 1\n", i - 1));
    }
    text.push_str("  a = local.b\n  b = local.a\n}\n");
    text.push_str(
        "resource \"x\" \"r\" {\n  deep = local.l999\n  shallow = local.l50\n  cyc = local.a\n  me = x.r.deep\n}\n",
    );
    let d = tmp(&[("main.tf", &text)]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    assert_eq!(n(scan.value("x.r", "shallow")), 50.0);
    assert!(scan.value("x.r", "deep").is_unknown());
    assert!(scan.has_notice(&format!("more than {MAX_EVAL_DEPTH} levels deep")));
    assert!(scan.value("x.r", "cyc").is_unknown());
    assert!(
        scan.has_notice("local.a depends on itself")
            || scan.has_notice("local.b depends on itself")
    );
    assert!(scan.value("x.r", "me").is_unknown());
    assert!(scan.has_notice("x.r refers to itself"));
}

#[test]
fn locals_are_evaluated_once() {
    // Without memoisation this would take 2^60 evaluations.
    let mut text = String::from("locals {\n  a0 = [\"leaf\"]\n");
    for i in 1..=60 {
        text.push_str(&format!("  a{i} = [local.a{}, local.a{}]\n", i - 1, i - 1));
    }
    text.push_str("}\nresource \"x\" \"r\" {\n  v = local.a60[1][0][1][0]\n  same = local.a60 == local.a60\n}\n");
    let d = tmp(&[("main.tf", &text)]);
    let start = std::time::Instant::now();
    let scan = Scan::run(d.path(), &LoadOptions::default());
    assert!(start.elapsed().as_secs() < 20);
    assert!(scan.value("x.r", "v").as_list().is_some());
    assert!(
        scan.value("x.r", "same").is_unknown(),
        "bounded walk, no hang"
    );
}

#[test]
fn instance_counts_steps_and_sizes_are_capped() {
    let big: Vec<String> = (0..(MAX_INSTANCES + 5)).map(|i| i.to_string()).collect();
    let grid: Vec<String> = (0..2000).map(|i| i.to_string()).collect();
    let text_list: Vec<String> = (0..1100).map(|i| i.to_string()).collect();
    let huge = vec!["1"; MAX_COLLECTION_LEN + 1].join(",");
    let vars = format!(
        "{{\"big\": [{}], \"grid\": [{}], \"text\": [{}], \"huge\": [{huge}]}}",
        big.join(","),
        grid.join(","),
        text_list.join(",")
    );
    let main = format!(
        r#"
variable "big" {{}}
variable "grid" {{}}
variable "text" {{}}
variable "huge" {{}}
resource "x" "wide" {{
  v = [for x in var.huge : x]
}}
resource "x" "counted" {{
  count = {}
}}
resource "x" "each" {{
  for_each = {{ for i, v in var.big : "k${{i}}" => v }}
}}
resource "x" "long" {{
  v = "%{{ for a in var.text }}%{{ for b in var.text }}0123456789%{{ endfor }}%{{ endfor }}"
}}
resource "x" "steps" {{
  v = [for a in var.grid : [for b in var.grid : a]]
}}
"#,
        MAX_INSTANCES * 2
    );
    let d = tmp(&[("main.tf", &main), ("terraform.tfvars.json", &vars)]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    assert_eq!(
        scan.resources().filter(|r| r.name == "counted").count(),
        MAX_INSTANCES
    );
    assert_eq!(
        scan.resources().filter(|r| r.name == "each").count(),
        MAX_INSTANCES
    );
    assert!(scan.has_notice(&format!("only the first {MAX_INSTANCES} are evaluated")));
    assert!(scan.value("x.wide", "v").is_unknown());
    assert!(scan.has_notice(&format!("more than {MAX_COLLECTION_LEN} elements")));
    assert!(scan.value("x.long", "v").is_unknown());
    assert!(scan.has_notice(&format!("more than {MAX_STRING_LEN} bytes")));
    assert!(scan.value("x.steps", "v").is_unknown());
    assert!(scan.has_notice(&format!("stopped after {MAX_STEPS} steps")));
}

// ---- scale ------------------------------------------------------------------------------

#[test]
fn a_thousand_file_tree_evaluates_quickly() {
    let d = tempfile::tempdir().unwrap();
    for m in 0..100 {
        for f in 0..10 {
            let text = format!(
                r#"
variable "v{f}" {{ default = "value-{m}-{f}" }}
locals {{
  l{f} = {{ name = var.v{f}, tags = {{ env = "prod", idx = {f} }} }}
}}
resource "aws_s3_bucket" "b{f}" {{
  bucket = "${{local.l{f}.name}}-bucket"
  tags   = local.l{f}.tags
  versioning {{ enabled = {f} > 5 }}
}}
resource "aws_s3_bucket_policy" "p{f}" {{
  count  = 2
  bucket = aws_s3_bucket.b{f}.bucket
  policy = {{ Statement = [for i in [1, 2, 3] : {{ Sid = "s${{i}}", Effect = "Allow" }}] }}
}}
"#
            );
            write(d.path(), &[(&format!("mod{m}/file{f}.tf"), &text)]);
        }
    }
    let start = std::time::Instant::now();
    let scan = Scan::run(d.path(), &LoadOptions::default());
    let took = start.elapsed();
    eprintln!("1000 files evaluated in {took:?} (debug build)");
    assert_eq!(scan.evals.len(), 100);
    assert_eq!(scan.resources().count(), 100 * 10 * 3);
    // Generous for unoptimised builds on a shared machine; release is far below 1 s.
    assert!(took.as_secs() < 30, "took {took:?}");
}

#[test]
fn real_world_modules_load_without_panic() {
    let Some(base) = corpora() else {
        eprintln!("skipped: corpora folder is absent");
        return;
    };
    for corpus in [
        "terraform-aws-vpc",
        "terraform-aws-s3-bucket",
        "terraform-aws-eks",
        "terraform-google-sql-db",
        "terraform-azurerm-avm-res-storage-storageaccount",
    ] {
        let dir = base.join(corpus);
        if !dir.exists() {
            eprintln!("skipped: {} is absent", dir.display());
            continue;
        }
        let scan = Scan::run(&dir, &LoadOptions::default());
        let count = scan.resources().count();
        assert!(count > 0, "{corpus}: no resources");
        assert!(
            scan.parse_errors().is_empty(),
            "{corpus}: {:?}",
            scan.parse_errors()
        );
        for r in scan.resources() {
            assert!(!r.rtype.is_empty() && !r.name.is_empty());
            assert!(
                r.full_address()
                    .contains(&format!("{}.{}", r.rtype, r.name))
            );
        }
        eprintln!("{corpus}: {} roots, {count} resources", scan.evals.len());
    }
}

fn corpora() -> Option<PathBuf> {
    let base = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora");
    [base, PathBuf::from("/work/shared/corpora")]
        .into_iter()
        .find(|p| p.exists())
}

fn corpus_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            corpus_files(&p, out);
        } else if terraform::is_terraform_file(&p) {
            out.push(p);
        }
    }
}

#[test]
fn truncated_real_files_never_panic() {
    let Some(base) = corpora() else {
        eprintln!("skipped: corpora folder is absent");
        return;
    };
    let mut files = Vec::new();
    for corpus in [
        "terraform-aws-vpc",
        "terraform-aws-s3-bucket",
        "terraform-aws-eks",
        "terraform-google-sql-db",
        "terraform-azurerm-avm-res-storage-storageaccount",
    ] {
        if base.join(corpus).exists() {
            corpus_files(&base.join(corpus), &mut files);
        }
    }
    let d = tempfile::tempdir().unwrap();
    let db = SourceDb::new();
    for (i, f) in files.iter().enumerate() {
        let text = std::fs::read_to_string(f).unwrap();
        let kind = terraform::syntax::FileKind::of(f);
        for cut in 1..8 {
            let mut at = text.len() * cut / 8;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let part = &text[..at];
            let id = db.add(format!("{}#{cut}", f.display()), part);
            let _ = terraform::syntax::parse_text(part, id, kind);
        }
        // Half of every file, evaluated as modules: errors, never a panic.
        let name = f.file_name().unwrap().to_string_lossy();
        let mut half = text.len() / 2;
        while !text.is_char_boundary(half) {
            half -= 1;
        }
        write(d.path(), &[(&format!("m{}/{name}", i % 20), &text[..half])]);
    }
    let scan = Scan::run(d.path(), &LoadOptions::default());
    assert!(!scan.parse_errors().is_empty());
}

#[test]
fn load_terraform_reports_errors_of_unevaluated_modules_once() {
    let d = tmp(&[
        (
            "a/main.tf",
            "module \"off\" {\n  source = \"../mod\"\n  count  = 0\n}\nmodule \"gone\" {\n  source = \"hashicorp/x/aws\"\n}\n",
        ),
        (
            "b/main.tf",
            "module \"again\" {\n  source = \"../mod\"\n  count  = 0\n}\n",
        ),
        ("mod/main.tf", "resource \"x\" \"y\" {\n  a = \n}\n"),
    ]);
    let opts = LoadOptions::default();
    let db = SourceDb::new();
    let found = discover::discover(&[d.path().to_path_buf()], &opts);
    let state =
        terraform::load_terraform(&terraform::modules(found.files("terraform")), &opts, &db);
    assert_eq!(state.parse_errors.len(), 1, "{:?}", state.parse_errors);
    assert!(
        db.get(state.parse_errors[0].location.file)
            .path
            .ends_with("mod/main.tf")
    );
    let gone: Vec<_> = state
        .notices
        .iter()
        .filter(|n| n.message.starts_with("module gone"))
        .collect();
    assert_eq!(gone.len(), 1);
}

/// An editor buffer for a file not saved yet belongs to its directory's module.
#[test]
fn overlays_of_unsaved_files_join_their_module() {
    let d = tmp(&[(
        "variables.tf",
        "variable \"acl\" {\n  default = \"public-read\"\n}\n",
    )]);
    let mut overlays = std::collections::HashMap::new();
    overlays.insert(
        d.path().join("new.tf"),
        "resource \"aws_s3_bucket\" \"b\" { acl = var.acl }\n".to_string(),
    );
    let opts = LoadOptions {
        overlays: std::sync::Arc::new(overlays),
        ..LoadOptions::default()
    };
    let scan = Scan::run(d.path(), &opts);
    assert_eq!(s(scan.value("aws_s3_bucket.b", "acl")), "public-read");
    // Naming the unsaved file itself works too.
    let mut overlays = std::collections::HashMap::new();
    overlays.insert(
        d.path().join("new.tf"),
        "resource \"aws_s3_bucket\" \"c\" { acl = var.acl }\n".to_string(),
    );
    let opts = LoadOptions {
        overlays: std::sync::Arc::new(overlays),
        ..LoadOptions::default()
    };
    let scan = Scan::run(&d.path().join("new.tf"), &opts);
    assert_eq!(s(scan.value("aws_s3_bucket.c", "acl")), "public-read");
}

/// Regression: a role with `name = null` beside `name_prefix` gets its name at apply; a
/// reference to it read null, so the policy attachment naming the role was dropped.
#[test]
fn a_reference_to_an_argument_set_to_null_is_unknown() {
    let d = tmp(&[(
        "main.tf",
        r#"
resource "aws_iam_role" "this" {
  count              = 1
  name               = null
  name_prefix        = "capability-"
  assume_role_policy = "{}"
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.this[0].name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
"#,
    )]);
    let scan = Scan::run(d.path(), &LoadOptions::default());
    let role = scan.value("aws_iam_role_policy_attachment.admin", "role");
    assert!(matches!(role.kind, DynKind::Unknown), "{role:?}");
    assert_eq!(source_ref(role), Some("aws_iam_role.this[0]"));
    // The resource's own argument stays null: an absent setting.
    assert!(scan.value("aws_iam_role.this[0]", "name").is_null());
}
