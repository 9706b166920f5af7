//! Microsoft's compiler as the oracle: the Azure Verified Modules corpus holds each module
//! as `main.bicep` and as the `main.json` the Bicep compiler produced from it. Scanned with
//! every check and their own defaults, the natively evaluated Bicep and the compiled ARM must
//! give the same findings (check and message); the differences that remain are listed below
//! with their reason. Skips with a message when the corpus is absent.

// The skip says why on stderr.
#![allow(clippy::print_stderr)]

use cloudsentinel_checks::{AnalysisOptions, analyze};
use std::path::{Path, PathBuf};

/// Modules whose two forms differ, and why.
const KNOWN: &[(&str, &str)] = &[
    // These files call a module in a sibling directory. Local modules must stay inside the
    // git work tree of the scanned files, else inside their common directory; the corpus copy
    // has no `.git`, so scanned alone each file is bounded by its own directory and Bicep
    // reports the call (a located error), while the compiled ARM has the module inlined.
    (
        "document-db/database-account/cassandra-role-definition",
        "module outside the file's directory",
    ),
    (
        "document-db/database-account/sql-role-definition",
        "module outside the file's directory",
    ),
    (
        "web/site/host-name-binding",
        "module outside the file's directory",
    ),
    (
        "web/site/slot/host-name-binding",
        "module outside the file's directory",
    ),
];

fn corpus() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        root.join("../../shared/corpora/bicep-registry-modules/avm/res"),
        PathBuf::from("/work/shared/corpora/bicep-registry-modules/avm/res"),
    ]
    .into_iter()
    .find(|p| p.is_dir())
    // Without `..` components: module paths are resolved and bounded against it.
    .map(|p| p.canonicalize().unwrap_or(p))
}

fn findings(files: &[PathBuf]) -> Vec<String> {
    let options = AnalysisOptions {
        preview: true,
        ..AnalysisOptions::default()
    };
    let mut out: Vec<String> = analyze(files, &options)
        .findings
        .iter()
        .map(|f| format!("{}: {}", f.check_id, f.message))
        .collect();
    out.sort();
    out
}

/// The `.bicep` files under a module's `modules/` folder (its private local modules).
fn local_modules(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir.join("modules")) else {
        return;
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "bicep"))
        .collect();
    found.sort();
    out.extend(found);
}

fn modules(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() && p.file_name().is_some_and(|n| n != "tests") {
            if p.join("main.bicep").is_file() && p.join("main.json").is_file() {
                out.push(p.clone());
            }
            modules(&p, out);
        }
    }
}

#[test]
fn native_bicep_and_compiled_arm_give_the_same_findings() {
    let Some(root) = corpus() else {
        eprintln!("skipped: the bicep-registry-modules corpus is absent");
        return;
    };
    let mut dirs = Vec::new();
    modules(&root, &mut dirs);
    assert!(dirs.len() > 250, "{} modules", dirs.len());
    let mut unexplained = Vec::new();
    let mut stale = Vec::new();
    for dir in &dirs {
        let name = dir
            .strip_prefix(&root)
            .unwrap_or(dir)
            .to_string_lossy()
            .replace('\\', "/");
        // The module's own `.bicep` files with it: a scan reports findings only in the files
        // it is given, and the compiled ARM holds the local modules inlined.
        let mut sources = vec![dir.join("main.bicep")];
        local_modules(dir, &mut sources);
        let (bicep, arm) = (findings(&sources), findings(&[dir.join("main.json")]));
        let known = KNOWN.iter().any(|(m, _)| *m == name);
        if bicep != arm && !known {
            unexplained.push(format!("{name}\n  bicep: {bicep:?}\n  arm:   {arm:?}"));
        }
        if bicep == arm && known {
            stale.push(name);
        }
    }
    assert!(unexplained.is_empty(), "{}", unexplained.join("\n"));
    assert!(
        stale.is_empty(),
        "no longer different, remove from KNOWN: {stale:?}"
    );
}
