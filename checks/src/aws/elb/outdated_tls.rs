use crate::aws::{Verdict, Verdicts};
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::aws::elb::ssl_policy_is_modern;

declare_check! {
    /// Flags an HTTPS or TLS listener whose SSL policy still allows protocols below TLS 1.2.
    /// Classic Load Balancer HTTPS and SSL listeners count too: without `PolicyNames` they
    /// get AWS's default `ELBSecurityPolicy-2016-08`; with them, the predefined policy their
    /// SSL negotiation policy references (`Reference-Security-Policy`). In Terraform, when
    /// `aws_load_balancer_listener_policy` or `aws_lb_ssl_negotiation_policy` resources are
    /// declared, a Classic listener's policy is not guessed.
    ///
    /// TLS 1.0 and 1.1 have known weaknesses and are rejected by PCI DSS; clients that need
    /// them are long gone.
    pub static CHECK = {
        id: "aws-elb-outdated-tls",
        title: "Load balancer listener allows TLS below 1.2",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "elb",
        formats: [Terraform, CloudFormation],
        compliance: {
            NIST_800_53: ["SC-8", "SC-13"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_AWS_103", "AVD-AWS-0047", "aws-elb-use-secure-tls-policy"],
        remediation: "Use `ELBSecurityPolicy-TLS13-1-2-2021-06` (or another TLS 1.2+ policy). Set it in `ssl_policy` (`SslPolicy` in CloudFormation).",
        references: ["https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html"],
        examples: [
            tf_bad("An old policy passed to a module", r#"
module "listener" {
  source     = "./modules/listener"
  ssl_policy = "ELBSecurityPolicy-TLS-1-1-2017-01"
}

# file: modules/listener/main.tf
variable "ssl_policy" {
  default = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067"
  }
}
"#),
            tf_bad("A 2016 policy allowing TLS 1.0", r#"
resource "aws_lb_listener" "web" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-2016-08"
  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067"
  }
}
"#),
            tf_good("TLS 1.2 and 1.3 only", r#"
resource "aws_lb_listener" "web" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067"
  }
}
"#),
            cfn_bad("An old policy from a parameter default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  SslPolicy:
    Type: String
    Default: ELBSecurityPolicy-TLS-1-1-2017-01
  CertificateArn:
    Type: String
    Default: arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012
Resources:
  Web:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
  WebTargets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Port: 8080
      Protocol: HTTP
      VpcId: vpc-0123456789abcdef0
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Web
      Port: 443
      Protocol: HTTPS
      SslPolicy: !Ref SslPolicy
      Certificates:
        - CertificateArn: !Ref CertificateArn
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref WebTargets
"#),
            cfn_bad("No SSL policy: ELBSecurityPolicy-2016-08, which allows TLS 1.0", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188
      Port: 443
      Protocol: HTTPS
      Certificates:
        - CertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012
      DefaultActions:
        - Type: forward
          TargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067
"#),
            cfn_bad("A Classic Load Balancer HTTPS listener with no policy", r"
Resources:
  Web:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: [eu-west-1a]
      Scheme: internal
      Listeners:
        - LoadBalancerPort: '443'
          InstancePort: '8080'
          Protocol: HTTPS
          InstanceProtocol: HTTP
          SSLCertificateId: arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b
"),
            cfn_good("A Classic Load Balancer HTTPS listener referencing a TLS 1.2 policy", r"
Resources:
  Web:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: [eu-west-1a]
      Policies:
        - PolicyName: tls12
          PolicyType: SSLNegotiationPolicyType
          Attributes:
            - Name: Reference-Security-Policy
              Value: ELBSecurityPolicy-TLS-1-2-2017-01
      Listeners:
        - LoadBalancerPort: '443'
          InstancePort: '8080'
          Protocol: HTTPS
          InstanceProtocol: HTTP
          SSLCertificateId: arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b
          PolicyNames: [tls12]
"),
            cfn_good("TLS 1.2 and 1.3 only", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188
      Port: 443
      Protocol: HTTPS
      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
      Certificates:
        - CertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012
      DefaultActions:
        - Type: forward
          TargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    // A Classic Load Balancer's listeners all carry its resource: one verdict for all.
    let mut verdicts = Verdicts::default();
    for l in &state.aws.elb.listeners {
        // Only TLS listeners have an SSL policy; the check does not apply to the others.
        if !l.protocol.is_one_of(&["HTTPS", "TLS", "SSL"]) {
            continue;
        }
        let Some(policy) = l.ssl_policy.as_str().filter(|p| !p.is_empty()) else {
            // Unknown, or no policy named: which default applies is not guessed.
            verdicts.record(&l.resource, Verdict::Undecided);
            continue;
        };
        if ssl_policy_is_modern(policy) {
            verdicts.record(&l.resource, Verdict::Pass);
        } else {
            report.add(
                &l.resource,
                &l.ssl_policy.meta,
                format!("SSL policy {policy} allows protocols below TLS 1.2"),
            );
            verdicts.record(&l.resource, Verdict::Fail);
        }
    }
    verdicts.report_passes(report);
}
