//! Collection functions: lists, maps and sets.
//!
//! Elements a function returns unchanged are read out of their collection with [`child`],
//! so they keep their location and, when the collection was read from a resource, name it.

use super::{
    FnResult, MAX_COLLECTION_LEN, MAX_NESTING, MAX_WALK_NODES, any_unknown, arity, boolean,
    char_len, check_len, child, equal, integer, known, list, make_set, map, number, string,
    unify_primitives, unknown_from, value_key, with_kind,
};
use crate::dynvalue::{Dyn, DynKind};
use indexmap::IndexMap;
use std::collections::HashSet;

fn arg_name(i: usize) -> String {
    format!("argument {}", i + 1)
}

// ---- bools -----------------------------------------------------------------------------------

fn bools(a: &[Dyn], all: bool) -> FnResult {
    arity(a, 1, Some(1))?;
    let items = known!(list(&a[0], "the list"));
    let mut unknown = false;
    for (i, v) in items.iter().enumerate() {
        if v.is_null() {
            // A null element is not true.
            if all {
                return Ok(Dyn::bool(false));
            }
            continue;
        }
        match boolean(v, &format!("element {i}"))? {
            None => unknown = true,
            Some(b) if b != all => return Ok(Dyn::bool(b)),
            Some(_) => {}
        }
    }
    Ok(if unknown {
        Dyn::unknown()
    } else {
        Dyn::bool(all)
    })
}

pub(super) fn alltrue(a: &[Dyn]) -> FnResult {
    bools(a, true)
}

pub(super) fn anytrue(a: &[Dyn]) -> FnResult {
    bools(a, false)
}

// ---- lists -----------------------------------------------------------------------------------

pub(super) fn chunklist(a: &[Dyn]) -> FnResult {
    arity(a, 2, Some(2))?;
    let items = known!(list(&a[0], "the list"));
    let size = known!(integer(&a[1], "the chunk size"));
    if size < 0 {
        return Err("the chunk size must not be negative".to_string());
    }
    let parts: Vec<Dyn> = items.iter().map(|x| child(&a[0], x)).collect();
    if size == 0 {
        return Ok(Dyn::list(vec![Dyn::list(parts)]));
    }
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    check_len(parts.len().div_ceil(size), "the list of chunks")?;
    Ok(Dyn::list(
        parts.chunks(size).map(|c| Dyn::list(c.to_vec())).collect(),
    ))
}

pub(super) fn coalesce(a: &[Dyn]) -> FnResult {
    arity(a, 1, None)?;
    // Mixed primitive types unify to string (so "" is skipped after conversion too).
    let unified = unify_primitives(a);
    for v in &unified {
        match &v.kind {
            DynKind::Unknown => return Ok(Dyn::unknown()),
            DynKind::Null => {}
            DynKind::String(s) if s.is_empty() => {}
            _ => return Ok(v.clone()),
        }
    }
    Err("no non-null, non-empty-string arguments".to_string())
}

pub(super) fn coalescelist(a: &[Dyn]) -> FnResult {
    arity(a, 1, None)?;
    for (i, v) in a.iter().enumerate() {
        if v.kind == DynKind::Null {
        } else {
            let items = known!(list(v, &arg_name(i)));
            if !items.is_empty() {
                return Ok(v.clone());
            }
        }
    }
    Err("no non-null, non-empty list arguments".to_string())
}

pub(super) fn compact(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let items = known!(list(&a[0], "the list"));
    if items.iter().any(Dyn::is_unknown) {
        return Ok(Dyn::unknown());
    }
    let mut out = Vec::with_capacity(items.len());
    for (i, v) in items.iter().enumerate() {
        match &v.kind {
            DynKind::Null => {}
            DynKind::String(s) if s.is_empty() => {}
            DynKind::String(_) => out.push(child(&a[0], v)),
            _ => {
                let s = string(v, &format!("element {i}"))?.unwrap_or_default();
                out.push(with_kind(&child(&a[0], v), DynKind::String(s.into())));
            }
        }
    }
    Ok(Dyn::list(out))
}

pub(super) fn concat(a: &[Dyn]) -> FnResult {
    arity(a, 1, None)?;
    let mut lists = Vec::with_capacity(a.len());
    for (i, v) in a.iter().enumerate() {
        lists.push((v, known!(list(v, &arg_name(i)))));
    }
    check_len(
        lists.iter().map(|(_, l)| l.len()).sum(),
        "the concatenated list",
    )?;
    Ok(Dyn::list(
        lists
            .into_iter()
            .flat_map(|(parent, l)| l.iter().map(move |x| child(parent, x)))
            .collect(),
    ))
}

