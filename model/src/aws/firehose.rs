//! Kinesis Data Firehose delivery streams
//! (<https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Firehose {
    pub delivery_streams: Vec<DeliveryStream>,
}

#[derive(Debug, Clone)]
pub struct DeliveryStream {
    pub resource: ResourceMeta,
    /// Records are put directly (`DirectPut`, the default) rather than read from a Kinesis
    /// data stream or an MSK topic. Server-side encryption of the delivery stream applies to
    /// Direct PUT only: a stream-sourced delivery stream keeps the source's encryption.
    pub direct_put: Value<bool>,
    /// Server-side encryption is enabled (`DeliveryStreamEncryptionConfigurationInput`,
    /// `server_side_encryption { enabled }`); Default false.
    pub encrypted: Value<bool>,
    /// `KeyType` of that encryption: `AWS_OWNED_CMK` (Terraform's default) or
    /// `CUSTOMER_MANAGED_CMK`; Unknown when encryption is off.
    pub key_type: Value<String>,
}
