//! Literal credentials found in sources (cloud-independent).

use crate::meta::Meta;
use crate::resource::ResourceMeta;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretKind {
    AwsAccessKeyId,
    AwsSecretAccessKey,
    PrivateKey,
    /// A password or secret attribute given as a literal.
    PasswordAttribute,
}

impl SecretKind {
    pub fn describe(self) -> &'static str {
        match self {
            SecretKind::AwsAccessKeyId => "an AWS access key ID",
            SecretKind::AwsSecretAccessKey => "an AWS secret access key",
            SecretKind::PrivateKey => "a private key block",
            SecretKind::PasswordAttribute => "a literal password or secret",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct HardcodedSecret {
    /// The resource or provider block holding it.
    pub resource: ResourceMeta,
    /// The attribute path holding the literal (`password`, `environment.variables.TOKEN`).
    pub attribute: String,
    pub kind: SecretKind,
    pub meta: Meta,
}
