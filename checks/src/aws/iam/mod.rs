pub mod policy_admin;
pub mod policy_allow_not_action;
pub mod policy_wildcard_action;
pub mod role_public_trust;
pub mod root_access_key;
pub mod stale_access_key;
pub mod user_attached_policy;
pub mod user_no_mfa;
pub mod weak_password_policy;

use cloudsentinel_model::Value;
use cloudsentinel_model::aws::iam::Statement;

/// All of `values` are known.
pub(crate) fn all_known(values: &[Value<String>]) -> bool {
    values.iter().all(|v| v.known().is_some())
}

/// True when `st` is known to grant nothing: its effect is known and not Allow.
pub(crate) fn known_not_allow(st: &Statement) -> bool {
    st.effect.known().is_some() && !st.is_allow()
}

/// True when `st` is known not to allow every action on every resource. An incomplete
/// statement, or one whose effect, actions or resources are Unknown, decides nothing.
pub(crate) fn known_not_admin(st: &Statement) -> bool {
    !st.incomplete
        && (known_not_allow(st)
            || (all_known(&st.actions) && st.full_wildcard_action().is_none())
            || (all_known(&st.resources) && !st.has_full_wildcard_resource()))
}

/// True when `st` is known to allow no wildcard action (`*`, `service:*`).
pub(crate) fn known_no_wildcard_action(st: &Statement) -> bool {
    !st.incomplete
        && (known_not_allow(st)
            || (all_known(&st.actions)
                && !st
                    .actions
                    .iter()
                    .any(|a| a.is(|v| v == "*" || v.ends_with(":*")))))
}

/// True when `st` is known not to allow anyone: not an Allow, no wildcard principal, or a
/// narrowing condition. An incomplete statement decides nothing.
pub(crate) fn known_not_public(st: &Statement) -> bool {
    !st.incomplete
        && (known_not_allow(st)
            || (st.principals.iter().all(|p| p.value.known().is_some())
                && st.wildcard_principal().is_none()
                && st.not_principals.is_empty())
            || st.has_narrowing_condition())
}
