//! Protocol-level tests of `cloudsentinel lsp`: JSON-RPC with Content-Length framing over the
//! binary's standard input and output. Fixtures live in `fixtures/lsp/<name>/` (copied to a
//! temporary directory), with JSON snapshots beside them: `CLOUDSENTINEL_UPDATE_SNAPSHOTS=1`
//! rewrites the snapshots, otherwise they are compared. The last test drives Neovim's
//! built-in client (`scripts/test.sh` installs Neovim; outside CI the test is skipped when it
//! is missing).

// Skipped tests say why on stderr.
#![allow(clippy::print_stderr)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);

/// Snapshot files beside the fixtures (not copied with them).
const SNAPSHOTS: [&str; 2] = ["diagnostics.json", "code_actions.json"];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else if !SNAPSHOTS.contains(&e.file_name().to_str().unwrap_or("")) {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn frame(msg: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(msg).unwrap();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body);
    out
}

/// Reads Content-Length framed messages until the stream ends.
fn read_messages(out: impl Read + Send + 'static) -> Receiver<Value> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut r = BufReader::new(out);
        loop {
            let mut len = None;
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length:") {
                    len = v.trim().parse::<usize>().ok();
                }
            }
            let mut body = vec![0; len.expect("Content-Length header")];
            if r.read_exact(&mut body).is_err() {
                return;
            }
            if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        }
    });
    rx
}

/// A running server speaking to the test.
struct Lsp {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    /// Every `publishDiagnostics` received: file path relative to the root, diagnostics.
    log: Vec<(String, Vec<Value>)>,
    _dir: tempfile::TempDir,
    root: PathBuf,
    versions: std::collections::HashMap<String, i64>,
    /// Requests the server sent to the client.
    requests: Vec<Value>,
}

impl Lsp {
    fn start(fixture: &str) -> Lsp {
        Lsp::start_with(fixture, json!({}))
    }

