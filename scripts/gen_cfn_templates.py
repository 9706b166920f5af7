#!/usr/bin/env python3
"""Generates synthetic CloudFormation templates for benchmarks.

Usage: gen_cfn_templates.py OUT_DIR N [--conditions K]

Writes N real-sized templates (about 250 lines each): YAML with short-form tags and JSON with
long-form intrinsics in turn, every tenth one a SAM template, every fifth YAML template a parent
with a local nested stack. Each template has parameters, mappings, conditions and some 30
resources across the adapted services, with a few insecure settings so checks have something to
report. Also writes `conditions-K.yaml` (default K = 500): a template whose conditions each use
the previous one twice, which only evaluates in reasonable time when conditions are memoized.
"""
import json
import os
import sys

YAML_TEMPLATE = """AWSTemplateFormatVersion: "2010-09-09"
Description: Generated stack {i}
Parameters:
  Environment:
    Type: String
    Default: {env}
    AllowedValues: [dev, staging, prod]
  VpcCidr:
    Type: String
    Default: 10.{o}.0.0/16
  AdminCidr:
    Type: String
    Default: {admin}
  Zones:
    Type: CommaDelimitedList
    Default: "a,b,c"
Mappings:
  Sizes:
    dev: {{Instance: t3.micro, Backups: 1}}
    staging: {{Instance: t3.small, Backups: 3}}
    prod: {{Instance: m6i.large, Backups: 14}}
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
  IsNotProd: !Not [!Condition IsProd]
  InUsEast: !Equals [!Ref "AWS::Region", us-east-1]
  ProdInUsEast: !And [!Condition IsProd, !Condition InUsEast]
  ProdOrUsEast: !Or [!Condition IsProd, !Condition InUsEast]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref VpcCidr
      Tags:
        - Key: Name
          Value: !Sub "${{Environment}}-vpc-{i}"
  FlowLog:
    Type: AWS::EC2::FlowLog
    Condition: IsProd
    Properties:
      ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
  PublicSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Select [0, !Cidr [!Ref VpcCidr, 4, 8]]
      AvailabilityZone: !Select [0, !GetAZs ""]
      MapPublicIpOnLaunch: true
  PrivateSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.{o}.8.0/24
  WebGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web {i}
      GroupName: !Sub "${{Environment}}-web-{i}"
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !Ref AdminCidr
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 0.0.0.0/0
  WebRdp:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt WebGroup.GroupId
      IpProtocol: tcp
      FromPort: 3389
      ToPort: 3389
      CidrIp: !If [IsProd, 10.0.0.0/8, 0.0.0.0/0]
  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties:
      VpcId: !Ref Vpc
  AclSsh:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Acl
      RuleNumber: 100
      Protocol: 6
      RuleAction: allow
      CidrBlock: 0.0.0.0/0
      PortRange: {{From: 22, To: 22}}
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        InstanceType: !FindInMap [Sizes, !Ref Environment, Instance]
        MetadataOptions:
          HttpTokens: {tokens}
        BlockDeviceMappings:
          - DeviceName: /dev/xvda
            Ebs: {{VolumeSize: 20, Encrypted: true}}
  Web:
    Type: AWS::EC2::Instance
    Properties:
      LaunchTemplate:
        LaunchTemplateId: !Ref Template
        Version: !GetAtt Template.LatestVersionNumber
      SubnetId: !Ref PrivateSubnet
  Scratch:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: !GetAtt Web.AvailabilityZone
      Size: 50
      Encrypted: {encrypted}
  Assets:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Join ["-", [!Ref Environment, assets, "{i}"]]
      AccessControl: {acl}
      VersioningConfiguration:
        Status: !If [IsProd, Enabled, Suspended]
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !GetAtt Key.Arn
  AssetsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Assets
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource:
              - !Sub "arn:${{AWS::Partition}}:s3:::${{Assets}}"
              - !Sub "arn:${{AWS::Partition}}:s3:::${{Assets}}/*"
            Condition:
              Bool: {{aws:SecureTransport: false}}
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: {rotation}
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {{AWS: !Sub "arn:aws:iam::${{AWS::AccountId}}:root"}}
            Action: "kms:*"
            Resource: "*"
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: !Ref Assets
      IsMultiRegionTrail: !If [IsProd, true, false]
      EnableLogFileValidation: true
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {{Service: ec2.amazonaws.com}}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: app-{i}
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: {action}
                Resource: "*"
  AppPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra-{i}
      Roles: [!Ref AppRole]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [sqs:SendMessage, sqs:ReceiveMessage]
            Resource: !GetAtt Queue.Arn
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.medium
      AllocatedStorage: "50"
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: !If [IsProd, true, false]
      PubliclyAccessible: false
      BackupRetentionPeriod: !FindInMap [Sizes, !Ref Environment, Backups]
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "${{Environment}}-queue-{i}"
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: alias/aws/sns
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{{AttributeName: id, AttributeType: S}}]
      KeySchema: [{{AttributeName: id, KeyType: HASH}}]
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: !If [IsNotProd, false, true]
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      ImageTagMutability: IMMUTABLE
      ImageScanningConfiguration: {{ScanOnPush: true}}
  Files:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: true
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [!Ref PublicSubnet, !Ref PrivateSubnet]
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      Port: 80
      Protocol: HTTP
      DefaultActions:
        - Type: redirect
          RedirectConfig: {{Protocol: HTTPS, Port: "443", StatusCode: HTTP_301}}
{extra}Outputs:
  VpcId:
    Value: !Ref Vpc
"""

