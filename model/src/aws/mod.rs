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

impl Aws {
    pub fn extend(&mut self, o: Aws) {
        self.s3.buckets.extend(o.s3.buckets);
        let Aws {
            s3: _,
            ec2,
            iam,
            rds,
            cloudtrail,
            kms,
            elb,
            lambda,
            eks,
            efs,
            sqs,
            sns,
            dynamodb,
            ecr,
        } = o;
        self.ec2.security_groups.extend(ec2.security_groups);
        self.ec2.vpcs.extend(ec2.vpcs);
        self.ec2.network_acls.extend(ec2.network_acls);
        self.ec2.volumes.extend(ec2.volumes);
        self.ec2.instances.extend(ec2.instances);
        self.ec2.launch_templates.extend(ec2.launch_templates);
        self.ec2.subnets.extend(ec2.subnets);
        self.iam.policies.extend(iam.policies);
        self.iam.users.extend(iam.users);
        self.iam.groups.extend(iam.groups);
        self.iam.roles.extend(iam.roles);
        self.iam.password_policies.extend(iam.password_policies);
        if iam.account.is_some() {
            self.iam.account = iam.account;
        }
        self.iam.credentials.extend(iam.credentials);
        self.rds.instances.extend(rds.instances);
        self.rds.clusters.extend(rds.clusters);
        self.cloudtrail.trails.extend(cloudtrail.trails);
        self.kms.keys.extend(kms.keys);
        self.elb.listeners.extend(elb.listeners);
        self.lambda.permissions.extend(lambda.permissions);
        self.eks.clusters.extend(eks.clusters);
        self.efs.file_systems.extend(efs.file_systems);
        self.sqs.queues.extend(sqs.queues);
        self.sns.topics.extend(sns.topics);
        self.dynamodb.tables.extend(dynamodb.tables);
        self.ecr.repositories.extend(ecr.repositories);
    }
}
