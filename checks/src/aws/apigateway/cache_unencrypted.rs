use crate::aws::{Verdict, Verdicts};
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags REST API method settings that cache responses unencrypted: `caching_enabled =
    /// true` with `cache_data_encrypted = false` in the `settings` of an
    /// `aws_api_gateway_method_settings`, `CachingEnabled: true` with `CacheDataEncrypted:
    /// false` in a `MethodSettings` entry of `AWS::ApiGateway::Stage`.
    ///
    /// Cached responses (which may hold personal data or tokens) are then kept on the cache
    /// cluster's disk in clear. AWS documents no default for either setting and the
    /// Terraform provider leaves them computed, so settings that leave one out are not
    /// guessed.
    pub static CHECK = {
        id: "aws-apigateway-cache-unencrypted",
        title: "API Gateway method cache is not encrypted",
        severity: Medium,
        risk_score: 4.5,
        provider: Aws,
        service: "apigateway",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_308", "AVD-AWS-0002", "aws-apigateway-enable-cache-encryption", "aws-api-gateway-enable-cache-encryption"],
        remediation: "Set `cache_data_encrypted = true` in the method settings (CloudFormation: `CacheDataEncrypted: true` in each `MethodSettings` entry that enables caching).",
        references: ["https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html"],
        examples: [
            tf_bad("Caching on, encryption off", r#"
resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = "prod"
  method_path = "*/*"
  settings {
    caching_enabled      = true
    cache_data_encrypted = false
  }
}

resource "aws_api_gateway_rest_api" "api" {
  name = "api"
}
"#),
            tf_good("Caching on, encryption from a variable", r#"
variable "encrypt_cache" {
  default = true
}

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = "abcdef1234"
  stage_name  = "prod"
  method_path = "*/*"
  settings {
    caching_enabled      = true
    cache_data_encrypted = var.encrypt_cache
  }
}
"#),
            cfn_bad("One of a stage's method settings caches unencrypted", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ApiId:
    Type: String
    Default: abcdef1234
Resources:
  Prod:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref ApiId
      StageName: prod
      CacheClusterEnabled: true
      MethodSettings:
        - ResourcePath: "/*"
          HttpMethod: "*"
          CachingEnabled: true
          CacheDataEncrypted: true
        - ResourcePath: "/~1orders"
          HttpMethod: GET
          CachingEnabled: true
          CacheDataEncrypted: false
"#),
            cfn_good("Every cached method encrypted, one not cached", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ApiId:
    Type: String
    Default: abcdef1234
Resources:
  Prod:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref ApiId
      StageName: prod
      CacheClusterEnabled: true
      MethodSettings:
        - ResourcePath: "/*"
          HttpMethod: "*"
          CachingEnabled: true
          CacheDataEncrypted: true
        - ResourcePath: "/~1orders"
          HttpMethod: POST
          CachingEnabled: false
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    let mut verdicts = Verdicts::default();
    for m in &state.aws.apigateway.method_settings {
        let verdict = if m.caching_enabled.is_true() && m.cache_data_encrypted.is_false() {
            report.add(
                &m.resource,
                &m.cache_data_encrypted.meta,
                "Method settings cache responses without encryption",
            );
            Verdict::Fail
        } else if m.caching_enabled.is_false() || m.cache_data_encrypted.is_true() {
            Verdict::Pass
        } else {
            Verdict::Undecided
        };
        verdicts.record(&m.resource, verdict);
    }
    verdicts.report_passes(report);
}
