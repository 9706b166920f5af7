use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an Application Load Balancer that forwards HTTP headers with invalid names
    /// (Terraform: `drop_invalid_header_fields` of `aws_lb` / `aws_alb`; CloudFormation: the
    /// `routing.http.drop_invalid_header_fields.enabled` entry of `LoadBalancerAttributes`).
    /// AWS forwards them unless told to drop them.
    ///
    /// Header names that do not match `[-A-Za-z0-9]+` are interpreted differently by proxies
    /// and back ends; passing them on enables HTTP request smuggling and header-injection
    /// attacks against the targets.
    pub static CHECK = {
        id: "aws-elb-no-drop-invalid-headers",
        title: "Application Load Balancer forwards invalid HTTP header fields",
        severity: Medium,
        risk_score: 4.5,
        provider: Aws,
        service: "elb",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SI-10"],
            ISO_27001: ["A.8.20"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AWS_131", "AVD-AWS-0052", "aws-elb-drop-invalid-headers"],
        remediation: "Set `drop_invalid_header_fields = true` (CloudFormation: `LoadBalancerAttributes` entry `routing.http.drop_invalid_header_fields.enabled: \"true\"`).",
        references: ["https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerAttribute.html"],
        examples: [
            tf_bad("Not set: forwarded, the subnets from a variable", r#"
variable "subnets" {
  default = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_lb" "web" {
  name    = "web"
  subnets = var.subnets
}
"#),
            tf_good("Dropped; a Network Load Balancer has no such setting", r#"
resource "aws_lb" "web" {
  name                       = "web"
  subnets                    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  drop_invalid_header_fields = true
}

resource "aws_lb" "tcp" {
  name               = "tcp"
  load_balancer_type = "network"
  subnets            = ["subnet-0a1b2c3d"]
}
"#),
            cfn_bad("Turned off through a condition", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Web:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-0a1b2c3d, subnet-4e5f6a7b]
      LoadBalancerAttributes:
        - Key: routing.http.drop_invalid_header_fields.enabled
          Value: !If [IsProd, "true", "false"]
"#),
            cfn_good("Dropped", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Web:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: application
      Subnets: [subnet-0a1b2c3d, subnet-4e5f6a7b]
      LoadBalancerAttributes:
        - Key: routing.http.drop_invalid_header_fields.enabled
          Value: "true"
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for lb in &state.aws.elb.load_balancers {
        if !lb.lb_type.eq_ignore_case("application") {
            continue;
        }
        let v = &lb.drop_invalid_header_fields;
        if v.is_false() {
            report.add(
                &lb.resource,
                &v.meta,
                "Invalid HTTP header fields are forwarded to the targets",
            );
        } else if v.is_true() {
            report.pass(&lb.resource);
        }
    }
}
