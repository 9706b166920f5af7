//! The live-read benchmark of docs/performance.md: 1,000+ resources across 3 regions in
//! moto, read and checked, with API calls counted. Ignored by default (it seeds for a
//! while); run it with
//! `CLOUDSENTINEL_MOTO=… cargo test --release -p cloudsentinel-drift --test bench_moto -- --ignored --nocapture`.
// A benchmark: it reports its measurements on stderr.
#![allow(clippy::print_stderr)]

use aws_config::{BehaviorVersion, Region};
use cloudsentinel_live_aws::{self as aws, LiveOptions};
use futures_util::StreamExt;
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const REGIONS: [&str; 3] = ["us-east-1", "eu-west-1", "us-west-2"];

#[test]
#[ignore = "a benchmark: run with --ignored"]
fn read_1000_live_resources_across_3_regions() {
    let Some(path) = std::env::var_os("CLOUDSENTINEL_MOTO") else {
        eprintln!("skipping: set CLOUDSENTINEL_MOTO");
        return;
    };
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(path)
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline);
        std::thread::sleep(Duration::from_millis(100));
    }
    let url = format!("http://127.0.0.1:{port}");
    let rt = aws::runtime().unwrap();
    let seeded = Instant::now();
    let count = rt.block_on(async {
        let mut jobs: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>> = Vec::new();
        for region in REGIONS {
            let conf = aws_config::defaults(BehaviorVersion::latest())
                .endpoint_url(&url)
                .region(Region::new(region))
                .credentials_provider(aws_credential_types::Credentials::new(
                    "testing", "testing", None, None, "bench",
                ))
                .load()
                .await;
            let ec2 = aws_sdk_ec2::Client::new(&conf);
            let sqs = aws_sdk_sqs::Client::new(&conf);
            let sns = aws_sdk_sns::Client::new(&conf);
            let s3 = aws_sdk_s3::Client::from_conf(
                aws_sdk_s3::config::Builder::from(&conf)
                    .force_path_style(true)
                    .build(),
            );
            for i in 0..120 {
                let ec2 = ec2.clone();
                jobs.push(Box::pin(async move {
                    ec2.create_security_group()
                        .group_name(format!("sg-{i}"))
                        .description("bench")
                        .send()
                        .await
                        .unwrap();
                }));
            }
            for i in 0..40 {
                let ec2 = ec2.clone();
                let az = format!("{region}a");
                jobs.push(Box::pin(async move {
                    ec2.create_volume()
                        .availability_zone(az)
                        .size(1)
                        .encrypted(i % 2 == 0)
                        .send()
                        .await
                        .unwrap();
                }));
            }
            for i in 0..60 {
                let (sqs, sns) = (sqs.clone(), sns.clone());
                jobs.push(Box::pin(async move {
                    sqs.create_queue()
                        .queue_name(format!("q-{i}"))
                        .send()
                        .await
                        .unwrap();
                    sns.create_topic()
                        .name(format!("t-{i}"))
                        .send()
                        .await
                        .unwrap();
                }));
            }
            for i in 0..40 {
                let s3 = s3.clone();
                let region = region.to_string();
                jobs.push(Box::pin(async move {
                    let mut b = s3.create_bucket().bucket(format!("bench-{region}-{i}"));
                    if region != "us-east-1" {
                        b = b.create_bucket_configuration(
                            aws_sdk_s3::types::CreateBucketConfiguration::builder()
                                .location_constraint(region.as_str().into())
                                .build(),
                        );
                    }
                    b.send().await.unwrap();
                }));
            }
            if region == "us-east-1" {
                let iam = aws_sdk_iam::Client::new(&conf);
                for i in 0..60 {
                    let iam = iam.clone();
                    jobs.push(Box::pin(async move {
                        iam.create_user()
                            .user_name(format!("user-{i}"))
                            .send()
                            .await
                            .unwrap();
                    }));
                }
            }
        }
        let n = jobs.len();
        futures_util::stream::iter(jobs)
            .buffer_unordered(16)
            .collect::<Vec<()>>()
            .await;
        n
    });
    eprintln!("seeded {count} jobs in {:.1?}", seeded.elapsed());

    let opts = LiveOptions {
        regions: REGIONS
            .iter()
            .map(std::string::ToString::to_string)
            .collect(),
        endpoint_url: Some(url),
        static_credentials: Some(("testing".into(), "testing".into())),
        // moto does not implement Cloud Control.
        services: aws::Service::ALL
            .into_iter()
            .filter(|s| *s != aws::Service::CloudControl)
            .collect(),
        ..Default::default()
    };
    let (moto_before, ours_before) = (cpu_secs(child.id()), cpu_secs(std::process::id()));
    let start = Instant::now();
    let read = rt.block_on(aws::read(&opts)).unwrap();
    let read_time = start.elapsed();
    let moto_cpu = cpu_secs(child.id()) - moto_before;
    let our_cpu = cpu_secs(std::process::id()) - ours_before;
    let s = &read.state.aws;
    let resources = s.s3.buckets.len()
        + s.ec2.security_groups.len()
        + s.ec2.vpcs.len()
        + s.ec2.subnets.len()
        + s.ec2.network_acls.len()
        + s.ec2.volumes.len()
        + s.ec2.instances.len()
        + s.iam.users.len()
        + s.iam.roles.len()
        + s.iam.groups.len()
        + s.iam.policies.len()
        + s.sqs.queues.len()
        + s.sns.topics.len();
    let checked = Instant::now();
    let analysis = cloudsentinel_checks::analyze_state(
        cloudsentinel_model::SourceDb::default(),
        read.state,
        &cloudsentinel_checks::AnalysisOptions::default(),
    );
    let check_time = checked.elapsed();
    let calls: u64 = read.calls.values().sum();
    eprintln!(
        "read {resources} resources in {:.2?}, checked in {:.1?}: {} findings, {calls} API calls, incomplete: {:?}",
        read_time,
        check_time,
        analysis.findings.len(),
        read.incomplete
    );
    eprintln!("CPU during the read: moto {moto_cpu:.2} s, CloudSentinel {our_cpu:.2} s");
    for (action, n) in &read.calls {
        eprintln!("  {action}: {n}");
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(resources >= 1000, "only {resources} resources");
    assert!(read.incomplete.is_empty());
}

/// User + system CPU seconds of a process (Linux /proc; 0 elsewhere).
fn cpu_secs(pid: u32) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // Fields after the command name (which may hold spaces) start at index 2 (state).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of stat: 11 and 12 after the state field.
    (ticks(11) + ticks(12)) / 100.0
}
