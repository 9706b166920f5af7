//! The `cloudsentinel` command line: argument parsing, commands and exit codes. All analysis
//! goes through [`cloudsentinel_checks::analyze`], the entry point the language server and
//! the tests share.

mod baseline;
mod diffbase;
mod live;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use cloudsentinel_checks::config::{self, Config, Threshold};
use cloudsentinel_checks::emit::{self, EmitOptions, OutputFormat};
use cloudsentinel_checks::{Severity, analyze, docs, options, registry};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code: no unsuppressed finding at or above the threshold.
pub const EXIT_OK: u8 = 0;
/// Exit code: findings at or above the threshold.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage, configuration or I/O error.
pub const EXIT_ERROR: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "cloudsentinel",
    version,
    about = "Security analyzer for infrastructure-as-code",
    // `long_about` is built at run time from the registered front-ends: see `long_about`.
    propagate_version = true,
    // A later flag wins over an earlier one: the pre-commit hook's own `--fail-on low` is
    // overridden by `args: [--fail-on, high]` in the user's configuration.
    args_override_self = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Scan files and directories for security misconfigurations.
    #[command(args_override_self = true)]
    Scan(ScanArgs),
    /// Compare declared state (Terraform state, CloudFormation stacks, IaC) with the live
    /// AWS account: drift-modified, drift-deleted and drift-unmanaged findings.
    #[command(args_override_self = true)]
    Drift(live::DriftArgs),
    /// List the checks, or explain one.
    Checks(ChecksArgs),
    /// Record the current findings so later scans report only new ones.
    Baseline(BaselineArgs),
    /// Run the language server (LSP 3.17 over standard input and output) for editors.
    Lsp(LspArgs),
}

#[derive(Args, Debug)]
struct LspArgs {
    /// Talk over standard input and output (the only transport; accepted for clients that
    /// pass it).
    #[arg(long)]
    stdio: bool,
}

#[derive(Args, Debug)]
struct BaselineArgs {
    #[command(subcommand)]
    command: BaselineCommand,
}

