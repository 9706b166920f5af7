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
}
