//! Bicep tokens. Keywords are contextual in Bicep (`resource` is a valid property name), so
//! they are lexed as identifiers and recognised by the parser. Strings with interpolation
//! are split into pieces (`'a${` … `}b${` … `}c'`) the way the Bicep compiler does, with a
//! stack of brace depths so `}` closes the right interpolation. Comments and pragmas are
//! kept, with their spans, for suppression comments.

use super::ast::{Comment, CommentKind, SyntaxError};
use cloudsentinel_model::TextRange;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Identifier,
    Integer,
    /// `'text'` with no interpolation.
    StringComplete,
    /// `'text${`
    StringLeft,
    /// `}text${`
    StringMiddle,
    /// `}text'`
    StringRight,
    /// `'''text'''` (no escapes, no interpolation).
    MultilineString,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    LeftParen,
    RightParen,
    Comma,
    Dot,
    /// `.?`
    QuestionDot,
    Colon,
    /// `::`
    DoubleColon,
    Question,
    /// `??`
    DoubleQuestion,
    /// `=>`
    Arrow,
    /// `...`
    Ellipsis,
    Assign,
    Equals,
    NotEquals,
    /// `=~`
    EqualsInsensitive,
    /// `!~`
    NotEqualsInsensitive,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Bang,
    And,
    Or,
    Pipe,
    At,
    /// One or more line breaks (with the blanks and comments between them).
    NewLine,
    /// A character no token starts with.
    Unknown,
    EndOfFile,
}

/// A token: its kind, its span, and for strings the span of the text between the
/// delimiters (escapes still written).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub span: TextRange,
    pub content: TextRange,
}

pub(crate) struct Lexed {
    pub tokens: Vec<Token>,
    pub comments: Vec<Comment>,
    pub errors: Vec<SyntaxError>,
}

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    tokens: Vec<Token>,
    comments: Vec<Comment>,
    errors: Vec<SyntaxError>,
    /// Brace depth inside each open `${ … }`, innermost last.
    interpolations: Vec<u32>,
}