#[derive(Subcommand, Debug)]
enum BaselineCommand {
    /// Scan and write every unsuppressed finding to a baseline file.
    Create {
        #[command(flatten)]
        input: InputArgs,
        /// Where to write the baseline.
        #[arg(long, short = 'o', value_name = "FILE", default_value = baseline::DEFAULT_FILE)]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum FormatArg {
    /// Findings grouped by file with the offending lines underlined.
    Text,
    /// Machine-readable JSON (`"version": 1`, see docs/json-output.md).
    Json,
    /// SARIF 2.1.0 for code-scanning services.
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// JUnit XML, one failing test case per finding.
    Junit,
    /// CSV, one row per finding.
    Csv,
    /// Markdown for a pull-request comment.
    Markdown,
    /// GitLab Code Quality JSON.
    Gitlab,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum FailOn {
    Critical,
    High,
    Medium,
    Low,
    /// Never fail because of findings.
    None,
}

/// What to analyse: shared by `scan` and `baseline create`.
#[derive(Args, Debug)]
struct InputArgs {
    /// Files or directories to scan [default: the current directory].
    paths: Vec<PathBuf>,
    /// Run only these checks (IDs or aliases; repeat or separate with commas).
    #[arg(long = "check", value_name = "ID", value_delimiter = ',')]
    checks: Vec<String>,
    /// Do not run these checks (IDs or aliases; repeat or separate with commas).
    #[arg(long = "skip-check", value_name = "ID", value_delimiter = ',')]
    skip_checks: Vec<String>,
    /// Also run checks in preview: new checks that may still change (`cloudsentinel checks`
    /// marks them). A preview check named with --check runs without this flag.
    #[arg(long)]
    preview: bool,
    /// Terraform variable file (like `terraform plan -var-file`); repeatable, later wins.
    #[arg(long = "var-file", value_name = "FILE")]
    var_files: Vec<PathBuf>,
    /// Terraform variable `NAME=VALUE` (like `terraform plan -var`); repeatable, beats files.
    #[arg(long = "var", value_name = "NAME=VALUE")]
    vars: Vec<String>,
    /// CloudFormation parameter file: `[{"ParameterKey": …, "ParameterValue": …}]` JSON,
    /// `{"Parameters": {…}}`, or `Key=Value` lines; repeatable, later wins.
    #[arg(long = "cfn-parameters", value_name = "FILE")]
    cfn_parameters: Vec<PathBuf>,
    /// ARM parameters file (`deploymentParameters.json`), applied to every ARM template
    /// instead of the `<template>.parameters.json` beside it; repeatable, later wins.
    #[arg(long = "arm-parameters", value_name = "FILE")]
    arm_parameters: Vec<PathBuf>,
    /// Terraform workspace, the value of `terraform.workspace` [default: the one a root
    /// module's `.terraform/environment` selects, else `default`].
    #[arg(long, value_name = "NAME", env = "TF_WORKSPACE")]
    workspace: Option<String>,
    /// Directory of the Terraform configuration a plan JSON (`terraform show -json`) was made
    /// from: findings in the plan point at its `.tf` files [default: the plan's directory,
    /// when it holds `.tf` files].
    #[arg(long = "plan-config", value_name = "DIR")]
    plan_config: Option<PathBuf>,
    /// Files larger than this many bytes (at least 1) are reported as not scanned
    /// [default: 10485760, 10 MiB].
    #[arg(
        long,
        value_name = "BYTES",
        default_value_t = cloudsentinel_parser::DEFAULT_MAX_FILE_SIZE,
        hide_default_value = true,
        value_parser = parse_max_file_size
    )]
    max_file_size: u64,
    /// Configuration file [default: the nearest .cloudsentinel.yaml at or above the first path].
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore any .cloudsentinel.yaml.
    #[arg(long)]
    no_config: bool,
    /// Scan paths the configuration's `exclude` patterns name (the rest of the configuration
    /// still applies; .gitignore is still respected).
    #[arg(long)]
    no_exclude: bool,
    /// Fail the scan (exit code 1) when an inline suppression names an unknown check or
    /// suppresses nothing; without it these are warnings (config: `suppressions.strict`).
    #[arg(long)]
    strict_suppressions: bool,
    /// Download remote Terraform modules (registry, git, HTTP archives) that neither
    /// `.terraform/modules` nor the module cache holds, into the module cache (config:
    /// `terraform.download-modules`). Without it a scan makes no network call.
    #[arg(long, conflicts_with = "offline")]
    download_modules: bool,
    /// Make no network call even if the configuration enables module downloads; modules
    /// already in the module cache are still used.
    #[arg(long)]
    offline: bool,
    /// The module cache directory [default: $XDG_CACHE_HOME/cloudsentinel/modules, else
    /// ~/.cache/cloudsentinel/modules] (config: `terraform.module-cache`).
    #[arg(long, value_name = "DIR")]
    module_cache: Option<PathBuf>,
    /// Seconds one module download request may take, and a git transfer may stall
    /// [default: 60].
    #[arg(long, value_name = "SECONDS", value_parser = parse_timeout)]
    download_timeout: Option<std::time::Duration>,
}

fn parse_timeout(s: &str) -> Result<std::time::Duration, String> {
    match s.trim().parse::<f64>() {
        Ok(secs) if secs > 0.0 && secs <= 86_400.0 => Ok(std::time::Duration::from_secs_f64(secs)),
        _ => Err(format!(
            "expected a number of seconds greater than 0 and at most 86400, got `{s}`"
        )),
    }
}

/// How remote modules are resolved: flags win over the configuration.
fn module_settings(input: &InputArgs, config: Option<&Config>) -> cloudsentinel_fetch::Settings {
    cloudsentinel_fetch::Settings {
        download: input.download_modules || config.is_some_and(|c| c.download_modules),
        offline: input.offline,
        cache_dir: input
            .module_cache
            .clone()
            .or_else(|| config.and_then(|c| c.module_cache.clone())),
        timeout: input
            .download_timeout
            .unwrap_or(cloudsentinel_fetch::DEFAULT_TIMEOUT),
        ..cloudsentinel_fetch::Settings::default()
    }
}

