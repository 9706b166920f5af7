//! CloudFormation and SAM: YAML and JSON templates with spans, evaluation of parameters,
//! conditions, mappings and intrinsic functions, SAM expansion, local nested stacks, and
//! adapters into the shared model.
//!
//! Entry points: [`load`] (files → [`State`]), [`evaluate`] (files → one
//! [`CfnEvaluation`] per root template), [`adapt::adapt`] and [`adapt_live`] (a live
//! resource's resource-schema properties through the same adapters).
//!
//! Templates are found by content, whatever their extension: a file is a template when it
//! has `AWSTemplateFormatVersion` or a `Resources` mapping with `AWS::…`/`Custom::…` types.
//! Other YAML and JSON files are skipped silently; a file that looks like a template but
//! cannot be parsed becomes a located parse error. Each root template is evaluated on its
//! own (in parallel); a panic while evaluating one becomes a parse error for that file.

pub mod adapt;
pub mod eval;
mod live;
pub mod params;
pub(crate) mod resources;
mod sam;
pub(crate) mod secrets;
pub mod syntax;
pub mod template;

use crate::LoadOptions;
use crate::dynvalue::Dyn;
use crate::frontend::{Candidate, FrontEnd, UnitScope};
use cloudsentinel_model::{
    FileId, HardcodedSecret, Ignore, Location, ModuleCall, Notice, ParseError, SourceDb, State,
    TextRange,
};
pub use eval::CfnResource;
use eval::{NestedTemplates, Nesting, Stack};
pub use live::{LiveResource, adapt_live};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use template::{Parsed, Template};

/// Deepest chain of nested stacks followed.
pub(crate) const MAX_NESTING: usize = 16;

/// Stack of the threads evaluating templates (evaluation recurses, bounded by the syntax
/// depth limit; debug builds use large frames).
const EVAL_STACK_SIZE: usize = 32 * 1024 * 1024;

/// Bytes read to decide whether a file too large to parse is a template.
const SNIFF_LEN: usize = 64 * 1024;

/// CloudFormation's own load options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CloudFormationOptions {
    /// Parameter files (`--cfn-parameters`), in order (later wins): the
    /// `[{"ParameterKey": …, "ParameterValue": …}]` JSON of the AWS CLI, a
    /// `{"Parameters": {…}}` or plain JSON object, or `Key=Value` lines.
    pub parameters: Vec<PathBuf>,
}

/// The CloudFormation (and SAM) front-end: claims YAML, JSON and `.template` files whose
/// content is a template; each root template is a unit with the nested stacks it calls.
#[derive(Debug, Clone, Copy, Default)]
pub struct CloudFormation;

impl FrontEnd for CloudFormation {
    fn id(&self) -> &'static str {
        "cloudformation"
    }

    fn name(&self) -> &'static str {
        "CloudFormation"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &[".yaml", ".yml", ".json", ".template"]
    }

    fn unit_scope(&self) -> UnitScope {
        UnitScope::File
    }

    fn claims(&self, file: &Candidate<'_>) -> bool {
        if !is_candidate_name(file.path) {
            return false;
        }
        // A file that cannot be read as text is claimed: loading reports it when it looks
        // like a template (or is a `.template`), and skips it otherwise.
        file.text().is_none_or(template::looks_like_template)
    }

    fn load(&self, files: &[PathBuf], opts: &LoadOptions, db: &SourceDb) -> State {
        load(files, opts, db)
    }
}

/// A file whose name allows a template (`.yaml`, `.yml`, `.json`, `.template`; `.tf.json`
/// is Terraform's). Whether it is one is decided by its content.
pub fn is_candidate_name(path: &Path) -> bool {
    if crate::terraform::is_terraform_file(path) {
        return false;
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    ["yaml", "yml", "json", "template"]
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e))
}

/// Everything one root template (with its nested stacks) evaluated to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CfnEvaluation {
    /// The root template's file.
    pub root: Option<FileId>,
    /// Deployed resources (conditions applied, SAM expanded), nested stacks' included.
    pub resources: Vec<CfnResource>,
    pub secrets: Vec<HardcodedSecret>,
    pub notices: Vec<Notice>,
    pub parse_errors: Vec<ParseError>,
}

