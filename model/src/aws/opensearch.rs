//! OpenSearch Service (and Elasticsearch) domains (<https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_CreateDomain.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct OpenSearch {
    pub domains: Vec<Domain>,
}

#[derive(Debug, Clone)]
pub struct Domain {
    pub resource: ResourceMeta,
    /// `EncryptionAtRestOptions.Enabled`.
    pub encrypt_at_rest: Value<bool>,
    /// `NodeToNodeEncryptionOptions.Enabled`.
    pub node_to_node: Value<bool>,
    /// The domain is placed in a VPC (`VPCOptions`); otherwise its endpoint is public.
    pub in_vpc: Value<bool>,
    /// `DomainEndpointOptions.EnforceHTTPS`.
    pub enforce_https: Value<bool>,
}
