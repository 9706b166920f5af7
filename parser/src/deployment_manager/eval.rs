//! Evaluation of one config: its resources, the Jinja templates they call (rendered, then
//! expanded in turn), and `$(ref.NAME.PROPERTY)` references between the resulting resources.
//!
//! What only the deployment knows (`env.deployment`, `env.project`, `env.current_time`, …)
//! is rendered as a sentinel string ([`UNKNOWN_MARK`] and the variable's name); after the
//! output is parsed, every value holding a sentinel is Unknown. Names keep it for references
//! and show it as `<deployment>` in addresses.

use super::config::{self, Import, ImportKind};
use super::render::{self, Job, RenderErrorKind, Rendered, Source};
use crate::cloudformation::syntax::{self, Node, NodeKind};
use crate::dynvalue::{Dyn, DynKind};
use cloudsentinel_model::{FileId, Location, ModuleCall, Notice, ParseError, SourceDb, TextRange};
use indexmap::IndexMap;
use minijinja::value::Value;
use regex::Regex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

/// Deepest chain of templates calling templates followed.
pub const MAX_TEMPLATE_DEPTH: usize = 10;

/// Most resources one config may expand to (templates in loops included).
pub const MAX_RESOURCES: usize = 100_000;

/// Prefix of the sentinel a deploy-time value renders as.
pub const UNKNOWN_MARK: &str = "cloudsentinel-unknown-";

/// `env` variables known only when the deployment runs.
const DEPLOY_TIME_ENV: [&str; 5] = [
    "deployment",
    "project",
    "project_number",
    "current_time",
    "username",
];

static REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\$\(ref\.([A-Za-z0-9_\-]+)\.([^)\s]+)\)").expect("static regex"));

static SENTINEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"cloudsentinel-unknown-([a-z_]+)").expect("static regex"));

/// A resource of a base type (an API type such as `storage.v1.bucket`, or a type provider's
/// `gcp-types/…`), with its properties evaluated.
#[derive(Debug, Clone, PartialEq)]
pub struct DmResource {
    /// The resource's name as deployed (sentinels included).
    pub name: String,
    /// Its address in findings: template calls as `module.<call>.` then the name, deploy-time
    /// values shown as `<deployment>`.
    pub address: String,
    /// The template calls it is declared in, as the address prefix (`""` in the config,
    /// `module.web.` …).
    pub scope: String,
    pub rtype: String,
    /// `properties` (a map, or null when absent).
    pub props: Dyn,
    /// `accessControl` (`gcpIamPolicy`), when written.
    pub access_control: Option<Dyn>,
    /// The resource's entry (in the config, or the template lines that wrote it).
    pub loc: Location,
    /// Template calls from the config down to the template that wrote it.
    pub chain: Vec<ModuleCall>,
}

/// Everything one config evaluated to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DmEvaluation {
    pub config: Option<FileId>,
    pub resources: Vec<DmResource>,
    pub notices: Vec<Notice>,
    pub parse_errors: Vec<ParseError>,
    /// Templates rendered (each once per call).
    pub rendered: Vec<PathBuf>,
    /// Python templates called and not evaluated.
    pub python: Vec<PathBuf>,
}

/// Files read for the configs of one load, once each.
pub(crate) struct Files<'a> {
    pub opts: &'a crate::LoadOptions,
    pub db: &'a SourceDb,
    /// Imports must lie under this directory (the scanned tree); `None`: no limit known.
    pub boundary: Option<PathBuf>,
    cache: Mutex<HashMap<PathBuf, Result<Arc<str>, String>>>,
}

