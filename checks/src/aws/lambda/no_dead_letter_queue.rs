use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Lambda function with neither a dead-letter queue (Terraform
    /// `dead_letter_config { target_arn }`, CloudFormation `DeadLetterConfig.TargetArn`) nor
    /// an on-failure destination in an event invoke configuration joined to it
    /// (`aws_lambda_function_event_invoke_config`, `AWS::Lambda::EventInvokeConfig`:
    /// `destination_config.on_failure`, `DestinationConfig.OnFailure`). A function has
    /// neither by default.
    ///
    /// Lambda retries a failed asynchronous invocation twice and then drops the event:
    /// without a queue or destination to keep it, the event (an S3 upload, an SNS message,
    /// an audit event) is lost without a trace. Functions only ever invoked synchronously
    /// (behind API Gateway, a load balancer) return their errors to the caller and can
    /// suppress the finding. An event invoke configuration on an alias or version is taken
    /// as the function's. A Lambda@Edge function (one a CloudFront distribution of the
    /// configuration associates, directly or through an `AWS::Lambda::Version`) cannot
    /// have a dead-letter queue and is not judged.
    pub static CHECK = {
        id: "aws-lambda-no-dead-letter-queue",
        title: "Lambda function has no dead-letter queue or on-failure destination",
        severity: Low,
        risk_score: 2.0,
        provider: Aws,
        service: "lambda",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SI-11", "AU-12"],
            ISO_27001: ["A.8.16"],
            SOC2: ["A1.2"],
        },
        aliases: ["CKV_AWS_116"],
        remediation: "Set `dead_letter_config { target_arn = <SQS queue or SNS topic ARN> }` (CloudFormation: `DeadLetterConfig: {TargetArn: …}`), or an on-failure destination in the function's event invoke configuration.",
        references: [
            "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html",
            "https://docs.aws.amazon.com/lambda/latest/api/API_DeadLetterConfig.html",
        ],
        examples: [
            tf_bad("No dead-letter queue, the runtime from a variable", r#"
variable "runtime" {
  default = "python3.13"
}

resource "aws_lambda_function" "ingest" {
  function_name = "ingest"
  role          = "arn:aws:iam::111122223333:role/ingest"
  handler       = "index.handler"
  filename      = "ingest.zip"
  runtime       = var.runtime
}
"#),
            tf_good("A dead-letter queue of the configuration", r#"
resource "aws_sqs_queue" "ingest_dlq" {
  name = "ingest-dlq"
}

resource "aws_lambda_function" "ingest" {
  function_name = "ingest"
  role          = "arn:aws:iam::111122223333:role/ingest"
  handler       = "index.handler"
  filename      = "ingest.zip"
  runtime       = "python3.13"

  dead_letter_config {
    target_arn = aws_sqs_queue.ingest_dlq.arn
  }
}
"#),
            tf_good("An on-failure destination in an event invoke configuration joined by reference", r#"
resource "aws_lambda_function" "ingest" {
  function_name = "ingest"
  role          = "arn:aws:iam::111122223333:role/ingest"
  handler       = "index.handler"
  filename      = "ingest.zip"
  runtime       = "python3.13"
}

resource "aws_lambda_function_event_invoke_config" "ingest" {
  function_name = aws_lambda_function.ingest.function_name

  destination_config {
    on_failure {
      destination = "arn:aws:sqs:eu-west-1:111122223333:ingest-failures"
    }
  }
}
"#),
            cfn_bad("No dead-letter queue", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Ingest:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/ingest
      Runtime: python3.13
      Code:
        S3Bucket: artifacts
        S3Key: ingest.zip
"#),
            cfn_good("An on-failure destination joined by !Ref", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Ingest:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/ingest
      Runtime: python3.13
      Code:
        S3Bucket: artifacts
        S3Key: ingest.zip
  IngestInvokeConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Ingest
      Qualifier: $LATEST
      DestinationConfig:
        OnFailure:
          Destination: arn:aws:sqs:eu-west-1:111122223333:ingest-failures
"#),
            cfn_good("A dead-letter topic from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  FailureTopic:
    Type: String
    Default: arn:aws:sns:eu-west-1:111122223333:ingest-failures
Resources:
  Ingest:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/ingest
      Runtime: python3.13
      Code:
        S3Bucket: artifacts
        S3Key: ingest.zip
      DeadLetterConfig:
        TargetArn: !Ref FailureTopic
"#),
            cfn_good("A Lambda@Edge function, which cannot have a dead-letter queue", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  EventType:
    Type: String
    Default: origin-request
Resources:
  EdgeFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/edge
      Runtime: nodejs22.x
      Code:
        S3Bucket: artifacts
        S3Key: edge.zip
  EdgeVersion:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref EdgeFunction
  Distribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          LambdaFunctionAssociations:
            - EventType: !Ref EventType
              LambdaFunctionARN: !Ref EdgeVersion
        Origins:
          - Id: site
            DomainName: example.com
            CustomOriginConfig:
              OriginProtocolPolicy: https-only
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for f in state.aws.lambda.functions.iter().filter(|f| !f.edge) {
        if f.dead_letter_queue.is_true() || f.on_failure_destination.is_true() {
            report.pass(&f.resource);
        } else if f.dead_letter_queue.is_false() && f.on_failure_destination.is_false() {
            report.add(
                &f.resource,
                &f.dead_letter_queue.meta,
                "Function has neither a dead-letter queue nor an on-failure destination: failed asynchronous events are dropped",
            );
        }
    }
}
