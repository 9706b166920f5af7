//! Safe extraction of downloaded archives (`.tar.gz`, `.tar`, `.zip`): every entry must stay
//! inside the target directory (no `..`, no absolute paths, no symbolic link pointing
//! outside, nothing written through a link), and the total size and entry count are
//! bounded, so a hostile archive can neither escape nor fill the disk. File modes are not
//! restored: nothing extracted is ever executed.

use crate::source::ArchiveKind;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

/// Bounds on what one archive may unpack to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Total uncompressed bytes of all files.
    pub max_bytes: u64,
    /// Entries (files, directories, links).
    pub max_entries: usize,
}

impl Default for Limits {
    fn default() -> Self {
        // Module packages are a few megabytes; repositories with history excluded rarely
        // pass 100 MiB.
        Limits {
            max_bytes: 256 * 1024 * 1024,
            max_entries: 20_000,
        }
    }
}

/// The archive kind from its first bytes, when the URL did not say.
pub fn sniff(bytes: &[u8]) -> Option<ArchiveKind> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        Some(ArchiveKind::TarGz)
    } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Some(ArchiveKind::Zip)
    } else if bytes.get(257..262) == Some(b"ustar") {
        Some(ArchiveKind::Tar)
    } else {
        None
    }
}

/// Unpacks `bytes` into the existing, empty directory `dest`.
pub fn extract(bytes: &[u8], kind: ArchiveKind, dest: &Path, limits: Limits) -> Result<(), String> {
    let mut budget = Budget {
        limits,
        bytes: 0,
        entries: 0,
    };
    match kind {
        ArchiveKind::TarGz => extract_tar(flate2::read::GzDecoder::new(bytes), dest, &mut budget),
        ArchiveKind::Tar => extract_tar(bytes, dest, &mut budget),
        ArchiveKind::Zip => extract_zip(bytes, dest, &mut budget),
    }
}

struct Budget {
    limits: Limits,
    bytes: u64,
    entries: usize,
}

impl Budget {
    fn entry(&mut self) -> Result<(), String> {
        self.entries += 1;
        if self.entries > self.limits.max_entries {
            return Err(format!(
                "the archive has more than {} entries (the limit)",
                self.limits.max_entries
            ));
        }
        Ok(())
    }

    fn too_big(&self) -> String {
        format!(
            "the archive unpacks to more than {} bytes (the limit)",
            self.limits.max_bytes
        )
    }

    /// Copies `from` to a new file at `path`, counting against the size limit (the bytes
    /// really read, not what a header claims).
    fn write_file(&mut self, mut from: impl Read, path: &Path) -> Result<(), String> {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        let room = self.limits.max_bytes - self.bytes;
        let mut limited = (&mut from).take(room + 1);
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = limited
                .read(&mut buf)
                .map_err(|e| format!("the archive is corrupt: {e}"))?;
            if n == 0 {
                break;
            }
            self.bytes += n as u64;
            if self.bytes > self.limits.max_bytes {
                return Err(self.too_big());
            }
            file.write_all(&buf[..n])
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        Ok(())
    }
}

/// The entry path as relative normal components, or an error when it would leave `dest`.
fn safe_relative(name: &str) -> Result<PathBuf, String> {
    let path = Path::new(name);
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                return Err(format!(
                    "the archive entry `{name}` escapes the target directory"
                ));
            }
        }
    }
    Ok(out)
}

/// Fails when a directory on the way from `dest` to `rel` is a symbolic link, so nothing
/// is written through a link (even one pointing inside); creates the missing directories.
fn prepare_parent(dest: &Path, rel: &Path) -> Result<PathBuf, String> {
    let mut at = dest.to_path_buf();
    let parents: Vec<Component> = rel
        .parent()
        .map(|p| p.components().collect())
        .unwrap_or_default();
    for c in parents {
        at.push(c);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(format!(
                    "the archive writes through the symbolic link `{}`",
                    rel.display()
                ));
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(format!(
                    "the archive entry `{}` is inside a file",
                    rel.display()
                ));
            }
            Err(_) => std::fs::create_dir(&at)
                .map_err(|e| format!("cannot create {}: {e}", at.display()))?,
        }
    }
    Ok(dest.join(rel))
}

