//! Terraform syntax: `.tf` (HCL native syntax, through hcl-edit) and `.tf.json` (Terraform
//! JSON syntax, through jsonc-parser) lowered into one small located AST the evaluator reads.
//!
//! Every block, attribute and expression carries a [`Location`]. Template whitespace
//! stripping (`~`) and heredoc indentation are resolved here, so the evaluator sees plain
//! template parts.

use crate::LoadOptions;
use cloudsentinel_model::{FileId, Location, ParseError, SourceDb, TextRange};
use hcl_edit::Span;
use hcl_edit::expr as hx;
use hcl_edit::structure as hs;
use hcl_edit::template as ht;
use std::path::Path;
use std::sync::Arc;

/// Location of an expression; `None` for text that is not a registered file (a rendered
/// template string).
pub type Loc = Option<Location>;

/// A located expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub loc: Loc,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Null,
    Bool(bool),
    Number(f64),
    /// A string with no interpolation.
    Str(Arc<str>),
    /// A string template or heredoc with interpolations or directives.
    Template(Vec<Part>),
    Tuple(Vec<Expr>),
    Object(Vec<(ObjKey, Expr)>),
    /// A root name: `var`, `local`, `aws_s3_bucket`, a for-expression variable.
    Var(Arc<str>),
    Traversal(Box<Expr>, Vec<TravOp>),
    Call {
        /// Namespaced calls keep their namespace: `provider::aws::arn_parse`.
        name: Arc<str>,
        args: Vec<Expr>,
        /// `f(xs...)`: the last argument is expanded into arguments.
        expand_final: bool,
    },
    Cond(Box<(Expr, Expr, Expr)>),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<(Expr, Expr)>),
    For(Box<ForExpr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Not,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Eq,
    NotEq,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    And,
    Or,
}

/// An object constructor key: a bare name is a literal string; anything else is evaluated.
#[derive(Debug, Clone, PartialEq)]
pub enum ObjKey {
    Name(Arc<str>),
    Expr(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub struct TravOp {
    pub kind: TravKind,
    pub loc: Loc,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TravKind {
    /// `.name`
    Attr(Arc<str>),
    /// `[expr]` and the legacy `.0`
    Index(Expr),
    /// `.*`: applies the following attribute accesses to each element.
    AttrSplat,
    /// `[*]`: applies all following operators to each element.
    FullSplat,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ForExpr {
    pub key_var: Option<Arc<str>>,
    pub value_var: Arc<str>,
    pub collection: Expr,
    /// `Some` for the object form `{for … : k => v}`.
    pub key: Option<Expr>,
    pub value: Expr,
    pub cond: Option<Expr>,
    /// `...`: values with the same key are grouped into lists.
    pub grouping: bool,
}

/// One part of a template, whitespace stripping already applied.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Lit(Arc<str>),
    Interp(Expr),
    If {
        cond: Expr,
        then: Vec<Part>,
        otherwise: Vec<Part>,
    },
    For {
        key_var: Option<Arc<str>>,
        value_var: Arc<str>,
        collection: Expr,
        body: Vec<Part>,
    },
}

/// `name = expr`
#[derive(Debug, Clone, PartialEq)]
pub struct Attr {
    pub name: Arc<str>,
    pub expr: Expr,
    /// Key through expression.
    pub loc: Location,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub ident: Arc<str>,
    pub labels: Vec<Arc<str>>,
    pub body: Body,
    pub loc: Location,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Body {
    pub attrs: Vec<Attr>,
    pub blocks: Vec<Block>,
}

impl Body {
    /// The attribute `name`, if written.
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| &*a.name == name)
    }
    /// Nested blocks of type `ident`, in source order.
    pub fn blocks_named<'a>(&'a self, ident: &'a str) -> impl Iterator<Item = &'a Block> {
        self.blocks.iter().filter(move |b| &*b.ident == ident)
    }
}

impl Expr {
    /// An expression of `kind` at `loc`.
    pub fn new(kind: ExprKind, loc: Loc) -> Self {
        Expr { kind, loc }
    }

    /// A plain literal: a string without interpolation, a number, a bool, null, or a
    /// tuple/object made only of literals.
    pub fn is_literal(&self) -> bool {
        match &self.kind {
            ExprKind::Null | ExprKind::Bool(_) | ExprKind::Number(_) | ExprKind::Str(_) => true,
            ExprKind::Template(parts) => parts.iter().all(|p| matches!(p, Part::Lit(_))),
            ExprKind::Tuple(items) => items.iter().all(Expr::is_literal),
            ExprKind::Object(entries) => entries.iter().all(|(k, v)| {
                (match k {
                    ObjKey::Name(_) => true,
                    ObjKey::Expr(e) => e.is_literal(),
                }) && v.is_literal()
            }),
            ExprKind::Unary(UnaryOp::Neg, e) => matches!(e.kind, ExprKind::Number(_)),
            _ => false,
        }
    }

    /// The dotted text of a plain traversal (`aws.west`), for meta-arguments such as
    /// `provider` that name things instead of evaluating them.
    pub fn traversal_text(&self) -> Option<String> {
        match &self.kind {
            ExprKind::Var(v) => Some(v.to_string()),
            ExprKind::Traversal(root, ops) => {
                let mut s = root.traversal_text()?;
                for op in ops {
                    match &op.kind {
                        TravKind::Attr(a) => {
                            s.push('.');
                            s.push_str(a);
                        }
                        _ => return None,
                    }
                }
                Some(s)
            }
            ExprKind::Str(s) => Some(s.to_string()),
            _ => None,
        }
    }
}

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `.tf`
    Hcl,
    /// `.tf.json`
    Json,
    /// `.tfvars`: attributes only.
    VarsHcl,
    /// `.tfvars.json`: a JSON object of literal values.
    VarsJson,
}

impl FileKind {
    /// The kind a file name says.
    // Terraform matches file suffixes case-sensitively (`main.TF` is not read).
    #[allow(clippy::case_sensitive_file_extension_comparisons)]
    pub fn of(path: &Path) -> FileKind {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".tfvars.json") {
            FileKind::VarsJson
        } else if name.ends_with(".tfvars") {
            FileKind::VarsHcl
        } else if name.ends_with(".json") {
            FileKind::Json
        } else {
            FileKind::Hcl
        }
    }
}

