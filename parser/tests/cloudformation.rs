//! CloudFormation and SAM: detection, syntax and spans, every intrinsic, conditions,
//! parameters and parameter files, each adapter, SAM expansion, nested stacks,
//! suppressions, secrets and hostile input. Realistic templates live in
//! `fixtures/cloudformation/`; small ones are written to temporary directories.
// Test helpers mirror the parser's field types.
#![allow(clippy::ref_option, clippy::used_underscore_binding)]

use cloudsentinel_model::aws::ec2::SecurityGroup;
use cloudsentinel_model::aws::s3::Bucket;
use cloudsentinel_model::{
    Location, Meta, Provenance, ResourceMeta, SecretKind, SourceDb, State, Value,
};
use cloudsentinel_parser::cloudformation::{self, CfnEvaluation, CfnResource};
use cloudsentinel_parser::dynvalue::Dyn;
use cloudsentinel_parser::{LoadOptions, discover};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

struct Scan {
    db: SourceDb,
    state: State,
    evals: Vec<CfnEvaluation>,
    _dir: Option<tempfile::TempDir>,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/cloudformation")
}

fn scan_paths(paths: &[PathBuf], opts: &LoadOptions) -> Scan {
    let found = discover::discover(paths, opts);
    let db = SourceDb::new();
    let evals = cloudformation::evaluate(found.files("cloudformation"), opts, &db);
    let mut state = State::default();
    for ev in &evals {
        state.extend(cloudformation::adapt::adapt(ev, &db));
    }
    Scan {
        db,
        state,
        evals,
        _dir: None,
    }
}

fn scan_fixture(rel: &str) -> Scan {
    scan_paths(&[fixtures().join(rel)], &LoadOptions::default())
}

fn scan(files: &[(&str, &str)]) -> Scan {
    scan_with(files, &LoadOptions::default())
}

fn scan_with(files: &[(&str, &str)], opts: &LoadOptions) -> Scan {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), files);
    let mut s = scan_paths(&[dir.path().to_path_buf()], opts);
    s._dir = Some(dir);
    s
}

