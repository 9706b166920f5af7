//! String functions, including `format`/`formatlist` (Go's printf verbs as Terraform
//! accepts them) and the regular-expression functions.

use super::encoding::{NOT_KNOWN, json_quote};
use super::{
    FnResult, any_unknown, arity, char_len, check_len, check_str_len, clusters, integer, known,
    list, string,
};
use crate::dynvalue::{Dyn, DynKind, format_number};
use indexmap::IndexMap;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;

/// Longest regular expression accepted (patterns are written by hand).
pub const MAX_PATTERN_LEN: usize = 16 * 1024;
/// Compiled-program size limit of one regular expression.
const REGEX_SIZE_LIMIT: usize = 4 * 1024 * 1024;
/// Widest field or longest precision a `format` verb may ask for.
const MAX_FORMAT_WIDTH: usize = 64 * 1024;

fn str1(a: &[Dyn], f: impl Fn(&str) -> String) -> FnResult {
    arity(a, 1, Some(1))?;
    let s = known!(string(&a[0], "the string"));
    Ok(Dyn::string(f(&s)))
}

pub(super) fn lower(a: &[Dyn]) -> FnResult {
    str1(a, str::to_lowercase)
}

pub(super) fn upper(a: &[Dyn]) -> FnResult {
    str1(a, str::to_uppercase)
}

pub(super) fn chomp(a: &[Dyn]) -> FnResult {
    str1(a, |s| s.trim_end_matches(['\r', '\n']).to_string())
}

pub(super) fn trimspace(a: &[Dyn]) -> FnResult {
    str1(a, |s| s.trim().to_string())
}

pub(super) fn strrev(a: &[Dyn]) -> FnResult {
    str1(a, |s| {
        let parts: Vec<&str> = clusters(s).collect();
        parts.into_iter().rev().collect()
    })
}

