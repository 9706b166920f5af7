//! Where a value came from and how sure we are of it.

use crate::source::Location;

/// Where a value or resource was declared.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Origin {
    /// A range in a scanned source file.
    Source(Location),
    /// A live cloud resource: ARN, Azure resource id or GCP full resource name.
    Live { id: String, region: Option<String> },
    /// Nothing to point at (synthesised values in tests).
    None,
}

/// How a value was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provenance {
    /// Written by the user (directly or through variables that evaluated).
    Explicit,
    /// Not written: the provider's documented default. The origin is the enclosing resource.
    Default,
    /// Could not be evaluated. Never satisfies a check.
    Unknown,
}

/// Origin and provenance of a value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Meta {
    pub origin: Origin,
    pub provenance: Provenance,
}

impl Meta {
    pub fn explicit(origin: Origin) -> Self {
        Meta {
            origin,
            provenance: Provenance::Explicit,
        }
    }
    pub fn default_at(origin: Origin) -> Self {
        Meta {
            origin,
            provenance: Provenance::Default,
        }
    }
    pub fn unknown(origin: Origin) -> Self {
        Meta {
            origin,
            provenance: Provenance::Unknown,
        }
    }
    pub fn at(loc: Location) -> Self {
        Meta::explicit(Origin::Source(loc))
    }
    pub fn location(&self) -> Option<Location> {
        match &self.origin {
            Origin::Source(l) => Some(*l),
            _ => None,
        }
    }
    pub fn is_unknown(&self) -> bool {
        self.provenance == Provenance::Unknown
    }
}