fn write(root: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let p = root.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

impl Scan {
    fn loc_text(&self, loc: Location) -> String {
        let f = self.db.get(loc.file);
        f.text[loc.range.as_range()].to_string()
    }

    /// The source text a meta points at.
    fn text(&self, meta: &Meta) -> String {
        self.loc_text(meta.location().expect("a source location"))
    }

    /// The first line of the text a meta points at.
    fn head(&self, meta: &Meta) -> String {
        self.text(meta)
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    fn line(&self, meta: &Meta) -> u32 {
        self.db.span(meta.location().unwrap()).0.line
    }

    fn res_head(&self, r: &ResourceMeta) -> String {
        self.loc_text(r.location().unwrap())
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    fn resources(&self) -> impl Iterator<Item = &CfnResource> {
        self.evals.iter().flat_map(|e| &e.resources)
    }

    fn res(&self, id: &str) -> &CfnResource {
        self.resources()
            .find(|r| r.logical_id == id)
            .unwrap_or_else(|| panic!("resource {id} not evaluated"))
    }

    fn has_res(&self, id: &str) -> bool {
        self.resources().any(|r| r.logical_id == id)
    }

    /// An evaluated property of a resource.
    fn prop(&self, id: &str, name: &str) -> Option<Dyn> {
        self.res(id).props.get(name).cloned()
    }

    fn bucket(&self, id: &str) -> &Bucket {
        self.state
            .aws
            .s3
            .buckets
            .iter()
            .find(|b| b.resource.address == id)
            .unwrap_or_else(|| panic!("bucket {id}"))
    }

    fn group(&self, id: &str) -> &SecurityGroup {
        self.state
            .aws
            .ec2
            .security_groups
            .iter()
            .find(|g| g.resource.address == id)
            .unwrap_or_else(|| panic!("security group {id}"))
    }

    fn file_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .db
            .files()
            .iter()
            .map(|(_, f)| f.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    fn errors(&self) -> Vec<String> {
        self.state
            .parse_errors
            .iter()
            .map(|e| {
                let (lc, _) = self.db.span(e.location);
                let f = self.db.get(e.location.file);
                format!(
                    "{}:{}: {}",
                    f.path.file_name().unwrap().to_string_lossy(),
                    lc.line,
                    e.message
                )
            })
            .collect()
    }
}

fn st(d: &Option<Dyn>) -> Option<&str> {
    d.as_ref().and_then(Dyn::as_str)
}

fn unknown(d: &Option<Dyn>) -> bool {
    d.as_ref().is_some_and(Dyn::is_unknown)
}

fn strs(d: &Option<Dyn>) -> Vec<String> {
    d.as_ref()
        .and_then(Dyn::as_list)
        .map(|l| l.iter().filter_map(Dyn::to_string_lossy).collect())
        .unwrap_or_default()
}

// ---- detection -------------------------------------------------------------------------------

#[test]
fn templates_are_detected_by_content_whatever_the_extension() {
    let s = scan(&[
        ("stack.yml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"),
        (
            "infra/app.template",
            r#"{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}"#,
        ),
        (
            "custom.json",
            r#"{"Resources": {"X": {"Type": "Custom::Thing", "Properties": {"ServiceToken": "arn"}}}}"#,
        ),
        (
            "k8s/pod.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers: []\n",
        ),
        ("package.json", r#"{"name": "x", "dependencies": {}}"#),
        (
            ".github/workflows/ci.yml",
            "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo 'AWS::S3::Bucket'\n",
        ),
        (
            "main.tf.json",
            r#"{"resource": {"aws_s3_bucket": {"b": {"bucket": "Resources"}}}}"#,
        ),
        ("notes.txt", "AWSTemplateFormatVersion: nope"),
    ]);
    assert!(s.errors().is_empty(), "{:?}", s.errors());
    assert_eq!(s.file_names(), ["app.template", "custom.json", "stack.yml"]);
    assert!(s.has_res("B") && s.has_res("Q") && s.has_res("X"));
    assert_eq!(s.state.aws.s3.buckets.len(), 1);
    assert_eq!(s.state.aws.sqs.queues.len(), 1);
}

#[test]
fn every_yaml_document_that_is_a_template_is_checked_with_a_notice() {
    let text = "AWSTemplateFormatVersion: \"2010-09-09\"
Parameters:
  Env:
    Type: String
    Default: prod
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  First:
    Type: AWS::S3::Bucket
    Condition: IsProd
---
# Its own parameters and conditions, under the same names.
AWSTemplateFormatVersion: \"2010-09-09\"
Parameters:
  Env:
    Type: String
    Default: test
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Second:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub \"${Env}-second\"
  OnlyInProd:
    Type: AWS::S3::Bucket
    Condition: IsProd
---
kind: ConfigMap
---
Resources:
  Third:
    Type: AWS::SQS::Queue
";
    let s = scan(&[("stack.yaml", text)]);
    assert!(s.errors().is_empty(), "{:?}", s.errors());
    assert!(s.has_res("First") && s.has_res("Second") && s.has_res("Third"));
    assert!(!s.has_res("OnlyInProd"));
    assert_eq!(st(&s.prop("Second", "BucketName")), Some("test-second"));
    let second = s.bucket("Second").resource.location().unwrap();
    assert_eq!(s.db.span(second).0.line, 22);
    let notices: Vec<(u32, &str)> = s
        .state
        .notices
        .iter()
        .map(|n| (s.db.span(n.location.unwrap()).0.line, n.message.as_str()))
        .collect();
    assert_eq!(notices.len(), 3, "{notices:?}");
    for ((line, message), (at, what)) in notices.iter().zip([
        (12, "checked as a template of its own"),
        (29, "not a template and is not checked"),
        (31, "checked as a template of its own"),
    ]) {
        assert_eq!(*line, at, "{message}");
        assert!(
            message.contains(&format!(
                "stack.yaml holds another YAML document at line {at}"
            )) && message.contains(what),
            "{message}"
        );
    }
    // A syntax error in a later document is located there; the documents before it stand.
    let s = scan(&[(
        "stack.yaml",
        "Resources:\n  A:\n    Type: AWS::S3::Bucket\n---\nResources: [\n",
    )]);
    assert!(s.has_res("A"));
    assert_eq!(s.errors().len(), 1, "{:?}", s.errors());
    assert!(s.errors()[0].starts_with("stack.yaml:"), "{:?}", s.errors());
}

#[test]
fn a_syntax_error_inside_one_resource_costs_only_that_resource() {
    let text = "AWSTemplateFormatVersion: \"2010-09-09\"
Resources:
  Before:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
  Broken:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: [unclosed
      Tags: x
  After:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: \"caf\u{e9}-after\"
Outputs:
  Name:
    Value: !Ref After
";
    let s = scan(&[("stack.yaml", text)]);
    assert!(s.has_res("Before") && s.has_res("After"));
    assert!(!s.has_res("Broken"));
    let errors = s.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("stack.yaml:1")
            && errors[0].ends_with("the resource Broken is not checked"),
        "{errors:?}"
    );
    // Spans of the recovered resources are file offsets.
    let after = s.bucket("After").resource.location().unwrap();
    assert_eq!(s.db.span(after).0.line, 12);
    assert_eq!(st(&s.prop("After", "BucketName")), Some("caf\u{e9}-after"));
    // An error outside the resources is not recovered.
    let s = scan(&[(
        "stack.yaml",
        "AWSTemplateFormatVersion: \"2010-09-09\"\nParameters: [\nResources:\n  A:\n    Type: AWS::S3::Bucket\n",
    )]);
    assert!(!s.has_res("A"));
    assert_eq!(s.errors().len(), 1, "{:?}", s.errors());
}

#[test]
fn tf_json_stays_terraform_and_templates_are_claimed_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let template = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n";
    write(
        dir.path(),
        &[
            ("a.tf.json", "{}"),
            ("b.json", "{}"),
            ("c.yaml", "a: 1"),
            ("d.tf", ""),
            ("e.template", ""),
            ("f.yaml", template),
            ("g.json", r#"{"AWSTemplateFormatVersion": "2010-09-09"}"#),
            // Terraform's JSON syntax is Terraform's, whatever it contains.
            ("h.tf.json", r#"{"AWSTemplateFormatVersion": "2010-09-09"}"#),
        ],
    );
    let found = discover::discover(&[dir.path().to_path_buf()], &LoadOptions::default());
    let names = |id: &str| -> Vec<String> {
        found
            .files(id)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    // JSON and YAML that are not templates (and an empty `.template`) are nobody's.
    assert_eq!(names("cloudformation"), ["f.yaml", "g.json"]);
    assert_eq!(names("terraform"), ["a.tf.json", "d.tf", "h.tf.json"]);
}

#[test]
fn non_template_fixtures_are_skipped_silently() {
    let s = scan_fixture("not-templates");
    assert!(s.db.is_empty(), "{:?}", s.file_names());
    assert!(s.state.parse_errors.is_empty() && s.state.notices.is_empty());
}

// ---- syntax and spans ----------------------------------------------------------------------------

#[test]
fn yaml_and_json_values_point_at_their_source() {
    let s = scan_fixture("web-stack.yaml");
    let b = s.bucket("AssetsBucket");
    assert_eq!(s.text(&b.acl.meta), "AccessControl: PublicRead");
    assert_eq!(b.acl.known().map(String::as_str), Some("public-read"));
    assert_eq!(s.line(&b.acl.meta), 181);
    let (start, end) = s.db.span(b.acl.meta.location().unwrap());
    assert_eq!((start.column, end.column), (7, 32));
    assert_eq!(s.res_head(&b.resource), "AssetsBucket:");

    let j = scan_fixture("platform.json");
    let q = j
        .state
        .aws
        .sqs
        .queues
        .iter()
        .find(|q| q.resource.address == "Events")
        .unwrap();
    assert_eq!(
        j.text(&q.sqs_managed_sse.meta),
        "\"SqsManagedSseEnabled\": false"
    );
    assert!(q.sqs_managed_sse.is_false());
    assert_eq!(j.res_head(&q.resource), "\"Events\": {");
}

#[test]
fn byte_order_marks_crlf_and_multibyte_text_keep_spans_right() {
    let yaml = "\u{feff}AWSTemplateFormatVersion: '2010-09-09'\r\nDescription: Größe – ünïcödé 😀\r\nResources:\r\n  B:\r\n    Type: AWS::S3::Bucket\r\n    Properties:\r\n      AccessControl: PublicRead\r\n";
    let json = "\u{feff}{\"Description\": \"😀\", \"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"AccessControl\": \"PublicRead\"}}}}";
    for (name, text, want) in [
        ("t.yaml", yaml, "AccessControl: PublicRead"),
        ("t.json", json, "\"AccessControl\": \"PublicRead\""),
    ] {
        let s = scan(&[(name, text)]);
        assert!(s.errors().is_empty(), "{name}: {:?}", s.errors());
        let b = s.bucket("B");
        assert_eq!(s.text(&b.acl.meta), want, "{name}");
    }
}

#[test]
fn short_and_long_forms_evaluate_alike() {
    let yaml = r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Name: {Type: String, Default: site}
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Probe:
    Type: Custom::Probe
    Properties:
      Ref: !Ref Name
      AttDot: !GetAtt Bucket.Arn
      AttList: !GetAtt [Bucket, Arn]
      Sub: !Sub "${Name}-logs"
      SubList: !Sub ["${A}-${Name}", {A: x}]
      Join: !Join ["-", [a, !Ref Name]]
      Select: !Select [1, [a, b, c]]
      Split: !Split [",", "a,b"]
      B64: !Base64 "foo"
      Cond: !Condition Never
"#;
    let json = r#"{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {"Name": {"Type": "String", "Default": "site"}},
  "Resources": {
    "Bucket": {"Type": "AWS::S3::Bucket"},
    "Probe": {"Type": "Custom::Probe", "Properties": {
      "Ref": {"Ref": "Name"},
      "AttDot": {"Fn::GetAtt": "Bucket.Arn"},
      "AttList": {"Fn::GetAtt": ["Bucket", "Arn"]},
      "Sub": {"Fn::Sub": "${Name}-logs"},
      "SubList": {"Fn::Sub": ["${A}-${Name}", {"A": "x"}]},
      "Join": {"Fn::Join": ["-", ["a", {"Ref": "Name"}]]},
      "Select": {"Fn::Select": [1, ["a", "b", "c"]]},
      "Split": {"Fn::Split": [",", "a,b"]},
      "B64": {"Fn::Base64": "foo"},
      "Cond": {"Condition": "Never"}
    }}
  }
}"#;
    for (name, text) in [("t.yaml", yaml), ("t.json", json)] {
        let s = scan(&[(name, text)]);
        assert!(s.errors().is_empty(), "{name}: {:?}", s.errors());
        assert_eq!(st(&s.prop("Probe", "Ref")), Some("site"), "{name}");
        for att in ["AttDot", "AttList"] {
            let v = s.prop("Probe", att).unwrap();
            assert!(v.is_unknown(), "{name} {att}");
            assert_eq!(v.source_ref.as_deref(), Some("Bucket"), "{name} {att}");
        }
        assert_eq!(st(&s.prop("Probe", "Sub")), Some("site-logs"), "{name}");
        assert_eq!(st(&s.prop("Probe", "SubList")), Some("x-site"), "{name}");
        assert_eq!(st(&s.prop("Probe", "Join")), Some("a-site"), "{name}");
        assert_eq!(st(&s.prop("Probe", "Select")), Some("b"), "{name}");
        assert_eq!(strs(&s.prop("Probe", "Split")), ["a", "b"], "{name}");
        assert_eq!(st(&s.prop("Probe", "B64")), Some("Zm9v"), "{name}");
        // `Condition` is only an intrinsic inside Conditions: elsewhere it is a map.
        assert!(
            s.prop("Probe", "Cond").unwrap().as_map().is_some(),
            "{name}"
        );
        let probe = s.res("Probe");
        let f = s.db.get(probe.loc.file);
        let prop_loc = probe.props.get("Sub").unwrap().loc.unwrap();
        assert!(
            f.text[prop_loc.range.as_range()].starts_with("Sub")
                || f.text[prop_loc.range.as_range()].starts_with("\"Sub\"")
        );
    }
}

// ---- intrinsics ------------------------------------------------------------------------------

const INTRINSICS: &str = r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: prod
  Zones:
    Type: CommaDelimitedList
    Default: "a, b,c"
  Unset:
    Type: String
  Ami:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: /aws/service/ami
Mappings:
  Sizes:
    prod: {Instance: m5.large, Count: 3}
    dev: {Instance: t3.micro, Count: 1}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Equals [dev, !Ref Env]
  InUsEast: !Equals [!Ref "AWS::Region", us-east-1]
  Both: !And [!Condition IsProd, !Not [!Condition IsDev]]
  Either: !Or [!Condition IsDev, !Condition InUsEast]
  EitherTrue: !Or [!Condition InUsEast, !Condition IsProd]
  NotRegion: !Not [!Condition InUsEast]
  NumberEq: !Equals [3, !FindInMap [Sizes, !Ref Env, Count]]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Probe:
    Type: Custom::Probe
    Properties:
      Region: !Ref AWS::Region
      Account: !Sub "${AWS::AccountId}"
      Removed: !Ref AWS::NoValue
      List: [a, !Ref "AWS::NoValue", b]
      Zones: !Ref Zones
      Unset: !Ref Unset
      Ami: !Ref Ami
      SubEscape: !Sub "${!Literal}-${Env}"
      SubUnknown: !Sub "arn:aws:s3:::${Bucket}/*"
      SubWhole: !Sub "${Bucket}"
      SubAttr: !Sub "${Bucket.Arn}"
      Map: !FindInMap [Sizes, !Ref Env, Instance]
      MapMissing: !FindInMap [Sizes, staging, Instance, {DefaultValue: t3.small}]
      MapUnknown: !FindInMap [Sizes, !Ref "AWS::Region", Instance]
      Azs: !GetAZs ""
      FirstAz: !Select [0, !GetAZs ""]
      Import: !ImportValue shared-vpc
      Cidr: !Cidr [10.0.0.0/16, 4, 8]
      B64Unknown: !Base64 {Ref: "AWS::StackName"}
      JoinUnknown: !Join [",", [a, !Ref "AWS::Region"]]
      SplitJoin: !Join ["+", !Split [",", "x,y,z"]]
      Length: !Length [a, b, c]
      Json: !ToJsonString {a: 1}
      IfTrue: !If [IsProd, yes-prod, no-prod]
      IfFalse: !If [IsDev, yes-dev, no-dev]
      IfUnknownSame: !If [InUsEast, same, same]
      IfUnknownDiff: !If [InUsEast, one, two]
      IfNoValue: !If [IsDev, x, !Ref "AWS::NoValue"]
      IfUnknownNoValue: !If [InUsEast, x, !Ref "AWS::NoValue"]
      Nested:
        Deep: !If [Both, !Sub "${Env}-both", other]
      CondBoth: !If [Both, t, f]
      CondEither: !If [Either, t, f]
      CondEitherTrue: !If [EitherTrue, t, f]
      CondNotRegion: !If [NotRegion, t, f]
      CondNumber: !If [NumberEq, t, f]
"#;

#[test]
fn every_intrinsic_evaluates() {
    let s = scan(&[("t.yaml", INTRINSICS)]);
    assert!(s.errors().is_empty(), "{:?}", s.errors());
    let p = |n: &str| s.prop("Probe", n);
    assert!(unknown(&p("Region")));
    assert!(unknown(&p("Account")));
    assert!(p("Removed").is_none(), "AWS::NoValue removes the property");
    assert_eq!(strs(&p("List")), ["a", "b"]);
    assert_eq!(strs(&p("Zones")), ["a", "b", "c"]);
    assert!(unknown(&p("Unset")));
    assert!(
        unknown(&p("Ami")),
        "SSM parameter types are resolved at deploy time"
    );
    assert_eq!(st(&p("SubEscape")), Some("${Literal}-prod"));
    let sub = p("SubUnknown").unwrap();
    assert!(sub.is_unknown() && sub.source_ref.is_none());
    assert_eq!(p("SubWhole").unwrap().source_ref.as_deref(), Some("Bucket"));
    assert!(unknown(&p("SubAttr")));
    assert_eq!(st(&p("Map")), Some("m5.large"));
    assert_eq!(st(&p("MapMissing")), Some("t3.small"));
    assert!(unknown(&p("MapUnknown")));
    for n in [
        "Azs",
        "FirstAz",
        "Import",
        "Cidr",
        "B64Unknown",
        "JoinUnknown",
    ] {
        assert!(unknown(&p(n)), "{n}");
    }
    assert_eq!(st(&p("SplitJoin")), Some("x+y+z"));
    assert_eq!(p("Length").and_then(|d| d.as_i64()), Some(3));
    assert_eq!(st(&p("Json")), Some(r#"{"a":1}"#));
    assert_eq!(st(&p("IfTrue")), Some("yes-prod"));
    assert_eq!(st(&p("IfFalse")), Some("no-dev"));
    assert_eq!(st(&p("IfUnknownSame")), Some("same"));
    assert!(unknown(&p("IfUnknownDiff")));
    assert!(p("IfNoValue").is_none());
    assert!(unknown(&p("IfUnknownNoValue")));
    assert_eq!(
        p("Nested").unwrap().get("Deep").and_then(Dyn::as_str),
        Some("prod-both")
    );
    assert_eq!(st(&p("CondBoth")), Some("t"));
    assert!(unknown(&p("CondEither")), "false or unknown is unknown");
    assert_eq!(
        st(&p("CondEitherTrue")),
        Some("t"),
        "unknown or true is true"
    );
    assert!(unknown(&p("CondNotRegion")));
    assert_eq!(
        st(&p("CondNumber")),
        Some("t"),
        "numbers compare as strings"
    );
}

#[test]
fn a_false_condition_removes_the_resource_and_an_unknown_one_keeps_it() {
    let s = scan(&[(
        "t.yaml",
        r#"
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  InUsEast: !Equals [!Ref "AWS::Region", us-east-1]
Resources:
  ProdBucket:
    Type: AWS::S3::Bucket
    Condition: IsProd
    Properties: {AccessControl: PublicRead}
  RegionalBucket:
    Type: AWS::S3::Bucket
    Condition: InUsEast
  Always:
    Type: AWS::S3::Bucket
"#,
    )]);
    assert!(!s.has_res("ProdBucket"));
    assert!(s.res("RegionalBucket").condition_unknown);
    let names: Vec<&str> = s
        .state
        .aws
        .s3
        .buckets
        .iter()
        .map(|b| b.resource.address.as_str())
        .collect();
    assert_eq!(names, ["RegionalBucket", "Always"]);
}

#[test]
fn hundreds_of_conditions_evaluate_in_linear_time() {
    // Each condition uses the previous one twice: without memoization this is 2^500.
    let mut t = String::from(
        "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Env: {Type: String, Default: prod}\nConditions:\n  C0: !Equals [!Ref Env, prod]\n",
    );
    for i in 1..500 {
        let p = i - 1;
        t.push_str(&format!(
            "  C{i}: !And [!Condition C{p}, !Or [!Condition C{p}, !Equals [!Ref Env, x{i}]]]\n"
        ));
    }
    t.push_str("Resources:\n");
    for i in (0..500).step_by(50) {
        t.push_str(&format!(
            "  B{i}:\n    Type: AWS::S3::Bucket\n    Condition: C{i}\n    Properties:\n      BucketName: !If [C499, last, other]\n"
        ));
    }
    let start = Instant::now();
    let s = scan(&[("big.yaml", &t)]);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(s.state.aws.s3.buckets.len(), 10);
    assert_eq!(
        s.bucket("B450").name.known().map(String::as_str),
        Some("last")
    );
}

#[test]
fn long_condition_chains_in_any_order_neither_recurse_deeply_nor_guess() {
    // 5000 conditions declared last-first: evaluated in dependency order, each is one
    // step from the previous one.
    let mut t = String::from("Parameters:\n  Env: {Type: String, Default: prod}\nConditions:\n");
    for i in (1..5000).rev() {
        t.push_str(&format!(
            "  C{i}: !And [!Condition C{}, !Not [!Equals [!Ref Env, x]]]\n",
            i - 1
        ));
    }
    t.push_str("  C0: !Equals [!Ref Env, prod]\n");
    t.push_str("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Condition: C4999\n    Properties:\n      BucketName: !If [C2500, mid, other]\n");
    let s = scan(&[("chain.yaml", &t)]);
    assert_eq!(s.bucket("B").name.as_str(), Some("mid"));
}

#[test]
fn cyclic_and_undefined_conditions_are_unknown_not_fatal() {
    let s = scan(&[(
        "t.yaml",
        r"
Conditions:
  A: !Condition B
  B: !Not [!Condition A]
Resources:
  Probe:
    Type: Custom::Probe
    Properties:
      Cycle: !If [A, x, y]
      Missing: !If [Nope, x, y]
  Bucket:
    Type: AWS::S3::Bucket
    Condition: Nope
",
    )]);
    assert!(unknown(&s.prop("Probe", "Cycle")));
    assert!(unknown(&s.prop("Probe", "Missing")));
    assert!(s.has_res("Bucket"));
}

// ---- parameters ------------------------------------------------------------------------------

#[test]
fn defaults_apply_without_a_parameter_file() {
    let s = scan_fixture("params/app.yaml");
    let g = s.group("AppGroup");
    assert_eq!(g.ingress[0].cidrs[0].as_str(), Some("0.0.0.0/0"));
    let b = s.bucket("DataBucket");
    assert!(b.versioning_enabled.is_false() && b.versioning_enabled.is_default());
    assert_eq!(b.name.as_str(), Some("dev-app-data"));
    let db = &s.state.aws.rds.instances[0];
    assert!(db.storage_encrypted.is_false());
    assert_eq!(db.backup_retention_days.known(), Some(&1));
}

#[test]
fn parameter_files_override_defaults_in_both_formats() {
    for file in ["params/prod.json", "params/prod.properties"] {
        let opts = LoadOptions::default().with_frontend(cloudformation::CloudFormationOptions {
            parameters: vec![fixtures().join(file)],
        });
        let s = scan_paths(&[fixtures().join("params/app.yaml")], &opts);
        assert!(s.errors().is_empty(), "{file}: {:?}", s.errors());
        let g = s.group("AppGroup");
        assert_eq!(g.ingress[0].cidrs[0].as_str(), Some("10.0.0.0/8"), "{file}");
        let b = s.bucket("DataBucket");
        assert!(b.versioning_enabled.is_true(), "{file}");
        assert_eq!(b.name.as_str(), Some("prod-app-data"));
        let db = &s.state.aws.rds.instances[0];
        assert!(db.storage_encrypted.is_true(), "{file}");
        assert_eq!(db.backup_retention_days.known(), Some(&14), "{file}");
    }
}

#[test]
fn a_bad_parameter_file_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("p.txt", "Environment=prod\nnot a pair\n")]);
    let opts = LoadOptions::default().with_frontend(cloudformation::CloudFormationOptions {
        parameters: vec![dir.path().join("p.txt")],
    });
    let s = scan_paths(&[fixtures().join("params/app.yaml")], &opts);
    assert_eq!(
        s.errors(),
        ["p.txt:2: parameter file: expected Key=Value, found `not a pair`"]
    );
    // The values that could be read still apply.
    assert_eq!(s.bucket("DataBucket").name.as_str(), Some("prod-app-data"));
}

#[test]
fn parameters_without_a_value_are_notices_at_their_declaration() {
    let files = [
        (
            "root.yaml",
            r"
Parameters:
  AdminCidr:
    Type: String
  Latest:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
  Env:
    Type: String
    Default: dev
Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: child.yaml
      Parameters:
        Given: !Ref Env
",
        ),
        (
            "child.yaml",
            r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Given:
    Type: String
  Missing:
    Type: String
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "${Given}-${Missing}"
"#,
        ),
    ];
    let s = scan(&files);
    let mut notices: Vec<String> = s
        .state
        .notices
        .iter()
        .map(|n| format!("{}: {}", s.loc_text(n.location.unwrap()), n.message))
        .collect();
    notices.sort();
    assert_eq!(
        notices,
        [
            "AdminCidr:\n    Type: String: parameter \"AdminCidr\" has no value (no Default, and no --cfn-parameters file sets it); it is unknown",
            "Missing:\n    Type: String: required parameter \"Missing\" of nested stack Child is not set; it is unknown",
        ]
    );
    // A parameter file gives it a value.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("p.properties", "AdminCidr=10.0.0.0/8\n")]);
    let opts = LoadOptions::default().with_frontend(cloudformation::CloudFormationOptions {
        parameters: vec![dir.path().join("p.properties")],
    });
    let s = scan_with(&files, &opts);
    assert_eq!(s.state.notices.len(), 1, "{:?}", s.state.notices);
}

// ---- adapters ---------------------------------------------------------------------------------

#[test]
fn s3_buckets_and_their_policies() {
    let s = scan_fixture("web-stack.yaml");
    let assets = s.bucket("AssetsBucket");
    let pab = assets.public_access_block.as_ref().unwrap();
    assert!(pab.block_public_acls.is_false() && pab.block_public_acls.is_explicit());
    assert!(pab.ignore_public_acls.is_false() && pab.ignore_public_acls.is_default());
    assert_eq!(
        s.head(&Meta::explicit(pab.resource.origin.clone())),
        "PublicAccessBlockConfiguration:"
    );
    assert_eq!(assets.policies.len(), 1);
    let doc = assets.policies[0].known().unwrap();
    let st = &doc.statements[0];
    assert!(st.allows_anyone());
    assert_eq!(s.head(&st.meta), "Sid: PublicRead");
    assert!(st.resources[0].is_unknown());
    assert_eq!(assets.resource.merged[0].0, "AssetsBucketPolicy");
    assert!(assets.versioning_enabled.is_false() && assets.versioning_enabled.is_default());
    assert_eq!(assets.encryption.algorithm.as_str(), Some("AES256"));

    let audit = s.bucket("AuditBucket");
    assert!(audit.versioning_enabled.is_true());
    assert!(audit.logging_enabled.is_true());
    assert_eq!(audit.encryption.algorithm.as_str(), Some("aws:kms"));
    assert!(audit.encryption.kms_key_id.is_unknown());
    assert!(audit.public_access_block.is_none());
    assert_eq!(audit.acl.as_str(), Some("private"));
    assert!(audit.acl.is_default());
    let logs = s.bucket("AccessLogBucket");
    assert!(logs.logging_enabled.is_false() && logs.policies.is_empty());
}

#[test]
fn bucket_policies_join_by_literal_name_or_become_unknown() {
    let s = scan(&[(
        "t.yaml",
        r#"
Parameters:
  Target: {Type: String}
Resources:
  Named:
    Type: AWS::S3::Bucket
    Properties: {BucketName: named-bucket}
  Other:
    Type: AWS::S3::Bucket
  ByName:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: named-bucket
      PolicyDocument: {Statement: [{Effect: Deny, Principal: "*", Action: "s3:*", Resource: "*"}]}
  ByParameter:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Target
      PolicyDocument: {Statement: []}
  Elsewhere:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: not-declared
      PolicyDocument: {Statement: []}
"#,
    )]);
    let named = s.bucket("Named");
    assert_eq!(named.policies.len(), 2);
    assert!(named.policies[0].known().unwrap().statements[0].is_deny());
    assert!(named.policies[1].is_unknown());
    assert!(s.bucket("Other").policies[0].is_unknown());
    assert!(
        s.state
            .notices
            .iter()
            .any(|n| n.message.contains("not-declared")),
        "{:?}",
        s.state.notices
    );
}

#[test]
fn ec2_security_groups_vpcs_acls_volumes_instances_templates_subnets() {
    let s = scan_fixture("web-stack.yaml");
    let ec2 = &s.state.aws.ec2;
    let bastion = s.group("BastionSecurityGroup");
    assert_eq!(bastion.name.as_str(), Some("staging-bastion"));
    assert_eq!(
        bastion.ingress.len(),
        3,
        "two inline rules and the joined RDP rule"
    );
    let ssh = &bastion.ingress[0];
    assert!(ssh.covers_tcp_port(22) && ssh.public_cidr().is_some());
    assert_eq!(s.text(&ssh.cidrs[0].meta), "CidrIp: !Ref AdminCidr");
    let rdp = &bastion.ingress[2];
    assert!(rdp.covers_tcp_port(3389));
    assert_eq!(rdp.cidrs[0].as_str(), Some("::/0"));
    assert_eq!(bastion.resource.merged[0].0, "BastionRdp");
    // No SecurityGroupEgress: AWS's default allow-all egress rule.
    assert_eq!(bastion.egress.len(), 1);
    assert!(
        bastion.egress[0].is_all_protocols()
            && bastion.egress[0].meta.provenance == Provenance::Default
    );
    let db = s.group("DatabaseSecurityGroup");
    assert_eq!(
        db.ingress[0].cidrs[0].as_str(),
        Some("0.0.0.0/0"),
        "staging takes the If's else branch"
    );
    assert_eq!(db.egress.len(), 1);
    assert!(db.egress[0].meta.provenance == Provenance::Explicit);

    let vpc = &ec2.vpcs[0];
    assert!(vpc.flow_logs_enabled.is_false() && vpc.flow_logs_enabled.is_default());
    assert!(
        vpc.default_security_group_declared.is_unknown(),
        "CloudFormation cannot manage the default group: a live scan judges it"
    );
    assert_eq!(s.res_head(&vpc.resource), "Vpc:");

    let acl = &ec2.network_acls[0];
    assert!(acl.rules[0].allows_public_ingress_to(22));
    assert!(!acl.rules[0].allows_public_ingress_to(3389));

    let vol = &ec2.volumes[0];
    assert!(vol.encrypted.is_false() && vol.encrypted.is_default());

    let lt = &ec2.launch_templates[0];
    assert_eq!(lt.http_tokens.as_str(), Some("required"));
    assert!(lt.block_devices[0].encrypted.is_true());

    let web = ec2
        .instances
        .iter()
        .find(|i| i.resource.address == "WebInstance")
        .unwrap();
    assert_eq!(
        web.http_tokens.as_str(),
        Some("required"),
        "from its launch template"
    );
    assert!(
        web.root_block_device
            .as_ref()
            .unwrap()
            .encrypted
            .is_unknown()
    );
    let bastion_i = ec2
        .instances
        .iter()
        .find(|i| i.resource.address == "Bastion")
        .unwrap();
    assert_eq!(bastion_i.http_tokens.as_str(), Some("optional"));
    assert!(bastion_i.http_tokens.is_default());
    let root = bastion_i.root_block_device.as_ref().unwrap();
    assert!(root.encrypted.is_false() && root.encrypted.is_default());
    assert_eq!(root.device_name.as_str(), Some("/dev/xvda"));
    assert_eq!(bastion_i.ebs_block_devices.len(), 1);
    assert!(bastion_i.ebs_block_devices[0].encrypted.is_true());
    assert!(bastion_i.associate_public_ip.is_true());

    let public = ec2
        .subnets
        .iter()
        .find(|n| n.resource.address == "PublicSubnet")
        .unwrap();
    assert!(public.map_public_ip_on_launch.is_true());
    let private = ec2
        .subnets
        .iter()
        .find(|n| n.resource.address == "PrivateSubnet")
        .unwrap();
    assert!(
        private.map_public_ip_on_launch.is_false() && private.map_public_ip_on_launch.is_default()
    );
}

#[test]
fn rule_resources_without_a_declared_group_are_checked_alone() {
    let s = scan(&[(
        "t.yaml",
        r#"
Resources:
  Open:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: sg-0123456789abcdef0
      IpProtocol: "-1"
      CidrIp: 0.0.0.0/0
  ByName:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupName: web
      IpProtocol: tcp
      FromPort: 0
      ToPort: 65535
      CidrIp: 0.0.0.0/0
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupName: web
      GroupDescription: web
"#,
    )]);
    let open = s.group("Open");
    assert!(open.ingress[0].covers_all_ports());
    let web = s.group("Web");
    assert_eq!(web.ingress.len(), 1);
    assert!(web.ingress[0].covers_all_ports());
}

#[test]
fn flow_logs_join_their_vpc() {
    let s = scan(&[(
        "t.yaml",
        r"
Parameters:
  SomeVpc: {Type: String}
Resources:
  Logged:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Unlogged:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.1.0.0/16}
  Log:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !Ref Logged
      ResourceType: VPC
      TrafficType: ALL
  SubnetLog:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: subnet-123
      ResourceType: Subnet
      TrafficType: ALL
",
    )]);
    let vpcs = &s.state.aws.ec2.vpcs;
    assert!(vpcs[0].flow_logs_enabled.is_true());
    assert_eq!(vpcs[0].resource.merged[0].0, "Log");
    assert!(vpcs[1].flow_logs_enabled.is_false());
}

#[test]
fn iam_roles_users_groups_and_policies() {
    let s = scan_fixture("platform.json");
    let iam = &s.state.aws.iam;
    let deploy = iam
        .roles
        .iter()
        .find(|r| r.resource.address == "DeployRole")
        .unwrap();
    assert_eq!(deploy.name.as_str(), Some("prod-deploy"));
    let trust = deploy.trust_policy.known().unwrap();
    assert!(trust.statements[0].allows_anyone());
    assert_eq!(
        deploy.inline_policies.len(),
        2,
        "inline and the joined AWS::IAM::Policy"
    );
    let admin = deploy.inline_policies[0].document.known().unwrap();
    assert!(admin.statements[0].full_wildcard_action().is_some());
    assert!(admin.statements[0].has_full_wildcard_resource());
    assert_eq!(
        s.text(&admin.statements[0].meta),
        r#"{ "Effect": "Allow", "Action": "*", "Resource": "*" }"#
    );
    let extra = deploy.inline_policies[1].document.known().unwrap();
    assert_eq!(
        extra.statements[0].resources[0].as_str(),
        Some("arn:aws:iam::*:role/dev-*"),
        "Fn::If in JSON takes the prod branch"
    );
    assert_eq!(deploy.attached_policies.len(), 1);
    let partner = iam
        .roles
        .iter()
        .find(|r| r.resource.address == "PartnerRole")
        .unwrap();
    let st = &partner.trust_policy.known().unwrap().statements[0];
    assert!(st.has_narrowing_condition() && !st.allows_anyone());

    let managed = iam
        .policies
        .iter()
        .find(|p| p.resource.address == "StorageAdmin")
        .unwrap();
    assert_eq!(managed.name.as_str(), Some("prod-storage-admin"));
    let st = &managed.document.known().unwrap().statements[0];
    assert_eq!(st.actions[0].as_str(), Some("s3:*"));
    assert_eq!(st.sid.as_deref(), Some("AllS3"));

    let ci = iam
        .users
        .iter()
        .find(|u| u.resource.address == "CiUser")
        .unwrap();
    assert_eq!(ci.name.as_str(), Some("ci-bot"));
    assert_eq!(ci.attached_policies.len(), 1);
    assert_eq!(ci.attached_policies[0].resource.address, "StorageAdmin");
    let devs = iam
        .groups
        .iter()
        .find(|g| g.resource.address == "Developers")
        .unwrap();
    assert_eq!(devs.inline_policies.len(), 1);
    assert_eq!(
        devs.attached_policies[0].policy_arn.as_str(),
        Some("arn:aws:iam::aws:policy/PowerUserAccess")
    );
    assert!(
        iam.policies
            .iter()
            .all(|p| p.resource.address != "DeveloperBoundary")
    );
    // On the group and on the role, but one policy for the checks.
    assert_eq!(
        iam.all_policies()
            .filter(|p| p.resource.address == "DeveloperBoundary")
            .count(),
        1
    );
}

#[test]
fn a_policy_on_several_principals_is_one_policy_wherever_it_is_placed() {
    let s = scan(&[(
        "t.yaml",
        r#"
Resources:
  Devs:
    Type: AWS::IAM::Group
  Ci:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Action: sts:AssumeRole, Principal: {Service: codebuild.amazonaws.com}}]
  Bot:
    Type: AWS::IAM::User
  Shared:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: shared
      Groups: [!Ref Devs]
      Roles: [!Ref Ci, external-role]
      Users: [!Ref Bot]
      PolicyDocument:
        Statement: [{Effect: Allow, Action: "iam:*", Resource: "*"}]
  Attached:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref Ci]
      Groups: [!Ref Devs]
      PolicyDocument:
        Statement: [{Effect: Allow, Action: "s3:*", Resource: "*"}]
"#,
    )]);
    let iam = &s.state.aws.iam;
    // Placed on the group, the role and the user, and standalone for the undeclared role.
    assert_eq!(iam.groups[0].inline_policies.len(), 1);
    assert_eq!(iam.roles[0].inline_policies.len(), 1);
    assert_eq!(iam.users[0].inline_policies.len(), 1);
    assert!(iam.policies.iter().any(|p| p.resource.address == "Shared"));
    let listed: Vec<&str> = iam
        .all_policies()
        .map(|p| p.resource.address.as_str())
        .collect();
    assert_eq!(listed.iter().filter(|a| **a == "Shared").count(), 1);
    assert_eq!(listed.iter().filter(|a| **a == "Attached").count(), 1);
}

#[test]
fn policies_on_undeclared_principals_are_still_checked() {
    let s = scan(&[(
        "t.yaml",
        r#"
Resources:
  OnExternalUser:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Users: [someone]
      PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
  OnExternalRole:
    Type: AWS::IAM::RolePolicy
    Properties:
      PolicyName: q
      RoleName: external-role
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: !Sub "${AWS::Region}:*"
            Resource: "*"
"#,
    )]);
    let iam = &s.state.aws.iam;
    assert_eq!(iam.users.len(), 1);
    assert_eq!(iam.users[0].name.as_str(), Some("someone"));
    assert_eq!(iam.users[0].inline_policies.len(), 1);
    let loose = iam
        .policies
        .iter()
        .find(|p| p.resource.address == "OnExternalRole")
        .unwrap();
    assert!(loose.document.known().unwrap().statements[0].actions[0].is_unknown());
}

#[test]
fn rds_cloudtrail_kms_elb_and_data_services() {
    let s = scan_fixture("web-stack.yaml");
    let aws = &s.state.aws;
    let db = aws
        .rds
        .instances
        .iter()
        .find(|i| i.resource.address == "Database")
        .unwrap();
    assert!(db.storage_encrypted.is_false() && db.storage_encrypted.is_default());
    assert!(db.publicly_accessible.is_true());
    assert_eq!(
        db.backup_retention_days.known(),
        Some(&3),
        "FindInMap on staging"
    );
    let reporting = aws
        .rds
        .instances
        .iter()
        .find(|i| i.resource.address == "ReportingDatabase")
        .unwrap();
    assert!(
        reporting.publicly_accessible.is_unknown(),
        "the VPC decides"
    );
    assert_eq!(reporting.backup_retention_days.known(), Some(&1));
    assert!(reporting.backup_retention_days.is_default());
    assert!(!s.has_res("ReadReplica") && !s.has_res("ProdOnlyCache"));

    let trail = &aws.cloudtrail.trails[0];
    assert!(trail.multi_region.is_false() && trail.multi_region.is_default());
    assert!(trail.log_file_validation.is_false() && trail.log_file_validation.is_explicit());
    assert!(trail.kms_key_id.is_empty_str());

    let key = &aws.kms.keys[0];
    assert!(key.rotation_enabled.is_false() && key.rotation_enabled.is_default());
    assert_eq!(key.key_spec.as_str(), Some("SYMMETRIC_DEFAULT"));

    let http = aws
        .elb
        .listeners
        .iter()
        .find(|l| l.resource.address == "HttpListener")
        .unwrap();
    assert_eq!(http.protocol.as_str(), Some("HTTP"));
    assert!(
        http.protocol.is_default(),
        "an application load balancer's default"
    );
    assert_eq!(
        http.default_actions[0].action_type.as_str(),
        Some("fixed-response")
    );
    let https = aws
        .elb
        .listeners
        .iter()
        .find(|l| l.resource.address == "HttpsListener")
        .unwrap();
    assert_eq!(https.ssl_policy.as_str(), Some("ELBSecurityPolicy-2016-08"));
    assert_eq!(
        https.default_actions[0].redirect_protocol.as_str(),
        Some("HTTPS")
    );

    let p = scan_fixture("platform.json");
    let aws = &p.state.aws;
    let q = |id: &str| {
        aws.sqs
            .queues
            .iter()
            .find(|q| q.resource.address == id)
            .unwrap()
    };
    assert!(q("Events").sqs_managed_sse.is_false());
    assert!(
        q("EventsDlq").sqs_managed_sse.is_true() && q("EventsDlq").sqs_managed_sse.is_default()
    );
    let t = |id: &str| {
        aws.sns
            .topics
            .iter()
            .find(|t| t.resource.address == id)
            .unwrap()
    };
    assert!(t("Alerts").kms_master_key_id.is_empty_str());
    assert_eq!(
        t("AlertsEncrypted").kms_master_key_id.as_str(),
        Some("alias/aws/sns")
    );
    let tb = |id: &str| {
        aws.dynamodb
            .tables
            .iter()
            .find(|t| t.resource.address == id)
            .unwrap()
    };
    assert!(tb("Orders").point_in_time_recovery.is_true());
    assert!(
        tb("Sessions").point_in_time_recovery.is_false()
            && tb("Sessions").point_in_time_recovery.is_default()
    );
    let r = |id: &str| {
        aws.ecr
            .repositories
            .iter()
            .find(|r| r.resource.address == id)
            .unwrap()
    };
    assert_eq!(r("Images").image_tag_mutability.as_str(), Some("MUTABLE"));
    assert!(r("Images").scan_on_push.is_false());
    assert_eq!(
        r("ReleaseImages").image_tag_mutability.as_str(),
        Some("IMMUTABLE")
    );
    assert!(r("ReleaseImages").scan_on_push.is_true());
    assert!(aws.kms.keys[0].rotation_enabled.is_true());
    let eks = &aws.eks.clusters[0];
    assert!(eks.endpoint_public_access.is_true());
    assert_eq!(eks.public_access_cidrs.known().unwrap(), &["0.0.0.0/0"]);
    assert!(eks.public_access_cidrs.is_default());
    assert!(eks.secrets_encrypted.is_false());
    assert!(aws.efs.file_systems[0].encrypted.is_false());
    assert!(aws.efs.file_systems[0].encrypted.is_explicit());
    let cluster = &aws.rds.clusters[0];
    assert!(cluster.storage_encrypted.is_false() && cluster.storage_encrypted.is_default());
    assert_eq!(cluster.backup_retention_days.known(), Some(&35));
    let perm = |id: &str| {
        aws.lambda
            .permissions
            .iter()
            .find(|p| p.resource.address == id)
            .unwrap()
    };
    assert_eq!(perm("PublicInvoke").principal.as_str(), Some("*"));
    assert!(perm("PublicInvoke").source_arn.is_empty_str());
    assert!(perm("S3Invoke").source_account.is_unknown());
}

#[test]
fn eks_encryption_and_restricted_endpoints() {
    let s = scan(&[(
        "t.yaml",
        r"
Resources:
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/eks
      ResourcesVpcConfig:
        SubnetIds: [subnet-1]
        EndpointPublicAccess: true
        PublicAccessCidrs: [203.0.113.0/24]
      EncryptionConfig:
        - Resources: [secrets]
          Provider:
            KeyArn: !GetAtt Key.Arn
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeySpec: RSA_2048
      KeyUsage: SIGN_VERIFY
",
    )]);
    let c = &s.state.aws.eks.clusters[0];
    assert_eq!(c.public_access_cidrs.known().unwrap(), &["203.0.113.0/24"]);
    assert!(c.secrets_encrypted.is_true());
    assert_eq!(s.state.aws.kms.keys[0].key_spec.as_str(), Some("RSA_2048"));
}

// ---- SAM ----------------------------------------------------------------------------------------

#[test]
fn sam_functions_get_their_generated_roles_and_url_permissions() {
    let s = scan_fixture("sam-app.yaml");
    assert!(s.errors().is_empty(), "{:?}", s.errors());
    let iam = &s.state.aws.iam;
    let role = |id: &str| iam.roles.iter().find(|r| r.resource.address == id);
    let create = role("CreateOrderFunctionRole").expect("generated role");
    assert_eq!(s.res_head(&create.resource), "CreateOrderFunction:");
    let trust = create.trust_policy.known().unwrap();
    assert_eq!(
        trust.statements[0].principals[0].value.as_str(),
        Some("lambda.amazonaws.com")
    );
    let arns: Vec<&str> = create
        .attached_policies
        .iter()
        .filter_map(|a| a.policy_arn.as_str())
        .collect();
    assert_eq!(
        arns,
        [
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"
        ],
        "Tracing comes from Globals"
    );
    assert_eq!(create.inline_policies.len(), 3);
    let crud = create.inline_policies[0].document.known().unwrap();
    assert!(
        crud.statements[0]
            .actions
            .iter()
            .any(|a| a.as_str() == Some("dynamodb:PutItem"))
    );
    assert!(crud.statements[0].resources[0].is_unknown());
    assert_eq!(s.head(&crud.statements[0].meta), "DynamoDBCrudPolicy:");
    let star = create.inline_policies[2].document.known().unwrap();
    assert!(star.statements[0].full_wildcard_action().is_some());
    assert_eq!(s.head(&star.statements[0].meta), "Effect: Allow");

    let webhook = role("WebhookFunctionRole").unwrap();
    assert!(
        webhook
            .attached_policies
            .iter()
            .any(|a| a.policy_arn.as_str() == Some("arn:aws:iam::aws:policy/AWSLambdaExecute"))
    );
    assert!(
        role("ReportFunctionRole").is_none(),
        "Role given: SAM generates none"
    );

    let perms = &s.state.aws.lambda.permissions;
    assert_eq!(perms.len(), 1, "only AuthType NONE is public");
    assert_eq!(
        perms[0].resource.address,
        "WebhookFunctionUrlPublicPermissions"
    );
    assert_eq!(perms[0].principal.as_str(), Some("*"));
    assert_eq!(
        s.text(&perms[0].resource.origin.clone().into_meta()),
        "AuthType: NONE"
    );

    let table = &s.state.aws.dynamodb.tables[0];
    assert_eq!(table.resource.address, "OrdersTable");
    assert!(table.point_in_time_recovery.is_false());
    assert_eq!(s.state.aws.sqs.queues.len(), 1);
}

trait IntoMeta {
    fn into_meta(self) -> Meta;
}

impl IntoMeta for cloudsentinel_model::Origin {
    fn into_meta(self) -> Meta {
        Meta::explicit(self)
    }
}

// ---- nested stacks ------------------------------------------------------------------------------

#[test]
fn nested_stacks_take_their_parents_parameters_and_record_the_call() {
    let s = scan_fixture("nested");
    assert!(s.errors().is_empty(), "{:?}", s.errors());
    // The children are evaluated through their parent only.
    assert_eq!(s.resources().filter(|r| r.logical_id == "Vpc").count(), 1);
    let ssh = s.group("SshGroup");
    assert_eq!(
        ssh.ingress[0].cidrs[0].as_str(),
        Some("0.0.0.0/0"),
        "from the parent"
    );
    assert_eq!(ssh.resource.module_chain.len(), 1);
    assert_eq!(ssh.resource.module_chain[0].name, "Network");
    assert_eq!(ssh.resource.full_address(), "module.Network.SshGroup");
    let call = ssh.resource.module_chain[0].location;
    assert_eq!(s.loc_text(call).lines().next().unwrap().trim(), "Network:");
    assert!(s.db.get(call.file).path.ends_with("parent.yaml"));
    // Environment=prod comes from the parent: the flow log is deployed.
    let vpc = &s.state.aws.ec2.vpcs[0];
    assert!(vpc.flow_logs_enabled.is_true());
    // The parent attaches its managed policy to the child's role through an output.
    let role = s
        .state
        .aws
        .iam
        .roles
        .iter()
        .find(|r| r.resource.full_address() == "module.Network.InstanceRole")
        .unwrap();
    assert_eq!(role.attached_policies.len(), 1);
    assert_eq!(role.attached_policies[0].resource.address, "SharedPolicy");
    let logs = s.bucket("LogBucket");
    assert_eq!(logs.name.as_str(), Some("acme-prod-network-logs"));
    assert_eq!(logs.policies.len(), 1);
    assert!(logs.policies[0].known().unwrap().statements[0].is_deny());
    // The Storage call's metadata suppression reaches the resources inside.
    assert!(
        logs.resource
            .ignores
            .iter()
            .any(|i| i.id == "aws-s3-no-versioning")
    );
    assert!(
        s.state.notices.iter().any(|n| n
            .message
            .contains("remote template https://s3.amazonaws.com")),
        "{:?}",
        s.state.notices
    );
}

#[test]
fn a_nested_stacks_outputs_join_the_parents_resources_to_the_childs() {
    let s = scan(&[
        (
            "parent.yaml",
            r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AdminCidr:
    Type: String
    Default: 0.0.0.0/0
Resources:
  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./network.yaml
      Parameters:
        AdminCidr: !Ref AdminCidr
  NetworkFlowLog:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !GetAtt Network.Outputs.VpcId
      ResourceType: VPC
      TrafficType: ALL
      LogDestination: arn:aws:s3:::example-flow-logs
      LogDestinationType: s3
  Ssh:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt [Network, Outputs.AppGroupId]
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIp: !GetAtt Network.Outputs.AdminCidr
  Tagged:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "${Network.Outputs.Name}-events"
  Hidden:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !GetAtt Network.Outputs.OnlyInProd
  Remote:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://s3.amazonaws.com/example/remote.yaml
  RemoteFlowLog:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !GetAtt Remote.Outputs.VpcId
      ResourceType: VPC
      TrafficType: ALL
      LogDestination: arn:aws:s3:::example-flow-logs
      LogDestinationType: s3
"#,
        ),
        (
            "network.yaml",
            r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AdminCidr:
    Type: String
  Environment:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  AppGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
Outputs:
  VpcId:
    Value: !Ref Vpc
  AppGroupId:
    Value: !GetAtt AppGroup.GroupId
  AdminCidr:
    Value: !Ref AdminCidr
  Name:
    Value: !Sub "net-${Environment}"
  OnlyInProd:
    Condition: IsProd
    Value: prod-only
"#,
        ),
    ]);
    assert!(s.errors().is_empty(), "{:?}", s.errors());
    let vpc = &s.state.aws.ec2.vpcs[0];
    assert_eq!(vpc.resource.full_address(), "module.Network.Vpc");
    assert!(
        vpc.flow_logs_enabled.is_true(),
        "the parent's flow log joins"
    );
    let group = s.group("AppGroup");
    assert_eq!(group.resource.full_address(), "module.Network.AppGroup");
    assert_eq!(group.ingress.len(), 1, "the parent's rule joins");
    assert_eq!(
        group.ingress[0].cidrs[0].as_str(),
        Some("0.0.0.0/0"),
        "the output passes the parent's parameter back"
    );
    assert_eq!(st(&s.prop("Tagged", "QueueName")), Some("net-dev-events"));
    assert!(
        unknown(&s.prop("Hidden", "QueueName")),
        "an output whose condition is false does not exist"
    );
    // A remote template's outputs stay unknown: the flow log joins nothing.
    assert!(unknown(&s.prop("RemoteFlowLog", "ResourceId")));
}

#[test]
fn nested_stacks_reading_each_others_outputs_do_not_loop() {
    let s = scan(&[
        (
            "parent.yaml",
            r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  A:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: child.yaml
      Parameters:
        In: !GetAtt B.Outputs.Out
  B:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: child.yaml
      Parameters:
        In: !GetAtt A.Outputs.Out
  Self:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: parent.yaml
  Q:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !GetAtt A.Outputs.Out
      KmsMasterKeyId: !GetAtt Self.Outputs.Key
"#,
        ),
        (
            "child.yaml",
            r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  In:
    Type: String
Resources:
  Topic:
    Type: AWS::SNS::Topic
Outputs:
  Out:
    Value: !Ref In
"#,
        ),
    ]);
    assert!(unknown(&s.prop("Q", "QueueName")));
    assert!(unknown(&s.prop("Q", "KmsMasterKeyId")));
}

#[test]
fn nested_stack_recursion_and_missing_children_are_notices() {
    let s = scan(&[
        (
            "a.yaml",
            "Resources:\n  B:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: b.yaml\n  M:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./missing.yaml\n",
        ),
        (
            "b.yaml",
            "Resources:\n  A:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: a.yaml\n  Q:\n    Type: AWS::SQS::Queue\n",
        ),
    ]);
    assert_eq!(s.state.aws.sqs.queues.len(), 1);
    let msgs: Vec<&str> = s.state.notices.iter().map(|n| n.message.as_str()).collect();
    assert!(msgs.iter().any(|m| m.contains("recursively")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("missing.yaml")), "{msgs:?}");
    assert!(s.errors().is_empty(), "{:?}", s.errors());
}

// ---- suppressions -------------------------------------------------------------------------------

#[test]
fn metadata_suppressions_are_recorded_with_locations() {
    let s = scan_fixture("suppressed.yaml");
    let b = s.bucket("SiteBucket");
    let ids: Vec<&str> = b.resource.ignores.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "aws-s3-no-versioning",
            "aws-s3-no-access-logging",
            "aws-s3-no-kms-encryption",
            "checkov:CKV_AWS_18",
            "cfn_nag:W35"
        ]
    );
    let logging = &b.resource.ignores[1];
    assert_eq!(logging.expires.as_deref(), Some("2030-12-31"));
    assert_eq!(
        logging.reason.as_deref(),
        Some("served through CloudFront, which logs")
    );
    let loc = logging.location.unwrap();
    assert_eq!(
        s.loc_text(loc).lines().next().unwrap().trim(),
        "id: aws-s3-no-access-logging"
    );
    let kms = &b.resource.ignores[2];
    assert_eq!(kms.expires.as_deref(), Some("2020-01-01"));
    assert_eq!(kms.reason.as_deref(), Some("expired on purpose"));
    assert_eq!(
        b.resource.ignores[3].reason.as_deref(),
        Some("access logging handled by CloudFront")
    );
    // The public-access-block part carries the bucket's suppressions too.
    assert!(b.acl.is_explicit());
    // Comment suppressions are matched by line: the resource starts right below one.
    let line = s.db.span(b.resource.location().unwrap()).0.line;
    let f = s.db.get(b.resource.location().unwrap().file);
    assert!(
        f.line_text(line - 1)
            .contains("cloudsentinel:ignore:aws-s3-public-acl")
    );
    let g = s.group("LegacyGroup");
    let cidr = &g.ingress[0].cidrs[0];
    assert!(
        f.line_text(s.line(&cidr.meta))
            .contains("cloudsentinel:ignore:aws-ec2-sg-public-ssh")
    );
}

