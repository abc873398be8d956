#!/usr/bin/env bash
# CI: builds the fuzz preset (clang 14, libFuzzer, ASan + UBSan) and runs each fuzz target for
# 15 seconds from its corpus; any crash, leak, sanitizer report or hang fails the job and leaves
# the input under tests/fuzz/findings/. Needs clang-14 and libclang-rt-14-dev
# (scripts/install-deps). New inputs are not kept: the corpus changes only through run.sh.
#
#   tests/fuzz/ci.sh [SECONDS_PER_TARGET]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-15}"
cd "$root"

command -v clang++-14 >/dev/null || { echo "ci.sh: clang++-14 not found (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 1; }
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)"

export ASAN_OPTIONS="detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
mkdir -p "$here/findings"
failed=()
for target in knowledge_base answers logic arguments; do
    scratch="$(mktemp -d)"
    dictionary=()
    [[ -f "$here/$target.dict" ]] && dictionary=(-dict="$here/$target.dict")
    echo "== fuzzing $target for ${seconds}s"
    if ! "$root/build/fuzz/tests/stackpick_fuzz_$target" -max_total_time="$seconds" -timeout=60 \
            -rss_limit_mb=2560 -max_len=65536 "${dictionary[@]}" -artifact_prefix="$here/findings/$target-" \
            "$scratch" "$here/corpus/$target" 2>"$scratch.log"; then
        tail -n 60 "$scratch.log"
        failed+=("$target")
    else
        grep -E '^Done|^stat::' "$scratch.log" || true
    fi
    rm -rf "$scratch" "$scratch.log"
done
if ((${#failed[@]})); then
    echo "ci.sh: findings in: ${failed[*]} (inputs in tests/fuzz/findings/)" >&2
    exit 1
fi
echo "ci.sh: every fuzz target ran ${seconds}s without a finding"