pub(super) fn contains(a: &[Dyn]) -> FnResult {
    arity(a, 2, Some(2))?;
    let items = known!(list(&a[0], "the list"));
    let mut unknown = false;
    for x in items {
        match equal(x, &a[1]) {
            Some(true) => return Ok(Dyn::bool(true)),
            None => unknown = true,
            Some(false) => {}
        }
    }
    Ok(if unknown {
        Dyn::unknown()
    } else {
        Dyn::bool(false)
    })
}

pub(super) fn index(a: &[Dyn]) -> FnResult {
    arity(a, 2, Some(2))?;
    let items = known!(list(&a[0], "the list"));
    for (i, x) in items.iter().enumerate() {
        match equal(x, &a[1]) {
            Some(true) => return Ok(Dyn::number(i as f64)),
            // Whether this element is the one decides the answer.
            None => return Ok(Dyn::unknown()),
            Some(false) => {}
        }
    }
    Err("item not found".to_string())
}

pub(super) fn distinct(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let items = known!(list(&a[0], "the list"));
    if let [x] = items {
        return Ok(Dyn::list(vec![child(&a[0], x)]));
    }
    let mut budget = MAX_WALK_NODES;
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for x in items {
        // Unknown parts (or a value too large to compare) leave duplicates undecided.
        let Some(k) = value_key(x, &mut budget) else {
            return Ok(Dyn::unknown());
        };
        if seen.insert(k) {
            out.push(child(&a[0], x));
        }
    }
    Ok(Dyn::list(out))
}

/// `element(list, index)`: the index wraps around; a negative one counts from the end.
pub(super) fn element(a: &[Dyn]) -> FnResult {
    arity(a, 2, Some(2))?;
    let Some(items) = list(&a[0], "the list")? else {
        return Ok(unknown_from(&a[0]));
    };
    if items.is_empty() {
        return Err("cannot use element function with an empty list".to_string());
    }
    let Some(i) = integer(&a[1], "the index")? else {
        return Ok(unknown_from(&a[0]));
    };
    let i = i.rem_euclid(items.len() as i64) as usize;
    Ok(child(&a[0], &items[i]))
}

pub(super) fn flatten(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    if known!(list(&a[0], "the list")).is_empty() {
        return Ok(Dyn::list(Vec::new()));
    }
    let mut out = Vec::new();
    let mut budget = MAX_WALK_NODES;
    if !flatten_into(&a[0], &mut out, 0, &mut budget)? {
        return Ok(Dyn::unknown());
    }
    Ok(Dyn::list(out))
}

/// Appends the flattened elements of the list `l`; `Ok(false)` when an element is Unknown
/// (it might be a list, so the result's length is unknown).
fn flatten_into(
    l: &Dyn,
    out: &mut Vec<Dyn>,
    depth: usize,
    budget: &mut usize,
) -> Result<bool, String> {
    if depth > MAX_NESTING {
        return Err(format!(
            "the list is nested more than {MAX_NESTING} levels deep"
        ));
    }
    let Some(items) = l.as_list() else {
        return Ok(true);
    };
    for x in items {
        *budget = budget
            .checked_sub(1)
            .ok_or_else(|| format!("the list has more than {MAX_WALK_NODES} nested elements"))?;
        let x = child(l, x);
        match &x.kind {
            DynKind::Unknown => return Ok(false),
            DynKind::List(_) => {
                if !flatten_into(&x, out, depth + 1, budget)? {
                    return Ok(false);
                }
            }
            _ => {
                out.push(x);
                check_len(out.len(), "the flattened list")?;
            }
        }
    }
    Ok(true)
}

pub(super) fn length(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let v = &a[0];
    let n = match &v.kind {
        DynKind::Unknown => return Ok(Dyn::unknown()),
        DynKind::String(s) => char_len(s),
        DynKind::List(l) => l.len(),
        DynKind::Map(m) => m.len(),
        DynKind::Null => return Err("the argument must not be null".to_string()),
        _ => {
            return Err(
                "the argument must be a string, a list, a set, a map or an object".to_string(),
            );
        }
    };
    Ok(Dyn::number(n as f64))
}

