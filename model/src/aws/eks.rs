use crate::{ResourceMeta, Value};

/// Whether a cluster's API endpoint is public when not set: `true`
/// (<https://docs.aws.amazon.com/eks/latest/APIReference/API_VpcConfigRequest.html>).
pub const DEFAULT_ENDPOINT_PUBLIC_ACCESS: bool = true;

#[derive(Debug, Default, Clone)]
pub struct Eks {
    pub clusters: Vec<Cluster>,
    pub node_groups: Vec<NodeGroup>,
}

/// A managed node group (`aws_eks_node_group`, `AWS::EKS::Nodegroup`).
#[derive(Debug, Clone)]
pub struct NodeGroup {
    pub resource: ResourceMeta,
    /// Whether remote access names an EC2 SSH key, so the nodes accept SSH; absent: no.
    pub ssh_key_set: Value<bool>,
    /// Whether remote access lists source security groups. With a key and none, AWS opens
    /// port 22 of the nodes to `0.0.0.0/0`
    /// (<https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html>).
    pub ssh_source_groups_set: Value<bool>,
}

#[derive(Debug, Clone)]
pub struct Cluster {
    pub resource: ResourceMeta,
    pub endpoint_public_access: Value<bool>,
    pub public_access_cidrs: Value<Vec<String>>,
    /// Whether an encryption config with a KMS key covers `secrets`.
    pub secrets_encrypted: Value<bool>,
    /// The control-plane log types sent to CloudWatch Logs (`api`, `audit`,
    /// `authenticator`, `controllerManager`, `scheduler`); Default none: control-plane
    /// logging is off unless enabled
    /// (<https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html>).
    pub log_types: Value<Vec<String>>,
    /// The Kubernetes version (`1.31`); Default `None`: the latest version when the
    /// cluster is created.
    pub version: Value<Option<String>>,
}

/// Kubernetes minor versions whose standard support in EKS has ended, with the date it
/// ended, as of 2026-12-06 (<https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html>).
/// Every minor version older than the first listed ended before it.
pub const PAST_STANDARD_SUPPORT: [(&str, &str); 12] = [
    ("1.23", "2023-10-11"),
    ("1.24", "2024-01-31"),
    ("1.25", "2024-05-01"),
    ("1.26", "2024-06-11"),
    ("1.27", "2024-07-24"),
    ("1.28", "2024-11-26"),
    ("1.29", "2025-03-23"),
    ("1.30", "2025-07-23"),
    ("1.31", "2025-11-26"),
    ("1.32", "2026-03-23"),
    ("1.33", "2026-07-29"),
    ("1.34", "2026-12-02"),
];

/// When standard support of Kubernetes `version` (`1.28`, `1.28.3`) ended: its date in
/// [`PAST_STANDARD_SUPPORT`], the first entry's date for an older minor version (ended by
/// then), `None` when it is still supported or not a `1.<minor>` version.
pub fn standard_support_ended(version: &str) -> Option<&'static str> {
    let mut parts = version.trim().trim_start_matches('v').split('.');
    let (Some("1"), Some(minor)) = (parts.next(), parts.next()) else {
        return None;
    };
    let minor: u32 = minor.parse().ok()?;
    let listed = |v: &str| v.strip_prefix("1.").and_then(|m| m.parse::<u32>().ok());
    if let Some((_, date)) = PAST_STANDARD_SUPPORT
        .iter()
        .find(|(v, _)| listed(v) == Some(minor))
    {
        return Some(date);
    }
    let oldest = PAST_STANDARD_SUPPORT.first().and_then(|(v, _)| listed(v))?;
    (minor < oldest).then(|| PAST_STANDARD_SUPPORT[0].1)
}

#[cfg(test)]
mod tests {
    use super::standard_support_ended;

    #[test]
    fn versions_past_standard_support() {
        assert_eq!(standard_support_ended("1.28"), Some("2024-11-26"));
        assert_eq!(standard_support_ended("1.34"), Some("2026-12-02"));
        assert_eq!(standard_support_ended("1.21"), Some("2023-10-11"));
        assert_eq!(standard_support_ended("1.29.4"), Some("2025-03-23"));
        assert_eq!(standard_support_ended("1.35"), None);
        assert_eq!(standard_support_ended("latest"), None);
        assert_eq!(standard_support_ended("2.0"), None);
    }
}
