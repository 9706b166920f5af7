use crate::check::{Compliance, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Lambda permission that grants the `*` principal without a source ARN, source
    /// account or organisation condition.
    ///
    /// Anyone, in any account, can then invoke the function (and run up its bill or reach
    /// what it can reach).
    pub static CHECK = {
        id: "aws-lambda-public-permission",
        title: "Lambda function can be invoked by anyone",
        severity: Critical,
        risk_score: 9.0,
        provider: "aws",
        service: "lambda",
        formats: [Terraform],
        compliance: Compliance {
            cis_aws: &[],
            nist_800_53: &["AC-3", "AC-6"],
            iso_27001: &["A.5.15"],
            soc2: &["CC6.1"],
        },
        aliases: ["CKV_AWS_364", "AVD-AWS-0067", "aws-lambda-restrict-source-arn"],
        remediation: "Grant the permission to the calling service or account and set `source_arn` (or `source_account` / `principal_org_id`).",
        references: ["https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html"],
        examples: [
            tf_bad("The principal from a module input", r#"
module "hook" {
  source    = "./modules/hook"
  principal = "*"
}

# file: modules/hook/main.tf
variable "principal" {}

resource "aws_lambda_permission" "invoke" {
  statement_id  = "AllowInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "example"
  principal     = var.principal
}
"#),
            tf_bad("Invocable by everyone", r#"
resource "aws_lambda_permission" "public" {
  statement_id  = "AllowAll"
  action        = "lambda:InvokeFunction"
  function_name = "example"
  principal     = "*"
}
"#),
            tf_good("Only from one API", r#"
resource "aws_lambda_permission" "api" {
  statement_id  = "AllowApi"
  action        = "lambda:InvokeFunction"
  function_name = "example"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/*"
}
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for p in &state.aws.lambda.permissions {
        if p.principal.is(|v| v == "*")
            && p.source_arn.is_empty_str()
            && p.source_account.is_empty_str()
            && p.principal_org_id.is_empty_str()
        {
            report.add(
                &p.resource,
                &p.principal.meta,
                "Permission lets any principal invoke the function",
            );
        }
    }
}
