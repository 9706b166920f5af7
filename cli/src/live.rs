//! `scan --live aws` and `drift`: the live side of the command line. Built with the `live`
//! feature (opt-in: `cargo install --path . --features live`); without it both answer that
//! live support is not built in.

use crate::{InputArgs, OutputArgs, error, load_config_file};
use clap::{Args, ValueEnum};
use cloudsentinel_checks::config::Config;
use std::path::PathBuf;

/// A cloud that can be read live.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub(crate) enum Cloud {
    /// Amazon Web Services: the standard credential chain, `--profile`, `--role-arn`.
    Aws,
}

/// Which account and regions to read.
#[derive(Args, Debug, Default)]
pub(crate) struct AccountArgs {
    /// Regions to read (comma-separated) [default: every region enabled for the account].
    #[arg(long, value_name = "REGION", value_delimiter = ',')]
    regions: Vec<String>,
    /// Named profile of the shared AWS config and credentials files.
    #[arg(long, value_name = "PROFILE")]
    profile: Option<String>,
    /// Assume this role (with the chain's or profile's credentials) before reading.
    #[arg(long, value_name = "ARN")]
    role_arn: Option<String>,
    /// Send every API call to this endpoint (an emulator such as moto); `AWS_ENDPOINT_URL`
    /// works too.
    #[arg(long, value_name = "URL")]
    endpoint_url: Option<String>,
    /// At most this many service × region reads at once.
    #[arg(long, value_name = "N", default_value_t = 8)]
    concurrency: usize,
    /// Services to read (comma-separated); `cloudcontrol` is every kind read through AWS Cloud
    /// Control (log groups, ElastiCache, OpenSearch, Kinesis, …) [default: all].
    #[arg(long, value_name = "SERVICE", value_delimiter = ',', value_parser = SERVICES)]
    services: Vec<String>,
}

/// The names `--services` takes: `cloudsentinel_live_aws::Service`'s (a test checks).
const SERVICES: [&str; 24] = [
    "iam",
    "s3",
    "ec2",
    "rds",
    "cloudtrail",
    "kms",
    "elbv2",
    "lambda",
    "eks",
    "efs",
    "sqs",
    "sns",
    "dynamodb",
    "ecr",
    "codebuild",
    "glacier",
    "acm",
    "dax",
    "emr",
    "glue",
    "config",
    "apigateway",
    "ssm",
    "cloudcontrol",
];

#[derive(Args, Debug)]
pub(crate) struct DriftArgs {
    /// Terraform state (format version 4): a file, or `s3://BUCKET/KEY` for an S3
    /// backend; repeatable.
    #[arg(long, value_name = "FILE")]
    tfstate: Vec<PathBuf>,
    /// CloudFormation stack whose template, parameters and resources are declared state;
    /// repeatable.
    #[arg(long = "cfn-stack", value_name = "NAME", num_args = 1..)]
    cfn_stacks: Vec<String>,
    /// Terraform or CloudFormation project: its resources are declared state (matched by
    /// name), and resources of --tfstate and --cfn-stack that it declares take its source
    /// locations, so findings point at the declaring line; repeatable.
    #[arg(long, value_name = "PATH")]
    iac: Vec<PathBuf>,
    #[command(flatten)]
    account: AccountArgs,
    /// Run only these checks (drift-modified, drift-deleted, drift-unmanaged,
    /// iac-parse-error).
    #[arg(long = "check", value_name = "ID", value_delimiter = ',')]
    checks: Vec<String>,
    /// Configuration file (its `drift.ignore` rules and suppression settings apply)
    /// [default: the nearest .cloudsentinel.yaml at or above the first --iac path, else the
    /// current directory].
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore any .cloudsentinel.yaml.
    #[arg(long)]
    no_config: bool,
    #[command(flatten)]
    output: OutputArgs,
}

/// What drift reports: the differences, and the `--iac` files that could not be parsed.
const DRIFT_CHECKS: [&str; 4] = [
    "drift-modified",
    "drift-deleted",
    "drift-unmanaged",
    "iac-parse-error",
];

#[cfg(feature = "live")]
fn live_options(a: &AccountArgs) -> cloudsentinel_live_aws::LiveOptions {
    cloudsentinel_live_aws::LiveOptions {
        regions: a.regions.clone(),
        profile: a.profile.clone(),
        role_arn: a.role_arn.clone(),
        endpoint_url: a.endpoint_url.clone(),
        concurrency: a.concurrency,
        services: a
            .services
            .iter()
            .filter_map(|s| cloudsentinel_live_aws::Service::parse(s))
            .collect(),
        progress: true,
        ..Default::default()
    }
}

#[cfg(feature = "live")]
fn analysis_options(
    config: Option<&Config>,
    only: Vec<String>,
    skip: Vec<String>,
) -> cloudsentinel_checks::AnalysisOptions {
    cloudsentinel_checks::AnalysisOptions {
        only,
        skip,
        suppression: config.map(|c| c.suppression).unwrap_or_default(),
        config: config.cloned().map(std::sync::Arc::new),
        ..Default::default()
    }
}

