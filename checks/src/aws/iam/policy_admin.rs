use crate::aws::iam::known_not_admin;
use crate::aws::{Verdict, Verdicts};
use crate::check::{cfn_bad, cfn_good, cfn_json_bad, cfn_json_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::aws::iam::Statement;

declare_check! {
    /// Flags an IAM policy (managed, inline on a user, group or role, or a policy document
    /// data source) with a statement that allows Action `*` on Resource `*`.
    ///
    /// That is full administrator access: whoever holds the policy can read every secret,
    /// delete every resource and grant themselves anything else.
    pub static CHECK = {
        id: "aws-iam-policy-admin",
        title: "IAM policy grants full administrator access",
        severity: Critical,
        risk_score: 9.0,
        provider: Aws,
        service: "iam",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["1.16"],
            NIST_800_53: ["AC-6", "AC-2"],
            ISO_27001: ["A.5.15", "A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: ["CKV_AWS_62", "CKV_AWS_1", "cfn_nag:F5", "cfn_nag:F4"],
        remediation: "Grant only the actions and resources the principal needs; keep administrator access in a role reserved for break-glass use.",
        references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"],
        examples: [
            tf_bad("A managed policy built with jsonencode", r#"
resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}
"#),
            tf_bad("A policy document data source attached inline to a role", r#"
data "aws_iam_policy_document" "everything" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "ci" {
  role   = aws_iam_role.ci.id
  policy = data.aws_iam_policy_document.everything.json
}
"#),
            tf_good("A scoped policy in a heredoc", r#"
resource "aws_iam_policy" "reader" {
  name   = "reader"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject"],
      "Resource": ["arn:aws:s3:::example-data/*"]
    }
  ]
}
EOT
}
"#),
            cfn_bad("A managed policy allowing everything", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Admin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: admin
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: "*"
"#),
            cfn_bad("A policy joined to its role by !Ref, its resource chosen by a condition", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Environment:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Resources:
  Ci:
    Type: AWS::IAM::Role
    Properties:
      RoleName: ci
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              Service: ec2.amazonaws.com
  CiPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: everything
      Roles: [!Ref Ci]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: ["*"]
            Resource: !If [IsProd, !Sub "arn:${AWS::Partition}:s3:::example-*", "*"]
"#),
            cfn_good("A scoped inline policy of a role", r#"
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
      Policies:
        - PolicyName: reader
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [s3:GetObject]
                Resource: [arn:aws:s3:::example-data/*]
"#),
            cfn_json_bad("Administrator access inline on a role, in JSON", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Deploy": {
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
        },
        "Policies": [
          {
            "PolicyName": "admin",
            "PolicyDocument": {
              "Version": "2012-10-17",
              "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }]
            }
          }
        ]
      }
    }
  }
}
"#),
            cfn_json_good("A scoped managed policy, in JSON", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Reader": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {
        "PolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": ["s3:GetObject"],
              "Resource": ["arn:aws:s3:::example-data/*"]
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

/// `Allow` of `*` on `*`.
pub(crate) fn is_admin(st: &Statement) -> bool {
    st.is_allow() && st.full_wildcard_action().is_some() && st.has_full_wildcard_resource()
}

fn run(state: &State, report: &mut Report) {
    // Inline policies carry their role's (user's, group's) resource: one verdict for all.
    let mut verdicts = Verdicts::default();
    for policy in state.aws.iam.all_policies() {
        let Some(doc) = policy.document.known() else {
            verdicts.record(&policy.resource, Verdict::Undecided);
            continue;
        };
        let mut verdict = Verdict::Pass;
        for st in &doc.statements {
            if is_admin(st) {
                report.add(
                    &policy.resource,
                    &st.meta,
                    "Policy allows every action on every resource",
                );
                verdict = Verdict::Fail;
            } else if !known_not_admin(st) {
                verdict = verdict.max(Verdict::Undecided);
            }
        }
        verdicts.record(&policy.resource, verdict);
    }
    verdicts.report_passes(report);
}

#[cfg(test)]
mod tests {
    use super::CHECK;
    use cloudsentinel_model::aws::iam::{Policy, PolicyDocument, Role, Statement};
    use cloudsentinel_model::{
        FileId, Location, Meta, Origin, ResourceMeta, State, TextRange, Value,
    };

    fn at(start: usize) -> Origin {
        Origin::Source(Location::new(FileId(0), TextRange::new(start, start + 1)))
    }

    fn statement(start: usize, action: Value<String>) -> Statement {
        Statement {
            meta: Meta::explicit(at(start)),
            sid: None,
            effect: Value::explicit("Allow".into(), at(start + 1)),
            actions: vec![action],
            not_actions: Vec::new(),
            resources: vec![Value::explicit("*".into(), at(start + 3))],
            not_resources: Vec::new(),
            principals: Vec::new(),
            not_principals: Vec::new(),
            conditions: Vec::new(),
            incomplete: false,
        }
    }

    /// An inline policy of the role `aws_iam_role.app` (declared at 0), written at `start`.
    fn inline(start: usize, action: Value<String>) -> Policy {
        Policy {
            resource: ResourceMeta::new(
                cloudsentinel_model::Provider::Aws,
                "aws_iam_role.app",
                at(0),
            ),
            name: Value::explicit(format!("p{start}"), at(start)),
            document: Value::explicit(
                PolicyDocument {
                    meta: Meta::explicit(at(start + 1)),
                    statements: vec![statement(start + 2, action)],
                },
                at(start + 1),
            ),
            managed: false,
        }
    }

    fn role(policies: Vec<Policy>) -> State {
        let mut s = State::default();
        s.aws.iam.roles.push(Role {
            resource: ResourceMeta::new(
                cloudsentinel_model::Provider::Aws,
                "aws_iam_role.app",
                at(0),
            ),
            name: Value::explicit("app".into(), at(1)),
            trust_policy: Value::unknown(at(2)),
            inline_policies: policies,
            attached_policies: Vec::new(),
        });
        s
    }

    fn action(a: &str, start: usize) -> Value<String> {
        Value::explicit(a.into(), at(start + 2))
    }

    #[test]
    fn one_verdict_for_the_inline_policies_of_a_role() {
        let run = |s: &State| crate::run_checks_with_passes(s, &[&CHECK]);
        // Two scoped policies: the role passes once.
        let (f, p) = run(&role(vec![
            inline(10, action("s3:GetObject", 10)),
            inline(20, action("s3:ListBucket", 20)),
        ]));
        assert!(f.is_empty(), "{f:#?}");
        assert_eq!(p.len(), 1, "{p:#?}");
        assert_eq!(p[0].resource, "aws_iam_role.app");
        // One of them grants everything: the role fails and is not passed.
        let (f, p) = run(&role(vec![
            inline(10, action("s3:GetObject", 10)),
            inline(20, action("*", 20)),
        ]));
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(p.is_empty(), "{p:#?}");
    }

    #[test]
    fn unknown_actions_or_documents_decide_nothing() {
        let run = |s: &State| crate::run_checks_with_passes(s, &[&CHECK]);
        // An action that could not be evaluated, on every resource: neither failed nor passed.
        let (f, p) = run(&role(vec![inline(10, Value::unknown(at(12)))]));
        assert!(f.is_empty() && p.is_empty(), "{f:#?} {p:#?}");
        // A scoped policy beside one whose document is Unknown: the role is undecided.
        let mut unknown = inline(20, action("s3:GetObject", 20));
        unknown.document = Value::unknown(at(21));
        let (f, p) = run(&role(vec![inline(10, action("s3:GetObject", 10)), unknown]));
        assert!(f.is_empty() && p.is_empty(), "{f:#?} {p:#?}");
    }
}
