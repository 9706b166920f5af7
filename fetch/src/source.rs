//! Module source addresses, classified as `terraform init` does: a registry address
//! (`[HOST/]NAMESPACE/NAME/SYSTEM`), a git repository (`git::URL`, `github.com/ORG/REPO`,
//! `git@HOST:PATH`), or an HTTP(S) URL (an archive, or a page answering `X-Terraform-Get`).
//! A `//subdir` suffix selects a directory inside the downloaded package.

use std::path::{Component, Path};

/// The public registry, used when an address names no host.
pub const DEFAULT_REGISTRY_HOST: &str = "registry.terraform.io";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryAddress {
    pub host: String,
    pub namespace: String,
    pub name: String,
    pub system: String,
}

impl RegistryAddress {
    /// `HOST/NAMESPACE/NAME/SYSTEM`.
    pub fn display(&self) -> String {
        format!(
            "{}/{}/{}/{}",
            self.host, self.namespace, self.name, self.system
        )
    }
}

/// Where a package comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Package {
    Registry(RegistryAddress),
    Git {
        /// The repository URL given to `git clone`, without `ref` or `depth`.
        url: String,
        reference: Option<String>,
    },
    Http {
        url: String,
        /// The archive format, when the URL names one (`.tar.gz`, `.zip`, `?archive=`);
        /// `None`: the URL answers with an `X-Terraform-Get` location.
        archive: Option<ArchiveKind>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveKind {
    TarGz,
    Tar,
    Zip,
}

/// A module source: a package and a directory inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub package: Package,
    /// Relative directory inside the package (`""`: its root), checked not to escape it.
    pub subdir: String,
}

/// Terragrunt's registry sources, `tfr://[HOST]/NAMESPACE/NAME/SYSTEM[//subdir]?version=V`
/// (no host: the public registry): the registry source and its version, or `None` for other
/// sources.
pub fn parse_tfr(source: &str) -> Option<Result<(Source, Option<String>), String>> {
    let rest = source.trim().strip_prefix("tfr://")?;
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, q),
        None => (rest, ""),
    };
    let version = query
        .split('&')
        .find_map(|p| p.strip_prefix("version="))
        .map(str::to_string);
    let address = rest.strip_prefix('/').map_or_else(
        || rest.to_string(),
        |r| format!("{DEFAULT_REGISTRY_HOST}/{r}"),
    );
    Some(match parse_registry(&address) {
        Ok(Some(s)) => Ok((s, version)),
        Ok(None) => Err(format!("`{source}` is not a registry module address")),
        Err(e) => Err(e),
    })
}

/// Classifies `source`; errors say what is wrong or unsupported.
pub fn parse(source: &str) -> Result<Source, String> {
    let source = source.trim();
    if let Some(registry) = parse_registry(source)? {
        return Ok(registry);
    }
    let (forced, rest) = split_forced(source);
    let (address, subdir) = split_subdir(rest);
    let subdir = clean_subdir(&subdir)?;
    let package = match forced {
        Some("git") => git_package(&address)?,
        Some("http" | "https") => http_package(&address)?,
        Some(other) => {
            return Err(format!(
                "`{other}::` sources are not supported by --download-modules (registry, git and HTTP(S) sources are)"
            ));
        }
        None => detect(&address)?,
    };
    Ok(Source { package, subdir })
}

/// `git::URL` → (`Some("git")`, `URL`).
fn split_forced(source: &str) -> (Option<&str>, &str) {
    if let Some((getter, rest)) = source.split_once("::")
        && !getter.is_empty()
        && getter.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return (Some(getter), rest);
    }
    (None, source)
}

/// go-getter's `SourceDirSubdir`: the first `//` after the scheme and before the query
/// starts the subdirectory; the query stays with the address.
pub fn split_subdir(source: &str) -> (String, String) {
    let stop = source.find('?').unwrap_or(source.len());
    let offset = source[..stop].find("://").map_or(0, |i| i + 3);
    let Some(i) = source[offset..stop].find("//") else {
        return (source.to_string(), String::new());
    };
    let i = i + offset;
    let mut address = source[..i].to_string();
    let mut subdir = source[i + 2..].to_string();
    if let Some(q) = subdir.find('?') {
        address.push_str(&subdir[q..]);
        subdir.truncate(q);
    }
    (address, subdir)
}

