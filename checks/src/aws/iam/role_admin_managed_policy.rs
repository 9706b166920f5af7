use crate::aws::iam::report_admin_attachments;
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags the AWS managed `AdministratorAccess` policy attached to a role: in its
    /// `managed_policy_arns` (CloudFormation `ManagedPolicyArns`) or through an
    /// `aws_iam_role_policy_attachment` / `aws_iam_policy_attachment` joined to it.
    ///
    /// Whoever can assume the role, and every workload running with it, can do anything in
    /// the account. Keep administrator roles few, reserved for break-glass use, and give
    /// workloads policies scoped to what they do. A customer managed policy allowing `*` on
    /// `*` is reported by `aws-iam-policy-admin`.
    ///
    /// Attachments to a role this configuration does not declare are not seen.
    pub static CHECK = {
        id: "aws-iam-role-admin-managed-policy",
        title: "IAM role has the AdministratorAccess policy",
        severity: High,
        risk_score: 7.5,
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
        remediation: "Attach policies scoped to the role's work instead of `AdministratorAccess`.",
        references: ["https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html"],
        examples: [
            tf_bad("An attachment joined to its role by reference", r#"
resource "aws_iam_role" "ci" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "ci_admin" {
  role       = aws_iam_role.ci.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
"#),
            tf_good("A read-only managed policy", r#"
resource "aws_iam_role" "auditor" {
  name = "auditor"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::111122223333:root" } }]
  })
}

resource "aws_iam_role_policy_attachment" "auditor" {
  role       = aws_iam_role.auditor.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
"#),
            cfn_bad("AdministratorAccess in ManagedPolicyArns from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AdminPolicy:
    Type: String
    Default: arn:aws:iam::aws:policy/AdministratorAccess
Resources:
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              Service: cloudformation.amazonaws.com
      ManagedPolicyArns:
        - !Ref AdminPolicy
"#),
            cfn_good("A scoped AWS managed policy", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Reader:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              Service: lambda.amazonaws.com
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for role in &state.aws.iam.roles {
        let who = role.name.as_str().unwrap_or(&role.resource.address);
        report_admin_attachments(report, &role.resource, &role.attached_policies, "role", who);
    }
}
