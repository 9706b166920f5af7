//! Error recovery for HCL files: when a file does not parse as a whole, it is split into its
//! top-level items (blocks and attributes) by a scan aware of brackets, quoted strings with
//! their interpolations, heredocs and comments; each item is then parsed on its own, keeping
//! its byte offsets in the file, so one broken block costs only that block.
//!
//! The scan never recurses (its nesting is a `Vec`), and reads each byte once.

use std::ops::Range;

/// Keywords that start a top-level Terraform block. A line that starts with one of them at
/// column 0, followed by a label or `{`, starts a new item even when the item before it was
/// left unclosed (a missing `}`), so an unclosed block does not swallow the rest of the file.
const TOP_LEVEL: [&str; 12] = [
    "resource",
    "data",
    "module",
    "variable",
    "output",
    "locals",
    "provider",
    "terraform",
    "moved",
    "import",
    "check",
    "removed",
];

/// What the scan is inside of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    /// `{`, `[` or `(` in expression or body context.
    Bracket,
    /// A quoted string.
    Str,
    /// `${` or `%{` inside a quoted string.
    Interp,
}

/// Byte ranges of the top-level items of `text`, in order; blank and comment-only text
/// between items is left out. The ranges cover every byte that could be part of an item.
pub(crate) fn split_items(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut items = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let push_item = |items: &mut Vec<Range<usize>>, from: usize, to: usize| {
        if text.get(from..to).is_some_and(has_content) {
            items.push(from..to);
        }
    };
    while i < b.len() {
        let line_start = i == 0 || b[i - 1] == b'\n';
        if line_start && !stack.is_empty() && starts_top_level(&b[i..]) {
            // The item before never closed: end it here.
            push_item(&mut items, start, i);
            stack.clear();
            start = i;
        }
        let c = b[i];
        match stack.last() {
            Some(Open::Str) => match c {
                b'\\' => i += 1,
                b'"' => {
                    stack.pop();
                }
                b'$' | b'%' if b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&b'{') => i += 2,
                b'$' | b'%' if b.get(i + 1) == Some(&b'{') => {
                    stack.push(Open::Interp);
                    i += 1;
                }
                b'\n' => {
                    // A quoted string cannot span lines: it was left unterminated.
                    stack.pop();
                    continue;
                }
                _ => {}
            },
            _ => match c {
                b'#' => i = line_end(b, i) - 1,
                b'/' if b.get(i + 1) == Some(&b'/') => i = line_end(b, i) - 1,
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    i = text
                        .get(i + 2..)
                        .and_then(|t| t.find("*/"))
                        .map_or(b.len(), |p| i + 2 + p + 2)
                        - 1;
                }
                b'"' => stack.push(Open::Str),
                b'<' if b.get(i + 1) == Some(&b'<') => {
                    if let Some(end) = heredoc_end(text, i) {
                        i = end - 1;
                    } else {
                        i += 1;
                    }
                }
                b'{' | b'[' | b'(' => stack.push(Open::Bracket),
                b'}' | b']' | b')' => {
                    // A stray closing bracket at the top level is left to the parser.
                    stack.pop();
                }
                b'\n' if stack.is_empty() => {
                    push_item(&mut items, start, i + 1);
                    start = i + 1;
                }
                _ => {}
            },
        }
        i += 1;
    }
    push_item(&mut items, start, b.len());
    items
}

/// Whether `text` holds anything but blanks and comments.
fn has_content(text: &str) -> bool {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if rest.starts_with('#') || rest.starts_with("//") {
            rest = rest.find('\n').map_or("", |p| &rest[p..]);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |p| &after[p + 2..]);
        } else {
            return !rest.is_empty();
        }
    }
}

/// The index of the `\n` ending the line at `i`, or the text's length.
fn line_end(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| i + p)
}

/// Where the heredoc opened by the `<<` at `at` ends (past its closing marker line), or `None`
/// when `<<` does not open one.
fn heredoc_end(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut j = at + 2;
    if b.get(j) == Some(&b'-') {
        j += 1;
    }
    let name_start = j;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] == b'-') {
        j += 1;
    }
    if j == name_start {
        return None;
    }
    let marker = text.get(name_start..j)?;
    let mut line = line_end(b, j) + 1;
    while line < b.len() {
        let end = line_end(b, line);
        if text.get(line..end).map(str::trim) == Some(marker) {
            return Some(end);
        }
        line = end + 1;
    }
    // Unterminated: the heredoc runs to the end of the text.
    Some(b.len())
}

/// Whether a line starts with a top-level block keyword followed by a label or `{`.
fn starts_top_level(line: &[u8]) -> bool {
    TOP_LEVEL.iter().any(|k| {
        line.starts_with(k.as_bytes()) && {
            let rest = &line[k.len()..];
            let after = rest
                .iter()
                .position(|c| *c != b' ' && *c != b'\t')
                .map(|p| rest[p]);
            rest.first()
                .is_some_and(|c| *c == b' ' || *c == b'\t' || *c == b'{' || *c == b'"')
                && matches!(after, Some(b'"' | b'{'))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::split_items;

    fn items(text: &str) -> Vec<&str> {
        split_items(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn items_are_split_at_top_level_newlines() {
        let text = "# lead\nresource \"a\" \"b\" {\n  x = \"}\\\"${f(\"{\")}\"\n  y = <<EOT\n}\nEOT\n  /* } */\n}\n\nz = [\n 1,\n]\n";
        assert_eq!(
            items(text),
            [
                "resource \"a\" \"b\" {\n  x = \"}\\\"${f(\"{\")}\"\n  y = <<EOT\n}\nEOT\n  /* } */\n}\n",
                "z = [\n 1,\n]\n",
            ]
        );
    }

    #[test]
    fn an_unclosed_block_ends_at_the_next_top_level_keyword() {
        let text = "resource \"a\" \"b\" {\n  x = {\n}\nresource \"a\" \"c\" {\n}\n";
        assert_eq!(
            items(text),
            [
                "resource \"a\" \"b\" {\n  x = {\n}\n",
                "resource \"a\" \"c\" {\n}\n"
            ]
        );
    }

    #[test]
    fn random_broken_text_is_recovered_without_panics_and_in_bounds() {
        use crate::terraform::syntax::{FileKind, parse_text};
        use cloudsentinel_model::FileId;
        const PIECES: [&str; 22] = [
            "resource \"a\" \"b\" {",
            "}",
            "{",
            "[",
            "]",
            "(",
            ")",
            "\"",
            "${",
            "%{",
            "\\",
            "<<EOT\n",
            "\nEOT\n",
            "#",
            "//",
            "/*",
            "*/",
            "\n",
            " = ",
            "x",
            "é",
            "locals {\n",
        ];
        let mut seed: u64 = 0x5eed;
        for _ in 0..3000 {
            let mut text = String::new();
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            for _ in 0..(seed >> 59) + 4 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
            }
            for range in split_items(&text) {
                assert!(
                    range.start < range.end && range.end <= text.len(),
                    "{text:?}"
                );
            }
            let (_, errors) = parse_text(&text, FileId(0), FileKind::Hcl);
            for e in errors {
                assert!(e.location.range.end as usize <= text.len(), "{text:?}");
            }
        }
    }

    #[test]
    fn hostile_text_is_split_without_panics() {
        for text in [
            "<<", "<<-", "\"${", "/*", "}}}\n{{{", "\"\\", "<<A\n", "%{", "$${",
        ] {
            let _ = split_items(text);
        }
    }
}
