use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an ECS cluster without Container Insights: no `setting` block named
    /// `containerInsights` with value `enabled` or `enhanced` (CloudFormation:
    /// `ClusterSettings` entry `{Name: containerInsights, Value: enabled}`).
    ///
    /// A cluster that does not set it takes the account setting, `disabled` unless it was
    /// changed. Without Container Insights there are no per-task CPU, memory and network
    /// metrics nor task events, so a crypto-mining task or a crash loop goes unnoticed.
    pub static CHECK = {
        id: "aws-ecs-no-container-insights",
        title: "ECS cluster does not enable Container Insights",
        severity: Low,
        risk_score: 2.5,
        provider: Aws,
        service: "ecs",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SI-4", "AU-12"],
            ISO_27001: ["A.8.16"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_65", "AVD-AWS-0034", "aws-ecs-enable-container-insight"],
        remediation: "Add `setting { name = \"containerInsights\" value = \"enabled\" }` (CloudFormation: `ClusterSettings: [{Name: containerInsights, Value: enabled}]`).",
        references: [
            "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ClusterSetting.html",
            "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContainerInsights.html",
        ],
        examples: [
            tf_bad("Disabled through a variable", r#"
variable "insights" {
  default = "disabled"
}

resource "aws_ecs_cluster" "main" {
  name = "main"

  setting {
    name  = "containerInsights"
    value = var.insights
  }
}
"#),
            tf_good("Enabled", r#"
resource "aws_ecs_cluster" "main" {
  name = "main"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}
"#),
            cfn_bad("Not set: the account default, disabled", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::ECS::Cluster
    Properties:
      ClusterName: main
"#),
            cfn_good("Enhanced observability from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Insights:
    Type: String
    Default: enhanced
Resources:
  Main:
    Type: AWS::ECS::Cluster
    Properties:
      ClusterSettings:
        - Name: containerInsights
          Value: !Ref Insights
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.ecs.clusters {
        let v = &c.container_insights;
        if v.is_one_of(&["enabled", "enhanced"]) {
            report.pass(&c.resource);
        } else if v.known().is_some() {
            report.add(&c.resource, &v.meta, "Container Insights is not enabled");
        }
    }
}
