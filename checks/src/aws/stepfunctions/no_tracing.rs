use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Step Functions state machine without AWS X-Ray tracing: `tracing_configuration {
    /// enabled }` (CloudFormation: `TracingConfiguration.Enabled`) is false, its default, or the
    /// block (property) is absent.
    ///
    /// Without traces, the path of a request through the workflow and the services it calls
    /// cannot be followed, which slows the investigation of failures and of abuse.
    pub static CHECK = {
        id: "aws-stepfunctions-no-tracing",
        title: "Step Functions state machine has X-Ray tracing off",
        severity: Low,
        risk_score: 2.0,
        provider: Aws,
        service: "stepfunctions",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-12"],
            ISO_27001: ["A.8.16"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_284"],
        remediation: "Add `tracing_configuration { enabled = true }` (CloudFormation: `TracingConfiguration: {Enabled: true}`).",
        references: ["https://docs.aws.amazon.com/step-functions/latest/dg/concepts-xray-tracing.html"],
        examples: [
            tf_bad("Disabled through a variable", r#"
variable "tracing" {
  default = false
}

resource "aws_sfn_state_machine" "orders" {
  name     = "orders"
  role_arn = "arn:aws:iam::111122223333:role/sfn"
  definition = jsonencode({
    StartAt = "Done"
    States  = { Done = { Type = "Succeed" } }
  })

  tracing_configuration {
    enabled = var.tracing
  }
}
"#),
            tf_good("Enabled", r#"
resource "aws_sfn_state_machine" "orders" {
  name     = "orders"
  role_arn = "arn:aws:iam::111122223333:role/sfn"
  definition = jsonencode({
    StartAt = "Done"
    States  = { Done = { Type = "Succeed" } }
  })

  tracing_configuration {
    enabled = true
  }
}
"#),
            cfn_bad("No tracing configuration; the role from a parameter", r#"
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
            cfn_good("Enabled", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Orders:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::111122223333:role/sfn
      Definition:
        StartAt: Done
        States:
          Done:
            Type: Succeed
      TracingConfiguration:
        Enabled: true
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for m in &state.aws.stepfunctions.state_machines {
        let v = &m.tracing;
        if v.is_false() {
            report.add(&m.resource, &v.meta, "X-Ray tracing is not enabled");
        } else if v.is_true() {
            report.pass(&m.resource);
        }
    }
}
