//! [`Dyn`]: an evaluated, dynamically typed value with the location that produced it.
//!
//! Every front-end evaluates its source into `Dyn` trees; adapters then read them into the
//! typed model. `Unknown` is contagious: any operation on it yields `Unknown`.

use cloudsentinel_model::Location;
use indexmap::IndexMap;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
pub enum DynKind {
    Null,
    Bool(bool),
    Number(f64),
    String(Arc<str>),
    /// Lists, tuples and sets.
    List(Arc<Vec<Dyn>>),
    /// Objects and maps, in source order.
    Map(Arc<IndexMap<String, Dyn>>),
    /// Could not be evaluated.
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dyn {
    pub kind: DynKind,
    /// The expression that produced the value (for nested values, their own constructor).
    pub loc: Option<Location>,
    /// The resource instance this value was read from (`module.a.aws_s3_bucket.b[0]`), so
    /// adapters can join split resources to their parent.
    pub source_ref: Option<Arc<str>>,
    /// For a string made by `jsonencode`/`yamlencode` (known or not): the structured value
    /// it encodes, with its own locations, so a policy document built with `jsonencode` keeps
    /// statement-level locations and its known parts even when one field is unknown.
    pub encoded: Option<Arc<Dyn>>,
}

impl Dyn {
    pub fn new(kind: DynKind) -> Self {
        Dyn {
            kind,
            loc: None,
            source_ref: None,
            encoded: None,
        }
    }
    pub fn null() -> Self {
        Dyn::new(DynKind::Null)
    }
    pub fn unknown() -> Self {
        Dyn::new(DynKind::Unknown)
    }
    pub fn bool(b: bool) -> Self {
        Dyn::new(DynKind::Bool(b))
    }
    pub fn number(n: f64) -> Self {
        Dyn::new(DynKind::Number(n))
    }
    pub fn string(s: impl Into<Arc<str>>) -> Self {
        Dyn::new(DynKind::String(s.into()))
    }
    pub fn list(items: Vec<Dyn>) -> Self {
        Dyn::new(DynKind::List(Arc::new(items)))
    }
    pub fn map(entries: IndexMap<String, Dyn>) -> Self {
        Dyn::new(DynKind::Map(Arc::new(entries)))
    }
    #[must_use]
    pub fn with_loc(mut self, loc: Location) -> Self {
        self.loc = Some(loc);
        self
    }
    /// Sets the location only when the value has none yet.
    #[must_use]
    pub fn or_loc(mut self, loc: Option<Location>) -> Self {
        if self.loc.is_none() {
            self.loc = loc;
        }
        self
    }
    #[must_use]
    pub fn with_source_ref(mut self, r: impl Into<Arc<str>>) -> Self {
        self.source_ref = Some(r.into());
        self
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self.kind, DynKind::Unknown)
    }
    pub fn is_null(&self) -> bool {
        matches!(self.kind, DynKind::Null)
    }
    /// True when this value or anything inside it is Unknown.
    pub fn contains_unknown(&self) -> bool {
        match &self.kind {
            DynKind::Unknown => true,
            DynKind::List(l) => l.iter().any(Dyn::contains_unknown),
            DynKind::Map(m) => m.values().any(Dyn::contains_unknown),
            _ => false,
        }
    }
    pub fn as_bool(&self) -> Option<bool> {
        match &self.kind {
            DynKind::Bool(b) => Some(*b),
            DynKind::String(s) => match &**s {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match &self.kind {
            DynKind::Number(n) => Some(*n),
            DynKind::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
    pub fn as_i64(&self) -> Option<i64> {
        self.as_f64()
            .filter(|n| n.fract() == 0.0 && n.is_finite())
            .map(|n| n as i64)
    }
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            DynKind::String(s) => Some(s),
            _ => None,
        }
    }
    /// Strings, numbers and bools as a string (Terraform's automatic conversion).
    pub fn to_string_lossy(&self) -> Option<String> {
        match &self.kind {
            DynKind::String(s) => Some(s.to_string()),
            DynKind::Number(n) => Some(format_number(*n)),
            DynKind::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
    pub fn as_list(&self) -> Option<&[Dyn]> {
        match &self.kind {
            DynKind::List(l) => Some(l),
            _ => None,
        }
    }
    pub fn as_map(&self) -> Option<&IndexMap<String, Dyn>> {
        match &self.kind {
            DynKind::Map(m) => Some(m),
            _ => None,
        }
    }
    /// Field of a map (`None` for a missing key or a non-map).
    pub fn get(&self, key: &str) -> Option<&Dyn> {
        self.as_map().and_then(|m| m.get(key))
    }

    /// Converts to JSON; `None` if anything inside is Unknown.
    pub fn to_json(&self) -> Option<serde_json::Value> {
        Some(match &self.kind {
            DynKind::Null => serde_json::Value::Null,
            DynKind::Bool(b) => serde_json::Value::Bool(*b),
            DynKind::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 9.0e15 {
                    serde_json::Value::from(*n as i64)
                } else {
                    serde_json::Number::from_f64(*n)?.into()
                }
            }
            DynKind::String(s) => serde_json::Value::String(s.to_string()),
            DynKind::List(l) => {
                serde_json::Value::Array(l.iter().map(Dyn::to_json).collect::<Option<_>>()?)
            }
            DynKind::Map(m) => serde_json::Value::Object(
                m.iter()
                    .map(|(k, v)| Some((k.clone(), v.to_json()?)))
                    .collect::<Option<_>>()?,
            ),
            DynKind::Unknown => return None,
        })
    }

    /// Converts from JSON, giving every node `loc`.
    pub fn from_json(v: &serde_json::Value, loc: Option<Location>) -> Dyn {
        let kind = match v {
            serde_json::Value::Null => DynKind::Null,
            serde_json::Value::Bool(b) => DynKind::Bool(*b),
            serde_json::Value::Number(n) => DynKind::Number(n.as_f64().unwrap_or(0.0)),
            serde_json::Value::String(s) => DynKind::String(s.as_str().into()),
            serde_json::Value::Array(a) => {
                DynKind::List(Arc::new(a.iter().map(|x| Dyn::from_json(x, loc)).collect()))
            }
            serde_json::Value::Object(o) => DynKind::Map(Arc::new(
                o.iter()
                    .map(|(k, x)| (k.clone(), Dyn::from_json(x, loc)))
                    .collect(),
            )),
        };
        Dyn {
            kind,
            loc,
            source_ref: None,
            encoded: None,
        }
    }
}

/// Formats a number as Terraform does: integers without a fraction.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e17 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_anywhere_blocks_json() {
        let mut m = IndexMap::new();
        m.insert(
            "a".to_string(),
            Dyn::list(vec![Dyn::number(1.0), Dyn::unknown()]),
        );
        let v = Dyn::map(m);
        assert!(v.contains_unknown());
        assert!(v.to_json().is_none());
    }

    #[test]
    fn json_round_trip_keeps_integers() {
        let j: serde_json::Value = serde_json::json!({"a": [1, 2.5, "x", true, null]});
        let d = Dyn::from_json(&j, None);
        assert_eq!(d.to_json().unwrap(), j);
        assert_eq!(format_number(3.0), "3");
    }
}
