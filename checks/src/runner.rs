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
    /// Suppressions that matched a finding but did not apply (expired, no reason, disallowed).
    pub suppression_warnings: Vec<SuppressionWarning>,
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

impl Analysis {
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
    if let Some(config) = &opts.config {
        apply_overrides(&mut findings, &db, config);
    }
    let today = opts.today.clone().unwrap_or_else(today_utc);
    let suppression_warnings = suppress::apply(&mut findings, &db, &today, opts.suppression);
    for f in &mut findings {
        f.fingerprint = fingerprint(f, &db);
    }
    let scope = Scope::new(paths);
    findings.retain(|f| scope.contains(f.location, &db));
    sort_findings(&mut findings, &db);
    passes.retain(|p| scope.contains(p.location, &db));
    passes.sort_by_cached_key(|p| {
        let loc = p
            .location
            .map(|l| (db.get(l.file).path.clone(), l.range.start));
        (loc, p.live_id.clone(), p.check_id, p.resource.clone())
    });
    let mut notices = state.notices;
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
        elapsed: start.elapsed(),
    }
}

/// Drops findings of checks that the configuration skips for their path.
fn apply_overrides(findings: &mut Vec<Finding>, db: &SourceDb, config: &crate::config::Config) {
    let Some(base) = config.base_dir() else {
        return;
    };
    if config.overrides.is_empty() {
        return;
    }
    let base = cloudsentinel_parser::discover::normalize(base);
    findings.retain(|f| {
        let Some(loc) = f.location else { return true };
        let path = db.get(loc.file).path.clone();
        let abs = std::path::absolute(&path).unwrap_or(path);
        let abs = cloudsentinel_parser::discover::normalize(&abs);
        let Ok(rel) = abs.strip_prefix(&base) else {
            return true;
        };
        !config.skipped_for(rel).any(|id| id == f.check_id)
    });
}

/// Files given by name are evaluated with their module for context, but only their own
/// findings (and passes) are reported: the pre-commit case, only staged files.
struct Scope {
    /// `None` when no file is named: everything is in scope.
    roots: Option<Vec<(PathBuf, bool)>>,
}

impl Scope {
    fn new(paths: &[PathBuf]) -> Self {
        use cloudsentinel_parser::discover::normalize;
        let roots = paths
            .iter()
            .any(|p| p.is_file())
            .then(|| paths.iter().map(|p| (normalize(p), p.is_file())).collect());
        Scope { roots }
    }

    fn contains(&self, location: Option<Location>, db: &SourceDb) -> bool {
        location.is_none_or(|loc| self.contains_path(&db.get(loc.file).path))
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

fn sort_findings(findings: &mut [Finding], db: &SourceDb) {
    findings.sort_by_cached_key(|f| {
        let loc = f
            .location
            .map(|l| (db.get(l.file).path.clone(), l.range.start, l.range.end));
        (
            loc,
            f.live_id.clone(),
            f.check_id,
            f.resource.clone(),
            f.message.clone(),
        )
    });
}

/// A fingerprint that survives moving and reformatting: the check, the file, the resource,
/// and the offending text with whitespace removed (nothing for findings on a missing setting,
/// which point at the whole resource).
fn fingerprint(f: &Finding, db: &SourceDb) -> String {
    let mut h = Sha256::new();
    h.update(f.check_id.as_bytes());
    h.update([0]);
    if let Some(loc) = f.location {
        let file = db.get(loc.file);
        h.update(file.path.to_string_lossy().as_bytes());
        h.update([0]);
        if Some(loc) != f.resource_location {
            let text = file.text.get(loc.range.as_range()).unwrap_or("");
            let squeezed: String = text
                .chars()
                .filter(|c| !c.is_whitespace())
                .take(512)
                .collect();
            h.update(squeezed.as_bytes());
        }
    }
    h.update([0]);
    if let Some((id, region)) = &f.live_id {
        h.update(id.as_bytes());
        h.update(region.as_deref().unwrap_or("").as_bytes());
    }
    h.update([0]);
    h.update(f.resource.as_deref().unwrap_or("").as_bytes());
    let digest = h.finalize();
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
