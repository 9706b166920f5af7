//! Module versions and version constraints, with Terraform's semantics (HashiCorp's
//! go-version, which Terraform uses for module `version` arguments):
//!
//! - a version has one or more numeric segments (`1`, `1.2`, `1.2.3`; missing ones are 0),
//!   an optional `v` prefix, a prerelease (`-beta.1`) and build metadata (`+abc`, ignored);
//! - a constraint is a comma-separated conjunction of `OP VERSION`, OP one of `=` (the
//!   default), `!=`, `>`, `>=`, `<`, `<=` and `~>`;
//! - `~> 1.2` allows `>= 1.2, < 2.0`, `~> 1.2.3` allows `>= 1.2.3, < 1.3.0`: every segment
//!   written but the last is fixed (so `~> 1` is `>= 1`);
//! - an ordering operator matches a prerelease only against a constraint version that is a
//!   prerelease of the same `MAJOR.MINOR.PATCH`; and, as `terraform init` does, a prerelease
//!   is selected only when an `=` constraint names it exactly;
//! - the highest version that matches wins.

use std::cmp::Ordering;

/// A module version as the registry lists it.
#[derive(Debug, Clone)]
pub struct Version {
    /// Numeric segments, padded with zeros to at least three.
    segments: Vec<u64>,
    /// How many segments were written.
    written: usize,
    /// The prerelease, without its `-`; empty for a release.
    prerelease: String,
    /// The text as given (used in download URLs and cache paths).
    original: String,
}

impl Version {
    pub fn parse(text: &str) -> Result<Version, String> {
        let bad = || format!("`{text}` is not a version");
        let s = text.trim();
        let s = s.strip_prefix('v').unwrap_or(s);
        let (s, metadata) = match s.split_once('+') {
            Some((a, m)) => (a, Some(m)),
            None => (s, None),
        };
        if let Some(m) = metadata
            && !is_dotted_identifiers(m)
        {
            return Err(bad());
        }
        let numeric_end = s
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(s.len());
        let (numbers, rest) = s.split_at(numeric_end);
        let mut segments = Vec::new();
        for part in numbers.split('.') {
            // Leading zeros are allowed by go-version; the value is what counts.
            segments.push(part.parse::<u64>().map_err(|_| bad())?);
        }
        let prerelease = match rest {
            "" => String::new(),
            // go-version also accepts `1.0beta` (a letter right after the numbers).
            r => {
                let p = r.strip_prefix('-').unwrap_or(r);
                if !is_dotted_identifiers(p) {
                    return Err(bad());
                }
                p.to_string()
            }
        };
        let written = segments.len();
        if written == 0 || written > 16 {
            return Err(bad());
        }
        while segments.len() < 3 {
            segments.push(0);
        }
        Ok(Version {
            segments,
            written,
            prerelease,
            original: text.trim().to_string(),
        })
    }

    pub fn is_prerelease(&self) -> bool {
        !self.prerelease.is_empty()
    }

    /// The version as the registry wrote it.
    pub fn as_str(&self) -> &str {
        &self.original
    }

    fn same_release(&self, other: &Version) -> bool {
        let n = self.segments.len().max(other.segments.len());
        (0..n).all(|i| self.segment(i) == other.segment(i))
    }

    fn segment(&self, i: usize) -> u64 {
        self.segments.get(i).copied().unwrap_or(0)
    }
}

fn is_dotted_identifiers(s: &str) -> bool {
    !s.is_empty()
        && s.split('.').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '~')
        })
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Version {}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        let n = self.segments.len().max(other.segments.len());
        for i in 0..n {
            match self.segment(i).cmp(&other.segment(i)) {
                Ordering::Equal => {}
                o => return o,
            }
        }
        compare_prereleases(&self.prerelease, &other.prerelease)
    }
}

