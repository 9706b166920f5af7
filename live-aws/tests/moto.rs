//! End-to-end tests against moto's server (`moto[server]==5.1.22`, installed by
//! scripts/test.sh, found through CLOUDSENTINEL_MOTO): resources are seeded through the
//! SDK, a matching Terraform state is written, resources are changed out of band, and the
//! live checks and drift findings are asserted. Skipped with a message when moto is absent,
//! unless CI=true, where its absence fails.
// Skipped tests say why on stderr; seeding helpers are declared where they are used.
#![allow(clippy::print_stderr, clippy::items_after_statements)]

use aws_config::{BehaviorVersion, Region, SdkConfig};
use cloudsentinel_checks::{AnalysisOptions, analyze_state};
use cloudsentinel_live_aws::{self as aws, DriftRequest, LiveOptions, Unread, drift};
use cloudsentinel_model::drift::{DriftKind, Impact};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A moto server on a free loopback port, stopped by its PID on drop.
struct Moto {
    child: Child,
    url: String,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_moto() -> Option<Moto> {
    start_moto_with(&[])
}

/// A moto server with extra environment (e.g. `INITIAL_NO_AUTH_ACTION_COUNT`, which makes
/// moto enforce IAM policies after that many requests).
fn start_moto_with(env: &[(&str, &str)]) -> Option<Moto> {
    let path = std::env::var_os("CLOUDSENTINEL_MOTO").filter(|p| !p.is_empty());
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let Some(path) = path else {
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
    let child = Command::new(&path)
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", path.to_string_lossy()));
    let moto = Moto {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "moto did not start on port {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(moto)
}

fn options(moto: &Moto) -> LiveOptions {
    LiveOptions {
        regions: vec!["us-east-1".into()],
        endpoint_url: Some(moto.url.clone()),
        static_credentials: Some(("testing".into(), "testing".into())),
        max_attempts: 2,
        services: moto_services(),
        ..Default::default()
    }
}

/// Every service moto implements: all but Cloud Control (tests/cloudcontrol.rs serves that).
fn moto_services() -> Vec<aws::Service> {
    aws::Service::ALL
        .into_iter()
        .filter(|s| *s != aws::Service::CloudControl)
        .collect()
}

async fn sdk(moto: &Moto) -> SdkConfig {
    sdk_as(moto, "testing".into(), "testing".into()).await
}

/// The SDK configured for moto with these credentials.
async fn sdk_as(moto: &Moto, key_id: String, secret: String) -> SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .endpoint_url(&moto.url)
        .region(Region::new("us-east-1"))
        .credentials_provider(aws_credential_types::Credentials::new(
            key_id, secret, None, None, "test",
        ))
        .load()
        .await
}

fn s3(conf: &SdkConfig) -> aws_sdk_s3::Client {
    aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(conf)
            .force_path_style(true)
            .build(),
    )
}

fn ingress(cidr: &str) -> aws_sdk_ec2::types::IpPermission {
    aws_sdk_ec2::types::IpPermission::builder()
        .ip_protocol("tcp")
        .from_port(22)
        .to_port(22)
        .ip_ranges(aws_sdk_ec2::types::IpRange::builder().cidr_ip(cidr).build())
        .build()
}

/// Seeds the account; returns the id of the `web` security group.
async fn seed(conf: &SdkConfig) -> String {
    use aws_sdk_s3::types::{BucketVersioningStatus, VersioningConfiguration};
    let s3 = s3(conf);
    for b in ["public-bucket", "managed-bucket"] {
        s3.create_bucket().bucket(b).send().await.unwrap();
    }
    s3.put_bucket_policy()
        .bucket("public-bucket")
        .policy(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::public-bucket/*"}]}"#)
        .send()
        .await
        .unwrap();
    s3.put_bucket_versioning()
        .bucket("managed-bucket")
        .versioning_configuration(
            VersioningConfiguration::builder()
                .status(BucketVersioningStatus::Enabled)
                .build(),
        )
        .send()
        .await
        .unwrap();

    let ec2 = aws_sdk_ec2::Client::new(conf);
    let vpc = ec2
        .describe_vpcs()
        .send()
        .await
        .unwrap()
        .vpcs()
        .first()
        .and_then(|v| v.vpc_id().map(str::to_owned))
        .unwrap();
    let sg = ec2
        .create_security_group()
        .group_name("web")
        .description("web servers")
        .vpc_id(&vpc)
        .send()
        .await
        .unwrap()
        .group_id()
        .unwrap()
        .to_string();
    ec2.authorize_security_group_ingress()
        .group_id(&sg)
        .ip_permissions(ingress("10.0.0.0/8"))
        .send()
        .await
        .unwrap();

    s3.create_bucket()
        .bucket("trail-logs")
        .send()
        .await
        .unwrap();
    let ct = aws_sdk_cloudtrail::Client::new(conf);
    ct.create_trail()
        .name("audit")
        .s3_bucket_name("trail-logs")
        .is_multi_region_trail(true)
        .enable_log_file_validation(true)
        .send()
        .await
        .unwrap();
    ct.start_logging().name("audit").send().await.unwrap();

    let iam = aws_sdk_iam::Client::new(conf);
    for u in ["alice", "bob"] {
        iam.create_user().user_name(u).send().await.unwrap();
    }
    iam.create_policy()
        .policy_name("deploy")
        .policy_document(DEPLOY_POLICY)
        .send()
        .await
        .unwrap();
    iam.create_login_profile()
        .user_name("alice")
        .password("correct-horse-battery-staple-1!")
        .send()
        .await
        .unwrap();
    sg
}

/// The `deploy` managed policy as created; Terraform state holds it laid out differently.
const DEPLOY_POLICY: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::managed-bucket/*"}]}"#;

fn tfstate(sg: &str) -> String {
    serde_json::json!({
        "version": 4,
        "terraform_version": "1.9.0",
        "resources": [
            {"mode": "managed", "type": "aws_s3_bucket", "name": "managed", "instances": [
                {"attributes": {"bucket": "managed-bucket", "arn": "arn:aws:s3:::managed-bucket", "region": "us-east-1"}}]},
            {"mode": "managed", "type": "aws_s3_bucket_versioning", "name": "managed", "instances": [
                {"attributes": {"bucket": "managed-bucket", "versioning_configuration": [{"status": "Enabled"}]}}]},
            {"mode": "managed", "type": "aws_s3_bucket", "name": "public", "instances": [
                {"attributes": {"bucket": "public-bucket", "arn": "arn:aws:s3:::public-bucket", "region": "us-east-1"}}]},
            {"mode": "managed", "type": "aws_security_group", "name": "web", "instances": [
                {"attributes": {"id": sg, "arn": format!("arn:aws:ec2:us-east-1:123456789012:security-group/{sg}"), "name": "web",
                  "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["10.0.0.0/8"], "ipv6_cidr_blocks": []}],
                  "egress": [{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": []}]}}]},
            {"mode": "managed", "type": "aws_security_group", "name": "gone", "instances": [
                {"attributes": {"id": "sg-0123456789abcdef0", "arn": "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0", "name": "gone",
                  "ingress": [], "egress": []}}]},
            {"mode": "managed", "type": "aws_s3_bucket", "name": "trail", "instances": [
                {"attributes": {"bucket": "trail-logs", "arn": "arn:aws:s3:::trail-logs", "region": "us-east-1"}}]},
            {"mode": "managed", "type": "aws_cloudtrail", "name": "audit", "instances": [
                {"attributes": {"name": "audit", "arn": "arn:aws:cloudtrail:us-east-1:123456789012:trail/audit",
                  "is_multi_region_trail": true, "enable_log_file_validation": true, "enable_logging": true}}]},
            {"mode": "managed", "type": "aws_iam_policy", "name": "deploy", "instances": [
                {"attributes": {"name": "deploy", "arn": "arn:aws:iam::123456789012:policy/deploy",
                  "policy": "{\"Statement\":[{\"Resource\":\"arn:aws:s3:::managed-bucket/*\",\"Action\":[\"s3:GetObject\"],\"Effect\":\"Allow\"}],\"Version\":\"2012-10-17\"}"}}]},
            {"mode": "managed", "type": "aws_iam_user", "name": "alice", "instances": [
                {"attributes": {"name": "alice", "arn": "arn:aws:iam::123456789012:user/alice"}}]}
        ]
    })
    .to_string()
}

#[test]
fn live_scan_and_drift_against_moto() {
    let Some(moto) = start_moto() else { return };
    let rt = aws::runtime().unwrap();
    let conf = rt.block_on(sdk(&moto));
    let sg = rt.block_on(seed(&conf));
    let opts = options(&moto);

    // Live checks.
    let read = rt.block_on(aws::read(&opts)).unwrap();
    assert!(read.incomplete.is_empty(), "{:#?}", read.incomplete);
    let analysis = analyze_state(
        cloudsentinel_model::SourceDb::default(),
        read.state,
        &AnalysisOptions::default(),
    );
    let has = |id: &str, arn: &str| {
        analysis
            .findings
            .iter()
            .any(|f| f.check_id == id && f.live_id.as_deref().is_some_and(|(a, _)| a == arn))
    };
    assert!(
        has("aws-s3-public-policy", "arn:aws:s3:::public-bucket"),
        "{:#?}",
        analysis.findings
    );
    assert!(has(
        "aws-iam-user-no-mfa",
        "arn:aws:iam::123456789012:user/alice"
    ));
    assert!(has(
        "aws-iam-weak-password-policy",
        "arn:aws:iam::123456789012:root"
    ));
    assert!(!has("aws-s3-no-versioning", "arn:aws:s3:::managed-bucket"));
    let sg_arn = format!("arn:aws:ec2:us-east-1:123456789012:security-group/{sg}");
    assert!(!has("aws-ec2-sg-public-ssh", &sg_arn));
    let trail_arn = "arn:aws:cloudtrail:us-east-1:123456789012:trail/audit";
    assert!(!has("aws-cloudtrail-logging-off", trail_arn));
    let region = analysis
        .findings
        .iter()
        .find(|f| f.check_id == "aws-s3-public-policy")
        .and_then(|f| f.live_id.as_deref().and_then(|(_, r)| r.clone()));
    assert_eq!(region.as_deref(), Some("us-east-1"));
    assert!(
        read.calls.get("s3:ListAllMyBuckets").copied() == Some(1),
        "{:?}",
        read.calls
    );

    // Out of band: SSH opened to the world, versioning suspended.
    rt.block_on(async {
        use aws_sdk_s3::types::{BucketVersioningStatus, VersioningConfiguration};
        let ec2 = aws_sdk_ec2::Client::new(&conf);
        ec2.revoke_security_group_ingress()
            .group_id(&sg)
            .ip_permissions(ingress("10.0.0.0/8"))
            .send()
            .await
            .unwrap();
        ec2.authorize_security_group_ingress()
            .group_id(&sg)
            .ip_permissions(ingress("0.0.0.0/0"))
            .send()
            .await
            .unwrap();
        aws_sdk_iam::Client::new(&conf)
            .create_policy_version()
            .policy_arn("arn:aws:iam::123456789012:policy/deploy")
            .policy_document(
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
            )
            .set_as_default(true)
            .send()
            .await
            .unwrap();
        aws_sdk_cloudtrail::Client::new(&conf)
            .stop_logging()
            .name("audit")
            .send()
            .await
            .unwrap();
        s3(&conf)
            .put_bucket_versioning()
            .bucket("managed-bucket")
            .versioning_configuration(
                VersioningConfiguration::builder()
                    .status(BucketVersioningStatus::Suspended)
                    .build(),
            )
            .send()
            .await
            .unwrap();
    });

    let req = DriftRequest {
        live: opts.clone(),
        tfstates: vec![("terraform.tfstate".into(), tfstate(&sg))],
        ..Default::default()
    };
    let out = drift(&req).unwrap();
    // The same state from an S3 backend gives the same drift.
    rt.block_on(async {
        let s3 = s3(&conf);
        s3.create_bucket().bucket("tf-state").send().await.unwrap();
        s3.put_object()
            .bucket("tf-state")
            .key("prod/terraform.tfstate")
            .body(tfstate(&sg).into_bytes().into())
            .send()
            .await
            .unwrap();
    });
    let from_s3 = drift(&DriftRequest {
        live: opts.clone(),
        tfstate_urls: vec!["s3://tf-state/prod/terraform.tfstate".into()],
        ..Default::default()
    })
    .unwrap();
    let key =
        |d: &cloudsentinel_model::drift::Drift| (d.kind, d.identity.clone(), d.attribute.clone());
    let mut a: Vec<_> = out.state.drift.iter().map(key).collect();
    let mut b: Vec<_> = from_s3
        .state
        .drift
        .iter()
        .map(key)
        .filter(|k| k.1 != "tf-state")
        .collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    let records = &out.state.drift;
    let find = |kind: DriftKind, id: &str, attr: Option<&str>| {
        records
            .iter()
            .find(|d| d.kind == kind && d.identity == id && d.attribute.as_deref() == attr)
    };
    let ssh =
        find(DriftKind::Modified, &sg, Some("ingress")).unwrap_or_else(|| panic!("{records:#?}"));
    assert_eq!(ssh.impact, Impact::High);
    assert!(ssh.diff.as_deref().unwrap().contains("0.0.0.0/0"));
    let ver = find(DriftKind::Modified, "managed-bucket", Some("versioning"))
        .unwrap_or_else(|| panic!("{records:#?}"));
    assert_eq!(
        ver.impact,
        Impact::Medium,
        "versioning off fails a medium check"
    );
    assert!(find(DriftKind::Deleted, "sg-0123456789abcdef0", None).is_some());
    let stopped = find(DriftKind::Modified, "audit", Some("enable_logging"))
        .unwrap_or_else(|| panic!("{records:#?}"));
    assert_eq!(stopped.impact, Impact::High);
    assert!(
        stopped
            .reason
            .as_deref()
            .unwrap()
            .contains("aws-cloudtrail-logging-off")
    );
    // The policy as declared (another layout, same statements) is no drift until it is
    // widened out of band: then it is, graded by the checks the new version fails.
    let widened = find(DriftKind::Modified, "deploy", Some("policy"))
        .unwrap_or_else(|| panic!("{records:#?}"));
    assert!(widened.impact >= Impact::High, "{widened:#?}");
    assert!(
        widened
            .reason
            .as_deref()
            .unwrap()
            .contains("aws-iam-policy-admin"),
        "{widened:#?}"
    );
    assert!(
        widened
            .live
            .as_deref()
            .unwrap()
            .contains(r#""Action":["*"]"#)
    );
    assert!(find(DriftKind::Unmanaged, "deploy", None).is_none());
    assert!(
        find(DriftKind::Unmanaged, "bob", None).is_some(),
        "{records:#?}"
    );
    assert!(find(DriftKind::Unmanaged, "alice", None).is_none());
    assert!(find(DriftKind::Unmanaged, "public-bucket", None).is_none());

    // The drift-* checks report them in every output format.
    let only = ["drift-modified", "drift-deleted", "drift-unmanaged"]
        .map(String::from)
        .to_vec();
    let a = analyze_state(
        cloudsentinel_model::SourceDb::default(),
        out.state,
        &AnalysisOptions {
            only,
            ..Default::default()
        },
    );
    let high = a
        .findings
        .iter()
        .find(|f| {
            f.check_id == "drift-modified"
                && f.live_id.as_deref().is_some_and(|(id, _)| *id == sg_arn)
        })
        .unwrap();
    assert_eq!(high.severity, cloudsentinel_checks::Severity::High);
    assert!(
        high.message.contains("aws-ec2-sg-public-ssh"),
        "{}",
        high.message
    );
    for format in cloudsentinel_checks::emit::OutputFormat::NAMES {
        let f = cloudsentinel_checks::emit::OutputFormat::parse(format).unwrap();
        let text = cloudsentinel_checks::emit::render(
            &a,
            f,
            &cloudsentinel_checks::emit::EmitOptions::default(),
        );
        assert!(
            text.contains(&sg_arn),
            "{format} output does not name {sg_arn}"
        );
    }

    // CloudFormation: the stack's bucket is declared (not unmanaged), its encryption drifts.
    rt.block_on(async {
        let cfn = aws_sdk_cloudformation::Client::new(&conf);
        cfn.create_stack()
            .stack_name("app")
            .template_body(STACK_TEMPLATE)
            .send()
            .await
            .unwrap();
        use aws_sdk_s3::types::{
            ServerSideEncryption, ServerSideEncryptionByDefault, ServerSideEncryptionConfiguration,
            ServerSideEncryptionRule,
        };
        s3(&conf)
            .put_bucket_encryption()
            .bucket("stack-bucket")
            .server_side_encryption_configuration(
                ServerSideEncryptionConfiguration::builder()
                    .rules(
                        ServerSideEncryptionRule::builder()
                            .apply_server_side_encryption_by_default(
                                ServerSideEncryptionByDefault::builder()
                                    .sse_algorithm(ServerSideEncryption::Aes256)
                                    .build()
                                    .unwrap(),
                            )
                            .build(),
                    )
                    .build()
                    .unwrap(),
            )
            .send()
            .await
            .unwrap();
    });
    let without = drift(&req).unwrap();
    assert!(
        without
            .state
            .drift
            .iter()
            .any(|d| d.kind == DriftKind::Unmanaged && d.identity == "stack-bucket")
    );
    let with_stack = DriftRequest {
        stacks: vec!["app".into()],
        ..req.clone()
    };
    let out = drift(&with_stack).unwrap();
    let records = &out.state.drift;
    assert!(
        !records
            .iter()
            .any(|d| d.kind == DriftKind::Unmanaged && d.identity == "stack-bucket"),
        "{records:#?}"
    );
    let enc = records
        .iter()
        .find(|d| d.kind == DriftKind::Modified && d.identity == "stack-bucket")
        .unwrap_or_else(|| panic!("{records:#?}"));
    assert_eq!(enc.attribute.as_deref(), Some("sse_algorithm"));
    assert_eq!(enc.declared.as_deref(), Some("aws:kms"));
    assert_eq!(enc.live.as_deref(), Some("AES256"));
    assert!(out.live.calls.contains_key("cloudformation:GetTemplate"));
    assert_eq!(enc.declared_at, cloudsentinel_model::Origin::None);

    // With the template's source as well, the drift points at the line declaring the
    // algorithm, and the template's bucket is not compared a second time by name.
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("app.yaml");
    std::fs::write(&template, STACK_TEMPLATE).unwrap();
    let db = cloudsentinel_model::SourceDb::new();
    let iac = cloudsentinel_parser::load(
        std::slice::from_ref(&template),
        &cloudsentinel_parser::LoadOptions::default(),
        &db,
    );
    let out = drift(&DriftRequest {
        iac: Some(iac),
        ..with_stack.clone()
    })
    .unwrap();
    let located: Vec<_> = out
        .state
        .drift
        .iter()
        .filter(|d| d.kind == DriftKind::Modified && d.identity == "stack-bucket")
        .collect();
    assert_eq!(located.len(), 1, "{:#?}", out.state.drift);
    let cloudsentinel_model::Origin::Source(at) = located[0].declared_at else {
        panic!("{:#?}", located[0]);
    };
    let text = &db.get(at.file).text;
    assert_eq!(&text[at.range.as_range()], "SSEAlgorithm: aws:kms");
}

/// The `app` stack: one bucket encrypted with KMS.
const STACK_TEMPLATE: &str = "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: stack-bucket\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: aws:kms\n";

#[test]
fn a_failing_service_is_reported_incomplete_and_the_rest_delivered() {
    let Some(moto) = start_moto() else { return };
    let rt = aws::runtime().unwrap();
    let conf = rt.block_on(sdk(&moto));
    rt.block_on(async {
        s3(&conf)
            .create_bucket()
            .bucket("still-read")
            .send()
            .await
            .unwrap();
    });
    // moto answers HTTP 500 for SQS in a region it does not know: the SDK retries it, then
    // that service × region is reported incomplete while everything else is delivered.
    let mut opts = options(&moto);
    opts.regions = vec!["us-east-1".into(), "xx-nowhere-1".into()];
    opts.services = vec![aws::Service::S3, aws::Service::Sqs];
    let read = rt.block_on(aws::read(&opts)).unwrap();
    assert!(
        read.state
            .aws
            .s3
            .buckets
            .iter()
            .any(|b| b.name.as_str() == Some("still-read")),
        "{:#?}",
        read.state.notices
    );
    assert_eq!(read.incomplete.len(), 1, "{:#?}", read.incomplete);
    assert!(
        read.incomplete[0].starts_with("incomplete: sqs in xx-nowhere-1 could not be read")
            && read.incomplete[0].contains("HTTP 500"),
        "{}",
        read.incomplete[0]
    );
    assert_eq!(
        read.unread,
        vec![Unread {
            service: "sqs",
            region: Some("xx-nowhere-1".to_string())
        }]
    );
    assert!(
        read.state
            .notices
            .iter()
            .any(|n| n.message == read.incomplete[0])
    );
}

/// An IAM principal of the emulated account with one inline policy; returns its access key.
async fn principal(conf: &SdkConfig, name: &str, policy: &serde_json::Value) -> (String, String) {
    let iam = aws_sdk_iam::Client::new(conf);
    iam.create_user().user_name(name).send().await.unwrap();
    iam.put_user_policy()
        .user_name(name)
        .policy_name("policy")
        .policy_document(policy.to_string())
        .send()
        .await
        .unwrap();
    let key = iam
        .create_access_key()
        .user_name(name)
        .send()
        .await
        .unwrap();
    let key = key.access_key().unwrap();
    (
        key.access_key_id().to_string(),
        key.secret_access_key().to_string(),
    )
}

/// With IAM enforced, the documented read-only policy suffices; a service it does not grant
/// (SNS, removed here) is reported incomplete with AccessDenied, and a bucket setting it does
/// not grant (GetBucketLogging, removed here) is Unknown with a notice, while every other
/// result is delivered.
#[test]
fn access_denied_is_reported_incomplete_and_the_documented_policy_suffices() {
    // Six unauthenticated requests create the two principals; moto enforces IAM after them.
    let Some(moto) = start_moto_with(&[("INITIAL_NO_AUTH_ACTION_COUNT", "6")]) else {
        return;
    };
    let rt = aws::runtime().unwrap();
    let root = rt.block_on(sdk(&moto));
    let documented: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/drift-iam-policy.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut auditor_policy = documented.clone();
    for st in auditor_policy["Statement"].as_array_mut().unwrap() {
        if let Some(actions) = st["Action"].as_array_mut() {
            actions.retain(|a| {
                let a = a.as_str().unwrap_or("");
                !a.starts_with("sns:") && a != "s3:GetBucketLogging"
            });
            // moto 5.1.22 authorises GetBucketPublicAccessBlock and GetBucketEncryption as
            // s3:ListBucket (AWS names them s3:GetBucketPublicAccessBlock and
            // s3:GetEncryptionConfiguration, which the documented policy has).
            actions.push("s3:ListBucket".into());
            // ... and S3 Control's GetPublicAccessBlock as s3:GetPublicAccessBlock (AWS names
            // it s3:GetAccountPublicAccessBlock, which the documented policy has).
            actions.push("s3:GetPublicAccessBlock".into());
        }
    }
    let admin_policy = serde_json::json!({"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]});
    let (admin_id, admin_secret, auditor_id, auditor_secret) = rt.block_on(async {
        let (a, b) = principal(&root, "admin", &admin_policy).await;
        let (c, d) = principal(&root, "auditor", &auditor_policy).await;
        (a, b, c, d)
    });
    // Seed as the administrator: one bucket, one queue, one topic.
    let admin = rt.block_on(sdk_as(&moto, admin_id, admin_secret));
    rt.block_on(async {
        s3(&admin)
            .create_bucket()
            .bucket("audited-bucket")
            .send()
            .await
            .unwrap();
        aws_sdk_sqs::Client::new(&admin)
            .create_queue()
            .queue_name("audited-queue")
            .send()
            .await
            .unwrap();
        aws_sdk_sns::Client::new(&admin)
            .create_topic()
            .name("hidden-topic")
            .send()
            .await
            .unwrap();
    });
    let mut opts = options(&moto);
    opts.static_credentials = Some((auditor_id, auditor_secret));
    // moto 5.1.22 cannot verify request signatures of its REST-JSON services (Lambda, EKS,
    // EFS, Glacier, API Gateway) once IAM is enforced: it answers SignatureDoesNotMatch even
    // to boto3.
    opts.services = moto_services()
        .into_iter()
        .filter(|s| {
            !matches!(
                s,
                aws::Service::Lambda
                    | aws::Service::Eks
                    | aws::Service::Efs
                    | aws::Service::Glacier
                    | aws::Service::ApiGateway
            )
        })
        .collect();
    let read = rt.block_on(aws::read(&opts)).unwrap();
    assert_eq!(read.incomplete.len(), 1, "{:#?}", read.incomplete);
    assert!(
        read.incomplete[0].starts_with("incomplete: sns in us-east-1 could not be read")
            && read.incomplete[0].contains("AccessDenied"),
        "{}",
        read.incomplete[0]
    );
    assert_eq!(
        read.unread,
        vec![Unread {
            service: "sns",
            region: Some("us-east-1".to_string())
        }]
    );
    let aws = &read.state.aws;
    let bucket = aws
        .s3
        .buckets
        .iter()
        .find(|b| b.name.as_str() == Some("audited-bucket"))
        .unwrap_or_else(|| panic!("{:#?}", read.state.notices));
    assert!(bucket.logging_enabled.is_unknown());
    assert!(bucket.versioning_enabled.is_false());
    let partial: Vec<_> = read
        .state
        .notices
        .iter()
        .filter(|n| n.message.contains("s3 bucket audited-bucket"))
        .collect();
    assert_eq!(partial.len(), 1, "{:#?}", read.state.notices);
    assert!(
        partial[0]
            .message
            .contains("s3:GetBucketLogging: AccessDenied"),
        "{}",
        partial[0].message
    );
    assert_eq!(aws.sqs.queues.len(), 1);
    assert!(aws.sns.topics.is_empty());
    assert!(
        aws.iam
            .users
            .iter()
            .any(|u| u.name.as_str() == Some("auditor"))
    );
    // What the checks make of it: the unknown logging setting is no finding.
    let analysis = analyze_state(
        cloudsentinel_model::SourceDb::default(),
        read.state,
        &AnalysisOptions {
            only: vec!["aws-s3-no-access-logging".into()],
            ..Default::default()
        },
    );
    assert!(analysis.findings.is_empty(), "{:#?}", analysis.findings);
}

/// `--role-arn`: a user who may only assume a role reads the account through the role (with
/// IAM enforced, the user's own credentials are denied S3, the role's are not).
#[test]
fn reads_through_an_assumed_role() {
    // Five unauthenticated requests create the role, the user and its key.
    let Some(moto) = start_moto_with(&[("INITIAL_NO_AUTH_ACTION_COUNT", "5")]) else {
        return;
    };
    let rt = aws::runtime().unwrap();
    let root = rt.block_on(sdk(&moto));
    let role_arn = "arn:aws:iam::123456789012:role/audit";
    let (user_id, user_secret) = rt.block_on(async {
        let iam = aws_sdk_iam::Client::new(&root);
        // moto matches the trusted principal literally (AWS would also accept the account).
        let trust = serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::123456789012:user/ci"}, "Action": "sts:AssumeRole"}]});
        iam.create_role()
            .role_name("audit")
            .assume_role_policy_document(trust.to_string())
            .send()
            .await
            .unwrap();
        let read = serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Action": ["sts:GetCallerIdentity", "s3:ListAllMyBuckets", "s3:Get*", "s3:ListBucket"],
            "Resource": "*"}]});
        iam.put_role_policy()
            .role_name("audit")
            .policy_name("read")
            .policy_document(read.to_string())
            .send()
            .await
            .unwrap();
        let assume = serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Action": ["sts:AssumeRole", "sts:GetCallerIdentity"], "Resource": role_arn}]});
        principal(&root, "ci", &assume).await
    });
    let mut opts = options(&moto);
    opts.static_credentials = Some((user_id, user_secret));
    opts.services = vec![aws::Service::S3];
    let denied = rt.block_on(aws::read(&opts)).unwrap();
    assert_eq!(
        denied.unread,
        vec![Unread {
            service: "s3",
            region: None
        }],
        "{denied:#?}"
    );
    assert!(denied.incomplete[0].contains("AccessDenied"));

    opts.role_arn = Some(role_arn.into());
    let through_role = rt.block_on(aws::read(&opts)).unwrap();
    assert!(
        through_role.incomplete.is_empty(),
        "{:#?}",
        through_role.incomplete
    );
}

#[test]
fn eks_node_groups_are_read_with_their_remote_access() {
    let Some(moto) = start_moto() else { return };
    let rt = aws::runtime().unwrap();
    let conf = rt.block_on(sdk(&moto));
    rt.block_on(async {
        use aws_sdk_eks::types::{RemoteAccessConfig, VpcConfigRequest};
        let eks = aws_sdk_eks::Client::new(&conf);
        eks.create_cluster()
            .name("prod")
            .role_arn("arn:aws:iam::123456789012:role/eks")
            .resources_vpc_config(
                VpcConfigRequest::builder()
                    .subnet_ids("subnet-0123456789abcdef0")
                    .build(),
            )
            .send()
            .await
            .unwrap();
        for (name, sources) in [("open", &[][..]), ("bastion-only", &["sg-0bastion"][..])] {
            eks.create_nodegroup()
                .cluster_name("prod")
                .nodegroup_name(name)
                .node_role("arn:aws:iam::123456789012:role/eks-node")
                .subnets("subnet-0123456789abcdef0")
                .remote_access(
                    RemoteAccessConfig::builder()
                        .ec2_ssh_key("ops")
                        .set_source_security_groups(Some(
                            sources.iter().map(|s| (*s).to_string()).collect(),
                        ))
                        .build(),
                )
                .send()
                .await
                .unwrap();
        }
    });
    let mut opts = options(&moto);
    opts.services = vec![aws::Service::Eks];
    let read = rt.block_on(aws::read(&opts)).unwrap();
    assert!(read.incomplete.is_empty(), "{:#?}", read.incomplete);
    assert_eq!(read.state.aws.eks.node_groups.len(), 2);
    let analysis = analyze_state(
        cloudsentinel_model::SourceDb::default(),
        read.state,
        &AnalysisOptions::default(),
    );
    let open: Vec<String> = analysis
        .findings
        .iter()
        .filter(|f| f.check_id == "aws-eks-node-group-public-ssh")
        .filter_map(|f| f.live_id.as_deref().map(|(arn, _)| arn.clone()))
        .collect();
    assert_eq!(open.len(), 1, "{:#?}", analysis.findings);
    assert!(open[0].contains("nodegroup/prod/open/"), "{open:?}");
}

/// CodeBuild projects, ACM certificates, DAX clusters and EMR clusters, read through their own
/// services: a bad resource of each gives its check's finding live, a good one none, and a
/// declared setting that differs live is drift. (Glacier vault policies are tested against a
/// local server in tests/cloudcontrol.rs: moto 5.1.22 does not implement them.)
#[test]
fn codebuild_acm_dax_and_emr_are_read_through_their_services() {
    let Some(moto) = start_moto() else { return };
    let rt = aws::runtime().unwrap();
    let conf = rt.block_on(sdk(&moto));
    let (bare, secured) = rt.block_on(async {
        use aws_sdk_codebuild::types::{
            ArtifactsType, ComputeType, EnvironmentType, EnvironmentVariable,
            EnvironmentVariableType, LogsConfig, LogsConfigStatusType, ProjectArtifacts,
            ProjectEnvironment, ProjectSource, S3LogsConfig, SourceType,
        };
        let cb = aws_sdk_codebuild::Client::new(&conf);
        let env = |kind: EnvironmentVariableType, value: &str| {
            ProjectEnvironment::builder()
                .r#type(EnvironmentType::LinuxContainer)
                .image("aws/codebuild/standard:7.0")
                .compute_type(ComputeType::BuildGeneral1Small)
                .environment_variables(
                    EnvironmentVariable::builder()
                        .name("DB_PASSWORD")
                        .value(value)
                        .r#type(kind)
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap()
        };
        let source = ProjectSource::builder()
            .r#type(SourceType::S3)
            .location("sources/app.zip")
            .build()
            .unwrap();
        // Plaintext secret, unencrypted artifacts and S3 logs, the AWS managed key.
        cb.create_project()
            .name("exposed")
            .source(source.clone())
            .artifacts(
                ProjectArtifacts::builder()
                    .r#type(ArtifactsType::S3)
                    .location("artifacts")
                    .encryption_disabled(true)
                    .build()
                    .unwrap(),
            )
            .environment(env(EnvironmentVariableType::Plaintext, "hunter2"))
            .logs_config(
                LogsConfig::builder()
                    .s3_logs(
                        S3LogsConfig::builder()
                            .status(LogsConfigStatusType::Enabled)
                            .location("artifacts/logs")
                            .encryption_disabled(true)
                            .build()
                            .unwrap(),
                    )
                    .build(),
            )
            .service_role("arn:aws:iam::123456789012:role/codebuild")
            .send()
            .await
            .unwrap();
        // The secret from Parameter Store, no S3 output.
        cb.create_project()
            .name("careful")
            .source(source)
            .artifacts(
                ProjectArtifacts::builder()
                    .r#type(ArtifactsType::NoArtifacts)
                    .build()
                    .unwrap(),
            )
            .environment(env(EnvironmentVariableType::ParameterStore, "/db/password"))
            .service_role("arn:aws:iam::123456789012:role/codebuild")
            .send()
            .await
            .unwrap();

        use aws_sdk_acm::types::{
            CertificateExport, CertificateOptions, CertificateTransparencyLoggingPreference,
        };
        let acm = aws_sdk_acm::Client::new(&conf);
        acm.request_certificate()
            .domain_name("quiet.example.com")
            .options(
                CertificateOptions::builder()
                    .certificate_transparency_logging_preference(
                        CertificateTransparencyLoggingPreference::Disabled,
                    )
                    // moto 5.1.22 fails to list a certificate whose options lack `Export`.
                    .export(CertificateExport::Disabled)
                    .build(),
            )
            .send()
            .await
            .unwrap();
        acm.request_certificate()
            .domain_name("logged.example.com")
            .send()
            .await
            .unwrap();

        let dax = aws_sdk_dax::Client::new(&conf);
        for (name, sse) in [("plain", false), ("sealed", true)] {
            let mut req = dax
                .create_cluster()
                .cluster_name(name)
                .node_type("dax.t3.small")
                .replication_factor(1)
                .iam_role_arn("arn:aws:iam::123456789012:role/dax");
            if sse {
                req = req.sse_specification(
                    aws_sdk_dax::types::SseSpecification::builder()
                        .enabled(true)
                        .build()
                        .unwrap(),
                );
            }
            req.send().await.unwrap();
        }

        let emr = aws_sdk_emr::Client::new(&conf);
        emr.create_security_configuration()
            .name("encrypted")
            .security_configuration(
                r#"{"EncryptionConfiguration":{"EnableAtRestEncryption":true,"EnableInTransitEncryption":true}}"#,
            )
            .send()
            .await
            .unwrap();
        let mut ids = Vec::new();
        for (name, config) in [("bare", None), ("secured", Some("encrypted"))] {
            let out = emr
                .run_job_flow()
                .name(name)
                .release_label("emr-6.15.0")
                .instances(
                    aws_sdk_emr::types::JobFlowInstancesConfig::builder()
                        .master_instance_type("m5.xlarge")
                        .slave_instance_type("m5.xlarge")
                        .instance_count(1)
                        .keep_job_flow_alive_when_no_steps(true)
                        .build(),
                )
                .job_flow_role("EMR_EC2_DefaultRole")
                .service_role("EMR_DefaultRole")
                .set_security_configuration(config.map(str::to_owned))
                .send()
                .await
                .unwrap();
            ids.push(out.job_flow_id().unwrap().to_string());
        }
        (ids[0].clone(), ids[1].clone())
    });
    let mut opts = options(&moto);
    opts.services = vec![
        aws::Service::CodeBuild,
        aws::Service::Acm,
        aws::Service::Dax,
        aws::Service::Emr,
    ];
    let read = rt.block_on(aws::read(&opts)).unwrap();
    assert!(read.incomplete.is_empty(), "{:#?}", read.incomplete);
    let aws_state = &read.state.aws;
    assert_eq!(aws_state.codebuild.projects.len(), 2);
    assert_eq!(aws_state.acm.certificates.len(), 2);
    assert_eq!(aws_state.dynamodb.dax_clusters.len(), 2);
    assert_eq!(aws_state.emr.clusters.len(), 2);
    for (action, n) in [
        ("codebuild:ListProjects", 1),
        ("codebuild:BatchGetProjects", 1),
        ("acm:DescribeCertificate", 2),
        ("dax:DescribeClusters", 1),
        ("elasticmapreduce:DescribeCluster", 2),
    ] {
        assert_eq!(
            read.calls.get(action),
            Some(&n),
            "{action}: {:?}",
            read.calls
        );
    }
    let analysis = analyze_state(
        cloudsentinel_model::SourceDb::default(),
        read.state,
        &AnalysisOptions {
            record_passes: true,
            preview: true,
            ..Default::default()
        },
    );
    let fails = |id: &str, arn: &str| {
        analysis
            .findings
            .iter()
            .any(|f| f.check_id == id && f.live_id.as_deref().is_some_and(|(a, _)| a == arn))
    };
    let passes = |id: &str, arn: &str| {
        analysis
            .passes
            .iter()
            .any(|p| p.check_id == id && p.live_id.as_ref().is_some_and(|(a, _)| a == arn))
    };
    let project = |n: &str| format!("arn:aws:codebuild:us-east-1:123456789012:project/{n}");
    for id in [
        "aws-codebuild-plaintext-secret-env",
        "aws-codebuild-artifacts-unencrypted",
        "aws-codebuild-s3-logs-unencrypted",
        // The AWS managed key the API reports for S3 output is no customer managed key.
        "aws-codebuild-no-cmk",
    ] {
        assert!(
            fails(id, &project("exposed")),
            "{id}: {:#?}",
            analysis.findings
        );
        assert!(!fails(id, &project("careful")), "{id}");
    }
    assert!(passes(
        "aws-codebuild-plaintext-secret-env",
        &project("careful")
    ));
    // The certificate requested without transparency logging fails, the other passes.
    let id = "aws-acm-no-transparency-logging";
    let failed: Vec<&String> = analysis
        .findings
        .iter()
        .filter(|f| f.check_id == id)
        .filter_map(|f| f.live_id.as_deref().map(|(a, _)| a))
        .collect();
    let passed: Vec<&String> = analysis
        .passes
        .iter()
        .filter(|p| p.check_id == id)
        .filter_map(|p| p.live_id.as_ref().map(|(a, _)| a))
        .collect();
    assert_eq!(
        (failed.len(), passed.len()),
        (1, 1),
        "{failed:?} {passed:?}"
    );
    assert_ne!(failed[0], passed[0]);
    let dax = |n: &str| format!("arn:aws:dax:us-east-1:123456789012:cache/{n}");
    assert!(fails("aws-dynamodb-dax-unencrypted", &dax("plain")));
    assert!(passes("aws-dynamodb-dax-unencrypted", &dax("sealed")));
    let cluster =
        |id: &str| format!("arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/{id}");
    assert!(fails("aws-emr-no-security-configuration", &cluster(&bare)));
    assert!(passes(
        "aws-emr-no-security-configuration",
        &cluster(&secured)
    ));

    // Drift: the DAX cluster and the bare EMR cluster were declared encrypted and with a
    // security configuration.
    let state = serde_json::json!({
        "version": 4,
        "resources": [
            {"mode": "managed", "type": "aws_dax_cluster", "name": "plain", "instances": [
                {"attributes": {"id": "plain", "arn": dax("plain"), "cluster_name": "plain",
                    "server_side_encryption": [{"enabled": true}]}}]},
            {"mode": "managed", "type": "aws_emr_cluster", "name": "bare", "instances": [
                {"attributes": {"id": bare, "arn": cluster(&bare), "name": "bare",
                    "security_configuration": "encrypted"}}]}
        ]
    });
    let out = drift(&DriftRequest {
        live: opts,
        tfstates: vec![("prod.tfstate".into(), state.to_string())],
        ..Default::default()
    })
    .unwrap();
    let modified = |ty: &str, attr: &str| {
        out.state
            .drift
            .iter()
            .find(|d| {
                d.resource_type == ty
                    && d.kind == DriftKind::Modified
                    && d.attribute.as_deref() == Some(attr)
            })
            .unwrap_or_else(|| panic!("{ty}.{attr}: {:#?}", out.state.drift))
    };
    let d = modified("aws_dax_cluster", "encrypted");
    assert_eq!(d.identity, "plain");
    assert_eq!(
        (d.declared.as_deref(), d.live.as_deref()),
        (Some("true"), Some("false"))
    );
    assert!(d.impact >= Impact::Medium, "{d:?}");
    let d = modified("aws_emr_cluster", "security_configuration");
    assert_eq!(d.identity, bare);
    assert_eq!(
        (d.declared.as_deref(), d.live.as_deref()),
        (Some("encrypted"), Some(""))
    );
    // Undeclared live resources of these kinds are unmanaged.
    for ty in ["aws_codebuild_project", "aws_acm_certificate"] {
        assert!(
            out.state
                .drift
                .iter()
                .any(|d| d.kind == DriftKind::Unmanaged && d.resource_type == ty),
            "{ty}: {:#?}",
            out.state.drift
        );
    }
}

/// Glue security configurations and Data Catalog encryption settings, and AWS Config
/// recorders with their status, read through their own services in two regions: a bad
/// resource of each gives its check's finding live, a good one none, and a declared setting
/// that differs live is drift against the resource of the declared region.
#[test]
fn glue_and_config_recorders_are_read_through_their_services() {
    let Some(moto) = start_moto() else { return };
    let rt = aws::runtime().unwrap();
    let conf = rt.block_on(sdk(&moto));
    let eu = conf.to_builder().region(Region::new("eu-west-1")).build();
    rt.block_on(async {
        use aws_sdk_glue::types::{
            CatalogEncryptionMode, CloudWatchEncryption, CloudWatchEncryptionMode,
            ConnectionPasswordEncryption, DataCatalogEncryptionSettings, EncryptionAtRest,
            EncryptionConfiguration, JobBookmarksEncryption, JobBookmarksEncryptionMode,
            S3Encryption, S3EncryptionMode,
        };
        let key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        let glue = aws_sdk_glue::Client::new(&conf);
        for (name, s3, logs, bookmarks) in [
            (
                "open",
                S3EncryptionMode::Disabled,
                CloudWatchEncryptionMode::Disabled,
                JobBookmarksEncryptionMode::Disabled,
            ),
            (
                "sealed",
                S3EncryptionMode::Ssekms,
                CloudWatchEncryptionMode::Ssekms,
                JobBookmarksEncryptionMode::Csekms,
            ),
        ] {
            let with_key = s3 != S3EncryptionMode::Disabled;
            glue.create_security_configuration()
                .name(name)
                .encryption_configuration(
                    EncryptionConfiguration::builder()
                        .s3_encryption(
                            S3Encryption::builder()
                                .s3_encryption_mode(s3)
                                .set_kms_key_arn(with_key.then(|| key.to_string()))
                                .build(),
                        )
                        .cloud_watch_encryption(
                            CloudWatchEncryption::builder()
                                .cloud_watch_encryption_mode(logs)
                                .set_kms_key_arn(with_key.then(|| key.to_string()))
                                .build(),
                        )
                        .job_bookmarks_encryption(
                            JobBookmarksEncryption::builder()
                                .job_bookmarks_encryption_mode(bookmarks)
                                .set_kms_key_arn(with_key.then(|| key.to_string()))
                                .build(),
                        )
                        .build(),
                )
                .send()
                .await
                .unwrap();
        }
        // us-east-1's catalog keeps the defaults (unencrypted); eu-west-1's is encrypted.
        aws_sdk_glue::Client::new(&eu)
            .put_data_catalog_encryption_settings()
            .data_catalog_encryption_settings(
                DataCatalogEncryptionSettings::builder()
                    .encryption_at_rest(
                        EncryptionAtRest::builder()
                            .catalog_encryption_mode(CatalogEncryptionMode::Ssekms)
                            .sse_aws_kms_key_id(key)
                            .build()
                            .unwrap(),
                    )
                    .connection_password_encryption(
                        ConnectionPasswordEncryption::builder()
                            .return_connection_password_encrypted(true)
                            .aws_kms_key_id(key)
                            .build(),
                    )
                    .build(),
            )
            .send()
            .await
            .unwrap();

        // A recorder in each region, started in eu-west-1 only.
        use aws_sdk_config::types::{ConfigurationRecorder, DeliveryChannel};
        for (c, start) in [
            (aws_sdk_config::Client::new(&conf), false),
            (aws_sdk_config::Client::new(&eu), true),
        ] {
            c.put_configuration_recorder()
                .configuration_recorder(
                    ConfigurationRecorder::builder()
                        .name("default")
                        .role_arn("arn:aws:iam::123456789012:role/config")
                        .build(),
                )
                .send()
                .await
                .unwrap();
            if start {
                c.put_delivery_channel()
                    .delivery_channel(
                        DeliveryChannel::builder()
                            .name("default")
                            .s3_bucket_name("config-history")
                            .build(),
                    )
                    .send()
                    .await
                    .unwrap();
                c.start_configuration_recorder()
                    .configuration_recorder_name("default")
                    .send()
                    .await
                    .unwrap();
            }
        }
    });
    let mut opts = options(&moto);
    opts.regions = vec!["us-east-1".into(), "eu-west-1".into()];
    opts.services = vec![aws::Service::Glue, aws::Service::Config];
    let read = rt.block_on(aws::read(&opts)).unwrap();
    assert!(read.incomplete.is_empty(), "{:#?}", read.incomplete);
    let aws_state = &read.state.aws;
    // Security configurations are regional: both were made in us-east-1.
    assert_eq!(aws_state.glue.security_configurations.len(), 2);
    assert_eq!(aws_state.glue.catalog_encryption.len(), 2);
    assert_eq!(aws_state.config.recorder_statuses.len(), 2);
    for (action, n) in [
        ("glue:GetSecurityConfigurations", 2),
        ("glue:GetDataCatalogEncryptionSettings", 2),
        ("config:DescribeConfigurationRecorders", 2),
        ("config:DescribeConfigurationRecorderStatus", 2),
    ] {
        assert_eq!(
            read.calls.get(action),
            Some(&n),
            "{action}: {:?}",
            read.calls
        );
    }
    let analysis = analyze_state(
        cloudsentinel_model::SourceDb::default(),
        read.state,
        &AnalysisOptions {
            record_passes: true,
            preview: true,
            ..Default::default()
        },
    );
    let fails = |id: &str, arn: &str| {
        analysis
            .findings
            .iter()
            .any(|f| f.check_id == id && f.live_id.as_deref().is_some_and(|(a, _)| a == arn))
    };
    let passes = |id: &str, arn: &str| {
        analysis
            .passes
            .iter()
            .any(|p| p.check_id == id && p.live_id.as_ref().is_some_and(|(a, _)| a == arn))
    };
    let config = |n: &str| format!("arn:aws:glue:us-east-1:123456789012:securityConfiguration/{n}");
    let id = "aws-glue-security-configuration-unencrypted";
    assert!(fails(id, &config("open")), "{:#?}", analysis.findings);
    assert!(!fails(id, &config("sealed")));
    assert!(passes(id, &config("sealed")));
    let catalog = |r: &str| format!("arn:aws:glue:{r}:123456789012:catalog");
    for id in [
        "aws-glue-catalog-unencrypted",
        "aws-glue-connection-password-unencrypted",
    ] {
        assert!(fails(id, &catalog("us-east-1")), "{id}");
        assert!(!fails(id, &catalog("eu-west-1")), "{id}");
        assert!(passes(id, &catalog("eu-west-1")), "{id}");
    }
    // moto returns no recorder ARN: the reader makes one from the name.
    let recorder =
        |r: &str| format!("arn:aws:config:{r}:123456789012:configuration-recorder/default");
    let id = "aws-config-recorder-disabled";
    assert!(
        fails(id, &recorder("us-east-1")),
        "{:#?}",
        analysis.findings
    );
    assert!(!fails(id, &recorder("eu-west-1")));
    assert!(passes(id, &recorder("eu-west-1")));

    // Drift: us-east-1's catalog was declared encrypted (both regions' settings are known by
    // the account id), its recorder started, and the open configuration's S3 data encrypted.
    let state = serde_json::json!({
        "version": 4,
        "resources": [
            {"mode": "managed", "type": "aws_glue_data_catalog_encryption_settings",
             "name": "catalog", "instances": [
                {"attributes": {"id": "123456789012", "catalog_id": "123456789012",
                    "region": "us-east-1",
                    "data_catalog_encryption_settings": [{
                        "encryption_at_rest": [{"catalog_encryption_mode": "SSE-KMS"}],
                        "connection_password_encryption": [
                            {"return_connection_password_encrypted": true}]}]}}]},
            {"mode": "managed", "type": "aws_config_configuration_recorder_status",
             "name": "main", "instances": [
                {"attributes": {"id": "default", "name": "default", "region": "us-east-1",
                    "is_enabled": true}}]},
            {"mode": "managed", "type": "aws_glue_security_configuration", "name": "open",
             "instances": [
                {"attributes": {"id": "open", "name": "open", "region": "us-east-1",
                    "encryption_configuration": [{
                        "s3_encryption": [{"s3_encryption_mode": "SSE-S3"}],
                        "cloudwatch_encryption": [{"cloudwatch_encryption_mode": "DISABLED"}],
                        "job_bookmarks_encryption": [
                            {"job_bookmarks_encryption_mode": "DISABLED"}]}]}}]}
        ]
    });
    let out = drift(&DriftRequest {
        live: opts,
        tfstates: vec![("prod.tfstate".into(), state.to_string())],
        ..Default::default()
    })
    .unwrap();
    let modified = |ty: &str, attr: &str| {
        out.state
            .drift
            .iter()
            .find(|d| {
                d.resource_type == ty
                    && d.kind == DriftKind::Modified
                    && d.attribute.as_deref() == Some(attr)
            })
            .unwrap_or_else(|| panic!("{ty}.{attr}: {:#?}", out.state.drift))
    };
    let d = modified("aws_glue_data_catalog_encryption_settings", "at_rest_mode");
    assert_eq!(d.identity, "123456789012");
    assert_eq!(d.resource.address, catalog("us-east-1"));
    assert_eq!(
        (d.declared.as_deref(), d.live.as_deref()),
        (Some("SSE-KMS"), Some("DISABLED"))
    );
    assert!(d.impact >= Impact::Medium, "{d:?}");
    let d = modified(
        "aws_glue_data_catalog_encryption_settings",
        "passwords_encrypted",
    );
    assert_eq!(
        (d.declared.as_deref(), d.live.as_deref()),
        (Some("true"), Some("false"))
    );
    let d = modified("aws_config_configuration_recorder_status", "enabled");
    assert_eq!(d.identity, "default");
    assert_eq!(
        (d.declared.as_deref(), d.live.as_deref()),
        (Some("true"), Some("false"))
    );
    assert!(d.impact >= Impact::Medium, "{d:?}");
    let d = modified("aws_glue_security_configuration", "s3_mode");
    assert_eq!(d.identity, "open");
    assert_eq!(
        (d.declared.as_deref(), d.live.as_deref()),
        (Some("SSE-S3"), Some("DISABLED"))
    );
    let unmanaged = |ty: &str| {
        out.state
            .drift
            .iter()
            .filter(|d| d.kind == DriftKind::Unmanaged && d.resource_type == ty)
            .map(|d| d.identity.clone())
            .collect::<Vec<_>>()
    };
    // The undeclared configuration and eu-west-1's recorder are unmanaged; the catalog's
    // settings, which every region has, never are.
    assert_eq!(unmanaged("aws_glue_security_configuration"), ["sealed"]);
    assert_eq!(
        unmanaged("aws_config_configuration_recorder_status"),
        ["default"]
    );
    assert!(unmanaged("aws_glue_data_catalog_encryption_settings").is_empty());
}

/// The RDS API lists Neptune (and DocumentDB) clusters too; they are their own kinds (read
/// through Cloud Control), so the RDS reader leaves them out instead of checking them twice.
#[test]
fn neptune_clusters_listed_by_rds_are_not_read_as_rds_clusters() {
    let Some(moto) = start_moto() else { return };
    let rt = aws::runtime().unwrap();
    let conf = rt.block_on(sdk(&moto));
    rt.block_on(async {
        let rds = aws_sdk_rds::Client::new(&conf);
        for (name, engine) in [("app", "aurora-postgresql"), ("graph", "neptune")] {
            rds.create_db_cluster()
                .db_cluster_identifier(name)
                .engine(engine)
                .master_username("admin")
                .master_user_password("password123")
                .send()
                .await
                .unwrap();
        }
        // Both are listed by the RDS API itself.
        let listed = rds.describe_db_clusters().send().await.unwrap();
        assert_eq!(listed.db_clusters().len(), 2);
    });
    let mut opts = options(&moto);
    opts.services = vec![aws::Service::Rds];
    let read = rt.block_on(aws::read(&opts)).unwrap();
    assert!(read.incomplete.is_empty(), "{:#?}", read.incomplete);
    let ids: Vec<&str> = read
        .state
        .aws
        .rds
        .clusters
        .iter()
        .map(|c| c.resource.address.as_str())
        .collect();
    assert_eq!(ids, ["arn:aws:rds:us-east-1:123456789012:cluster:app"]);
}

/// S3 Control at moto's one address (its endpoint rules would put the account id in front
/// of the host).
#[derive(Debug)]
struct AtMoto(String);

impl aws_sdk_s3control::config::endpoint::ResolveEndpoint for AtMoto {
    fn resolve_endpoint<'a>(
        &'a self,
        _: &'a aws_sdk_s3control::config::endpoint::Params,
    ) -> aws_sdk_s3control::config::endpoint::EndpointFuture<'a> {
        aws_sdk_s3control::config::endpoint::EndpointFuture::ready(Ok(
            aws_sdk_s3control::config::endpoint::Endpoint::builder()
                .url(self.0.clone())
                .build(),
        ))
    }
}

/// Sets the account's public access block, every setting on or `block_public_policy` off.
async fn put_account_block(conf: &SdkConfig, url: &str, all_on: bool) {
    let c = aws_sdk_s3control::Client::from_conf(
        aws_sdk_s3control::config::Builder::from(conf)
            .endpoint_resolver(AtMoto(url.to_string()))
            .build(),
    );
    c.put_public_access_block()
        .account_id("123456789012")
        .public_access_block_configuration(
            aws_sdk_s3control::types::PublicAccessBlockConfiguration::builder()
                .block_public_acls(true)
                .ignore_public_acls(true)
                .block_public_policy(all_on)
                .restrict_public_buckets(true)
                .build(),
        )
        .send()
        .await
        .unwrap();
}

/// The account-level settings and children read by the RDS, EC2, EMR and S3 readers: manual
/// DB and cluster snapshots with who may restore them, EBS encryption by default and EMR
/// block public access in two regions, the launch permissions of the account's AMIs and the
/// account's S3 public access block. A bad one of each gives its check's finding live, a
/// good one none; declared settings that differ live are drift, and the per-region
/// singletons are never unmanaged.
#[test]
fn account_settings_snapshots_and_ami_permissions_are_read() {
    let Some(moto) = start_moto() else { return };
    let rt = aws::runtime().unwrap();
    let conf = rt.block_on(sdk(&moto));
    let eu = conf.to_builder().region(Region::new("eu-west-1")).build();
    let (public_ami, shared_ami) = rt.block_on(async {
        let rds = aws_sdk_rds::Client::new(&conf);
        rds.create_db_instance()
            .db_instance_identifier("db")
            .db_instance_class("db.t3.micro")
            .engine("postgres")
            .master_username("admin")
            .master_user_password("password-password")
            .allocated_storage(20)
            .send()
            .await
            .unwrap();
        for (snap, share) in [("public-snap", "all"), ("shared-snap", "111122223333")] {
            rds.create_db_snapshot()
                .db_instance_identifier("db")
                .db_snapshot_identifier(snap)
                .send()
                .await
                .unwrap();
            rds.modify_db_snapshot_attribute()
                .db_snapshot_identifier(snap)
                .attribute_name("restore")
                .values_to_add(share)
                .send()
                .await
                .unwrap();
        }
        rds.create_db_cluster()
            .db_cluster_identifier("cl")
            .engine("aurora-postgresql")
            .master_username("admin")
            .master_user_password("password-password")
            .send()
            .await
            .unwrap();
        rds.create_db_cluster_snapshot()
            .db_cluster_identifier("cl")
            .db_cluster_snapshot_identifier("public-cluster-snap")
            .send()
            .await
            .unwrap();
        rds.modify_db_cluster_snapshot_attribute()
            .db_cluster_snapshot_identifier("public-cluster-snap")
            .attribute_name("restore")
            .values_to_add("all")
            .send()
            .await
            .unwrap();

        // New volumes encrypted by default in eu-west-1 only.
        aws_sdk_ec2::Client::new(&eu)
            .enable_ebs_encryption_by_default()
            .send()
            .await
            .unwrap();
        let ec2 = aws_sdk_ec2::Client::new(&conf);
        let instance = ec2
            .run_instances()
            .image_id("ami-12c6146b")
            .min_count(1)
            .max_count(1)
            .send()
            .await
            .unwrap()
            .instances()[0]
            .instance_id()
            .unwrap()
            .to_string();
        let mut amis = Vec::new();
        for (name, permission) in [
            (
                "public",
                aws_sdk_ec2::types::LaunchPermission::builder()
                    .group(aws_sdk_ec2::types::PermissionGroup::All)
                    .build(),
            ),
            (
                "shared",
                aws_sdk_ec2::types::LaunchPermission::builder()
                    .user_id("111122223333")
                    .build(),
            ),
        ] {
            let ami = ec2
                .create_image()
                .instance_id(&instance)
                .name(name)
                .send()
                .await
                .unwrap()
                .image_id()
                .unwrap()
                .to_string();
            ec2.modify_image_attribute()
                .image_id(&ami)
                .launch_permission(
                    aws_sdk_ec2::types::LaunchPermissionModifications::builder()
                        .add(permission)
                        .build(),
                )
                .send()
                .await
                .unwrap();
            amis.push(ami);
        }

        // EMR block public access set in eu-west-1 (moto stores only `true`; the turned-off
        // case is served in tests/cloudcontrol.rs).
        aws_sdk_emr::Client::new(&eu)
            .put_block_public_access_configuration()
            .block_public_access_configuration(
                aws_sdk_emr::types::BlockPublicAccessConfiguration::builder()
                    .block_public_security_group_rules(true)
                    .build(),
            )
            .send()
            .await
            .unwrap();
        (amis[0].clone(), amis[1].clone())
    });

    // No account public access block yet: none is read.
    let mut s3_only = options(&moto);
    s3_only.services = vec![aws::Service::S3];
    let read = rt.block_on(aws::read(&s3_only)).unwrap();
    assert!(read.incomplete.is_empty(), "{:#?}", read.incomplete);
    assert!(read.state.aws.s3.account_public_access_blocks.is_empty());
    assert_eq!(read.calls.get("s3:GetAccountPublicAccessBlock"), Some(&1));

    rt.block_on(put_account_block(&conf, &moto.url, false));
    let mut opts = options(&moto);
    opts.regions = vec!["us-east-1".into(), "eu-west-1".into()];
    opts.services = vec![
        aws::Service::Rds,
        aws::Service::Ec2,
        aws::Service::Emr,
        aws::Service::S3,
    ];
    let read = rt.block_on(aws::read(&opts)).unwrap();
    assert!(read.incomplete.is_empty(), "{:#?}", read.incomplete);
    let state = &read.state.aws;
    assert_eq!(state.rds.snapshots.len(), 3, "{:#?}", state.rds.snapshots);
    assert_eq!(state.ec2.ebs_encryption_defaults.len(), 2);
    assert_eq!(state.ec2.ami_launch_permissions.len(), 2);
    assert_eq!(state.emr.block_public_access.len(), 2);
    assert_eq!(state.s3.account_public_access_blocks.len(), 1);
    for (action, n) in [
        ("rds:DescribeDBSnapshots", 2),
        ("rds:DescribeDBSnapshotAttributes", 2),
        ("rds:DescribeDBClusterSnapshots", 2),
        ("rds:DescribeDBClusterSnapshotAttributes", 1),
        ("ec2:GetEbsEncryptionByDefault", 2),
        ("ec2:DescribeImages", 2),
        ("ec2:DescribeImageAttribute", 2),
        ("elasticmapreduce:GetBlockPublicAccessConfiguration", 2),
        ("s3:GetAccountPublicAccessBlock", 1),
    ] {
        assert_eq!(
            read.calls.get(action),
            Some(&n),
            "{action}: {:?}",
            read.calls
        );
    }
    let analysis = analyze_state(
        cloudsentinel_model::SourceDb::default(),
        read.state.clone(),
        &AnalysisOptions {
            record_passes: true,
            preview: true,
            ..Default::default()
        },
    );
    let fails = |id: &str, arn: &str| {
        analysis
            .findings
            .iter()
            .any(|f| f.check_id == id && f.live_id.as_deref().is_some_and(|(a, _)| a == arn))
    };
    let passes = |id: &str, arn: &str| {
        analysis
            .passes
            .iter()
            .any(|p| p.check_id == id && p.live_id.as_ref().is_some_and(|(a, _)| a == arn))
    };
    let snap = |n: &str| format!("arn:aws:rds:us-east-1:123456789012:snapshot:{n}");
    let id = "aws-rds-public-snapshot";
    assert!(fails(id, &snap("public-snap")), "{:#?}", analysis.findings);
    assert!(fails(
        id,
        "arn:aws:rds:us-east-1:123456789012:cluster-snapshot:public-cluster-snap"
    ));
    assert!(!fails(id, &snap("shared-snap")));
    assert!(passes(id, &snap("shared-snap")));
    let ebs = |r: &str| format!("arn:aws:ec2:{r}:123456789012:ebs-encryption-by-default");
    let id = "aws-ec2-ebs-default-encryption-off";
    assert!(fails(id, &ebs("us-east-1")), "{:#?}", analysis.findings);
    assert!(!fails(id, &ebs("eu-west-1")));
    assert!(passes(id, &ebs("eu-west-1")));
    let permission = |ami: &str, who: &str| {
        format!("arn:aws:ec2:us-east-1:123456789012:image/{ami}/launch-permission/{who}")
    };
    let id = "aws-ec2-public-ami";
    assert!(fails(id, &permission(&public_ami, "all")));
    assert!(!fails(id, &permission(&shared_ami, "111122223333")));
    assert!(passes(id, &permission(&shared_ami, "111122223333")));
    let bpa = |r: &str| {
        format!("arn:aws:elasticmapreduce:{r}:123456789012:block-public-access-configuration")
    };
    let id = "aws-emr-block-public-access-disabled";
    // moto keeps one configuration for the account, so us-east-1 answers eu-west-1's.
    for r in ["eu-west-1", "us-east-1"] {
        assert!(!fails(id, &bpa(r)), "{r}");
        assert!(passes(id, &bpa(r)), "{r}");
    }
    let account = "arn:aws:s3::123456789012:account-public-access-block";
    let id = "aws-s3-account-public-access-block-off";
    assert!(fails(id, account), "{:#?}", analysis.findings);

    // Drift: the public snapshot was declared unshared, us-east-1's EBS default encrypted,
    // the account's block all on; the public AMI's permission is declared, the shared one
    // is not.
    let state = serde_json::json!({
        "version": 4,
        "resources": [
            {"mode": "managed", "type": "aws_db_snapshot", "name": "s", "instances": [
                {"attributes": {"id": "public-snap", "db_snapshot_identifier": "public-snap",
                    "db_snapshot_arn": snap("public-snap"), "shared_accounts": []}}]},
            {"mode": "managed", "type": "aws_ebs_encryption_by_default", "name": "e",
             "instances": [{"attributes": {"id": "terraform-1", "enabled": true,
                "region": "us-east-1"}}]},
            {"mode": "managed", "type": "aws_s3_account_public_access_block", "name": "a",
             "instances": [{"attributes": {"id": "123456789012", "account_id": "123456789012",
                "block_public_acls": true, "block_public_policy": true,
                "ignore_public_acls": true, "restrict_public_buckets": true}}]},
            {"mode": "managed", "type": "aws_ami_launch_permission", "name": "p",
             "instances": [{"attributes": {"id": format!("all/{public_ami}"),
                "image_id": public_ami, "group": "all", "region": "us-east-1"}}]}
        ]
    });
    let out = drift(&DriftRequest {
        live: opts,
        tfstates: vec![("prod.tfstate".into(), state.to_string())],
        ..Default::default()
    })
    .unwrap();
    let modified = |ty: &str, attr: &str| {
        out.state
            .drift
            .iter()
            .find(|d| {
                d.resource_type == ty
                    && d.kind == DriftKind::Modified
                    && d.attribute.as_deref() == Some(attr)
            })
            .unwrap_or_else(|| panic!("{ty}.{attr}: {:#?}", out.state.drift))
    };
    let d = modified("aws_db_snapshot", "shared_accounts");
    assert_eq!(d.identity, "public-snap");
    assert_eq!(
        (d.declared.as_deref(), d.live.as_deref()),
        (Some(""), Some("all"))
    );
    assert!(d.impact >= Impact::High, "{d:?}");
    let d = modified("aws_ebs_encryption_by_default", "enabled");
    assert_eq!(d.identity, "us-east-1");
    assert_eq!(
        (d.declared.as_deref(), d.live.as_deref()),
        (Some("true"), Some("false"))
    );
    let d = modified("aws_s3_account_public_access_block", "block_public_policy");
    assert_eq!(d.identity, "123456789012");
    assert_eq!(
        (d.declared.as_deref(), d.live.as_deref()),
        (Some("true"), Some("false"))
    );
    let unmanaged = |ty: &str| {
        let mut v: Vec<String> = out
            .state
            .drift
            .iter()
            .filter(|d| d.kind == DriftKind::Unmanaged && d.resource_type == ty)
            .map(|d| d.identity.clone())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        unmanaged("aws_ami_launch_permission"),
        [format!("111122223333/{shared_ami}")]
    );
    assert!(
        !out.state
            .drift
            .iter()
            .any(|d| d.resource_type == "aws_ami_launch_permission"
                && d.kind != DriftKind::Unmanaged),
        "{:#?}",
        out.state.drift
    );
    // The per-region singletons AWS made are never unmanaged.
    assert!(unmanaged("aws_ebs_encryption_by_default").is_empty());
    assert!(unmanaged("aws_emr_block_public_access_configuration").is_empty());
    assert_eq!(unmanaged("aws_db_snapshot"), ["shared-snap".to_string()]);
    assert_eq!(
        unmanaged("aws_db_cluster_snapshot"),
        ["public-cluster-snap".to_string()]
    );

    // With every setting on, the account's block passes.
    rt.block_on(put_account_block(&conf, &moto.url, true));
    let read = rt.block_on(aws::read(&s3_only)).unwrap();
    let analysis = analyze_state(
        cloudsentinel_model::SourceDb::default(),
        read.state,
        &AnalysisOptions {
            record_passes: true,
            preview: true,
            ..Default::default()
        },
    );
    let id = "aws-s3-account-public-access-block-off";
    assert!(!analysis.findings.iter().any(|f| f.check_id == id));
    assert!(
        analysis
            .passes
            .iter()
            .any(|p| p.check_id == id && p.live_id.as_ref().is_some_and(|(a, _)| a == account))
    );
}

/// REST API methods (which Cloud Control cannot list) are read with their API's resources:
/// a method open to anyone is a finding, one with IAM authorization or an API key is not,
/// and an `OPTIONS` method (CORS preflight) is not judged.
#[test]
fn api_gateway_methods_are_read_with_their_resources() {
    let Some(moto) = start_moto() else { return };
    let rt = aws::runtime().unwrap();
    let conf = rt.block_on(sdk(&moto));
    let (api, root) = rt.block_on(async {
        let c = aws_sdk_apigateway::Client::new(&conf);
        let api = c
            .create_rest_api()
            .name("orders")
            .send()
            .await
            .unwrap()
            .id()
            .unwrap()
            .to_string();
        let root = c
            .get_resources()
            .rest_api_id(&api)
            .send()
            .await
            .unwrap()
            .items()[0]
            .id()
            .unwrap()
            .to_string();
        for (verb, auth, key) in [
            ("GET", "NONE", false),
            ("POST", "AWS_IAM", false),
            ("PUT", "NONE", true),
            ("OPTIONS", "NONE", false),
        ] {
            c.put_method()
                .rest_api_id(&api)
                .resource_id(&root)
                .http_method(verb)
                .authorization_type(auth)
                .api_key_required(key)
                .send()
                .await
                .unwrap();
        }
        (api, root)
    });
    let mut opts = options(&moto);
    opts.services = vec![aws::Service::ApiGateway];
    let read = rt.block_on(aws::read(&opts)).unwrap();
    assert!(read.incomplete.is_empty(), "{:#?}", read.incomplete);
    assert_eq!(read.state.aws.apigateway.methods.len(), 4);
    // GetRestApis once, GetResources once for the one API.
    assert_eq!(
        read.calls.get("apigateway:GET"),
        Some(&2),
        "{:?}",
        read.calls
    );
    let analysis = analyze_state(
        cloudsentinel_model::SourceDb::default(),
        read.state,
        &AnalysisOptions {
            record_passes: true,
            preview: true,
            ..Default::default()
        },
    );
    let method = |verb: &str| {
        format!("arn:aws:apigateway:us-east-1::/restapis/{api}/resources/{root}/methods/{verb}")
    };
    let id = "aws-apigateway-method-no-auth";
    let fails = |arn: &str| {
        analysis
            .findings
            .iter()
            .any(|f| f.check_id == id && f.live_id.as_deref().is_some_and(|(a, _)| a == arn))
    };
    let passes = |arn: &str| {
        analysis
            .passes
            .iter()
            .any(|p| p.check_id == id && p.live_id.as_ref().is_some_and(|(a, _)| a == arn))
    };
    assert!(fails(&method("GET")), "{:#?}", analysis.findings);
    for verb in ["POST", "PUT"] {
        assert!(!fails(&method(verb)), "{verb}");
        assert!(passes(&method(verb)), "{verb}");
    }
    assert!(!fails(&method("OPTIONS")) && !passes(&method("OPTIONS")));

    // Drift: GET was declared with IAM authorization; the others are not declared.
    let state = serde_json::json!({
        "version": 4,
        "resources": [
            {"mode": "managed", "type": "aws_api_gateway_method", "name": "get",
             "instances": [
                {"attributes": {"id": format!("agm-{api}-{root}-GET"), "rest_api_id": api,
                    "resource_id": root, "http_method": "GET", "region": "us-east-1",
                    "authorization": "AWS_IAM", "api_key_required": false}}]}
        ]
    });
    let out = drift(&DriftRequest {
        live: opts,
        tfstates: vec![("prod.tfstate".into(), state.to_string())],
        ..Default::default()
    })
    .unwrap();
    let d = out
        .state
        .drift
        .iter()
        .find(|d| {
            d.resource_type == "aws_api_gateway_method"
                && d.kind == DriftKind::Modified
                && d.attribute.as_deref() == Some("authorization")
        })
        .unwrap_or_else(|| panic!("{:#?}", out.state.drift));
    assert_eq!(d.identity, format!("agm-{api}-{root}-GET"));
    assert_eq!(
        (d.declared.as_deref(), d.live.as_deref()),
        (Some("AWS_IAM"), Some("NONE"))
    );
    assert!(d.impact >= Impact::Medium, "{d:?}");
    let mut unmanaged: Vec<String> = out
        .state
        .drift
        .iter()
        .filter(|d| d.kind == DriftKind::Unmanaged && d.resource_type == "aws_api_gateway_method")
        .map(|d| d.identity.clone())
        .collect();
    unmanaged.sort();
    assert_eq!(
        unmanaged,
        ["OPTIONS", "POST", "PUT"].map(|v| format!("agm-{api}-{root}-{v}"))
    );
}

/// The account's own SSM documents are read with whom they are shared: `all` among the
/// accounts is a public document (a finding), one shared with an account or with no one is not.
#[test]
fn ssm_documents_are_read_with_their_sharing() {
    let Some(moto) = start_moto() else { return };
    let rt = aws::runtime().unwrap();
    let conf = rt.block_on(sdk(&moto));
    rt.block_on(async {
        let c = aws_sdk_ssm::Client::new(&conf);
        let content = r#"{"schemaVersion":"2.2","description":"run","mainSteps":[{"action":"aws:runShellScript","name":"run","inputs":{"runCommand":["echo hi"]}}]}"#;
        for (name, share) in [
            ("public-doc", Some("all")),
            ("shared-doc", Some("210987654321")),
            ("private-doc", None),
        ] {
            c.create_document()
                .name(name)
                .content(content)
                .document_type(aws_sdk_ssm::types::DocumentType::Command)
                .send()
                .await
                .unwrap();
            if let Some(account) = share {
                c.modify_document_permission()
                    .name(name)
                    .permission_type(aws_sdk_ssm::types::DocumentPermissionType::Share)
                    .account_ids_to_add(account)
                    .send()
                    .await
                    .unwrap();
            }
        }
    });
    let mut opts = options(&moto);
    opts.services = vec![aws::Service::Ssm];
    let read = rt.block_on(aws::read(&opts)).unwrap();
    assert!(read.incomplete.is_empty(), "{:#?}", read.incomplete);
    // Only the account's own documents (Owner=Self), not Amazon's.
    assert_eq!(read.state.aws.ssm.documents.len(), 3);
    assert_eq!(
        read.calls.get("ssm:DescribeDocumentPermission"),
        Some(&3),
        "{:?}",
        read.calls
    );
    let analysis = analyze_state(
        cloudsentinel_model::SourceDb::default(),
        read.state,
        &AnalysisOptions {
            record_passes: true,
            preview: true,
            ..Default::default()
        },
    );
    let doc = |n: &str| format!("arn:aws:ssm:us-east-1:123456789012:document/{n}");
    let id = "aws-ssm-document-public";
    let fails = |arn: &str| {
        analysis
            .findings
            .iter()
            .any(|f| f.check_id == id && f.live_id.as_deref().is_some_and(|(a, _)| a == arn))
    };
    let passes = |arn: &str| {
        analysis
            .passes
            .iter()
            .any(|p| p.check_id == id && p.live_id.as_ref().is_some_and(|(a, _)| a == arn))
    };
    assert!(fails(&doc("public-doc")), "{:#?}", analysis.findings);
    for n in ["shared-doc", "private-doc"] {
        assert!(!fails(&doc(n)), "{n}");
        assert!(passes(&doc(n)), "{n}");
    }

    // Drift: the public document was declared private (no permissions).
    let state = serde_json::json!({
        "version": 4,
        "resources": [
            {"mode": "managed", "type": "aws_ssm_document", "name": "run",
             "instances": [
                {"attributes": {"id": "public-doc", "name": "public-doc",
                    "arn": doc("public-doc"), "document_type": "Command",
                    "permissions": null}}]}
        ]
    });
    let out = drift(&DriftRequest {
        live: opts,
        tfstates: vec![("prod.tfstate".into(), state.to_string())],
        ..Default::default()
    })
    .unwrap();
    let d = out
        .state
        .drift
        .iter()
        .find(|d| {
            d.resource_type == "aws_ssm_document"
                && d.kind == DriftKind::Modified
                && d.attribute.as_deref() == Some("public")
        })
        .unwrap_or_else(|| panic!("{:#?}", out.state.drift));
    assert_eq!(d.identity, "public-doc");
    assert_eq!(
        (d.declared.as_deref(), d.live.as_deref()),
        (Some("false"), Some("true"))
    );
    assert!(d.impact >= Impact::Medium, "{d:?}");
    let mut unmanaged: Vec<String> = out
        .state
        .drift
        .iter()
        .filter(|d| d.kind == DriftKind::Unmanaged && d.resource_type == "aws_ssm_document")
        .map(|d| d.identity.clone())
        .collect();
    unmanaged.sort();
    assert_eq!(unmanaged, ["private-doc", "shared-doc"]);
}
