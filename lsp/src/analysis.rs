//! Running the shared analysis for an editor: which files form a unit, the call into
//! [`cloudsentinel_checks::analyze`] with the open buffers as overlays, and the conversion of
//! its findings into LSP diagnostics. No check logic lives here.

use cloudsentinel_checks::config::Config;
use cloudsentinel_checks::{Severity, analyze, options, registry};
use cloudsentinel_model::{SourceFile, TextRange};
use cloudsentinel_parser::frontend::{self, UnitScope};
use cloudsentinel_parser::frontends;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Position, Range, Uri,
};

/// The `source` of every diagnostic.
pub const SOURCE: &str = "cloudsentinel";

/// True when `path` (a source or a companion file such as a Terraform `.tfvars`) belongs to
/// a front-end whose units are directories: it is analysed with its whole directory.
pub fn is_directory_scoped(path: &Path) -> bool {
    frontend::by_name(path, frontends::built_in())
        .is_some_and(|f| f.unit_scope() == UnitScope::Directory)
}

/// What one analysis covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unit {
    /// A module directory (Terraform), or a single template file.
    pub path: PathBuf,
    /// The unit is a directory (its front-end groups files by directory).
    pub directory: bool,
}

impl Unit {
    /// The unit an edited file belongs to, as its front-end groups files: its directory
    /// for Terraform (every file of a module is evaluated together), the file itself
    /// otherwise.
    pub fn of(file: &Path) -> Unit {
        if is_directory_scoped(file) {
            let dir = file
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            Unit {
                path: dir,
                directory: true,
            }
        } else {
            Unit {
                path: file.to_path_buf(),
                directory: false,
            }
        }
    }

    /// True when an edit of `file` changes this unit's result.
    pub fn contains(&self, file: &Path) -> bool {
        if self.directory {
            is_directory_scoped(file) && file.parent() == Some(self.path.as_path())
        } else {
            file == self.path
        }
    }
}

/// A finding as the editor needs it, with positions in the analysed text.
#[derive(Debug, Clone)]
pub struct FindingView {
    pub check_id: &'static str,
    pub severity: Severity,
    pub message: String,
    pub resource: Option<String>,
    /// Byte range of the finding in its file.
    pub location: TextRange,
    /// Byte range of the resource's declaration, when it is in the same file.
    pub resource_location: Option<TextRange>,
    /// The finding is about a setting that is absent: it points at the whole resource.
    pub on_resource: bool,
    /// The range shown in the editor: the header line for findings on a whole resource.
    pub range: Range,
    pub related: Vec<(PathBuf, Range, String)>,
    pub suppressed: bool,
}

/// The findings of one file, with the text they were computed on.
#[derive(Debug, Clone)]
pub struct FileResult {
    pub file: Arc<SourceFile>,
    pub findings: Vec<FindingView>,
    /// Suppression comments that name an unknown check, cover no finding, or do not apply.
    pub warnings: Vec<Diagnostic>,
}

/// A configuration that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    pub path: Option<PathBuf>,
    /// 1-based.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Everything one analysis of a unit produced.
#[derive(Debug, Clone, Default)]
pub struct UnitResult {
    /// Files with at least one finding (suppressed ones included), by absolute path.
    pub files: BTreeMap<PathBuf, FileResult>,
    /// The texts of every analysed file (to tell whether a buffer changed since).
    pub texts: HashMap<PathBuf, Arc<str>>,
    /// IDs of the checks that ran.
    pub checks_run: Vec<&'static str>,
    pub config_path: Option<PathBuf>,
    pub config_problem: Option<ConfigProblem>,
    pub elapsed: Duration,
}

/// How the editor resolves remote Terraform modules: from the module cache only, unless
/// the configuration enables downloads (`terraform.download-modules`), so typing never
/// makes a network call by default.
pub fn module_settings(config: Option<&Config>) -> cloudsentinel_fetch::Settings {
    cloudsentinel_fetch::Settings {
        download: config.is_some_and(|c| c.download_modules),
        cache_dir: config.and_then(|c| c.module_cache.clone()),
        ..cloudsentinel_fetch::Settings::default()
    }
}

