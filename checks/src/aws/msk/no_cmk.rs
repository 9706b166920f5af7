use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an MSK cluster whose data at rest is encrypted with the AWS managed key rather than a
    /// customer managed KMS key (`encryption_info { encryption_at_rest_kms_key_arn }`;
    /// CloudFormation: `EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId`). Without a key, MSK
    /// uses the AWS managed key `aws/kafka`.
    ///
    /// With the AWS managed key, the key policy cannot limit who decrypts the brokers' volumes, and
    /// access to the data cannot be revoked by disabling the key.
    pub static CHECK = {
        id: "aws-msk-no-cmk",
        title: "MSK cluster is not encrypted with a customer managed key",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "msk",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-12", "SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Set `encryption_info { encryption_at_rest_kms_key_arn = ... }` (CloudFormation: `EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId`) to a customer managed key.",
        references: ["https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html"],
        examples: [
            tf_bad("Only in-transit settings, the client setting from a variable", r#"
variable "client_broker" {
  default = "TLS"
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

  encryption_info {
    encryption_in_transit {
      client_broker = var.client_broker
    }
  }
}
"#),
            tf_good("The key from a variable", r#"
variable "kms_key" {
  default = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
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

  encryption_info {
    encryption_at_rest_kms_key_arn = var.kms_key
  }
}
"#),
            cfn_bad("No encryption settings; the broker count from a parameter", r#"
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
            cfn_good("The key from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  KeyArn:
    Type: String
    Default: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
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
      EncryptionInfo:
        EncryptionAtRest:
          DataVolumeKMSKeyId: !Ref KeyArn
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.msk.clusters {
        let v = &c.at_rest_kms_key;
        if v.is_empty_str() {
            report.add(
                &c.resource,
                &v.meta,
                "Data at rest is encrypted with the AWS managed key, not a customer managed key",
            );
        } else if v.is_non_empty() {
            report.pass(&c.resource);
        }
    }
}
