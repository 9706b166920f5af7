//! MSK (Managed Streaming for Kafka) clusters (<https://docs.aws.amazon.com/msk/1.0/apireference/clusters.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Msk {
    pub clusters: Vec<Cluster>,
}

#[derive(Debug, Clone)]
pub struct Cluster {
    pub resource: ResourceMeta,
    /// `EncryptionInfo.EncryptionInTransit.ClientBroker`: `TLS`, `TLS_PLAINTEXT` or
    /// `PLAINTEXT`.
    pub client_broker: Value<String>,
}