/// The resolver for `settings`. Reading the cache is cheap and must see what a terminal
/// scan adds to it, so cache-only resolvers are made per analysis; a downloading one is kept
/// for the server's life, so a module that failed to download is not requested again on
/// every keystroke (restart the server to retry).
fn module_resolution(
    settings: cloudsentinel_fetch::Settings,
) -> cloudsentinel_parser::terraform::remote::RemoteModules {
    use cloudsentinel_parser::terraform::remote::RemoteModules;
    static DOWNLOADERS: std::sync::OnceLock<
        std::sync::Mutex<HashMap<String, Arc<cloudsentinel_fetch::Fetcher>>>,
    > = std::sync::OnceLock::new();
    if !settings.download {
        return cloudsentinel_fetch::remote_modules(settings);
    }
    let key = format!("{settings:?}");
    let fetcher = DOWNLOADERS
        .get_or_init(std::sync::Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .entry(key)
        .or_insert_with(|| Arc::new(cloudsentinel_fetch::Fetcher::new(settings)))
        .clone();
    RemoteModules {
        resolver: Some(fetcher),
    }
}

/// Analyses `unit` with `overlays` (unsaved buffers by absolute path) replacing the files on
/// disk, honouring the nearest `.cloudsentinel.yaml`.
pub fn analyse(unit: &Unit, overlays: Arc<HashMap<PathBuf, String>>) -> UnitResult {
    let start = std::time::Instant::now();
    let mut result = UnitResult::default();
    let config_start = if unit.path.exists() {
        unit.path.clone()
    } else {
        unit.path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    };
    let config = match options::find_config(&config_start) {
        Ok(c) => c,
        Err(e) => {
            result.config_problem = Some(ConfigProblem {
                path: Some(e.path.clone()),
                line: e.line,
                column: e.column,
                message: e.message.clone(),
            });
            None
        }
    };
    result.config_path = config.as_ref().and_then(|c| c.path.clone());
    let mut opts = match options::analysis_options(config.as_ref(), &options::Flags::default()) {
        Ok(o) => o,
        Err(message) => {
            result.config_problem = Some(ConfigProblem {
                path: result.config_path.clone(),
                line: 1,
                column: 1,
                message,
            });
            options::analysis_options(None, &options::Flags::default()).unwrap_or_default()
        }
    };
    opts.load
        .set_frontend(module_resolution(module_settings(config.as_ref())));
    result.checks_run = registry::select(&opts.only, &opts.skip)
        .iter()
        .map(|c| c.meta.id)
        .collect();
    if let Some(cfg) = &config
        && excluded(cfg, &unit.path)
    {
        result.elapsed = start.elapsed();
        return result;
    }
    opts.load.overlays = overlays;
    let paths = if unit.directory {
        opts.load.exclude = Some(directory_only(&unit.path, config.as_ref()));
        vec![unit.path.clone()]
    } else {
        vec![unit.path.clone()]
    };
    let analysis = analyze(&paths, &opts);
    let db = &analysis.db;
    for (_, f) in db.files() {
        result.texts.insert(f.path.clone(), f.text.clone());
    }
    for f in &analysis.findings {
        let Some(loc) = f.location else { continue };
        let file = db.get(loc.file);
        let on_resource = f.resource_location == Some(loc);
        let shown = if on_resource {
            header_of(&file.text, loc.range)
        } else {
            visible(&file.text, loc.range)
        };
        let related = f
            .related
            .iter()
            .map(|r| {
                let rf = db.get(r.location.file);
                // Module calls and merged resources are blocks: point at their header.
                let range = header_of(&rf.text, r.location.range);
                (rf.path.clone(), lsp_range(&rf, range), r.message.clone())
            })
            .collect();
        let view = FindingView {
            check_id: f.check_id,
            severity: f.severity,
            message: f.message.clone(),
            resource: f.resource.as_deref().map(str::to_owned),
            location: loc.range,
            resource_location: f
                .resource_location
                .filter(|r| r.file == loc.file)
                .map(|r| r.range),
            on_resource,
            range: lsp_range(&file, shown),
            related,
            suppressed: f.suppression.is_some(),
        };
        result
            .files
            .entry(file.path.clone())
            .or_insert_with(|| FileResult {
                file: file.clone(),
                findings: Vec::new(),
                warnings: Vec::new(),
            })
            .findings
            .push(view);
    }
    for w in &analysis.suppression_warnings {
        let file = db.get(w.location.file);
        let diagnostic = Diagnostic {
            range: lsp_range(&file, visible(&file.text, w.location.range)),
            severity: Some(if w.error {
                DiagnosticSeverity::ERROR
            } else {
                DiagnosticSeverity::WARNING
            }),
            code: Some(NumberOrString::String(SUPPRESSION_CODE.to_string())),
            source: Some(SOURCE.to_string()),
            message: w.message.clone(),
            ..Diagnostic::default()
        };
        result
            .files
            .entry(file.path.clone())
            .or_insert_with(|| FileResult {
                file: file.clone(),
                findings: Vec::new(),
                warnings: Vec::new(),
            })
            .warnings
            .push(diagnostic);
    }
    result.elapsed = start.elapsed();
    result
}

/// True when the configuration excludes `path` (relative to the configuration's directory).
fn excluded(cfg: &Config, path: &Path) -> bool {
    let Some(base) = cfg.base_dir() else {
        return false;
    };
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let abs = cloudsentinel_parser::discover::normalize(&abs);
    let base = cloudsentinel_parser::discover::normalize(base);
    abs.strip_prefix(&base)
        .is_ok_and(|rel| !rel.as_os_str().is_empty() && cfg.is_excluded(rel))
}

/// An exclusion that keeps a walk of `dir` to the directory's own files: modules in
/// subdirectories are reached through their calls, never walked. Files the configuration
/// excludes stay excluded.
fn directory_only(dir: &Path, config: Option<&Config>) -> cloudsentinel_parser::Exclude {
    let mut b = globset::GlobSetBuilder::new();
    if let Ok(g) = globset::Glob::new("*/**") {
        b.add(g);
    }
    if let (Some(cfg), Ok(entries)) = (config, std::fs::read_dir(dir)) {
        for e in entries.flatten() {
            let p = e.path();
            if excluded(cfg, &p)
                && let Some(name) = p.file_name().and_then(|n| n.to_str())
                && let Ok(g) = globset::Glob::new(&globset::escape(name))
            {
                b.add(g);
            }
        }
    }
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    cloudsentinel_parser::Exclude {
        base: cloudsentinel_parser::discover::normalize(&abs),
        globs: Arc::new(b.build().unwrap_or_else(|_| globset::GlobSet::empty())),
    }
}

/// The first line of `range` (a finding on a whole resource is shown on its header).
pub fn header_of(text: &str, range: TextRange) -> TextRange {
    let line = crate::blocks::line_range(text, range.start);
    let end = line.end.min(range.end.max(range.start));
    let trimmed = text[range.start as usize..end as usize].trim_end();
    TextRange::new(range.start as usize, range.start as usize + trimmed.len())
}

/// An empty range (where a parser stopped) widened to the character there, or the one
/// before at the end of a line, so editors can underline it.
pub fn visible(text: &str, range: TextRange) -> TextRange {
    if !range.is_empty() {
        return range;
    }
    let at = (range.start as usize).min(text.len());
    match text[at..].chars().next() {
        Some(c) if c != '\n' && c != '\r' => TextRange::new(at, at + c.len_utf8()),
        _ => match text[..at].chars().next_back() {
            Some(c) if c != '\n' => TextRange::new(at - c.len_utf8(), at),
            _ => range,
        },
    }
}

/// An LSP position (UTF-16 columns) for a byte offset.
pub fn lsp_position(file: &SourceFile, offset: u32) -> Position {
    let lc = file.line_col(offset);
    Position::new(lc.line - 1, lc.column_utf16 - 1)
}

pub fn lsp_range(file: &SourceFile, range: TextRange) -> Range {
    Range::new(
        lsp_position(file, range.start),
        lsp_position(file, range.end),
    )
}

/// The byte offset of an LSP position.
pub fn offset_of(file: &SourceFile, pos: Position) -> u32 {
    file.lines
        .offset_of_utf16(&file.text, pos.line as usize, pos.character)
}

/// A file URI for an absolute path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

/// Error for critical and high, warning for medium, information for low.
pub fn lsp_severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Critical | Severity::High => DiagnosticSeverity::ERROR,
        Severity::Medium => DiagnosticSeverity::WARNING,
        Severity::Low => DiagnosticSeverity::INFORMATION,
    }
}

