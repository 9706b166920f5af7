//! Recursive descent over the tokens. Every function returns `Err(Failed)` after recording
//! its error; the statement loop then skips to the next declaration that starts a line, so
//! one mistake does not hide the rest of the file.

use super::ast::{
    ArrayItem, BinaryOp, Decorator, Expr, ExprKind, File, ForExpr, Ident, Import, ImportItem,
    ObjectItem, ObjectProperty, ObjectTypeItem, PropertyKey, Statement, StatementKind,
    StringLiteral, StringPart, SyntaxError, TupleTypeItem, TypeExpr, TypeKind, TypedParam, UnaryOp,
};
use super::lexer::{Token, TokenKind, decode_escapes, lex};
use cloudsentinel_model::TextRange;

/// Deepest nesting of expressions and types accepted (objects, arrays, parentheses,
/// interpolations, operators): deeper input is reported, not parsed, so the stack is safe.
pub const MAX_DEPTH: u32 = 100;

/// Most errors kept for one file: a file of garbage reports these and no more, so its
/// errors cannot take more memory than the file.
pub const MAX_ERRORS: usize = 1000;

/// Keywords that start a top-level statement.
const STATEMENT_KEYWORDS: &[&str] = &[
    "targetScope",
    "metadata",
    "param",
    "var",
    "resource",
    "module",
    "output",
    "type",
    "func",
    "import",
    "extension",
    "provider",
    "using",
    "extends",
    "assert",
    "test",
];

/// The error has been recorded; unwind to the statement loop.
#[derive(Debug)]
struct Failed;

type Parsed<T> = Result<T, Failed>;

pub fn parse(text: &str) -> (File, Vec<SyntaxError>) {
    let lexed = lex(text);
    let mut parser = Parser {
        text,
        tokens: lexed.tokens,
        pos: 0,
        errors: lexed.errors,
        newlines_significant: true,
        depth: 0,
    };
    let statements = parser.file();
    let mut errors = parser.errors;
    errors.sort_by_key(|e| (e.span.start, e.span.end));
    errors.dedup_by(|a, b| a.span.start == b.span.start);
    // The lexer and the parser each stop at the limit.
    errors.truncate(MAX_ERRORS);
    let file = File {
        statements,
        comments: lexed.comments,
        span: TextRange::new(0, text.len()),
    };
    (file, errors)
}

struct Parser<'a> {
    text: &'a str,
    /// Always ends with an `EndOfFile` token.
    tokens: Vec<Token>,
    pos: usize,
    errors: Vec<SyntaxError>,
    /// False inside parentheses, where line breaks are blanks.
    newlines_significant: bool,
    depth: u32,
}

fn span(start: u32, end: u32) -> TextRange {
    TextRange {
        start,
        end: end.max(start),
    }
}

fn binary_operator(kind: TokenKind) -> Option<(BinaryOp, u8)> {
    use TokenKind as K;
    Some(match kind {
        K::DoubleQuestion => (BinaryOp::Coalesce, 1),
        K::Or => (BinaryOp::Or, 2),
        K::And => (BinaryOp::And, 3),
        K::Equals => (BinaryOp::Equals, 4),
        K::NotEquals => (BinaryOp::NotEquals, 4),
        K::EqualsInsensitive => (BinaryOp::EqualsInsensitive, 4),
        K::NotEqualsInsensitive => (BinaryOp::NotEqualsInsensitive, 4),
        K::Less => (BinaryOp::Less, 5),
        K::LessOrEqual => (BinaryOp::LessOrEqual, 5),
        K::Greater => (BinaryOp::Greater, 5),
        K::GreaterOrEqual => (BinaryOp::GreaterOrEqual, 5),
        K::Plus => (BinaryOp::Add, 6),
        K::Minus => (BinaryOp::Subtract, 6),
        K::Star => (BinaryOp::Multiply, 7),
        K::Slash => (BinaryOp::Divide, 7),
        K::Percent => (BinaryOp::Modulo, 7),
        _ => return None,
    })
}

