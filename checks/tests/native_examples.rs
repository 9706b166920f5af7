//! Example files kept beside their check (`checks/src/aws/kms/no_rotation/*.tf`) are checked
//! by the real tool: `terraform fmt` (canonical layout) and `terraform validate` (against the
//! AWS provider's schema, installed from a local filesystem mirror; no network). Skips with a
//! message where `terraform` or the mirror is absent.

// Skipped tests say why on stderr.
#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Where the image keeps the AWS provider (`CLOUDSENTINEL_TF_PLUGIN_MIRROR` overrides).
const DEFAULT_MIRROR: &str = "/opt/tf-plugins";

fn native_tf_examples(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(std::fs::DirEntry::path);
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            native_tf_examples(&p, out);
        } else if p.extension().is_some_and(|x| x == "tf") {
            out.push(p);
        }
    }
}

fn terraform(args: &[&str], dir: &Path, config: &Path) -> std::process::Output {
    Command::new("terraform")
        .args(args)
        .current_dir(dir)
        .env("TF_CLI_CONFIG_FILE", config)
        .env("TF_IN_AUTOMATION", "1")
        .env("CHECKPOINT_DISABLE", "1")
        .stdin(Stdio::null())
        .output()
        .expect("terraform runs")
}

#[test]
fn native_terraform_examples_are_formatted_and_valid() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    native_tf_examples(&src, &mut files);
    assert!(
        !files.is_empty(),
        "no native .tf example found under {}",
        src.display()
    );
    if Command::new("terraform").arg("version").output().is_err() {
        eprintln!("skipped: `terraform` is not installed; native examples are not validated");
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let mirror = std::env::var("CLOUDSENTINEL_TF_PLUGIN_MIRROR")
        .unwrap_or_else(|_| DEFAULT_MIRROR.to_string());
    let config = work.path().join("cli.tfrc");
    std::fs::write(
        &config,
        format!(
            "provider_installation {{\n  filesystem_mirror {{\n    path = {mirror:?}\n  }}\n}}\n"
        ),
    )
    .unwrap();
    let mut failures = Vec::new();
    for file in &files {
        let fmt = terraform(
            &[
                "fmt",
                "-check",
                "-diff",
                "-no-color",
                file.to_str().unwrap(),
            ],
            work.path(),
            &config,
        );
        if !fmt.status.success() {
            failures.push(format!(
                "{}: not in canonical format (terraform fmt):\n{}",
                file.display(),
                String::from_utf8_lossy(&fmt.stdout)
            ));
        }
    }
    // Install the provider once, then validate each example against its schema.
    let base = work.path().join("base");
    std::fs::create_dir_all(&base).unwrap();
    std::fs::write(
        base.join("main.tf"),
        "terraform {\n  required_providers {\n    aws = { source = \"hashicorp/aws\" }\n  }\n}\n",
    )
    .unwrap();
    let init = terraform(
        &["init", "-backend=false", "-input=false", "-no-color"],
        &base,
        &config,
    );
    if !Path::new(&mirror).is_dir() || !init.status.success() {
        eprintln!(
            "skipped validation: no AWS provider in the mirror {mirror} ({})",
            String::from_utf8_lossy(&init.stderr).trim()
        );
    } else {
        for (i, file) in files.iter().enumerate() {
            let dir = work.path().join(format!("example-{i}"));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::copy(file, dir.join("main.tf")).unwrap();
            std::fs::copy(
                base.join(".terraform.lock.hcl"),
                dir.join(".terraform.lock.hcl"),
            )
            .unwrap();
            #[cfg(unix)]
            std::os::unix::fs::symlink(base.join(".terraform"), dir.join(".terraform")).unwrap();
            let validate = terraform(&["validate", "-no-color"], &dir, &config);
            if !validate.status.success() {
                failures.push(format!(
                    "{}: terraform validate failed:\n{}{}",
                    file.display(),
                    String::from_utf8_lossy(&validate.stdout),
                    String::from_utf8_lossy(&validate.stderr)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
