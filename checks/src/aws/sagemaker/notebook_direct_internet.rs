use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a SageMaker notebook instance with direct internet access (`direct_internet_access`, `DirectInternetAccess`;
    /// `Enabled` by default).
    ///
    /// A notebook with its own internet path bypasses the VPC's egress controls: code and data can
    /// leave it unobserved, and anything on the internet can be fetched into it.
    pub static CHECK = {
        id: "aws-sagemaker-notebook-direct-internet",
        title: "SageMaker notebook has direct internet access",
        severity: Medium,
        risk_score: 5.0,
        provider: Aws,
        service: "sagemaker",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-7"],
            ISO_27001: ["A.8.20"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AWS_122"],
        remediation: "Set `direct_internet_access = \"Disabled\"` (CloudFormation: `DirectInternetAccess: Disabled`) and give the notebook a VPC subnet with controlled egress.",
        references: ["https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html"],
        examples: [
            tf_bad("Enabled through a variable's default", r#"
variable "setting" {
  default = "Enabled"
}

resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker"
  instance_type = "ml.t3.medium"
  subnet_id     = "subnet-0123456789abcdef0"
  direct_internet_access = var.setting
  root_access = "Disabled"
}
"#),
            tf_good("Disabled", r#"
resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker"
  instance_type = "ml.t3.medium"
  subnet_id     = "subnet-0123456789abcdef0"
  direct_internet_access = "Disabled"
  root_access = "Disabled"
}
"#),
            cfn_bad("Enabled through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Setting:
    Type: String
    Default: Enabled
Resources:
  Lab:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::111122223333:role/sagemaker
      SubnetId: subnet-0123456789abcdef0
      DirectInternetAccess: !Ref Setting
      RootAccess: Disabled
"#),
            cfn_good("Disabled", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Lab:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::111122223333:role/sagemaker
      SubnetId: subnet-0123456789abcdef0
      DirectInternetAccess: Disabled
      RootAccess: Disabled
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.aws.sagemaker.notebooks {
        let v = &r.direct_internet;
        if v.is_true() {
            report.add(&r.resource, &v.meta, "Direct internet access is enabled");
        } else if v.is_false() {
            report.pass(&r.resource);
        }
    }
}
