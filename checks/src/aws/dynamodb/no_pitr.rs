use crate::check::{cfn_bad, cfn_good, cfn_json_bad, cfn_json_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a table with point-in-time recovery off (the default).
    ///
    /// Without it, a bad write or delete can only be undone from on-demand backups, if
    /// there are any.
    pub static CHECK = {
        id: "aws-dynamodb-no-pitr",
        title: "DynamoDB point-in-time recovery is off",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "dynamodb",
        formats: [Terraform, CloudFormation],
        compliance: {
            NIST_800_53: ["CP-9", "CP-10"],
            ISO_27001: ["A.8.13"],
            SOC2: ["A1.2"],
        },
        aliases: ["CKV_AWS_28", "AVD-AWS-0024", "aws-dynamodb-enable-recovery", "cfn_nag:W78"],
        remediation: "Add `point_in_time_recovery { enabled = true }`. In CloudFormation: `PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}`.",
        references: ["https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html"],
        examples: [
            tf_bad("PITR from a local that turns it off", r#"
locals {
  backups = { enabled = false }
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = local.backups.enabled
  }
}
"#),
            tf_bad("PITR omitted", r#"
resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
"#),
            tf_good("PITR on", r#"
resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
}
"#),
            cfn_bad("PITR from a mapping that turns it off in the default environment", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Environment:
    Type: String
    Default: dev
Mappings:
  Backups:
    dev:
      Pitr: false
    prod:
      Pitr: true
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: !FindInMap [Backups, !Ref Environment, Pitr]
"#),
            cfn_bad("PITR omitted", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
"#),
            cfn_bad("A SAM SimpleTable has no point-in-time recovery", r#"
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Sessions:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey:
        Name: id
        Type: String
"#),
            cfn_good("PITR on", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: true
"#),
            cfn_json_bad("PITR off in production only when a condition says so, and it does by default", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {
    "Environment": { "Type": "String", "Default": "dev" }
  },
  "Conditions": {
    "IsProd": { "Fn::Equals": [{ "Ref": "Environment" }, "prod"] }
  },
  "Resources": {
    "Orders": {
      "Type": "AWS::DynamoDB::Table",
      "Properties": {
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{ "AttributeName": "id", "AttributeType": "S" }],
        "KeySchema": [{ "AttributeName": "id", "KeyType": "HASH" }],
        "PointInTimeRecoverySpecification": {
          "PointInTimeRecoveryEnabled": { "Fn::If": ["IsProd", true, false] }
        }
      }
    }
  }
}
"#),
            cfn_json_good("PITR on, in JSON", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Orders": {
      "Type": "AWS::DynamoDB::Table",
      "Properties": {
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{ "AttributeName": "id", "AttributeType": "S" }],
        "KeySchema": [{ "AttributeName": "id", "KeyType": "HASH" }],
        "PointInTimeRecoverySpecification": { "PointInTimeRecoveryEnabled": true }
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
    for t in &state.aws.dynamodb.tables {
        if t.point_in_time_recovery.is_false() {
            report.add(
                &t.resource,
                &t.point_in_time_recovery.meta,
                "Point-in-time recovery is off",
            );
        } else if t.point_in_time_recovery.is_true() {
            report.pass(&t.resource);
        }
    }
}
