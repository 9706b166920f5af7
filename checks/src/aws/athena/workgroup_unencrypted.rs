use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an Athena workgroup with no encryption configuration for its query results.
    ///
    /// Query results are written to S3 and often hold the most sensitive slices of a data lake;
    /// unencrypted, they are readable by anyone with access to the results location.
    pub static CHECK = {
        id: "aws-athena-workgroup-unencrypted",
        title: "Athena workgroup does not encrypt query results",
        severity: Medium,
        risk_score: 4.0,
        provider: Aws,
        service: "athena",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_159", "AVD-AWS-0006", "aws-athena-enable-at-rest-encryption"],
        remediation: "Add `configuration { result_configuration { encryption_configuration { encryption_option = \"SSE_KMS\", kms_key_arn = … } } }` (CloudFormation: `WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration`).",
        references: ["https://docs.aws.amazon.com/athena/latest/ug/encrypting-query-results-stored-in-s3.html"],
        examples: [
            tf_bad("No encryption, the output location from a variable", r#"
variable "results" {
  default = "s3://example-athena-results/"
}

resource "aws_athena_workgroup" "analysts" {
  name = "analysts"

  configuration {
    result_configuration {
      output_location = var.results
    }
  }
}
"#),
            tf_good("KMS encryption", r#"
resource "aws_athena_workgroup" "analysts" {
  name = "analysts"

  configuration {
    result_configuration {
      output_location = "s3://example-athena-results/"

      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      }
    }
  }
}
"#),
            cfn_bad("No encryption, the output location from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Results:
    Type: String
    Default: s3://example-athena-results/
Resources:
  Analysts:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analysts
      WorkGroupConfiguration:
        ResultConfiguration:
          OutputLocation: !Ref Results
"#),
            cfn_good("SSE-S3 encryption", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Analysts:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analysts
      WorkGroupConfiguration:
        ResultConfiguration:
          OutputLocation: s3://example-athena-results/
          EncryptionConfiguration:
            EncryptionOption: SSE_S3
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.aws.athena.workgroups {
        let v = &r.results_encrypted;
        if v.is_false() {
            report.add(&r.resource, &v.meta, "Query results are not encrypted");
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
