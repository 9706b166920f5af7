//! Every check's documented examples run as one test case per check (`cargo nextest run -p
//! cloudsentinel-checks --test examples -- aws-s3-public-acl` runs one): a bad example yields
//! exactly one finding of its check, a good one none, and the findings (ID, message, range)
//! and passes (`pass <resource address>`) of all its examples match the snapshot beside the
//! check's source file (`checks/src/aws/s3/public_acl.snap` for `aws/s3/public_acl.rs`).
//!
//! Passes of a cloud check: a good example passes at least one resource, unless it is good
//! only because a value is Unknown (its title says "not guessed" or "unknown") or because
//! the check does not apply to what it declares (listed in [`PASSES_NOTHING`]): those pass
//! nothing. No resource is passed twice by one check, nor both passed and failed.
//!
//! Review a changed snapshot with `cargo insta review`, or accept every change with
//! `INSTA_UPDATE=always cargo test -p cloudsentinel-checks --test examples`.

use cloudsentinel_checks::check::{Check, Example};
use cloudsentinel_checks::{AnalysisOptions, analyze, registry};
use libtest_mimic::{Arguments, Failed, Trial};
use std::collections::HashSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Good examples (check ID, title) in which the check passes nothing although their titles do
/// not say "not guessed": they declare nothing the check applies to, or their deciding value
/// is Unknown for a reason the title puts otherwise.
const PASSES_NOTHING: &[(&str, &str)] = &[
    (
        "aws-lambda-no-dead-letter-queue",
        "A Lambda@Edge function, which cannot have a dead-letter queue",
    ),
    // Nothing the check applies to: no VPC is declared, an asymmetric key cannot rotate.
    (
        "aws-ec2-default-sg-open",
        "No VPC is created: the stack builds in an existing VPC, whose default group is managed where that VPC is declared",
    ),
    (
        "aws-ec2-default-sg-open",
        "The VPC is only created when a parameter asks for it, and its default says no",
    ),
    (
        "aws-ec2-default-sg-open",
        "A VPC: CloudFormation cannot manage its default group, so a live scan judges it",
    ),
    (
        "aws-kms-no-rotation",
        "An asymmetric signing key cannot rotate",
    ),
    (
        "aws-kms-no-rotation",
        "Rotation declared on an asymmetric key is not this check's concern",
    ),
    // The key is a reference to another resource's computed ARN, which is Unknown before
    // apply: the trail or queue is neither failed nor passed.
    ("aws-cloudtrail-no-kms", "A key joined by reference"),
    ("aws-cloudtrail-no-kms", "A key of the same template"),
    (
        "aws-sqs-unencrypted",
        "A key of the same template, joined by Ref",
    ),
    // A rule open on all ports is reported by aws-ec2-sg-public-all-ports alone: the port
    // checks give no verdict on its group.
    (
        "aws-ec2-sg-public-ssh",
        "A rule open on all protocols is reported by aws-ec2-sg-public-all-ports instead",
    ),
    // Asymmetric keys cannot rotate; proxy-only subnetworks cannot log flows.
    (
        "gcp-kms-no-rotation",
        "An asymmetric signing key cannot rotate automatically",
    ),
    (
        "gcp-vpc-no-flow-logs",
        "A proxy-only subnetwork cannot log flows",
    ),
    // A service account without a key: the key check has nothing to pass.
    (
        "gcp-iam-sa-user-managed-key",
        "Workload identity federation instead of a key",
    ),
    (
        "gcp-iam-sa-user-managed-key",
        "A service account without a key",
    ),
    // Registry-wide scanning makes the repository's own setting Unknown (its filters decide).
    (
        "aws-ecr-no-scan-on-push",
        "Enhanced scanning configured for the whole registry",
    ),
];

/// A good example that is good only because a deciding value is Unknown.
fn good_because_unknown(title: &str) -> bool {
    let t = title.to_ascii_lowercase();
    t.contains("not guessed") || t.contains("unknown")
}

fn main() {
    let args = Arguments::from_args();
    let trials = registry::ALL
        .iter()
        .copied()
        .filter(|c| !c.meta.examples.is_empty())
        .map(|c| Trial::test(c.meta.id, move || check_examples(c)))
        .chain([Trial::test("passes-nothing-list-is-current", || {
            passes_nothing_is_current()
        })])
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

/// Every entry of [`PASSES_NOTHING`] names a good example of a registered check.
fn passes_nothing_is_current() -> Result<(), Failed> {
    let stale: Vec<_> = PASSES_NOTHING
        .iter()
        .filter(|(id, title)| {
            !registry::ALL.iter().any(|c| {
                c.meta.id == *id && c.meta.examples.iter().any(|e| !e.bad && e.title == *title)
            })
        })
        .collect();
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!("PASSES_NOTHING names no good example: {stale:#?}").into())
    }
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
            Ok(Outcome {
                findings: lines,
                failed,
                passed,
            }) => {
                let what = format!(
                    "{} example \"{}\" ({})",
                    if example.bad { "bad" } else { "good" },
                    example.title,
                    example.format.name()
                );
                let mut seen = HashSet::new();
                for p in &passed {
                    if !seen.insert(p) {
                        failures.push(format!("{what} passes {p} more than once"));
                    }
                    if failed.contains(p) {
                        failures.push(format!("{what} both fails and passes {p}"));
                    }
                }
                if check.meta.provider.is_some() && !example.bad {
                    let undecided = good_because_unknown(example.title)
                        || PASSES_NOTHING.contains(&(check.meta.id, example.title));
                    if undecided && !passed.is_empty() {
                        failures.push(format!(
                            "{what} should pass nothing (Unknown or not applicable), passes {passed:?}"
                        ));
                    }
                    if !undecided && passed.is_empty() {
                        failures.push(format!(
                            "{what} passes no resource; if it is good only because a value is \
                             Unknown, say \"not guessed\" in its title, or list it in PASSES_NOTHING"
                        ));
                    }
                }
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
                for p in passed {
                    let _ = writeln!(snapshot, "  pass {p}");
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

/// What check `id` made of one example.
struct Outcome {
    /// One line each: `path:line:col-line:col message`.
    findings: Vec<String>,
    /// The addresses of the resources with a finding.
    failed: Vec<String>,
    /// The addresses of the resources passed, in the runner's order.
    passed: Vec<String>,
}

fn run_example(id: &str, ex: &Example) -> Result<Outcome, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    for (name, text) in ex.files() {
        let path = dir.path().join(&name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&path, text).map_err(|e| e.to_string())?;
    }
    // Preview checks run too: their examples are tested like any other's.
    let options = AnalysisOptions {
        record_passes: true,
        preview: true,
        ..AnalysisOptions::default()
    };
    let analysis = analyze(&[PathBuf::from(dir.path())], &options);
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
    let failed = analysis
        .findings
        .iter()
        .filter(|f| f.check_id == id)
        .filter_map(|f| f.resource.as_deref().map(str::to_owned))
        .collect();
    let passed = analysis
        .passes
        .iter()
        .filter(|p| p.check_id == id)
        .map(|p| p.resource.clone())
        .collect();
    let findings = analysis
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
        .collect();
    Ok(Outcome {
        findings,
        failed,
        passed,
    })
}
