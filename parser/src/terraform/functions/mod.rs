//! Terraform built-in functions.
//!
//! Each function follows Terraform's semantics with three additions of our own:
//!
//! - **Unknown propagates.** When the result depends on an Unknown argument (or an Unknown
//!   part of one that the function must inspect), the result is Unknown; a result that
//!   cannot depend on the unknown parts (`length([unknown, 1])`) stays known.
//! - **Values pass through.** Elements that a function returns unchanged (`element`,
//!   `lookup`, `merge`, `concat`, `flatten`, …) keep their location and `source_ref`; parts
//!   read out of a value read from a resource name that resource, as the evaluator's own
//!   indexing does.
//! - **Bounded.** No input panics; results over [`MAX_COLLECTION_LEN`] elements or
//!   [`MAX_STRING_LEN`] bytes are refused before they are built.
//!
//! Functions whose result cannot be known before apply (`uuid`, `timestamp`, `bcrypt`) are
//! Unknown; functions not implemented here return an error starting with
//! "unsupported function", which the evaluator turns into Unknown and a notice.

mod collection;
mod conversion;
mod encoding;
mod filesystem;
mod network;
mod numeric;
mod string;

use crate::dynvalue::{Dyn, DynKind, format_number};
pub(crate) use crate::terraform::eval::{MAX_COLLECTION_LEN, MAX_STRING_LEN, MAX_WALK_NODES};
use indexmap::IndexMap;
use std::borrow::Cow;

/// What functions need from the evaluator: confined file reads and template rendering.
pub trait FnHost {
    /// Reads a file for `file`, `templatefile` and friends.
    fn read_file(&self, path: &str) -> Result<String, String>;
    /// Renders `template` as an HCL template with only `vars` in scope.
    fn render_template(&self, template: &str, vars: &IndexMap<String, Dyn>) -> Dyn;
}

/// A function's result: `Err` when Terraform would reject the call.
pub(crate) type FnResult = Result<Dyn, String>;

/// Deepest nesting of lists a function walks (`flatten`, encoders); deeper values are
/// refused rather than overflowing the stack.
pub(crate) const MAX_NESTING: usize = 256;

/// Calls the built-in function `name`.
/// Remembers the structured value an encoding function was given (see [`Dyn::encoded`]).
fn keep_encoded(mut out: Dyn, args: &[Dyn]) -> Dyn {
    if let [v] = args
        && matches!(v.kind, DynKind::Map(_) | DynKind::List(_))
    {
        out.encoded = Some(std::sync::Arc::new(v.clone()));
    }
    out
}

