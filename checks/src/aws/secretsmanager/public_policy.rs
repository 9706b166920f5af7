use crate::aws::resource_policy;
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Secrets Manager secret whose resource policy has an Allow statement for
    /// `Principal: "*"` (or `{"AWS": "*"}`, or everyone but a `NotPrincipal` list) without a
    /// condition that narrows who can use it (`aws:PrincipalOrgID`, `aws:PrincipalAccount`,
    /// `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceVpc`, `aws:SourceVpce`,
    /// `aws:SourceIp`). The policy is the `policy` attribute of `aws_secretsmanager_secret`
    /// or an `aws_secretsmanager_secret_policy` naming the secret (`ResourcePolicy` of an
    /// `AWS::SecretsManager::ResourcePolicy` whose `SecretId` names it).
    ///
    /// Anyone with an AWS account can then read the secret's value (a password, an API key)
    /// or change it, depending on the actions granted; only the key that encrypts it may
    /// still stand in the way. A secret without a policy is usable only by its own account.
    /// A policy that cannot be evaluated is not flagged.
    pub static CHECK = {
        id: "aws-secretsmanager-public-policy",
        title: "Secrets Manager secret policy allows anyone",
        severity: Critical,
        risk_score: 9.5,
        provider: Aws,
        service: "secretsmanager",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "AC-6", "IA-5"],
            ISO_27001: ["A.5.15", "A.5.17"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Name the roles that read the secret, or keep `\"*\"` only with a condition such as `aws:PrincipalOrgID`; set `block_public_policy = true` on `aws_secretsmanager_secret_policy` (`BlockPublicPolicy: true`) so Secrets Manager rejects such a policy.",
        references: ["https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html"],
        examples: [
            tf_bad("A secret policy lets anyone read the value", r#"
resource "aws_secretsmanager_secret" "db" {
  name = "db-password"
}

resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn = aws_secretsmanager_secret.db.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }]
  })
}
"#),
            tf_good("One role reads the value, named by a variable", r#"
variable "reader" {
  default = "arn:aws:iam::123456789012:role/app"
}

resource "aws_secretsmanager_secret" "db" {
  name = "db-password"
}

resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn = aws_secretsmanager_secret.db.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.reader }
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }]
  })
}
"#),
            cfn_bad("A resource policy names the secret by !Ref and lets anyone read it", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  DbPassword:
    Type: AWS::SecretsManager::Secret
    Properties:
      GenerateSecretString:
        PasswordLength: 32
  DbPasswordPolicy:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: !Ref DbPassword
      ResourcePolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: secretsmanager:GetSecretValue
            Resource: "*"
"#),
            cfn_good("Everyone in the organisation", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  DbPassword:
    Type: AWS::SecretsManager::Secret
    Properties:
      GenerateSecretString:
        PasswordLength: 32
  DbPasswordPolicy:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: !Ref DbPassword
      BlockPublicPolicy: true
      ResourcePolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: secretsmanager:GetSecretValue
            Resource: "*"
            Condition:
              StringEquals:
                aws:PrincipalOrgID: o-abc123
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for s in &state.aws.secretsmanager.secrets {
        resource_policy::check(report, &s.resource, &s.policies, &[], "Secret policy");
    }
}
