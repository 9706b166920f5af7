//! Live AWS readers: the account's resources read through List/Describe/Get (and BatchGet) calls into the
//! same [`State`] the IaC front-ends fill, every resource and value at
//! `Origin::Live { id: ARN, region }`, every resource in its account (and region).
//!
//! [`AwsReader`] is the AWS [`LiveReader`] the drift core compares with; [`drift()`] adds the
//! declared state only AWS holds (Terraform states in S3 backends, CloudFormation stacks).
//! Every AWS SDK dependency of the workspace lives in this crate.
//!
//! Services × regions run concurrently on a bounded pool; throttling and 5xx responses are
//! retried by the SDK's standard retry strategy (exponential backoff with jitter); a service
//! or region that fails is reported as an incomplete [`Notice`] and everything else is
//! delivered.

mod cfn;
mod cloudcontrol;
mod ec2;
mod iam;
mod others;
mod s3;

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use cloudsentinel_drift::{Declared, DriftOutcome, IgnoreRule, cfn::Stack};
pub use cloudsentinel_drift::{LiveRead, LiveReader, Unread};
use cloudsentinel_model::{Notice, Origin, Provider, ResourceMeta, State, Value};
use futures_util::StreamExt;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Counts one API call and sends it, mapping the error to a [`ReadError`]. Every operation
/// the readers perform goes through this macro or [`paged!`] (a test checks it), with the
/// IAM action it needs: the read-only IAM policy in docs/drift-iam-policy.json is exactly
/// the set of these actions.
macro_rules! call {
    ($ctx:expr, $action:literal, $builder:expr) => {{
        $ctx.count($action);
        $builder
            .send()
            .await
            .map_err(|e| $crate::ReadError::sdk($action, e))
    }};
}

/// Sends a paginated operation and collects its pages (each page counts as one call).
macro_rules! paged {
    ($ctx:expr, $action:literal, $builder:expr) => {{
        let mut stream = $builder.into_paginator().send();
        let mut pages = Vec::new();
        let mut failed = None;
        while let Some(page) = stream.next().await {
            $ctx.count($action);
            match page {
                Ok(p) => pages.push(p),
                Err(e) => {
                    failed = Some($crate::ReadError::sdk($action, e));
                    break;
                }
            }
        }
        match failed {
            Some(e) => Err(e),
            None => Ok(pages),
        }
    }};
}

pub(crate) use {call, paged};

/// An API call that failed.
#[derive(Debug, Clone)]
pub struct ReadError {
    /// The IAM action (`s3:ListAllMyBuckets`).
    pub action: &'static str,
    /// The service's error code (`AccessDenied`, `Throttling`, `NoSuchEntity`), if any.
    pub code: Option<String>,
    pub message: String,
}

impl ReadError {
    pub(crate) fn sdk<E>(
        action: &'static str,
        e: aws_sdk_sts::error::SdkError<E, aws_sdk_sts::config::http::HttpResponse>,
    ) -> ReadError
    where
        E: aws_sdk_sts::error::ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        use aws_sdk_sts::error::ProvideErrorMetadata;
        // Some answers use an error layout the service's parser does not expect (an EC2-style
        // `<Errors>` list from a query service): read the code and message off the body.
        let body = e
            .raw_response()
            .and_then(|r| r.body().bytes())
            .map(String::from_utf8_lossy)
            .unwrap_or_default();
        let code = e
            .code()
            .map(str::to_owned)
            .or_else(|| xml_element(&body, "Code"));
        let message = e
            .message()
            .map(str::to_owned)
            .or_else(|| xml_element(&body, "Message"));
        let message = match (message, e.raw_response()) {
            (Some(m), _) => m,
            (None, Some(r)) => format!("HTTP {} with no error details", r.status().as_u16()),
            (None, None) => {
                // No answer (no credentials, no network): the chain of causes, each once.
                let mut parts: Vec<String> = Vec::new();
                let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&e);
                while let Some(err) = cause {
                    let text = err.to_string();
                    if !parts.iter().any(|p| p.contains(&text)) {
                        parts.push(text);
                    }
                    cause = err.source();
                }
                let text = parts.join(": ");
                if text.contains("credentials") {
                    format!(
                        "{text} (set AWS credentials: environment variables, --profile, SSO, or an instance or container role)"
                    )
                } else {
                    text
                }
            }
        };
        ReadError {
            action,
            code,
            message,
        }
    }
    /// True when the service answered with this error code.
    pub fn is(&self, code: &str) -> bool {
        self.code.as_deref() == Some(code)
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.code {
            Some(c) => write!(f, "{}: {c}: {}", self.action, self.message),
            None => write!(f, "{}: {}", self.action, self.message),
        }
    }
}

