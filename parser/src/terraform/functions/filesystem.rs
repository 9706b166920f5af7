//! File functions (reads go through [`FnHost`], confined to the scanned tree) and path
//! functions.
//!
//! A file the host declines to read (outside the scan, over the size limit, remote) is
//! Unknown, not an error: Terraform would read it, so `try(file(...), "")` must not fall
//! back to a guess. A missing file is an error, as in Terraform.

use super::encoding::{b64_encode, sha256_b64, sha256_hex, sha512_b64, sha512_hex};
use super::{FnHost, FnResult, arity, check_str_len, known, map, string};
use crate::dynvalue::Dyn;

/// Whether a read error means the host declined to read a file Terraform could read.
fn declined(e: &str) -> bool {
    e.contains("outside the scanned directory")
        || e.contains("larger than")
        || e.contains("only local files")
}

/// Reads a file: `Ok(None)` when the host declined. With `binary`, content that is not
/// UTF-8 (which the host cannot return) is Unknown rather than an error.
fn read(a: &Dyn, host: &dyn FnHost, binary: bool) -> Result<Option<String>, String> {
    let Some(path) = string(a, "the path")? else {
        return Ok(None);
    };
    match host.read_file(&path) {
        Ok(t) => Ok(Some(t)),
        Err(e) if declined(&e) => Ok(None),
        Err(e) if binary && e.contains("not valid UTF-8") => Ok(None),
        Err(e) => Err(e),
    }
}

pub(super) fn file(a: &[Dyn], host: &dyn FnHost) -> FnResult {
    arity(a, 1, Some(1))?;
    let text = known!(read(&a[0], host, false));
    Ok(Dyn::string(text))
}

pub(super) fn fileexists(a: &[Dyn], host: &dyn FnHost) -> FnResult {
    arity(a, 1, Some(1))?;
    let path = known!(string(&a[0], "the path"));
    match host.read_file(&path) {
        Ok(_) => Ok(Dyn::bool(true)),
        Err(e) if e.contains("larger than") || e.contains("not valid UTF-8") => Ok(Dyn::bool(true)),
        Err(e) if e.contains("not a regular file") => Err(e),
        Err(e) if e.contains("os error 2)") || e.contains("No such file") => Ok(Dyn::bool(false)),
        // Declined, or an error that does not tell whether the file exists.
        Err(_) => Ok(Dyn::unknown()),
    }
}

fn file_with(a: &[Dyn], host: &dyn FnHost, f: fn(&[u8]) -> String) -> FnResult {
    arity(a, 1, Some(1))?;
    let text = known!(read(&a[0], host, true));
    Ok(Dyn::string(f(text.as_bytes())))
}

pub(super) fn filebase64(a: &[Dyn], host: &dyn FnHost) -> FnResult {
    arity(a, 1, Some(1))?;
    let text = known!(read(&a[0], host, true));
    check_str_len(text.len().div_ceil(3) * 4, "the encoded file")?;
    Ok(Dyn::string(b64_encode(text.as_bytes())))
}

pub(super) fn filesha256(a: &[Dyn], host: &dyn FnHost) -> FnResult {
    file_with(a, host, sha256_hex)
}

pub(super) fn filesha512(a: &[Dyn], host: &dyn FnHost) -> FnResult {
    file_with(a, host, sha512_hex)
}

pub(super) fn filebase64sha256(a: &[Dyn], host: &dyn FnHost) -> FnResult {
    file_with(a, host, sha256_b64)
}

pub(super) fn filebase64sha512(a: &[Dyn], host: &dyn FnHost) -> FnResult {
    file_with(a, host, sha512_b64)
}

/// `templatefile(path, vars)`: the file rendered with only `vars` in scope.
pub(super) fn templatefile(a: &[Dyn], host: &dyn FnHost) -> FnResult {
    arity(a, 2, Some(2))?;
    let vars = known!(map(&a[1], "the variables"));
    let text = known!(read(&a[0], host, false));
    Ok(host.render_template(&text, vars))
}

/// `templatestring(template, vars)`.
pub(super) fn templatestring(a: &[Dyn], host: &dyn FnHost) -> FnResult {
    arity(a, 2, Some(2))?;
    let vars = known!(map(&a[1], "the variables"));
    let text = known!(string(&a[0], "the template"));
    Ok(host.render_template(&text, vars))
}

/// Go's `path.Clean` on `/`-separated paths.
pub(crate) fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    let body = parts.join("/");
    match (rooted, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".to_string(),
        (false, false) => body,
    }
}

fn path1(a: &[Dyn], f: impl Fn(&str) -> Option<String>) -> FnResult {
    arity(a, 1, Some(1))?;
    let p = known!(string(&a[0], "the path"));
    Ok(f(&p).map_or_else(Dyn::unknown, Dyn::string))
}

/// `abspath`: an absolute path is cleaned; a relative one depends on the directory
/// Terraform runs in, so it is Unknown.
pub(super) fn abspath(a: &[Dyn]) -> FnResult {
    path1(a, |p| p.starts_with('/').then(|| clean(p)))
}

/// Go's `filepath.Base`.
pub(super) fn basename(a: &[Dyn]) -> FnResult {
    path1(a, |p| {
        if p.is_empty() {
            return Some(".".to_string());
        }
        let t = p.trim_end_matches('/');
        if t.is_empty() {
            return Some("/".to_string());
        }
        Some(t.rsplit('/').next().unwrap_or(t).to_string())
    })
}

/// Go's `filepath.Dir`.
pub(super) fn dirname(a: &[Dyn]) -> FnResult {
    path1(a, |p| {
        let dir = match p.rfind('/') {
            Some(i) => &p[..=i],
            None => "",
        };
        Some(clean(dir))
    })
}

/// `pathexpand`: a path starting with `~` depends on the user running Terraform.
pub(super) fn pathexpand(a: &[Dyn]) -> FnResult {
    path1(a, |p| (!p.starts_with('~')).then(|| p.to_string()))
}
