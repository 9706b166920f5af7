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
printf '%-30s %7s %9s %8s %8s %8s %8s %8s\n' tree files MB wall_s cpu_s files/s MB/s rss_MB
measure() {
  local name=$1 dir=$2
  local files bytes
  local pattern=(-name '*.tf' -o -name '*.tf.json' -o -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '*.template')
  files=$(find "$dir" -type f \( "${pattern[@]}" \) | wc -l)
  bytes=$(find "$dir" -type f \( "${pattern[@]}" \) -printf '%s\n' | awk '{s+=$1} END {print s+0}')
  # Warm the page cache once so the figure measures the scanner, not the disk.
  "$bin" scan -q --fail-on none "$dir" >/dev/null
  local out
  out=$( { /usr/bin/time -f '%e %U %S %M' "$bin" scan -q --fail-on none "$dir" >/dev/null; } 2>&1 | tail -1)
  read -r secs user sys rss_kb <<<"$out"
  awk -v n="$name" -v f="$files" -v b="$bytes" -v s="$secs" -v c="$(awk -v u="$user" -v y="$sys" 'BEGIN{print u+y}')" -v r="$rss_kb" \
    'BEGIN { w=(s>0?s:0.01); printf "%-30s %7d %9.1f %8.2f %8.2f %8.0f %8.1f %8.1f\n", n, f, b/1e6, s, c, f/w, b/1e6/w, r/1024 }'
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
