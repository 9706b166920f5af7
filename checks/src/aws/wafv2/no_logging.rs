use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a WAFv2 web ACL (`aws_wafv2_web_acl`, `AWS::WAFv2::WebACL`) that no logging
    /// configuration names: no `aws_wafv2_web_acl_logging_configuration`
    /// (`AWS::WAFv2::LoggingConfiguration`) has its ARN in `resource_arn` (`ResourceArn`). A
    /// web ACL logs nothing until one does. A configuration whose target cannot be evaluated
    /// leaves the web ACLs it might name unjudged.
    ///
    /// Web ACL logs record each request the firewall inspected and the rule that allowed or
    /// blocked it; without them, attacks the firewall saw (or let through) cannot be
    /// investigated, and rules cannot be tuned against false positives.
    pub static CHECK = {
        id: "aws-wafv2-no-logging",
        title: "WAF web ACL does not log requests",
        severity: Medium,
        risk_score: 4.0,
        provider: Aws,
        service: "wafv2",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-2", "AU-12", "SI-4"],
            ISO_27001: ["A.8.15", "A.8.16"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV2_AWS_31"],
        remediation: "Add an `aws_wafv2_web_acl_logging_configuration` (CloudFormation: `AWS::WAFv2::LoggingConfiguration`) with the web ACL's ARN and a CloudWatch Logs group, S3 bucket or Firehose stream whose name starts with `aws-waf-logs-`.",
        references: ["https://docs.aws.amazon.com/waf/latest/developerguide/logging.html"],
        examples: [
            tf_bad("No logging configuration, the scope from a variable", r#"
variable "scope" {
  default = "REGIONAL"
}

resource "aws_wafv2_web_acl" "web" {
  name  = "web"
  scope = var.scope

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "web"
    sampled_requests_enabled   = true
  }
}
"#),
            tf_good("Logged to CloudWatch Logs", r#"
resource "aws_wafv2_web_acl" "web" {
  name  = "web"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "web"
    sampled_requests_enabled   = true
  }
}

resource "aws_cloudwatch_log_group" "waf" {
  name              = "aws-waf-logs-web"
  retention_in_days = 365
}

resource "aws_wafv2_web_acl_logging_configuration" "web" {
  resource_arn            = aws_wafv2_web_acl.web.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]
}
"#),
            cfn_bad("No logging configuration, the scope from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Scope:
    Type: String
    Default: REGIONAL
Resources:
  WebAcl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Name: web
      Scope: !Ref Scope
      DefaultAction:
        Allow: {}
      VisibilityConfig:
        CloudWatchMetricsEnabled: true
        MetricName: web
        SampledRequestsEnabled: true
"#),
            cfn_good("Logged to CloudWatch Logs", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  WebAcl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Name: web
      Scope: REGIONAL
      DefaultAction:
        Allow: {}
      VisibilityConfig:
        CloudWatchMetricsEnabled: true
        MetricName: web
        SampledRequestsEnabled: true
  WafLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: aws-waf-logs-web
      RetentionInDays: 365
  WebAclLogging:
    Type: AWS::WAFv2::LoggingConfiguration
    Properties:
      ResourceArn: !GetAtt WebAcl.Arn
      LogDestinationConfigs:
        - !GetAtt WafLogs.Arn
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for acl in &state.aws.wafv2.web_acls {
        let v = &acl.logging;
        if v.is_false() {
            report.add(
                &acl.resource,
                &v.meta,
                "No logging configuration names the web ACL",
            );
        } else if v.is_true() {
            report.pass(&acl.resource);
        }
    }
}
