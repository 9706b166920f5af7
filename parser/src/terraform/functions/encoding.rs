//! Encoding and hashing: base64, JSON, YAML (encoding only), CSV (decoding only), URL
//! query escaping, SHA-256 and SHA-512.

use super::{
    FnResult, MAX_NESTING, MAX_STRING_LEN, arity, check_len, check_str_len, has_unknown, known,
    string,
};
use crate::dynvalue::{Dyn, DynKind, format_number};
use indexmap::IndexMap;
use sha2::{Digest, Sha256, Sha512};
use std::fmt::Write as _;

// ---- base64 ----------------------------------------------------------------------------------

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub(crate) fn b64_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Strict standard base64 (padding required; line breaks ignored, as Go's decoder does).
pub(crate) fn b64_decode(text: &str) -> Result<Vec<u8>, String> {
    let bytes: Vec<u8> = text
        .bytes()
        .filter(|b| *b != b'\r' && *b != b'\n')
        .collect();
    let bad = |at: usize| format!("invalid base64 data at offset {at}");
    if !bytes.len().is_multiple_of(4) {
        return Err(bad(bytes.len() - bytes.len() % 4));
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let chunks = bytes.len() / 4;
    for (ci, chunk) in bytes.chunks(4).enumerate() {
        let mut n = 0u32;
        let mut pad = 0;
        for (k, &c) in chunk.iter().enumerate() {
            let v = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' => 62,
                b'/' => 63,
                b'=' if ci + 1 == chunks && k >= 2 => {
                    pad += 1;
                    0
                }
                _ => return Err(bad(ci * 4 + k)),
            };
            if pad > 0 && c != b'=' {
                return Err(bad(ci * 4 + k));
            }
            n = (n << 6) | u32::from(v);
        }
        let b = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&b[..3 - pad]);
    }
    Ok(out)
}

pub(super) fn base64encode(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let s = known!(string(&a[0], "the string"));
    check_str_len(s.len().div_ceil(3) * 4, "the encoded string")?;
    Ok(Dyn::string(b64_encode(s.as_bytes())))
}

pub(super) fn base64decode(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let s = known!(string(&a[0], "the string"));
    let bytes = b64_decode(&s)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| "the decoded bytes are not valid UTF-8".to_string())?;
    Ok(Dyn::string(text))
}

/// The text encodings `textencodebase64`/`textdecodebase64` support here.
enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

fn text_encoding(name: &str) -> Result<TextEncoding, String> {
    match name.to_ascii_uppercase().replace('_', "-").as_str() {
        "UTF-8" | "UTF8" => Ok(TextEncoding::Utf8),
        "UTF-16LE" => Ok(TextEncoding::Utf16Le),
        "UTF-16BE" => Ok(TextEncoding::Utf16Be),
        _ => Err(format!(
            "unsupported function: text encoding \"{name}\" is not supported"
        )),
    }
}

pub(super) fn textencodebase64(a: &[Dyn]) -> FnResult {
    arity(a, 2, Some(2))?;
    let s = known!(string(&a[0], "the string"));
    let enc = known!(string(&a[1], "the encoding"));
    let bytes: Vec<u8> = match text_encoding(&enc)? {
        TextEncoding::Utf8 => s.as_bytes().to_vec(),
        TextEncoding::Utf16Le => s.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        TextEncoding::Utf16Be => s.encode_utf16().flat_map(u16::to_be_bytes).collect(),
    };
    check_str_len(bytes.len().div_ceil(3) * 4, "the encoded string")?;
    Ok(Dyn::string(b64_encode(&bytes)))
}

pub(super) fn textdecodebase64(a: &[Dyn]) -> FnResult {
    arity(a, 2, Some(2))?;
    let s = known!(string(&a[0], "the string"));
    let enc = known!(string(&a[1], "the encoding"));
    let enc = text_encoding(&enc)?;
    let bytes = b64_decode(&s)?;
    let text = match enc {
        TextEncoding::Utf8 => String::from_utf8(bytes).ok(),
        TextEncoding::Utf16Le | TextEncoding::Utf16Be => {
            if bytes.len().is_multiple_of(2) {
                let units: Vec<u16> = bytes
                    .chunks(2)
                    .map(|c| match enc {
                        TextEncoding::Utf16Le => u16::from_le_bytes([c[0], c[1]]),
                        _ => u16::from_be_bytes([c[0], c[1]]),
                    })
                    .collect();
                String::from_utf16(&units).ok()
            } else {
                None
            }
        }
    };
    text.map(Dyn::string)
        .ok_or_else(|| "the decoded bytes are not valid in the given encoding".to_string())
}

// ---- hashes ----------------------------------------------------------------------------------

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

pub(crate) fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

pub(crate) fn sha512_hex(data: &[u8]) -> String {
    hex(&Sha512::digest(data))
}

