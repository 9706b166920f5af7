use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a DynamoDB table not encrypted with a customer managed KMS key: KMS encryption
    /// is off (`server_side_encryption.enabled`, `SSESpecification.SSEEnabled`; off by
    /// default, so the table is encrypted with a key AWS owns), or on without a key
    /// (`kms_key_arn`, `KMSMasterKeyId`), which is the AWS managed key `aws/dynamodb`.
    ///
    /// With a key AWS owns or manages, anyone allowed to read the table reads its data, and
    /// access to the key can be neither restricted, audited in CloudTrail nor revoked; a
    /// customer managed key's policy adds that second, separately controlled gate.
    pub static CHECK = {
        id: "aws-dynamodb-no-cmk",
        title: "DynamoDB table is not encrypted with a customer managed key",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "dynamodb",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-12", "SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_119", "AVD-AWS-0025", "aws-dynamodb-table-customer-key"],
        remediation: "Add `server_side_encryption { enabled = true, kms_key_arn = <customer managed key> }` (CloudFormation: `SSESpecification: {SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: …}`).",
        references: [
            "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html",
            "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_SSESpecification.html",
        ],
        examples: [
            tf_bad("KMS encryption with the AWS managed key, turned on through a variable", r#"
variable "sse" {
  default = true
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  server_side_encryption {
    enabled = var.sse
  }
}
"#),
            tf_good("A customer managed key", r#"
resource "aws_kms_key" "orders" {
  description         = "orders table"
  enable_key_rotation = true
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.orders.arn
  }
}
"#),
            cfn_bad("No SSE specification, the billing mode from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  BillingMode:
    Type: String
    Default: PAY_PER_REQUEST
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: !Ref BillingMode
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
"#),
            cfn_good("A customer managed key", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  OrdersKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
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
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
        KMSMasterKeyId: !GetAtt OrdersKey.Arn
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for t in &state.aws.dynamodb.tables {
        if t.sse_kms.is_false() {
            report.add(
                &t.resource,
                &t.sse_kms.meta,
                "The table is encrypted with a key AWS owns, not a customer managed key",
            );
            continue;
        }
        if !t.sse_kms.is_true() {
            continue;
        }
        let key = &t.customer_key;
        if key.is_false() {
            // Absent, the key's default points at the block; an explicit AWS managed alias
            // at itself.
            let at = if key.is_explicit() {
                &key.meta
            } else {
                &t.sse_kms.meta
            };
            report.add(
                &t.resource,
                at,
                "The table is encrypted with the AWS managed key, not a customer managed one",
            );
        } else if key.is_true() {
            report.pass(&t.resource);
        }
    }
}