/// Go's `strings.Title`: upper-cases the first letter of each word.
pub(super) fn title(a: &[Dyn]) -> FnResult {
    fn separator(c: char) -> bool {
        if c.is_ascii() {
            return !(c.is_ascii_alphanumeric() || c == '_');
        }
        if c.is_alphabetic() || c.is_numeric() {
            return false;
        }
        c.is_whitespace()
    }
    str1(a, |s| {
        let mut out = String::with_capacity(s.len());
        let mut prev = ' ';
        for c in s.chars() {
            if separator(prev) {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            prev = c;
        }
        out
    })
}

fn str2(a: &[Dyn], second: &str, f: impl Fn(&str, &str) -> Dyn) -> FnResult {
    arity(a, 2, Some(2))?;
    let s = known!(string(&a[0], "the string"));
    let t = known!(string(&a[1], second));
    Ok(f(&s, &t))
}

pub(super) fn startswith(a: &[Dyn]) -> FnResult {
    str2(a, "the prefix", |s, p| Dyn::bool(s.starts_with(p)))
}

pub(super) fn endswith(a: &[Dyn]) -> FnResult {
    str2(a, "the suffix", |s, p| Dyn::bool(s.ends_with(p)))
}

pub(super) fn strcontains(a: &[Dyn]) -> FnResult {
    str2(a, "the substring", |s, p| Dyn::bool(s.contains(p)))
}

pub(super) fn trim(a: &[Dyn]) -> FnResult {
    str2(a, "the cutset", |s, cut| {
        Dyn::string(s.trim_matches(|c| cut.contains(c)))
    })
}

pub(super) fn trimprefix(a: &[Dyn]) -> FnResult {
    str2(a, "the prefix", |s, p| {
        Dyn::string(s.strip_prefix(p).unwrap_or(s))
    })
}

pub(super) fn trimsuffix(a: &[Dyn]) -> FnResult {
    str2(a, "the suffix", |s, p| {
        Dyn::string(s.strip_suffix(p).unwrap_or(s))
    })
}

pub(super) fn indent(a: &[Dyn]) -> FnResult {
    arity(a, 2, Some(2))?;
    let n = known!(integer(&a[0], "the number of spaces"));
    let s = known!(string(&a[1], "the string"));
    let n = usize::try_from(n).map_err(|_| "the number of spaces must not be negative")?;
    let lines = s.matches('\n').count();
    if lines == 0 {
        return Ok(Dyn::string(&*s));
    }
    check_str_len(
        lines.saturating_mul(n).saturating_add(s.len()),
        "the indented string",
    )?;
    let pad = format!("\n{}", " ".repeat(n));
    Ok(Dyn::string(s.replace('\n', &pad)))
}

/// `substr(string, offset, length)`: offsets and lengths count characters; a negative
/// offset counts from the end, a negative length takes the rest.
pub(super) fn substr(a: &[Dyn]) -> FnResult {
    arity(a, 3, Some(3))?;
    let s = known!(string(&a[0], "the string"));
    let offset = known!(integer(&a[1], "the offset"));
    let length = known!(integer(&a[2], "the length"));
    let mut offset = offset;
    if offset < 0 {
        offset = offset.saturating_add(char_len(&s) as i64).max(0);
    } else if length == 0 {
        return Ok(Dyn::string(""));
    }
    let skip = usize::try_from(offset).unwrap_or(usize::MAX);
    let mut parts = clusters(&s).skip(skip);
    let out: String = if length < 0 {
        parts.collect()
    } else {
        let take = usize::try_from(length).unwrap_or(usize::MAX);
        parts.by_ref().take(take).collect()
    };
    Ok(Dyn::string(out))
}

/// `split(separator, string)` with Go's rules: an empty separator splits into characters.
pub(super) fn split(a: &[Dyn]) -> FnResult {
    arity(a, 2, Some(2))?;
    let sep = known!(string(&a[0], "the separator"));
    let s = known!(string(&a[1], "the string"));
    let parts: Vec<Dyn> = if sep.is_empty() {
        check_len(s.chars().count(), "the split result")?;
        s.chars().map(|c| Dyn::string(c.to_string())).collect()
    } else {
        check_len(s.matches(&*sep).count() + 1, "the split result")?;
        s.split(&*sep).map(Dyn::string).collect()
    };
    Ok(Dyn::list(parts))
}

/// `join(separator, list...)`.
pub(super) fn join(a: &[Dyn]) -> FnResult {
    arity(a, 2, None)?;
    let sep = known!(string(&a[0], "the separator"));
    let mut lists = Vec::with_capacity(a.len() - 1);
    for (i, l) in a[1..].iter().enumerate() {
        lists.push(known!(list(l, &format!("argument {}", i + 2))));
    }
    // Elements must be primitives, so only the elements themselves can be unknown.
    if lists.iter().any(|l| l.iter().any(Dyn::is_unknown)) {
        return Ok(Dyn::unknown());
    }
    let mut parts: Vec<String> = Vec::new();
    let mut total = 0usize;
    for (li, l) in lists.iter().enumerate() {
        for (ei, v) in l.iter().enumerate() {
            let what = if lists.len() > 1 {
                format!("element {ei} of list {}", li + 1)
            } else {
                format!("element {ei}")
            };
            let s = string(v, &what)?.unwrap_or_default().into_owned();
            total = total.saturating_add(s.len()).saturating_add(sep.len());
            check_str_len(total, "the joined string")?;
            parts.push(s);
        }
    }
    Ok(Dyn::string(parts.join(&sep)))
}

// ---- regular expressions ---------------------------------------------------------------------

thread_local! {
    static REGEX_CACHE: RefCell<HashMap<String, regex::Regex>> = RefCell::new(HashMap::new());
}

/// Compiles a pattern (RE2 syntax, as Terraform uses), refusing huge ones.
pub(crate) fn compile(pattern: &str) -> Result<regex::Regex, String> {
    if pattern.len() > MAX_PATTERN_LEN {
        return Err(format!(
            "the pattern is {} bytes long, more than the limit of {MAX_PATTERN_LEN}",
            pattern.len()
        ));
    }
    if let Some(re) = REGEX_CACHE.with(|c| c.borrow().get(pattern).cloned()) {
        return Ok(re);
    }
    let re = regex::RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| format!("invalid regular expression: {e}"))?;
    REGEX_CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= 128 {
            c.clear();
        }
        c.insert(pattern.to_string(), re.clone());
    });
    Ok(re)
}