/// A file read and parsed. `errors` says why (part of) it could not be parsed, located where
/// the parser stopped; `body` then holds what could be recovered (the top-level blocks that
/// parse on their own), or nothing.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    pub file: FileId,
    pub body: Body,
    pub errors: Vec<ParseError>,
}

/// Reads `path` (or its overlay), registers it in `db` and parses it.
pub fn load_file(path: &Path, opts: &LoadOptions, db: &SourceDb) -> ParsedFile {
    let text = match read_text(path, opts) {
        Ok(t) => t,
        Err(e) => {
            let file = db.add(path.to_path_buf(), e.text);
            let at = TextRange::new(e.offset, e.offset);
            return ParsedFile {
                file,
                body: Body::default(),
                errors: vec![ParseError {
                    location: Location::new(file, at),
                    message: e.message,
                }],
            };
        }
    };
    let file = db.add(path.to_path_buf(), text.as_str());
    // The db keeps the first text registered for a path; parse exactly that text so
    // ranges always match what is shown.
    let shown = db.get(file).text.clone();
    let (body, errors) = parse_text(&shown, file, FileKind::of(path));
    ParsedFile { file, body, errors }
}

/// Parses `text` of a registered file.
///
/// An HCL file that does not parse as a whole is recovered block by block: the result holds
/// the top-level blocks and attributes that parse on their own, and one error per item that
/// does not.
pub fn parse_text(text: &str, file: FileId, kind: FileKind) -> (Body, Vec<ParseError>) {
    // A byte-order mark becomes blanks of the same length, so offsets stay file offsets.
    let unmarked;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            unmarked = format!("   {rest}");
            unmarked.as_str()
        }
        None => text,
    };
    match kind {
        FileKind::Hcl | FileKind::VarsHcl => match guarded(|| hcl_edit::parser::parse_body(text)) {
            None => (
                Body::default(),
                vec![ParseError {
                    location: Location::new(file, TextRange::default()),
                    message: PARSER_PANIC.to_string(),
                }],
            ),
            Some(Ok(body)) => {
                let conv = HclConv {
                    file: Some(file),
                    base: 0,
                    text_len: text.len(),
                };
                let mut b = conv.body(&body, whole(file, text));
                if kind == FileKind::VarsHcl {
                    b.blocks.clear();
                }
                (b, Vec::new())
            }
            Some(Err(e)) => {
                let off = e.location().offset().min(text.len());
                let err = ParseError {
                    location: Location::new(file, TextRange::new(off, off)),
                    message: e.message().to_string(),
                };
                match recover(text, file) {
                    Some((mut b, errors)) => {
                        if kind == FileKind::VarsHcl {
                            b.blocks.clear();
                        }
                        (b, errors)
                    }
                    None => (Body::default(), vec![err]),
                }
            }
        },
        FileKind::Json | FileKind::VarsJson => {
            let (body, error) = json::parse(text, file, kind);
            (body, error.into_iter().collect())
        }
    }
}