#[test]
fn json_templates_carry_suppressions_in_metadata() {
    let s = scan(&[(
        "t.json",
        r#"{"Resources": {"Q": {"Type": "AWS::SQS::Queue",
            "Metadata": {"cloudsentinel": {"ignore": [{"id": "aws-sqs-unencrypted", "reason": "test queue"}]}},
            "Properties": {"SqsManagedSseEnabled": false}}}}"#,
    )]);
    let q = &s.state.aws.sqs.queues[0];
    assert_eq!(q.resource.ignores[0].id, "aws-sqs-unencrypted");
    assert_eq!(q.resource.ignores[0].reason.as_deref(), Some("test queue"));
}

// ---- secrets ------------------------------------------------------------------------------------

#[test]
fn literal_credentials_are_found_and_references_are_not() {
    let s = scan_fixture("web-stack.yaml");
    let found: Vec<(String, String, SecretKind)> = s
        .state
        .secrets
        .iter()
        .map(|x| (x.resource.address.clone(), x.attribute.clone(), x.kind))
        .collect();
    assert_eq!(
        found,
        [
            (
                "Parameters.DBPassword".to_string(),
                "Default".to_string(),
                SecretKind::PasswordAttribute
            ),
            (
                "ReportingDatabase".to_string(),
                "Properties.MasterUserPassword".to_string(),
                SecretKind::PasswordAttribute
            ),
        ]
    );
    let db = &s.state.secrets[1];
    assert_eq!(s.text(&db.meta), "MasterUserPassword: hunter2-reporting");
    let sam = scan_fixture("sam-app.yaml");
    assert_eq!(sam.state.secrets.len(), 1);
    assert_eq!(
        sam.state.secrets[0].attribute,
        "Properties.Environment.Variables.PAYMENT_API_TOKEN"
    );
    let keys = scan(&[(
        "t.yaml",
        "Resources:\n  U:\n    Type: AWS::EC2::Instance\n    Properties:\n      UserData: !Base64 |\n        export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n      Tags:\n        - Key: password\n          Value: not-a-secret-setting\n",
    )]);
    assert_eq!(keys.state.secrets.len(), 1);
    assert_eq!(keys.state.secrets[0].kind, SecretKind::AwsAccessKeyId);
    assert_eq!(
        keys.text(&keys.state.secrets[0].meta),
        "AKIAIOSFODNN7EXAMPLE"
    );
}

