//! Modules: the parsed form of one directory (all its files form one module), the cache
//! that parses each directory once per load, the choice of root modules, and module source
//! resolution (local paths and `.terraform/modules/modules.json`).

use super::syntax::{self, Attr, Block, ExprKind};
use crate::LoadOptions;
use cloudsentinel_model::{FileId, Notice, ParseError, SourceDb};
use indexmap::IndexMap;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The declarations of one module directory, indexed by name.
#[derive(Debug, Default)]
pub struct Module {
    pub dir: PathBuf,
    pub files: Vec<FileId>,
    pub variables: IndexMap<String, Block>,
    pub locals: IndexMap<String, Attr>,
    pub outputs: IndexMap<String, Block>,
    /// Keyed by address within the module: `aws_s3_bucket.b`, `data.aws_iam_policy_document.p`.
    pub resources: IndexMap<String, Block>,
    pub module_calls: IndexMap<String, Block>,
    pub providers: Vec<Block>,
    pub parse_errors: Vec<ParseError>,
    /// Problems with the declarations themselves (duplicates).
    pub notices: Vec<Notice>,
}

impl Module {
    /// Indexes the blocks of parsed files; `overrides` are merged in afterwards as Terraform
    /// does for `override.tf` and `*_override.tf`.
    pub fn from_files(
        dir: PathBuf,
        files: Vec<syntax::ParsedFile>,
        overrides: Vec<syntax::ParsedFile>,
    ) -> Module {
        let mut m = Module {
            dir,
            ..Module::default()
        };
        for f in files {
            m.files.push(f.file);
            m.parse_errors.extend(f.errors);
            for b in f.body.blocks {
                m.add_block(b);
            }
        }
        for f in overrides {
            m.files.push(f.file);
            m.parse_errors.extend(f.errors);
            for b in f.body.blocks {
                m.override_block(b);
            }
        }
        m
    }

    fn add_block(&mut self, b: Block) {
        let loc = b.loc;
        let dup = |notices: &mut Vec<Notice>, what: String| {
            notices.push(Notice {
                location: Some(loc),
                message: format!("duplicate {what}; the first declaration is used"),
            });
        };
        match (&*b.ident, b.labels.as_slice()) {
            ("resource", [t, n]) => {
                let key = format!("{t}.{n}");
                if self.resources.contains_key(&key) {
                    dup(&mut self.notices, format!("resource {key}"));
                } else {
                    self.resources.insert(key, b);
                }
            }
            ("data", [t, n]) => {
                let key = format!("data.{t}.{n}");
                if self.resources.contains_key(&key) {
                    dup(&mut self.notices, format!("data source {key}"));
                } else {
                    self.resources.insert(key, b);
                }
            }
            ("variable", [n]) => {
                if self.variables.contains_key(&**n) {
                    dup(&mut self.notices, format!("variable {n}"));
                } else {
                    self.variables.insert(n.to_string(), b);
                }
            }
            ("output", [n]) => {
                if self.outputs.contains_key(&**n) {
                    dup(&mut self.notices, format!("output {n}"));
                } else {
                    self.outputs.insert(n.to_string(), b);
                }
            }
            ("module", [n]) => {
                if self.module_calls.contains_key(&**n) {
                    dup(&mut self.notices, format!("module {n}"));
                } else {
                    self.module_calls.insert(n.to_string(), b);
                }
            }
            ("provider", [_]) => self.providers.push(b),
            ("locals", []) => {
                for a in b.body.attrs {
                    if self.locals.contains_key(&*a.name) {
                        let l = a.loc;
                        self.notices.push(Notice {
                            location: Some(l),
                            message: format!(
                                "duplicate local {}; the first declaration is used",
                                a.name
                            ),
                        });
                    } else {
                        self.locals.insert(a.name.to_string(), a);
                    }
                }
            }
            _ => {}
        }
    }

