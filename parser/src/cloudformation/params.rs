//! Parameter files (`--cfn-parameters FILE`): the AWS CLI's
//! `[{"ParameterKey": "K", "ParameterValue": "V"}]`, CodePipeline's
//! `{"Parameters": {"K": "V"}}`, a plain `{"K": "V"}` object, or `Key=Value` lines (`#`
//! comments and blank lines ignored).

use crate::dynvalue::Dyn;
use cloudsentinel_model::{FileId, Location, SourceDb, TextRange};
use std::collections::HashMap;
use std::path::Path;

/// Values read from parameter files, by parameter name.
pub type ParamValues = HashMap<String, Dyn>;

/// A problem in a parameter file: byte offset and message.
pub type ParamError = (usize, String);

/// Parses one parameter file's text. Values are located in the file; lines that cannot
/// be read are reported and skipped.
pub fn parse(text: &str, file: FileId) -> (ParamValues, Vec<ParamError>) {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('[') || t.starts_with('{') {
        match parse_json(text, file) {
            Ok(v) => (v, Vec::new()),
            Err(e) => (ParamValues::new(), vec![e]),
        }
    } else {
        parse_lines(text, file)
    }
}

fn parse_json(text: &str, file: FileId) -> Result<ParamValues, (usize, String)> {
    let root = super::syntax::parse_json(text).map_err(|e| (e.offset, e.message))?;
    let loc = |n: &super::syntax::Node| {
        Location::new(file, TextRange::new(n.start as usize, n.end as usize))
    };
    let value = |n: &super::syntax::Node| -> Dyn {
        match n.scalar_text() {
            Some(s) => Dyn::string(s).with_loc(loc(n)),
            None => match n.as_seq() {
                Some(items) => Dyn::list(
                    items
                        .iter()
                        .filter_map(|i| i.scalar_text().map(|s| Dyn::string(s).with_loc(loc(i))))
                        .collect(),
                )
                .with_loc(loc(n)),
                None => Dyn::unknown().with_loc(loc(n)),
            },
        }
    };
    let mut out = ParamValues::new();
    if let Some(items) = root.as_seq() {
        for item in items {
            let Some(key) = item
                .get("ParameterKey")
                .and_then(super::syntax::Node::scalar_text)
            else {
                return Err((
                    item.start as usize,
                    "each entry needs a ParameterKey".to_string(),
                ));
            };
            let v = if item
                .get("UsePreviousValue")
                .is_some_and(|u| u.scalar_text().as_deref() == Some("true"))
            {
                // The deployed stack's value: not known here.
                Dyn::unknown().with_loc(loc(item))
            } else {
                match item.get("ParameterValue") {
                    Some(v) => value(v),
                    None => Dyn::unknown().with_loc(loc(item)),
                }
            };
            out.insert(key, v);
        }
        return Ok(out);
    }
    let map = root.get("Parameters").unwrap_or(&root);
    let Some(entries) = map.as_map() else {
        return Err((
            0,
            "expected a list of ParameterKey/ParameterValue entries or an object".into(),
        ));
    };
    for e in entries {
        out.insert(e.key.to_string(), value(&e.value));
    }
    Ok(out)
}

fn parse_lines(text: &str, file: FileId) -> (ParamValues, Vec<ParamError>) {
    let mut out = ParamValues::new();
    let mut errors = Vec::new();
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let l = line.trim_end_matches(['\n', '\r']);
        let t = l.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let Some((k, v)) = l.split_once('=') else {
            errors.push((start, format!("expected Key=Value, found `{t}`")));
            continue;
        };
        let key = k.trim();
        if key.is_empty() {
            errors.push((start, "empty parameter name".to_string()));
            continue;
        }
        let v_start = start + k.len() + 1;
        let raw = v.trim();
        let lead = v.len() - v.trim_start().len();
        let unquoted = raw
            .strip_prefix('"')
            .and_then(|r| r.strip_suffix('"'))
            .or_else(|| raw.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')))
            .unwrap_or(raw);
        let at = Location::new(
            file,
            TextRange::new(v_start + lead, v_start + lead + raw.len()),
        );
        out.insert(key.to_string(), Dyn::string(unquoted).with_loc(at));
    }
    (out, errors)
}

/// Reads and merges parameter files in order (later wins). Errors are located in the
/// file that has them.
pub fn load(
    paths: &[impl AsRef<Path>],
    opts: &crate::LoadOptions,
    db: &SourceDb,
) -> (ParamValues, Vec<cloudsentinel_model::ParseError>) {
    let mut values = ParamValues::new();
    let mut errors = Vec::new();
    for p in paths {
        let p = p.as_ref();
        let (text, file) = match crate::terraform::syntax::read_text(p, opts) {
            Ok(t) => {
                let f = db.add(crate::discover::normalize(p), t.clone());
                (t, f)
            }
            Err(e) => {
                let f = db.add(crate::discover::normalize(p), e.text);
                errors.push(cloudsentinel_model::ParseError {
                    location: Location::new(f, TextRange::new(e.offset, e.offset)),
                    message: format!("parameter file: {}", e.message),
                });
                continue;
            }
        };
        let (v, errs) = parse(&text, file);
        values.extend(v);
        for (offset, message) in errs {
            errors.push(cloudsentinel_model::ParseError {
                location: Location::new(file, TextRange::new(offset, offset)),
                message: format!("parameter file: {message}"),
            });
        }
    }
    (values, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_formats() {
        let f = FileId(0);
        let ok = |t: &str| {
            let (v, e) = parse(t, f);
            assert!(e.is_empty(), "{e:?}");
            v
        };
        let cli = ok(r#"[{"ParameterKey": "Env", "ParameterValue": "prod"},
                {"ParameterKey": "Old", "UsePreviousValue": true}]"#);
        assert_eq!(cli["Env"].as_str(), Some("prod"));
        assert!(cli["Old"].is_unknown());
        let cp = ok(r#"{"Parameters": {"Env": "dev", "Port": 22}}"#);
        assert_eq!(cp["Port"].as_str(), Some("22"));
        let lines = ok("# comment\nEnv=stage\n Cidrs = \"10.0.0.0/8,0.0.0.0/0\"\n");
        assert_eq!(lines["Env"].as_str(), Some("stage"));
        assert_eq!(lines["Cidrs"].as_str(), Some("10.0.0.0/8,0.0.0.0/0"));
        let (v, e) = parse("oops\nA=1\n", f);
        assert_eq!(e.len(), 1);
        assert_eq!(v["A"].as_str(), Some("1"));
    }
}