pub(crate) fn lex(text: &str) -> Lexed {
    let mut lexer = Lexer {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        tokens: Vec::new(),
        comments: Vec::new(),
        errors: Vec::new(),
        interpolations: Vec::new(),
    };
    if text.starts_with('\u{feff}') {
        lexer.pos = '\u{feff}'.len_utf8();
    }
    lexer.run();
    Lexed {
        tokens: lexer.tokens,
        comments: lexer.comments,
        errors: lexer.errors,
    }
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl Lexer<'_> {
    fn peek_at(&self, offset: usize) -> u8 {
        self.bytes.get(self.pos + offset).copied().unwrap_or(0)
    }

    fn push(&mut self, kind: TokenKind, start: usize) {
        let span = TextRange::new(start, self.pos);
        self.tokens.push(Token {
            kind,
            span,
            content: span,
        });
    }

    fn error(&mut self, start: usize, end: usize, message: impl Into<String>) {
        if self.errors.len() >= super::parser::MAX_ERRORS {
            return;
        }
        self.errors
            .push(SyntaxError::new(TextRange::new(start, end), message));
    }

    /// True when only blanks precede `pos` on its line.
    fn starts_line(&self, pos: usize) -> bool {
        self.bytes
            .get(..pos)
            .unwrap_or_default()
            .iter()
            .rev()
            .take_while(|&&b| b != b'\n')
            .all(|&b| b == b' ' || b == b'\t' || b == b'\r')
    }

    fn run(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            let start = self.pos;
            match b {
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'\n' => {
                    self.pos += 1;
                    if !self.interpolations.is_empty() {
                        // A line break cannot occur inside `${ … }`: give up on the string
                        // here rather than read the rest of the file as its expression.
                        self.error(
                            start,
                            start,
                            "unterminated string interpolation: '${' needs a '}' on the same line",
                        );
                        self.interpolations.clear();
                    }
                    if self.tokens.last().map(|t| t.kind) == Some(TokenKind::NewLine) {
                        if let Some(last) = self.tokens.last_mut() {
                            last.span.end = self.pos as u32;
                            last.content = last.span;
                        }
                    } else {
                        self.push(TokenKind::NewLine, start);
                    }
                }
                b'/' if self.peek_at(1) == b'/' => {
                    let end = self.line_end(start);
                    self.pos = end;
                    self.comment(CommentKind::Line, start, end);
                }
                b'/' if self.peek_at(1) == b'*' => {
                    if let Some(i) = self.text.get(start + 2..).and_then(|rest| rest.find("*/")) {
                        self.pos = start + 2 + i + 2;
                    } else {
                        self.pos = self.bytes.len();
                        self.error(start, start + 2, "unterminated comment: '/*' has no '*/'");
                    }
                    self.comment(CommentKind::Block, start, self.pos);
                }
                b'#' if is_ident_start(self.peek_at(1)) => {
                    let end = self.line_end(start);
                    self.pos = end;
                    self.comment(CommentKind::Pragma, start, end);
                }
                b'\'' => {
                    if self.text.get(start..start + 3) == Some("'''") {
                        self.multiline_string(start);
                    } else {
                        self.pos += 1;
                        self.string_piece(start, true);
                    }
                }
                b'0'..=b'9' => {
                    while self.peek_at(0).is_ascii_digit() {
                        self.pos += 1;
                    }
                    self.push(TokenKind::Integer, start);
                }
                _ if is_ident_start(b) => {
                    while is_ident_continue(self.peek_at(0)) {
                        self.pos += 1;
                    }
                    self.push(TokenKind::Identifier, start);
                }
                b'{' => {
                    if let Some(depth) = self.interpolations.last_mut() {
                        *depth += 1;
                    }
                    self.pos += 1;
                    self.push(TokenKind::LeftBrace, start);
                }
                b'}' => match self.interpolations.last_mut() {
                    Some(0) => {
                        self.interpolations.pop();
                        self.pos += 1;
                        self.string_piece(start, false);
                    }
                    depth => {
                        if let Some(depth) = depth {
                            *depth -= 1;
                        }
                        self.pos += 1;
                        self.push(TokenKind::RightBrace, start);
                    }
                },
                _ => self.operator(start, b),
            }
        }
        if !self.interpolations.is_empty() {
            let end = self.bytes.len();
            self.error(
                end,
                end,
                "unterminated string interpolation: '${' has no '}'",
            );
        }
        let end = self.bytes.len();
        self.push_at(TokenKind::EndOfFile, end, end);
    }

    fn push_at(&mut self, kind: TokenKind, start: usize, end: usize) {
        let span = TextRange::new(start, end);
        self.tokens.push(Token {
            kind,
            span,
            content: span,
        });
    }

    fn line_end(&self, from: usize) -> usize {
        self.bytes
            .get(from..)
            .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
            .map_or(self.bytes.len(), |i| {
                // A `\r\n` line break is not part of the comment.
                let end = from + i;
                if end > from && self.bytes.get(end - 1) == Some(&b'\r') {
                    end - 1
                } else {
                    end
                }
            })
    }

    fn comment(&mut self, kind: CommentKind, start: usize, end: usize) {
        let starts_line = self.starts_line(start);
        self.comments.push(Comment {
            kind,
            span: TextRange::new(start, end),
            starts_line,
        });
    }

    fn multiline_string(&mut self, start: usize) {
        let body = start + 3;
        let found = self.text.get(body..).and_then(|rest| rest.find("'''"));
        let close = if let Some(i) = found {
            // `''''a''''`: quotes right before the closing ones belong to the text.
            let mut close = body + i;
            while self.bytes.get(close + 3) == Some(&b'\'') {
                close += 1;
            }
            self.pos = close + 3;
            close
        } else {
            self.pos = self.bytes.len();
            self.error(
                start,
                start + 3,
                "unterminated multi-line string: ''' has no closing '''",
            );
            self.pos
        };
        self.tokens.push(Token {
            kind: TokenKind::MultilineString,
            span: TextRange::new(start, self.pos),
            content: TextRange::new(body, close),
        });
    }

    /// Scans string text from `pos` (just past `'` or the `}` closing an interpolation) to
    /// the closing `'` or the next `${`.
    fn string_piece(&mut self, start: usize, opened_by_quote: bool) {
        let content_start = self.pos;
        loop {
            let b = self.peek_at(0);
            if self.pos >= self.bytes.len()
                || b == b'\n'
                || (b == b'\r' && self.peek_at(1) == b'\n')
            {
                let end = self.pos;
                self.error(
                    start,
                    end,
                    "unterminated string: a string needs a closing ' on the same line",
                );
                let kind = if opened_by_quote {
                    TokenKind::StringComplete
                } else {
                    TokenKind::StringRight
                };
                self.tokens.push(Token {
                    kind,
                    span: TextRange::new(start, end),
                    content: TextRange::new(content_start, end),
                });
                return;
            }
            match b {
                b'\'' => {
                    let content_end = self.pos;
                    self.pos += 1;
                    let kind = if opened_by_quote {
                        TokenKind::StringComplete
                    } else {
                        TokenKind::StringRight
                    };
                    self.tokens.push(Token {
                        kind,
                        span: TextRange::new(start, self.pos),
                        content: TextRange::new(content_start, content_end),
                    });
                    return;
                }
                b'\\' => self.escape(),
                b'$' if self.peek_at(1) == b'{' => {
                    let content_end = self.pos;
                    self.pos += 2;
                    let kind = if opened_by_quote {
                        TokenKind::StringLeft
                    } else {
                        TokenKind::StringMiddle
                    };
                    self.tokens.push(Token {
                        kind,
                        span: TextRange::new(start, self.pos),
                        content: TextRange::new(content_start, content_end),
                    });
                    self.interpolations.push(0);
                    return;
                }
                _ => self.pos += 1,
            }
        }
    }

    fn escape(&mut self) {
        let start = self.pos;
        match self.peek_at(1) {
            b'\'' | b'\\' | b'n' | b'r' | b't' | b'$' => self.pos += 2,
            b'u' if self.peek_at(2) == b'{' => {
                let digits = start + 3;
                let len = self
                    .bytes
                    .get(digits..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|b| b.is_ascii_hexdigit())
                    .count();
                let close = digits + len;
                let value = self
                    .text
                    .get(digits..close)
                    .and_then(|h| u32::from_str_radix(h, 16).ok());
                if self.bytes.get(close) == Some(&b'}')
                    && (1..=6).contains(&len)
                    && value.and_then(char::from_u32).is_some()
                {
                    self.pos = close + 1;
                } else {
                    self.pos = close;
                    self.error(start, close, "invalid escape: '\\u{…}' needs 1 to 6 hexadecimal digits of a Unicode scalar value and a '}'");
                }
            }
            _ => {
                // Point at the escape, then continue after the backslash (a character
                // boundary: the next character is left to the string scan).
                let end = self
                    .text
                    .get(start + 1..)
                    .and_then(|r| r.chars().next())
                    .map_or(start + 1, |c| start + 1 + c.len_utf8());
                self.error(
                    start,
                    end,
                    "invalid escape: use \\', \\\\, \\n, \\r, \\t, \\$ or \\u{…}",
                );
                self.pos += 1;
            }
        }
    }

    fn operator(&mut self, start: usize, b: u8) {
        use TokenKind as K;
        let next = self.peek_at(1);
        let (kind, len) = match (b, next) {
            (b'.', b'.') if self.peek_at(2) == b'.' => (K::Ellipsis, 3),
            (b'.', b'?') => (K::QuestionDot, 2),
            (b'.', _) => (K::Dot, 1),
            (b':', b':') => (K::DoubleColon, 2),
            (b':', _) => (K::Colon, 1),
            (b'?', b'?') => (K::DoubleQuestion, 2),
            (b'?', _) => (K::Question, 1),
            (b'=', b'>') => (K::Arrow, 2),
            (b'=', b'=') => (K::Equals, 2),
            (b'=', b'~') => (K::EqualsInsensitive, 2),
            (b'=', _) => (K::Assign, 1),
            (b'!', b'=') => (K::NotEquals, 2),
            (b'!', b'~') => (K::NotEqualsInsensitive, 2),
            (b'!', _) => (K::Bang, 1),
            (b'<', b'=') => (K::LessOrEqual, 2),
            (b'<', _) => (K::Less, 1),
            (b'>', b'=') => (K::GreaterOrEqual, 2),
            (b'>', _) => (K::Greater, 1),
            (b'&', b'&') => (K::And, 2),
            (b'|', b'|') => (K::Or, 2),
            (b'|', _) => (K::Pipe, 1),
            (b'+', _) => (K::Plus, 1),
            (b'-', _) => (K::Minus, 1),
            (b'*', _) => (K::Star, 1),
            (b'/', _) => (K::Slash, 1),
            (b'%', _) => (K::Percent, 1),
            (b'@', _) => (K::At, 1),
            (b',', _) => (K::Comma, 1),
            (b'(', _) => (K::LeftParen, 1),
            (b')', _) => (K::RightParen, 1),
            (b'[', _) => (K::LeftBracket, 1),
            (b']', _) => (K::RightBracket, 1),
            _ => {
                // One whole character, so spans stay on character boundaries.
                let len = self
                    .text
                    .get(start..)
                    .and_then(|r| r.chars().next())
                    .map_or(1, char::len_utf8);
                (K::Unknown, len)
            }
        };
        self.pos += len;
        self.push(kind, start);
    }
}

/// The text of a single-quoted string piece with its escapes decoded (the lexer has
/// reported invalid ones; they are kept as written).
pub(crate) fn decode_escapes(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('\'') => out.push('\''),
            Some('\\') => out.push('\\'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('$') => out.push('$'),
            Some('u') => {
                let rest: String = chars.clone().skip(1).take(8).collect();
                let decoded = rest.strip_prefix('{').and_then(|r| {
                    let close = r.find('}')?;
                    let code = u32::from_str_radix(r.get(..close)?, 16).ok()?;
                    Some((char::from_u32(code)?, close + 2))
                });
                match decoded {
                    Some((ch, consumed)) => {
                        out.push(ch);
                        chars.next();
                        for _ in 0..consumed {
                            chars.next();
                        }
                    }
                    None => out.push('\\'),
                }
                continue;
            }
            _ => {
                out.push('\\');
                continue;
            }
        }
        chars.next();
    }
    out
}
