//! `terraform { source = … }`: which sources are read from the local filesystem.
//!
//! This is the seam for downloading modules: [`local_source_dir`] maps a source to the
//! directory holding the module. Today it resolves local paths only and reports anything
//! else as remote; a downloader resolves remote sources to their download directory here.

use crate::terraform::module::norm_dir;
use std::path::{Path, PathBuf};

/// A source that is not on the local filesystem (registry `tfr://`, `git::`, `https://`,
/// `github.com/…`, `s3::`): not evaluated offline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteSource(pub String);

/// The directory of the module `source` names, for a unit in `terragrunt_dir` (absolute).
/// Relative paths are relative to the unit's directory; `//subdir` selects a directory
/// inside the source (go-getter's syntax, which Terragrunt uses).
pub fn local_source_dir(source: &str, terragrunt_dir: &Path) -> Result<PathBuf, RemoteSource> {
    let trimmed = source.trim();
    let path = trimmed.strip_prefix("file::").unwrap_or(trimmed);
    if !is_local(path) {
        return Err(RemoteSource(source.to_string()));
    }
    let (base, subdir) = split_subdir(path);
    let base = Path::new(base);
    let mut dir = if base.is_absolute() {
        base.to_path_buf()
    } else {
        terragrunt_dir.join(base)
    };
    if let Some(sub) = subdir {
        dir = dir.join(sub);
    }
    Ok(norm_dir(&dir))
}

/// True for a path go-getter reads from the local filesystem: absolute, `./`, `../`, or a
/// bare relative path with no scheme, forced getter, query or host name.
fn is_local(source: &str) -> bool {
    if source.is_empty() || source.contains("::") || source.contains("://") || source.contains('?')
    {
        return false;
    }
    if source.starts_with('/') || source.starts_with('.') {
        return true;
    }
    // `git@github.com:org/repo`, `C:`-less hosts; a first segment with a dot is a host
    // (`github.com/org/repo`, `bitbucket.org/…`).
    let first = source.split('/').next().unwrap_or("");
    !source.contains(':') && !first.contains('.')
}

/// `../modules//s3` into `../modules` and `s3`.
fn split_subdir(path: &str) -> (&str, Option<&str>) {
    match path.find("//") {
        Some(i) => {
            let sub = path[i + 2..].trim_matches('/');
            (&path[..i], (!sub.is_empty()).then_some(sub))
        }
        None => (path, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_sources_resolve_against_the_unit_directory() {
        let unit = Path::new("/repo/live/prod/s3");
        assert_eq!(
            local_source_dir("../../../modules/s3", unit),
            Ok(PathBuf::from("/repo/modules/s3"))
        );
        assert_eq!(
            local_source_dir("../../../modules//s3", unit),
            Ok(PathBuf::from("/repo/modules/s3"))
        );
        assert_eq!(
            local_source_dir("/repo/live/prod/s3/../../../modules/x", unit),
            Ok(PathBuf::from("/repo/modules/x"))
        );
        assert_eq!(
            local_source_dir("modules/x", unit),
            Ok(PathBuf::from("/repo/live/prod/s3/modules/x"))
        );
        assert_eq!(
            local_source_dir("file::../m", unit),
            Ok(PathBuf::from("/repo/live/prod/m"))
        );
    }

    #[test]
    fn remote_sources_are_not_resolved() {
        let unit = Path::new("/repo/live");
        for s in [
            "tfr:///terraform-aws-modules/s3-bucket/aws?version=4.1.0",
            "git::https://github.com/org/modules.git//s3?ref=v1.0.0",
            "git::git@github.com:org/modules.git//s3",
            "https://example.com/modules.zip",
            "github.com/org/modules//s3",
            "s3::https://s3.amazonaws.com/bucket/m.zip",
            "",
        ] {
            assert_eq!(
                local_source_dir(s, unit),
                Err(RemoteSource(s.to_string())),
                "{s}"
            );
        }
    }
}
