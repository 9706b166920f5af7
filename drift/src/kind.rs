//! What drift compares, in the model's vocabulary: a provider, the model's service module
//! and the resource type (`aws` `ec2` `security_group`). Source formats name them their own
//! way; [`crate::tfstate`] maps Terraform's types to these.

use cloudsentinel_model::Provider;

/// A resource type of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Kind {
    pub provider: Provider,
    /// The model's service module (`model/src/aws/ec2.rs` → `ec2`).
    pub service: &'static str,
    pub resource: &'static str,
}

impl Kind {
    pub const fn aws(service: &'static str, resource: &'static str) -> Kind {
        Kind {
            provider: Provider::Aws,
            service,
            resource,
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.provider, self.service, self.resource)
    }
}

/// Every kind drift compares, of every provider.
pub fn all() -> impl Iterator<Item = Kind> {
    aws::ALL.into_iter()
}

/// The AWS kinds drift compares.
pub mod aws {
    use super::Kind;

    pub const S3_BUCKET: Kind = Kind::aws("s3", "bucket");
    pub const SECURITY_GROUP: Kind = Kind::aws("ec2", "security_group");
    /// A VPC's default security group: AWS creates it, so it is never unmanaged.
    pub const DEFAULT_SECURITY_GROUP: Kind = Kind::aws("ec2", "default_security_group");
    pub const VPC: Kind = Kind::aws("ec2", "vpc");
    pub const NETWORK_ACL: Kind = Kind::aws("ec2", "network_acl");
    pub const SUBNET: Kind = Kind::aws("ec2", "subnet");
    pub const EBS_VOLUME: Kind = Kind::aws("ec2", "volume");
    pub const INSTANCE: Kind = Kind::aws("ec2", "instance");
    pub const LAUNCH_TEMPLATE: Kind = Kind::aws("ec2", "launch_template");
    pub const IAM_USER: Kind = Kind::aws("iam", "user");
    pub const IAM_GROUP: Kind = Kind::aws("iam", "group");
    pub const IAM_ROLE: Kind = Kind::aws("iam", "role");
    pub const IAM_POLICY: Kind = Kind::aws("iam", "policy");
    pub const DB_INSTANCE: Kind = Kind::aws("rds", "instance");
    pub const DB_CLUSTER: Kind = Kind::aws("rds", "cluster");
    pub const LB_LISTENER: Kind = Kind::aws("elb", "listener");
    pub const LAMBDA_PERMISSION: Kind = Kind::aws("lambda", "permission");
    pub const CLOUDTRAIL: Kind = Kind::aws("cloudtrail", "trail");
    pub const KMS_KEY: Kind = Kind::aws("kms", "key");
    pub const EKS_CLUSTER: Kind = Kind::aws("eks", "cluster");
    pub const EFS_FILE_SYSTEM: Kind = Kind::aws("efs", "file_system");
    pub const SQS_QUEUE: Kind = Kind::aws("sqs", "queue");
    pub const SNS_TOPIC: Kind = Kind::aws("sns", "topic");
    pub const DYNAMODB_TABLE: Kind = Kind::aws("dynamodb", "table");
    pub const ECR_REPOSITORY: Kind = Kind::aws("ecr", "repository");
    // Read live through Cloud Control.
    pub const LOG_GROUP: Kind = Kind::aws("cloudwatch", "log_group");
    pub const ELASTICACHE_REPLICATION_GROUP: Kind = Kind::aws("elasticache", "replication_group");
    pub const OPENSEARCH_DOMAIN: Kind = Kind::aws("opensearch", "domain");
    pub const KINESIS_STREAM: Kind = Kind::aws("kinesis", "stream");
    pub const DOCDB_CLUSTER: Kind = Kind::aws("docdb", "cluster");
    pub const NEPTUNE_CLUSTER: Kind = Kind::aws("neptune", "cluster");
    pub const SAGEMAKER_NOTEBOOK: Kind = Kind::aws("sagemaker", "notebook_instance");
    pub const MSK_CLUSTER: Kind = Kind::aws("msk", "cluster");
    pub const ATHENA_WORKGROUP: Kind = Kind::aws("athena", "workgroup");
    pub const API_GATEWAY_STAGE: Kind = Kind::aws("apigateway", "stage");
    pub const CLOUDFRONT_DISTRIBUTION: Kind = Kind::aws("cloudfront", "distribution");
    pub const DMS_REPLICATION_INSTANCE: Kind = Kind::aws("dms", "replication_instance");
    pub const SECRETSMANAGER_SECRET: Kind = Kind::aws("secretsmanager", "secret");
    /// One revision (`family:revision`).
    pub const ECS_TASK_DEFINITION: Kind = Kind::aws("ecs", "task_definition");
    pub const ECS_CLUSTER: Kind = Kind::aws("ecs", "cluster");
    pub const REDSHIFT_CLUSTER: Kind = Kind::aws("redshift", "cluster");
    pub const WAFV2_WEB_ACL: Kind = Kind::aws("wafv2", "web_acl");
    pub const SSM_PARAMETER: Kind = Kind::aws("ssm", "parameter");
    pub const FIREHOSE_DELIVERY_STREAM: Kind = Kind::aws("firehose", "delivery_stream");
    pub const BACKUP_VAULT: Kind = Kind::aws("backup", "vault");
    pub const SFN_STATE_MACHINE: Kind = Kind::aws("stepfunctions", "state_machine");
    pub const GUARDDUTY_DETECTOR: Kind = Kind::aws("guardduty", "detector");
    pub const API_GATEWAY_REST_API: Kind = Kind::aws("apigateway", "rest_api");
    pub const API_GATEWAY_DOMAIN_NAME: Kind = Kind::aws("apigateway", "domain_name");
    pub const ROUTE53_ZONE: Kind = Kind::aws("route53", "zone");
    pub const EMR_SECURITY_CONFIGURATION: Kind = Kind::aws("emr", "security_configuration");
    pub const SAGEMAKER_DOMAIN: Kind = Kind::aws("sagemaker", "domain");
    // Read live through their own services.
    pub const CODEBUILD_PROJECT: Kind = Kind::aws("codebuild", "project");
    pub const GLACIER_VAULT: Kind = Kind::aws("glacier", "vault");
    pub const ACM_CERTIFICATE: Kind = Kind::aws("acm", "certificate");
    /// The model holds DAX clusters with DynamoDB.
    pub const DAX_CLUSTER: Kind = Kind::aws("dynamodb", "dax_cluster");
    pub const EMR_CLUSTER: Kind = Kind::aws("emr", "cluster");
    pub const GLUE_SECURITY_CONFIGURATION: Kind = Kind::aws("glue", "security_configuration");
    /// One per account and region, known by the catalog id (the account id).
    pub const GLUE_CATALOG_ENCRYPTION: Kind = Kind::aws("glue", "catalog_encryption");
    /// A recorder's on/off state, known by the recorder's name.
    pub const CONFIG_RECORDER_STATUS: Kind = Kind::aws("config", "recorder_status");
    /// A function's URL, known by the function's name (`NAME/QUALIFIER` for an alias's).
    pub const LAMBDA_FUNCTION_URL: Kind = Kind::aws("lambda", "function_url");
    /// A manual snapshot with the accounts it is shared with, known by its identifier.
    pub const DB_SNAPSHOT: Kind = Kind::aws("rds", "snapshot");
    pub const DB_CLUSTER_SNAPSHOT: Kind = Kind::aws("rds", "cluster_snapshot");
    /// One per account and region, known by the region.
    pub const EBS_ENCRYPTION_BY_DEFAULT: Kind = Kind::aws("ec2", "ebs_encryption_by_default");
    /// One permission of an AMI, known as `PRINCIPAL/AMI_ID` (Terraform's id).
    pub const AMI_LAUNCH_PERMISSION: Kind = Kind::aws("ec2", "ami_launch_permission");
    /// One per account and region, known by the region.
    pub const EMR_BLOCK_PUBLIC_ACCESS: Kind = Kind::aws("emr", "block_public_access");
    /// The account's own public access block, known by the account id.
    pub const S3_ACCOUNT_PUBLIC_ACCESS_BLOCK: Kind = Kind::aws("s3", "account_public_access_block");

