use crate::aws::resource_policy::{self, Outcome};
use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags an OpenSearch (or Elasticsearch) domain with a public endpoint and without
    /// fine-grained access control whose access policy has an Allow statement for
    /// `Principal: "*"` (or `{"AWS": "*"}`, or everyone but a `NotPrincipal` list) without a
    /// condition that narrows who can use it (`aws:SourceIp`, `aws:PrincipalOrgID`,
    /// `aws:PrincipalAccount`, `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceVpc`,
    /// `aws:SourceVpce`). The policy is `access_policies` on `aws_opensearch_domain` /
    /// `aws_elasticsearch_domain` or an `aws_opensearch_domain_policy` /
    /// `aws_elasticsearch_domain_policy` naming the domain (`AccessPolicies` in
    /// CloudFormation).
    ///
    /// Such a domain answers unsigned requests from the whole internet: anyone can read,
    /// index and delete its data. A domain in a VPC (`vpc_options`, `VPCOptions`) is
    /// reachable only from its network, and one with fine-grained access control
    /// (`advanced_security_options`, `AdvancedSecurityOptions`) still authenticates every
    /// request, so an open access policy is AWS's recommended setup for both: they pass. A
    /// domain without an access policy admits only signed requests of the owner account. A
    /// policy that cannot be evaluated is not flagged.
    pub static CHECK = {
        id: "aws-opensearch-public-access-policy",
        title: "OpenSearch domain access policy allows anyone",
        severity: Critical,
        risk_score: 9.5,
        provider: Aws,
        service: "opensearch",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "AC-6", "SC-7"],
            ISO_27001: ["A.5.15", "A.8.3"],
            SOC2: ["CC6.1", "CC6.6"],
        },
        aliases: [],
        remediation: "Name the roles that use the domain, or narrow `\"*\"` with `aws:SourceIp`; better, place the domain in a VPC (`vpc_options`) or enable fine-grained access control (`advanced_security_options`).",
        references: [
            "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html",
            "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html#fgac-recommendations",
        ],
        examples: [
            tf_bad("A public domain open to everyone through a domain policy", r#"
resource "aws_opensearch_domain" "logs" {
  domain_name = "logs"
}

resource "aws_opensearch_domain_policy" "logs" {
  domain_name = aws_opensearch_domain.logs.domain_name
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:*"
      Resource  = "${aws_opensearch_domain.logs.arn}/*"
    }]
  })
}
"#),
            tf_good("An open policy on a domain with fine-grained access control, enabled by a variable", r#"
variable "fine_grained" {
  default = true
}

resource "aws_opensearch_domain" "logs" {
  domain_name = "logs"
  advanced_security_options {
    enabled                        = var.fine_grained
    internal_user_database_enabled = true
  }
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:ESHttp*"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/logs/*"
    }]
  })
}
"#),
            tf_good("Anyone from one office network", r#"
resource "aws_elasticsearch_domain" "logs" {
  domain_name = "logs"
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:ESHttpGet"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/logs/*"
      Condition = { IpAddress = { "aws:SourceIp" = ["203.0.113.0/24"] } }
    }]
  })
}
"#),
            cfn_bad("A public domain whose access policy lets anyone in", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DomainName:
    Type: String
    Default: logs
Resources:
  Logs:
    Type: AWS::OpenSearchService::Domain
    Properties:
      DomainName: !Ref DomainName
      AccessPolicies:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: "*"
            Action: es:ESHttp*
            Resource: !Sub "arn:aws:es:${AWS::Region}:${AWS::AccountId}:domain/${DomainName}/*"
"#),
            cfn_good("An open policy on a domain in a VPC", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  SubnetId:
    Type: AWS::EC2::Subnet::Id
    Default: subnet-0123456789abcdef0
Resources:
  Logs:
    Type: AWS::OpenSearchService::Domain
    Properties:
      DomainName: logs
      VPCOptions:
        SubnetIds:
          - !Ref SubnetId
      AccessPolicies:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: "*"
            Action: es:ESHttp*
            Resource: arn:aws:es:eu-west-1:123456789012:domain/logs/*
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for d in &state.aws.opensearch.domains {
        let exposed = d.in_vpc.is_false() && d.fine_grained_access.is_false();
        let shielded = d.in_vpc.is_true() || d.fine_grained_access.is_true();
        if exposed {
            resource_policy::check(report, &d.resource, &d.policies, &[], "Access policy");
        } else if shielded || resource_policy::judge(&d.policies, &[]) == Outcome::NotPublic {
            report.pass(&d.resource);
        }
    }
}
