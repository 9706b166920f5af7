//! Adapters for CloudFormation's `AWS::*` resource types, one module per service of the
//! model.

mod apigateway;
mod athena;
mod cloudfront;
mod cloudtrail;
mod cloudwatch;
mod dms;
mod docdb;
mod dynamodb;
mod ec2;
mod ecr;
mod ecs;
mod efs;
mod eks;
mod elasticache;
mod elb;
mod glacier;
mod iam;
mod kinesis;
mod kms;
mod lambda;
mod msk;
mod neptune;
mod opensearch;
mod rds;
mod redshift;
mod s3;
mod sagemaker;
mod secretsmanager;
mod sns;
mod sqs;
mod wafv2;

use super::Cx;
use cloudsentinel_model::aws::Aws;

/// Adapts every AWS resource of the evaluation. Other resource types are ignored.
pub(crate) fn adapt(cx: &Cx<'_>, aws: &mut Aws) {
    s3::adapt(cx, &mut aws.s3);
    ec2::adapt(cx, &mut aws.ec2);
    iam::adapt(cx, &mut aws.iam);
    rds::adapt(cx, &mut aws.rds);
    cloudtrail::adapt(cx, &mut aws.cloudtrail);
    kms::adapt(cx, &mut aws.kms);
    elb::adapt(cx, &mut aws.elb);
    lambda::adapt(cx, &mut aws.lambda);
    eks::adapt(cx, &mut aws.eks);
    efs::adapt(cx, &mut aws.efs);
    sqs::adapt(cx, &mut aws.sqs);
    sns::adapt(cx, &mut aws.sns);
    dynamodb::adapt(cx, &mut aws.dynamodb);
    ecr::adapt(cx, &mut aws.ecr);
    ecs::adapt(cx, &mut aws.ecs);
    athena::adapt(cx, &mut aws.athena);
    apigateway::adapt(cx, &mut aws.apigateway);
    cloudfront::adapt(cx, &mut aws.cloudfront);
    dms::adapt(cx, &mut aws.dms);
    cloudwatch::adapt(cx, &mut aws.cloudwatch);
    docdb::adapt(cx, &mut aws.docdb);
    elasticache::adapt(cx, &mut aws.elasticache);
    kinesis::adapt(cx, &mut aws.kinesis);
    msk::adapt(cx, &mut aws.msk);
    neptune::adapt(cx, &mut aws.neptune);
    opensearch::adapt(cx, &mut aws.opensearch);
    sagemaker::adapt(cx, &mut aws.sagemaker);
    secretsmanager::adapt(cx, &mut aws.secretsmanager);
    glacier::adapt(cx, &mut aws.glacier);
    redshift::adapt(cx, &mut aws.redshift);
    wafv2::adapt(cx, &mut aws.wafv2);
}
