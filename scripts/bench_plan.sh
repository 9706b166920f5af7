#!/usr/bin/env bash
# Benchmarks a cold scan of a generated Terraform plan JSON (`terraform show -json` layout).
# Usage: scripts/bench_plan.sh [RESOURCES]   (default: 5000). Needs /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p cloudsentinel
bin=${CARGO_TARGET_DIR:-target}/release/cloudsentinel

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=${1:-5000}
python3 scripts/gen_tf_plan.py "$work/plan.json" "$n"
printf '%-22s %9s %8s %8s %8s\n' output MB wall_s cpu_s rss_MB
for format in json text; do
  # Warm the page cache once so the figure measures the scanner, not the disk.
  "$bin" scan -q --fail-on none "$work/plan.json" >/dev/null
  out=$( { /usr/bin/time -f '%e %U %S %M' "$bin" scan --format "$format" --fail-on none "$work/plan.json" >/dev/null; } 2>&1 | tail -1)
  read -r secs user sys rss_kb <<<"$out"
  awk -v n="plan-$n ($format)" -v b="$(stat -c %s "$work/plan.json")" -v s="$secs" -v c="$(awk -v u="$user" -v y="$sys" 'BEGIN{print u+y}')" -v r="$rss_kb" \
    'BEGIN { printf "%-22s %9.1f %8.2f %8.2f %8.1f\n", n, b/1e6, s, c, r/1024 }'
done
