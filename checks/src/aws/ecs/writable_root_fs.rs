use crate::aws::ecs::{Judgement, judge_containers};
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an ECS container definition whose root filesystem is writable:
    /// `readonlyRootFilesystem` in Terraform's `container_definitions` JSON,
    /// `ReadonlyRootFilesystem` in CloudFormation's `ContainerDefinitions`, false or absent
    /// (the default is false: writable).
    ///
    /// An intruder in a container with a writable root filesystem can drop tools, alter
    /// binaries and persist until the task is replaced. A read-only root with volumes for
    /// the paths the application writes limits both.
    pub static CHECK = {
        id: "aws-ecs-writable-root-fs",
        title: "ECS container root filesystem is writable",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "ecs",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["CM-7", "SI-7"],
            ISO_27001: ["A.8.9"],
            SOC2: ["CC6.8"],
        },
        aliases: ["CKV_AWS_336"],
        remediation: "Set `readonlyRootFilesystem = true` (CloudFormation: `ReadonlyRootFilesystem: true`) and mount volumes for the paths the application writes.",
        references: ["https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html"],
        examples: [
            tf_bad("Not set: writable by default, the image from a variable", r#"
variable "image" {
  default = "public.ecr.aws/example/api:3.2"
}

resource "aws_ecs_task_definition" "api" {
  family = "api"
  container_definitions = jsonencode([
    {
      name   = "api"
      image  = var.image
      memory = 512
    }
  ])
}
"#),
            tf_good("A read-only root", r#"
resource "aws_ecs_task_definition" "api" {
  family = "api"
  container_definitions = jsonencode([
    {
      name                   = "api"
      image                  = "public.ecr.aws/example/api:3.2"
      memory                 = 512
      readonlyRootFilesystem = true
    }
  ])
}
"#),
            cfn_bad("Explicitly writable", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Api:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: api
          Image: public.ecr.aws/example/api:3.2
          Memory: 512
          ReadonlyRootFilesystem: false
"#),
            cfn_good("A read-only root from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ReadOnly:
    Type: String
    Default: "true"
Resources:
  Api:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: api
          Image: public.ecr.aws/example/api:3.2
          Memory: 512
          ReadonlyRootFilesystem: !Ref ReadOnly
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    judge_containers(state, report, |c| {
        let v = &c.readonly_root_filesystem;
        if v.is_false() {
            Judgement::Fail(v.meta.clone(), "root filesystem is writable".into())
        } else if v.is_true() {
            Judgement::Pass
        } else {
            Judgement::Undecided
        }
    });
}
