//! [`Value<T>`]: a model value with its [`Meta`].
//!
//! The predicates here are the only way checks look at values, and every one of them is
//! false for an Unknown value: a check never fires on a guess.

use crate::meta::{Meta, Origin, Provenance};

#[derive(Debug, Clone, PartialEq)]
pub struct Value<T> {
    inner: Option<T>,
    pub meta: Meta,
}

impl<T> Value<T> {
    /// A value the user wrote (or that evaluated from what they wrote).
    pub fn explicit(value: T, origin: Origin) -> Self {
        Value {
            inner: Some(value),
            meta: Meta::explicit(origin),
        }
    }
    /// A documented default; `origin` is the enclosing resource.
    pub fn default_at(value: T, origin: Origin) -> Self {
        Value {
            inner: Some(value),
            meta: Meta::default_at(origin),
        }
    }
    /// A value that could not be evaluated.
    pub fn unknown(origin: Origin) -> Self {
        Value {
            inner: None,
            meta: Meta::unknown(origin),
        }
    }
    pub fn new(inner: Option<T>, meta: Meta) -> Self {
        let meta = if inner.is_none() {
            Meta::unknown(meta.origin)
        } else {
            meta
        };
        Value { inner, meta }
    }

    /// The value, if it is known.
    pub fn known(&self) -> Option<&T> {
        self.inner.as_ref()
    }
    pub fn is_unknown(&self) -> bool {
        self.inner.is_none()
    }
    pub fn is_explicit(&self) -> bool {
        self.meta.provenance == Provenance::Explicit
    }
    pub fn is_default(&self) -> bool {
        self.meta.provenance == Provenance::Default
    }
    /// True when known and `pred` holds.
    pub fn is(&self, pred: impl FnOnce(&T) -> bool) -> bool {
        self.inner.as_ref().is_some_and(pred)
    }
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Value<U> {
        Value {
            inner: self.inner.map(f),
            meta: self.meta,
        }
    }
}

impl Value<bool> {
    pub fn is_true(&self) -> bool {
        self.inner == Some(true)
    }
    pub fn is_false(&self) -> bool {
        self.inner == Some(false)
    }
}

impl Value<String> {
    /// Known and equal to `s`, ignoring ASCII case.
    pub fn eq_ignore_case(&self, s: &str) -> bool {
        self.is(|v| v.eq_ignore_ascii_case(s))
    }
    /// Known and equal (ignoring ASCII case) to one of `options`.
    pub fn is_one_of(&self, options: &[&str]) -> bool {
        self.is(|v| options.iter().any(|o| v.eq_ignore_ascii_case(o)))
    }
    /// Known and empty.
    pub fn is_empty_str(&self) -> bool {
        self.is(std::string::String::is_empty)
    }
    /// Known and non-empty.
    pub fn is_non_empty(&self) -> bool {
        self.is(|v| !v.is_empty())
    }
    pub fn as_str(&self) -> Option<&str> {
        self.inner.as_deref()
    }
}

impl Value<i64> {
    pub fn lt(&self, n: i64) -> bool {
        self.is(|v| *v < n)
    }
    pub fn gt(&self, n: i64) -> bool {
        self.is(|v| *v > n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_satisfies_nothing() {
        let b: Value<bool> = Value::unknown(Origin::None);
        assert!(!b.is_true() && !b.is_false());
        let s: Value<String> = Value::unknown(Origin::None);
        assert!(!s.eq_ignore_case("") && !s.is_one_of(&["x"]) && !s.is_empty_str());
        assert!(!s.is_non_empty());
        let n: Value<i64> = Value::unknown(Origin::None);
        assert!(!n.lt(i64::MAX) && !n.gt(i64::MIN));
    }

    #[test]
    fn new_with_none_is_unknown() {
        let v: Value<bool> = Value::new(None, Meta::explicit(Origin::None));
        assert_eq!(v.meta.provenance, Provenance::Unknown);
    }

    #[test]
    fn known_values_compare() {
        let s = Value::explicit("Public-Read".to_string(), Origin::None);
        assert!(s.is_one_of(&["public-read"]));
        assert!(Value::default_at(true, Origin::None).is_true());
        assert!(Value::explicit(3i64, Origin::None).lt(7));
    }
}
