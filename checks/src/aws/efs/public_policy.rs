use crate::aws::resource_policy;
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

/// EFS's key for requests made through a mount target, which lies in the file system's
/// VPC: a network restriction like `aws:SourceVpc`.
const EFS_NARROWING_KEYS: [&str; 1] = ["elasticfilesystem:accessedviamounttarget"];

declare_check! {
    /// Flags an EFS file system whose file system policy has an Allow statement for
    /// `Principal: "*"` (or `{"AWS": "*"}`, or everyone but a `NotPrincipal` list) without
    /// a condition that narrows who can use it (`elasticfilesystem:AccessedViaMountTarget`,
    /// `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceAccount`, `aws:SourceArn`,
    /// `aws:SourceVpc`, `aws:SourceVpce`, `aws:SourceIp`). The policy is an
    /// `aws_efs_file_system_policy` naming the file system (`FileSystemPolicy` of
    /// `AWS::EFS::FileSystem`).
    ///
    /// Such a statement lets any AWS account's principals mount the file system (through a
    /// peered network or an access point) and read, write or act as root on it, depending
    /// on the actions granted. A policy that cannot be evaluated is not flagged.
    pub static CHECK = {
        id: "aws-efs-public-policy",
        title: "EFS file system policy allows anyone",
        severity: High,
        risk_score: 8.0,
        provider: Aws,
        service: "efs",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "AC-6"],
            ISO_27001: ["A.5.15", "A.8.3"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Name the roles that mount the file system, or keep `\"*\"` only with a condition such as `elasticfilesystem:AccessedViaMountTarget` or `aws:PrincipalOrgID`.",
        references: ["https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html"],
        examples: [
            tf_bad("A file system policy lets anyone mount and write", r#"
resource "aws_efs_file_system" "shared" {
  encrypted = true
}

resource "aws_efs_file_system_policy" "shared" {
  file_system_id = aws_efs_file_system.shared.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
      Resource  = aws_efs_file_system.shared.arn
    }]
  })
}
"#),
            tf_good("Anyone, but only through the file system's mount targets", r#"
resource "aws_efs_file_system" "shared" {
  encrypted = true
}

resource "aws_efs_file_system_policy" "shared" {
  file_system_id = aws_efs_file_system.shared.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
      Resource  = aws_efs_file_system.shared.arn
      Condition = { Bool = { "elasticfilesystem:AccessedViaMountTarget" = "true" } }
    }]
  })
}
"#),
            cfn_bad("The file system policy lets anyone act as root", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Encrypt:
    Type: String
    Default: "true"
Resources:
  Shared:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: !Ref Encrypt
      FileSystemPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: elasticfilesystem:ClientRootAccess
"#),
            cfn_good("One role of the account", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Encrypt:
    Type: String
    Default: "true"
Resources:
  Shared:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: !Ref Encrypt
      FileSystemPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::123456789012:role/app
            Action:
              - elasticfilesystem:ClientMount
              - elasticfilesystem:ClientWrite
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for f in &state.aws.efs.file_systems {
        resource_policy::check(
            report,
            &f.resource,
            &f.policies,
            &EFS_NARROWING_KEYS,
            "File system policy",
        );
    }
}
