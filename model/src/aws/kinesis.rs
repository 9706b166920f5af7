//! Kinesis data streams (<https://docs.aws.amazon.com/kinesis/latest/APIReference/API_StartStreamEncryption.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Kinesis {
    pub streams: Vec<Stream>,
}

#[derive(Debug, Clone)]
pub struct Stream {
    pub resource: ResourceMeta,
    /// Server-side encryption with KMS (`EncryptionType` `KMS`).
    pub encrypted: Value<bool>,
}