#[derive(Args, Debug)]
struct ScanArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Scan a live cloud account instead of files: every AWS check runs on the resources
    /// read through List/Describe/Get calls (see docs/drift-iam-policy.json).
    #[arg(long, value_enum, value_name = "CLOUD")]
    live: Option<live::Cloud>,
    #[command(flatten)]
    account: live::AccountArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// How findings are reported: shared by `scan` and `drift`.
#[derive(Args, Debug)]
pub(crate) struct OutputArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    format: FormatArg,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Exit with code 1 when an unsuppressed finding has at least this severity
    /// [default: the configuration's `fail-on`, else low]; the last one given wins.
    #[arg(long, value_enum, value_name = "SEVERITY", overrides_with = "fail_on")]
    fail_on: Option<FailOn>,
    /// Report only findings that are not in this baseline file (see `cloudsentinel baseline`).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Report only findings on lines or resources changed since this git ref (pull requests;
    /// file scans only).
    #[arg(long, value_name = "GIT_REF")]
    diff_base: Option<String>,
    /// Print only the summary line (text format).
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Also show suppressed findings in text output.
    #[arg(long)]
    show_suppressed: bool,
    /// Disable colours (also: the NO_COLOR environment variable).
    #[arg(long)]
    no_color: bool,
    /// Markdown: link locations to URL/PATH#LLINE, PATH relative to the current directory
    /// (e.g. https://github.com/ORG/REPO/blob/COMMIT) [default: from the CI environment of
    /// GitHub Actions or GitLab CI, else no source links].
    #[arg(long, value_name = "URL")]
    link_base: Option<String>,
}

#[derive(Args, Debug)]
struct ChecksArgs {
    #[command(subcommand)]
    command: Option<ChecksCommand>,
}

#[derive(Subcommand, Debug)]
enum ChecksCommand {
    /// List every check with its severity and title (the default).
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print a check's documentation: what it flags, why, how to fix, examples.
    Explain {
        /// Check ID or alias.
        id: String,
    },
    /// Scaffold a new check in a CloudSentinel source checkout (for contributors): the check
    /// file, its bad and good example files, and its registration. See CONTRIBUTING.md.
    New {
        /// PROVIDER/SERVICE/NAME, e.g. `aws/s3/no_object_lock` (ID `aws-s3-no-object-lock`).
        spec: String,
        /// The root of the CloudSentinel source checkout.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// The long description of `cloudsentinel --help`, naming the formats of `frontends` (the
/// registered front-ends' names), so it stays true as formats are added.
pub fn long_about(frontends: &[&str]) -> String {
    let formats = match frontends {
        [] => "infrastructure-as-code".to_string(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    format!(
        "CloudSentinel reads {formats}, lowers every resource into one typed cloud model and \
         runs one shared set of security checks on it.\n\n\
         Exit codes: 0 no unsuppressed finding at or above --fail-on; 1 findings; 2 usage, \
         configuration or I/O error."
    )
}

fn parse_max_file_size(s: &str) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(0) => Err(format!(
            "the limit must be between 1 and {} bytes (the default is {} bytes, 10 MiB)",
            u64::MAX,
            cloudsentinel_parser::DEFAULT_MAX_FILE_SIZE
        )),
        Ok(n) => Ok(n),
        Err(_) => Err(format!(
            "expected a number of bytes between 1 and {}, got `{s}`",
            u64::MAX
        )),
    }
}

/// Parses `std::env::args` and runs the command.
pub fn main() -> ExitCode {
    let names: Vec<&str> = cloudsentinel_parser::frontends::built_in()
        .iter()
        .map(|f| f.name())
        .collect();
    let parsed = Cli::command()
        .long_about(long_about(&names))
        .try_get_matches()
        .and_then(|mut m| {
            Cli::from_arg_matches_mut(&mut m).map_err(|e| e.format(&mut Cli::command()))
        });
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_ERROR } else { EXIT_OK });
        }
    };
    let code = match cli.command {
        Command::Scan(args) => scan(args),
        Command::Drift(args) => live::drift(args),
        Command::Checks(args) => checks(args),
        Command::Baseline(BaselineArgs {
            command: BaselineCommand::Create { input, output },
        }) => create_baseline(&input, &output),
        Command::Lsp(_) => match cloudsentinel_lsp::run_stdio() {
            Ok(code) => code,
            Err(e) => error(format!("language server: {e}")),
        },
    };
    ExitCode::from(code)
}

