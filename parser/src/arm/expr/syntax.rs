//! The ARM expression language: `[function(args).property[index]]` inside a JSON string,
//! lexed and parsed into an [`Expr`] tree whose offsets count bytes from the start of the
//! string's value (the `[` included), so an error can be located inside the JSON string.

use std::sync::Arc;

/// Deepest nesting of calls, indexes and property accesses accepted.
pub const MAX_EXPR_DEPTH: usize = 128;

/// An expression node with its byte range in the string value.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    String(Arc<str>),
    Int(i64),
    /// `name(args)` or, for a user-defined function, `namespace.name(args)`.
    Call {
        namespace: Option<String>,
        name: String,
        args: Vec<Expr>,
    },
    /// `base.name`
    Property(Box<Expr>, String),
    /// `base[index]`
    Index(Box<Expr>, Box<Expr>),
}

/// Why an expression does not parse or evaluate, with its byte range in the string value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    pub start: u32,
    pub end: u32,
    pub message: String,
}

impl ExprError {
    pub fn new(start: u32, end: u32, message: impl Into<String>) -> Self {
        ExprError {
            start,
            end,
            message: message.into(),
        }
    }
}

/// What a JSON string value is to ARM.
#[derive(Debug, Clone, PartialEq)]
pub enum StringValue<'s> {
    /// A plain string (for `[[…]`, with the escaping `[` removed).
    Literal(std::borrow::Cow<'s, str>),
    /// `[…]`: the text between the brackets starts at byte 1 of the value.
    Expression(&'s str),
}

/// Classifies a string value: `[…]` is an expression, `[[…]` the literal `[…]`; any other
/// string (`[[x` too) is a literal as written.
pub fn classify(s: &str) -> StringValue<'_> {
    if s.len() >= 2 && s.starts_with('[') && s.ends_with(']') {
        if s.starts_with("[[") {
            return StringValue::Literal(std::borrow::Cow::Owned(s[1..].to_string()));
        }
        return StringValue::Expression(&s[1..s.len() - 1]);
    }
    StringValue::Literal(std::borrow::Cow::Borrowed(s))
}

