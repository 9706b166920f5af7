use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Efs {
    pub file_systems: Vec<FileSystem>,
}

#[derive(Debug, Clone)]
pub struct FileSystem {
    pub resource: ResourceMeta,
    pub encrypted: Value<bool>,
}
