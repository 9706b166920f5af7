#!/usr/bin/env bash
# Benchmarks a cold scan of generated Terraform trees and the real-world corpora.
# Usage: scripts/bench.sh [FILES...]   (default: 1000). Needs /usr/bin/time; uses hyperfine if present.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/cloudsentinel

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sizes=("${@:-1000}")
printf '%-28s %8s %10s %10s %10s %12s\n' tree files bytes seconds files/s peak_rss_MB
measure() {
  local name=$1 dir=$2
  local files bytes
  local pattern=(-name '*.tf' -o -name '*.tf.json' -o -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '*.template')
  files=$(find "$dir" -type f \( "${pattern[@]}" \) | wc -l)
  bytes=$(find "$dir" -type f \( "${pattern[@]}" \) -printf '%s\n' | awk '{s+=$1} END {print s+0}')
  # Warm the page cache once so the figure measures the scanner, not the disk.
  "$bin" scan -q --fail-on none "$dir" >/dev/null
  local out
  out=$( { /usr/bin/time -f '%e %M' "$bin" scan -q --fail-on none "$dir" >/dev/null; } 2>&1 | tail -1)
  local secs=${out% *} rss_kb=${out#* }
  awk -v n="$name" -v f="$files" -v b="$bytes" -v s="$secs" -v r="$rss_kb" \
    'BEGIN { printf "%-28s %8d %10d %10.3f %10.0f %12.1f\n", n, f, b, s, (s>0?f/s:0), r/1024 }'
}
for n in "${sizes[@]}"; do
  python3 scripts/gen_tf_tree.py "$work/tree-$n" "$n"
  measure "generated-$n" "$work/tree-$n"
done
python3 scripts/gen_cfn_templates.py "$work/cfn-300" 300 >/dev/null
measure "cloudformation-300" "$work/cfn-300"  # includes conditions-500.yaml until moved below
mkdir -p "$work/cfn-conditions" && mv "$work"/cfn-300/conditions-*.yaml "$work/cfn-conditions/"
measure "cloudformation-500-conditions" "$work/cfn-conditions"
for c in ../shared/corpora/terraform-aws-vpc ../shared/corpora/terraform-aws-s3-bucket ../shared/corpora/terraform-aws-eks ../shared/corpora/aws-cloudformation-templates; do
  [ -d "$c" ] && measure "$(basename "$c")" "$c"
done
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 1 --runs 10 "$bin scan -q --fail-on none $work/tree-${sizes[0]}"
fi

# CPU time against Checkov on the same generated tree: CHECKOV=1 scripts/bench.sh [FILES]
if [ "${CHECKOV:-0}" = 1 ]; then
  venv=${CARGO_TARGET_DIR:-target}/bench-tools/checkov
  if [ ! -x "$venv/bin/checkov" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check checkov
  fi
  tree="$work/tree-${sizes[0]}"
  cpu() { /usr/bin/time -f '%U %S' "$@" >/dev/null 2>"$work/time" || true; tail -1 "$work/time" | awk '{print $1+$2}'; }
  ours=$(cpu "$bin" scan -q --fail-on none "$tree")
  theirs=$(cpu "$venv/bin/checkov" -d "$tree" --framework terraform --quiet --compact --skip-download)
  awk -v o="$ours" -v t="$theirs" -v n="${sizes[0]}" \
    'BEGIN { printf "CPU seconds on %d files: cloudsentinel %.2f, checkov %.2f, ratio %.0fx\n", n, o, t, (o>0?t/o:0) }'
fi
