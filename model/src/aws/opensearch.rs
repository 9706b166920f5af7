//! OpenSearch Service (and Elasticsearch) domains (<https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_CreateDomain.html>).

use crate::aws::iam::PolicyDocument;
use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct OpenSearch {
    pub domains: Vec<Domain>,
}

#[derive(Debug, Clone)]
pub struct Domain {
    pub resource: ResourceMeta,
    /// `EncryptionAtRestOptions.Enabled`.
    pub encrypt_at_rest: Value<bool>,
    /// `NodeToNodeEncryptionOptions.Enabled`.
    pub node_to_node: Value<bool>,
    /// The domain is placed in a VPC (`VPCOptions`); otherwise its endpoint is public.
    pub in_vpc: Value<bool>,
    /// `DomainEndpointOptions.EnforceHTTPS`.
    pub enforce_https: Value<bool>,
    /// `DomainEndpointOptions.TLSSecurityPolicy`; Unknown when absent (AWS documents no
    /// default, and the Terraform provider leaves it computed).
    pub tls_security_policy: Value<String>,
    /// Fine-grained access control (`AdvancedSecurityOptions.Enabled`).
    pub fine_grained_access: Value<bool>,
    /// Audit logs are published to CloudWatch Logs (`LogPublishingOptions` with an enabled
    /// `AUDIT_LOGS` entry).
    pub audit_logs: Value<bool>,
    /// The access policies: `access_policies` on the domain and the
    /// `aws_opensearch_domain_policy` / `aws_elasticsearch_domain_policy` resources naming it
    /// (`AccessPolicies` in CloudFormation). Empty when it has none.
    pub policies: Vec<Value<PolicyDocument>>,
}
