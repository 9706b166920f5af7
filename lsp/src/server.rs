//! The protocol side: open buffers, debounced analyses, publishing and clearing diagnostics,
//! hovers and code actions.

use crate::actions;
use crate::analysis::{self, ConfigProblem, FindingView, Unit, UnitResult};
use crate::blocks::{self, Syntax};
use crate::hover;
use cloudsentinel_checks::{Severity, config};
use cloudsentinel_model::{LineIndex, SourceFile};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, CodeActionResponse, Diagnostic, DiagnosticSeverity,
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams, Hover,
    HoverContents, HoverParams, HoverProviderCapability, InitializeParams, InitializeResult,
    InitializedParams, MarkupContent, MarkupKind, MessageType, NumberOrString, Position,
    PositionEncodingKind, Range, Registration, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, TextEdit, Uri, WorkspaceEdit,
};
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

/// How long an edit waits for the next one before the analysis starts.
pub const DEBOUNCE: Duration = Duration::from_millis(20);
/// How long a hover or code action waits for a pending analysis of its file.
const FRESH_WAIT: Duration = Duration::from_secs(5);

/// Runs the server on standard input and output until the client says `exit`. Returns the
/// process exit code: 0 after a `shutdown` request, 1 otherwise (LSP 3.17).
pub fn run_stdio() -> std::io::Result<u8> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let shut_down = Arc::new(AtomicBool::new(false));
    let flag = shut_down.clone();
    runtime.block_on(async move {
        let (service, socket) = LspService::new(move |client| Backend::new(client, flag));
        // One message at a time: edits are applied in the order they were sent. Handlers
        // never analyse inline; analyses run on their own tasks.
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .concurrency_level(1)
            .serve(service)
            .await;
    });
    // The blocking stdin reader may still wait for input nobody sends.
    runtime.shutdown_timeout(Duration::from_millis(100));
    Ok(u8::from(!shut_down.load(Ordering::SeqCst)))
}

struct Doc {
    uri: Uri,
    text: String,
}

#[derive(Default)]
struct UnitState {
    /// Bumped by every change that needs a new analysis.
    generation: u64,
    /// The newest result and the generation it answers.
    result: Option<(u64, Arc<UnitResult>)>,
}

struct State {
    docs: HashMap<PathBuf, Doc>,
    units: HashMap<Unit, UnitState>,
    min_severity: Severity,
    /// Files whose last published diagnostics were not empty.
    published: HashSet<PathBuf>,
    reported_config: HashSet<String>,
    /// Configuration files that could not be used, per unit whose analysis found them.
    config_problems: HashMap<Unit, ConfigProblem>,
}

struct Inner {
    state: Mutex<State>,
    /// One analysis at a time (each analysis is parallel inside).
    gate: tokio::sync::Semaphore,
    /// Computing and sending diagnostics is one step, so two publishers never interleave.
    publishing: tokio::sync::Mutex<()>,
    shut_down: Arc<AtomicBool>,
    /// The client can watch files for us (dynamic registration of didChangeWatchedFiles).
    can_watch: AtomicBool,
}

/// The language server.
#[derive(Clone)]
pub struct Backend {
    client: Client,
    inner: Arc<Inner>,
}

fn path_of(uri: &Uri) -> Option<PathBuf> {
    if !uri.as_str().starts_with("file:") {
        return None;
    }
    uri.to_file_path().map(std::borrow::Cow::into_owned)
}

/// The minimum severity in `{"cloudsentinel": {"severity": …}}` (or `{"severity": …}`):
/// `None` when the settings do not mention it.
pub fn severity_setting(v: &Value) -> Option<std::result::Result<Severity, String>> {
    let section = v.get("cloudsentinel").unwrap_or(v);
    let s = section.get("severity")?;
    Some(match s.as_str().and_then(Severity::parse) {
        Some(sev) => Ok(sev),
        None => Err(format!(
            "cloudsentinel.severity must be critical, high, medium or low, not {s}"
        )),
    })
}

