use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an MSK cluster whose client-broker encryption allows plaintext (`client_broker`,
    /// `ClientBroker`: `PLAINTEXT` or `TLS_PLAINTEXT`; the default is `TLS`).
    ///
    /// Plaintext Kafka traffic exposes every message and the SASL/SCRAM credentials of clients to
    /// anyone on the network path.
    pub static CHECK = {
        id: "aws-msk-plaintext",
        title: "MSK cluster accepts plaintext client connections",
        severity: Medium,
        risk_score: 5.5,
        provider: Aws,
        service: "msk",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-8"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.7"],
        },
        aliases: ["CKV_AWS_81", "AVD-AWS-0073", "aws-msk-enable-in-transit-encryption"],
        remediation: "Set `client_broker = \"TLS\"` (CloudFormation: `ClientBroker: TLS`).",
        references: ["https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html"],
        examples: [
            tf_bad("TLS and plaintext through a variable's default", r#"
variable "client_broker" {
  default = "TLS_PLAINTEXT"
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
            tf_good("TLS only", r#"
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
      client_broker = "TLS"
    }
  }
}
"#),
            cfn_bad("Plaintext through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ClientBroker:
    Type: String
    Default: PLAINTEXT
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
        EncryptionInTransit:
          ClientBroker: !Ref ClientBroker
"#),
            cfn_good("TLS only", r#"
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
      EncryptionInfo:
        EncryptionInTransit:
          ClientBroker: TLS
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.msk.clusters {
        let v = &c.client_broker;
        match v.as_str() {
            Some(m) if m.to_ascii_uppercase().contains("PLAINTEXT") => report.add(
                &c.resource,
                &v.meta,
                format!("Client connections may be plaintext (`{m}`)"),
            ),
            Some(_) => report.pass(&c.resource),
            None => {}
        }
    }
}
