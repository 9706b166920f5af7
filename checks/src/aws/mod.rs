//! AWS checks, one folder per service, one file per check.

pub mod acm;
pub mod apigateway;
pub mod athena;
pub mod backup;
pub mod cloudfront;
pub mod cloudtrail;
pub mod cloudwatch;
pub mod codebuild;
pub mod config;
pub mod dms;
pub mod docdb;
pub mod dynamodb;
pub mod ec2;
pub mod ecr;
pub mod ecs;
pub mod efs;
pub mod eks;
pub mod elasticache;
pub mod elb;
pub mod emr;
pub mod firehose;
pub mod glacier;
pub mod glue;
pub mod guardduty;
pub mod iam;
pub mod kinesis;
pub mod kms;
pub mod lambda;
pub mod msk;
pub mod neptune;
pub mod opensearch;
pub mod rds;
pub mod redshift;
pub(crate) mod resource_policy;
pub mod route53;
pub mod s3;
pub mod sagemaker;
pub mod secretsmanager;
pub mod sns;
pub mod sqs;
pub mod ssm;
pub mod stepfunctions;
pub mod vpc;
pub mod wafv2;

use crate::finding::Report;
use cloudsentinel_model::{Origin, ResourceMeta};
use std::collections::HashMap;

/// A check's verdict on one part of a resource (a policy of a role, a statement).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Verdict {
    Pass,
    /// A deciding value is Unknown.
    Undecided,
    Fail,
}

/// Gathers the verdicts on the parts of resources that several model entries share (the
/// inline policies of one role all carry the role's resource), so each resource gets one
/// verdict: failed if any part fails, undecided if any part is, passed otherwise.
#[derive(Default)]
pub(crate) struct Verdicts<'a> {
    order: Vec<&'a ResourceMeta>,
    verdicts: HashMap<(String, &'a Origin), Verdict>,
}

impl<'a> Verdicts<'a> {
    pub(crate) fn record(&mut self, resource: &'a ResourceMeta, verdict: Verdict) {
        let key = (resource.full_address(), &resource.origin);
        let slot = self.verdicts.entry(key).or_insert_with(|| {
            self.order.push(resource);
            Verdict::Pass
        });
        *slot = (*slot).max(verdict);
    }

    /// Records a pass for every resource whose parts all passed.
    pub(crate) fn report_passes(self, report: &mut Report) {
        for resource in self.order {
            let key = (resource.full_address(), &resource.origin);
            if self.verdicts.get(&key) == Some(&Verdict::Pass) {
                report.pass(resource);
            }
        }
    }
}
