#!/usr/bin/env bash
# make_snapshot (the build step that embeds data/) refuses an invalid knowledge base with the
# loader's located messages and exit 3, and writes nothing; a valid one gives a C++ source.
set -euo pipefail
make_snapshot="$1"
data="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
check() {  # description, condition...
    local description="$1"; shift
    if "$@"; then echo "ok: $description"; else echo "FAILED: $description"; failures=$((failures + 1)); fi
}

cp -r "$data" "$work/data"
"$make_snapshot" "$work/data" "$work/good.cpp" 2>"$work/good.err"
check "a valid knowledge base gives a source defining embedded_snapshot()" \
    grep -q "std::string_view embedded_snapshot()" "$work/good.cpp"

sed -i 's/"criterion": "realtime"/"criterion": "realtme"/' "$work/data/rules.json"
status=0
"$make_snapshot" "$work/data" "$work/bad.cpp" 2>"$work/bad.err" || status=$?
check "invalid data: exit 3" test "$status" -eq 3
check "invalid data: the problem, located, with a suggestion" \
    grep -q "^make_snapshot: $work/data/rules.json: /rules/[0-9]*/criterion: .*'realtme'.*did you mean 'realtime'" "$work/bad.err"
check "invalid data: no output file" test ! -e "$work/bad.cpp"

status=0
"$make_snapshot" 2>"$work/usage.err" || status=$?
check "no arguments: usage, exit 2" test "$status" -eq 2
check "no arguments: says how to call it" grep -q "usage: make_snapshot DATA_DIR OUTPUT.cpp" "$work/usage.err"

echo "$(( 6 - failures )) passed, $failures failed"
[ "$failures" -eq 0 ]
