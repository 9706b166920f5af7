//! `.cloudsentinel.yaml`: the project configuration, found from the scanned path upward.
//! Every option is also a command-line flag; flags win. Errors carry line and column, and
//! unknown keys are errors (a typo must not silently disable a policy).

use crate::check::Severity;
use crate::registry;
use crate::suppress::SuppressionPolicy;
use globset::{Glob, GlobSet, GlobSetBuilder};
use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};
use std::path::{Path, PathBuf};

pub const FILE_NAMES: [&str; 2] = [".cloudsentinel.yaml", ".cloudsentinel.yml"];

/// The lowest severity that fails a scan; `None` never fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threshold {
    At(Severity),
    Never,
}

/// Checks skipped for matching paths.
#[derive(Debug, Clone)]
pub struct Override {
    pub paths: Vec<String>,
    matcher: GlobSet,
    pub skip: Vec<String>,
}

impl Override {
    pub fn matches(&self, rel: &Path) -> bool {
        self.matcher.is_match(rel)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file this came from.
    pub path: Option<PathBuf>,
    pub skip: Vec<String>,
    pub only: Vec<String>,
    /// `checks.preview`: run checks in preview too.
    pub preview: bool,
    pub fail_on: Option<Threshold>,
    pub exclude: Vec<String>,
    exclude_matcher: Option<GlobSet>,
    /// Terraform var files, resolved against the configuration's directory.
    pub var_files: Vec<PathBuf>,
    pub vars: Vec<(String, String)>,
    /// `terraform.workspace`: the value of `terraform.workspace`.
    pub workspace: Option<String>,
    /// `terraform.download-modules`: download remote modules missing from the module cache
    /// (registry, git, HTTP); off by default, a scan makes no network call.
    pub download_modules: bool,
    /// `terraform.module-cache`: the module cache directory, resolved against the
    /// configuration's directory.
    pub module_cache: Option<PathBuf>,
    pub overrides: Vec<Override>,
    pub suppression: SuppressionPolicy,
    /// `drift.ignore`: differences `cloudsentinel drift` does not report.
    pub drift_ignore: Vec<DriftIgnore>,
}

/// A drift ignore rule: every field given must match (`*` matches any text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DriftIgnore {
    /// Terraform resource type (`aws_s3_bucket`).
    pub resource_type: Option<String>,
    /// The resource's identity (bucket name, `sg-…`, user name) or its declared address.
    pub id: Option<String>,
    /// The attribute of a modified resource (`ingress`, `versioning`).
    pub attribute: Option<String>,
}

impl Config {
    /// The directory paths in the configuration are relative to.
    pub fn base_dir(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }
    /// The compiled `exclude` patterns, if any.
    pub fn exclude_globs(&self) -> Option<std::sync::Arc<GlobSet>> {
        self.exclude_matcher.clone().map(std::sync::Arc::new)
    }
    /// True when `rel` (relative to the configuration's directory) is excluded.
    pub fn is_excluded(&self, rel: &Path) -> bool {
        self.exclude_matcher
            .as_ref()
            .is_some_and(|m| m.is_match(rel))
    }
    /// The `exclude` pattern that excludes `rel` (relative to the configuration's directory),
    /// as written in the file.
    pub fn excluded_by(&self, rel: &Path) -> Option<&str> {
        if !self.is_excluded(rel) {
            return None;
        }
        self.exclude
            .iter()
            .find(|p| {
                let mut b = GlobSetBuilder::new();
                add_glob(&mut b, p).is_ok() && b.build().is_ok_and(|set| set.is_match(rel))
            })
            .map(String::as_str)
    }
    /// Checks skipped for a file at `rel` by per-path overrides.
    pub fn skipped_for(&self, rel: &Path) -> impl Iterator<Item = &str> {
        self.overrides
            .iter()
            .filter(move |o| o.matches(rel))
            .flat_map(|o| o.skip.iter().map(String::as_str))
    }
}

/// A configuration error, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// The nearest configuration file at or above `start` (a file or directory).
pub fn find(start: &Path) -> Option<PathBuf> {
    let abs = std::fs::canonicalize(start).ok()?;
    let mut dir = if abs.is_file() {
        abs.parent()?.to_path_buf()
    } else {
        abs
    };
    loop {
        for name in FILE_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if !dir.pop() {
            return None;
        }
    }
}

pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message: format!("cannot read: {e}"),
    })?;
    parse(&text, path)
}

struct Ctx<'a> {
    path: &'a Path,
}