/// A subdirectory that stays inside its package.
fn clean_subdir(subdir: &str) -> Result<String, String> {
    let path = Path::new(subdir);
    let mut parts = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => {
                return Err(format!(
                    "the subdirectory `{subdir}` leaves the module package"
                ));
            }
        }
    }
    if subdir.contains('*') {
        return Err(format!(
            "the subdirectory `{subdir}` is a pattern, which --download-modules does not support"
        ));
    }
    Ok(parts.join("/"))
}

/// A registry address, when `source` is one (Terraform tries this first).
fn parse_registry(source: &str) -> Result<Option<Source>, String> {
    if source.contains("::") || source.contains("://") || source.starts_with('/') {
        return Ok(None);
    }
    let (address, subdir) = split_subdir(source);
    if address.contains('?') {
        return Ok(None);
    }
    let parts: Vec<&str> = address.split('/').collect();
    let (host, rest) = match parts.as_slice() {
        [ns, name, system] => (DEFAULT_REGISTRY_HOST.to_string(), [*ns, *name, *system]),
        [host, ns, name, system] if is_hostname(host) => {
            // Hosts whose addresses Terraform reads as repositories, not registries.
            if matches!(
                host.to_ascii_lowercase().as_str(),
                "github.com" | "bitbucket.org"
            ) {
                return Ok(None);
            }
            (host.to_ascii_lowercase(), [*ns, *name, *system])
        }
        _ => return Ok(None),
    };
    let [namespace, name, system] = rest;
    let part_ok = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    if !part_ok(namespace)
        || !part_ok(name)
        || system.is_empty()
        || !system.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return Ok(None);
    }
    Ok(Some(Source {
        package: Package::Registry(RegistryAddress {
            host,
            namespace: namespace.to_string(),
            name: name.to_string(),
            system: system.to_ascii_lowercase(),
        }),
        subdir: clean_subdir(&subdir)?,
    }))
}

/// A DNS name (with a dot) or `localhost`, with an optional port.
fn is_hostname(s: &str) -> bool {
    let (name, port) = match s.rsplit_once(':') {
        Some((n, p)) => (n, Some(p)),
        None => (s, None),
    };
    if let Some(p) = port
        && p.parse::<u16>().is_err()
    {
        return false;
    }
    (name.contains('.') || name == "localhost")
        && name
            .split('.')
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

/// go-getter's detectors for addresses without a forced getter.
fn detect(address: &str) -> Result<Package, String> {
    if address.starts_with("https://") || address.starts_with("http://") {
        return http_package(address);
    }
    if let Some(rest) = address.strip_prefix("github.com/") {
        // `github.com/ORG/REPO[/…]` → `https://github.com/ORG/REPO.git`.
        let (path, query) = match rest.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (rest, None),
        };
        let segments: Vec<&str> = path.split('/').collect();
        if segments.len() < 2 || segments.iter().take(2).any(|s| s.is_empty()) {
            return Err(format!(
                "`{address}`: GitHub sources are github.com/ORGANISATION/REPOSITORY"
            ));
        }
        let repo = segments[1].strip_suffix(".git").unwrap_or(segments[1]);
        let mut url = format!("https://github.com/{}/{repo}.git", segments[0]);
        if let Some(q) = query {
            url.push('?');
            url.push_str(q);
        }
        return git_package(&url);
    }
    if let Some(rest) = address.strip_prefix("git@")
        && let Some((host, path)) = rest.split_once(':')
    {
        // scp-like `git@HOST:PATH` → `ssh://git@HOST/PATH`.
        return git_package(&format!("ssh://git@{host}/{path}"));
    }
    if address.starts_with("bitbucket.org/") {
        return Err(format!(
            "`{address}`: Bitbucket shorthand sources are not supported by --download-modules; use a git:: source"
        ));
    }
    if address.starts_with("s3::") || address.contains(".amazonaws.com/") {
        return Err(format!(
            "`{address}`: S3 sources are not supported by --download-modules"
        ));
    }
    Err(format!(
        "`{address}` is not a registry address, git repository or HTTP(S) URL"
    ))
}