/// A link target must resolve, lexically from the link's directory, inside `dest`.
fn check_link_target(rel: &Path, target: &Path) -> Result<(), String> {
    let escapes = || {
        format!(
            "the archive's symbolic link `{}` points outside the target directory ({})",
            rel.display(),
            target.display()
        )
    };
    let mut depth: Vec<Component> = rel
        .parent()
        .map(|p| p.components().collect())
        .unwrap_or_default();
    for c in target.components() {
        match c {
            Component::Normal(_) => depth.push(c),
            Component::CurDir => {}
            Component::ParentDir => {
                if depth.pop().is_none() {
                    return Err(escapes());
                }
            }
            Component::RootDir | Component::Prefix(_) => return Err(escapes()),
        }
    }
    Ok(())
}

fn extract_tar(reader: impl Read, dest: &Path, budget: &mut Budget) -> Result<(), String> {
    let mut archive = tar::Archive::new(reader);
    let entries = archive
        .entries()
        .map_err(|e| format!("the archive is corrupt: {e}"))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| format!("the archive is corrupt: {e}"))?;
        let kind = entry.header().entry_type();
        // Metadata entries carry no file of their own.
        if matches!(
            kind,
            tar::EntryType::XGlobalHeader | tar::EntryType::XHeader | tar::EntryType::GNULongName
        ) {
            continue;
        }
        budget.entry()?;
        let name = entry
            .path()
            .map_err(|e| format!("the archive is corrupt: {e}"))?
            .to_string_lossy()
            .into_owned();
        let rel = safe_relative(&name)?;
        if rel.as_os_str().is_empty() {
            continue;
        }
        if entry.header().size().unwrap_or(0) > budget.limits.max_bytes - budget.bytes {
            return Err(budget.too_big());
        }
        match kind {
            tar::EntryType::Directory => {
                // The directories on the way to a child of it are the directory itself.
                prepare_parent(dest, &rel.join("x"))?;
            }
            tar::EntryType::Regular | tar::EntryType::Continuous | tar::EntryType::GNUSparse => {
                let path = prepare_parent(dest, &rel)?;
                budget.write_file(&mut entry, &path)?;
            }
            tar::EntryType::Symlink => {
                let target = entry
                    .link_name()
                    .map_err(|e| format!("the archive is corrupt: {e}"))?
                    .unwrap_or_default()
                    .into_owned();
                check_link_target(&rel, &target)?;
                let path = prepare_parent(dest, &rel)?;
                make_symlink(&target, &path)?;
            }
            tar::EntryType::Link => {
                return Err(format!(
                    "the archive entry `{name}` is a hard link, which is not extracted"
                ));
            }
            // Devices and FIFOs have no place in a module.
            _ => {}
        }
    }
    Ok(())
}

#[cfg(unix)]
fn make_symlink(target: &Path, at: &Path) -> Result<(), String> {
    std::os::unix::fs::symlink(target, at)
        .map_err(|e| format!("cannot create {}: {e}", at.display()))
}

#[cfg(not(unix))]
fn make_symlink(_target: &Path, _at: &Path) -> Result<(), String> {
    // Without unprivileged symbolic links, links are skipped.
    Ok(())
}