pub fn call(name: &str, args: Vec<Dyn>, host: &dyn FnHost) -> Result<Dyn, String> {
    let a = args.as_slice();
    match name {
        // numeric
        "abs" => numeric::abs(a),
        "ceil" => numeric::ceil(a),
        "floor" => numeric::floor(a),
        "log" => numeric::log(a),
        "max" => numeric::max(a),
        "min" => numeric::min(a),
        "parseint" => numeric::parseint(a),
        "pow" => numeric::pow(a),
        "signum" => numeric::signum(a),
        "sum" => numeric::sum(a),
        // string
        "chomp" => string::chomp(a),
        "endswith" => string::endswith(a),
        "startswith" => string::startswith(a),
        "strcontains" => string::strcontains(a),
        "format" => string::format(a),
        "formatlist" => string::formatlist(a),
        "indent" => string::indent(a),
        "join" => string::join(a),
        "lower" => string::lower(a),
        "upper" => string::upper(a),
        "regex" => string::regex(a),
        "regexall" => string::regexall(a),
        "replace" => string::replace(a),
        "split" => string::split(a),
        "strrev" => string::strrev(a),
        "substr" => string::substr(a),
        "title" => string::title(a),
        "trim" => string::trim(a),
        "trimprefix" => string::trimprefix(a),
        "trimsuffix" => string::trimsuffix(a),
        "trimspace" => string::trimspace(a),
        // collection
        "alltrue" => collection::alltrue(a),
        "anytrue" => collection::anytrue(a),
        "chunklist" => collection::chunklist(a),
        "coalesce" => collection::coalesce(a),
        "coalescelist" => collection::coalescelist(a),
        "compact" => collection::compact(a),
        "concat" => collection::concat(a),
        "contains" => collection::contains(a),
        "distinct" => collection::distinct(a),
        "element" => collection::element(a),
        "flatten" => collection::flatten(a),
        "index" => collection::index(a),
        "keys" => collection::keys(a),
        "length" => collection::length(a),
        "lookup" => collection::lookup(a),
        "matchkeys" => collection::matchkeys(a),
        "merge" => collection::merge(a),
        "one" => collection::one(a),
        "range" => collection::range(a),
        "reverse" => collection::reverse(a),
        "setintersection" => collection::setintersection(a),
        "setproduct" => collection::setproduct(a),
        "setsubtract" => collection::setsubtract(a),
        "setunion" => collection::setunion(a),
        "slice" => collection::slice(a),
        "sort" => collection::sort(a),
        "transpose" => collection::transpose(a),
        "values" => collection::values(a),
        "zipmap" => collection::zipmap(a),
        // encoding and hashing
        "base64decode" => encoding::base64decode(a),
        "base64encode" => encoding::base64encode(a),
        "textencodebase64" => encoding::textencodebase64(a),
        "textdecodebase64" => encoding::textdecodebase64(a),
        "jsondecode" => encoding::jsondecode(a),
        "jsonencode" => encoding::jsonencode(a).map(|d| keep_encoded(d, a)),
        "urlencode" => encoding::urlencode(a),
        "yamlencode" => encoding::yamlencode(a).map(|d| keep_encoded(d, a)),
        "csvdecode" => encoding::csvdecode(a),
        "sha256" => encoding::sha256(a),
        "sha512" => encoding::sha512(a),
        "base64sha256" => encoding::base64sha256(a),
        "base64sha512" => encoding::base64sha512(a),
        // conversion
        "tobool" => conversion::tobool(a),
        "tolist" => conversion::tolist(a),
        "tomap" => conversion::tomap(a),
        "tonumber" => conversion::tonumber(a),
        "toset" => conversion::toset(a),
        "tostring" => conversion::tostring(a),
        "sensitive" | "nonsensitive" | "ephemeralasnull" => conversion::passthrough(a),
        "issensitive" => conversion::issensitive(a),
        // network
        "cidrhost" => network::cidrhost(a),
        "cidrnetmask" => network::cidrnetmask(a),
        "cidrsubnet" => network::cidrsubnet(a),
        "cidrsubnets" => network::cidrsubnets(a),
        // filesystem
        "file" => filesystem::file(a, host),
        "fileexists" => filesystem::fileexists(a, host),
        "filebase64" => filesystem::filebase64(a, host),
        "filesha256" => filesystem::filesha256(a, host),
        "filesha512" => filesystem::filesha512(a, host),
        "filebase64sha256" => filesystem::filebase64sha256(a, host),
        "filebase64sha512" => filesystem::filebase64sha512(a, host),
        "templatefile" => filesystem::templatefile(a, host),
        "templatestring" => filesystem::templatestring(a, host),
        "abspath" => filesystem::abspath(a),
        "basename" => filesystem::basename(a),
        "dirname" => filesystem::dirname(a),
        "pathexpand" => filesystem::pathexpand(a),
        // Known only after apply (or random): Unknown, never a guess.
        "uuid" | "timestamp" | "plantimestamp" => {
            arity(a, 0, Some(0))?;
            Ok(Dyn::unknown())
        }
        "bcrypt" => {
            arity(a, 1, Some(2))?;
            Ok(Dyn::unknown())
        }
        _ => Err(format!("unsupported function {name}")),
    }
}

// ---- argument helpers ----------------------------------------------------------------------

/// Returns `Ok(Dyn::unknown())` from the enclosing function when the argument is Unknown.
macro_rules! known {
    ($e:expr) => {
        match $e? {
            Some(v) => v,
            None => return Ok($crate::dynvalue::Dyn::unknown()),
        }
    };
}
pub(crate) use known;

/// Checks the number of arguments.
pub(crate) fn arity(args: &[Dyn], min: usize, max: Option<usize>) -> Result<(), String> {
    let n = args.len();
    let ok = n >= min && max.is_none_or(|m| n <= m);
    if ok {
        return Ok(());
    }
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    Err(match max {
        Some(m) if m == min => format!("expects {m} argument{}, got {n}", plural(m)),
        Some(m) => format!("expects {min} to {m} arguments, got {n}"),
        None => format!("expects at least {min} argument{}, got {n}", plural(min)),
    })
}

/// A string parameter (numbers and bools convert): `None` when unknown.
pub(crate) fn string<'a>(v: &'a Dyn, what: &str) -> Result<Option<Cow<'a, str>>, String> {
    match &v.kind {
        DynKind::Unknown => Ok(None),
        DynKind::String(s) => Ok(Some(Cow::Borrowed(s))),
        DynKind::Number(n) => Ok(Some(Cow::Owned(format_number(*n)))),
        DynKind::Bool(b) => Ok(Some(Cow::Borrowed(if *b { "true" } else { "false" }))),
        DynKind::Null => Err(format!("{what} must not be null")),
        DynKind::List(_) => Err(format!("{what} must be a string, not a list")),
        DynKind::Map(_) => Err(format!("{what} must be a string, not an object")),
    }
}