/// Splits `url`'s query into its parameters.
fn query_params(url: &str) -> (String, Vec<(String, String)>) {
    match url.split_once('?') {
        None => (url.to_string(), Vec::new()),
        Some((base, q)) => (
            base.to_string(),
            q.split('&')
                .filter(|p| !p.is_empty())
                .map(|p| match p.split_once('=') {
                    Some((k, v)) => (k.to_string(), v.to_string()),
                    None => (p.to_string(), String::new()),
                })
                .collect(),
        ),
    }
}

fn git_package(address: &str) -> Result<Package, String> {
    let (base, params) = query_params(address);
    if !(base.starts_with("https://")
        || base.starts_with("http://")
        || base.starts_with("ssh://")
        || base.starts_with("git@"))
    {
        return Err(format!(
            "`{address}`: git sources must be https://, http:// or ssh:// URLs"
        ));
    }
    let mut reference = None;
    let mut rest = Vec::new();
    for (k, v) in params {
        match k.as_str() {
            "ref" if !v.is_empty() => reference = Some(v),
            // A shallow clone is what is done anyway; a private key file is never read.
            "depth" => {}
            "sshkey" => {
                return Err(format!(
                    "`{address}`: the sshkey parameter is not supported; use your SSH agent"
                ));
            }
            _ => rest.push(format!("{k}={v}")),
        }
    }
    if let Some(r) = &reference
        && (r.starts_with('-') || r.chars().any(char::is_whitespace))
    {
        return Err(format!("`{address}`: `{r}` is not a git reference"));
    }
    let url = if rest.is_empty() {
        base
    } else {
        format!("{base}?{}", rest.join("&"))
    };
    Ok(Package::Git { url, reference })
}