    /// Terraform's override merge: attributes replace by name; nested blocks of a type
    /// present in the override replace all of that type.
    fn override_block(&mut self, b: Block) {
        let target = match (&*b.ident, b.labels.as_slice()) {
            ("resource", [t, n]) => self.resources.get_mut(&format!("{t}.{n}")),
            ("data", [t, n]) => self.resources.get_mut(&format!("data.{t}.{n}")),
            ("variable", [n]) => self.variables.get_mut(&**n),
            ("output", [n]) => self.outputs.get_mut(&**n),
            ("module", [n]) => self.module_calls.get_mut(&**n),
            ("locals", []) => {
                for a in b.body.attrs {
                    self.locals.insert(a.name.to_string(), a);
                }
                return;
            }
            _ => None,
        };
        let Some(target) = target else {
            return;
        };
        for a in b.body.attrs {
            match target.body.attrs.iter_mut().find(|x| x.name == a.name) {
                Some(x) => *x = a,
                None => target.body.attrs.push(a),
            }
        }
        let idents: BTreeSet<Arc<str>> = b.body.blocks.iter().map(|x| x.ident.clone()).collect();
        target.body.blocks.retain(|x| !idents.contains(&x.ident));
        target.body.blocks.extend(b.body.blocks);
    }
}

/// Lexically normalised directory path: `.` and `..` resolved where possible; `.` for empty.
pub fn norm_dir(p: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(c),
            },
            other => out.push(other),
        }
    }
    if out.is_empty() {
        PathBuf::from(".")
    } else {
        out.iter().collect()
    }
}

/// `dir/name` without a leading `./`.
pub fn join_clean(dir: &Path, name: impl AsRef<Path>) -> PathBuf {
    if dir == Path::new(".") || dir.as_os_str().is_empty() {
        name.as_ref().to_path_buf()
    } else {
        dir.join(name)
    }
}

/// Terraform reads these; editors' backup and hidden files are ignored, as Terraform does.
// Terraform matches file suffixes case-sensitively (`main.TF` is not read).
#[allow(clippy::case_sensitive_file_extension_comparisons)]
fn is_config_file_name(name: &str) -> bool {
    config_file_stem(name).is_some()
        && !name.starts_with('.')
        && !name.starts_with('#')
        && !name.ends_with('~')
}

/// A configuration file name without its suffix (`.tf`, `.tf.json`, and OpenTofu's `.tofu`,
/// `.tofu.json`); `None` for other files.
pub(crate) fn config_file_stem(name: &str) -> Option<&str> {
    [".tf.json", ".tf", ".tofu.json", ".tofu"]
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
}

fn is_override_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let stem = config_file_stem(name).unwrap_or(name);
    stem == "override" || stem.ends_with("_override")
}

/// OpenTofu reads `x.tofu` instead of `x.tf` (and `x.tofu.json` instead of `x.tf.json`) when
/// both exist, so a module can carry OpenTofu-only code beside its Terraform twin. Returns
/// the files that are read and the ones set aside with the file that replaces each.
fn apply_tofu_replacements(paths: Vec<PathBuf>) -> (Vec<PathBuf>, Vec<(PathBuf, PathBuf)>) {
    let present: HashSet<PathBuf> = paths.iter().cloned().collect();
    let mut read = Vec::with_capacity(paths.len());
    let mut replaced = Vec::new();
    for p in paths {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let twin = if let Some(stem) = name.strip_suffix(".tf.json") {
            Some(format!("{stem}.tofu.json"))
        } else {
            name.strip_suffix(".tf").map(|stem| format!("{stem}.tofu"))
        };
        match twin.map(|t| p.with_file_name(t)) {
            Some(t) if present.contains(&t) => replaced.push((p, t)),
            _ => read.push(p),
        }
    }
    (read, replaced)
}

/// A module source that Terraform reads from the local filesystem.
pub fn is_local_source(source: &str) -> bool {
    source.starts_with("./")
        || source.starts_with("../")
        || source.starts_with(".\\")
        || source.starts_with("..\\")
}