pub(super) fn one(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let Some(items) = list(&a[0], "the list")? else {
        return Ok(unknown_from(&a[0]));
    };
    match items {
        [] => Ok(Dyn::null()),
        [x] => Ok(child(&a[0], x)),
        _ => Err(format!(
            "the list must have zero or one elements, not {}",
            items.len()
        )),
    }
}

/// `range(limit)`, `range(start, limit)`, `range(start, limit, step)`.
pub(super) fn range(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(3))?;
    let mut nums = Vec::with_capacity(3);
    for (i, v) in a.iter().enumerate() {
        nums.push(known!(number(v, &arg_name(i))));
    }
    let (start, limit, step) = match nums[..] {
        // The step defaults to 1, or -1 when the limit is below the start.
        [limit] => (0.0, limit, if limit < 0.0 { -1.0 } else { 1.0 }),
        [start, limit] => (start, limit, if limit < start { -1.0 } else { 1.0 }),
        [start, limit, step] => (start, limit, step),
        _ => return Err("expects 1 to 3 arguments".to_string()),
    };
    if step == 0.0 {
        return Err("the step must not be zero".to_string());
    }
    if step < 0.0 && limit > start {
        return Err("for a descending range, the limit must be less than the start".to_string());
    }
    if step > 0.0 && limit < start {
        return Err(
            "for an ascending range, the limit must be greater than or equal to the start"
                .to_string(),
        );
    }
    let mut out = Vec::new();
    let mut i = 0.0f64;
    loop {
        let v = start + i * step;
        if (step > 0.0 && v >= limit) || (step < 0.0 && v <= limit) {
            break;
        }
        if out.len() >= MAX_COLLECTION_LEN {
            return Err(format!(
                "the range would have more than the limit of {MAX_COLLECTION_LEN} elements"
            ));
        }
        out.push(Dyn::number(v));
        i += 1.0;
    }
    Ok(Dyn::list(out))
}

pub(super) fn reverse(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let items = known!(list(&a[0], "the list"));
    Ok(Dyn::list(
        items.iter().rev().map(|x| child(&a[0], x)).collect(),
    ))
}

pub(super) fn slice(a: &[Dyn]) -> FnResult {
    arity(a, 3, Some(3))?;
    let items = known!(list(&a[0], "the list"));
    let start = known!(integer(&a[1], "the start index"));
    let end = known!(integer(&a[2], "the end index"));
    if start < 0 {
        return Err("the start index must not be negative".to_string());
    }
    if end > items.len() as i64 {
        return Err(format!(
            "the end index {end} is past the end of the list (length {})",
            items.len()
        ));
    }
    if start > end {
        return Err(format!(
            "the start index {start} is greater than the end index {end}"
        ));
    }
    Ok(Dyn::list(
        items[start as usize..end as usize]
            .iter()
            .map(|x| child(&a[0], x))
            .collect(),
    ))
}

pub(super) fn sort(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let items = known!(list(&a[0], "the list"));
    if items.iter().any(Dyn::is_unknown) {
        return Ok(Dyn::unknown());
    }
    let mut out = Vec::with_capacity(items.len());
    for (i, x) in items.iter().enumerate() {
        let x = child(&a[0], x);
        match &x.kind {
            DynKind::String(_) => out.push(x),
            DynKind::Null => {
                return Err(format!(
                    "element {i} is null; a null string cannot be sorted"
                ));
            }
            _ => {
                let s = string(&x, &format!("element {i}"))?.unwrap_or_default();
                out.push(with_kind(&x, DynKind::String(s.into())));
            }
        }
    }
    out.sort_by(|p, q| p.as_str().cmp(&q.as_str()));
    Ok(Dyn::list(out))
}

// ---- maps ------------------------------------------------------------------------------------

pub(super) fn keys(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let m = known!(map(&a[0], "the map"));
    let mut ks: Vec<&String> = m.keys().collect();
    ks.sort();
    Ok(Dyn::list(
        ks.into_iter().map(|k| Dyn::string(k.as_str())).collect(),
    ))
}

pub(super) fn values(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let m = known!(map(&a[0], "the map"));
    let mut ks: Vec<&String> = m.keys().collect();
    ks.sort();
    Ok(Dyn::list(
        ks.into_iter()
            .filter_map(|k| m.get(k))
            .map(|x| child(&a[0], x))
            .collect(),
    ))
}

