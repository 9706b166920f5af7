use crate::aws::iam::{EscalationActions, run_escalation};
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an IAM policy statement that allows `iam:CreateAccessKey`,
    /// `iam:CreateLoginProfile` or `iam:UpdateLoginProfile` on every user (`Resource: "*"`,
    /// `arn:aws:iam::*:user/*`; Terraform `policy`, CloudFormation `PolicyDocument`).
    ///
    /// Whoever holds it can create an access key or set a console password for any user,
    /// an administrator included, and sign in as that user. Self-service policies scope
    /// these actions to `arn:aws:iam::*:user/${aws:username}`, which passes.
    ///
    /// A statement reported by `aws-iam-policy-admin` (`*` on `*`) or
    /// `aws-iam-policy-allow-not-action` is left to it, so administrator access is reported
    /// once; a statement with a condition is not reported nor passed (the condition may
    /// narrow it). Actions are matched with IAM's wildcards (`iam:*`, `iam:Create*`) and
    /// `NotAction`.
    pub static CHECK = {
        id: "aws-iam-privesc-credentials",
        title: "IAM policy can create credentials for any user",
        severity: High,
        risk_score: 8.0,
        provider: Aws,
        service: "iam",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-6", "IA-5"],
            ISO_27001: ["A.5.15", "A.5.17"],
            SOC2: ["CC6.3"],
        },
        aliases: ["CKV_AWS_286", "CKV_AWS_287", "CKV_AWS_107", "CKV_AWS_110"],
        remediation: "Scope credential actions to the caller (`arn:aws:iam::*:user/${aws:username}`) or to the users an administrator role manages.",
        references: [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html",
            "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
        ],
        examples: [
            tf_bad("Access keys for every user, from a local", r#"
locals {
  key_actions = ["iam:CreateAccessKey", "iam:ListAccessKeys"]
}

resource "aws_iam_policy" "key_rotation" {
  name = "key-rotation"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = local.key_actions
      Resource = "arn:aws:iam::*:user/*"
    }]
  })
}
"#),
            tf_good("Self-service: each user manages their own keys", r#"
resource "aws_iam_policy" "own_keys" {
  name = "own-keys"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:CreateAccessKey", "iam:UpdateLoginProfile"]
      Resource = "arn:aws:iam::*:user/$${aws:username}"
    }]
  })
}
"#),
            cfn_bad("Login profiles for every user, in a role's inline policy", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ProfileActions:
    Type: CommaDelimitedList
    Default: "iam:CreateLoginProfile,iam:UpdateLoginProfile"
Resources:
  Helpdesk:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              Service: lambda.amazonaws.com
      Policies:
        - PolicyName: helpdesk
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: !Ref ProfileActions
                Resource: "*"
"#),
            cfn_good("Credential actions on the users of one path", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Helpdesk:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [iam:CreateLoginProfile, iam:UpdateLoginProfile]
            Resource: arn:aws:iam::111122223333:user/contractors/*
"#),
        ],
        run: run,
    }
}

const ACTIONS: EscalationActions = &[
    ("iam:CreateAccessKey", "user"),
    ("iam:CreateLoginProfile", "user"),
    ("iam:UpdateLoginProfile", "user"),
];

fn run(state: &State, report: &mut Report) {
    run_escalation(state, report, ACTIONS, |found| {
        format!(
            "Policy allows {} on every user: the holder can sign in as any user, an administrator included",
            found.join(", ")
        )
    });
}
