//! Secrets Manager secrets (<https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html>).

use crate::aws::iam::PolicyDocument;
use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct SecretsManager {
    pub secrets: Vec<Secret>,
}

#[derive(Debug, Clone)]
pub struct Secret {
    pub resource: ResourceMeta,
    /// The key that encrypts the secret; empty when none is set: Secrets Manager then uses
    /// the AWS managed key `aws/secretsmanager`
    /// (<https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html#SecretsManager-CreateSecret-request-KmsKeyId>).
    pub kms_key_id: Value<String>,
    /// Automatic rotation is configured: an `aws_secretsmanager_secret_rotation`
    /// (`AWS::SecretsManager::RotationSchedule`) names the secret. A secret has no rotation
    /// unless one is configured
    /// (<https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html>).
    pub rotation: Value<bool>,
    /// The resource policies: `policy` on the secret and the `aws_secretsmanager_secret_policy`
    /// (`AWS::SecretsManager::ResourcePolicy`) resources naming it. Empty when it has none.
    pub policies: Vec<Value<PolicyDocument>>,
}