impl<'a> Files<'a> {
    pub fn new(opts: &'a crate::LoadOptions, db: &'a SourceDb, boundary: Option<PathBuf>) -> Self {
        Files {
            opts,
            db,
            boundary,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The text of `path`, or why it cannot be read.
    pub fn text(&self, path: &Path) -> Result<Arc<str>, String> {
        let cached = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(path)
            .cloned();
        if let Some(c) = cached {
            return c;
        }
        // Read outside the lock: configs are evaluated in parallel.
        let read = if !path.is_file() && !self.opts.overlays.contains_key(path) {
            Err("not found".to_string())
        } else {
            crate::terraform::syntax::read_text(path, self.opts)
                .map(Arc::from)
                .map_err(|e| e.message)
        };
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(path.to_path_buf())
            .or_insert(read)
            .clone()
    }

    /// True when `path` lies inside the scanned tree (symbolic links followed).
    pub fn inside(&self, path: &Path) -> bool {
        let Some(boundary) = &self.boundary else {
            return true;
        };
        match std::fs::canonicalize(path) {
            Ok(real) => real.starts_with(boundary),
            // An unsaved editor buffer, or a file that does not exist (reported as missing).
            Err(_) => std::path::absolute(path)
                .map(|a| config::clean(&a).starts_with(boundary))
                .unwrap_or(false),
        }
    }
}

/// Where the nodes of a YAML document are written.
enum Locator<'r> {
    /// In a file (the config): node ranges are file ranges.
    File(FileId),
    /// In a template's output: each output line maps back to a template line.
    Rendered {
        out: &'r Rendered,
        /// File of each rendering source.
        files: &'r [FileId],
        /// Where output lines with no template line point: the call.
        fallback: Location,
    },
}

impl Locator<'_> {
    fn loc(&self, db: &SourceDb, start: u32, end: u32) -> Location {
        match self {
            Locator::File(file) => {
                Location::new(*file, TextRange::new(start as usize, end as usize))
            }
            Locator::Rendered {
                out,
                files,
                fallback,
            } => {
                let Some(first) = out.source_of(start as usize) else {
                    return *fallback;
                };
                let Some(file) = files.get(first.source).copied() else {
                    return *fallback;
                };
                let last = out
                    .source_of(end.saturating_sub(1).max(start) as usize)
                    .filter(|l| l.source == first.source && l.line >= first.line)
                    .map_or(first.line, |l| l.line);
                let f = db.get(file);
                let line_start =
                    f.lines.line_start((first.line as usize).saturating_sub(1)) as usize;
                let indent = f.text[line_start.min(f.text.len())..]
                    .bytes()
                    .take_while(|b| *b == b' ' || *b == b'\t')
                    .count();
                let end_start = f.lines.line_start(last as usize) as usize;
                let end = if last as usize >= f.lines.line_count() {
                    f.text.len()
                } else {
                    end_start.saturating_sub(1)
                };
                let start = (line_start + indent).min(end);
                Location::new(file, TextRange::new(start, end.max(start)))
            }
        }
    }
}

/// How resources are reached: the template calls above them.
#[derive(Clone, Default)]
struct Call {
    prefix: String,
    chain: Vec<ModuleCall>,
    /// Templates being expanded (for recursion).
    visiting: Vec<PathBuf>,
}

/// The evaluation of one config.
struct Eval<'f, 'a> {
    files: &'f Files<'a>,
    config_name: String,
    out: DmEvaluation,
}

/// Evaluates the config `root` read from `path` (registered as `file`).
pub(crate) fn evaluate(files: &Files<'_>, path: &Path, file: FileId, root: &Node) -> DmEvaluation {
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut ev = Eval {
        files,
        config_name: display_name(path),
        out: DmEvaluation {
            config: Some(file),
            ..DmEvaluation::default()
        },
    };
    let at = Locator::File(file);
    let (imports, bad) = config::imports(root, dir);
    for offset in bad {
        ev.notice(
            Location::new(file, TextRange::new(offset as usize, offset as usize)),
            "an import without a `path` is ignored".to_string(),
        );
    }
    let imports = ev.checked_imports(imports, file);
    match root.get("resources") {
        None
        | Some(Node {
            kind: NodeKind::Null,
            ..
        }) => {}
        Some(resources) => ev.expand(resources, &at, &imports, &Call::default(), 0),
    }
    resolve_references(&mut ev.out.resources);
    ev.out
}

