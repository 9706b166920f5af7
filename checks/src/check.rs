//! Check metadata and the `declare_check!` macro.

use crate::finding::Report;
use cloudsentinel_model::State;

/// How bad a finding is. Ordered: `Low < Medium < High < Critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
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

/// A source format a check has examples for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Terraform,
    /// CloudFormation and SAM templates, YAML or JSON.
    CloudFormation,
}

impl Format {
    pub const ALL: [Format; 2] = [Format::Terraform, Format::CloudFormation];
    pub fn name(self) -> &'static str {
        match self {
            Format::Terraform => "Terraform",
            Format::CloudFormation => "CloudFormation",
        }
    }
}

/// The concrete syntax of an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Syntax {
    Hcl,
    Yaml,
    Json,
}

impl Syntax {
    /// Language tag for fenced code blocks.
    pub fn fence(self) -> &'static str {
        match self {
            Syntax::Hcl => "hcl",
            Syntax::Yaml => "yaml",
            Syntax::Json => "json",
        }
    }
    /// The file an example is written to when it names none.
    pub fn default_file(self) -> &'static str {
        match self {
            Syntax::Hcl => "main.tf",
            Syntax::Yaml => "template.yaml",
            Syntax::Json => "template.json",
        }
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

/// Compliance frameworks a check maps to; the only place mappings are declared.
#[derive(Debug, Clone, Copy, Default)]
pub struct Compliance {
    /// CIS AWS Foundations Benchmark 3.0 controls.
    pub cis_aws: &'static [&'static str],
    /// NIST SP 800-53 rev. 5 controls.
    pub nist_800_53: &'static [&'static str],
    /// ISO/IEC 27001:2022 Annex A controls.
    pub iso_27001: &'static [&'static str],
    /// SOC 2 trust services criteria.
    pub soc2: &'static [&'static str],
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
    /// `aws`, `azure`, `google`, or `general`.
    pub provider: &'static str,
    pub service: &'static str,
    pub formats: &'static [Format],
    pub compliance: Compliance,
    /// IDs of the same check in other tools (`CKV_AWS_20`, `AVD-AWS-0086`, `aws-s3-block-public-acls`).
    pub aliases: &'static [&'static str],
    /// Markdown documentation: what it flags and why it matters (the doc comment).
    pub doc: &'static str,
    pub remediation: &'static str,
    pub references: &'static [&'static str],
    pub examples: &'static [Example],
}

/// A check: metadata plus a function over the model.
pub struct Check {
    pub meta: CheckMeta,
    pub run: fn(&State, &mut Report),
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Check").field("id", &self.meta.id).finish()
    }
}

/// Declares a check. The doc comment becomes its documentation.
///
/// ```ignore
/// declare_check! {
///     /// Flags …
///     pub static CHECK = {
///         id: "aws-s3-public-acl", title: "…", severity: High, risk_score: 8.0,
///         provider: "aws", service: "s3", formats: [Terraform],
///         compliance: Compliance { .. }, aliases: [..], remediation: "…",
///         references: [..], examples: [..], run: run,
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_check {
    (
        $(#[doc = $doc:expr])*
        pub static CHECK = {
            id: $id:expr,
            title: $title:expr,
            severity: $sev:ident,
            risk_score: $risk:expr,
            provider: $provider:expr,
            service: $service:expr,
            formats: [$($fmt:ident),* $(,)?],
            compliance: $compliance:expr,
            aliases: [$($alias:expr),* $(,)?],
            remediation: $remediation:expr,
            references: [$($reference:expr),* $(,)?],
            examples: [$($example:expr),* $(,)?],
            run: $run:expr $(,)?
        }
    ) => {
        pub static CHECK: $crate::check::Check = $crate::check::Check {
            meta: $crate::check::CheckMeta {
                id: $id,
                title: $title,
                severity: $crate::check::Severity::$sev,
                risk_score: $risk,
                provider: $provider,
                service: $service,
                formats: &[$($crate::check::Format::$fmt),*],
                compliance: $compliance,
                aliases: &[$($alias),*],
                doc: concat!($($doc, "\n"),*),
                remediation: $remediation,
                references: &[$($reference),*],
                examples: &[$($example),*],
            },
            run: $run,
        };
    };
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
