//! The single analysis entry point shared by the CLI, the language server and the tests.

use crate::check::Check;
use crate::finding::{Finding, Pass, Report};
use crate::registry;
use crate::suppress::{self, SuppressionPolicy, SuppressionWarning};
use cloudsentinel_model::{Location, Notice, SourceDb, State};
use cloudsentinel_parser::LoadOptions;
use cloudsentinel_parser::frontend::FrontEnd;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::fmt::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What to analyse and how.
#[derive(Debug, Clone, Default)]
pub struct AnalysisOptions {
    pub load: LoadOptions,
    /// Run only these checks (empty: all).
    pub only: Vec<String>,
    /// Never run these checks.
    pub skip: Vec<String>,
    /// Also run checks in preview (`--preview`, `checks.preview`).
    pub preview: bool,
    /// Keep what each check passed in [`Analysis::passes`] (compliance reports, the example
    /// tests); plain scans leave it off and skip the cost.
    pub record_passes: bool,
    /// `YYYY-MM-DD` for suppression expiry (default: today, UTC).
    pub today: Option<String>,
    pub suppression: SuppressionPolicy,
    /// The project configuration, for its per-path overrides (the CLI merges the rest into
    /// these options).
    pub config: Option<std::sync::Arc<crate::config::Config>>,
}

/// The result of an analysis.
#[derive(Debug)]
pub struct Analysis {
    pub db: SourceDb,
    /// Sorted by file, position and check ID; suppressed findings included (see `suppression`).
    pub findings: Vec<Finding>,
    /// What each check examined and found compliant, sorted like the findings (empty unless
    /// [`AnalysisOptions::record_passes`]).
    pub passes: Vec<Pass>,
    /// What could not be evaluated.
    pub notices: Vec<Notice>,
    /// Suppressions that did not apply (expired, no reason, disallowed), name an unknown
    /// check, or suppress nothing.
    pub suppression_warnings: Vec<SuppressionWarning>,
    /// The directory fingerprints and baselines key paths by: the git root of the first
    /// scanned path, else the configuration's directory, else the scanned directory.
    pub project_root: Option<PathBuf>,
    /// Set by a consumer that applied a baseline: how many of its entries matched.
    pub baseline: Option<BaselineMatch>,
    /// Files whose findings are reported: every file read, except the siblings of a file
    /// named on the command line that were read only to evaluate its module.
    pub files_scanned: usize,
    /// Files read only for context (the rest of a named file's module), not reported on.
    pub files_read_for_context: usize,
    pub bytes_scanned: u64,
    /// Live scans: how many resources were read from the cloud (files_scanned is 0).
    pub live_resources: Option<usize>,
    pub elapsed: Duration,
}

/// How a baseline matched a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BaselineMatch {
    /// Entries matching a finding of this scan.
    pub matched: usize,
    /// Entries in the baseline.
    pub entries: usize,
}

impl Analysis {
    /// True when a suppression problem fails the scan (`--strict-suppressions`).
    pub fn suppression_errors(&self) -> bool {
        self.suppression_warnings.iter().any(|w| w.error)
    }

    pub fn unsuppressed(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.suppression.is_none())
    }
}

/// The front-ends and checks an analysis uses: the built-in ones, or those plus others (a
/// plugin crate, the toy provider of the tests), each added by one registration.
#[derive(Debug, Clone, Copy)]
pub struct Registry<'a> {
    pub frontends: &'a [&'static dyn FrontEnd],
    pub checks: &'a [&'static Check],
}

impl Registry<'static> {
    /// Every built-in front-end and check.
    pub fn built_in() -> Self {
        Registry {
            frontends: cloudsentinel_parser::frontends::built_in(),
            checks: registry::ALL,
        }
    }
}

/// Loads every source under `paths`, runs the selected checks and applies suppressions.
pub fn analyze(paths: &[PathBuf], opts: &AnalysisOptions) -> Analysis {
    analyze_with(paths, opts, Registry::built_in())
}

/// [`analyze`] with the front-ends and checks of `with`.
pub fn analyze_with(paths: &[PathBuf], opts: &AnalysisOptions, with: Registry<'_>) -> Analysis {
    let start = Instant::now();
    let db = SourceDb::new();
    let state = cloudsentinel_parser::load_with(paths, &opts.load, &db, with.frontends);
    finish(paths, db, state, opts, with.checks, start)
}

/// Runs the checks on a state that was not loaded from `paths` (a live account, drift
/// between declared and live state), with the same selection, suppressions, fingerprints
/// and ordering as [`analyze`]. `db` holds any source files the state points into.
pub fn analyze_state(db: SourceDb, state: State, opts: &AnalysisOptions) -> Analysis {
    finish(&[], db, state, opts, registry::ALL, Instant::now())
}