/// The text of the first `<name>` element of an XML error body, CDATA unwrapped.
fn xml_element(body: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let start = body.find(&open)? + open.len();
    let len = body[start..].find(&format!("</{name}>"))?;
    let text = body[start..start + len].trim();
    let text = text
        .strip_prefix("<![CDATA[")
        .and_then(|t| t.strip_suffix("]]>"))
        .unwrap_or(text)
        .trim();
    (!text.is_empty()).then(|| text.to_string())
}

pub(crate) type Result<T> = std::result::Result<T, ReadError>;

/// API calls made, by IAM action.
#[derive(Debug, Default)]
pub struct Calls(Mutex<BTreeMap<&'static str, u64>>);

impl Calls {
    fn add(&self, action: &'static str) {
        if let Ok(mut m) = self.0.lock() {
            *m.entry(action).or_default() += 1;
        }
    }
    /// A snapshot: action → number of calls.
    pub fn snapshot(&self) -> BTreeMap<&'static str, u64> {
        self.0.lock().map(|m| m.clone()).unwrap_or_default()
    }
}

/// What a reader needs: where it reads and who it counts calls for.
#[derive(Clone)]
pub(crate) struct Ctx {
    pub region: Option<String>,
    pub account: String,
    pub partition: String,
    pub calls: Arc<Calls>,
    /// Seconds since the Unix epoch when the scan started (for key ages).
    pub now_secs: i64,
    /// ARNs of resources AWS created itself (default VPCs, subnets, network ACLs and
    /// security groups; service-linked roles).
    pub aws_created: Arc<Mutex<std::collections::BTreeSet<String>>>,
}

impl Ctx {
    pub fn count(&self, action: &'static str) {
        self.calls.add(action);
    }
    pub fn aws_created(&self, arn: &str) {
        if let Ok(mut s) = self.aws_created.lock() {
            s.insert(arn.to_string());
        }
    }
    pub fn region(&self) -> &str {
        self.region.as_deref().unwrap_or("")
    }
    pub fn origin(&self, arn: &str) -> Origin {
        Origin::Live {
            id: arn.to_string(),
            region: self.region.clone(),
        }
    }
    /// The resource `arn`, in the account read and, unless IAM's (global), in the region
    /// read.
    pub fn resource(&self, arn: &str) -> ResourceMeta {
        self.resource_at(arn, arn)
    }
    /// A resource known by `address` and located at `arn` (an inline policy at its owner).
    pub fn resource_at(&self, address: &str, arn: &str) -> ResourceMeta {
        let meta =
            ResourceMeta::new(Provider::Aws, address, self.origin(arn)).in_account(&self.account);
        match &self.region {
            Some(r) if arn.split(':').nth(2) != Some("iam") => meta.in_region(r),
            _ => meta,
        }
    }
    /// A value read live: explicit when the API returned it, Unknown when it did not.
    pub fn val<T>(&self, arn: &str, v: Option<T>) -> Value<T> {
        match v {
            Some(v) => Value::explicit(v, self.origin(arn)),
            None => Value::unknown(self.origin(arn)),
        }
    }
    /// `arn:<partition>:<service>:<region>:<account>:<resource>`.
    pub fn arn(&self, service: &str, resource: &str) -> String {
        format!(
            "arn:{}:{service}:{}:{}:{resource}",
            self.partition,
            self.region(),
            self.account
        )
    }
    pub fn with_region(&self, region: &str) -> Ctx {
        Ctx {
            region: Some(region.to_string()),
            ..self.clone()
        }
    }
}

