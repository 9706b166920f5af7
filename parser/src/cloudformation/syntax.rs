//! CloudFormation syntax: YAML (with every short-form tag) and JSON into one spanned node
//! tree. Short forms are rewritten to the long form (`!Ref X` → `{"Ref": "X"}`,
//! `!Sub s` → `{"Fn::Sub": s}`, `!Condition C` → `{"Condition": "C"}`), so evaluation sees a
//! single shape; the synthesised key spans the tag.
//!
//! Hostile input is bounded: nesting deeper than [`MAX_DEPTH`], alias expansion beyond
//! [`MAX_NODES`] nodes, duplicate keys and parser panics become a located [`SyntaxError`].

use crate::dynvalue::format_number;
use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};
use std::collections::HashMap;
use std::sync::Arc;

/// Deepest nesting of sequences and mappings accepted.
pub const MAX_DEPTH: usize = 256;

/// Most nodes a document may expand to (YAML aliases included): an alias bomb stops here.
pub const MAX_NODES: usize = 2_000_000;

/// A node with the byte range it was written at.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    /// Byte range in the file (for a tagged YAML node, the tag included).
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    Number(f64),
    String(Arc<str>),
    Seq(Vec<Node>),
    /// Entries in source order; keys are unique.
    Map(Vec<Entry>),
}

/// `key: value` in a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: Arc<str>,
    pub key_start: u32,
    pub key_end: u32,
    pub value: Node,
}

impl Entry {
    /// From the key through the value.
    pub fn range(&self) -> (u32, u32) {
        (self.key_start, self.value.end.max(self.key_end))
    }
}

impl Node {
    fn new(kind: NodeKind, start: usize, end: usize) -> Self {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(end).unwrap_or(u32::MAX).max(start);
        Node { kind, start, end }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Seq(s) => Some(s),
            _ => None,
        }
    }

    /// The entry `key` of a mapping.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_map()?.iter().find(|e| &*e.key == key)
    }

    /// The value of entry `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// The single `(key, value)` of a one-entry mapping whose key names an intrinsic
    /// function (`Ref`, `Fn::…`); `Condition` too when `conditions` is set.
    pub fn intrinsic(&self, conditions: bool) -> Option<(&str, &Node)> {
        let m = self.as_map()?;
        let [e] = m else { return None };
        let k = &*e.key;
        (k == "Ref" || k.starts_with("Fn::") || (conditions && k == "Condition"))
            .then_some((k, &e.value))
    }

    /// Scalars as text (numbers and booleans as written in JSON).
    pub fn scalar_text(&self) -> Option<String> {
        match &self.kind {
            NodeKind::String(s) => Some(s.to_string()),
            NodeKind::Number(n) => Some(format_number(*n)),
            NodeKind::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// Number of nodes in this tree.
    fn size(&self) -> usize {
        let mut n = 0;
        let mut stack = vec![self];
        while let Some(x) = stack.pop() {
            n += 1;
            match &x.kind {
                NodeKind::Seq(s) => stack.extend(s.iter()),
                NodeKind::Map(m) => stack.extend(m.iter().map(|e| &e.value)),
                _ => {}
            }
        }
        n
    }
}

/// Why a text is not a valid template document, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset.
    pub offset: usize,
    pub message: String,
}

impl SyntaxError {
    /// An error at the start of the text.
    pub fn at_start(message: impl Into<String>) -> Self {
        Self::at(0, message)
    }

    fn at(offset: usize, message: impl Into<String>) -> Self {
        SyntaxError {
            offset,
            message: message.into(),
        }
    }
}

/// Parses JSON when the text starts with `{` or `[` (after whitespace and a BOM), else YAML
/// (JSON is YAML too, but the JSON parser gives better errors and is faster).
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        parse_json(text)
    } else {
        parse_yaml(text)
    }
}

/// Runs a third-party parser on untrusted text: a panic there (a parser bug) becomes an
/// error instead of taking the scan down.
fn guarded<T>(f: impl FnOnce() -> Result<T, SyntaxError>) -> Result<T, SyntaxError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(SyntaxError::at(
            0,
            "the parser failed on this file (internal error); not parsed",
        ))
    })
}

// ---- YAML ------------------------------------------------------------------------------------

/// Character index → byte offset (saphyr's markers count characters).
struct CharMap {
    /// Byte offset of every character start, plus the text length; empty for ASCII text.
    offsets: Vec<u32>,
    len: usize,
}

