use crate::{ResourceMeta, Value};

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
}
