use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Step Functions state machine that logs no execution history: `logging_configuration
    /// { level }` (CloudFormation: `LoggingConfiguration.Level`) is `OFF`, its default, or the
    /// block (property) is absent.
    ///
    /// Without execution logs, the inputs, outputs and errors of the workflows (Express workflows
    /// keep no history at all otherwise) are lost: failures and misuse cannot be investigated.
    pub static CHECK = {
        id: "aws-stepfunctions-no-logging",
        title: "Step Functions state machine has logging off",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "stepfunctions",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_285"],
        remediation: "Add `logging_configuration { level = \"ERROR\" (or \"ALL\"), include_execution_data = true, log_destination = \"<log group ARN>:*\" }` (CloudFormation: `LoggingConfiguration: {Level: ALL, Destinations: [...]}`).",
        references: ["https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html", "https://docs.aws.amazon.com/step-functions/latest/apireference/API_LoggingConfiguration.html"],
        examples: [
            tf_bad("Level OFF through a variable", r#"
variable "log_level" {
  default = "OFF"
}

resource "aws_sfn_state_machine" "orders" {
  name     = "orders"
  role_arn = "arn:aws:iam::111122223333:role/sfn"
  definition = jsonencode({
    StartAt = "Done"
    States  = { Done = { Type = "Succeed" } }
  })

  logging_configuration {
    level = var.log_level
  }
}
"#),
            tf_good("Errors logged to a log group of the configuration", r#"
resource "aws_cloudwatch_log_group" "orders" {
  name              = "/aws/states/orders"
  retention_in_days = 90
}

resource "aws_sfn_state_machine" "orders" {
  name     = "orders"
  role_arn = "arn:aws:iam::111122223333:role/sfn"
  definition = jsonencode({
    StartAt = "Done"
    States  = { Done = { Type = "Succeed" } }
  })

  logging_configuration {
    level                  = "ERROR"
    include_execution_data = true
    log_destination        = "${aws_cloudwatch_log_group.orders.arn}:*"
  }
}
"#),
            cfn_bad("No logging configuration; the role from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  RoleArn:
    Type: String
    Default: arn:aws:iam::111122223333:role/sfn
Resources:
  Orders:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: !Ref RoleArn
      Definition:
        StartAt: Done
        States:
          Done:
            Type: Succeed
"#),
            cfn_good("Everything logged", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 90
  Orders:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::111122223333:role/sfn
      Definition:
        StartAt: Done
        States:
          Done:
            Type: Succeed
      LoggingConfiguration:
        Level: ALL
        IncludeExecutionData: true
        Destinations:
          - CloudWatchLogsLogGroup:
              LogGroupArn: !GetAtt Logs.Arn
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for m in &state.aws.stepfunctions.state_machines {
        let v = &m.log_level;
        if v.eq_ignore_case("OFF") {
            report.add(&m.resource, &v.meta, "Execution logging is off");
        } else if v.is_non_empty() {
            report.pass(&m.resource);
        }
    }
}
