#!/usr/bin/env bash
# Runs one fuzz target for a while, then merges what it found into the corpus in the repository.
#
#   tests/fuzz/run.sh TARGET SECONDS [BUILD_DIR]
#
# TARGET is knowledge_base, answers, logic or arguments; BUILD_DIR defaults to build/fuzz (the
# "fuzz" preset: cmake --preset fuzz && cmake --build --preset fuzz). New inputs collect in a
# scratch directory first; at the end `-merge=1` adds to tests/fuzz/corpus/TARGET only the inputs
# that bring new coverage. A crash leaves its input as tests/fuzz/findings/TARGET-crash-<sha1>
# (fix it, then move it into the corpus). The CPU time used is printed for the log table in
# tests/fuzz/README.md. Runs at nice 19 so it never slows anyone's build.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${1:?usage: run.sh TARGET SECONDS [BUILD_DIR]}"
seconds="${2:?usage: run.sh TARGET SECONDS [BUILD_DIR]}"
build="${3:-$root/build/fuzz}"
fuzzer="$build/tests/stackpick_fuzz_$target"
corpus="$here/corpus/$target"
[[ -x "$fuzzer" ]] || { echo "run.sh: no $fuzzer: build the fuzz preset first" >&2; exit 2; }
[[ -d "$corpus" ]] || { echo "run.sh: no corpus $corpus" >&2; exit 2; }

scratch="$(mktemp -d "${TMPDIR:-/tmp}/stackpick-fuzz-$target-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$here/findings"

# -timeout: an input taking longer is a hang (the logic engine's own step limit is ~2 s unsanitised).
# -rss_limit_mb: every input is bounded in size, so more memory than this is a leak or a blow-up.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
dictionary=()
[[ -f "$here/$target.dict" ]] && dictionary=(-dict="$here/$target.dict")
status=0
start_cpu=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
nice -n 19 "$fuzzer" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2560 -max_len=65536 \
    -print_final_stats=1 "${dictionary[@]}" -artifact_prefix="$here/findings/$target-" "$scratch" "$corpus" || status=$?
ticks=$(getconf CLK_TCK)
end_cpu=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
cpu_minutes=$(awk -v t="$ticks" -v a="$start_cpu" -v b="$end_cpu" 'BEGIN { printf "%.1f", (b - a) / t / 60 }')

# Keep only what adds coverage (also after a crash: the scratch finds are still worth it).
nice -n 19 "$fuzzer" -merge=1 -timeout=60 -rss_limit_mb=2560 "$corpus" "$scratch" >/dev/null 2>&1 || true
echo "run.sh: $target: $cpu_minutes CPU-minutes, exit $status, corpus $(ls "$corpus" | wc -l) files"
exit "$status"
