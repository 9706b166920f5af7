//! Remote Terraform modules for static scans, opt-in: the module registry protocol, git
//! repositories and HTTP(S) archives, downloaded into a cache that later scans (and the
//! language server) read without any network call.
//!
//! The parser crate stays free of network code: it asks a
//! [`cloudsentinel_parser::terraform::remote::ModuleResolver`] for each module call that is
//! neither local nor installed by `terraform init`; [`Fetcher`] is that resolver.
//!
//! Network policy (README, "Remote modules and the network"):
//! - without `download`, nothing is requested: a module is found in the cache or reported;
//! - with it, a module missing from the cache is fetched: registry service discovery
//!   (`https://HOST/.well-known/terraform.json`), the versions list, the download location,
//!   then the package (HTTP or `git clone`), and stored in the cache;
//! - a registry module whose constraint a cached version satisfies is taken from the cache
//!   (the highest such version), as `terraform init` keeps an installed module, so a
//!   second scan makes no request.

pub mod archive;
pub mod credentials;
mod git;
pub mod http;
pub mod source;
pub mod version;

use cloudsentinel_parser::terraform::remote::{ModuleResolver, RemoteCall, RemoteModules};
use source::{ArchiveKind, Package, RegistryAddress, Source};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use version::{Constraint, Version};

/// Default for `--download-timeout`: one HTTP request, or a stall of a git transfer.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Redirects followed for one request.
pub const MAX_REDIRECTS: u32 = 10;
/// Packages fetched in one scan at most: a module tree pulling more is almost certainly a
/// loop between packages.
pub const MAX_DOWNLOADS: usize = 200;
/// A registry answer (discovery, versions, download location) is small.
const MAX_API_BODY: u64 = 4 * 1024 * 1024;
/// An `X-Terraform-Get` page may point at another page this many times.
const MAX_INDIRECTIONS: usize = 5;

/// How remote modules are resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Download missing modules (`--download-modules`, `terraform.download-modules`).
    pub download: bool,
    /// `--offline`: downloads are refused even when the configuration enables them (the
    /// cache is still read).
    pub offline: bool,
    /// The cache (`--module-cache`); `None`: [`default_cache_dir`].
    pub cache_dir: Option<PathBuf>,
    pub timeout: Duration,
    pub limits: archive::Limits,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            download: false,
            offline: false,
            cache_dir: None,
            timeout: DEFAULT_TIMEOUT,
            limits: archive::Limits::default(),
        }
    }
}

/// `$XDG_CACHE_HOME/cloudsentinel/modules`, else `~/.cache/cloudsentinel/modules`
/// (`%LOCALAPPDATA%\cloudsentinel\modules` on Windows).
pub fn default_cache_dir() -> Option<PathBuf> {
    let non_empty = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = non_empty("XDG_CACHE_HOME")
        .filter(|p| p.is_absolute())
        .or_else(|| non_empty("LOCALAPPDATA").filter(|_| cfg!(windows)))
        .or_else(|| non_empty("HOME").map(|h| h.join(".cache")))?;
    Some(base.join("cloudsentinel").join("modules"))
}

/// The Terraform front-end option that resolves remote modules with `settings`.
pub fn remote_modules(settings: Settings) -> RemoteModules {
    RemoteModules {
        resolver: Some(Arc::new(Fetcher::new(settings))),
    }
}

type Outcome = Result<PathBuf, String>;

/// The resolver of one scan: each distinct call is resolved once (concurrent callers of the
/// same source wait for the first), downloads go to the cache.
#[derive(Debug)]
pub struct Fetcher {
    settings: Settings,
    cache_dir: Option<PathBuf>,
    client: OnceLock<Result<http::Client, String>>,
    results: Mutex<HashMap<String, Arc<OnceLock<Outcome>>>>,
    /// Registry API base URLs by host (`modules.v1`).
    discovered: Mutex<HashMap<String, Result<String, String>>>,
    downloads: AtomicUsize,
}

