//! CSV (RFC 4180): one row per finding, suppressed ones included and marked.

use super::span;
use crate::{Analysis, registry};

fn field(s: &str) -> String {
    // Cells starting with these are formulas in spreadsheets: neutralise them.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub const HEADER: &str = "check_id,severity,title,message,path,start_line,start_column,end_line,end_column,resource,suppressed,suppression_reason,fingerprint";

pub fn render(a: &Analysis) -> String {
    let mut out = String::from(HEADER);
    out.push_str("\r\n");
    for f in &a.findings {
        let title = registry::find(f.check_id).map_or("", |c| c.meta.title);
        let (path, sl, sc, el, ec) = match f.location {
            Some(l) => {
                let s = span(&a.db, l);
                (
                    s.path,
                    s.start.line.to_string(),
                    s.start.column.to_string(),
                    s.end.line.to_string(),
                    s.end.column.to_string(),
                )
            }
            None => (
                f.live_id
                    .as_deref()
                    .map(|(id, _)| id.clone())
                    .unwrap_or_default(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ),
        };
        let row = [
            f.check_id.to_string(),
            f.severity.to_string(),
            title.to_string(),
            f.message.clone(),
            path,
            sl,
            sc,
            el,
            ec,
            f.resource.as_deref().unwrap_or_default().to_owned(),
            f.suppression.is_some().to_string(),
            f.suppression
                .as_ref()
                .and_then(|s| s.reason.clone())
                .unwrap_or_default(),
            f.fingerprint.clone(),
        ];
        out.push_str(&row.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn quotes_and_neutralises_formulas() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=cmd()"), "'=cmd()");
        assert_eq!(field("plain"), "plain");
    }
}
