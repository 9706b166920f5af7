use crate::check::{cfn_bad, cfn_good, cfn_json_bad, dm_bad, dm_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a file that looks like infrastructure-as-code but could not be parsed. The
    /// finding carries the parser's location and message.
    ///
    /// A file that cannot be parsed is not checked at all, so it may hide any other problem;
    /// the rest of the scan goes on and keeps its results.
    pub static CHECK = {
        id: "iac-parse-error",
        title: "File could not be parsed",
        severity: High,
        risk_score: 7.0,
        provider: General,
        service: "parser",
        formats: [Terraform, CloudFormation, DeploymentManager],
        compliance: {
            NIST_800_53: ["CM-6"],
            ISO_27001: ["A.8.9"],
            SOC2: ["CC7.1"],
        },
        aliases: [],
        remediation: "Fix the syntax error at the reported location (`terraform validate` shows the same error), or exclude the file from the scan if it is not meant to be infrastructure code.",
        references: [
            "https://developer.hashicorp.com/terraform/language/syntax/configuration",
        ],
        examples: [
            tf_bad("An unclosed block", r#"
resource "aws_s3_bucket" "logs" {
  bucket = "example-logs"
"#),
            tf_good("A well-formed file", r#"
resource "aws_s3_bucket" "logs" {
  bucket = "example-logs"
}
"#),
            cfn_bad("A tab where YAML needs spaces", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Bucket:\n\tType: AWS::S3::Bucket\n"),
            cfn_json_bad("A trailing comma in a JSON template", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Bucket": {"Type": "AWS::S3::Bucket",}
  }
}
"#),
            cfn_good("A well-formed template", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Bucket:
    Type: AWS::S3::Bucket
"#),
            dm_bad("A Jinja block that is never closed", r"
imports:
- path: bucket.jinja

resources:
- name: logs
  type: bucket.jinja
# file: bucket.jinja
resources:
- name: {{ env['name'] }}
  type: storage.v1.bucket
{% if properties['versioned'] %}
  properties:
    versioning:
      enabled: true
"),
            dm_good("A well-formed config and template", r"
imports:
- path: bucket.jinja

resources:
- name: logs
  type: bucket.jinja
# file: bucket.jinja
resources:
- name: {{ env['name'] }}
  type: storage.v1.bucket
{% if properties['versioned'] %}
  properties:
    versioning:
      enabled: true
{% endif %}
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for e in &state.parse_errors {
        report.add_at(e.location, e.message.clone());
    }
}