/// The services read live. IAM and S3 are read once per account; the others per region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Service {
    Iam,
    S3,
    Ec2,
    Rds,
    CloudTrail,
    Kms,
    Elb,
    Lambda,
    Eks,
    Efs,
    Sqs,
    Sns,
    DynamoDb,
    Ecr,
    CodeBuild,
    Glacier,
    Acm,
    /// DAX clusters (the model holds them with DynamoDB).
    Dax,
    Emr,
    /// Glue security configurations and Data Catalog encryption settings.
    Glue,
    /// AWS Config recorders and whether they record.
    Config,
    /// API Gateway REST API methods (Cloud Control cannot list `AWS::ApiGateway::Method`).
    ApiGateway,
    /// SSM documents the account owns, with whether they are shared publicly (SSM parameters
    /// are read through Cloud Control).
    Ssm,
    /// The kinds no service above covers, through AWS Cloud Control (see
    /// [`Service::cloud_control_types`]).
    CloudControl,
}

impl Service {
    pub const ALL: [Service; 24] = [
        Service::Iam,
        Service::S3,
        Service::Ec2,
        Service::Rds,
        Service::CloudTrail,
        Service::Kms,
        Service::Elb,
        Service::Lambda,
        Service::Eks,
        Service::Efs,
        Service::Sqs,
        Service::Sns,
        Service::DynamoDb,
        Service::Ecr,
        Service::CodeBuild,
        Service::Glacier,
        Service::Acm,
        Service::Dax,
        Service::Emr,
        Service::Glue,
        Service::Config,
        Service::ApiGateway,
        Service::Ssm,
        Service::CloudControl,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Service::Iam => "iam",
            Service::S3 => "s3",
            Service::Ec2 => "ec2",
            Service::Rds => "rds",
            Service::CloudTrail => "cloudtrail",
            Service::Kms => "kms",
            Service::Elb => "elbv2",
            Service::Lambda => "lambda",
            Service::Eks => "eks",
            Service::Efs => "efs",
            Service::Sqs => "sqs",
            Service::Sns => "sns",
            Service::DynamoDb => "dynamodb",
            Service::Ecr => "ecr",
            Service::CodeBuild => "codebuild",
            Service::Glacier => "glacier",
            Service::Acm => "acm",
            Service::Dax => "dax",
            Service::Emr => "emr",
            Service::Glue => "glue",
            Service::Config => "config",
            Service::ApiGateway => "apigateway",
            Service::Ssm => "ssm",
            Service::CloudControl => "cloudcontrol",
        }
    }
    pub fn parse(s: &str) -> Option<Service> {
        Service::ALL
            .into_iter()
            .find(|v| v.name().eq_ignore_ascii_case(s))
    }
    /// The model's service modules holding what this service reads (`elbv2` → `elb`, `dax`
    /// → `dynamodb`; Cloud Control: the services of its types).
    pub fn model_services(self) -> Vec<&'static str> {
        match self {
            Service::Elb => vec!["elb"],
            Service::Dax => vec!["dynamodb"],
            Service::CloudControl => cloudcontrol::services(),
            other => vec![other.name()],
        }
    }
    /// The CloudFormation types read through Cloud Control, with the model service each
    /// fills (`AWS::Kinesis::Stream`, `kinesis`).
    pub fn cloud_control_types() -> Vec<(&'static str, &'static str)> {
        cloudcontrol::TYPES
            .iter()
            .map(|t| (t.type_name, t.service))
            .collect()
    }
    fn is_global(self) -> bool {
        matches!(self, Service::Iam | Service::S3)
    }
}

/// How to reach the account.
#[derive(Debug, Clone, Default)]
pub struct LiveOptions {
    /// Regions to read; empty: every region enabled for the account (DescribeRegions).
    pub regions: Vec<String>,
    /// A named profile of the shared config and credentials files.
    pub profile: Option<String>,
    /// A role to assume (with the credentials of the chain or profile) before reading.
    pub role_arn: Option<String>,
    /// An endpoint for every service (an emulator such as moto); `AWS_ENDPOINT_URL` is
    /// honoured too.
    pub endpoint_url: Option<String>,
    /// Static credentials (access key id, secret), for emulators; otherwise the standard
    /// credential chain.
    pub static_credentials: Option<(String, String)>,
    /// Services to read; empty: all.
    pub services: Vec<Service>,
    /// At most this many service × region reads at once (0: 8).
    pub concurrency: usize,
    /// Maximum attempts per call, retries included (0: 5).
    pub max_attempts: u32,
    /// Show a progress bar on standard error (only when it is a terminal).
    pub progress: bool,
}

