use crate::check::{cfn_bad, cfn_good, cfn_json_bad, cfn_json_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a VPC that no flow log targets.
    ///
    /// Flow logs are the record of which addresses talked to what; without them an intrusion
    /// or exfiltration cannot be reconstructed.
    pub static CHECK = {
        id: "aws-vpc-no-flow-logs",
        title: "VPC has no flow log",
        severity: Medium,
        risk_score: 4.5,
        provider: Aws,
        service: "vpc",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["3.7"],
            NIST_800_53: ["AU-2", "AU-12", "SI-4"],
            ISO_27001: ["A.8.15", "A.8.16"],
            SOC2: ["CC7.2"],
        },
        aliases: ["CKV2_AWS_11", "AVD-AWS-0178", "aws-ec2-require-vpc-flow-logs-for-all-vpcs"],
        remediation: "Add an `aws_flow_log` for the VPC with `traffic_type = \"ALL\"` (at least `REJECT`). In CloudFormation: an `AWS::EC2::FlowLog` with `ResourceId: !Ref <VPC>` and `ResourceType: VPC`.",
        references: ["https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html"],
        examples: [
            tf_bad("A VPC without a flow log", r#"
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "main" {
  vpc_id = aws_vpc.main.id
}
"#),
            tf_good("A flow log joined to its VPC", r#"
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id          = aws_vpc.main.id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::example-flow-logs"
}
"#),
            cfn_bad("A VPC without a flow log", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsSupport: true
"#),
            cfn_bad("A flow log of another VPC does not cover this one", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Shared:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.1.0.0/16
  SharedFlowLog:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !Ref Shared
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: arn:aws:s3:::example-flow-logs
"#),
            cfn_good("A flow log joined to its VPC by !Ref", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Main:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  MainFlowLog:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !Ref Main
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: arn:aws:s3:::example-flow-logs
"#),
            cfn_good("A flow log in the parent stack, joined to the nested stack's VPC through its output", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./network.yaml
  NetworkFlowLog:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !GetAtt Network.Outputs.VpcId
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: arn:aws:s3:::example-flow-logs
# file: network.yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
Outputs:
  VpcId:
    Value: !Ref Vpc
"#),
            cfn_json_bad("A VPC without a flow log, in JSON", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Main": {
      "Type": "AWS::EC2::VPC",
      "Properties": { "CidrBlock": "10.0.0.0/16" }
    }
  }
}
"#),
            cfn_json_good("A flow log to CloudWatch Logs joined by Ref", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {
    "FlowLogRoleArn": {
      "Type": "String",
      "Default": "arn:aws:iam::123456789012:role/flow-logs"
    }
  },
  "Resources": {
    "Main": {
      "Type": "AWS::EC2::VPC",
      "Properties": { "CidrBlock": "10.0.0.0/16" }
    },
    "FlowLogGroup": {
      "Type": "AWS::Logs::LogGroup",
      "Properties": { "RetentionInDays": 365 }
    },
    "MainFlowLog": {
      "Type": "AWS::EC2::FlowLog",
      "Properties": {
        "ResourceId": { "Ref": "Main" },
        "ResourceType": "VPC",
        "TrafficType": "REJECT",
        "LogGroupName": { "Ref": "FlowLogGroup" },
        "DeliverLogsPermissionArn": { "Ref": "FlowLogRoleArn" }
      }
    }
  }
}
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for vpc in &state.aws.ec2.vpcs {
        if vpc.flow_logs_enabled.is_false() {
            report.add(
                &vpc.resource,
                &vpc.flow_logs_enabled.meta,
                "VPC has no flow log",
            );
        } else if vpc.flow_logs_enabled.is_true() {
            report.pass(&vpc.resource);
        }
    }
}
