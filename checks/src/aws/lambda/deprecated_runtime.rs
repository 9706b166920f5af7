use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::aws::lambda::DEPRECATED_RUNTIMES;

declare_check! {
    /// Flags a Lambda function whose runtime Lambda no longer supports (`python3.8`, `nodejs16.x`,
    /// `go1.x`, `java8`, … as of December 2026; the list is `DEPRECATED_RUNTIMES` in the model). A
    /// container image function has no runtime and is not judged.
    ///
    /// A deprecated runtime gets no security patches for the language, its standard library or the
    /// operating system beneath, and functions on it can no longer be updated.
    pub static CHECK = {
        id: "aws-lambda-deprecated-runtime",
        title: "Lambda function runs on a deprecated runtime",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "lambda",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SI-2", "SA-22"],
            ISO_27001: ["A.8.8"],
            SOC2: ["CC7.1"],
        },
        aliases: ["CKV_AWS_363"],
        remediation: "Move the function to a supported runtime (`python3.13`, `nodejs22.x`, `java21`, …) and test it there.",
        references: ["https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtimes-deprecated"],
        examples: [
            tf_bad("Python 3.8 through a variable's default", r#"
variable "runtime" {
  default = "python3.8"
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  handler       = "index.handler"
  filename      = "api.zip"
  runtime       = var.runtime

  tracing_config {
    mode = "Active"
  }
}
"#),
            tf_good("Python 3.13", r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  handler       = "index.handler"
  filename      = "api.zip"
  runtime       = "python3.13"

  tracing_config {
    mode = "Active"
  }
}
"#),
            cfn_bad("Node.js 16 through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Runtime:
    Type: String
    Default: nodejs16.x
Resources:
  Api:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/api
      Code:
        S3Bucket: artifacts
        S3Key: api.zip
      Runtime: !Ref Runtime
      TracingConfig:
        Mode: Active
"#),
            cfn_good("Node.js 22", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Api:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/api
      Code:
        S3Bucket: artifacts
        S3Key: api.zip
      Runtime: nodejs22.x
      TracingConfig:
        Mode: Active
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for f in &state.aws.lambda.functions {
        match f.runtime.known() {
            Some(Some(rt))
                if DEPRECATED_RUNTIMES
                    .iter()
                    .any(|d| rt.eq_ignore_ascii_case(d)) =>
            {
                report.add(
                    &f.resource,
                    &f.runtime.meta,
                    format!("The runtime `{rt}` is deprecated"),
                );
            }
            Some(Some(_)) => report.pass(&f.resource),
            _ => {}
        }
    }
}