fn extract_zip(bytes: &[u8], dest: &Path, budget: &mut Budget) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("the archive is corrupt: {e}"))?;
    if archive.len() > budget.limits.max_entries {
        return Err(format!(
            "the archive has more than {} entries (the limit)",
            budget.limits.max_entries
        ));
    }
    for i in 0..archive.len() {
        let mut file = archive
            .by_index(i)
            .map_err(|e| format!("the archive is corrupt: {e}"))?;
        budget.entry()?;
        let name = file
            .name()
            .map_err(|e| format!("the archive is corrupt: {e}"))?
            .into_owned();
        let rel = safe_relative(&name)?;
        if rel.as_os_str().is_empty() {
            continue;
        }
        if file.size() > budget.limits.max_bytes - budget.bytes {
            return Err(budget.too_big());
        }
        if file.is_dir() {
            prepare_parent(dest, &rel.join("x"))?;
        } else if file.is_symlink() {
            let mut target = String::new();
            (&mut file)
                .take(4096)
                .read_to_string(&mut target)
                .map_err(|e| format!("the archive is corrupt: {e}"))?;
            let target = PathBuf::from(target);
            check_link_target(&rel, &target)?;
            let path = prepare_parent(dest, &rel)?;
            make_symlink(&target, &path)?;
        } else {
            let path = prepare_parent(dest, &rel)?;
            budget.write_file(&mut file, &path)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tar_gz(build: impl FnOnce(&mut tar::Builder<Vec<u8>>)) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        build(&mut b);
        let tar = b.into_inner().expect("tar");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&tar).expect("gzip");
        gz.finish().expect("gzip")
    }

    fn file(b: &mut tar::Builder<Vec<u8>>, name: &str, data: &[u8]) {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        // `set_path` refuses `..`; hostile archives write the raw name.
        let raw = &mut h.as_old_mut().name;
        raw[..name.len()].copy_from_slice(name.as_bytes());
        h.set_cksum();
        b.append(&h, data).expect("append");
    }

    fn link(b: &mut tar::Builder<Vec<u8>>, name: &str, target: &str) {
        let mut h = tar::Header::new_gnu();
        h.set_size(0);
        h.set_entry_type(tar::EntryType::Symlink);
        h.set_path(name).expect("path");
        h.set_link_name(target).expect("link");
        h.set_cksum();
        b.append(&h, &[][..]).expect("append");
    }

    fn unpack(bytes: &[u8], limits: Limits) -> (tempfile::TempDir, Result<(), String>) {
        let dir = tempfile::tempdir().expect("tempdir");
        let r = extract(bytes, ArchiveKind::TarGz, dir.path(), limits);
        (dir, r)
    }

    #[test]
    fn a_plain_archive_unpacks() {
        let bytes = tar_gz(|b| {
            file(b, "main.tf", b"resource \"x\" \"y\" {}\n");
            file(b, "modules/sub/main.tf", b"# sub\n");
            link(b, "modules/alias", "sub");
        });
        assert_eq!(sniff(&bytes), Some(ArchiveKind::TarGz));
        let (dir, r) = unpack(&bytes, Limits::default());
        r.expect("extracts");
        assert!(dir.path().join("main.tf").is_file());
        assert!(dir.path().join("modules/sub/main.tf").is_file());
    }

    #[test]
    fn entries_escaping_the_directory_are_refused() {
        let (_d, r) = unpack(&tar_gz(|b| file(b, "../evil.tf", b"x")), Limits::default());
        assert!(
            r.expect_err("refused")
                .contains("escapes the target directory")
        );
        let (_d, r) = unpack(&tar_gz(|b| file(b, "/etc/evil", b"x")), Limits::default());
        assert!(r.expect_err("refused").contains("escapes"));
        let (_d, r) = unpack(&tar_gz(|b| link(b, "l", "../../etc")), Limits::default());
        assert!(r.expect_err("refused").contains("points outside"));
        let (_d, r) = unpack(&tar_gz(|b| link(b, "l", "/etc/passwd")), Limits::default());
        assert!(r.expect_err("refused").contains("points outside"));
        // A link inside is fine, but nothing is written through it.
        let (_d, r) = unpack(
            &tar_gz(|b| {
                file(b, "d/keep", b"x");
                link(b, "l", "d");
                file(b, "l/f.tf", b"x");
            }),
            Limits::default(),
        );
        assert!(
            r.expect_err("refused")
                .contains("through the symbolic link")
        );
    }

    #[test]
    fn size_and_entry_limits_hold() {
        let small = Limits {
            max_bytes: 10,
            max_entries: 3,
        };
        let (_d, r) = unpack(&tar_gz(|b| file(b, "big", &[0u8; 11])), small);
        assert!(r.expect_err("too big").contains("more than 10 bytes"));
        let (_d, r) = unpack(
            &tar_gz(|b| {
                for i in 0..4 {
                    file(b, &format!("f{i}"), b"");
                }
            }),
            small,
        );
        assert!(r.expect_err("too many").contains("more than 3 entries"));
    }

    #[test]
    fn zip_archives_unpack_and_are_checked() {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        w.start_file("main.tf", opts).expect("zip");
        w.write_all(b"# ok\n").expect("zip");
        let ok = w.finish().expect("zip").into_inner();
        assert_eq!(sniff(&ok), Some(ArchiveKind::Zip));
        let dir = tempfile::tempdir().expect("tempdir");
        extract(&ok, ArchiveKind::Zip, dir.path(), Limits::default()).expect("extracts");
        assert!(dir.path().join("main.tf").is_file());

        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        w.start_file("../evil.tf", opts).expect("zip");
        let bad = w.finish().expect("zip").into_inner();
        let dir = tempfile::tempdir().expect("tempdir");
        let r = extract(&bad, ArchiveKind::Zip, dir.path(), Limits::default());
        assert!(r.expect_err("refused").contains("escapes"));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().expect("tempdir");
        for kind in [ArchiveKind::TarGz, ArchiveKind::Tar, ArchiveKind::Zip] {
            let r = extract(b"\x1f\x8bnot really", kind, dir.path(), Limits::default());
            assert!(r.is_err() || kind == ArchiveKind::Tar, "{kind:?}");
        }
    }
}
