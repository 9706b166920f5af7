//! Findings and the [`Report`] that checks write them into.

use crate::check::{CheckMeta, Severity};
use cloudsentinel_model::{Location, Meta, ModuleCall, Origin, ResourceMeta};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Another place that matters for a finding (a module call, a merged split resource).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Related {
    #[serde(skip)]
    pub location: Location,
    pub message: String,
}

/// Why a finding is suppressed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Suppression {
    /// `inline` (a comment) or `metadata` (resource metadata).
    pub kind: &'static str,
    pub reason: Option<String>,
    #[serde(skip)]
    pub location: Option<Location>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub check_id: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Where to point: the offending value, or the resource when a setting is missing.
    pub location: Option<Location>,
    /// A live resource (ARN) and its region when the finding is on live state (boxed: rare,
    /// and a scan holds every finding in memory at once).
    pub live_id: Option<Box<LiveId>>,
    /// Full resource address, module path included (shared by the resource's findings).
    pub resource: Option<Arc<str>>,
    /// The declaration of the resource (for suppressions written on the resource).
    pub resource_location: Option<Location>,
    /// Shared by every finding on the same resource in one run, like `related`.
    pub module_chain: Arc<[ModuleCall]>,
    /// Shared by every finding on the same resource in one run.
    pub related: Arc<[Related]>,
    pub suppression: Option<Box<Suppression>>,
    /// Stable across unrelated edits; set by the runner.
    pub fingerprint: String,
    /// Suppressions written in the resource's metadata (JSON formats); shared per resource.
    pub metadata_ignores: Arc<[cloudsentinel_model::Ignore]>,
}

/// A live resource's ARN and region.
pub type LiveId = (String, Option<String>);

/// A resource a check examined and found compliant: what compliance reports count as passed.
/// A resource whose deciding value is Unknown is neither passed nor failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pass {
    pub check_id: &'static str,
    /// Full resource address, module path included.
    pub resource: String,
    /// The resource's declaration, when it is in source.
    pub location: Option<Location>,
    /// The live resource (ARN) when the pass is on live state.
    pub live_id: Option<(String, Option<String>)>,
}

/// `related` followed by the places that set the value a finding at `at` reads (the
/// Terragrunt inputs of the attribute it points at).
fn with_values_set_elsewhere(
    related: Arc<[Related]>,
    resource: &ResourceMeta,
    at: Location,
) -> Arc<[Related]> {
    let inside = |outer: Location| {
        outer.file == at.file
            && outer.range.start <= at.range.start
            && at.range.end <= outer.range.end
    };
    let set: Vec<Related> = resource
        .set_elsewhere
        .iter()
        .filter(|s| inside(s.read_at))
        .map(|s| Related {
            location: s.location,
            message: s.message.clone(),
        })
        .collect();
    if set.is_empty() {
        return related;
    }
    set.into_iter().chain(related.iter().cloned()).collect()
}

/// What every finding on one resource shares: built once per run, not once per finding
/// (a scan of a large tree holds tens of thousands of findings at once).
#[derive(Clone)]
pub(crate) struct PerResource {
    related: Arc<[Related]>,
    module_chain: Arc<[ModuleCall]>,
    address: Arc<str>,
    ignores: Arc<[cloudsentinel_model::Ignore]>,
}

/// [`PerResource`] of each resource, keyed by the resource's address in memory (stable while
/// the checks run).
pub(crate) type RelatedCache = Arc<Mutex<HashMap<usize, PerResource>>>;

/// Collects the findings of one check.
pub struct Report {
    meta: &'static CheckMeta,
    pub(crate) findings: Vec<Finding>,
    pub(crate) passes: Vec<Pass>,
    /// Off for plain scans: nothing reads passes there, and recording one per resource and
    /// check costs allocations on every scan.
    record_passes: bool,
    related: RelatedCache,
}

impl Report {
    pub(crate) fn new(
        meta: &'static CheckMeta,
        related: RelatedCache,
        record_passes: bool,
    ) -> Self {
        Report {
            meta,
            findings: Vec::new(),
            passes: Vec::new(),
            record_passes,
            related,
        }
    }