/// Loads every template among `files` (candidates by extension) and adapts it.
pub fn load(files: &[PathBuf], opts: &LoadOptions, db: &SourceDb) -> State {
    let evaluations = evaluate(files, opts, db);
    let mut state = State::default();
    for ev in &evaluations {
        let file = ev.root.unwrap_or(FileId(0));
        match isolate(file, || adapt::adapt(ev, db)) {
            Ok(s) => state.extend(s),
            Err(e) => {
                state.parse_errors.push(e);
                state.parse_errors.extend(ev.parse_errors.iter().cloned());
            }
        }
    }
    state.notices.sort();
    state.notices.dedup();
    let mut seen = HashSet::new();
    state
        .parse_errors
        .retain(|e| seen.insert((e.location, e.message.clone())));
    state
}

/// Runs `f` (the evaluation or adaptation of one template); a panic becomes a parse error
/// located at the start of `file`, so one template can never stop the scan.
pub fn isolate<T>(file: FileId, f: impl FnOnce() -> T) -> Result<T, ParseError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|p| {
        let detail = p
            .downcast_ref::<&str>()
            .map(std::string::ToString::to_string)
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        ParseError {
            location: Location::new(file, TextRange::default()),
            message: if detail.is_empty() {
                "internal error while evaluating this template; it is not checked".to_string()
            } else {
                format!(
                    "internal error while evaluating this template ({detail}); it is not checked"
                )
            },
        }
    })
}

