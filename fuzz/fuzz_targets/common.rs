//! Shared by the fuzz targets: write the input as one file of a module and analyse it
//! with every check, exactly as `cloudsentinel scan` would.

use std::path::PathBuf;
use std::sync::OnceLock;

fn scratch() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("temporary directory"))
}

#[allow(dead_code)] // each target uses one of the two
pub fn analyze_as(name: &str, data: &[u8]) {
    let dir = scratch().path();
    let path = dir.join(name);
    std::fs::write(&path, data).expect("write input");
    let opts = cloudsentinel_checks::AnalysisOptions::default();
    let _ = cloudsentinel_checks::analyze(&[PathBuf::from(dir)], &opts);
    let _ = std::fs::remove_file(&path);
}

/// [`analyze_as`] for inputs of several files (a config with the templates it imports).
#[allow(dead_code)] // each target uses one of the two
pub fn analyze_files(files: &[(&str, &[u8])]) {
    let dir = scratch().path();
    for (name, data) in files {
        std::fs::write(dir.join(name), data).expect("write input");
    }
    let opts = cloudsentinel_checks::AnalysisOptions::default();
    let _ = cloudsentinel_checks::analyze(&[PathBuf::from(dir)], &opts);
    for (name, _) in files {
        let _ = std::fs::remove_file(dir.join(name));
    }
}