pub(crate) fn error(msg: impl std::fmt::Display) -> u8 {
    let mut err = anstream::stderr();
    let style = anstyle::Style::new()
        .fg_color(Some(anstyle::AnsiColor::Red.into()))
        .bold();
    let _ = writeln!(err, "{style}error{style:#}: {msg}");
    EXIT_ERROR
}

fn parse_var(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(format!("--var expects NAME=VALUE, got `{s}`")),
    }
}

/// Reads the configuration named by `--config`, or the nearest one.
fn load_config(input: &InputArgs, paths: &[PathBuf]) -> Result<Option<Config>, String> {
    load_config_file(input.no_config, input.config.as_deref(), paths)
}

/// Reads the configuration named by `config`, or the nearest one at or above `paths[0]`.
pub(crate) fn load_config_file(
    no_config: bool,
    config: Option<&std::path::Path>,
    paths: &[PathBuf],
) -> Result<Option<Config>, String> {
    if no_config {
        return Ok(None);
    }
    match config {
        Some(p) => {
            if !p.is_file() {
                return Err(format!("--config {}: no such file", p.display()));
            }
            let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
            config::load(&p).map(Some).map_err(|e| e.to_string())
        }
        None => match paths.first() {
            Some(p) => options::find_config(p).map_err(|e| e.to_string()),
            None => Ok(None),
        },
    }
}

/// The paths to scan: those given, or the current directory.
fn scan_paths(input: &InputArgs) -> Vec<PathBuf> {
    if input.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        input.paths.clone()
    }
}

/// Splits off the named paths the configuration's `exclude` patterns exclude; returns a note
/// for each pattern that excluded some (a named path is excluded like a walked one, as in the
/// editor, so a pre-commit run skips excluded files too).
fn drop_excluded(paths: &mut Vec<PathBuf>, config: &Config) -> Vec<String> {
    let Some(base) = config.base_dir() else {
        return Vec::new();
    };
    let base = cloudsentinel_parser::discover::normalize(base);
    let mut by_pattern: Vec<(String, Vec<String>)> = Vec::new();
    paths.retain(|p| {
        let abs = std::path::absolute(p).unwrap_or_else(|_| p.clone());
        let abs = cloudsentinel_parser::discover::normalize(&abs);
        let Some(pattern) = abs
            .strip_prefix(&base)
            .ok()
            .filter(|rel| !rel.as_os_str().is_empty())
            .and_then(|rel| config.excluded_by(rel))
        else {
            return true;
        };
        let shown = emit::display_path(p);
        match by_pattern.iter_mut().find(|(pat, _)| pat == pattern) {
            Some((_, named)) => named.push(shown),
            None => by_pattern.push((pattern.to_string(), vec![shown])),
        }
        false
    });
    // The configuration file as the user would name it: relative to the current directory
    // when it lies below it.
    let cwd = std::env::current_dir().unwrap_or_default();
    let file = config
        .path
        .as_deref()
        .map(|p| emit::display_path(p.strip_prefix(&cwd).unwrap_or(p)))
        .unwrap_or_default();
    by_pattern
        .into_iter()
        .map(|(pattern, named)| {
            format!(
                "{} not scanned: excluded by `{pattern}` in {file} (--no-exclude scans {})",
                named.join(", "),
                if named.len() == 1 { "it" } else { "them" }
            )
        })
        .collect()
}

