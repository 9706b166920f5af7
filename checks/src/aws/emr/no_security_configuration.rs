use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an EMR cluster without a security configuration (`security_configuration`,
    /// `SecurityConfiguration`). A cluster without one has no at-rest or in-transit encryption
    /// settings, no Kerberos authentication and no Lake Formation or IAM role mapping.
    ///
    /// Security configurations are where EMR turns on encryption of EMRFS data in S3, of local
    /// disks and of traffic between nodes; a cluster without one processes data with none of
    /// them.
    pub static CHECK = {
        id: "aws-emr-no-security-configuration",
        title: "EMR cluster has no security configuration",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "emr",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-8", "SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV2_AWS_55"],
        remediation: "Create a security configuration that enables at-rest and in-transit encryption and set it on the cluster (`security_configuration`, CloudFormation: `SecurityConfiguration`).",
        references: ["https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-security-configurations.html"],
        examples: [
            tf_bad("None; the release from a variable", r#"
variable "release" {
  default = "emr-7.1.0"
}

resource "aws_emr_cluster" "analytics" {
  name          = "analytics"
  release_label = var.release
  applications  = ["Spark"]
  service_role  = "arn:aws:iam::111122223333:role/emr-service"

  ec2_attributes {
    subnet_id        = "subnet-0123456789abcdef0"
    instance_profile = "arn:aws:iam::111122223333:instance-profile/emr"
  }

  master_instance_group {
    instance_type = "m5.xlarge"
  }
}
"#),
            tf_good("A security configuration of the configuration", r#"
resource "aws_emr_security_configuration" "encrypted" {
  name = "encrypted"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = true
      EnableInTransitEncryption = false
      AtRestEncryptionConfiguration = {
        S3EncryptionConfiguration = { EncryptionMode = "SSE-S3" }
      }
    }
  })
}

resource "aws_emr_cluster" "analytics" {
  name          = "analytics"
  release_label = "emr-7.1.0"
  applications  = ["Spark"]
  service_role  = "arn:aws:iam::111122223333:role/emr-service"

  ec2_attributes {
    subnet_id        = "subnet-0123456789abcdef0"
    instance_profile = "arn:aws:iam::111122223333:instance-profile/emr"
  }

  master_instance_group {
    instance_type = "m5.xlarge"
  }
  security_configuration = aws_emr_security_configuration.encrypted.name
}
"#),
            cfn_bad("None; the release from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Release:
    Type: String
    Default: emr-7.1.0
Resources:
  Analytics:
    Type: AWS::EMR::Cluster
    Properties:
      Name: analytics
      ReleaseLabel: !Ref Release
      ServiceRole: emr-service
      JobFlowRole: emr-instance-profile
      Instances:
        Ec2SubnetId: subnet-0123456789abcdef0
        MasterInstanceGroup:
          InstanceCount: 1
          InstanceType: m5.xlarge
"#),
            cfn_good("A security configuration from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  SecurityConfiguration:
    Type: String
    Default: encrypted
Resources:
  Analytics:
    Type: AWS::EMR::Cluster
    Properties:
      Name: analytics
      ReleaseLabel: emr-7.1.0
      Applications:
        - Name: Spark
      ServiceRole: emr-service
      JobFlowRole: emr-instance-profile
      Instances:
        Ec2SubnetId: subnet-0123456789abcdef0
        MasterInstanceGroup:
          InstanceCount: 1
          InstanceType: m5.xlarge
      SecurityConfiguration: !Ref SecurityConfiguration
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.emr.clusters {
        let v = &c.security_configuration;
        if v.is_empty_str() {
            report.add(
                &c.resource,
                &v.meta,
                "The cluster has no security configuration",
            );
        } else if v.is_non_empty() {
            report.pass(&c.resource);
        }
    }
}