/// Clients share one loaded configuration; per-region configurations derive from it.
pub(crate) struct Clients {
    base: SdkConfig,
    path_style: bool,
}

impl Clients {
    pub fn config(&self, region: &str) -> SdkConfig {
        self.base
            .to_builder()
            .region(Region::new(region.to_string()))
            .build()
    }
    pub fn s3(&self, region: &str) -> aws_sdk_s3::Client {
        let conf = aws_sdk_s3::config::Builder::from(&self.config(region))
            .force_path_style(self.path_style)
            .build();
        aws_sdk_s3::Client::from_conf(conf)
    }
    /// S3 Control, for the account's settings. Its endpoint rules put the account id in
    /// front of the host (`ACCOUNT.s3-control…`); an emulator serves every service at the one
    /// address given, so there it is asked at that address as it is.
    pub fn s3control(&self, region: &str) -> aws_sdk_s3control::Client {
        let conf = self.config(region);
        let mut builder = aws_sdk_s3control::config::Builder::from(&conf);
        if let Some(url) = conf.endpoint_url().filter(|_| self.path_style) {
            builder = builder.endpoint_resolver(EmulatorEndpoint(url.to_string()));
        }
        aws_sdk_s3control::Client::from_conf(builder.build())
    }
}

/// One endpoint for S3 Control: an emulator's.
#[derive(Debug)]
struct EmulatorEndpoint(String);

