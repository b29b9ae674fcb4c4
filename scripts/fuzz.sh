#!/usr/bin/env bash
# Fuzzes the engine's parsers of untrusted input with cargo-fuzz (libFuzzer, AddressSanitizer):
# the txt/html/md/docx/json importers, the encoding detector, the date extractor, the query
# parser (through a real search) and the full-text tokenizer (through a real index).
#
# Usage: scripts/fuzz.sh [seconds-per-target] [target...]
#   seconds-per-target  default 60; every target runs that long, one after another
#   target...           default: all of them (see fuzz/src/lib.rs, TARGETS)
#
# Installs a nightly toolchain and cargo-fuzz when they are missing. Each target starts from
# the fixtures in tests/fixtures, the seeds in fuzz/seeds/<target> and the saved regression
# inputs in fuzz/regressions/<target>; its growing corpus is kept in fuzz/corpus/<target>
# (ignored by git). A crash, a hang (-timeout) or an allocation over the limit (-malloc_limit_mb,
# -rss_limit_mb) leaves its input in fuzz/artifacts/<target>/ and makes the script exit 1.
# Not part of `make test`: fuzzing is open-ended; `make fuzz` runs it.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-60}
shift || true
all_targets=(import_txt import_html import_md import_docx import_json encoding dates query index)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "Installing the nightly toolchain (cargo-fuzz needs -Zsanitizer)…"
  rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null; then
  echo "Installing cargo-fuzz…"
  cargo install cargo-fuzz --locked
fi

fixtures=$root/tests/fixtures
# The starting corpus of a target: files from the fixtures that suit it.
seed_files() {
  case $1 in
    import_txt) ls "$fixtures"/txt/* "$fixtures"/bad/* "$fixtures"/demo/* ;;
    import_html) ls "$fixtures"/html/*.html "$fixtures"/html/*_files/*.html ;;
    import_md) ls "$fixtures"/md/* ;;
    import_docx) ;;
    import_json) ls "$fixtures"/csl/*.json ;;
    encoding) ls "$fixtures"/txt/* "$fixtures"/html/*.html "$fixtures"/md/* ;;
    dates) ls "$fixtures"/demo/* "$fixtures"/txt/sample-article.txt ;;
    query) ;;
    index) ls "$fixtures"/demo/* "$fixtures"/txt/sample-article.txt "$fixtures"/md/* ;;
  esac
}

summary=()
found=0
for target in "${targets[@]}"; do
  corpus=$root/fuzz/corpus/$target
  artifacts=$root/fuzz/artifacts/$target
  mkdir -p "$corpus" "$artifacts"
  for file in $(seed_files "$target") "$root"/fuzz/seeds/"$target"/* "$root"/fuzz/regressions/"$target"/*; do
    [ -f "$file" ] || continue
    # Named by content, as libFuzzer names its own corpus files, so reruns add nothing twice.
    cp "$file" "$corpus/seed-$(sha1sum "$file" | cut -c1-16)"
  done
  before=$(find "$artifacts" -type f | wc -l)
  log=$root/fuzz/artifacts/$target.log
  echo "── $target: ${seconds}s"
  # -timeout: one input taking 10 s is a hang. -malloc_limit_mb: one allocation of 256 MB from
  # inputs of at most 64 KB is a runaway allocation. -rss_limit_mb: the process as a whole.
  status=0
  (cd "$root/fuzz" && cargo +nightly fuzz run "$target" "$corpus" -- \
    -max_total_time="$seconds" -timeout=10 -malloc_limit_mb=256 -rss_limit_mb=2048 \
    -max_len=65536 -artifact_prefix="$artifacts/" -print_final_stats=1) >"$log" 2>&1 || status=$?
  after=$(find "$artifacts" -type f | wc -l)
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  new=$((after - before))
  if [ "$status" -ne 0 ] || [ "$new" -gt 0 ]; then
    found=1
    summary+=("$target: ${runs:-?} runs in ${seconds}s, FINDING (exit $status, $new new artifact(s) in fuzz/artifacts/$target, log $log)")
  else
    summary+=("$target: ${runs:-?} runs in ${seconds}s, no finding")
  fi
done

echo
echo "Fuzzing summary (${seconds}s per target):"
printf '  %s\n' "${summary[@]}"
if [ "$found" -ne 0 ]; then
  echo "Reproduce one: (cd fuzz && cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/FILE)"
  echo "Then keep the input under fuzz/regressions/TARGET/ and add a test beside the fix."
  exit 1
fi