/// Parses every module directory at most once for a whole load, shared by the threads
/// evaluating the root modules.
pub struct Loader<'a> {
    pub opts: &'a LoadOptions,
    pub db: &'a SourceDb,
    /// Discovered directories (normalised) and their files.
    listed: HashMap<PathBuf, Vec<PathBuf>>,
    cache: Mutex<HashMap<PathBuf, Option<Arc<Module>>>>,
    /// What the call graph needs of each discovered directory, kept when its syntax is not.
    summaries: Mutex<HashMap<PathBuf, Option<Arc<Summary>>>>,
    manifests: Mutex<HashMap<PathBuf, Arc<Vec<ManifestEntry>>>>,
}

/// A directory's local module calls and parse errors, without its syntax trees.
#[derive(Debug, Default)]
pub struct Summary {
    /// Targets of literal local `source`s, normalised.
    pub local_calls: Vec<PathBuf>,
    pub parse_errors: Vec<ParseError>,
}

impl Summary {
    fn of(m: &Module) -> Summary {
        Summary {
            local_calls: m
                .module_calls
                .values()
                .filter_map(|call| {
                    let src = static_source(m, call)?;
                    is_local_source(&src).then(|| norm_dir(&m.dir.join(&src)))
                })
                .collect(),
            parse_errors: m.parse_errors.clone(),
        }
    }
}

/// One entry of `.terraform/modules/modules.json`.
#[derive(Debug, Clone)]
pub struct ManifestEntry {
    /// Call path: `vpc`, `vpc.subnets`.
    pub key: String,
    /// Directory, resolved against the root module directory.
    pub dir: PathBuf,
}

impl<'a> Loader<'a> {
    /// A loader for the discovered directories `dirs` (directory → its Terraform files).
    pub fn new(
        dirs: &BTreeMap<PathBuf, Vec<PathBuf>>,
        opts: &'a LoadOptions,
        db: &'a SourceDb,
    ) -> Self {
        let mut listed: HashMap<PathBuf, Vec<PathBuf>> = HashMap::new();
        for (d, files) in dirs {
            listed
                .entry(norm_dir(d))
                .or_default()
                .extend(files.iter().cloned());
        }
        Loader {
            opts,
            db,
            listed,
            cache: Mutex::new(HashMap::new()),
            summaries: Mutex::new(HashMap::new()),
            manifests: Mutex::new(HashMap::new()),
        }
    }

    /// Normalised discovered directories, sorted.
    pub fn listed_dirs(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = self.listed.keys().cloned().collect();
        v.sort();
        v
    }

