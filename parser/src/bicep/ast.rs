//! The Bicep syntax tree. Every node carries the byte range it was written at
//! (`TextRange`, half-open), so evaluation and findings can point back into the file.

use cloudsentinel_model::TextRange;

/// Why a text is not valid Bicep, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: TextRange,
    pub message: String,
}

impl SyntaxError {
    pub fn new(span: TextRange, message: impl Into<String>) -> Self {
        SyntaxError {
            span,
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentKind {
    /// `// …` (the span excludes the line break).
    Line,
    /// `/* … */`
    Block,
    /// `#disable-next-line …`, `#disable-diagnostics …`
    Pragma,
}

/// A comment or pragma, kept for suppression comments (`// cloudsentinel:ignore:<id>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comment {
    pub kind: CommentKind,
    pub span: TextRange,
    /// Only blanks precede it on its line (a comment above a declaration, rather than at
    /// the end of a line of code).
    pub starts_line: bool,
}

impl Comment {
    /// The comment as written, delimiters included.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.span.as_range()).unwrap_or("")
    }
}

/// A parsed `.bicep` or `.bicepparam` file.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    pub statements: Vec<Statement>,
    /// Every comment and pragma, in source order.
    pub comments: Vec<Comment>,
    pub span: TextRange,
}

impl File {
    /// The comments that belong to the declaration, property or decorator starting at
    /// `start`: the comment lines directly above it (no blank line between, nearest last
    /// in source order) and the comments after code at the end of its first line. This is
    /// where suppression comments (`// cloudsentinel:ignore:<id> reason`) are looked for.
    pub fn comments_attached_to<'a>(&'a self, source: &str, start: u32) -> Vec<&'a Comment> {
        let start = (start as usize).min(source.len());
        let before = source.get(..start).unwrap_or("");
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line_end = source
            .get(start..)
            .and_then(|rest| rest.find('\n'))
            .map_or(source.len(), |i| start + i);
        let first = self
            .comments
            .partition_point(|c| (c.span.end as usize) <= line_start);
        let mut above = Vec::new();
        // Upward: each comment must start its line and end on the line above the cursor.
        let mut cursor = line_start;
        for comment in self.comments.get(..first).unwrap_or_default().iter().rev() {
            let gap = source.get(comment.span.end as usize..cursor).unwrap_or("x");
            if !comment.starts_line || gap.matches('\n').count() != 1 || !gap.trim().is_empty() {
                break;
            }
            above.push(comment);
            let comment_start = comment.span.start as usize;
            cursor = source
                .get(..comment_start)
                .and_then(|b| b.rfind('\n'))
                .map_or(0, |i| i + 1);
        }
        above.reverse();
        let end_of_line = self
            .comments
            .iter()
            .skip(first)
            .take_while(|c| (c.span.start as usize) < line_end)
            .filter(|c| (c.span.start as usize) >= start && !c.starts_line);
        above.extend(end_of_line);
        above
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub span: TextRange,
}

/// `@name(args)` or `@ns.name(args)`; `expr` is the call.
#[derive(Debug, Clone, PartialEq)]
pub struct Decorator {
    pub expr: Expr,
    pub span: TextRange,
}

impl Decorator {
    /// The decorator's function name (`description` for `@sys.description(…)`).
    pub fn name(&self) -> Option<&str> {
        match &self.expr.kind {
            ExprKind::Call { name, .. } => Some(&name.name),
            ExprKind::Variable(name) => Some(&name.name),
            _ => None,
        }
    }

    /// The call's arguments (none for a decorator written without parentheses).
    pub fn args(&self) -> &[Expr] {
        match &self.expr.kind {
            ExprKind::Call { args, .. } => args,
            _ => &[],
        }
    }
}

