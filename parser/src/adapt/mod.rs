//! The adapter toolkit every front-end shares: reading evaluated values ([`Dyn`]) into
//! model [`Value`]s with their provenance, and joining resources that configure another
//! (a bucket policy, a security group rule) to it.
//!
//! Reading ([`read`], [`Field`]):
//! - a field that is present and converts is **Explicit**, located at the field;
//! - a field that is absent (or null) is the provider's documented **Default**, located at
//!   the enclosing block (so a "setting missing" finding points at the resource), or
//!   **Unknown** there when the provider documents no default;
//! - a field that is present but does not convert (unevaluated, or of another type) is
//!   **Unknown** at the field: nothing is concluded from it.
//!
//! Booleans ([`as_bool`]) accept `true`/`false` and the strings `"true"`/`"false"` in any
//! case (CloudFormation takes `"True"`; no other spelling is read as a boolean).
//!
//! Locations of values are used only when they lie inside the resource being adapted
//! ([`pick_loc`]): a value read from a variable points at the variable, which is not where
//! a finding about this resource belongs.
//!
//! Joining ([`JoinIndex::resolve`]) follows one order for every front-end; see [`Join`].

mod join;

pub(crate) use join::{Join, JoinIndex, JoinTarget};

use crate::dynvalue::{Dyn, DynKind};
use cloudsentinel_model::{Location, Origin, Value};

thread_local! {
    /// The origin of every value adapted on this thread, while a live document is adapted
    /// ([`with_origin`]).
    static LIVE_ORIGIN: std::cell::RefCell<Option<Origin>> = const { std::cell::RefCell::new(None) };
}

/// A source origin; while [`with_origin`] runs on this thread, its origin instead.
pub(crate) fn src(loc: Location) -> Origin {
    LIVE_ORIGIN
        .with_borrow(Clone::clone)
        .unwrap_or(Origin::Source(loc))
}

/// True while a live document is adapted on this thread ([`with_origin`]): an adapter that
/// joins separate resources (a rotation schedule to its secret, a logging configuration to
/// its web ACL) sees only the one resource then, so a joined setting is Unknown, never its
/// template default.
pub(crate) fn is_live() -> bool {
    LIVE_ORIGIN.with_borrow(Option::is_some)
}

/// Runs `f` (adapters reading a document that is not a source file, such as a live
/// resource's properties) with every origin the toolkit gives set to `origin`.
pub(crate) fn with_origin<T>(origin: Origin, f: impl FnOnce() -> T) -> T {
    struct Reset(Option<Origin>);
    impl Drop for Reset {
        fn drop(&mut self) {
            let previous = self.0.take();
            LIVE_ORIGIN.with_borrow_mut(|o| *o = previous);
        }
    }
    let previous = LIVE_ORIGIN.with_borrow_mut(|o| o.replace(origin));
    let _reset = Reset(previous);
    f()
}

/// True when `inner` lies inside `outer` (same file).
pub(crate) fn within(inner: Location, outer: Location) -> bool {
    inner.file == outer.file && outer.range.contains_range(inner.range)
}

/// `candidate` when it lies in `scope`, else `fallback`.
pub(crate) fn pick_loc(
    candidate: Option<Location>,
    fallback: Location,
    scope: Location,
) -> Location {
    match candidate {
        Some(c) if within(c, scope) => c,
        _ => fallback,
    }
}

/// A value as a list of strings: a single string is a one-element list; an Unknown list
/// (or element) yields an Unknown element, so nothing is concluded from it. `loc` is the
/// attribute, `scope` the resource.
pub(crate) fn strings_of(value: &Dyn, loc: Location, scope: Location) -> Vec<Value<String>> {
    let one = |d: &Dyn| {
        let at = pick_loc(d.loc, loc, scope);
        match d.to_string_lossy() {
            Some(s) => Value::explicit(s, src(at)),
            None => Value::unknown(src(at)),
        }
    };
    match &value.kind {
        DynKind::List(items) => items.iter().filter(|d| !d.is_null()).map(one).collect(),
        DynKind::Null => Vec::new(),
        _ => vec![one(value)],
    }
}

