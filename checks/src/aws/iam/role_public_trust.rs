use crate::aws::iam::known_not_public;
use crate::check::{cfn_bad, cfn_good, cfn_json_bad, cfn_json_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a role whose trust policy allows `Principal: "*"` (or `{"AWS": "*"}`) with no
    /// condition that narrows who can assume it.
    ///
    /// Any AWS account in the world can then assume the role and act with its permissions.
    pub static CHECK = {
        id: "aws-iam-role-public-trust",
        title: "IAM role can be assumed by anyone",
        severity: Critical,
        risk_score: 9.5,
        provider: Aws,
        service: "iam",
        formats: [Terraform, CloudFormation],
        compliance: {
            NIST_800_53: ["AC-3", "AC-6"],
            ISO_27001: ["A.5.15"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_60", "CKV_AWS_61"],
        remediation: "Name the trusted accounts, services or identity providers in the trust policy, or add a condition such as `aws:PrincipalOrgID`.",
        references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy"],
        examples: [
            tf_bad("A trust policy document data source with a wildcard principal", r#"
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_iam_role" "shared" {
  name               = "shared"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
"#),
            tf_bad("Any AWS principal may assume the role", r#"
resource "aws_iam_role" "shared" {
  name = "shared"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
    }]
  })
}
"#),
            tf_good("A named account with an external id", r#"
resource "aws_iam_role" "shared" {
  name = "shared"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Condition = { StringEquals = { "sts:ExternalId" = "example" } }
    }]
  })
}
"#),
            cfn_bad("Any AWS principal may assume the role", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Shared:
    Type: AWS::IAM::Role
    Properties:
      RoleName: shared
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              AWS: "*"
"#),
            cfn_bad("The trusted principal from a parameter default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  TrustedPrincipal:
    Type: String
    Default: "*"
Resources:
  Shared:
    Type: AWS::IAM::Role
    Properties:
      RoleName: shared
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              AWS: !Ref TrustedPrincipal
"#),
            cfn_good("A partner account from a parameter, with an external id", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  PartnerAccount:
    Type: String
    Default: "123456789012"
Resources:
  Partner:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              AWS: !Sub "arn:aws:iam::${PartnerAccount}:root"
            Condition:
              StringEquals:
                sts:ExternalId: example
"#),
            cfn_json_bad("A wildcard principal in a JSON template", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Shared": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            { "Effect": "Allow", "Action": "sts:AssumeRole", "Principal": "*" }
          ]
        }
      }
    }
  }
}
"#),
            cfn_json_good("A wildcard principal narrowed to the organisation", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {
    "OrgId": { "Type": "String", "Default": "o-abc123" }
  },
  "Resources": {
    "Shared": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": "sts:AssumeRole",
              "Principal": { "AWS": "*" },
              "Condition": {
                "StringEquals": { "aws:PrincipalOrgID": { "Ref": "OrgId" } }
              }
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

fn run(state: &State, report: &mut Report) {
    for role in &state.aws.iam.roles {
        let Some(doc) = role.trust_policy.known() else {
            continue;
        };
        let mut failed = false;
        for st in doc.statements.iter().filter(|s| s.allows_anyone()) {
            failed = true;
            report.add(
                &role.resource,
                &st.meta,
                "Role trust policy lets any AWS principal assume the role",
            );
        }
        if !failed && doc.statements.iter().all(known_not_public) {
            report.pass(&role.resource);
        }
    }
}