impl CharMap {
    fn new(text: &str) -> Self {
        let offsets = if text.is_ascii() {
            Vec::new()
        } else {
            let mut v: Vec<u32> = text.char_indices().map(|(i, _)| i as u32).collect();
            v.push(text.len() as u32);
            v
        };
        CharMap {
            offsets,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        if self.offsets.is_empty() {
            char_index.min(self.len)
        } else {
            self.offsets
                .get(char_index)
                .map_or(self.len, |b| *b as usize)
        }
    }
}

enum Frame {
    Seq {
        items: Vec<Node>,
        start: usize,
        tag: Option<(String, usize, usize)>,
        anchor: usize,
    },
    Map {
        entries: Vec<Entry>,
        key: Option<(Arc<str>, usize, usize)>,
        merges: Vec<Node>,
        seen: HashMap<Arc<str>, ()>,
        start: usize,
        tag: Option<(String, usize, usize)>,
        anchor: usize,
    },
}

struct YamlBuilder<'t> {
    text: &'t str,
    chars: CharMap,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    root: Option<Node>,
    nodes: usize,
    /// Where the current document starts (its `---` when it has one).
    doc_start: usize,
    /// Keep reading after the first document, collecting every one in `docs`.
    all: bool,
    docs: Vec<Document>,
}

/// One document of a YAML stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub root: Node,
    /// Byte offset where the document starts: its `---` marker when it has one, else its
    /// first node.
    pub start: usize,
}

/// Every document of a text: one for JSON, each document of a YAML stream (`---`
/// separators) in order. A syntax error ends the stream: the documents before it are kept
/// and the error is returned beside them. [`MAX_NODES`] bounds the whole stream.
pub fn parse_documents(text: &str) -> (Vec<Document>, Option<SyntaxError>) {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        return match parse_json(text) {
            Ok(root) => {
                let start = root.start as usize;
                (vec![Document { root, start }], None)
            }
            Err(e) => (Vec::new(), Some(e)),
        };
    }
    let mut docs = Vec::new();
    let result = guarded(|| {
        let mut b = YamlBuilder::new(text, true);
        let r = b.run();
        docs = std::mem::take(&mut b.docs);
        r
    });
    let error = match result {
        Ok(()) if docs.is_empty() => Some(SyntaxError::at(0, "empty document")),
        Ok(()) => None,
        Err(e) => Some(e),
    };
    (docs, error)
}

/// Parses the first document of a YAML stream.
pub fn parse_yaml(text: &str) -> Result<Node, SyntaxError> {
    guarded(|| {
        let mut b = YamlBuilder::new(text, false);
        b.run()?;
        b.root
            .take()
            .ok_or_else(|| SyntaxError::at(0, "empty document"))
    })
}

impl<'t> YamlBuilder<'t> {
    fn new(text: &'t str, all: bool) -> Self {
        YamlBuilder {
            text,
            chars: CharMap::new(text),
            stack: Vec::new(),
            anchors: HashMap::new(),
            root: None,
            nodes: 0,
            doc_start: usize::MAX,
            all,
            docs: Vec::new(),
        }
    }

    /// Reads events until the first document is complete (or, with `all`, the stream ends).
    fn run(&mut self) -> Result<(), SyntaxError> {
        let mut parser = Parser::new_from_str(self.text);
        while let Some(ev) = parser.next_event() {
            let (ev, span) = ev.map_err(|e| {
                SyntaxError::at(self.chars.byte(e.marker().index()), e.info().to_string())
            })?;
            if self.event(ev, span)? {
                break;
            }
        }
        Ok(())
    }
}

