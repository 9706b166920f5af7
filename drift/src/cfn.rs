//! CloudFormation stacks as declared state: the stack's template and parameters (parsed by
//! the CloudFormation front-end into the model) and the resources it owns
//! (DescribeStackResources), which are never unmanaged.

use crate::aws::{Clients, Ctx, ReadError, call};
use crate::views::short_id;

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

/// The Terraform type a CloudFormation type corresponds to (the kinds drift compares).
pub fn kind_of(cfn_type: &str) -> Option<&'static str> {
    Some(match cfn_type {
        "AWS::S3::Bucket" => "aws_s3_bucket",
        "AWS::EC2::SecurityGroup" => "aws_security_group",
        "AWS::EC2::VPC" => "aws_vpc",
        "AWS::EC2::NetworkAcl" => "aws_network_acl",
        "AWS::EC2::Subnet" => "aws_subnet",
        "AWS::EC2::Volume" => "aws_ebs_volume",
        "AWS::EC2::Instance" => "aws_instance",
        "AWS::EC2::LaunchTemplate" => "aws_launch_template",
        "AWS::IAM::User" => "aws_iam_user",
        "AWS::IAM::Group" => "aws_iam_group",
        "AWS::IAM::Role" => "aws_iam_role",
        "AWS::IAM::ManagedPolicy" => "aws_iam_policy",
        "AWS::RDS::DBInstance" => "aws_db_instance",
        "AWS::RDS::DBCluster" => "aws_rds_cluster",
        "AWS::ElasticLoadBalancingV2::Listener" => "aws_lb_listener",
        // Its physical id is the statement id.
        "AWS::Lambda::Permission" => "aws_lambda_permission",
        "AWS::CloudTrail::Trail" => "aws_cloudtrail",
        "AWS::KMS::Key" => "aws_kms_key",
        "AWS::EKS::Cluster" => "aws_eks_cluster",
        "AWS::EFS::FileSystem" => "aws_efs_file_system",
        "AWS::SQS::Queue" => "aws_sqs_queue",
        "AWS::SNS::Topic" => "aws_sns_topic",
        "AWS::DynamoDB::Table" => "aws_dynamodb_table",
        "AWS::ECR::Repository" => "aws_ecr_repository",
        _ => return None,
    })
}

impl Stack {
    /// `(kind, id)` of every resource the stack owns.
    pub fn owned(&self) -> Vec<(String, String)> {
        self.resources
            .iter()
            .filter_map(|(_, t, p)| Some((kind_of(t)?.to_string(), short_id(p))))
            .collect()
    }
    /// The physical id of a logical id, as a short identity.
    pub fn physical(&self, logical: &str) -> Option<String> {
        self.resources
            .iter()
            .find(|(l, _, _)| l == logical)
            .map(|(_, _, p)| short_id(p))
    }
}

pub(crate) async fn read(clients: &Clients, ctx: &Ctx, name: &str) -> Result<Stack, ReadError> {
    let client = aws_sdk_cloudformation::Client::new(&clients.config(ctx.region()));
    let stacks = call!(
        ctx,
        "cloudformation:DescribeStacks",
        client.describe_stacks().stack_name(name)
    )?;
    let parameters = stacks
        .stacks()
        .first()
        .map(|s| {
            s.parameters()
                .iter()
                .filter_map(|p| {
                    Some((
                        p.parameter_key()?.to_string(),
                        p.resolved_value()
                            .or(p.parameter_value())
                            .unwrap_or_default()
                            .to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let template = call!(
        ctx,
        "cloudformation:GetTemplate",
        client.get_template().stack_name(name)
    )?
    .template_body()
    .unwrap_or_default()
    .to_string();
    let res = call!(
        ctx,
        "cloudformation:DescribeStackResources",
        client.describe_stack_resources().stack_name(name)
    )?;
    let resources = res
        .stack_resources()
        .iter()
        .filter(|r| {
            r.resource_status()
                .is_none_or(|s| s.as_str() != "DELETE_COMPLETE")
        })
        .filter_map(|r| {
            Some((
                r.logical_resource_id()?.to_string(),
                r.resource_type()?.to_string(),
                r.physical_resource_id()?.to_string(),
            ))
        })
        .collect();
    Ok(Stack {
        name: name.to_string(),
        template,
        parameters,
        resources,
    })
}
