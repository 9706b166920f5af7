//! Check metadata and the `declare_check!` macro.

use crate::compliance::Mapping;
use crate::finding::Report;
pub use cloudsentinel_model::Provider;
use cloudsentinel_model::State;

/// How bad a finding is. Ordered: `Low < Medium < High < Critical`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "low" => Some(Severity::Low),
            "medium" => Some(Severity::Medium),
            "high" => Some(Severity::High),
            "critical" => Some(Severity::Critical),
            _ => None,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A source format a check has examples for. Open: a front-end outside this crate declares
/// its own `Format` constant; the built-in ones are associated constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Format {
    /// The front-end's identifier (`terraform`, `cloudformation`).
    pub id: &'static str,
    /// Name shown in documentation and messages.
    pub label: &'static str,
    /// A regular expression an example of this format must match to show that values are
    /// evaluated (variables, references, intrinsics), not pattern-matched.
    pub evaluation_markers: &'static str,
}

#[allow(non_upper_case_globals)] // used as `formats: [Terraform]` in `declare_check!`
impl Format {
    pub const Terraform: Format = Format {
        id: "terraform",
        label: "Terraform",
        evaluation_markers: r"var\.|local\.|module\.|each\.|count\.|data\.|= (aws|azurerm|google)_|\$\{(aws|azurerm|google)_",
    };
    /// CloudFormation and SAM templates, YAML or JSON.
    pub const CloudFormation: Format = Format {
        id: "cloudformation",
        label: "CloudFormation",
        evaluation_markers: r#"!(Ref|GetAtt|If|FindInMap|Select|Split|Join) |"(Ref|Fn::[A-Za-z]+)"\s*:|TemplateURL:|Transform: AWS::Serverless"#,
    };
    /// Google Cloud Deployment Manager configs with their Jinja templates: templates
    /// rendered with properties, schema defaults and `env`, references between resources.
    pub const DeploymentManager: Format = Format {
        id: "deployment-manager",
        label: "Deployment Manager",
        evaluation_markers: r"\{\{|\{%|\$\(ref\.",
    };
    /// Azure Resource Manager templates (JSON), with their parameters and expressions.
    pub const Arm: Format = Format {
        id: "arm",
        label: "ARM",
        evaluation_markers: r"\[(parameters|variables|concat|format|if|resourceId|copyIndex|reference|uniqueString)\(",
    };
    /// Bicep files, evaluated natively into the same resources as ARM templates.
    pub const Bicep: Format = Format {
        id: "bicep",
        label: "Bicep",
        evaluation_markers: r"(?m)^param \w+|\$\{|^module ",
    };
    pub fn name(self) -> &'static str {
        self.label
    }
}

/// The concrete syntax of an example. Open like [`Format`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Syntax {
    /// Language tag for fenced code blocks.
    pub fence: &'static str,
    /// The file an example is written to when it names none.
    pub default_file: &'static str,
}

#[allow(non_upper_case_globals)]
impl Syntax {
    pub const Hcl: Syntax = Syntax {
        fence: "hcl",
        default_file: "main.tf",
    };
    pub const Yaml: Syntax = Syntax {
        fence: "yaml",
        default_file: "template.yaml",
    };
    pub const Json: Syntax = Syntax {
        fence: "json",
        default_file: "template.json",
    };
    /// A Deployment Manager config (YAML), with templates as further `# file:` files.
    pub const DeploymentManagerYaml: Syntax = Syntax {
        fence: "yaml",
        default_file: "config.yaml",
    };
    /// A Bicep file.
    pub const Bicep: Syntax = Syntax {
        fence: "bicep",
        default_file: "main.bicep",
    };
    /// An ARM template.
    pub const ArmJson: Syntax = Syntax {
        fence: "json",
        default_file: "azuredeploy.json",
    };
    /// Language tag for fenced code blocks.
    pub fn fence(self) -> &'static str {
        self.fence
    }
    /// The file an example is written to when it names none.
    pub fn default_file(self) -> &'static str {
        self.default_file
    }
}

/// A bad or good example, executed as a test: a bad one yields exactly one finding of its
/// check, a good one none. `source` may hold several files, each introduced by a line
/// `# file: path` (the first file may omit it and is then named by [`Syntax::default_file`]).
#[derive(Debug, Clone, Copy)]
pub struct Example {
    pub format: Format,
    pub syntax: Syntax,
    pub bad: bool,
    /// What the example shows.
    pub title: &'static str,
    pub source: &'static str,
}

impl Example {
    /// The example's files: `# file: path` lines start a new one; the text before the first
    /// marker is the syntax's default file.
    pub fn files(&self) -> Vec<(String, String)> {
        let default_name = self.syntax.default_file();
        let mut files: Vec<(String, String)> = Vec::new();
        let mut current = (default_name.to_string(), String::new());
        for line in self.source.lines() {
            if let Some(name) = line.strip_prefix("# file: ") {
                if !current.1.trim().is_empty() || current.0 != default_name {
                    files.push(std::mem::take(&mut current));
                }
                current = (name.trim().to_string(), String::new());
            } else {
                current.1.push_str(line);
                current.1.push('\n');
            }
        }
        files.push(current);
        files
    }
}