    /// The module in `dir`, parsed on first use; `None` when the directory has no
    /// configuration files.
    pub fn load(&self, dir: &Path) -> Option<Arc<Module>> {
        let dir = norm_dir(dir);
        if let Some(m) = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&dir)
        {
            return m.clone();
        }
        let module = self.parse_dir(&dir).map(Arc::new);
        // Two threads may parse the same directory; the first one stored wins, so every
        // caller shares one module (and its errors are reported once).
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(dir)
            .or_insert(module)
            .clone()
    }

    /// The call-graph summary of `dir`, from its cached module or a parse whose syntax is
    /// dropped at once (so summarising every directory of a large tree holds no trees).
    pub fn summary(&self, dir: &Path) -> Option<Arc<Summary>> {
        let dir = norm_dir(dir);
        if let Some(s) = self
            .summaries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&dir)
        {
            return s.clone();
        }
        let cached = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&dir)
            .cloned();
        let summary = match cached {
            Some(m) => m.map(|m| Arc::new(Summary::of(&m))),
            None => self.parse_dir(&dir).map(|m| Arc::new(Summary::of(&m))),
        };
        self.summaries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(dir)
            .or_insert(summary)
            .clone()
    }

    /// Forgets the parsed module of `dir` (it is parsed again if used later): frees the
    /// syntax of modules no remaining root needs.
    pub fn evict(&self, dir: &Path) {
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(&norm_dir(dir));
    }

    /// The discovered directories `root` reaches through literal local module calls,
    /// itself included (the static call graph; calls are evaluated later).
    pub fn static_reach(&self, root: &Path) -> Vec<PathBuf> {
        let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
        let mut stack = vec![norm_dir(root)];
        while let Some(d) = stack.pop() {
            if !seen.insert(d.clone()) {
                continue;
            }
            let Some(s) = self.summary(&d) else { continue };
            stack.extend(
                s.local_calls
                    .iter()
                    .filter(|t| self.listed.contains_key(*t))
                    .cloned(),
            );
        }
        seen.into_iter().collect()
    }

    /// Every module parsed so far.
    pub fn loaded(&self) -> Vec<Arc<Module>> {
        let mut v: Vec<Arc<Module>> = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .values()
            .flatten()
            .cloned()
            .collect();
        v.sort_by(|a, b| a.dir.cmp(&b.dir));
        v
    }

    fn parse_dir(&self, dir: &Path) -> Option<Module> {
        let mut paths: Vec<PathBuf> = if let Some(files) = self.listed.get(dir) {
            files.clone()
        } else {
            let entries = std::fs::read_dir(dir).ok()?;
            entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()))
                .filter_map(|e| {
                    let name = e.file_name().to_str()?.to_string();
                    is_config_file_name(&name).then(|| join_clean(dir, name))
                })
                .collect()
        };
        paths.retain(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_config_file_name)
        });
        paths.sort();
        paths.dedup();
        if paths.is_empty() {
            return None;
        }
        let (paths, replaced) = apply_tofu_replacements(paths);
        let (overrides, primary): (Vec<PathBuf>, Vec<PathBuf>) =
            paths.into_iter().partition(|p| is_override_file(p));
        let parse = |ps: Vec<PathBuf>| -> Vec<syntax::ParsedFile> {
            ps.iter()
                .map(|p| syntax::load_file(p, self.opts, self.db))
                .collect()
        };
        let mut module = Module::from_files(dir.to_path_buf(), parse(primary), parse(overrides));
        for (file, by) in replaced {
            module.notices.push(Notice {
                location: self.db.find(&by).map(|id| {
                    cloudsentinel_model::Location::new(
                        id,
                        cloudsentinel_model::TextRange::new(0, 0),
                    )
                }),
                message: format!(
                    "{} is not read: {} replaces it, as OpenTofu does",
                    file.display(),
                    by.display()
                ),
            });
        }
        Some(module)
    }

    /// Entries of `<root>/.terraform/modules/modules.json` (empty when absent or unreadable).
    pub fn manifest(&self, root: &Path) -> Arc<Vec<ManifestEntry>> {
        let root = norm_dir(root);
        if let Some(m) = self
            .manifests
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&root)
        {
            return m.clone();
        }
        let path = root.join(".terraform").join("modules").join("modules.json");
        let mut entries = Vec::new();
        if let Ok(text) = syntax::read_text(&path, self.opts)
            && let Ok(json) = serde_json::from_str::<serde_json::Value>(&text)
            && let Some(list) = json.get("Modules").and_then(|m| m.as_array())
        {
            for e in list {
                let key = e.get("Key").and_then(|k| k.as_str()).unwrap_or("");
                let dir = e.get("Dir").and_then(|k| k.as_str()).unwrap_or("");
                if key.is_empty() || dir.is_empty() {
                    continue;
                }
                let dir = Path::new(dir);
                let dir = if dir.is_absolute() {
                    dir.to_path_buf()
                } else {
                    norm_dir(&root.join(dir))
                };
                entries.push(ManifestEntry {
                    key: key.to_string(),
                    dir,
                });
            }
        }
        let entries = Arc::new(entries);
        self.manifests
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(root, entries.clone());
        entries
    }

    /// The directories evaluated as root modules: every discovered directory except those
    /// that are the target of a local module call from another discovered directory (their
    /// resources are reported through the caller). Directories reached by no root (call
    /// cycles) become roots themselves.
    pub fn roots(&self) -> Vec<PathBuf> {
        let dirs = self.listed_dirs();
        let mut calls: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
        let mut called: BTreeSet<PathBuf> = BTreeSet::new();
        for d in &dirs {
            let Some(s) = self.summary(d) else { continue };
            let mut targets = Vec::new();
            for t in &s.local_calls {
                if t != d && self.listed.contains_key(t) {
                    called.insert(t.clone());
                    targets.push(t.clone());
                }
            }
            calls.insert(d.clone(), targets);
        }
        let mut roots: Vec<PathBuf> = dirs
            .iter()
            .filter(|d| !called.contains(*d) && self.summary(d).is_some())
            .cloned()
            .collect();
        let mut reached: BTreeSet<PathBuf> = BTreeSet::new();
        let mut stack: Vec<PathBuf> = roots.clone();
        loop {
            while let Some(d) = stack.pop() {
                if reached.insert(d.clone()) {
                    stack.extend(calls.get(&d).into_iter().flatten().cloned());
                }
            }
            match dirs
                .iter()
                .find(|d| !reached.contains(*d) && self.summary(d).is_some())
            {
                Some(d) => {
                    roots.push(d.clone());
                    stack.push(d.clone());
                }
                None => break,
            }
        }
        roots.sort();
        roots
    }
}