fn lock(inner: &Inner) -> std::sync::MutexGuard<'_, State> {
    inner
        .state
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Backend {
    fn new(client: Client, shut_down: Arc<AtomicBool>) -> Backend {
        Backend {
            client,
            inner: Arc::new(Inner {
                state: Mutex::new(State {
                    docs: HashMap::new(),
                    units: HashMap::new(),
                    min_severity: Severity::Low,
                    published: HashSet::new(),
                    reported_config: HashSet::new(),
                    config_problems: HashMap::new(),
                }),
                gate: tokio::sync::Semaphore::new(1),
                publishing: tokio::sync::Mutex::new(()),
                shut_down,
                can_watch: AtomicBool::new(false),
            }),
        }
    }

    /// Schedules a new analysis of `unit` after `delay` (a newer schedule supersedes it).
    fn schedule(&self, unit: Unit, delay: Duration) {
        let generation = {
            let mut st = lock(&self.inner);
            let u = st.units.entry(unit.clone()).or_default();
            u.generation += 1;
            u.generation
        };
        let this = self.clone();
        tokio::spawn(async move { this.run(unit, generation, delay).await });
    }

    /// Units whose last analysis read `path` (a module called from elsewhere, a sibling).
    fn units_reading(&self, path: &Path) -> Vec<Unit> {
        let st = lock(&self.inner);
        st.units
            .iter()
            .filter(|(u, s)| {
                u.contains(path)
                    || s.result
                        .as_ref()
                        .is_some_and(|(_, r)| r.texts.contains_key(path))
            })
            .map(|(u, _)| u.clone())
            .collect()
    }

    fn is_stale(&self, unit: &Unit, generation: u64) -> bool {
        lock(&self.inner)
            .units
            .get(unit)
            .is_none_or(|u| u.generation != generation)
    }

    async fn run(&self, unit: Unit, generation: u64, delay: Duration) {
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        if self.is_stale(&unit, generation) {
            return;
        }
        let Ok(_permit) = self.inner.gate.acquire().await else {
            return;
        };
        if self.is_stale(&unit, generation) {
            return;
        }
        let overlays: HashMap<PathBuf, String> = lock(&self.inner)
            .docs
            .iter()
            .map(|(p, d)| (p.clone(), d.text.clone()))
            .collect();
        let u = unit.clone();
        let Ok(result) =
            tokio::task::spawn_blocking(move || analysis::analyse(&u, Arc::new(overlays))).await
        else {
            self.client
                .log_message(
                    MessageType::ERROR,
                    format!("analysis of {} failed", unit.path.display()),
                )
                .await;
            return;
        };
        let problem = result.config_problem.clone();
        let _publishing = self.inner.publishing.lock().await;
        let publications = {
            let mut st = lock(&self.inner);
            let Some(us) = st.units.get_mut(&unit) else {
                return; // closed meanwhile
            };
            if us.result.as_ref().is_some_and(|(g, _)| *g > generation) {
                return;
            }
            let mut paths: BTreeSet<PathBuf> = us
                .result
                .as_ref()
                .map(|(_, r)| r.files.keys().cloned().collect())
                .unwrap_or_default();
            paths.extend(result.files.keys().cloned());
            us.result = Some((generation, Arc::new(result)));
            paths.extend(st.docs.keys().filter(|p| unit.contains(p)).cloned());
            let old = match &problem {
                Some(p) => st.config_problems.insert(unit.clone(), p.clone()),
                None => st.config_problems.remove(&unit),
            };
            paths.extend(
                old.into_iter()
                    .chain(problem.clone())
                    .filter_map(|p| p.path),
            );
            collect(&mut st, paths)
        };
        self.send(publications).await;
        if let Some(p) = problem {
            let message = match &p.path {
                Some(path) => format!("{}:{}:{}: {}", path.display(), p.line, p.column, p.message),
                None => p.message.clone(),
            };
            let first = lock(&self.inner).reported_config.insert(message.clone());
            if first {
                self.client
                    .show_message(
                        MessageType::ERROR,
                        format!("CloudSentinel configuration ignored: {message}"),
                    )
                    .await;
            }
        }
    }

    async fn send(&self, publications: Vec<(Uri, Vec<Diagnostic>)>) {
        for (uri, diags) in publications {
            self.client.publish_diagnostics(uri, diags, None).await;
        }
    }

    /// Re-publishes every file from the results at hand (after a settings change).
    async fn republish_all(&self) {
        let _publishing = self.inner.publishing.lock().await;
        let publications = {
            let mut st = lock(&self.inner);
            let mut paths: BTreeSet<PathBuf> = st.published.iter().cloned().collect();
            for u in st.units.values() {
                if let Some((_, r)) = &u.result {
                    paths.extend(r.files.keys().cloned());
                }
            }
            collect(&mut st, paths)
        };
        self.send(publications).await;
    }

    /// Waits (bounded) until the unit of `path` has a result for its latest change.
    async fn wait_fresh(&self, path: &Path) {
        let deadline = Instant::now() + FRESH_WAIT;
        let unit = Unit::of(path);
        loop {
            {
                let st = lock(&self.inner);
                match st.units.get(&unit) {
                    None => return,
                    Some(u) if u.result.as_ref().is_some_and(|(g, _)| *g == u.generation) => {
                        return;
                    }
                    _ => {}
                }
            }
            if Instant::now() >= deadline {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// The buffer's text (or the file's), the findings of every analysis in this file, the
    /// checks that ran, and the minimum severity.
    fn file_view(&self, path: &Path) -> Option<FileView> {
        let st = lock(&self.inner);
        let text = match st.docs.get(path) {
            Some(d) => d.text.clone(),
            None => std::fs::read_to_string(path).ok()?,
        };
        let mut results: Vec<Arc<UnitResult>> = Vec::new();
        for u in st.units.values() {
            if let Some((_, r)) = &u.result {
                results.push(r.clone());
            }
        }
        let own = st
            .units
            .get(&Unit::of(path))
            .and_then(|u| u.result.as_ref().map(|(_, r)| r.clone()));
        let checks_run: BTreeSet<&'static str> = match &own {
            Some(r) => r.checks_run.iter().copied().collect(),
            None => cloudsentinel_checks::registry::ALL
                .iter()
                .map(|c| c.meta.id)
                .collect(),
        };
        let lines = LineIndex::new(&text);
        Some(FileView {
            file: SourceFile {
                path: path.to_path_buf(),
                text: text.into(),
                lines,
            },
            results,
            checks_run,
            min: st.min_severity,
        })
    }
}

struct FileView {
    file: SourceFile,
    results: Vec<Arc<UnitResult>>,
    checks_run: BTreeSet<&'static str>,
    min: Severity,
}

impl FileView {
    /// This file's findings from every analysis, deduplicated; with `current` only those
    /// computed on the text the buffer has now (their offsets are valid in it).
    fn findings(&self, current: bool) -> Vec<&FindingView> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for r in &self.results {
            let Some(fr) = r.files.get(&self.file.path) else {
                continue;
            };
            if current && *fr.file.text != *self.file.text {
                continue;
            }
            for f in &fr.findings {
                if seen.insert((f.check_id, f.location, f.message.clone(), f.suppressed)) {
                    out.push(f);
                }
            }
        }
        out
    }
}

/// The diagnostics to publish for `paths`: for each, the union of every unit's findings
/// there; a file is skipped when it has none now and had none before.
fn collect(st: &mut State, paths: BTreeSet<PathBuf>) -> Vec<(Uri, Vec<Diagnostic>)> {
    let mut out = Vec::new();
    for path in paths {
        let mut diags: Vec<Diagnostic> = Vec::new();
        let mut units: Vec<(&Unit, &UnitState)> = st.units.iter().collect();
        units.sort_by(|a, b| a.0.cmp(b.0));
        for (_, u) in units {
            let Some((_, r)) = &u.result else { continue };
            if let Some(fr) = r.files.get(&path) {
                for d in analysis::diagnostics(fr, st.min_severity) {
                    if !diags.contains(&d) {
                        diags.push(d);
                    }
                }
            }
        }
        for p in st.config_problems.values() {
            if p.path.as_deref() == Some(path.as_path()) {
                let d = config_diagnostic(p);
                if !diags.contains(&d) {
                    diags.push(d);
                }
            }
        }
        diags.sort_by(|a, b| {
            (a.range.start, a.range.end)
                .cmp(&(b.range.start, b.range.end))
                .then_with(|| format!("{:?}", a.code).cmp(&format!("{:?}", b.code)))
        });
        let open = st.docs.contains_key(&path);
        let had = st.published.contains(&path);
        if diags.is_empty() && !had && !open {
            continue;
        }
        if diags.is_empty() {
            st.published.remove(&path);
        } else {
            st.published.insert(path.clone());
        }
        let uri = match st.docs.get(&path) {
            Some(d) => Some(d.uri.clone()),
            None => analysis::uri_of(&path),
        };
        if let Some(uri) = uri {
            out.push((uri, diags));
        }
    }
    out
}

/// A configuration error, on its line of the configuration file.
fn config_diagnostic(p: &ConfigProblem) -> Diagnostic {
    let text = p
        .path
        .as_deref()
        .and_then(|f| std::fs::read_to_string(f).ok())
        .unwrap_or_default();
    let line = text.lines().nth(p.line.saturating_sub(1)).unwrap_or("");
    let before: String = line.chars().take(p.column.saturating_sub(1)).collect();
    let start = before.encode_utf16().count() as u32;
    let end = (line.trim_end().encode_utf16().count() as u32).max(start);
    let line = p.line.saturating_sub(1) as u32;
    Diagnostic {
        range: Range::new(Position::new(line, start), Position::new(line, end)),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("configuration".to_string())),
        source: Some(analysis::SOURCE.to_string()),
        message: format!("{} (the configuration is ignored)", p.message),
        ..Default::default()
    }
}

fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| config::FILE_NAMES.contains(&n))
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let can_watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        self.inner.can_watch.store(can_watch, Ordering::SeqCst);
        if let Some(Ok(sev)) = params
            .initialization_options
            .as_ref()
            .and_then(severity_setting)
        {
            lock(&self.inner).min_severity = sev;
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(PositionEncodingKind::UTF16),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                        ..Default::default()
                    },
                )),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "cloudsentinel".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // Learn which checks apply to which resource types before the first hover needs it.
        tokio::task::spawn_blocking(|| hover::checks_for_type(""));
        // Files changed behind the editor's back (a checkout, a module edited elsewhere, the
        // configuration) re-analyse the open units.
        if self.inner.can_watch.load(Ordering::SeqCst) {
            let client = self.client.clone();
            tokio::spawn(async move {
                let watchers = serde_json::json!({"watchers": [
                    {"globPattern": "**/*.{tf,tf.json,tfvars,tfvars.json}"},
                    {"globPattern": "**/.cloudsentinel.{yaml,yml}"},
                ]});
                let _ = client
                    .register_capability(vec![Registration {
                        id: "cloudsentinel-watched-files".to_string(),
                        method: "workspace/didChangeWatchedFiles".to_string(),
                        register_options: Some(watchers),
                    }])
                    .await;
            });
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.inner.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let Some(path) = path_of(&doc.uri) else {
            return;
        };
        lock(&self.inner).docs.insert(
            path.clone(),
            Doc {
                uri: doc.uri,
                text: doc.text,
            },
        );
        let mut units = self.units_reading(&path);
        let own = Unit::of(&path);
        if !units.contains(&own) {
            units.push(own);
        }
        for u in units {
            self.schedule(u, Duration::ZERO);
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let Some(path) = path_of(&params.text_document.uri) else {
            return;
        };
        {
            let mut st = lock(&self.inner);
            let Some(doc) = st.docs.get_mut(&path) else {
                return;
            };
            for change in params.content_changes {
                match change.range {
                    None => doc.text = change.text,
                    Some(r) => {
                        let lines = LineIndex::new(&doc.text);
                        let s = lines.offset_of_utf16(
                            &doc.text,
                            r.start.line as usize,
                            r.start.character,
                        ) as usize;
                        let e =
                            lines.offset_of_utf16(&doc.text, r.end.line as usize, r.end.character)
                                as usize;
                        let (s, e) = (s.min(doc.text.len()), e.min(doc.text.len()).max(s));
                        doc.text.replace_range(s..e, &change.text);
                    }
                }
            }
        }
        for u in self.units_reading(&path) {
            self.schedule(u, DEBOUNCE);
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let Some(path) = path_of(&params.text_document.uri) else {
            return;
        };
        if is_config_file(&path) {
            let units: Vec<Unit> = lock(&self.inner).units.keys().cloned().collect();
            for u in units {
                self.schedule(u, Duration::ZERO);
            }
            return;
        }
        for u in self.units_reading(&path) {
            self.schedule(u, Duration::ZERO);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let Some(path) = path_of(&params.text_document.uri) else {
            return;
        };
        let readers = self.units_reading(&path);
        let publishing = self.inner.publishing.lock().await;
        let (publications, rerun) = {
            let mut st = lock(&self.inner);
            st.docs.remove(&path);
            let open: Vec<PathBuf> = st.docs.keys().cloned().collect();
            let dropped: Vec<Unit> = st
                .units
                .keys()
                .filter(|u| !open.iter().any(|p| u.contains(p)))
                .cloned()
                .collect();
            let mut paths: BTreeSet<PathBuf> = BTreeSet::new();
            paths.insert(path.clone());
            for u in &dropped {
                if let Some(p) = st.config_problems.remove(u) {
                    paths.extend(p.path);
                }
                if let Some(s) = st.units.remove(u)
                    && let Some((_, r)) = s.result
                {
                    paths.extend(r.files.keys().cloned());
                }
            }
            let rerun: Vec<Unit> = readers
                .into_iter()
                .filter(|u| st.units.contains_key(u))
                .collect();
            (collect(&mut st, paths), rerun)
        };
        self.send(publications).await;
        drop(publishing);
        // The file on disk replaces the closed buffer for the analyses still running.
        for u in rerun {
            self.schedule(u, Duration::ZERO);
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        match severity_setting(&params.settings) {
            Some(Ok(sev)) => lock(&self.inner).min_severity = sev,
            Some(Err(message)) => {
                self.client
                    .show_message(MessageType::WARNING, message)
                    .await;
                return;
            }
            None => {
                if params.settings.get("cloudsentinel").is_some() {
                    lock(&self.inner).min_severity = Severity::Low;
                }
            }
        }
        self.republish_all().await;
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        let units: Vec<Unit> = lock(&self.inner).units.keys().cloned().collect();
        for u in units {
            self.schedule(u, DEBOUNCE);
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let pos = params.text_document_position_params.position;
        let Some(path) = path_of(&params.text_document_position_params.text_document.uri) else {
            return Ok(None);
        };
        self.wait_fresh(&path).await;
        let Some(view) = self.file_view(&path) else {
            return Ok(None);
        };
        let text = &view.file.text;
        let offset = analysis::offset_of(&view.file, pos);
        let findings = view.findings(false);
        let mut parts: Vec<String> = Vec::new();
        if let Some(block) = hover::header_on_line(&path, text, blocks::line_start(text, offset)) {
            parts.push(hover::resource_summary(
                &block,
                &findings,
                &view.checks_run,
                view.min,
            ));
        }
        let mut documented = HashSet::new();
        for f in analysis::shown(
            &findings.iter().map(|f| (*f).clone()).collect::<Vec<_>>(),
            view.min,
        ) {
            if f.range.start <= pos
                && pos <= f.range.end
                && documented.insert((f.check_id, f.message.clone()))
            {
                parts.push(hover::finding_doc(f));
            }
        }
        if parts.is_empty() {
            return Ok(None);
        }
        Ok(Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range: None,
        }))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(path) = path_of(&uri) else {
            return Ok(None);
        };
        self.wait_fresh(&path).await;
        let Some(view) = self.file_view(&path) else {
            return Ok(None);
        };
        let syntax = Syntax::of(&path);
        let text = &view.file.text;
        let want = params.range;
        let mut out: Vec<CodeActionOrCommand> = Vec::new();
        let mut titles = HashSet::new();
        let findings: Vec<FindingView> = view.findings(true).into_iter().cloned().collect();
        for f in analysis::shown(&findings, view.min) {
            if f.range.end < want.start || want.end < f.range.start {
                continue;
            }
            let diag = analysis::diagnostic(f);
            let candidates = [
                actions::quick_fix(syntax, text, f),
                actions::ignore(syntax, text, f),
            ];
            for a in candidates.into_iter().flatten() {
                // Instances of one resource (count, for_each) share their actions.
                if !titles.insert((a.title.clone(), a.edits.clone())) {
                    continue;
                }
                let edits: Vec<TextEdit> = a
                    .edits
                    .iter()
                    .map(|e| TextEdit {
                        range: analysis::lsp_range(&view.file, e.range),
                        new_text: e.new_text.clone(),
                    })
                    .collect();
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: a.title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diag.clone()]),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), edits)])),
                        ..Default::default()
                    }),
                    is_preferred: a.preferred.then_some(true),
                    ..Default::default()
                }));
            }
        }
        Ok(Some(out))
    }
}