/// The diagnostic of a finding.
pub fn diagnostic(f: &FindingView) -> Diagnostic {
    let href = cloudsentinel_checks::emit::sarif::docs_uri(f.check_id);
    let message = match &f.resource {
        Some(r) => format!("{} ({r})", f.message),
        None => f.message.clone(),
    };
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .filter_map(|(path, range, message)| {
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri_of(path)?, *range),
                message: message.clone(),
            })
        })
        .collect();
    Diagnostic {
        range: f.range,
        severity: Some(lsp_severity(f.severity)),
        code: Some(NumberOrString::String(f.check_id.to_string())),
        code_description: href.parse().ok().map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The findings of a file that are shown: unsuppressed, at or above `min`.
pub fn shown(findings: &[FindingView], min: Severity) -> impl Iterator<Item = &FindingView> {
    findings
        .iter()
        .filter(move |f| !f.suppressed && f.severity >= min)
}

/// The diagnostics of one file.
pub fn diagnostics(file: &FileResult, min: Severity) -> Vec<Diagnostic> {
    shown(&file.findings, min)
        .map(diagnostic)
        .chain(file.warnings.iter().cloned())
        .collect()
}

/// The code of diagnostics on suppression comments (unknown check, unused, not applied).
pub const SUPPRESSION_CODE: &str = "cloudsentinel-suppression";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        let u = Unit::of(Path::new("/p/infra/main.tf"));
        assert_eq!(u.path, Path::new("/p/infra"));
        assert!(u.directory);
        assert!(u.contains(Path::new("/p/infra/terraform.tfvars")));
        assert!(!u.contains(Path::new("/p/infra/sub/main.tf")));
        let u = Unit::of(Path::new("/p/template.yaml"));
        assert_eq!(u.path, Path::new("/p/template.yaml"));
        assert!(!u.directory);
    }

    #[test]
    fn empty_ranges_become_visible() {
        let t = "ab\nc";
        assert_eq!(visible(t, TextRange::new(1, 1)), TextRange::new(1, 2));
        assert_eq!(visible(t, TextRange::new(2, 2)), TextRange::new(1, 2));
        assert_eq!(visible(t, TextRange::new(3, 3)), TextRange::new(3, 4));
        assert_eq!(visible("", TextRange::new(0, 0)), TextRange::new(0, 0));
    }

    #[test]
    fn header_is_the_first_line_trimmed() {
        let text = "resource \"a\" \"b\" {   \n  x = 1\n}\n";
        let r = header_of(text, TextRange::new(0, text.len() - 1));
        assert_eq!(&text[r.as_range()], "resource \"a\" \"b\" {");
    }
}