impl YamlBuilder<'_> {
    /// Handles one event; true when the first document is complete.
    fn event(&mut self, ev: Event<'_>, span: Span) -> Result<bool, SyntaxError> {
        let start = self.chars.byte(span.start.index());
        let end = self.chars.byte(span.end.index());
        match ev {
            Event::StreamStart | Event::Nothing => {}
            Event::DocumentStart(_) => self.doc_start = start,
            Event::DocumentEnd | Event::StreamEnd => {
                if !self.all {
                    return Ok(self.root.is_some());
                }
                if let Some(root) = self.root.take() {
                    // Anchors do not cross documents.
                    self.anchors.clear();
                    let start = self.doc_start.min(root.start as usize);
                    self.docs.push(Document { root, start });
                }
                self.doc_start = usize::MAX;
                return Ok(matches!(ev, Event::StreamEnd));
            }
            Event::Scalar(value, style, anchor, tag) => {
                let raw: Arc<str> = Arc::from(value.as_ref());
                let tag = tag.map(|t| tag_name(&t));
                let inner_start = match &tag {
                    Some(_) => self.after_tag(start, end),
                    None => start,
                };
                let kind = match tag.as_deref() {
                    Some("!!str" | "!!binary") => NodeKind::String(raw.clone()),
                    _ if style == ScalarStyle::Plain => plain_scalar(&raw),
                    _ => NodeKind::String(raw.clone()),
                };
                let node = Node::new(kind, inner_start, end);
                let node = self.wrap_tag(tag, start, inner_start, node)?;
                self.count(1, start)?;
                if anchor > 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                self.push(node, Some(raw), start)?;
            }
            Event::SequenceStart(anchor, tag) => {
                self.open(start)?;
                self.stack.push(Frame::Seq {
                    items: Vec::new(),
                    start,
                    tag: tag.map(|t| (tag_name(&t), start, end)),
                    anchor,
                });
            }
            Event::MappingStart(anchor, tag) => {
                self.open(start)?;
                self.stack.push(Frame::Map {
                    entries: Vec::new(),
                    key: None,
                    merges: Vec::new(),
                    seen: HashMap::new(),
                    start,
                    tag: tag.map(|t| (tag_name(&t), start, end)),
                    anchor,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Err(SyntaxError::at(start, "unbalanced collection end"));
                };
                // Flow collections end at their bracket; block ones at their last child.
                let close = if end > start { Some(end) } else { None };
                let (node, anchor, tag, outer_start) = match frame {
                    Frame::Seq {
                        items,
                        start: s,
                        tag,
                        anchor,
                    } => {
                        let last = items.last().map(|n| n.end as usize);
                        let inner = match &tag {
                            Some((_, ts, te)) => self.after_tag(*ts, *te),
                            None => s,
                        };
                        let e = close.or(last).unwrap_or(inner).max(inner);
                        (Node::new(NodeKind::Seq(items), inner, e), anchor, tag, s)
                    }
                    Frame::Map {
                        mut entries,
                        key,
                        merges,
                        seen,
                        start: s,
                        tag,
                        anchor,
                    } => {
                        if let Some((k, ks, ke)) = key {
                            // A key without a value (`a:` at the end of a flow mapping).
                            entries.push(Entry {
                                key: k,
                                key_start: ks as u32,
                                key_end: ke as u32,
                                value: Node::new(NodeKind::Null, ke, ke),
                            });
                        }
                        for m in merges {
                            merge_into(&mut entries, &seen, m);
                        }
                        let last = entries.last().map(|e| e.range().1 as usize);
                        let inner = match &tag {
                            Some((_, ts, te)) => self.after_tag(*ts, *te),
                            None => s,
                        };
                        let e = close.or(last).unwrap_or(inner).max(inner);
                        (Node::new(NodeKind::Map(entries), inner, e), anchor, tag, s)
                    }
                };
                let node = match tag {
                    Some((name, ts, _)) => {
                        let inner_start = node.start as usize;
                        self.wrap_tag(Some(name), ts, inner_start, node)?
                    }
                    None => node,
                };
                let _ = outer_start;
                self.count(1, start)?;
                if anchor > 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                self.push(node, None, start)?;
            }
            Event::Alias(id) => {
                let Some(size) = self.anchors.get(&id).map(Node::size) else {
                    return Err(SyntaxError::at(start, "alias to an unknown anchor"));
                };
                self.count(size, start)?;
                let Some(mut node) = self.anchors.get(&id).cloned() else {
                    return Err(SyntaxError::at(start, "alias to an unknown anchor"));
                };
                // The alias is where the value is used: point the copy's top at it.
                node.start = start as u32;
                node.end = (end as u32).max(node.start);
                self.push(node, None, start)?;
            }
        }
        Ok(false)
    }

    fn open(&mut self, at: usize) -> Result<(), SyntaxError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(SyntaxError::at(
                at,
                format!("nesting deeper than {MAX_DEPTH} levels; not parsed"),
            ));
        }
        Ok(())
    }

    fn count(&mut self, n: usize, at: usize) -> Result<(), SyntaxError> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > MAX_NODES {
            return Err(SyntaxError::at(
                at,
                format!(
                    "the document expands to more than {MAX_NODES} nodes (YAML aliases?); not parsed"
                ),
            ));
        }
        Ok(())
    }

    /// Where the value after a tag starts: past the tag and the blanks after it.
    fn after_tag(&self, tag_start: usize, span_end: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = tag_start;
        if bytes.get(i) == Some(&b'!') {
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"[{".contains(&bytes[i]) {
                i += 1;
            }
            while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
                i += 1;
            }
        }
        // An anchor between tag and value, or a value that starts on the next line.
        i.min(span_end.max(tag_start)).max(tag_start)
    }

    /// Rewrites a CloudFormation short-form tag into its long form.
    fn wrap_tag(
        &self,
        tag: Option<String>,
        tag_start: usize,
        inner_start: usize,
        node: Node,
    ) -> Result<Node, SyntaxError> {
        let Some(tag) = tag else { return Ok(node) };
        let Some(name) = tag.strip_prefix('!').filter(|n| !n.starts_with('!')) else {
            // Core-schema tags (`!!str`, `!!int`, …) keep the value as written.
            return Ok(node);
        };
        let key = match name {
            "Ref" => "Ref".to_string(),
            "Condition" => "Condition".to_string(),
            _ => format!("Fn::{name}"),
        };
        let key_end = (tag_start + tag.len()).min(inner_start.max(tag_start + 1));
        let end = node.end as usize;
        Ok(Node::new(
            NodeKind::Map(vec![Entry {
                key: key.into(),
                key_start: tag_start as u32,
                key_end: key_end as u32,
                value: node,
            }]),
            tag_start,
            end,
        ))
    }

    /// Adds a finished node to its parent.
    fn push(&mut self, node: Node, raw: Option<Arc<str>>, at: usize) -> Result<(), SyntaxError> {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                key,
                merges,
                seen,
                ..
            }) => match key.take() {
                None => {
                    let name: Arc<str> = match raw {
                        Some(r) if !matches!(node.kind, NodeKind::Map(_)) => r,
                        _ => match node.scalar_text() {
                            Some(t) => t.into(),
                            None if matches!(node.kind, NodeKind::Null) => "".into(),
                            None => {
                                return Err(SyntaxError::at(
                                    at,
                                    "complex mapping keys are not supported in templates",
                                ));
                            }
                        },
                    };
                    *key = Some((name, node.start as usize, node.end as usize));
                }
                Some((k, ks, ke)) => {
                    if &*k == "<<" {
                        merges.push(node);
                        return Ok(());
                    }
                    if seen.insert(k.clone(), ()).is_some() {
                        return Err(SyntaxError::at(ks, format!("duplicate key `{k}`")));
                    }
                    entries.push(Entry {
                        key: k,
                        key_start: ks as u32,
                        key_end: ke as u32,
                        value: node,
                    });
                }
            },
        }
        Ok(())
    }
}