/// What one match becomes: the matched text, a list of the groups, or a map of the named
/// groups (unmatched groups are null).
#[derive(Clone, Copy)]
enum Shape {
    Whole,
    Unnamed,
    Named,
}

fn shape(re: &regex::Regex) -> Result<Shape, String> {
    let mut named = 0;
    let mut unnamed = 0;
    for n in re.capture_names().skip(1) {
        if n.is_some() {
            named += 1;
        } else {
            unnamed += 1;
        }
    }
    match (named, unnamed) {
        (0, 0) => Ok(Shape::Whole),
        (0, _) => Ok(Shape::Unnamed),
        (_, 0) => Ok(Shape::Named),
        _ => Err("invalid regular expression: cannot mix named and unnamed capture groups".into()),
    }
}

fn match_value(re: &regex::Regex, caps: &regex::Captures<'_>, shape: Shape) -> Dyn {
    let group = |m: Option<regex::Match<'_>>| match m {
        Some(m) => Dyn::string(m.as_str()),
        None => Dyn::null(),
    };
    match shape {
        Shape::Whole => group(caps.get(0)),
        Shape::Unnamed => Dyn::list((1..caps.len()).map(|i| group(caps.get(i))).collect()),
        Shape::Named => {
            let mut m = IndexMap::new();
            for (i, name) in re.capture_names().enumerate().skip(1) {
                if let Some(name) = name {
                    m.insert(name.to_string(), group(caps.get(i)));
                }
            }
            Dyn::map(m)
        }
    }
}

pub(super) fn regex(a: &[Dyn]) -> FnResult {
    arity(a, 2, Some(2))?;
    let pattern = known!(string(&a[0], "the pattern"));
    let re = compile(&pattern)?;
    let shape = shape(&re)?;
    let s = known!(string(&a[1], "the string"));
    match re.captures(&s) {
        Some(caps) => Ok(match_value(&re, &caps, shape)),
        None => Err("the pattern did not match any part of the string".to_string()),
    }
}

pub(super) fn regexall(a: &[Dyn]) -> FnResult {
    arity(a, 2, Some(2))?;
    let pattern = known!(string(&a[0], "the pattern"));
    let re = compile(&pattern)?;
    let shape = shape(&re)?;
    let s = known!(string(&a[1], "the string"));
    let mut out = Vec::new();
    for caps in re.captures_iter(&s) {
        out.push(match_value(&re, &caps, shape));
        check_len(out.len(), "the list of matches")?;
    }
    Ok(Dyn::list(out))
}

/// `replace(string, substring, replacement)`; a substring in slashes is a regular
/// expression and the replacement may use `$1` / `${name}`.
pub(super) fn replace(a: &[Dyn]) -> FnResult {
    arity(a, 3, Some(3))?;
    let s = known!(string(&a[0], "the string"));
    let sub = known!(string(&a[1], "the substring"));
    let rep = known!(string(&a[2], "the replacement"));
    if sub.len() > 1 && sub.starts_with('/') && sub.ends_with('/') {
        let re = compile(&sub[1..sub.len() - 1])?;
        let mut out = String::new();
        let mut last = 0;
        for caps in re.captures_iter(&s) {
            let Some(m) = caps.get(0) else { continue };
            out.push_str(&s[last..m.start()]);
            caps.expand(&rep, &mut out);
            last = m.end();
            check_str_len(out.len(), "the result")?;
        }
        out.push_str(&s[last..]);
        check_str_len(out.len(), "the result")?;
        return Ok(Dyn::string(out));
    }
    let n = if sub.is_empty() {
        s.chars().count() + 1
    } else {
        s.matches(&*sub).count()
    };
    check_str_len(
        n.saturating_mul(rep.len()).saturating_add(s.len()),
        "the result",
    )?;
    Ok(Dyn::string(s.replace(&*sub, &rep)))
}

