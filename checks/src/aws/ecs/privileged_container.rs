use crate::aws::ecs::{Judgement, judge_containers};
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an ECS task definition with a privileged container: `privileged: true` in
    /// Terraform's `container_definitions` JSON, `Privileged: true` in CloudFormation's
    /// `ContainerDefinitions`. Containers are not privileged by default.
    ///
    /// A privileged container has every Linux capability and the host's devices: escaping
    /// to the EC2 instance, and to every other task on it, is one mount away.
    pub static CHECK = {
        id: "aws-ecs-privileged-container",
        title: "ECS container runs privileged",
        severity: High,
        risk_score: 8.0,
        provider: Aws,
        service: "ecs",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-6", "CM-7"],
            ISO_27001: ["A.8.2", "A.8.9"],
            SOC2: ["CC6.3"],
        },
        aliases: ["CKV_AWS_334"],
        remediation: "Remove `privileged` (or set it to false); add only the Linux capabilities the container needs with `linuxParameters.capabilities.add`.",
        references: ["https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html"],
        examples: [
            tf_bad("A privileged container in jsonencode, the flag from a variable", r#"
variable "privileged" {
  default = true
}

resource "aws_ecs_task_definition" "agent" {
  family = "agent"
  container_definitions = jsonencode([
    {
      name       = "agent"
      image      = "public.ecr.aws/example/agent:1.4"
      memory     = 256
      privileged = var.privileged
    }
  ])
}
"#),
            tf_good("An unprivileged container in a heredoc", r#"
resource "aws_ecs_task_definition" "web" {
  family                = "web"
  container_definitions = <<EOF
[
  {
    "name": "web",
    "image": "public.ecr.aws/nginx/nginx:1.27",
    "memory": 256,
    "privileged": false
  }
]
EOF
}
"#),
            cfn_bad("A privileged container", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Agent:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: agent
          Image: public.ecr.aws/example/agent:1.4
          Memory: 256
          Privileged: true
"#),
            cfn_good("Not privileged (the default), the image from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Image:
    Type: String
    Default: public.ecr.aws/nginx/nginx:1.27
Resources:
  Web:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: web
          Image: !Ref Image
          Memory: 256
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    judge_containers(state, report, |c| {
        if c.privileged.is_true() {
            Judgement::Fail(
                c.privileged.meta.clone(),
                "runs privileged, with every capability and the host's devices".into(),
            )
        } else if c.privileged.is_false() {
            Judgement::Pass
        } else {
            Judgement::Undecided
        }
    });
}
