use crate::check::{cfn_bad, cfn_good, cfn_json_bad, cfn_json_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Lambda permission that grants the `*` principal without a source ARN, source
    /// account or organisation condition.
    ///
    /// Anyone, in any account, can then invoke the function (and run up its bill or reach
    /// what it can reach).
    pub static CHECK = {
        id: "aws-lambda-public-permission",
        title: "Lambda function can be invoked by anyone",
        severity: Critical,
        risk_score: 9.0,
        provider: Aws,
        service: "lambda",
        formats: [Terraform, CloudFormation],
        compliance: {
            NIST_800_53: ["AC-3", "AC-6"],
            ISO_27001: ["A.5.15"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_301", "cfn_nag:F13"],
        remediation: "Grant the permission to the calling service or account and set `source_arn` (or `source_account` / `principal_org_id`). In CloudFormation: `SourceArn`, `SourceAccount` or `PrincipalOrgID`; a function URL that must not be public takes `AuthType: AWS_IAM`.",
        references: ["https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html"],
        examples: [
            tf_bad("The principal from a module input", r#"
module "hook" {
  source    = "./modules/hook"
  principal = "*"
}

# file: modules/hook/main.tf
variable "principal" {}

resource "aws_lambda_permission" "invoke" {
  statement_id  = "AllowInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "example"
  principal     = var.principal
}
"#),
            tf_bad("Invocable by everyone", r#"
resource "aws_lambda_permission" "public" {
  statement_id  = "AllowAll"
  action        = "lambda:InvokeFunction"
  function_name = "example"
  principal     = "*"
}
"#),
            tf_good("Only from one API", r#"
resource "aws_lambda_permission" "api" {
  statement_id  = "AllowApi"
  action        = "lambda:InvokeFunction"
  function_name = "example"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/*"
}
"#),
            cfn_bad("Invocable by everyone, the function joined by !GetAtt", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ExecutionRoleArn:
    Type: String
    Default: arn:aws:iam::123456789012:role/hook
Resources:
  Hook:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !Ref ExecutionRoleArn
      Code:
        ZipFile: |
          def handler(event, context):
              return {"statusCode": 200}
  HookInvoke:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !GetAtt Hook.Arn
      Principal: "*"
"#),
            cfn_bad("A SAM function URL without authentication", r#"
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Hook:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      FunctionUrlConfig:
        AuthType: NONE
"#),
            cfn_good("Only from one API, named in the source ARN", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ApiId:
    Type: String
    Default: abcdef1234
Resources:
  ApiInvoke:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: example
      Principal: apigateway.amazonaws.com
      SourceArn: !Sub "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ApiId}/*"
"#),
            cfn_json_bad("The principal from a parameter default, in JSON", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {
    "Caller": { "Type": "String", "Default": "*" }
  },
  "Resources": {
    "Invoke": {
      "Type": "AWS::Lambda::Permission",
      "Properties": {
        "Action": "lambda:InvokeFunction",
        "FunctionName": "example",
        "Principal": { "Ref": "Caller" }
      }
    }
  }
}
"#),
            cfn_json_good("Anyone in the organisation", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Invoke": {
      "Type": "AWS::Lambda::Permission",
      "Properties": {
        "Action": "lambda:InvokeFunction",
        "FunctionName": "example",
        "Principal": "*",
        "PrincipalOrgID": "o-abc123"
      }
    }
  }
}
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for p in &state.aws.lambda.permissions {
        let narrowed = || {
            p.source_arn.is_non_empty()
                || p.source_account.is_non_empty()
                || p.principal_org_id.is_non_empty()
        };
        if p.principal.is(|v| v == "*")
            && p.source_arn.is_empty_str()
            && p.source_account.is_empty_str()
            && p.principal_org_id.is_empty_str()
        {
            report.add(
                &p.resource,
                &p.principal.meta,
                "Permission lets any principal invoke the function",
            );
        } else if p.principal.is(|v| v != "*") || (p.principal.is(|v| v == "*") && narrowed()) {
            // A named principal, or anyone narrowed to a known source, account or organisation.
            report.pass(&p.resource);
        }
    }
}
