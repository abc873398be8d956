#!/usr/bin/env bash
# --answers reads pipes as a user's shell makes them (issue 23): process substitution, /dev/stdin,
# a named pipe whose writer comes later, with the same limits and messages as a file; only a
# directory is refused. Each result must equal the one from the same answers in a regular file.
set -uo pipefail
binary="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect_same NAME EXPECTED ACTUAL
expect_same() {
    checks=$((checks + 1))
    [ "$2" == "$3" ] || fail "$1: got '$3', expected '$2'"
}

echo '{"ml": true, "realtime": true}' >"$work/answers.json"
from_file="$("$binary" --answers "$work/answers.json" --json)"
[ -n "$from_file" ] || fail "the answers file itself gives no result"

expect_same "process substitution" "$from_file" \
    "$("$binary" --answers <(echo '{"ml": true, "realtime": true}') --json 2>&1)"
expect_same "/dev/stdin from a pipe" "$from_file" \
    "$(echo '{"ml": true, "realtime": true}' | "$binary" --answers /dev/stdin --json 2>&1)"
expect_same "a writer slower than stackpick" "$from_file" \
    "$("$binary" --answers <(sleep 1; cat "$work/answers.json") --json 2>&1)"
mkfifo "$work/answers.fifo"
(sleep 0.5; cat "$work/answers.json" >"$work/answers.fifo") &
expect_same "a named pipe written after stackpick starts" "$from_file" \
    "$(timeout 20 "$binary" --answers "$work/answers.fifo" --json 2>&1)"
wait
expect_same "eval @<(...)" "true" \
    "$("$binary" eval '{"var": "ml"}' @<(echo '{"ml": true}') 2>&1)"

# expect_error NAME EXIT MESSAGE COMMAND...
expect_error() {
    local name="$1" code="$2" message="$3"
    shift 3
    checks=$((checks + 1))
    local err actual
    err="$("$@" 2>&1 >/dev/null)"
    actual=$?
    [ "$actual" -eq "$code" ] && [ "$err" == "$message" ] ||
        fail "$name: exit $actual, stderr '$err' (expected exit $code, '$message')"
}
expect_error "a pipe over the 1 MiB limit" 3 "stackpick: error: '/dev/stdin' is larger than the 1 MiB limit" \
    sh -c 'head -c 2000000 /dev/zero | tr "\0" " " | "$1" --answers /dev/stdin' sh "$binary"
deep="$(printf '%.0s[' $(seq 70))"
echo "{\"ml\": $deep" >"$work/deep.json"
file_error="$("$binary" --answers "$work/deep.json" 2>&1 >/dev/null)"
[[ "$file_error" == *"nest"* ]] || fail "no depth error from a file: '$file_error'"
expect_error "the depth limit, as for a file" 3 "${file_error//$work\/deep.json//dev/stdin}" \
    sh -c 'cat "$2" | "$1" --answers /dev/stdin' sh "$binary" "$work/deep.json"
expect_error "a directory" 3 "stackpick: error: '$work' is a directory" "$binary" --answers "$work"
expect_error "an empty pipe" 3 "stackpick: error: '/dev/stdin' is empty" \
    sh -c ': | "$1" --answers /dev/stdin' sh "$binary"
expect_error "a data dir stays a directory" 2 \
    "stackpick: error: --data-dir: '/dev/stdin' is not a directory" \
    sh -c 'echo {} | "$1" --data-dir /dev/stdin --realtime' sh "$binary"

echo "$((checks - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