impl Ctx<'_> {
    fn err(&self, node: &MarkedYaml<'_>, message: impl Into<String>) -> ConfigError {
        ConfigError {
            path: self.path.to_path_buf(),
            line: node.span.start.line().max(1),
            column: node.span.start.col() + 1,
            message: message.into(),
        }
    }

    fn string(&self, node: &MarkedYaml<'_>, what: &str) -> Result<String, ConfigError> {
        match &node.data {
            YamlData::Value(Scalar::String(s)) => Ok(s.to_string()),
            YamlData::Value(Scalar::Integer(i)) => Ok(i.to_string()),
            YamlData::Value(Scalar::Boolean(b)) => Ok(b.to_string()),
            YamlData::Value(Scalar::FloatingPoint(f)) => Ok(f.to_string()),
            YamlData::Representation(s, _, _) => Ok(s.to_string()),
            _ => Err(self.err(node, format!("{what} must be a string"))),
        }
    }

    fn bool(&self, node: &MarkedYaml<'_>, what: &str) -> Result<bool, ConfigError> {
        match &node.data {
            YamlData::Value(Scalar::Boolean(b)) => Ok(*b),
            _ => Err(self.err(node, format!("{what} must be true or false"))),
        }
    }

    fn strings(&self, node: &MarkedYaml<'_>, what: &str) -> Result<Vec<String>, ConfigError> {
        match &node.data {
            YamlData::Sequence(items) => items.iter().map(|i| self.string(i, what)).collect(),
            YamlData::Value(Scalar::Null) => Ok(Vec::new()),
            _ => Err(self.err(node, format!("{what} must be a list"))),
        }
    }

    fn check_ids(&self, node: &MarkedYaml<'_>, what: &str) -> Result<Vec<String>, ConfigError> {
        let ids = self.strings(node, what)?;
        if let YamlData::Sequence(items) = &node.data {
            for (id, item) in ids.iter().zip(items) {
                if registry::find(id).is_none() {
                    return Err(self.err(
                        item,
                        format!(
                            "unknown check `{id}`{} (run `cloudsentinel checks` for the list)",
                            registry::suggest(id)
                                .map(|s| format!(", did you mean {s}?"))
                                .unwrap_or_default()
                        ),
                    ));
                }
            }
        }
        Ok(ids)
    }

    /// The entries of a mapping, keys checked against `allowed`.
    fn mapping<'n, 'i>(
        &self,
        node: &'n MarkedYaml<'i>,
        what: &str,
        allowed: &[&str],
    ) -> Result<Vec<(String, &'n MarkedYaml<'i>)>, ConfigError> {
        let YamlData::Mapping(map) = &node.data else {
            return Err(self.err(node, format!("{what} must be a mapping")));
        };
        let mut out = Vec::new();
        for (k, v) in map {
            let key = self.string(k, "a key")?;
            if !allowed.is_empty() && !allowed.contains(&key.as_str()) {
                return Err(self.err(
                    k,
                    format!(
                        "unknown key `{key}` in {what} (expected one of: {})",
                        allowed.join(", ")
                    ),
                ));
            }
            out.push((key, v));
        }
        Ok(out)
    }

    fn globs(
        &self,
        node: &MarkedYaml<'_>,
        what: &str,
    ) -> Result<(Vec<String>, GlobSet), ConfigError> {
        let patterns = self.strings(node, what)?;
        let mut b = GlobSetBuilder::new();
        for p in &patterns {
            add_glob(&mut b, p).map_err(|e| self.err(node, format!("invalid glob `{p}`: {e}")))?;
        }
        let set = b.build().map_err(|e| self.err(node, e.to_string()))?;
        Ok((patterns, set))
    }
}

/// Adds pattern `p` to `b`: `dir` and `dir/` also match everything below.
fn add_glob(b: &mut GlobSetBuilder, p: &str) -> Result<(), globset::Error> {
    b.add(Glob::new(p)?);
    if !p.contains('*') {
        let below = format!("{}/**", p.trim_end_matches('/'));
        if let Ok(g) = Glob::new(&below) {
            b.add(g);
        }
    }
    Ok(())
}

const TOP_KEYS: [&str; 7] = [
    "checks",
    "drift",
    "fail-on",
    "exclude",
    "terraform",
    "overrides",
    "suppressions",
];

