//! End-to-end tests of remote module downloads (`--download-modules`): a module registry,
//! HTTP archives and a git repository served by a small HTTP server on 127.0.0.1 that
//! counts the requests it receives, so the tests also prove when no request is made.

use serde_json::Value;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

// ---- a test HTTP server ----------------------------------------------------------------

/// What the server answers to one request.
enum Reply {
    /// Status, headers, body.
    Answer(u16, Vec<(String, String)>, Vec<u8>),
    /// Accept the request and never answer (until the client gives up).
    Hang,
}

fn ok(body: impl Into<Vec<u8>>) -> Reply {
    Reply::Answer(200, Vec::new(), body.into())
}

fn status(code: u16) -> Reply {
    Reply::Answer(code, Vec::new(), Vec::new())
}

fn redirect(to: &str) -> Reply {
    Reply::Answer(302, vec![("Location".into(), to.into())], Vec::new())
}

struct Request {
    /// `/path?query`.
    path: String,
    headers: HashMap<String, String>,
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// An HTTP/1.1 server on 127.0.0.1 answering each connection's one request with `handler`.
struct Server {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        let handler: Arc<Handler> = Arc::new(handler);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let seen = seen.clone();
                let handler = handler.clone();
                std::thread::spawn(move || serve(stream, &seen, &*handler));
            }
        });
        Server { port, requests }
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().expect("lock").clone()
    }
}

fn serve(stream: TcpStream, seen: &Mutex<Vec<String>>, handler: &Handler) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let line = line.trim_end().to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    seen.lock().expect("lock").push(line.clone());
    let path = line.split(' ').nth(1).unwrap_or("/").to_string();
    let request = Request { path, headers };
    let mut stream = stream;
    match handler(&request) {
        Reply::Hang => {
            // Hold the connection until the client closes it.
            let mut sink = [0u8; 256];
            while reader.read(&mut sink).is_ok_and(|n| n > 0) {}
        }
        Reply::Answer(code, headers, body) => {
            let mut head = format!(
                "HTTP/1.1 {code} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
            let _ = stream.flush();
        }
    }
}

// ---- archives and repositories -----------------------------------------------------------

/// A `.tar.gz` of `(path, content)` files; paths are written raw, so `../x` is possible.
fn tar_gz(files: &[(&str, &str)]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (name, content) in files {
        let mut h = tar::Header::new_gnu();
        h.set_size(content.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        h.as_old_mut().name[..name.len()].copy_from_slice(name.as_bytes());
        h.set_cksum();
        b.append(&h, content.as_bytes()).expect("append");
    }
    gzip(&b.into_inner().expect("tar"))
}

fn zip(files: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in files {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("zip");
        w.write_all(content.as_bytes()).expect("zip");
    }
    w.finish().expect("zip").into_inner()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(data).expect("gzip");
    gz.finish().expect("gzip")
}

/// A `.tar.gz` holding one file of zeros, `size` bytes long, streamed so the test does not
/// hold it in memory.
fn tar_gz_of_zeros(size: u64) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let mut h = tar::Header::new_gnu();
    h.set_size(size);
    h.set_mode(0o644);
    h.set_entry_type(tar::EntryType::Regular);
    h.set_path("big.bin").expect("path");
    h.set_cksum();
    gz.write_all(h.as_bytes()).expect("gzip");
    let chunk = vec![0u8; 1 << 20];
    let mut left = size;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        gz.write_all(&chunk[..n]).expect("gzip");
        left -= n as u64;
    }
    // Pad to a whole block, then the two empty end blocks.
    let pad = (512 - (size % 512) as usize) % 512;
    gz.write_all(&vec![0u8; pad + 1024]).expect("gzip");
    gz.finish().expect("gzip")
}