/// A release sorts after its prereleases; prereleases compare identifier by identifier,
/// numbers numerically and below words, a shorter list first when one is a prefix.
fn compare_prereleases(a: &str, b: &str) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        (false, false) => {}
    }
    let mut left = a.split('.');
    let mut right = b.split('.');
    loop {
        match (left.next(), right.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let o = match (x.parse::<u64>(), y.parse::<u64>()) {
                    (Ok(m), Ok(n)) => m.cmp(&n),
                    (Ok(_), Err(_)) => Ordering::Less,
                    (Err(_), Ok(_)) => Ordering::Greater,
                    (Err(_), Err(_)) => x.cmp(y),
                };
                if o != Ordering::Equal {
                    return o;
                }
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operator {
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    Pessimistic,
}

#[derive(Debug, Clone)]
struct Clause {
    op: Operator,
    version: Version,
}

/// A `version` argument: clauses that must all hold.
#[derive(Debug, Clone)]
pub struct Constraint {
    clauses: Vec<Clause>,
}

impl Constraint {
    pub fn parse(text: &str) -> Result<Constraint, String> {
        let mut clauses = Vec::new();
        for part in text.split(',') {
            let part = part.trim();
            // Longer operators first: `>=` before `>`.
            let ops = [
                ("!=", Operator::NotEqual),
                (">=", Operator::GreaterOrEqual),
                ("<=", Operator::LessOrEqual),
                ("~>", Operator::Pessimistic),
                ("=", Operator::Equal),
                (">", Operator::Greater),
                ("<", Operator::Less),
            ];
            let (op, rest) = ops
                .iter()
                .find_map(|(p, op)| part.strip_prefix(p).map(|r| (*op, r)))
                .unwrap_or((Operator::Equal, part));
            let version = Version::parse(rest.trim())
                .map_err(|_| format!("malformed version constraint `{}`", text.trim()))?;
            clauses.push(Clause { op, version });
        }
        Ok(Constraint { clauses })
    }

    /// True when `v` satisfies every clause (go-version's `Check`).
    pub fn matches(&self, v: &Version) -> bool {
        self.clauses.iter().all(|c| c.matches(v))
    }

    /// True when an `=` clause names `v` exactly: the only way a prerelease is selected.
    fn names_exactly(&self, v: &Version) -> bool {
        self.clauses
            .iter()
            .any(|c| c.op == Operator::Equal && c.version == *v)
    }
}

impl Clause {
    fn matches(&self, v: &Version) -> bool {
        let c = &self.version;
        match self.op {
            Operator::Equal => v == c,
            Operator::NotEqual => v != c,
            Operator::Greater => prerelease_compatible(v, c) && v > c,
            Operator::GreaterOrEqual => prerelease_compatible(v, c) && v >= c,
            Operator::Less => prerelease_compatible(v, c) && v < c,
            Operator::LessOrEqual => prerelease_compatible(v, c) && v <= c,
            Operator::Pessimistic => {
                if !prerelease_compatible(v, c) || (c.is_prerelease() && !v.is_prerelease()) {
                    return false;
                }
                if v < c {
                    return false;
                }
                // Every written segment but the last is fixed.
                (0..c.written.saturating_sub(1)).all(|i| v.segment(i) == c.segment(i))
            }
        }
    }
}

/// go-version's `prereleaseCheck`: a prerelease only compares with a prerelease of the
/// same release; a release constraint never matches a prerelease.
fn prerelease_compatible(v: &Version, c: &Version) -> bool {
    match (v.is_prerelease(), c.is_prerelease()) {
        (true, true) => v.same_release(c),
        (true, false) => false,
        (false, _) => true,
    }
}

/// The highest of `available` that `constraint` allows (`None`: any release), as
/// `terraform init` picks it; versions that do not parse are skipped.
pub fn select<'a>(
    available: impl IntoIterator<Item = &'a str>,
    constraint: Option<&Constraint>,
) -> Option<Version> {
    available
        .into_iter()
        .filter_map(|s| Version::parse(s).ok())
        .filter(|v| match constraint {
            None => !v.is_prerelease(),
            Some(c) => c.matches(v) && (!v.is_prerelease() || c.names_exactly(v)),
        })
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allows(constraint: &str, version: &str) -> bool {
        let c = Constraint::parse(constraint).expect("constraint");
        let v = Version::parse(version).expect("version");
        c.matches(&v)
    }

    fn pick(constraint: Option<&str>, versions: &[&str]) -> Option<String> {
        let c = constraint.map(|c| Constraint::parse(c).expect("constraint"));
        select(versions.iter().copied(), c.as_ref()).map(|v| v.as_str().to_string())
    }

    #[test]
    fn versions_parse_and_order() {
        let v = |s| Version::parse(s).expect(s);
        assert_eq!(v("1.2"), v("1.2.0"));
        assert_eq!(v("v1.2.3"), v("1.2.3"));
        assert_eq!(v("1.2.3+build.5"), v("1.2.3"), "metadata is ignored");
        assert!(v("1.10.0") > v("1.9.9"));
        assert!(
            v("1.0.0") > v("1.0.0-rc.1"),
            "a release follows its prereleases"
        );
        assert!(
            v("1.0.0-beta.2") < v("1.0.0-beta.10"),
            "numeric identifiers"
        );
        assert!(v("1.0.0-alpha") < v("1.0.0-beta"));
        assert!(v("1.0.0-1") < v("1.0.0-alpha"), "numbers sort below words");
        assert!(
            v("1.0.0-alpha") < v("1.0.0-alpha.1"),
            "a prefix sorts first"
        );
        assert!(v("1.2.3.4") > v("1.2.3"));
        for bad in [
            "", "x", "1..2", "1.2.", "-1", "1.0-", "1.0+", "1.0-a..b", "1.0.0-é",
        ] {
            assert!(Version::parse(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn equality_and_inequality() {
        assert!(allows("1.2.3", "1.2.3"));
        assert!(allows("= 1.2.3", "1.2.3"));
        assert!(allows("=1.2", "1.2.0"));
        assert!(!allows("= 1.2.3", "1.2.4"));
        assert!(allows("!= 1.2.3", "1.2.4"));
        assert!(!allows("!= 1.2.3", "1.2.3"));
        assert!(allows("= 1.0.0-beta", "1.0.0-beta"));
        assert!(!allows("= 1.0.0-beta", "1.0.0"));
    }

    #[test]
    fn ordering_operators() {
        assert!(allows("> 1.0", "1.0.1"));
        assert!(!allows("> 1.0", "1.0.0"));
        assert!(allows(">= 1.0", "1.0.0"));
        assert!(!allows(">= 1.0", "0.9.9"));
        assert!(allows("< 2", "1.99.0"));
        assert!(!allows("< 2", "2.0.0"));
        assert!(allows("<= 2.0", "2.0.0"));
        assert!(!allows("<= 2.0", "2.0.1"));
        assert!(allows(">=1.0,<2.0", "1.5.0"), "no spaces");
        assert!(allows(">= 1.0, < 2.0, != 1.4.0", "1.5.0"));
        assert!(!allows(">= 1.0, < 2.0, != 1.4.0", "1.4.0"));
        assert!(!allows(">= 1.0, < 2.0", "2.0.0"));
    }

    #[test]
    fn pessimistic_two_and_three_parts() {
        // Two parts: the minor may grow, the major is fixed.
        assert!(allows("~> 1.2", "1.2.0"));
        assert!(allows("~> 1.2", "1.10.5"));
        assert!(!allows("~> 1.2", "2.0.0"));
        assert!(!allows("~> 1.2", "1.1.9"));
        // Three parts: only the patch may grow.
        assert!(allows("~> 1.2.3", "1.2.3"));
        assert!(allows("~> 1.2.3", "1.2.10"));
        assert!(!allows("~> 1.2.3", "1.3.0"));
        assert!(!allows("~> 1.2.3", "1.2.2"));
        // One part: nothing is fixed (go-version), so it is `>= 1`.
        assert!(allows("~> 1", "1.0.0"));
        assert!(allows("~> 1", "3.1.0"));
        assert!(!allows("~> 1", "0.9.0"));
        assert!(allows("~>4.0", "4.6.1"));
        assert!(!allows("~> 4.0", "5.0.0"));
        assert!(allows("~> 0.1.0", "0.1.9"));
        assert!(!allows("~> 0.1.0", "0.2.0"));
    }

    #[test]
    fn prereleases_only_against_prereleases_of_the_same_release() {
        assert!(!allows(">= 1.0", "1.1.0-beta"), "a release constraint");
        assert!(!allows("~> 1.0", "1.1.0-beta"));
        assert!(allows(">= 1.1.0-alpha", "1.1.0-beta"), "same release");
        assert!(!allows(">= 1.1.0-alpha", "1.2.0-beta"), "other release");
        assert!(allows(">= 1.1.0-alpha", "1.2.0"), "a release still matches");
        assert!(allows("~> 1.1.0-alpha", "1.1.0-beta"));
        assert!(
            !allows("~> 1.1.0-alpha", "1.1.1"),
            "pessimistic: prereleases only"
        );
    }

    #[test]
    fn malformed_constraints_are_errors() {
        for bad in ["", ">=", "~> x", "1.0,", ">= 1.0 < 2.0", "=> 1.0", "^1.0"] {
            assert!(
                Constraint::parse(bad).is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn selection_takes_the_highest_match() {
        let all = [
            "3.0.0",
            "4.0.0",
            "4.1.0",
            "4.10.2",
            "4.2.0",
            "5.0.0-rc1",
            "5.0.0",
            "x",
        ];
        assert_eq!(pick(Some("~> 4.0"), &all).as_deref(), Some("4.10.2"));
        assert_eq!(pick(Some("~> 4.1.0"), &all).as_deref(), Some("4.1.0"));
        assert_eq!(pick(Some("< 4.2"), &all).as_deref(), Some("4.1.0"));
        assert_eq!(pick(None, &all).as_deref(), Some("5.0.0"));
        assert_eq!(pick(Some("> 5.0.0"), &all), None);
        assert_eq!(
            pick(Some(">= 3.0, != 4.10.2, < 5"), &all).as_deref(),
            Some("4.2.0")
        );
    }

    #[test]
    fn prereleases_are_selected_only_when_named_exactly() {
        let all = ["1.0.0", "1.1.0-beta1", "1.1.0-beta2"];
        assert_eq!(pick(None, &all).as_deref(), Some("1.0.0"));
        assert_eq!(pick(Some(">= 1.0"), &all).as_deref(), Some("1.0.0"));
        assert_eq!(
            pick(Some(">= 1.1.0-beta1"), &all),
            None,
            "a range never selects one"
        );
        assert_eq!(
            pick(Some("= 1.1.0-beta1"), &all).as_deref(),
            Some("1.1.0-beta1")
        );
        assert_eq!(
            pick(Some("1.1.0-beta2"), &all).as_deref(),
            Some("1.1.0-beta2")
        );
    }
}