/// Validates the input arguments, merges them with the configuration (flags win) and runs
/// the analysis.
fn run_analysis(
    input: &InputArgs,
) -> Result<(cloudsentinel_checks::Analysis, Option<Config>), String> {
    let mut paths = scan_paths(input);
    for p in &paths {
        if !p.exists() {
            return Err(format!("{}: no such file or directory", p.display()));
        }
    }
    for id in input.checks.iter().chain(&input.skip_checks) {
        if registry::find(id).is_none() {
            return Err(format!(
                "unknown check `{id}` (run `cloudsentinel checks` for the list)"
            ));
        }
    }
    for f in &input.var_files {
        if !f.is_file() {
            return Err(format!("--var-file {}: no such file", f.display()));
        }
    }
    for f in &input.cfn_parameters {
        if !f.is_file() {
            return Err(format!("--cfn-parameters {}: no such file", f.display()));
        }
    }
    for f in &input.arm_parameters {
        if !f.is_file() {
            return Err(format!("--arm-parameters {}: no such file", f.display()));
        }
    }
    if let Some(d) = &input.plan_config
        && !d.is_dir()
    {
        return Err(format!("--plan-config {}: no such directory", d.display()));
    }
    let config = load_config(input, &paths)?;
    let flags = options::Flags {
        only: input.checks.clone(),
        skip: input.skip_checks.clone(),
        preview: input.preview,
        var_files: input.var_files.clone(),
        vars: input
            .vars
            .iter()
            .map(|v| parse_var(v))
            .collect::<Result<_, _>>()?,
        max_file_size: input.max_file_size,
        cfn_parameters: input.cfn_parameters.clone(),
        arm_parameters: input.arm_parameters.clone(),
        plan_config: input.plan_config.clone(),
        strict_suppressions: input.strict_suppressions,
        workspace: input.workspace.clone(),
    };
    let mut opts = options::analysis_options(config.as_ref(), &flags)?;
    opts.load
        .set_frontend(cloudsentinel_fetch::remote_modules(module_settings(
            input,
            config.as_ref(),
        )));
    let mut excluded = Vec::new();
    if input.no_exclude {
        opts.load.exclude = None;
    } else if let Some(cfg) = &config {
        excluded = drop_excluded(&mut paths, cfg);
    }
    let mut analysis = if paths.is_empty() {
        // Every named path is excluded: scan nothing (not the current directory).
        cloudsentinel_checks::analyze_state(
            cloudsentinel_model::SourceDb::new(),
            cloudsentinel_model::State::default(),
            &opts,
        )
    } else {
        analyze(&paths, &opts)
    };
    analysis.notices.extend(
        excluded
            .into_iter()
            .map(|message| cloudsentinel_model::Notice {
                location: None,
                message,
            }),
    );
    Ok((analysis, config))
}

fn create_baseline(input: &InputArgs, output: &std::path::Path) -> u8 {
    let (analysis, _) = match run_analysis(input) {
        Ok(a) => a,
        Err(e) => return error(e),
    };
    let b = baseline::Baseline::from_analysis(&analysis);
    if let Err(e) = b.write(output) {
        return error(e);
    }
    let _ = writeln!(
        std::io::stderr(),
        "wrote {} finding{} to {}",
        b.findings.len(),
        if b.findings.len() == 1 { "" } else { "s" },
        output.display()
    );
    EXIT_OK
}

fn scan(args: ScanArgs) -> u8 {
    if let Some(cloud) = args.live {
        if !args.input.paths.is_empty() {
            return error("--live reads a cloud account: give no paths");
        }
        if args.output.diff_base.is_some() {
            return error("--diff-base applies to files, not to --live");
        }
        return live::scan(cloud, &args.account, &args.input, &args.output);
    }
    let changes = match &args.output.diff_base {
        Some(base) => {
            // Git runs in the repository of the scanned path, wherever the scan starts.
            let first = scan_paths(&args.input).swap_remove(0);
            let dir = if first.is_dir() {
                first
            } else {
                match first.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                }
            };
            match diffbase::Changes::since(base, &dir) {
                Ok(c) => Some(c),
                Err(e) => return error(e),
            }
        }
        None => None,
    };
    let (analysis, config) = match run_analysis(&args.input) {
        Ok(a) => a,
        Err(e) => return error(e),
    };
    report(analysis, config, &args.output, changes.as_ref())
}

