//! Custom role definitions (<https://learn.microsoft.com/en-us/azure/templates/microsoft.authorization/roledefinitions>).

use crate::{ResourceMeta, Value};

#[derive(Debug, Default, Clone)]
pub struct Authorization {
    pub role_definitions: Vec<RoleDefinition>,
}

#[derive(Debug, Clone)]
pub struct RoleDefinition {
    pub resource: ResourceMeta,
    /// `permissions[].actions`, each possibly Unknown.
    pub actions: Vec<Value<String>>,
    /// Where the role may be assigned: the definition's scope and `assignableScopes`.
    pub scopes: Vec<Value<String>>,
}

/// Whether a scope is a whole subscription or management group (or the root `/`);
/// `None` for a string that is no scope.
pub fn is_broad_scope(scope: &str) -> Option<bool> {
    let s = scope.trim().trim_end_matches('/').to_ascii_lowercase();
    if s.is_empty() {
        return Some(true); // "/" itself
    }
    if !s.starts_with('/') {
        return None;
    }
    let parts: Vec<&str> = s.split('/').skip(1).collect();
    Some(matches!(
        parts.as_slice(),
        ["subscriptions", _] | ["providers", "microsoft.management", "managementgroups", _]
    ))
}

#[cfg(test)]
mod tests {
    use super::is_broad_scope;

    #[test]
    fn broad_scopes() {
        assert_eq!(is_broad_scope("/"), Some(true));
        assert_eq!(is_broad_scope("/subscriptions/0000"), Some(true));
        assert_eq!(
            is_broad_scope("/providers/Microsoft.Management/managementGroups/root"),
            Some(true)
        );
        assert_eq!(
            is_broad_scope("/subscriptions/0000/resourceGroups/app"),
            Some(false)
        );
        assert_eq!(is_broad_scope("app"), None);
    }
}