/// Error recovery for an HCL file that does not parse as a whole: its top-level items
/// (blocks, attributes) are parsed one by one at their own offsets; the items that fail are
/// dropped, each with a located error, and the others kept. `None` when every item parses on
/// its own (the split did not find the error: the file is reported as before, unparsed).
fn recover(text: &str, file: FileId) -> Option<(Body, Vec<ParseError>)> {
    let mut body = Body::default();
    let mut errors = Vec::new();
    for range in super::recover::split_items(text) {
        let part = &text[range.clone()];
        match guarded(|| hcl_edit::parser::parse_body(part)) {
            Some(Ok(parsed)) => {
                let conv = HclConv {
                    file: Some(file),
                    base: range.start,
                    text_len: part.len(),
                };
                let whole = Location::new(file, TextRange::new(range.start, range.end));
                let b = conv.body(&parsed, whole);
                body.attrs.extend(b.attrs);
                body.blocks.extend(b.blocks);
            }
            Some(Err(e)) => {
                let off = range.start + e.location().offset().min(part.len());
                errors.push(ParseError {
                    location: Location::new(file, TextRange::new(off, off)),
                    message: e.message().to_string(),
                });
            }
            None => errors.push(ParseError {
                location: Location::new(file, TextRange::new(range.start, range.start)),
                message: PARSER_PANIC.to_string(),
            }),
        }
    }
    (!errors.is_empty()).then_some((body, errors))
}

const PARSER_PANIC: &str = "the parser failed on this file (internal error); not parsed";

/// Runs a third-party parser on untrusted text; a panic there (a parser bug) becomes
/// `None` instead of taking the scan down.
fn guarded<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Option<T> {
    std::panic::catch_unwind(f).ok()
}

fn whole(file: FileId, text: &str) -> Location {
    Location::new(file, TextRange::new(0, text.len()))
}

/// Why a file's text could not be obtained; `text` is what the db shows for it.
#[derive(Debug)]
pub struct ReadError {
    pub text: String,
    pub offset: usize,
    pub message: String,
}

/// Bytes inspected to tell binary files from text.
const BINARY_SNIFF_LEN: usize = 8192;

/// Reads a source file as UTF-8 text, honouring overlays and the size limit.
pub fn read_text(path: &Path, opts: &LoadOptions) -> Result<String, ReadError> {
    let max = opts.max_file_size();
    let overlay = opts
        .overlays
        .get(path)
        .or_else(|| opts.overlays.get(&crate::discover::normalize(path)));
    let bytes = if let Some(text) = overlay {
        text.clone().into_bytes()
    } else {
        let meta = std::fs::metadata(path).map_err(|e| ReadError {
            text: String::new(),
            offset: 0,
            message: format!("cannot read file: {e}"),
        })?;
        if meta.len() > max {
            return Err(ReadError {
                text: String::new(),
                offset: 0,
                message: format!(
                    "file is larger than the {max}-byte limit ({} bytes); not parsed",
                    meta.len()
                ),
            });
        }
        std::fs::read(path).map_err(|e| ReadError {
            text: String::new(),
            offset: 0,
            message: format!("cannot read file: {e}"),
        })?
    };
    if bytes.len() as u64 > max {
        return Err(ReadError {
            text: String::new(),
            offset: 0,
            message: format!(
                "file is larger than the {max}-byte limit ({} bytes); not parsed",
                bytes.len()
            ),
        });
    }
    let sniff = bytes.get(..BINARY_SNIFF_LEN).unwrap_or(&bytes);
    if sniff.contains(&0) {
        return Err(ReadError {
            text: String::new(),
            offset: 0,
            message: "binary file; not parsed".to_string(),
        });
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            Err(ReadError {
                text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
                offset,
                message: "file is not valid UTF-8; not parsed".to_string(),
            })
        }
    }
}

/// Parses a standalone expression (a `--var` value, a type in `.tf.json`); `base` is the
/// offset of `text` in `file` when it comes from one.
pub fn parse_expr_text(text: &str, file: Option<FileId>, base: usize) -> Result<Expr, String> {
    let e = guarded(|| hcl_edit::parser::parse_expr(text))
        .ok_or_else(|| PARSER_PANIC.to_string())?
        .map_err(|e| e.message().to_string())?;
    let conv = HclConv {
        file,
        base,
        text_len: text.len(),
    };
    Ok(conv.expr(&e, conv.loc(Some(0..text.len()), None)))
}

/// Parses a standalone template (`templatefile` contents, JSON strings).
pub fn parse_template_text(
    text: &str,
    file: Option<FileId>,
    base: usize,
) -> Result<Vec<Part>, String> {
    let t = guarded(|| hcl_edit::parser::parse_template(text))
        .ok_or_else(|| PARSER_PANIC.to_string())?
        .map_err(|e| e.message().to_string())?;
    let conv = HclConv {
        file,
        base,
        text_len: text.len(),
    };
    let fallback = conv.loc(Some(0..text.len()), None);
    Ok(conv.template(&t, false, false, fallback))
}

/// Lowers hcl-edit trees. `base` shifts spans when the parsed text is a slice of a file.
struct HclConv {
    file: Option<FileId>,
    base: usize,
    text_len: usize,
}

