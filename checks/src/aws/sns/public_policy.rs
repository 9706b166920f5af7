use crate::aws::resource_policy;
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

/// SNS's own key for the account that owns the source of a request; the default topic
/// policy narrows its wildcard principal with it.
pub(crate) const SNS_NARROWING_KEYS: [&str; 1] = ["aws:sourceowner"];

declare_check! {
    /// Flags an SNS topic whose access policy has an Allow statement for `Principal: "*"`
    /// (or `{"AWS": "*"}`, or everyone but a `NotPrincipal` list) without a condition that
    /// narrows who can use it (`aws:SourceArn`, `aws:SourceAccount`, `AWS:SourceOwner`,
    /// `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceVpc`, `aws:SourceVpce`,
    /// `aws:SourceIp`). The policy is the `policy` attribute of `aws_sns_topic` or an
    /// `aws_sns_topic_policy` naming the topic (`PolicyDocument` of an `AWS::SNS::TopicPolicy`
    /// listing it in `Topics`, or of an `AWS::SNS::TopicInlinePolicy`).
    ///
    /// Anyone with an AWS account can then publish to the topic (messages its subscribers
    /// trust), subscribe an endpoint of their own to read every message, or change the
    /// topic, depending on the actions granted. A topic without a policy gets SNS's default
    /// policy, which admits only the owner account. A policy that cannot be evaluated is not
    /// flagged.
    pub static CHECK = {
        id: "aws-sns-public-policy",
        title: "SNS topic policy allows anyone",
        severity: Critical,
        risk_score: 9.0,
        provider: Aws,
        service: "sns",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "AC-6"],
            ISO_27001: ["A.5.15", "A.8.3"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_169", "cfn_nag:F18"],
        remediation: "Name the principals or services that publish, and keep `\"*\"` only with a condition such as `aws:SourceArn`, `aws:SourceAccount` or `aws:PrincipalOrgID`.",
        references: [
            "https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html",
            "https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html",
        ],
        examples: [
            tf_bad("A topic policy lets anyone publish and subscribe", r#"
resource "aws_sns_topic" "alerts" {
  name = "alerts"
}

resource "aws_sns_topic_policy" "alerts" {
  arn = aws_sns_topic.alerts.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["SNS:Publish", "SNS:Subscribe"]
      Resource  = aws_sns_topic.alerts.arn
    }]
  })
}
"#),
            tf_good("The default-style policy narrowed to the owner account by a variable", r#"
variable "account_id" {
  default = "123456789012"
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["SNS:Publish", "SNS:Subscribe"]
      Resource  = "arn:aws:sns:eu-west-1:${var.account_id}:alerts"
      Condition = {
        StringEquals = { "AWS:SourceOwner" = var.account_id }
      }
    }]
  })
}
"#),
            cfn_bad("A topic policy lists the topic by !Ref and lets anyone publish", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Alerts:
    Type: AWS::SNS::Topic
  AlertsPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics:
        - !Ref Alerts
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: sns:Publish
            Resource: !Ref Alerts
"#),
            cfn_good("Only EventBridge rules of this account publish", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Alerts:
    Type: AWS::SNS::Topic
  AlertsPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics:
        - !Ref Alerts
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: events.amazonaws.com
            Action: sns:Publish
            Resource: !Ref Alerts
            Condition:
              StringEquals:
                aws:SourceAccount: "123456789012"
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for t in &state.aws.sns.topics {
        resource_policy::check(
            report,
            &t.resource,
            &t.policies,
            &SNS_NARROWING_KEYS,
            "Topic policy",
        );
    }
}
