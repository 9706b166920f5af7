use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Lambda function that declares environment variables (Terraform
    /// `environment { variables = … }`, CloudFormation `Environment.Variables`) without a
    /// customer managed KMS key (`kms_key_arn`, CloudFormation `KmsKeyArn`).
    ///
    /// Without a key of its own, Lambda encrypts the variables with the AWS managed key
    /// `aws/lambda`, whose use you cannot restrict or audit separately: anyone allowed
    /// `lambda:GetFunctionConfiguration` reads them in clear. Variables often carry
    /// connection strings and tokens; a customer managed key lets its key policy decide who
    /// may decrypt them. A function without variables has nothing to encrypt and passes; a
    /// key computed at apply (a key resource's ARN) counts as set.
    pub static CHECK = {
        id: "aws-lambda-env-no-cmk",
        title: "Lambda environment variables not encrypted with a customer managed key",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "lambda",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-28", "SC-12"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_173"],
        remediation: "Set `kms_key_arn` (CloudFormation: `KmsKeyArn`) to a customer managed key, and keep secrets in Secrets Manager rather than in variables.",
        references: ["https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html"],
        examples: [
            tf_bad("Variables from a local, no key", r#"
locals {
  settings = {
    TABLE_NAME = "orders"
  }
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  handler       = "index.handler"
  filename      = "api.zip"
  runtime       = "python3.13"

  environment {
    variables = local.settings
  }
}
"#),
            tf_good("Variables encrypted with the application's key", r#"
resource "aws_kms_key" "app" {
  enable_key_rotation = true
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  handler       = "index.handler"
  filename      = "api.zip"
  runtime       = "python3.13"
  kms_key_arn   = aws_kms_key.app.arn

  environment {
    variables = {
      TABLE_NAME = "orders"
    }
  }
}
"#),
            tf_good("A function without variables", r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  handler       = "index.handler"
  filename      = "api.zip"
  runtime       = "python3.13"
}
"#),
            cfn_bad("Variables, no key", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  TableName:
    Type: String
    Default: orders
Resources:
  Api:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/api
      Runtime: python3.13
      Code:
        S3Bucket: artifacts
        S3Key: api.zip
      Environment:
        Variables:
          TABLE_NAME: !Ref TableName
"#),
            cfn_good("Variables encrypted with a key of the stack", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Api:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/api
      Runtime: python3.13
      KmsKeyArn: !GetAtt Key.Arn
      Code:
        S3Bucket: artifacts
        S3Key: api.zip
      Environment:
        Variables:
          TABLE_NAME: orders
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for f in &state.aws.lambda.functions {
        if f.has_environment_variables.is_false() {
            report.pass(&f.resource);
        } else if f.has_environment_variables.is_true() {
            if f.kms_key_set.is_false() {
                report.add(
                    &f.resource,
                    &f.kms_key_set.meta,
                    "Environment variables are encrypted with the AWS managed key aws/lambda, not a customer managed key",
                );
            } else if f.kms_key_set.is_true() {
                report.pass(&f.resource);
            }
        }
    }
}