    fn shared_of(&self, resource: &ResourceMeta) -> PerResource {
        let key = std::ptr::from_ref::<ResourceMeta>(resource) as usize;
        let mut cache = self
            .related
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        cache
            .entry(key)
            .or_insert_with(|| {
                let mut related: Vec<Related> = resource
                    .merged
                    .iter()
                    .filter_map(|(addr, o)| match o {
                        Origin::Source(l) => Some(Related {
                            location: *l,
                            message: format!("merged from {addr}"),
                        }),
                        _ => None,
                    })
                    .collect();
                related.extend(resource.module_chain.iter().map(|m| Related {
                    location: m.location,
                    message: format!("in module \"{}\" called here", m.name),
                }));
                PerResource {
                    related: related.into(),
                    module_chain: resource.module_chain.as_slice().into(),
                    address: resource.full_address().into(),
                    ignores: resource.ignores.as_slice().into(),
                }
            })
            .clone()
    }

    /// Reports a finding on `resource`, pointing at `at` (the value that fails the check;
    /// for a missing setting, its Default meta points at the resource).
    pub fn add(&mut self, resource: &ResourceMeta, at: &Meta, message: impl Into<String>) {
        let resource_location = resource.location();
        let live = |o: &Origin| match o {
            Origin::Live { id, region } => Some(Box::new((id.clone(), region.clone()))),
            _ => None,
        };
        // A value in source on a live resource (drift's declared attribute) keeps both.
        let (location, live_id) = match (&at.origin, &resource.origin) {
            (Origin::Source(l), r) => (Some(*l), live(r)),
            (a @ Origin::Live { .. }, _) => (None, live(a)),
            (Origin::None, Origin::Source(l)) => (Some(*l), None),
            (Origin::None, r) => (None, live(r)),
        };
        let shared = self.shared_of(resource);
        let mut related = shared.related;
        if let Some(at) = location {
            related = with_values_set_elsewhere(related, resource, at);
        }
        self.findings.push(Finding {
            check_id: self.meta.id,
            severity: self.meta.severity,
            message: message.into(),
            location,
            live_id,
            resource: Some(shared.address),
            resource_location,
            module_chain: shared.module_chain,
            related,
            suppression: None,
            fingerprint: String::new(),
            metadata_ignores: shared.ignores,
        });
    }

    /// Like [`Report::add`], with a severity of its own (drift findings are graded by
    /// their security impact rather than by the check).
    pub fn add_graded(
        &mut self,
        resource: &ResourceMeta,
        at: &Meta,
        message: impl Into<String>,
        severity: Severity,
    ) {
        self.add(resource, at, message);
        if let Some(f) = self.findings.last_mut() {
            f.severity = severity;
        }
    }

    /// Records that `resource` was examined and complies. Call it only when the check reached
    /// a verdict: a resource whose deciding value is Unknown is neither passed nor failed.
    pub fn pass(&mut self, resource: &ResourceMeta) {
        if !self.record_passes {
            return;
        }
        let live_id = match &resource.origin {
            Origin::Live { id, region } => Some((id.clone(), region.clone())),
            _ => None,
        };
        self.passes.push(Pass {
            check_id: self.meta.id,
            resource: resource.full_address(),
            location: resource.location(),
            live_id,
        });
    }

    /// The findings reported so far.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The passes recorded so far.
    pub fn passes(&self) -> &[Pass] {
        &self.passes
    }

    /// Reports a finding that belongs to no resource (a file that could not be parsed).
    pub fn add_at(&mut self, location: Location, message: impl Into<String>) {
        self.findings.push(Finding {
            check_id: self.meta.id,
            severity: self.meta.severity,
            message: message.into(),
            location: Some(location),
            live_id: None,
            resource: None,
            resource_location: None,
            module_chain: Arc::from([]),
            related: Arc::from([]),
            suppression: None,
            fingerprint: String::new(),
            metadata_ignores: Arc::from([]),
        });
    }
}
