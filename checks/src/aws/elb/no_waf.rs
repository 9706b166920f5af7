use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an internet-facing Application Load Balancer that no AWS WAF web ACL protects:
    /// no `aws_wafv2_web_acl_association` (CloudFormation: `AWS::WAFv2::WebACLAssociation`),
    /// nor their WAF Classic regional counterparts, names it in `resource_arn` (`ResourceArn`).
    /// An association whose target cannot be evaluated leaves the load balancers it might
    /// name unjudged; one that names another resource (an API Gateway stage, a user pool)
    /// protects none of them. Internal load balancers are not checked.
    ///
    /// An internet-facing load balancer receives requests from anyone; without a web ACL,
    /// injection attempts, known bad bots and request floods reach the application
    /// unfiltered.
    pub static CHECK = {
        id: "aws-elb-no-waf",
        title: "Internet-facing Application Load Balancer has no web application firewall",
        severity: Medium,
        risk_score: 4.0,
        provider: Aws,
        service: "elb",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-7", "SI-3"],
            ISO_27001: ["A.8.20", "A.8.23"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV2_AWS_28"],
        remediation: "Associate a WAFv2 web ACL (scope REGIONAL) with `aws_wafv2_web_acl_association` (CloudFormation: `AWS::WAFv2::WebACLAssociation`) whose resource ARN is the load balancer's.",
        references: ["https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html"],
        examples: [
            tf_bad("Internet-facing through a variable's default, no web ACL", r#"
variable "internal" {
  default = false
}

resource "aws_lb" "web" {
  name     = "web"
  internal = var.internal
  subnets  = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}
"#),
            tf_good("A web ACL associated by reference", r#"
resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_wafv2_web_acl_association" "web" {
  resource_arn = aws_lb.web.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/web/abc"
}
"#),
            cfn_bad("No web ACL; an association protects a user pool instead", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  WebAclArn:
    Type: String
    Default: arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/web/abc
Resources:
  Web:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internet-facing
      Subnets: [subnet-0a1b2c3d, subnet-4e5f6a7b]
  Users:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: users
  UsersAcl:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !GetAtt Users.Arn
      WebACLArn: !Ref WebAclArn
"#),
            cfn_good("A web ACL associated through GetAtt", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Web:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-0a1b2c3d, subnet-4e5f6a7b]
  WebAcl:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Ref Web
      WebACLArn: arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/web/abc
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for lb in &state.aws.elb.load_balancers {
        if !lb.lb_type.eq_ignore_case("application") || !lb.internal.is_false() {
            continue;
        }
        let v = &lb.web_acl;
        if v.is_false() {
            report.add(
                &lb.resource,
                &v.meta,
                "The internet-facing load balancer has no WAF web ACL",
            );
        } else if v.is_true() {
            report.pass(&lb.resource);
        }
    }
}
