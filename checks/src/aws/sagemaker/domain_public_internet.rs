use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a SageMaker domain whose Studio apps reach the internet through SageMaker's own network
    /// (`app_network_access_type`, `AppNetworkAccessType`: `PublicInternetOnly`, the default)
    /// instead of only through the domain's VPC (`VpcOnly`).
    ///
    /// With `PublicInternetOnly` the notebooks and apps of every user have a direct internet path
    /// that the VPC's security groups, network ACLs, endpoints and egress inspection do not see:
    /// data can leave unobserved and packages can be fetched from anywhere.
    pub static CHECK = {
        id: "aws-sagemaker-domain-public-internet",
        title: "SageMaker domain apps have direct internet access",
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
        aliases: [],
        remediation: "Set `app_network_access_type = \"VpcOnly\"` (CloudFormation: `AppNetworkAccessType: VpcOnly`) and give the VPC the endpoints or NAT egress the apps need.",
        references: ["https://docs.aws.amazon.com/sagemaker/latest/dg/studio-notebooks-and-internet-access.html", "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateDomain.html"],
        examples: [
            tf_bad("Access type omitted, the subnets from a variable", r#"
variable "subnets" {
  default = ["subnet-0123456789abcdef0"]
}

resource "aws_sagemaker_domain" "studio" {
  domain_name = "studio"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0123456789abcdef0"
  subnet_ids  = var.subnets

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/sagemaker"
  }
}
"#),
            tf_good("VPC only", r#"
resource "aws_sagemaker_domain" "studio" {
  domain_name             = "studio"
  auth_mode               = "IAM"
  vpc_id                  = "vpc-0123456789abcdef0"
  subnet_ids              = ["subnet-0123456789abcdef0"]
  app_network_access_type = "VpcOnly"

  default_user_settings {
    execution_role = "arn:aws:iam::111122223333:role/sagemaker"
  }
}
"#),
            cfn_bad("Public internet through a parameter's default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AccessType:
    Type: String
    Default: PublicInternetOnly
Resources:
  Studio:
    Type: AWS::SageMaker::Domain
    Properties:
      DomainName: studio
      AuthMode: IAM
      VpcId: vpc-0123456789abcdef0
      SubnetIds: [subnet-0123456789abcdef0]
      AppNetworkAccessType: !Ref AccessType
      DefaultUserSettings:
        ExecutionRole: arn:aws:iam::111122223333:role/sagemaker
"#),
            cfn_good("VPC only", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Studio:
    Type: AWS::SageMaker::Domain
    Properties:
      DomainName: studio
      AuthMode: IAM
      VpcId: vpc-0123456789abcdef0
      SubnetIds: [subnet-0123456789abcdef0]
      AppNetworkAccessType: VpcOnly
      DefaultUserSettings:
        ExecutionRole: arn:aws:iam::111122223333:role/sagemaker
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for d in &state.aws.sagemaker.domains {
        let v = &d.app_network_access_type;
        if v.eq_ignore_case("PublicInternetOnly") {
            report.add(
                &d.resource,
                &v.meta,
                "Studio apps reach the internet directly (`PublicInternetOnly`), outside the VPC",
            );
        } else if v.eq_ignore_case("VpcOnly") {
            report.pass(&d.resource);
        }
    }
}
