//! Evaluation of ARM expressions over [`Dyn`]. Unknown is contagious: a function whose
//! deciding argument is Unknown returns Unknown, and what only the deployment knows
//! (`resourceGroup()`, `subscription()`, `reference()`, `list*()`, `utcNow()`, `newGuid()`,
//! `deployment().name`, …) is Unknown, never guessed.
//!
//! A resource id whose scope is not known (the usual case: `resourceId()` names the
//! deployment's own subscription and resource group) is Unknown, but keeps the resource it
//! names: its [`Dyn::source_ref`] is the [`resource_key`] of the type and name, and
//! [`Dyn::encoded`] holds `{scope, type, name}` with whatever parts are known.

use super::datetime;
use super::hash;
use super::syntax::{Expr, ExprError, ExprKind};
use crate::dynvalue::{Dyn, DynKind, format_number};
use indexmap::IndexMap;
use std::cmp::Ordering;
use std::sync::Arc;

/// Most items `range()` may produce (ARM's own limit).
pub const MAX_RANGE: i64 = 10_000;

/// What an expression can see of its template.
pub trait Context {
    /// `parameters(name)`; `Err` is a message located at the call.
    fn parameter(&mut self, name: &str) -> Result<Dyn, String>;
    /// `variables(name)`.
    fn variable(&mut self, name: &str) -> Result<Dyn, String>;
    /// `copyIndex([loop])` before its offset; `Ok(None)` when the index is Unknown.
    fn copy_index(&mut self, loop_name: Option<&str>) -> Result<Option<i64>, String>;
    /// A user-defined function; `None` when no such function is declared.
    fn user_function(
        &mut self,
        namespace: &str,
        name: &str,
        args: Vec<Dyn>,
    ) -> Option<Result<Dyn, String>>;
    /// `deployment()`: what the template itself tells (the rest Unknown).
    fn deployment(&mut self) -> Dyn;
    /// Counts one evaluation step; `Err` once the budget is spent.
    fn step(&mut self) -> Result<(), String>;
    /// Rejects a value too large to keep (a template doubling a value in a loop of variables).
    fn check_size(&mut self, _value: &Dyn) -> Result<(), String> {
        Ok(())
    }
}

/// The key a resource id and a declared resource share: lowercase type and name.
pub fn resource_key(resource_type: &str, name: &str) -> String {
    format!(
        "{}|{}",
        resource_type.to_ascii_lowercase(),
        name.to_ascii_lowercase()
    )
}

/// Deepest chain of nested lambdas and user-defined functions.
const MAX_CALL_DEPTH: usize = 64;

/// Evaluates expressions against a [`Context`].
pub struct Evaluator<'c> {
    ctx: &'c mut dyn Context,
    /// Lambda variables in scope, innermost last.
    locals: Vec<(String, Dyn)>,
    depth: usize,
}

type FnResult = Result<Dyn, String>;

fn unknown() -> FnResult {
    Ok(Dyn::unknown())
}

fn type_name(d: &Dyn) -> &'static str {
    match &d.kind {
        DynKind::Null => "null",
        DynKind::Bool(_) => "bool",
        DynKind::Number(n) if n.fract() == 0.0 => "int",
        DynKind::Number(_) => "number",
        DynKind::String(_) => "string",
        DynKind::List(_) => "array",
        DynKind::Map(_) => "object",
        DynKind::Unknown => "unknown",
    }
}

fn want_str<'a>(f: &str, i: usize, d: &'a Dyn) -> Result<&'a str, String> {
    d.as_str().ok_or_else(|| {
        format!(
            "`{f}` expects a string as argument {}, not {}",
            i + 1,
            type_name(d)
        )
    })
}

fn want_int(f: &str, i: usize, d: &Dyn) -> Result<i64, String> {
    match &d.kind {
        DynKind::Number(n) if n.fract() == 0.0 && n.is_finite() => Ok(*n as i64),
        _ => Err(format!(
            "`{f}` expects an integer as argument {}, not {}",
            i + 1,
            type_name(d)
        )),
    }
}

fn want_list<'a>(f: &str, i: usize, d: &'a Dyn) -> Result<&'a [Dyn], String> {
    d.as_list().ok_or_else(|| {
        format!(
            "`{f}` expects an array as argument {}, not {}",
            i + 1,
            type_name(d)
        )
    })
}

fn want_map<'a>(f: &str, i: usize, d: &'a Dyn) -> Result<&'a IndexMap<String, Dyn>, String> {
    d.as_map().ok_or_else(|| {
        format!(
            "`{f}` expects an object as argument {}, not {}",
            i + 1,
            type_name(d)
        )
    })
}

fn want_bool(f: &str, i: usize, d: &Dyn) -> Result<bool, String> {
    match &d.kind {
        DynKind::Bool(b) => Ok(*b),
        _ => Err(format!(
            "`{f}` expects a bool as argument {}, not {}",
            i + 1,
            type_name(d)
        )),
    }
}

fn int(n: i64) -> Dyn {
    Dyn::number(n as f64)
}