// ---- format ----------------------------------------------------------------------------------

pub(super) fn format(a: &[Dyn]) -> FnResult {
    arity(a, 1, None)?;
    let spec = known!(string(&a[0], "the format"));
    let args = &a[1..];
    // Lists and objects print as JSON, which needs them wholly known.
    if any_unknown(args) == Some(true) {
        return Ok(Dyn::unknown());
    }
    match format_values(&spec, args) {
        Ok(s) => Ok(Dyn::string(s)),
        // A part too deep for the check above.
        Err(e) if e.ends_with(NOT_KNOWN) => Ok(Dyn::unknown()),
        Err(e) => Err(e),
    }
}

/// `formatlist(spec, values...)`: list arguments (all of one length) are iterated together,
/// other arguments repeat.
pub(super) fn formatlist(a: &[Dyn]) -> FnResult {
    arity(a, 1, None)?;
    let spec = known!(string(&a[0], "the format"));
    let args = &a[1..];
    let mut len: Option<(usize, usize)> = None;
    let mut unknown = false;
    for (i, v) in args.iter().enumerate() {
        match &v.kind {
            DynKind::Unknown => unknown = true,
            DynKind::List(l) => match len {
                None => len = Some((l.len(), i)),
                Some((n, j)) if n != l.len() => {
                    return Err(format!(
                        "argument {} has length {}, which is inconsistent with argument {} of length {n}",
                        i + 2,
                        l.len(),
                        j + 2
                    ));
                }
                Some(_) => {}
            },
            _ => {}
        }
    }
    if unknown {
        return Ok(Dyn::unknown());
    }
    let n = len.map_or(1, |(n, _)| n);
    check_len(n, "the formatted list")?;
    let mut out = Vec::with_capacity(n);
    let mut total = 0usize;
    for i in 0..n {
        let row: Vec<Dyn> = args
            .iter()
            .map(|v| match &v.kind {
                DynKind::List(l) => l.get(i).cloned().unwrap_or_else(Dyn::null),
                _ => v.clone(),
            })
            .collect();
        if any_unknown(&row) == Some(true) {
            out.push(Dyn::unknown());
            continue;
        }
        let s = match format_values(&spec, &row) {
            Ok(s) => s,
            Err(e) if e.ends_with(NOT_KNOWN) => {
                out.push(Dyn::unknown());
                continue;
            }
            Err(e) => return Err(format!("iteration {i}: {e}")),
        };
        total = total.saturating_add(s.len());
        check_str_len(total, "the formatted list")?;
        out.push(Dyn::string(s));
    }
    Ok(Dyn::list(out))
}

/// One `%` verb of a format string.
#[derive(Default)]
struct Verb<'a> {
    raw: &'a str,
    offset: usize,
    arg: usize,
    mode: char,
    zero: bool,
    sharp: bool,
    plus: bool,
    minus: bool,
    space: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

