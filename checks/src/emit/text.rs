//! Text output for people: findings grouped by file, the offending lines underlined, and a
//! closing summary. Styled with ANSI codes; the CLI strips them when colour is off.

use super::{display_path, span};
use crate::check::Severity;
use crate::{Analysis, Finding, registry};
use anstyle::{AnsiColor, Effects, Style};
use cloudsentinel_model::SourceDb;
use std::fmt::Write;

const MAX_LINES_SHOWN: u32 = 6;

fn sev_style(s: Severity) -> Style {
    match s {
        Severity::Critical => Style::new()
            .fg_color(Some(AnsiColor::Magenta.into()))
            .effects(Effects::BOLD),
        Severity::High => Style::new()
            .fg_color(Some(AnsiColor::Red.into()))
            .effects(Effects::BOLD),
        Severity::Medium => Style::new().fg_color(Some(AnsiColor::Yellow.into())),
        Severity::Low => Style::new().fg_color(Some(AnsiColor::Cyan.into())),
    }
}

const BOLD: Style = Style::new().effects(Effects::BOLD);
const DIM: Style = Style::new().effects(Effects::DIMMED);
const BLUE: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Blue)));

fn paint(style: Style, text: &str) -> String {
    format!("{}{text}{}", style.render(), style.render_reset())
}

/// Longer source lines are shown as a window around the finding.
const MAX_LINE_CHARS: usize = 160;

/// Bytes of a source line read for a snippet, around the marked column.
const MAX_RAW_LINE_BYTES: usize = 4096;

fn snippet(out: &mut String, db: &SourceDb, f: &Finding, style: Style) {
    let Some(loc) = f.location else { return };
    let file = db.get(loc.file);
    let s = span(db, loc);
    let last = if s.end.line > s.start.line && s.end.column == 1 {
        s.end.line - 1
    } else {
        s.end.line
    };
    let shown_last = last.min(s.start.line + MAX_LINES_SHOWN - 1);
    let width = shown_last.to_string().len();
    let _ = writeln!(out, "{} {}", " ".repeat(width), paint(BLUE, "|"));
    for line in s.start.line..=shown_last {
        // A minified file (plan JSON) may be one line of megabytes: only a slice around the
        // marked column is read, so each snippet costs the same whatever the line's length.
        let raw = file.line_text(line);
        let (skipped, raw, clipped_tail) = if raw.len() > MAX_RAW_LINE_BYTES && line == s.start.line
        {
            let line_start = file.lines.line_start(line as usize - 1) as usize;
            let marked = (loc.range.start as usize)
                .saturating_sub(line_start)
                .min(raw.len());
            let mut a = marked.saturating_sub(MAX_RAW_LINE_BYTES / 4);
            while !raw.is_char_boundary(a) {
                a -= 1;
            }
            let mut b = (marked + MAX_RAW_LINE_BYTES / 2).min(raw.len());
            while !raw.is_char_boundary(b) {
                b += 1;
            }
            let skipped =
                (s.start.column - 1).saturating_sub(raw[a..marked].chars().count() as u32);
            (skipped, &raw[a..b], b < raw.len())
        } else if raw.len() > MAX_RAW_LINE_BYTES {
            let mut b = MAX_RAW_LINE_BYTES / 2;
            while !raw.is_char_boundary(b) {
                b += 1;
            }
            (0, &raw[..b], true)
        } else {
            (0, raw, false)
        };
        let full: Vec<char> = raw.replace('\t', "    ").chars().collect();
        let chars = full.len() as u32 + skipped;
        let from = if line == s.start.line {
            s.start.column - 1
        } else {
            full.iter().take_while(|c| c.is_whitespace()).count() as u32
        };
        let to = if line == s.end.line {
            (s.end.column - 1).min(chars)
        } else {
            chars
        };
        let (from, to) = (from.saturating_sub(skipped), to.saturating_sub(skipped));
        // Minified or generated lines: show a window around the marked column.
        let (text, from, to) = if chars as usize > MAX_LINE_CHARS || clipped_tail {
            let start = (from.saturating_sub(MAX_LINE_CHARS as u32 / 4) as usize).min(full.len());
            let end = (start + MAX_LINE_CHARS).min(full.len());
            let mut text: String = full[start..end].iter().collect();
            let lead = if start > 0 || skipped > 0 { "…" } else { "" };
            if end < full.len() || clipped_tail {
                text.push('…');
            }
            let shift = start as u32;
            let lead_w = lead.chars().count() as u32;
            (
                format!("{lead}{text}"),
                from.saturating_sub(shift) + lead_w,
                (to.min(end as u32).max(from).saturating_sub(shift)) + lead_w,
            )
        } else {
            (full.iter().collect::<String>(), from, to)
        };
        let _ = writeln!(
            out,
            "{} {} {}",
            paint(BLUE, &format!("{line:>width$}")),
            paint(BLUE, "|"),
            text
        );
        let marks = to.saturating_sub(from).max(1);
        let _ = writeln!(
            out,
            "{} {} {}{}",
            " ".repeat(width),
            paint(BLUE, "|"),
            " ".repeat(from as usize),
            paint(style, &"^".repeat(marks as usize))
        );
    }
    if shown_last < last {
        let _ = writeln!(
            out,
            "{} {} {}",
            " ".repeat(width),
            paint(BLUE, "|"),
            paint(
                DIM,
                &format!(
                    "… {} more line{}",
                    last - shown_last,
                    if last - shown_last == 1 { "" } else { "s" }
                )
            )
        );
    }
}

