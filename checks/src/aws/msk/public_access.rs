use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an MSK cluster whose brokers are reachable from the internet:
    /// `broker_node_group_info { connectivity_info { public_access { type =
    /// "SERVICE_PROVIDED_EIPS" } } }` (CloudFormation: `BrokerNodeGroupInfo.ConnectivityInfo
    /// .PublicAccess.Type: SERVICE_PROVIDED_EIPS`). Public access is `DISABLED` unless set.
    ///
    /// Public brokers get Elastic IP addresses: their only remaining protection is client
    /// authentication and the security groups, and every Kafka vulnerability and leaked credential
    /// becomes exploitable from anywhere.
    pub static CHECK = {
        id: "aws-msk-public-access",
        title: "MSK cluster brokers are publicly accessible",
        severity: High,
        risk_score: 7.5,
        provider: Aws,
        service: "msk",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-7", "AC-3"],
            ISO_27001: ["A.8.20"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AWS_291"],
        remediation: "Set `public_access { type = \"DISABLED\" }` (CloudFormation: `PublicAccess: {Type: DISABLED}`) and reach the brokers through the VPC, a VPN or multi-VPC private connectivity.",
        references: ["https://docs.aws.amazon.com/msk/latest/developerguide/public-access.html"],
        examples: [
            tf_bad("Elastic IPs through a variable", r#"
variable "public_access" {
  default = "SERVICE_PROVIDED_EIPS"
}

resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-a", "subnet-b", "subnet-c"]
    security_groups = ["sg-0123456789abcdef0"]

    connectivity_info {
      public_access {
        type = var.public_access
      }
    }
  }

  client_authentication {
    sasl {
      iam = true
    }
  }
}
"#),
            tf_good("Private: no connectivity settings", r#"
resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-a", "subnet-b", "subnet-c"]
    security_groups = ["sg-0123456789abcdef0"]
  }
}
"#),
            cfn_bad("Elastic IPs through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  PublicAccess:
    Type: String
    Default: SERVICE_PROVIDED_EIPS
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
        ConnectivityInfo:
          PublicAccess:
            Type: !Ref PublicAccess
"#),
            cfn_good("Public access disabled", r#"
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
        ConnectivityInfo:
          PublicAccess:
            Type: DISABLED
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.msk.clusters {
        let v = &c.public_access;
        if v.eq_ignore_case("SERVICE_PROVIDED_EIPS") {
            report.add(
                &c.resource,
                &v.meta,
                "The brokers are reachable from the internet",
            );
        } else if v.is_non_empty() {
            report.pass(&c.resource);
        }
    }
}
