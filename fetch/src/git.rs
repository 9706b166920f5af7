//! Git sources, cloned with the system `git` as `terraform init` does, but locked down:
//! hooks, fsmonitor, submodules and the `file`/`ext` transports are off, no prompt can wait
//! for a password, and the `.git` directory is removed afterwards, so nothing from the
//! repository is ever executed.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Clones `url` at `reference` (a tag, branch or commit; `None`: the default branch) into
/// the directory `dest`, which must not exist.
pub fn clone(
    url: &str,
    reference: Option<&str>,
    dest: &Path,
    timeout: Duration,
) -> Result<(), String> {
    let is_commit = reference
        .is_some_and(|r| (7..=40).contains(&r.len()) && r.chars().all(|c| c.is_ascii_hexdigit()));
    let dest_str = dest.to_string_lossy().into_owned();
    match reference {
        Some(r) if !is_commit => {
            // Shallow first (fast on smart servers); dumb HTTP servers cannot do shallow
            // clones, so a full clone follows a failure.
            let shallow = run(
                &[
                    "clone", "--quiet", "--depth", "1", "--branch", r, "--", url, &dest_str,
                ],
                None,
                timeout,
            );
            if shallow.is_err() {
                let _ = std::fs::remove_dir_all(dest);
                run(
                    &["clone", "--quiet", "--branch", r, "--", url, &dest_str],
                    None,
                    timeout,
                )?;
            }
        }
        Some(commit) => {
            run(
                &["clone", "--quiet", "--no-checkout", "--", url, &dest_str],
                None,
                timeout,
            )?;
            run(
                &["checkout", "--quiet", "--detach", commit],
                Some(dest),
                timeout,
            )?;
        }
        None => {
            let shallow = run(
                &["clone", "--quiet", "--depth", "1", "--", url, &dest_str],
                None,
                timeout,
            );
            if shallow.is_err() {
                let _ = std::fs::remove_dir_all(dest);
                run(&["clone", "--quiet", "--", url, &dest_str], None, timeout)?;
            }
        }
    }
    // The module is the working tree; history and configuration are not needed.
    std::fs::remove_dir_all(dest.join(".git"))
        .map_err(|e| format!("cannot remove {}/.git: {e}", dest.display()))
}

/// Runs `git` with the safety settings, giving up after a generous multiple of the
/// download timeout (a stalled transfer ends sooner, through `http.lowSpeedTime`).
fn run(args: &[&str], cwd: Option<&Path>, timeout: Duration) -> Result<(), String> {
    let low_speed_time = timeout.as_secs().max(1).to_string();
    let mut cmd = Command::new("git");
    cmd.args([
        "-c",
        "core.hooksPath=/dev/null",
        "-c",
        "core.fsmonitor=false",
        "-c",
        "protocol.file.allow=never",
        "-c",
        "protocol.ext.allow=never",
        "-c",
        "submodule.recurse=false",
        "-c",
        "http.lowSpeedLimit=1",
        "-c",
    ])
    .arg(format!("http.lowSpeedTime={low_speed_time}"))
    .args(args)
    .env("GIT_TERMINAL_PROMPT", "0")
    .env("GCM_INTERACTIVE", "never")
    .env("GIT_ASKPASS", "")
    .env("SSH_ASKPASS", "")
    .stdin(Stdio::null())
    .stdout(Stdio::null())
    .stderr(Stdio::piped());
    if std::env::var_os("GIT_SSH_COMMAND").is_none() {
        cmd.env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
    }
    if let Some(dir) = cwd {
        cmd.current_dir(dir);
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot run git ({e}); git sources need git installed"))?;
    let stderr = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut s) = stderr {
            let _ = std::io::Read::read_to_string(&mut s, &mut text);
        }
        text
    });
    let deadline = Instant::now() + timeout.saturating_mul(10);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "git {} did not finish within {} s",
                    args.first().copied().unwrap_or(""),
                    timeout.saturating_mul(10).as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("git: {e}")),
        }
    };
    let stderr = reader.join().unwrap_or_default();
    if status.success() {
        Ok(())
    } else {
        let last = stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no message")
            .trim()
            .to_string();
        Err(format!(
            "git {} failed: {last}",
            args.first().copied().unwrap_or("")
        ))
    }
}