#[cfg(test)]
mod module_tests {
    use super::*;

    #[test]
    fn the_editor_never_downloads_modules_unless_the_configuration_says_so() {
        let none = module_settings(None);
        assert!(!none.download, "no configuration: cache only");
        let cfg = cloudsentinel_checks::config::parse(
            "terraform:\n  vars: {}\n",
            Path::new("/repo/.cloudsentinel.yaml"),
        )
        .expect("config");
        assert!(!module_settings(Some(&cfg)).download);
        let cfg = cloudsentinel_checks::config::parse(
            "terraform:\n  download-modules: true\n  module-cache: .modules\n",
            Path::new("/repo/.cloudsentinel.yaml"),
        )
        .expect("config");
        let on = module_settings(Some(&cfg));
        assert!(on.download && !on.offline);
        assert_eq!(on.cache_dir, Some(PathBuf::from("/repo/.modules")));
    }

    #[test]
    fn a_downloading_resolver_is_shared_between_analyses_a_cache_reader_is_not() {
        let same = |download: bool| {
            let settings = || cloudsentinel_fetch::Settings {
                download,
                cache_dir: Some(PathBuf::from("/nonexistent/cache")),
                ..cloudsentinel_fetch::Settings::default()
            };
            let a = module_resolution(settings()).resolver.expect("resolver");
            let b = module_resolution(settings()).resolver.expect("resolver");
            Arc::ptr_eq(&a, &b)
        };
        assert!(same(true));
        assert!(!same(false));
    }

    #[test]
    fn the_editor_reads_modules_from_the_cache() {
        let project = tempfile::tempdir().expect("tempdir");
        let cache = project.path().join("cache");
        let module = cache.join("registry/registry.terraform.io/acme/bucket/aws/1.2.0");
        std::fs::create_dir_all(&module).expect("mkdir");
        std::fs::write(
            module.join("main.tf"),
            "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n  acl    = \"public-read\"\n}\n",
        )
        .expect("write");
        let root = project.path().join("root");
        std::fs::create_dir_all(&root).expect("mkdir");
        std::fs::write(
            project.path().join(".cloudsentinel.yaml"),
            "terraform:\n  module-cache: cache\n",
        )
        .expect("write");
        std::fs::write(
            root.join("main.tf"),
            "module \"b\" {\n  source  = \"acme/bucket/aws\"\n  version = \"~> 1.0\"\n}\n",
        )
        .expect("write");
        let unit = Unit {
            path: root.clone(),
            directory: true,
        };
        let result = analyse(&unit, Arc::default());
        let in_cache: Vec<String> = result
            .files
            .iter()
            .filter(|(path, _)| path.starts_with(&cache))
            .flat_map(|(_, f)| f.findings.iter().map(|v| format!("{v:?}")))
            .collect();
        assert!(
            in_cache.iter().any(|f| f.contains("aws-s3-public-acl")),
            "{:?}",
            result.files.keys().collect::<Vec<_>>()
        );
    }
}