/// Deep equality, case-sensitive for strings (ARM's `equals`); `None` when Unknown decides.
fn equal(a: &Dyn, b: &Dyn) -> Option<bool> {
    match (&a.kind, &b.kind) {
        (DynKind::Unknown, _) | (_, DynKind::Unknown) => None,
        (DynKind::List(x), DynKind::List(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            let mut unknown = false;
            for (p, q) in x.iter().zip(y.iter()) {
                match equal(p, q) {
                    Some(false) => return Some(false),
                    None => unknown = true,
                    Some(true) => {}
                }
            }
            (!unknown).then_some(true)
        }
        (DynKind::Map(x), DynKind::Map(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            let mut unknown = false;
            for (k, p) in x.iter() {
                let Some(q) = y.get(k) else {
                    return Some(false);
                };
                match equal(p, q) {
                    Some(false) => return Some(false),
                    None => unknown = true,
                    Some(true) => {}
                }
            }
            (!unknown).then_some(true)
        }
        (x, y) => Some(x == y),
    }
}

/// Text of a scalar as `string()`, `format()` and `concat()` render it (.NET: `True`).
fn scalar_text(d: &Dyn) -> Option<String> {
    match &d.kind {
        DynKind::String(s) => Some(s.to_string()),
        DynKind::Number(n) => Some(format_number(*n)),
        DynKind::Bool(true) => Some("True".into()),
        DynKind::Bool(false) => Some("False".into()),
        DynKind::Null => Some(String::new()),
        _ => None,
    }
}

/// `string()`: scalars as text, arrays and objects as compact JSON.
fn to_text(d: &Dyn) -> Option<String> {
    match &d.kind {
        DynKind::List(_) | DynKind::Map(_) => d.to_json().map(|j| j.to_string()),
        _ => scalar_text(d),
    }
}

fn chars_of(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// Case-insensitive (ordinal, ignoring ASCII and Unicode simple case) comparison helper.
fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Property of an object, exact first, then ignoring case (ARM's lookups ignore case).
fn property<'a>(m: &'a IndexMap<String, Dyn>, key: &str) -> Option<&'a Dyn> {
    m.get(key).or_else(|| {
        m.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

/// Deep merge for `union` of objects: nested objects merge, later values win.
fn merge_objects(into: &mut IndexMap<String, Dyn>, from: &IndexMap<String, Dyn>) {
    for (k, v) in from {
        match (into.get_mut(k), &v.kind) {
            (Some(existing), DynKind::Map(new)) if existing.as_map().is_some() => {
                let mut merged = existing.as_map().cloned().unwrap_or_default();
                merge_objects(&mut merged, new);
                *existing = Dyn::map(merged).or_loc(existing.loc);
            }
            _ => {
                into.insert(k.clone(), v.clone());
            }
        }
    }
}

/// .NET composite formatting: `{index[,alignment][:format]}`, `{{` and `}}` escapes.
fn composite_format(fmt: &str, args: &[Dyn]) -> Result<Option<String>, String> {
    let mut out = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let mut spec = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(x) => spec.push(x),
                        None => return Err(format!("`format`: `{{` is not closed in `{fmt}`")),
                    }
                }
                let (head, format_spec) = match spec.split_once(':') {
                    Some((h, f)) => (h, Some(f)),
                    None => (spec.as_str(), None),
                };
                let (index, align) = match head.split_once(',') {
                    Some((i, a)) => (i, Some(a)),
                    None => (head, None),
                };
                let index: usize = index
                    .trim()
                    .parse()
                    .map_err(|_| format!("`format`: `{{{spec}}}` is not a valid placeholder"))?;
                let Some(arg) = args.get(index) else {
                    return Err(format!(
                        "`format`: placeholder {{{index}}} has no argument ({} given)",
                        args.len()
                    ));
                };
                if arg.contains_unknown() {
                    return Ok(None);
                }
                let text = match (format_spec, &arg.kind) {
                    (Some(f), DynKind::Number(n)) if n.fract() == 0.0 => {
                        format_integer(*n as i64, f).unwrap_or_else(|| format_number(*n))
                    }
                    _ => to_text(arg).unwrap_or_default(),
                };
                let text = match align.map(|a| a.trim().parse::<i64>()) {
                    Some(Ok(w)) => {
                        let width = w.unsigned_abs() as usize;
                        let len = text.chars().count();
                        let pad = " ".repeat(width.saturating_sub(len).min(10_000));
                        if w < 0 {
                            format!("{text}{pad}")
                        } else {
                            format!("{pad}{text}")
                        }
                    }
                    Some(Err(_)) => {
                        return Err(format!("`format`: `{{{spec}}}` has an invalid alignment"));
                    }
                    None => text,
                };
                out.push_str(&text);
            }
            '}' => return Err(format!("`format`: unmatched `}}` in `{fmt}`")),
            c => out.push(c),
        }
    }
    Ok(Some(out))
}

/// The integer format specifiers that make sense in templates: `D`n, `X`n/`x`n, `N`n.
fn format_integer(n: i64, spec: &str) -> Option<String> {
    let mut cs = spec.chars();
    let kind = cs.next()?;
    let rest: String = cs.collect();
    let width: usize = if rest.is_empty() {
        0
    } else {
        rest.parse().ok()?
    };
    let width = width.min(100);
    Some(match kind {
        'D' | 'd' => {
            let digits = format!("{:0width$}", n.unsigned_abs());
            if n < 0 { format!("-{digits}") } else { digits }
        }
        'X' => format!("{n:0width$X}"),
        'x' => format!("{n:0width$x}"),
        'N' | 'n' => {
            let digits = n.unsigned_abs().to_string();
            let mut grouped = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    grouped.push(',');
                }
                grouped.push(c);
            }
            let sign = if n < 0 { "-" } else { "" };
            if width > 0 {
                format!("{sign}{grouped}.{}", "0".repeat(width))
            } else {
                format!("{sign}{grouped}")
            }
        }
        _ => return None,
    })
}

fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `uri(base, relative)` as .NET's `Uri(Uri, string)` combines them for the usual cases.
fn combine_uri(base: &str, relative: &str) -> Option<String> {
    if relative.contains("://") {
        return Some(relative.to_string());
    }
    let scheme_end = base.find("://")? + 3;
    let path_start = base[scheme_end..].find('/').map(|i| i + scheme_end);
    if let Some(rest) = relative.strip_prefix('/') {
        let authority_end = path_start.unwrap_or(base.len());
        return Some(format!("{}/{rest}", &base[..authority_end]));
    }
    if path_start.is_none() {
        return Some(format!("{base}/{relative}"));
    }
    let cut = base.rfind('/').unwrap_or(base.len());
    Some(format!("{}/{relative}", &base[..cut]))
}

impl<'c> Evaluator<'c> {
    pub fn new(ctx: &'c mut dyn Context) -> Self {
        Evaluator {
            ctx,
            locals: Vec::new(),
            depth: 0,
        }
    }

    /// Evaluates `e`; errors carry the byte range of the failing node in the string value.
    pub fn eval(&mut self, e: &Expr) -> Result<Dyn, ExprError> {
        self.ctx
            .step()
            .map_err(|m| ExprError::new(e.start, e.end, m))?;
        match &e.kind {
            ExprKind::String(s) => Ok(Dyn::string(s.clone())),
            ExprKind::Int(n) => Ok(int(*n)),
            ExprKind::Property(base, name) => {
                let b = self.eval(base)?;
                match &b.kind {
                    DynKind::Unknown => Ok(Dyn::unknown()),
                    DynKind::Map(m) => property(m, name).cloned().ok_or_else(|| {
                        ExprError::new(
                            e.start,
                            e.end,
                            format!("the object has no property `{name}`"),
                        )
                    }),
                    _ => Err(ExprError::new(
                        e.start,
                        e.end,
                        format!("cannot read property `{name}` of {}", type_name(&b)),
                    )),
                }
            }
            ExprKind::Index(base, index) => {
                let b = self.eval(base)?;
                let i = self.eval(index)?;
                self.index(&b, &i)
                    .map_err(|m| ExprError::new(e.start, e.end, m))
            }
            ExprKind::Call {
                namespace,
                name,
                args,
            } => self.call(e, namespace.as_deref(), name, args),
        }
    }

    fn index(&self, b: &Dyn, i: &Dyn) -> FnResult {
        match (&b.kind, &i.kind) {
            (DynKind::Unknown, _) | (_, DynKind::Unknown) => unknown(),
            (DynKind::List(l), DynKind::Number(n)) if n.fract() == 0.0 => {
                let idx = *n as i64;
                usize::try_from(idx)
                    .ok()
                    .and_then(|u| l.get(u))
                    .cloned()
                    .ok_or_else(|| {
                        format!(
                            "index {idx} is out of range (the array has {} items)",
                            l.len()
                        )
                    })
            }
            (DynKind::Map(m), DynKind::String(k)) => property(m, k)
                .cloned()
                .ok_or_else(|| format!("the object has no property `{k}`")),
            _ => Err(format!(
                "cannot index {} with {}",
                type_name(b),
                type_name(i)
            )),
        }
    }

