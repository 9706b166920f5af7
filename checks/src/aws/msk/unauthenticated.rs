use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an MSK cluster that lets clients connect without authenticating: `client_authentication
    /// { unauthenticated = true }` (CloudFormation: `ClientAuthentication.Unauthenticated.Enabled:
    /// true`), or no `client_authentication` (`ClientAuthentication`) at all, since a cluster with
    /// neither SASL (IAM, SCRAM) nor TLS client authentication authenticates no client. Declaring
    /// `client_authentication` without `unauthenticated` turns unauthenticated access off.
    ///
    /// Any host that can reach the brokers can then read and write topics (MSK lets every client
    /// through when no ACL matches a resource, and ACLs cannot tell anonymous clients apart), and
    /// nothing ties a connection to an identity.
    pub static CHECK = {
        id: "aws-msk-unauthenticated",
        title: "MSK cluster allows unauthenticated clients",
        severity: High,
        risk_score: 7.0,
        provider: Aws,
        service: "msk",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["IA-2", "AC-3"],
            ISO_27001: ["A.8.5"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Add `client_authentication { sasl { iam = true } }` (or SCRAM, or TLS with a private CA) and leave `unauthenticated` unset or false (CloudFormation: `ClientAuthentication: {Sasl: {Iam: {Enabled: true}}}`).",
        references: ["https://docs.aws.amazon.com/msk/latest/developerguide/kafka_apis_iam.html", "https://docs.aws.amazon.com/msk/latest/developerguide/msk-authentication.html"],
        examples: [
            tf_bad("IAM and unauthenticated, the latter from a variable", r#"
variable "allow_anonymous" {
  default = true
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

  client_authentication {
    unauthenticated = var.allow_anonymous
    sasl {
      iam = true
    }
  }
}
"#),
            tf_good("IAM only", r#"
resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-a", "subnet-b", "subnet-c"]
    security_groups = ["sg-0123456789abcdef0"]
  }

  client_authentication {
    sasl {
      iam = true
    }
  }
}
"#),
            cfn_bad("No client authentication; the broker count from a parameter", r#"
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
            cfn_good("IAM, unauthenticated disabled", r#"
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
      ClientAuthentication:
        Sasl:
          Iam:
            Enabled: true
        Unauthenticated:
          Enabled: false
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.msk.clusters {
        let v = &c.unauthenticated;
        if v.is_true() {
            let message = if v.is_default() {
                "No client authentication is configured: every client connects unauthenticated"
            } else {
                "Unauthenticated client access is enabled"
            };
            report.add(&c.resource, &v.meta, message);
        } else if v.is_false() {
            report.pass(&c.resource);
        }
    }
}
