//! Finding the files to scan: a parallel, .gitignore-aware walk; each file goes to the first
//! front-end that claims it (by name, then content), and files none claims are skipped.

use crate::LoadOptions;
use crate::frontend::{FrontEnd, UnitScope, claimant};
use cloudsentinel_model::{Location, ParseError, SourceDb, State, TextRange};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What a walk found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Claimed files by front-end id, sorted.
    pub claimed: BTreeMap<&'static str, Vec<PathBuf>>,
    /// Files that could not be read: path and message.
    pub unreadable: Vec<(PathBuf, String)>,
    /// Walk problems that concern no single file (symlink loops, missing paths).
    pub notices: Vec<String>,
}

impl Discovered {
    /// The files front-end `id` claimed, sorted.
    pub fn files(&self, id: &str) -> &[PathBuf] {
        self.claimed.get(id).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// [`discover_with`] the built-in front-ends.
pub fn discover(paths: &[PathBuf], opts: &LoadOptions) -> Discovered {
    discover_with(paths, opts, crate::frontends::built_in())
}

/// Walks `paths` (files or directories) and hands each file to the first of `frontends`
/// that claims it. Directories are walked respecting .gitignore and skipping `.terraform`
/// (modules there are read through `modules.json` when called), `.terragrunt-cache`
/// (Terragrunt's copies of units and their modules) and `.git`.
pub fn discover_with(
    paths: &[PathBuf],
    opts: &LoadOptions,
    frontends: &[&'static dyn FrontEnd],
) -> Discovered {
    let mut out = Discovered::default();
    let mut walked: Vec<PathBuf> = Vec::new();
    for root in paths {
        let unsaved = !root.exists() && opts.overlays.contains_key(&normalize(root));
        if root.is_file() || unsaved {
            if let Some(f) = companion_of(root, opts, frontends) {
                // A companion passed alone (a staged `.tfvars` or Jinja template): the units
                // beside it, which may read it, are scanned instead.
                walked.extend(units_beside(root, f, opts, frontends));
                continue;
            }
            // A file of a directory-scoped front-end (Terraform) is evaluated with its
            // whole directory for context (variables and locals live in sibling files);
            // callers report findings only in the file itself.
            if let Some(f) = claimant(root, opts, frontends)
                && f.unit_scope() == UnitScope::Directory
            {
                let dir = match root.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                if let Ok(entries) = std::fs::read_dir(&dir) {
                    for e in entries.flatten() {
                        let p = e.path();
                        if p.is_file()
                            && claimant(&p, opts, frontends).is_some_and(|c| c.id() == f.id())
                        {
                            walked.push(normalize(&p));
                        }
                    }
                }
            }
            walked.push(normalize(root));
            continue;
        }
        if !root.exists() {
            out.notices
                .push(format!("{}: no such file or directory", root.display()));
            continue;
        }
        let walker = ignore::WalkBuilder::new(root)
            .hidden(false)
            .git_ignore(true)
            .git_global(false)
            .git_exclude(true)
            .require_git(false)
            .follow_links(true)
            .filter_entry({
                let exclude = opts.exclude.clone();
                move |e| {
                    let name = e.file_name().to_str().unwrap_or("");
                    let skipped_dir = e.file_type().is_some_and(|t| t.is_dir())
                        && (name == ".terraform" || name == ".git" || name == ".terragrunt-cache");
                    !skipped_dir && !exclude.as_ref().is_some_and(|x| x.matches(e.path()))
                }
            })
            .build();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                    walked.push(normalize(e.path()));
                }
                Ok(_) => {}
                Err(err) => out.notices.push(err.to_string()),
            }
        }
    }
    claim_all(&mut out, walked, opts, frontends);
    // Editor buffers of files not saved yet: part of the directory they are created in.
    let unit_dirs: BTreeSet<PathBuf> = frontends
        .iter()
        .filter(|f| f.unit_scope() == UnitScope::Directory)
        .flat_map(|f| out.files(f.id()))
        .map(|p| p.parent().map(Path::to_path_buf).unwrap_or_default())
        .collect();
    let mut unsaved: Vec<PathBuf> = Vec::new();
    for path in opts.overlays.keys() {
        let path = normalize(path);
        let under_a_root = paths.iter().any(|r| {
            let r = normalize(r);
            path.parent() == Some(r.as_path())
                || (r.is_dir() && path.starts_with(&r))
                || unit_dirs.contains(path.parent().unwrap_or(Path::new(".")))
        });
        let excluded = opts.exclude.as_ref().is_some_and(|x| x.matches(&path));
        if !path.exists() && under_a_root && !excluded {
            unsaved.push(path);
        }
    }
    claim_all(&mut out, unsaved, opts, frontends);
    for files in out.claimed.values_mut() {
        files.sort();
        files.dedup();
    }
    out.notices.sort();
    out.notices.dedup();
    out
}

/// The front-end `path` is a companion file of, when no front-end claims it as a source.
fn companion_of(
    path: &Path,
    opts: &LoadOptions,
    frontends: &[&'static dyn FrontEnd],
) -> Option<&'static dyn FrontEnd> {
    if claimant(path, opts, frontends).is_some() {
        return None;
    }
    frontends
        .iter()
        .copied()
        .find(|f| crate::frontend::has_suffix(path, f.companion_extensions()))
}

/// The files `f` claims in the directory of `companion`, and for a front-end whose units are
/// files, in the one above it too (Deployment Manager configs often import templates from a
/// sub-directory).
fn units_beside(
    companion: &Path,
    f: &'static dyn FrontEnd,
    opts: &LoadOptions,
    frontends: &[&'static dyn FrontEnd],
) -> Vec<PathBuf> {
    let dir = match companion.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut dirs = vec![dir.clone()];
    if f.unit_scope() == UnitScope::File
        && let Some(up) = std::path::absolute(&dir)
            .ok()
            .and_then(|d| d.parent().map(Path::to_path_buf))
    {
        dirs.push(up);
    }
    let mut out = Vec::new();
    for d in dirs {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_file() && claimant(&p, opts, frontends).is_some_and(|c| c.id() == f.id()) {
                out.push(normalize(&p));
            }
        }
    }
    out
}

/// Hands each of `files` to its claimant (in parallel: claiming may read the file).
fn claim_all(
    out: &mut Discovered,
    mut files: Vec<PathBuf>,
    opts: &LoadOptions,
    frontends: &[&'static dyn FrontEnd],
) {
    files.sort();
    files.dedup();
    let claims: Vec<(PathBuf, &'static str)> = files
        .into_par_iter()
        .filter_map(|p| {
            let f = claimant(&p, opts, frontends)?;
            Some((p, f.id()))
        })
        .collect();
    for (path, id) in claims {
        out.claimed.entry(id).or_default().push(path);
    }
}

/// Drops `.` components so `./main.tf` and `main.tf` name the same file.
pub fn normalize(p: &Path) -> PathBuf {
    let n: PathBuf = p
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if n.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        n
    }
}

/// Turns unreadable files into located parse errors.
pub fn read_errors_into_state(found: &Discovered, db: &SourceDb) -> State {
    let mut state = State::default();
    for (path, message) in &found.unreadable {
        let file = db.add(path.clone(), "");
        state.parse_errors.push(ParseError {
            location: Location::new(file, TextRange::default()),
            message: message.clone(),
        });
    }
    state
}