/// A JSON document given as an object or as JSON text (Terraform's `jsonencode`, a heredoc,
/// a CloudFormation `Json` property written as a string); `None` when it is not known
/// entirely (unevaluated, partly Unknown, not JSON, not an object).
pub(crate) fn json_object(d: &Dyn) -> Option<std::borrow::Cow<'_, Dyn>> {
    let doc = match d.as_str() {
        Some(text) => std::borrow::Cow::Owned(Dyn::from_json(
            &serde_json::from_str::<serde_json::Value>(text).ok()?,
            None,
        )),
        None => std::borrow::Cow::Borrowed(d),
    };
    (doc.as_map().is_some() && !doc.contains_unknown()).then_some(doc)
}

/// A boolean: `true`/`false`, or the strings `"true"`/`"false"` in any case.
pub(crate) fn as_bool(d: &Dyn) -> Option<bool> {
    d.as_bool()
        .or_else(|| match d.as_str()?.to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        })
}

/// An attribute (property) that is present and not null, possibly Unknown.
#[derive(Clone, Copy)]
pub(crate) struct Field<'a> {
    pub value: &'a Dyn,
    /// Where findings about it point: the attribute, or the value's own location.
    pub loc: Location,
    /// The enclosing resource.
    pub scope: Location,
}

impl<'a> Field<'a> {
    /// A value inside an attribute (a list element) treated as a field of its own.
    pub fn new(value: &'a Dyn, loc: Location, scope: Location) -> Self {
        Field { value, loc, scope }
    }

    /// Where a value inside this attribute is written: its own location when it lies in
    /// the resource, else the attribute.
    pub fn loc_of(&self, d: &Dyn) -> Location {
        pick_loc(d.loc, self.loc, self.scope)
    }

    /// The attribute as an origin.
    pub fn origin(&self) -> Origin {
        src(self.loc)
    }

    /// The enclosing resource.
    pub fn scope(&self) -> Location {
        self.scope
    }

    /// The value as a list of strings: a single string is a one-element list; an Unknown
    /// list (or element) yields an Unknown element, so nothing is concluded from it.
    pub fn strings(&self) -> Vec<Value<String>> {
        strings_of(self.value, self.loc, self.scope)
    }
}

/// Nested blocks (or objects) of one name.
pub(crate) struct Children<N> {
    pub nodes: Vec<N>,
    /// Some may exist that could not be evaluated (or are not objects).
    pub incomplete: bool,
}

impl<N> Default for Children<N> {
    fn default() -> Self {
        Children {
            nodes: Vec::new(),
            incomplete: false,
        }
    }
}

/// Reads a field: Explicit when it converts, Unknown when present but not convertible,
/// the default (at `block`) when absent, Unknown at `block` when there is no default.
pub(crate) fn read<T>(
    field: Option<Field<'_>>,
    block: Location,
    default: Option<T>,
    conv: impl Fn(&Dyn) -> Option<T>,
) -> Value<T> {
    match field {
        None => match default {
            Some(v) => Value::default_at(v, src(block)),
            None => Value::unknown(src(block)),
        },
        Some(f) => match conv(f.value) {
            Some(v) => Value::explicit(v, f.origin()),
            None => Value::unknown(f.origin()),
        },
    }
}

/// Whether a list field is known to have elements: absent, null or empty is `false` (at
/// `block` when absent), a list of Unknown length is Unknown. Elements may be Unknown (an id
/// computed at apply): they still count.
pub(crate) fn non_empty_list(field: Option<Field<'_>>, block: Location) -> Value<bool> {
    match field {
        None => Value::default_at(false, src(block)),
        Some(f) => match f.value.as_list() {
            Some(items) => Value::explicit(!items.is_empty(), f.origin()),
            None if f.value.as_str().is_some() => Value::explicit(true, f.origin()),
            None => Value::unknown(f.origin()),
        },
    }
}

/// Whether a list-of-strings field holds one of `wanted` (ignoring ASCII case): absent or
/// null is `false` at `block`; a match is `true` at the element; a list with an Unknown
/// element (or of Unknown length) and no match is Unknown; otherwise `false` at the field.
pub(crate) fn list_contains(
    field: Option<Field<'_>>,
    block: Location,
    wanted: &[&str],
) -> Value<bool> {
    let Some(f) = field else {
        return Value::default_at(false, src(block));
    };
    if f.value.as_list().is_none() && f.value.as_str().is_none() {
        return Value::unknown(f.origin());
    }
    let items = f.strings();
    if let Some(hit) = items
        .iter()
        .find(|v| v.is(|s| wanted.iter().any(|w| s.eq_ignore_ascii_case(w))))
    {
        return Value::explicit(true, hit.meta.origin.clone());
    }
    if items.iter().any(Value::is_unknown) {
        return Value::unknown(f.origin());
    }
    Value::explicit(false, f.origin())
}

