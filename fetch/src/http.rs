//! HTTP GET with what module downloads need: proxies chosen per URL as Terraform (Go's
//! `ProxyFromEnvironment`) chooses them, registry tokens sent only to their host,
//! redirects followed by hand (so each hop gets its own proxy and credential decision, and a
//! loop ends with a clear error), a timeout per request and a size limit per body.

use crate::credentials::Credentials;
use std::net::IpAddr;
use std::time::Duration;
use ureq::Agent;
use ureq::http::Uri;

/// Proxy settings from the environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProxyEnv {
    /// `HTTPS_PROXY` (or `https_proxy`): for `https://` URLs.
    pub https: Option<String>,
    /// `HTTP_PROXY` (or `http_proxy`): for `http://` URLs.
    pub http: Option<String>,
    /// `NO_PROXY` (or `no_proxy`).
    pub no_proxy: String,
}

impl ProxyEnv {
    pub fn from_env() -> ProxyEnv {
        let var = |names: [&str; 2]| {
            names
                .iter()
                .find_map(|n| std::env::var(n).ok().filter(|v| !v.trim().is_empty()))
        };
        ProxyEnv {
            https: var(["HTTPS_PROXY", "https_proxy"]),
            http: var(["HTTP_PROXY", "http_proxy"]),
            no_proxy: var(["NO_PROXY", "no_proxy"]).unwrap_or_default(),
        }
    }

    /// True when a request to `host:port` goes direct: loopback addresses and `localhost`
    /// always do (as in Go), and so do hosts `NO_PROXY` matches: `*` (every host), a domain
    /// (it and its subdomains), `.domain` or `*.domain` (subdomains only), an IP address or
    /// CIDR range, each optionally with `:port`.
    pub fn bypasses(&self, host: &str, port: u16) -> bool {
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_ascii_lowercase();
        let ip = host.parse::<IpAddr>().ok();
        if host == "localhost" || ip.is_some_and(|ip| ip.is_loopback()) {
            return true;
        }
        for entry in self.no_proxy.split(',') {
            let entry = entry.trim().to_ascii_lowercase();
            if entry.is_empty() {
                continue;
            }
            if entry == "*" {
                return true;
            }
            let (name, entry_port) = split_port(&entry);
            if entry_port.is_some_and(|p| p != port) {
                continue;
            }
            if let Some((net, bits)) = name.split_once('/') {
                if let (Some(ip), Ok(net), Ok(bits)) = (ip, net.parse::<IpAddr>(), bits.parse())
                    && in_cidr(ip, net, bits)
                {
                    return true;
                }
                continue;
            }
            let name = name.strip_prefix('*').unwrap_or(name);
            let matched = if let Some(suffix) = name.strip_prefix('.') {
                host.ends_with(&format!(".{suffix}"))
            } else {
                host == name || host.ends_with(&format!(".{name}"))
            };
            if matched {
                return true;
            }
        }
        false
    }
}

/// `host:port` → (`host`, port); IPv6 literals keep their colons.
fn split_port(s: &str) -> (&str, Option<u16>) {
    if let Some(rest) = s.strip_prefix('[') {
        return match rest.split_once(']') {
            Some((h, p)) => (h, p.strip_prefix(':').and_then(|p| p.parse().ok())),
            None => (s, None),
        };
    }
    match s.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') => match p.parse() {
            Ok(port) => (h, Some(port)),
            Err(_) => (s, None),
        },
        _ => (s, None),
    }
}

fn in_cidr(ip: IpAddr, net: IpAddr, bits: u32) -> bool {
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(b)) if bits <= 32 => {
            let mask = if bits == 0 {
                0
            } else {
                u32::MAX << (32 - bits)
            };
            u32::from(a) & mask == u32::from(b) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(b)) if bits <= 128 => {
            let mask = if bits == 0 {
                0
            } else {
                u128::MAX << (128 - bits)
            };
            u128::from(a) & mask == u128::from(b) & mask
        }
        _ => false,
    }
}

/// A received response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    /// The URL that answered (after redirects).
    pub url: String,
    /// The `X-Terraform-Get` header.
    pub terraform_get: Option<String>,
    pub body: Vec<u8>,
}

/// The HTTP client of one scan.
#[derive(Debug)]
pub struct Client {
    direct: Agent,
    https_proxy: Option<Agent>,
    http_proxy: Option<Agent>,
    proxies: ProxyEnv,
    credentials: Credentials,
    max_redirects: u32,
    timeout: Duration,
}