impl HclConv {
    fn loc(&self, span: Option<std::ops::Range<usize>>, fallback: Loc) -> Loc {
        match (self.file, span) {
            (Some(file), Some(r)) => {
                let end = r.end.min(self.text_len);
                let start = r.start.min(end);
                Some(Location::new(
                    file,
                    TextRange::new(self.base + start, self.base + end),
                ))
            }
            _ => fallback,
        }
    }

    fn body(&self, body: &hs::Body, fallback: Location) -> Body {
        let mut out = Body::default();
        for s in body {
            match s {
                hs::Structure::Attribute(a) => {
                    let loc = self.loc(a.span(), Some(fallback)).unwrap_or(fallback);
                    out.attrs.push(Attr {
                        name: a.key.as_str().into(),
                        expr: self.expr(&a.value, Some(loc)),
                        loc,
                    });
                }
                hs::Structure::Block(b) => out.blocks.push(self.block(b, fallback)),
            }
        }
        out
    }

    fn block(&self, b: &hs::Block, fallback: Location) -> Block {
        let loc = self.loc(b.span(), Some(fallback)).unwrap_or(fallback);
        Block {
            ident: b.ident.as_str().into(),
            labels: b.labels.iter().map(|l| Arc::from(l.as_str())).collect(),
            body: self.body(&b.body, loc),
            loc,
        }
    }

    fn expr(&self, e: &hx::Expression, fallback: Loc) -> Expr {
        let loc = self.loc(e.span(), fallback);
        let kind = match e {
            hx::Expression::Null(_) => ExprKind::Null,
            hx::Expression::Bool(b) => ExprKind::Bool(*b.value()),
            hx::Expression::Number(n) => ExprKind::Number(n.value().as_f64().unwrap_or(f64::NAN)),
            hx::Expression::String(s) => ExprKind::Str(s.value().as_str().into()),
            hx::Expression::Array(a) => {
                ExprKind::Tuple(a.iter().map(|x| self.expr(x, loc)).collect())
            }
            hx::Expression::Object(o) => ExprKind::Object(
                o.iter()
                    .map(|(k, v)| {
                        let key = match k {
                            hx::ObjectKey::Ident(i) => ObjKey::Name(i.as_str().into()),
                            hx::ObjectKey::Expression(x) => ObjKey::Expr(self.expr(x, loc)),
                        };
                        (key, self.expr(v.expr(), loc))
                    })
                    .collect(),
            ),
            hx::Expression::StringTemplate(t) => {
                let parts = self.elements(t.iter(), false, false, loc);
                template_kind(parts)
            }
            hx::Expression::HeredocTemplate(h) => {
                template_kind(self.template(&h.template, false, false, loc))
            }
            hx::Expression::Parenthesis(p) => return self.expr(p.inner(), loc),
            hx::Expression::Variable(v) => ExprKind::Var(v.value().as_str().into()),
            hx::Expression::Conditional(c) => ExprKind::Cond(Box::new((
                self.expr(&c.cond_expr, loc),
                self.expr(&c.true_expr, loc),
                self.expr(&c.false_expr, loc),
            ))),
            hx::Expression::FuncCall(f) => {
                let mut name = String::new();
                for ns in &f.name.namespace {
                    name.push_str(ns.as_str());
                    name.push_str("::");
                }
                name.push_str(f.name.name.as_str());
                ExprKind::Call {
                    name: name.into(),
                    args: f.args.iter().map(|a| self.expr(a, loc)).collect(),
                    expand_final: f.args.expand_final(),
                }
            }
            hx::Expression::Traversal(t) => {
                let root = self.expr(&t.expr, loc);
                let ops = t
                    .operators
                    .iter()
                    .map(|op| {
                        let oloc = self.loc(op.span(), loc);
                        let kind = match op.value() {
                            hx::TraversalOperator::AttrSplat(_) => TravKind::AttrSplat,
                            hx::TraversalOperator::FullSplat(_) => TravKind::FullSplat,
                            hx::TraversalOperator::GetAttr(i) => TravKind::Attr(i.as_str().into()),
                            hx::TraversalOperator::Index(x) => TravKind::Index(self.expr(x, oloc)),
                            hx::TraversalOperator::LegacyIndex(n) => TravKind::Index(Expr::new(
                                ExprKind::Number(*n.value() as f64),
                                oloc,
                            )),
                        };
                        TravOp { kind, loc: oloc }
                    })
                    .collect();
                ExprKind::Traversal(Box::new(root), ops)
            }
            hx::Expression::UnaryOp(u) => {
                let op = match u.operator.value() {
                    hx::UnaryOperator::Neg => UnaryOp::Neg,
                    hx::UnaryOperator::Not => UnaryOp::Not,
                };
                ExprKind::Unary(op, Box::new(self.expr(&u.expr, loc)))
            }
            hx::Expression::BinaryOp(b) => {
                use hx::BinaryOperator as B;
                let op = match b.operator.value() {
                    B::Eq => BinaryOp::Eq,
                    B::NotEq => BinaryOp::NotEq,
                    B::LessEq => BinaryOp::Le,
                    B::GreaterEq => BinaryOp::Ge,
                    B::Less => BinaryOp::Lt,
                    B::Greater => BinaryOp::Gt,
                    B::Plus => BinaryOp::Add,
                    B::Minus => BinaryOp::Sub,
                    B::Mul => BinaryOp::Mul,
                    B::Div => BinaryOp::Div,
                    B::Mod => BinaryOp::Mod,
                    B::And => BinaryOp::And,
                    B::Or => BinaryOp::Or,
                };
                ExprKind::Binary(
                    op,
                    Box::new((self.expr(&b.lhs_expr, loc), self.expr(&b.rhs_expr, loc))),
                )
            }
            hx::Expression::ForExpr(f) => ExprKind::For(Box::new(ForExpr {
                key_var: f.intro.key_var.as_ref().map(|k| k.as_str().into()),
                value_var: f.intro.value_var.as_str().into(),
                collection: self.expr(&f.intro.collection_expr, loc),
                key: f.key_expr.as_ref().map(|k| self.expr(k, loc)),
                value: self.expr(&f.value_expr, loc),
                cond: f.cond.as_ref().map(|c| self.expr(&c.expr, loc)),
                grouping: f.grouping,
            })),
        };
        Expr { kind, loc }
    }