    fn lambda_parts<'e>(
        &self,
        func: &str,
        e: &'e Expr,
        arity: std::ops::RangeInclusive<usize>,
    ) -> Result<(Vec<String>, &'e Expr), ExprError> {
        let err = |m: String| ExprError::new(e.start, e.end, m);
        let ExprKind::Call {
            namespace: None,
            name,
            args,
        } = &e.kind
        else {
            return Err(err(format!("`{func}` expects a lambda")));
        };
        if !name.eq_ignore_ascii_case("lambda") {
            return Err(err(format!("`{func}` expects a lambda, not `{name}(…)`")));
        }
        let Some((body, params)) = args.split_last() else {
            return Err(err("`lambda` needs a body".into()));
        };
        let names = params
            .iter()
            .map(|p| match &p.kind {
                ExprKind::String(s) => Ok(s.to_string()),
                _ => Err(ExprError::new(
                    p.start,
                    p.end,
                    "lambda parameters are string literals",
                )),
            })
            .collect::<Result<Vec<_>, _>>()?;
        if !arity.contains(&names.len()) {
            return Err(err(format!(
                "`{func}` expects a lambda of {} to {} parameters, not {}",
                arity.start(),
                arity.end(),
                names.len()
            )));
        }
        Ok((names, body))
    }

    fn apply(&mut self, names: &[String], values: &[Dyn], body: &Expr) -> Result<Dyn, ExprError> {
        if self.depth >= MAX_CALL_DEPTH {
            return Err(ExprError::new(
                body.start,
                body.end,
                format!("lambdas nested deeper than {MAX_CALL_DEPTH}"),
            ));
        }
        let mark = self.locals.len();
        for (n, v) in names.iter().zip(values) {
            self.locals.push((n.clone(), v.clone()));
        }
        self.depth += 1;
        let r = self.eval(body);
        self.depth -= 1;
        self.locals.truncate(mark);
        r
    }

    /// The higher-order functions: their lambdas are evaluated per item.
    fn lambda_call(&mut self, e: &Expr, name: &str, args: &[Expr]) -> Result<Dyn, ExprError> {
        let err = |m: String| ExprError::new(e.start, e.end, m);
        let want = |n: usize| -> Result<(), ExprError> {
            if args.len() == n {
                Ok(())
            } else {
                Err(ExprError::new(
                    e.start,
                    e.end,
                    format!("`{name}` takes {n} arguments, not {}", args.len()),
                ))
            }
        };
        let lname = name.to_ascii_lowercase();
        if lname == "toobject" {
            if !(2..=3).contains(&args.len()) {
                return Err(err(format!("`{name}` takes 2 or 3 arguments")));
            }
        } else if lname == "reduce" {
            want(3)?;
        } else {
            want(2)?;
        }
        let input = self.eval(&args[0])?;
        if input.is_unknown() {
            return Ok(Dyn::unknown());
        }
        let v = self.lambda_apply(e, name, &lname, args, &input)?;
        self.ctx
            .check_size(&v)
            .map_err(|m| ExprError::new(e.start, e.end, m))?;
        Ok(v)
    }

    fn lambda_apply(
        &mut self,
        e: &Expr,
        name: &str,
        lname: &str,
        args: &[Expr],
        input: &Dyn,
    ) -> Result<Dyn, ExprError> {
        let err = |m: String| ExprError::new(e.start, e.end, m);
        match lname {
            "mapvalues" => {
                let m = want_map(name, 0, input).map_err(err)?.clone();
                let (names, body) = self.lambda_parts(name, &args[1], 1..=1)?;
                let mut out = IndexMap::new();
                for (k, v) in &m {
                    out.insert(
                        k.clone(),
                        self.apply(&names, std::slice::from_ref(v), body)?,
                    );
                }
                return Ok(Dyn::map(out));
            }
            "reduce" => {
                let items = want_list(name, 0, input).map_err(err)?.to_vec();
                let mut acc = self.eval(&args[1])?;
                let (names, body) = self.lambda_parts(name, &args[2], 2..=3)?;
                for (i, item) in items.iter().enumerate() {
                    acc = self.apply(&names, &[acc, item.clone(), int(i as i64)], body)?;
                }
                return Ok(acc);
            }
            _ => {}
        }
        let items = want_list(name, 0, input).map_err(err)?.to_vec();
        match lname {
            "filter" => {
                let (names, body) = self.lambda_parts(name, &args[1], 1..=2)?;
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let keep = self.apply(&names, &[item.clone(), int(i as i64)], body)?;
                    match keep.kind {
                        DynKind::Bool(true) => out.push(item.clone()),
                        DynKind::Bool(false) => {}
                        DynKind::Unknown => return Ok(Dyn::unknown()),
                        _ => return Err(err("`filter`'s lambda must return a bool".into())),
                    }
                }
                Ok(Dyn::list(out))
            }
            "map" => {
                let (names, body) = self.lambda_parts(name, &args[1], 1..=2)?;
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(self.apply(&names, &[item.clone(), int(i as i64)], body)?);
                }
                Ok(Dyn::list(out))
            }
            "sort" => {
                let (names, body) = self.lambda_parts(name, &args[1], 2..=2)?;
                // Insertion sort: the comparator is an expression that may fail or be Unknown.
                let mut out: Vec<Dyn> = Vec::with_capacity(items.len());
                for item in items {
                    let mut pos = out.len();
                    while pos > 0 {
                        let less =
                            self.apply(&names, &[item.clone(), out[pos - 1].clone()], body)?;
                        match less.kind {
                            DynKind::Bool(true) => pos -= 1,
                            DynKind::Bool(false) => break,
                            DynKind::Unknown => return Ok(Dyn::unknown()),
                            _ => return Err(err("`sort`'s lambda must return a bool".into())),
                        }
                    }
                    out.insert(pos, item);
                }
                Ok(Dyn::list(out))
            }
            "groupby" => {
                let (names, body) = self.lambda_parts(name, &args[1], 1..=1)?;
                let mut groups: IndexMap<String, Vec<Dyn>> = IndexMap::new();
                for item in items {
                    let key = self.apply(&names, std::slice::from_ref(&item), body)?;
                    if key.is_unknown() {
                        return Ok(Dyn::unknown());
                    }
                    let key = scalar_text(&key)
                        .ok_or_else(|| err("`groupBy`'s key must be a string".into()))?;
                    groups.entry(key).or_default().push(item);
                }
                Ok(Dyn::map(
                    groups.into_iter().map(|(k, v)| (k, Dyn::list(v))).collect(),
                ))
            }
            "toobject" => {
                let (knames, kbody) = self.lambda_parts(name, &args[1], 1..=1)?;
                let value_lambda = match args.get(2) {
                    Some(a) => Some(self.lambda_parts(name, a, 1..=1)?),
                    None => None,
                };
                let mut out = IndexMap::new();
                for item in items {
                    let key = self.apply(&knames, std::slice::from_ref(&item), kbody)?;
                    if key.is_unknown() {
                        return Ok(Dyn::unknown());
                    }
                    let key = key
                        .as_str()
                        .ok_or_else(|| err("`toObject`'s key must be a string".into()))?
                        .to_string();
                    let value = match &value_lambda {
                        Some((vn, vb)) => self.apply(vn, std::slice::from_ref(&item), vb)?,
                        None => item,
                    };
                    out.insert(key, value);
                }
                Ok(Dyn::map(out))
            }
            _ => Err(err(format!("`{name}` is not a lambda function"))),
        }
    }

    /// `and` and `or` stop at the first deciding argument, as ARM does (templates guard a
    /// property access with a test before it). After an Unknown argument, a later one that
    /// fails counts as Unknown: the deployment might never evaluate it.
    fn short_circuit(
        &mut self,
        e: &Expr,
        name: &str,
        lname: &str,
        args: &[Expr],
    ) -> Result<Dyn, ExprError> {
        let decisive = lname == "or";
        if args.is_empty() {
            return Err(ExprError::new(
                e.start,
                e.end,
                format!("`{name}` takes at least 1 argument"),
            ));
        }
        let mut unknown_seen = false;
        for (i, a) in args.iter().enumerate() {
            let v = match self.eval(a) {
                Ok(v) => v,
                Err(_) if unknown_seen => continue,
                Err(err) => return Err(err),
            };
            if v.is_unknown() {
                unknown_seen = true;
                continue;
            }
            match want_bool(name, i, &v) {
                Ok(b) if b == decisive => return Ok(Dyn::bool(decisive)),
                Ok(_) => {}
                Err(_) if unknown_seen => {}
                Err(m) => return Err(ExprError::new(a.start, a.end, m)),
            }
        }
        Ok(if unknown_seen {
            Dyn::unknown()
        } else {
            Dyn::bool(!decisive)
        })
    }

    fn call(
        &mut self,
        e: &Expr,
        namespace: Option<&str>,
        name: &str,
        args: &[Expr],
    ) -> Result<Dyn, ExprError> {
        let at = |m: String| ExprError::new(e.start, e.end, m);
        let lname = name.to_ascii_lowercase();
        // Functions whose arguments are not all evaluated up front.
        if namespace.is_none() {
            match lname.as_str() {
                "if" => {
                    if args.len() != 3 {
                        return Err(at(format!("`if` takes 3 arguments, not {}", args.len())));
                    }
                    let c = self.eval(&args[0])?;
                    return match c.kind {
                        DynKind::Bool(true) => self.eval(&args[1]),
                        DynKind::Bool(false) => self.eval(&args[2]),
                        DynKind::Unknown => Ok(Dyn::unknown()),
                        _ => Err(at(format!(
                            "`if` expects a bool condition, not {}",
                            type_name(&c)
                        ))),
                    };
                }
                "and" | "or" => return self.short_circuit(e, name, &lname, args),
                "filter" | "map" | "reduce" | "sort" | "toobject" | "groupby" | "mapvalues" => {
                    return self.lambda_call(e, name, args);
                }
                "lambda" => {
                    return Err(at(
                        "a lambda can only be an argument of filter, map, reduce, sort, \
                         toObject, groupBy or mapValues"
                            .into(),
                    ));
                }
                "lambdavariables" => {
                    let [arg] = args else {
                        return Err(at("`lambdaVariables` takes 1 argument".into()));
                    };
                    let v = self.eval(arg)?;
                    let n = want_str(name, 0, &v).map_err(at)?;
                    return self
                        .locals
                        .iter()
                        .rev()
                        .find(|(k, _)| k == n)
                        .map(|(_, v)| v.clone())
                        .ok_or_else(|| at(format!("no lambda variable `{n}` in scope")));
                }
                _ => {}
            }
        }
        let mut values = Vec::with_capacity(args.len());
        for a in args {
            values.push(self.eval(a)?);
        }
        if let Some(ns) = namespace {
            if self.depth >= MAX_CALL_DEPTH {
                return Err(at(format!(
                    "user-defined functions nested deeper than {MAX_CALL_DEPTH}"
                )));
            }
            self.depth += 1;
            let r = self.ctx.user_function(ns, name, values);
            self.depth -= 1;
            let v = match r {
                Some(r) => r.map_err(at)?,
                None => return Err(at(format!("unknown function `{ns}.{name}`"))),
            };
            self.ctx.check_size(&v).map_err(at)?;
            return Ok(v);
        }
        self.call_builtin(name, values).map_err(at)
    }

    /// Calls the built-in function `name` (any case) on evaluated arguments, checking the
    /// size of what it builds. The entry point for Bicep, whose functions are ARM's: the
    /// functions taking lambdas, `parameters`, `variables` and `copyIndex` are the
    /// caller's to handle (they go through the [`Context`]).
    pub fn call_builtin(&mut self, name: &str, values: Vec<Dyn>) -> Result<Dyn, String> {
        let lname = name.to_ascii_lowercase();
        let v = self.builtin(&lname, name, values)?;
        if matches!(
            lname.as_str(),
            "createarray"
                | "array"
                | "createobject"
                | "union"
                | "concat"
                | "range"
                | "flatten"
                | "items"
                | "shallowmerge"
                | "json"
                | "base64tojson"
                | "format"
                | "replace"
                | "string"
        ) {
            self.ctx.check_size(&v)?;
        }
        Ok(v)
    }

    /// The built-in functions, by lowercase name.
    fn builtin(&mut self, lname: &str, name: &str, a: Vec<Dyn>) -> FnResult {
        let n = a.len();
        let arity = |min: usize, max: usize| -> Result<(), String> {
            if n < min || n > max {
                Err(if min == max {
                    format!("`{name}` takes {min} argument(s), not {n}")
                } else if max == usize::MAX {
                    format!("`{name}` takes at least {min} argument(s), not {n}")
                } else {
                    format!("`{name}` takes {min} to {max} arguments, not {n}")
                })
            } else {
                Ok(())
            }
        };
        let any_unknown = a.iter().any(Dyn::is_unknown);
        match lname {
            // ---- deployment ----
            "parameters" | "variables" => {
                arity(1, 1)?;
                if any_unknown {
                    return Err(format!("`{name}` needs a name known before deployment"));
                }
                let key = want_str(name, 0, &a[0])?;
                if lname == "parameters" {
                    self.ctx.parameter(key)
                } else {
                    self.ctx.variable(key)
                }
            }
            "copyindex" => {
                arity(0, 2)?;
                if any_unknown {
                    return unknown();
                }
                let (loop_name, offset) = match a.as_slice() {
                    [] => (None, 0),
                    [x] if x.as_str().is_some() => (x.as_str(), 0),
                    [x] => (None, want_int(name, 0, x)?),
                    [x, y] => (Some(want_str(name, 0, x)?), want_int(name, 1, y)?),
                    _ => (None, 0),
                };
                Ok(match self.ctx.copy_index(loop_name)? {
                    Some(i) => int(i.saturating_add(offset)),
                    None => Dyn::unknown(),
                })
            }
            "deployment" => {
                arity(0, 0)?;
                Ok(self.ctx.deployment())
            }
            "environment" | "resourcegroup" | "subscription" | "managementgroup" | "tenant" => {
                arity(0, 2)?;
                unknown()
            }
            "reference" | "pickzones" | "providers" | "newguid" | "utcnow" | "roledefinitions" => {
                unknown()
            }
            l if l.starts_with("list") => unknown(),
            "fail" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                Err(format!(
                    "the template calls fail(): {}",
                    scalar_text(&a[0]).unwrap_or_default()
                ))
            }
            // ---- resource ids ----
            "resourceid"
            | "subscriptionresourceid"
            | "tenantresourceid"
            | "managementgroupresourceid"
            | "extensionresourceid" => {
                arity(1, usize::MAX)?;
                Ok(resource_id(lname, &a))
            }
            // ---- logical ----
            "true" => {
                arity(0, 0)?;
                Ok(Dyn::bool(true))
            }
            "false" => {
                arity(0, 0)?;
                Ok(Dyn::bool(false))
            }
            "null" => {
                arity(0, 0)?;
                Ok(Dyn::null())
            }
            "not" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                Ok(Dyn::bool(!want_bool(name, 0, &a[0])?))
            }
            "bool" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                match &a[0].kind {
                    DynKind::Bool(b) => Ok(Dyn::bool(*b)),
                    // Documented: "true" in any case is true, any other string false.
                    DynKind::String(s) => Ok(Dyn::bool(s.eq_ignore_ascii_case("true"))),
                    DynKind::Number(x) => Ok(Dyn::bool(*x != 0.0)),
                    _ => Err(format!("`bool` cannot convert {}", type_name(&a[0]))),
                }
            }
            "coalesce" => {
                arity(1, usize::MAX)?;
                for v in &a {
                    match v.kind {
                        DynKind::Unknown => return unknown(),
                        DynKind::Null => {}
                        _ => return Ok(v.clone()),
                    }
                }
                Ok(Dyn::null())
            }
            // ---- comparison ----
            "equals" => {
                arity(2, 2)?;
                Ok(equal(&a[0], &a[1]).map_or_else(Dyn::unknown, Dyn::bool))
            }
            "less" | "lessorequals" | "greater" | "greaterorequals" => {
                arity(2, 2)?;
                if any_unknown {
                    return unknown();
                }
                let ord = match (&a[0].kind, &a[1].kind) {
                    (DynKind::Number(x), DynKind::Number(y)) => {
                        x.partial_cmp(y).unwrap_or(Ordering::Equal)
                    }
                    (DynKind::String(x), DynKind::String(y)) => x.cmp(y),
                    _ => {
                        return Err(format!(
                            "`{name}` compares two integers or two strings, not {} and {}",
                            type_name(&a[0]),
                            type_name(&a[1])
                        ));
                    }
                };
                Ok(Dyn::bool(match lname {
                    "less" => ord == Ordering::Less,
                    "lessorequals" => ord != Ordering::Greater,
                    "greater" => ord == Ordering::Greater,
                    _ => ord != Ordering::Less,
                }))
            }
            // ---- numeric ----
            "add" | "sub" | "mul" | "div" | "mod" => {
                arity(2, 2)?;
                if any_unknown {
                    return unknown();
                }
                let x = want_int(name, 0, &a[0])?;
                let y = want_int(name, 1, &a[1])?;
                let r = match lname {
                    "add" => x.checked_add(y),
                    "sub" => x.checked_sub(y),
                    "mul" => x.checked_mul(y),
                    "div" if y == 0 => return Err("`div` by zero".into()),
                    "div" => x.checked_div(y),
                    _ if y == 0 => return Err("`mod` by zero".into()),
                    _ => x.checked_rem(y),
                };
                r.map(int).ok_or_else(|| format!("`{name}` overflows"))
            }
            "int" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                match &a[0].kind {
                    DynKind::Number(x) => Ok(int(x.trunc() as i64)),
                    DynKind::String(s) => s
                        .trim()
                        .parse::<i64>()
                        .map(int)
                        .map_err(|_| format!("`int` cannot convert `{s}`")),
                    DynKind::Bool(b) => Ok(int(i64::from(*b))),
                    _ => Err(format!("`int` cannot convert {}", type_name(&a[0]))),
                }
            }
            "float" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                a[0].as_f64()
                    .map(Dyn::number)
                    .ok_or_else(|| format!("`float` cannot convert {}", type_name(&a[0])))
            }
            "min" | "max" => {
                arity(1, usize::MAX)?;
                if any_unknown {
                    return unknown();
                }
                let items: Vec<Dyn> = match a.as_slice() {
                    [one] if one.as_list().is_some() => one.as_list().unwrap_or(&[]).to_vec(),
                    _ => a.clone(),
                };
                let mut best: Option<i64> = None;
                for (i, v) in items.iter().enumerate() {
                    if v.is_unknown() {
                        return unknown();
                    }
                    let x = want_int(name, i, v)?;
                    best = Some(match best {
                        None => x,
                        Some(b) if lname == "min" => b.min(x),
                        Some(b) => b.max(x),
                    });
                }
                best.map(int)
                    .ok_or_else(|| format!("`{name}` of an empty array"))
            }
            "range" => {
                arity(2, 2)?;
                if any_unknown {
                    return unknown();
                }
                let start = want_int(name, 0, &a[0])?;
                let count = want_int(name, 1, &a[1])?;
                if !(0..=MAX_RANGE).contains(&count) {
                    return Err(format!(
                        "`range` count must be between 0 and {MAX_RANGE}, not {count}"
                    ));
                }
                if start.checked_add(count).is_none() {
                    return Err("`range` overflows".into());
                }
                for _ in 0..count / 64 {
                    self.ctx.step()?;
                }
                Ok(Dyn::list((start..start + count).map(int).collect()))
            }
            // ---- arrays and objects ----
            "array" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                Ok(match &a[0].kind {
                    DynKind::List(_) => a[0].clone(),
                    _ => Dyn::list(vec![a[0].clone()]),
                })
            }
            "createarray" => Ok(Dyn::list(a)),
            "createobject" => {
                if !n.is_multiple_of(2) {
                    return Err("`createObject` takes key and value pairs".into());
                }
                let mut m = IndexMap::new();
                let mut it = a.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    if k.is_unknown() {
                        return unknown();
                    }
                    let k = k
                        .as_str()
                        .ok_or_else(|| "`createObject` keys must be strings".to_string())?
                        .to_string();
                    m.insert(k, v);
                }
                Ok(Dyn::map(m))
            }
            "union" => {
                arity(1, usize::MAX)?;
                if any_unknown {
                    return unknown();
                }
                if a.iter().all(|v| v.as_map().is_some() || v.is_null()) {
                    let mut m = IndexMap::new();
                    for v in a.iter().filter_map(Dyn::as_map) {
                        merge_objects(&mut m, v);
                    }
                    return Ok(Dyn::map(m));
                }
                let mut out: Vec<Dyn> = Vec::new();
                for (i, v) in a.iter().enumerate() {
                    if v.is_null() {
                        continue;
                    }
                    for item in want_list(name, i, v)? {
                        if item.contains_unknown() {
                            return unknown();
                        }
                        if !out.iter().any(|o| equal(o, item) == Some(true)) {
                            out.push(item.clone());
                        }
                    }
                }
                Ok(Dyn::list(out))
            }
            "intersection" => {
                arity(2, usize::MAX)?;
                if a.iter().any(Dyn::contains_unknown) {
                    return unknown();
                }
                if a.iter().all(|v| v.as_map().is_some()) {
                    let mut m = want_map(name, 0, &a[0])?.clone();
                    for other in a[1..].iter().filter_map(Dyn::as_map) {
                        m.retain(|k, v| other.get(k).is_some_and(|o| equal(o, v) == Some(true)));
                    }
                    return Ok(Dyn::map(m));
                }
                let mut out: Vec<Dyn> = Vec::new();
                for item in want_list(name, 0, &a[0])? {
                    let mut everywhere = true;
                    for (i, other) in a[1..].iter().enumerate() {
                        if !want_list(name, i + 1, other)?
                            .iter()
                            .any(|o| equal(o, item) == Some(true))
                        {
                            everywhere = false;
                        }
                    }
                    if everywhere && !out.iter().any(|o| equal(o, item) == Some(true)) {
                        out.push(item.clone());
                    }
                }
                Ok(Dyn::list(out))
            }
            "flatten" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                let mut out = Vec::new();
                for (i, item) in want_list(name, 0, &a[0])?.iter().enumerate() {
                    match &item.kind {
                        DynKind::List(l) => out.extend(l.iter().cloned()),
                        DynKind::Unknown => return unknown(),
                        _ => {
                            return Err(format!(
                                "`flatten` expects an array of arrays (item {i} is {})",
                                type_name(item)
                            ));
                        }
                    }
                }
                Ok(Dyn::list(out))
            }
            "items" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                let m = want_map(name, 0, &a[0])?;
                let mut entries: Vec<(&String, &Dyn)> = m.iter().collect();
                entries.sort_by(|x, y| lower(x.0).cmp(&lower(y.0)).then(x.0.cmp(y.0)));
                Ok(Dyn::list(
                    entries
                        .into_iter()
                        .map(|(k, v)| {
                            let mut o = IndexMap::new();
                            o.insert("key".to_string(), Dyn::string(k.as_str()));
                            o.insert("value".to_string(), v.clone());
                            Dyn::map(o)
                        })
                        .collect(),
                ))
            }
            "objectkeys" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                Ok(Dyn::list(
                    want_map(name, 0, &a[0])?
                        .keys()
                        .map(|k| Dyn::string(k.as_str()))
                        .collect(),
                ))
            }
            "shallowmerge" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                let mut m = IndexMap::new();
                for (i, v) in want_list(name, 0, &a[0])?.iter().enumerate() {
                    match &v.kind {
                        DynKind::Unknown => return unknown(),
                        DynKind::Null => {}
                        _ => m.extend(
                            want_map(name, i, v)?
                                .iter()
                                .map(|(k, v)| (k.clone(), v.clone())),
                        ),
                    }
                }
                Ok(Dyn::map(m))
            }
            "tryget" => {
                arity(2, usize::MAX)?;
                let mut cur = a[0].clone();
                for key in &a[1..] {
                    cur = match (&cur.kind, &key.kind) {
                        (DynKind::Unknown, _) | (_, DynKind::Unknown) => return unknown(),
                        (DynKind::Null, _) => return Ok(Dyn::null()),
                        (DynKind::Map(m), DynKind::String(k)) => {
                            property(m, k).cloned().unwrap_or_else(Dyn::null)
                        }
                        (DynKind::List(l), DynKind::Number(i)) if i.fract() == 0.0 => {
                            usize::try_from(*i as i64)
                                .ok()
                                .and_then(|u| l.get(u))
                                .cloned()
                                .unwrap_or_else(Dyn::null)
                        }
                        _ => {
                            return Err(format!(
                                "`tryGet` cannot look up {} in {}",
                                type_name(key),
                                type_name(&cur)
                            ));
                        }
                    };
                }
                Ok(cur)
            }
            "indexfromend" | "tryindexfromend" => {
                arity(2, 2)?;
                if any_unknown {
                    return unknown();
                }
                let l = want_list(name, 0, &a[0])?;
                let i = want_int(name, 1, &a[1])?;
                let pos = usize::try_from(i)
                    .ok()
                    .filter(|i| *i >= 1)
                    .and_then(|i| l.len().checked_sub(i));
                match pos.and_then(|p| l.get(p)) {
                    Some(v) => Ok(v.clone()),
                    None if lname == "tryindexfromend" => Ok(Dyn::null()),
                    None => Err(format!(
                        "`indexFromEnd`: {i} is out of range (the array has {} items)",
                        l.len()
                    )),
                }
            }
            // ---- strings and collections ----
            "concat" => {
                if any_unknown {
                    return unknown();
                }
                if a.iter().all(|v| v.as_list().is_some() || v.is_null()) && n > 0 {
                    let mut out = Vec::new();
                    for v in a.iter().filter_map(Dyn::as_list) {
                        out.extend(v.iter().cloned());
                    }
                    return Ok(Dyn::list(out));
                }
                let mut s = String::new();
                for (i, v) in a.iter().enumerate() {
                    s.push_str(&scalar_text(v).ok_or_else(|| {
                        format!(
                            "`concat` joins strings or arrays, not {} (argument {})",
                            type_name(v),
                            i + 1
                        )
                    })?);
                }
                Ok(Dyn::string(s))
            }
            "format" => {
                arity(1, usize::MAX)?;
                if a[0].is_unknown() {
                    return unknown();
                }
                let f = want_str(name, 0, &a[0])?;
                Ok(composite_format(f, &a[1..])?.map_or_else(Dyn::unknown, Dyn::string))
            }
            "string" => {
                arity(1, 1)?;
                Ok(to_text(&a[0]).map_or_else(Dyn::unknown, Dyn::string))
            }
            "length" => {
                arity(1, 1)?;
                Ok(match &a[0].kind {
                    DynKind::Unknown => Dyn::unknown(),
                    DynKind::String(s) => int(s.encode_utf16().count() as i64),
                    DynKind::List(l) => int(l.len() as i64),
                    DynKind::Map(m) => int(m.len() as i64),
                    DynKind::Null => int(0),
                    _ => return Err(format!("`length` of {}", type_name(&a[0]))),
                })
            }
            "empty" => {
                arity(1, 1)?;
                Ok(match &a[0].kind {
                    DynKind::Unknown => Dyn::unknown(),
                    DynKind::String(s) => Dyn::bool(s.is_empty()),
                    DynKind::List(l) => Dyn::bool(l.is_empty()),
                    DynKind::Map(m) => Dyn::bool(m.is_empty()),
                    DynKind::Null => Dyn::bool(true),
                    _ => return Err(format!("`empty` of {}", type_name(&a[0]))),
                })
            }
            "contains" => {
                arity(2, 2)?;
                if any_unknown {
                    return unknown();
                }
                match (&a[0].kind, &a[1].kind) {
                    (DynKind::String(s), _) => {
                        let needle = scalar_text(&a[1]).ok_or_else(|| {
                            "`contains` looks for a string in a string".to_string()
                        })?;
                        Ok(Dyn::bool(s.contains(needle.as_str())))
                    }
                    (DynKind::Map(m), DynKind::String(k)) => {
                        Ok(Dyn::bool(property(m, k).is_some()))
                    }
                    (DynKind::List(l), _) => {
                        let mut unknown_seen = false;
                        for item in l.iter() {
                            match equal(item, &a[1]) {
                                Some(true) => return Ok(Dyn::bool(true)),
                                None => unknown_seen = true,
                                Some(false) => {}
                            }
                        }
                        Ok(if unknown_seen {
                            Dyn::unknown()
                        } else {
                            Dyn::bool(false)
                        })
                    }
                    _ => Err(format!(
                        "`contains` cannot look for {} in {}",
                        type_name(&a[1]),
                        type_name(&a[0])
                    )),
                }
            }
            "first" | "last" => {
                arity(1, 1)?;
                Ok(match &a[0].kind {
                    DynKind::Unknown => Dyn::unknown(),
                    DynKind::String(s) => {
                        let c = if lname == "first" {
                            s.chars().next()
                        } else {
                            s.chars().next_back()
                        };
                        Dyn::string(c.map(String::from).unwrap_or_default())
                    }
                    DynKind::List(l) => {
                        let v = if lname == "first" {
                            l.first()
                        } else {
                            l.last()
                        };
                        v.cloned().unwrap_or_else(Dyn::null)
                    }
                    _ => return Err(format!("`{name}` of {}", type_name(&a[0]))),
                })
            }
            "skip" | "take" => {
                arity(2, 2)?;
                if any_unknown {
                    return unknown();
                }
                let count = want_int(name, 1, &a[1])?.max(0) as usize;
                match &a[0].kind {
                    DynKind::String(s) => {
                        let cs = chars_of(s);
                        let count = count.min(cs.len());
                        let part: String = if lname == "skip" {
                            cs[count..].iter().collect()
                        } else {
                            cs[..count].iter().collect()
                        };
                        Ok(Dyn::string(part))
                    }
                    DynKind::List(l) => {
                        let count = count.min(l.len());
                        Ok(Dyn::list(if lname == "skip" {
                            l[count..].to_vec()
                        } else {
                            l[..count].to_vec()
                        }))
                    }
                    _ => Err(format!("`{name}` of {}", type_name(&a[0]))),
                }
            }
            "indexof" | "lastindexof" => {
                arity(2, 2)?;
                if any_unknown {
                    return unknown();
                }
                if let Some(l) = a[0].as_list() {
                    let found = if lname == "indexof" {
                        l.iter().position(|x| equal(x, &a[1]) == Some(true))
                    } else {
                        l.iter().rposition(|x| equal(x, &a[1]) == Some(true))
                    };
                    if found.is_none() && l.iter().any(Dyn::contains_unknown) {
                        return unknown();
                    }
                    return Ok(int(found.map_or(-1, |i| i as i64)));
                }
                let s = lower(want_str(name, 0, &a[0])?);
                let t = lower(want_str(name, 1, &a[1])?);
                let found = if lname == "indexof" {
                    s.find(&t)
                } else {
                    s.rfind(&t)
                };
                Ok(int(
                    found.map_or(-1, |b| s[..b].encode_utf16().count() as i64)
                ))
            }
            "startswith" | "endswith" => {
                arity(2, 2)?;
                if any_unknown {
                    return unknown();
                }
                let s = lower(want_str(name, 0, &a[0])?);
                let t = lower(want_str(name, 1, &a[1])?);
                Ok(Dyn::bool(if lname == "startswith" {
                    s.starts_with(&t)
                } else {
                    s.ends_with(&t)
                }))
            }
            "substring" => {
                arity(2, 3)?;
                if any_unknown {
                    return unknown();
                }
                let cs = chars_of(want_str(name, 0, &a[0])?);
                let start = want_int(name, 1, &a[1])?;
                let len = match a.get(2) {
                    Some(l) => want_int(name, 2, l)?,
                    None => cs.len() as i64 - start,
                };
                let end = start.checked_add(len).unwrap_or(i64::MAX);
                if start < 0 || len < 0 || end > cs.len() as i64 {
                    return Err(format!(
                        "`substring`: start {start} and length {len} are outside a string of {} characters",
                        cs.len()
                    ));
                }
                Ok(Dyn::string(
                    cs[start as usize..end as usize].iter().collect::<String>(),
                ))
            }
            "replace" => {
                arity(3, 3)?;
                if any_unknown {
                    return unknown();
                }
                let s = want_str(name, 0, &a[0])?;
                let old = want_str(name, 1, &a[1])?;
                let new = want_str(name, 2, &a[2])?;
                if old.is_empty() {
                    return Err("`replace`: the text to replace is empty".into());
                }
                Ok(Dyn::string(s.replace(old, new)))
            }
            "split" => {
                arity(2, 2)?;
                if any_unknown {
                    return unknown();
                }
                let s = want_str(name, 0, &a[0])?;
                let delims: Vec<String> = match &a[1].kind {
                    DynKind::String(d) => vec![d.to_string()],
                    DynKind::List(l) => l
                        .iter()
                        .map(|d| d.as_str().map(str::to_string))
                        .collect::<Option<_>>()
                        .ok_or_else(|| "`split` delimiters must be strings".to_string())?,
                    _ => return Err("`split` takes a string or an array of delimiters".into()),
                };
                let delims: Vec<&str> = delims
                    .iter()
                    .map(String::as_str)
                    .filter(|d| !d.is_empty())
                    .collect();
                let mut parts = Vec::new();
                let mut rest = s;
                loop {
                    let next = delims
                        .iter()
                        .filter_map(|d| rest.find(d).map(|i| (i, d.len())))
                        .min();
                    if let Some((i, len)) = next {
                        parts.push(Dyn::string(&rest[..i]));
                        rest = &rest[i + len..];
                    } else {
                        parts.push(Dyn::string(rest));
                        break;
                    }
                }
                Ok(Dyn::list(parts))
            }
            "join" => {
                arity(2, 2)?;
                if a.iter().any(Dyn::contains_unknown) {
                    return unknown();
                }
                let items = want_list(name, 0, &a[0])?;
                let d = want_str(name, 1, &a[1])?;
                let parts = items
                    .iter()
                    .map(scalar_text)
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| "`join` joins strings, integers and bools".to_string())?;
                Ok(Dyn::string(parts.join(d)))
            }
            "tolower" | "toupper" | "trim" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                let s = want_str(name, 0, &a[0])?;
                Ok(Dyn::string(match lname {
                    "tolower" => s.to_lowercase(),
                    "toupper" => s.to_uppercase(),
                    _ => s.trim().to_string(),
                }))
            }
            "padleft" => {
                arity(2, 3)?;
                if any_unknown {
                    return unknown();
                }
                let s = scalar_text(&a[0])
                    .ok_or_else(|| "`padLeft` pads a string or an integer".to_string())?;
                let width = want_int(name, 1, &a[1])?;
                if !(0..=16_000).contains(&width) {
                    return Err(format!("`padLeft`: length {width} is out of range"));
                }
                let pad = match a.get(2) {
                    Some(p) => {
                        let p = want_str(name, 2, p)?;
                        let mut cs = p.chars();
                        match (cs.next(), cs.next()) {
                            (Some(c), None) => c,
                            _ => return Err("`padLeft` pads with a single character".into()),
                        }
                    }
                    None => ' ',
                };
                let len = s.chars().count();
                let fill: String =
                    std::iter::repeat_n(pad, (width as usize).saturating_sub(len)).collect();
                Ok(Dyn::string(format!("{fill}{s}")))
            }
            "uniquestring" | "guid" => {
                arity(1, usize::MAX)?;
                if any_unknown {
                    return unknown();
                }
                let parts = a
                    .iter()
                    .enumerate()
                    .map(|(i, v)| want_str(name, i, v))
                    .collect::<Result<Vec<_>, _>>()?;
                let joined = parts.join("-");
                Ok(Dyn::string(if lname == "guid" {
                    hash::guid(&joined)
                } else {
                    hash::unique_string(&joined)
                }))
            }
            "base64" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                Ok(Dyn::string(hash::base64_encode(
                    want_str(name, 0, &a[0])?.as_bytes(),
                )))
            }
            "base64tostring" | "base64tojson" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                let bytes = hash::base64_decode(want_str(name, 0, &a[0])?)
                    .ok_or_else(|| format!("`{name}`: not base64"))?;
                let text =
                    String::from_utf8(bytes).map_err(|_| format!("`{name}`: not UTF-8 text"))?;
                if lname == "base64tostring" {
                    Ok(Dyn::string(text))
                } else {
                    parse_json_value(&text, name)
                }
            }
            "json" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                parse_json_value(want_str(name, 0, &a[0])?, name)
            }
            "datauri" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                let s = to_text(&a[0]).unwrap_or_default();
                Ok(Dyn::string(format!(
                    "data:text/plain;charset=utf8;base64,{}",
                    hash::base64_encode(s.as_bytes())
                )))
            }
            "datauritostring" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                let s = want_str(name, 0, &a[0])?;
                let (head, data) = s
                    .strip_prefix("data:")
                    .and_then(|r| r.split_once(','))
                    .ok_or_else(|| "`dataUriToString`: not a data URI".to_string())?;
                if head.ends_with(";base64") {
                    let bytes = hash::base64_decode(data)
                        .ok_or_else(|| "`dataUriToString`: not base64".to_string())?;
                    String::from_utf8(bytes)
                        .map(Dyn::string)
                        .map_err(|_| "`dataUriToString`: not UTF-8 text".to_string())
                } else {
                    percent_decode(data)
                        .map(Dyn::string)
                        .ok_or_else(|| "`dataUriToString`: bad escape".to_string())
                }
            }
            "uri" => {
                arity(2, 2)?;
                if any_unknown {
                    return unknown();
                }
                let base = want_str(name, 0, &a[0])?;
                let rel = want_str(name, 1, &a[1])?;
                combine_uri(base, rel)
                    .map(Dyn::string)
                    .ok_or_else(|| format!("`uri`: `{base}` is not an absolute URI"))
            }
            "uricomponent" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                Ok(Dyn::string(percent_encode(want_str(name, 0, &a[0])?)))
            }
            "uricomponenttostring" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                percent_decode(want_str(name, 0, &a[0])?)
                    .map(Dyn::string)
                    .ok_or_else(|| "`uriComponentToString`: bad escape".to_string())
            }
            // ---- dates ----
            "datetimeadd" => {
                arity(2, 3)?;
                if any_unknown {
                    return unknown();
                }
                let base = want_str(name, 0, &a[0])?;
                let at = datetime::parse(base)
                    .ok_or_else(|| format!("`dateTimeAdd`: `{base}` is not a date"))?;
                let d = want_str(name, 1, &a[1])?;
                let r = datetime::add_duration(at, d)
                    .ok_or_else(|| format!("`dateTimeAdd`: `{d}` is not an ISO 8601 duration"))?;
                let f = a.get(2).map(|f| want_str(name, 2, f)).transpose()?;
                datetime::format(r, f)
                    .map(Dyn::string)
                    .ok_or_else(|| "`dateTimeAdd`: the date is out of range".to_string())
            }
            "datetimefromepoch" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                let secs = want_int(name, 0, &a[0])?;
                datetime::iso(datetime::Instant { secs, nanos: 0 })
                    .map(Dyn::string)
                    .ok_or_else(|| "`dateTimeFromEpoch`: out of range".to_string())
            }
            "datetimetoepoch" => {
                arity(1, 1)?;
                if any_unknown {
                    return unknown();
                }
                let s = want_str(name, 0, &a[0])?;
                datetime::parse(s)
                    .map(|t| int(t.secs))
                    .ok_or_else(|| format!("`dateTimeToEpoch`: `{s}` is not a date"))
            }
            _ => Err(format!("unknown function `{name}`")),
        }
    }
}