NESTED_CALL = """  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./network-{i}.yaml
      Parameters:
        Environment: !Ref Environment
        SshCidr: !Ref AdminCidr
"""

NESTED_CHILD = """AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Environment: {Type: String, Default: dev}
  SshCidr: {Type: String, Default: 10.0.0.0/8}
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Resources:
  ChildVpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.200.0.0/16}
  ChildFlowLog:
    Type: AWS::EC2::FlowLog
    Condition: IsProd
    Properties: {ResourceId: !Ref ChildVpc, ResourceType: VPC, TrafficType: ALL}
  ChildSsh:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      VpcId: !Ref ChildVpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref SshCidr}
"""

SAM_EXTRA = """  Api:
    Type: AWS::Serverless::HttpApi
  OrdersTable:
    Type: AWS::Serverless::SimpleTable
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      FunctionUrlConfig: {{AuthType: {auth}}}
      Policies:
        - DynamoDBCrudPolicy: {{TableName: !Ref OrdersTable}}
        - S3ReadPolicy: {{BucketName: !Ref Assets}}
        - Statement:
            - {{Effect: Allow, Action: "logs:*", Resource: "*"}}
"""


def yaml_template(i, nested):
    sam = i % 10 == 0
    extra = ""
    if nested:
        extra += NESTED_CALL.format(i=i)
    if sam:
        extra += SAM_EXTRA.format(auth="NONE" if i % 20 == 0 else "AWS_IAM")
    text = YAML_TEMPLATE.format(
        i=i,
        o=i % 250,
        env=["dev", "staging", "prod"][i % 3],
        admin="0.0.0.0/0" if i % 7 == 0 else "10.0.0.0/8",
        tokens="optional" if i % 5 == 0 else "required",
        encrypted="false" if i % 6 == 0 else "true",
        acl="PublicRead" if i % 9 == 0 else "Private",
        rotation="false" if i % 4 == 0 else "true",
        action='"*"' if i % 11 == 0 else "logs:PutLogEvents",
        extra=extra,
    )
    if sam:
        text = text.replace(
            'AWSTemplateFormatVersion: "2010-09-09"\n',
            'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n',
            1,
        )
    return text


