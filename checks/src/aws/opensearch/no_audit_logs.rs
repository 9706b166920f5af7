use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an OpenSearch (or Elasticsearch) domain with fine-grained access control that
    /// does not publish audit logs: no `log_publishing_options` block with
    /// `log_type = "AUDIT_LOGS"` (and `enabled` not false) in Terraform, no enabled
    /// `LogPublishingOptions.AUDIT_LOGS` in CloudFormation. Audit logs are off unless
    /// published.
    ///
    /// Audit logs record who authenticated, and which indices and documents each user read
    /// or changed; without them an intrusion or misuse leaves no trace. They need
    /// fine-grained access control: a domain without it is reported by
    /// `aws-opensearch-no-fine-grained-access` instead, and this check gives no verdict on
    /// it. An `AUDIT_LOGS` entry without `Enabled` in CloudFormation is not guessed (AWS
    /// documents no default).
    pub static CHECK = {
        id: "aws-opensearch-no-audit-logs",
        title: "OpenSearch domain does not publish audit logs",
        severity: Medium,
        risk_score: 4.5,
        provider: Aws,
        service: "opensearch",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_317", "AVD-AWS-0042", "aws-elasticsearch-enable-domain-logging", "aws-elastic-search-enable-domain-logging"],
        remediation: "Add a `log_publishing_options { log_type = \"AUDIT_LOGS\"; cloudwatch_log_group_arn = … }` block (CloudFormation: `LogPublishingOptions: {AUDIT_LOGS: {CloudWatchLogsLogGroupArn: …, Enabled: true}}`) and turn audit logging on in OpenSearch Dashboards.",
        references: ["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html"],
        examples: [
            tf_bad("Fine-grained access control, but only application logs", r#"
resource "aws_opensearch_domain" "logs" {
  domain_name = "logs"
  advanced_security_options {
    enabled                        = true
    internal_user_database_enabled = true
  }
  log_publishing_options {
    log_type                 = "ES_APPLICATION_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:123456789012:log-group:search-app"
  }
}
"#),
            tf_good("Audit logs published to a log group of the configuration", r#"
resource "aws_cloudwatch_log_group" "audit" {
  name = "search-audit"
}

resource "aws_opensearch_domain" "logs" {
  domain_name = "logs"
  advanced_security_options {
    enabled                        = true
    internal_user_database_enabled = true
  }
  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.audit.arn
  }
}
"#),
            cfn_bad("Audit logs disabled by a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Audit:
    Type: String
    Default: "false"
Resources:
  Logs:
    Type: AWS::OpenSearchService::Domain
    Properties:
      AdvancedSecurityOptions:
        Enabled: true
        InternalUserDatabaseEnabled: true
      LogPublishingOptions:
        AUDIT_LOGS:
          CloudWatchLogsLogGroupArn: arn:aws:logs:eu-west-1:123456789012:log-group:search-audit
          Enabled: !Ref Audit
"#),
            cfn_good("Audit logs published", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Logs:
    Type: AWS::OpenSearchService::Domain
    Properties:
      AdvancedSecurityOptions:
        Enabled: true
        InternalUserDatabaseEnabled: true
      LogPublishingOptions:
        AUDIT_LOGS:
          CloudWatchLogsLogGroupArn: arn:aws:logs:eu-west-1:123456789012:log-group:search-audit
          Enabled: true
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for d in &state.aws.opensearch.domains {
        if !d.fine_grained_access.is_true() {
            continue;
        }
        let a = &d.audit_logs;
        if a.is_false() {
            report.add(&d.resource, &a.meta, "Domain does not publish audit logs");
        } else if a.is_true() {
            report.pass(&d.resource);
        }
    }
}
