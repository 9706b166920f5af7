use crate::aws::ecs::{Judgement, judge_containers};
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an ECS container definition whose plain `environment` list (Terraform
    /// `container_definitions` JSON, CloudFormation `ContainerDefinitions[].Environment`)
    /// holds a credential: an entry whose name says it holds one (`DB_PASSWORD`,
    /// `API_TOKEN`, `CLIENT_SECRET`, `PRIVATE_KEY`, …) with a value that can be one (not
    /// empty, not a placeholder, an ARN or a path).
    ///
    /// Plain environment values are part of the task definition: anyone allowed
    /// `ecs:DescribeTaskDefinition` reads them, and every revision keeps them. The
    /// `secrets` list (`valueFrom` a Secrets Manager secret or SSM parameter) injects the
    /// value at start instead. Names that only point at a secret (`DB_PASSWORD_ARN`,
    /// `SECRET_NAME`, `TOKEN_PARAMETER`) pass; a value that cannot be evaluated is not
    /// guessed.
    pub static CHECK = {
        id: "aws-ecs-plaintext-secret-env",
        title: "ECS container has a credential in a plain environment variable",
        severity: High,
        risk_score: 7.0,
        provider: Aws,
        service: "ecs",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["IA-5", "SC-28"],
            ISO_27001: ["A.5.17", "A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["AVD-AWS-0036", "aws-ecs-no-plaintext-secrets"],
        remediation: "Move the value to Secrets Manager or SSM Parameter Store and reference it from the container's `secrets` list (`valueFrom`).",
        references: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html"],
        examples: [
            tf_bad("A database password from a variable's default", r#"
variable "db_password" {
  default = "Tr0ub4dor-and-3"
}

resource "aws_ecs_task_definition" "api" {
  family = "api"
  container_definitions = jsonencode([
    {
      name   = "api"
      image  = "public.ecr.aws/example/api:3.2"
      memory = 512
      environment = [
        { name = "DB_HOST", value = "db.internal" },
        { name = "DB_PASSWORD", value = var.db_password },
      ]
    }
  ])
}
"#),
            tf_good("The password from Secrets Manager, its ARN in the environment", r#"
resource "aws_ecs_task_definition" "api" {
  family = "api"
  container_definitions = jsonencode([
    {
      name   = "api"
      image  = "public.ecr.aws/example/api:3.2"
      memory = 512
      environment = [
        { name = "DB_HOST", value = "db.internal" },
        { name = "DB_PASSWORD_ARN", value = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db" },
      ]
      secrets = [
        { name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db" },
      ]
    }
  ])
}
"#),
            cfn_bad("An API token written in the template", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Api:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: api
          Image: public.ecr.aws/example/api:3.2
          Memory: 512
          Environment:
            - Name: LOG_LEVEL
              Value: info
            - Name: API_TOKEN
              Value: 9f8e7d6c5b4a39281706f5e4d3c2b1a0
"#),
            cfn_good("The token from SSM, the log level from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  LogLevel:
    Type: String
    Default: info
Resources:
  Api:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: api
          Image: public.ecr.aws/example/api:3.2
          Memory: 512
          Environment:
            - Name: LOG_LEVEL
              Value: !Ref LogLevel
          Secrets:
            - Name: API_TOKEN
              ValueFrom: arn:aws:ssm:eu-west-1:111122223333:parameter/api/token
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    judge_containers(state, report, |c| {
        let Some(vars) = c.environment.known() else {
            return Judgement::Undecided;
        };
        if let Some(v) = vars.iter().find(|v| v.plaintext_credential.is_true()) {
            let name = v.name.as_str().unwrap_or("a variable");
            return Judgement::Fail(
                v.plaintext_credential.meta.clone(),
                format!("environment variable {name} holds a credential in clear"),
            );
        }
        if vars.iter().all(|v| v.plaintext_credential.is_false()) {
            Judgement::Pass
        } else {
            Judgement::Undecided
        }
    });
}
