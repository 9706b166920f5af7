use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an MSK cluster that delivers its broker logs nowhere: no destination of
    /// `logging_info { broker_logs { cloudwatch_logs | firehose | s3 { enabled = true } } }`
    /// (CloudFormation: `LoggingInfo.BrokerLogs.CloudWatchLogs`, `Firehose` or `S3` with
    /// `Enabled: true`). A new cluster delivers no broker logs.
    ///
    /// Broker logs record client connections, authentication failures and authorization denials:
    /// without them an intrusion or a misbehaving client leaves no trace outside the brokers.
    pub static CHECK = {
        id: "aws-msk-no-broker-logging",
        title: "MSK cluster broker logs are not delivered",
        severity: Medium,
        risk_score: 4.0,
        provider: Aws,
        service: "msk",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AU-2", "AU-12"],
            ISO_27001: ["A.8.15"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV_AWS_80", "AVD-AWS-0074", "aws-msk-enable-logging"],
        remediation: "Add `logging_info { broker_logs { cloudwatch_logs { enabled = true, log_group = ... } } }` (CloudFormation: `LoggingInfo.BrokerLogs.CloudWatchLogs: {Enabled: true, LogGroup: ...}`), or a Firehose or S3 destination.",
        references: ["https://docs.aws.amazon.com/msk/latest/developerguide/msk-logging.html"],
        examples: [
            tf_bad("CloudWatch delivery disabled through a variable", r#"
variable "broker_logs" {
  default = false
}

resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-a", "subnet-b", "subnet-c"]
    security_groups = ["sg-0123456789abcdef0"]
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = var.broker_logs
        log_group = "/msk/events"
      }
    }
  }
}
"#),
            tf_good("Delivered to S3", r#"
resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-a", "subnet-b", "subnet-c"]
    security_groups = ["sg-0123456789abcdef0"]
  }

  logging_info {
    broker_logs {
      s3 {
        enabled = true
        bucket  = "msk-broker-logs"
        prefix  = "events"
      }
    }
  }
}
"#),
            cfn_bad("No logging; the broker count from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Brokers:
    Type: Number
    Default: 3
Resources:
  Events:
    Type: AWS::MSK::Cluster
    Properties:
      ClusterName: events
      KafkaVersion: 3.6.0
      NumberOfBrokerNodes: !Ref Brokers
      BrokerNodeGroupInfo:
        InstanceType: kafka.m5.large
        ClientSubnets: [subnet-a, subnet-b, subnet-c]
"#),
            cfn_good("Delivered to CloudWatch Logs", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Events:
    Type: AWS::MSK::Cluster
    Properties:
      ClusterName: events
      KafkaVersion: 3.6.0
      NumberOfBrokerNodes: 3
      BrokerNodeGroupInfo:
        InstanceType: kafka.m5.large
        ClientSubnets: [subnet-a, subnet-b, subnet-c]
      LoggingInfo:
        BrokerLogs:
          CloudWatchLogs:
            Enabled: true
            LogGroup: /msk/events
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.msk.clusters {
        let v = &c.broker_logs;
        if v.is_false() {
            report.add(
                &c.resource,
                &v.meta,
                "Broker logs are not delivered to CloudWatch Logs, Firehose or S3",
            );
        } else if v.is_true() {
            report.pass(&c.resource);
        }
    }
}
