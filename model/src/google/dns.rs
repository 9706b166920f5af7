//! Cloud DNS managed zones (<https://cloud.google.com/dns/docs/reference/rest/v1/managedZones>).

use crate::{Meta, ResourceMeta, Value};

/// Visibility of a zone that does not set it: `public`
/// (<https://cloud.google.com/dns/docs/reference/rest/v1/managedZones#ManagedZone.FIELDS.visibility>).
pub const DEFAULT_VISIBILITY: &str = "public";

/// DNSSEC state of a zone that configures none: `off`
/// (<https://cloud.google.com/dns/docs/reference/rest/v1/managedZones#ManagedZoneDnsSecConfig>).
pub const DEFAULT_DNSSEC_STATE: &str = "off";

#[derive(Debug, Default, Clone)]
pub struct Dns {
    pub managed_zones: Vec<ManagedZone>,
}

#[derive(Debug, Clone)]
pub struct ManagedZone {
    pub resource: ResourceMeta,
    /// `public` or `private`.
    pub visibility: Value<String>,
    /// `on`, `off` or `transfer`.
    pub dnssec_state: Value<String>,
    /// `dnssecConfig.defaultKeySpecs[]`: key type and algorithm.
    pub key_algorithms: Vec<KeySpec>,
}

#[derive(Debug, Clone)]
pub struct KeySpec {
    pub meta: Meta,
    /// `keySigning` or `zoneSigning`.
    pub key_type: Value<String>,
    /// `rsasha1`, `rsasha256`, `rsasha512`, `ecdsap256sha256`, `ecdsap384sha384`.
    pub algorithm: Value<String>,
}

impl ManagedZone {
    /// True when the zone is known to be public.
    pub fn is_public(&self) -> bool {
        self.visibility.eq_ignore_case("public")
    }
}