impl aws_sdk_s3control::config::endpoint::ResolveEndpoint for EmulatorEndpoint {
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

/// Loads the SDK configuration: the standard chain (or a profile, or static credentials),
/// an optional role to assume, standard retries with backoff and jitter.
pub(crate) async fn load_clients(opts: &LiveOptions) -> Clients {
    let attempts = if opts.max_attempts == 0 {
        5
    } else {
        opts.max_attempts
    };
    let mut loader = aws_config::defaults(BehaviorVersion::latest()).retry_config(
        RetryConfig::standard()
            .with_max_attempts(attempts)
            .with_initial_backoff(Duration::from_millis(200))
            .with_max_backoff(Duration::from_secs(20)),
    );
    if let Some(p) = &opts.profile {
        loader = loader.profile_name(p);
    }
    if let Some(url) = &opts.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    if let Some((id, secret)) = &opts.static_credentials {
        loader = loader.credentials_provider(aws_credential_types::Credentials::new(
            id.clone(),
            secret.clone(),
            None,
            None,
            "static",
        ));
    }
    let first_region = opts.regions.first().cloned();
    if let Some(r) = &first_region {
        loader = loader.region(Region::new(r.clone()));
    }
    let mut base = loader.load().await;
    if base.region().is_none() {
        base = base.to_builder().region(Region::new("us-east-1")).build();
    }
    if let Some(role) = &opts.role_arn {
        let mut provider = aws_config::sts::AssumeRoleProvider::builder(role)
            .session_name("cloudsentinel-drift")
            .configure(&base);
        if let Some(r) = base.region() {
            provider = provider.region(r.clone());
        }
        let provider = provider.build().await;
        base = base
            .to_builder()
            .credentials_provider(
                aws_credential_types::provider::SharedCredentialsProvider::new(provider),
            )
            .build();
    }
    let path_style = opts.endpoint_url.is_some() || std::env::var_os("AWS_ENDPOINT_URL").is_some();
    Clients { base, path_style }
}

/// What one service × region task read, and the parts of it that failed (model service,
/// message) while the rest was delivered.
type Partial = (State, Vec<(&'static str, String)>);

// Not `Send`: the tasks run concurrently inside one future (the work is network-bound).
type Task = Pin<Box<dyn Future<Output = (Service, Option<String>, Result<Partial>)>>>;

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A connection to one account: clients, identity and the regions to read.
pub struct Session {
    pub(crate) clients: Arc<Clients>,
    pub(crate) ctx: Ctx,
    pub regions: Vec<String>,
}

impl Session {
    pub fn account(&self) -> &str {
        &self.ctx.account
    }
    /// Reads a CloudFormation stack in the session's home region.
    pub async fn stack(&self, name: &str) -> std::result::Result<Stack, ReadError> {
        crate::cfn::read(&self.clients, &self.ctx, name).await
    }
    /// Reads an object from S3 (a Terraform state in an S3 backend).
    pub async fn s3_object(
        &self,
        bucket: &str,
        key: &str,
    ) -> std::result::Result<String, ReadError> {
        s3::state_object(&self.clients, &self.ctx, bucket, key).await
    }
    /// API calls so far, by IAM action.
    pub fn calls(&self) -> BTreeMap<&'static str, u64> {
        self.ctx.calls.snapshot()
    }
}

/// Connects: loads credentials, identifies the account (GetCallerIdentity) and lists the
/// enabled regions unless they were given. Fails when the account cannot be identified
/// (no credentials, no network).
pub async fn connect(opts: &LiveOptions) -> std::result::Result<Session, ReadError> {
    let clients = Arc::new(load_clients(opts).await);
    let base_region = clients
        .base
        .region()
        .map_or_else(|| "us-east-1".into(), std::string::ToString::to_string);
    let sts = aws_sdk_sts::Client::new(&clients.config(&base_region));
    let mut ctx = Ctx {
        region: Some(base_region.clone()),
        account: String::new(),
        partition: "aws".into(),
        calls: Arc::new(Calls::default()),
        now_secs: now_secs(),
        aws_created: Arc::default(),
    };
    let me = call!(ctx, "sts:GetCallerIdentity", sts.get_caller_identity())?;
    ctx.account = me.account().unwrap_or_default().to_string();
    if let Some(p) = me.arn().and_then(|a| a.split(':').nth(1)) {
        ctx.partition = p.to_string();
    }
    let regions = if opts.regions.is_empty() {
        let ec2 = aws_sdk_ec2::Client::new(&clients.config(&base_region));
        let out = call!(ctx, "ec2:DescribeRegions", ec2.describe_regions())?;
        let mut r: Vec<String> = out
            .regions()
            .iter()
            .filter_map(|r| r.region_name().map(str::to_owned))
            .collect();
        r.sort();
        r
    } else {
        opts.regions.clone()
    };
    Ok(Session {
        clients,
        ctx,
        regions,
    })
}

/// Connects and reads the account (see [`connect`] and [`read_session`]).
pub async fn read(opts: &LiveOptions) -> std::result::Result<LiveRead, ReadError> {
    let session = connect(opts).await?;
    Ok(read_session(&session, opts).await)
}

/// Reads every selected service in every region of the session; failures become
/// incomplete notices.
pub async fn read_session(session: &Session, opts: &LiveOptions) -> LiveRead {
    let clients = session.clients.clone();
    let ctx = session.ctx.clone();
    let calls = ctx.calls.clone();
    let regions = session.regions.clone();
    let services: Vec<Service> = if opts.services.is_empty() {
        Service::ALL.to_vec()
    } else {
        opts.services.clone()
    };
    let mut tasks: Vec<Task> = Vec::new();
    for &svc in &services {
        if svc.is_global() {
            let (clients, ctx, regions) = (clients.clone(), ctx.clone(), regions.clone());
            tasks.push(Box::pin(async move {
                let r = match svc {
                    Service::Iam => iam::read(&clients, &ctx).await,
                    _ => s3::read(&clients, &ctx, &regions).await,
                };
                (svc, None, r.map(|s| (s, Vec::new())))
            }));
        } else {
            // Global Cloud Control types (CloudFront) are read in us-east-1, or in the first
            // region when it is not read.
            let home = regions
                .iter()
                .find(|r| *r == "us-east-1")
                .or(regions.first())
                .cloned();
            for region in &regions {
                let (clients, ctx) = (clients.clone(), ctx.with_region(region));
                let is_home = home.as_deref() == Some(region.as_str());
                tasks.push(Box::pin(async move {
                    let conf = clients.config(ctx.region());
                    let r = match svc {
                        Service::Ec2 => ec2::read(&conf, &ctx).await.map(|s| (s, Vec::new())),
                        Service::CloudControl => {
                            let types: Vec<&cloudcontrol::CcType> = cloudcontrol::TYPES
                                .iter()
                                .filter(|t| is_home || !t.global)
                                .collect();
                            let r = cloudcontrol::read(&conf, &ctx, &types).await;
                            Ok((r.state, r.failed))
                        }
                        other => others::read(other, &conf, &ctx)
                            .await
                            .map(|s| (s, Vec::new())),
                    };
                    (svc, ctx.region.clone(), r)
                }));
            }
        }
    }
    let bar = progress_bar(opts.progress, tasks.len() as u64);
    let concurrency = if opts.concurrency == 0 {
        8
    } else {
        opts.concurrency
    };
    let mut results: Vec<(Service, Option<String>, Result<Partial>)> =
        futures_util::stream::iter(tasks)
            .buffer_unordered(concurrency)
            .inspect(|(svc, region, _)| {
                if let Some(b) = &bar {
                    b.set_message(format!(
                        "{} {}",
                        svc.name(),
                        region.as_deref().unwrap_or("")
                    ));
                    b.inc(1);
                }
            })
            .collect()
            .await;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    // Deterministic order whatever finished first.
    results.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let mut read = LiveRead {
        account: ctx.account.clone(),
        regions,
        ..LiveRead::default()
    };
    for (svc, region, r) in results {
        match r {
            Ok((s, failed)) => {
                read.state.extend(s);
                for (service, message) in failed {
                    let msg = format!(
                        "incomplete: {message}{}",
                        region
                            .as_ref()
                            .map(|r| format!(" (in {r})"))
                            .unwrap_or_default()
                    );
                    read.state.notices.push(Notice {
                        location: None,
                        message: msg.clone(),
                    });
                    read.incomplete.push(msg);
                    read.unread.push(Unread {
                        service,
                        region: region.clone(),
                    });
                }
            }
            Err(e) => {
                let msg = format!(
                    "incomplete: {} {}could not be read: {e}",
                    svc.name(),
                    region
                        .as_ref()
                        .map(|r| format!("in {r} "))
                        .unwrap_or_default()
                );
                read.state.notices.push(Notice {
                    location: None,
                    message: msg.clone(),
                });
                read.incomplete.push(msg);
                for service in svc.model_services() {
                    read.unread.push(Unread {
                        service,
                        region: region.clone(),
                    });
                }
            }
        }
    }
    read.calls = calls.snapshot();
    read.provider_created = ctx
        .aws_created
        .lock()
        .map(|s| s.clone())
        .unwrap_or_default();
    read
}

fn progress_bar(wanted: bool, len: u64) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !wanted || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} reading AWS [{bar:30}] {pos}/{len} {msg}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    Some(bar)
}

