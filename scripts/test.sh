#!/usr/bin/env bash
# The whole test suite: formatting, lints, and every test of the workspace, including the
# end-to-end tests that drive real tools (pre-commit, and moto's AWS API emulator for the
# live readers and drift), which this script installs.
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
