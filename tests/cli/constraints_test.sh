#!/usr/bin/env bash
# Hard constraints (issue 20): a constraint from the data (--one-runtime), the user's own
# (--rule-out), both together with --weight and --exclude-source, and every stack ruled out.
# Exact output and exit codes of the real binary.
set -uo pipefail
binary="$1"
# expect, fail and finish
source "$(dirname "$0")/../support/expect.sh"

# run ARGUMENTS...: sets out, err and rc.
run() {
    out="$("$binary" "$@" 2>"$tmp")"
    rc=$?
    err="$(cat "$tmp")"
}
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT

# ids of the ranking and of what was ruled out, from the JSON document.
ranking() {
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(s["id"] for s in d["ranking"]), "|", " ".join("%s:%s:%s" % (r["id"], r["by"], r["rule"]) for r in d["ruled_out"]))'
}

# A constraint from the data: one runtime rules out the hybrid, which would otherwise win.
expect "hybrid wins without the constraint" "hybrid python node | " \
    "$("$binary" --realtime --ml --json | ranking)"
expect "the data's constraint rules out the hybrid" "python node | hybrid:rule:one-runtime-rules-out-hybrid" \
    "$("$binary" --realtime --ml --one-runtime --json | ranking)"
run --realtime --ml --one-runtime
expect "text: the Ruled out section" "Ruled out
  Node.js + Python: The team must run one runtime in production; the sources
    advise starting with one stack and adding services in the other only
    later, if needed. [1,4] (constraint one-runtime-rules-out-hybrid)" \
    "$(sed -n '/^Ruled out$/,/^$/p' <<<"$out" | sed '$d')"
expect "text: the ranking has no hybrid" "0" "$(grep -c '^  [0-9]\. *Node.js + Python' <<<"$out")"

# The user's own constraint.
expect "--rule-out removes a stack" "python node | hybrid:user:None" \
    "$("$binary" --realtime --ml --rule-out hybrid --json | ranking)"
expect "--rule-out is case-insensitive and repeatable" "hybrid | node:user:None python:user:None" \
    "$("$binary" --realtime --ml --rule-out Node --rule-out python --rule-out node --json | ranking)"
run --realtime --ml --rule-out hybrid
expect "text: a user's rule-out" "Ruled out
  Node.js + Python: by you (--rule-out hybrid)" \
    "$(sed -n '/^Ruled out$/,/^$/p' <<<"$out" | sed '$d')"
expect "what-if names the rule-out to drop" "  without --rule-out hybrid: Node.js + Python" \
    "$(sed -n '/^What would change it$/,/^$/p' <<<"$out" | sed -n 2p)"

# Together: the rule outvoted by weights stays out; a constraint whose every source is excluded
# is not consulted.
expect "weights do not bring a ruled-out stack back" "python node | hybrid:rule:one-runtime-rules-out-hybrid" \
    "$("$binary" --realtime --ml --one-runtime --weight mixed-workloads=100 --json | ranking)"
expect "a constraint resting only on excluded sources is not consulted" "hybrid python node | " \
    "$("$binary" --realtime --ml --one-runtime --exclude-source soatech-2026 --exclude-source elitecoders-2025 --json | ranking)"
expect "one excluded source leaves it in force" "python node | hybrid:rule:one-runtime-rules-out-hybrid" \
    "$("$binary" --realtime --ml --one-runtime --exclude-source soatech-2026 --json | ranking)"
expect "data and user constraints together" "python | node:user:None hybrid:rule:one-runtime-rules-out-hybrid" \
    "$("$binary" --realtime --ml --one-runtime --rule-out node --weight realtime=3 --json | ranking)"

# --explain traces the constraint.
run --realtime --ml --one-runtime --rule-out node --explain
expect "explain: the constraints section" "Constraints (a stack they rule out is not ranked)
  one-runtime-rules-out-hybrid (excludes hybrid)
    one_runtime (true) -> true
    ruled out hybrid
  --rule-out node: ruled out node" \
    "$(sed -n '/^Constraints/,/^$/p' <<<"$out" | sed '$d')"

# Every stack ruled out is a usage error naming the constraints, with nothing on stdout.
run --one-runtime --rule-out node --rule-out python --json
expect "all ruled out: exit 2" "2" "$rc"
expect "all ruled out: stdout empty" "" "$out"
expect "all ruled out: the message" "stackpick: error: every stack is ruled out: node by --rule-out node, python by --rule-out python and hybrid by constraint 'one-runtime-rules-out-hybrid'
hint: drop a --rule-out, or change the answer a constraint reads" "$err"
run --rule-out node --rule-out python --rule-out hybrid
expect "all ruled out by the user: exit 2" "2" "$rc"

# A misspelled stack gets a did-you-mean.
run --rule-out pyton
expect "unknown stack: exit 2" "2" "$rc"
expect "unknown stack: the message" "stackpick: error: --rule-out: unknown stack 'pyton' (did you mean 'python'?)
hint: the stacks are node, python and hybrid" "$err"

finish
