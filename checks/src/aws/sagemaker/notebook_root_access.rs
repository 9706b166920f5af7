use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a SageMaker notebook instance whose users have root access (`root_access`, `RootAccess`;
    /// `Enabled` by default).
    ///
    /// Root on the notebook lets any user change its software, read other users' files and the
    /// instance role's credentials, and disable the controls on it.
    pub static CHECK = {
        id: "aws-sagemaker-notebook-root-access",
        title: "SageMaker notebook users have root access",
        severity: Low,
        risk_score: 3.5,
        provider: Aws,
        service: "sagemaker",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-6"],
            ISO_27001: ["A.8.2"],
            SOC2: ["CC6.3"],
        },
        aliases: ["CKV_AWS_307"],
        remediation: "Set `root_access = \"Disabled\"` (CloudFormation: `RootAccess: Disabled`).",
        references: ["https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html"],
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
  root_access = var.setting
  direct_internet_access = "Disabled"
}
"#),
            tf_good("Disabled", r#"
resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker"
  instance_type = "ml.t3.medium"
  subnet_id     = "subnet-0123456789abcdef0"
  root_access = "Disabled"
  direct_internet_access = "Disabled"
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
      RootAccess: !Ref Setting
      DirectInternetAccess: Disabled
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
      RootAccess: Disabled
      DirectInternetAccess: Disabled
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for r in &state.aws.sagemaker.notebooks {
        let v = &r.root_access;
        if v.is_true() {
            report.add(&r.resource, &v.meta, "Users have root access");
        } else if v.is_false() {
            report.pass(&r.resource);
        }
    }
}