    fn start_with(fixture: &str, capabilities: Value) -> Lsp {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join(fixture);
        copy_dir(&repo().join("fixtures/lsp").join(fixture), &root);
        let mut child = Command::new(env!("CARGO_BIN_EXE_cloudsentinel"))
            .arg("lsp")
            .current_dir(&root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start cloudsentinel lsp");
        let stdin = child.stdin.take().unwrap();
        let rx = read_messages(child.stdout.take().unwrap());
        let mut lsp = Lsp {
            child,
            stdin,
            rx,
            next_id: 0,
            log: Vec::new(),
            _dir: dir,
            root,
            versions: std::collections::HashMap::default(),
            requests: Vec::new(),
        };
        let init = lsp.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": lsp.uri(""),
                "capabilities": capabilities,
            }),
        );
        assert_eq!(init["serverInfo"]["name"], "cloudsentinel");
        let caps = &init["capabilities"];
        assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
        assert_eq!(caps["hoverProvider"], true);
        assert_eq!(caps["positionEncoding"], "utf-16");
        lsp.notify("initialized", json!({}));
        lsp
    }

    fn uri(&self, rel: &str) -> String {
        let p = if rel.is_empty() {
            self.root.clone()
        } else {
            self.root.join(rel)
        };
        format!("file://{}", p.display())
    }

    fn rel(&self, uri: &str) -> String {
        let prefix = format!("{}/", self.uri(""));
        uri.strip_prefix(&prefix).unwrap_or(uri).to_string()
    }

    fn send(&mut self, msg: Value) {
        self.stdin.write_all(&frame(&msg)).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Records a message that is not the awaited response.
    fn record(&mut self, m: Value) {
        if m["method"] == "textDocument/publishDiagnostics" {
            let rel = self.rel(m["params"]["uri"].as_str().unwrap());
            let diags = m["params"]["diagnostics"].as_array().unwrap().clone();
            self.log.push((rel, diags));
        } else if m.get("id").is_some() && m.get("method").is_some() {
            self.requests.push(m);
        }
    }

    fn recv(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.rx.recv_timeout(left) {
            Ok(m) => Some(m),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let m = self
                .recv(deadline)
                .unwrap_or_else(|| panic!("no response to {method}"));
            if m["id"] == id && m.get("method").is_none() {
                assert!(m.get("error").is_none(), "{method} failed: {m}");
                return m["result"].clone();
            }
            self.record(m);
        }
    }

    fn text(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap()
    }

    fn open(&mut self, rel: &str) -> usize {
        let mark = self.log.len();
        let text = self.text(rel);
        self.versions.insert(rel.to_string(), 1);
        #[allow(clippy::case_sensitive_file_extension_comparisons)] // the tests' own file names
        let language = if rel.ends_with(".yaml") {
            "yaml"
        } else {
            "terraform"
        };
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": self.uri(rel), "languageId": language, "version": 1, "text": text}}),
        );
        mark
    }

    fn change(&mut self, rel: &str, changes: Value) -> usize {
        let mark = self.log.len();
        let v = self.versions.entry(rel.to_string()).or_insert(1);
        *v += 1;
        let version = *v;
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": self.uri(rel), "version": version}, "contentChanges": changes}),
        );
        mark
    }

    /// Waits for a publication for `rel` after `since` that satisfies `pred`.
    fn wait(&mut self, rel: &str, since: usize, pred: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + TIMEOUT;
        let mut seen = since;
        loop {
            for (r, d) in &self.log[seen..] {
                if r == rel && pred(d) {
                    let d = d.clone();
                    self.settle();
                    return d;
                }
            }
            seen = self.log.len();
            match self.recv(deadline) {
                Some(m) => self.record(m),
                None => panic!(
                    "no matching diagnostics for {rel}; received: {:#?}",
                    &self.log[since..]
                ),
            }
        }
    }

    /// Receives until the server has been quiet for a moment.
    fn settle(&mut self) {
        loop {
            match self.rx.recv_timeout(Duration::from_millis(400)) {
                Ok(m) => self.record(m),
                Err(_) => return,
            }
        }
    }

    /// The last diagnostics published for each file.
    fn latest(&self) -> std::collections::BTreeMap<String, Vec<Value>> {
        let mut out = std::collections::BTreeMap::new();
        for (r, d) in &self.log {
            out.insert(r.clone(), d.clone());
        }
        out
    }

    /// Replaces every URI of the temporary root by a stable one, for snapshots.
    fn portable(&self, v: &Value) -> Value {
        let s = serde_json::to_string(v).unwrap();
        serde_json::from_str(&s.replace(&self.uri(""), "file:///FIXTURE")).unwrap()
    }

    fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "exit after shutdown: {status}");
                return;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn snapshot(path: &str, actual: &Value) {
    let file = repo().join(path);
    let text = serde_json::to_string_pretty(actual).unwrap() + "\n";
    if std::env::var_os("CLOUDSENTINEL_UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        std::fs::write(&file, &text).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&file).unwrap_or_else(|_| {
        panic!("{path} is missing: run with CLOUDSENTINEL_UPDATE_SNAPSHOTS=1 to create it")
    });
    assert!(
        expected == text,
        "{path} differs (CLOUDSENTINEL_UPDATE_SNAPSHOTS=1 rewrites it)\n--- expected\n{expected}\n--- actual\n{text}"
    );
}

/// Byte offset of an LSP position (UTF-16 columns) in `text`.
fn offset(text: &str, pos: &Value) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let character = pos["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, e, t) in spans {
        out.replace_range(s..e, &t);
    }
    out
}