/// Whether a KMS key field names a customer managed key. Absent, null or empty is `false`
/// at `block` (the service then uses its AWS managed or AWS owned key), and so is an alias
/// of an AWS managed key (`alias/aws/…`); another known value is `true`; an Unknown value
/// that refers to one of `customer_keys` (the identities of the KMS keys and aliases the
/// configuration declares) is `true`; anything else is Unknown.
pub(crate) fn customer_managed_key(
    field: Option<Field<'_>>,
    block: Location,
    customer_keys: &std::collections::HashSet<String>,
) -> Value<bool> {
    let Some(f) = field else {
        return Value::default_at(false, src(block));
    };
    match f.value.to_string_lossy() {
        Some(k) => {
            let aws_managed = k.is_empty() || k.to_ascii_lowercase().contains("alias/aws/");
            Value::explicit(!aws_managed, f.origin())
        }
        None if f
            .value
            .source_ref
            .as_deref()
            .is_some_and(|r| customer_keys.contains(r)) =>
        {
            Value::explicit(true, f.origin())
        }
        None => Value::unknown(f.origin()),
    }
}

/// Typed readers over a field of a block: one set for every front-end's block or object.
pub(crate) trait Reader<'a> {
    /// A present, non-null field.
    fn field(&self, name: &str) -> Option<Field<'a>>;
    /// Where defaults and absent fields point: the enclosing block or object.
    fn block_loc(&self) -> Location;

    /// True when the field is written (even as Unknown), not absent or null.
    fn has(&self, name: &str) -> bool {
        self.field(name).is_some()
    }

    /// A boolean field; `default` when absent (Unknown when there is none).
    fn bool(&self, name: &str, default: Option<bool>) -> Value<bool> {
        read(self.field(name), self.block_loc(), default, as_bool)
    }

    /// A string field (numbers and booleans convert).
    fn string(&self, name: &str, default: Option<&str>) -> Value<String> {
        read(
            self.field(name),
            self.block_loc(),
            default.map(str::to_string),
            Dyn::to_string_lossy,
        )
    }

    /// A whole-number field.
    fn int(&self, name: &str, default: Option<i64>) -> Value<i64> {
        read(self.field(name), self.block_loc(), default, Dyn::as_i64)
    }

    /// The elements of a list-of-strings field; `None` when absent.
    fn strings(&self, name: &str) -> Option<Vec<Value<String>>> {
        self.field(name).map(|f| f.strings())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudsentinel_model::{FileId, Provenance, TextRange};

    fn loc(a: usize, b: usize) -> Location {
        Location::new(FileId(0), TextRange::new(a, b))
    }

    #[test]
    fn booleans_accept_strings_in_any_case_and_nothing_else() {
        assert_eq!(as_bool(&Dyn::bool(true)), Some(true));
        assert_eq!(as_bool(&Dyn::string("false")), Some(false));
        assert_eq!(as_bool(&Dyn::string("True")), Some(true));
        assert_eq!(as_bool(&Dyn::string("FALSE")), Some(false));
        for not_a_bool in [
            Dyn::string("yes"),
            Dyn::string("1"),
            Dyn::number(1.0),
            Dyn::unknown(),
            Dyn::null(),
        ] {
            assert_eq!(as_bool(&not_a_bool), None, "{not_a_bool:?}");
        }
    }

    #[test]
    fn read_gives_explicit_default_or_unknown() {
        let block = loc(0, 100);
        let on = Dyn::bool(true);
        let v = read(
            Some(Field::new(&on, loc(5, 9), block)),
            block,
            Some(false),
            as_bool,
        );
        assert!(v.is_true() && v.is_explicit());
        assert_eq!(v.meta.location(), Some(loc(5, 9)));

        let v = read(None, block, Some(false), as_bool);
        assert!(v.is_false() && v.is_default());
        assert_eq!(v.meta.location(), Some(block));

        let v: Value<bool> = read(None, block, None, as_bool);
        assert_eq!(v.meta.provenance, Provenance::Unknown);
        assert_eq!(v.meta.location(), Some(block));

        // Present but unevaluated, or of another type: Unknown at the field, never the
        // default.
        for present in [Dyn::unknown(), Dyn::string("maybe")] {
            let v = read(
                Some(Field::new(&present, loc(5, 9), block)),
                block,
                Some(false),
                as_bool,
            );
            assert!(v.is_unknown() && !v.is_false() && !v.is_true());
            assert_eq!(v.meta.location(), Some(loc(5, 9)));
        }
    }

    #[test]
    fn list_contains_matches_defaults_and_unknowns() {
        let block = loc(0, 100);
        let at = loc(5, 9);
        let v = list_contains(None, block, &["audit"]);
        assert!(v.is_false() && v.is_default());
        let exports = Dyn::list(vec![Dyn::string("slowquery"), Dyn::string("Audit")]);
        assert!(list_contains(Some(Field::new(&exports, at, block)), block, &["audit"]).is_true());
        let other = Dyn::list(vec![Dyn::string("slowquery")]);
        let v = list_contains(Some(Field::new(&other, at, block)), block, &["audit"]);
        assert!(v.is_false() && v.is_explicit());
        let partly = Dyn::list(vec![Dyn::string("slowquery"), Dyn::unknown()]);
        assert!(
            list_contains(Some(Field::new(&partly, at, block)), block, &["audit"]).is_unknown()
        );
        assert!(
            list_contains(
                Some(Field::new(&Dyn::unknown(), at, block)),
                block,
                &["audit"]
            )
            .is_unknown()
        );
    }

    #[test]
    fn customer_managed_keys_are_told_from_aws_managed_ones() {
        let block = loc(0, 100);
        let at = loc(5, 9);
        let keys: std::collections::HashSet<String> = ["aws_kms_key.k".to_string()].into();
        let v = customer_managed_key(None, block, &keys);
        assert!(v.is_false() && v.is_default());
        for (value, expected) in [
            (Dyn::string("alias/aws/rds"), Some(false)),
            (Dyn::string(""), Some(false)),
            (Dyn::string("alias/orders"), Some(true)),
            (Dyn::unknown().with_source_ref("aws_kms_key.k"), Some(true)),
            (
                Dyn::unknown().with_source_ref("data.aws_kms_alias.rds"),
                None,
            ),
            (Dyn::unknown(), None),
        ] {
            let v = customer_managed_key(Some(Field::new(&value, at, block)), block, &keys);
            assert_eq!(v.known().copied(), expected, "{value:?}");
        }
    }

    #[test]
    fn json_objects_are_read_only_when_known_entirely() {
        let text = Dyn::string(r#"{"EncryptionConfiguration": {"EnableAtRestEncryption": true}}"#);
        let doc = json_object(&text).expect("JSON text");
        assert_eq!(
            doc.get("EncryptionConfiguration")
                .and_then(|e| e.get("EnableAtRestEncryption"))
                .and_then(Dyn::as_bool),
            Some(true)
        );
        let mut inner = indexmap::IndexMap::new();
        inner.insert("EnableAtRestEncryption".to_string(), Dyn::bool(false));
        assert!(json_object(&Dyn::map(inner.clone())).is_some());
        inner.insert("EnableInTransitEncryption".to_string(), Dyn::unknown());
        for not_known in [
            Dyn::map(inner),
            Dyn::unknown(),
            Dyn::string("{not json"),
            Dyn::string("[1, 2]"),
        ] {
            assert!(json_object(&not_known).is_none(), "{not_known:?}");
        }
    }

    #[test]
    fn value_locations_outside_the_scope_fall_back() {
        let scope = loc(0, 100);
        let outside = Location::new(FileId(1), TextRange::new(1, 2));
        assert_eq!(pick_loc(Some(loc(10, 20)), loc(5, 9), scope), loc(10, 20));
        assert_eq!(pick_loc(Some(outside), loc(5, 9), scope), loc(5, 9));
        assert_eq!(pick_loc(None, loc(5, 9), scope), loc(5, 9));
    }
}