// ---- hostile input ------------------------------------------------------------------------------

#[test]
fn hostile_input_becomes_located_errors_and_the_scan_goes_on() {
    let mut bomb = String::from(
        "AWSTemplateFormatVersion: '2010-09-09'\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n",
    );
    for i in 1..15 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    bomb.push_str("Resources: {}\n");
    let deep_yaml = format!(
        "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let deep_json = format!(
        "{{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {}{}}}",
        "{\"a\": ".repeat(100_000),
        "}".repeat(100_000)
    );
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("bomb.yaml", &bomb),
            ("deep.yaml", &deep_yaml),
            ("deep.json", &deep_json),
            (
                "dupe.yaml",
                "Resources:\n  B:\n    Type: AWS::S3::Bucket\n  B:\n    Type: AWS::S3::Bucket\n",
            ),
            ("good.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"),
            (
                "k8s.yaml",
                "apiVersion: v1\nkind: ConfigMap\ndata: {a: '['}\n",
            ),
            ("broken-k8s.yaml", "apiVersion: v1\nkind: [\n"),
        ],
    );
    let mut bad = b"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: \"".to_vec();
    bad.extend_from_slice(&[0xff, 0xfe, b'"', b'}', b'\n']);
    std::fs::write(dir.path().join("latin1.yaml"), &bad).unwrap();
    std::fs::write(dir.path().join("binary.json"), [0u8, 1, 2, 0xff]).unwrap();
    std::fs::write(
        dir.path().join("other-latin1.yaml"),
        [b'a', b':', b' ', 0xff],
    )
    .unwrap();
    let start = Instant::now();
    let s = scan_paths(&[dir.path().to_path_buf()], &LoadOptions::default());
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    let mut errors = s.errors();
    errors.sort();
    assert_eq!(errors.len(), 5, "{errors:?}");
    assert!(errors[0].starts_with("bomb.yaml:"), "{errors:?}");
    assert!(errors[0].contains("more than"), "{errors:?}");
    assert!(
        errors[1].starts_with("deep.json:1:") && errors[1].contains("nesting"),
        "{errors:?}"
    );
    assert!(errors[2].starts_with("deep.yaml:2:"), "{errors:?}");
    assert!(
        errors[3].starts_with("dupe.yaml:4: duplicate key `B`"),
        "{errors:?}"
    );
    assert!(
        errors[4].starts_with("latin1.yaml:5:") && errors[4].contains("UTF-8"),
        "{errors:?}"
    );
    assert_eq!(
        s.state.aws.sqs.queues.len(),
        1,
        "the good template is still scanned"
    );
}

