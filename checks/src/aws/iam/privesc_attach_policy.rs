use crate::aws::iam::{EscalationActions, run_escalation};
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an IAM policy statement that allows attaching or writing policies on every
    /// user, role or group: `iam:AttachUserPolicy`, `iam:AttachRolePolicy`,
    /// `iam:AttachGroupPolicy`, `iam:PutUserPolicy`, `iam:PutRolePolicy` or
    /// `iam:PutGroupPolicy` on `Resource: "*"` or every principal of its kind
    /// (`arn:aws:iam::*:role/*`; Terraform `policy`, CloudFormation `PolicyDocument`).
    ///
    /// Whoever holds it can attach `AdministratorAccess` (or write an inline `*` policy) to
    /// themselves or to a principal they control: administrator access one call away.
    ///
    /// A statement reported by `aws-iam-policy-admin` (`*` on `*`) or
    /// `aws-iam-policy-allow-not-action` is left to it, so administrator access is reported
    /// once; a statement with a condition (`iam:PolicyARN`, `iam:PermissionsBoundary`, …) is
    /// not reported nor passed: the condition may narrow it. Actions are matched with IAM's
    /// wildcards (`iam:*`, `iam:Put*`, `iam:Attach*`) and `NotAction`.
    pub static CHECK = {
        id: "aws-iam-privesc-attach-policy",
        title: "IAM policy can attach or write policies on any principal",
        severity: High,
        risk_score: 8.5,
        provider: Aws,
        service: "iam",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-6", "AC-2"],
            ISO_27001: ["A.5.15", "A.5.18", "A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: [
            "CKV_AWS_286", "CKV_AWS_289", "CKV_AWS_109", "CKV_AWS_110", "AVD-AWS-0349",
            "AVD-AWS-0351",
        ],
        remediation: "Scope policy-management actions to named principals, and restrict the policies that may be attached with an `iam:PolicyARN` condition or a permissions boundary.",
        references: [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
            "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
        ],
        examples: [
            tf_bad("iam:Put* and iam:Attach* on every resource, in a document data source", r#"
data "aws_iam_policy_document" "iam_admin" {
  statement {
    actions   = ["iam:Attach*", "iam:Put*", "iam:List*"]
    resources = ["*"]
  }
}

resource "aws_iam_group_policy" "iam_admin" {
  group  = "platform"
  policy = data.aws_iam_policy_document.iam_admin.json
}
"#),
            tf_good("Read-only IAM on every resource", r#"
data "aws_iam_policy_document" "iam_read" {
  statement {
    actions   = ["iam:Get*", "iam:List*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "iam_read" {
  name   = "iam-read"
  policy = data.aws_iam_policy_document.iam_read.json
}
"#),
            cfn_bad("AttachRolePolicy on every role, the resource chosen by a condition", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Environment:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Resources:
  RoleAdmin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [iam:AttachRolePolicy, iam:DetachRolePolicy]
            Resource: !If [IsProd, "arn:aws:iam::111122223333:role/app-*", "arn:aws:iam::111122223333:role/*"]
"#),
            cfn_good("Attaching policies limited to one managed policy", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  RoleAdmin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: iam:AttachRolePolicy
            Resource: arn:aws:iam::111122223333:role/app-*
"#),
        ],
        run: run,
    }
}

const ACTIONS: EscalationActions = &[
    ("iam:AttachUserPolicy", "user"),
    ("iam:AttachRolePolicy", "role"),
    ("iam:AttachGroupPolicy", "group"),
    ("iam:PutUserPolicy", "user"),
    ("iam:PutRolePolicy", "role"),
    ("iam:PutGroupPolicy", "group"),
];

fn run(state: &State, report: &mut Report) {
    run_escalation(state, report, ACTIONS, |found| {
        format!(
            "Policy allows {} on every principal of its kind: the holder can grant themselves administrator access",
            found.join(", ")
        )
    });
}
