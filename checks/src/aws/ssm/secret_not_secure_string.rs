use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an SSM parameter whose name marks it as a secret but whose type (`type`, `Type`) is
    /// `String` or `StringList` instead of `SecureString`. The last segment of the name (after the
    /// last `/`, with `-` and `.` read as `_`) marks a secret when it contains `password`, `passwd`,
    /// `secret`, `token`, `api_key`, `apikey` or `private_key` and does not end with a word that
    /// makes it a setting about a credential (`_arn`, `_id`, `_name`, `_length`, `_url`, `_user`,
    /// `_path`, `_version`, …); folders above it (`/secrets/app/endpoint`) and the description are
    /// not read. A parameter whose name CloudFormation generates is not judged. CloudFormation
    /// cannot create `SecureString` parameters at all: a secret declared in a template is stored in
    /// plain text, and belongs in Secrets Manager or a parameter created outside the stack.
    ///
    /// A `String` parameter is stored unencrypted and returned in plain text to anyone allowed
    /// `ssm:GetParameter`, `ssm:GetParametersByPath` or `ssm:DescribeParameters`, and in the
    /// history of the parameter; a `SecureString` is encrypted with KMS and readable only with
    /// `kms:Decrypt` on its key.
    pub static CHECK = {
        id: "aws-ssm-secret-not-secure-string",
        title: "SSM parameter holding a secret is not a SecureString",
        severity: High,
        risk_score: 7.0,
        provider: Aws,
        service: "ssm",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-28", "IA-5"],
            ISO_27001: ["A.5.17", "A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV2_AWS_34"],
        remediation: "Set `type = \"SecureString\"` (with `key_id` for a customer managed key). CloudFormation cannot create a `SecureString`: keep the secret in an `AWS::SecretsManager::Secret` or create the parameter outside the template.",
        references: ["https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html", "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ssm-parameter.html"],
        examples: [
            tf_bad("Database password stored as String, the name built from a variable", r#"
variable "environment" {
  default = "prod"
}

resource "aws_ssm_parameter" "db_password" {
  name  = "/${var.environment}/orders/db-password"
  type  = "String"
  value = "change-me-at-deploy"
}
"#),
            tf_good("Database password as SecureString, its length as String", r#"
variable "environment" {
  default = "prod"
}

resource "aws_ssm_parameter" "db_password" {
  name   = "/${var.environment}/orders/db-password"
  type   = "SecureString"
  key_id = "alias/orders"
  value  = "change-me-at-deploy"
}

resource "aws_ssm_parameter" "db_password_length" {
  name  = "/${var.environment}/orders/db-password-length"
  type  = "String"
  value = "32"
}
"#),
            cfn_bad("API token stored as String, the name from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Service:
    Type: String
    Default: billing
Resources:
  ApiToken:
    Type: AWS::SSM::Parameter
    Properties:
      Name: !Join ["", ["/", !Ref Service, "/stripe/api-token"]]
      Type: String
      Value: placeholder
"#),
            cfn_good("A log level, not a secret, from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Service:
    Type: String
    Default: billing
Resources:
  LogLevel:
    Type: AWS::SSM::Parameter
    Properties:
      Name: !Join ["", ["/", !Ref Service, "/log-level"]]
      Type: String
      Value: info
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for p in &state.aws.ssm.parameters {
        let t = &p.parameter_type;
        if p.name_marks_secret.is_false() {
            if !t.is_unknown() {
                report.pass(&p.resource);
            }
            continue;
        }
        if !p.name_marks_secret.is_true() {
            continue;
        }
        if t.is_one_of(&["String", "StringList"]) {
            let name = p.name.as_str().unwrap_or_default();
            let ty = t.as_str().unwrap_or_default();
            report.add(
                &p.resource,
                &t.meta,
                format!(
                    "`{name}` is named as a secret but stored as a `{ty}` parameter, in plain text"
                ),
            );
        } else if t.eq_ignore_case("SecureString") {
            report.pass(&p.resource);
        }
    }
}
