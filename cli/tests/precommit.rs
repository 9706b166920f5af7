//! The pre-commit hook, driven by the real pre-commit framework (PyPI `pre-commit`):
//! a commit with a public bucket is refused with readable output, a fixed one goes through.
//! `scripts/test.sh` installs pre-commit; outside CI the test is skipped when it is missing.

// Skipped tests say why on stderr.
#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pre_commit() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CLOUDSENTINEL_PRE_COMMIT") {
        return Some(PathBuf::from(p));
    }
    Command::new("pre-commit")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| PathBuf::from("pre-commit"))
}

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git")
}

fn ok(o: Output) -> Output {
    assert!(
        o.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// A commit of this repository's working tree (tracked and new files), so the hook under
/// test is exactly the code being tested.
fn snapshot_of_this_repo(dest: &Path) -> String {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = ok(git(repo, &["ls-files", "-co", "--exclude-standard"])).stdout;
    for rel in String::from_utf8_lossy(&files).lines() {
        let src = repo.join(rel);
        if !src.is_file() {
            continue;
        }
        let dst = dest.join(rel);
        std::fs::create_dir_all(dst.parent().unwrap()).unwrap();
        std::fs::copy(&src, &dst).unwrap();
    }
    ok(git(dest, &["init", "-q", "-b", "main"]));
    ok(git(dest, &["add", "-A"]));
    ok(git(dest, &["commit", "-q", "-m", "snapshot"]));
    String::from_utf8_lossy(&ok(git(dest, &["rev-parse", "HEAD"])).stdout)
        .trim()
        .to_string()
}

#[test]
fn pre_commit_refuses_a_public_bucket_and_accepts_the_fix() {
    let Some(pre_commit) = pre_commit() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "pre-commit is required in CI: scripts/test.sh installs it"
        );
        eprintln!("skipped: pre-commit is not installed (pip install pre-commit)");
        return;
    };
    let hook_repo = tempfile::tempdir().unwrap();
    let rev = snapshot_of_this_repo(hook_repo.path());
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    ok(git(w, &["init", "-q", "-b", "main"]));
    std::fs::write(
        w.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: cloudsentinel\n        args: [--fail-on, high]\n",
            hook_repo.path().display()
        ),
    )
    .unwrap();
    // The variable lives in a file that is already committed: the staged file needs its module
    // for context.
    std::fs::write(
        w.join("variables.tf"),
        "variable \"acl\" {\n  type    = string\n  default = \"public-read\"\n}\n",
    )
    .unwrap();
    ok(git(w, &["add", "."]));
    ok(git(w, &["commit", "-q", "--no-verify", "-m", "variables"]));

    // Reuse one build of the hook across runs; the hook environment itself is fresh.
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pre-commit-build");
    let home = tempfile::tempdir().unwrap();
    let run_hook = |args: &[&str]| {
        Command::new(&pre_commit)
            .args(args)
            .current_dir(w)
            .env("PRE_COMMIT_HOME", home.path())
            .env("CARGO_TARGET_DIR", &target)
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
            .env("NO_COLOR", "1")
            .output()
            .expect("pre-commit")
    };
    ok(run_hook(&["install"]));

    std::fs::write(
        w.join("main.tf"),
        "resource \"aws_s3_bucket\" \"site\" {\n  bucket = \"example-site\"\n  acl    = var.acl\n}\n",
    )
    .unwrap();
    ok(git(w, &["add", "main.tf"]));
    let refused = Command::new("git")
        .args(["commit", "-m", "public bucket"])
        .current_dir(w)
        .env("PRE_COMMIT_HOME", home.path())
        .env("CARGO_TARGET_DIR", &target)
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        .env("NO_COLOR", "1")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap();
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&refused.stdout),
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(
        !refused.status.success(),
        "the commit must be refused:\n{out}"
    );
    assert!(
        out.contains("CloudSentinel") && out.contains("Failed"),
        "{out}"
    );
    assert!(out.contains("aws-s3-public-acl"), "{out}");
    assert!(out.contains("main.tf:3:3"), "{out}");

    // Fixed: the high finding is gone; lower findings do not block with --fail-on high.
    std::fs::write(
        w.join("main.tf"),
        "resource \"aws_s3_bucket\" \"site\" {\n  bucket = \"example-site\"\n  acl    = \"private\"\n}\n",
    )
    .unwrap();
    ok(git(w, &["add", "main.tf"]));
    let accepted = run_hook(&["run"]);
    let out = String::from_utf8_lossy(&accepted.stdout);
    assert!(
        accepted.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&accepted.stderr)
    );
    assert!(out.contains("Passed"), "{out}");
}

/// The hook's `files:` pattern is static (pre-commit reads it before anything is built) but
/// must stay the one the front-ends' file-name suffixes give.
#[test]
fn hook_files_pattern_is_the_front_ends_suffixes() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml");
    let text = std::fs::read_to_string(&manifest).expect(".pre-commit-hooks.yaml");
    let expected =
        cloudsentinel_parser::frontend::files_pattern(cloudsentinel_parser::frontends::built_in());
    let found: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("files:"))
        .map(str::trim)
        .collect();
    assert!(!found.is_empty(), "no `files:` in {}", manifest.display());
    for pattern in found {
        assert_eq!(
            pattern,
            expected,
            "{}: set `files: {expected}` (generated from the front-ends' extensions)",
            manifest.display()
        );
    }
}