impl Fetcher {
    pub fn new(settings: Settings) -> Fetcher {
        let cache_dir = settings.cache_dir.clone().or_else(default_cache_dir);
        Fetcher {
            settings,
            cache_dir,
            client: OnceLock::new(),
            results: Mutex::new(HashMap::new()),
            discovered: Mutex::new(HashMap::new()),
            downloads: AtomicUsize::new(0),
        }
    }

    fn may_download(&self) -> bool {
        self.settings.download && !self.settings.offline
    }

    fn client(&self) -> Result<&http::Client, String> {
        self.client
            .get_or_init(|| {
                http::Client::new(
                    self.settings.timeout,
                    MAX_REDIRECTS,
                    http::ProxyEnv::from_env(),
                    credentials::Credentials::from_env(),
                )
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    fn cache(&self) -> Result<&Path, String> {
        self.cache_dir.as_deref().ok_or_else(|| {
            "no module cache directory (HOME and XDG_CACHE_HOME are unset); name one with --module-cache".to_string()
        })
    }

    /// Why a module that is not cached is not downloaded.
    fn not_downloaded(&self) -> String {
        if self.settings.offline {
            "not downloaded and --offline forbids downloads; run terraform init, or scan once without --offline and with --download-modules".to_string()
        } else {
            "not downloaded; run terraform init, or scan with --download-modules (the module is then kept in the module cache)".to_string()
        }
    }

    fn resolve_source(&self, source: &Source, version: Option<&str>) -> Outcome {
        let package_dir = match &source.package {
            Package::Registry(address) => self.registry_package(address, version)?,
            other => {
                let dir = self.cache()?.join(package_path(other));
                if !dir.is_dir() {
                    if !self.may_download() {
                        return Err(self.not_downloaded());
                    }
                    self.fetch_into(other, &dir, "", 0)?;
                }
                dir
            }
        };
        let dir = if source.subdir.is_empty() {
            package_dir
        } else {
            package_dir.join(&source.subdir)
        };
        if dir.is_dir() {
            Ok(dir)
        } else {
            Err(format!(
                "the downloaded module has no directory `{}`",
                source.subdir
            ))
        }
    }

    /// The cached directory of a registry module version matching `version`, downloading
    /// the highest matching version when none is cached.
    fn registry_package(&self, address: &RegistryAddress, version: Option<&str>) -> Outcome {
        let constraint = version
            .map(Constraint::parse)
            .transpose()
            .map_err(|e| format!("{e} for {}", address.display()))?;
        let module_dir = self.cache()?.join(registry_path(address));
        let cached: Vec<String> = std::fs::read_dir(&module_dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .collect();
        if let Some(v) = version::select(cached.iter().map(String::as_str), constraint.as_ref()) {
            // A package is renamed into place only once complete (see `fetch_into`).
            return registry_module_in(&module_dir.join(v.as_str()));
        }
        if !self.may_download() {
            return Err(self.not_downloaded());
        }
        let base = self.discover(&address.host)?;
        let module_url = format!(
            "{}{}/{}/{}",
            base, address.namespace, address.name, address.system
        );
        let client = self.client()?;
        let listing = client.get(&format!("{module_url}/versions"), MAX_API_BODY)?;
        let available =
            registry_versions(&listing.body).map_err(|e| format!("{}: {e}", listing.url))?;
        let chosen = version::select(available.iter().map(String::as_str), constraint.as_ref())
            .ok_or_else(|| {
                format!(
                    "no version of {} matches `{}` (the registry lists {})",
                    address.display(),
                    version.unwrap_or("any release"),
                    match available.len() {
                        0 => "none".to_string(),
                        // Long histories are cut: the message must stay readable.
                        n if n > 12 => format!("{}, … ({n} versions)", available[..12].join(", ")),
                        _ => available.join(", "),
                    }
                )
            })?;
        let dir = module_dir.join(cache_name(&chosen)?);
        if dir.is_dir() {
            return registry_module_in(&dir);
        }
        let download_url = format!("{module_url}/{}/download", chosen.as_str());
        let answer = client.get(&download_url, MAX_API_BODY)?;
        let location = answer
            .terraform_get
            .clone()
            .or_else(|| {
                serde_json::from_slice::<serde_json::Value>(&answer.body)
                    .ok()
                    .and_then(|j| j.get("location")?.as_str().map(str::to_string))
            })
            .ok_or_else(|| {
                format!(
                    "{download_url} gave no download location (no X-Terraform-Get header or `location`)"
                )
            })?;
        let location = http::resolve_reference(&answer.url, &location);
        let inner = source::parse(&location)
            .map_err(|e| format!("the registry's download location: {e}"))?;
        if matches!(inner.package, Package::Registry(_)) {
            return Err(format!(
                "the registry's download location `{location}` is another registry address"
            ));
        }
        // The location's own `//subdir` selects the module within its package: the whole
        // package is kept (relative calls may leave the subdirectory) and the subdirectory
        // recorded beside it for later scans.
        self.fetch_into(&inner.package, &dir, &inner.subdir, 0)?;
        registry_module_in(&dir)
    }

    /// The `modules.v1` base URL of `host`, from its service discovery document.
    fn discover(&self, host: &str) -> Result<String, String> {
        if let Some(r) = self
            .discovered
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(host)
        {
            return r.clone();
        }
        let result = (|| {
            let url = format!(
                "{}://{host}/.well-known/terraform.json",
                registry_scheme(host)
            );
            let answer = self.client()?.get(&url, MAX_API_BODY)?;
            let json: serde_json::Value = serde_json::from_slice(&answer.body)
                .map_err(|_| format!("{url}: the discovery document is not JSON"))?;
            let modules = json
                .get("modules.v1")
                .and_then(|v| v.as_str())
                .ok_or_else(|| {
                    format!("{host} is not a module registry (no modules.v1 in {url})")
                })?;
            let mut base = http::resolve_reference(&answer.url, modules);
            if !base.ends_with('/') {
                base.push('/');
            }
            Ok(base)
        })();
        self.discovered
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(host.to_string(), result.clone());
        result
    }

    /// Fetches `package` (git or HTTP) into `dest`, complete or not at all: it is built in
    /// a temporary directory beside the cache entries and renamed into place.
    fn fetch_into(
        &self,
        package: &Package,
        dest: &Path,
        module_subdir: &str,
        indirections: usize,
    ) -> Result<(), String> {
        if self.downloads.fetch_add(1, Ordering::Relaxed) >= MAX_DOWNLOADS {
            return Err(format!(
                "more than {MAX_DOWNLOADS} module downloads in one scan; the rest are not fetched"
            ));
        }
        let tmp_root = self.cache()?.join("tmp");
        std::fs::create_dir_all(&tmp_root)
            .map_err(|e| format!("cannot create {}: {e}", tmp_root.display()))?;
        let tmp = tempfile::Builder::new()
            .prefix("fetch-")
            .tempdir_in(&tmp_root)
            .map_err(|e| format!("cannot create a directory in {}: {e}", tmp_root.display()))?;
        let work = tmp.path().join("package");
        match package {
            Package::Git { url, reference } => {
                git::clone(url, reference.as_deref(), &work, self.settings.timeout)?;
            }
            Package::Http { url, archive } => {
                let answer = self.client()?.get(url, self.settings.limits.max_bytes)?;
                let kind = match archive {
                    Some(k) => Some(*k),
                    None => match &answer.terraform_get {
                        // A page pointing at the real location (go-getter's HTTP getter).
                        Some(next) if indirections < MAX_INDIRECTIONS => {
                            let next = http::resolve_reference(&answer.url, next);
                            let inner = source::parse(&next)?;
                            if !inner.subdir.is_empty()
                                || matches!(inner.package, Package::Registry(_))
                            {
                                return Err(format!(
                                    "{url}: unsupported X-Terraform-Get location `{next}`"
                                ));
                            }
                            return self.fetch_into(
                                &inner.package,
                                dest,
                                module_subdir,
                                indirections + 1,
                            );
                        }
                        Some(_) => {
                            return Err(format!("{url}: too many X-Terraform-Get indirections"));
                        }
                        None => archive::sniff(&answer.body),
                    },
                };
                let Some(kind) = kind else {
                    return Err(format!(
                        "{url} is neither an archive (.tar.gz, .tgz, .tar, .zip) nor answers with X-Terraform-Get"
                    ));
                };
                std::fs::create_dir(&work)
                    .map_err(|e| format!("cannot create {}: {e}", work.display()))?;
                archive::extract(&answer.body, kind, &work, self.settings.limits)
                    .map_err(|e| format!("{url}: {e}"))?;
            }
            Package::Registry(_) => return Err("a registry address is not a package".to_string()),
        }
        if !module_subdir.is_empty() {
            let note = work.join(SUBDIR_NOTE);
            std::fs::write(&note, module_subdir)
                .map_err(|e| format!("cannot write {}: {e}", note.display()))?;
        }
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        match std::fs::rename(&work, dest) {
            Ok(()) => Ok(()),
            // Another scan stored the same package meanwhile: theirs is as good.
            Err(_) if dest.is_dir() => Ok(()),
            Err(e) => Err(format!(
                "cannot store the module in {}: {e}",
                dest.display()
            )),
        }
    }
}

impl ModuleResolver for Fetcher {
    fn resolve(&self, call: &RemoteCall<'_>) -> Result<PathBuf, String> {
        let parsed = match source::parse_tfr(call.source) {
            Some(tfr) => tfr.map(|(s, v)| (s, v.or_else(|| call.version.map(str::to_string)))),
            None => source::parse(call.source).map(|s| (s, call.version.map(str::to_string))),
        };
        let (source, version) = parsed.map_err(|e| {
            if self.may_download() {
                e
            } else {
                format!("not downloaded; run terraform init ({e})")
            }
        })?;
        let key = format!("{}\n{}", call.source, version.as_deref().unwrap_or(""));
        let slot = self
            .results
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(key)
            .or_default()
            .clone();
        slot.get_or_init(|| self.resolve_source(&source, version.as_deref()))
            .clone()
    }
}

/// A file in a registry package naming the module's subdirectory in it (from the download
/// location's `//subdir`); not a Terraform file, so never parsed as one.
const SUBDIR_NOTE: &str = ".cloudsentinel-module-subdir";

/// The module directory of the cached registry package `package`.
fn registry_module_in(package: &Path) -> Outcome {
    let Ok(note) = std::fs::read_to_string(package.join(SUBDIR_NOTE)) else {
        return Ok(package.to_path_buf());
    };
    // The note was checked when written; check again, it is a file on disk.
    let sub = source::split_subdir(&format!("x//{}", note.trim())).1;
    let rel = Path::new(&sub);
    if rel
        .components()
        .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return Err(format!(
            "the cached module {} is corrupt",
            package.display()
        ));
    }
    let dir = package.join(rel);
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(format!("the downloaded module has no directory `{sub}`"))
    }
}

/// Plain HTTP for loopback registries (local mirrors and tests: the traffic never leaves
/// the machine); HTTPS, as Terraform requires, for every other host.
fn registry_scheme(host: &str) -> &'static str {
    let name = match host.rsplit_once(':') {
        Some((n, p)) if p.parse::<u16>().is_ok() => n,
        _ => host,
    };
    let name = name.trim_start_matches('[').trim_end_matches(']');
    let loopback = name == "localhost"
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if loopback { "http" } else { "https" }
}

/// Version strings of a registry `versions` answer:
/// `{"modules": [{"versions": [{"version": "1.0.0"}, …]}]}`.
fn registry_versions(body: &[u8]) -> Result<Vec<String>, String> {
    let json: serde_json::Value =
        serde_json::from_slice(body).map_err(|_| "the versions list is not JSON".to_string())?;
    let modules = json
        .get("modules")
        .and_then(|m| m.as_array())
        .ok_or("the versions list has no `modules`")?;
    Ok(modules
        .iter()
        .filter_map(|m| m.get("versions")?.as_array())
        .flatten()
        .filter_map(|v| v.get("version")?.as_str().map(str::to_string))
        .collect())
}

/// `registry/HOST/NAMESPACE/NAME/SYSTEM` (a port's `:` becomes `_`).
fn registry_path(a: &RegistryAddress) -> PathBuf {
    [
        "registry",
        &a.host.replace(':', "_"),
        &a.namespace,
        &a.name,
        &a.system,
    ]
    .iter()
    .collect()
}

/// A version as a directory name: only the characters a version may contain.
fn cache_name(v: &Version) -> Result<&str, String> {
    let s = v.as_str();
    let ok = !s.starts_with('.')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+' | '~'));
    if ok {
        Ok(s)
    } else {
        Err(format!(
            "the registry version `{s}` cannot name a directory"
        ))
    }
}

/// `git/HASH` or `http/HASH`, from the package's URL and reference.
fn package_path(package: &Package) -> PathBuf {
    use sha2::Digest;
    use std::fmt::Write;
    let (kind, key) = match package {
        Package::Git { url, reference } => (
            "git",
            format!("{url}#{}", reference.as_deref().unwrap_or("")),
        ),
        Package::Http { url, archive } => ("http", format!("{url}#{}", archive_key(*archive))),
        Package::Registry(a) => ("registry", a.display()),
    };
    let digest = sha2::Sha256::digest(key.as_bytes());
    let hex = digest.iter().take(16).fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    });
    Path::new(kind).join(hex)
}

