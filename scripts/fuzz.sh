#!/usr/bin/env bash
# Runs the fuzz targets, each for SECONDS (default 600), seeded from the fixtures.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
# Needs cargo-fuzz (`cargo install cargo-fuzz`); the stable toolchain is used with
# RUSTC_BOOTSTRAP=1 for the sanitizer flags. Crashes land in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz list)
fi
seed() {
  local target=$1 pattern=$2
  mkdir -p "fuzz/corpus/$target"
  find fixtures parser/tests ../shared/corpora/aws-cloudformation-templates \
    ../shared/corpora/bicep-registry-modules -type f -name "$pattern" -size -64k 2>/dev/null | while read -r f; do
    cp "$f" "fuzz/corpus/$target/$(sha1sum "$f" | cut -c1-16)"
  done
}
# Deployment Manager inputs are a config, NUL, a template it calls as t.jinja, NUL, its schema:
# each template of the fixtures and the samples corpus with a config calling it.
seed_dm() {
  local target=$1
  mkdir -p "fuzz/corpus/$target"
  find fixtures ../shared/corpora/deploymentmanager-samples -type f -name '*.jinja' -size -64k 2>/dev/null | while read -r f; do
    {
      printf 'imports:\n- path: t.jinja\nresources:\n- name: r\n  type: t.jinja\n\0'
      cat "$f"
      printf '\0'
      if [ -f "$f.schema" ]; then cat "$f.schema"; fi
    } > "fuzz/corpus/$target/$(sha1sum "$f" | cut -c1-16)"
  done
  seed "$target" '*.yaml'
}
# -detect_leaks=0: the evaluation thread pool lives for the whole process, and its threads'
# thread-local destructors are reported as leaks at exit; real leaks would show as growing RSS,
# which -rss_limit_mb catches.
for t in "${targets[@]}"; do
  case $t in
    terraform_hcl) seed "$t" '*.tf' ;;
    terraform_json) seed "$t" '*.tf.json' ;;
    cloudformation_yaml) seed "$t" '*.yaml'; seed "$t" '*.yml' ;;
    cloudformation_json) seed "$t" '*.json' ;;
    deployment_manager) seed_dm "$t" ;;
    bicep_parse | bicep_eval) seed "$t" '*.bicep'; seed "$t" '*.bicepparam' ;;
    arm_template) seed "$t" 'main.json'; seed "$t" '*.parameters.json' ;;
  esac
  (cd fuzz && ASAN_OPTIONS=detect_leaks=0 RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" -- -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -detect_leaks=0)
done
