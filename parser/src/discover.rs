//! Finding the files to scan: a parallel, .gitignore-aware walk, with format detection by
//! extension and content.

use crate::LoadOptions;
use cloudsentinel_model::{Location, ParseError, SourceDb, State, TextRange};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a walk found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Terraform files grouped by directory (each directory is one module), sorted.
    pub terraform_dirs: BTreeMap<PathBuf, Vec<PathBuf>>,
    /// YAML and JSON files that may be CloudFormation templates (decided by content when
    /// they are read), sorted.
    pub cfn_candidates: Vec<PathBuf>,
    /// Files that could not be read: path and message.
    pub unreadable: Vec<(PathBuf, String)>,
    /// Walk problems that concern no single file (symlink loops, missing paths).
    pub notices: Vec<String>,
}

pub fn is_terraform_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".tf") || name.ends_with(".tf.json")
}

/// A file whose content may be a CloudFormation template (`.yaml`, `.yml`, `.json`,
/// `.template`; `.tf.json` stays Terraform). Whether it is one is decided by its content.
pub fn is_cfn_candidate(path: &Path) -> bool {
    if is_terraform_file(path) {
        return false;
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    ["yaml", "yml", "json", "template"]
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e))
}

/// Walks `paths` (files or directories). Directories are walked respecting .gitignore and
/// skipping `.terraform` (modules there are read through `modules.json` when called).
pub fn discover(paths: &[PathBuf], opts: &LoadOptions) -> Discovered {
    let mut out = Discovered::default();
    for root in paths {
        let unsaved = !root.exists() && opts.overlays.contains_key(&normalize(root));
        if root.is_file() || unsaved {
            // A Terraform file is evaluated with its whole module for context (variables and
            // locals live in sibling files); callers report findings only in the file itself.
            if is_terraform_file(root) {
                let dir = match root.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                if let Ok(entries) = std::fs::read_dir(&dir) {
                    for e in entries.flatten() {
                        let p = e.path();
                        if is_terraform_file(&p) && p.is_file() {
                            add_file(&mut out, normalize(&p));
                        }
                    }
                }
            }
            add_file(&mut out, normalize(root));
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
                        && (name == ".terraform" || name == ".git");
                    !skipped_dir && !exclude.as_ref().is_some_and(|x| x.matches(e.path()))
                }
            })
            .build();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                    add_file(&mut out, normalize(e.path()))
                }
                Ok(_) => {}
                Err(err) => out.notices.push(err.to_string()),
            }
        }
    }
    // Editor buffers of files not saved yet: part of the directory they are created in.
    for path in opts.overlays.keys() {
        let path = normalize(path);
        let under_a_root = paths.iter().any(|r| {
            let r = normalize(r);
            path.parent() == Some(r.as_path())
                || (r.is_dir() && path.starts_with(&r))
                || out
                    .terraform_dirs
                    .contains_key(path.parent().unwrap_or(Path::new(".")))
        });
        let excluded = opts.exclude.as_ref().is_some_and(|x| x.matches(&path));
        if !path.exists() && under_a_root && !excluded {
            add_file(&mut out, path);
        }
    }
    for files in out.terraform_dirs.values_mut() {
        files.sort();
        files.dedup();
    }
    out.cfn_candidates.sort();
    out.cfn_candidates.dedup();
    out.notices.sort();
    out.notices.dedup();
    out
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

fn add_file(out: &mut Discovered, path: PathBuf) {
    if is_terraform_file(&path) {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        out.terraform_dirs.entry(dir).or_default().push(path);
    } else if is_cfn_candidate(&path) {
        out.cfn_candidates.push(path);
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