/// Parses a number the way Terraform converts a string to a number.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim();
    // Rust also accepts "inf", "NaN" and "infinity", which Terraform does not.
    if !t
        .bytes()
        .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
    {
        return None;
    }
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A number parameter (numeric strings convert): `None` when unknown.
pub(crate) fn number(v: &Dyn, what: &str) -> Result<Option<f64>, String> {
    match &v.kind {
        DynKind::Unknown => Ok(None),
        DynKind::Number(n) => Ok(Some(*n)),
        DynKind::String(s) => match parse_number(s) {
            Some(n) => Ok(Some(n)),
            None => Err(format!("{what} must be a number, not \"{s}\"")),
        },
        DynKind::Null => Err(format!("{what} must not be null")),
        DynKind::Bool(_) => Err(format!("{what} must be a number, not a bool")),
        DynKind::List(_) => Err(format!("{what} must be a number, not a list")),
        DynKind::Map(_) => Err(format!("{what} must be a number, not an object")),
    }
}

/// A whole-number parameter: `None` when unknown.
pub(crate) fn integer(v: &Dyn, what: &str) -> Result<Option<i64>, String> {
    let Some(n) = number(v, what)? else {
        return Ok(None);
    };
    if n.fract() != 0.0 {
        return Err(format!("{what} must be a whole number, not {n}"));
    }
    if n.abs() > 9.007_199_254_740_992e15 {
        return Err(format!("{what} is too large"));
    }
    Ok(Some(n as i64))
}

/// A bool parameter ("true"/"false" strings convert): `None` when unknown.
pub(crate) fn boolean(v: &Dyn, what: &str) -> Result<Option<bool>, String> {
    match &v.kind {
        DynKind::Unknown => Ok(None),
        DynKind::Bool(b) => Ok(Some(*b)),
        DynKind::String(s) if &**s == "true" => Ok(Some(true)),
        DynKind::String(s) if &**s == "false" => Ok(Some(false)),
        DynKind::Null => Err(format!("{what} must not be null")),
        _ => Err(format!("{what} must be a bool")),
    }
}

/// A list, tuple or set parameter: `None` when unknown.
pub(crate) fn list<'a>(v: &'a Dyn, what: &str) -> Result<Option<&'a [Dyn]>, String> {
    match &v.kind {
        DynKind::Unknown => Ok(None),
        DynKind::List(l) => Ok(Some(l)),
        DynKind::Null => Err(format!("{what} must not be null")),
        DynKind::Map(_) => Err(format!("{what} must be a list, not an object")),
        _ => Err(format!("{what} must be a list")),
    }
}

/// A map or object parameter: `None` when unknown.
pub(crate) fn map<'a>(v: &'a Dyn, what: &str) -> Result<Option<&'a IndexMap<String, Dyn>>, String> {
    match &v.kind {
        DynKind::Unknown => Ok(None),
        DynKind::Map(m) => Ok(Some(m)),
        DynKind::Null => Err(format!("{what} must not be null")),
        DynKind::List(_) => Err(format!("{what} must be a map or object, not a list")),
        _ => Err(format!("{what} must be a map or object")),
    }
}

/// Refuses a collection over the size limit before it is built.
pub(crate) fn check_len(n: usize, what: &str) -> Result<(), String> {
    if n > MAX_COLLECTION_LEN {
        Err(format!(
            "{what} would have {n} elements, more than the limit of {MAX_COLLECTION_LEN}"
        ))
    } else {
        Ok(())
    }
}

/// Refuses a string over the size limit before it is built.
pub(crate) fn check_str_len(n: usize, what: &str) -> Result<(), String> {
    if n > MAX_STRING_LEN {
        Err(format!(
            "{what} would be {n} bytes long, more than the limit of {MAX_STRING_LEN}"
        ))
    } else {
        Ok(())
    }
}

// ---- values ----------------------------------------------------------------------------------

/// A part read out of `parent`: a part of a value read from a resource names that resource
/// (as the evaluator's indexing does); otherwise the part is unchanged.
pub(crate) fn child(parent: &Dyn, x: &Dyn) -> Dyn {
    match &parent.source_ref {
        Some(r) => Dyn {
            kind: x.kind.clone(),
            loc: x.loc,
            source_ref: Some(r.clone()),
            encoded: x.encoded.clone(),
        },
        None => x.clone(),
    }
}

