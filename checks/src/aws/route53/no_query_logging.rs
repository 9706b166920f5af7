use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a public Route 53 hosted zone without DNS query logging: no `aws_route53_query_log`
    /// names it (`zone_id`), and in CloudFormation it has no `QueryLoggingConfig`. A new zone logs
    /// no queries. Private zones (with `vpc` / `VPCs`) are not judged: their queries are logged by
    /// Resolver query logging, a VPC setting.
    ///
    /// Query logs show which names are resolved, how often and from where: they reveal
    /// reconnaissance of your domains, DNS tunnelling and the use of forgotten records.
    pub static CHECK = {
        id: "aws-route53-no-query-logging",
        title: "Route 53 public hosted zone has no query logging",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "route53",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV2_AWS_39"],
        remediation: "Add an `aws_route53_query_log` with `zone_id` set to the zone and a CloudWatch Logs group in us-east-1 (CloudFormation: `QueryLoggingConfig: {CloudWatchLogsLogGroupArn: ...}`).",
        references: ["https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/query-logs.html"],
        examples: [
            tf_bad("No query log; the domain from a variable", r#"
variable "domain" {
  default = "example.com"
}

resource "aws_route53_zone" "public" {
  name = var.domain
}
"#),
            tf_good("A query log joined to the zone; a private zone is not judged", r#"
resource "aws_route53_zone" "public" {
  name = "example.com"
}

resource "aws_cloudwatch_log_group" "dns" {
  name              = "/aws/route53/example.com"
  retention_in_days = 30
}

resource "aws_route53_query_log" "public" {
  cloudwatch_log_group_arn = aws_cloudwatch_log_group.dns.arn
  zone_id                  = aws_route53_zone.public.zone_id
}

resource "aws_route53_zone" "internal" {
  name = "internal.example.com"

  vpc {
    vpc_id = "vpc-0123456789abcdef0"
  }
}
"#),
            cfn_bad("No query logging; the domain from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Domain:
    Type: String
    Default: example.com
Resources:
  Zone:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: !Ref Domain
"#),
            cfn_good("Query logging to a log group of the template", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  DnsLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/route53/example.com
      RetentionInDays: 30
  Zone:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: example.com
      QueryLoggingConfig:
        CloudWatchLogsLogGroupArn: !GetAtt DnsLogs.Arn
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for z in &state.aws.route53.zones {
        if !z.private.is_false() {
            continue;
        }
        let v = &z.query_logging;
        if v.is_false() {
            report.add(
                &z.resource,
                &v.meta,
                "DNS queries to the public zone are not logged",
            );
        } else if v.is_true() {
            report.pass(&z.resource);
        }
    }
}