/// `lookup(map, key, default)`. A key missing from a value read from a resource is a
/// computed attribute: Unknown, not the default.
pub(super) fn lookup(a: &[Dyn]) -> FnResult {
    arity(a, 2, Some(3))?;
    let Some(m) = map(&a[0], "the map")? else {
        return Ok(unknown_from(&a[0]));
    };
    let Some(k) = string(&a[1], "the key")? else {
        return Ok(unknown_from(&a[0]));
    };
    if let Some(x) = m.get(&*k) {
        return Ok(child(&a[0], x));
    }
    if a[0].source_ref.is_some() {
        return Ok(unknown_from(&a[0]));
    }
    match a.get(2) {
        Some(d) => Ok(d.clone()),
        None => Err(format!(
            "the map has no element \"{k}\" and no default was given"
        )),
    }
}

pub(super) fn merge(a: &[Dyn]) -> FnResult {
    let mut out: IndexMap<String, Dyn> = IndexMap::new();
    let mut unknown = false;
    for (i, v) in a.iter().enumerate() {
        match &v.kind {
            DynKind::Null => {}
            DynKind::Unknown => unknown = true,
            DynKind::Map(m) => {
                for (k, x) in m.iter() {
                    out.insert(k.clone(), child(v, x));
                }
                check_len(out.len(), "the merged map")?;
            }
            _ => {
                return Err(format!(
                    "{} must be a map or an object, not a list or a primitive value",
                    arg_name(i)
                ));
            }
        }
    }
    if unknown {
        return Ok(Dyn::unknown());
    }
    Ok(Dyn::map(out))
}

pub(super) fn zipmap(a: &[Dyn]) -> FnResult {
    arity(a, 2, Some(2))?;
    let ks = known!(list(&a[0], "the keys"));
    let vs = known!(list(&a[1], "the values"));
    if ks.len() != vs.len() {
        return Err(format!(
            "there are {} keys but {} values; they must be the same number",
            ks.len(),
            vs.len()
        ));
    }
    let mut out = IndexMap::with_capacity(ks.len());
    for (i, (k, v)) in ks.iter().zip(vs.iter()).enumerate() {
        let k = known!(string(k, &format!("key {i}")));
        out.insert(k.into_owned(), child(&a[1], v));
    }
    Ok(Dyn::map(out))
}

pub(super) fn transpose(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let m = known!(map(&a[0], "the map"));
    if m.values()
        .any(|v| v.is_unknown() || v.as_list().is_some_and(|l| l.iter().any(Dyn::is_unknown)))
    {
        return Ok(Dyn::unknown());
    }
    let mut ks: Vec<&String> = m.keys().collect();
    ks.sort();
    let mut out: IndexMap<String, Vec<Dyn>> = IndexMap::new();
    let mut total = 0usize;
    for k in ks {
        let Some(v) = m.get(k) else { continue };
        let items = list(v, &format!("the value of \"{k}\""))?.unwrap_or_default();
        for (i, s) in items.iter().enumerate() {
            let s = string(s, &format!("element {i} of \"{k}\""))?.unwrap_or_default();
            out.entry(s.into_owned())
                .or_default()
                .push(Dyn::string(k.as_str()));
            total += 1;
            check_len(total, "the transposed map")?;
        }
    }
    out.sort_keys();
    Ok(Dyn::map(
        out.into_iter().map(|(k, v)| (k, Dyn::list(v))).collect(),
    ))
}

pub(super) fn matchkeys(a: &[Dyn]) -> FnResult {
    arity(a, 3, Some(3))?;
    let vals = known!(list(&a[0], "the values"));
    let ks = known!(list(&a[1], "the keys"));
    let search = known!(list(&a[2], "the search set"));
    if vals.len() != ks.len() {
        return Err(format!(
            "there are {} values but {} keys; they must be the same number",
            vals.len(),
            ks.len()
        ));
    }
    if any_unknown(ks) != Some(false) || any_unknown(search) != Some(false) {
        return Ok(Dyn::unknown());
    }
    // Keys and the search set are compared after unifying their types.
    let all: Vec<Dyn> = ks.iter().chain(search).cloned().collect();
    let all = unify_primitives(&all);
    let (ks, search) = all.split_at(ks.len());
    let mut budget = MAX_WALK_NODES;
    let mut wanted = HashSet::new();
    for s in search {
        let Some(k) = value_key(s, &mut budget) else {
            return Ok(Dyn::unknown());
        };
        wanted.insert(k);
    }
    let mut out = Vec::new();
    for (v, k) in vals.iter().zip(ks) {
        let Some(k) = value_key(k, &mut budget) else {
            return Ok(Dyn::unknown());
        };
        if wanted.contains(&k) {
            out.push(child(&a[0], v));
        }
    }
    Ok(Dyn::list(out))
}

