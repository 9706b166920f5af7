//! What every resource of the model carries besides its typed fields.

use crate::meta::Origin;
use crate::provider::Provider;
use crate::source::Location;

/// One module (or nested template) call that led to a resource.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ModuleCall {
    /// The call's name (`module.<name>`; a nested stack's logical id).
    pub name: String,
    /// Where the call is written.
    pub location: Location,
}

/// A suppression declared in resource metadata (formats that cannot carry comments).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignore {
    pub id: String,
    pub reason: Option<String>,
    /// `YYYY-MM-DD`; the suppression stops working after this date.
    pub expires: Option<String>,
    pub location: Option<Location>,
}

/// Identity and provenance of a model resource.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceMeta {
    /// The cloud the resource belongs to; `None` for what belongs to no one cloud (a
    /// `random_password` or `kubernetes` provider block holding a literal secret).
    pub provider: Option<Provider>,
    /// The account it lives in (AWS account id, Azure subscription, GCP project), when the
    /// source states it: live readers know it, static sources mostly do not.
    pub account: Option<String>,
    /// Its region, when known (live readers); `None` for global resources too.
    pub region: Option<String>,
    /// Address in its source: `aws_s3_bucket.logs["a"]`, a logical id, an ARN.
    pub address: String,
    /// The resource's declaration (a block, a template entry, a live resource).
    pub origin: Origin,
    /// Module calls from the root to the module declaring the resource (outermost first).
    pub module_chain: Vec<ModuleCall>,
    /// Split-out resources merged into this one: their address and declaration.
    pub merged: Vec<(String, Origin)>,
    /// Suppressions written in the resource's metadata.
    pub ignores: Vec<Ignore>,
    /// Values of the resource set outside its module (Terragrunt inputs).
    pub set_elsewhere: Vec<SetElsewhere>,
}

/// A value of a resource set outside its module: a Terragrunt input a variable took.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SetElsewhere {
    /// What set it: `input "acl" set by live/prod/s3/terragrunt.hcl`.
    pub message: String,
    /// Where it was set.
    pub location: Location,
    /// The attribute that reads it: findings located there point at this place too.
    pub read_at: Location,
}

impl ResourceMeta {
    /// A resource of `provider`, its account and region not (yet) known.
    pub fn new(provider: Provider, address: impl Into<String>, origin: Origin) -> Self {
        ResourceMeta {
            provider: Some(provider),
            ..ResourceMeta::cloud_independent(address, origin)
        }
    }
    /// Something that belongs to no one cloud (the owner of a literal secret in a
    /// `random_password` resource).
    pub fn cloud_independent(address: impl Into<String>, origin: Origin) -> Self {
        ResourceMeta {
            provider: None,
            account: None,
            region: None,
            address: address.into(),
            origin,
            module_chain: Vec::new(),
            merged: Vec::new(),
            ignores: Vec::new(),
            set_elsewhere: Vec::new(),
        }
    }
    /// The same resource, in `account`.
    #[must_use]
    pub fn in_account(mut self, account: impl Into<String>) -> Self {
        self.account = Some(account.into());
        self
    }
    /// The same resource, in `region`.
    #[must_use]
    pub fn in_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }
    pub fn location(&self) -> Option<Location> {
        match &self.origin {
            Origin::Source(l) => Some(*l),
            _ => None,
        }
    }
    /// Full address including the module path: `module.a.module.b.aws_s3_bucket.x`.
    pub fn full_address(&self) -> String {
        let mut s = String::new();
        for m in &self.module_chain {
            s.push_str("module.");
            s.push_str(&m.name);
            s.push('.');
        }
        s.push_str(&self.address);
        s
    }
}
