//! The toy provider's part of the model: buckets that may be public.

use cloudsentinel_model::{Extension, ResourceMeta, Value};

#[derive(Debug, Clone, Default)]
pub struct ToyCloud {
    pub buckets: Vec<ToyBucket>,
}

#[derive(Debug, Clone)]
pub struct ToyBucket {
    pub resource: ResourceMeta,
    /// `public=true|false`; `public=?` is Unknown; missing is the documented default, false.
    pub public: Value<bool>,
}

impl Extension for ToyCloud {
    fn resource_count(&self) -> usize {
        self.buckets.len()
    }
    fn extend(&mut self, other: Self) {
        self.buckets.extend(other.buckets);
    }
}
