//! Variable type constraints (`string`, `list(object({…}))`, `optional(T, default)`) and
//! Terraform's conversions to them. A value that cannot be converted (Terraform would
//! reject it) becomes Unknown rather than a guess.

use crate::dynvalue::{Dyn, DynKind, format_number};
use crate::terraform::syntax::{Expr, ExprKind, ObjKey};
use indexmap::IndexMap;
use std::sync::Arc;

/// Deepest type expression accepted (types are written by hand; this only guards recursion).
const MAX_TYPE_DEPTH: usize = 32;

#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    Any,
    String,
    Number,
    Bool,
    List(Box<Ty>),
    Set(Box<Ty>),
    Map(Box<Ty>),
    Tuple(Vec<Ty>),
    Object(Vec<ObjAttr>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ObjAttr {
    pub name: String,
    pub ty: Ty,
    pub optional: bool,
    /// `optional(T, default)`: applied when the attribute is absent or null.
    pub default: Option<Dyn>,
}

impl Ty {
    /// Primitive types take `--var`/`TF_VAR_` values literally; others parse them as HCL.
    pub fn is_primitive(&self) -> bool {
        matches!(self, Ty::String | Ty::Number | Ty::Bool)
    }
}

/// Reads a type expression; `default_of` evaluates `optional` defaults. `None` when the
/// expression is not a valid type (the variable is then treated as `any`).
pub fn parse_type(e: &Expr, default_of: &mut dyn FnMut(&Expr) -> Dyn) -> Option<Ty> {
    parse(e, default_of, 0)
}

fn parse(e: &Expr, default_of: &mut dyn FnMut(&Expr) -> Dyn, depth: usize) -> Option<Ty> {
    if depth > MAX_TYPE_DEPTH {
        return None;
    }
    match &e.kind {
        ExprKind::Var(name) | ExprKind::Str(name) => Some(match &**name {
            "any" => Ty::Any,
            "string" => Ty::String,
            "number" => Ty::Number,
            "bool" => Ty::Bool,
            "list" => Ty::List(Box::new(Ty::Any)),
            "map" => Ty::Map(Box::new(Ty::Any)),
            _ => return None,
        }),
        ExprKind::Call { name, args, .. } => {
            let one = |default_of: &mut dyn FnMut(&Expr) -> Dyn| -> Option<Box<Ty>> {
                Some(Box::new(parse(args.first()?, default_of, depth + 1)?))
            };
            match &**name {
                "list" => Some(Ty::List(one(default_of)?)),
                "set" => Some(Ty::Set(one(default_of)?)),
                "map" => Some(Ty::Map(one(default_of)?)),
                "tuple" => match &args.first()?.kind {
                    ExprKind::Tuple(items) => Some(Ty::Tuple(
                        items
                            .iter()
                            .map(|i| parse(i, default_of, depth + 1))
                            .collect::<Option<_>>()?,
                    )),
                    _ => None,
                },
                "object" => match &args.first()?.kind {
                    ExprKind::Object(entries) => {
                        let mut attrs = Vec::new();
                        for (k, v) in entries {
                            let name = match k {
                                ObjKey::Name(n) => n.to_string(),
                                ObjKey::Expr(Expr {
                                    kind: ExprKind::Str(s),
                                    ..
                                }) => s.to_string(),
                                ObjKey::Expr(_) => return None,
                            };
                            attrs.push(object_attr(name, v, default_of, depth)?);
                        }
                        Some(Ty::Object(attrs))
                    }
                    _ => None,
                },
                _ => None,
            }
        }
        _ => None,
    }
}

fn object_attr(
    name: String,
    v: &Expr,
    default_of: &mut dyn FnMut(&Expr) -> Dyn,
    depth: usize,
) -> Option<ObjAttr> {
    if let ExprKind::Call { name: f, args, .. } = &v.kind
        && &**f == "optional"
    {
        let ty = parse(args.first()?, default_of, depth + 1)?;
        let default = args.get(1).map(|d| convert(&default_of(d), &ty));
        return Some(ObjAttr {
            name,
            ty,
            optional: true,
            default,
        });
    }
    Some(ObjAttr {
        name,
        ty: parse(v, default_of, depth + 1)?,
        optional: false,
        default: None,
    })
}

/// Converts `v` to `ty` as Terraform does for variable values, filling `optional`
/// defaults. Unconvertible values become Unknown (keeping location and source).
pub fn convert(v: &Dyn, ty: &Ty) -> Dyn {
    let mut budget = super::MAX_WALK_NODES;
    convert_at(v, ty, 0, &mut budget)
}

fn unknown_like(v: &Dyn) -> Dyn {
    Dyn {
        kind: DynKind::Unknown,
        loc: v.loc,
        source_ref: v.source_ref.clone(),
        encoded: None,
    }
}

fn with_kind(v: &Dyn, kind: DynKind) -> Dyn {
    Dyn {
        kind,
        loc: v.loc,
        source_ref: v.source_ref.clone(),
        encoded: None,
    }
}

fn convert_at(v: &Dyn, ty: &Ty, depth: usize, budget: &mut usize) -> Dyn {
    if depth > MAX_TYPE_DEPTH {
        return unknown_like(v);
    }
    let Some(left) = budget.checked_sub(1) else {
        return unknown_like(v);
    };
    *budget = left;
    if matches!(v.kind, DynKind::Unknown | DynKind::Null) || *ty == Ty::Any {
        return v.clone();
    }
    match ty {
        Ty::Any => v.clone(),
        Ty::String => match &v.kind {
            DynKind::String(_) => v.clone(),
            DynKind::Number(n) => with_kind(v, DynKind::String(format_number(*n).into())),
            DynKind::Bool(b) => with_kind(v, DynKind::String(b.to_string().into())),
            _ => unknown_like(v),
        },
        Ty::Number => match &v.kind {
            DynKind::Number(_) => v.clone(),
            DynKind::String(s) => match s.trim().parse::<f64>() {
                Ok(n) if n.is_finite() => with_kind(v, DynKind::Number(n)),
                _ => unknown_like(v),
            },
            _ => unknown_like(v),
        },
        Ty::Bool => match &v.kind {
            DynKind::Bool(_) => v.clone(),
            DynKind::String(s) if &**s == "true" => with_kind(v, DynKind::Bool(true)),
            DynKind::String(s) if &**s == "false" => with_kind(v, DynKind::Bool(false)),
            _ => unknown_like(v),
        },
        Ty::List(el) | Ty::Set(el) => {
            let Some(items) = v.as_list() else {
                return unknown_like(v);
            };
            let mut out: Vec<Dyn> = items
                .iter()
                .map(|i| convert_at(i, el, depth + 1, budget))
                .collect();
            if matches!(ty, Ty::Set(_)) {
                normalize_set(&mut out);
            }
            with_kind(v, DynKind::List(Arc::new(out)))
        }
        Ty::Map(el) => {
            let Some(m) = v.as_map() else {
                return unknown_like(v);
            };
            let out: IndexMap<String, Dyn> = m
                .iter()
                .map(|(k, x)| (k.clone(), convert_at(x, el, depth + 1, budget)))
                .collect();
            with_kind(v, DynKind::Map(Arc::new(out)))
        }
        Ty::Tuple(tys) => {
            let Some(items) = v.as_list() else {
                return unknown_like(v);
            };
            if items.len() != tys.len() {
                return unknown_like(v);
            }
            let out = items
                .iter()
                .zip(tys)
                .map(|(i, t)| convert_at(i, t, depth + 1, budget))
                .collect();
            with_kind(v, DynKind::List(Arc::new(out)))
        }
        Ty::Object(attrs) => {
            let Some(m) = v.as_map() else {
                return unknown_like(v);
            };
            let mut out = IndexMap::with_capacity(attrs.len());
            for a in attrs {
                let value = match m.get(&a.name) {
                    Some(x) if !x.is_null() => convert_at(x, &a.ty, depth + 1, budget),
                    present => {
                        if let Some(d) = &a.default {
                            d.clone()
                        } else if a.optional || present.is_some() {
                            Dyn::null()
                        } else {
                            // A required attribute is missing: Terraform rejects the value.
                            Dyn::unknown()
                        }
                    }
                };
                out.insert(a.name.clone(), value);
            }
            with_kind(v, DynKind::Map(Arc::new(out)))
        }
    }
}

/// Sets of strings are sorted and deduplicated, as Terraform orders them.
fn normalize_set(items: &mut Vec<Dyn>) {
    // Terraform orders string sets lexically and number sets numerically.
    if items.iter().all(|i| matches!(i.kind, DynKind::String(_))) {
        items.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    } else if items.iter().all(|i| matches!(i.kind, DynKind::Number(_))) {
        items.sort_by(|a, b| {
            a.as_f64()
                .partial_cmp(&b.as_f64())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    // Equal known elements collapse; elements containing Unknown may differ, so all stay.
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    items.retain(|i| match set_key(i, 0) {
        Some(k) => seen.insert(k),
        None => true,
    });
}

/// A canonical text for a fully known value (locations ignored); `None` if any part is
/// unknown or the value is too deep to be worth comparing.
fn set_key(v: &Dyn, depth: usize) -> Option<String> {
    if depth > MAX_TYPE_DEPTH {
        return None;
    }
    Some(match &v.kind {
        DynKind::Unknown => return None,
        DynKind::Null => "n".to_string(),
        DynKind::Bool(b) => format!("b{b}"),
        DynKind::Number(n) => format!("#{}", format_number(*n)),
        DynKind::String(s) => format!("s{}:{s}", s.len()),
        DynKind::List(l) => {
            let mut out = String::from("[");
            for x in l.iter() {
                out.push_str(&set_key(x, depth + 1)?);
                out.push(',');
            }
            out.push(']');
            out
        }
        DynKind::Map(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let mut out = String::from("{");
            for k in keys {
                out.push_str(&format!("{}:{k}=", k.len()));
                out.push_str(&set_key(&m[k], depth + 1)?);
                out.push(',');
            }
            out.push('}');
            out
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terraform::syntax::parse_expr_text;

    fn ty(s: &str) -> Ty {
        let e = parse_expr_text(s, None, 0).unwrap();
        parse_type(&e, &mut |d| match &d.kind {
            ExprKind::Number(n) => Dyn::number(*n),
            ExprKind::Str(s) => Dyn::string(s.clone()),
            ExprKind::Bool(b) => Dyn::bool(*b),
            _ => Dyn::unknown(),
        })
        .unwrap()
    }

    #[test]
    fn primitives_convert_like_terraform() {
        assert_eq!(
            convert(&Dyn::string("5"), &ty("number")).kind,
            DynKind::Number(5.0)
        );
        assert_eq!(
            convert(&Dyn::number(5.0), &ty("string")).as_str(),
            Some("5")
        );
        assert_eq!(
            convert(&Dyn::string("true"), &ty("bool")).kind,
            DynKind::Bool(true)
        );
        assert!(convert(&Dyn::string("x"), &ty("number")).is_unknown());
        assert!(convert(&Dyn::string("yes"), &ty("bool")).is_unknown());
    }

    #[test]
    fn optional_attributes_get_defaults_and_extra_ones_are_dropped() {
        let t = ty(
            "map(object({ name = string, enabled = optional(bool, true), size = optional(number) }))",
        );
        let mut inner = IndexMap::new();
        inner.insert("name".to_string(), Dyn::string("a"));
        inner.insert("extra".to_string(), Dyn::number(1.0));
        let mut outer = IndexMap::new();
        outer.insert("k".to_string(), Dyn::map(inner));
        let v = convert(&Dyn::map(outer), &t);
        let k = v.get("k").unwrap();
        assert_eq!(k.get("enabled").unwrap().kind, DynKind::Bool(true));
        assert!(k.get("size").unwrap().is_null());
        assert!(k.get("extra").is_none());
        assert_eq!(k.get("name").unwrap().as_str(), Some("a"));
    }

    #[test]
    fn missing_required_attribute_is_unknown_and_sets_are_sorted() {
        let t = ty("object({ name = string })");
        let v = convert(&Dyn::map(IndexMap::new()), &t);
        assert!(v.get("name").unwrap().is_unknown());
        let s = convert(
            &Dyn::list(vec![Dyn::string("b"), Dyn::string("a"), Dyn::string("b")]),
            &ty("set(string)"),
        );
        let items: Vec<_> = s
            .as_list()
            .unwrap()
            .iter()
            .map(|d| d.as_str().unwrap())
            .collect();
        assert_eq!(items, ["a", "b"]);
    }
}

#[cfg(test)]
mod set_tests {
    use super::*;

    #[test]
    fn sets_dedup_known_values_keep_unknowns_and_scale() {
        let mut v = vec![
            Dyn::number(3.0),
            Dyn::number(1.0),
            Dyn::number(3.0),
            Dyn::number(10.0),
        ];
        normalize_set(&mut v);
        let nums: Vec<f64> = v.iter().filter_map(crate::dynvalue::Dyn::as_f64).collect();
        assert_eq!(nums, [1.0, 3.0, 10.0]);

        let mut v = vec![Dyn::unknown(), Dyn::unknown(), Dyn::string("a")];
        normalize_set(&mut v);
        assert_eq!(v.len(), 3, "two unknowns may be different values");

        let obj = |x: &str| {
            let mut m = IndexMap::new();
            m.insert("k".to_string(), Dyn::string(x));
            Dyn::map(m)
        };
        let mut v = vec![obj("a"), obj("b"), obj("a")];
        normalize_set(&mut v);
        assert_eq!(v.len(), 2);

        let mut big: Vec<Dyn> = (0..200_000)
            .map(|i| Dyn::number(f64::from(i % 1000)))
            .collect();
        normalize_set(&mut big);
        assert_eq!(big.len(), 1000);
    }
}
