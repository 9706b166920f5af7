use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an API Gateway stage (REST, HTTP or WebSocket API) without access logging
    /// (`access_log_settings`, `AccessLogSetting(s)`).
    ///
    /// Access logs are the record of who called the API, from where, and with what result; without
    /// them, abuse of the API and the reach of a leaked key cannot be established.
    pub static CHECK = {
        id: "aws-apigateway-stage-no-access-logs",
        title: "API Gateway stage has no access logging",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "apigateway",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: [
            "CKV_AWS_76", "CKV_AWS_95", "AVD-AWS-0001", "aws-apigateway-enable-access-logging", "aws-api-gateway-enable-access-logging",
        ],
        remediation: "Add `access_log_settings { destination_arn = …, format = … }` (CloudFormation: `AccessLogSetting`).",
        references: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html"],
        examples: [
            tf_bad("No access logs, tracing from a variable", r#"
variable "tracing" {
  default = true
}

resource "aws_api_gateway_stage" "prod" {
  stage_name    = "prod"
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "abc123"
  xray_tracing_enabled = var.tracing
}
"#),
            tf_good("Access logs to CloudWatch", r#"
resource "aws_api_gateway_stage" "prod" {
  stage_name    = "prod"
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "abc123"
  xray_tracing_enabled = true

  access_log_settings {
    destination_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:api-access"
    format          = "$context.requestId $context.identity.sourceIp $context.status"
  }
}
"#),
            cfn_bad("No access logs, tracing from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Tracing:
    Type: String
    Default: "true"
Resources:
  Prod:
    Type: AWS::ApiGateway::Stage
    Properties:
      StageName: prod
      RestApiId: a1b2c3d4e5
      DeploymentId: abc123
      TracingEnabled: !Ref Tracing
"#),
            cfn_good("Access logs to CloudWatch", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Prod:
    Type: AWS::ApiGateway::Stage
    Properties:
      StageName: prod
      RestApiId: a1b2c3d4e5
      DeploymentId: abc123
      TracingEnabled: true
      AccessLogSetting:
        DestinationArn: arn:aws:logs:eu-west-1:111122223333:log-group:api-access
        Format: $context.requestId $context.status
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.aws.apigateway.stages {
        let v = &r.access_logs;
        if v.is_false() {
            report.add(&r.resource, &v.meta, "The stage has no access logging");
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