    fn template(
        &self,
        t: &ht::Template,
        strip_first: bool,
        strip_last: bool,
        loc: Loc,
    ) -> Vec<Part> {
        self.elements(t.iter(), strip_first, strip_last, loc)
    }

    /// Lowers template elements, applying `~` stripping: an element's strip flags trim the
    /// whitespace of the neighbouring literals; `strip_first`/`strip_last` come from the
    /// enclosing directive markers.
    fn elements<'a>(
        &self,
        elements: impl Iterator<Item = &'a ht::Element>,
        strip_first: bool,
        strip_last: bool,
        loc: Loc,
    ) -> Vec<Part> {
        let elements: Vec<&ht::Element> = elements.collect();
        let mut out = Vec::with_capacity(elements.len());
        for (i, el) in elements.iter().enumerate() {
            match el {
                ht::Element::Literal(lit) => {
                    let strip_start = if i == 0 {
                        strip_first
                    } else {
                        elements.get(i - 1).is_some_and(|p| strips_after(p))
                    };
                    let strip_end = match elements.get(i + 1) {
                        Some(n) => strips_before(n),
                        None => strip_last,
                    };
                    let mut s: &str = lit.value();
                    if strip_start {
                        s = s.trim_start();
                    }
                    if strip_end {
                        s = s.trim_end();
                    }
                    if !s.is_empty() {
                        out.push(Part::Lit(s.into()));
                    }
                }
                ht::Element::Interpolation(interp) => {
                    out.push(Part::Interp(self.expr(&interp.expr, loc)));
                }
                ht::Element::Directive(d) => match &**d {
                    ht::Directive::If(ifd) => {
                        let then_strip_last = match &ifd.else_expr {
                            Some(e) => e.strip.strip_start(),
                            None => ifd.endif_expr.strip.strip_start(),
                        };
                        let then = self.template(
                            &ifd.if_expr.template,
                            ifd.if_expr.strip.strip_end(),
                            then_strip_last,
                            loc,
                        );
                        let otherwise = match &ifd.else_expr {
                            Some(e) => self.template(
                                &e.template,
                                e.strip.strip_end(),
                                ifd.endif_expr.strip.strip_start(),
                                loc,
                            ),
                            None => Vec::new(),
                        };
                        out.push(Part::If {
                            cond: self.expr(&ifd.if_expr.cond_expr, loc),
                            then,
                            otherwise,
                        });
                    }
                    ht::Directive::For(fd) => {
                        let f = &fd.for_expr;
                        out.push(Part::For {
                            key_var: f.key_var.as_ref().map(|k| k.as_str().into()),
                            value_var: f.value_var.as_str().into(),
                            collection: self.expr(&f.collection_expr, loc),
                            body: self.template(
                                &f.template,
                                f.strip.strip_end(),
                                fd.endfor_expr.strip.strip_start(),
                                loc,
                            ),
                        });
                    }
                },
            }
        }
        out
    }
}

/// The element asks to strip the whitespace of the literal before it (`${~`, `%{~`).
fn strips_before(el: &ht::Element) -> bool {
    match el {
        ht::Element::Literal(_) => false,
        ht::Element::Interpolation(i) => i.strip.strip_start(),
        ht::Element::Directive(d) => match &**d {
            ht::Directive::If(i) => i.if_expr.strip.strip_start(),
            ht::Directive::For(f) => f.for_expr.strip.strip_start(),
        },
    }
}

