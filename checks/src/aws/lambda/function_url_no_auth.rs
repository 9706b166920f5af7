use crate::check::{Fix, Format, cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Lambda function URL whose authorization type is `NONE`
    /// (`aws_lambda_function_url` `authorization_type`, CloudFormation `AWS::Lambda::Url`
    /// `AuthType`).
    ///
    /// Lambda then lets anyone on the internet call the URL, without signing the request:
    /// the function must authenticate every caller itself, and anyone can run up its bill.
    /// With `AWS_IAM`, only principals allowed `lambda:InvokeFunctionUrl` can call it. A
    /// URL that must be public (a webhook) should check the caller's signature in the
    /// function; suppress the finding with that reason. The resource-based permission a
    /// public URL also needs is reported by `aws-lambda-public-permission`; SAM's
    /// `FunctionUrlConfig` creates no `AWS::Lambda::Url` this check sees, and that check
    /// reports its public permission.
    pub static CHECK = {
        id: "aws-lambda-function-url-no-auth",
        title: "Lambda function URL allows unauthenticated calls",
        severity: High,
        risk_score: 7.0,
        provider: Aws,
        service: "lambda",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "IA-2"],
            ISO_27001: ["A.5.15", "A.8.5"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_258"],
        remediation: "Set `authorization_type = \"AWS_IAM\"` (CloudFormation: `AuthType: AWS_IAM`) and sign requests, or put the function behind API Gateway with an authorizer.",
        references: ["https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"],
        examples: [
            tf_bad("No authorization, through a variable's default", r#"
variable "url_auth" {
  default = "NONE"
}

resource "aws_lambda_function_url" "api" {
  function_name      = "api"
  authorization_type = var.url_auth
}
"#),
            tf_good("IAM authorization", r#"
resource "aws_lambda_function_url" "api" {
  function_name      = "api"
  authorization_type = "AWS_IAM"
}
"#),
            cfn_bad("No authorization", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  ApiUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: arn:aws:lambda:eu-west-1:111122223333:function:api
      AuthType: NONE
"#),
            cfn_good("IAM authorization, chosen by a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  UrlAuth:
    Type: String
    Default: AWS_IAM
Resources:
  ApiUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: arn:aws:lambda:eu-west-1:111122223333:function:api
      AuthType: !Ref UrlAuth
"#),
        ],
        fixes: [
            Fix::set(Format::Terraform, &["authorization_type"], "AWS_IAM"),
            Fix::set(Format::CloudFormation, &["AuthType"], "AWS_IAM"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for url in &state.aws.lambda.function_urls {
        if url.auth_type.eq_ignore_case("NONE") {
            report.add(
                &url.resource,
                &url.auth_type.meta,
                "Function URL has authorization type NONE: anyone can call it without signing the request",
            );
        } else if url.auth_type.eq_ignore_case("AWS_IAM") {
            report.pass(&url.resource);
        }
    }
}
