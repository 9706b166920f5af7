use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an ECS task definition whose network mode is `host` (Terraform
    /// `network_mode`, CloudFormation `NetworkMode`). The default on Linux is `bridge`.
    ///
    /// Host networking removes the network isolation between the containers and the EC2
    /// instance: they share its interfaces, can bind any of its ports and reach what only
    /// the host should, such as the instance metadata service with the instance role's
    /// credentials. `awsvpc` gives each task its own interface and security group.
    pub static CHECK = {
        id: "aws-ecs-host-network",
        title: "ECS task definition uses the host network mode",
        severity: Medium,
        risk_score: 5.5,
        provider: Aws,
        service: "ecs",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-7", "AC-6"],
            ISO_27001: ["A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: [],
        remediation: "Use `network_mode = \"awsvpc\"` (CloudFormation: `NetworkMode: awsvpc`) with a security group per service.",
        references: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html"],
        examples: [
            tf_bad("Host networking from a variable", r#"
variable "network_mode" {
  default = "host"
}

resource "aws_ecs_task_definition" "proxy" {
  family       = "proxy"
  network_mode = var.network_mode
  container_definitions = jsonencode([
    { name = "proxy", image = "public.ecr.aws/example/proxy:1.0", memory = 256 }
  ])
}
"#),
            tf_good("awsvpc", r#"
resource "aws_ecs_task_definition" "proxy" {
  family                   = "proxy"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = 256
  memory                   = 512
  container_definitions = jsonencode([
    { name = "proxy", image = "public.ecr.aws/example/proxy:1.0" }
  ])
}
"#),
            cfn_bad("Host networking", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Proxy:
    Type: AWS::ECS::TaskDefinition
    Properties:
      NetworkMode: host
      ContainerDefinitions:
        - Name: proxy
          Image: public.ecr.aws/example/proxy:1.0
          Memory: 256
"#),
            cfn_good("Not set: bridge, the default; the image from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Image:
    Type: String
    Default: public.ecr.aws/example/proxy:1.0
Resources:
  Proxy:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: proxy
          Image: !Ref Image
          Memory: 256
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for task in &state.aws.ecs.task_definitions {
        let mode = &task.network_mode;
        if mode.eq_ignore_case("host") {
            report.add(
                &task.resource,
                &mode.meta,
                "Task definition uses the host network mode: its containers share the instance's network",
            );
        } else if mode.known().is_some() {
            report.pass(&task.resource);
        }
    }
}