/// YAML merge keys (`<<: *base`): entries of the merged mappings not written explicitly.
fn merge_into(entries: &mut Vec<Entry>, seen: &HashMap<Arc<str>, ()>, merged: Node) {
    let sources: Vec<Node> = match merged.kind {
        NodeKind::Map(_) => vec![merged],
        NodeKind::Seq(items) => items,
        _ => Vec::new(),
    };
    for s in sources {
        if let NodeKind::Map(m) = s.kind {
            for e in m {
                if !seen.contains_key(&e.key) && !entries.iter().any(|x| x.key == e.key) {
                    entries.push(e);
                }
            }
        }
    }
}

fn tag_name(t: &Tag) -> String {
    if t.handle == "!" {
        format!("!{}", t.suffix)
    } else if t.is_yaml_core_schema() {
        format!("!!{}", t.suffix)
    } else {
        format!("{}{}", t.handle, t.suffix)
    }
}

/// Resolves a plain scalar by the YAML 1.2 core schema. Numbers whose text would not
/// survive a round trip (`0123`, `1.10`, account ids) stay strings.
fn plain_scalar(raw: &Arc<str>) -> NodeKind {
    match &**raw {
        "" | "~" | "null" | "Null" | "NULL" => return NodeKind::Null,
        "true" | "True" | "TRUE" => return NodeKind::Bool(true),
        "false" | "False" | "FALSE" => return NodeKind::Bool(false),
        _ => {}
    }
    number_kind(raw).unwrap_or_else(|| NodeKind::String(raw.clone()))
}

