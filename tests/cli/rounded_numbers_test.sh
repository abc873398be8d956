#!/usr/bin/env bash
# Numbers as people write them (issue 23): a weight of 0.35 gave "points": 1.0499999999999998
# and "point_gap": 4.050000000000001. Every format rounds a computed figure to at most two
# decimals in one place (docs/scoring.md 4a); this checks the exact values through the binary.
set -uo pipefail
binary="$1"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect NAME EXPECTED ACTUAL
expect() { [ "$2" == "$3" ] || fail "$1: got '$3', expected '$2'"; }

arguments=(--realtime --ml --weight realtime=0.35)
json="$("$binary" "${arguments[@]}" --json)"
expect "exit code of --json" 0 $?
points() { # the JSON text of every "KEY": NUMBER, one a line
    grep -oE "\"$1\": -?[0-9.e+-]+" <<<"$json" | sed "s/\"$1\": //" | tr '\n' ' '
}
# The ranking's points, then the same stacks' points again in the re-check "record".
expect "\"points\" in --json" "9.05 5 3 1.05 5 5 -0.6 1.4 -2 5 1.05 -2 9.05 5 -0.6 " "$(points points)"
expect "\"point_gap\" in --json" "4.05 " "$(points point_gap)"
expect "sensitivity \"weight\" in --json" "0.19 3.03 10 " "$(points weight)"
noise="$(grep -E '[0-9]\.[0-9]{3,}' <<<"$json")"
expect "no number with more than two decimals in --json" "" "$noise"

text="$("$binary" "${arguments[@]}" --explain --what-if)"
expect "the lead in text" "  Node.js + Python leads by 4.05 points (6.6 on the score). The rules that" \
    "$(grep -m1 'leads by' <<<"$text")"
expect "a weighted reason in text" "  +1.05  realtime-favours-node: Every source names real-time features (chat," \
    "$(grep -m1 'realtime-favours-node: Every' <<<"$text")"
expect "no number with more than two decimals in text" "" \
    "$(grep -E '[0-9]\.[0-9]{3,}' <<<"$text")"
markdown="$("$binary" "${arguments[@]}" --format markdown --explain)"
expect "no number with more than two decimals in Markdown" "" \
    "$(grep -E '[0-9]\.[0-9]{3,}' <<<"$markdown")"

[ "$failures" -eq 0 ] || exit 1
echo "ok: every figure rounded to at most two decimals"