/// A file's name for messages.
fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl Eval<'_, '_> {
    fn notice(&mut self, location: Location, message: String) {
        self.out.notices.push(Notice {
            location: Some(location),
            message,
        });
    }

    fn error(&mut self, location: Location, message: String) {
        self.out.parse_errors.push(ParseError { location, message });
    }

    /// Drops (with a notice) imports outside the scanned tree: nothing outside it is read.
    fn checked_imports(&mut self, imports: Vec<Import>, file: FileId) -> Vec<Import> {
        let mut kept = Vec::new();
        for imp in imports {
            // A missing import is reported where it is used (Deployment Manager's own samples
            // import files that a script generates first).
            if !imp.path.exists() || self.files.inside(&imp.path) {
                kept.push(imp);
            } else {
                self.notice(
                    Location::new(file, TextRange::new(imp.start as usize, imp.end as usize)),
                    format!(
                        "import {} lies outside the scanned directory tree and is not read; resources using it are not checked",
                        imp.written
                    ),
                );
            }
        }
        kept
    }

    /// Expands a `resources:` list: base types become resources, template types are rendered
    /// and their own `resources:` expanded.
    fn expand(
        &mut self,
        resources: &Node,
        at: &Locator<'_>,
        scope: &[Import],
        call: &Call,
        depth: usize,
    ) {
        let db = self.files.db;
        let Some(items) = resources.as_seq() else {
            let loc = at.loc(db, resources.start, resources.end);
            self.notice(
                loc,
                "`resources` is not a list; nothing in it is checked".to_string(),
            );
            return;
        };
        for item in items {
            if self.out.resources.len() >= MAX_RESOURCES {
                let loc = at.loc(db, item.start, item.end);
                self.notice(
                    loc,
                    format!("more than {MAX_RESOURCES} resources; the rest are not checked"),
                );
                return;
            }
            let loc = at.loc(db, item.start, item.end);
            let name = item.get("name").and_then(Node::scalar_text);
            let rtype = item.get("type").and_then(Node::scalar_text);
            let (Some(name), Some(rtype)) = (name, rtype) else {
                self.notice(
                    loc,
                    "a resource without a `name` and a `type` is not checked".to_string(),
                );
                continue;
            };
            let import = scope.iter().find(|i| i.name == rtype || i.written == rtype);
            match import.map(Import::kind) {
                Some(ImportKind::Jinja) => {
                    if let Some(imp) = import {
                        self.call_template(item, &name, imp, loc, scope, call, depth);
                    }
                }
                Some(ImportKind::Python) => {
                    let path = import.map(|i| i.path.clone()).unwrap_or_default();
                    self.notice(
                        loc,
                        format!(
                            "Python template {rtype} (resource {} in {}) is not evaluated: templates are never executed; the resources it creates are not checked",
                            shown(&name),
                            self.config_name
                        ),
                    );
                    self.out.python.push(path);
                }
                Some(ImportKind::Other) => self.notice(
                    loc,
                    format!(
                        "resource {} has type {rtype}, an import that is not a Jinja or Python template; it is not checked",
                        shown(&name)
                    ),
                ),
                None if is_template_name(&rtype) => self.notice(
                    loc,
                    format!(
                        "resource {} uses the template {rtype}, which the config does not import; it is not checked",
                        shown(&name)
                    ),
                ),
                None if rtype.contains(UNKNOWN_MARK) => self.notice(
                    loc,
                    format!(
                        "resource {}: its type is only known at deployment; it is not checked",
                        shown(&name)
                    ),
                ),
                None => {
                    let props = item
                        .get("properties")
                        .map_or_else(Dyn::null, |p| to_dyn(p, at, db));
                    let access_control = item.get("accessControl").map(|a| to_dyn(a, at, db));
                    self.out.resources.push(DmResource {
                        address: format!("{}{}", call.prefix, shown(&name)),
                        scope: call.prefix.clone(),
                        name,
                        rtype,
                        props,
                        access_control,
                        loc,
                        chain: call.chain.clone(),
                    });
                }
            }
        }
    }

    /// Renders the template `imp` for the resource `item` and expands what it declares.
    #[allow(clippy::too_many_arguments)]
    fn call_template(
        &mut self,
        item: &Node,
        name: &str,
        imp: &Import,
        loc: Location,
        scope: &[Import],
        call: &Call,
        depth: usize,
    ) {
        let who = format!(
            "template {} (resource {} in {})",
            imp.written,
            shown(name),
            self.config_name
        );
        if depth >= MAX_TEMPLATE_DEPTH || call.visiting.contains(&imp.path) {
            self.notice(
                loc,
                format!(
                    "{who} calls itself or is nested more than {MAX_TEMPLATE_DEPTH} templates deep; it is not rendered and its resources are not checked"
                ),
            );
            return;
        }
        let text = match self.files.text(&imp.path) {
            Ok(t) => t,
            Err(why) => {
                self.notice(
                    loc,
                    format!("{who} cannot be read ({why}); its resources are not checked"),
                );
                return;
            }
        };
        let template_file = self.files.db.add(imp.path.clone(), text.clone());
        // The schema: defaults, required properties and imports of its own.
        let schema_path = PathBuf::from(format!("{}.schema", imp.path.display()));
        let mut scope: Vec<Import> = scope.to_vec();
        let mut schema = None;
        if self.files.inside(&schema_path)
            && let Ok(schema_text) = self.files.text(&schema_path)
        {
            let schema_file = self.files.db.add(schema_path.clone(), schema_text.clone());
            match syntax::parse_yaml(&schema_text) {
                Ok(root) => {
                    let dir = schema_path.parent().unwrap_or(Path::new(""));
                    let (own, _) = config::imports(&root, dir);
                    let own = self.checked_imports(own, schema_file);
                    for i in own {
                        if !scope.iter().any(|s| s.name == i.name) {
                            scope.push(i);
                        }
                    }
                    schema = Some((root, schema_file));
                }
                // An empty schema is no schema.
                Err(_) if schema_text.trim().is_empty() => {}
                Err(e) => self.error(
                    Location::new(schema_file, TextRange::new(e.offset, e.offset)),
                    format!("schema of {who} is not valid YAML: {}", e.message),
                ),
            }
        }
        let properties = self.properties(item, schema.as_ref().map(|s| &s.0), &who, loc);
        let env = Value::from_pairs(DEPLOY_TIME_ENV.iter().map(|k| (*k, sentinel(k))).chain([
            ("name", Value::from(name)),
            ("type", Value::from(imp.name.as_str())),
        ]));
        // Sources: the template first, then every Jinja import (helpers for `{% import %}`),
        // under each name it can be used by.
        let mut sources = vec![Source {
            name: imp.name.clone(),
            text: text.to_string(),
        }];
        let mut files = vec![template_file];
        let mut contents: Vec<(String, Value)> = Vec::new();
        for i in &scope {
            let Ok(t) = self.files.text(&i.path) else {
                continue;
            };
            for alias in [&i.name, &i.written] {
                if !contents.iter().any(|(k, _)| k == alias) {
                    contents.push((alias.clone(), Value::from(&*t)));
                }
            }
            if i.kind() == ImportKind::Jinja {
                let file = self.files.db.add(i.path.clone(), t.clone());
                for alias in [&i.name, &i.written] {
                    if !sources.iter().any(|s| &s.name == alias) {
                        sources.push(Source {
                            name: alias.clone(),
                            text: t.to_string(),
                        });
                        files.push(file);
                    }
                }
            }
        }
        let context = Value::from_pairs([
            ("properties", properties),
            ("env", env),
            ("imports", Value::from_pairs(contents)),
        ]);
        let rendered = match render::render(&Job {
            main: 0,
            sources: &sources,
            context,
        }) {
            Ok(r) => r,
            Err(e) => {
                let at = e.at.and_then(|a| {
                    let file = *files.get(a.source)?;
                    Some(line_location(self.files.db, file, a.line))
                });
                let at = at.unwrap_or(Location::new(template_file, TextRange::default()));
                match e.kind {
                    RenderErrorKind::Syntax => self.error(
                        at,
                        format!("{who} is not valid Jinja: {}", e.message),
                    ),
                    RenderErrorKind::OutOfFuel => self.notice(
                        at,
                        format!(
                            "{who} stopped rendering after {} evaluation steps (a runaway loop?); its resources are not checked",
                            render::FUEL
                        ),
                    ),
                    RenderErrorKind::Runtime => self.notice(
                        at,
                        format!(
                            "{who} could not be rendered ({}); its resources are not checked",
                            e.message
                        ),
                    ),
                }
                return;
            }
        };
        self.out.rendered.push(imp.path.clone());
        let at = Locator::Rendered {
            out: &rendered,
            files: &files,
            fallback: loc,
        };
        let root = match syntax::parse_yaml(&rendered.text) {
            Ok(root) => root,
            // A template that writes nothing declares nothing.
            Err(_) if rendered.text.trim().is_empty() => return,
            Err(e) => {
                let at = at.loc(self.files.db, e.offset as u32, e.offset as u32);
                self.error(
                    at,
                    format!("the output of {who} is not valid YAML: {}", e.message),
                );
                return;
            }
        };
        let Some(resources) = root.get("resources") else {
            return;
        };
        let mut inner = call.clone();
        inner.prefix = format!("{}module.{}.", call.prefix, shown(name));
        inner.chain.push(ModuleCall {
            name: shown(name),
            location: loc,
        });
        inner.visiting.push(imp.path.clone());
        self.expand(resources, &at, &scope, &inner, depth + 1);
    }

    /// The `properties` a template sees: the call's, then the schema's defaults; a required
    /// property that is missing is a notice.
    fn properties(
        &mut self,
        item: &Node,
        schema: Option<&Node>,
        who: &str,
        loc: Location,
    ) -> Value {
        let mut props: IndexMap<String, Value> = IndexMap::new();
        if let Some(entries) = item.get("properties").and_then(Node::as_map) {
            for e in entries {
                props.insert(e.key.to_string(), to_value(&e.value));
            }
        }
        if let Some(schema) = schema {
            if let Some(declared) = schema.get("properties").and_then(Node::as_map) {
                for e in declared {
                    if let Some(default) = e.value.get("default")
                        && !props.contains_key(&*e.key)
                    {
                        props.insert(e.key.to_string(), to_value(default));
                    }
                }
            }
            if let Some(required) = schema.get("required").and_then(Node::as_seq) {
                for r in required.iter().filter_map(Node::scalar_text) {
                    if !props.contains_key(&r) {
                        self.notice(
                            loc,
                            format!(
                                "{who} lacks the property {r}, which its schema requires (Deployment Manager rejects the call)"
                            ),
                        );
                    }
                }
            }
        }
        Value::from_pairs(props)
    }
}

