use crate::{Meta, ResourceMeta, Value};

/// Network mode of a task definition when `network_mode` (`NetworkMode`) is not set on
/// Linux: `bridge`
/// (<https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html>).
pub const DEFAULT_NETWORK_MODE: &str = "bridge";

/// Container Insights of a cluster that does not set `containerInsights`: the account
/// setting's value, `disabled` unless the account setting was changed
/// (<https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ClusterSetting.html>).
pub const DEFAULT_CONTAINER_INSIGHTS: &str = "disabled";

#[derive(Debug, Default, Clone)]
pub struct Ecs {
    pub clusters: Vec<Cluster>,
    pub task_definitions: Vec<TaskDefinition>,
}

/// A cluster (`aws_ecs_cluster`, `AWS::ECS::Cluster`).
#[derive(Debug, Clone)]
pub struct Cluster {
    pub resource: ResourceMeta,
    /// The `containerInsights` setting: `enabled`, `enhanced` or `disabled`; Default
    /// [`DEFAULT_CONTAINER_INSIGHTS`] when the cluster does not set it.
    pub container_insights: Value<String>,
}

/// A task definition (`aws_ecs_task_definition`, `AWS::ECS::TaskDefinition`).
#[derive(Debug, Clone)]
pub struct TaskDefinition {
    pub resource: ResourceMeta,
    /// `awsvpc`, `bridge`, `host` or `none`; Default [`DEFAULT_NETWORK_MODE`].
    pub network_mode: Value<String>,
    /// `host` or `task`; Default `None`: each container has a private PID namespace.
    pub pid_mode: Value<Option<String>>,
    /// The container definitions; Unknown when they could not be evaluated (a list whose
    /// length is not known, a JSON string that is not evaluated or not JSON).
    pub containers: Value<Vec<Container>>,
}

/// One container definition
/// (<https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html>).
#[derive(Debug, Clone)]
pub struct Container {
    /// Where the definition is written.
    pub meta: Meta,
    pub name: Value<String>,
    /// `privileged`; Default `false`.
    pub privileged: Value<bool>,
    /// `user`; Default `None`: the image's `USER` decides, which a static scan cannot see.
    pub user: Value<Option<String>>,
    /// `readonlyRootFilesystem`; Default `false`.
    pub readonly_root_filesystem: Value<bool>,
    /// The plain `environment` entries; Unknown when the list could not be evaluated.
    pub environment: Value<Vec<EnvVar>>,
}

/// One entry of a container's plain `environment` list.
#[derive(Debug, Clone)]
pub struct EnvVar {
    pub name: Value<String>,
    /// Whether the entry holds a credential in clear: its name says it holds one
    /// (`DB_PASSWORD`, `API_TOKEN`, `CLIENT_SECRET`; not `SECRET_ARN` or `PASSWORD_PARAM`)
    /// and its value is a literal that can be one (not empty, not a placeholder, not an
    /// ARN, a path or a reference to a secret store). Unknown when the name, or the value
    /// of a credential's name, is Unknown. Located at the value.
    pub plaintext_credential: Value<bool>,
}

impl Container {
    /// `user` is the root user: `root` or UID `0`, with or without a group (`0:0`,
    /// `root:wheel`).
    pub fn runs_as_root(user: &str) -> bool {
        let u = user.split(':').next().unwrap_or_default().trim();
        u == "0" || u.eq_ignore_ascii_case("root")
    }
}
