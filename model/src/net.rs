//! Address ranges: whether a set of CIDR blocks, taken together, is the whole internet.
//! `0.0.0.0/1` + `128.0.0.0/1` admits every IPv4 address as surely as `0.0.0.0/0` does.

use std::net::IpAddr;

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
