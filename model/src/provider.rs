//! The clouds the model describes.

/// A cloud provider. Every resource of the model belongs to exactly one.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    Aws,
    Azure,
    Google,
}

impl Provider {
    pub const ALL: [Provider; 3] = [Provider::Aws, Provider::Azure, Provider::Google];

    /// The lowercase identifier used in check IDs, folders and configuration (`aws`).
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Aws => "aws",
            Provider::Azure => "azure",
            Provider::Google => "google",
        }
    }

    /// The prefix of the provider's check IDs (`aws-s3-public-acl`, `gcp-storage-public`):
    /// the catalogue names Google Cloud checks `gcp-…`, while folders and configuration use
    /// [`Provider::as_str`].
    pub fn check_id_prefix(self) -> &'static str {
        match self {
            Provider::Aws => "aws",
            Provider::Azure => "azure",
            Provider::Google => "gcp",
        }
    }

    /// The name shown to people (`AWS`, `Azure`, `Google Cloud`).
    pub fn display_name(self) -> &'static str {
        match self {
            Provider::Aws => "AWS",
            Provider::Azure => "Azure",
            Provider::Google => "Google Cloud",
        }
    }

    /// Parses [`Provider::as_str`]; `gcp` is accepted for Google.
    pub fn parse(s: &str) -> Option<Provider> {
        match s.to_ascii_lowercase().as_str() {
            "aws" => Some(Provider::Aws),
            "azure" => Some(Provider::Azure),
            "google" | "gcp" => Some(Provider::Google),
            _ => None,
        }
    }
}

impl std::fmt::Display for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Provider;

    #[test]
    fn names_round_trip() {
        for p in Provider::ALL {
            assert_eq!(Provider::parse(p.as_str()), Some(p));
        }
        assert_eq!(Provider::parse("GCP"), Some(Provider::Google));
        assert_eq!(Provider::parse("general"), None);
    }
}
