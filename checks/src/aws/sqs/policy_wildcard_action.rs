use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::aws::iam::Statement;

/// The actions that grant every SQS action.
fn is_wildcard(action: &str) -> bool {
    action == "*" || action.eq_ignore_ascii_case("sqs:*")
}

/// True when `st` is known to grant no wildcard action: not an Allow, or an Allow whose
/// actions are all known, none a wildcard, and without `NotAction`.
fn known_no_wildcard(st: &Statement) -> bool {
    st.effect.known().is_some()
        && (!st.is_allow()
            || (st.not_actions.is_empty()
                && st
                    .actions
                    .iter()
                    .all(|a| a.known().is_some_and(|v| !is_wildcard(v)))))
}

declare_check! {
    /// Flags an SQS queue policy statement that allows every action (`sqs:*` or `*`) to its
    /// principals. The policy is the `policy` attribute of `aws_sqs_queue` or an
    /// `aws_sqs_queue_policy` naming the queue (`PolicyDocument` of an
    /// `AWS::SQS::QueuePolicy` listing it in `Queues`).
    ///
    /// Whoever the statement names can then not only send or receive, but also purge and
    /// delete the queue, change its attributes and rewrite its policy, granting themselves or
    /// others more. Producers need `sqs:SendMessage`, consumers `sqs:ReceiveMessage`,
    /// `sqs:DeleteMessage` and `sqs:GetQueueAttributes`. A policy that cannot be evaluated
    /// is not flagged.
    pub static CHECK = {
        id: "aws-sqs-policy-wildcard-action",
        title: "SQS queue policy allows every action",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "sqs",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-6"],
            ISO_27001: ["A.5.15", "A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: [
            "CKV_AWS_72", "AVD-AWS-0097", "aws-sqs-no-wildcards-in-policy-documents", "cfn_nag:F20",
        ],
        remediation: "List the actions each principal needs (`sqs:SendMessage` for producers; `sqs:ReceiveMessage`, `sqs:DeleteMessage`, `sqs:GetQueueAttributes` for consumers) instead of `sqs:*`.",
        references: ["https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-least-privilege-policy.html"],
        examples: [
            tf_bad("Every action to another account, named by a variable", r#"
variable "consumer_account" {
  default = "210987654321"
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
      Principal = { AWS = "arn:aws:iam::${var.consumer_account}:root" }
      Action    = "sqs:*"
      Resource  = aws_sqs_queue.jobs.arn
    }]
  })
}
"#),
            tf_good("Only the consumer's actions", r#"
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::210987654321:root" }
      Action    = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
      Resource  = aws_sqs_queue.jobs.arn
    }]
  })
}
"#),
            cfn_bad("Every action to a role of the account", r#"
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
              AWS: arn:aws:iam::123456789012:role/worker
            Action: "*"
            Resource: !GetAtt Jobs.Arn
"#),
            cfn_good("A Deny of every action over plain HTTP is not a grant", r#"
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
          - Effect: Deny
            Principal: "*"
            Action: sqs:*
            Resource: !GetAtt Jobs.Arn
            Condition:
              Bool:
                aws:SecureTransport: "false"
          - Effect: Allow
            Principal:
              Service: sns.amazonaws.com
            Action: sqs:SendMessage
            Resource: !GetAtt Jobs.Arn
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for q in &state.aws.sqs.queues {
        let mut failed = false;
        for policy in q.policies.iter().filter_map(|p| p.known()) {
            for st in policy.statements.iter().filter(|s| s.is_allow()) {
                if let Some(a) = st.actions.iter().find(|a| a.is(|v| is_wildcard(v))) {
                    failed = true;
                    report.add(
                        &q.resource,
                        &a.meta,
                        format!(
                            "Queue policy allows every SQS action ({}) to its principals",
                            a.as_str().unwrap_or("*")
                        ),
                    );
                }
            }
        }
        let decided = q
            .policies
            .iter()
            .all(|p| p.is(|doc| doc.statements.iter().all(known_no_wildcard)));
        if !failed && decided {
            report.pass(&q.resource);
        }
    }
}
