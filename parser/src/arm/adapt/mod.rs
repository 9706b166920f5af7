//! Adapters from evaluated ARM resources (and Bicep's, which lower to the same
//! [`ArmResource`]s) into the Azure part of the model, one module per service. Where a
//! property is absent, Azure's documented default for the resource applies — at the
//! template's API version where the default changed — and is cited where it is read; where
//! no default is documented, the value is Unknown.

mod acr;
mod aks;
mod appservice;
mod authorization;
mod compute;
mod cosmosdb;
mod database;
mod datafactory;
mod keyvault;
pub(crate) use keyvault::audit_entry;
mod messaging;
mod monitor;
mod network;
mod redis;
mod search;
mod sql;
mod storage;

use super::template::{ArmDeployment, ArmResource, get_property};
use crate::adapt::{Children as ChildrenOf, Field, Reader, pick_loc, src};
use crate::dynvalue::{Dyn, DynKind};
use cloudsentinel_model::azure::Azure;
use cloudsentinel_model::{Location, Provider, ResourceMeta, State, Value};
use std::collections::HashMap;

/// Adapts one evaluated template: its resources, errors and notices.
pub(crate) fn adapt(dep: &ArmDeployment) -> State {
    let mut state = State {
        parse_errors: dep.errors.clone(),
        notices: dep.notices.clone(),
        ..State::default()
    };
    let cx = Cx::new(dep);
    adapt_azure(&cx, &mut state.azure);
    state
}

fn adapt_azure(cx: &Cx<'_>, azure: &mut Azure) {
    storage::adapt(cx, &mut azure.storage);
    network::adapt(cx, &mut azure.network);
    sql::adapt(cx, &mut azure.sql);
    keyvault::adapt(cx, &mut azure.keyvault);
    compute::adapt(cx, &mut azure.compute);
    appservice::adapt(cx, &mut azure.appservice);
    aks::adapt(cx, &mut azure.aks);
    authorization::adapt(cx, &mut azure.authorization);
    database::adapt(cx, &mut azure.database);
    cosmosdb::adapt(cx, &mut azure.cosmosdb);
    acr::adapt(cx, &mut azure.acr);
    monitor::adapt(cx, &mut azure.monitor);
    redis::adapt(cx, &mut azure.redis);
    datafactory::adapt(cx, &mut azure.datafactory);
    search::adapt(cx, &mut azure.search);
    messaging::adapt(cx, &mut azure.messaging);
}

/// The deployed resources of a template by type (lowercase), in template order. `existing`
/// references are not deployed here; a resource whose condition is Unknown is checked as if
/// deployed (its settings must still be known for a finding).
pub(crate) struct Cx<'a> {
    by_type: HashMap<String, Vec<&'a ArmResource>>,
}

impl<'a> Cx<'a> {
    fn new(dep: &'a ArmDeployment) -> Self {
        let mut by_type: HashMap<String, Vec<&ArmResource>> = HashMap::new();
        for r in &dep.resources {
            if r.existing {
                continue;
            }
            by_type
                .entry(r.resource_type.to_ascii_lowercase())
                .or_default()
                .push(r);
        }
        Cx { by_type }
    }

    /// Resources of a type (`Microsoft.Storage/storageAccounts`), any case.
    pub fn resources(&self, rtype: &str) -> &[&'a ArmResource] {
        self.by_type
            .get(&rtype.to_ascii_lowercase())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Child resources of `rtype` whose name starts with `parent`'s name and a `/`.
    pub fn children_of(&self, parent: &ArmResource, rtype: &str) -> Vec<&'a ArmResource> {
        let Some(name) = known_name(parent) else {
            return Vec::new();
        };
        let prefix = format!("{}/", name.to_ascii_lowercase());
        self.resources(rtype)
            .iter()
            .copied()
            .filter(|c| known_name(c).is_some_and(|n| n.to_ascii_lowercase().starts_with(&prefix)))
            .collect()
    }

    /// Whether some resource of `rtype` has a name that cannot be evaluated (so it might be
    /// a child of any parent).
    pub fn has_unknown_named(&self, rtype: &str) -> bool {
        self.resources(rtype)
            .iter()
            .any(|r| known_name(r).is_none())
    }
}

/// What an extension resource's `scope` names, for joins to one type of parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ScopeTarget {
    /// The parent with this [`crate::arm::expr::resource_key`].
    Key(String),
    /// A resource of another type (or a resource group, subscription...).
    Other,
    /// Could be any parent of the type.
    Unknown,
}