#[test]
fn the_broken_fixture_is_one_parse_error_at_its_line() {
    let s = scan_fixture("invalid");
    assert_eq!(s.errors().len(), 1, "{:?}", s.errors());
    assert!(
        s.errors()[0].starts_with("broken.template:7:"),
        "{:?}",
        s.errors()
    );
}

#[test]
fn whole_fixture_directory_scans_without_errors_but_the_broken_one() {
    let s = scan_paths(&[fixtures()], &LoadOptions::default());
    assert_eq!(s.errors().len(), 1, "{:?}", s.errors());
    // Every adapter produced something.
    let aws = &s.state.aws;
    assert!(!aws.s3.buckets.is_empty() && !aws.ec2.security_groups.is_empty());
    assert!(!aws.ec2.vpcs.is_empty() && !aws.ec2.network_acls.is_empty());
    assert!(!aws.ec2.volumes.is_empty() && !aws.ec2.instances.is_empty());
    assert!(!aws.ec2.launch_templates.is_empty() && !aws.ec2.subnets.is_empty());
    assert!(!aws.iam.roles.is_empty() && !aws.iam.users.is_empty());
    assert!(!aws.iam.groups.is_empty() && !aws.iam.policies.is_empty());
    assert!(!aws.rds.instances.is_empty() && !aws.rds.clusters.is_empty());
    assert!(!aws.cloudtrail.trails.is_empty() && !aws.kms.keys.is_empty());
    assert!(!aws.elb.listeners.is_empty() && !aws.lambda.permissions.is_empty());
    assert!(!aws.eks.clusters.is_empty() && !aws.efs.file_systems.is_empty());
    assert!(!aws.sqs.queues.is_empty() && !aws.sns.topics.is_empty());
    assert!(!aws.dynamodb.tables.is_empty() && !aws.ecr.repositories.is_empty());
    // Values never claim to be known when they are not.
    for b in &aws.s3.buckets {
        for p in &b.policies {
            assert!(p.known().is_some() || p.meta.provenance == Provenance::Unknown);
        }
    }
    let _: Option<&Value<bool>> = None;
}

