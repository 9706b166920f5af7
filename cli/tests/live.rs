//! `cloudsentinel scan --live aws` and `cloudsentinel drift` end to end, against moto's
//! server (installed by scripts/test.sh, found through CLOUDSENTINEL_MOTO). Skipped with a
//! message when moto is absent, unless CI=true. Resources are seeded with plain HTTP
//! requests (moto's server does not check signatures).

// Skipped tests say why on stderr.
#![allow(clippy::print_stderr)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

struct Moto {
    child: Child,
    port: u16,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_moto() -> Option<Moto> {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let Some(path) = std::env::var_os("CLOUDSENTINEL_MOTO").filter(|p| !p.is_empty()) else {
        assert!(
            !ci,
            "CI=true but CLOUDSENTINEL_MOTO is not set: scripts/test.sh installs moto"
        );
        eprintln!(
            "skipping: moto is not installed (run scripts/test.sh, or set CLOUDSENTINEL_MOTO)"
        );
        return None;
    };
    let port = TcpListener::bind("127.0.0.1:0")
        .ok()?
        .local_addr()
        .ok()?
        .port();
    let child = Command::new(path)
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("moto_server starts");
    let moto = Moto { child, port };
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "moto did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(moto)
}

/// One HTTP/1.1 request; returns the status code.
fn http(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> u16 {
    http_body(port, method, path, headers, body).0
}

/// One HTTP/1.1 request; returns the status code and the response body.
fn http_body(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).unwrap();
    let mut resp = String::new();
    let _ = s.read_to_string(&mut resp);
    let code = resp
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = resp
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (code, body)
}

/// An EC2 query API call (form-encoded); returns the response body.
fn ec2(port: u16, params: &str) -> String {
    let (code, body) = http_body(
        port,
        "POST",
        "/",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0",
            ),
        ],
        &format!("{params}&Version=2016-11-15"),
    );
    assert_eq!(code, 200, "{params}: {body}");
    body
}

fn run(moto: &Moto, args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cloudsentinel"))
        .args(args)
        .args([
            "--regions",
            "us-east-1",
            "--endpoint-url",
            &format!("http://127.0.0.1:{}", moto.port),
            "--no-color",
        ])
        .current_dir(dir)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_CONFIG_FILE", dir.join("none"))
        .env("AWS_SHARED_CREDENTIALS_FILE", dir.join("none"))
        .env_remove("AWS_PROFILE")
        .output()
        .unwrap()
}