fn archive_key(kind: Option<ArchiveKind>) -> &'static str {
    match kind {
        None => "",
        Some(ArchiveKind::TarGz) => "tar.gz",
        Some(ArchiveKind::Tar) => "tar",
        Some(ArchiveKind::Zip) => "zip",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_registries_use_plain_http() {
        assert_eq!(registry_scheme("127.0.0.1:8080"), "http");
        assert_eq!(registry_scheme("localhost"), "http");
        assert_eq!(registry_scheme("[::1]:9000"), "http");
        assert_eq!(registry_scheme("registry.terraform.io"), "https");
        assert_eq!(registry_scheme("10.0.0.1:443"), "https");
    }

    #[test]
    fn versions_answers_parse() {
        let body = br#"{"modules":[{"source":"a/b/c","versions":[{"version":"1.0.0"},{"version":"1.1.0"}]}]}"#;
        assert_eq!(
            registry_versions(body),
            Ok(vec!["1.0.0".to_string(), "1.1.0".to_string()])
        );
        assert!(registry_versions(b"nope").is_err());
        assert!(registry_versions(b"{}").is_err());
    }

    #[test]
    fn without_download_nothing_is_fetched_and_the_notice_says_how() {
        let cache = tempfile::tempdir().expect("tempdir");
        let fetcher = Fetcher::new(Settings {
            cache_dir: Some(cache.path().to_path_buf()),
            ..Settings::default()
        });
        let call = RemoteCall {
            source: "acme/vpc/aws",
            version: Some("~> 1.0"),
            caller_dir: Path::new("."),
        };
        let why = fetcher.resolve(&call).expect_err("not cached");
        assert!(
            why.contains("terraform init") && why.contains("--download-modules"),
            "{why}"
        );
        // A cached version satisfying the constraint is used, the highest one.
        for v in ["1.0.0", "1.4.0", "2.0.0"] {
            std::fs::create_dir_all(
                cache
                    .path()
                    .join("registry/registry.terraform.io/acme/vpc/aws")
                    .join(v),
            )
            .expect("mkdir");
        }
        let fresh = Fetcher::new(Settings {
            cache_dir: Some(cache.path().to_path_buf()),
            offline: true,
            download: true,
            ..Settings::default()
        });
        let dir = fresh.resolve(&call).expect("cached");
        assert!(
            dir.ends_with("registry/registry.terraform.io/acme/vpc/aws/1.4.0"),
            "{}",
            dir.display()
        );
        let other = RemoteCall {
            source: "acme/vpc/aws",
            version: Some(">= 3"),
            caller_dir: Path::new("."),
        };
        let why = fresh.resolve(&other).expect_err("offline");
        assert!(why.contains("--offline"), "{why}");
    }
}
