use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a load balancer listener that serves plain HTTP without redirecting every
    /// request to HTTPS.
    ///
    /// Plain HTTP exposes session cookies, tokens and form data to anyone on the network
    /// path.
    pub static CHECK = {
        id: "aws-elb-http-listener",
        title: "Load balancer listener serves plain HTTP",
        severity: High,
        risk_score: 7.0,
        provider: Aws,
        service: "elb",
        formats: [Terraform, CloudFormation],
        compliance: {
            NIST_800_53: ["SC-8", "SC-23"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_AWS_2", "CKV2_AWS_20", "AVD-AWS-0054", "aws-elb-http-not-used"],
        remediation: "Serve HTTPS, and make the port-80 listener's default action a `redirect` with `protocol = \"HTTPS\"`. In CloudFormation: a `redirect` default action with `RedirectConfig: {Protocol: HTTPS}`.",
        references: ["https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions"],
        examples: [
            tf_bad("Protocol from a variable default", r#"
variable "listener_protocol" {
  default = "HTTP"
}

resource "aws_lb_listener" "web" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 80
  protocol          = var.listener_protocol
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067"
  }
}
"#),
            tf_bad("Forwarding plain HTTP", r#"
resource "aws_lb_listener" "web" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067"
  }
}
"#),
            tf_good("Redirecting to HTTPS", r#"
resource "aws_lb_listener" "web" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}
"#),
            cfn_bad("Protocol from a parameter default, load balancer and target group joined by !Ref", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ListenerProtocol:
    Type: String
    Default: HTTP
  Subnets:
    Type: List<AWS::EC2::Subnet::Id>
    Default: subnet-0123456789abcdef0,subnet-0123456789abcdef1
Resources:
  Web:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: !Ref Subnets
  WebTargets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Port: 8080
      Protocol: HTTP
      VpcId: vpc-0123456789abcdef0
  WebListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Web
      Port: 80
      Protocol: !Ref ListenerProtocol
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref WebTargets
"#),
            cfn_bad("No protocol on an Application Load Balancer's listener: HTTP", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Web:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: application
      Subnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
  WebListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Web
      Port: 80
      DefaultActions:
        - Type: fixed-response
          FixedResponseConfig:
            StatusCode: "200"
"#),
            cfn_good("Redirecting to HTTPS", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Web:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
  WebListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Web
      Port: 80
      Protocol: HTTP
      DefaultActions:
        - Type: redirect
          RedirectConfig:
            Port: "443"
            Protocol: HTTPS
            StatusCode: HTTP_301
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for l in &state.aws.elb.listeners {
        if l.protocol.known().is_some() && !l.protocol.eq_ignore_case("HTTP") {
            // HTTPS, TLS, TCP, …: the listener serves no plain HTTP.
            report.pass(&l.resource);
            continue;
        }
        if !l.protocol.eq_ignore_case("HTTP") || l.default_actions.is_empty() {
            continue;
        }
        let actions_known = l
            .default_actions
            .iter()
            .all(|a| a.action_type.known().is_some());
        let redirects = l.default_actions.iter().any(|a| {
            a.action_type.eq_ignore_case("redirect") && !a.redirect_protocol.eq_ignore_case("HTTP")
        });
        if actions_known && !redirects {
            report.add(
                &l.resource,
                &l.protocol.meta,
                "Listener serves plain HTTP without redirecting to HTTPS",
            );
        } else if l.default_actions.iter().any(|a| {
            a.action_type.eq_ignore_case("redirect")
                && a.redirect_protocol.is(|p| !p.eq_ignore_ascii_case("HTTP"))
        }) {
            // A redirect whose target protocol is known and not plain HTTP.
            report.pass(&l.resource);
        }
    }
}
