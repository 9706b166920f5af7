use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Secrets Manager secret (`aws_secretsmanager_secret`,
    /// `AWS::SecretsManager::Secret`) that no rotation names: no
    /// `aws_secretsmanager_secret_rotation` with its `secret_id` (nor the provider's former
    /// `rotation_lambda_arn` on the secret), no `AWS::SecretsManager::RotationSchedule` with
    /// its `SecretId`. A secret is not rotated unless rotation is configured.
    ///
    /// A secret that never changes stays valid for as long as it exists: a leaked copy (in
    /// a log, a laptop, a former employee's notes) keeps working. A rotation whose secret
    /// cannot be evaluated leaves the secrets it could name undecided.
    pub static CHECK = {
        id: "aws-secretsmanager-no-rotation",
        title: "Secrets Manager secret is not rotated",
        severity: Medium,
        risk_score: 4.5,
        provider: Aws,
        service: "secretsmanager",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["IA-5(1)", "SC-12"],
            ISO_27001: ["A.5.17"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV2_AWS_57"],
        remediation: "Add an `aws_secretsmanager_secret_rotation` with a rotation function and `rotation_rules` (CloudFormation: an `AWS::SecretsManager::RotationSchedule` with `RotationLambdaARN` or `HostedRotationLambda`).",
        references: ["https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html"],
        examples: [
            tf_bad("A secret without rotation", r#"
resource "aws_secretsmanager_secret" "db" {
  name = "db-password"
}
"#),
            tf_good("A rotation names the secret, its schedule from a variable", r#"
variable "days" {
  default = 30
}

resource "aws_secretsmanager_secret" "db" {
  name = "db-password"
}

resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate"
  rotation_rules {
    automatically_after_days = var.days
  }
}
"#),
            cfn_bad("A generated password that is never rotated", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Length:
    Type: Number
    Default: 32
Resources:
  DbPassword:
    Type: AWS::SecretsManager::Secret
    Properties:
      GenerateSecretString:
        PasswordLength: !Ref Length
"#),
            cfn_good("A rotation schedule names the secret by !Ref", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  DbPassword:
    Type: AWS::SecretsManager::Secret
    Properties:
      GenerateSecretString:
        PasswordLength: 32
  DbPasswordRotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref DbPassword
      RotationLambdaARN: arn:aws:lambda:eu-west-1:123456789012:function:rotate
      RotationRules:
        AutomaticallyAfterDays: 30
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for s in &state.aws.secretsmanager.secrets {
        if s.rotation.is_false() {
            report.add(
                &s.resource,
                &s.rotation.meta,
                "Secret is not rotated: no rotation names it",
            );
        } else if s.rotation.is_true() {
            report.pass(&s.resource);
        }
    }
}