/// Unknown that keeps where `v` was read from.
pub(crate) fn unknown_from(v: &Dyn) -> Dyn {
    Dyn {
        kind: DynKind::Unknown,
        loc: v.loc,
        source_ref: v.source_ref.clone(),
        encoded: None,
    }
}

/// `v` with a new kind, keeping its location and source.
pub(crate) fn with_kind(v: &Dyn, kind: DynKind) -> Dyn {
    Dyn {
        kind,
        loc: v.loc,
        source_ref: v.source_ref.clone(),
        encoded: None,
    }
}

/// Whether `v` has an Unknown part, looking at no more than [`MAX_WALK_NODES`] nodes
/// (values sharing subtrees can be exponentially large as trees): `None` when the walk
/// stopped before finding out.
pub(crate) fn has_unknown(v: &Dyn) -> Option<bool> {
    let mut budget = MAX_WALK_NODES;
    has_unknown_in(v, &mut budget)
}

/// [`has_unknown`] for several values sharing one budget.
pub(crate) fn any_unknown(vals: &[Dyn]) -> Option<bool> {
    let mut budget = MAX_WALK_NODES;
    for v in vals {
        if has_unknown_in(v, &mut budget)? {
            return Some(true);
        }
    }
    Some(false)
}

fn has_unknown_in(v: &Dyn, budget: &mut usize) -> Option<bool> {
    *budget = budget.checked_sub(1)?;
    match &v.kind {
        DynKind::Unknown => Some(true),
        DynKind::List(l) => {
            for x in l.iter() {
                if has_unknown_in(x, budget)? {
                    return Some(true);
                }
            }
            Some(false)
        }
        DynKind::Map(m) => {
            for x in m.values() {
                if has_unknown_in(x, budget)? {
                    return Some(true);
                }
            }
            Some(false)
        }
        _ => Some(false),
    }
}

/// Terraform `==`: values of different types are unequal; `None` when the answer depends on
/// unknown parts (or the values are too large to compare).
pub(crate) fn equal(a: &Dyn, b: &Dyn) -> Option<bool> {
    let mut budget = MAX_WALK_NODES;
    equal_in(a, b, &mut budget)
}