/// The element asks to strip the whitespace of the literal after it (`~}`).
fn strips_after(el: &ht::Element) -> bool {
    match el {
        ht::Element::Literal(_) => false,
        ht::Element::Interpolation(i) => i.strip.strip_end(),
        ht::Element::Directive(d) => match &**d {
            ht::Directive::If(i) => i.endif_expr.strip.strip_end(),
            ht::Directive::For(f) => f.endfor_expr.strip.strip_end(),
        },
    }
}

/// A template of literals only is a plain string.
fn template_kind(parts: Vec<Part>) -> ExprKind {
    if parts.iter().all(|p| matches!(p, Part::Lit(_))) {
        let mut s = String::new();
        for p in &parts {
            if let Part::Lit(l) = p {
                s.push_str(l);
            }
        }
        ExprKind::Str(s.into())
    } else {
        ExprKind::Template(parts)
    }
}

/// Terraform JSON syntax.
mod json {
    use super::{
        Arc, Attr, Block, Body, Expr, ExprKind, FileId, FileKind, Loc, Location, ObjKey,
        PARSER_PANIC, ParseError, Part, TextRange, TravKind, guarded, parse_expr_text,
        parse_template_text, template_kind,
    };
    use jsonc_parser::ast;

    /// Block types and how many labels they take in JSON (`resource` → type, name).
    fn block_labels(ident: &str) -> Option<usize> {
        Some(match ident {
            "resource" | "data" => 2,
            "variable" | "output" | "module" | "provider" => 1,
            "locals" | "terraform" | "moved" | "import" | "removed" | "check" => 0,
            _ => return None,
        })
    }

    pub(super) fn parse(text: &str, file: FileId, kind: FileKind) -> (Body, Option<ParseError>) {
        let err_at = |off: usize, message: String| ParseError {
            location: Location::new(file, TextRange::new(off, off)),
            message,
        };
        if text.trim().is_empty() {
            return (Body::default(), Some(err_at(0, "empty JSON file".into())));
        }
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
        let parsed = guarded(|| {
            jsonc_parser::parse_to_ast(text, &jsonc_parser::CollectOptions::default(), &opts)
        });
        let parsed = match parsed {
            None => return (Body::default(), Some(err_at(0, PARSER_PANIC.to_string()))),
            Some(Ok(p)) => p,
            Some(Err(e)) => {
                return (
                    Body::default(),
                    Some(err_at(e.range().start, e.kind().to_string())),
                );
            }
        };
        let conv = JsonConv { text, file };
        let Some(ast::Value::Object(root)) = parsed.value else {
            return (
                Body::default(),
                Some(err_at(
                    0,
                    "the root of a Terraform JSON file must be an object".into(),
                )),
            );
        };
        let mut body = Body::default();
        if kind == FileKind::VarsJson {
            for p in &root.properties {
                let name = p.name.as_str();
                body.attrs.push(Attr {
                    name: name.into(),
                    expr: conv.literal(&p.value),
                    loc: conv.loc(p.range),
                });
            }
            return (body, None);
        }
        for p in &root.properties {
            let ident = p.name.as_str();
            let Some(nlabels) = block_labels(ident) else {
                continue;
            };
            conv.blocks(
                ident,
                nlabels,
                &p.value,
                Vec::new(),
                conv.loc(p.range),
                &mut body.blocks,
            );
        }
        (body, None)
    }

    /// An object, or a non-empty array of objects: what a nested block looks like.
    fn is_block_value(v: &ast::Value) -> bool {
        match v {
            ast::Value::Object(_) => true,
            ast::Value::Array(a) => {
                !a.elements.is_empty()
                    && a.elements
                        .iter()
                        .all(|e| matches!(e, ast::Value::Object(_)))
            }
            _ => false,
        }
    }

