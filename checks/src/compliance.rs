//! Compliance frameworks, declared once with their version, and a check's mapping onto them.
//!
//! A check lists `FRAMEWORK: [controls…]` pairs (see `declare_check!`); SARIF tags, the check
//! documentation and future framework reports are generated from these declarations. Adding a
//! framework is one `pub static` here and one line in [`FRAMEWORKS`].

use cloudsentinel_model::Provider;

/// A compliance framework at a fixed version.
#[derive(Debug, PartialEq, Eq)]
pub struct Framework {
    /// Stable identifier (`cis-aws`).
    pub id: &'static str,
    /// Name shown in documentation (`CIS AWS Foundations`).
    pub name: &'static str,
    pub version: &'static str,
    /// Name and version as documentation shows them (`CIS AWS Foundations 3.0`).
    pub title: &'static str,
    /// Prefix of the SARIF tags naming its controls (`CIS-AWS-3.0` → `CIS-AWS-3.0/2.1.4`).
    pub tag: &'static str,
    /// The cloud a benchmark is written for; `None` for cloud-independent frameworks.
    pub provider: Option<Provider>,
    pub url: &'static str,
}

pub static CIS_AWS: Framework = Framework {
    id: "cis-aws",
    name: "CIS AWS Foundations",
    version: "3.0.0",
    title: "CIS AWS Foundations 3.0",
    tag: "CIS-AWS-3.0",
    provider: Some(Provider::Aws),
    url: "https://www.cisecurity.org/benchmark/amazon_web_services",
};

pub static CIS_AZURE: Framework = Framework {
    id: "cis-azure",
    name: "CIS Microsoft Azure Foundations Benchmark",
    version: "2.1.0",
    title: "CIS Microsoft Azure Foundations 2.1",
    tag: "CIS-AZURE-2.1",
    provider: Some(Provider::Azure),
    url: "https://www.cisecurity.org/benchmark/azure",
};

pub static CIS_GCP: Framework = Framework {
    id: "cis-gcp",
    name: "CIS Google Cloud Platform Foundation Benchmark",
    version: "3.0.0",
    title: "CIS Google Cloud Platform Foundation 3.0",
    tag: "CIS-GCP-3.0",
    provider: Some(Provider::Google),
    url: "https://www.cisecurity.org/benchmark/google_cloud_computing_platform",
};

pub static NIST_800_53: Framework = Framework {
    id: "nist-800-53",
    name: "NIST SP 800-53",
    version: "Revision 5",
    title: "NIST SP 800-53 r5",
    tag: "NIST-800-53",
    provider: None,
    url: "https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final",
};

pub static ISO_27001: Framework = Framework {
    id: "iso-27001",
    name: "ISO/IEC 27001",
    version: "2022",
    title: "ISO/IEC 27001:2022",
    tag: "ISO-27001",
    provider: None,
    url: "https://www.iso.org/standard/27001",
};

pub static SOC2: Framework = Framework {
    id: "soc2",
    name: "SOC 2 Trust Services Criteria",
    version: "2017 (revised points of focus 2022)",
    title: "SOC 2",
    tag: "SOC2",
    provider: None,
    url: "https://www.aicpa-cima.com/topic/audit-assurance/audit-and-assurance-greater-than-soc-2",
};

/// Every framework, in the order documentation lists them.
pub static FRAMEWORKS: &[&Framework] = &[
    &CIS_AWS,
    &CIS_AZURE,
    &CIS_GCP,
    &NIST_800_53,
    &ISO_27001,
    &SOC2,
];

/// The controls of one framework that a check covers.
#[derive(Debug, Clone, Copy)]
pub struct Mapping {
    pub framework: &'static Framework,
    pub controls: &'static [&'static str],
}

impl Mapping {
    /// SARIF tags (`CIS-AWS-3.0/2.1.4`).
    pub fn tags(&self) -> impl Iterator<Item = String> + '_ {
        self.controls
            .iter()
            .map(|c| format!("{}/{c}", self.framework.tag))
    }
}

/// A framework by its [`Framework::id`].
pub fn framework(id: &str) -> Option<&'static Framework> {
    FRAMEWORKS.iter().copied().find(|f| f.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framework_ids_and_tags_are_unique() {
        let mut ids: Vec<_> = FRAMEWORKS.iter().map(|f| f.id).collect();
        let mut tags: Vec<_> = FRAMEWORKS.iter().map(|f| f.tag).collect();
        ids.sort_unstable();
        ids.dedup();
        tags.sort_unstable();
        tags.dedup();
        assert_eq!(ids.len(), FRAMEWORKS.len());
        assert_eq!(tags.len(), FRAMEWORKS.len());
        assert_eq!(framework("soc2").map(|f| f.title), Some("SOC 2"));
    }
}
