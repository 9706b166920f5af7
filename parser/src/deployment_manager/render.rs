//! Jinja rendering in Deployment Manager's environment, with a map from every rendered line
//! back to the template line that wrote it.
//!
//! Templates are rendered by minijinja, sandboxed: no file or network access (templates
//! see only the imports the config declares), a fuel limit on evaluation steps, a recursion
//! limit on macros and includes, and an output size limit. Python methods Jinja templates
//! call on strings and dicts (`.get`, `.items`, `.split`) come from minijinja-contrib's
//! Python compatibility layer.
//!
//! Line mapping: before rendering, a marker naming the file and line is written at the
//! start of every template line that begins in literal text (after its indentation, and
//! never before a tag, so whitespace control is unchanged). Markers are copied to the output
//! with the text they precede; each output line takes the first marker on it, or the last
//! one before it (a line an expression produced belongs to the line that wrote the
//! expression). Markers are removed before the output is parsed as YAML.

use minijinja::value::Value;
use minijinja::{Environment, ErrorKind, UndefinedBehavior};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Evaluation steps one rendering may take: far above any real template (the largest of
/// Google's samples takes a few thousand), low enough that a runaway loop stops in
/// milliseconds.
pub const FUEL: u64 = 2_000_000;

/// Deepest nesting of macro calls, includes and imports within one rendering.
pub const RECURSION_LIMIT: usize = 64;

/// Largest rendered output kept (bytes); a template that writes more is not checked.
pub const MAX_OUTPUT: usize = 8 * 1024 * 1024;

/// Opens a line marker (a private-use character: never in real templates, never escaped by
/// `tojson`, and removed before YAML parsing).
const MARK_OPEN: char = '\u{F8F0}';
/// Closes a line marker.
const MARK_CLOSE: char = '\u{F8F1}';

/// What a rendered output line maps back to: a template (an index into the rendering's
/// sources) and its 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceLine {
    pub source: usize,
    pub line: u32,
}

/// A template source with its name (as imports and `{% import %}` name it).
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
}

/// The output of a rendering, without markers, and the template line of each output line.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub text: String,
    /// One entry per output line (0-based); `None` before the first marker.
    pub lines: Vec<Option<SourceLine>>,
    /// Byte offset where each output line starts.
    line_starts: Vec<usize>,
}

impl Rendered {
    /// The template line that wrote byte `offset` of the output.
    pub fn source_of(&self, offset: usize) -> Option<SourceLine> {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        self.lines.get(line).copied().flatten()
    }
}

/// Why a template did not render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    /// The template (index into the rendering's sources) and line the error is at, when
    /// known.
    pub at: Option<SourceLine>,
    pub kind: RenderErrorKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderErrorKind {
    /// The template is not valid Jinja: a parse error of the file.
    Syntax,
    /// The step limit was reached (a runaway loop).
    OutOfFuel,
    /// Anything else at run time: an undefined value printed, a method Jinja in Python has
    /// and minijinja lacks, an error the template raises.
    Runtime,
}

/// One rendering: the template, the helpers it may `{% import %}` or `{% include %}`
/// (every imported `.jinja` file), and the context.
pub struct Job<'a> {
    /// The template rendered; it is `sources[main]`.
    pub main: usize,
    /// Every template the rendering may read.
    pub sources: &'a [Source],
    /// `properties`, `env` and `imports`.
    pub context: Value,
}