    struct JsonConv<'t> {
        text: &'t str,
        file: FileId,
    }

    impl JsonConv<'_> {
        fn loc(&self, r: jsonc_parser::common::Range) -> Location {
            Location::new(self.file, TextRange::new(r.start, r.end))
        }

        fn range_of(v: &ast::Value) -> jsonc_parser::common::Range {
            match v {
                ast::Value::StringLit(s) => s.range,
                ast::Value::NumberLit(n) => n.range,
                ast::Value::BooleanLit(b) => b.range,
                ast::Value::Object(o) => o.range,
                ast::Value::Array(a) => a.range,
                ast::Value::NullKeyword(n) => n.range,
            }
        }

        /// Peels `nlabels` levels of label objects, then reads one body (object) or several
        /// (array of objects).
        fn blocks(
            &self,
            ident: &str,
            nlabels: usize,
            v: &ast::Value,
            labels: Vec<Arc<str>>,
            loc: Location,
            out: &mut Vec<Block>,
        ) {
            if nlabels == 0 {
                match v {
                    ast::Value::Object(o) => out.push(Block {
                        ident: ident.into(),
                        labels,
                        body: self.body(ident, o),
                        loc,
                    }),
                    ast::Value::Array(a) => {
                        for el in &a.elements {
                            if let ast::Value::Object(o) = el {
                                out.push(Block {
                                    ident: ident.into(),
                                    labels: labels.clone(),
                                    body: self.body(ident, o),
                                    loc: self.loc(o.range),
                                });
                            }
                        }
                    }
                    _ => {}
                }
                return;
            }
            let objects: Vec<&ast::Object> = match v {
                ast::Value::Object(o) => vec![o],
                ast::Value::Array(a) => a
                    .elements
                    .iter()
                    .filter_map(|e| match e {
                        ast::Value::Object(o) => Some(o),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            for o in objects {
                for p in &o.properties {
                    let mut l = labels.clone();
                    l.push(p.name.as_str().into());
                    self.blocks(ident, nlabels - 1, &p.value, l, self.loc(p.range), out);
                }
            }
        }

        /// A block body. Without a schema an object-valued property may be a map attribute
        /// (`tags`) or a nested block (`versioning`): such properties become both, so
        /// adapters find them either way. Known meta blocks are blocks only.
        fn body(&self, block_ident: &str, o: &ast::Object) -> Body {
            let mut body = Body::default();
            let expr_only = matches!(block_ident, "locals" | "output" | "module" | "terraform");
            for p in &o.properties {
                let name = p.name.as_str();
                if name == "//" {
                    continue;
                }
                let loc = self.loc(p.range);
                match (block_ident, name) {
                    ("variable", "default") => {
                        body.attrs.push(Attr {
                            name: name.into(),
                            expr: self.literal(&p.value),
                            loc,
                        });
                        continue;
                    }
                    ("variable", "type") => {
                        let expr = match &p.value {
                            ast::Value::StringLit(s) => {
                                let (slice, base) = self.raw_string(s);
                                match parse_expr_text(
                                    slice.unwrap_or(&s.value),
                                    slice.map(|_| self.file),
                                    base,
                                ) {
                                    Ok(mut e) => {
                                        if slice.is_none() {
                                            e.loc = Some(self.loc(s.range));
                                        }
                                        e
                                    }
                                    Err(_) => self.literal(&p.value),
                                }
                            }
                            other => self.literal(other),
                        };
                        body.attrs.push(Attr {
                            name: name.into(),
                            expr,
                            loc,
                        });
                        continue;
                    }
                    ("module", "source" | "version") | (_, "depends_on") => {
                        body.attrs.push(Attr {
                            name: name.into(),
                            expr: self.literal(&p.value),
                            loc,
                        });
                        continue;
                    }
                    (_, "dynamic") if !expr_only => {
                        self.blocks("dynamic", 1, &p.value, Vec::new(), loc, &mut body.blocks);
                        continue;
                    }
                    (
                        _,
                        "lifecycle" | "provisioner" | "connection" | "content" | "validation"
                        | "precondition" | "postcondition",
                    ) if !expr_only && is_block_value(&p.value) => {
                        let nlabels = usize::from(name == "provisioner");
                        self.blocks(name, nlabels, &p.value, Vec::new(), loc, &mut body.blocks);
                        continue;
                    }
                    _ => {}
                }
                body.attrs.push(Attr {
                    name: name.into(),
                    expr: self.expr(&p.value),
                    loc,
                });
                if expr_only || block_ident == "variable" {
                    continue;
                }
                if is_block_value(&p.value) {
                    self.blocks(name, 0, &p.value, Vec::new(), loc, &mut body.blocks);
                }
            }
            body
        }

        /// The raw text between a string literal's quotes when it has no escapes (so
        /// offsets inside map one-to-one to the file), with its offset.
        fn raw_string<'s>(&'s self, s: &ast::StringLit) -> (Option<&'s str>, usize) {
            let start = s.range.start + 1;
            let end = s.range.end.saturating_sub(1);
            match self.text.get(start..end) {
                Some(raw) if raw == s.value => (Some(raw), start),
                _ => (None, start),
            }
        }

        /// A JSON value as an expression: strings are templates.
        fn expr(&self, v: &ast::Value) -> Expr {
            let loc = Some(self.loc(Self::range_of(v)));
            let kind = match v {
                ast::Value::StringLit(s) => return self.string_template(s),
                ast::Value::Array(a) => {
                    ExprKind::Tuple(a.elements.iter().map(|e| self.expr(e)).collect())
                }
                ast::Value::Object(o) => ExprKind::Object(
                    o.properties
                        .iter()
                        .filter(|p| p.name.as_str() != "//")
                        .map(|p| {
                            let name = p.name.as_str();
                            let key = if name.contains("${") || name.contains("%{") {
                                match parse_template_text(name, None, 0) {
                                    Ok(parts) => ObjKey::Expr(Expr::new(
                                        template_kind(parts),
                                        Some(self.loc(p.range)),
                                    )),
                                    Err(_) => ObjKey::Name(name.into()),
                                }
                            } else {
                                ObjKey::Name(name.into())
                            };
                            (key, self.expr(&p.value))
                        })
                        .collect(),
                ),
                other => return self.literal(other),
            };
            Expr { kind, loc }
        }

        fn string_template(&self, s: &ast::StringLit) -> Expr {
            let loc = Some(self.loc(s.range));
            if !(s.value.contains("${") || s.value.contains("%{")) {
                return Expr::new(ExprKind::Str(s.value.as_ref().into()), loc);
            }
            let (slice, base) = self.raw_string(s);
            let parsed = match slice {
                Some(raw) => parse_template_text(raw, Some(self.file), base),
                None => parse_template_text(&s.value, None, 0),
            };
            match parsed {
                Ok(mut parts) => {
                    if slice.is_none() {
                        relocate_parts(&mut parts, loc);
                    }
                    Expr::new(template_kind(parts), loc)
                }
                // Not a valid template: Terraform would reject it; keep the text.
                Err(_) => Expr::new(ExprKind::Str(s.value.as_ref().into()), loc),
            }
        }

        /// A JSON value taken literally (tfvars.json, variable defaults).
        fn literal(&self, v: &ast::Value) -> Expr {
            let loc = Some(self.loc(Self::range_of(v)));
            let kind = match v {
                ast::Value::StringLit(s) => ExprKind::Str(s.value.as_ref().into()),
                ast::Value::NumberLit(n) => ExprKind::Number(n.value.parse().unwrap_or(f64::NAN)),
                ast::Value::BooleanLit(b) => ExprKind::Bool(b.value),
                ast::Value::NullKeyword(_) => ExprKind::Null,
                ast::Value::Array(a) => {
                    ExprKind::Tuple(a.elements.iter().map(|e| self.literal(e)).collect())
                }
                ast::Value::Object(o) => ExprKind::Object(
                    o.properties
                        .iter()
                        .map(|p| (ObjKey::Name(p.name.as_str().into()), self.literal(&p.value)))
                        .collect(),
                ),
            };
            Expr { kind, loc }
        }
    }

    /// Gives every expression of a template parsed out of file context the string's location.
    fn relocate_parts(parts: &mut [Part], loc: Loc) {
        for p in parts {
            match p {
                Part::Lit(_) => {}
                Part::Interp(e) => relocate(e, loc),
                Part::If {
                    cond,
                    then,
                    otherwise,
                } => {
                    relocate(cond, loc);
                    relocate_parts(then, loc);
                    relocate_parts(otherwise, loc);
                }
                Part::For {
                    collection, body, ..
                } => {
                    relocate(collection, loc);
                    relocate_parts(body, loc);
                }
            }
        }
    }

    fn relocate(e: &mut Expr, loc: Loc) {
        e.loc = loc;
        match &mut e.kind {
            ExprKind::Template(parts) => relocate_parts(parts, loc),
            ExprKind::Tuple(items) => items.iter_mut().for_each(|x| relocate(x, loc)),
            ExprKind::Object(entries) => {
                for (k, v) in entries {
                    if let ObjKey::Expr(k) = k {
                        relocate(k, loc);
                    }
                    relocate(v, loc);
                }
            }
            ExprKind::Traversal(root, ops) => {
                relocate(root, loc);
                for op in ops {
                    op.loc = loc;
                    if let TravKind::Index(i) = &mut op.kind {
                        relocate(i, loc);
                    }
                }
            }
            ExprKind::Call { args, .. } => args.iter_mut().for_each(|x| relocate(x, loc)),
            ExprKind::Cond(c) => {
                relocate(&mut c.0, loc);
                relocate(&mut c.1, loc);
                relocate(&mut c.2, loc);
            }
            ExprKind::Unary(_, x) => relocate(x, loc),
            ExprKind::Binary(_, b) => {
                relocate(&mut b.0, loc);
                relocate(&mut b.1, loc);
            }
            ExprKind::For(f) => {
                relocate(&mut f.collection, loc);
                if let Some(k) = &mut f.key {
                    relocate(k, loc);
                }
                relocate(&mut f.value, loc);
                if let Some(c) = &mut f.cond {
                    relocate(c, loc);
                }
            }
            ExprKind::Null
            | ExprKind::Bool(_)
            | ExprKind::Number(_)
            | ExprKind::Str(_)
            | ExprKind::Var(_) => {}
        }
    }
}
