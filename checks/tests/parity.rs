//! One resource, two formats, the same verdicts: for every Google Cloud and Azure check,
//! `checks/tests/parity/<check-id>/` holds the same resources written as Terraform
//! (`main.tf`) and as a Deployment Manager config (`config.yaml`), or as an ARM template
//! (`azuredeploy.json`) and a Bicep file (`main.bicep`); every setting a check reads is written in both, so the two
//! formats' different defaults do not hide a difference in how a value is read. Scanned with every check,
//! both must give the same findings (check and message) and the same passes (check and count),
//! and the check of the folder must be among the findings. A difference is a bug in one of the
//! two front-ends: an attribute one of them does not read, or a default they disagree on.
//!
//! `cargo nextest run -p cloudsentinel-checks --test parity -- gcp-sql-public-ip` runs one.

use cloudsentinel_checks::check::Check;
use cloudsentinel_checks::{AnalysisOptions, analyze, registry};
use cloudsentinel_model::Provider;
use libtest_mimic::{Arguments, Failed, Trial};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The pairs of formats compared, per provider: (first format's file, second's).
const PAIRS: &[(Provider, &str, &str)] = &[
    (Provider::Google, "main.tf", "config.yaml"),
    (Provider::Azure, "main.tf", "azuredeploy.json"),
    (Provider::Azure, "main.tf", "main.bicep"),
];

fn main() {
    let args = Arguments::from_args();
    let trials = registry::ALL
        .iter()
        .copied()
        .filter(|c| PAIRS.iter().any(|(p, ..)| Some(*p) == c.meta.provider))
        .map(|c| {
            Trial::test(c.meta.id, move || {
                for (_, first, second) in PAIRS.iter().filter(|(p, ..)| Some(*p) == c.meta.provider)
                {
                    compare(c, first, second)?;
                }
                Ok(())
            })
        })
        .chain([Trial::test("parity-folders-name-checks", stale_folders)])
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

fn parity_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/parity")
}

/// Findings as `check: message` lines and passes as counts per check.
type Verdicts = (Vec<String>, BTreeMap<&'static str, usize>);

fn verdicts(file: &Path) -> Result<Verdicts, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let name = file.file_name().ok_or("no file name")?;
    std::fs::copy(file, dir.path().join(name)).map_err(|e| format!("{}: {e}", file.display()))?;
    let options = AnalysisOptions {
        record_passes: true,
        preview: true,
        ..AnalysisOptions::default()
    };
    let analysis = analyze(&[dir.path().to_path_buf()], &options);
    let mut findings: Vec<String> = analysis
        .findings
        .iter()
        .map(|f| format!("{}: {}", f.check_id, f.message))
        .collect();
    findings.sort();
    let mut passes = BTreeMap::new();
    for p in &analysis.passes {
        *passes.entry(p.check_id).or_insert(0) += 1;
    }
    Ok((findings, passes))
}

fn compare(check: &'static Check, first: &str, second: &str) -> Result<(), Failed> {
    let dir = parity_dir().join(check.meta.id);
    let (a, b) = (dir.join(first), dir.join(second));
    if !a.is_file() || !b.is_file() {
        return Err(format!(
            "{} needs the same resources in {} and {} (see checks/tests/parity.rs)",
            check.meta.id,
            a.display(),
            b.display()
        )
        .into());
    }
    let (va, vb) = (verdicts(&a)?, verdicts(&b)?);
    if va.0.iter().any(|f| f.starts_with("iac-parse-error"))
        || vb.0.iter().any(|f| f.starts_with("iac-parse-error"))
    {
        return Err(format!("a parity file does not parse: {:#?} / {:#?}", va.0, vb.0).into());
    }
    let prefix = format!("{}: ", check.meta.id);
    if !va.0.iter().any(|f| f.starts_with(&prefix)) {
        return Err(format!("{first} gives no {} finding: {:#?}", check.meta.id, va.0).into());
    }
    if va != vb {
        return Err(
            format!("{first} and {second} differ\n{first}: {va:#?}\n{second}: {vb:#?}").into(),
        );
    }
    Ok(())
}

/// Every folder names a registered check, so a renamed check does not leave its pair behind.
fn stale_folders() -> Result<(), Failed> {
    let entries = std::fs::read_dir(parity_dir()).map_err(|e| e.to_string())?;
    let stale: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !registry::ALL.iter().any(|c| c.meta.id == name))
        .collect();
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!("parity folders of no check: {stale:?}").into())
    }
}