def json_template(i):
    """A JSON template with long-form intrinsics and the same services."""
    env = ["dev", "staging", "prod"][i % 3]
    resources = {
        "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": {"Ref": "VpcCidr"}}},
        "FlowLog": {
            "Type": "AWS::EC2::FlowLog",
            "Condition": "IsProd",
            "Properties": {"ResourceId": {"Ref": "Vpc"}, "ResourceType": "VPC", "TrafficType": "ALL"},
        },
        "Group": {
            "Type": "AWS::EC2::SecurityGroup",
            "Properties": {
                "GroupDescription": f"json {i}",
                "VpcId": {"Ref": "Vpc"},
                "SecurityGroupIngress": [
                    {"IpProtocol": "tcp", "FromPort": p, "ToPort": p,
                     "CidrIp": {"Fn::If": ["IsProd", "10.0.0.0/8", "0.0.0.0/0"]}}
                    for p in (22, 443, 5432, 6379)
                ],
            },
        },
        "Bucket": {
            "Type": "AWS::S3::Bucket",
            "Properties": {
                "BucketName": {"Fn::Sub": ["${Env}-json-${Idx}", {"Env": {"Ref": "Environment"}, "Idx": str(i)}]},
                "VersioningConfiguration": {"Status": "Enabled"},
                "LoggingConfiguration": {"DestinationBucketName": {"Ref": "LogBucket"}},
                "PublicAccessBlockConfiguration": {
                    "BlockPublicAcls": True, "BlockPublicPolicy": True,
                    "IgnorePublicAcls": True, "RestrictPublicBuckets": i % 8 != 0,
                },
            },
        },
        "LogBucket": {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": "LogDeliveryWrite"}},
        "Role": {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                   "Action": "sts:AssumeRole"}],
                },
                "ManagedPolicyArns": [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess"}],
            },
        },
        "Managed": {
            "Type": "AWS::IAM::ManagedPolicy",
            "Properties": {
                "Roles": [{"Ref": "Role"}],
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Action": "s3:*" if i % 3 == 0 else "s3:GetObject",
                                   "Resource": {"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "Bucket"}, "/*"]]}}],
                },
            },
        },
        "Db": {
            "Type": "AWS::RDS::DBCluster",
            "Properties": {
                "Engine": "aurora-postgresql",
                "StorageEncrypted": True,
                "BackupRetentionPeriod": {"Fn::FindInMap": ["Sizes", {"Ref": "Environment"}, "Backups"]},
            },
        },
        "Cluster": {
            "Type": "AWS::EKS::Cluster",
            "Properties": {
                "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
                "ResourcesVpcConfig": {
                    "SubnetIds": {"Fn::Split": [",", {"Fn::ImportValue": "private-subnets"}]},
                    "EndpointPublicAccess": i % 2 == 0,
                },
            },
        },
    }
    for q in range(8):
        resources[f"Queue{q}"] = {
            "Type": "AWS::SQS::Queue",
            "Properties": {"QueueName": {"Fn::Sub": "${Environment}-q" + str(q)},
                           "SqsManagedSseEnabled": q % 4 != 0},
        }
        resources[f"Table{q}"] = {
            "Type": "AWS::DynamoDB::Table",
            "Properties": {
                "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": q % 2 == 0},
            },
        }
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"Generated JSON stack {i}",
        "Parameters": {
            "Environment": {"Type": "String", "Default": env},
            "VpcCidr": {"Type": "String", "Default": f"10.{i % 250}.0.0/16"},
        },
        "Mappings": {"Sizes": {e: {"Backups": b} for e, b in (("dev", 1), ("staging", 3), ("prod", 14))}},
        "Conditions": {
            "IsProd": {"Fn::Equals": [{"Ref": "Environment"}, "prod"]},
            "NotProd": {"Fn::Not": [{"Condition": "IsProd"}]},
        },
        "Resources": resources,
    }


def conditions_template(k):
    lines = [
        'AWSTemplateFormatVersion: "2010-09-09"',
        "Parameters:",
        "  Env: {Type: String, Default: prod}",
        "Conditions:",
        "  C0: !Equals [!Ref Env, prod]",
    ]
    # Declared in reverse dependency order, so memoization (not declaration order) keeps
    # evaluation linear.
    body = [
        f"  C{n}: !And [!Condition C{n - 1}, !Or [!Condition C{n - 1}, !Equals [!Ref Env, x{n}]]]"
        for n in range(1, k)
    ]
    lines.extend(reversed(body))
    lines.append("Resources:")
    for n in range(0, k, max(1, k // 20)):
        lines.extend([
            f"  Bucket{n}:",
            "    Type: AWS::S3::Bucket",
            f"    Condition: C{n}",
            "    Properties:",
            f"      BucketName: !If [C{k - 1}, last-{n}, other-{n}]",
        ])
    return "\n".join(lines) + "\n"


def main():
    args = sys.argv[1:]
    k = 500
    if "--conditions" in args:
        pos = args.index("--conditions")
        k = int(args[pos + 1])
        del args[pos:pos + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    out, total = args[0], int(args[1])
    os.makedirs(out, exist_ok=True)
    for i in range(total):
        if i % 2 == 1:
            with open(os.path.join(out, f"stack-{i}.json"), "w") as f:
                json.dump(json_template(i), f, indent=2)
            continue
        nested = i % 5 == 0
        with open(os.path.join(out, f"stack-{i}.yaml"), "w") as f:
            f.write(yaml_template(i, nested))
        if nested:
            with open(os.path.join(out, f"network-{i}.yaml"), "w") as f:
                f.write(NESTED_CHILD)
    with open(os.path.join(out, f"conditions-{k}.yaml"), "w") as f:
        f.write(conditions_template(k))


if __name__ == "__main__":
    main()