/// Parses the candidate files and evaluates every root template (one that no other
/// scanned template uses as a nested stack), in parallel and path order. Parse errors and
/// parameter file errors come last, in an evaluation of their own.
pub fn evaluate(files: &[PathBuf], opts: &LoadOptions, db: &SourceDb) -> Vec<CfnEvaluation> {
    let work = || evaluate_inner(files, opts, db);
    match rayon::ThreadPoolBuilder::new()
        .num_threads(rayon::current_num_threads())
        .stack_size(EVAL_STACK_SIZE)
        .build()
    {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

fn evaluate_inner(files: &[PathBuf], opts: &LoadOptions, db: &SourceDb) -> Vec<CfnEvaluation> {
    let lib = Library {
        opts,
        db,
        cache: Mutex::new(HashMap::new()),
        errors: Mutex::new(Vec::new()),
        extras: Mutex::new(Vec::new()),
        notices: Mutex::new(Vec::new()),
    };
    let paths: Vec<PathBuf> = files.iter().map(|p| clean(p)).collect();
    paths.par_iter().for_each(|p| {
        lib.get(p, false);
    });
    let mut templates: BTreeMap<PathBuf, Arc<Template>> = BTreeMap::new();
    for p in &paths {
        if let Some(t) = lib.get(p, false) {
            templates.insert(p.clone(), t);
        }
    }
    let cfn = opts.frontend::<CloudFormationOptions>();
    let (param_values, param_errors) = if cfn.parameters.is_empty() {
        (HashMap::new(), Vec::new())
    } else {
        params::load(&cfn.parameters, opts, db)
    };
    let mut roots = roots(&templates);
    let mut extras = std::mem::take(
        &mut *lib
            .extras
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    extras.sort_by(|a, b| (&a.path, a.root.start).cmp(&(&b.path, b.root.start)));
    roots.extend(extras);
    let mut out: Vec<CfnEvaluation> = roots
        .par_iter()
        .map(|t| {
            match isolate(t.file, || {
                let mut ev = CfnEvaluation {
                    root: Some(t.file),
                    ..CfnEvaluation::default()
                };
                let mut visiting = vec![t.path.clone()];
                eval_stack(
                    &lib,
                    t,
                    &param_values,
                    StackCall {
                        prefix: String::new(),
                        chain: Vec::new(),
                        ignores: Vec::new(),
                    },
                    &mut visiting,
                    &mut ev,
                );
                ev
            }) {
                Ok(ev) => ev,
                Err(e) => CfnEvaluation {
                    root: Some(t.file),
                    parse_errors: vec![e],
                    ..CfnEvaluation::default()
                },
            }
        })
        .collect();
    let mut rest = CfnEvaluation {
        parse_errors: param_errors,
        ..CfnEvaluation::default()
    };
    let mut errors = std::mem::take(
        &mut *lib
            .errors
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    errors.sort_by_key(|e| (e.location.file, e.location.range.start));
    rest.parse_errors.extend(errors);
    rest.notices = std::mem::take(
        &mut *lib
            .notices
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    if !rest.parse_errors.is_empty() || !rest.notices.is_empty() {
        out.push(rest);
    }
    out
}

/// The templates to evaluate on their own: those no other template calls as a nested
/// stack, then (for cycles of templates calling each other) the first not reached yet.
fn roots(templates: &BTreeMap<PathBuf, Arc<Template>>) -> Vec<Arc<Template>> {
    let refs: BTreeMap<&PathBuf, Vec<PathBuf>> = templates
        .iter()
        .map(|(p, t)| {
            let own: Vec<PathBuf> = nested_paths(t).into_iter().filter(|c| c != p).collect();
            (p, own)
        })
        .collect();
    let called: HashSet<&PathBuf> = refs.values().flatten().collect();
    let mut roots: Vec<Arc<Template>> = Vec::new();
    let mut reached: HashSet<PathBuf> = HashSet::new();
    let reach = |start: &PathBuf, reached: &mut HashSet<PathBuf>| {
        let mut stack = vec![start.clone()];
        while let Some(p) = stack.pop() {
            if reached.insert(p.clone())
                && let Some(children) = refs.get(&p)
            {
                stack.extend(children.iter().cloned());
            }
        }
    };
    for (p, t) in templates {
        if !called.contains(p) {
            roots.push(t.clone());
            reach(p, &mut reached);
        }
    }
    for (p, t) in templates {
        if !reached.contains(p) {
            roots.push(t.clone());
            reach(p, &mut reached);
        }
    }
    roots
}

/// Local nested stack templates a template names literally (for finding roots).
fn nested_paths(t: &Template) -> Vec<PathBuf> {
    let Some(resources) = t.section("Resources").and_then(syntax::Node::as_map) else {
        return Vec::new();
    };
    let dir = t.path.parent().unwrap_or(Path::new(""));
    resources
        .iter()
        .filter_map(|e| {
            let ty = e.value.get("Type")?.as_str()?;
            let key = nested_key(ty)?;
            let url = e.value.get("Properties")?.get(key)?.as_str()?;
            local_template(dir, url)
        })
        .collect()
}

/// The property naming a nested stack's template, for the types that have one.
pub(crate) fn nested_key(rtype: &str) -> Option<&'static str> {
    match rtype {
        "AWS::CloudFormation::Stack" => Some("TemplateURL"),
        "AWS::Serverless::Application" => Some("Location"),
        _ => None,
    }
}

/// A template URL that names a local file (what `aws cloudformation package` uploads).
fn local_template(dir: &Path, url: &str) -> Option<PathBuf> {
    let url = url.trim();
    if url.is_empty() || url.contains("://") || url.starts_with("s3:") {
        return None;
    }
    let url = url.strip_prefix("file:").unwrap_or(url);
    let p = Path::new(url);
    Some(if p.is_absolute() {
        clean(p)
    } else {
        clean(&dir.join(p))
    })
}

/// `a/./b/../c` → `a/c`, lexically.
fn clean(p: &Path) -> PathBuf {
    let mut out: Vec<Component<'_>> = Vec::new();
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
            _ => out.push(c),
        }
    }
    let n: PathBuf = out.iter().collect();
    if n.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        n
    }
}

/// How a stack is called: its address prefix, call chain and inherited suppressions.
struct StackCall {
    prefix: String,
    chain: Vec<ModuleCall>,
    ignores: Vec<Ignore>,
}

/// Evaluates one stack and, recursively, its local nested stacks.
fn eval_stack(
    lib: &Library<'_>,
    t: &Template,
    provided: &HashMap<String, Dyn>,
    call: StackCall,
    visiting: &mut Vec<PathBuf>,
    out: &mut CfnEvaluation,
) {
    let stack = Stack::new(
        t,
        provided,
        call.prefix.clone(),
        call.chain.clone(),
        Some(Nesting {
            loader: lib,
            visiting: visiting.clone(),
        }),
    );
    let transforms = t.transforms();
    for tr in &transforms {
        if tr != "AWS::Serverless-2016-10-31" && tr != "AWS::LanguageExtensions" {
            let at = t
                .root
                .entry("Transform")
                .map_or_else(|| t.loc(0, 0), |e| t.loc(e.key_start, e.range().1));
            stack.notice(
                at,
                format!(
                    "transform {tr} is not evaluated; resources it would add or change are not checked"
                ),
            );
        }
    }
    let (resources, deployed) = resources::evaluate(&stack, &call.ignores);
    let mut found = secrets::find(t, &deployed, &call.chain);
    for s in &mut found {
        if let Some(r) = resources
            .iter()
            .find(|r| r.generated_from.is_none() && r.logical_id == s.resource.address)
        {
            s.resource.ignores = r.ignores.clone();
        }
    }
    out.secrets.extend(found);
    let dir = t.path.parent().unwrap_or(Path::new("")).to_path_buf();
    for r in &resources {
        let Some(key) = nested_key(&r.rtype) else {
            continue;
        };
        let url = r.props.get(key);
        let Some(url_text) = url.and_then(Dyn::as_str) else {
            let what = if url.is_some_and(|u| u.as_map().is_some()) {
                "an application from the Serverless Application Repository"
            } else {
                "a template whose location cannot be evaluated"
            };
            stack.notice(
                r.loc,
                format!(
                    "nested stack {} uses {what}; its resources are not checked",
                    r.logical_id
                ),
            );
            continue;
        };
        let Some(path) = local_template(&dir, url_text) else {
            stack.notice(
                r.loc,
                format!(
                    "nested stack {} uses the remote template {url_text}; its resources are not checked",
                    r.logical_id
                ),
            );
            continue;
        };
        if visiting.contains(&path) || visiting.len() > MAX_NESTING {
            stack.notice(
                r.loc,
                format!(
                    "nested stack {} calls {} recursively; not followed",
                    r.logical_id,
                    path.display()
                ),
            );
            continue;
        }
        let Some(child) = lib.get(&path, true) else {
            stack.notice(
                r.loc,
                format!(
                    "nested stack {}: {} is not a readable CloudFormation template; its resources are not checked",
                    r.logical_id,
                    path.display()
                ),
            );
            continue;
        };
        let params: HashMap<String, Dyn> = r
            .props
            .get("Parameters")
            .and_then(Dyn::as_map)
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        let mut chain = call.chain.clone();
        chain.push(ModuleCall {
            name: r.logical_id.clone(),
            location: r.loc,
        });
        visiting.push(path);
        eval_stack(
            lib,
            &child,
            &params,
            StackCall {
                prefix: format!("{}module.{}.", call.prefix, r.logical_id),
                chain,
                ignores: r.ignores.clone(),
            },
            visiting,
            out,
        );
        visiting.pop();
    }
    out.resources.extend(resources);
    out.notices.extend(stack.notices.into_inner());
}

/// Parsed templates by path, read once (a nested template called twice is parsed once).
struct Library<'a> {
    opts: &'a LoadOptions,
    db: &'a SourceDb,
    cache: Mutex<HashMap<PathBuf, Option<Arc<Template>>>>,
    errors: Mutex<Vec<ParseError>>,
    /// Templates in the YAML documents after a file's first, each a root of its own.
    extras: Mutex<Vec<Arc<Template>>>,
    /// Notices about files (several YAML documents).
    notices: Mutex<Vec<Notice>>,
}

