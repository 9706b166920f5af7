use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an Application, Network or Gateway Load Balancer without deletion protection
    /// (Terraform: `enable_deletion_protection` of `aws_lb` / `aws_alb`; CloudFormation: the
    /// `deletion_protection.enabled` entry of `LoadBalancerAttributes`). AWS leaves it off
    /// unless asked. Classic Load Balancers have no such setting and are not checked.
    ///
    /// A load balancer is the entry point of a service: one mistaken `terraform destroy`,
    /// stack deletion or API call takes the service offline, and its DNS name cannot be
    /// recovered. With protection on, it must be turned off first, a change that shows up in
    /// review and in CloudTrail.
    pub static CHECK = {
        id: "aws-elb-no-deletion-protection",
        title: "Load balancer can be deleted without turning protection off first",
        severity: Low,
        risk_score: 2.5,
        provider: Aws,
        service: "elb",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["CP-10", "SC-5"],
            ISO_27001: ["A.8.14"],
            SOC2: ["A1.2"],
        },
        aliases: ["CKV_AWS_150"],
        remediation: "Set `enable_deletion_protection = true` (CloudFormation: `LoadBalancerAttributes` entry `deletion_protection.enabled: \"true\"`).",
        references: ["https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerAttribute.html"],
        examples: [
            tf_bad("Off through a local", r#"
locals {
  protect = false
}

resource "aws_lb" "web" {
  name                       = "web"
  subnets                    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  enable_deletion_protection = local.protect
}
"#),
            tf_good("Protected", r#"
resource "aws_lb" "web" {
  name                       = "web"
  subnets                    = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  enable_deletion_protection = true
}
"#),
            cfn_bad("Not set, the scheme from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Scheme:
    Type: String
    Default: internal
Resources:
  Web:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: !Ref Scheme
      Subnets: [subnet-0a1b2c3d, subnet-4e5f6a7b]
"#),
            cfn_good("Protected", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Web:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-0a1b2c3d, subnet-4e5f6a7b]
      LoadBalancerAttributes:
        - Key: deletion_protection.enabled
          Value: "true"
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for lb in &state.aws.elb.load_balancers {
        let v = &lb.deletion_protection;
        if v.is_false() {
            report.add(&lb.resource, &v.meta, "Deletion protection is off");
        } else if v.is_true() {
            report.pass(&lb.resource);
        }
    }
}