fn finish(
    paths: &[PathBuf],
    db: SourceDb,
    state: State,
    opts: &AnalysisOptions,
    available: &[&'static Check],
    start: Instant,
) -> Analysis {
    let checks = registry::select_from(available, &opts.only, &opts.skip, opts.preview);
    let (mut findings, mut passes) = run(&state, &checks, opts.record_passes);
    // The model is not needed past this point; freeing it before suppressions, fingerprints
    // and sorting keeps a large scan's peak memory to the model or the findings, not both.
    let read_on_behalf: Vec<(PathBuf, PathBuf)> = state
        .extensions
        .get::<cloudsentinel_parser::frontend::ReadOnBehalf>()
        .map(|read| {
            read.files
                .iter()
                .map(|(read, owner)| (db.get(*read).path.clone(), db.get(*owner).path.clone()))
                .collect()
        })
        .unwrap_or_default();
    let mut notices = state.notices;
    if let Some(config) = &opts.config {
        apply_overrides(&mut findings, &db, config);
    }
    let today = opts.today.clone().unwrap_or_else(today_utc);
    let mut suppression_warnings = suppress::apply(
        &mut findings,
        &db,
        &today,
        opts.suppression,
        available,
        &checks,
    );
    // A suppression is unused only where its check ran: not in a live or drift scan (the
    // source files there only locate declared values), not where an override skips it.
    suppression_warnings.retain(|w| {
        w.kind != suppress::WarningKind::Unused
            || (!paths.is_empty()
                && !opts
                    .config
                    .as_deref()
                    .is_some_and(|c| skipped_by_override(c, &db, w.location, &w.check_id)))
    });
    let project_root = project_root(paths, opts.config.as_deref());
    let mut relative = std::collections::HashMap::new();
    for f in &mut findings {
        let path = f.location.map(|l| {
            relative
                .entry(l.file)
                .or_insert_with(|| project_path(&db.get(l.file).path, project_root.as_deref()))
                .clone()
        });
        f.fingerprint = fingerprint(f, &db, path.as_deref());
    }
    let mut scope = Scope::new(paths);
    scope.read_on_behalf = read_on_behalf;
    findings.retain(|f| scope.contains(f.location, &db));
    suppression_warnings.retain(|w| scope.contains(Some(w.location), &db));
    sort_findings(&mut findings, &db);
    // The same finding from two sources of one resource (a Terraform plan whose `.tf`
    // configuration is scanned too) is reported once.
    findings.dedup_by(|a, b| {
        a.check_id == b.check_id
            && a.location == b.location
            && a.live_id == b.live_id
            && a.resource == b.resource
            && a.message == b.message
    });
    passes.retain(|p| scope.contains(p.location, &db));
    passes.sort_by_cached_key(|p| {
        let loc = p
            .location
            .map(|l| (db.get(l.file).path.clone(), l.range.start));
        (loc, p.live_id.clone(), p.check_id, p.resource.clone())
    });
    notices.sort_by(|a, b| {
        let ka = a
            .location
            .map(|l| (db.get(l.file).path.clone(), l.range.start));
        let kb = b
            .location
            .map(|l| (db.get(l.file).path.clone(), l.range.start));
        ka.cmp(&kb).then_with(|| a.message.cmp(&b.message))
    });
    notices.dedup();
    let files = db.files();
    let bytes_scanned = files.iter().map(|(_, f)| f.text.len() as u64).sum();
    let files_scanned = files
        .iter()
        .filter(|(_, f)| scope.contains_path(&f.path))
        .count();
    Analysis {
        files_scanned,
        files_read_for_context: files.len() - files_scanned,
        bytes_scanned,
        live_resources: None,
        db,
        findings,
        passes,
        notices,
        suppression_warnings,
        project_root,
        baseline: None,
        elapsed: start.elapsed(),
    }
}

/// Drops findings of checks that the configuration skips for their path.
fn apply_overrides(findings: &mut Vec<Finding>, db: &SourceDb, config: &crate::config::Config) {
    if config.base_dir().is_none() || config.overrides.is_empty() {
        return;
    }
    findings.retain(|f| {
        let Some(loc) = f.location else { return true };
        !skipped_by_override(config, db, loc, f.check_id)
    });
}

/// True when a per-path override of the configuration skips `check` (an ID or alias) at `loc`.
fn skipped_by_override(
    config: &crate::config::Config,
    db: &SourceDb,
    loc: Location,
    check: &str,
) -> bool {
    let Some(base) = config.base_dir() else {
        return false;
    };
    if config.overrides.is_empty() {
        return false;
    }
    let base = cloudsentinel_parser::discover::normalize(base);
    let path = db.get(loc.file).path.clone();
    let abs = std::path::absolute(&path).unwrap_or(path);
    let abs = cloudsentinel_parser::discover::normalize(&abs);
    let Ok(rel) = abs.strip_prefix(&base) else {
        return false;
    };
    let checks = registry::resolve(check);
    config
        .skipped_for(rel)
        .any(|id| id == check || checks.iter().any(|c| c.meta.id == id))
}

/// Files given by name are evaluated with their module for context, but only their own
/// findings (and passes) are reported: the pre-commit case, only staged files.
struct Scope {
    /// `None` when no file is named: everything is in scope.
    roots: Option<Vec<(PathBuf, bool)>>,
    /// Files read for another file (a plan's configuration): in scope with it.
    read_on_behalf: Vec<(PathBuf, PathBuf)>,
}

impl Scope {
    fn new(paths: &[PathBuf]) -> Self {
        use cloudsentinel_parser::discover::normalize;
        let roots = paths
            .iter()
            .any(|p| p.is_file())
            .then(|| paths.iter().map(|p| (normalize(p), p.is_file())).collect());
        Scope {
            roots,
            read_on_behalf: Vec::new(),
        }
    }

    fn contains(&self, location: Option<Location>, db: &SourceDb) -> bool {
        location.is_none_or(|loc| {
            let path = &db.get(loc.file).path;
            self.contains_path(path)
                || self
                    .read_on_behalf
                    .iter()
                    .any(|(read, owner)| read == path && self.contains_path(owner))
        })
    }

    fn contains_path(&self, path: &std::path::Path) -> bool {
        let Some(roots) = &self.roots else {
            return true;
        };
        let path = cloudsentinel_parser::discover::normalize(path);
        roots.iter().any(|(root, is_file)| {
            if *is_file {
                path == *root
            } else {
                root.as_os_str() == "." || path.starts_with(root)
            }
        })
    }
}

/// Runs `checks` over `state` in parallel.
pub fn run_checks(state: &State, checks: &[&'static Check]) -> Vec<Finding> {
    run(state, checks, false).0
}

/// Runs `checks` over `state` in parallel, keeping what passed as well.
pub fn run_checks_with_passes(
    state: &State,
    checks: &[&'static Check],
) -> (Vec<Finding>, Vec<Pass>) {
    run(state, checks, true)
}

fn run(state: &State, checks: &[&'static Check], record_passes: bool) -> (Vec<Finding>, Vec<Pass>) {
    // `state` is borrowed for the whole run, so resource addresses are stable keys.
    let related = crate::finding::RelatedCache::default();
    let reports: Vec<(Vec<Finding>, Vec<Pass>)> = checks
        .par_iter()
        .map(|c| {
            let mut report = Report::new(&c.meta, related.clone(), record_passes);
            (c.run)(state, &mut report);
            (report.findings, report.passes)
        })
        .collect();
    let mut findings = Vec::with_capacity(reports.iter().map(|r| r.0.len()).sum());
    let mut passes = Vec::with_capacity(reports.iter().map(|r| r.1.len()).sum());
    for (f, p) in reports {
        findings.extend(f);
        passes.extend(p);
    }
    (findings, passes)
}

/// The order of findings, borrowed from them: located ones by file rank and range, then live
/// id, check and resource (the message breaks the remaining ties).
type SortKey<'a> = (
    Option<(u32, u32, u32)>,
    Option<&'a crate::finding::LiveId>,
    &'static str,
    Option<&'a str>,
);

fn sort_key<'a>(f: &'a Finding, rank: &[u32]) -> SortKey<'a> {
    let loc = f.location.map(|l| {
        let r = rank.get(l.file.0 as usize).copied().unwrap_or(u32::MAX);
        (r, l.range.start, l.range.end)
    });
    (loc, f.live_id.as_deref(), f.check_id, f.resource.as_deref())
}

fn sort_findings(findings: &mut [Finding], db: &SourceDb) {
    // Files are ranked by path once; the comparison borrows everything else, so sorting
    // tens of thousands of findings copies no strings.
    let rank = file_ranks(db);
    findings.sort_by(|a, b| {
        sort_key(a, &rank)
            .cmp(&sort_key(b, &rank))
            .then_with(|| a.message.cmp(&b.message))
    });
}

/// Each file's position in path order, indexed by its id.
fn file_ranks(db: &SourceDb) -> Vec<u32> {
    let files = db.files();
    let mut by_path: Vec<(&std::path::Path, u32)> = files
        .iter()
        .map(|(id, f)| (f.path.as_path(), id.0))
        .collect();
    by_path.sort_unstable();
    let mut rank = vec![
        0;
        files
            .iter()
            .map(|(id, _)| id.0 as usize + 1)
            .max()
            .unwrap_or(0)
    ];
    let mut previous: Option<(&std::path::Path, u32)> = None;
    for (i, (path, id)) in by_path.into_iter().enumerate() {
        // Two ids of one path rank equal, as their paths compare.
        let r = match previous {
            Some((p, r)) if p == path => r,
            _ => i as u32,
        };
        rank[id as usize] = r;
        previous = Some((path, r));
    }
    rank
}

/// The directory paths in fingerprints are relative to: the git root of the first scanned
/// path, else the configuration's directory, else the scanned directory. `None` for live scans.
pub fn project_root(paths: &[PathBuf], config: Option<&crate::config::Config>) -> Option<PathBuf> {
    let first = paths.first()?;
    let abs = std::fs::canonicalize(first).ok()?;
    let dir = if abs.is_file() {
        abs.parent()?.to_path_buf()
    } else {
        abs
    };
    if let Some(git) = dir.ancestors().find(|d| d.join(".git").exists()) {
        return Some(git.to_path_buf());
    }
    if let Some(base) = config.and_then(crate::config::Config::base_dir) {
        return Some(std::fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf()));
    }
    Some(dir)
}

