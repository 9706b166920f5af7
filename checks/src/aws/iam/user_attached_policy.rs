use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::{Meta, State};

declare_check! {
    /// Flags a policy attached directly to an IAM user, inline or managed.
    ///
    /// Permissions granted user by user drift apart and are forgotten when people change
    /// roles; grant them through groups or roles instead.
    pub static CHECK = {
        id: "aws-iam-user-attached-policy",
        title: "IAM policy attached directly to a user",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "iam",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["1.15"],
            NIST_800_53: ["AC-2", "AC-6"],
            ISO_27001: ["A.5.18"],
            SOC2: ["CC6.2"],
        },
        aliases: [
            "CKV_AWS_40", "AVD-AWS-0143", "aws-iam-no-user-attached-policies", "cfn_nag:F12",
            "cfn_nag:F10", "cfn_nag:F11",
        ],
        remediation: "Attach the policy to a group and add the user to it, or let the user assume a role.",
        references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions"],
        examples: [
            tf_bad("A managed policy attached to a user", r#"
resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_policy_attachment" "alice" {
  user       = aws_iam_user.alice.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
"#),
            tf_good("The policy attached to a group", r#"
resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_group" "readers" {
  name = "readers"
}

resource "aws_iam_group_membership" "readers" {
  name  = "readers"
  group = aws_iam_group.readers.name
  users = [aws_iam_user.alice.name]
}

resource "aws_iam_group_policy_attachment" "readers" {
  group      = aws_iam_group.readers.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
"#),
            cfn_bad("A managed policy attached to a user", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Alice:
    Type: AWS::IAM::User
    Properties:
      UserName: alice
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
"#),
            cfn_bad("A policy joined to its user by !Ref", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Alice:
    Type: AWS::IAM::User
    Properties:
      UserName: alice
  AliceReports:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: reports
      Users: [!Ref Alice]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: arn:aws:s3:::example-reports/*
"#),
            cfn_good("The policy attached to a group the user joins", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Readers:
    Type: AWS::IAM::Group
    Properties:
      GroupName: readers
      ManagedPolicyArns:
        - !Sub "arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess"
  Alice:
    Type: AWS::IAM::User
    Properties:
      UserName: alice
      Groups: [!Ref Readers]
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for user in &state.aws.iam.users {
        let who = user.name.as_str().unwrap_or(&user.resource.address);
        for p in &user.inline_policies {
            report.add(
                &p.resource,
                &Meta::explicit(p.resource.origin.clone()),
                format!("Inline policy is attached directly to user {who}"),
            );
        }
        for a in &user.attached_policies {
            let arn = a.policy_arn.as_str().unwrap_or("a managed policy");
            report.add(
                &a.resource,
                &Meta::explicit(a.resource.origin.clone()),
                format!("{arn} is attached directly to user {who}"),
            );
        }
        // The findings are on the policies and attachments; a user with none passes.
        if user.inline_policies.is_empty() && user.attached_policies.is_empty() {
            report.pass(&user.resource);
        }
    }
}
