//! IP network functions: `cidrhost`, `cidrnetmask`, `cidrsubnet`, `cidrsubnets`, for IPv4
//! and IPv6 prefixes.

use super::{FnResult, arity, integer, known, string};
use crate::dynvalue::Dyn;
use std::net::{Ipv4Addr, Ipv6Addr};

/// A parsed prefix: its network address (host bits cleared), address width and length.
#[derive(Clone, Copy)]
struct Prefix {
    network: u128,
    bits: u32,
    len: u32,
}

impl Prefix {
    fn parse(s: &str) -> Result<Prefix, String> {
        let bad = || format!("invalid CIDR address \"{s}\"");
        let (addr, len) = s.split_once('/').ok_or_else(bad)?;
        if len.is_empty() || len.len() > 3 || !len.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let len: u32 = len.parse().map_err(|_| bad())?;
        let (value, bits) = if let Some(a) = parse_v4(addr) {
            (u128::from(a), 32)
        } else if let Ok(a) = addr.parse::<Ipv6Addr>() {
            (u128::from(a), 128)
        } else {
            return Err(bad());
        };
        if len > bits {
            return Err(bad());
        }
        Ok(Prefix {
            network: value & !host_mask(bits - len),
            bits,
            len,
        })
    }

    /// The last address of the prefix.
    fn last(&self) -> u128 {
        self.network | host_mask(self.bits - self.len)
    }

    fn family(&self) -> &'static str {
        if self.bits == 32 { "IPv4" } else { "IPv6" }
    }
}

/// A dotted-quad IPv4 address. Octets with leading zeros are decimal (Terraform's
/// "historical accident": `010.1.1.1` is `10.1.1.1`).
fn parse_v4(s: &str) -> Option<u32> {
    let mut out = 0u32;
    let mut n = 0;
    for part in s.split('.') {
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let v: u32 = part.parse().ok()?;
        if v > 255 {
            return None;
        }
        out = (out << 8) | v;
        n += 1;
    }
    (n == 4).then_some(out)
}

/// A mask of the low `n` bits.
fn host_mask(n: u32) -> u128 {
    if n >= 128 {
        u128::MAX
    } else {
        (1u128 << n) - 1
    }
}

fn addr_text(v: u128, bits: u32) -> String {
    if bits == 32 {
        Ipv4Addr::from(v as u32).to_string()
    } else {
        Ipv6Addr::from(v).to_string()
    }
}

fn prefix_text(v: u128, bits: u32, len: u32) -> String {
    format!("{}/{len}", addr_text(v, bits))
}

/// `cidrhost(prefix, hostnum)`: a negative host number counts back from the last address.
pub(super) fn cidrhost(a: &[Dyn]) -> FnResult {
    arity(a, 2, Some(2))?;
    let p = Prefix::parse(&known!(string(&a[0], "the prefix")))?;
    let num = known!(integer(&a[1], "the host number"));
    let host_bits = p.bits - p.len;
    let too_big = || {
        format!(
            "prefix of {} does not accommodate a host numbered {num}",
            p.len
        )
    };
    // Position within the prefix, counted from its start.
    let offset = if num >= 0 {
        let n = num as u128;
        if host_bits < 128 && n >> host_bits != 0 {
            return Err(too_big());
        }
        n
    } else {
        let back = u128::from(num.unsigned_abs() - 1);
        if host_bits < 128 && back >> host_bits != 0 {
            return Err(too_big());
        }
        host_mask(host_bits) - back
    };
    Ok(Dyn::string(addr_text(p.network | offset, p.bits)))
}

pub(super) fn cidrnetmask(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let p = Prefix::parse(&known!(string(&a[0], "the prefix")))?;
    if p.bits != 32 {
        return Err("only IPv4 prefixes have a netmask".to_string());
    }
    let mask = !host_mask(32 - p.len) & u128::from(u32::MAX);
    Ok(Dyn::string(addr_text(mask, 32)))
}

/// Checks `newbits` and returns the extended prefix length.
fn extend(p: &Prefix, newbits: i64) -> Result<u32, String> {
    if newbits < 0 {
        return Err("the number of new bits must not be negative".to_string());
    }
    if newbits > 32 {
        return Err("may not extend a prefix by more than 32 bits".to_string());
    }
    let len = p.len + newbits as u32;
    if len > p.bits {
        return Err(format!(
            "would extend the prefix to {len} bits, which is too long for an {} address",
            p.family()
        ));
    }
    Ok(len)
}

/// `cidrsubnet(prefix, newbits, netnum)`.
pub(super) fn cidrsubnet(a: &[Dyn]) -> FnResult {
    arity(a, 3, Some(3))?;
    let p = Prefix::parse(&known!(string(&a[0], "the prefix")))?;
    let newbits = known!(integer(&a[1], "the number of new bits"));
    let netnum = known!(integer(&a[2], "the network number"));
    let len = extend(&p, newbits)?;
    if netnum < 0 || (netnum as u128) >> newbits != 0 {
        return Err(format!(
            "a prefix extension of {newbits} bits does not accommodate a subnet numbered {netnum}"
        ));
    }
    let shift = p.bits - len;
    let sub = (netnum as u128).checked_shl(shift).unwrap_or(0);
    Ok(Dyn::string(prefix_text(p.network | sub, p.bits, len)))
}

/// `cidrsubnets(prefix, newbits...)`: consecutive subnets of the given sizes, each aligned
/// to its size, in order.
pub(super) fn cidrsubnets(a: &[Dyn]) -> FnResult {
    arity(a, 1, None)?;
    let p = Prefix::parse(&known!(string(&a[0], "the prefix")))?;
    let mut lens = Vec::with_capacity(a.len() - 1);
    for (i, v) in a[1..].iter().enumerate() {
        let newbits = known!(integer(v, &format!("argument {}", i + 2)));
        if newbits < 1 {
            return Err("each subnet must extend the prefix by at least one bit".to_string());
        }
        lens.push(extend(&p, newbits)?);
    }
    let end = p.last();
    // Next free address, `None` once the address space is used up to its very end.
    let mut pos = Some(p.network);
    let mut prev = prefix_text(p.network, p.bits, p.len);
    let mut out = Vec::with_capacity(lens.len());
    for len in lens {
        let size_mask = host_mask(p.bits - len);
        let start = pos
            .and_then(|x| x.checked_add(size_mask))
            .map(|x| x & !size_mask);
        let fits = start.filter(|s| *s >= p.network && *s <= end && s | size_mask <= end);
        let Some(start) = fits else {
            return Err(format!(
                "not enough remaining address space for a subnet with a prefix of {len} bits after {prev}"
            ));
        };
        prev = prefix_text(start, p.bits, len);
        out.push(Dyn::string(prev.clone()));
        pos = (start | size_mask).checked_add(1);
    }
    Ok(Dyn::list(out))
}