/// Parses a whole string value that [`classify`] found to be an expression.
pub fn parse_expression(value: &str) -> Result<Expr, ExprError> {
    let StringValue::Expression(inner) = classify(value) else {
        return Err(ExprError::new(
            0,
            value.len() as u32,
            "not an expression (it must start with `[` and end with `]`)",
        ));
    };
    let tokens = lex(inner, 1)?;
    let mut p = Parser {
        tokens,
        pos: 0,
        end: (value.len() - 1) as u32,
    };
    let e = p.expr(0)?;
    match p.peek() {
        None => Ok(e),
        Some(t) => Err(ExprError::new(
            t.start,
            t.end,
            "unexpected text after the expression",
        )),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(Arc<str>),
    Int(i64),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Dot,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    start: u32,
    end: u32,
}

/// Splits `text` (starting at byte `base` of the value) into tokens.
fn lex(text: &str, base: usize) -> Result<Vec<Token>, ExprError> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize| (base + i) as u32;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let tok = match c {
            b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            b'(' => Tok::LParen,
            b')' => Tok::RParen,
            b'[' => Tok::LBracket,
            b']' => Tok::RBracket,
            b',' => Tok::Comma,
            b'.' => Tok::Dot,
            b'\'' => {
                let mut s = String::new();
                let mut j = i + 1;
                loop {
                    let Some(rest) = text.get(j..) else {
                        return Err(ExprError::new(
                            at(i),
                            at(bytes.len()),
                            "unterminated string",
                        ));
                    };
                    let Some(q) = rest.find('\'') else {
                        return Err(ExprError::new(
                            at(i),
                            at(bytes.len()),
                            "unterminated string",
                        ));
                    };
                    s.push_str(&rest[..q]);
                    j += q + 1;
                    if bytes.get(j) == Some(&b'\'') {
                        s.push('\'');
                        j += 1;
                    } else {
                        break;
                    }
                }
                out.push(Token {
                    tok: Tok::Str(s.into()),
                    start: at(start),
                    end: at(j),
                });
                i = j;
                continue;
            }
            b'0'..=b'9' | b'-' => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j].is_ascii_digit() {
                    j += 1;
                }
                let digits = &text[i..j];
                let n: i64 = digits.parse().map_err(|_| {
                    ExprError::new(at(i), at(j), format!("`{digits}` is not an integer"))
                })?;
                out.push(Token {
                    tok: Tok::Int(n),
                    start: at(start),
                    end: at(j),
                });
                i = j;
                continue;
            }
            c if c.is_ascii_alphabetic() || c == b'_' || c == b'$' => {
                let mut j = i + 1;
                while j < bytes.len()
                    && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_' || bytes[j] == b'$')
                {
                    j += 1;
                }
                out.push(Token {
                    tok: Tok::Ident(text[i..j].to_string()),
                    start: at(start),
                    end: at(j),
                });
                i = j;
                continue;
            }
            _ => {
                let ch = text[i..].chars().next().unwrap_or('?');
                return Err(ExprError::new(
                    at(i),
                    at(i + ch.len_utf8()),
                    format!("unexpected character `{ch}` in expression"),
                ));
            }
        };
        i += 1;
        out.push(Token {
            tok,
            start: at(start),
            end: at(i),
        });
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    /// Offset of the closing `]`, for errors at the end.
    end: u32,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn expect(&mut self, want: &Tok, what: &str) -> Result<Token, ExprError> {
        match self.next() {
            Some(t) if &t.tok == want => Ok(t),
            Some(t) => Err(ExprError::new(t.start, t.end, format!("expected {what}"))),
            None => Err(ExprError::new(
                self.end,
                self.end + 1,
                format!("expected {what}, found the end of the expression"),
            )),
        }
    }

    fn expr(&mut self, depth: usize) -> Result<Expr, ExprError> {
        let Some(t) = self.next() else {
            return Err(ExprError::new(
                self.end,
                self.end + 1,
                "expected an expression",
            ));
        };
        if depth > MAX_EXPR_DEPTH {
            return Err(ExprError::new(
                t.start,
                t.end,
                format!("expression nested deeper than {MAX_EXPR_DEPTH} levels"),
            ));
        }
        let mut e = match t.tok {
            Tok::Str(s) => Expr {
                kind: ExprKind::String(s),
                start: t.start,
                end: t.end,
            },
            Tok::Int(n) => Expr {
                kind: ExprKind::Int(n),
                start: t.start,
                end: t.end,
            },
            Tok::Ident(first) => {
                let (namespace, name) = if self.peek().is_some_and(|t| t.tok == Tok::Dot) {
                    self.pos += 1;
                    match self.next() {
                        Some(Token {
                            tok: Tok::Ident(n), ..
                        }) => (Some(first), n),
                        Some(t) => {
                            return Err(ExprError::new(t.start, t.end, "expected a function name"));
                        }
                        None => {
                            return Err(ExprError::new(
                                self.end,
                                self.end + 1,
                                "expected a function name",
                            ));
                        }
                    }
                } else {
                    (None, first)
                };
                self.expect(&Tok::LParen, &format!("`(` after `{name}`"))?;
                let mut args = Vec::new();
                if self.peek().is_some_and(|t| t.tok == Tok::RParen) {
                    self.pos += 1;
                } else {
                    loop {
                        args.push(self.expr(depth + 1)?);
                        match self.next() {
                            Some(Token {
                                tok: Tok::Comma, ..
                            }) => {}
                            Some(Token {
                                tok: Tok::RParen, ..
                            }) => break,
                            Some(t) => {
                                return Err(ExprError::new(
                                    t.start,
                                    t.end,
                                    "expected `,` or `)` in the arguments",
                                ));
                            }
                            None => {
                                return Err(ExprError::new(
                                    self.end,
                                    self.end + 1,
                                    format!("`{name}(` is not closed"),
                                ));
                            }
                        }
                    }
                }
                let end = self.tokens.get(self.pos - 1).map_or(self.end, |t| t.end);
                Expr {
                    kind: ExprKind::Call {
                        namespace,
                        name,
                        args,
                    },
                    start: t.start,
                    end,
                }
            }
            _ => {
                return Err(ExprError::new(
                    t.start,
                    t.end,
                    "expected a function call, a string or an integer",
                ));
            }
        };
        // Accessors after the primary: `.name` and `[index]`.
        let mut chain = 0;
        loop {
            match self.peek().map(|t| &t.tok) {
                Some(Tok::Dot) => {
                    self.pos += 1;
                    let Some(Token {
                        tok: Tok::Ident(p),
                        end,
                        ..
                    }) = self.next()
                    else {
                        let at = self.tokens.get(self.pos - 1).map_or(self.end, |t| t.start);
                        return Err(ExprError::new(
                            at,
                            at + 1,
                            "expected a property name after `.`",
                        ));
                    };
                    let start = e.start;
                    e = Expr {
                        kind: ExprKind::Property(Box::new(e), p),
                        start,
                        end,
                    };
                }
                Some(Tok::LBracket) => {
                    self.pos += 1;
                    let index = self.expr(depth + 1)?;
                    let close = self.expect(&Tok::RBracket, "`]`")?;
                    let start = e.start;
                    e = Expr {
                        kind: ExprKind::Index(Box::new(e), Box::new(index)),
                        start,
                        end: close.end,
                    };
                }
                _ => break,
            }
            chain += 1;
            if chain > MAX_EXPR_DEPTH {
                return Err(ExprError::new(
                    e.start,
                    e.end,
                    format!("more than {MAX_EXPR_DEPTH} property accesses in a row"),
                ));
            }
        }
        Ok(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call_name(e: &Expr) -> &str {
        match &e.kind {
            ExprKind::Call { name, .. } => name,
            _ => "",
        }
    }

    #[test]
    fn strings_are_classified() {
        assert_eq!(
            classify("[[literal]"),
            StringValue::Literal("[literal]".into())
        );
        assert_eq!(classify("plain"), StringValue::Literal("plain".into()));
        assert_eq!(classify("[x()]"), StringValue::Expression("x()"));
        assert_eq!(classify("["), StringValue::Literal("[".into()));
        assert_eq!(classify("[[x"), StringValue::Literal("[[x".into()));
    }

    #[test]
    fn calls_properties_and_indexes_have_offsets() {
        let src = "[parameters('a b').c[0]]";
        let e = parse_expression(src).unwrap();
        assert_eq!((e.start, e.end), (1, 23));
        let ExprKind::Index(base, idx) = &e.kind else {
            panic!("{e:?}")
        };
        assert_eq!(idx.kind, ExprKind::Int(0));
        let ExprKind::Property(call, name) = &base.kind else {
            panic!()
        };
        assert_eq!(name, "c");
        assert_eq!(call_name(call), "parameters");
        assert_eq!(
            &src[call.start as usize..call.end as usize],
            "parameters('a b')"
        );
    }

    #[test]
    fn escaped_quotes_negative_numbers_and_namespaces() {
        let e = parse_expression("[ns.fn('it''s', -3)]").unwrap();
        let ExprKind::Call {
            namespace,
            name,
            args,
        } = e.kind
        else {
            panic!()
        };
        assert_eq!((namespace.as_deref(), name.as_str()), (Some("ns"), "fn"));
        assert_eq!(args[0].kind, ExprKind::String("it's".into()));
        assert_eq!(args[1].kind, ExprKind::Int(-3));
    }

    #[test]
    fn errors_are_located() {
        let err = parse_expression("[concat('a', ]").unwrap_err();
        assert_eq!(err.start, 13);
        let err = parse_expression("[concat('a]").unwrap_err();
        assert!(err.message.contains("unterminated"), "{err:?}");
        let err = parse_expression("[a() b()]").unwrap_err();
        assert_eq!(err.start, 5);
        let err = parse_expression("[é()]").unwrap_err();
        assert_eq!((err.start, err.end), (1, 3));
        let deep = format!("[{}1{}]", "f(".repeat(500), ")".repeat(500));
        assert!(
            parse_expression(&deep)
                .unwrap_err()
                .message
                .contains("deeper")
        );
        let err = parse_expression("[99999999999999999999]").unwrap_err();
        assert!(err.message.contains("integer"));
    }
}
