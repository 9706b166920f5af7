//! Every documented example runs as a test: a bad example yields exactly one finding of its
//! check, a good one none.

use crate::check::Example;
use crate::{AnalysisOptions, analyze, registry};
use std::path::PathBuf;

fn run_example(id: &str, ex: &Example) -> Result<(), String> {
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
        .filter(|f| {
            f.check_id == crate::general::iac_parse_error::CHECK.meta.id && f.check_id != id
        })
        .map(|f| &f.message)
        .collect();
    if !unparsed.is_empty() {
        return Err(format!(
            "{id}: example \"{}\" ({}) does not parse: {unparsed:#?}",
            ex.title,
            ex.format.name(),
        ));
    }
    let mine: Vec<_> = analysis
        .findings
        .iter()
        .filter(|f| f.check_id == id)
        .collect();
    let want = usize::from(ex.bad);
    if mine.len() == want {
        Ok(())
    } else {
        Err(format!(
            "{id}: {} example \"{}\" ({}) produced {} finding(s) instead of {want}: {:#?}\nnotices: {:#?}",
            if ex.bad { "bad" } else { "good" },
            ex.title,
            ex.format.name(),
            mine.len(),
            mine.iter().map(|f| &f.message).collect::<Vec<_>>(),
            analysis.notices,
        ))
    }
}

#[test]
fn every_example_behaves_as_documented() {
    let failures: Vec<String> = registry::ALL
        .iter()
        .flat_map(|c| c.meta.examples.iter().map(move |e| (c.meta.id, e)))
        .filter_map(|(id, e)| run_example(id, e).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} example(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn example_files_split_on_markers() {
    let ex = Example {
        format: crate::check::Format::Terraform,
        syntax: crate::check::Syntax::Hcl,
        bad: true,
        title: "t",
        source: "a = 1\n# file: modules/x/main.tf\nb = 2\n",
    };
    let files = ex.files();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0], ("main.tf".to_string(), "a = 1\n".to_string()));
    assert_eq!(files[1].0, "modules/x/main.tf");
}
