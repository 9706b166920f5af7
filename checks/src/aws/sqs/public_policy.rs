use crate::aws::resource_policy;
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an SQS queue whose access policy has an Allow statement for `Principal: "*"`
    /// (or `{"AWS": "*"}`, or everyone but a `NotPrincipal` list) without a condition that
    /// narrows who can use it (`aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID`,
    /// `aws:PrincipalAccount`, `aws:SourceVpc`, `aws:SourceVpce`, `aws:SourceIp`). The policy
    /// is the `policy` attribute of `aws_sqs_queue` or an `aws_sqs_queue_policy` naming the
    /// queue (`PolicyDocument` of an `AWS::SQS::QueuePolicy` listing it in `Queues`).
    ///
    /// Anyone with an AWS account can then send messages to the queue (injecting work for
    /// its consumers), read and delete them, or purge it, depending on the actions granted.
    /// A queue without a policy is usable only by its own account. A policy that cannot be
    /// evaluated is not flagged.
    pub static CHECK = {
        id: "aws-sqs-public-policy",
        title: "SQS queue policy allows anyone",
        severity: Critical,
        risk_score: 9.0,
        provider: Aws,
        service: "sqs",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "AC-6"],
            ISO_27001: ["A.5.15", "A.8.3"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_168", "CKV_AWS_387", "cfn_nag:F21"],
        remediation: "Name the principals that need the queue, or keep `\"*\"` only with a condition such as `aws:SourceArn` (the SNS topic or S3 bucket that sends to it) or `aws:PrincipalOrgID`.",
        references: ["https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html"],
        examples: [
            tf_bad("A queue policy grants every action to everyone, its principal from a variable", r#"
variable "principal" {
  default = "*"
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.principal }
      Action    = "sqs:*"
      Resource  = aws_sqs_queue.jobs.arn
    }]
  })
}
"#),
            tf_bad("An inline policy lets anyone send messages", r#"
resource "aws_sqs_queue" "jobs" {
  name   = "jobs"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": "*",
    "Action": "sqs:SendMessage",
    "Resource": "arn:aws:sqs:eu-west-1:123456789012:jobs"
  }]
}
POLICY
}
"#),
            tf_good("Anyone, but only on behalf of one SNS topic", r#"
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

data "aws_iam_policy_document" "from_topic" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.jobs.arn]
    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }
  }
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.jobs.arn]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = ["arn:aws:sns:eu-west-1:123456789012:events"]
    }
  }
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.url
  policy    = data.aws_iam_policy_document.from_topic.json
}
"#),
            tf_good("A principal from a variable without a value is not guessed", r#"
variable "principal" {}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.principal }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.jobs.arn
    }]
  })
}
"#),
            tf_bad("A condition that matches every source ARN narrows nothing", r#"
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

data "aws_iam_policy_document" "any_source" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.jobs.arn]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["*"]
    }
  }
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.url
  policy    = data.aws_iam_policy_document.any_source.json
}
"#),
            tf_good("A queue without a policy", r#"
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
"#),
            cfn_bad("A queue policy lists the queue by !Ref and grants everyone", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  JobsPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues:
        - !Ref Jobs
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: "*"
            Action:
              - sqs:SendMessage
              - sqs:ReceiveMessage
            Resource: !GetAtt Jobs.Arn
"#),
            cfn_bad("Everyone outside the organisation: a negated condition narrows nothing", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  JobsPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues:
        - !Ref Jobs
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: sqs:SendMessage
            Resource: !GetAtt Jobs.Arn
            Condition:
              StringNotEquals:
                aws:PrincipalOrgID: o-abc123
"#),
            cfn_good("Anyone in the organisation named by a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  OrgId:
    Type: String
    Default: o-abc123
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  JobsPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues:
        - !Ref Jobs
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: sqs:SendMessage
            Resource: !GetAtt Jobs.Arn
            Condition:
              StringEquals:
                aws:PrincipalOrgID: !Ref OrgId
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for q in &state.aws.sqs.queues {
        resource_policy::check(report, &q.resource, &q.policies, &[], "Queue policy");
    }
}