/// Parses a configuration; `path` is used for messages and relative paths.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let ctx = Ctx { path };
    let docs = MarkedYaml::load_from_str(text).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        line: e.marker().line().max(1),
        column: e.marker().col() + 1,
        message: format!("invalid YAML: {}", e.info()),
    })?;
    let mut config = Config {
        path: Some(path.to_path_buf()),
        ..Config::default()
    };
    let Some(root) = docs.first() else {
        return Ok(config);
    };
    if matches!(root.data, YamlData::Value(Scalar::Null)) {
        return Ok(config);
    }
    let base = path.parent().unwrap_or(Path::new("."));
    for (key, value) in ctx.mapping(root, "the configuration", &TOP_KEYS)? {
        match key.as_str() {
            "checks" => {
                for (k, v) in ctx.mapping(value, "`checks`", &["skip", "only", "preview"])? {
                    match k.as_str() {
                        "skip" => config.skip = ctx.check_ids(v, "`checks.skip`")?,
                        "preview" => config.preview = ctx.bool(v, "`checks.preview`")?,
                        _ => config.only = ctx.check_ids(v, "`checks.only`")?,
                    }
                }
            }
            "fail-on" => {
                let s = ctx.string(value, "`fail-on`")?;
                config.fail_on = Some(match s.as_str() {
                    "none" => Threshold::Never,
                    other => Threshold::At(Severity::parse(other).ok_or_else(|| {
                        ctx.err(
                            value,
                            format!("`fail-on` must be critical, high, medium, low or none, not `{other}`"),
                        )
                    })?),
                });
            }
            "exclude" => {
                let (patterns, set) = ctx.globs(value, "`exclude`")?;
                config.exclude = patterns;
                config.exclude_matcher = Some(set);
            }
            "terraform" => {
                for (k, v) in ctx.mapping(
                    value,
                    "`terraform`",
                    &[
                        "var-files",
                        "vars",
                        "workspace",
                        "download-modules",
                        "module-cache",
                    ],
                )? {
                    match k.as_str() {
                        "workspace" => {
                            config.workspace = Some(ctx.string(v, "`terraform.workspace`")?);
                        }
                        "download-modules" => {
                            config.download_modules =
                                ctx.bool(v, "`terraform.download-modules`")?;
                        }
                        "module-cache" => {
                            config.module_cache =
                                Some(base.join(ctx.string(v, "`terraform.module-cache`")?));
                        }
                        "var-files" => {
                            config.var_files = ctx
                                .strings(v, "`terraform.var-files`")?
                                .into_iter()
                                .map(|f| base.join(f))
                                .collect();
                        }
                        _ => {
                            for (name, val) in ctx.mapping(v, "`terraform.vars`", &[])? {
                                config
                                    .vars
                                    .push((name, ctx.string(val, "a variable value")?));
                            }
                        }
                    }
                }
            }
            "overrides" => {
                let YamlData::Sequence(items) = &value.data else {
                    return Err(ctx.err(value, "`overrides` must be a list"));
                };
                for item in items {
                    let mut paths = None;
                    let mut skip = Vec::new();
                    for (k, v) in ctx.mapping(item, "an override", &["paths", "skip"])? {
                        match k.as_str() {
                            "paths" => paths = Some(ctx.globs(v, "`overrides[].paths`")?),
                            _ => skip = ctx.check_ids(v, "`overrides[].skip`")?,
                        }
                    }
                    let Some((paths, matcher)) = paths else {
                        return Err(ctx.err(item, "an override needs `paths`"));
                    };
                    config.overrides.push(Override {
                        paths,
                        matcher,
                        skip,
                    });
                }
            }
            "drift" => {
                for (_, v) in ctx.mapping(value, "`drift`", &["ignore"])? {
                    let YamlData::Sequence(items) = &v.data else {
                        return Err(ctx.err(v, "`drift.ignore` must be a list"));
                    };
                    for item in items {
                        let mut rule = DriftIgnore::default();
                        for (k, f) in
                            ctx.mapping(item, "a drift ignore rule", &["type", "id", "attribute"])?
                        {
                            let val = Some(ctx.string(f, &format!("`drift.ignore[].{k}`"))?);
                            match k.as_str() {
                                "type" => rule.resource_type = val,
                                "id" => rule.id = val,
                                _ => rule.attribute = val,
                            }
                        }
                        if rule == DriftIgnore::default() {
                            return Err(ctx.err(
                                item,
                                "a drift ignore rule needs `type`, `id` or `attribute`",
                            ));
                        }
                        config.drift_ignore.push(rule);
                    }
                }
            }
            _ => {
                for (k, v) in ctx.mapping(
                    value,
                    "`suppressions`",
                    &[
                        "require-reason",
                        "allow-inline",
                        "honor-foreign-suppressions",
                        "strict",
                    ],
                )? {
                    let b = ctx.bool(v, &format!("`suppressions.{k}`"))?;
                    match k.as_str() {
                        "require-reason" => config.suppression.require_reason = b,
                        "allow-inline" => config.suppression.allow_inline = b,
                        "strict" => config.suppression.strict = b,
                        _ => config.suppression.honor_foreign = b,
                    }
                }
            }
        }
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Config, ConfigError> {
        parse(text, Path::new("/repo/.cloudsentinel.yaml"))
    }

    #[test]
    fn full_configuration() {
        let c = p(r#"
checks:
  skip: [iac-parse-error]
fail-on: high
exclude:
  - examples
  - "**/*.generated.tf"
terraform:
  var-files: [env/prod.tfvars]
  vars:
    environment: prod
    replicas: 3
  workspace: staging
overrides:
  - paths: ["legacy/**"]
    skip: [aws-s3-public-acl]
suppressions:
  require-reason: true
  allow-inline: false
  honor-foreign-suppressions: true
"#)
        .unwrap();
        assert_eq!(c.skip, ["iac-parse-error"]);
        assert_eq!(c.fail_on, Some(Threshold::At(Severity::High)));
        assert!(c.is_excluded(Path::new("examples/a/main.tf")));
        assert!(c.is_excluded(Path::new("x/y.generated.tf")));
        assert!(!c.is_excluded(Path::new("main.tf")));
        assert_eq!(c.var_files, [PathBuf::from("/repo/env/prod.tfvars")]);
        assert_eq!(c.vars[1], ("replicas".to_string(), "3".to_string()));
        assert_eq!(c.workspace.as_deref(), Some("staging"));
        assert_eq!(
            c.skipped_for(Path::new("legacy/s3.tf")).collect::<Vec<_>>(),
            ["aws-s3-public-acl"]
        );
        assert!(c.suppression.require_reason && !c.suppression.allow_inline);
        assert!(c.suppression.honor_foreign);
    }

    #[test]
    fn module_download_settings() {
        let c = p("terraform:\n  download-modules: true\n  module-cache: cache/modules\n").unwrap();
        assert!(c.download_modules);
        assert_eq!(c.module_cache, Some(PathBuf::from("/repo/cache/modules")));
        let c = p("terraform:\n  vars: {}\n").unwrap();
        assert!(!c.download_modules, "off unless enabled");
        assert_eq!(c.module_cache, None);
        let e = p("terraform:\n  download-modules: yes please\n").unwrap_err();
        assert!(e.message.contains("true or false"), "{}", e.message);
    }

    #[test]
    fn unknown_keys_are_located_errors() {
        let e = p("checks:\n  skip: []\nfial-on: high\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 1));
        assert!(e.message.contains("unknown key `fial-on`"), "{}", e.message);
        let e = p("suppressions:\n  require_reason: true\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
    }

    #[test]
    fn wrong_types_and_unknown_checks() {
        let e = p("fail-on: severe\n").unwrap_err();
        assert!(e.message.contains("`fail-on` must be"), "{}", e.message);
        let e = p("checks:\n  skip:\n    - aws-s3-public-acl\n    - not-a-check\n").unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.message.contains("unknown check `not-a-check`"));
        let e = p("suppressions:\n  allow-inline: maybe\n").unwrap_err();
        assert!(e.message.contains("true or false"));
        let e = p("overrides:\n  - skip: [aws-s3-public-acl]\n").unwrap_err();
        assert!(e.message.contains("needs `paths`"));
    }

    #[test]
    fn drift_ignore_rules() {
        let c = p("drift:\n  ignore:\n    - type: aws_s3_bucket\n      attribute: logging\n    - id: \"sg-*\"\n").unwrap();
        assert_eq!(c.drift_ignore.len(), 2);
        assert_eq!(
            c.drift_ignore[0].resource_type.as_deref(),
            Some("aws_s3_bucket")
        );
        assert_eq!(c.drift_ignore[1].id.as_deref(), Some("sg-*"));
        let e = p("drift:\n  ignore:\n    - kind: x\n").unwrap_err();
        assert!(e.message.contains("unknown key `kind`"), "{}", e.message);
        let e = p("drift:\n  ignores: []\n").unwrap_err();
        assert!(e.message.contains("unknown key `ignores`"), "{}", e.message);
    }

    #[test]
    fn invalid_yaml_is_located() {
        let e = p("checks:\n  skip: [a\n").unwrap_err();
        assert!(e.message.starts_with("invalid YAML"), "{}", e.message);
        assert!(e.line >= 2);
    }

    #[test]
    fn preview_checks_are_opt_in() {
        assert!(!p("checks:\n  skip: []\n").unwrap().preview);
        assert!(p("checks:\n  preview: true\n").unwrap().preview);
        let e = p("checks:\n  preview: sometimes\n").unwrap_err();
        assert!(e.message.contains("checks.preview"), "{}", e.message);
    }

    #[test]
    fn empty_file_is_the_default() {
        let c = p("").unwrap();
        assert!(c.skip.is_empty() && c.fail_on.is_none());
        let c = p("# only a comment\n").unwrap();
        assert!(c.suppression.allow_inline);
    }

    #[test]
    fn found_upward() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::write(dir.path().join(".cloudsentinel.yaml"), "fail-on: low\n").unwrap();
        let found = find(&dir.path().join("a/b")).unwrap();
        assert_eq!(
            found,
            std::fs::canonicalize(dir.path())
                .unwrap()
                .join(".cloudsentinel.yaml")
        );
    }
}
