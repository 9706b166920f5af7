use crate::aws::{Verdict, Verdicts};
use crate::check::{Severity, cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a load balancer listener that serves plain HTTP without redirecting every
    /// request to HTTPS.
    ///
    /// Plain HTTP exposes session cookies, tokens and form data to anyone on the network
    /// path.
    ///
    /// Classic Load Balancers (`aws_elb`, `AWS::ElasticLoadBalancing::LoadBalancer`) count
    /// too; they cannot redirect, so their HTTP listeners always serve plain HTTP. A listener
    /// of an internal load balancer (`internal = true`, `Scheme: internal`) is reported at
    /// medium severity rather than high: its traffic stays inside the VPC, where fewer
    /// parties sit on the path.
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
            tf_bad("A Classic Load Balancer listening on HTTP", r#"
resource "aws_elb" "web" {
  name               = "web"
  availability_zones = ["eu-west-1a"]

  listener {
    instance_port     = 8080
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }

  listener {
    instance_port      = 8080
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
  }
}
"#),
            tf_bad("Plain HTTP on an internal load balancer (medium severity)", r#"
resource "aws_lb" "internal" {
  name     = "orders"
  internal = true
  subnets  = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
}

resource "aws_lb_listener" "orders" {
  load_balancer_arn = aws_lb.internal.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/orders/73e2d6bc24d8a067"
  }
}
"#),
            tf_good("A Classic Load Balancer serving only HTTPS", r#"
resource "aws_elb" "web" {
  name               = "web"
  availability_zones = ["eu-west-1a"]

  listener {
    instance_port      = 8080
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
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
            cfn_bad("A Classic Load Balancer listening on HTTP", r"
Resources:
  Web:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: [eu-west-1a]
      Listeners:
        - LoadBalancerPort: '80'
          InstancePort: '8080'
          Protocol: HTTP
"),
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
    // A Classic Load Balancer's listeners all carry its resource: one verdict for all.
    let mut verdicts = Verdicts::default();
    for l in &state.aws.elb.listeners {
        if l.protocol.known().is_some() && !l.protocol.eq_ignore_case("HTTP") {
            // HTTPS, TLS, TCP, …: the listener serves no plain HTTP.
            verdicts.record(&l.resource, Verdict::Pass);
            continue;
        }
        if !l.protocol.eq_ignore_case("HTTP") || l.default_actions.is_empty() {
            verdicts.record(&l.resource, Verdict::Undecided);
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
            let (message, severity) = if l.internal.is_true() {
                (
                    "Listener of an internal load balancer serves plain HTTP without redirecting to HTTPS",
                    Severity::Medium,
                )
            } else if l.classic {
                (
                    "Classic Load Balancer listener serves plain HTTP (a Classic Load Balancer cannot redirect to HTTPS)",
                    CHECK.meta.severity,
                )
            } else {
                (
                    "Listener serves plain HTTP without redirecting to HTTPS",
                    CHECK.meta.severity,
                )
            };
            report.add_graded(&l.resource, &l.protocol.meta, message, severity);
            verdicts.record(&l.resource, Verdict::Fail);
        } else if l.default_actions.iter().any(|a| {
            a.action_type.eq_ignore_case("redirect")
                && a.redirect_protocol.is(|p| !p.eq_ignore_ascii_case("HTTP"))
        }) {
            // A redirect whose target protocol is known and not plain HTTP.
            verdicts.record(&l.resource, Verdict::Pass);
        } else {
            verdicts.record(&l.resource, Verdict::Undecided);
        }
    }
    verdicts.report_passes(report);
}

#[cfg(test)]
mod tests {
    use super::CHECK;
    use crate::check::Severity;
    use cloudsentinel_model::aws::elb::{Listener, ListenerAction};
    use cloudsentinel_model::{Meta, Origin, ResourceMeta, State, Value};

    fn http_listener(internal: Value<bool>) -> State {
        let o = Origin::None;
        let mut s = State::default();
        s.aws.elb.listeners.push(Listener {
            resource: ResourceMeta::new(
                cloudsentinel_model::Provider::Aws,
                "aws_lb_listener.web",
                o.clone(),
            ),
            protocol: Value::explicit("HTTP".into(), o.clone()),
            ssl_policy: Value::explicit(String::new(), o.clone()),
            default_actions: vec![ListenerAction {
                meta: Meta::explicit(o.clone()),
                action_type: Value::explicit("forward".into(), o.clone()),
                redirect_protocol: Value::explicit(String::new(), o),
            }],
            internal,
            classic: false,
        });
        s
    }

    #[test]
    fn plain_http_inside_the_vpc_is_graded_medium_and_unknown_reach_keeps_high() {
        let severity = |internal| {
            let (f, _) = crate::run_checks_with_passes(&http_listener(internal), &[&CHECK]);
            assert_eq!(f.len(), 1, "{f:#?}");
            f[0].severity
        };
        assert_eq!(
            severity(Value::explicit(true, Origin::None)),
            Severity::Medium
        );
        assert_eq!(
            severity(Value::explicit(false, Origin::None)),
            Severity::High
        );
        assert_eq!(severity(Value::unknown(Origin::None)), Severity::High);
    }
}
