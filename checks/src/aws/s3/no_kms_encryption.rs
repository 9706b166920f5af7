use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

const KMS_ALGORITHMS: [&str; 2] = ["aws:kms", "aws:kms:dsse"];

declare_check! {
    /// Flags a bucket whose default encryption does not use a KMS key (`aws:kms` or
    /// `aws:kms:dsse`); S3-managed keys (`AES256`, the default for every bucket) pass only
    /// the at-rest requirement.
    ///
    /// With a KMS key, reading an object also needs `kms:Decrypt`, so a policy mistake on the
    /// bucket alone does not expose the data, and every decryption is logged in CloudTrail.
    ///
    /// A bucket that a load balancer of the scan delivers its access logs to passes with
    /// `AES256`: Elastic Load Balancing writes logs only to buckets encrypted with S3-managed
    /// keys, so a KMS key there would stop the logs. (Live scans do not read which buckets
    /// receive load balancer logs.)
    pub static CHECK = {
        id: "aws-s3-no-kms-encryption",
        title: "S3 bucket is not encrypted with a KMS key",
        severity: Low,
        risk_score: 3.0,
        provider: Aws,
        service: "s3",
        formats: [Terraform, CloudFormation],
        compliance: {
            NIST_800_53: ["SC-12", "SC-28"],
            ISO_27001: ["A.8.24"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_145", "AVD-AWS-0132", "aws-s3-encryption-customer-key"],
        remediation: "Configure `aws_s3_bucket_server_side_encryption_configuration` with `sse_algorithm = \"aws:kms\"` and a customer-managed key. In CloudFormation: `BucketEncryption` with `SSEAlgorithm: aws:kms` and `KMSMasterKeyID`.",
        references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html"],
        examples: [
            tf_bad("The default S3-managed encryption", r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}
"#),
            tf_bad("AES256 declared explicitly", r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
"#),
            tf_good("The access log bucket of a load balancer, which supports only AES256", r#"
resource "aws_s3_bucket" "lb_logs" {
  bucket = "acme-lb-logs"
}

resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]

  access_logs {
    bucket  = aws_s3_bucket.lb_logs.id
    enabled = true
  }
}
"#),
            tf_good("A KMS key", r#"
resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
  }
}
"#),
            cfn_bad("The default S3-managed encryption", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-data
"#),
            cfn_bad("AES256 chosen by a condition on a parameter default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  UseKms:
    Type: String
    Default: "false"
Conditions:
  KmsEncrypted: !Equals [!Ref UseKms, "true"]
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-data
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: !If [KmsEncrypted, "aws:kms", AES256]
"#),
            cfn_good("The access log bucket of a Classic Load Balancer", r"
Resources:
  LbLogs:
    Type: AWS::S3::Bucket
  Web:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: [eu-west-1a]
      Listeners:
        - LoadBalancerPort: '443'
          InstancePort: '8080'
          Protocol: HTTPS
          SSLCertificateId: arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b
      AccessLoggingPolicy:
        Enabled: true
        S3BucketName: !Ref LbLogs
"),
            cfn_good("The access log bucket of an Application Load Balancer, named in its attributes", r"
Resources:
  LbLogs:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: AES256
  Web:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-0123456789abcdef0, subnet-0fedcba9876543210]
      LoadBalancerAttributes:
        - Key: access_logs.s3.enabled
          Value: 'true'
        - Key: access_logs.s3.bucket
          Value: !Ref LbLogs
"),
            cfn_good("A KMS key of the same template", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: example-data
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !GetAtt DataKey.Arn
            BucketKeyEnabled: true
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for bucket in &state.aws.s3.buckets {
        let alg = &bucket.encryption.algorithm;
        if alg.is_one_of(&KMS_ALGORITHMS) {
            report.pass(&bucket.resource);
        } else if bucket.receives_load_balancer_logs && alg.eq_ignore_case("AES256") {
            // Load balancer log delivery supports only S3-managed keys.
            report.pass(&bucket.resource);
        } else if alg.known().is_some() {
            report.add(
                &bucket.resource,
                &alg.meta,
                format!(
                    "Bucket encryption uses `{}`, not a KMS key",
                    alg.as_str().unwrap_or_default()
                ),
            );
        }
    }
}
