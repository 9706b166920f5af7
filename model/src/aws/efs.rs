use crate::aws::iam::PolicyDocument;
use crate::{ResourceMeta, Value};

/// Encryption at rest of a file system that does not ask for it: off
/// (<https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html#efs-CreateFileSystem-request-Encrypted>).
pub const DEFAULT_ENCRYPTED: bool = false;

#[derive(Debug, Default, Clone)]
pub struct Efs {
    pub file_systems: Vec<FileSystem>,
}

#[derive(Debug, Clone)]
pub struct FileSystem {
    pub resource: ResourceMeta,
    pub encrypted: Value<bool>,
    /// The file system policies: `aws_efs_file_system_policy` resources naming it
    /// (`FileSystemPolicy` in CloudFormation). Empty when it has none: EFS then grants full
    /// access to any client that can reach a mount target, and IAM decides for the rest.
    pub policies: Vec<Value<PolicyDocument>>,
}