/// A top-level statement with the decorators above it. `span` covers the decorators.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub decorators: Vec<Decorator>,
    pub kind: StatementKind,
    pub span: TextRange,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StatementKind {
    /// `targetScope = 'subscription'`
    TargetScope {
        value: Expr,
    },
    /// `metadata name = value`
    Metadata {
        name: Ident,
        value: Expr,
    },
    /// `param name type = default`; in a `.bicepparam` file `param name = value` (no type).
    Param {
        name: Ident,
        ty: Option<TypeExpr>,
        value: Option<Expr>,
    },
    /// `var name = value` or the typed `var name type = value`.
    Var {
        name: Ident,
        ty: Option<TypeExpr>,
        value: Expr,
    },
    /// `resource name 'Type@version' [existing] = body`, where `body` is an object, an
    /// `if (…) {…}` or a `[for …]` expression.
    Resource {
        name: Ident,
        type_string: StringLiteral,
        existing: bool,
        body: Expr,
    },
    /// `module name 'path' = body` (local path, `br:`, `br/public:` or `ts:` reference).
    Module {
        name: Ident,
        path: StringLiteral,
        body: Expr,
    },
    /// `output name type = value` (`type` may be `resource 'Type@version'`).
    Output {
        name: Ident,
        ty: TypeExpr,
        value: Expr,
    },
    /// `type name = type`
    Type {
        name: Ident,
        value: TypeExpr,
    },
    /// `func name(params) returnType => body`
    Function {
        name: Ident,
        params: Vec<TypedParam>,
        return_type: TypeExpr,
        body: Expr,
    },
    Import(Import),
    /// `extension spec [with {…}] [as alias]` (`provider` is the former keyword). The spec
    /// is a string (`'kubernetes@1.0.0'`) or an identifier (`microsoftGraphV1`).
    Extension {
        keyword: Ident,
        spec: Expr,
        config: Option<Expr>,
        alias: Option<Ident>,
    },
    /// `using 'main.bicep'`, `using none` (`.bicepparam`); `with {…}` for a deployment.
    Using {
        path: Option<StringLiteral>,
        config: Option<Expr>,
    },
    /// `extends 'base.bicepparam'`
    Extends {
        path: StringLiteral,
    },
    /// `assert name = condition`
    Assert {
        name: Ident,
        value: Expr,
    },
    /// `test name 'file.bicep' = {…}` (the experimental test framework).
    Test {
        name: Ident,
        path: StringLiteral,
        body: Expr,
    },
}

impl StatementKind {
    /// The declared name, when the statement declares one.
    pub fn name(&self) -> Option<&Ident> {
        match self {
            StatementKind::Metadata { name, .. }
            | StatementKind::Param { name, .. }
            | StatementKind::Var { name, .. }
            | StatementKind::Resource { name, .. }
            | StatementKind::Module { name, .. }
            | StatementKind::Output { name, .. }
            | StatementKind::Type { name, .. }
            | StatementKind::Function { name, .. }
            | StatementKind::Assert { name, .. }
            | StatementKind::Test { name, .. } => Some(name),
            StatementKind::Extension { alias, .. } => alias.as_ref(),
            _ => None,
        }
    }
}

/// `import …` in its three forms.
#[derive(Debug, Clone, PartialEq)]
pub enum Import {
    /// `import {a, b as c} from 'path'`
    Symbols {
        items: Vec<ImportItem>,
        from: StringLiteral,
    },
    /// `import * as ns from 'path'`
    Wildcard { alias: Ident, from: StringLiteral },
    /// `import 'az@1.0.0' [with {…}] [as alias]`, the former spelling of `extension`.
    Provider {
        spec: StringLiteral,
        config: Option<Expr>,
        alias: Option<Ident>,
    },
}

/// `name` or `name as alias` in `import {…}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportItem {
    /// The exported name (an identifier, or a quoted name).
    pub name: Ident,
    pub alias: Option<Ident>,
    pub span: TextRange,
}

impl ImportItem {
    /// The name the importing file uses.
    pub fn local_name(&self) -> &Ident {
        self.alias.as_ref().unwrap_or(&self.name)
    }
}

/// A function parameter `name type`.
#[derive(Debug, Clone, PartialEq)]
pub struct TypedParam {
    pub name: Ident,
    pub ty: TypeExpr,
    pub span: TextRange,
}

/// A string: literal text pieces and `${…}` interpolations in order. A string without
/// interpolation has one `Text` piece (none when empty).
#[derive(Debug, Clone, PartialEq)]
pub struct StringLiteral {
    pub parts: Vec<StringPart>,
    /// Written as `'''…'''`.
    pub multiline: bool,
    pub span: TextRange,
}

