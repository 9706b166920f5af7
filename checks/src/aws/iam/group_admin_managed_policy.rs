use crate::aws::iam::report_admin_attachments;
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags the AWS managed `AdministratorAccess` policy attached to a group: through an
    /// `aws_iam_group_policy_attachment` / `aws_iam_policy_attachment` joined to it, or in
    /// its CloudFormation `ManagedPolicyArns`.
    ///
    /// Every member of the group, present and future, gets full control of the account with
    /// long-lived credentials; administrator access belongs in a role assumed with MFA for
    /// the time it is needed. A customer managed policy allowing `*` on `*` is reported by
    /// `aws-iam-policy-admin`.
    ///
    /// Attachments to a group this configuration does not declare are not seen.
    pub static CHECK = {
        id: "aws-iam-group-admin-managed-policy",
        title: "IAM group has the AdministratorAccess policy",
        severity: High,
        risk_score: 8.0,
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
        remediation: "Attach scoped policies to the group; let the few administrators assume an administrator role with MFA.",
        references: ["https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html"],
        examples: [
            tf_bad("An attachment joined to its group by reference", r#"
resource "aws_iam_group" "ops" {
  name = "ops"
}

resource "aws_iam_group_policy_attachment" "ops_admin" {
  group      = aws_iam_group.ops.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
"#),
            tf_good("A read-only policy for the group", r#"
resource "aws_iam_group" "ops" {
  name = "ops"
}

resource "aws_iam_group_policy_attachment" "ops_read" {
  group      = aws_iam_group.ops.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
"#),
            cfn_bad("AdministratorAccess in ManagedPolicyArns from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  OpsPolicy:
    Type: String
    Default: arn:aws:iam::aws:policy/AdministratorAccess
Resources:
  Ops:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns:
        - !Ref OpsPolicy
"#),
            cfn_good("A read-only policy for the group", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Ops:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for group in &state.aws.iam.groups {
        let who = group.name.as_str().unwrap_or(&group.resource.address);
        report_admin_attachments(
            report,
            &group.resource,
            &group.attached_policies,
            "group",
            who,
        );
    }
}
