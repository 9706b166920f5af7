use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Lambda function whose X-Ray tracing mode is `PassThrough` (the default) rather than
    /// `Active`.
    ///
    /// Without traces, an unusual call chain (a function suddenly calling IAM or an unknown host)
    /// leaves no record, and incidents are hard to reconstruct.
    pub static CHECK = {
        id: "aws-lambda-no-tracing",
        title: "Lambda function does not use X-Ray tracing",
        severity: Low,
        risk_score: 2.0,
        provider: Aws,
        service: "lambda",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-12", "SI-4"],
            ISO_27001: ["A.8.15", "A.8.16"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_50", "AVD-AWS-0066", "aws-lambda-enable-tracing"],
        remediation: "Set `tracing_config { mode = \"Active\" }` (CloudFormation: `TracingConfig: {Mode: Active}`).",
        references: ["https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html"],
        examples: [
            tf_bad("PassThrough through a variable's default", r#"
variable "tracing" {
  default = "PassThrough"
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  handler       = "index.handler"
  filename      = "api.zip"
  runtime       = "python3.13"

  tracing_config {
    mode = var.tracing
  }
}
"#),
            tf_good("Active tracing", r#"
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
            cfn_bad("PassThrough through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Tracing:
    Type: String
    Default: PassThrough
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
        Mode: !Ref Tracing
"#),
            cfn_good("Active tracing", r#"
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
        let v = &f.tracing_mode;
        match v.as_str() {
            Some(m) if m.eq_ignore_ascii_case("Active") => report.pass(&f.resource),
            Some(_) => report.add(&f.resource, &v.meta, "X-Ray tracing is not active"),
            None => {}
        }
    }
}
