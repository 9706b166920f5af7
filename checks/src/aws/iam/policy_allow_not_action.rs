use crate::aws::iam::{all_known, known_not_allow};
use crate::aws::{Verdict, Verdicts};
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::aws::iam::Statement;

declare_check! {
    /// Flags an IAM policy statement that allows by exclusion: `Allow` with `NotAction` on
    /// every resource (`Resource: "*"`, or any `NotResource`), or `Allow` with `Action: "*"`
    /// and `NotResource`.
    ///
    /// `Allow` + `NotAction: iam:*` on `*` reads like a restriction but grants every action of
    /// every other service, including services AWS launches later: it is administrator
    /// access minus IAM, and `sts:AssumeRole`, `lambda:CreateFunction` with a privileged role
    /// or `ssm:SendCommand` usually win the rest back. `NotResource` with `Action: "*"` is
    /// the same on the resource side. `NotAction` scoped to named resources, and `Deny` +
    /// `NotAction` (the usual guard rail: deny everything except …), pass.
    /// `aws-iam-policy-admin` reports `Action: "*"` on `Resource: "*"`.
    pub static CHECK = {
        id: "aws-iam-policy-allow-not-action",
        title: "IAM policy allows every action or resource except a list",
        severity: High,
        risk_score: 8.0,
        provider: Aws,
        service: "iam",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["1.16"],
            NIST_800_53: ["AC-6"],
            ISO_27001: ["A.5.15", "A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: [],
        remediation: "List the actions (and resources) the principal needs with `Action` and `Resource`; keep `NotAction`/`NotResource` for `Deny` statements.",
        references: [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html",
        ],
        examples: [
            tf_bad("Everything but IAM, on every resource", r#"
data "aws_iam_policy_document" "power_user" {
  statement {
    not_actions = ["iam:*", "organizations:*"]
    resources   = ["*"]
  }
}

resource "aws_iam_policy" "power_user" {
  name   = "power-user"
  policy = data.aws_iam_policy_document.power_user.json
}
"#),
            tf_bad("Every action on everything but one bucket", r#"
resource "aws_iam_policy" "almost_admin" {
  name = "almost-admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect      = "Allow"
      Action      = "*"
      NotResource = "arn:aws:s3:::audit-logs/*"
    }]
  })
}
"#),
            tf_good("Deny everything outside two regions", r#"
resource "aws_iam_policy" "region_guard" {
  name = "region-guard"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*", "sts:*", "support:*"]
      Resource  = "*"
      Condition = {
        StringNotEquals = { "aws:RequestedRegion" = ["eu-west-1", "eu-central-1"] }
      }
    }]
  })
}
"#),
            tf_good("NotAction scoped to one bucket", r#"
data "aws_iam_policy_document" "bucket_admin" {
  statement {
    not_actions = ["s3:DeleteBucket"]
    resources   = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
  }
}

resource "aws_iam_policy" "bucket_admin" {
  name   = "bucket-admin"
  policy = data.aws_iam_policy_document.bucket_admin.json
}
"#),
            cfn_bad("Everything but IAM, on every resource", r#"
Resources:
  PowerUser:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            NotAction: iam:*
            Resource: "*"
"#),
            cfn_bad("An inline policy of a role excluding a service named by a parameter default", r#"
Parameters:
  ReservedService:
    Type: String
    Default: iam:*
Resources:
  Deployer:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              Service: codebuild.amazonaws.com
      Policies:
        - PolicyName: deploy
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                NotAction: !Ref ReservedService
                Resource: "*"
"#),
            cfn_good("Deny everything outside two regions", r#"
Resources:
  RegionGuard:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            NotAction: [iam:*, sts:*, support:*]
            Resource: "*"
            Condition:
              StringNotEquals:
                aws:RequestedRegion: [eu-west-1, eu-central-1]
"#),
            cfn_good("Listed actions on every resource", r#"
Resources:
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [ec2:Describe*, cloudwatch:GetMetricData]
            Resource: "*"
"#),
        ],
        run: run,
    }
}

/// What `st` grants by exclusion, if it does.
pub(crate) fn allowed_by_exclusion(st: &Statement) -> Option<String> {
    if !st.is_allow() {
        return None;
    }
    let listed = |values: &[cloudsentinel_model::Value<String>]| {
        let known: Vec<&str> = values.iter().filter_map(|v| v.as_str()).collect();
        if known.is_empty() {
            "the listed ones".to_string()
        } else {
            known.join(", ")
        }
    };
    let every_resource = st.has_full_wildcard_resource() || !st.not_resources.is_empty();
    if !st.not_actions.is_empty() && every_resource {
        let resources = if st.not_resources.is_empty() {
            "every resource".to_string()
        } else {
            format!("every resource except {}", listed(&st.not_resources))
        };
        return Some(format!(
            "Policy allows every action except {} on {resources}",
            listed(&st.not_actions)
        ));
    }
    if st.full_wildcard_action().is_some() && !st.not_resources.is_empty() {
        return Some(format!(
            "Policy allows every action on every resource except {}",
            listed(&st.not_resources)
        ));
    }
    None
}

/// True when `st` is known not to allow by exclusion.
fn known_not_by_exclusion(st: &Statement) -> bool {
    let no_wildcard_action =
        all_known(&st.actions) && st.full_wildcard_action().is_none() && st.not_actions.is_empty();
    let named_resources =
        all_known(&st.resources) && !st.has_full_wildcard_resource() && st.not_resources.is_empty();
    !st.incomplete
        && (known_not_allow(st)
            || (st.not_actions.is_empty() && st.not_resources.is_empty())
            || no_wildcard_action
            || named_resources)
}

fn run(state: &State, report: &mut Report) {
    let mut verdicts = Verdicts::default();
    for policy in state.aws.iam.all_policies() {
        let Some(doc) = policy.document.known() else {
            verdicts.record(&policy.resource, Verdict::Undecided);
            continue;
        };
        let mut verdict = Verdict::Pass;
        for st in &doc.statements {
            if let Some(message) = allowed_by_exclusion(st) {
                report.add(&policy.resource, &st.meta, message);
                verdict = Verdict::Fail;
            } else if !known_not_by_exclusion(st) {
                verdict = verdict.max(Verdict::Undecided);
            }
        }
        verdicts.record(&policy.resource, verdict);
    }
    verdicts.report_passes(report);
}