fn number_kind(raw: &Arc<str>) -> Option<NodeKind> {
    let t: &str = raw;
    let first = t.chars().next()?;
    if !(first.is_ascii_digit() || first == '-' || first == '+' || first == '.') {
        return None;
    }
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
    {
        return None;
    }
    let n: f64 = t.parse().ok()?;
    (n.is_finite() && format_number(n) == t.trim_start_matches('+')).then_some(NodeKind::Number(n))
}

// ---- JSON ------------------------------------------------------------------------------------

/// Parses a JSON template (comments are tolerated; trailing commas are not).
pub fn parse_json(text: &str) -> Result<Node, SyntaxError> {
    // A byte order mark is not JSON; ranges stay relative to the whole text.
    let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let text = &text[base..];
    check_json_depth(text).map_err(|e| SyntaxError::at(e.offset + base, e.message))?;
    guarded(|| {
        let opts = jsonc_parser::ParseOptions {
            allow_comments: true,
            allow_loose_object_property_names: false,
            allow_trailing_commas: false,
            allow_missing_commas: false,
            allow_single_quoted_strings: false,
            allow_hexadecimal_numbers: false,
            allow_unary_plus_numbers: false,
            allow_bare_decimal_point_numbers: false,
            allow_non_finite_numbers: false,
            allow_extended_string_escapes: false,
        };
        let parsed =
            jsonc_parser::parse_to_ast(text, &jsonc_parser::CollectOptions::default(), &opts)
                .map_err(|e| SyntaxError::at(e.range().start + base, e.kind().to_string()))?;
        let Some(v) = parsed.value else {
            return Err(SyntaxError::at(base, "empty JSON document"));
        };
        let mut conv = JsonConv { nodes: 0, base };
        conv.node(&v)
    })
}

struct JsonConv {
    nodes: usize,
    base: usize,
}

impl JsonConv {
    fn node(&mut self, v: &jsonc_parser::ast::Value<'_>) -> Result<Node, SyntaxError> {
        use jsonc_parser::ast::Value as V;
        let b = self.base;
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(SyntaxError::at(
                b,
                "the document has too many nodes; not parsed",
            ));
        }
        Ok(match v {
            V::StringLit(s) => Node::new(
                NodeKind::String(s.value.as_ref().into()),
                s.range.start + b,
                s.range.end + b,
            ),
            V::NumberLit(n) => {
                let raw: Arc<str> = Arc::from(n.value);
                let kind = number_kind(&raw).unwrap_or(NodeKind::String(raw));
                Node::new(kind, n.range.start + b, n.range.end + b)
            }
            V::BooleanLit(x) => {
                Node::new(NodeKind::Bool(x.value), x.range.start + b, x.range.end + b)
            }
            V::NullKeyword(n) => Node::new(NodeKind::Null, n.range.start + b, n.range.end + b),
            V::Array(a) => {
                let items = a
                    .elements
                    .iter()
                    .map(|e| self.node(e))
                    .collect::<Result<Vec<_>, _>>()?;
                Node::new(NodeKind::Seq(items), a.range.start + b, a.range.end + b)
            }
            V::Object(o) => {
                let mut entries: Vec<Entry> = Vec::with_capacity(o.properties.len());
                let mut seen: HashMap<&str, ()> = HashMap::new();
                for p in &o.properties {
                    let name = p.name.as_str();
                    if seen.insert(name, ()).is_some() {
                        return Err(SyntaxError::at(
                            p.range.start + b,
                            format!("duplicate key `{name}`"),
                        ));
                    }
                    let (ks, ke) = match &p.name {
                        jsonc_parser::ast::ObjectPropName::String(s) => {
                            (s.range.start + b, s.range.end + b)
                        }
                        jsonc_parser::ast::ObjectPropName::Word(w) => {
                            (w.range.start + b, w.range.end + b)
                        }
                    };
                    entries.push(Entry {
                        key: name.into(),
                        key_start: ks as u32,
                        key_end: ke as u32,
                        value: self.node(&p.value)?,
                    });
                }
                Node::new(NodeKind::Map(entries), o.range.start + b, o.range.end + b)
            }
        })
    }
}

