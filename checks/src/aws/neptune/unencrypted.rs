use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a Neptune cluster whose storage is not encrypted (`storage_encrypted`,
    /// `StorageEncrypted`; false by default, and fixed when the cluster is created).
    ///
    /// The cluster's volumes, automated backups and snapshots then hold the data in plain text.
    pub static CHECK = {
        id: "aws-neptune-unencrypted",
        title: "Neptune cluster storage is not encrypted",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "neptune",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_44", "AVD-AWS-0076", "aws-neptune-enable-storage-encryption"],
        remediation: "Create the cluster with `storage_encrypted = true` (CloudFormation: `StorageEncrypted: true`) and a `kms_key_id`; existing clusters are migrated through an encrypted snapshot copy.",
        references: ["https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html"],
        examples: [
            tf_bad("Unencrypted through a variable's default", r#"
variable "encrypt" {
  default = false
}

resource "aws_neptune_cluster" "main" {
  cluster_identifier = "main"
  storage_encrypted  = var.encrypt
}
"#),
            tf_good("Encrypted", r#"
resource "aws_neptune_cluster" "main" {
  cluster_identifier = "main"
  storage_encrypted  = true
}
"#),
            cfn_bad("Unencrypted through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Encrypt:
    Type: String
    Default: "false"
Resources:
  Main:
    Type: AWS::Neptune::DBCluster
    Properties:
      StorageEncrypted: !Ref Encrypt
"#),
            cfn_good("Encrypted", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::Neptune::DBCluster
    Properties:
      StorageEncrypted: true
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.aws.neptune.clusters {
        let v = &r.storage_encrypted;
        if v.is_false() {
            report.add(&r.resource, &v.meta, "Cluster storage is not encrypted");
        } else if v.is_true() {
            report.pass(&r.resource);
        }
    }
}
