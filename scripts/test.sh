#!/usr/bin/env bash
# The whole test suite: formatting, lints, and every test of the workspace, including the
# end-to-end tests that drive real tools (pre-commit), which this script installs.
set -euo pipefail
cd "$(dirname "$0")/.."

tools="$PWD/target/test-tools"
if [ ! -x "$tools/venv/bin/pre-commit" ]; then
  echo "installing pre-commit into $tools/venv" >&2
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==4.*"
fi
export CLOUDSENTINEL_PRE_COMMIT="$tools/venv/bin/pre-commit"

cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
if command -v cargo-nextest >/dev/null 2>&1; then
  cargo nextest run --workspace --locked --no-fail-fast
  cargo test --workspace --locked --doc
else
  cargo test --workspace --locked --no-fail-fast
fi