/// Rejects nesting deeper than [`MAX_DEPTH`] before the (recursive) JSON parser sees it.
fn check_json_depth(text: &str) -> Result<(), SyntaxError> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(SyntaxError::at(
                        i,
                        format!("nesting deeper than {MAX_DEPTH} levels; not parsed"),
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of<'a>(src: &'a str, n: &Node) -> &'a str {
        &src[n.start as usize..n.end as usize]
    }

    #[test]
    fn yaml_short_forms_become_long_forms_with_spans() {
        let src = "A: !Ref X\nB: !GetAtt [R, Arn]\nC: !Sub\n  - '${a}'\n  - a: 1\nD: plain\n";
        let root = parse(src).unwrap();
        let a = root.get("A").unwrap();
        let (k, v) = a.intrinsic(false).unwrap();
        assert_eq!(k, "Ref");
        assert_eq!(v.as_str(), Some("X"));
        assert_eq!(text_of(src, a), "!Ref X");
        assert_eq!(text_of(src, v), "X");
        let b = root.get("B").unwrap();
        assert_eq!(b.intrinsic(false).unwrap().0, "Fn::GetAtt");
        assert_eq!(text_of(src, b), "!GetAtt [R, Arn]");
        let c = root.get("C").unwrap();
        let (k, v) = c.intrinsic(false).unwrap();
        assert_eq!(k, "Fn::Sub");
        assert_eq!(v.as_seq().unwrap().len(), 2);
        let e = root.entry("D").unwrap();
        let (s, t) = e.range();
        assert_eq!(&src[s as usize..t as usize], "D: plain");
    }

    #[test]
    fn scalars_resolve_like_yaml_core_but_keep_ids() {
        let root = parse("a: 22\nb: '22'\nc: 012345678901\nd: true\ne:\nf: 1.10\ng: ~\n").unwrap();
        assert_eq!(root.get("a").unwrap().kind, NodeKind::Number(22.0));
        assert_eq!(root.get("b").unwrap().as_str(), Some("22"));
        assert_eq!(root.get("c").unwrap().as_str(), Some("012345678901"));
        assert_eq!(root.get("d").unwrap().kind, NodeKind::Bool(true));
        assert_eq!(root.get("e").unwrap().kind, NodeKind::Null);
        assert_eq!(root.get("f").unwrap().as_str(), Some("1.10"));
        assert_eq!(root.get("g").unwrap().kind, NodeKind::Null);
    }

    #[test]
    fn multibyte_text_has_byte_ranges() {
        let src = "é: 'ü'\nk: !Ref Ü\n";
        let root = parse(src).unwrap();
        let k = root.get("k").unwrap();
        assert_eq!(text_of(src, k), "!Ref Ü");
    }

    #[test]
    fn aliases_merges_and_bombs() {
        let root = parse("a: &x {p: 1}\nb: *x\nc:\n  <<: *x\n  q: 2\n").unwrap();
        assert_eq!(
            root.get("b").unwrap().get("p").unwrap().kind,
            NodeKind::Number(1.0)
        );
        assert!(root.get("c").unwrap().get("p").is_some());
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            bomb.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let err = parse(&bomb).unwrap_err();
        assert!(err.message.contains("more than"), "{err:?}");
    }

    #[test]
    fn depth_duplicates_and_errors_are_located() {
        // Flow nesting stops in saphyr's own recursion limit, block nesting in ours.
        let deep = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        let e = parse(&deep).unwrap_err();
        assert!(
            e.message.contains("recursion") || e.message.contains("nesting"),
            "{e:?}"
        );
        let mut block = String::new();
        for i in 0..300 {
            block.push_str(&" ".repeat(i));
            block.push_str("k:\n");
        }
        block.push_str(&" ".repeat(300));
        block.push_str("v\n");
        assert!(parse(&block).unwrap_err().message.contains("nesting"));
        let deep_json = format!("{{\"a\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse(&deep_json).unwrap_err().message.contains("nesting"));
        let dup = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(dup.offset, 10);
        let dup = parse("{\"a\": 1, \"a\": 2}").unwrap_err();
        assert!(dup.message.contains("duplicate"));
        let bad = parse("a: [1, 2\nb: c\n").unwrap_err();
        assert!(bad.offset > 0);
        assert!(parse("").is_err());
    }

    #[test]
    fn json_nodes_have_byte_ranges() {
        let src = "{\"R\": {\"Ref\": \"X\"}, \"N\": 5, \"L\": [true, null]}";
        let root = parse(src).unwrap();
        let r = root.entry("R").unwrap();
        assert_eq!(text_of(src, &r.value), "{\"Ref\": \"X\"}");
        assert_eq!(root.get("N").unwrap().kind, NodeKind::Number(5.0));
        assert_eq!(root.get("L").unwrap().as_seq().unwrap().len(), 2);
    }
}