impl Loader<'_> {
    /// The directory of a remote module call (not local, not in `.terraform/modules`), from
    /// the [`super::remote::RemoteModules`] resolver of the load options.
    pub fn resolve_remote(
        &self,
        call: &Block,
        source: &str,
        caller_dir: &Path,
    ) -> Result<PathBuf, String> {
        let version = match &call.body.attr("version").map(|a| &a.expr.kind) {
            Some(ExprKind::Str(s)) => Some(s.to_string()),
            _ => None,
        };
        self.resolve_remote_source(source, version.as_deref(), caller_dir)
    }

    /// [`Loader::resolve_remote`] for a source and version given as text (Terragrunt's
    /// `terraform.source`).
    pub fn resolve_remote_source(
        &self,
        source: &str,
        version: Option<&str>,
        caller_dir: &Path,
    ) -> Result<PathBuf, String> {
        let remote = self.opts.frontend::<super::remote::RemoteModules>();
        let Some(resolver) = &remote.resolver else {
            return Err(super::remote::NOT_DOWNLOADED.to_string());
        };
        let dir = resolver.resolve(&super::remote::RemoteCall {
            source,
            version,
            caller_dir,
        })?;
        Ok(norm_dir(&dir))
    }
}

/// The `source` of a module call when it is a literal string (Terraform requires one).
pub fn literal_source(call: &Block) -> Option<String> {
    match &call.body.attr("source")?.expr.kind {
        ExprKind::Str(s) => Some(s.to_string()),
        _ => None,
    }
}

/// The `source` of a module call as far as the module alone says: a literal, or (as OpenTofu
/// allows) a template of variables whose defaults and locals that are literal strings. The
/// evaluator sees more (tfvars, the caller's inputs); this is for choosing root modules.
pub fn static_source(module: &Module, call: &Block) -> Option<String> {
    let expr = &call.body.attr("source")?.expr;
    let parts = match &expr.kind {
        ExprKind::Str(s) => return Some(s.to_string()),
        ExprKind::Template(parts) => parts,
        _ => return None,
    };
    let literal = |e: &syntax::Expr| match &e.kind {
        ExprKind::Str(s) => Some(s.clone()),
        _ => None,
    };
    let mut out = String::new();
    for part in parts {
        match part {
            syntax::Part::Lit(s) => out.push_str(s),
            syntax::Part::Interp(e) => {
                let text = e.traversal_text()?;
                let value = match text.split_once('.')? {
                    ("var", name) => {
                        literal(&module.variables.get(name)?.body.attr("default")?.expr)?
                    }
                    ("local", name) => literal(&module.locals.get(name)?.expr)?,
                    _ => return None,
                };
                out.push_str(&value);
            }
            _ => return None,
        }
    }
    Some(out)
}
