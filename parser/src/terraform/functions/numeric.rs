//! Numeric functions: `abs`, `ceil`, `floor`, `log`, `max`, `min`, `parseint`, `pow`,
//! `signum`, `sum`.

use super::{FnResult, arity, integer, known, list, number, string};
use crate::dynvalue::Dyn;

/// A finite result, or the error Terraform's arithmetic would end in.
fn finite(n: f64) -> FnResult {
    if n.is_finite() {
        Ok(Dyn::number(n))
    } else {
        Err("the result is not a finite number".to_string())
    }
}

fn unary(a: &[Dyn], f: impl Fn(f64) -> f64) -> FnResult {
    arity(a, 1, Some(1))?;
    let n = known!(number(&a[0], "the argument"));
    finite(f(n))
}

pub(super) fn abs(a: &[Dyn]) -> FnResult {
    unary(a, f64::abs)
}

pub(super) fn ceil(a: &[Dyn]) -> FnResult {
    unary(a, f64::ceil)
}

pub(super) fn floor(a: &[Dyn]) -> FnResult {
    unary(a, f64::floor)
}

pub(super) fn signum(a: &[Dyn]) -> FnResult {
    unary(a, |n| {
        if n > 0.0 {
            1.0
        } else if n < 0.0 {
            -1.0
        } else {
            0.0
        }
    })
}

pub(super) fn log(a: &[Dyn]) -> FnResult {
    arity(a, 2, Some(2))?;
    let n = known!(number(&a[0], "the number"));
    let base = known!(number(&a[1], "the base"));
    finite(n.ln() / base.ln())
}

pub(super) fn pow(a: &[Dyn]) -> FnResult {
    arity(a, 2, Some(2))?;
    let n = known!(number(&a[0], "the number"));
    let p = known!(number(&a[1], "the power"));
    finite(n.powf(p))
}

fn extreme(a: &[Dyn], pick: fn(f64, f64) -> f64) -> FnResult {
    if a.is_empty() {
        return Err("at least one number is required".to_string());
    }
    let mut nums = Vec::with_capacity(a.len());
    for (i, v) in a.iter().enumerate() {
        nums.push(number(v, &format!("argument {}", i + 1))?);
    }
    let mut out: Option<f64> = None;
    for n in nums {
        let Some(n) = n else {
            return Ok(Dyn::unknown());
        };
        out = Some(out.map_or(n, |m| pick(m, n)));
    }
    match out {
        Some(n) => finite(n),
        None => Ok(Dyn::unknown()),
    }
}

pub(super) fn max(a: &[Dyn]) -> FnResult {
    extreme(a, f64::max)
}

pub(super) fn min(a: &[Dyn]) -> FnResult {
    extreme(a, f64::min)
}

pub(super) fn sum(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let items = known!(list(&a[0], "the list"));
    if items.is_empty() {
        return Err("cannot sum an empty list".to_string());
    }
    let mut total = 0.0;
    let mut unknown = false;
    for (i, v) in items.iter().enumerate() {
        match number(v, &format!("element {i}"))? {
            Some(n) => total += n,
            None => unknown = true,
        }
    }
    if unknown {
        return Ok(Dyn::unknown());
    }
    finite(total)
}

/// The value of an ASCII digit in `base` (Go's big.Int rules: letters are case-insensitive
/// up to base 36; above it, `A`–`Z` are 36–61).
fn digit_value(c: char, base: u32) -> Option<u32> {
    let v = match c {
        '0'..='9' => c as u32 - '0' as u32,
        'a'..='z' => c as u32 - 'a' as u32 + 10,
        'A'..='Z' if base <= 36 => c as u32 - 'A' as u32 + 10,
        'A'..='Z' => c as u32 - 'A' as u32 + 36,
        _ => return None,
    };
    (v < base).then_some(v)
}

pub(super) fn parseint(a: &[Dyn]) -> FnResult {
    arity(a, 2, Some(2))?;
    let s = known!(string(&a[0], "the string"));
    let base = known!(integer(&a[1], "the base"));
    if !(2..=62).contains(&base) {
        return Err(format!("the base must be between 2 and 62, not {base}"));
    }
    let base = base as u32;
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(&s)),
    };
    let bad = || format!("cannot parse \"{s}\" as a base {base} integer");
    if digits.is_empty() {
        return Err(bad());
    }
    let mut n = 0.0f64;
    for c in digits.chars() {
        let d = digit_value(c, base).ok_or_else(bad)?;
        n = n * f64::from(base) + f64::from(d);
    }
    finite(if neg { -n } else { n })
}