/// Where a check stands in its lifecycle (as Ruff's rule groups).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Runs by default; its ID, message and behaviour are stable.
    Stable,
    /// New: may still change or produce false positives; runs by default but is marked.
    Preview,
    /// Kept so configurations that name it keep working; will be removed.
    Deprecated,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Stable => "stable",
            Status::Preview => "preview",
            Status::Deprecated => "deprecated",
        }
    }
}

/// A mechanical fix: set the setting at `path` (a nested block or property path inside the
/// resource) to `value`, written in the format's own syntax. The language server offers it as
/// a quick fix where the place is unambiguous; a future `--fix` applies the same data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fix {
    pub format: Format,
    /// Terraform: `["metadata_options", "http_tokens"]` (blocks, then the attribute);
    /// CloudFormation: the property path under `Properties`.
    pub path: &'static [&'static str],
    /// The value as written in source (`"private"` with quotes in HCL, `Private` in YAML).
    pub value: &'static str,
    /// Resource types whose properties sit under an extra prefix (`AWS::EC2::LaunchTemplate`
    /// puts instance settings under `LaunchTemplateData`).
    pub prefix_for_type: &'static [(&'static str, &'static str)],
}

impl Fix {
    pub const fn set(format: Format, path: &'static [&'static str], value: &'static str) -> Fix {
        Fix {
            format,
            path,
            value,
            prefix_for_type: &[],
        }
    }
    /// The same fix, with a path prefix in resources of the given types (type, prefix).
    #[must_use]
    pub const fn with_type_prefixes(
        self,
        prefixes: &'static [(&'static str, &'static str)],
    ) -> Fix {
        Fix {
            prefix_for_type: prefixes,
            ..self
        }
    }
}

/// Everything known about a check except its logic.
#[derive(Debug, Clone, Copy)]
pub struct CheckMeta {
    /// Stable ID from the catalogue.
    pub id: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    /// 0.0–10.0: severity sets the band, exploitability and blast radius place it inside.
    pub risk_score: f32,
    /// The cloud whose resources it examines; `None` for checks across clouds (parse errors,
    /// secrets, drift).
    pub provider: Option<Provider>,
    pub status: Status,
    pub service: &'static str,
    pub formats: &'static [Format],
    /// Compliance controls the check covers, per framework.
    pub compliance: &'static [Mapping],
    /// IDs of the same check in other tools (`CKV_AWS_20`, `AVD-AWS-0086`, `aws-s3-block-public-acls`).
    pub aliases: &'static [&'static str],
    /// Markdown documentation: what it flags and why it matters (the doc comment).
    pub doc: &'static str,
    pub remediation: &'static str,
    pub references: &'static [&'static str],
    pub examples: &'static [Example],
    /// Mechanical fixes, per format.
    pub fixes: &'static [Fix],
    /// The file declaring the check (`checks/src/aws/s3/public_acl.rs`); its snapshot sits
    /// beside it.
    pub source_file: &'static str,
}

impl CheckMeta {
    /// `aws`, `azure`, `google`, or `general`.
    pub fn provider_name(&self) -> &'static str {
        self.provider.map_or("general", Provider::as_str)
    }
    /// The fix for `format`, if the check has one.
    pub fn fix(&self, format: Format) -> Option<&Fix> {
        self.fixes.iter().find(|f| f.format == format)
    }
}

/// A check: metadata plus a function over the model.
pub struct Check {
    pub meta: CheckMeta,
    pub run: fn(&State, &mut Report),
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Check")
            .field("id", &self.meta.id)
            .finish_non_exhaustive()
    }
}

