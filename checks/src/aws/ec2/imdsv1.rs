use crate::check::{Fix, Format, cfn_bad, cfn_good, cfn_json_bad, cfn_json_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::{ResourceMeta, State, Value};

declare_check! {
    /// Flags an instance, launch template or launch configuration whose instance metadata
    /// service is on (`http_endpoint` / `HttpEndpoint` is `enabled`, the default) and does
    /// not explicitly require IMDSv2 (`http_tokens` / `HttpTokens` is not `required`; the
    /// default is `optional`). A metadata service turned off (`disabled`) serves no IMDSv1
    /// either, so it passes.
    ///
    /// IMDSv1 answers plain GET requests, so a server-side request forgery in any
    /// application on the instance hands out its role credentials.
    pub static CHECK = {
        id: "aws-ec2-imdsv1",
        title: "Instance metadata service allows IMDSv1",
        severity: High,
        risk_score: 7.5,
        provider: Aws,
        service: "ec2",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["5.6"],
            NIST_800_53: ["AC-3", "SC-7"],
            ISO_27001: ["A.8.9"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_79", "AVD-AWS-0028", "AVD-AWS-0130", "aws-ec2-enforce-http-token-imds", "aws-ec2-enforce-launch-config-http-token-imds"],
        remediation: "Set `metadata_options { http_tokens = \"required\" }` on instances, launch templates and launch configurations (or `http_endpoint = \"disabled\"` where nothing reads instance metadata). In CloudFormation: `MetadataOptions: {HttpTokens: required}` on the instance or in the `LaunchTemplateData`.",
        references: ["https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html"],
        examples: [
            tf_bad("Tokens made optional through a variable", r#"
variable "legacy_metadata" {
  default = true
}

resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = var.legacy_metadata ? "optional" : "required"
  }
}
"#),
            tf_bad("No metadata options: IMDSv1 stays available", r#"
resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}
"#),
            tf_bad("A launch template with optional tokens", r#"
resource "aws_launch_template" "app" {
  name_prefix = "app"
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional"
  }
}
"#),
            tf_good("Tokens required", r#"
resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "required"
  }
}
"#),
            tf_good("The metadata service turned off through a variable: no IMDSv1 either", r#"
variable "metadata_endpoint" {
  default = "disabled"
}

resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  metadata_options {
    http_endpoint = var.metadata_endpoint
    http_tokens   = "optional"
  }
}

resource "aws_launch_template" "app" {
  name_prefix = "app"
  metadata_options {
    http_endpoint = "disabled"
  }
}
"#),
            tf_good("An endpoint set by a variable without a value: not guessed", r#"
variable "metadata_endpoint" {
  type = string
}

resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  metadata_options {
    http_endpoint = var.metadata_endpoint
  }
}
"#),
            tf_bad("A launch configuration with optional tokens", r#"
variable "tokens" {
  default = "optional"
}

resource "aws_launch_configuration" "app" {
  name_prefix   = "app"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = var.tokens
  }
}
"#),
            tf_good("A launch configuration that requires tokens", r#"
resource "aws_launch_configuration" "app" {
  name_prefix   = "app"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }
}
"#),
            cfn_bad("Tokens made optional by a condition on a parameter default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  LegacyMetadata:
    Type: String
    Default: "true"
    AllowedValues: ["true", "false"]
Conditions:
  UseLegacyMetadata: !Equals [!Ref LegacyMetadata, "true"]
Resources:
  App:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      MetadataOptions:
        HttpTokens: !If [UseLegacyMetadata, optional, required]
"#),
            cfn_bad("No metadata options: IMDSv1 stays available", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  App:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
"#),
            cfn_bad("A launch template with optional tokens", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  App:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateName: app
      LaunchTemplateData:
        MetadataOptions:
          HttpEndpoint: enabled
          HttpTokens: optional
"#),
            cfn_good("Tokens required", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  App:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      MetadataOptions:
        HttpTokens: required
"#),
            cfn_good("The metadata service turned off by a parameter default: no IMDSv1 either", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  MetadataEndpoint:
    Type: String
    Default: disabled
    AllowedValues: [enabled, disabled]
Resources:
  App:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      MetadataOptions:
        HttpEndpoint: !Ref MetadataEndpoint
  AppTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        MetadataOptions:
          HttpEndpoint: disabled
          HttpTokens: optional
"#),
            cfn_bad("A launch configuration without metadata options", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ImageId:
    Type: AWS::EC2::Image::Id
Resources:
  AppConfig:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: !Ref ImageId
      InstanceType: t3.micro
"#),
            cfn_good("A launch configuration that requires tokens", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AppConfig:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      MetadataOptions:
        HttpEndpoint: enabled
        HttpTokens: required
"#),
            cfn_json_bad("A launch template without metadata options leaves tokens optional (the instance launched from it requires them itself)", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "AppTemplate": {
      "Type": "AWS::EC2::LaunchTemplate",
      "Properties": {
        "LaunchTemplateData": {
          "ImageId": "ami-0123456789abcdef0",
          "InstanceType": "t3.micro"
        }
      }
    },
    "App": {
      "Type": "AWS::EC2::Instance",
      "Properties": {
        "LaunchTemplate": {
          "LaunchTemplateId": { "Ref": "AppTemplate" },
          "Version": { "Fn::GetAtt": ["AppTemplate", "LatestVersionNumber"] }
        },
        "MetadataOptions": { "HttpTokens": "required" }
      }
    }
  }
}
"#),
            cfn_json_good("An instance takes the required tokens of its launch template", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "AppTemplate": {
      "Type": "AWS::EC2::LaunchTemplate",
      "Properties": {
        "LaunchTemplateData": {
          "ImageId": "ami-0123456789abcdef0",
          "InstanceType": "t3.micro",
          "MetadataOptions": { "HttpTokens": "required", "HttpPutResponseHopLimit": 2 }
        }
      }
    },
    "App": {
      "Type": "AWS::EC2::Instance",
      "Properties": {
        "LaunchTemplate": {
          "LaunchTemplateId": { "Ref": "AppTemplate" },
          "Version": { "Fn::GetAtt": ["AppTemplate", "LatestVersionNumber"] }
        }
      }
    }
  }
}
"#),
        ],
        fixes: [
            Fix::set(Format::Terraform, &["metadata_options", "http_tokens"], "\"required\""),
            Fix::set(Format::CloudFormation, &["MetadataOptions", "HttpTokens"], "required")
                .with_type_prefixes(&[("AWS::EC2::LaunchTemplate", "LaunchTemplateData")]),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    let ec2 = &state.aws.ec2;
    for i in &ec2.instances {
        verdict(
            report,
            &i.resource,
            &i.http_tokens,
            &i.http_endpoint,
            "Instance",
        );
    }
    for t in &ec2.launch_templates {
        verdict(
            report,
            &t.resource,
            &t.http_tokens,
            &t.http_endpoint,
            t.kind.label(),
        );
    }
}

/// Required tokens, or a metadata service known to be off, pass; known optional tokens on a
/// service known to answer fail; anything Unknown decides nothing.
fn verdict(
    report: &mut Report,
    resource: &ResourceMeta,
    tokens: &Value<String>,
    endpoint: &Value<String>,
    what: &str,
) {
    if tokens.eq_ignore_case("required") || endpoint.eq_ignore_case("disabled") {
        report.pass(resource);
    } else if tokens.known().is_some() && endpoint.eq_ignore_case("enabled") {
        report.add(
            resource,
            &tokens.meta,
            format!("{what} does not require IMDSv2 session tokens"),
        );
    }
}