/// A runtime for synchronous callers.
pub fn runtime() -> std::result::Result<tokio::runtime::Runtime, ReadError> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| ReadError {
            action: "runtime",
            code: None,
            message: e.to_string(),
        })
}

/// Reads the account on a new runtime (for synchronous callers).
pub fn read_blocking(opts: &LiveOptions) -> std::result::Result<LiveRead, ReadError> {
    AwsReader::connect(opts).map(|reader| reader.read())
}

/// The AWS [`LiveReader`]: a connected session and its own runtime, for synchronous
/// callers (not to be used from inside an async runtime).
pub struct AwsReader {
    runtime: tokio::runtime::Runtime,
    session: Session,
    opts: LiveOptions,
}

impl AwsReader {
    /// Connects (see [`connect`]).
    pub fn connect(opts: &LiveOptions) -> std::result::Result<AwsReader, ReadError> {
        let runtime = runtime()?;
        let session = runtime.block_on(connect(opts))?;
        Ok(AwsReader {
            runtime,
            session,
            opts: opts.clone(),
        })
    }
    pub fn session(&self) -> &Session {
        &self.session
    }
    /// Reads a CloudFormation stack in the session's home region.
    pub fn stack(&self, name: &str) -> std::result::Result<Stack, ReadError> {
        self.runtime.block_on(self.session.stack(name))
    }
    /// Reads an object from S3 (a Terraform state in an S3 backend).
    pub fn s3_object(&self, bucket: &str, key: &str) -> std::result::Result<String, ReadError> {
        self.runtime.block_on(self.session.s3_object(bucket, key))
    }
}

impl LiveReader for AwsReader {
    fn provider(&self) -> Provider {
        Provider::Aws
    }
    fn read(&self) -> LiveRead {
        self.runtime
            .block_on(read_session(&self.session, &self.opts))
    }
}