/// Formats `args` by `spec` as Terraform's `format` does.
fn format_values(spec: &str, args: &[Dyn]) -> Result<String, String> {
    let b = spec.as_bytes();
    let mut out = String::new();
    let mut next = 1usize;
    let mut used = 0usize;
    let mut i = 0usize;
    let mut lit_start = 0usize;
    while i < b.len() {
        if b[i] != b'%' {
            i += 1;
            continue;
        }
        out.push_str(&spec[lit_start..i]);
        let start = i;
        i += 1;
        if b.get(i) == Some(&b'%') {
            out.push('%');
            i += 1;
            lit_start = i;
            continue;
        }
        let invalid = || format!("invalid format string starting at offset {start}");
        let mut v = Verb {
            offset: start,
            arg: next,
            ..Verb::default()
        };
        while let Some(&c) = b.get(i) {
            match c {
                b'0' => v.zero = true,
                b'#' => v.sharp = true,
                b'-' => v.minus = true,
                b'+' => v.plus = true,
                b' ' => v.space = true,
                _ => break,
            }
            i += 1;
        }
        if b.get(i) == Some(&b'[') {
            i += 1;
            let (n, end) = read_num(b, i);
            if n.is_none_or(|n| n == 0) || b.get(end) != Some(&b']') || b.get(i) == Some(&b'0') {
                return Err(invalid());
            }
            v.arg = n.unwrap_or(0);
            i = end + 1;
        }
        if b.get(i) == Some(&b'*') {
            return Err(format!(
                "a width taken from an argument (*) is not supported, at offset {start}"
            ));
        }
        let (w, end) = read_num(b, i);
        v.width = w;
        i = end;
        if b.get(i) == Some(&b'.') {
            i += 1;
            if b.get(i) == Some(&b'*') {
                return Err(format!(
                    "a precision taken from an argument (*) is not supported, at offset {start}"
                ));
            }
            let (p, end) = read_num(b, i);
            v.prec = Some(p.unwrap_or(0));
            i = end;
        }
        if v.width.is_some_and(|w| w > MAX_FORMAT_WIDTH)
            || v.prec.is_some_and(|p| p > MAX_FORMAT_WIDTH)
        {
            return Err(format!(
                "the width or precision at offset {start} is over the limit of {MAX_FORMAT_WIDTH}"
            ));
        }
        let Some(&m) = b.get(i) else {
            return Err(invalid());
        };
        if !m.is_ascii_alphabetic() {
            let c = spec[i..].chars().next().unwrap_or('?');
            return Err(format!("unrecognized format character {c:?} at offset {i}"));
        }
        v.mode = m as char;
        i += 1;
        v.raw = &spec[start..i];
        lit_start = i;
        let Some(arg) = args.get(v.arg - 1) else {
            return Err(format!(
                "not enough arguments for \"{}\" at {start}: need index {} but have {} total",
                v.raw,
                v.arg,
                args.len()
            ));
        };
        used = used.max(v.arg);
        next = v.arg + 1;
        format_verb(&v, arg, &mut out)?;
        check_str_len(out.len(), "the formatted string")?;
    }
    out.push_str(&spec[lit_start..]);
    if used < args.len() {
        return Err(if used == 0 {
            "too many arguments; no verbs in format string".to_string()
        } else {
            format!("too many arguments; only {used} used by format string")
        });
    }
    Ok(out)
}

/// A decimal number starting at `i` (none if there are no digits), and where it ends.
fn read_num(b: &[u8], mut i: usize) -> (Option<usize>, usize) {
    let mut n: Option<usize> = None;
    while let Some(&c) = b.get(i) {
        if !c.is_ascii_digit() {
            break;
        }
        n = Some(
            n.unwrap_or(0)
                .saturating_mul(10)
                .saturating_add(usize::from(c - b'0')),
        );
        i += 1;
    }
    (n, i)
}