// ---- sets ------------------------------------------------------------------------------------

/// The elements of each set argument, their types unified across all of them; `None` when
/// an argument is Unknown.
fn set_args(a: &[Dyn]) -> Result<Option<Vec<Vec<Dyn>>>, String> {
    let mut lens = Vec::with_capacity(a.len());
    let mut all = Vec::new();
    for (i, v) in a.iter().enumerate() {
        let Some(items) = list(v, &arg_name(i))? else {
            return Ok(None);
        };
        lens.push(items.len());
        all.extend(items.iter().map(|x| child(v, x)));
        check_len(all.len(), "the sets")?;
    }
    let mut all = unify_primitives(&all).into_iter();
    Ok(Some(
        lens.into_iter()
            .map(|n| all.by_ref().take(n).collect())
            .collect(),
    ))
}

/// A set result: deduplicated and ordered; Unknown when membership depends on unknowns.
fn set_result(items: Vec<Dyn>) -> FnResult {
    Ok(match make_set(items) {
        Some(s) => Dyn::list(s),
        None => Dyn::unknown(),
    })
}

pub(super) fn setunion(a: &[Dyn]) -> FnResult {
    arity(a, 1, None)?;
    let Some(sets) = set_args(a)? else {
        return Ok(Dyn::unknown());
    };
    set_result(sets.into_iter().flatten().collect())
}

/// Keys of wholly known elements; `None` when any element has unknown parts.
fn key_set(items: &[Dyn], budget: &mut usize) -> Option<HashSet<String>> {
    items.iter().map(|x| value_key(x, budget)).collect()
}

pub(super) fn setintersection(a: &[Dyn]) -> FnResult {
    arity(a, 1, None)?;
    let Some(sets) = set_args(a)? else {
        return Ok(Dyn::unknown());
    };
    let mut budget = MAX_WALK_NODES;
    let mut others = Vec::with_capacity(sets.len());
    for s in &sets[1..] {
        let Some(keys) = key_set(s, &mut budget) else {
            return Ok(Dyn::unknown());
        };
        others.push(keys);
    }
    let mut out = Vec::new();
    for x in &sets[0] {
        let Some(k) = value_key(x, &mut budget) else {
            return Ok(Dyn::unknown());
        };
        if others.iter().all(|o| o.contains(&k)) {
            out.push(x.clone());
        }
    }
    set_result(out)
}

pub(super) fn setsubtract(a: &[Dyn]) -> FnResult {
    arity(a, 2, Some(2))?;
    let Some(sets) = set_args(a)? else {
        return Ok(Dyn::unknown());
    };
    let mut budget = MAX_WALK_NODES;
    let Some(remove) = key_set(&sets[1], &mut budget) else {
        return Ok(Dyn::unknown());
    };
    let mut out = Vec::new();
    for x in &sets[0] {
        let Some(k) = value_key(x, &mut budget) else {
            return Ok(Dyn::unknown());
        };
        if !remove.contains(&k) {
            out.push(x.clone());
        }
    }
    set_result(out)
}

pub(super) fn setproduct(a: &[Dyn]) -> FnResult {
    arity(a, 2, None)?;
    let mut lists = Vec::with_capacity(a.len());
    for (i, v) in a.iter().enumerate() {
        let items = known!(list(v, &arg_name(i)));
        lists.push(items.iter().map(|x| child(v, x)).collect::<Vec<_>>());
    }
    let mut total = 1usize;
    for l in &lists {
        total = total.saturating_mul(l.len());
    }
    if total == 0 {
        return Ok(Dyn::list(Vec::new()));
    }
    check_len(total, "the product")?;
    let mut out: Vec<Vec<Dyn>> = vec![Vec::with_capacity(lists.len())];
    for l in &lists {
        let mut next = Vec::with_capacity(out.len() * l.len());
        for prefix in &out {
            for x in l {
                let mut row = prefix.clone();
                row.push(x.clone());
                next.push(row);
            }
        }
        out = next;
    }
    Ok(Dyn::list(out.into_iter().map(Dyn::list).collect()))
}
