use crate::aws::iam::{EscalationActions, run_escalation};
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an IAM policy statement that allows `iam:UpdateAssumeRolePolicy` on every role
    /// (`Resource: "*"`, `arn:aws:iam::*:role/*`; Terraform `policy`, CloudFormation
    /// `PolicyDocument`).
    ///
    /// Whoever holds it can rewrite the trust policy of any role, an administrator's
    /// included, to trust themselves, then assume it.
    ///
    /// A statement reported by `aws-iam-policy-admin` (`*` on `*`) or
    /// `aws-iam-policy-allow-not-action` is left to it, so administrator access is reported
    /// once; a statement with a condition is not reported nor passed (the condition may
    /// narrow it). Actions are matched with IAM's wildcards (`iam:*`, `iam:Update*`) and
    /// `NotAction`.
    pub static CHECK = {
        id: "aws-iam-privesc-assume-role-policy",
        title: "IAM policy can change the trust policy of any role",
        severity: High,
        risk_score: 8.0,
        provider: Aws,
        service: "iam",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-6", "AC-3"],
            ISO_27001: ["A.5.15", "A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: ["CKV_AWS_286", "CKV_AWS_110", "AVD-AWS-0352"],
        remediation: "Allow `iam:UpdateAssumeRolePolicy` only on the roles the principal administers, by ARN or path.",
        references: [
            "https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html",
            "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
        ],
        examples: [
            tf_bad("iam:Update* on every role of the account, the account from a variable", r#"
variable "account_id" {
  default = "111122223333"
}

resource "aws_iam_role_policy" "trust_admin" {
  role = "platform"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:Update*", "iam:GetRole"]
      Resource = "arn:aws:iam::${var.account_id}:role/*"
    }]
  })
}
"#),
            tf_good("Trust policies of the roles under one path", r#"
resource "aws_iam_policy" "trust_admin" {
  name = "trust-admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:UpdateAssumeRolePolicy"
      Resource = "arn:aws:iam::111122223333:role/partners/*"
    }]
  })
}
"#),
            cfn_bad("UpdateAssumeRolePolicy on every resource", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  TrustAdmin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: iam:UpdateAssumeRolePolicy
            Resource: "*"
"#),
            cfn_good("A role named by a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  PartnerRoleArn:
    Type: String
    Default: arn:aws:iam::111122223333:role/partner-access
Resources:
  TrustAdmin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: iam:UpdateAssumeRolePolicy
            Resource: !Ref PartnerRoleArn
"#),
        ],
        run: run,
    }
}

const ACTIONS: EscalationActions = &[("iam:UpdateAssumeRolePolicy", "role")];

fn run(state: &State, report: &mut Report) {
    run_escalation(state, report, ACTIONS, |_| {
        "Policy allows iam:UpdateAssumeRolePolicy on every role: the holder can make any role, an administrator's included, trust them".to_string()
    });
}