fn bucket(name: &str, acl: &str) -> String {
    format!(
        "resource \"aws_s3_bucket\" \"b\" {{\n  bucket = \"{name}\"\n  acl    = \"{acl}\"\n}}\n"
    )
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=test", "-c", "user.email=test@example.com"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "core.hooksPath=/dev/null",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A bare repository `NAME.git` under `root`, one commit and tag per `(tag, files)`,
/// prepared for the dumb HTTP protocol.
fn bare_repo(root: &Path, name: &str, tags: &[(&str, &[(&str, &str)])]) -> PathBuf {
    let work = root.join(format!("{name}-work"));
    std::fs::create_dir_all(&work).expect("mkdir");
    git(&work, &["init", "-q"]);
    for (tag, files) in tags {
        for (path, content) in *files {
            write(&work, path, content);
        }
        git(&work, &["add", "-A"]);
        git(&work, &["commit", "-q", "-m", tag]);
        git(&work, &["tag", tag]);
    }
    let bare = root.join(format!("{name}.git"));
    git(
        root,
        &[
            "clone",
            "-q",
            "--bare",
            work.to_str().expect("utf-8"),
            bare.to_str().expect("utf-8"),
        ],
    );
    git(&bare, &["update-server-info"]);
    bare
}

/// Serves the files under `root` for paths under `prefix` (dumb HTTP git).
fn static_file(root: &Path, prefix: &str, path: &str) -> Option<Reply> {
    let rel = path.strip_prefix(prefix)?.split('?').next()?;
    if rel.split('/').any(|p| p == "..") {
        return Some(status(403));
    }
    Some(match std::fs::read(root.join(rel)) {
        Ok(bytes) => ok(bytes),
        Err(_) => status(404),
    })
}

// ---- running the binary ----------------------------------------------------------------

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, content).expect("write");
}

/// The binary with an environment of its own: a temporary home and cache, no proxy, no
/// Terraform credentials from the machine.
fn bin(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cloudsentinel"));
    c.env("NO_COLOR", "1")
        .env("HOME", home)
        .env("XDG_CACHE_HOME", home.join("cache"));
    for k in [
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
        "TF_CLI_CONFIG_FILE",
    ] {
        c.env_remove(k);
    }
    for (k, _) in std::env::vars() {
        if k.starts_with("TF_TOKEN_") || k.starts_with("TF_VAR_") {
            c.env_remove(k);
        }
    }
    c
}

fn scan(cmd: &mut Command, project: &Path, extra: &[&str]) -> (i32, Value, Output) {
    let out = cmd
        .args(["scan", "--format", "json", "--fail-on", "none"])
        .args(extra)
        .arg(project)
        .output()
        .expect("run cloudsentinel");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "invalid JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), v, out)
}