#[test]
fn diagnostics_on_open_match_the_snapshot() {
    let mut lsp = Lsp::start("basic");
    let mark = lsp.open("main.tf");
    let main = lsp.wait("main.tf", mark, |d| !d.is_empty());
    let all = lsp.latest();
    let module = &all["modules/network/main.tf"];
    assert_eq!(codes(module), ["aws-ec2-sg-public-ssh"]);
    assert_eq!(
        module[0]["relatedInformation"][0]["message"],
        "in module \"network\" called here"
    );
    assert_eq!(
        lsp.rel(
            module[0]["relatedInformation"][0]["location"]["uri"]
                .as_str()
                .unwrap()
        ),
        "main.tf"
    );
    for d in &main {
        assert_eq!(d["source"], "cloudsentinel");
        let code = d["code"].as_str().unwrap();
        assert_eq!(
            d["codeDescription"]["href"],
            format!(
                "https://github.com/cloudsentinel/cloudsentinel/blob/main/docs/checks/{code}.md"
            )
        );
    }
    let sev = |code: &str| {
        main.iter()
            .find(|d| d["code"] == code)
            .map(|d| d["severity"].as_i64().unwrap())
    };
    assert_eq!(
        sev("secret-hardcoded-credential"),
        Some(1),
        "critical: error"
    );
    assert_eq!(sev("aws-s3-public-acl"), Some(1), "high: error");
    assert_eq!(sev("aws-kms-no-rotation"), Some(2), "medium: warning");
    assert_eq!(sev("aws-s3-no-access-logging"), Some(3), "low: information");
    // UTF-16 columns: the header `resource "aws_kms_key" "dätä" {` is 31 UTF-16 units and
    // the password line ends after an astral character (two units).
    let kms = main
        .iter()
        .find(|d| d["code"] == "aws-kms-no-rotation")
        .unwrap();
    assert_eq!(kms["range"]["end"]["character"], 31);
    let secret = main
        .iter()
        .find(|d| d["code"] == "secret-hardcoded-credential")
        .unwrap();
    let line = lsp.text("main.tf").lines().nth(29).unwrap().to_string();
    assert_eq!(
        secret["range"]["end"]["character"].as_u64().unwrap() as usize,
        line.encode_utf16().count()
    );
    snapshot(
        "fixtures/lsp/basic/diagnostics.json",
        &lsp.portable(&serde_json::to_value(&all).unwrap()),
    );
    lsp.shutdown();
}

#[test]
fn typing_a_fix_clears_the_diagnostic() {
    let mut lsp = Lsp::start("parse-error");
    let mark = lsp.open("main.tf");
    let d = lsp.wait("main.tf", mark, |d| !d.is_empty());
    assert_eq!(codes(&d), ["aws-kms-no-rotation"]);
    // Incremental edits, as an editor sends them while typing.
    let mark = lsp.change(
        "main.tf",
        json!([{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}},
                "text": "  enable_key_rotation = tru\n"}]),
    );
    let mark2 = lsp.change(
        "main.tf",
        json!([{"range": {"start": {"line": 1, "character": 26}, "end": {"line": 1, "character": 26}},
                "text": "e"}]),
    );
    let d = lsp.wait("main.tf", mark.min(mark2), <[serde_json::Value]>::is_empty);
    assert!(d.is_empty(), "the fix clears the diagnostic: {d:?}");
    lsp.shutdown();
}

#[test]
fn a_parse_error_in_one_file_leaves_the_others_alone() {
    let mut lsp = Lsp::start("parse-error");
    let mark = lsp.open("main.tf");
    lsp.wait("main.tf", mark, |d| !d.is_empty());
    let mark = lsp.open("other.tf");
    lsp.wait("other.tf", mark, <[serde_json::Value]>::is_empty);
    let mark = lsp.change(
        "other.tf",
        json!([{"text": "locals {\n  name = \"example\"\n\nresource \"aws_s3_bucket\" {\n"}]),
    );
    let broken = lsp.wait("other.tf", mark, |d| !d.is_empty());
    // Two broken blocks, each its own error: the unclosed `locals`, and the resource
    // missing its name and closing brace.
    assert_eq!(codes(&broken), ["iac-parse-error", "iac-parse-error"]);
    assert_eq!(broken[0]["severity"], 1);
    let main = lsp.wait("main.tf", mark, |_| true);
    assert_eq!(
        codes(&main),
        ["aws-kms-no-rotation"],
        "main.tf keeps its findings"
    );
    snapshot(
        "fixtures/lsp/parse-error/diagnostics.json",
        &lsp.portable(&serde_json::to_value(lsp.latest()).unwrap()),
    );
    // Repairing the file clears the error.
    let mark = lsp.change("other.tf", json!([{"text": "locals {}\n"}]));
    lsp.wait("other.tf", mark, <[serde_json::Value]>::is_empty);
    lsp.shutdown();
}

