use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a REST API method with authorization type `NONE` (CloudFormation's default) and no
    /// API key required. `OPTIONS` methods (CORS preflight) are not judged.
    ///
    /// Anyone who finds the endpoint can call it: the back end must then defend itself against the
    /// whole internet, and usage cannot be attributed to a caller.
    pub static CHECK = {
        id: "aws-apigateway-method-no-auth",
        title: "API Gateway method has no authorization",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "apigateway",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "IA-2"],
            ISO_27001: ["A.5.15", "A.8.5"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_59", "CKV2_AWS_70", "AVD-AWS-0004", "aws-apigateway-no-public-access", "aws-api-gateway-no-public-access"],
        remediation: "Set `authorization` to `AWS_IAM`, `COGNITO_USER_POOLS` or `CUSTOM` (with an authorizer), or require an API key for machine clients.",
        references: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html"],
        examples: [
            tf_bad("No authorization through a variable's default", r#"
variable "authorization" {
  default = "NONE"
}

resource "aws_api_gateway_method" "orders_get" {
  rest_api_id = "a1b2c3d4e5"
  resource_id = "r1"
  http_method = "GET"
  authorization = var.authorization
}
"#),
            tf_good("IAM authorization", r#"
resource "aws_api_gateway_method" "orders_get" {
  rest_api_id = "a1b2c3d4e5"
  resource_id = "r1"
  http_method = "GET"
  authorization = "AWS_IAM"
}
"#),
            cfn_bad("No authorization type: NONE by default, the method from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Verb:
    Type: String
    Default: POST
Resources:
  OrdersPost:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: a1b2c3d4e5
      ResourceId: r1
      HttpMethod: !Ref Verb
"#),
            cfn_good("A Cognito authorizer", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  OrdersGet:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: a1b2c3d4e5
      ResourceId: r1
      HttpMethod: GET
      AuthorizationType: COGNITO_USER_POOLS
      AuthorizerId: auth1
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for m in &state.aws.apigateway.methods {
        let (Some(verb), Some(auth), Some(&key)) = (
            m.http_method.as_str(),
            m.authorization.as_str(),
            m.api_key_required.known(),
        ) else {
            continue;
        };
        if verb.eq_ignore_ascii_case("OPTIONS") {
            continue;
        }
        if auth.eq_ignore_ascii_case("NONE") && !key {
            report.add(
                &m.resource,
                &m.authorization.meta,
                format!("`{verb}` requires no authorization and no API key"),
            );
        } else {
            report.pass(&m.resource);
        }
    }
}
