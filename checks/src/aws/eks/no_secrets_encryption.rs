use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a cluster without KMS envelope encryption of Kubernetes secrets.
    ///
    /// Without it, secrets sit in etcd protected only by EBS encryption; envelope
    /// encryption adds a key you control and can audit.
    pub static CHECK = {
        id: "aws-eks-no-secrets-encryption",
        title: "EKS secrets are not envelope-encrypted",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "eks",
        formats: [Terraform, CloudFormation],
        compliance: {
            NIST_800_53: ["SC-28", "SC-12"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_58", "AVD-AWS-0039", "aws-eks-encrypt-secrets"],
        remediation: "Add `encryption_config { resources = [\"secrets\"] provider { key_arn = … } }`. In CloudFormation: `EncryptionConfig: [{Resources: [secrets], Provider: {KeyArn: …}}]`.",
        references: ["https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html"],
        examples: [
            tf_bad("No encryption config", r#"
resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids             = ["subnet-0123456789abcdef0"]
    endpoint_public_access = false
  }
}
"#),
            tf_good("Secrets encrypted with a key", r#"
resource "aws_kms_key" "eks" {
  enable_key_rotation = true
}

resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids             = ["subnet-0123456789abcdef0"]
    endpoint_public_access = false
  }
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.eks.arn
    }
  }
}
"#),
            cfn_bad("No encryption config", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::EKS::Cluster
    Properties:
      Name: main
      RoleArn: arn:aws:iam::123456789012:role/eks
      ResourcesVpcConfig:
        SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
        EndpointPublicAccess: false
        EndpointPrivateAccess: true
"#),
            cfn_bad("The encryption config is only added when a key parameter is set, and it defaults to empty", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  SecretsKeyArn:
    Type: String
    Default: ""
Conditions:
  HasKey: !Not [!Equals [!Ref SecretsKeyArn, ""]]
Resources:
  Main:
    Type: AWS::EKS::Cluster
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/eks
      ResourcesVpcConfig:
        SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
        EndpointPublicAccess: false
        EndpointPrivateAccess: true
      EncryptionConfig: !If
        - HasKey
        - - Resources: [secrets]
            Provider:
              KeyArn: !Ref SecretsKeyArn
        - !Ref "AWS::NoValue"
"#),
            cfn_good("Secrets encrypted with a key of the same template", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  EksKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Main:
    Type: AWS::EKS::Cluster
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/eks
      ResourcesVpcConfig:
        SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
        EndpointPublicAccess: false
        EndpointPrivateAccess: true
      EncryptionConfig:
        - Resources: [secrets]
          Provider:
            KeyArn: !GetAtt EksKey.Arn
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for c in &state.aws.eks.clusters {
        if c.secrets_encrypted.is_false() {
            report.add(
                &c.resource,
                &c.secrets_encrypted.meta,
                "Cluster secrets are not envelope-encrypted with a KMS key",
            );
        } else if c.secrets_encrypted.is_true() {
            report.pass(&c.resource);
        }
    }
}
