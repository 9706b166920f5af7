//! VPC subnetworks (<https://cloud.google.com/compute/docs/reference/rest/v1/subnetworks>).

use crate::{ResourceMeta, Value};

/// Flow logs of a subnetwork that does not configure `logConfig`: off
/// (<https://cloud.google.com/compute/docs/reference/rest/v1/subnetworks#SubnetworkLogConfig>).
pub const DEFAULT_FLOW_LOGS: bool = false;

/// Purpose of a subnetwork that does not set it: `PRIVATE` (ordinary VM subnet)
/// (<https://cloud.google.com/compute/docs/reference/rest/v1/subnetworks#Subnetwork.FIELDS.purpose>).
pub const DEFAULT_PURPOSE: &str = "PRIVATE";

/// Purposes whose subnetworks carry no VM traffic and support no flow logs (proxy-only and
/// Private Service Connect subnets).
pub const PURPOSES_WITHOUT_FLOW_LOGS: [&str; 4] = [
    "INTERNAL_HTTPS_LOAD_BALANCER",
    "REGIONAL_MANAGED_PROXY",
    "GLOBAL_MANAGED_PROXY",
    "PRIVATE_SERVICE_CONNECT",
];

#[derive(Debug, Default, Clone)]
pub struct Network {
    pub subnetworks: Vec<Subnetwork>,
}

#[derive(Debug, Clone)]
pub struct Subnetwork {
    pub resource: ResourceMeta,
    pub purpose: Value<String>,
    pub flow_logs: Value<bool>,
}