/// Runs the binary (see [`run`]), expects `code`, and parses its JSON output.
fn run_json(moto: &Moto, args: &[&str], dir: &std::path::Path, code: i32) -> serde_json::Value {
    let out = run(moto, args, dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

#[test]
fn scan_live_and_drift_from_the_command_line() {
    let Some(moto) = start_moto() else { return };
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(http(moto.port, "PUT", "/open-bucket", &[], ""), 200);
    let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::open-bucket/*"}]}"#;
    assert_eq!(
        http(moto.port, "PUT", "/open-bucket?policy", &[], policy) / 100,
        2
    );

    let json = run_json(
        &moto,
        &["scan", "--live", "aws", "--format", "json"],
        dir.path(),
        1,
    );
    let stdout = json.to_string();
    let findings = json["findings"].as_array().unwrap();
    let public = findings
        .iter()
        .find(|f| f["check_id"] == "aws-s3-public-policy")
        .unwrap_or_else(|| panic!("{stdout}"));
    assert_eq!(public["live_resource"]["id"], "arn:aws:s3:::open-bucket");
    assert_eq!(public["live_resource"]["region"], "us-east-1");

    let text = run(
        &moto,
        &["scan", "--live", "aws", "--fail-on", "none"],
        dir.path(),
    );
    assert_eq!(text.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&text.stdout).contains("arn:aws:s3:::open-bucket (us-east-1)"));

    // Declared: the open bucket and one that no longer exists.
    let state = serde_json::json!({"version": 4, "resources": [
        {"mode": "managed", "type": "aws_s3_bucket", "name": "open", "instances": [
            {"attributes": {"bucket": "open-bucket", "arn": "arn:aws:s3:::open-bucket", "region": "us-east-1"}}]},
        {"mode": "managed", "type": "aws_s3_bucket", "name": "old", "instances": [
            {"attributes": {"bucket": "old-bucket", "arn": "arn:aws:s3:::old-bucket", "region": "us-east-1"}}]}
    ]});
    std::fs::write(dir.path().join("terraform.tfstate"), state.to_string()).unwrap();
    let sarif = run_json(
        &moto,
        &[
            "drift",
            "--tfstate",
            "terraform.tfstate",
            "--format",
            "sarif",
            "--no-config",
        ],
        dir.path(),
        1,
    );
    let stdout = sarif.to_string();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures/schemas/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "SARIF schema errors: {errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(
        results.iter().any(|r| r["ruleId"] == "drift-deleted"
            && r["message"]["text"]
                .as_str()
                .unwrap()
                .contains("old-bucket")),
        "{stdout}"
    );
    assert!(!results.iter().any(|r| r["ruleId"] == "drift-unmanaged"
        && r["properties"]["liveResource"]["id"] == "arn:aws:s3:::open-bucket"));

    // Ignored by the configuration.
    std::fs::write(
        dir.path().join(".cloudsentinel.yaml"),
        "drift:\n  ignore:\n    - type: aws_s3_bucket\n      id: old-*\n",
    )
    .unwrap();
    let out = run(
        &moto,
        &[
            "drift",
            "--tfstate",
            "terraform.tfstate",
            "--format",
            "json",
        ],
        dir.path(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("old-bucket"), "{stdout}");
}

/// With both the Terraform state and the project, a changed attribute is reported at the
/// line that declares it, naming the live resource too; the project's copy of the resource
/// is not compared a second time.
#[test]
fn drift_points_at_the_declaring_line() {
    let Some(moto) = start_moto() else { return };
    let dir = tempfile::tempdir().unwrap();
    let created = ec2(
        moto.port,
        "Action=CreateSecurityGroup&GroupName=web&GroupDescription=web",
    );
    let sg = created
        .split("<groupId>")
        .nth(1)
        .and_then(|r| r.split('<').next())
        .unwrap_or_else(|| panic!("{created}"))
        .to_string();
    ec2(
        moto.port,
        &format!(
            "Action=AuthorizeSecurityGroupIngress&GroupId={sg}&IpPermissions.1.IpProtocol=tcp\
             &IpPermissions.1.FromPort=22&IpPermissions.1.ToPort=22\
             &IpPermissions.1.IpRanges.1.CidrIp=0.0.0.0/0"
        ),
    );
    std::fs::write(
        dir.path().join("main.tf"),
        r#"resource "aws_security_group" "web" {
  name        = "web"
  description = "web"

  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["10.0.0.0/8"]
  }

  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"#,
    )
    .unwrap();
    let arn = format!("arn:aws:ec2:us-east-1:123456789012:security-group/{sg}");
    let state = serde_json::json!({"version": 4, "resources": [
        {"mode": "managed", "type": "aws_security_group", "name": "web", "instances": [
            {"attributes": {"id": sg, "arn": arn, "name": "web",
              "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22,
                           "cidr_blocks": ["10.0.0.0/8"]}],
              "egress": [{"protocol": "-1", "from_port": 0, "to_port": 0,
                          "cidr_blocks": ["0.0.0.0/0"]}]}}]}
    ]});
    std::fs::write(dir.path().join("terraform.tfstate"), state.to_string()).unwrap();
    let args = [
        "drift",
        "--tfstate",
        "terraform.tfstate",
        "--iac",
        ".",
        "--check",
        "drift-modified",
        "--no-config",
    ];
    let json = run_json(
        &moto,
        &[&args[..], &["--format", "json"]].concat(),
        dir.path(),
        1,
    );
    let stdout = json.to_string();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{stdout}");
    let f = &findings[0];
    assert_eq!(f["check_id"], "drift-modified");
    assert_eq!(f["severity"], "high");
    assert_eq!(f["location"]["path"], "main.tf", "{stdout}");
    assert_eq!(f["location"]["start"]["line"], 5, "{stdout}");
    assert_eq!(f["live_resource"]["id"], arn.as_str());
    assert!(json["summary"]["live_resources"].as_u64().unwrap() >= 1);

    let out = run(&moto, &args, dir.path());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("--> main.tf:5:"), "{text}");
    assert!(text.contains(&format!("live: {arn} (us-east-1)")), "{text}");
    assert!(text.contains("live resources read"), "{text}");

    // The declaration's line carries inline suppressions for drift as for any finding.
    let main_tf = dir.path().join("main.tf");
    let source = std::fs::read_to_string(&main_tf).unwrap();
    std::fs::write(
        &main_tf,
        source.replacen(
            "\n\n  ingress {",
            "\n  # cloudsentinel:ignore:drift-modified opened during the migration\n  ingress {",
            1,
        ),
    )
    .unwrap();
    let json = run_json(
        &moto,
        &[&args[..], &["--format", "json"]].concat(),
        dir.path(),
        0,
    );
    let stdout = json.to_string();
    assert_eq!(
        json["findings"][0]["suppression"]["kind"], "inline",
        "{stdout}"
    );
    std::fs::write(&main_tf, source).unwrap();

    // A file of the project that does not parse is reported with the drift, not lost.
    std::fs::write(
        dir.path().join("broken.tf"),
        "resource \"aws_s3_bucket\" {\n",
    )
    .unwrap();
    let json = run_json(
        &moto,
        &[
            "drift",
            "--tfstate",
            "terraform.tfstate",
            "--iac",
            ".",
            "--no-config",
            "--format",
            "json",
        ],
        dir.path(),
        1,
    );
    let stdout = json.to_string();
    let ids: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["check_id"].as_str())
        .collect();
    assert!(ids.contains(&"iac-parse-error"), "{stdout}");
    assert!(ids.contains(&"drift-modified"), "{stdout}");
}

/// On a terminal, a live read shows a progress bar on standard error (run under `script`,
/// which gives the command a pseudo-terminal); piped, it shows none.
#[test]
fn a_progress_bar_on_a_terminal_only() {
    let Some(moto) = start_moto() else { return };
    if Command::new("script").arg("--version").output().is_err() {
        assert!(
            !std::env::var("CI").is_ok_and(|v| v == "true"),
            "CI=true but `script` (util-linux) is missing"
        );
        eprintln!("skipping: `script` is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let command = format!(
        "{} scan --live aws --regions us-east-1 --endpoint-url http://127.0.0.1:{} \
         --fail-on none --no-color --format json",
        env!("CARGO_BIN_EXE_cloudsentinel"),
        moto.port
    );
    let on_terminal = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir.path())
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_CONFIG_FILE", dir.path().join("none"))
        .env("AWS_SHARED_CREDENTIALS_FILE", dir.path().join("none"))
        .env_remove("AWS_PROFILE")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&on_terminal.stdout);
    assert!(shown.contains("reading AWS"), "{shown}");
    let piped = run(
        &moto,
        &["scan", "--live", "aws", "--fail-on", "none"],
        dir.path(),
    );
    assert!(!String::from_utf8_lossy(&piped.stderr).contains("reading AWS"));
}

/// `--profile` reads credentials from the shared files; a profile that does not exist is a
/// clear error, not a scan of nothing.
#[test]
fn credentials_from_a_named_profile() {
    let Some(moto) = start_moto() else { return };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config"),
        "[profile audit]\nregion = us-east-1\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("credentials"),
        "[audit]\naws_access_key_id = testing\naws_secret_access_key = testing\n",
    )
    .unwrap();
    let scan = |profile: &str| {
        Command::new(env!("CARGO_BIN_EXE_cloudsentinel"))
            .args([
                "scan",
                "--live",
                "aws",
                "--profile",
                profile,
                "--regions",
                "us-east-1",
                "--endpoint-url",
                &format!("http://127.0.0.1:{}", moto.port),
                "--fail-on",
                "none",
                "--format",
                "json",
            ])
            .current_dir(dir.path())
            .env("AWS_CONFIG_FILE", dir.path().join("config"))
            .env(
                "AWS_SHARED_CREDENTIALS_FILE",
                dir.path().join("credentials"),
            )
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env_remove("AWS_ACCESS_KEY_ID")
            .env_remove("AWS_SECRET_ACCESS_KEY")
            .env_remove("AWS_SESSION_TOKEN")
            .env_remove("AWS_PROFILE")
            .env_remove("AWS_REGION")
            .output()
            .unwrap()
    };
    let ok = scan("audit");
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let missing = scan("nobody");
    assert_eq!(missing.status.code(), Some(2));
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(err.contains("cannot read the AWS account"), "{err}");
}