// The URL is lowercased first, and `.tar.gz` is a double extension `Path` cannot see.
#[allow(clippy::case_sensitive_file_extension_comparisons)]
fn http_package(address: &str) -> Result<Package, String> {
    if !(address.starts_with("https://") || address.starts_with("http://")) {
        return Err(format!("`{address}` is not an HTTP(S) URL"));
    }
    let (base, params) = query_params(address);
    let mut archive = None;
    let mut rest = Vec::new();
    for (k, v) in params {
        if k == "archive" {
            archive = Some(match v.as_str() {
                "tar.gz" | "tgz" => ArchiveKind::TarGz,
                "tar" => ArchiveKind::Tar,
                "zip" => ArchiveKind::Zip,
                // `archive=false`: the URL is not an archive.
                "false" => continue,
                other => {
                    return Err(format!(
                        "`{address}`: archive format `{other}` is not supported (tar.gz, tgz, tar and zip are)"
                    ));
                }
            });
        } else {
            rest.push(format!("{k}={v}"));
        }
    }
    let lower = base.to_ascii_lowercase();
    if archive.is_none() {
        archive = if lower.ends_with(".tar.gz") || lower.ends_with(".tgz") {
            Some(ArchiveKind::TarGz)
        } else if lower.ends_with(".zip") {
            Some(ArchiveKind::Zip)
        } else if lower.ends_with(".tar") {
            Some(ArchiveKind::Tar)
        } else {
            None
        };
    }
    let url = if rest.is_empty() {
        base
    } else {
        format!("{base}?{}", rest.join("&"))
    };
    Ok(Package::Http { url, archive })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry(host: &str, ns: &str, name: &str, system: &str, subdir: &str) -> Source {
        Source {
            package: Package::Registry(RegistryAddress {
                host: host.into(),
                namespace: ns.into(),
                name: name.into(),
                system: system.into(),
            }),
            subdir: subdir.into(),
        }
    }

    #[test]
    fn registry_addresses() {
        assert_eq!(
            parse("terraform-aws-modules/s3-bucket/aws"),
            Ok(registry(
                DEFAULT_REGISTRY_HOST,
                "terraform-aws-modules",
                "s3-bucket",
                "aws",
                ""
            ))
        );
        assert_eq!(
            parse("app.terraform.io/acme/vpc/aws//modules/sub"),
            Ok(registry(
                "app.terraform.io",
                "acme",
                "vpc",
                "aws",
                "modules/sub"
            ))
        );
        assert_eq!(
            parse("127.0.0.1:8080/acme/vpc/aws"),
            Ok(registry("127.0.0.1:8080", "acme", "vpc", "aws", ""))
        );
    }

    #[test]
    fn terragrunt_registry_sources() {
        assert_eq!(
            parse_tfr("tfr:///terraform-aws-modules/vpc/aws?version=3.5.0"),
            Some(Ok((
                registry(
                    DEFAULT_REGISTRY_HOST,
                    "terraform-aws-modules",
                    "vpc",
                    "aws",
                    ""
                ),
                Some("3.5.0".into())
            )))
        );
        assert_eq!(
            parse_tfr("tfr://reg.example.com/acme/vpc/aws//sub"),
            Some(Ok((
                registry("reg.example.com", "acme", "vpc", "aws", "sub"),
                None
            )))
        );
        assert!(matches!(parse_tfr("tfr:///not-a-module"), Some(Err(_))));
        assert_eq!(parse_tfr("acme/vpc/aws"), None);
    }

    #[test]
    fn git_sources() {
        assert_eq!(
            parse("git::https://example.com/vpc.git//modules/a?ref=v1.2.0"),
            Ok(Source {
                package: Package::Git {
                    url: "https://example.com/vpc.git".into(),
                    reference: Some("v1.2.0".into())
                },
                subdir: "modules/a".into()
            })
        );
        assert_eq!(
            parse("github.com/hashicorp/example?ref=main"),
            Ok(Source {
                package: Package::Git {
                    url: "https://github.com/hashicorp/example.git".into(),
                    reference: Some("main".into())
                },
                subdir: String::new()
            })
        );
        assert_eq!(
            parse("github.com/org/repo//sub").map(|s| s.subdir),
            Ok("sub".into())
        );
        assert_eq!(
            parse("git@github.com:org/repo.git").map(|s| s.package),
            Ok(Package::Git {
                url: "ssh://git@github.com/org/repo.git".into(),
                reference: None
            })
        );
        assert!(parse("git::https://example.com/r.git?ref=--upload-pack=x").is_err());
        assert!(parse("git::file:///etc").is_err());
    }

    #[test]
    fn http_sources() {
        assert_eq!(
            parse("https://example.com/m.tar.gz//sub").map(|s| (s.package, s.subdir)),
            Ok((
                Package::Http {
                    url: "https://example.com/m.tar.gz".into(),
                    archive: Some(ArchiveKind::TarGz)
                },
                "sub".into()
            ))
        );
        assert_eq!(
            parse("https://example.com/get?archive=zip&x=1").map(|s| s.package),
            Ok(Package::Http {
                url: "https://example.com/get?x=1".into(),
                archive: Some(ArchiveKind::Zip)
            })
        );
        assert_eq!(
            parse("https://example.com/module").map(|s| s.package),
            Ok(Package::Http {
                url: "https://example.com/module".into(),
                archive: None
            })
        );
    }

    #[test]
    fn escaping_subdirectories_and_unsupported_sources_are_errors() {
        assert!(parse("acme/vpc/aws//../../etc").is_err());
        assert!(parse("https://example.com/m.zip///abs").is_err());
        assert!(parse("hg::https://example.com/repo").is_err());
        assert!(parse("s3::https://s3.amazonaws.com/b/m.zip").is_err());
        assert!(parse("gcs::https://www.googleapis.com/storage/v1/b/m").is_err());
        assert!(parse("bitbucket.org/org/repo").is_err());
        assert!(parse("just-a-word").is_err());
    }

    #[test]
    fn subdir_splitting_follows_go_getter() {
        assert_eq!(
            split_subdir("https://h/p//sub/dir?ref=x"),
            ("https://h/p?ref=x".into(), "sub/dir".into())
        );
        assert_eq!(
            split_subdir("https://h/p"),
            ("https://h/p".into(), String::new())
        );
        assert_eq!(split_subdir("a/b/c//d"), ("a/b/c".into(), "d".into()));
    }
}