impl Client {
    pub fn new(
        timeout: Duration,
        max_redirects: u32,
        proxies: ProxyEnv,
        credentials: Credentials,
    ) -> Result<Client, String> {
        let agent = |proxy: Option<&str>| -> Result<Agent, String> {
            let proxy = match proxy {
                None => None,
                Some(p) => {
                    let p = if p.contains("://") {
                        p.to_string()
                    } else {
                        format!("http://{p}")
                    };
                    Some(
                        ureq::Proxy::new(&p)
                            .map_err(|e| format!("invalid proxy URL `{p}`: {e}"))?,
                    )
                }
            };
            let config = Agent::config_builder()
                .http_status_as_error(false)
                // Redirects are followed in `get`, one decision per hop.
                .max_redirects(0)
                .timeout_global(Some(timeout))
                .user_agent(format!("cloudsentinel/{}", env!("CARGO_PKG_VERSION")))
                .proxy(proxy)
                .build();
            Ok(Agent::new_with_config(config))
        };
        Ok(Client {
            direct: agent(None)?,
            https_proxy: proxies
                .https
                .as_deref()
                .map(|p| agent(Some(p)))
                .transpose()?,
            http_proxy: proxies
                .http
                .as_deref()
                .map(|p| agent(Some(p)))
                .transpose()?,
            proxies,
            credentials,
            max_redirects,
            timeout,
        })
    }

    /// GETs `url`, following up to the redirect limit; an error status, a body over `limit`
    /// bytes, a timeout or a redirect loop is an error naming the URL.
    pub fn get(&self, url: &str, limit: u64) -> Result<Response, String> {
        let mut current = url.to_string();
        let mut seen = vec![current.clone()];
        loop {
            let uri: Uri = current
                .parse()
                .map_err(|_| format!("`{current}` is not a valid URL"))?;
            let scheme = uri.scheme_str().unwrap_or("");
            let host = uri.host().unwrap_or("");
            let port = uri
                .port_u16()
                .unwrap_or(if scheme == "https" { 443 } else { 80 });
            let agent = match scheme {
                "https" | "http" if self.proxies.bypasses(host, port) => &self.direct,
                "https" => self.https_proxy.as_ref().unwrap_or(&self.direct),
                "http" => self.http_proxy.as_ref().unwrap_or(&self.direct),
                _ => return Err(format!("`{current}`: only http and https URLs are fetched")),
            };
            let mut request = agent.get(&current);
            let authority = uri.authority().map(|a| a.as_str().to_ascii_lowercase());
            if let Some(token) = authority
                .as_deref()
                .and_then(|a| self.credentials.token_for(a))
            {
                request = request.header("Authorization", &format!("Bearer {token}"));
            }
            let mut response = request.call().map_err(|e| self.describe(&current, &e))?;
            let status = response.status().as_u16();
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
            };
            if (300..400).contains(&status)
                && let Some(location) = header("location")
            {
                let next = resolve_reference(&current, &location);
                if seen.contains(&next) {
                    return Err(format!("redirect loop: {current} redirects back to {next}"));
                }
                if seen.len() > self.max_redirects as usize {
                    return Err(format!(
                        "too many redirects (more than {}) starting at {url}",
                        self.max_redirects
                    ));
                }
                seen.push(next.clone());
                current = next;
                continue;
            }
            if status >= 400 {
                return Err(format!("{current} answered HTTP {status}"));
            }
            let terraform_get = header("x-terraform-get");
            let body = response
                .body_mut()
                .with_config()
                .limit(limit)
                .read_to_vec()
                .map_err(|e| match e {
                    ureq::Error::BodyExceedsLimit(_) => {
                        format!("{current}: the response is larger than {limit} bytes")
                    }
                    e => self.describe(&current, &e),
                })?;
            return Ok(Response {
                status,
                url: current,
                terraform_get,
                body,
            });
        }
    }

    fn describe(&self, url: &str, e: &ureq::Error) -> String {
        match e {
            ureq::Error::Timeout(_) => format!(
                "{url}: no complete answer within {} s (the download timeout)",
                self.timeout.as_secs_f64()
            ),
            ureq::Error::ConnectProxyFailed(why) => {
                format!("{url}: the proxy refused the connection ({why})")
            }
            ureq::Error::Io(io) => format!("{url}: {io}"),
            other => format!("{url}: {other}"),
        }
    }
}

