use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a CodeBuild environment variable whose name marks it as a secret and whose type is
    /// `PLAINTEXT` (the default): `environment { environment_variable { name, type } }`
    /// (CloudFormation: `Environment.EnvironmentVariables[].Name`, `Type`). A name marks a secret
    /// with the words of the SSM parameter check (`password`, `secret`, `token`, `api_key`,
    /// `private_key`, … in any case, not followed by `_arn`, `_id`, `_name`, `_url`, …).
    ///
    /// The value of a `PLAINTEXT` variable is stored in the project definition and returned by
    /// `BatchGetProjects` to anyone who can read the project, shown in the console, and kept in the
    /// IaC state; `PARAMETER_STORE` and `SECRETS_MANAGER` variables hold only a reference and are
    /// resolved at build time.
    pub static CHECK = {
        id: "aws-codebuild-plaintext-secret-env",
        title: "CodeBuild project passes a secret as a plaintext environment variable",
        severity: High,
        risk_score: 7.0,
        provider: Aws,
        service: "codebuild",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["IA-5", "SC-28"],
            ISO_27001: ["A.5.17"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Store the value in Secrets Manager or as an SSM SecureString and reference it with `type = \"SECRETS_MANAGER\"` or `\"PARAMETER_STORE\"` (CloudFormation: `Type: SECRETS_MANAGER`).",
        references: ["https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-env-vars.html", "https://docs.aws.amazon.com/codebuild/latest/APIReference/API_EnvironmentVariable.html"],
        examples: [
            tf_bad("A token in plain text, its value from a variable", r#"
variable "npm_token" {
  default   = "npm_0123456789abcdefghijklmnopqrstuvwxyz"
  sensitive = true
}

resource "aws_codebuild_project" "app" {
  name         = "app"
  service_role = "arn:aws:iam::111122223333:role/codebuild"

  source {
    type     = "GITHUB"
    location = "https://github.com/example/app.git"
  }

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"

    environment_variable {
      name  = "NODE_ENV"
      value = "production"
    }

    environment_variable {
      name  = "NPM_TOKEN"
      value = var.npm_token
    }
  }
}
"#),
            tf_good("The token from Secrets Manager", r#"
variable "token_secret" {
  default = "ci/npm-token"
}

resource "aws_codebuild_project" "app" {
  name         = "app"
  service_role = "arn:aws:iam::111122223333:role/codebuild"

  source {
    type     = "GITHUB"
    location = "https://github.com/example/app.git"
  }

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"

    environment_variable {
      name  = "NODE_ENV"
      value = "production"
    }

    environment_variable {
      name  = "NPM_TOKEN"
      type  = "SECRETS_MANAGER"
      value = var.token_secret
    }
  }
}
"#),
            cfn_bad("A database password in plain text from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DbPassword:
    Type: String
    NoEcho: true
Resources:
  App:
    Type: AWS::CodeBuild::Project
    Properties:
      Name: app
      ServiceRole: arn:aws:iam::111122223333:role/codebuild
      Source:
        Type: GITHUB
        Location: https://github.com/example/app.git
      Artifacts:
        Type: NO_ARTIFACTS
      Environment:
        ComputeType: BUILD_GENERAL1_SMALL
        Image: aws/codebuild/standard:7.0
        Type: LINUX_CONTAINER
        EnvironmentVariables:
          - Name: DB_PASSWORD
            Value: !Ref DbPassword
"#),
            cfn_good("The password from Parameter Store, its parameter name from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  PasswordParameter:
    Type: String
    Default: /ci/db-password
Resources:
  App:
    Type: AWS::CodeBuild::Project
    Properties:
      Name: app
      ServiceRole: arn:aws:iam::111122223333:role/codebuild
      Source:
        Type: GITHUB
        Location: https://github.com/example/app.git
      Artifacts:
        Type: NO_ARTIFACTS
      Environment:
        ComputeType: BUILD_GENERAL1_SMALL
        Image: aws/codebuild/standard:7.0
        Type: LINUX_CONTAINER
        EnvironmentVariables:
          - Name: DB_PASSWORD
            Type: PARAMETER_STORE
            Value: !Ref PasswordParameter
          - Name: DB_PASSWORD_PARAM
            Value: !Ref PasswordParameter
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for p in &state.aws.codebuild.projects {
        let mut decided = true;
        let mut failed = false;
        for v in &p.environment_variables {
            if v.name_marks_secret.is_false() {
                continue;
            }
            if !v.name_marks_secret.is_true() || v.variable_type.is_unknown() {
                decided = false;
                continue;
            }
            if v.variable_type.eq_ignore_case("PLAINTEXT") {
                failed = true;
                let name = v.name.as_str().unwrap_or_default();
                report.add(
                    &p.resource,
                    &v.variable_type.meta,
                    format!("`{name}` is named as a secret but passed as a plaintext environment variable"),
                );
            }
        }
        if decided && !failed {
            report.pass(&p.resource);
        }
    }
}
