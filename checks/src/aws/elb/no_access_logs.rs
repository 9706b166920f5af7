use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an Application, Network or Classic Load Balancer that writes no access logs
    /// (Terraform: `access_logs { enabled }` of `aws_lb` / `aws_alb` / `aws_elb`;
    /// CloudFormation: the `access_logs.s3.enabled` entry of `LoadBalancerAttributes`, or
    /// `AccessLoggingPolicy.Enabled` of a Classic Load Balancer). AWS leaves access logging
    /// off unless asked; Terraform's `aws_elb` turns it on when an `access_logs` block does not
    /// say. A Network Load Balancer logs only TLS connections, so it is checked only when a
    /// TLS listener is declared for it; Gateway Load Balancers have no access logs.
    ///
    /// Access logs are the only record of each request a load balancer served: client
    /// address, path, status, TLS protocol and cipher. Without them, an attack through the
    /// load balancer cannot be traced or scoped afterwards.
    pub static CHECK = {
        id: "aws-elb-no-access-logs",
        title: "Load balancer does not write access logs",
        severity: Medium,
        risk_score: 4.0,
        provider: Aws,
        service: "elb",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_91", "CKV_AWS_92"],
        remediation: "Add `access_logs { bucket = …, enabled = true }` (CloudFormation: `LoadBalancerAttributes` entries `access_logs.s3.enabled: \"true\"` and `access_logs.s3.bucket`; Classic: `AccessLoggingPolicy`).",
        references: [
            "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
            "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerAttribute.html",
        ],
        examples: [
            tf_bad("Turned off through a variable's default", r#"
variable "access_logs" {
  default = false
}

resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]

  access_logs {
    bucket  = "example-lb-logs"
    enabled = var.access_logs
  }
}
"#),
            tf_good("Logs to S3", r#"
resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]

  access_logs {
    bucket  = "example-lb-logs"
    enabled = true
  }
}
"#),
            tf_bad("A Network Load Balancer with a TLS listener, not logging", r#"
resource "aws_lb" "api" {
  name               = "api"
  load_balancer_type = "network"
  subnets            = ["subnet-0a1b2c3d"]
}

resource "aws_lb_listener" "tls" {
  load_balancer_arn = aws_lb.api.arn
  port              = 443
  protocol          = "TLS"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/api/abc"
  }
}
"#),
            cfn_bad("Turned off through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AccessLogs:
    Type: String
    Default: "false"
Resources:
  Web:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-0a1b2c3d, subnet-4e5f6a7b]
      LoadBalancerAttributes:
        - Key: access_logs.s3.enabled
          Value: !Ref AccessLogs
        - Key: access_logs.s3.bucket
          Value: example-lb-logs
"#),
            cfn_good("Logs to S3, a Classic Load Balancer with a logging policy, and a TCP-only Network Load Balancer", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Web:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-0a1b2c3d, subnet-4e5f6a7b]
      LoadBalancerAttributes:
        - Key: access_logs.s3.enabled
          Value: "true"
        - Key: access_logs.s3.bucket
          Value: example-lb-logs
  Legacy:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Subnets: [subnet-0a1b2c3d]
      Listeners:
        - LoadBalancerPort: "443"
          InstancePort: "8443"
          Protocol: HTTPS
          SSLCertificateId: arn:aws:acm:eu-west-1:111122223333:certificate/abc
      AccessLoggingPolicy:
        Enabled: true
        S3BucketName: example-lb-logs
  Tcp:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: network
      Subnets: [subnet-0a1b2c3d]
  TcpListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Tcp
      Port: 5432
      Protocol: TCP
      DefaultActions:
        - Type: forward
          TargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/db/abc
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for lb in &state.aws.elb.load_balancers {
        // Gateway Load Balancers have no access logs.
        if !lb.lb_type.is_one_of(&["application", "network", "classic"]) {
            continue;
        }
        let v = &lb.access_logs;
        if v.is_false() {
            report.add(&lb.resource, &v.meta, "Access logging is off");
        } else if v.is_true() {
            report.pass(&lb.resource);
        }
    }
}