fn parse_json_value(text: &str, name: &str) -> FnResult {
    serde_json::from_str::<serde_json::Value>(text)
        .map(|j| Dyn::from_json(&j, None))
        .map_err(|e| format!("`{name}`: not JSON ({e})"))
}

/// `resourceId` and its relatives: a string when every segment is known (`tenantResourceId`
/// usually is), otherwise Unknown with the [`resource_key`] as `source_ref` when the type and
/// name are known, and the parts as `encoded`.
fn resource_id(lname: &str, a: &[Dyn]) -> Dyn {
    // Split the arguments into the scope part and the type with its names.
    let type_at = |from: usize| -> Option<usize> {
        (from..a.len()).find(|&i| {
            a[i].as_str()
                .is_some_and(|s| s.contains('/') && !s.starts_with('/'))
        })
    };
    let (scope_args, type_index): (&[Dyn], Option<usize>) = match lname {
        "extensionresourceid" => (&a[..1], (a.len() > 1).then_some(1)),
        "tenantresourceid" => (&[], Some(0)),
        _ => match type_at(0) {
            Some(i) if i <= 2 => (&a[..i], Some(i)),
            _ => (&[], None),
        },
    };
    let Some(ti) = type_index else {
        return Dyn::unknown();
    };
    let Some(rtype) = a.get(ti).and_then(Dyn::as_str) else {
        return Dyn::unknown();
    };
    let names = &a[ti + 1..];
    let name_text: Option<Vec<String>> = names.iter().map(scalar_text_known).collect();
    let name_joined = name_text.as_ref().map(|n| n.join("/"));
    let mut segments = String::new();
    if let Some(ns) = &name_text {
        let mut types = rtype.split('/');
        let provider = types.next().unwrap_or_default();
        segments.push_str(&format!("/providers/{provider}"));
        for (t, n) in types.zip(ns.iter()) {
            segments.push_str(&format!("/{t}/{n}"));
        }
    }
    // The scope prefix, when known.
    let scope: Option<String> = match lname {
        "tenantresourceid" => Some(String::new()),
        "extensionresourceid" => scope_args
            .first()
            .and_then(Dyn::as_str)
            .map(|s| s.trim_end_matches('/').to_string()),
        "subscriptionresourceid" => match scope_args {
            [sub] => sub.as_str().map(|s| format!("/subscriptions/{s}")),
            _ => None,
        },
        "managementgroupresourceid" => match scope_args {
            [mg] => mg
                .as_str()
                .map(|s| format!("/providers/Microsoft.Management/managementGroups/{s}")),
            _ => None,
        },
        _ => match scope_args {
            [sub, rg] => match (sub.as_str(), rg.as_str()) {
                (Some(s), Some(r)) => Some(format!("/subscriptions/{s}/resourceGroups/{r}")),
                _ => None,
            },
            _ => None,
        },
    };
    let mut encoded = IndexMap::new();
    encoded.insert(
        "scope".to_string(),
        scope.clone().map_or_else(Dyn::unknown, Dyn::string),
    );
    encoded.insert("type".to_string(), Dyn::string(rtype));
    encoded.insert(
        "name".to_string(),
        name_joined.clone().map_or_else(Dyn::unknown, Dyn::string),
    );
    let mut d = match (&scope, &name_text) {
        (Some(s), Some(_)) => Dyn::string(format!("{s}{segments}")),
        _ => Dyn::unknown(),
    };
    if let Some(n) = &name_joined {
        d.source_ref = Some(resource_key(rtype, n).into());
    }
    d.encoded = Some(Arc::new(Dyn::map(encoded)));
    d
}

fn scalar_text_known(d: &Dyn) -> Option<String> {
    match &d.kind {
        DynKind::String(s) => Some(s.to_string()),
        DynKind::Number(n) => Some(format_number(*n)),
        _ => None,
    }
}
