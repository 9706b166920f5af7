//! Helpers shared by every front-end's adapters: origins, location choice and reading
//! evaluated values into model [`Value`]s.

use crate::dynvalue::{Dyn, DynKind};
use cloudsentinel_model::{Location, Origin, Value};

/// A source origin.
pub(crate) fn src(loc: Location) -> Origin {
    Origin::Source(loc)
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