/// The whole (trimmed) line `line` (1-based) of `file`.
fn line_location(db: &SourceDb, file: FileId, line: u32) -> Location {
    let f = db.get(file);
    let start = f.lines.line_start(line.saturating_sub(1) as usize) as usize;
    let end = f.text[start.min(f.text.len())..]
        .find('\n')
        .map_or(f.text.len(), |n| start + n);
    let indent = f.text[start.min(f.text.len())..end.max(start)]
        .bytes()
        .take_while(|b| *b == b' ' || *b == b'\t')
        .count();
    Location::new(
        file,
        TextRange::new(start + indent, end.max(start + indent)),
    )
}

fn sentinel(name: &str) -> Value {
    Value::from(format!("{UNKNOWN_MARK}{name}"))
}

/// A name for people: sentinels as `<deployment>`.
pub(crate) fn shown(name: &str) -> String {
    SENTINEL.replace_all(name, "<$1>").into_owned()
}

/// A type that names a template file (`vm.jinja`, `net.py`).
fn is_template_name(rtype: &str) -> bool {
    Path::new(rtype).extension().is_some_and(|e| {
        ["jinja", "py", "j2"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// A YAML node as a Jinja value.
fn to_value(node: &Node) -> Value {
    match &node.kind {
        NodeKind::Null => Value::from(()),
        NodeKind::Bool(b) => Value::from(*b),
        NodeKind::Number(n) => {
            if n.fract() == 0.0 && n.abs() < 9.0e15 {
                Value::from(*n as i64)
            } else {
                Value::from(*n)
            }
        }
        NodeKind::String(s) => Value::from(&**s),
        NodeKind::Seq(items) => Value::from(items.iter().map(to_value).collect::<Vec<_>>()),
        NodeKind::Map(entries) => Value::from_pairs(
            entries
                .iter()
                .map(|e| (e.key.to_string(), to_value(&e.value))),
        ),
    }
}

/// A YAML node as an evaluated value located where it is written; a string holding a
/// deploy-time sentinel is Unknown (one holding a reference is resolved later).
fn to_dyn(node: &Node, at: &Locator<'_>, db: &SourceDb) -> Dyn {
    let loc = at.loc(db, node.start, node.end);
    let kind = match &node.kind {
        NodeKind::Null => DynKind::Null,
        NodeKind::Bool(b) => DynKind::Bool(*b),
        NodeKind::Number(n) => DynKind::Number(*n),
        NodeKind::String(s) if s.contains(UNKNOWN_MARK) && !s.contains("$(ref.") => {
            DynKind::Unknown
        }
        NodeKind::String(s) => DynKind::String(s.clone()),
        NodeKind::Seq(items) => {
            DynKind::List(Arc::new(items.iter().map(|n| to_dyn(n, at, db)).collect()))
        }
        NodeKind::Map(entries) => DynKind::Map(Arc::new(
            entries
                .iter()
                .map(|e| (e.key.to_string(), to_dyn(&e.value, at, db)))
                .collect(),
        )),
    };
    Dyn::new(kind).with_loc(loc)
}

/// Deepest chain of references followed (a reference to a value that is a reference …).
const MAX_REFERENCE_DEPTH: usize = 8;

/// Resolves `$(ref.NAME.PATH)` in every resource's properties: to the declared value of
/// resource NAME of this deployment when it declares PATH, else Unknown. A reference inside
/// a longer string is replaced when it resolves to a scalar. A resolved value carries the
/// referenced resource's address (for joins).
fn resolve_references(resources: &mut [DmResource]) {
    let declared: HashMap<String, (String, Dyn)> = resources
        .iter()
        .map(|r| (r.name.clone(), (r.address.clone(), r.props.clone())))
        .collect();
    let mut refs = Refs {
        declared,
        budget: MAX_REFERENCE_LOOKUPS,
    };
    for r in resources.iter_mut() {
        r.props = resolve(&r.props, &mut refs, 0);
        if let Some(a) = &r.access_control {
            r.access_control = Some(resolve(a, &mut refs, 0));
        }
    }
}

/// Most references one config resolves (references to references included): beyond it,
/// references are Unknown, so references fanning out cannot make a config slow.
const MAX_REFERENCE_LOOKUPS: usize = 200_000;

/// The declared resources by name (their address and properties), and the lookups left.
struct Refs {
    declared: HashMap<String, (String, Dyn)>,
    budget: usize,
}

fn resolve(d: &Dyn, refs: &mut Refs, depth: usize) -> Dyn {
    match &d.kind {
        DynKind::String(s) if s.contains("$(ref.") => resolve_string(d, s, refs, depth),
        DynKind::List(items) => Dyn {
            kind: DynKind::List(Arc::new(
                items.iter().map(|i| resolve(i, refs, depth)).collect(),
            )),
            ..d.clone()
        },
        DynKind::Map(m) => Dyn {
            kind: DynKind::Map(Arc::new(
                m.iter()
                    .map(|(k, v)| (k.clone(), resolve(v, refs, depth)))
                    .collect(),
            )),
            ..d.clone()
        },
        _ => d.clone(),
    }
}

/// The referenced resource's address, and the declared value at `path` when it is known.
fn lookup(refs: &mut Refs, name: &str, path: &str, depth: usize) -> (Option<String>, Option<Dyn>) {
    let Some((address, props)) = refs.declared.get(name) else {
        return (None, None);
    };
    let address = address.clone();
    if depth >= MAX_REFERENCE_DEPTH || refs.budget == 0 {
        return (Some(address), None);
    }
    refs.budget -= 1;
    let Some(value) = property_path(props, path).cloned() else {
        return (Some(address), None);
    };
    let found = resolve(&value, refs, depth + 1);
    (Some(address), Some(found).filter(|v| !v.contains_unknown()))
}

fn resolve_string(d: &Dyn, s: &str, refs: &mut Refs, depth: usize) -> Dyn {
    let unknown = |source: Option<String>| {
        let mut u = Dyn::unknown();
        u.loc = d.loc;
        u.source_ref = source.map(Arc::from);
        u
    };
    let whole = REF
        .captures(s)
        .filter(|c| c.get(0).is_some_and(|m| m.as_str() == s));
    if let Some(c) = whole {
        let (source, found) = lookup(refs, &c[1], &c[2], depth);
        return match found {
            Some(mut v) => {
                v.loc = d.loc;
                v.source_ref = source.map(Arc::from);
                v
            }
            None => unknown(source),
        };
    }
    // References inside a longer string: every one must resolve to a scalar.
    let mut text = String::new();
    let mut last = 0;
    let mut source = None;
    for c in REF.captures_iter(s) {
        let Some(m) = c.get(0) else { continue };
        let (src, found) = lookup(refs, &c[1], &c[2], depth);
        source = source.or(src);
        let Some(piece) = found.as_ref().and_then(Dyn::to_string_lossy) else {
            return unknown(source);
        };
        text.push_str(&s[last..m.start()]);
        text.push_str(&piece);
        last = m.end();
    }
    text.push_str(&s[last..]);
    if text.contains(UNKNOWN_MARK) {
        return unknown(source);
    }
    let mut v = Dyn::string(text);
    v.loc = d.loc;
    v.source_ref = source.map(Arc::from);
    v
}

/// The value at `a.b[0].c` in `props`.
fn property_path<'d>(props: &'d Dyn, path: &str) -> Option<&'d Dyn> {
    let mut cur = props;
    for part in path.split('.') {
        let (key, indexes) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            cur = cur.get(key)?;
        }
        for idx in indexes.split('[').filter(|x| !x.is_empty()) {
            let n: usize = idx.trim_end_matches(']').parse().ok()?;
            cur = cur.as_list()?.get(n)?;
        }
    }
    if matches!(cur.kind, DynKind::Unknown) {
        return None;
    }
    Some(cur)
}