#[test]
fn a_syntax_error_keeps_the_findings_of_the_rest_of_the_file() {
    let mut lsp = Lsp::start("parse-error");
    let mark = lsp.open("main.tf");
    lsp.wait("main.tf", mark, |d| !d.is_empty());
    // A broken bucket below the key, as while typing it: the key keeps its finding.
    let mark = lsp.change(
        "main.tf",
        json!([{"range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}},
                "text": "\nresource \"aws_s3_bucket\" \"logs\" {\n  bucket = = \"logs\"\n}\n"}]),
    );
    let d = lsp.wait("main.tf", mark, |d| d.len() == 2);
    let mut got = codes(&d);
    got.sort();
    assert_eq!(got, ["aws-kms-no-rotation", "iac-parse-error"]);
    let error = d.iter().find(|d| d["code"] == "iac-parse-error").unwrap();
    assert_eq!(error["range"]["start"]["line"], 5);
    snapshot(
        "fixtures/lsp/parse-error/recovered.json",
        &lsp.portable(&serde_json::to_value(&d).unwrap()),
    );
    lsp.shutdown();
}

#[test]
fn code_actions_fix_or_suppress_each_finding() {
    let mut lsp = Lsp::start("basic");
    let mark = lsp.open("main.tf");
    let diags = lsp.wait("main.tf", mark, |d| !d.is_empty());
    let uri = lsp.uri("main.tf");
    let mut snap = Vec::new();
    let targets = [
        "aws-s3-public-acl",
        "aws-kms-no-rotation",
        "aws-ec2-imdsv1",
        "aws-cloudtrail-no-log-validation",
        "aws-rds-unencrypted",
        "aws-s3-no-versioning",
    ];
    for code in targets {
        let d = diags
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("no {code} diagnostic"));
        let mine = actions_for(&mut lsp, &uri, d);
        let titles: Vec<&str> = mine.iter().map(|a| a["title"].as_str().unwrap()).collect();
        assert!(
            titles.contains(&format!("Ignore {code} here").as_str()),
            "{code}: {titles:?}"
        );
        if code != "aws-s3-no-versioning" {
            assert!(
                mine.iter().any(|a| a["isPreferred"] == true),
                "{code} has a quick fix: {titles:?}"
            );
        }
        snap.push(json!({"code": code, "range": d["range"], "actions": mine}));
    }
    snapshot(
        "fixtures/lsp/basic/code_actions.json",
        &lsp.portable(&Value::Array(snap)),
    );
    // Each quick fix (else the suppression), applied to the buffer, clears its diagnostic.
    let mut text = lsp.text("main.tf");
    let mut current = diags.clone();
    for code in targets {
        let d = current.iter().find(|d| d["code"] == code).unwrap().clone();
        let mine = actions_for(&mut lsp, &uri, &d);
        let action = mine
            .iter()
            .find(|a| a["isPreferred"] == true)
            .or_else(|| mine.first())
            .unwrap();
        let edits = action["edit"]["changes"][&uri].as_array().unwrap().clone();
        text = apply(&text, &edits);
        let mark = lsp.change("main.tf", json!([{"text": text}]));
        let after = lsp.wait("main.tf", mark, |d| d.iter().all(|x| x["code"] != code));
        assert_eq!(
            after.len(),
            current.len() - 1,
            "{code}: the action changed nothing else: {after:?}"
        );
        current = after;
    }
    lsp.shutdown();
}

/// The code actions offered for one diagnostic.
fn actions_for(lsp: &mut Lsp, uri: &str, d: &Value) -> Vec<Value> {
    let code = d["code"].clone();
    let actions = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    actions
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["diagnostics"][0]["code"] == code)
        .cloned()
        .collect()
}