/// What `cloudsentinel drift` compares with a live AWS account.
#[derive(Debug, Clone, Default)]
pub struct DriftRequest {
    pub live: LiveOptions,
    /// Terraform state files: (name for messages, text).
    pub tfstates: Vec<(String, String)>,
    /// Terraform states in an S3 backend: `s3://bucket/key`.
    pub tfstate_urls: Vec<String>,
    /// CloudFormation stack names.
    pub stacks: Vec<String>,
    /// The static model of an IaC project (matched by name).
    pub iac: Option<State>,
    pub ignore: Vec<IgnoreRule>,
}

/// Gathers the declared state (state files, S3 backends, stacks), reads the account and
/// compares them with the drift core. Fails, before reading the account, on declared state
/// that cannot be read.
pub fn drift(req: &DriftRequest) -> std::result::Result<DriftOutcome, String> {
    let mut declared = Declared::default();
    for (name, text) in &req.tfstates {
        declared.add_tfstate(name, text)?;
    }
    let reader = AwsReader::connect(&req.live).map_err(|e| e.to_string())?;
    for url in &req.tfstate_urls {
        let Some((bucket, key)) = url.strip_prefix("s3://").and_then(|r| r.split_once('/')) else {
            return Err(format!("{url}: expected s3://BUCKET/KEY"));
        };
        let text = reader
            .s3_object(bucket, key)
            .map_err(|e| format!("{url}: {e}"))?;
        declared.add_tfstate(url, &text)?;
    }
    for name in &req.stacks {
        let stack = reader
            .stack(name)
            .map_err(|e| format!("stack {name}: {e}"))?;
        declared.add_stack(&stack);
    }
    let req = cloudsentinel_drift::DriftRequest {
        declared,
        iac: req.iac.clone(),
        ignore: req.ignore.clone(),
    };
    Ok(cloudsentinel_drift::drift(req, &reader))
}

/// IAM policy documents come URL-encoded from the IAM API.
pub(crate) fn url_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(h) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(h);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn error_codes_from_unexpected_layouts() {
        let body = "<ErrorResponse><Errors><Error><Code>AccessDenied</Code>\n<Message><![CDATA[User: x is not authorized]]></Message></Error></Errors></ErrorResponse>";
        assert_eq!(xml_element(body, "Code").as_deref(), Some("AccessDenied"));
        assert_eq!(
            xml_element(body, "Message").as_deref(),
            Some("User: x is not authorized")
        );
        assert_eq!(xml_element("<Code></Code>", "Code"), None);
        assert_eq!(xml_element("not xml", "Code"), None);
    }

    #[test]
    fn live_resources_carry_their_account_and_region_except_global_iam() {
        let ctx = Ctx {
            region: Some("eu-west-1".into()),
            account: "123456789012".into(),
            partition: "aws".into(),
            calls: Arc::default(),
            now_secs: 0,
            aws_created: Arc::default(),
        };
        let queue = ctx.resource(&ctx.arn("sqs", "jobs"));
        assert_eq!(queue.provider, Some(Provider::Aws));
        assert_eq!(queue.account.as_deref(), Some("123456789012"));
        assert_eq!(queue.region.as_deref(), Some("eu-west-1"));
        let user = ctx.resource("arn:aws:iam::123456789012:user/alice");
        assert_eq!(user.account.as_deref(), Some("123456789012"));
        assert_eq!(user.region, None);
    }

    #[test]
    fn every_service_read_is_a_service_drift_compares() {
        // An unread service must name the model's service module, or drift would report
        // the resources it could not read as deleted.
        for s in Service::ALL {
            for service in s.model_services() {
                assert!(
                    cloudsentinel_drift::kind::all()
                        .any(|k| k.provider == Provider::Aws && k.service == service),
                    "{s:?} {service}"
                );
            }
        }
    }

    #[test]
    fn url_decoding() {
        assert_eq!(
            super::url_decode("%7B%22Version%22%3A%222012-10-17%22%7D"),
            "{\"Version\":\"2012-10-17\"}"
        );
        assert_eq!(super::url_decode("{\"a\": 1}"), "{\"a\": 1}");
        assert_eq!(super::url_decode("100%"), "100%");
    }
}