fn format_verb(v: &Verb<'_>, arg: &Dyn, out: &mut String) -> Result<(), String> {
    let unsupported =
        |why: &str| format!("unsupported value for \"{}\" at {}: {why}", v.raw, v.offset);
    if v.mode != 'v' && arg.is_null() {
        return Err(unsupported("null value cannot be formatted"));
    }
    match v.mode {
        'v' => {
            let s = match &arg.kind {
                DynKind::String(s) if !v.sharp => s.to_string(),
                DynKind::Number(n) if !v.sharp => format_number(*n),
                _ => super::encoding::json_text(arg).map_err(|e| unsupported(&e))?,
            };
            pad(v, &s, out);
        }
        't' => match super::boolean(arg, "the value") {
            Ok(Some(b)) => out.push_str(if b { "true" } else { "false" }),
            _ => return Err(unsupported("a bool is required")),
        },
        'b' | 'd' | 'o' | 'x' | 'X' | 'e' | 'E' | 'f' | 'g' | 'G' => {
            let Ok(Some(n)) = super::number(arg, "the value") else {
                return Err(unsupported("a number is required"));
            };
            let s = if matches!(v.mode, 'b' | 'd' | 'o' | 'x' | 'X') {
                if n.fract() != 0.0 {
                    return Err(unsupported("an integer is required"));
                }
                go_integer(v, n).ok_or_else(|| unsupported("the number is too large"))?
            } else {
                go_float(v, n)
            };
            out.push_str(&s);
        }
        's' | 'q' => {
            let Ok(Some(s)) = super::string(arg, "the value") else {
                return Err(unsupported("a string is required"));
            };
            let s: String = match v.prec {
                Some(p) if p > 0 => clusters(&s).take(p).collect(),
                _ => s.into_owned(),
            };
            if v.mode == 'q' {
                pad(v, &json_quote(&s), out);
            } else {
                pad(v, &s, out);
            }
        }
        m => {
            return Err(format!(
                "unsupported format verb '{m}' in \"{}\" at offset {}",
                v.raw, v.offset
            ));
        }
    }
    Ok(())
}

/// Pads to the verb's width (in characters).
fn pad(v: &Verb<'_>, s: &str, out: &mut String) {
    let len = char_len(s);
    let Some(w) = v.width.filter(|w| *w > len) else {
        out.push_str(s);
        return;
    };
    let fill = if v.zero { "0" } else { " " }.repeat(w - len);
    if v.minus {
        out.push_str(s);
        out.push_str(&fill);
    } else {
        out.push_str(&fill);
        out.push_str(s);
    }
}

/// Go's integer verbs (`%b %d %o %x %X`) with flags, width and precision.
fn go_integer(v: &Verb<'_>, n: f64) -> Option<String> {
    let neg = n < 0.0;
    let mag = n.abs();
    let mut digits = if mag < 1.7e38 {
        let m = mag as u128;
        match v.mode {
            'b' => format!("{m:b}"),
            'o' => format!("{m:o}"),
            'x' => format!("{m:x}"),
            'X' => format!("{m:X}"),
            _ => m.to_string(),
        }
    } else if v.mode == 'd' {
        format!("{mag:.0}")
    } else {
        return None;
    };
    let sign = if neg {
        "-"
    } else if v.plus {
        "+"
    } else if v.space {
        " "
    } else {
        ""
    };
    // Leading zeros: %.3d, or %03d (which leaves room for the sign).
    let mut min_digits = v.prec;
    if min_digits.is_none()
        && v.zero
        && !v.minus
        && let Some(w) = v.width
    {
        min_digits = Some(w.saturating_sub(sign.len()));
    }
    if v.prec == Some(0) && mag == 0.0 {
        digits.clear();
    }
    if let Some(p) = min_digits
        && digits.len() < p
    {
        digits = format!("{}{digits}", "0".repeat(p - digits.len()));
    }
    let prefix = match (v.sharp, v.mode) {
        (true, 'b') => "0b",
        (true, 'o') if !digits.starts_with('0') => "0",
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        _ => "",
    };
    let body = format!("{sign}{prefix}{digits}");
    let mut out = String::new();
    // The final padding is always spaces.
    let spaces = Verb {
        zero: false,
        minus: v.minus,
        width: v.width,
        ..Verb::default()
    };
    pad(&spaces, &body, &mut out);
    Some(out)
}