/// Applies the baseline, renders the analysis and computes the exit code.
pub(crate) fn report(
    mut analysis: cloudsentinel_checks::Analysis,
    config: Option<Config>,
    args: &OutputArgs,
    changes: Option<&diffbase::Changes>,
) -> u8 {
    let accepted = match &args.baseline {
        Some(path) => match baseline::Baseline::read(path) {
            Ok(b) => Some(b),
            Err(e) => return error(e),
        },
        None => None,
    };
    if let Some(b) = &accepted {
        let n = b.filter(&mut analysis);
        if n > 0 {
            analysis.notices.push(cloudsentinel_model::Notice {
                location: None,
                message: format!("{n} finding(s) accepted by the baseline are not shown"),
            });
        }
    }
    if let Some(c) = changes {
        c.filter(&mut analysis);
    }
    let format = match args.format {
        FormatArg::Text => OutputFormat::Text,
        FormatArg::Json => OutputFormat::Json,
        FormatArg::Sarif => OutputFormat::Sarif,
        FormatArg::Github => OutputFormat::Github,
        FormatArg::Junit => OutputFormat::Junit,
        FormatArg::Csv => OutputFormat::Csv,
        FormatArg::Markdown => OutputFormat::Markdown,
        FormatArg::Gitlab => OutputFormat::Gitlab,
    };
    let rendered = emit::render(
        &analysis,
        format,
        &EmitOptions {
            show_suppressed: args.show_suppressed,
            quiet: args.quiet,
            source_links: source_links(args.link_base.as_deref(), |k| std::env::var(k).ok()),
        },
    );
    let color = !args.no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    if let Some(path) = &args.output {
        let text = anstream::adapter::strip_str(&rendered).to_string();
        if let Err(e) = std::fs::write(path, text) {
            return error(format!("cannot write {}: {e}", path.display()));
        }
    } else {
        let choice = if color {
            anstream::ColorChoice::Auto
        } else {
            anstream::ColorChoice::Never
        };
        let mut out = anstream::AutoStream::new(std::io::stdout(), choice);
        if let Err(e) = out
            .write_all(rendered.as_bytes())
            .and_then(|()| out.flush())
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            return error(format!("cannot write the report: {e}"));
        }
    }
    let threshold = match (args.fail_on, config.and_then(|c| c.fail_on)) {
        (Some(FailOn::Critical), _) => Some(Severity::Critical),
        (Some(FailOn::High), _) => Some(Severity::High),
        (Some(FailOn::Medium), _) => Some(Severity::Medium),
        (Some(FailOn::Low), _) => Some(Severity::Low),
        (Some(FailOn::None), _) => None,
        (None, Some(Threshold::At(s))) => Some(s),
        (None, Some(Threshold::Never)) => None,
        (None, None) => Some(Severity::Low),
    };
    let failing = threshold.is_some_and(|t| analysis.unsuppressed().any(|f| f.severity >= t))
        || analysis.suppression_errors();
    if failing { EXIT_FINDINGS } else { EXIT_OK }
}