pub(crate) fn sha256_b64(data: &[u8]) -> String {
    b64_encode(&Sha256::digest(data))
}

pub(crate) fn sha512_b64(data: &[u8]) -> String {
    b64_encode(&Sha512::digest(data))
}

fn hash(a: &[Dyn], f: fn(&[u8]) -> String) -> FnResult {
    arity(a, 1, Some(1))?;
    let s = known!(string(&a[0], "the string"));
    Ok(Dyn::string(f(s.as_bytes())))
}

pub(super) fn sha256(a: &[Dyn]) -> FnResult {
    hash(a, sha256_hex)
}

pub(super) fn sha512(a: &[Dyn]) -> FnResult {
    hash(a, sha512_hex)
}

pub(super) fn base64sha256(a: &[Dyn]) -> FnResult {
    hash(a, sha256_b64)
}

pub(super) fn base64sha512(a: &[Dyn]) -> FnResult {
    hash(a, sha512_b64)
}

// ---- JSON ------------------------------------------------------------------------------------

/// A JSON string literal as Terraform (Go) writes it: `<`, `>`, `&`, U+2028 and U+2029 are
/// escaped too.
pub(crate) fn json_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    json_quote_into(s, &mut out);
    out
}

fn json_quote_into(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The error of an encoder that met an Unknown part (the caller's result is Unknown).
pub(crate) const NOT_KNOWN: &str = "the value is not known";

/// Terraform's compact JSON for a wholly known value, object keys sorted.
pub(crate) fn json_text(v: &Dyn) -> Result<String, String> {
    let mut out = String::new();
    json_into(v, &mut out, 0)?;
    Ok(out)
}

fn json_into(v: &Dyn, out: &mut String, depth: usize) -> Result<(), String> {
    if depth > MAX_NESTING {
        return Err(format!(
            "the value is nested more than {MAX_NESTING} levels deep"
        ));
    }
    if out.len() > MAX_STRING_LEN {
        return Err(format!(
            "the encoded value is longer than the limit of {MAX_STRING_LEN} bytes"
        ));
    }
    match &v.kind {
        DynKind::Unknown => return Err(NOT_KNOWN.to_string()),
        DynKind::Null => out.push_str("null"),
        DynKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        DynKind::Number(n) => out.push_str(&format_number(*n)),
        DynKind::String(s) => json_quote_into(s, out),
        DynKind::List(l) => {
            out.push('[');
            for (i, x) in l.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_into(x, out, depth + 1)?;
            }
            out.push(']');
        }
        DynKind::Map(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_quote_into(k, out);
                out.push(':');
                if let Some(x) = m.get(k) {
                    json_into(x, out, depth + 1)?;
                }
            }
            out.push('}');
        }
    }
    Ok(())
}

pub(super) fn jsonencode(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    if has_unknown(&a[0]) == Some(true) {
        return Ok(Dyn::unknown());
    }
    match json_text(&a[0]) {
        Ok(s) => Ok(Dyn::string(s)),
        Err(e) if e == NOT_KNOWN => Ok(Dyn::unknown()),
        Err(e) => Err(e),
    }
}

pub(super) fn jsondecode(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let s = known!(string(&a[0], "the string"));
    let j: serde_json::Value =
        serde_json::from_str(&s).map_err(|e| format!("invalid JSON: {e}"))?;
    let v = Dyn::from_json(&j, a[0].loc);
    if let DynKind::List(l) = &v.kind {
        check_len(l.len(), "the decoded list")?;
    }
    Ok(v)
}

// ---- URL -------------------------------------------------------------------------------------

/// Go's `url.QueryEscape`.
pub(super) fn urlencode(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let s = known!(string(&a[0], "the string"));
    check_str_len(s.len().saturating_mul(3), "the encoded string")?;
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char);
            }
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    Ok(Dyn::string(out))
}

// ---- YAML ------------------------------------------------------------------------------------

/// A YAML double-quoted scalar.
fn yaml_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn non_empty_collection(v: &Dyn) -> bool {
    match &v.kind {
        DynKind::List(l) => !l.is_empty(),
        DynKind::Map(m) => !m.is_empty(),
        _ => false,
    }
}

