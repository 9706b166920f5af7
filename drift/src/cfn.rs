//! CloudFormation stacks as declared state: the stack's template and parameters (parsed by
//! the CloudFormation front-end into the model) and the resources it owns
//! (DescribeStackResources), which are never unmanaged. Reading a stack is the AWS live
//! reader's business; this is what drift does with one.

use crate::kind::{Kind, aws as kinds};
use crate::views::{identity, short_id};

/// One stack as read.
#[derive(Debug, Clone, Default)]
pub struct Stack {
    pub name: String,
    pub template: String,
    /// Parameter values the stack was deployed with.
    pub parameters: Vec<(String, String)>,
    /// Logical id, CloudFormation type, physical id.
    pub resources: Vec<(String, String, String)>,
}

/// The kind a CloudFormation type corresponds to (the kinds drift compares).
pub fn kind_of(cfn_type: &str) -> Option<Kind> {
    Some(match cfn_type {
        "AWS::S3::Bucket" => kinds::S3_BUCKET,
        "AWS::EC2::SecurityGroup" => kinds::SECURITY_GROUP,
        "AWS::EC2::VPC" => kinds::VPC,
        "AWS::EC2::NetworkAcl" => kinds::NETWORK_ACL,
        "AWS::EC2::Subnet" => kinds::SUBNET,
        "AWS::EC2::Volume" => kinds::EBS_VOLUME,
        "AWS::EC2::Instance" => kinds::INSTANCE,
        "AWS::EC2::LaunchTemplate" => kinds::LAUNCH_TEMPLATE,
        "AWS::IAM::User" => kinds::IAM_USER,
        "AWS::IAM::Group" => kinds::IAM_GROUP,
        "AWS::IAM::Role" => kinds::IAM_ROLE,
        "AWS::IAM::ManagedPolicy" => kinds::IAM_POLICY,
        "AWS::RDS::DBInstance" => kinds::DB_INSTANCE,
        "AWS::RDS::DBCluster" => kinds::DB_CLUSTER,
        "AWS::ElasticLoadBalancingV2::Listener" => kinds::LB_LISTENER,
        // Its physical id is the statement id.
        "AWS::Lambda::Permission" => kinds::LAMBDA_PERMISSION,
        "AWS::CloudTrail::Trail" => kinds::CLOUDTRAIL,
        "AWS::KMS::Key" => kinds::KMS_KEY,
        "AWS::EKS::Cluster" => kinds::EKS_CLUSTER,
        "AWS::EFS::FileSystem" => kinds::EFS_FILE_SYSTEM,
        "AWS::SQS::Queue" => kinds::SQS_QUEUE,
        "AWS::SNS::Topic" => kinds::SNS_TOPIC,
        "AWS::DynamoDB::Table" => kinds::DYNAMODB_TABLE,
        "AWS::ECR::Repository" => kinds::ECR_REPOSITORY,
        "AWS::Logs::LogGroup" => kinds::LOG_GROUP,
        "AWS::ElastiCache::ReplicationGroup" => kinds::ELASTICACHE_REPLICATION_GROUP,
        "AWS::OpenSearchService::Domain" | "AWS::Elasticsearch::Domain" => kinds::OPENSEARCH_DOMAIN,
        "AWS::Kinesis::Stream" => kinds::KINESIS_STREAM,
        "AWS::DocDB::DBCluster" => kinds::DOCDB_CLUSTER,
        "AWS::Neptune::DBCluster" => kinds::NEPTUNE_CLUSTER,
        "AWS::SageMaker::NotebookInstance" => kinds::SAGEMAKER_NOTEBOOK,
        "AWS::MSK::Cluster" => kinds::MSK_CLUSTER,
        "AWS::Athena::WorkGroup" => kinds::ATHENA_WORKGROUP,
        // Its physical id is the stage name.
        "AWS::ApiGateway::Stage" | "AWS::ApiGatewayV2::Stage" => kinds::API_GATEWAY_STAGE,
        "AWS::CloudFront::Distribution" => kinds::CLOUDFRONT_DISTRIBUTION,
        "AWS::DMS::ReplicationInstance" => kinds::DMS_REPLICATION_INSTANCE,
        // Its physical id is the ARN.
        "AWS::SecretsManager::Secret" => kinds::SECRETSMANAGER_SECRET,
        // Its physical id is the revision's ARN.
        "AWS::ECS::TaskDefinition" => kinds::ECS_TASK_DEFINITION,
        "AWS::ECS::Cluster" => kinds::ECS_CLUSTER,
        "AWS::Redshift::Cluster" => kinds::REDSHIFT_CLUSTER,
        // Its physical id is `name|id|scope`.
        "AWS::WAFv2::WebACL" => kinds::WAFV2_WEB_ACL,
        "AWS::SSM::Parameter" => kinds::SSM_PARAMETER,
        "AWS::KinesisFirehose::DeliveryStream" => kinds::FIREHOSE_DELIVERY_STREAM,
        "AWS::Backup::BackupVault" => kinds::BACKUP_VAULT,
        // Its physical id is the ARN.
        "AWS::StepFunctions::StateMachine" => kinds::SFN_STATE_MACHINE,
        "AWS::GuardDuty::Detector" => kinds::GUARDDUTY_DETECTOR,
        "AWS::ApiGateway::RestApi" => kinds::API_GATEWAY_REST_API,
        "AWS::ApiGateway::DomainName" => kinds::API_GATEWAY_DOMAIN_NAME,
        "AWS::Route53::HostedZone" => kinds::ROUTE53_ZONE,
        // Its physical id is the name.
        "AWS::EMR::SecurityConfiguration" => kinds::EMR_SECURITY_CONFIGURATION,
        "AWS::SageMaker::Domain" => kinds::SAGEMAKER_DOMAIN,
        // Physical ids: the project's, vault's and DAX cluster's names, the certificate's ARN,
        // the EMR cluster's id (`j-…`).
        "AWS::CodeBuild::Project" => kinds::CODEBUILD_PROJECT,
        "AWS::Glacier::Vault" => kinds::GLACIER_VAULT,
        "AWS::CertificateManager::Certificate" => kinds::ACM_CERTIFICATE,
        "AWS::DAX::Cluster" => kinds::DAX_CLUSTER,
        "AWS::EMR::Cluster" => kinds::EMR_CLUSTER,
        // Its physical id is the name. `AWS::Glue::DataCatalogEncryptionSettings` is not
        // mapped: its physical id is an id of the stack's own, not the catalog id the live
        // settings are known by, so it would read as deleted. (Config recorders' status has
        // no CloudFormation type.)
        "AWS::Glue::SecurityConfiguration" => kinds::GLUE_SECURITY_CONFIGURATION,
        // Its physical id is the ARN of the function (or alias) the URL invokes.
        "AWS::Lambda::Url" => kinds::LAMBDA_FUNCTION_URL,
        // Its physical id is the name. It has no sharing property: a document shared from
        // outside the stack differs from the declared private one.
        "AWS::SSM::Document" => kinds::SSM_DOCUMENT,
        // `AWS::ApiGateway::Method` is not mapped: its physical id is an id of the stack's
        // own, not the API, resource and verb a live method is known by.
        _ => return None,
    })
}

impl Stack {
    /// `(kind, id)` of every resource the stack owns.
    pub fn owned(&self) -> Vec<(Kind, String)> {
        self.resources
            .iter()
            .filter_map(|(_, t, p)| {
                let kind = kind_of(t)?;
                Some((kind, identity(kind, p)))
            })
            .collect()
    }
    /// The physical id of a logical id, as a short identity.
    pub fn physical(&self, logical: &str) -> Option<String> {
        self.resources
            .iter()
            .find(|(l, _, _)| l == logical)
            .map(|(_, t, p)| kind_of(t).map_or_else(|| short_id(p), |k| identity(k, p)))
    }
}