/// Decimal digits (no trailing zeros, at least one) and the decimal exponent of `x`'s
/// leading digit, rounded to `sig` significant digits (shortest round-trip when `None`).
fn digits_of(x: f64, sig: Option<usize>) -> (String, i32) {
    let text = match sig {
        Some(p) => format!("{:.*e}", p.saturating_sub(1), x.abs()),
        None => format!("{:e}", x.abs()),
    };
    let (mant, exp) = text.split_once('e').unwrap_or((&text, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    if digits == "0" {
        return (digits, 0);
    }
    (digits, exp)
}

/// `d.ddde±XX` from digits, with `frac` digits after the point.
fn fmt_e(digits: &str, exp: i32, frac: usize, upper: bool) -> String {
    let mut s = String::new();
    let mut it = digits.chars();
    s.push(it.next().unwrap_or('0'));
    if frac > 0 {
        s.push('.');
        let rest: Vec<char> = it.collect();
        for k in 0..frac {
            s.push(rest.get(k).copied().unwrap_or('0'));
        }
    }
    s.push(if upper { 'E' } else { 'e' });
    s.push(if exp < 0 { '-' } else { '+' });
    let _ = write!(s, "{:02}", exp.unsigned_abs());
    s
}

/// `ddd.ddd` from digits whose point sits after `dp` digits, with `frac` digits after it.
fn fmt_f(digits: &str, dp: i32, frac: usize) -> String {
    let d = digits.as_bytes();
    let at = |k: i32| -> char {
        usize::try_from(k)
            .ok()
            .and_then(|k| d.get(k))
            .map_or('0', |c| *c as char)
    };
    let mut s = String::new();
    if dp > 0 {
        for k in 0..dp {
            s.push(at(k));
        }
    } else {
        s.push('0');
    }
    if frac > 0 {
        s.push('.');
        for k in 0..frac as i32 {
            s.push(at(dp + k));
        }
    }
    s
}

/// Go's float verbs (`%e %E %f %g %G`) with flags, width and precision.
fn go_float(v: &Verb<'_>, x: f64) -> String {
    let upper = v.mode.is_ascii_uppercase();
    let body = match v.mode {
        'f' => format!("{:.*}", v.prec.unwrap_or(6), x.abs()),
        'e' | 'E' => {
            let p = v.prec.unwrap_or(6);
            let (digits, exp) = digits_of(x, Some(p + 1));
            fmt_e(&digits, exp, p, upper)
        }
        _ => {
            let shortest = v.prec.is_none();
            let (digits, exp) = digits_of(x, v.prec.map(|p| p.max(1)));
            let nd = digits.len() as i32;
            let dp = exp + 1;
            let mut prec = v.prec.map_or(nd, |p| p.max(1) as i32);
            let mut eprec = prec;
            if eprec > nd && nd >= dp {
                eprec = nd;
            }
            if shortest {
                eprec = 6;
            }
            if exp < -4 || exp >= eprec {
                if prec > nd {
                    prec = nd;
                }
                fmt_e(&digits, exp, (prec - 1).max(0) as usize, upper)
            } else {
                if prec > dp {
                    prec = nd;
                }
                fmt_f(&digits, dp, (prec - dp).max(0) as usize)
            }
        }
    };
    let sign = if x.is_sign_negative() && x != 0.0 {
        "-"
    } else if v.plus {
        "+"
    } else if v.space {
        " "
    } else {
        ""
    };
    let len = sign.len() + body.len();
    match v.width {
        Some(w) if w > len && v.zero && !v.minus => {
            format!("{sign}{}{body}", "0".repeat(w - len))
        }
        _ => {
            let mut out = String::new();
            let spaces = Verb {
                minus: v.minus,
                width: v.width,
                ..Verb::default()
            };
            pad(&spaces, &format!("{sign}{body}"), &mut out);
            out
        }
    }
}
