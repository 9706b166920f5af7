//! Adapters for CloudFormation's `AWS::*` resource types, one module per service of the
//! model.

mod acm;
mod apigateway;
mod athena;
mod backup;
mod cloudfront;
mod cloudtrail;
mod cloudwatch;
mod codebuild;
mod dms;
mod docdb;
mod dynamodb;
mod ec2;
mod ecr;
mod efs;
mod eks;
mod elasticache;
mod elb;
mod emr;
mod firehose;
mod glue;
mod guardduty;
mod iam;
mod kinesis;
mod kms;
mod lambda;
mod msk;
mod neptune;
mod opensearch;
mod rds;
mod route53;
mod s3;
mod sagemaker;
mod sns;
mod sqs;
mod ssm;
mod stepfunctions;

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
    ssm::adapt(cx, &mut aws.ssm);
    firehose::adapt(cx, &mut aws.firehose);
    emr::adapt(cx, &mut aws.emr);
    glue::adapt(cx, &mut aws.glue);
    codebuild::adapt(cx, &mut aws.codebuild);
    acm::adapt(cx, &mut aws.acm);
    route53::adapt(cx, &mut aws.route53);
    guardduty::adapt(cx, &mut aws.guardduty);
    backup::adapt(cx, &mut aws.backup);
    stepfunctions::adapt(cx, &mut aws.stepfunctions);
}
