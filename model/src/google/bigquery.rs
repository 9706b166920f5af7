//! BigQuery datasets (<https://cloud.google.com/bigquery/docs/reference/rest/v2/datasets>).
//!
//! A dataset's `access[]` entries (special groups, users, groups, domains, IAM members) and
//! its IAM bindings are both kept as IAM bindings, members written the IAM way
//! (`allAuthenticatedUsers`, `user:…`, `group:…`, `domain:…`).

use super::iam::Binding;
use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct BigQuery {
    pub datasets: Vec<Dataset>,
}

#[derive(Debug, Clone)]
pub struct Dataset {
    pub resource: ResourceMeta,
    /// Access entries and IAM bindings; a role of an access entry is the legacy name
    /// (`READER`, `WRITER`, `OWNER`) or an IAM role.
    pub access: Vec<Binding>,
    /// `defaultEncryptionConfiguration.kmsKeyName`; Default `""` (Google-managed key).
    pub default_kms_key_name: Value<String>,
}
