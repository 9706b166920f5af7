use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an ECS task definition that shares the host's process namespace:
    /// `pid_mode = "host"` (CloudFormation `PidMode: host`). By default each container has
    /// a private process namespace.
    ///
    /// The containers then see every process of the EC2 instance, those of other tasks
    /// included, with their command lines and environments; with enough privilege they
    /// can signal or trace them.
    pub static CHECK = {
        id: "aws-ecs-host-pid",
        title: "ECS task definition shares the host's process namespace",
        severity: Medium,
        risk_score: 5.5,
        provider: Aws,
        service: "ecs",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-39", "AC-6"],
            ISO_27001: ["A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: ["CKV_AWS_335"],
        remediation: "Remove `pid_mode` (CloudFormation: `PidMode`), or use `task` to share processes only within the task.",
        references: ["https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html"],
        examples: [
            tf_bad("The host's PID namespace, from a local", r#"
locals {
  pid_mode = "host"
}

resource "aws_ecs_task_definition" "monitor" {
  family   = "monitor"
  pid_mode = local.pid_mode
  container_definitions = jsonencode([
    { name = "monitor", image = "public.ecr.aws/example/monitor:1.0", memory = 256 }
  ])
}
"#),
            tf_good("Processes shared within the task only", r#"
resource "aws_ecs_task_definition" "monitor" {
  family   = "monitor"
  pid_mode = "task"
  container_definitions = jsonencode([
    { name = "monitor", image = "public.ecr.aws/example/monitor:1.0", memory = 256 }
  ])
}
"#),
            cfn_bad("The host's PID namespace", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Monitor:
    Type: AWS::ECS::TaskDefinition
    Properties:
      PidMode: host
      ContainerDefinitions:
        - Name: monitor
          Image: public.ecr.aws/example/monitor:1.0
          Memory: 256
"#),
            cfn_good("Not set: a private namespace per container; the image from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Image:
    Type: String
    Default: public.ecr.aws/example/monitor:1.0
Resources:
  Monitor:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: monitor
          Image: !Ref Image
          Memory: 256
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for task in &state.aws.ecs.task_definitions {
        match task.pid_mode.known() {
            Some(Some(m)) if m.eq_ignore_ascii_case("host") => report.add(
                &task.resource,
                &task.pid_mode.meta,
                "Task definition shares the host's process namespace",
            ),
            Some(_) => report.pass(&task.resource),
            None => {}
        }
    }
}