/// `scan --live aws`: every AWS check on the live account.
pub(crate) fn scan(cloud: Cloud, account: &AccountArgs, input: &InputArgs, out: &OutputArgs) -> u8 {
    let Cloud::Aws = cloud;
    let cwd = vec![PathBuf::from(".")];
    let config = match load_config_file(input.no_config, input.config.as_deref(), &cwd) {
        Ok(c) => c,
        Err(e) => return error(e),
    };
    for id in input.checks.iter().chain(&input.skip_checks) {
        if cloudsentinel_checks::registry::find(id).is_none() {
            return error(format!(
                "unknown check `{id}` (run `cloudsentinel checks` for the list)"
            ));
        }
    }
    let cfg = config.clone().unwrap_or_default();
    let only = if input.checks.is_empty() {
        cfg.only.clone()
    } else {
        input.checks.clone()
    };
    let skip = cfg.skip.iter().chain(&input.skip_checks).cloned().collect();
    scan_account(account, config, only, skip, out)
}

#[cfg(feature = "live")]
fn scan_account(
    account: &AccountArgs,
    config: Option<Config>,
    only: Vec<String>,
    skip: Vec<String>,
    out: &OutputArgs,
) -> u8 {
    let start = std::time::Instant::now();
    let read = match cloudsentinel_live_aws::read_blocking(&live_options(account)) {
        Ok(r) => r,
        Err(e) => return error(format!("cannot read the AWS account: {e}")),
    };
    let opts = analysis_options(config.as_ref(), only, skip);
    let resources = read.state.resource_count();
    let mut analysis = cloudsentinel_checks::analyze_state(
        cloudsentinel_model::SourceDb::default(),
        read.state,
        &opts,
    );
    analysis.live_resources = Some(resources);
    analysis.elapsed = start.elapsed();
    crate::report(analysis, config, out, None)
}

#[cfg(not(feature = "live"))]
fn scan_account(
    _: &AccountArgs,
    _: Option<Config>,
    _: Vec<String>,
    _: Vec<String>,
    _: &OutputArgs,
) -> u8 {
    error("this cloudsentinel was built without live support (the `live` feature)")
}

/// `drift`: declared versus live.
pub(crate) fn drift(args: DriftArgs) -> u8 {
    if args.output.diff_base.is_some() {
        return error("--diff-base applies to file scans, not to drift");
    }
    if args.tfstate.is_empty() && args.cfn_stacks.is_empty() && args.iac.is_empty() {
        return error("drift needs declared state: --tfstate, --cfn-stack or --iac");
    }
    for id in &args.checks {
        if !DRIFT_CHECKS.contains(&id.as_str()) {
            return error(format!(
                "--check {id}: drift reports only {}",
                DRIFT_CHECKS.join(", ")
            ));
        }
    }
    let start = args
        .iac
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let config = match load_config_file(args.no_config, args.config.as_deref(), &[start]) {
        Ok(c) => c,
        Err(e) => return error(e),
    };
    run_drift(&args, config)
}

#[cfg(feature = "live")]
fn run_drift(args: &DriftArgs, config: Option<Config>) -> u8 {
    use cloudsentinel_drift::IgnoreRule;
    let start = std::time::Instant::now();
    let mut tfstates = Vec::new();
    let mut tfstate_urls = Vec::new();
    for f in &args.tfstate {
        if let Some(url) = f.to_str().filter(|s| s.starts_with("s3://")) {
            tfstate_urls.push(url.to_string());
            continue;
        }
        match std::fs::read_to_string(f) {
            Ok(t) => tfstates.push((f.display().to_string(), t)),
            Err(e) => return error(format!("--tfstate {}: {e}", f.display())),
        }
    }
    let db = cloudsentinel_model::SourceDb::new();
    let iac = if args.iac.is_empty() {
        None
    } else {
        for p in &args.iac {
            if !p.exists() {
                return error(format!("--iac {}: no such file or directory", p.display()));
            }
        }
        Some(cloudsentinel_parser::load(
            &args.iac,
            &cloudsentinel_parser::LoadOptions::default(),
            &db,
        ))
    };
    let ignore = config
        .as_ref()
        .map(|c| {
            c.drift_ignore
                .iter()
                .map(|r| IgnoreRule {
                    resource_type: r.resource_type.clone(),
                    id: r.id.clone(),
                    attribute: r.attribute.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let req = cloudsentinel_live_aws::DriftRequest {
        live: live_options(&args.account),
        tfstates,
        tfstate_urls,
        stacks: args.cfn_stacks.clone(),
        iac,
        ignore,
    };
    // Reading goes through the AWS reader; matching and grading through the drift core.
    let outcome = match cloudsentinel_live_aws::drift(&req) {
        Ok(o) => o,
        Err(e) => return error(e),
    };
    let only = if args.checks.is_empty() {
        DRIFT_CHECKS
            .iter()
            .map(std::string::ToString::to_string)
            .collect()
    } else {
        args.checks.clone()
    };
    let opts = analysis_options(config.as_ref(), only, Vec::new());
    let mut analysis = cloudsentinel_checks::analyze_state(db, outcome.state, &opts);
    analysis.live_resources = Some(outcome.live.state.resource_count());
    analysis.elapsed = start.elapsed();
    crate::report(analysis, config, &args.output, None)
}

#[cfg(not(feature = "live"))]
fn run_drift(_: &DriftArgs, _: Option<Config>) -> u8 {
    error("this cloudsentinel was built without live support (the `live` feature)")
}

#[cfg(all(test, feature = "live"))]
mod tests {
    #[test]
    fn the_services_flag_takes_the_live_readers_service_names() {
        let names: Vec<&str> = cloudsentinel_live_aws::Service::ALL
            .iter()
            .map(|s| s.name())
            .collect();
        assert_eq!(names, super::SERVICES);
    }
}