#[test]
fn hover_shows_the_checks_of_a_resource_and_the_documentation_of_a_finding() {
    let mut lsp = Lsp::start("basic");
    let mark = lsp.open("main.tf");
    lsp.wait("main.tf", mark, |d| !d.is_empty());
    let uri = lsp.uri("main.tf");
    // The header of `aws_s3_bucket.site` (line 5).
    let h = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": 3}}),
    );
    let text = h["contents"]["value"].as_str().unwrap().to_string();
    assert_eq!(h["contents"]["kind"], "markdown");
    assert!(text.contains("**aws_s3_bucket.site**"), "{text}");
    assert!(
        text.contains("**failing** `aws-s3-public-acl` (high)"),
        "{text}"
    );
    assert!(
        text.contains("**failing** `aws-s3-no-versioning` (medium)"),
        "{text}"
    );
    assert!(text.contains("passed"), "{text}");
    assert!(
        text.contains("`aws-s3-public-policy`"),
        "passed checks are named: {text}"
    );
    // On the `acl` attribute: the check's title, severity, documentation and remediation.
    let h = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 6, "character": 5}}),
    );
    let text = h["contents"]["value"].as_str().unwrap().to_string();
    assert!(
        text.contains("### S3 bucket ACL grants public access"),
        "{text}"
    );
    assert!(
        text.contains("`aws-s3-public-acl` · severity **high**"),
        "{text}"
    );
    assert!(
        text.contains("Flags an S3 bucket whose canned ACL"),
        "{text}"
    );
    assert!(
        text.contains("**Remediation:** Use the `private` canned ACL"),
        "{text}"
    );
    // Nowhere near a resource or a finding: nothing.
    let h = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}),
    );
    assert!(h.is_null(), "{h}");
    lsp.shutdown();
}

#[test]
fn configuration_file_and_severity_setting_are_honoured() {
    let mut lsp = Lsp::start("config");
    let mark = lsp.open("main.tf");
    let d = lsp.wait("main.tf", mark, |d| !d.is_empty());
    let all = codes(&d);
    assert!(
        !all.iter().any(|c| c == "aws-kms-no-rotation"),
        ".cloudsentinel.yaml skips it: {all:?}"
    );
    assert!(
        all.iter().any(|c| c == "aws-cloudtrail-no-log-validation"),
        "{all:?}"
    );
    assert!(
        all.iter().any(|c| c == "aws-rds-short-backup-retention"),
        "{all:?}"
    );
    assert!(
        !lsp.latest().contains_key("generated.tf"),
        "excluded by the configuration"
    );
    snapshot(
        "fixtures/lsp/config/diagnostics.json",
        &lsp.portable(&serde_json::to_value(lsp.latest()).unwrap()),
    );
    let mark = lsp.log.len();
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"cloudsentinel": {"severity": "high"}}}),
    );
    let high = lsp.wait("main.tf", mark, |d| d.len() < all.len());
    assert_eq!(codes(&high), ["aws-rds-unencrypted"]);
    let mark = lsp.log.len();
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"cloudsentinel": {"severity": "low"}}}),
    );
    let again = lsp.wait("main.tf", mark, |d| d.len() == all.len());
    assert_eq!(codes(&again), all);
    lsp.shutdown();
}

#[test]
fn a_broken_configuration_is_reported_on_its_line() {
    let mut lsp = Lsp::start("config");
    let config = lsp.root.join(".cloudsentinel.yaml");
    let good = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, "checks:\n  skipp: [aws-kms-no-rotation]\n").unwrap();
    let mark = lsp.open("main.tf");
    let d = lsp.wait(".cloudsentinel.yaml", mark, |d| !d.is_empty());
    assert_eq!(d[0]["code"], "configuration");
    assert_eq!(d[0]["severity"], 1);
    assert_eq!(d[0]["range"]["start"]["line"], 1);
    assert!(
        d[0]["message"].as_str().unwrap().contains("skipp"),
        "{}",
        d[0]["message"]
    );
    // Without a usable configuration the skipped check is reported.
    let main = lsp.latest()["main.tf"].clone();
    assert!(codes(&main).iter().any(|c| c == "aws-kms-no-rotation"));
    // Fixed and saved: the error goes, the configuration applies again.
    std::fs::write(&config, good).unwrap();
    let mark = lsp.log.len();
    lsp.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": lsp.uri(".cloudsentinel.yaml")}}),
    );
    lsp.wait(".cloudsentinel.yaml", mark, <[serde_json::Value]>::is_empty);
    let main = lsp.wait("main.tf", mark, |_| true);
    assert!(!codes(&main).iter().any(|c| c == "aws-kms-no-rotation"));
    lsp.shutdown();
}