/// Reads a `scope` as a target of type `rtype`: a `resourceId(…)` (or Bicep resource
/// reference) carries its key or at least its type; a string is a resource ID, absolute
/// (`/subscriptions/…/providers/Microsoft.KeyVault/vaults/kv`) or relative
/// (`Microsoft.KeyVault/vaults/kv`).
pub(crate) fn scope_target(scope: &Dyn, rtype: &str) -> ScopeTarget {
    let of_type = |t: &str| t.eq_ignore_ascii_case(rtype);
    // A resource or scope object (Bicep's `resourceGroup()`, a module's scope): its id.
    if let Some(id) = get_property(scope, "id") {
        return scope_target(id, rtype);
    }
    if scope.as_map().is_some() {
        return ScopeTarget::Other;
    }
    if let Some(key) = &scope.source_ref {
        return match key.split_once('|') {
            Some((t, _)) if of_type(t) => ScopeTarget::Key(key.to_string()),
            _ => ScopeTarget::Other,
        };
    }
    if let Some(s) = scope.as_str() {
        let lower = s.to_ascii_lowercase();
        let tail = match lower.rfind("/providers/") {
            Some(i) => &s[i + "/providers/".len()..],
            None if s.starts_with('/') => return ScopeTarget::Other,
            None => s,
        };
        let parts: Vec<&str> = tail.trim_matches('/').split('/').collect();
        if parts.len() < 3 || parts.len().is_multiple_of(2) {
            return ScopeTarget::Other;
        }
        let mut t = parts[0].to_string();
        let mut name = String::new();
        for pair in parts[1..].chunks(2) {
            t.push('/');
            t.push_str(pair[0]);
            if !name.is_empty() {
                name.push('/');
            }
            name.push_str(pair.get(1).copied().unwrap_or_default());
        }
        return if of_type(&t) {
            ScopeTarget::Key(crate::arm::expr::resource_key(&t, &name))
        } else {
            ScopeTarget::Other
        };
    }
    let encoded_type = scope
        .encoded
        .as_deref()
        .and_then(|e| get_property(e, "type"))
        .and_then(Dyn::as_str);
    match encoded_type {
        Some(t) if !of_type(t) => ScopeTarget::Other,
        _ => ScopeTarget::Unknown,
    }
}

/// A resource's name when it is fully known.
pub(crate) fn known_name(r: &ArmResource) -> Option<&str> {
    match &r.name.kind {
        DynKind::String(s) => Some(s),
        _ => None,
    }
}

/// The model's identity of a resource: its address, the nested deployments leading to it,
/// and the suppressions in its `metadata`.
pub(crate) fn resource_meta(r: &ArmResource) -> ResourceMeta {
    let mut meta = ResourceMeta::new(Provider::Azure, r.address.clone(), src(r.location));
    meta.module_chain.clone_from(&r.deployments);
    meta.ignores = crate::cloudformation::resources::read_ignores(&r.metadata, r.location);
    meta
}

/// Whether the template's API version for `r` is `date` or later; `None` without one.
pub(crate) fn api_at_least(r: &ArmResource, date: &str) -> Option<bool> {
    let v = r.api_version.as_deref()?;
    Some(v.get(..10).unwrap_or(v) >= date)
}

/// An object of a resource's body (the body itself or a nested object), read ignoring case
/// as ARM does.
#[derive(Clone, Copy)]
pub(crate) struct Obj<'a> {
    pub value: &'a Dyn,
    pub loc: Location,
    pub scope: Location,
}

/// A nested object of an [`Obj`].
pub(crate) enum Nested<'a> {
    Absent,
    /// Present but not evaluated (or not an object).
    Unknown(Location),
    Present(Obj<'a>),
}

pub(crate) type Children<'a> = ChildrenOf<Obj<'a>>;

impl<'a> Obj<'a> {
    /// The resource's whole body.
    pub fn resource(r: &'a ArmResource) -> Self {
        Obj {
            value: &r.body,
            loc: r.location,
            scope: r.location,
        }
    }

    /// The resource's `properties` (an empty object reads as absent settings).
    pub fn properties(r: &'a ArmResource) -> Nested<'a> {
        Obj::resource(r).obj("properties")
    }

    fn of(&self, value: &'a Dyn) -> Obj<'a> {
        Obj {
            value,
            loc: pick_loc(value.loc, self.loc, self.scope),
            scope: self.scope,
        }
    }

    fn raw(&self, name: &str) -> Option<&'a Dyn> {
        get_property(self.value, name).filter(|v| !v.is_null())
    }

    /// The nested object `name`.
    pub fn obj(&self, name: &str) -> Nested<'a> {
        match self.raw(name) {
            None if self.value.is_unknown() => Nested::Unknown(self.loc),
            None => Nested::Absent,
            Some(v) if v.as_map().is_some() => Nested::Present(self.of(v)),
            Some(v) => Nested::Unknown(pick_loc(v.loc, self.loc, self.scope)),
        }
    }