/// Where markdown source links point: `--link-base`, relative to the current directory; else
/// the scanned commit in GitHub Actions (`GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`,
/// `GITHUB_SHA`, paths relative to `GITHUB_WORKSPACE`) or GitLab CI (`CI_PROJECT_URL`,
/// `CI_COMMIT_SHA`, paths relative to `CI_PROJECT_DIR`); else none.
fn source_links(
    link_base: Option<&str>,
    env: impl Fn(&str) -> Option<String>,
) -> Option<emit::SourceLinks> {
    let cwd = std::env::current_dir().ok()?;
    let var = |k: &str| env(k).filter(|v| !v.trim().is_empty());
    let root = |k: &str| var(k).map_or_else(|| cwd.clone(), |d| cwd.join(d));
    if let Some(base) = link_base {
        return Some(emit::SourceLinks {
            base: base.to_string(),
            root: cwd.clone(),
        });
    }
    if let (Some(server), Some(repo), Some(sha)) = (
        var("GITHUB_SERVER_URL"),
        var("GITHUB_REPOSITORY"),
        var("GITHUB_SHA"),
    ) {
        return Some(emit::SourceLinks {
            base: format!("{}/{repo}/blob/{sha}", server.trim_end_matches('/')),
            root: root("GITHUB_WORKSPACE"),
        });
    }
    if let (Some(project), Some(sha)) = (var("CI_PROJECT_URL"), var("CI_COMMIT_SHA")) {
        return Some(emit::SourceLinks {
            base: format!("{}/-/blob/{sha}", project.trim_end_matches('/')),
            root: root("CI_PROJECT_DIR"),
        });
    }
    None
}

fn checks(args: ChecksArgs) -> u8 {
    match args.command.unwrap_or(ChecksCommand::List { json: false }) {
        ChecksCommand::List { json } => {
            let mut out = String::new();
            if json {
                let list: Vec<_> = registry::ALL
                    .iter()
                    .map(|c| {
                        serde_json::json!({
                            "id": c.meta.id,
                            "title": c.meta.title,
                            "severity": c.meta.severity,
                            "risk_score": (f64::from(c.meta.risk_score) * 10.0).round() / 10.0,
                            "provider": c.meta.provider_name(),
                            "service": c.meta.service,
                            "formats": c.meta.formats.iter().map(|f| f.name()).collect::<Vec<_>>(),
                            "aliases": c.meta.aliases,
                            "status": c.meta.status,
                        })
                    })
                    .collect();
                out = serde_json::to_string_pretty(&list).unwrap_or_default();
                out.push('\n');
            } else {
                let width = registry::ALL
                    .iter()
                    .map(|c| c.meta.id.len())
                    .max()
                    .unwrap_or(0);
                for c in registry::ALL {
                    let status = match c.meta.status {
                        cloudsentinel_checks::Status::Stable => String::new(),
                        other => format!(" ({})", other.as_str()),
                    };
                    out.push_str(&format!(
                        "{:<width$}  {:<8}  {}{status}\n",
                        c.meta.id,
                        c.meta.severity.as_str(),
                        c.meta.title
                    ));
                }
            }
            print_stdout(&out)
        }
        ChecksCommand::New { spec, root } => {
            let created = cloudsentinel_checks::scaffold::NewCheck::parse(&spec).and_then(|new| {
                if registry::find(&new.id()).is_some() {
                    return Err(format!("check `{}` already exists", new.id()));
                }
                cloudsentinel_checks::scaffold::create(&root, &new).map(|files| (new, files))
            });
            match created {
                Ok((new, files)) => {
                    let mut out = String::new();
                    for f in files {
                        out.push_str(&format!("wrote {}\n", f.display()));
                    }
                    out.push_str(&format!(
                        "\nNext: fill in the TODOs, write the examples, implement `run`, then\n  \
                         cargo test -p cloudsentinel-checks --test examples -- {id}\n\
                         and review the new snapshot with `cargo insta review` (or rerun with \
                         INSTA_UPDATE=always).\n",
                        id = new.id()
                    ));
                    print_stdout(&out)
                }
                Err(e) => error(e),
            }
        }
        ChecksCommand::Explain { id } => match registry::find(&id) {
            Some(c) => print_stdout(&docs::explain(c)),
            None => error(format!(
                "unknown check `{id}` (run `cloudsentinel checks` for the list)"
            )),
        },
    }
}

fn print_stdout(s: &str) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => error(e),
        _ => EXIT_OK,
    }
}
