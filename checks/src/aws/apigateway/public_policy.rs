use crate::aws::resource_policy;
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a private REST API (endpoint type `PRIVATE`) whose resource policy has an Allow
    /// statement for `Principal: "*"` (or `{"AWS": "*"}`, or everyone but a `NotPrincipal`
    /// list) without a condition that narrows who can use it (`aws:SourceVpce`,
    /// `aws:SourceVpc`, `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceAccount`,
    /// `aws:SourceArn`, `aws:SourceIp`). The policy is the `policy` attribute of
    /// `aws_api_gateway_rest_api` or an `aws_api_gateway_rest_api_policy` naming the API
    /// (`Policy` of `AWS::ApiGateway::RestApi`).
    ///
    /// A private API is meant to be reachable only from chosen VPC endpoints; without an
    /// `aws:SourceVpce` or `aws:SourceVpc` condition, any interface endpoint for
    /// `execute-api`, in any account's VPC, can invoke it. Edge-optimized and regional APIs
    /// (the default endpoint type is `EDGE`) are reachable from the internet whatever their
    /// policy says, and whether their methods authenticate callers is
    /// `aws-apigateway-method-no-auth`'s concern: this check gives them no verdict. A
    /// policy that cannot be evaluated is not flagged.
    pub static CHECK = {
        id: "aws-apigateway-public-policy",
        title: "Private API Gateway REST API policy allows any VPC endpoint",
        severity: High,
        risk_score: 7.5,
        provider: Aws,
        service: "apigateway",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "AC-4", "SC-7"],
            ISO_27001: ["A.5.15", "A.8.20"],
            SOC2: ["CC6.1", "CC6.6"],
        },
        aliases: [],
        remediation: "Add a condition `StringEquals: {aws:SourceVpce: <endpoint id>}` (or `aws:SourceVpc`) to the statement that allows `execute-api:Invoke`, or a Deny for requests from other endpoints.",
        references: [
            "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html",
            "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html#apigateway-resource-policies-source-vpc-example",
            "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-endpoint-types.html",
        ],
        examples: [
            tf_bad("A private API any endpoint can invoke", r#"
resource "aws_api_gateway_rest_api" "internal" {
  name = "internal"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_rest_api_policy" "internal" {
  rest_api_id = aws_api_gateway_rest_api.internal.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "${aws_api_gateway_rest_api.internal.execution_arn}/*"
    }]
  })
}
"#),
            tf_good("A private API restricted to one endpoint, named by a variable", r#"
variable "endpoint_id" {
  default = "vpce-0123456789abcdef0"
}

resource "aws_api_gateway_rest_api" "internal" {
  name = "internal"
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = [var.endpoint_id]
  }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "execute-api:/*"
      Condition = { StringEquals = { "aws:SourceVpce" = var.endpoint_id } }
    }]
  })
}
"#),
            cfn_bad("A private API, its endpoint type from a parameter, any endpoint can invoke", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  EndpointType:
    Type: String
    Default: PRIVATE
Resources:
  Internal:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: internal
      EndpointConfiguration:
        Types:
          - !Ref EndpointType
      Policy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: execute-api:Invoke
            Resource: execute-api:/*
"#),
            cfn_good("A private API restricted to the VPC", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Internal:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: internal
      EndpointConfiguration:
        Types:
          - PRIVATE
      Policy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: execute-api:Invoke
            Resource: execute-api:/*
            Condition:
              StringEquals:
                aws:SourceVpc: vpc-0123456789abcdef0
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for api in &state.aws.apigateway.rest_apis {
        if api.endpoint_type.eq_ignore_case("PRIVATE") {
            resource_policy::check(report, &api.resource, &api.policies, &[], "API policy");
        }
    }
}
