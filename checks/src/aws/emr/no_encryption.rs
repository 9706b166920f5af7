use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an EMR security configuration that leaves at-rest or in-transit encryption off
    /// (`EncryptionConfiguration.EnableAtRestEncryption`, `EnableInTransitEncryption` in the JSON
    /// of `configuration` / `SecurityConfiguration`); both are off unless enabled. The JSON is read
    /// when it is known entirely (a literal, `jsonencode` of known values, a template object).
    ///
    /// Without at-rest encryption EMRFS data in S3 and the nodes' local disks (HDFS, shuffle and
    /// spill files) are unencrypted by EMR; without in-transit encryption the traffic between nodes
    /// (Spark shuffle, HDFS blocks, Presto and Tez data) crosses the network in plain text.
    pub static CHECK = {
        id: "aws-emr-no-encryption",
        title: "EMR security configuration does not encrypt at rest and in transit",
        severity: Medium,
        risk_score: 5.5,
        provider: Aws,
        service: "emr",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-8", "SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1", "CC6.7"],
        },
        aliases: [],
        remediation: "Set `EnableAtRestEncryption` and `EnableInTransitEncryption` to `true` in the configuration's `EncryptionConfiguration`, with their `AtRestEncryptionConfiguration` and `InTransitEncryptionConfiguration`.",
        references: ["https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-encryption-enable.html", "https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-create-security-configuration.html"],
        examples: [
            tf_bad("In transit only, the at-rest flag from a variable", r#"
variable "at_rest" {
  default = false
}

resource "aws_emr_security_configuration" "cluster" {
  name = "cluster"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = var.at_rest
      EnableInTransitEncryption = true
      InTransitEncryptionConfiguration = {
        TLSCertificateConfiguration = {
          CertificateProviderType = "PEM"
          S3Object                = "s3://emr-certs/certs.zip"
        }
      }
    }
  })
}
"#),
            tf_good("Both, as a JSON heredoc", r#"
resource "aws_emr_security_configuration" "cluster" {
  name          = "cluster"
  configuration = <<EOF
{
  "EncryptionConfiguration": {
    "EnableAtRestEncryption": true,
    "EnableInTransitEncryption": true,
    "AtRestEncryptionConfiguration": {
      "S3EncryptionConfiguration": { "EncryptionMode": "SSE-KMS", "AwsKmsKey": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
      "LocalDiskEncryptionConfiguration": { "EncryptionKeyProviderType": "AwsKms", "AwsKmsKey": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" }
    },
    "InTransitEncryptionConfiguration": {
      "TLSCertificateConfiguration": { "CertificateProviderType": "PEM", "S3Object": "s3://emr-certs/certs.zip" }
    }
  }
}
EOF
}
"#),
            cfn_bad("No encryption settings; the name from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Name:
    Type: String
    Default: cluster
Resources:
  Config:
    Type: AWS::EMR::SecurityConfiguration
    Properties:
      Name: !Ref Name
      SecurityConfiguration:
        AuthenticationConfiguration:
          KerberosConfiguration:
            Provider: ClusterDedicatedKdc
            ClusterDedicatedKdcConfiguration:
              TicketLifetimeInHours: 24
"#),
            cfn_good("Both enabled, the key from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  KeyArn:
    Type: String
    Default: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  Config:
    Type: AWS::EMR::SecurityConfiguration
    Properties:
      SecurityConfiguration:
        EncryptionConfiguration:
          EnableAtRestEncryption: true
          EnableInTransitEncryption: true
          AtRestEncryptionConfiguration:
            S3EncryptionConfiguration:
              EncryptionMode: SSE-KMS
              AwsKmsKey: !Ref KeyArn
          InTransitEncryptionConfiguration:
            TLSCertificateConfiguration:
              CertificateProviderType: PEM
              S3Object: s3://emr-certs/certs.zip
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.emr.security_configurations {
        let off: Vec<&str> = [(&c.at_rest, "at rest"), (&c.in_transit, "in transit")]
            .into_iter()
            .filter(|(v, _)| v.is_false())
            .map(|(_, what)| what)
            .collect();
        if let Some(first) = [&c.at_rest, &c.in_transit]
            .into_iter()
            .find(|v| v.is_false())
        {
            report.add(
                &c.resource,
                &first.meta,
                format!("Encryption {} is not enabled", off.join(" and ")),
            );
        } else if c.at_rest.is_true() && c.in_transit.is_true() {
            report.pass(&c.resource);
        }
    }
}
