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
    /// Broker logs are delivered somewhere: `LoggingInfo.BrokerLogs` enables CloudWatch Logs,
    /// Firehose or S3 delivery; Default false (a new cluster delivers no broker logs).
    pub broker_logs: Value<bool>,
    /// `EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId`; Default `""`: the AWS managed
    /// key `aws/kafka`.
    pub at_rest_kms_key: Value<String>,
    /// Clients may connect without authenticating: `ClientAuthentication.Unauthenticated`
    /// is enabled, or the cluster declares no `ClientAuthentication` at all (no SASL and no
    /// TLS client authentication: every client is unauthenticated). Default false when
    /// `ClientAuthentication` is declared without `Unauthenticated`.
    pub unauthenticated: Value<bool>,
    /// `BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type`: `DISABLED` (the default) or
    /// `SERVICE_PROVIDED_EIPS` (brokers reachable from the internet).
    pub public_access: Value<String>,
}