impl StringLiteral {
    /// The text when the string has no interpolation.
    pub fn as_plain(&self) -> Option<String> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                StringPart::Text { value, .. } => out.push_str(value),
                StringPart::Interpolation(_) => return None,
            }
        }
        Some(out)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum StringPart {
    /// Text with escapes decoded; `span` is the raw text in the file.
    Text {
        value: String,
        span: TextRange,
    },
    Interpolation(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: TextRange,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Null,
    Bool(bool),
    /// A non-negative integer literal (a negative number is `-` applied to it).
    Integer(u64),
    String(StringLiteral),
    /// A reference to a symbol (parameter, variable, resource, loop variable, function…).
    Variable(Ident),
    Array(Vec<ArrayItem>),
    Object(Vec<ObjectItem>),
    /// `base.name` or, when `safe`, `base.?name`.
    Property {
        base: Box<Expr>,
        name: Ident,
        safe: bool,
    },
    /// `base[index]` or, when `safe`, `base[?index]`.
    Index {
        base: Box<Expr>,
        index: Box<Expr>,
        safe: bool,
    },
    /// `base::name`: a child resource declared inside `base`'s body.
    ChildResource {
        base: Box<Expr>,
        name: Ident,
    },
    /// `name(args)`, or `base.name(args)` (`sys.concat(…)`, `az.resourceGroup()`,
    /// `storage.listKeys()`).
    Call {
        base: Option<Box<Expr>>,
        name: Ident,
        args: Vec<Expr>,
    },
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    /// Postfix `expr!`: asserts the value is not null.
    NonNull(Box<Expr>),
    Binary {
        op: BinaryOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// `condition ? then : otherwise`
    Ternary {
        condition: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
    /// `x => body`, `(a, b) => body`, `() => body`
    Lambda {
        params: Vec<Ident>,
        body: Box<Expr>,
    },
    Parenthesized(Box<Expr>),
    /// `[for variables in iterable: body]`
    For(Box<ForExpr>),
    /// `if (condition) body`: a resource's, module's or loop body's condition.
    If {
        condition: Box<Expr>,
        body: Box<Expr>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ForExpr {
    /// `item`, `(item, index)`; a for over a range may name only the index.
    pub item: Option<Ident>,
    pub index: Option<Ident>,
    pub iterable: Expr,
    pub body: Expr,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ArrayItem {
    Value(Expr),
    /// `...expr`; the span includes the `...`.
    Spread {
        expr: Expr,
        span: TextRange,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum ObjectItem {
    Property(ObjectProperty),
    /// `...expr`; the span includes the `...`.
    Spread {
        expr: Expr,
        span: TextRange,
    },
    /// A child resource declared inside a resource's body.
    Resource(Box<Statement>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ObjectProperty {
    pub key: PropertyKey,
    pub value: Expr,
    /// From the key through the value.
    pub span: TextRange,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PropertyKey {
    /// An unquoted key (keywords allowed).
    Ident(Ident),
    /// A quoted key, possibly interpolated.
    String(StringLiteral),
}

impl PropertyKey {
    /// The key's text when it has no interpolation.
    pub fn as_plain(&self) -> Option<String> {
        match self {
            PropertyKey::Ident(ident) => Some(ident.name.clone()),
            PropertyKey::String(s) => s.as_plain(),
        }
    }

    pub fn span(&self) -> TextRange {
        match self {
            PropertyKey::Ident(ident) => ident.span,
            PropertyKey::String(s) => s.span,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Minus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Coalesce,
    Or,
    And,
    Equals,
    NotEquals,
    EqualsInsensitive,
    NotEqualsInsensitive,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
}

/// A type expression (parameter, output, `type` and function signatures).
#[derive(Debug, Clone, PartialEq)]
pub struct TypeExpr {
    pub kind: TypeKind,
    pub span: TextRange,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// A named type: `string`, `object`, `myType`.
    Name(Ident),
    /// `ns.T` (an imported namespace's type) or `T.property` (a property's type).
    Property {
        base: Box<TypeExpr>,
        name: Ident,
    },
    /// `T[0]` (a tuple item's type) or `T[*]` (`index` `None`: the items' type).
    Index {
        base: Box<TypeExpr>,
        index: Option<u64>,
    },
    /// `T.*`: the type of an object's additional properties.
    AdditionalProperties(Box<TypeExpr>),
    /// `resourceInput<'Type@version'>` and other parameterised types.
    Generic {
        name: Ident,
        args: Vec<Expr>,
    },
    /// `resource 'Type@version'`
    Resource(StringLiteral),
    /// A literal (string, integer, negative integer, boolean, null, object or array
    /// literal) in a union or on its own.
    Literal(Expr),
    Object(Vec<ObjectTypeItem>),
    /// `T[]`
    Array(Box<TypeExpr>),
    /// `[T1, T2]`
    Tuple(Vec<TupleTypeItem>),
    /// `A | B | C`
    Union(Vec<TypeExpr>),
    /// `T?`
    Nullable(Box<TypeExpr>),
    /// `T!`: `T` without null.
    NonNullable(Box<TypeExpr>),
    Parenthesized(Box<TypeExpr>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum ObjectTypeItem {
    /// `@decorators key: type`
    Property {
        decorators: Vec<Decorator>,
        key: PropertyKey,
        ty: TypeExpr,
        span: TextRange,
    },
    /// `*: type` (additional properties).
    Additional {
        decorators: Vec<Decorator>,
        ty: TypeExpr,
        span: TextRange,
    },
    /// `...T` (a spread of another object type).
    Spread { ty: TypeExpr, span: TextRange },
}

#[derive(Debug, Clone, PartialEq)]
pub struct TupleTypeItem {
    pub decorators: Vec<Decorator>,
    pub ty: TypeExpr,
}
