use crate::aws::iam::{EscalationActions, escalation};
use crate::aws::{Verdict, Verdicts};
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::aws::iam::Statement;

declare_check! {
    /// Flags an IAM policy that allows `iam:PassRole` on every role (`Resource: "*"`,
    /// `arn:aws:iam::*:role/*`) together with an action that starts compute running under a
    /// role: `ec2:RunInstances`, `lambda:CreateFunction`, `cloudformation:CreateStack`,
    /// `glue:CreateDevEndpoint`, `ecs:RunTask`, `codebuild:CreateProject`,
    /// `sagemaker:CreateNotebookInstance`, … (in the same policy document; Terraform
    /// `policy`, CloudFormation `PolicyDocument`).
    ///
    /// Whoever holds the policy can start an instance, function or stack with any role of
    /// the account, an administrator's included, and act with that role's permissions: a
    /// classic privilege escalation. Scope `iam:PassRole` to the roles the workload needs.
    ///
    /// A statement reported by `aws-iam-policy-admin` (`*` on `*`) or
    /// `aws-iam-policy-allow-not-action` is left to it, so administrator access is reported
    /// once. An `iam:PassRole` statement with a condition (`iam:PassedToService`, …) is not
    /// reported nor passed: the condition may narrow it. Actions are matched with IAM's
    /// wildcards (`iam:*`, `iam:Pass*`) and `NotAction`.
    pub static CHECK = {
        id: "aws-iam-privesc-passrole",
        title: "IAM policy can pass any role to new compute",
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
        aliases: ["CKV_AWS_286", "CKV_AWS_110", "AVD-AWS-0348", "AVD-AWS-0350"],
        remediation: "Limit `iam:PassRole` to the ARNs of the roles the workload must pass (and add an `iam:PassedToService` condition).",
        references: [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
            "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
        ],
        examples: [
            tf_bad("PassRole on every role with RunInstances, in a policy document data source", r#"
data "aws_iam_policy_document" "launcher" {
  statement {
    actions   = ["ec2:RunInstances", "ec2:Describe*"]
    resources = ["*"]
  }
  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "launcher" {
  name   = "launcher"
  policy = data.aws_iam_policy_document.launcher.json
}
"#),
            tf_good("PassRole scoped to one role", r#"
variable "worker_role_arn" {
  default = "arn:aws:iam::111122223333:role/worker"
}

resource "aws_iam_policy" "launcher" {
  name = "launcher"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["lambda:CreateFunction"], Resource = "*" },
      { Effect = "Allow", Action = "iam:PassRole", Resource = var.worker_role_arn },
    ]
  })
}
"#),
            cfn_bad("iam:Pass* on every role of the account and CreateStack", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AccountId:
    Type: String
    Default: "111122223333"
Resources:
  Deployer:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: cloudformation:CreateStack
            Resource: "*"
          - Effect: Allow
            Action: iam:Pass*
            Resource: !Join ["", ["arn:aws:iam::", !Ref AccountId, ":role/*"]]
"#),
            cfn_good("PassRole on every role without any compute action", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [iam:PassRole, iam:GetRole]
            Resource: "*"
"#),
        ],
        run: run,
    }
}

/// `iam:PassRole` on every role.
const PASS_ROLE: EscalationActions = &[("iam:PassRole", "role")];

/// Actions that start compute (or a stack creating it) running under a passed role.
const COMPUTE: [&str; 16] = [
    "ec2:RunInstances",
    "ec2:RequestSpotInstances",
    "autoscaling:CreateLaunchConfiguration",
    "lambda:CreateFunction",
    "lambda:UpdateFunctionConfiguration",
    "cloudformation:CreateStack",
    "cloudformation:UpdateStack",
    "glue:CreateDevEndpoint",
    "glue:CreateJob",
    "ecs:RunTask",
    "ecs:StartTask",
    "codebuild:CreateProject",
    "sagemaker:CreateNotebookInstance",
    "sagemaker:CreateTrainingJob",
    "datapipeline:CreatePipeline",
    "states:CreateStateMachine",
];

/// The compute actions `doc`'s Allow statements grant (on any resource), and whether an
/// Unknown action or effect could grant more.
fn compute_actions(statements: &[Statement]) -> (Vec<&'static str>, bool) {
    let mut found = Vec::new();
    let mut undecided = false;
    for st in statements {
        if crate::aws::iam::known_not_allow(st) {
            continue;
        }
        if !st.is_allow() || st.incomplete {
            undecided = true;
            continue;
        }
        for action in COMPUTE {
            match st.covers_action(action) {
                Some(true) if !found.contains(&action) => found.push(action),
                Some(_) => {}
                None => undecided = true,
            }
        }
    }
    (found, undecided)
}

fn run(state: &State, report: &mut Report) {
    let mut verdicts = Verdicts::default();
    for policy in state.aws.iam.all_policies() {
        let Some(doc) = policy.document.known() else {
            verdicts.record(&policy.resource, Verdict::Undecided);
            continue;
        };
        let (compute, compute_undecided) = compute_actions(&doc.statements);
        let mut verdict = Verdict::Pass;
        for st in &doc.statements {
            match escalation(st, PASS_ROLE) {
                Ok(_) if !compute.is_empty() => {
                    report.add(
                        &policy.resource,
                        &st.meta,
                        format!(
                            "Policy allows iam:PassRole on every role together with {}: any role, an administrator's included, can be given to new compute",
                            compute.join(", ")
                        ),
                    );
                    verdict = Verdict::Fail;
                }
                Ok(_) if compute_undecided => verdict = verdict.max(Verdict::Undecided),
                Ok(_) => {}
                Err(v) => verdict = verdict.max(v),
            }
        }
        verdicts.record(&policy.resource, verdict);
    }
    verdicts.report_passes(report);
}