impl Library<'_> {
    /// The template at `path`; `None` when it is not one (or cannot be read or parsed,
    /// which is reported once). `named` files (nested stack templates) are parsed even
    /// when they do not look like templates.
    fn get(&self, path: &Path, named: bool) -> Option<Arc<Template>> {
        if let Some(v) = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(path)
        {
            return v.clone();
        }
        let loaded = self.read(path, named);
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        cache.entry(path.to_path_buf()).or_insert(loaded).clone()
    }

    fn error(&self, file: FileId, offset: usize, message: String) {
        self.errors
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(ParseError {
                location: Location::new(file, TextRange::new(offset, offset)),
                message,
            });
    }

    fn read(&self, path: &Path, named: bool) -> Option<Arc<Template>> {
        if named && !path.is_file() && !self.opts.overlays.contains_key(path) {
            // A nested stack naming a file that does not exist: its caller says so.
            return None;
        }
        let text = match crate::terraform::syntax::read_text(path, self.opts) {
            Ok(t) => t,
            Err(e) => {
                if e.message.starts_with("binary") && !named {
                    return None;
                }
                let looks = named
                    || template::looks_like_template(&e.text)
                    || (e.text.is_empty() && sniff(path))
                    || path
                        .extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("template"));
                if looks {
                    let file = self.db.add(path.to_path_buf(), e.text);
                    self.error(file, e.offset, e.message);
                }
                return None;
            }
        };
        let stream = if named {
            template::Stream {
                first: match syntax::parse(&text) {
                    Ok(root) if root.as_map().is_some() => Parsed::Template(root),
                    Ok(_) => Parsed::NotTemplate,
                    Err(e) => Parsed::Error(e),
                },
                extra: Vec::new(),
                errors: Vec::new(),
            }
        } else {
            template::classify_recovering(&text)
        };
        let text: Arc<str> = text.into();
        let file = || self.db.add(path.to_path_buf(), text.clone());
        let first = match stream.first {
            Parsed::NotTemplate => None,
            Parsed::Error(e) => {
                self.error(file(), e.offset, e.message);
                return None;
            }
            Parsed::Template(root) => Some(Arc::new(Template {
                file: file(),
                path: path.to_path_buf(),
                text: text.clone(),
                root,
            })),
        };
        if first.is_none() && stream.extra.iter().all(|d| d.template.is_none()) {
            return None;
        }
        if !stream.extra.is_empty() || !stream.errors.is_empty() {
            let file = first.as_ref().map_or_else(file, |t| t.file);
            self.extra_documents(file, path, &text, stream.extra);
            for e in stream.errors {
                self.error(file, e.offset, e.message);
            }
        }
        first
    }

    /// CloudFormation takes one YAML document per template: each document after the first is
    /// a notice at its `---`, and one that is a template is evaluated as a template of its own.
    fn extra_documents(
        &self,
        file: FileId,
        path: &Path,
        text: &Arc<str>,
        extra: Vec<template::ExtraDocument>,
    ) {
        // The notice is located at the document; its message names the file as well, for
        // outputs that show messages alone.
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        for doc in extra {
            let line = text
                .get(..doc.start)
                .map_or(1, |t| t.matches('\n').count() + 1);
            let what = if doc.template.is_some() {
                "it is checked as a template of its own"
            } else {
                "it is not a template and is not checked"
            };
            self.notices
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(Notice {
                    location: Some(Location::new(file, TextRange::new(doc.start, doc.start))),
                    message: format!(
                        "{name} holds another YAML document at line {line}; CloudFormation takes one document per template: {what}"
                    ),
                });
            if let Some(root) = doc.template {
                self.extras
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push(Arc::new(Template {
                        file,
                        path: path.to_path_buf(),
                        text: text.clone(),
                        root,
                    }));
            }
        }
    }
}

