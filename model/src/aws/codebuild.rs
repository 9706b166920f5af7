//! CodeBuild projects (<https://docs.aws.amazon.com/codebuild/latest/APIReference/API_CreateProject.html>).

use crate::{Meta, ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct CodeBuild {
    pub projects: Vec<Project>,
}

#[derive(Debug, Clone)]
pub struct Project {
    pub resource: ResourceMeta,
    /// `Environment.EnvironmentVariables`.
    pub environment_variables: Vec<EnvironmentVariable>,
    /// `EncryptionKey` for build output; Default `""`: the AWS managed key for S3 (`aws/s3`).
    pub encryption_key: Value<String>,
    /// `Artifacts` and `SecondaryArtifacts`.
    pub artifacts: Vec<Artifacts>,
    /// `LogsConfig.S3Logs.Status` is `ENABLED`; Default false.
    pub s3_logs_enabled: Value<bool>,
    /// `LogsConfig.S3Logs.EncryptionDisabled`; Default false.
    pub s3_logs_encryption_disabled: Value<bool>,
}

#[derive(Debug, Clone)]
pub struct EnvironmentVariable {
    pub meta: Meta,
    pub name: Value<String>,
    /// The name names a credential (the words of [`crate::aws::ssm::Parameter::name_marks_secret`]).
    pub name_marks_secret: Value<bool>,
    /// `PLAINTEXT` (the default), `PARAMETER_STORE` or `SECRETS_MANAGER`.
    pub variable_type: Value<String>,
}

#[derive(Debug, Clone)]
pub struct Artifacts {
    pub meta: Meta,
    /// `S3`, `CODEPIPELINE` or `NO_ARTIFACTS` (required).
    pub artifact_type: Value<String>,
    /// `EncryptionDisabled`; Default false.
    pub encryption_disabled: Value<bool>,
}
