//! Type conversions (`tostring`, `tonumber`, `tobool`, `tolist`, `toset`, `tomap`) and the
//! sensitivity markers, which pass values through (with their location and source).

use super::{FnResult, arity, make_set, parse_number, unify_primitives, unknown_from, with_kind};
use crate::dynvalue::{Dyn, DynKind, format_number};
use std::sync::Arc;

fn kind_name(v: &Dyn) -> &'static str {
    match v.kind {
        DynKind::Null => "null",
        DynKind::Bool(_) => "a bool",
        DynKind::Number(_) => "a number",
        DynKind::String(_) => "a string",
        DynKind::List(_) => "a list",
        DynKind::Map(_) => "an object",
        DynKind::Unknown => "an unknown value",
    }
}

pub(super) fn tostring(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let v = &a[0];
    match &v.kind {
        DynKind::Unknown | DynKind::Null | DynKind::String(_) => Ok(v.clone()),
        DynKind::Number(n) => Ok(with_kind(v, DynKind::String(format_number(*n).into()))),
        DynKind::Bool(b) => Ok(with_kind(v, DynKind::String(b.to_string().into()))),
        _ => Err(format!("cannot convert {} to a string", kind_name(v))),
    }
}

pub(super) fn tonumber(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let v = &a[0];
    match &v.kind {
        DynKind::Unknown | DynKind::Null | DynKind::Number(_) => Ok(v.clone()),
        DynKind::String(s) => match parse_number(s) {
            Some(n) => Ok(with_kind(v, DynKind::Number(n))),
            None => Err(format!("cannot convert \"{s}\" to a number")),
        },
        _ => Err(format!("cannot convert {} to a number", kind_name(v))),
    }
}

pub(super) fn tobool(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let v = &a[0];
    match &v.kind {
        DynKind::Unknown | DynKind::Null | DynKind::Bool(_) => Ok(v.clone()),
        DynKind::String(s) if &**s == "true" => Ok(with_kind(v, DynKind::Bool(true))),
        DynKind::String(s) if &**s == "false" => Ok(with_kind(v, DynKind::Bool(false))),
        DynKind::String(s) => Err(format!("cannot convert \"{s}\" to a bool")),
        _ => Err(format!("cannot convert {} to a bool", kind_name(v))),
    }
}

pub(super) fn tolist(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let v = &a[0];
    match &v.kind {
        DynKind::Unknown | DynKind::Null => Ok(v.clone()),
        DynKind::List(l) => Ok(with_kind(v, DynKind::List(Arc::new(unify_primitives(l))))),
        _ => Err(format!("cannot convert {} to a list", kind_name(v))),
    }
}

pub(super) fn toset(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let v = &a[0];
    match &v.kind {
        DynKind::Unknown | DynKind::Null => Ok(v.clone()),
        DynKind::List(l) => match make_set(unify_primitives(l)) {
            Some(items) => Ok(with_kind(v, DynKind::List(Arc::new(items)))),
            None => Ok(unknown_from(v)),
        },
        _ => Err(format!("cannot convert {} to a set", kind_name(v))),
    }
}

pub(super) fn tomap(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let v = &a[0];
    match &v.kind {
        DynKind::Unknown | DynKind::Null => Ok(v.clone()),
        DynKind::Map(m) => {
            let keys: Vec<String> = m.keys().cloned().collect();
            let vals: Vec<Dyn> = m.values().cloned().collect();
            let unified = unify_primitives(&vals);
            Ok(with_kind(
                v,
                DynKind::Map(Arc::new(keys.into_iter().zip(unified).collect())),
            ))
        }
        _ => Err(format!("cannot convert {} to a map", kind_name(v))),
    }
}

/// `sensitive`, `nonsensitive`, `ephemeralasnull`: sensitivity is not tracked, so the value
/// passes through unchanged.
pub(super) fn passthrough(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    Ok(a[0].clone())
}

/// `issensitive`: sensitivity is not tracked, so the answer is unknown.
pub(super) fn issensitive(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    Ok(Dyn::unknown())
}