#[test]
fn the_library_loader_entry_point_finds_templates() {
    let db = SourceDb::new();
    let state = cloudsentinel_parser::load(
        &[fixtures().join("web-stack.yaml")],
        &LoadOptions::default(),
        &db,
    );
    assert_eq!(state.aws.s3.buckets.len(), 3);
    assert!(state.parse_errors.is_empty());
}

/// Joins follow the one order every front-end uses: a reference to a resource that is not
/// a bucket (a custom resource's attribute may well name one of the stack's buckets) is an
/// unevaluated bucket, so every bucket of the stack gets an Unknown policy rather than
/// none; a literal name that matches no bucket is reported as not declared.
#[test]
fn a_policy_on_a_reference_to_a_non_bucket_makes_the_stacks_buckets_unknown() {
    let s = scan(&[(
        "t.yaml",
        r"Resources:
  Data:
    Type: AWS::S3::Bucket
  Finder:
    Type: Custom::FindBucket
  ByCustom:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !GetAtt Finder.BucketName
      PolicyDocument: {Statement: []}
  ByName:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: elsewhere
      PolicyDocument: {Statement: []}
",
    )]);
    let b = s.bucket("Data");
    assert_eq!(b.policies.len(), 1, "{:?}", b.policies);
    assert!(b.policies[0].is_unknown());
    let messages: Vec<&str> = s.state.notices.iter().map(|n| n.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("ByName configures bucket \"elsewhere\"")),
        "{messages:?}"
    );
    assert!(
        !messages.iter().any(|m| m.contains("Finder")),
        "{messages:?}"
    );
}