/// `(check_id, path)` of every finding.
fn findings(v: &Value) -> Vec<(String, String)> {
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["check_id"].as_str().unwrap_or("").to_string(),
                f["location"]["path"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn notices(v: &Value) -> Vec<String> {
    v["notices"]
        .as_array()
        .expect("notices")
        .iter()
        .map(|n| n["message"].as_str().unwrap_or("").to_string())
        .collect()
}

fn public_acl_in(v: &Value, path_end: &str) -> bool {
    findings(v)
        .iter()
        .any(|(id, p)| id == "aws-s3-public-acl" && p.ends_with(path_end))
}

/// A registry serving `acme/bucket/aws` in versions 1.0.0, 1.2.0, 1.3.0-beta and 2.0.0
/// (each a public bucket named after its version), `acme/outer/aws` 1.0.0 (which calls
/// `acme/bucket/aws` = 1.0.0 through the registry) and `private/bucket/aws` 1.0.0 (only with
/// the token `s3cret`).
fn registry() -> Server {
    let port: Arc<Mutex<u16>> = Arc::default();
    let own = port.clone();
    let server = Server::start(move |r: &Request| {
        let host = format!("127.0.0.1:{}", own.lock().expect("lock"));
        let authorised =
            r.headers.get("authorization").map(String::as_str) == Some("Bearer s3cret");
        match r.path.as_str() {
            "/.well-known/terraform.json" => ok(r#"{"modules.v1": "/v1/modules/"}"#),
            "/v1/modules/acme/bucket/aws/versions" => ok(
                r#"{"modules":[{"versions":[{"version":"1.0.0"},{"version":"2.0.0"},{"version":"1.3.0-beta"},{"version":"1.2.0"}]}]}"#,
            ),
            p if p.starts_with("/v1/modules/private/") && !authorised => status(401),
            "/v1/modules/acme/outer/aws/versions" | "/v1/modules/private/bucket/aws/versions" => {
                ok(r#"{"modules":[{"versions":[{"version":"1.0.0"}]}]}"#)
            }
            p if p.starts_with("/v1/modules/") && p.ends_with("/download") => {
                let parts: Vec<&str> = p.split('/').collect();
                // /v1/modules/NS/NAME/SYSTEM/VERSION/download
                let (ns, name, version) = (parts[3], parts[4], parts[6]);
                // Relative to the download URL, as registries may answer.
                let location = format!("../../../../../../archives/{ns}-{name}-{version}.tar.gz");
                if name == "outer" {
                    // The newer form: a JSON body.
                    ok(format!(r#"{{"location": "{location}"}}"#))
                } else {
                    Reply::Answer(204, vec![("X-Terraform-Get".into(), location)], Vec::new())
                }
            }
            "/archives/acme-bucket-1.0.0.tar.gz" => {
                ok(tar_gz(&[("main.tf", &bucket("v100", "public-read"))]))
            }
            "/archives/acme-bucket-1.2.0.tar.gz" => ok(tar_gz(&[
                ("main.tf", &bucket("v120", "public-read")),
                ("README.md", "# bucket\n"),
            ])),
            "/archives/acme-bucket-2.0.0.tar.gz" => {
                ok(tar_gz(&[("main.tf", &bucket("v200", "public-read"))]))
            }
            "/archives/acme-outer-1.0.0.tar.gz" => ok(tar_gz(&[(
                "main.tf",
                &format!(
                    "module \"inner\" {{\n  source  = \"{host}/acme/bucket/aws\"\n  version = \"1.0.0\"\n}}\n"
                ),
            )])),
            "/archives/private-bucket-1.0.0.tar.gz" => {
                ok(tar_gz(&[("main.tf", &bucket("private", "public-read"))]))
            }
            _ => status(404),
        }
    });
    *port.lock().expect("lock") = server.port;
    server
}

// ---- the tests ---------------------------------------------------------------------------

#[test]
fn a_registry_module_resolves_by_constraint_and_a_warm_cache_makes_no_request() {
    let server = registry();
    let home = tempfile::tempdir().expect("tempdir");
    let project = tempfile::tempdir().expect("tempdir");
    let cache = home.path().join("modules");
    write(
        project.path(),
        "main.tf",
        format!(
            "module \"s3\" {{\n  source  = \"{}/acme/bucket/aws\"\n  version = \"~> 1.0\"\n}}\n",
            server.host()
        ),
    );
    let cache_arg = cache.to_str().expect("utf-8");
    let (code, v, out) = scan(
        &mut bin(home.path()),
        project.path(),
        &["--download-modules", "--module-cache", cache_arg],
    );
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&out.stderr));
    // `~> 1.0`: 1.2.0, not 2.0.0 nor the prerelease.
    let port_dir = format!(
        "registry/127.0.0.1_{}/acme/bucket/aws/1.2.0/main.tf",
        server.port
    );
    assert!(
        public_acl_in(&v, &port_dir),
        "{:?}\n{:?}",
        findings(&v),
        notices(&v)
    );
    assert_eq!(
        server.requests(),
        [
            "GET /.well-known/terraform.json HTTP/1.1",
            "GET /v1/modules/acme/bucket/aws/versions HTTP/1.1",
            "GET /v1/modules/acme/bucket/aws/1.2.0/download HTTP/1.1",
            "GET /archives/acme-bucket-1.2.0.tar.gz HTTP/1.1",
        ]
    );
    assert!(cache.join(&port_dir).is_file(), "kept in the cache");

    // Warm cache, with and without the flag: the same finding and not one request.
    for flags in [
        vec!["--download-modules", "--module-cache", cache_arg],
        vec!["--module-cache", cache_arg],
        vec!["--offline", "--module-cache", cache_arg],
    ] {
        let (_, v, _) = scan(&mut bin(home.path()), project.path(), &flags);
        assert!(public_acl_in(&v, &port_dir), "{flags:?}: {:?}", notices(&v));
    }
    assert_eq!(server.requests().len(), 4, "no request with a warm cache");
}

#[test]
fn a_default_scan_makes_no_request_and_says_how_to_resolve_the_module() {
    let server = registry();
    let home = tempfile::tempdir().expect("tempdir");
    let project = tempfile::tempdir().expect("tempdir");
    write(
        project.path(),
        "main.tf",
        format!(
            "module \"s3\" {{\n  source  = \"{}/acme/bucket/aws\"\n  version = \"~> 1.0\"\n}}\nmodule \"g\" {{\n  source = \"git::{}?ref=v1\"\n}}\n",
            server.host(),
            server.url("/repo.git")
        ),
    );
    let (code, v, _) = scan(&mut bin(home.path()), project.path(), &[]);
    assert_eq!(code, 0);
    assert!(findings(&v).is_empty());
    let n = notices(&v);
    let about_s3: Vec<&String> = n.iter().filter(|m| m.contains("module s3")).collect();
    assert_eq!(about_s3.len(), 1, "one notice per call: {n:?}");
    assert!(
        about_s3[0].contains("terraform init") && about_s3[0].contains("--download-modules"),
        "{n:?}"
    );
    assert!(
        n.iter()
            .any(|m| m.contains("module g") && m.contains("--download-modules"))
    );
    assert!(server.requests().is_empty(), "{:?}", server.requests());

    // --offline with --download-modules is a usage error.
    let out = bin(home.path())
        .args(["scan", "--offline", "--download-modules"])
        .arg(project.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--offline"));
}

#[test]
fn a_downloaded_module_calling_a_registry_module_is_resolved_too() {
    let server = registry();
    let home = tempfile::tempdir().expect("tempdir");
    let project = tempfile::tempdir().expect("tempdir");
    write(
        project.path(),
        "main.tf",
        format!(
            "module \"outer\" {{\n  source = \"{}/acme/outer/aws\"\n}}\n",
            server.host()
        ),
    );
    let (_, v, _) = scan(
        &mut bin(home.path()),
        project.path(),
        &["--download-modules"],
    );
    // The default cache: $XDG_CACHE_HOME/cloudsentinel/modules.
    let inner = format!(
        "registry/127.0.0.1_{}/acme/bucket/aws/1.0.0/main.tf",
        server.port
    );
    assert!(
        public_acl_in(&v, &inner),
        "{:?}\n{:?}",
        findings(&v),
        notices(&v)
    );
    assert!(
        home.path()
            .join("cache/cloudsentinel/modules")
            .join(&inner)
            .is_file()
    );
}

#[test]
fn a_terragrunt_unit_with_a_registry_source_is_downloaded_too() {
    let server = registry();
    let home = tempfile::tempdir().expect("tempdir");
    let project = tempfile::tempdir().expect("tempdir");
    write(
        project.path(),
        "live/s3/terragrunt.hcl",
        format!(
            "terraform {{\n  source = \"tfr://{}/acme/bucket/aws?version=1.0.0\"\n}}\n",
            server.host()
        ),
    );
    let (_, v, _) = scan(&mut bin(home.path()), project.path(), &[]);
    assert!(
        notices(&v)
            .iter()
            .any(|m| m.contains("is remote: not downloaded") && m.contains("--download-modules")),
        "{:?}",
        notices(&v)
    );
    assert!(server.requests().is_empty());
    let (_, v, _) = scan(
        &mut bin(home.path()),
        project.path(),
        &["--download-modules"],
    );
    assert!(
        public_acl_in(&v, "acme/bucket/aws/1.0.0/main.tf"),
        "{:?}\n{:?}",
        findings(&v),
        notices(&v)
    );
}

#[test]
fn a_private_registry_gets_the_token_of_the_cli_configuration() {
    let server = registry();
    let home = tempfile::tempdir().expect("tempdir");
    let project = tempfile::tempdir().expect("tempdir");
    write(
        project.path(),
        "main.tf",
        format!(
            "module \"p\" {{\n  source = \"{}/private/bucket/aws\"\n}}\n",
            server.host()
        ),
    );
    let (_, v, _) = scan(
        &mut bin(home.path()),
        project.path(),
        &["--download-modules"],
    );
    assert!(
        notices(&v)
            .iter()
            .any(|m| m.contains("module p") && m.contains("HTTP 401")),
        "{:?}",
        notices(&v)
    );
    let rc = home.path().join("terraform.rc");
    write(
        home.path(),
        "terraform.rc",
        format!(
            "credentials \"{}\" {{\n  token = \"s3cret\"\n}}\n",
            server.host()
        ),
    );
    let (_, v, _) = scan(
        bin(home.path()).env("TF_CLI_CONFIG_FILE", &rc),
        project.path(),
        &["--download-modules"],
    );
    assert!(
        public_acl_in(&v, "private/bucket/aws/1.0.0/main.tf"),
        "{:?}",
        notices(&v)
    );
}

#[test]
fn a_git_source_is_cloned_at_its_ref() {
    let repos = tempfile::tempdir().expect("tempdir");
    bare_repo(
        repos.path(),
        "buckets",
        &[
            (
                "v1.0.0",
                &[("modules/site/main.tf", &bucket("one", "private"))],
            ),
            (
                "v1.2.0",
                &[("modules/site/main.tf", &bucket("two", "public-read"))],
            ),
            (
                "v1.3.0",
                &[("modules/site/main.tf", &bucket("three", "private"))],
            ),
        ],
    );
    let rev_parse = Command::new("git")
        .args(["rev-parse", "v1.2.0"])
        .current_dir(repos.path().join("buckets.git"))
        .output()
        .expect("git rev-parse");
    let commit = String::from_utf8_lossy(&rev_parse.stdout)
        .trim()
        .to_string();
    let root = repos.path().to_path_buf();
    let server = Server::start(move |r: &Request| {
        static_file(&root, "/", &r.path).unwrap_or_else(|| status(404))
    });
    let home = tempfile::tempdir().expect("tempdir");
    let project = tempfile::tempdir().expect("tempdir");
    let url = server.url("/buckets.git");
    write(
        project.path(),
        "main.tf",
        format!(
            "module \"site\" {{\n  source = \"git::{url}//modules/site?ref=v1.2.0\"\n}}\n\
             module \"pinned\" {{\n  source = \"git::{url}//modules/site?ref={commit}\"\n}}\n\
             module \"latest\" {{\n  source = \"git::{url}//modules/site\"\n}}\n"
        ),
    );
    let (_, v, _) = scan(
        &mut bin(home.path()),
        project.path(),
        &["--download-modules"],
    );
    assert!(
        public_acl_in(&v, "modules/site/main.tf"),
        "{:?}\n{:?}",
        findings(&v),
        notices(&v)
    );
    // The tag and its commit give the public bucket; the default branch (v1.3.0) does not.
    let found: Vec<(String, String)> = findings(&v)
        .into_iter()
        .filter(|(id, _)| id == "aws-s3-public-acl")
        .collect();
    assert_eq!(found.len(), 2, "{found:?}\n{:?}", notices(&v));
    assert_ne!(found[0].1, found[1].1, "one cache entry per ref");
    let (_, path) = found.into_iter().next().expect("a finding");
    assert!(path.contains("cloudsentinel/modules/git/"), "{path}");
    // The clone keeps no repository: nothing in it can run.
    let cached = PathBuf::from(&path);
    let package = cached
        .parent()
        .and_then(Path::parent)
        .and_then(Path::parent)
        .expect("package");
    assert!(!package.join(".git").exists());
    let before = server.requests().len();
    let (_, v, _) = scan(
        &mut bin(home.path()),
        project.path(),
        &["--download-modules"],
    );
    assert!(public_acl_in(&v, "modules/site/main.tf"));
    assert_eq!(server.requests().len(), before, "cached");
}

#[test]
fn an_http_page_answering_x_terraform_get_leads_to_a_zip_archive() {
    let server = Server::start(|r: &Request| match r.path.as_str() {
        "/modules/site" => Reply::Answer(
            200,
            vec![("X-Terraform-Get".into(), "/files/site?archive=zip".into())],
            b"<html></html>".to_vec(),
        ),
        // go-getter's `archive` parameter is not sent.
        "/files/site" => ok(zip(&[("main.tf", &bucket("page", "public-read"))])),
        _ => status(404),
    });
    let home = tempfile::tempdir().expect("tempdir");
    let project = tempfile::tempdir().expect("tempdir");
    write(
        project.path(),
        "main.tf",
        format!(
            "module \"site\" {{\n  source = \"{}\"\n}}\n",
            server.url("/modules/site")
        ),
    );
    let (_, v, _) = scan(
        &mut bin(home.path()),
        project.path(),
        &["--download-modules"],
    );
    assert!(public_acl_in(&v, "main.tf"), "{:?}", notices(&v));
    assert_eq!(
        server.requests(),
        ["GET /modules/site HTTP/1.1", "GET /files/site HTTP/1.1"]
    );
}

#[test]
fn download_failures_are_notices_and_the_rest_of_the_scan_runs() {
    let server = Server::start(|r: &Request| match r.path.as_str() {
        p if p.starts_with("/hop/") => {
            let n: u32 = p["/hop/".len()..].parse().unwrap_or(0);
            redirect(&format!("/hop/{}", n + 1))
        }
        "/loop/a.tar.gz" => redirect("/loop/b.tar.gz"),
        "/loop/b.tar.gz" => redirect("/loop/a.tar.gz"),
        "/evil.tar.gz" => ok(tar_gz(&[("../evil.tf", "# escaped\n")])),
        // One byte over the default limit of 256 MiB.
        "/big.tar.gz" => ok(tar_gz_of_zeros(256 * 1024 * 1024 + 1)),
        _ => status(404),
    });
    let silent = Server::start(|_: &Request| Reply::Hang);
    let home = tempfile::tempdir().expect("tempdir");
    let project = tempfile::tempdir().expect("tempdir");
    write(
        project.path(),
        "main.tf",
        format!(
            r#"module "missing" {{
  source = "{host}/acme/missing/aws"
}}
module "slow" {{
  source = "{slow}"
}}
module "looping" {{
  source = "{looping}"
}}
module "evil" {{
  source = "{evil}"
}}
module "hopping" {{
  source = "{hopping}"
}}
module "big" {{
  source = "{big}"
}}
module "local" {{
  source = "./local"
}}
"#,
            host = server.host(),
            slow = silent.url("/m.tar.gz"),
            looping = server.url("/loop/a.tar.gz"),
            evil = server.url("/evil.tar.gz"),
            hopping = server.url("/hop/0"),
            big = server.url("/big.tar.gz"),
        ),
    );
    write(
        project.path(),
        "local/main.tf",
        bucket("local", "public-read"),
    );
    let (code, v, out) = scan(
        &mut bin(home.path()),
        project.path(),
        &["--download-modules", "--download-timeout", "0.5"],
    );
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(public_acl_in(&v, "local/main.tf"), "{:?}", findings(&v));
    let n = notices(&v);
    let about = |name: &str, text: &str| {
        assert!(
            n.iter()
                .any(|m| m.contains(&format!("module {name} ")) && m.contains(text)),
            "no notice about {name} saying `{text}`: {n:#?}"
        );
    };
    about("missing", "HTTP 404");
    about("slow", "no complete answer within 0.5 s");
    about("looping", "redirect loop");
    about("evil", "escapes the target directory");
    about("hopping", "too many redirects (more than 10)");
    about("big", "more than 268435456 bytes");
    assert!(
        !home
            .path()
            .join("cache/cloudsentinel/modules/tmp/evil.tf")
            .exists()
    );
    assert!(
        !home
            .path()
            .join("cache/cloudsentinel/modules/evil.tf")
            .exists()
    );
}

#[test]
fn https_proxy_is_honoured() {
    // A proxy that records what it is asked and refuses it.
    let proxy = Server::start(|_: &Request| status(403));
    let home = tempfile::tempdir().expect("tempdir");
    let project = tempfile::tempdir().expect("tempdir");
    write(
        project.path(),
        "main.tf",
        "module \"m\" {\n  source = \"https://modules.example.test/m.tar.gz\"\n}\n",
    );
    let (_, v, _) = scan(
        bin(home.path()).env("HTTPS_PROXY", proxy.url("")),
        project.path(),
        &["--download-modules", "--download-timeout", "5"],
    );
    assert_eq!(
        proxy.requests().first().map(String::as_str),
        Some("CONNECT modules.example.test:443 HTTP/1.1"),
        "{:?}",
        notices(&v)
    );
    assert!(
        notices(&v)
            .iter()
            .any(|m| m.contains("module m ") && m.contains("proxy")),
        "{:?}",
        notices(&v)
    );
}
