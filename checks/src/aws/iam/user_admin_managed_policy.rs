use crate::aws::iam::report_admin_attachments;
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags the AWS managed `AdministratorAccess` policy attached directly to a user:
    /// through an `aws_iam_user_policy_attachment` / `aws_iam_policy_attachment`, or in its
    /// CloudFormation `ManagedPolicyArns`.
    ///
    /// The user's long-lived credentials (password, access keys) then control the whole
    /// account. `aws-iam-user-attached-policy` reports any policy attached to a user at low
    /// severity; this check singles out the one that makes the user an administrator.
    pub static CHECK = {
        id: "aws-iam-user-admin-managed-policy",
        title: "IAM user has the AdministratorAccess policy",
        severity: High,
        risk_score: 8.5,
        provider: Aws,
        service: "iam",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            CIS_AWS: ["1.16"],
            NIST_800_53: ["AC-6", "AC-2"],
            ISO_27001: ["A.5.15", "A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: ["CKV_AWS_274"],
        remediation: "Remove `AdministratorAccess` from the user; let administrators assume an administrator role with MFA.",
        references: ["https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html"],
        examples: [
            tf_bad("An attachment naming its user by reference", r#"
resource "aws_iam_user" "deploy" {
  name = "deploy"
}

resource "aws_iam_user_policy_attachment" "deploy_admin" {
  user       = aws_iam_user.deploy.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
"#),
            tf_good("A user with no policy of its own", r#"
resource "aws_iam_user" "deploy" {
  name = "deploy"
}
"#),
            cfn_bad("AdministratorAccess in ManagedPolicyArns from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  UserPolicy:
    Type: String
    Default: arn:aws:iam::aws:policy/AdministratorAccess
Resources:
  Deploy:
    Type: AWS::IAM::User
    Properties:
      ManagedPolicyArns:
        - !Ref UserPolicy
"#),
            cfn_good("A user that gets its permissions from a group", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Deploy:
    Type: AWS::IAM::User
    Properties:
      Groups: [deployers]
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for user in &state.aws.iam.users {
        let who = user.name.as_str().unwrap_or(&user.resource.address);
        report_admin_attachments(report, &user.resource, &user.attached_policies, "user", who);
    }
}
