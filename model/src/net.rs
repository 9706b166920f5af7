//! Address ranges: whether a set of CIDR blocks, taken together, is the whole internet.
//! `0.0.0.0/1` + `128.0.0.0/1` admits every IPv4 address as surely as `0.0.0.0/0` does.

use crate::Value;
use std::net::IpAddr;

/// The ranges that are every address: `0.0.0.0/0` and `::/0`.
/// Ports of database and cache engines that should never face the internet: SQL Server,
/// Oracle, MySQL, PostgreSQL, Redis, Elasticsearch/OpenSearch, Memcached, MongoDB.
pub const DATABASE_PORTS: [i64; 8] = [1433, 1521, 3306, 5432, 6379, 9200, 11211, 27017];

pub const PUBLIC_RANGES: [&str; 2] = ["0.0.0.0/0", "::/0"];

/// An IP address family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    V4,
    V6,
}

impl Family {
    /// The range that is every address of the family.
    pub fn everything(self) -> &'static str {
        match self {
            Family::V4 => "0.0.0.0/0",
            Family::V6 => "::/0",
        }
    }
}

/// The first and last address of a CIDR block (`10.0.0.0/8`, `2001:db8::/32`; a bare
/// address is a single-address block). `None` when it is not a valid block.
pub fn cidr_bounds(cidr: &str) -> Option<(Family, u128, u128)> {
    let (addr, len) = match cidr.trim().split_once('/') {
        Some((a, l)) => (a, Some(l)),
        None => (cidr.trim(), None),
    };
    let (family, value, bits) = match addr.parse::<IpAddr>().ok()? {
        IpAddr::V4(a) => (Family::V4, u128::from(u32::from(a)), 32u32),
        IpAddr::V6(a) => (Family::V6, u128::from(a), 128u32),
    };
    let len = match len {
        Some(l) => l.parse::<u32>().ok().filter(|l| *l <= bits)?,
        None => bits,
    };
    let host_bits = bits - len;
    let host_mask = if host_bits == 128 {
        u128::MAX
    } else {
        (1u128 << host_bits) - 1
    };
    let start = value & !host_mask;
    Some((family, start, start | host_mask))
}

/// The family whose every address the blocks cover together, if any (IPv4 first). Blocks
/// that do not parse are left out: they can only add addresses, so leaving them out never
/// turns a private set public.
pub fn union_is_everything<'a>(cidrs: impl IntoIterator<Item = &'a str>) -> Option<Family> {
    let mut v4 = Vec::new();
    let mut v6 = Vec::new();
    for c in cidrs {
        match cidr_bounds(c) {
            Some((Family::V4, s, e)) => v4.push((s, e)),
            Some((Family::V6, s, e)) => v6.push((s, e)),
            None => {}
        }
    }
    if covers(v4, u128::from(u32::MAX)) {
        Some(Family::V4)
    } else if covers(v6, u128::MAX) {
        Some(Family::V6)
    } else {
        None
    }
}

/// True when the intervals cover `0..=last`.
fn covers(mut ranges: Vec<(u128, u128)>, last: u128) -> bool {
    ranges.sort_unstable();
    let mut next = 0u128;
    for (start, end) in ranges {
        if start > next {
            return false;
        }
        if end >= last {
            return true;
        }
        next = next.max(end + 1);
    }
    false
}

/// Where one or more ranges admit the whole internet.
#[derive(Debug, Clone)]
pub struct PublicSource<'a> {
    /// The range a finding points at: `0.0.0.0/0` itself, or the first of the ranges that
    /// together cover every address.
    pub at: &'a Value<String>,
    /// `0.0.0.0/0`, or `0.0.0.0/1, 128.0.0.0/1 (together every IPv4 address)`.
    pub describe: String,
}

/// How many of the ranges that make up the internet a message lists.
const SHOWN: usize = 4;

/// The internet among `ranges`: a range that is every address, or known ranges whose union
/// is (`0.0.0.0/1` + `128.0.0.0/1`). Unknown ranges are left out of the union.
pub fn public_source<'a>(
    ranges: impl IntoIterator<Item = &'a Value<String>> + Clone,
) -> Option<PublicSource<'a>> {
    if let Some(at) = ranges
        .clone()
        .into_iter()
        .find(|c| c.is_one_of(&PUBLIC_RANGES))
    {
        return Some(PublicSource {
            at,
            describe: at.as_str().unwrap_or_default().to_string(),
        });
    }
    let known = || {
        ranges
            .clone()
            .into_iter()
            .filter_map(|c| Some((c, c.as_str()?)))
    };
    let family = union_is_everything(known().map(|(_, s)| s))?;
    let members: Vec<(&Value<String>, &str)> = known()
        .filter(|(_, s)| cidr_bounds(s).is_some_and(|(f, _, _)| f == family))
        .collect();
    let (at, _) = *members.first()?;
    let mut listed: Vec<&str> = members.iter().take(SHOWN).map(|(_, s)| *s).collect();
    let more = members.len().saturating_sub(SHOWN);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    listed.dedup();
    let every = match family {
        Family::V4 => "IPv4",
        Family::V6 => "IPv6",
    };
    Some(PublicSource {
        at,
        describe: format!(
            "{}{more} (together every {every} address)",
            listed.join(", ")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_have_their_bounds() {
        assert_eq!(
            cidr_bounds("10.1.2.3/8"),
            Some((Family::V4, 0x0a00_0000, 0x0aff_ffff))
        );
        assert_eq!(
            cidr_bounds("0.0.0.0/0"),
            Some((Family::V4, 0, u128::from(u32::MAX)))
        );
        assert_eq!(cidr_bounds("::/0"), Some((Family::V6, 0, u128::MAX)));
        assert_eq!(
            cidr_bounds("192.0.2.7"),
            Some((Family::V4, 0xc000_0207, 0xc000_0207))
        );
        assert_eq!(cidr_bounds("10.0.0.0/33"), None);
        assert_eq!(cidr_bounds("not-a-cidr"), None);
        assert_eq!(cidr_bounds("${var.cidr}"), None);
    }

    #[test]
    fn unions_that_are_the_internet_are_recognised() {
        assert_eq!(union_is_everything(["0.0.0.0/0"]), Some(Family::V4));
        assert_eq!(
            union_is_everything(["0.0.0.0/1", "128.0.0.0/1"]),
            Some(Family::V4)
        );
        assert_eq!(
            union_is_everything(["128.0.0.0/2", "0.0.0.0/1", "192.0.0.0/2"]),
            Some(Family::V4)
        );
        assert_eq!(union_is_everything(["::/1", "8000::/1"]), Some(Family::V6));
        assert_eq!(union_is_everything(["0.0.0.0/1", "128.0.0.0/2"]), None);
        assert_eq!(
            union_is_everything(["0.0.0.0/1", "::/1", "10.0.0.0/8"]),
            None
        );
        assert_eq!(
            union_is_everything(["0.0.0.0/1", "x", "128.0.0.0/1"]),
            Some(Family::V4)
        );
        assert_eq!(union_is_everything(std::iter::empty()), None);
    }
}
