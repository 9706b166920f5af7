use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an EBS volume, an instance's root or EBS block device, or a block device of a
    /// launch template or launch configuration (`aws_launch_configuration`,
    /// `AWS::AutoScaling::LaunchConfiguration`) that is not encrypted.
    ///
    /// Unencrypted volumes and their snapshots can be copied and read by anyone who gains
    /// access to them, including through a snapshot shared by mistake.
    pub static CHECK = {
        id: "aws-ec2-ebs-unencrypted",
        title: "EBS volume is not encrypted",
        severity: High,
        risk_score: 7.0,
        provider: Aws,
        service: "ec2",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["2.2.1"],
            NIST_800_53: ["SC-28", "SC-13"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: [
            "CKV_AWS_3", "CKV_AWS_8", "AVD-AWS-0026", "AVD-AWS-0131", "AVD-AWS-0008",
            "aws-ec2-enable-volume-encryption", "aws-ebs-enable-volume-encryption", "aws-ec2-enable-at-rest-encryption",
            "aws-ec2-enable-launch-config-at-rest-encryption", "cfn_nag:F1",
        ],
        remediation: "Set `encrypted = true` on volumes and block devices (of instances, launch templates and launch configurations) (and turn on EBS encryption by default for the account and region). In CloudFormation: `Encrypted: true` on `AWS::EC2::Volume` and on the `Ebs` of every block device mapping (instances, launch templates, `AWS::AutoScaling::LaunchConfiguration`).",
        references: ["https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html"],
        examples: [
            tf_bad("A launch template device from a dynamic block", r#"
variable "volumes" {
  default = {
    "/dev/xvda" = true
    "/dev/xvdb" = false
  }
}

resource "aws_launch_template" "app" {
  name_prefix = "app"
  metadata_options {
    http_tokens = "required"
  }
  dynamic "block_device_mappings" {
    for_each = var.volumes
    content {
      device_name = block_device_mappings.key
      ebs {
        encrypted = block_device_mappings.value
      }
    }
  }
}
"#),
            tf_bad("A volume without encryption", r#"
resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
}
"#),
            tf_bad("An instance root device explicitly unencrypted", r#"
resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "required"
  }
  root_block_device {
    encrypted = false
  }
}
"#),
            tf_good("Encrypted volume and root device", r#"
resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
}

resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  root_block_device {
    encrypted = true
  }
}
"#),
            tf_bad("A launch configuration root device without encryption", r#"
variable "root_size" {
  default = 20
}

resource "aws_launch_configuration" "app" {
  name_prefix   = "app"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "required"
  }
  root_block_device {
    volume_size = var.root_size
  }
}
"#),
            tf_good("A launch configuration with encrypted devices", r#"
variable "encrypt" {
  default = true
}

resource "aws_launch_configuration" "app" {
  name_prefix   = "app"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  root_block_device {
    encrypted = var.encrypt
  }
  ebs_block_device {
    device_name = "/dev/xvdb"
    volume_size = 100
    encrypted   = true
  }
}
"#),
            cfn_bad("A launch template device left unencrypted by a parameter default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  EncryptData:
    Type: String
    Default: "false"
    AllowedValues: ["true", "false"]
Resources:
  App:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        MetadataOptions:
          HttpTokens: required
        BlockDeviceMappings:
          - DeviceName: /dev/xvdb
            Ebs:
              VolumeSize: 100
              Encrypted: !Ref EncryptData
"#),
            cfn_bad("A launch configuration device without encryption", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DataSize:
    Type: Number
    Default: 100
Resources:
  AppConfig:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      MetadataOptions:
        HttpTokens: required
      BlockDeviceMappings:
        - DeviceName: /dev/xvdb
          Ebs:
            VolumeSize: !Ref DataSize
"#),
            cfn_good("A launch configuration with encrypted devices", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  EncryptData:
    Type: String
    Default: "true"
Resources:
  AppConfig:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs:
            VolumeSize: 20
            Encrypted: !Ref EncryptData
        - DeviceName: /dev/sdb
          VirtualName: ephemeral0
"#),
            cfn_bad("A volume without encryption", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Data:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: !Select [0, !GetAZs ""]
      Size: 100
"#),
            cfn_bad("An instance root device explicitly unencrypted", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  App:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      MetadataOptions:
        HttpTokens: required
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs:
            VolumeSize: 20
            Encrypted: false
"#),
            cfn_good("Encrypted volume and root device", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Data:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: !Select [0, !GetAZs ""]
      Size: 100
      Encrypted: true
  App:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      AvailabilityZone: !GetAtt Data.AvailabilityZone
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs:
            VolumeSize: 20
            Encrypted: true
      Volumes:
        - Device: /dev/sdf
          VolumeId: !Ref Data
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    let ec2 = &state.aws.ec2;
    for v in &ec2.volumes {
        if v.encrypted.is_false() {
            report.add(
                &v.resource,
                &v.encrypted.meta,
                "EBS volume is not encrypted",
            );
        } else if v.encrypted.is_true() {
            report.pass(&v.resource);
        }
    }
    // An instance or launch template passes when every block device it declares is known
    // to be encrypted; one unencrypted device fails it, an Unknown one leaves it undecided,
    // and so does an undescribed root device (an instance without `root_block_device`, a
    // template or launch configuration without devices): its encryption comes from the image, which we do not see.
    for i in &ec2.instances {
        let devices: Vec<_> = i
            .root_block_device
            .iter()
            .chain(&i.ebs_block_devices)
            .collect();
        for d in &devices {
            if d.encrypted.is_false() {
                let name = d.device_name.as_str().unwrap_or("root device");
                report.add(
                    &i.resource,
                    &d.encrypted.meta,
                    format!("Instance block device {name} is not encrypted"),
                );
            }
        }
        if i.root_block_device.is_some() && devices.iter().all(|d| d.encrypted.is_true()) {
            report.pass(&i.resource);
        }
    }
    for t in &ec2.launch_templates {
        for d in &t.block_devices {
            if d.encrypted.is_false() {
                let what = t.kind.label();
                let message = match d.device_name.as_str() {
                    Some(name) => format!("{what} block device {name} is not encrypted"),
                    // A root device block names no device.
                    None => format!("{what} has a block device that is not encrypted"),
                };
                report.add(&t.resource, &d.encrypted.meta, message);
            }
        }
        if !t.block_devices.is_empty() && t.block_devices.iter().all(|d| d.encrypted.is_true()) {
            report.pass(&t.resource);
        }
    }
}