/// The lines of `v` in block style, relative to its own indentation.
fn yaml_lines(v: &Dyn, depth: usize, size: &mut usize) -> Result<Vec<String>, String> {
    if depth > MAX_NESTING {
        return Err(format!(
            "the value is nested more than {MAX_NESTING} levels deep"
        ));
    }
    let lines = match &v.kind {
        DynKind::Unknown => return Err(NOT_KNOWN.to_string()),
        DynKind::Null => vec!["null".to_string()],
        DynKind::Bool(b) => vec![b.to_string()],
        DynKind::Number(n) => vec![format_number(*n)],
        DynKind::String(s) => vec![yaml_quote(s)],
        DynKind::List(l) if l.is_empty() => vec!["[]".to_string()],
        DynKind::Map(m) if m.is_empty() => vec!["{}".to_string()],
        DynKind::List(l) => {
            let mut out = Vec::new();
            for x in l.iter() {
                let sub = yaml_lines(x, depth + 1, size)?;
                for (i, line) in sub.into_iter().enumerate() {
                    out.push(if i == 0 {
                        format!("- {line}")
                    } else {
                        format!("  {line}")
                    });
                }
            }
            out
        }
        DynKind::Map(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let mut out = Vec::new();
            for k in keys {
                let Some(x) = m.get(k) else { continue };
                let key = format!("{}:", yaml_quote(k));
                let sub = yaml_lines(x, depth + 1, size)?;
                if !non_empty_collection(x) {
                    out.push(format!("{key} {}", sub.concat()));
                } else if matches!(x.kind, DynKind::Map(_)) {
                    out.push(key);
                    out.extend(sub.into_iter().map(|l| format!("  {l}")));
                } else {
                    // Sequences inside mappings are not indented (go-yaml v2 style).
                    out.push(key);
                    out.extend(sub);
                }
            }
            out
        }
    };
    *size = size.saturating_add(lines.iter().map(|l| l.len() + 1).sum::<usize>());
    check_str_len(*size, "the encoded value")?;
    Ok(lines)
}

pub(super) fn yamlencode(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    if has_unknown(&a[0]) == Some(true) {
        return Ok(Dyn::unknown());
    }
    let mut size = 0;
    let lines = match yaml_lines(&a[0], 0, &mut size) {
        Ok(l) => l,
        Err(e) if e == NOT_KNOWN => return Ok(Dyn::unknown()),
        Err(e) => return Err(e),
    };
    let mut out = lines.join("\n");
    out.push('\n');
    Ok(Dyn::string(out))
}

// ---- CSV -------------------------------------------------------------------------------------

/// Parses RFC 4180 CSV (Go's `encoding/csv` rules: quoted fields may hold commas, quotes
/// doubled and newlines; a bare quote in an unquoted field is an error; blank lines are
/// skipped).
fn csv_records(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1usize;
    while chars.peek().is_some() {
        // Skip blank lines.
        if matches!(chars.peek(), Some('\n')) {
            chars.next();
            line += 1;
            continue;
        }
        if matches!(chars.peek(), Some('\r')) {
            chars.next();
            if matches!(chars.peek(), Some('\n')) {
                chars.next();
            }
            line += 1;
            continue;
        }
        let mut record = Vec::new();
        loop {
            let mut field = String::new();
            if matches!(chars.peek(), Some('"')) {
                chars.next();
                loop {
                    match chars.next() {
                        None => return Err(format!("line {line}: unterminated quoted field")),
                        Some('"') => match chars.peek() {
                            Some('"') => {
                                chars.next();
                                field.push('"');
                            }
                            Some(',' | '\n' | '\r') | None => break,
                            Some(_) => {
                                return Err(format!("line {line}: extraneous \" in field"));
                            }
                        },
                        Some('\r') if matches!(chars.peek(), Some('\n')) => {}
                        Some(c) => {
                            if c == '\n' {
                                line += 1;
                            }
                            field.push(c);
                        }
                    }
                }
            } else {
                while let Some(&c) = chars.peek() {
                    match c {
                        ',' | '\n' => break,
                        '\r' => {
                            let mut look = chars.clone();
                            look.next();
                            if matches!(look.peek(), Some('\n') | None) {
                                break;
                            }
                            field.push(c);
                            chars.next();
                        }
                        '"' => return Err(format!("line {line}: bare \" in non-quoted field")),
                        _ => {
                            field.push(c);
                            chars.next();
                        }
                    }
                }
            }
            record.push(field);
            match chars.next() {
                Some(',') => {}
                Some('\r') => {
                    if matches!(chars.peek(), Some('\n')) {
                        chars.next();
                    }
                    line += 1;
                    break;
                }
                Some('\n') => {
                    line += 1;
                    break;
                }
                _ => break,
            }
        }
        records.push(record);
        check_len(records.len(), "the decoded CSV")?;
    }
    Ok(records)
}

pub(super) fn csvdecode(a: &[Dyn]) -> FnResult {
    arity(a, 1, Some(1))?;
    let s = known!(string(&a[0], "the string"));
    let mut records = csv_records(&s)?.into_iter();
    let Some(header) = records.next() else {
        return Err("missing header line".to_string());
    };
    let mut out = Vec::new();
    for (i, rec) in records.enumerate() {
        if rec.len() != header.len() {
            return Err(format!(
                "record {} has {} fields; the header has {}",
                i + 1,
                rec.len(),
                header.len()
            ));
        }
        let m: IndexMap<String, Dyn> = header
            .iter()
            .cloned()
            .zip(rec.into_iter().map(Dyn::string))
            .collect();
        out.push(Dyn::map(m));
    }
    Ok(Dyn::list(out))
}