#[test]
fn files_changed_on_disk_are_re_analysed_when_the_client_watches_them() {
    let mut lsp = Lsp::start_with(
        "basic",
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    let mark = lsp.open("main.tf");
    lsp.wait("modules/network/main.tf", mark, |d| !d.is_empty());
    let reg = lsp
        .requests
        .iter()
        .find(|r| r["method"] == "client/registerCapability")
        .expect("the server asks to watch files")
        .clone();
    let registration = &reg["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs = registration["registerOptions"]["watchers"].to_string();
    assert!(
        globs.contains("tf") && globs.contains(".cloudsentinel"),
        "{globs}"
    );
    lsp.send(json!({"jsonrpc": "2.0", "id": reg["id"], "result": null}));
    // The module (not open in the editor) is changed on disk.
    let module = lsp.root.join("modules/network/main.tf");
    let text = std::fs::read_to_string(&module).unwrap();
    std::fs::write(&module, text.replace("= 22", "= 443")).unwrap();
    let mark = lsp.log.len();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": lsp.uri("modules/network/main.tf"), "type": 2}]}),
    );
    lsp.wait(
        "modules/network/main.tf",
        mark,
        <[serde_json::Value]>::is_empty,
    );
    lsp.shutdown();
}

#[test]
fn closing_the_last_buffer_clears_its_diagnostics() {
    let mut lsp = Lsp::start("basic");
    let mark = lsp.open("main.tf");
    lsp.wait("main.tf", mark, |d| !d.is_empty());
    let mark = lsp.log.len();
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": lsp.uri("main.tf")}}),
    );
    lsp.wait("main.tf", mark, <[serde_json::Value]>::is_empty);
    lsp.wait(
        "modules/network/main.tf",
        mark,
        <[serde_json::Value]>::is_empty,
    );
    lsp.shutdown();
}

/// A template is analysed on its own. Until the CloudFormation front-end reports findings
/// this only checks that the server answers for YAML; once it does, the YAML quick fixes are
/// exercised end to end.
#[test]
fn templates_are_analysed_on_their_own_and_fixed_in_yaml() {
    let mut lsp = Lsp::start("cloudformation");
    let mark = lsp.open("template.yaml");
    let diags = lsp.wait("template.yaml", mark, |_| true);
    let uri = lsp.uri("template.yaml");
    let mut text = lsp.text("template.yaml");
    let mut current = diags;
    for (code, title) in [
        ("aws-s3-public-acl", "Set AccessControl: Private"),
        ("aws-kms-no-rotation", "Set EnableKeyRotation: true"),
        ("aws-rds-unencrypted", "Set StorageEncrypted: true"),
        (
            "aws-cloudtrail-no-log-validation",
            "Set EnableLogFileValidation: true",
        ),
        (
            "aws-ec2-imdsv1",
            "Set LaunchTemplateData.MetadataOptions.HttpTokens: required",
        ),
    ] {
        let d = current
            .iter()
            .find(|d| d["code"] == code)
            .cloned()
            .unwrap_or_else(|| panic!("{code} is reported for the template: {current:?}"));
        let mine = actions_for(&mut lsp, &uri, &d);
        let titles: Vec<&str> = mine.iter().map(|a| a["title"].as_str().unwrap()).collect();
        assert!(titles.contains(&title), "{code}: {titles:?}");
        assert!(
            titles.contains(&format!("Ignore {code} here").as_str()),
            "{titles:?}"
        );
        let fix = mine.iter().find(|a| a["title"] == title).unwrap();
        text = apply(&text, fix["edit"]["changes"][&uri].as_array().unwrap());
        let mark = lsp.change("template.yaml", json!([{"text": text}]));
        current = lsp.wait("template.yaml", mark, |d| {
            d.iter().all(|x| x["code"] != code)
        });
    }
    lsp.shutdown();
}

/// A new file that exists only in the editor is analysed with its directory's module.
#[test]
fn unsaved_new_files_are_analysed_with_their_module() {
    let mut lsp = Lsp::start("basic");
    let rel = "unsaved.tf";
    assert!(!lsp.root.join(rel).exists());
    let mark = lsp.log.len();
    let uri = lsp.uri(rel);
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "terraform", "version": 1,
            "text": "resource \"aws_kms_key\" \"draft\" {\n  description = \"draft\"\n}\n"}}),
    );
    let diags = lsp.wait(rel, mark, |d| {
        d.iter().any(|x| x["code"] == "aws-kms-no-rotation")
    });
    assert_eq!(diags[0]["range"]["start"]["line"], 0, "{diags:?}");
    lsp.shutdown();
}