impl Parser<'_> {
    // ----- token access -----

    fn last_index(&self) -> usize {
        self.tokens.len().saturating_sub(1)
    }

    fn raw(&self, index: usize) -> Token {
        let index = index.min(self.last_index());
        self.tokens.get(index).copied().unwrap_or(Token {
            kind: TokenKind::EndOfFile,
            span: TextRange::new(self.text.len(), self.text.len()),
            content: TextRange::new(self.text.len(), self.text.len()),
        })
    }

    /// The current token; line breaks are skipped where they are blanks.
    fn current(&mut self) -> Token {
        if !self.newlines_significant {
            while self.raw(self.pos).kind == TokenKind::NewLine {
                self.pos += 1;
            }
        }
        self.raw(self.pos)
    }

    fn kind(&mut self) -> TokenKind {
        self.current().kind
    }

    fn at(&mut self, kind: TokenKind) -> bool {
        self.kind() == kind
    }

    /// The `n`th token after the current one, line breaks included.
    fn peek_raw(&mut self, n: usize) -> Token {
        self.current();
        self.raw(self.pos + n)
    }

    fn advance(&mut self) -> Token {
        let token = self.current();
        if token.kind != TokenKind::EndOfFile {
            self.pos += 1;
        }
        token
    }

    fn eat(&mut self, kind: TokenKind) -> Option<Token> {
        if self.at(kind) {
            Some(self.advance())
        } else {
            None
        }
    }

    fn skip_newlines(&mut self) {
        while self.raw(self.pos).kind == TokenKind::NewLine {
            self.pos += 1;
        }
    }

    /// True when the current token is `kind`, or when line breaks are followed by `kind`
    /// (a ternary's `?` and `:` or a union's `|` may start a line); those line breaks are
    /// then consumed.
    fn at_continuation(&mut self, kind: TokenKind) -> bool {
        if self.at(kind) {
            return true;
        }
        let mut index = self.pos;
        while self.raw(index).kind == TokenKind::NewLine {
            index += 1;
        }
        if index != self.pos && self.raw(index).kind == kind {
            self.pos = index;
            return true;
        }
        false
    }

    fn slice(&self, range: TextRange) -> &str {
        self.text.get(range.as_range()).unwrap_or("")
    }

    fn is_keyword(&self, token: Token, keyword: &str) -> bool {
        token.kind == TokenKind::Identifier && self.slice(token.span) == keyword
    }

    fn at_keyword(&mut self, keyword: &str) -> bool {
        let token = self.current();
        self.is_keyword(token, keyword)
    }

    /// End of the last consumed token.
    fn prev_end(&self) -> u32 {
        let mut index = self.pos;
        while index > 0 {
            index -= 1;
            let token = self.raw(index);
            if token.kind != TokenKind::NewLine {
                return token.span.end;
            }
        }
        0
    }

    fn with_newlines<T>(&mut self, significant: bool, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = self.newlines_significant;
        self.newlines_significant = significant;
        let result = f(self);
        self.newlines_significant = saved;
        result
    }

    fn enter(&mut self) -> Parsed<()> {
        if self.depth >= MAX_DEPTH {
            let token = self.current();
            self.report(SyntaxError::new(
                token.span,
                format!("nesting too deep: more than {MAX_DEPTH} levels"),
            ));
            return Err(Failed);
        }
        self.depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    // ----- errors -----

    fn report(&mut self, error: SyntaxError) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(error);
        }
    }

    fn describe(&self, token: Token) -> String {
        match token.kind {
            TokenKind::EndOfFile => "the end of the file".to_string(),
            TokenKind::NewLine => "the end of the line".to_string(),
            TokenKind::StringComplete | TokenKind::StringLeft | TokenKind::MultilineString => {
                "a string".to_string()
            }
            TokenKind::StringMiddle | TokenKind::StringRight => {
                "the end of an interpolation".to_string()
            }
            TokenKind::Unknown => format!("the unexpected character '{}'", self.slice(token.span)),
            _ => {
                let text: String = self.slice(token.span).chars().take(40).collect();
                format!("'{text}'")
            }
        }
    }

    fn fail<T>(&mut self, expected: &str) -> Parsed<T> {
        let token = self.current();
        let message = format!("expected {expected}, found {}", self.describe(token));
        // An error at a line break or the end points at where the token was missing.
        let at = if matches!(token.kind, TokenKind::NewLine | TokenKind::EndOfFile) {
            span(token.span.start, token.span.start)
        } else {
            token.span
        };
        self.report(SyntaxError::new(at, message));
        Err(Failed)
    }

    fn expect(&mut self, kind: TokenKind, expected: &str) -> Parsed<Token> {
        match self.eat(kind) {
            Some(token) => Ok(token),
            None => self.fail(expected),
        }
    }

    fn ident(&mut self, expected: &str) -> Parsed<Ident> {
        let token = self.current();
        if token.kind == TokenKind::Identifier {
            self.advance();
            Ok(self.ident_of(token))
        } else {
            self.fail(expected)
        }
    }

    fn ident_of(&self, token: Token) -> Ident {
        Ident {
            name: self.slice(token.span).to_string(),
            span: token.span,
        }
    }

    // ----- statements -----

    fn file(&mut self) -> Vec<Statement> {
        let mut statements = Vec::new();
        loop {
            self.skip_newlines();
            if self.at(TokenKind::EndOfFile) {
                break;
            }
            let start = self.pos;
            match self.statement() {
                Ok(statement) => {
                    statements.push(statement);
                    if !matches!(self.kind(), TokenKind::NewLine | TokenKind::EndOfFile) {
                        let _ = self.fail::<()>("a new line after the declaration");
                        self.recover(start);
                    }
                }
                Err(Failed) => self.recover(start),
            }
        }
        statements
    }

    /// A token that starts a line at column 0 and is a statement keyword or `@`.
    fn starts_statement(&self, index: usize) -> bool {
        let token = self.raw(index);
        let at_line_start = token.span.start == 0
            || self.text.as_bytes().get(token.span.start as usize - 1) == Some(&b'\n');
        at_line_start
            && (token.kind == TokenKind::At
                || (token.kind == TokenKind::Identifier
                    && STATEMENT_KEYWORDS.contains(&self.slice(token.span))))
    }

    fn recover(&mut self, statement_start: usize) {
        self.newlines_significant = true;
        self.depth = 0;
        // A declaration the failed one read into (an unclosed parenthesis reads across
        // lines) is parsed again on its own. The last one only: no token is read more
        // than twice, so recovery stays linear (many decorators then garbage).
        if let Some(swallowed) = (statement_start + 1..self.pos)
            .rev()
            .find(|&index| self.starts_statement(index))
        {
            self.pos = swallowed;
            return;
        }
        loop {
            let token = self.raw(self.pos);
            if token.kind == TokenKind::EndOfFile
                || (self.pos > statement_start && self.starts_statement(self.pos))
            {
                return;
            }
            self.pos += 1;
        }
    }

    fn decorators(&mut self) -> Parsed<Vec<Decorator>> {
        let mut decorators = Vec::new();
        while let Some(at) = self.eat(TokenKind::At) {
            self.enter()?;
            let expr = self.postfix();
            self.leave();
            let expr = expr?;
            if !matches!(expr.kind, ExprKind::Call { .. } | ExprKind::Variable(_)) {
                self.report(SyntaxError::new(
                    expr.span,
                    "a decorator is a function call such as @description('…')",
                ));
                return Err(Failed);
            }
            decorators.push(Decorator {
                span: span(at.span.start, expr.span.end),
                expr,
            });
            self.skip_newlines();
        }
        Ok(decorators)
    }

    fn statement(&mut self) -> Parsed<Statement> {
        let start = self.current().span.start;
        let decorators = self.decorators()?;
        let keyword = self.current();
        let text = if keyword.kind == TokenKind::Identifier {
            self.slice(keyword.span).to_string()
        } else {
            String::new()
        };
        if !STATEMENT_KEYWORDS.contains(&text.as_str()) {
            return self.fail(
                "a declaration (param, var, resource, module, output, type, func, import, …)",
            );
        }
        self.advance();
        let kind = match text.as_str() {
            "targetScope" => {
                self.expect(TokenKind::Assign, "'=' after targetScope")?;
                StatementKind::TargetScope {
                    value: self.expr()?,
                }
            }
            "metadata" => {
                let name = self.ident("the metadata's name")?;
                self.expect(TokenKind::Assign, "'=' after the metadata's name")?;
                StatementKind::Metadata {
                    name,
                    value: self.expr()?,
                }
            }
            "param" => self.param()?,
            "var" => {
                let name = self.ident("the variable's name")?;
                let ty = if self.at(TokenKind::Assign) {
                    None
                } else {
                    Some(self.type_expr()?)
                };
                self.expect(TokenKind::Assign, "'=' after the variable's name")?;
                StatementKind::Var {
                    name,
                    ty,
                    value: self.expr()?,
                }
            }
            "resource" => self.resource()?,
            "module" => {
                let name = self.ident("the module's symbolic name")?;
                let path = self.string_literal(
                    "the module's path, a string such as './child.bicep' or 'br/public:…'",
                )?;
                self.expect(TokenKind::Assign, "'=' after the module's path")?;
                StatementKind::Module {
                    name,
                    path,
                    body: self.declaration_body()?,
                }
            }
            "output" => {
                let name = self.ident("the output's name")?;
                let ty = self.type_expr()?;
                self.expect(TokenKind::Assign, "'=' after the output's type")?;
                StatementKind::Output {
                    name,
                    ty,
                    value: self.expr()?,
                }
            }
            "type" => {
                let name = self.ident("the type's name")?;
                self.expect(TokenKind::Assign, "'=' after the type's name")?;
                StatementKind::Type {
                    name,
                    value: self.type_expr()?,
                }
            }
            "func" => self.function()?,
            "import" => self.import()?,
            "extension" | "provider" => {
                let keyword = self.ident_of(keyword);
                let spec = if self.at(TokenKind::Identifier) {
                    let ident = self.ident("the extension")?;
                    Expr {
                        span: ident.span,
                        kind: ExprKind::Variable(ident),
                    }
                } else {
                    let s = self.string_literal("the extension, such as 'kubernetes@1.0.0'")?;
                    Expr {
                        span: s.span,
                        kind: ExprKind::String(s),
                    }
                };
                let (config, alias) = self.with_and_alias()?;
                StatementKind::Extension {
                    keyword,
                    spec,
                    config,
                    alias,
                }
            }
            "using" => {
                let path = if self.at_keyword("none") {
                    self.advance();
                    None
                } else {
                    Some(self.string_literal("the path of the Bicep file, or 'none'")?)
                };
                let config = if self.at_keyword("with") {
                    self.advance();
                    Some(self.expr()?)
                } else {
                    None
                };
                StatementKind::Using { path, config }
            }
            "extends" => StatementKind::Extends {
                path: self.string_literal("the path of the base parameters file")?,
            },
            "test" => {
                let name = self.ident("the test's name")?;
                let path = self.string_literal("the path of the Bicep file under test")?;
                self.expect(TokenKind::Assign, "'=' after the test's path")?;
                StatementKind::Test {
                    name,
                    path,
                    body: self.declaration_body()?,
                }
            }
            "assert" => {
                let name = self.ident("the assertion's name")?;
                self.expect(TokenKind::Assign, "'=' after the assertion's name")?;
                StatementKind::Assert {
                    name,
                    value: self.expr()?,
                }
            }
            _ => return self.fail("a declaration"),
        };
        Ok(Statement {
            decorators,
            kind,
            span: span(start, self.prev_end()),
        })
    }

    fn param(&mut self) -> Parsed<StatementKind> {
        let name = self.ident("the parameter's name")?;
        let ty = if self.at(TokenKind::Assign) {
            None
        } else if matches!(self.kind(), TokenKind::NewLine | TokenKind::EndOfFile)
            && !self.at_continuation(TokenKind::Pipe)
        {
            return self.fail("the parameter's type");
        } else {
            Some(self.type_expr()?)
        };
        let value = if self.eat(TokenKind::Assign).is_some() {
            Some(self.expr()?)
        } else if ty.is_none() {
            return self.fail("the parameter's type");
        } else if !matches!(self.kind(), TokenKind::NewLine | TokenKind::EndOfFile) {
            return self.fail("'=' after the parameter's type");
        } else {
            None
        };
        Ok(StatementKind::Param { name, ty, value })
    }

    fn resource(&mut self) -> Parsed<StatementKind> {
        let name = self.ident("the resource's symbolic name")?;
        let type_string = self.string_literal(
            "the resource type, a string such as 'Microsoft.Storage/storageAccounts@2023-01-01'",
        )?;
        let existing = if self.at_keyword("existing") {
            self.advance();
            true
        } else {
            false
        };
        self.expect(TokenKind::Assign, "'=' after the resource type")?;
        Ok(StatementKind::Resource {
            name,
            type_string,
            existing,
            body: self.declaration_body()?,
        })
    }

    /// A resource's or module's body: `{…}`, `if (…) {…}` or `[for …]`.
    fn declaration_body(&mut self) -> Parsed<Expr> {
        // `resource x 'T@v' =` may end its line, the body starting on the next one.
        self.skip_newlines();
        match self.kind() {
            TokenKind::LeftBrace | TokenKind::LeftBracket => self.expr(),
            TokenKind::Identifier if self.at_keyword("if") => self.if_body(),
            _ => self.fail("'{', 'if' or '[for' after '='"),
        }
    }

    /// `if (condition) body`
    fn if_body(&mut self) -> Parsed<Expr> {
        let start = self.advance().span.start;
        let open = self.current();
        if open.kind != TokenKind::LeftParen {
            return self.fail("'(' after 'if'");
        }
        let condition = self.primary()?;
        let body = if self.at(TokenKind::LeftBrace) {
            self.expr()?
        } else {
            return self.fail("'{' after the condition");
        };
        Ok(Expr {
            span: span(start, body.span.end),
            kind: ExprKind::If {
                condition: Box::new(condition),
                body: Box::new(body),
            },
        })
    }

    fn function(&mut self) -> Parsed<StatementKind> {
        let name = self.ident("the function's name")?;
        self.expect(TokenKind::LeftParen, "'(' after the function's name")?;
        let params = self.with_newlines(false, |p| -> Parsed<Vec<TypedParam>> {
            let mut params = Vec::new();
            while !p.at(TokenKind::RightParen) {
                let name = p.ident("a parameter's name or ')'")?;
                let ty = p.type_expr()?;
                params.push(TypedParam {
                    span: span(name.span.start, ty.span.end),
                    name,
                    ty,
                });
                if p.eat(TokenKind::Comma).is_none() && !p.at(TokenKind::RightParen) {
                    return p.fail("',' or ')' after the parameter");
                }
            }
            p.advance();
            Ok(params)
        })?;
        let return_type = self.type_expr()?;
        self.expect(TokenKind::Arrow, "'=>' after the function's return type")?;
        self.skip_newlines();
        Ok(StatementKind::Function {
            name,
            params,
            return_type,
            body: self.expr()?,
        })
    }

    fn import(&mut self) -> Parsed<StatementKind> {
        if self.eat(TokenKind::LeftBrace).is_some() {
            // Items are separated by commas or line breaks.
            let items = self.with_newlines(true, |p| -> Parsed<Vec<ImportItem>> {
                let mut items = Vec::new();
                loop {
                    p.skip_newlines();
                    if p.at(TokenKind::RightBrace) {
                        break;
                    }
                    let name = if matches!(p.kind(), TokenKind::StringComplete) {
                        let s = p.string_literal("a name")?;
                        Ident {
                            name: s.as_plain().unwrap_or_default(),
                            span: s.span,
                        }
                    } else {
                        p.ident("a name to import or '}'")?
                    };
                    let alias = if p.at_keyword("as") {
                        p.advance();
                        Some(p.ident("the alias after 'as'")?)
                    } else {
                        None
                    };
                    let end = alias.as_ref().map_or(name.span.end, |a| a.span.end);
                    items.push(ImportItem {
                        span: span(name.span.start, end),
                        name,
                        alias,
                    });
                    if p.eat(TokenKind::Comma).is_none()
                        && !matches!(p.kind(), TokenKind::NewLine | TokenKind::RightBrace)
                    {
                        return p.fail("',', a new line or '}' after the imported name");
                    }
                }
                p.advance();
                Ok(items)
            })?;
            self.expect_keyword("from", "'from' after the imported names")?;
            let from = self.string_literal("the path to import from")?;
            return Ok(StatementKind::Import(Import::Symbols { items, from }));
        }
        if self.eat(TokenKind::Star).is_some() {
            self.expect_keyword("as", "'as' after 'import *'")?;
            let alias = self.ident("the namespace's name after 'as'")?;
            self.expect_keyword("from", "'from' after the namespace's name")?;
            let from = self.string_literal("the path to import from")?;
            return Ok(StatementKind::Import(Import::Wildcard { alias, from }));
        }
        let spec =
            self.string_literal("'{', '*' or a provider such as 'az@1.0.0' after 'import'")?;
        let (config, alias) = self.with_and_alias()?;
        Ok(StatementKind::Import(Import::Provider {
            spec,
            config,
            alias,
        }))
    }

    fn expect_keyword(&mut self, keyword: &str, expected: &str) -> Parsed<()> {
        if self.at_keyword(keyword) {
            self.advance();
            Ok(())
        } else {
            self.fail(expected)
        }
    }

    /// `[with {…}] [as alias]` after an extension or provider import.
    fn with_and_alias(&mut self) -> Parsed<(Option<Expr>, Option<Ident>)> {
        let config = if self.at_keyword("with") {
            self.advance();
            Some(self.expr()?)
        } else {
            None
        };
        let alias = if self.at_keyword("as") {
            self.advance();
            Some(self.ident("the alias after 'as'")?)
        } else {
            None
        };
        Ok((config, alias))
    }

    // ----- expressions -----

    fn expr(&mut self) -> Parsed<Expr> {
        self.enter()?;
        let result = self.ternary();
        self.leave();
        result
    }

    fn ternary(&mut self) -> Parsed<Expr> {
        if let Some(lambda) = self.lambda()? {
            return Ok(lambda);
        }
        let condition = self.binary(1)?;
        if !self.at_continuation(TokenKind::Question) {
            return Ok(condition);
        }
        self.advance();
        self.skip_newlines();
        let then = self.expr()?;
        if !self.at_continuation(TokenKind::Colon) {
            return self.fail("':' in the conditional expression");
        }
        self.advance();
        self.skip_newlines();
        let otherwise = self.expr()?;
        Ok(Expr {
            span: span(condition.span.start, otherwise.span.end),
            kind: ExprKind::Ternary {
                condition: Box::new(condition),
                then: Box::new(then),
                otherwise: Box::new(otherwise),
            },
        })
    }

    /// `x => body`, `(a, b) => body` or `() => body`, when the tokens ahead are one.
    fn lambda(&mut self) -> Parsed<Option<Expr>> {
        let first = self.current();
        let params = match first.kind {
            TokenKind::Identifier if self.peek_raw(1).kind == TokenKind::Arrow => {
                self.advance();
                vec![self.ident_of(first)]
            }
            TokenKind::LeftParen if self.closing_paren_then_arrow() => {
                self.advance();
                self.with_newlines(false, |p| -> Parsed<Vec<Ident>> {
                    let mut params = Vec::new();
                    while !p.at(TokenKind::RightParen) {
                        params.push(p.ident("a lambda parameter's name or ')'")?);
                        if p.eat(TokenKind::Comma).is_none() && !p.at(TokenKind::RightParen) {
                            return p.fail("',' or ')' after the lambda parameter");
                        }
                    }
                    p.advance();
                    Ok(params)
                })?
            }
            _ => return Ok(None),
        };
        self.expect(TokenKind::Arrow, "'=>'")?;
        self.skip_newlines();
        let body = self.expr()?;
        Ok(Some(Expr {
            span: span(first.span.start, body.span.end),
            kind: ExprKind::Lambda {
                params,
                body: Box::new(body),
            },
        }))
    }

    /// At `(`: whether the matching `)` is followed by `=>`.
    fn closing_paren_then_arrow(&mut self) -> bool {
        // A lambda's parameter list holds only names, commas and line breaks, so the scan
        // stops at the first other token: nested parentheses cost no rescan.
        let mut index = self.pos + 1;
        loop {
            match self.raw(index).kind {
                TokenKind::Identifier | TokenKind::Comma | TokenKind::NewLine => index += 1,
                TokenKind::RightParen => break,
                _ => return false,
            }
        }
        let mut next = index + 1;
        while self.raw(next).kind == TokenKind::NewLine {
            next += 1;
        }
        self.raw(next).kind == TokenKind::Arrow
    }

    fn binary(&mut self, min_precedence: u8) -> Parsed<Expr> {
        let mut left = self.unary()?;
        // Each operator nests the tree one level deeper (on an error the statement loop
        // resets the depth).
        let mut links = 0;
        loop {
            let token = self.current();
            let Some((op, precedence)) = binary_operator(token.kind) else {
                break;
            };
            if precedence < min_precedence {
                break;
            }
            self.enter()?;
            links += 1;
            // No line break after an operator (outside parentheses), as in Bicep: the
            // error then points at the end of the line rather than into the next one.
            self.advance();
            let right = self.binary(precedence + 1)?;
            left = Expr {
                span: span(left.span.start, right.span.end),
                kind: ExprKind::Binary {
                    op,
                    left: Box::new(left),
                    right: Box::new(right),
                },
            };
        }
        self.depth = self.depth.saturating_sub(links);
        Ok(left)
    }

    fn unary(&mut self) -> Parsed<Expr> {
        let token = self.current();
        let op = match token.kind {
            TokenKind::Bang => UnaryOp::Not,
            TokenKind::Minus => UnaryOp::Minus,
            _ => return self.postfix(),
        };
        self.advance();
        self.enter()?;
        let operand = self.unary();
        self.leave();
        let operand = operand?;
        Ok(Expr {
            span: span(token.span.start, operand.span.end),
            kind: ExprKind::Unary {
                op,
                operand: Box::new(operand),
            },
        })
    }

    fn property_name(&mut self) -> Parsed<Ident> {
        self.ident("a property name")
    }

    fn postfix(&mut self) -> Parsed<Expr> {
        let mut expr = self.primary()?;
        let mut links = 0;
        loop {
            let start = expr.span.start;
            let kind = self.kind();
            if matches!(
                kind,
                TokenKind::Dot
                    | TokenKind::QuestionDot
                    | TokenKind::LeftBracket
                    | TokenKind::DoubleColon
                    | TokenKind::Bang
            ) {
                self.enter()?;
                links += 1;
            }
            match kind {
                TokenKind::Dot => {
                    self.advance();
                    let name = self.property_name()?;
                    if self.at(TokenKind::LeftParen) {
                        let (args, end) = self.call_args()?;
                        expr = Expr {
                            span: span(start, end),
                            kind: ExprKind::Call {
                                base: Some(Box::new(expr)),
                                name,
                                args,
                            },
                        };
                    } else {
                        expr = Expr {
                            span: span(start, name.span.end),
                            kind: ExprKind::Property {
                                base: Box::new(expr),
                                name,
                                safe: false,
                            },
                        };
                    }
                }
                TokenKind::QuestionDot => {
                    self.advance();
                    let name = self.property_name()?;
                    expr = Expr {
                        span: span(start, name.span.end),
                        kind: ExprKind::Property {
                            base: Box::new(expr),
                            name,
                            safe: true,
                        },
                    };
                }
                TokenKind::LeftBracket => {
                    self.advance();
                    let safe = self.eat(TokenKind::Question).is_some();
                    let index = self.with_newlines(false, Self::expr)?;
                    let close = self.with_newlines(false, |p| {
                        p.expect(TokenKind::RightBracket, "']' after the index")
                    })?;
                    expr = Expr {
                        span: span(start, close.span.end),
                        kind: ExprKind::Index {
                            base: Box::new(expr),
                            index: Box::new(index),
                            safe,
                        },
                    };
                }
                TokenKind::DoubleColon => {
                    self.advance();
                    let name = self.ident("a child resource's name after '::'")?;
                    expr = Expr {
                        span: span(start, name.span.end),
                        kind: ExprKind::ChildResource {
                            base: Box::new(expr),
                            name,
                        },
                    };
                }
                TokenKind::Bang => {
                    let bang = self.advance();
                    expr = Expr {
                        span: span(start, bang.span.end),
                        kind: ExprKind::NonNull(Box::new(expr)),
                    };
                }
                _ => break,
            }
        }
        self.depth = self.depth.saturating_sub(links);
        Ok(expr)
    }

    /// `(args)`, returning them and the end of `)`.
    fn call_args(&mut self) -> Parsed<(Vec<Expr>, u32)> {
        self.advance();
        self.with_newlines(false, |p| {
            let mut args = Vec::new();
            while !p.at(TokenKind::RightParen) {
                args.push(p.expr()?);
                if p.eat(TokenKind::Comma).is_none() && !p.at(TokenKind::RightParen) {
                    return p.fail("',' or ')' after the argument");
                }
            }
            let close = p.advance();
            Ok((args, close.span.end))
        })
    }

    fn primary(&mut self) -> Parsed<Expr> {
        let token = self.current();
        match token.kind {
            TokenKind::Integer => {
                self.advance();
                if let Ok(value) = self.slice(token.span).parse::<u64>() {
                    Ok(Expr {
                        kind: ExprKind::Integer(value),
                        span: token.span,
                    })
                } else {
                    self.report(SyntaxError::new(
                        token.span,
                        "integer too large: Bicep integers are 64-bit",
                    ));
                    Err(Failed)
                }
            }
            TokenKind::StringComplete | TokenKind::StringLeft | TokenKind::MultilineString => {
                let s = self.string_literal("a string")?;
                Ok(Expr {
                    span: s.span,
                    kind: ExprKind::String(s),
                })
            }
            TokenKind::Identifier => {
                self.advance();
                let text = self.slice(token.span).to_string();
                let kind = match text.as_str() {
                    "true" => ExprKind::Bool(true),
                    "false" => ExprKind::Bool(false),
                    "null" => ExprKind::Null,
                    _ if self.at(TokenKind::LeftParen) => {
                        let (args, end) = self.call_args()?;
                        return Ok(Expr {
                            span: span(token.span.start, end),
                            kind: ExprKind::Call {
                                base: None,
                                name: self.ident_of(token),
                                args,
                            },
                        });
                    }
                    _ => ExprKind::Variable(self.ident_of(token)),
                };
                Ok(Expr {
                    kind,
                    span: token.span,
                })
            }
            TokenKind::LeftParen => {
                self.advance();
                self.with_newlines(false, |p| {
                    let inner = p.expr()?;
                    let close = p.expect(TokenKind::RightParen, "')'")?;
                    Ok(Expr {
                        span: span(token.span.start, close.span.end),
                        kind: ExprKind::Parenthesized(Box::new(inner)),
                    })
                })
            }
            TokenKind::LeftBracket => self.with_newlines(true, Self::array),
            TokenKind::LeftBrace => self.with_newlines(true, Self::object),
            _ => self.fail("an expression"),
        }
    }

    fn string_literal(&mut self, expected: &str) -> Parsed<StringLiteral> {
        let first = self.current();
        let mut parts = Vec::new();
        let push_text = |parts: &mut Vec<StringPart>, p: &Self, token: Token, multiline: bool| {
            if token.content.is_empty() {
                return;
            }
            let raw = p.slice(token.content);
            let value = if multiline {
                // A line break right after the opening ''' is not part of the text.
                raw.strip_prefix("\r\n")
                    .or_else(|| raw.strip_prefix('\n'))
                    .unwrap_or(raw)
                    .to_string()
            } else {
                decode_escapes(raw)
            };
            parts.push(StringPart::Text {
                value,
                span: token.content,
            });
        };
        match first.kind {
            TokenKind::StringComplete => {
                self.advance();
                push_text(&mut parts, self, first, false);
                Ok(StringLiteral {
                    parts,
                    multiline: false,
                    span: first.span,
                })
            }
            TokenKind::MultilineString => {
                self.advance();
                push_text(&mut parts, self, first, true);
                Ok(StringLiteral {
                    parts,
                    multiline: true,
                    span: first.span,
                })
            }
            TokenKind::StringLeft => {
                self.advance();
                push_text(&mut parts, self, first, false);
                self.enter()?;
                let result = self.with_newlines(false, |p| {
                    loop {
                        let expr = p.expr()?;
                        parts.push(StringPart::Interpolation(expr));
                        let piece = p.current();
                        match piece.kind {
                            TokenKind::StringMiddle => {
                                p.advance();
                                push_text(&mut parts, p, piece, false);
                            }
                            TokenKind::StringRight => {
                                p.advance();
                                push_text(&mut parts, p, piece, false);
                                return Ok(piece.span.end);
                            }
                            _ => return p.fail("'}' to close the interpolation"),
                        }
                    }
                });
                self.leave();
                let end = result?;
                Ok(StringLiteral {
                    parts,
                    multiline: false,
                    span: span(first.span.start, end),
                })
            }
            _ => self.fail(expected),
        }
    }

    /// True at a token at column 0 that starts a declaration (not a property named like
    /// a keyword), in a list whose first item was indented: a missing `}` or `]` above
    /// it. `first_item_indented` is set at the first item.
    fn at_unclosed_declaration(&mut self, first_item_indented: &mut Option<bool>) -> bool {
        let index = self.pos;
        let token = self.current();
        let at_column_0 = token.span.start == 0
            || self.text.as_bytes().get(token.span.start as usize - 1) == Some(&b'\n');
        let indented = *first_item_indented.get_or_insert(!at_column_0);
        indented
            && self.starts_statement(index)
            && (token.kind == TokenKind::At || self.peek_raw(1).kind != TokenKind::Colon)
    }

    fn array(&mut self) -> Parsed<Expr> {
        let open = self.advance();
        self.skip_newlines();
        if self.at_keyword("for")
            && matches!(
                self.peek_raw(1).kind,
                TokenKind::Identifier | TokenKind::LeftParen
            )
        {
            return self.for_expr(open);
        }
        let mut items = Vec::new();
        let mut first_item_indented = None;
        loop {
            self.skip_newlines();
            if let Some(close) = self.eat(TokenKind::RightBracket) {
                return Ok(Expr {
                    span: span(open.span.start, close.span.end),
                    kind: ExprKind::Array(items),
                });
            }
            if self.at_unclosed_declaration(&mut first_item_indented) {
                return self.fail("']' to close the array");
            }
            if let Some(dots) = self.eat(TokenKind::Ellipsis) {
                let expr = self.expr()?;
                items.push(ArrayItem::Spread {
                    span: span(dots.span.start, expr.span.end),
                    expr,
                });
            } else {
                items.push(ArrayItem::Value(self.expr()?));
            }
            if self.eat(TokenKind::Comma).is_none()
                && !matches!(self.kind(), TokenKind::NewLine | TokenKind::RightBracket)
            {
                return self.fail("',', a new line or ']' after the array item");
            }
        }
    }

    fn for_expr(&mut self, open: Token) -> Parsed<Expr> {
        self.advance();
        let (item, index) = if self.eat(TokenKind::LeftParen).is_some() {
            let item = self.ident("the loop's item name")?;
            let index = if self.eat(TokenKind::Comma).is_some() {
                Some(self.ident("the loop's index name")?)
            } else {
                None
            };
            self.expect(TokenKind::RightParen, "')' after the loop variables")?;
            (Some(item), index)
        } else {
            (Some(self.ident("the loop's item name")?), None)
        };
        self.expect_keyword("in", "'in' after the loop variables")?;
        let iterable = self.expr()?;
        self.expect(TokenKind::Colon, "':' after the loop's collection")?;
        self.skip_newlines();
        let body = if self.at_keyword("if") && self.peek_raw(1).kind == TokenKind::LeftParen {
            self.if_body()?
        } else {
            self.expr()?
        };
        self.skip_newlines();
        let close = self.expect(TokenKind::RightBracket, "']' to close the loop")?;
        Ok(Expr {
            span: span(open.span.start, close.span.end),
            kind: ExprKind::For(Box::new(ForExpr {
                item,
                index,
                iterable,
                body,
            })),
        })
    }

    fn object(&mut self) -> Parsed<Expr> {
        let open = self.advance();
        let mut items = Vec::new();
        let mut first_item_indented = None;
        loop {
            self.skip_newlines();
            if let Some(close) = self.eat(TokenKind::RightBrace) {
                return Ok(Expr {
                    span: span(open.span.start, close.span.end),
                    kind: ExprKind::Object(items),
                });
            }
            if self.at_unclosed_declaration(&mut first_item_indented) {
                return self.fail("'}' to close the object");
            }
            items.push(self.object_item()?);
            if self.eat(TokenKind::Comma).is_none()
                && !matches!(self.kind(), TokenKind::NewLine | TokenKind::RightBrace)
            {
                return self.fail("',', a new line or '}' after the property");
            }
        }
    }

    fn object_item(&mut self) -> Parsed<ObjectItem> {
        if let Some(dots) = self.eat(TokenKind::Ellipsis) {
            let expr = self.expr()?;
            return Ok(ObjectItem::Spread {
                span: span(dots.span.start, expr.span.end),
                expr,
            });
        }
        let token = self.current();
        let nested_resource =
            self.is_keyword(token, "resource") && self.peek_raw(1).kind == TokenKind::Identifier;
        if token.kind == TokenKind::At || nested_resource {
            // A child resource declared in its parent's body.
            let statement = self.statement()?;
            if !matches!(statement.kind, StatementKind::Resource { .. }) {
                self.report(SyntaxError::new(
                    statement.span,
                    "only a resource may be declared inside an object",
                ));
                return Err(Failed);
            }
            return Ok(ObjectItem::Resource(Box::new(statement)));
        }
        let key = self.property_key()?;
        self.expect(TokenKind::Colon, "':' after the property name")?;
        let value = self.expr()?;
        Ok(ObjectItem::Property(ObjectProperty {
            span: span(key.span().start, value.span.end),
            key,
            value,
        }))
    }

    fn property_key(&mut self) -> Parsed<PropertyKey> {
        match self.kind() {
            TokenKind::Identifier => Ok(PropertyKey::Ident(self.ident("a property name")?)),
            TokenKind::StringComplete | TokenKind::StringLeft | TokenKind::MultilineString => {
                Ok(PropertyKey::String(self.string_literal("a property name")?))
            }
            _ => self.fail("a property name, '...' or '}'"),
        }
    }

    // ----- types -----

    fn type_expr(&mut self) -> Parsed<TypeExpr> {
        self.enter()?;
        let result = self.union_type();
        self.leave();
        result
    }

    fn union_type(&mut self) -> Parsed<TypeExpr> {
        // A union may start with `|`, on the next line: `param mode\n  | 'a'\n  | 'b'`.
        let leading = if self.at_continuation(TokenKind::Pipe) {
            Some(self.advance())
        } else {
            None
        };
        let first = self.postfix_type()?;
        if leading.is_none() && !self.at_continuation(TokenKind::Pipe) {
            return Ok(first);
        }
        let start = leading.map_or(first.span.start, |t| t.span.start);
        let mut members = vec![first];
        while self.at_continuation(TokenKind::Pipe) {
            self.advance();
            self.skip_newlines();
            members.push(self.postfix_type()?);
        }
        let end = members.last().map_or(start, |m| m.span.end);
        Ok(TypeExpr {
            span: span(start, end),
            kind: TypeKind::Union(members),
        })
    }

    fn postfix_type(&mut self) -> Parsed<TypeExpr> {
        let mut ty = self.primary_type()?;
        let mut links = 0;
        loop {
            let start = ty.span.start;
            let kind = self.kind();
            if matches!(
                kind,
                TokenKind::LeftBracket | TokenKind::Question | TokenKind::Bang | TokenKind::Dot
            ) {
                self.enter()?;
                links += 1;
            }
            match kind {
                TokenKind::LeftBracket => {
                    self.advance();
                    let index = match self.kind() {
                        TokenKind::RightBracket => {
                            let close = self.advance();
                            ty = TypeExpr {
                                span: span(start, close.span.end),
                                kind: TypeKind::Array(Box::new(ty)),
                            };
                            continue;
                        }
                        TokenKind::Star => {
                            self.advance();
                            None
                        }
                        TokenKind::Integer => {
                            let token = self.advance();
                            self.slice(token.span).parse::<u64>().ok()
                        }
                        _ => return self.fail("']', '*' or an index after '['"),
                    };
                    let close = self.expect(TokenKind::RightBracket, "']'")?;
                    ty = TypeExpr {
                        span: span(start, close.span.end),
                        kind: TypeKind::Index {
                            base: Box::new(ty),
                            index,
                        },
                    };
                }
                TokenKind::Question => {
                    let question = self.advance();
                    ty = TypeExpr {
                        span: span(start, question.span.end),
                        kind: TypeKind::Nullable(Box::new(ty)),
                    };
                }
                TokenKind::Bang => {
                    let bang = self.advance();
                    ty = TypeExpr {
                        span: span(start, bang.span.end),
                        kind: TypeKind::NonNullable(Box::new(ty)),
                    };
                }
                TokenKind::Dot => {
                    self.advance();
                    if let Some(star) = self.eat(TokenKind::Star) {
                        ty = TypeExpr {
                            span: span(start, star.span.end),
                            kind: TypeKind::AdditionalProperties(Box::new(ty)),
                        };
                    } else {
                        let name = self.property_name()?;
                        ty = TypeExpr {
                            span: span(start, name.span.end),
                            kind: TypeKind::Property {
                                base: Box::new(ty),
                                name,
                            },
                        };
                    }
                }
                _ => break,
            }
        }
        self.depth = self.depth.saturating_sub(links);
        Ok(ty)
    }

    fn primary_type(&mut self) -> Parsed<TypeExpr> {
        let token = self.current();
        match token.kind {
            TokenKind::Identifier => {
                let text = self.slice(token.span);
                if matches!(text, "true" | "false" | "null") {
                    let expr = self.primary()?;
                    return Ok(TypeExpr {
                        span: expr.span,
                        kind: TypeKind::Literal(expr),
                    });
                }
                if text == "resource"
                    && matches!(
                        self.peek_raw(1).kind,
                        TokenKind::StringComplete | TokenKind::StringLeft
                    )
                {
                    self.advance();
                    let s = self.string_literal("the resource type")?;
                    return Ok(TypeExpr {
                        span: span(token.span.start, s.span.end),
                        kind: TypeKind::Resource(s),
                    });
                }
                let name = self.ident("a type")?;
                if self.eat(TokenKind::Less).is_none() {
                    return Ok(TypeExpr {
                        span: name.span,
                        kind: TypeKind::Name(name),
                    });
                }
                let mut args = Vec::new();
                loop {
                    args.push(self.primary()?);
                    if self.eat(TokenKind::Comma).is_none() {
                        break;
                    }
                }
                let close = self.expect(TokenKind::Greater, "'>' after the type's arguments")?;
                Ok(TypeExpr {
                    span: span(token.span.start, close.span.end),
                    kind: TypeKind::Generic { name, args },
                })
            }
            TokenKind::StringComplete
            | TokenKind::StringLeft
            | TokenKind::MultilineString
            | TokenKind::Integer => {
                let expr = self.primary()?;
                Ok(TypeExpr {
                    span: expr.span,
                    kind: TypeKind::Literal(expr),
                })
            }
            TokenKind::Minus | TokenKind::Bang => {
                let expr = self.unary()?;
                Ok(TypeExpr {
                    span: expr.span,
                    kind: TypeKind::Literal(expr),
                })
            }
            TokenKind::LeftParen => {
                self.advance();
                self.with_newlines(false, |p| {
                    let inner = p.type_expr()?;
                    let close = p.expect(TokenKind::RightParen, "')' after the type")?;
                    Ok(TypeExpr {
                        span: span(token.span.start, close.span.end),
                        kind: TypeKind::Parenthesized(Box::new(inner)),
                    })
                })
            }
            TokenKind::LeftBrace => self.with_newlines(true, Self::object_type),
            TokenKind::LeftBracket => self.with_newlines(true, Self::tuple_type),
            _ => self.fail("a type"),
        }
    }

    fn object_type(&mut self) -> Parsed<TypeExpr> {
        let open = self.advance();
        let mut items = Vec::new();
        let mut first_item_indented = None;
        loop {
            self.skip_newlines();
            if let Some(close) = self.eat(TokenKind::RightBrace) {
                return Ok(TypeExpr {
                    span: span(open.span.start, close.span.end),
                    kind: TypeKind::Object(items),
                });
            }
            if self.at_unclosed_declaration(&mut first_item_indented) {
                return self.fail("'}' to close the object type");
            }
            let start = self.current().span.start;
            if self.eat(TokenKind::Ellipsis).is_some() {
                let ty = self.type_expr()?;
                items.push(ObjectTypeItem::Spread {
                    span: span(start, ty.span.end),
                    ty,
                });
            } else {
                let decorators = self.decorators()?;
                if self.eat(TokenKind::Star).is_some() {
                    self.expect(TokenKind::Colon, "':' after '*'")?;
                    let ty = self.type_expr()?;
                    items.push(ObjectTypeItem::Additional {
                        decorators,
                        span: span(start, ty.span.end),
                        ty,
                    });
                } else {
                    let key = self.property_key()?;
                    self.expect(TokenKind::Colon, "':' after the property name")?;
                    let ty = self.type_expr()?;
                    items.push(ObjectTypeItem::Property {
                        decorators,
                        key,
                        span: span(start, ty.span.end),
                        ty,
                    });
                }
            }
            if self.eat(TokenKind::Comma).is_none()
                && !matches!(self.kind(), TokenKind::NewLine | TokenKind::RightBrace)
            {
                return self.fail("',', a new line or '}' after the property's type");
            }
        }
    }

    fn tuple_type(&mut self) -> Parsed<TypeExpr> {
        let open = self.advance();
        let mut items = Vec::new();
        let mut first_item_indented = None;
        loop {
            self.skip_newlines();
            if let Some(close) = self.eat(TokenKind::RightBracket) {
                return Ok(TypeExpr {
                    span: span(open.span.start, close.span.end),
                    kind: TypeKind::Tuple(items),
                });
            }
            if self.at_unclosed_declaration(&mut first_item_indented) {
                return self.fail("']' to close the tuple type");
            }
            let decorators = self.decorators()?;
            let ty = self.type_expr()?;
            items.push(TupleTypeItem { decorators, ty });
            if self.eat(TokenKind::Comma).is_none()
                && !matches!(self.kind(), TokenKind::NewLine | TokenKind::RightBracket)
            {
                return self.fail("',', a new line or ']' after the item's type");
            }
        }
    }
}