    /// A REST API method, known as `agm-API-RESOURCE-VERB` (Terraform's id).
    pub const API_GATEWAY_METHOD: Kind = Kind::aws("apigateway", "method");

    /// An SSM document with whether it is shared publicly, known by its name.
    pub const SSM_DOCUMENT: Kind = Kind::aws("ssm", "document");

    pub const ALL: [Kind; 69] = [
        S3_BUCKET,
        SECURITY_GROUP,
        DEFAULT_SECURITY_GROUP,
        VPC,
        NETWORK_ACL,
        SUBNET,
        EBS_VOLUME,
        INSTANCE,
        LAUNCH_TEMPLATE,
        IAM_USER,
        IAM_GROUP,
        IAM_ROLE,
        IAM_POLICY,
        DB_INSTANCE,
        DB_CLUSTER,
        LB_LISTENER,
        LAMBDA_PERMISSION,
        CLOUDTRAIL,
        KMS_KEY,
        EKS_CLUSTER,
        EFS_FILE_SYSTEM,
        SQS_QUEUE,
        SNS_TOPIC,
        DYNAMODB_TABLE,
        ECR_REPOSITORY,
        LOG_GROUP,
        ELASTICACHE_REPLICATION_GROUP,
        OPENSEARCH_DOMAIN,
        KINESIS_STREAM,
        DOCDB_CLUSTER,
        NEPTUNE_CLUSTER,
        SAGEMAKER_NOTEBOOK,
        MSK_CLUSTER,
        ATHENA_WORKGROUP,
        API_GATEWAY_STAGE,
        CLOUDFRONT_DISTRIBUTION,
        DMS_REPLICATION_INSTANCE,
        SECRETSMANAGER_SECRET,
        ECS_TASK_DEFINITION,
        ECS_CLUSTER,
        REDSHIFT_CLUSTER,
        WAFV2_WEB_ACL,
        SSM_PARAMETER,
        FIREHOSE_DELIVERY_STREAM,
        BACKUP_VAULT,
        SFN_STATE_MACHINE,
        GUARDDUTY_DETECTOR,
        API_GATEWAY_REST_API,
        API_GATEWAY_DOMAIN_NAME,
        ROUTE53_ZONE,
        EMR_SECURITY_CONFIGURATION,
        SAGEMAKER_DOMAIN,
        CODEBUILD_PROJECT,
        GLACIER_VAULT,
        ACM_CERTIFICATE,
        DAX_CLUSTER,
        EMR_CLUSTER,
        GLUE_SECURITY_CONFIGURATION,
        GLUE_CATALOG_ENCRYPTION,
        CONFIG_RECORDER_STATUS,
        LAMBDA_FUNCTION_URL,
        DB_SNAPSHOT,
        DB_CLUSTER_SNAPSHOT,
        EBS_ENCRYPTION_BY_DEFAULT,
        AMI_LAUNCH_PERMISSION,
        EMR_BLOCK_PUBLIC_ACCESS,
        S3_ACCOUNT_PUBLIC_ACCESS_BLOCK,
        API_GATEWAY_METHOD,
        SSM_DOCUMENT,
    ];
}
