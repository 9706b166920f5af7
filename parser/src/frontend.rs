//! The front-end interface: what a source format declares so that discovery, loading, the
//! language server and the pre-commit hook can handle it without naming it.
//!
//! A front-end says which files it claims (file-name suffixes as a hint, then the content),
//! how its files group into units (a Terraform module is a directory, a CloudFormation
//! template is a file with the nested stacks it calls), and how it loads its files into a
//! [`State`] (parse, evaluate, adapt). The built-in front-ends are listed in
//! [`crate::frontends`]; [`crate::load_with`] runs the pipeline with any list of them.

use crate::LoadOptions;
use cloudsentinel_model::{SourceDb, State};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// How a front-end's files group into the units it evaluates together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitScope {
    /// Every claimed file of a directory is one unit (a Terraform module): a single file
    /// is evaluated with its siblings for context.
    Directory,
    /// Each file is a unit of its own (with whatever files it names, such as nested
    /// stack templates).
    File,
}

/// A source format: Terraform, CloudFormation, ….
pub trait FrontEnd: Send + Sync {
    /// Stable identifier (`terraform`, `cloudformation`).
    fn id(&self) -> &'static str;

    /// Name shown to people.
    fn name(&self) -> &'static str;

    /// File-name suffixes of the files it may claim (`.tf`, `.yaml`, …), matched without
    /// regard to case. A hint: [`FrontEnd::claims`] decides.
    fn extensions(&self) -> &'static [&'static str];

    /// Suffixes of files that are no source of their own but change a unit's result when
    /// edited (Terraform's `.tfvars`).
    fn companion_extensions(&self) -> &'static [&'static str] {
        &[]
    }

    /// How its files group into units.
    fn unit_scope(&self) -> UnitScope;

    /// True when it takes `file` (whose name matches one of [`FrontEnd::extensions`]).
    /// A front-end that needs the content reads it through [`Candidate::text`]; a file
    /// that cannot be read may be claimed so that loading reports it.
    fn claims(&self, file: &Candidate<'_>) -> bool;

    /// Parses, evaluates and adapts `files` (those it claimed, sorted) into a [`State`].
    /// A bad file becomes a parse error in the state; nothing here stops the scan.
    fn load(&self, files: &[PathBuf], opts: &LoadOptions, db: &SourceDb) -> State;
}

impl std::fmt::Debug for dyn FrontEnd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// True when `path`'s file name ends with one of `suffixes` (ignoring case).
pub fn has_suffix(path: &Path, suffixes: &[&str]) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    suffixes
        .iter()
        .any(|s| name.ends_with(&s.to_ascii_lowercase()))
}

/// A file a front-end may claim: its path, and its text read once on demand (an unsaved
/// editor buffer replaces the file on disk).
pub struct Candidate<'a> {
    pub path: &'a Path,
    opts: &'a LoadOptions,
    text: OnceLock<Option<String>>,
}

impl<'a> Candidate<'a> {
    pub fn new(path: &'a Path, opts: &'a LoadOptions) -> Self {
        Candidate {
            path,
            opts,
            text: OnceLock::new(),
        }
    }

    /// The file's text; `None` when it cannot be read as text (missing, larger than the
    /// size limit, binary, not UTF-8).
    pub fn text(&self) -> Option<&str> {
        self.text
            .get_or_init(|| crate::terraform::syntax::read_text(self.path, self.opts).ok())
            .as_deref()
    }
}

/// The first front-end of `frontends` that claims `path`.
pub fn claimant(
    path: &Path,
    opts: &LoadOptions,
    frontends: &[&'static dyn FrontEnd],
) -> Option<&'static dyn FrontEnd> {
    let candidate = Candidate::new(path, opts);
    frontends
        .iter()
        .copied()
        .filter(|f| has_suffix(path, f.extensions()))
        .find(|f| f.claims(&candidate))
}

/// The front-end whose units `path` belongs to by its name alone (a source or companion
/// suffix), for editors deciding what an edit affects without reading the file.
pub fn by_name(path: &Path, frontends: &[&'static dyn FrontEnd]) -> Option<&'static dyn FrontEnd> {
    frontends
        .iter()
        .copied()
        .find(|f| has_suffix(path, f.extensions()) || has_suffix(path, f.companion_extensions()))
}

/// The pre-commit `files:` pattern matching every suffix the front-ends claim and every
/// companion suffix (an edited `.tfvars` or Jinja template changes the result of the units
/// beside it). A suffix that does not start with a dot is a whole file name
/// (`terragrunt.hcl`).
pub fn files_pattern(frontends: &[&'static dyn FrontEnd]) -> String {
    let mut suffixes: Vec<String> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for f in frontends {
        for ext in f.extensions().iter().chain(f.companion_extensions()) {
            let (list, escaped) = match ext.strip_prefix('.') {
                Some(suffix) => (&mut suffixes, regex::escape(suffix)),
                None => (&mut names, regex::escape(ext)),
            };
            if !list.contains(&escaped) {
                list.push(escaped);
            }
        }
    }
    let by_suffix = format!(r"\.({})", suffixes.join("|"));
    if names.is_empty() {
        return format!("{by_suffix}$");
    }
    format!(r"({by_suffix}|(^|/)({}))$", names.join("|"))
}

/// Files a front-end read on behalf of another file it claimed (the `.tf` configuration
/// of a Terraform plan, where the plan's findings point): when that file is scanned by
/// name, findings in these files are its own. Kept in [`State::extensions`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOnBehalf {
    /// (file read, the claimed file it was read for).
    pub files: Vec<(cloudsentinel_model::FileId, cloudsentinel_model::FileId)>,
}

impl cloudsentinel_model::Extension for ReadOnBehalf {
    fn resource_count(&self) -> usize {
        0
    }

    fn extend(&mut self, other: Self) {
        self.files.extend(other.files);
    }
}
