use crate::aws::iam::{EscalationActions, run_escalation};
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an IAM policy statement that allows `iam:CreatePolicyVersion` or
    /// `iam:SetDefaultPolicyVersion` on every managed policy (`Resource: "*"`,
    /// `arn:aws:iam::*:policy/*`; Terraform `policy`, CloudFormation `PolicyDocument`).
    ///
    /// Whoever holds it can publish a new default version of any customer managed policy,
    /// including one attached to themselves, that allows `*` on `*`; or make an older, broader
    /// version the default again.
    ///
    /// A statement reported by `aws-iam-policy-admin` (`*` on `*`) or
    /// `aws-iam-policy-allow-not-action` is left to it, so administrator access is reported
    /// once; a statement with a condition is not reported nor passed (the condition may
    /// narrow it). Actions are matched with IAM's wildcards (`iam:*`, `iam:*PolicyVersion`)
    /// and `NotAction`.
    pub static CHECK = {
        id: "aws-iam-privesc-policy-version",
        title: "IAM policy can rewrite any managed policy",
        severity: High,
        risk_score: 8.0,
        provider: Aws,
        service: "iam",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-6", "CM-5"],
            ISO_27001: ["A.5.15", "A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: ["CKV_AWS_286", "CKV_AWS_110", "AVD-AWS-0347"],
        remediation: "Allow policy versions only on the policies the principal owns, by ARN, and keep the deployment pipeline as the only writer of managed policies.",
        references: [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html",
            "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
        ],
        examples: [
            tf_bad("Policy versions of every policy, the actions from a variable", r#"
variable "policy_actions" {
  default = ["iam:CreatePolicyVersion", "iam:DeletePolicyVersion"]
}

resource "aws_iam_policy" "policy_admin" {
  name = "policy-admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = var.policy_actions
      Resource = "arn:aws:iam::*:policy/*"
    }]
  })
}
"#),
            tf_good("Versions of the application's own policies", r#"
resource "aws_iam_policy" "policy_admin" {
  name = "policy-admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"]
      Resource = "arn:aws:iam::111122223333:policy/app/*"
    }]
  })
}
"#),
            cfn_bad("SetDefaultPolicyVersion through a wildcard on every resource", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  PolicyAdmin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: iam:*PolicyVersion
            Resource: "*"
"#),
            cfn_good("A Deny guard rail on policy versions", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Effect:
    Type: String
    Default: Deny
Resources:
  Guard:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: !Ref Effect
            Action: [iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion]
            Resource: "*"
"#),
        ],
        run: run,
    }
}

const ACTIONS: EscalationActions = &[
    ("iam:CreatePolicyVersion", "policy"),
    ("iam:SetDefaultPolicyVersion", "policy"),
];

fn run(state: &State, report: &mut Report) {
    run_escalation(state, report, ACTIONS, |found| {
        format!(
            "Policy allows {} on every managed policy: the holder can give any policy, their own included, administrator access",
            found.join(", ")
        )
    });
}
