//! The AWS part of the model, one module per service.

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
pub mod route53;
pub mod s3;
pub mod sagemaker;
pub mod secretsmanager;
pub mod sns;
pub mod sqs;
pub mod ssm;
pub mod stepfunctions;
pub mod wafv2;

use crate::{CloudModel, Provider};

#[derive(Debug, Default, Clone)]
pub struct Aws {
    pub s3: s3::S3,
    pub ec2: ec2::Ec2,
    pub iam: iam::Iam,
    pub rds: rds::Rds,
    pub cloudtrail: cloudtrail::CloudTrail,
    pub kms: kms::Kms,
    pub elb: elb::Elb,
    pub lambda: lambda::Lambda,
    pub eks: eks::Eks,
    pub efs: efs::Efs,
    pub sqs: sqs::Sqs,
    pub sns: sns::Sns,
    pub dynamodb: dynamodb::DynamoDb,
    pub ecr: ecr::Ecr,
    pub cloudwatch: cloudwatch::CloudWatch,
    pub elasticache: elasticache::ElastiCache,
    pub opensearch: opensearch::OpenSearch,
    pub kinesis: kinesis::Kinesis,
    pub docdb: docdb::DocDb,
    pub neptune: neptune::Neptune,
    pub sagemaker: sagemaker::SageMaker,
    pub msk: msk::Msk,
    pub athena: athena::Athena,
    pub apigateway: apigateway::ApiGateway,
    pub cloudfront: cloudfront::CloudFront,
    pub dms: dms::Dms,
    pub secretsmanager: secretsmanager::SecretsManager,
    pub glacier: glacier::Glacier,
    pub ecs: ecs::Ecs,
    pub redshift: redshift::Redshift,
    pub wafv2: wafv2::Wafv2,
    pub ssm: ssm::Ssm,
    pub firehose: firehose::Firehose,
    pub emr: emr::Emr,
    pub glue: glue::Glue,
    pub codebuild: codebuild::CodeBuild,
    pub acm: acm::Acm,
    pub route53: route53::Route53,
    pub guardduty: guardduty::GuardDuty,
    pub config: config::Config,
    pub backup: backup::Backup,
    pub stepfunctions: stepfunctions::StepFunctions,
}

/// Applies `$m!(field.path)` to every list of the AWS model; the one place that lists them.
macro_rules! each_list {
    ($m:ident) => {
        $m!(s3.buckets);
        $m!(s3.unattached_public_access_blocks);
        $m!(ec2.security_groups);
        $m!(ec2.vpcs);
        $m!(ec2.network_acls);
        $m!(ec2.volumes);
        $m!(ec2.instances);
        $m!(ec2.launch_templates);
        $m!(ec2.subnets);
        $m!(iam.policies);
        $m!(iam.users);
        $m!(iam.groups);
        $m!(iam.roles);
        $m!(iam.password_policies);
        $m!(iam.credentials);
        $m!(iam.accounts);
        $m!(rds.instances);
        $m!(rds.clusters);
        $m!(cloudtrail.trails);
        $m!(kms.keys);
        $m!(elb.listeners);
        $m!(lambda.permissions);
        $m!(eks.clusters);
        $m!(eks.node_groups);
        $m!(efs.file_systems);
        $m!(sqs.queues);
        $m!(sns.topics);
        $m!(dynamodb.tables);
        $m!(ecr.repositories);
        $m!(lambda.functions);
        $m!(lambda.function_urls);
        $m!(cloudwatch.log_groups);
        $m!(elasticache.replication_groups);
        $m!(opensearch.domains);
        $m!(kinesis.streams);
        $m!(docdb.clusters);
        $m!(neptune.clusters);
        $m!(sagemaker.notebooks);
        $m!(msk.clusters);
        $m!(athena.workgroups);
        $m!(apigateway.stages);
        $m!(apigateway.methods);
        $m!(cloudfront.distributions);
        $m!(dms.replication_instances);
        $m!(apigateway.rest_apis);
        $m!(apigateway.domain_names);
        $m!(secretsmanager.secrets);
        $m!(glacier.vaults);
        $m!(ecs.clusters);
        $m!(ecs.task_definitions);
        $m!(elb.load_balancers);
        $m!(rds.snapshots);
        $m!(redshift.clusters);
        $m!(wafv2.web_acls);
        $m!(dynamodb.dax_clusters);
        $m!(s3.account_public_access_blocks);
        $m!(ec2.ebs_encryption_defaults);
        $m!(ec2.ami_launch_permissions);
        $m!(sagemaker.domains);
        $m!(ssm.parameters);
        $m!(ssm.documents);
        $m!(firehose.delivery_streams);
        $m!(emr.clusters);
        $m!(emr.security_configurations);
        $m!(emr.block_public_access);
        $m!(glue.catalog_encryption);
        $m!(glue.security_configurations);
        $m!(codebuild.projects);
        $m!(acm.certificates);
        $m!(route53.zones);
        $m!(guardduty.detectors);
        $m!(config.recorder_statuses);
        $m!(backup.vaults);
        $m!(stepfunctions.state_machines);
    };
}

impl Aws {
    /// Calls `f` on the identity of every resource (and resource part) of the model, e.g. to
    /// give resources adapted from a live document their live identity.
    pub fn for_each_resource_mut(&mut self, mut f: impl FnMut(&mut crate::ResourceMeta)) {
        macro_rules! visit {
            ($a:ident . $b:ident) => {
                for r in &mut self.$a.$b {
                    f(&mut r.resource);
                }
            };
        }
        each_list!(visit);
    }
}

impl CloudModel for Aws {
    const PROVIDER: Provider = Provider::Aws;

    /// How many resources (and resource parts such as listeners, permissions and
    /// credentials) the model holds.
    fn resource_count(&self) -> usize {
        let mut n = 0;
        macro_rules! count {
            ($a:ident . $b:ident) => {
                n += self.$a.$b.len();
            };
        }
        each_list!(count);
        n
    }

    /// Appends all of `others`, growing each list once (the model of a large tree is made
    /// of thousands of per-module parts; growing per part re-copied it many times).
    fn extend_all(&mut self, others: Vec<Aws>) {
        macro_rules! reserve {
            ($a:ident . $b:ident) => {
                self.$a
                    .$b
                    .reserve(others.iter().map(|o| o.$a.$b.len()).sum());
            };
        }
        each_list!(reserve);
        for mut o in others {
            macro_rules! append {
                ($a:ident . $b:ident) => {
                    self.$a.$b.append(&mut o.$a.$b);
                };
            }
            each_list!(append);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::iam::Account;
    use crate::{Origin, ResourceMeta, State, Value};

    fn account(id: &str) -> State {
        let arn = format!("arn:aws:iam::{id}:root");
        let origin = Origin::Live {
            id: arn.clone(),
            region: None,
        };
        let mut s = State::default();
        s.aws.iam.accounts.push(Account {
            resource: ResourceMeta::new(crate::Provider::Aws, arn, origin.clone()).in_account(id),
            password_policy_present: Value::explicit(false, origin.clone()),
            root_access_key_active: Value::explicit(true, origin),
        });
        s
    }

    #[test]
    fn accounts_survive_merging_states() {
        let mut merged = account("111111111111");
        merged.extend_all(vec![account("222222222222"), State::default()]);
        let accounts: Vec<Option<&str>> = merged
            .aws
            .iam
            .accounts
            .iter()
            .map(|a| a.resource.account.as_deref())
            .collect();
        assert_eq!(accounts, [Some("111111111111"), Some("222222222222")]);
        assert_eq!(merged.resource_count(), 2);
    }
}