fn nvim() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("nvim"))
        .find(|p| p.is_file())
}

#[test]
fn neovim_shows_the_diagnostics() {
    let Some(nvim) = nvim() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "Neovim is required in CI: scripts/test.sh installs it"
        );
        eprintln!("skipped: nvim is not installed (apt-get install neovim)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("basic");
    copy_dir(&repo().join("fixtures/lsp/basic"), &root);
    let out = dir.path().join("diagnostics.json");
    let mut child = Command::new(nvim)
        .args(["--headless", "--clean", "-u", "NONE", "-n", "-c"])
        .arg(format!(
            "luafile {}",
            repo().join("cli/tests/lsp_nvim.lua").display()
        ))
        .env("CS_BIN", env!("CARGO_BIN_EXE_cloudsentinel"))
        .env("CS_FILE", root.join("main.tf"))
        .env("CS_OUT", &out)
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .current_dir(&root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start nvim");
    let deadline = Instant::now() + Duration::from_secs(90);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut err = String::new();
    let _ = child.stderr.take().unwrap().read_to_string(&mut err);
    assert!(status.success(), "nvim failed: {status}\n{err}");
    let got: Value = serde_json::from_str(
        &std::fs::read_to_string(&out).unwrap_or_else(|_| panic!("no output from nvim: {err}")),
    )
    .unwrap();
    assert_eq!(got["ok"], true, "nvim saw no diagnostics: {got}");
    let diags = got["diagnostics"].as_array().unwrap();
    let snapshot: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("fixtures/lsp/basic/diagnostics.json")).unwrap(),
    )
    .unwrap();
    let expected = snapshot["main.tf"].as_array().unwrap();
    assert_eq!(diags.len(), expected.len(), "{got}");
    let mut want: Vec<String> = expected
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    let mut have: Vec<String> = diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect();
    want.sort();
    have.sort();
    assert_eq!(have, want);
    let acl = diags
        .iter()
        .find(|d| d["code"] == "aws-s3-public-acl")
        .unwrap();
    assert_eq!(acl["lnum"], 6);
    assert_eq!(acl["col"], 2);
    assert_eq!(acl["severity"], 1);
    assert_eq!(acl["source"], "cloudsentinel");
}

#[test]
fn suppression_comments_cover_their_resource_and_typos_are_flagged() {
    let mut lsp = Lsp::start("suppressions");
    let mark = lsp.open("main.tf");
    let d = lsp.wait("main.tf", mark, |d| {
        d.iter().any(|d| d["code"] == "cloudsentinel-suppression")
    });
    let all = codes(&d);
    assert!(
        !all.iter()
            .any(|c| c == "aws-s3-public-acl" || c == "aws-s3-no-versioning"),
        "the comment inside the bucket covers the bucket's findings: {all:?}"
    );
    let warning = d
        .iter()
        .find(|d| d["code"] == "cloudsentinel-suppression")
        .unwrap();
    assert_eq!(warning["range"]["start"]["line"], 6, "{warning}");
    assert_eq!(warning["severity"], 2);
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .contains("unknown check `aws-kms-no-rotationn` (did you mean aws-kms-no-rotation?)"),
        "{warning}"
    );
    assert!(all.iter().any(|c| c == "aws-kms-no-rotation"), "{all:?}");
    lsp.shutdown();
}