#[test]
fn metadata_endpoint_and_launch_configurations() {
    use cloudsentinel_model::aws::ec2::LaunchKind;
    let s = scan(&[(
        "template.yaml",
        r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Endpoint:
    Type: String
Resources:
  OffTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateName: off
      LaunchTemplateData:
        MetadataOptions:
          HttpEndpoint: disabled
  FromTemplate:
    Type: AWS::EC2::Instance
    Properties:
      LaunchTemplate:
        LaunchTemplateId: !Ref OffTemplate
        Version: "1"
  Plain:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
  Unset:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      MetadataOptions:
        HttpEndpoint: !Ref Endpoint
  AppConfig:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-12345678
      InstanceType: t3.micro
      MetadataOptions:
        HttpEndpoint: disabled
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs:
            VolumeSize: 20
        - DeviceName: /dev/sdb
          VirtualName: ephemeral0
        - DeviceName: /dev/sdc
          Ebs:
            Encrypted: true
"#,
    )]);
    let ec2 = &s.state.aws.ec2;
    let inst = |a: &str| {
        ec2.instances
            .iter()
            .find(|i| i.resource.address == a)
            .unwrap_or_else(|| panic!("no instance {a}"))
    };
    assert!(
        inst("FromTemplate").metadata_disabled(),
        "from its launch template"
    );
    assert_eq!(
        s.text(&inst("FromTemplate").http_endpoint.meta),
        "HttpEndpoint: disabled"
    );
    let plain = inst("Plain");
    assert!(plain.http_endpoint.eq_ignore_case("enabled") && plain.http_endpoint.is_default());
    assert!(inst("Unset").http_endpoint.is_unknown());

    let template = ec2
        .launch_templates
        .iter()
        .find(|t| t.resource.address == "OffTemplate")
        .unwrap();
    assert_eq!(template.kind, LaunchKind::Template);
    assert!(template.metadata_disabled());
    let config = ec2
        .launch_templates
        .iter()
        .find(|t| t.resource.address == "AppConfig")
        .unwrap();
    assert_eq!(config.kind, LaunchKind::Configuration);
    assert!(config.metadata_disabled());
    assert!(config.http_tokens.eq_ignore_case("optional") && config.http_tokens.is_default());
    assert_eq!(
        config.block_devices.len(),
        2,
        "the ephemeral device is not EBS"
    );
    let root = &config.block_devices[0];
    assert_eq!(root.device_name.as_str(), Some("/dev/xvda"));
    assert!(root.encrypted.is_false() && root.encrypted.is_default());
    assert!(config.block_devices[1].encrypted.is_true());
}
#[test]
fn s3_object_lock_from_a_parameter() {
    let s = scan(&[(
        "template.yaml",
        r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Lock:
    Type: String
    Default: "true"
  Unset:
    Type: String
Resources:
  Locked:
    Type: AWS::S3::Bucket
    Properties:
      ObjectLockEnabled: !Ref Lock
  Unknown:
    Type: AWS::S3::Bucket
    Properties:
      ObjectLockEnabled: !Ref Unset
  Bare:
    Type: AWS::S3::Bucket
"#,
    )]);
    let locked = s.bucket("Locked");
    assert!(locked.object_lock_enabled.is_true() && locked.object_lock_enabled.is_explicit());
    assert!(s.bucket("Unknown").object_lock_enabled.known().is_none());
    let bare = s.bucket("Bare");
    assert!(bare.object_lock_enabled.is_false() && bare.object_lock_enabled.is_default());
}

