//! Every check's documented examples run as one test case per check (`cargo nextest run -p
//! cloudsentinel-checks --test examples -- aws-s3-public-acl` runs one): a bad example yields
//! exactly one finding of its check, a good one none, and the findings (ID, message, range)
//! of all its examples match the snapshot beside the check's source file
//! (`checks/src/aws/s3/public_acl.snap` for `aws/s3/public_acl.rs`).
//!
//! Review a changed snapshot with `cargo insta review`, or accept every change with
//! `INSTA_UPDATE=always cargo test -p cloudsentinel-checks --test examples`.

use cloudsentinel_checks::check::{Check, Example};
use cloudsentinel_checks::{AnalysisOptions, analyze, registry};
use libtest_mimic::{Arguments, Failed, Trial};
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    let args = Arguments::from_args();
    let trials = registry::ALL
        .iter()
        .copied()
        .filter(|c| !c.meta.examples.is_empty())
        .map(|c| Trial::test(c.meta.id, move || check_examples(c)))
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

fn check_examples(check: &'static Check) -> Result<(), Failed> {
    let mut snapshot = String::new();
    let mut failures = Vec::new();
    for (i, example) in check.meta.examples.iter().enumerate() {
        let _ = writeln!(
            snapshot,
            "{} {} example {}: {}",
            if example.bad { "bad" } else { "good" },
            example.format.name(),
            i + 1,
            example.title
        );
        match run_example(check.meta.id, example) {
            Ok(lines) => {
                if lines.len() != usize::from(example.bad) {
                    failures.push(format!(
                        "{} example \"{}\" ({}) produced {} finding(s) instead of {}:\n{}",
                        if example.bad { "bad" } else { "good" },
                        example.title,
                        example.format.name(),
                        lines.len(),
                        usize::from(example.bad),
                        lines.join("\n")
                    ));
                }
                for line in lines {
                    let _ = writeln!(snapshot, "  {line}");
                }
            }
            Err(e) => failures.push(e),
        }
    }
    if !failures.is_empty() {
        return Err(format!("{}:\n{}", check.meta.id, failures.join("\n\n")).into());
    }
    let source = workspace_root().join(check.meta.source_file);
    let dir = source.parent().ok_or("check source has no directory")?;
    let name = source
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or("check source has no name")?
        .to_string();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(dir);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_input_file(&source);
    settings.bind(|| insta::assert_snapshot!(name, snapshot));
    Ok(())
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// The example's findings of `id`, one line each: `path:line:col-line:col message`.
fn run_example(id: &str, ex: &Example) -> Result<Vec<String>, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    for (name, text) in ex.files() {
        let path = dir.path().join(&name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&path, text).map_err(|e| e.to_string())?;
    }
    let analysis = analyze(&[PathBuf::from(dir.path())], &AnalysisOptions::default());
    // An example that does not parse proves nothing, least of all a good one.
    let unparsed: Vec<_> = analysis
        .findings
        .iter()
        .filter(|f| f.check_id == "iac-parse-error" && f.check_id != id)
        .map(|f| &f.message)
        .collect();
    if !unparsed.is_empty() {
        return Err(format!(
            "example \"{}\" ({}) does not parse: {unparsed:#?}",
            ex.title,
            ex.format.name(),
        ));
    }
    Ok(analysis
        .findings
        .iter()
        .filter(|f| f.check_id == id)
        .map(|f| {
            let at = match f.location {
                Some(loc) => {
                    let file = analysis.db.get(loc.file);
                    let path = file.path.strip_prefix(dir.path()).unwrap_or(&file.path);
                    let (start, end) =
                        (file.line_col(loc.range.start), file.line_col(loc.range.end));
                    format!(
                        "{}:{}:{}-{}:{}",
                        path.to_string_lossy().replace('\\', "/"),
                        start.line,
                        start.column,
                        end.line,
                        end.column
                    )
                }
                None => "(no location)".to_string(),
            };
            format!("{at} {}: {}", f.check_id, f.message)
        })
        .collect())
}