/// Deployment Manager: a Jinja template opened on its own is analysed through the config
/// that imports it, its findings sit on the template's lines, hover and "Ignore" work there
/// (a Jinja comment), and editing the config re-analyses the template's diagnostics.
#[test]
fn deployment_manager_templates_get_diagnostics_at_their_own_lines() {
    let mut lsp = Lsp::start("deployment-manager");
    // The template first: no config is open, the server finds the one importing it.
    let mark = lsp.open("db.jinja");
    let diags = lsp.wait("db.jinja", mark, |d| !d.is_empty());
    assert_eq!(codes(&diags), ["gcp-sql-no-ssl"], "{diags:#?}");
    let ssl = diags[0].clone();
    assert_eq!(ssl["range"]["start"]["line"], 10, "the sslMode line: {ssl}");

    let uri = lsp.uri("db.jinja");
    let h = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": ssl["range"]["start"]}),
    );
    let text = h["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(text.contains("`gcp-sql-no-ssl`"), "{h}");

    // Suppressing in the template writes a Jinja comment the scanner honours.
    let actions = actions_for(&mut lsp, &uri, &ssl);
    let ignore = actions
        .iter()
        .find(|a| a["title"] == "Ignore gcp-sql-no-ssl here")
        .unwrap_or_else(|| panic!("{actions:#?}"));
    let original = lsp.text("db.jinja");
    let suppressed = apply(
        &original,
        ignore["edit"]["changes"][&uri].as_array().unwrap(),
    );
    assert!(
        suppressed.contains("{# cloudsentinel:ignore:gcp-sql-no-ssl "),
        "{suppressed}"
    );
    let mark = lsp.change("db.jinja", json!([{"text": suppressed}]));
    lsp.wait("db.jinja", mark, <[serde_json::Value]>::is_empty);

    // Back to the original template; fixing the value in the config clears it again.
    let mark = lsp.change("db.jinja", json!([{"text": original}]));
    lsp.wait("db.jinja", mark, |d| codes(d) == ["gcp-sql-no-ssl"]);
    let mark = lsp.open("config.yaml");
    let diags = lsp.wait("config.yaml", mark, |d| !d.is_empty());
    let fixed = lsp
        .text("config.yaml")
        .replace("ALLOW_UNENCRYPTED_AND_ENCRYPTED", "ENCRYPTED_ONLY");
    let mark = lsp.change("config.yaml", json!([{"text": fixed}]));
    lsp.wait("db.jinja", mark, <[serde_json::Value]>::is_empty);

    // A literal value in the config has a quick fix.
    let uniform = diags
        .iter()
        .find(|d| d["code"] == "gcp-storage-no-uniform-access")
        .cloned()
        .unwrap_or_else(|| panic!("{diags:#?}"));
    let config_uri = lsp.uri("config.yaml");
    let actions = actions_for(&mut lsp, &config_uri, &uniform);
    let fix = actions
        .iter()
        .find(|a| a["title"] == "Set iamConfiguration.uniformBucketLevelAccess.enabled: true")
        .unwrap_or_else(|| panic!("{actions:#?}"));
    let text = apply(
        &fixed,
        fix["edit"]["changes"][&config_uri].as_array().unwrap(),
    );
    assert!(text.contains("        enabled: true\n"), "{text}");
    let mark = lsp.change("config.yaml", json!([{"text": text}]));
    lsp.wait("config.yaml", mark, <[serde_json::Value]>::is_empty);
    lsp.shutdown();
}

/// Bicep: diagnostics at the `.bicep` line, hover, and "Ignore" writing a `//` comment the
/// evaluator honours.
#[test]
fn bicep_files_get_diagnostics_hover_and_a_comment_suppression() {
    let mut lsp = Lsp::start("bicep");
    let mark = lsp.open("main.bicep");
    let diags = lsp.wait("main.bicep", mark, |d| !d.is_empty());
    let http = diags
        .iter()
        .find(|d| d["code"] == "azure-storage-http-allowed")
        .cloned()
        .unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(
        http["range"]["start"]["line"], 11,
        "the supportsHttpsTrafficOnly line"
    );
    let uri = lsp.uri("main.bicep");
    let h = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": http["range"]["start"]}),
    );
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .contains("`azure-storage-http-allowed`"),
        "{h}"
    );
    let actions = actions_for(&mut lsp, &uri, &http);
    let ignore = actions
        .iter()
        .find(|a| a["title"] == "Ignore azure-storage-http-allowed here")
        .unwrap_or_else(|| panic!("{actions:#?}"));
    let text = apply(
        &lsp.text("main.bicep"),
        ignore["edit"]["changes"][&uri].as_array().unwrap(),
    );
    assert!(
        text.contains("// cloudsentinel:ignore:azure-storage-http-allowed "),
        "{text}"
    );
    let mark = lsp.change("main.bicep", json!([{"text": text}]));
    lsp.wait("main.bicep", mark, |d| {
        d.iter().all(|x| x["code"] != "azure-storage-http-allowed")
    });
    lsp.shutdown();
}