impl NestedTemplates for Library<'_> {
    fn nested_template(&self, from: &Template, url: &str) -> Option<Arc<Template>> {
        let dir = from.path.parent().unwrap_or(Path::new(""));
        self.get(&local_template(dir, url)?, true)
    }
}

/// Whether the start of a file too large to parse looks like a template.
fn sniff(path: &Path) -> bool {
    use std::io::Read;
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    let mut buf = Vec::with_capacity(SNIFF_LEN);
    if f.take(SNIFF_LEN as u64).read_to_end(&mut buf).is_err() {
        return false;
    }
    template::looks_like_template(&String::from_utf8_lossy(&buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_cleaned_lexically() {
        assert_eq!(
            clean(Path::new("a/./b/../c.yaml")),
            PathBuf::from("a/c.yaml")
        );
        assert_eq!(clean(Path::new("../x.yaml")), PathBuf::from("../x.yaml"));
        assert_eq!(
            local_template(Path::new("stacks"), "./child.yaml"),
            Some(PathBuf::from("stacks/child.yaml"))
        );
        assert_eq!(
            local_template(Path::new("stacks"), "https://s3.amazonaws.com/b/t.yaml"),
            None
        );
    }

    #[test]
    fn a_panic_becomes_a_located_error() {
        let e = isolate(FileId(3), || -> u8 { panic!("boom") }).unwrap_err();
        assert_eq!(e.location.file, FileId(3));
        assert!(e.message.contains("internal error") && e.message.contains("boom"));
        assert_eq!(isolate(FileId(0), || 5).unwrap(), 5);
    }
}