/// Resolves `reference` (absolute, scheme-relative, absolute-path or relative) against
/// `base`, as a browser would (RFC 3986 section 5.2, without the corner cases modules do
/// not use). Forced-getter references (`git::…`) are absolute.
pub fn resolve_reference(base: &str, reference: &str) -> String {
    if reference.contains("://") || reference.contains("::") {
        return reference.to_string();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    if let Some(r) = reference.strip_prefix("//") {
        return format!("{scheme}://{r}");
    }
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let path = rest[authority_end..].split(['?', '#']).next().unwrap_or("");
    let (ref_path, query) = match reference.find('?') {
        Some(i) => (&reference[..i], &reference[i..]),
        None => (reference, ""),
    };
    let merged = if ref_path.starts_with('/') {
        ref_path.to_string()
    } else if ref_path.is_empty() {
        path.to_string()
    } else {
        let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
        format!("{dir}{ref_path}")
    };
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = merged.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {}
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
            }
            s => out.push(s),
        }
        if i + 1 == segments.len() && (*seg == "." || *seg == "..") {
            out.push("");
        }
    }
    let mut path = out.join("/");
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    format!("{scheme}://{authority}{path}{query}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_against_the_download_url() {
        let base = "https://reg.example.com/v1/modules/a/b/c/1.0.0/download";
        assert_eq!(
            resolve_reference(base, "./archive.tar.gz"),
            "https://reg.example.com/v1/modules/a/b/c/1.0.0/archive.tar.gz"
        );
        assert_eq!(
            resolve_reference(base, "../../x.zip?archive=zip"),
            "https://reg.example.com/v1/modules/a/b/x.zip?archive=zip"
        );
        assert_eq!(
            resolve_reference(base, "/files/m.tgz"),
            "https://reg.example.com/files/m.tgz"
        );
        assert_eq!(
            resolve_reference(base, "//cdn.example.com/m.tgz"),
            "https://cdn.example.com/m.tgz"
        );
        assert_eq!(
            resolve_reference(base, "git::https://example.com/r.git?ref=v1"),
            "git::https://example.com/r.git?ref=v1"
        );
        assert_eq!(
            resolve_reference("http://h:8080/a/b?q=1", "c"),
            "http://h:8080/a/c"
        );
        assert_eq!(resolve_reference("http://h", "c"), "http://h/c");
    }

    /// A one-shot HTTP server on 127.0.0.1 answering `reply` to every request and keeping
    /// each request's head.
    fn server(reply: String) -> (u16, std::sync::mpsc::Receiver<String>) {
        use std::io::{BufRead, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut reader = std::io::BufReader::new(stream.try_clone().expect("clone"));
                let mut head = String::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                        break;
                    }
                    head.push_str(&line);
                }
                let _ = tx.send(head);
                let mut stream = stream;
                let _ = stream.write_all(reply.as_bytes());
            }
        });
        (port, rx)
    }

    #[test]
    fn a_token_goes_to_its_host_only_not_across_a_redirect() {
        let (other, other_seen) =
            server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".into());
        let (registry, registry_seen) = server(format!(
            "HTTP/1.1 302 Found\r\nLocation: http://localhost:{other}/file\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ));
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("credentials.tfrc.json");
        std::fs::write(
            &file,
            format!(r#"{{"credentials": {{"127.0.0.1:{registry}": {{"token": "s3cret"}}}}}}"#),
        )
        .expect("write");
        let credentials = Credentials::from_sources(vec![], None, Some(&file));
        let client = Client::new(Duration::from_secs(10), 3, ProxyEnv::default(), credentials)
            .expect("client");
        let answer = client
            .get(&format!("http://127.0.0.1:{registry}/start"), 1024)
            .expect("get");
        assert_eq!(answer.body, b"ok");
        assert_eq!(answer.url, format!("http://localhost:{other}/file"));
        let first = registry_seen.recv().expect("request");
        assert!(
            first
                .to_ascii_lowercase()
                .contains("authorization: bearer s3cret"),
            "{first}"
        );
        let second = other_seen.recv().expect("request");
        assert!(
            !second.to_ascii_lowercase().contains("authorization"),
            "{second}"
        );
    }

    fn no_proxy(list: &str) -> ProxyEnv {
        ProxyEnv {
            no_proxy: list.into(),
            ..ProxyEnv::default()
        }
    }

    #[test]
    fn no_proxy_matching_follows_go() {
        let env = no_proxy("example.com, .internal, *.corp.test, 10.0.0.0/8, cache.test:8443");
        assert!(env.bypasses("example.com", 443));
        assert!(
            env.bypasses("api.example.com", 443),
            "a domain covers subdomains"
        );
        assert!(!env.bypasses("notexample.com", 443));
        assert!(env.bypasses("a.internal", 443));
        assert!(
            !env.bypasses("internal", 443),
            "a leading dot: subdomains only"
        );
        assert!(env.bypasses("x.corp.test", 443));
        assert!(env.bypasses("10.1.2.3", 80));
        assert!(!env.bypasses("11.1.2.3", 80));
        assert!(env.bypasses("cache.test", 8443));
        assert!(!env.bypasses("cache.test", 443), "the port must match");
        assert!(env.bypasses("127.0.0.1", 80), "loopback is never proxied");
        assert!(env.bypasses("localhost", 80));
        assert!(env.bypasses("[::1]", 80));
        assert!(!env.bypasses("registry.terraform.io", 443));
        assert!(no_proxy("*").bypasses("registry.terraform.io", 443));
        assert!(!no_proxy("").bypasses("registry.terraform.io", 443));
    }
}
