//! The AWS part of the model, one module per service.

pub mod cloudtrail;
pub mod dynamodb;
pub mod ec2;
pub mod ecr;
pub mod efs;
pub mod eks;
pub mod elb;
pub mod iam;
pub mod kms;
pub mod lambda;
pub mod rds;
pub mod s3;
pub mod sns;
pub mod sqs;

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
}

/// Applies `$m!(field.path)` to every list of the AWS model; the one place that lists them.
macro_rules! each_list {
    ($m:ident) => {
        $m!(s3.buckets);
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
        $m!(rds.instances);
        $m!(rds.clusters);
        $m!(cloudtrail.trails);
        $m!(kms.keys);
        $m!(elb.listeners);
        $m!(lambda.permissions);
        $m!(eks.clusters);
        $m!(efs.file_systems);
        $m!(sqs.queues);
        $m!(sns.topics);
        $m!(dynamodb.tables);
        $m!(ecr.repositories);
    };
}

impl Aws {
    /// How many resources (and resource parts such as listeners, permissions and
    /// credentials) the model holds.
    pub fn resource_count(&self) -> usize {
        let mut n = 0;
        macro_rules! count {
            ($a:ident . $b:ident) => {
                n += self.$a.$b.len();
            };
        }
        each_list!(count);
        n
    }

    pub fn extend(&mut self, o: Aws) {
        self.extend_all(vec![o]);
    }

    /// Appends all of `others`, growing each list once (the model of a large tree is made
    /// of thousands of per-module parts; growing per part re-copied it many times).
    pub fn extend_all(&mut self, others: Vec<Aws>) {
        macro_rules! reserve {
            ($a:ident . $b:ident) => {
                self.$a
                    .$b
                    .reserve(others.iter().map(|o| o.$a.$b.len()).sum());
            };
        }
        each_list!(reserve);
        for mut o in others {
            if o.iam.account.is_some() {
                self.iam.account = o.iam.account.take();
            }
            macro_rules! append {
                ($a:ident . $b:ident) => {
                    self.$a.$b.append(&mut o.$a.$b);
                };
            }
            each_list!(append);
        }
    }
}