/// Renders a template.
pub fn render(job: &Job<'_>) -> Result<Rendered, RenderError> {
    let mut env = Environment::new();
    // Deployment Manager's Jinja: printing or iterating over an undefined value fails the
    // deployment, testing one (`{% if properties.x %}`) does not.
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(RECURSION_LIMIT);
    // Output is YAML, never HTML: no escaping, whatever the template's name.
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.set_unknown_method_callback(minijinja_contrib::pycompat::unknown_method_callback);
    let by_name: HashMap<String, usize> = job
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.clone(), i))
        .collect();
    let marked: Vec<String> = job
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| mark_lines(&s.text, i))
        .collect();
    let main = job
        .sources
        .get(job.main)
        .ok_or_else(|| RenderError {
            at: None,
            kind: RenderErrorKind::Runtime,
            message: "no template to render".to_string(),
        })?
        .name
        .clone();
    let loader_sources = marked.clone();
    let loader_names = by_name.clone();
    env.set_loader(move |name| {
        Ok(loader_names
            .get(name)
            .and_then(|i| loader_sources.get(*i))
            .cloned())
    });
    let to_error = |e: &minijinja::Error| error_of(e, &by_name);
    let template = env.get_template(&main).map_err(|e| to_error(&e))?;
    let output = template
        .render(job.context.clone())
        .map_err(|e| to_error(&e))?;
    if output.len() > MAX_OUTPUT {
        return Err(RenderError {
            at: Some(SourceLine {
                source: job.main,
                line: 1,
            }),
            kind: RenderErrorKind::Runtime,
            message: format!(
                "the rendered output is larger than {} MiB",
                MAX_OUTPUT / (1024 * 1024)
            ),
        });
    }
    Ok(unmark(&output))
}

/// The located error of a minijinja error (the innermost template it names).
fn error_of(e: &minijinja::Error, by_name: &HashMap<String, usize>) -> RenderError {
    let kind = match e.kind() {
        ErrorKind::SyntaxError | ErrorKind::BadEscape | ErrorKind::InvalidDelimiter => {
            RenderErrorKind::Syntax
        }
        ErrorKind::OutOfFuel => RenderErrorKind::OutOfFuel,
        _ => RenderErrorKind::Runtime,
    };
    // An error in an imported helper is wrapped: the innermost one names the helper.
    let mut innermost = e;
    while let Some(next) =
        std::error::Error::source(innermost).and_then(|s| s.downcast_ref::<minijinja::Error>())
    {
        innermost = next;
    }
    let at = [innermost, e].into_iter().find_map(|x| {
        let source = *by_name.get(x.name()?)?;
        let line = u32::try_from(x.line()?).ok()?;
        Some(SourceLine { source, line })
    });
    let kind = if innermost.kind() == ErrorKind::SyntaxError {
        RenderErrorKind::Syntax
    } else {
        kind
    };
    let mut message = innermost.detail().map_or_else(
        || innermost.kind().to_string(),
        |d| format!("{}: {d}", innermost.kind()),
    );
    // Markers must never show in a message.
    message.retain(|c| c != MARK_OPEN && c != MARK_CLOSE);
    RenderError { at, kind, message }
}

