//! Systems Manager parameters and documents
//! (<https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html>,
//! <https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_ModifyDocumentPermission.html>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Ssm {
    pub parameters: Vec<Parameter>,
    pub documents: Vec<Document>,
}

#[derive(Debug, Clone)]
pub struct Parameter {
    pub resource: ResourceMeta,
    /// `Name`.
    pub name: Value<String>,
    /// The last segment of the name (after the last `/`) names a credential: it contains
    /// `password`, `passwd`, `secret`, `token`, `api_key`, `apikey` or `private_key` (with `-`
    /// and `.` read as `_`, in any case) and does not end with a word that makes it a setting
    /// about one (`_arn`, `_id`, `_name`, `_length`, `_url`, `_user`, …). These are the words
    /// the hard-coded credential detection uses for attribute names.
    pub name_marks_secret: Value<bool>,
    /// `Type`: `String`, `StringList` or `SecureString` (required, no default).
    pub parameter_type: Value<String>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub resource: ResourceMeta,
    /// The document is shared with every AWS account (`permissions { type = "Share",
    /// account_ids = "All" }`); Default false without `permissions`: a new document is private.
    pub public: Value<bool>,
}