fn finding(out: &mut String, db: &SourceDb, f: &Finding) {
    let style = sev_style(f.severity);
    let title = registry::find(f.check_id).map_or("", |c| c.meta.title);
    let sev = f.severity.as_str().to_ascii_uppercase();
    let suppressed = if f.suppression.is_some() {
        " (suppressed)"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "{} {} {}{}",
        paint(style, &format!("{sev:<8}")),
        paint(BOLD, f.check_id),
        title,
        suppressed
    );
    let _ = writeln!(out, "  {}", f.message);
    if let Some(loc) = f.location {
        let s = span(db, loc);
        let _ = writeln!(
            out,
            "  {} {}:{}:{}",
            paint(BLUE, "-->"),
            s.path,
            s.start.line,
            s.start.column
        );
    }
    if let Some((id, region)) = f.live_id.as_deref() {
        // A drift finding has both: the declaration's line above, the live resource here.
        let arrow = if f.location.is_some() { "live:" } else { "-->" };
        let _ = writeln!(
            out,
            "  {} {id}{}",
            paint(BLUE, arrow),
            region
                .as_ref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        );
    }
    snippet(out, db, f, style);
    if let Some(r) = &f.resource {
        let _ = writeln!(out, "  {} resource: {r}", paint(BLUE, "="));
    }
    for m in f.module_chain.iter() {
        let s = span(db, m.location);
        let _ = writeln!(
            out,
            "  {} in module \"{}\" called at {}:{}",
            paint(BLUE, "="),
            m.name,
            s.path,
            s.start.line
        );
    }
    // Module calls are listed above; merged resources and inputs set elsewhere here.
    let is_call =
        |r: &&crate::finding::Related| f.module_chain.iter().any(|m| m.location == r.location);
    for r in f.related.iter().filter(|r| !is_call(r)) {
        let s = span(db, r.location);
        let _ = writeln!(
            out,
            "  {} {} at {}:{}",
            paint(BLUE, "="),
            r.message,
            s.path,
            s.start.line
        );
    }
    if let Some(s) = &f.suppression {
        let _ = writeln!(
            out,
            "  {} suppressed: {}",
            paint(BLUE, "="),
            s.reason.as_deref().unwrap_or("no reason given")
        );
    }
    out.push('\n');
}

pub fn render(a: &Analysis, opts: &super::EmitOptions) -> String {
    let mut out = String::new();
    let shown: Vec<&Finding> = a
        .findings
        .iter()
        .filter(|f| f.suppression.is_none() || opts.show_suppressed)
        .collect();
    if !opts.quiet {
        let mut current: Option<String> = None;
        for f in &shown {
            let group = f
                .location
                .map(|l| display_path(&a.db.get(l.file).path))
                .or_else(|| {
                    f.live_id
                        .as_deref()
                        .map(|(_, r)| r.clone().unwrap_or_default())
                })
                .unwrap_or_default();
            if current.as_deref() != Some(group.as_str()) {
                let _ = writeln!(out, "{}\n", paint(BOLD.underline(), &group));
                current = Some(group);
            }
            finding(&mut out, &a.db, f);
        }
        for n in &a.notices {
            let place = n
                .location
                .map(|l| {
                    let s = span(&a.db, l);
                    format!("{}:{}: ", s.path, s.start.line)
                })
                .unwrap_or_default();
            let _ = writeln!(out, "{} {place}{}", paint(DIM, "note:"), n.message);
        }
        for w in &a.suppression_warnings {
            let s = span(&a.db, w.location);
            let label = if w.error {
                paint(sev_style(Severity::Critical), "error:")
            } else {
                paint(sev_style(Severity::Medium), "warning:")
            };
            let _ = writeln!(out, "{} {}:{}: {}", label, s.path, s.start.line, w.message);
        }
        if !a.notices.is_empty() || !a.suppression_warnings.is_empty() {
            out.push('\n');
        }
    }
    let errors = a.suppression_warnings.iter().filter(|w| w.error).count();
    if errors > 0 {
        let _ = writeln!(
            out,
            "{} suppression problem{} fail{} the scan (--strict-suppressions)",
            errors,
            if errors == 1 { "" } else { "s" },
            if errors == 1 { "s" } else { "" }
        );
    }
    if let Some(b) = a.baseline {
        let _ = writeln!(
            out,
            "{} of {} baseline entr{} matched{}",
            b.matched,
            b.entries,
            if b.entries == 1 { "y" } else { "ies" },
            if b.matched == 0 && b.entries > 0 {
                " (was it created from another project, or before the code changed?)"
            } else {
                ""
            }
        );
    }
    let counts: Vec<String> = Severity::ALL
        .iter()
        .map(|s| {
            let n = a.unsuppressed().filter(|f| f.severity == *s).count();
            let text = format!("{n} {s}");
            if n > 0 {
                paint(sev_style(*s), &text)
            } else {
                text
            }
        })
        .collect();
    let total = a.unsuppressed().count();
    let suppressed = a.findings.len() - total;
    let _ = writeln!(
        out,
        "{} ({}){}; {} in {:.2}s",
        paint(
            BOLD,
            &format!("{total} finding{}", if total == 1 { "" } else { "s" })
        ),
        counts.join(", "),
        if suppressed > 0 && !opts.show_suppressed {
            format!(", {suppressed} suppressed (--show-suppressed lists them)")
        } else if suppressed > 0 {
            format!(", {suppressed} suppressed")
        } else {
            String::new()
        },
        super::scanned(a),
        a.elapsed.as_secs_f64()
    );
    out
}