/// Writes a marker for every line of `text` that starts (after its indentation) in literal
/// text, not inside a tag, expression or comment, and not right before a tag (so `{%-` still
/// trims what precedes it).
pub fn mark_lines(text: &str, source: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let bytes = text.as_bytes();
    let mut state = Scan::Data;
    let mut line: u32 = 1;
    let mut at_line_start = true;
    let mut i = 0;
    while i < bytes.len() {
        if at_line_start && state == Scan::Data {
            let indent = bytes[i..]
                .iter()
                .take_while(|b| **b == b' ' || **b == b'\t')
                .count();
            out.push_str(&text[i..i + indent]);
            i += indent;
            at_line_start = false;
            let rest = &bytes[i..];
            let before_tag =
                rest.starts_with(b"{%") || rest.starts_with(b"{#") || rest.starts_with(b"{{-");
            let blank = rest.first().is_none_or(|b| *b == b'\n' || *b == b'\r');
            if !before_tag && !blank {
                let _ = write!(out, "{MARK_OPEN}{source}:{line}{MARK_CLOSE}");
            }
            continue;
        }
        let b = bytes[i];
        if b == b'\n' {
            line += 1;
            at_line_start = true;
            out.push('\n');
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied();
        state = match (state, b, next) {
            (Scan::Data, b'{', Some(b'{')) => Scan::Tag(b'}'),
            (Scan::Data, b'{', Some(b'%')) => Scan::Tag(b'%'),
            (Scan::Data, b'{', Some(b'#')) => Scan::Comment,
            (Scan::Tag(b'}'), b'}', Some(b'}')) => Scan::Data,
            (Scan::Tag(b'%'), b'%', Some(b'}')) => Scan::Data,
            (Scan::Tag(close), b'\'' | b'"', _) => Scan::Quoted(close, b),
            (Scan::Quoted(close, q), c, _) if c == q => Scan::Tag(close),
            (Scan::Quoted(close, q), b'\\', _) => {
                // An escaped character inside a string literal.
                let len = text[i + 1..].chars().next().map_or(0, char::len_utf8);
                out.push_str(&text[i..i + 1 + len]);
                i += 1 + len;
                state = Scan::Quoted(close, q);
                continue;
            }
            (Scan::Comment, b'#', Some(b'}')) => Scan::Data,
            (s, _, _) => s,
        };
        // Copy the whole character (multi-byte ones included).
        let len = text[i..].chars().next().map_or(1, char::len_utf8);
        // Tag and comment closers are two bytes: copy both so `}}` is not rescanned.
        let len = if state == Scan::Data && matches!((b, next), (b'}' | b'%' | b'#', Some(b'}'))) {
            2
        } else {
            len
        };
        out.push_str(&text[i..(i + len).min(text.len())]);
        i += len;
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scan {
    Data,
    /// In `{{ … }}` (`}`) or `{% … %}` (`%`).
    Tag(u8),
    /// In a string literal of a tag (which tag, and the quote).
    Quoted(u8, u8),
    Comment,
}

/// Removes the markers of `output`, recording the source line of each output line.
pub fn unmark(output: &str) -> Rendered {
    let mut text = String::with_capacity(output.len());
    let mut lines: Vec<Option<SourceLine>> = Vec::new();
    let mut last: Option<SourceLine> = None;
    let mut this_line: Option<SourceLine> = None;
    let mut rest = output;
    loop {
        let Some(pos) = rest.find([MARK_OPEN, '\n']) else {
            text.push_str(rest);
            lines.push(this_line.or(last));
            break;
        };
        text.push_str(&rest[..pos]);
        let c = rest[pos..].chars().next().unwrap_or('\n');
        rest = &rest[pos + c.len_utf8()..];
        if c == '\n' {
            text.push('\n');
            lines.push(this_line.or(last));
            this_line = None;
            continue;
        }
        let Some(end) = rest.find(MARK_CLOSE) else {
            continue;
        };
        let mark = &rest[..end];
        rest = &rest[end + MARK_CLOSE.len_utf8()..];
        // A marker-like text the template itself holds is no marker unless it parses.
        if let Some((source, line)) = mark.split_once(':')
            && let (Ok(source), Ok(line)) = (source.parse(), line.parse::<u32>())
            && line > 0
        {
            let found = SourceLine { source, line };
            this_line = this_line.or(Some(found));
            last = Some(found);
        }
    }
    let line_starts = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    Rendered {
        text,
        lines,
        line_starts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_one(text: &str, context: Value) -> Result<Rendered, RenderError> {
        let sources = [Source {
            name: "t.jinja".to_string(),
            text: text.to_string(),
        }];
        render(&Job {
            main: 0,
            sources: &sources,
            context,
        })
    }

    #[test]
    fn markers_are_written_only_in_literal_text() {
        let marked = mark_lines("a: 1\n{% if x %}\n  b: {{ y }}\n{# c\nd #}\n", 0);
        assert_eq!(
            marked,
            "\u{F8F0}0:1\u{F8F1}a: 1\n{% if x %}\n  \u{F8F0}0:3\u{F8F1}b: {{ y }}\n{# c\nd #}\n"
        );
        // Lines inside a multi-line tag, and lines starting with a trimming tag, get none.
        let marked = mark_lines("{% set x = {\n 'a': '}}'\n} %}\n  {{- z }}\n", 0);
        assert!(!marked.contains('\u{F8F0}'), "{marked}");
    }

    #[test]
    fn output_lines_map_to_template_lines() {
        let ctx = Value::from_pairs([("items", Value::from(vec!["a", "b"]))]);
        let r = render_one(
            "resources:\n{% for i in items %}\n- name: {{ i }}\n  type: t\n{% endfor %}\n",
            ctx,
        )
        .unwrap();
        assert_eq!(
            r.text,
            "resources:\n\n- name: a\n  type: t\n\n- name: b\n  type: t\n"
        );
        let lines: Vec<Option<u32>> = r.lines.iter().map(|l| l.map(|s| s.line)).collect();
        assert_eq!(
            lines,
            vec![
                Some(1),
                Some(1),
                Some(3),
                Some(4),
                Some(4),
                Some(3),
                Some(4),
                Some(4)
            ]
        );
        let b = r.text.find("b\n").unwrap();
        assert_eq!(r.source_of(b).map(|s| s.line), Some(3));
    }

    #[test]
    fn whitespace_control_is_unchanged_by_markers() {
        let text = "a:\n{%- if true %}\n  b: 1\n{%- endif %}\n";
        let plain = Environment::new()
            .render_str(text, Value::from(()))
            .unwrap();
        let r = render_one(text, Value::from(())).unwrap();
        assert_eq!(r.text, plain);
    }

    #[test]
    fn runaway_loops_run_out_of_fuel_with_a_line() {
        let e = render_one(
            "a: 1\n{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
            Value::from(()),
        )
        .unwrap_err();
        assert_eq!(e.kind, RenderErrorKind::OutOfFuel);
        assert_eq!(e.at.map(|a| a.line), Some(2));
    }

    #[test]
    fn syntax_and_undefined_errors_are_located() {
        let e = render_one("a: 1\nb: {{ x", Value::from(())).unwrap_err();
        assert_eq!(e.kind, RenderErrorKind::Syntax);
        assert_eq!(e.at.map(|a| a.line), Some(2));
        let e = render_one("a: 1\n\nb: {{ nothing }}\n", Value::from(())).unwrap_err();
        assert_eq!(e.kind, RenderErrorKind::Runtime);
        assert_eq!(e.at.map(|a| a.line), Some(3));
        assert!(e.message.contains("undefined"), "{}", e.message);
        // Testing an undefined value is allowed.
        assert!(render_one("{% if nothing %}x{% endif %}", Value::from(())).is_ok());
    }

    #[test]
    fn loop_controls_are_not_deployment_managers_jinja() {
        let e = render_one(
            "{% for i in [1, 2] %}{% break %}{% endfor %}",
            Value::from(()),
        )
        .unwrap_err();
        assert_eq!(e.kind, RenderErrorKind::Syntax, "{e:?}");
    }

    #[test]
    fn macros_recursing_forever_stop() {
        let e = render_one(
            "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}\n{{ f(0) }}",
            Value::from(()),
        )
        .unwrap_err();
        assert_eq!(e.kind, RenderErrorKind::Runtime, "{e:?}");
    }

    #[test]
    fn python_methods_and_helpers_work() {
        let sources = [
            Source {
                name: "main.jinja".to_string(),
                text: "{% import 'helpers.jinja' as h %}\nname: {{ h.up(props.get('n', 'x')) }}\nparts: {{ 'a-b'.split('-') | tojson }}\n".to_string(),
            },
            Source {
                name: "helpers.jinja".to_string(),
                text: "{% macro up(s) %}{{ s.upper() }}{% endmacro %}".to_string(),
            },
        ];
        let props = Value::from_pairs([("n", Value::from("vm"))]);
        let r = render(&Job {
            main: 0,
            sources: &sources,
            context: Value::from_pairs([("props", props)]),
        })
        .unwrap();
        assert_eq!(r.text, "\nname: VM\nparts: [\"a\", \"b\"]");
        assert_eq!(r.lines[1].map(|s| (s.source, s.line)), Some((0, 2)));
    }
}