#[test]
fn resource_policies_join_each_listed_parent_and_unknown_targets_reach_every_candidate() {
    let s = scan(&[(
        "t.yaml",
        r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Dead:
    Type: AWS::SQS::Queue
  Both:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Jobs, !Ref Dead]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: sqs:SendMessage
  Alerts:
    Type: AWS::SNS::Topic
  Elsewhere:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!ImportValue shared-topic]
      PolicyDocument:
        Statement: []
  Db:
    Type: AWS::SecretsManager::Secret
  Api:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: api-key
  ApiRotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: api-key
      RotationLambdaARN: arn:aws:lambda:eu-west-1:123456789012:function:rotate
"#,
    )]);
    let queues = &s.state.aws.sqs.queues;
    assert_eq!(queues.len(), 2);
    for q in queues {
        // One policy resource listing both queues: each gets the document, once.
        assert_eq!(q.policies.len(), 1, "{}", q.resource.address);
        assert!(q.policies[0].known().unwrap().statements[0].allows_anyone());
        assert_eq!(q.resource.merged[0].0, "Both");
    }
    // A topic the policy may or may not name: its policy is Unknown, not absent.
    let topic = &s.state.aws.sns.topics[0];
    assert_eq!(topic.policies.len(), 1);
    assert!(topic.policies[0].is_unknown());
    assert!(topic.resource.merged.is_empty());
    // Rotation joined by the secret's literal name; the other secret keeps the default.
    let secrets = &s.state.aws.secretsmanager.secrets;
    let by = |name: &str| secrets.iter().find(|x| x.resource.address == name).unwrap();
    assert!(by("Api").rotation.is_true());
    assert!(by("Db").rotation.is_false() && by("Db").rotation.is_default());
    assert!(by("Db").kms_key_id.is_empty_str() && by("Db").kms_key_id.is_default());
}

#[test]
fn ecs_task_definitions_clusters_and_eks_logging() {
    let s = scan(&[(
        "template.yaml",
        r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Definitions:
    Type: String
Resources:
  Known:
    Type: AWS::ECS::TaskDefinition
    Properties:
      NetworkMode: awsvpc
      ContainerDefinitions:
        - Name: app
          Image: example
          User: "1000"
          Environment:
            - Name: CLIENT_SECRET
              Value: 3f9a0c17e2b84d5f
            - Name: CLIENT_ID
              Value: app
  Empty:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [EC2]
  Cluster:
    Type: AWS::ECS::Cluster
    Properties:
      ClusterSettings:
        - Name: containerInsights
          Value: enabled
  Eks:
    Type: AWS::EKS::Cluster
    Properties:
      Version: "1.30"
      RoleArn: arn:aws:iam::111122223333:role/eks
      ResourcesVpcConfig:
        SubnetIds: [subnet-1]
      Logging:
        ClusterLogging:
          EnabledTypes:
            - Type: audit
"#,
    )]);
    let aws = &s.state.aws;
    let known = &aws.ecs.task_definitions[0];
    assert!(known.network_mode.eq_ignore_case("awsvpc"));
    let c = &known.containers.known().unwrap()[0];
    assert_eq!(c.name.as_str(), Some("app"));
    assert_eq!(c.user.known(), Some(&Some("1000".to_string())));
    assert!(c.privileged.is_false() && c.privileged.is_default());
    let creds: Vec<Option<bool>> = c
        .environment
        .known()
        .unwrap()
        .iter()
        .map(|v| v.plaintext_credential.known().copied())
        .collect();
    assert_eq!(creds, [Some(true), Some(false)]);
    // ContainerDefinitions is optional in CloudFormation: none.
    let empty = &aws.ecs.task_definitions[1];
    assert!(empty.containers.known().is_some_and(Vec::is_empty));
    assert!(
        aws.ecs.clusters[0]
            .container_insights
            .eq_ignore_case("enabled")
    );
    let eks = &aws.eks.clusters[0];
    assert_eq!(eks.log_types.known(), Some(&vec!["audit".to_string()]));
    assert_eq!(eks.version.known(), Some(&Some("1.30".to_string())));
}
