use crate::aws::ecs::{Judgement, judge_containers};
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::aws::ecs::Container;

declare_check! {
    /// Flags an ECS container definition that sets its user to root: `user` in Terraform's
    /// `container_definitions` JSON, `User` in CloudFormation's `ContainerDefinitions`,
    /// equal to `root` or `0` (with or without a group: `0:0`, `root:root`).
    ///
    /// A process running as root inside the container is root on the host's kernel: with
    /// any kernel flaw, mounted socket or added capability, the host is one step away.
    ///
    /// When `user` is absent the image's `USER` decides, which a static scan cannot read:
    /// such a container is neither reported nor passed. Set a non-root `user` explicitly to
    /// make the task definition pass.
    pub static CHECK = {
        id: "aws-ecs-root-user",
        title: "ECS container runs as root",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "ecs",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-6", "CM-7"],
            ISO_27001: ["A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: [],
        remediation: "Set `user` to an unprivileged UID (`1000`, `nobody`) and build images that run as a non-root user.",
        references: ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-tasks-containers.html"],
        examples: [
            tf_bad("Root from a local", r#"
locals {
  run_as = "root"
}

resource "aws_ecs_task_definition" "worker" {
  family = "worker"
  container_definitions = jsonencode([
    {
      name   = "worker"
      image  = "public.ecr.aws/example/worker:2.0"
      memory = 512
      user   = local.run_as
    }
  ])
}
"#),
            tf_good("An unprivileged UID", r#"
resource "aws_ecs_task_definition" "worker" {
  family = "worker"
  container_definitions = jsonencode([
    {
      name   = "worker"
      image  = "public.ecr.aws/example/worker:2.0"
      memory = 512
      user   = "1000:1000"
    }
  ])
}
"#),
            tf_good("No user: the image decides, not guessed", r#"
resource "aws_ecs_task_definition" "worker" {
  family = "worker"
  container_definitions = jsonencode([
    {
      name   = "worker"
      image  = "public.ecr.aws/example/worker:2.0"
      memory = 512
    }
  ])
}
"#),
            cfn_bad("UID 0", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Worker:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: worker
          Image: public.ecr.aws/example/worker:2.0
          Memory: 512
          User: "0:0"
"#),
            cfn_good("A named unprivileged user from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  RunAs:
    Type: String
    Default: nobody
Resources:
  Worker:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: worker
          Image: public.ecr.aws/example/worker:2.0
          Memory: 512
          User: !Ref RunAs
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    judge_containers(state, report, |c| match c.user.known() {
        Some(Some(u)) if Container::runs_as_root(u) => {
            Judgement::Fail(c.user.meta.clone(), format!("runs as root (user {u})"))
        }
        Some(Some(_)) => Judgement::Pass,
        // Absent: the image's USER decides; Unknown: not guessed.
        Some(None) | None => Judgement::Undecided,
    });
}