/// Declares a check. The doc comment becomes its documentation.
///
/// ```ignore
/// declare_check! {
///     /// Flags …
///     pub static CHECK = {
///         id: "aws-s3-public-acl", title: "…", severity: High, risk_score: 8.0,
///         provider: Aws, service: "s3", formats: [Terraform],
///         status: Preview,                       // optional, default Stable
///         compliance: { CIS_AWS: ["2.1.4"], NIST_800_53: ["AC-3"] },
///         aliases: [..], remediation: "…", references: [..], examples: [..],
///         fixes: [Fix::set(Format::Terraform, &["acl"], "\"private\"")], // optional
///         run: run,
///     }
/// }
/// ```
///
/// `provider` is a [`Provider`] variant or `General`; `compliance` keys name the statics of
/// [`crate::compliance`].
#[macro_export]
macro_rules! declare_check {
    (
        $(#[doc = $doc:expr])*
        pub static CHECK = {
            id: $id:expr,
            title: $title:expr,
            severity: $sev:ident,
            risk_score: $risk:expr,
            provider: $provider:ident,
            service: $service:expr,
            formats: [$($fmt:ident),* $(,)?],
            $(status: $status:ident,)?
            compliance: { $($fw:ident: [$($control:expr),* $(,)?]),* $(,)? },
            aliases: [$($alias:expr),* $(,)?],
            remediation: $remediation:expr,
            references: [$($reference:expr),* $(,)?],
            examples: [$($example:expr),* $(,)?],
            $(fixes: [$($fix:expr),* $(,)?],)?
            run: $run:expr $(,)?
        }
    ) => {
        pub static CHECK: $crate::check::Check = $crate::check::Check {
            meta: $crate::check::CheckMeta {
                id: $id,
                title: $title,
                severity: $crate::check::Severity::$sev,
                risk_score: $risk,
                provider: $crate::__check_provider!($provider),
                status: $crate::__check_status!($($status)?),
                service: $service,
                formats: &[$($crate::check::Format::$fmt),*],
                compliance: &[$($crate::compliance::Mapping {
                    framework: &$crate::compliance::$fw,
                    controls: &[$($control),*],
                }),*],
                aliases: &[$($alias),*],
                doc: concat!($($doc, "\n"),*),
                remediation: $remediation,
                references: &[$($reference),*],
                examples: &[$($example),*],
                fixes: &[$($($fix),*)?],
                source_file: file!(),
            },
            run: $run,
        };
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __check_provider {
    (General) => {
        None
    };
    ($p:ident) => {
        Some($crate::check::Provider::$p)
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __check_status {
    () => {
        $crate::check::Status::Stable
    };
    ($s:ident) => {
        $crate::check::Status::$s
    };
}

/// An example in any format and syntax (the `tf_*`/`cfn_*` helpers are shorthands).
pub const fn example(
    format: Format,
    syntax: Syntax,
    bad: bool,
    title: &'static str,
    source: &'static str,
) -> Example {
    Example {
        format,
        syntax,
        bad,
        title,
        source,
    }
}

/// A Terraform example that should yield exactly one finding.
pub const fn tf_bad(title: &'static str, source: &'static str) -> Example {
    Example {
        format: Format::Terraform,
        syntax: Syntax::Hcl,
        bad: true,
        title,
        source,
    }
}

/// A Terraform example that should yield no finding.
pub const fn tf_good(title: &'static str, source: &'static str) -> Example {
    Example {
        format: Format::Terraform,
        syntax: Syntax::Hcl,
        bad: false,
        title,
        source,
    }
}

/// A CloudFormation YAML template that should yield exactly one finding.
pub const fn cfn_bad(title: &'static str, source: &'static str) -> Example {
    Example {
        format: Format::CloudFormation,
        syntax: Syntax::Yaml,
        bad: true,
        title,
        source,
    }
}

/// A CloudFormation YAML template that should yield no finding.
pub const fn cfn_good(title: &'static str, source: &'static str) -> Example {
    Example {
        format: Format::CloudFormation,
        syntax: Syntax::Yaml,
        bad: false,
        title,
        source,
    }
}

/// A Deployment Manager config (and the templates it imports, each after a `# file:` line)
/// that should yield exactly one finding.
pub const fn dm_bad(title: &'static str, source: &'static str) -> Example {
    Example {
        format: Format::DeploymentManager,
        syntax: Syntax::DeploymentManagerYaml,
        bad: true,
        title,
        source,
    }
}

/// A Deployment Manager config (and its templates) that should yield no finding.
pub const fn dm_good(title: &'static str, source: &'static str) -> Example {
    Example {
        format: Format::DeploymentManager,
        syntax: Syntax::DeploymentManagerYaml,
        bad: false,
        title,
        source,
    }
}

/// A CloudFormation JSON template that should yield exactly one finding.
pub const fn cfn_json_bad(title: &'static str, source: &'static str) -> Example {
    Example {
        format: Format::CloudFormation,
        syntax: Syntax::Json,
        bad: true,
        title,
        source,
    }
}

/// A CloudFormation JSON template that should yield no finding.
pub const fn cfn_json_good(title: &'static str, source: &'static str) -> Example {
    Example {
        format: Format::CloudFormation,
        syntax: Syntax::Json,
        bad: false,
        title,
        source,
    }
}

/// An ARM template that should yield exactly one finding.
pub const fn arm_bad(title: &'static str, source: &'static str) -> Example {
    Example {
        format: Format::Arm,
        syntax: Syntax::ArmJson,
        bad: true,
        title,
        source,
    }
}

/// An ARM template that should yield no finding.
pub const fn arm_good(title: &'static str, source: &'static str) -> Example {
    Example {
        format: Format::Arm,
        syntax: Syntax::ArmJson,
        bad: false,
        title,
        source,
    }
}

/// A Bicep file that should yield exactly one finding.
pub const fn bicep_bad(title: &'static str, source: &'static str) -> Example {
    Example {
        format: Format::Bicep,
        syntax: Syntax::Bicep,
        bad: true,
        title,
        source,
    }
}

/// A Bicep file that should yield no finding.
pub const fn bicep_good(title: &'static str, source: &'static str) -> Example {
    Example {
        format: Format::Bicep,
        syntax: Syntax::Bicep,
        bad: false,
        title,
        source,
    }
}
