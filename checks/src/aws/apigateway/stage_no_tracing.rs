use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a REST API stage with X-Ray tracing off (`xray_tracing_enabled`, `TracingEnabled`;
    /// false by default). HTTP and WebSocket APIs have no tracing setting and are not judged.
    ///
    /// Without traces, unusual request paths through the API and its back ends leave no record.
    pub static CHECK = {
        id: "aws-apigateway-stage-no-tracing",
        title: "API Gateway stage does not use X-Ray tracing",
        severity: Low,
        risk_score: 2.0,
        provider: Aws,
        service: "apigateway",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-12", "SI-4"],
            ISO_27001: ["A.8.15", "A.8.16"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_73", "AVD-AWS-0003", "aws-apigateway-enable-tracing", "aws-api-gateway-enable-tracing"],
        remediation: "Set `xray_tracing_enabled = true` (CloudFormation: `TracingEnabled: true`).",
        references: ["https://docs.aws.amazon.com/xray/latest/devguide/xray-services-apigateway.html"],
        examples: [
            tf_bad("Tracing off through a variable's default", r#"
variable "tracing" {
  default = false
}

resource "aws_api_gateway_stage" "prod" {
  stage_name    = "prod"
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "abc123"
  xray_tracing_enabled = var.tracing

  access_log_settings {
    destination_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:api-access"
    format          = "$context.requestId $context.identity.sourceIp $context.status"
  }
}
"#),
            tf_good("Tracing on", r#"
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
            cfn_bad("Tracing off through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Tracing:
    Type: String
    Default: "false"
Resources:
  Prod:
    Type: AWS::ApiGateway::Stage
    Properties:
      StageName: prod
      RestApiId: a1b2c3d4e5
      DeploymentId: abc123
      TracingEnabled: !Ref Tracing
      AccessLogSetting:
        DestinationArn: arn:aws:logs:eu-west-1:111122223333:log-group:api-access
        Format: $context.requestId $context.status
"#),
            cfn_good("Tracing on", r#"
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
        let v = &r.tracing;
        if v.is_false() {
            report.add(&r.resource, &v.meta, "X-Ray tracing is off");
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
