use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a SageMaker notebook instance whose ML storage volume is not encrypted with a customer
    /// managed KMS key (`kms_key_id`, `KmsKeyId`). Without one, SageMaker encrypts the volume with
    /// the AWS managed key.
    ///
    /// With the AWS managed key you cannot restrict or audit who may decrypt the notebook's data
    /// through a key policy, nor revoke access to it by disabling the key; datasets and credentials
    /// saved in notebooks live on this volume.
    pub static CHECK = {
        id: "aws-sagemaker-notebook-no-cmk",
        title: "SageMaker notebook is not encrypted with a customer managed key",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "sagemaker",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-12", "SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_22"],
        remediation: "Set `kms_key_id` (CloudFormation: `KmsKeyId`) to a customer managed KMS key.",
        references: ["https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest-nbi.html", "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateNotebookInstance.html"],
        examples: [
            tf_bad("No key, the instance type from a variable", r#"
variable "instance_type" {
  default = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "lab" {
  name                   = "lab"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker"
  instance_type          = var.instance_type
  subnet_id              = "subnet-0123456789abcdef0"
  direct_internet_access = "Disabled"
  root_access            = "Disabled"
}
"#),
            tf_good("The key from a variable", r#"
variable "kms_key" {
  default = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_sagemaker_notebook_instance" "lab" {
  name                   = "lab"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker"
  instance_type          = "ml.t3.medium"
  subnet_id              = "subnet-0123456789abcdef0"
  kms_key_id             = var.kms_key
  direct_internet_access = "Disabled"
  root_access            = "Disabled"
}
"#),
            cfn_bad("No key, the instance type from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  InstanceType:
    Type: String
    Default: ml.t3.medium
Resources:
  Lab:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: !Ref InstanceType
      RoleArn: arn:aws:iam::111122223333:role/sagemaker
      SubnetId: subnet-0123456789abcdef0
      DirectInternetAccess: Disabled
      RootAccess: Disabled
"#),
            cfn_good("The key from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  KeyArn:
    Type: String
    Default: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
Resources:
  Lab:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::111122223333:role/sagemaker
      SubnetId: subnet-0123456789abcdef0
      KmsKeyId: !Ref KeyArn
      DirectInternetAccess: Disabled
      RootAccess: Disabled
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for n in &state.aws.sagemaker.notebooks {
        let v = &n.kms_key_id;
        if v.is_empty_str() {
            report.add(
                &n.resource,
                &v.meta,
                "The notebook's storage volume is encrypted with the AWS managed key, not a customer managed key",
            );
        } else if v.is_non_empty() {
            report.pass(&n.resource);
        }
    }
}
