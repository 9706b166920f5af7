use crate::aws::iam::PolicyDocument;
use crate::{ResourceMeta, Value};

/// Tag mutability of a repository that sets none: `MUTABLE`
/// (<https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html#ECR-CreateRepository-request-imageTagMutability>).
pub const DEFAULT_IMAGE_TAG_MUTABILITY: &str = "MUTABLE";

/// Scan on push of a repository that does not configure it: off
/// (<https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ImageScanningConfiguration.html>).
pub const DEFAULT_SCAN_ON_PUSH: bool = false;

/// Encryption of a repository that configures none: `AES256`, Amazon S3-managed keys
/// (<https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_EncryptionConfiguration.html>).
pub const DEFAULT_ENCRYPTION_TYPE: &str = "AES256";

#[derive(Debug, Default, Clone)]
pub struct Ecr {
    pub repositories: Vec<Repository>,
}

#[derive(Debug, Clone)]
pub struct Repository {
    pub resource: ResourceMeta,
    /// `MUTABLE` or `IMMUTABLE` (or the `*_WITH_EXCLUSION` variants).
    pub image_tag_mutability: Value<String>,
    pub scan_on_push: Value<bool>,
    /// `AES256`, `KMS` or `KMS_DSSE` (`encryption_configuration.encryption_type`,
    /// `EncryptionConfiguration.EncryptionType`).
    pub encryption_type: Value<String>,
    /// The repository policies: `aws_ecr_repository_policy` resources naming it
    /// (`RepositoryPolicyText` in CloudFormation). Empty when it has none (only the owner
    /// account's principals, through IAM, can then use it).
    pub policies: Vec<Value<PolicyDocument>>,
}