fn equal_in(a: &Dyn, b: &Dyn, budget: &mut usize) -> Option<bool> {
    *budget = budget.checked_sub(1)?;
    match (&a.kind, &b.kind) {
        (DynKind::Unknown, _) | (_, DynKind::Unknown) => None,
        (DynKind::Null, DynKind::Null) => Some(true),
        (DynKind::Null, _) | (_, DynKind::Null) => Some(false),
        (DynKind::Bool(x), DynKind::Bool(y)) => Some(x == y),
        // Terraform's `==` on numbers is exact.
        #[allow(clippy::float_cmp)]
        (DynKind::Number(x), DynKind::Number(y)) => Some(x == y),
        (DynKind::String(x), DynKind::String(y)) => Some(x == y),
        (DynKind::List(x), DynKind::List(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            let mut unknown = false;
            for (p, q) in x.iter().zip(y.iter()) {
                match equal_in(p, q, budget) {
                    Some(false) => return Some(false),
                    None => unknown = true,
                    Some(true) => {}
                }
            }
            if unknown { None } else { Some(true) }
        }
        (DynKind::Map(x), DynKind::Map(y)) => {
            if x.len() != y.len() || x.keys().any(|k| !y.contains_key(k)) {
                return Some(false);
            }
            let mut unknown = false;
            for (k, p) in x.iter() {
                match y.get(k).and_then(|q| equal_in(p, q, budget)) {
                    Some(false) => return Some(false),
                    None => unknown = true,
                    Some(true) => {}
                }
            }
            if unknown { None } else { Some(true) }
        }
        _ => Some(false),
    }
}

/// A canonical encoding of a wholly known value: two values are equal exactly when their
/// keys are. `None` for values with unknown parts or too large to encode.
pub(crate) fn value_key(v: &Dyn, budget: &mut usize) -> Option<String> {
    let mut out = String::new();
    key_into(v, &mut out, budget)?;
    Some(out)
}

fn key_into(v: &Dyn, out: &mut String, budget: &mut usize) -> Option<()> {
    *budget = budget.checked_sub(1)?;
    match &v.kind {
        DynKind::Unknown => return None,
        DynKind::Null => out.push('n'),
        DynKind::Bool(b) => out.push(if *b { 't' } else { 'f' }),
        DynKind::Number(n) => {
            // -0 == 0
            let n = if *n == 0.0 { 0.0 } else { *n };
            out.push('d');
            out.push_str(&n.to_bits().to_string());
            out.push(';');
        }
        DynKind::String(s) => {
            *budget = budget.checked_sub(s.len() / 16)?;
            out.push('s');
            out.push_str(&s.len().to_string());
            out.push(':');
            out.push_str(s);
        }
        DynKind::List(l) => {
            out.push('[');
            for x in l.iter() {
                key_into(x, out, budget)?;
            }
            out.push(']');
        }
        DynKind::Map(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for k in keys {
                out.push_str(&k.len().to_string());
                out.push(':');
                out.push_str(k);
                key_into(m.get(k)?, out, budget)?;
            }
            out.push('}');
        }
    }
    Some(())
}

/// The primitive type name of a value (for unifying the element types of a tuple).
fn primitive_type(v: &Dyn) -> Option<u8> {
    match v.kind {
        DynKind::String(_) => Some(0),
        DynKind::Number(_) => Some(1),
        DynKind::Bool(_) => Some(2),
        _ => None,
    }
}

/// Terraform's unification of element types when a tuple becomes a list or set (or an
/// object a map): primitives of mixed types all become strings. Other mixes are left as
/// they are.
pub(crate) fn unify_primitives(items: &[Dyn]) -> Vec<Dyn> {
    let mut seen: Option<u8> = None;
    let mut mixed = false;
    for t in items.iter().filter_map(primitive_type) {
        match seen {
            None => seen = Some(t),
            Some(s) if s != t => mixed = true,
            _ => {}
        }
    }
    if !mixed {
        return items.to_vec();
    }
    items
        .iter()
        .map(|v| match &v.kind {
            DynKind::Number(_) | DynKind::Bool(_) => match v.to_string_lossy() {
                Some(s) => with_kind(v, DynKind::String(s.into())),
                None => v.clone(),
            },
            _ => v.clone(),
        })
        .collect()
}

/// Deduplicates `items` into a set in Terraform's order (strings lexically, numbers
/// numerically, anything else in first-seen order). `None` when membership depends on
/// unknown parts.
pub(crate) fn make_set(items: Vec<Dyn>) -> Option<Vec<Dyn>> {
    if items.len() == 1 {
        return Some(items);
    }
    let mut budget = MAX_WALK_NODES;
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        // `None` for unknown parts (or a value too large to compare).
        if seen.insert(value_key(&it, &mut budget)?) {
            out.push(it);
        }
    }
    if out.iter().all(|v| matches!(v.kind, DynKind::String(_))) {
        out.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    } else if out.iter().all(|v| matches!(v.kind, DynKind::Number(_))) {
        out.sort_by(|a, b| {
            let (DynKind::Number(x), DynKind::Number(y)) = (&a.kind, &b.kind) else {
                return std::cmp::Ordering::Equal;
            };
            x.total_cmp(y)
        });
    }
    Some(out)
}

/// Counts characters as Terraform does: grapheme clusters (see [`clusters`]).
pub(crate) fn char_len(s: &str) -> usize {
    clusters(s).count()
}

/// The "characters" Terraform counts, `substr` cuts and `strrev` reverses: grapheme
/// clusters, approximated without Unicode tables as a base character with the combining
/// marks, variation selectors, emoji modifiers and zero-width-joined characters that follow
/// it, `\r\n`, and pairs of regional indicators (flags).
pub(crate) fn clusters(s: &str) -> Clusters<'_> {
    Clusters { s, pos: 0 }
}

pub(crate) struct Clusters<'a> {
    s: &'a str,
    pos: usize,
}

fn is_extend(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0E31 | 0x0E34..=0x0E3A
        | 0x0E47..=0x0E4E | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C | 0x200D
        | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0x1F3FB..=0x1F3FF
        | 0xE0020..=0xE007F | 0xE0100..=0xE01EF)
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c as u32, 0x1F1E6..=0x1F1FF)
}

impl<'a> Iterator for Clusters<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.s.get(self.pos..)?;
        let mut it = rest.char_indices();
        let (_, first) = it.next()?;
        let mut end = first.len_utf8();
        let mut prev = first;
        let mut regional = usize::from(is_regional_indicator(first));
        for (i, c) in it {
            let joins = is_extend(c)
                || prev == '\u{200D}'
                || (prev == '\r' && c == '\n')
                || (regional == 1 && is_regional_indicator(c));
            if !joins {
                break;
            }
            if is_regional_indicator(c) {
                regional += 1;
            }
            end = i + c.len_utf8();
            prev = c;
        }
        self.pos += end;
        rest.get(..end)
    }
}
