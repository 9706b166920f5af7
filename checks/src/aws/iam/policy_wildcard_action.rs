use crate::aws::iam::known_no_wildcard_action;
use crate::aws::iam::policy_admin::is_admin;
use crate::aws::{Verdict, Verdicts};
use crate::check::{Severity, cfn_bad, cfn_good, cfn_json_bad, cfn_json_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an IAM policy statement that allows a service-wide wildcard action (`s3:*`,
    /// `iam:*`) or `*` on a narrower resource; `*` on `*` is left to `aws-iam-policy-admin`.
    ///
    /// A service wildcard grants every present and future action of the service, including
    /// destructive and permission-changing ones (`iam:*` is administrator access in
    /// disguise).
    ///
    /// `ec2messages:*` and `ssmmessages:*` are reported at low severity: those services only
    /// carry the Systems Manager agent's messages for the instance it runs on, and AWS's own
    /// `AmazonSSMManagedInstanceCore` policy grants them this way. A statement that also holds
    /// another service's wildcard is reported for that one, at high severity.
    pub static CHECK = {
        id: "aws-iam-policy-wildcard-action",
        title: "IAM policy allows a wildcard action",
        severity: High,
        risk_score: 7.0,
        provider: Aws,
        service: "iam",
        formats: [Terraform, CloudFormation],
        compliance: {
            NIST_800_53: ["AC-6"],
            ISO_27001: ["A.5.15", "A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: [
            "CKV_AWS_63", "CKV_AWS_49", "AVD-AWS-0057", "aws-iam-no-policy-wildcards", "cfn_nag:F5",
            "cfn_nag:F4",
        ],
        remediation: "List the specific actions the principal needs (`s3:GetObject`, `s3:PutObject`, …).",
        references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html"],
        examples: [
            tf_bad("A policy document data source with a service wildcard, attached to a group", r#"
data "aws_iam_policy_document" "deploy" {
  statement {
    actions   = ["cloudformation:*"]
    resources = ["arn:aws:cloudformation:*:123456789012:stack/app-*/*"]
  }
}

resource "aws_iam_group" "deployers" {
  name = "deployers"
}

resource "aws_iam_group_policy" "deploy" {
  group  = aws_iam_group.deployers.name
  policy = data.aws_iam_policy_document.deploy.json
}
"#),
            tf_bad("s3:* on a bucket", r#"
resource "aws_iam_policy" "uploads" {
  name = "uploads"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:*"]
      Resource = ["arn:aws:s3:::example-uploads/*"]
    }]
  })
}
"#),
            tf_bad("The Systems Manager agent's channels, as AWS's managed policy grants them (low severity)", r#"
data "aws_iam_policy_document" "ssm_agent" {
  statement {
    actions   = ["ec2messages:*", "ssmmessages:*"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "ssm_agent" {
  role   = "app-instance"
  policy = data.aws_iam_policy_document.ssm_agent.json
}
"#),
            tf_good("Named actions", r#"
resource "aws_iam_policy" "uploads" {
  name = "uploads"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = ["arn:aws:s3:::example-uploads/*"]
    }]
  })
}
"#),
            tf_good("A wildcard in a Deny narrows access", r#"
resource "aws_iam_policy" "guard" {
  name = "guard"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = "iam:*"
      Resource = "*"
    }]
  })
}
"#),
            cfn_bad("A service wildcard in a policy joined to its group by !Ref", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Deployers:
    Type: AWS::IAM::Group
    Properties:
      GroupName: deployers
  DeployPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: deploy
      Groups: [!Ref Deployers]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: ["cloudformation:*"]
            Resource: !Sub "arn:${AWS::Partition}:cloudformation:*:${AWS::AccountId}:stack/app-*/*"
"#),
            cfn_bad("s3:* on a bucket named by a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  BucketName:
    Type: String
    Default: example-uploads
Resources:
  Uploads:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [s3:*]
            Resource: !Sub "arn:aws:s3:::${BucketName}/*"
"#),
            cfn_json_bad("One policy given to a group, a role and an undeclared role is reported once", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Developers": {
      "Type": "AWS::IAM::Group",
      "Properties": { "GroupName": "developers" }
    },
    "DeployRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": "sts:AssumeRole",
              "Principal": { "Service": "codebuild.amazonaws.com" }
            }
          ]
        }
      }
    },
    "DeveloperExtra": {
      "Type": "AWS::IAM::Policy",
      "Properties": {
        "PolicyName": "developer-extra",
        "Groups": [{ "Ref": "Developers" }],
        "Roles": [{ "Ref": "DeployRole" }, "legacy-deploy"],
        "PolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": ["iam:*"],
              "Resource": "arn:aws:iam::*:role/dev-*"
            }
          ]
        }
      }
    }
  }
}
"#),
            cfn_good("Named actions", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Uploads:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [s3:GetObject, s3:PutObject]
            Resource: arn:aws:s3:::example-uploads/*
"#),
            cfn_good("A wildcard in a Deny narrows access", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Developers:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: guard
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Deny
                Action: iam:*
                Resource: "*"
"#),
            cfn_json_good("Named actions for a group and a role sharing one policy", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Developers": {
      "Type": "AWS::IAM::Group"
    },
    "DeployRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": "sts:AssumeRole",
              "Principal": { "Service": "codebuild.amazonaws.com" }
            }
          ]
        }
      }
    },
    "DeveloperExtra": {
      "Type": "AWS::IAM::Policy",
      "Properties": {
        "PolicyName": "developer-extra",
        "Groups": [{ "Ref": "Developers" }],
        "Roles": [{ "Ref": "DeployRole" }],
        "PolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": ["iam:PassRole"],
              "Resource": "arn:aws:iam::*:role/dev-*"
            }
          ]
        }
      }
    }
  }
}
"#),
        ],
        run: run,
    }
}

/// Services whose wildcard only lets the Systems Manager agent exchange messages for its
/// own instance.
const AGENT_CHANNELS: [&str; 2] = ["ec2messages:*", "ssmmessages:*"];

fn is_agent_channel(action: &str) -> bool {
    AGENT_CHANNELS
        .iter()
        .any(|a| a.eq_ignore_ascii_case(action))
}

fn run(state: &State, report: &mut Report) {
    // Inline policies carry their role's (user's, group's) resource: one verdict for all.
    // A statement granting everything is aws-iam-policy-admin's: a policy holding one is
    // not passed here either.
    let mut verdicts = Verdicts::default();
    for policy in state.aws.iam.all_policies() {
        let Some(doc) = policy.document.known() else {
            verdicts.record(&policy.resource, Verdict::Undecided);
            continue;
        };
        let mut verdict = Verdict::Pass;
        for st in &doc.statements {
            if !known_no_wildcard_action(st) {
                verdict = verdict.max(Verdict::Undecided);
            }
            // Only Allows grant; a statement granting everything is reported by the admin check.
            if !st.is_allow() || is_admin(st) {
                continue;
            }
            let wildcards: Vec<_> = st
                .actions
                .iter()
                .filter(|a| a.is(|v| v == "*" || v.ends_with(":*")))
                .collect();
            // The widest wildcard speaks for the statement: an agent channel only when alone.
            let wildcard = wildcards
                .iter()
                .find(|a| !a.is(|v| is_agent_channel(v)))
                .or_else(|| wildcards.first());
            if let Some(action) = wildcard {
                let name = action.as_str().unwrap_or_default();
                let severity = if is_agent_channel(name) {
                    Severity::Low
                } else {
                    CHECK.meta.severity
                };
                report.add_graded(
                    &policy.resource,
                    &action.meta,
                    format!("Policy allows the wildcard action `{name}`"),
                    severity,
                );
                verdict = Verdict::Fail;
            }
        }
        verdicts.record(&policy.resource, verdict);
    }
    verdicts.report_passes(report);
}

#[cfg(test)]
mod tests {
    use crate::check::Severity;
    use crate::{AnalysisOptions, analyze};

    fn severities(policy_actions: &str) -> Vec<Severity> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("main.tf"),
            format!(
                "resource \"aws_iam_policy\" \"p\" {{\n  policy = jsonencode({{\n    Statement = [{{ Effect = \"Allow\", Action = {policy_actions}, Resource = \"*\" }}]\n  }})\n}}\n"
            ),
        )
        .unwrap();
        let opts = AnalysisOptions {
            only: vec![super::CHECK.meta.id.to_string()],
            ..AnalysisOptions::default()
        };
        analyze(&[dir.path().to_path_buf()], &opts)
            .findings
            .iter()
            .map(|f| f.severity)
            .collect()
    }

    #[test]
    fn agent_channels_alone_are_low_and_any_other_service_wildcard_keeps_high() {
        assert_eq!(
            severities(r#"["ec2messages:*", "ssmmessages:*"]"#),
            [Severity::Low]
        );
        assert_eq!(severities(r#"["ssmmessages:*", "s3:*"]"#), [Severity::High]);
        assert_eq!(severities(r#""iam:*""#), [Severity::High]);
    }
}