    /// The objects of the list `name`: absent is none; an Unknown list or element makes it
    /// incomplete.
    pub fn list(&self, name: &str) -> Children<'a> {
        let mut out = Children::default();
        match self.raw(name).map(|v| &v.kind) {
            None if self.value.is_unknown() => out.incomplete = true,
            None | Some(DynKind::Null) => {}
            Some(DynKind::List(items)) => {
                for i in items.iter() {
                    if i.as_map().is_some() {
                        out.nodes.push(self.of(i));
                    } else if !i.is_null() {
                        out.incomplete = true;
                    }
                }
            }
            Some(_) => out.incomplete = true,
        }
        out
    }

    /// A setting of the nested object `block` read by `read`; `default` at this object when
    /// the object is absent, Unknown when it cannot be evaluated.
    pub fn nested<T>(
        &self,
        block: &str,
        default: T,
        read: impl FnOnce(&Obj<'a>) -> Value<T>,
    ) -> Value<T> {
        match self.obj(block) {
            Nested::Present(b) => read(&b),
            Nested::Unknown(at) => Value::unknown(src(at)),
            Nested::Absent => Value::default_at(default, src(self.loc)),
        }
    }

    /// `Enabled`/`Disabled` (any case) as a boolean; `default` when absent.
    pub fn enabled(&self, name: &str, default: Option<bool>) -> Value<bool> {
        match self.field(name) {
            None => match default {
                Some(d) => Value::default_at(d, src(self.loc)),
                None => Value::unknown(src(self.loc)),
            },
            Some(_) => self
                .string(name, None)
                .map(|s| s.eq_ignore_ascii_case("Enabled")),
        }
    }
}

static UNKNOWN_VALUE: std::sync::LazyLock<Dyn> = std::sync::LazyLock::new(Dyn::unknown);

impl<'a> Reader<'a> for Obj<'a> {
    /// A field of an object that could not be evaluated is itself Unknown, never absent (an
    /// absent field would take its default).
    fn field(&self, name: &str) -> Option<Field<'a>> {
        if self.value.is_unknown() {
            return Some(Field::new(&UNKNOWN_VALUE, self.loc, self.scope));
        }
        let v = self.raw(name)?;
        Some(Field::new(
            v,
            pick_loc(v.loc, self.loc, self.scope),
            self.scope,
        ))
    }

    fn block_loc(&self) -> Location {
        self.loc
    }
}

/// The resource's `properties`, or an Unknown stand-in when they cannot be read: every
/// setting read from it is then Unknown (an absent `properties` object reads as empty).
pub(crate) fn props(r: &ArmResource) -> Obj<'_> {
    static EMPTY: std::sync::LazyLock<Dyn> =
        std::sync::LazyLock::new(|| Dyn::map(indexmap::IndexMap::new()));
    static UNKNOWN: std::sync::LazyLock<Dyn> = std::sync::LazyLock::new(Dyn::unknown);
    match Obj::properties(r) {
        Nested::Present(p) => p,
        Nested::Absent => Obj {
            value: &EMPTY,
            loc: r.location,
            scope: r.location,
        },
        Nested::Unknown(at) => Obj {
            value: &UNKNOWN,
            loc: at,
            scope: r.location,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::{ScopeTarget, scope_target};
    use crate::dynvalue::Dyn;

    const VAULT: &str = "Microsoft.KeyVault/vaults";

    #[test]
    fn scope_strings_name_their_resource() {
        let key = |s: &str| scope_target(&Dyn::string(s), VAULT);
        assert_eq!(
            key("Microsoft.KeyVault/vaults/kv1"),
            ScopeTarget::Key("microsoft.keyvault/vaults|kv1".into())
        );
        assert_eq!(
            key("/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/KV1"),
            ScopeTarget::Key("microsoft.keyvault/vaults|kv1".into())
        );
        assert_eq!(
            key("Microsoft.Storage/storageAccounts/st"),
            ScopeTarget::Other
        );
        assert_eq!(
            key("/subscriptions/s/resourceGroups/rg"),
            ScopeTarget::Other
        );
        assert_eq!(
            key("Microsoft.KeyVault/vaults/kv1/keys/k"),
            ScopeTarget::Other,
            "a child of a vault is not the vault"
        );
        assert_eq!(scope_target(&Dyn::unknown(), VAULT), ScopeTarget::Unknown);
    }
}