/// `path` relative to `root`, with `/` separators; as given when it lies outside `root`.
pub fn project_path(path: &std::path::Path, root: Option<&std::path::Path>) -> String {
    let rel = root.and_then(|root| {
        let abs = std::fs::canonicalize(path).ok()?;
        abs.strip_prefix(root)
            .ok()
            .map(std::path::Path::to_path_buf)
    });
    let p = rel.unwrap_or_else(|| cloudsentinel_parser::discover::normalize(path));
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A fingerprint that survives moving and reformatting, and running from another directory:
/// the check, the file's path relative to the project root (`path`), the resource, the
/// offending text with whitespace removed (nothing for findings on a missing setting, which
/// point at the whole resource), and the message, which names the offending values (a port
/// outside the located text, say).
fn fingerprint(f: &Finding, db: &SourceDb, path: Option<&str>) -> String {
    let mut h = Sha256::new();
    h.update(b"v2\0");
    h.update(f.check_id.as_bytes());
    h.update([0]);
    if let (Some(loc), Some(path)) = (f.location, path) {
        h.update(path.as_bytes());
        h.update([0]);
        h.update(offending_text(f, db, loc).as_bytes());
    }
    h.update([0]);
    if let Some((id, region)) = f.live_id.as_deref() {
        h.update(id.as_bytes());
        h.update(region.as_deref().unwrap_or("").as_bytes());
    }
    h.update([0]);
    h.update(f.resource.as_deref().unwrap_or("").as_bytes());
    h.update([0]);
    h.update(f.message.as_bytes());
    hex(&h.finalize())
}

/// The located text with whitespace removed; empty when the finding points at its resource.
fn offending_text(f: &Finding, db: &SourceDb, loc: Location) -> String {
    if Some(loc) == f.resource_location {
        return String::new();
    }
    let file = db.get(loc.file);
    file.text
        .get(loc.range.as_range())
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(512)
        .collect()
}

/// The fingerprint of version 1 baselines: the path as given on the command line, no message.
/// Kept so baselines written by earlier versions still match when scanned the same way.
pub fn fingerprint_v1(f: &Finding, db: &SourceDb) -> String {
    let mut h = Sha256::new();
    h.update(f.check_id.as_bytes());
    h.update([0]);
    if let Some(loc) = f.location {
        let file = db.get(loc.file);
        h.update(file.path.to_string_lossy().as_bytes());
        h.update([0]);
        h.update(offending_text(f, db, loc).as_bytes());
    }
    h.update([0]);
    if let Some((id, region)) = f.live_id.as_deref() {
        h.update(id.as_bytes());
        h.update(region.as_deref().unwrap_or("").as_bytes());
    }
    h.update([0]);
    h.update(f.resource.as_deref().unwrap_or("").as_bytes());
    hex(&h.finalize())
}

fn hex(digest: &[u8]) -> String {
    digest
        .iter()
        .take(16)
        .fold(String::with_capacity(32), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Today's date in UTC as `YYYY-MM-DD`.
pub fn today_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::civil_date;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_781), "2026-11-24");
        assert_eq!(civil_date(11_016), "2000-02-29");
    }
}
