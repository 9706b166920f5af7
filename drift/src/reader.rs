//! The seam between drift and the clouds: a live reader fills the shared model from one
//! provider's APIs. Each cloud's reader is its own crate (`cloudsentinel-live-aws`), so the
//! drift core builds without any cloud SDK.

use cloudsentinel_model::{Provider, State};
use std::collections::{BTreeMap, BTreeSet};

/// Reads one account (AWS account, Azure subscription, GCP project) of one provider.
pub trait LiveReader {
    /// The cloud this reader reads.
    fn provider(&self) -> Provider;

    /// Reads every resource the reader can see, with read-only calls. A service or region
    /// that cannot be read is reported in [`LiveRead::unread`] and a notice; the rest is
    /// delivered.
    fn read(&self) -> LiveRead;
}

/// What a live read produced.
#[derive(Debug, Default)]
pub struct LiveRead {
    pub state: State,
    /// The account read (AWS account id, Azure subscription, GCP project).
    pub account: String,
    pub regions: Vec<String>,
    /// API calls by the permission they need (`s3:ListAllMyBuckets`).
    pub calls: BTreeMap<&'static str, u64>,
    /// Services or regions that could not be read, as messages (also in `state.notices`).
    pub incomplete: Vec<String>,
    /// The same, by service: drift says nothing about a resource whose service was not read.
    pub unread: Vec<Unread>,
    /// Ids of resources the provider creates itself (AWS's default VPCs and service-linked
    /// roles): never unmanaged.
    pub provider_created: BTreeSet<String>,
}

/// A service that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// The model's service module (`sqs`, `elb`): every kind of that service is affected.
    pub service: &'static str,
    /// The region that failed; `None` for a global service (failed everywhere).
    pub region: Option<String>,
}
