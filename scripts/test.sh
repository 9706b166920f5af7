#!/usr/bin/env bash
# The whole test suite: formatting, lints, and every test of the workspace, including the
# end-to-end tests that drive real tools (pre-commit, Neovim, and moto's AWS API emulator for
# the live readers and drift), which this script installs, and the build of the VS Code extension.
set -euo pipefail
cd "$(dirname "$0")/.."

tools="$PWD/target/test-tools"
if [ ! -x "$tools/venv/bin/pre-commit" ] || [ ! -x "$tools/venv/bin/moto_server" ]; then
  echo "installing pre-commit and moto into $tools/venv" >&2
  [ -x "$tools/venv/bin/pip" ] || python3 -m venv "$tools/venv"
  # moto 5.1.22: its GetBucketVersioning answer is one the Rust SDK parses.
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==4.*" "moto[server]==5.1.22"
fi
export CLOUDSENTINEL_PRE_COMMIT="$tools/venv/bin/pre-commit"
export CLOUDSENTINEL_MOTO="$tools/venv/bin/moto_server"

# Neovim's built-in LSP client drives the language server in cli/tests/lsp.rs. Outside CI a
# failed install only skips that test; in CI it is an error.
if ! command -v nvim >/dev/null 2>&1; then
  echo "installing neovim" >&2
  export DEBIAN_FRONTEND=noninteractive
  install_nvim() {
    if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
      sudo -E apt-get install -y -qq neovim >/dev/null 2>&1 ||
        { sudo -E apt-get update -qq >/dev/null 2>&1 && sudo -E apt-get install -y -qq neovim >/dev/null; }
    else
      apt-get install -y -qq neovim >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq neovim >/dev/null; }
    fi
  }
  if ! install_nvim; then
    if [ "${CI:-}" = "true" ]; then
      echo "error: neovim could not be installed and CI needs it" >&2
      exit 1
    fi
    echo "note: neovim is not installed; the editor test will be skipped" >&2
  fi
fi

# The VS Code extension must compile (npm is required in CI, optional elsewhere).
if command -v npm >/dev/null 2>&1; then
  (
    cd editors/vscode
    if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
      npm ci --no-audit --no-fund --loglevel=error
      touch node_modules
    fi
    npm run --silent compile
  )
elif [ "${CI:-}" = "true" ]; then
  echo "error: npm is needed to build editors/vscode in CI" >&2
  exit 1
else
  echo "note: npm is not installed; the VS Code extension is not built" >&2
fi

cargo fmt --all --check
# --all-features: the `live` feature (scan --live, drift) is opt-in for installs but always
# linted and tested here.
cargo clippy --workspace --all-targets --all-features --locked -- -D warnings
if command -v cargo-nextest >/dev/null 2>&1; then
  cargo nextest run --workspace --all-features --locked --no-fail-fast
  cargo test --workspace --all-features --locked --doc
else
  cargo test --workspace --all-features --locked --no-fail-fast
fi
