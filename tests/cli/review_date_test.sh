#!/usr/bin/env bash
# Knowledge that ages (issue 20): sources carry published and retrieved dates, the knowledge base
# a review_by date; past it, one warning on stderr (never on stdout, never with --quiet). "Today"
# is SOURCE_DATE_EPOCH's day. Exact output and exit codes of the real binary.
#   review_date_test.sh STACKPICK DATA_DIR
set -uo pipefail
binary="$1"
data="$2"
# expect, fail and finish
source "$(dirname "$0")/../support/expect.sh"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# run EPOCH ARGUMENTS...: sets out, err and rc.
run() {
    local epoch="$1"
    shift
    out="$(SOURCE_DATE_EPOCH="$epoch" "$binary" "$@" 2>"$work/err")"
    rc=$?
    err="$(cat "$work/err")"
}

review_by="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["review_by"])' \
    "$data/knowledge_base.json")"
version="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' \
    "$data/knowledge_base.json")"
# The last second of the review day, and the first of the day after, as seconds since 1970.
on_the_day="$(date -u -d "$review_by 23:59:59" +%s)"
day_after="$(date -u -d "$review_by + 1 day" +%s)"
warning="stackpick: knowledge base $version is past its review date $review_by: figures may be out of date"

run "$on_the_day" --realtime --ml
expect "on the review day: exit 0" "0" "$rc"
expect "on the review day: no warning" "" "$err"
before="$out"
run "$day_after" --realtime --ml
expect "the day after: exit 0" "0" "$rc"
expect "the day after: one warning on stderr" "$warning" "$err"
expect "the day after: stdout as before" "$before" "$out"
run "$day_after" --realtime --ml --quiet
expect "--quiet: no warning" "" "$err"
run "$day_after" --realtime --ml --json
expect "--json: the warning on stderr" "$warning" "$err"
python3 -c 'import json,sys; json.loads(sys.argv[1])' "$out" || fail "--json: stdout is not JSON"
checks=$((checks + 1))
printf '{"realtime": true}\n{"ml": true}\n{"product": "api"}\n' >"$work/lines.jsonl"
run "$day_after" batch "$work/lines.jsonl"
expect "batch: exit 0" "0" "$rc"
expect "batch: the warning once" "$warning" "$err"
run "$day_after" estimate --product saas
expect "estimate: the warning" "$warning" "$err"

# --version names the review date (and never warns on stdout).
run "$on_the_day" --version
expect "--version: the review date" "knowledge base $version ($(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["date"])' "$data/knowledge_base.json"), review by $review_by, embedded)" "$(echo "$out" | sed -n 2p)"

# The sources' dates in facts and JSON.
run "$on_the_day" facts sources --json
expect "facts --json: published and retrieved" "elitecoders-2025 None 2026-11-23" \
    "$(echo "$out" | python3 -c 'import json,sys; s=json.load(sys.stdin)["sources"][0]; print(s["id"], s["published"], s["retrieved"])')"

# SOURCE_DATE_EPOCH that is not whole seconds: a usage error, not a guess.
run "abc" --realtime
expect "SOURCE_DATE_EPOCH=abc: exit 2" "2" "$rc"
expect "SOURCE_DATE_EPOCH=abc: the message" "stackpick: error: SOURCE_DATE_EPOCH: expected whole seconds since 1970 (as reproducible builds set it), got 'abc'" "$err"
run "" --realtime
expect "SOURCE_DATE_EPOCH empty: the clock, exit 0" "0" "$rc"

# Broken dates in a knowledge base: named with file and JSON Pointer, exit 3.
broken() {
    rm -rf "$work/data"
    cp -r "$data" "$work/data"
    python3 -c "$1" "$work/data"
    run "$on_the_day" validate --data-dir "$work/data"
}
broken 'import json,sys; p=sys.argv[1]+"/knowledge_base.json"; d=json.load(open(p)); d["review_by"]="2027-02-30"; json.dump(d,open(p,"w"))'
expect "review_by not a day: exit 3" "3" "$rc"
expect "review_by not a day: the place" "1" "$(grep -c "knowledge_base.json: /review_by: expected a date as YYYY-MM-DD, got '2027-02-30'" <<<"$err")"
broken 'import json,sys; p=sys.argv[1]+"/knowledge_base.json"; d=json.load(open(p)); d["review_by"]=d["date"]; json.dump(d,open(p,"w"))'
expect "review_by not after date: exit 3" "3" "$rc"
expect "review_by not after date: the place" "1" "$(grep -c "knowledge_base.json: /review_by: review_by .* is not after the date" <<<"$err")"
broken 'import json,sys; p=sys.argv[1]+"/sources.json"; d=json.load(open(p)); d["sources"][1]["published"]="2026-12-01"; d["sources"][1]["retrieved"]="2026-11-30"; json.dump(d,open(p,"w"))'
expect "retrieved before published: exit 3" "3" "$rc"
expect "retrieved before published: the place" "1" "$(grep -c "sources.json: /sources/1/retrieved: retrieved 2026-11-30 is before published 2026-12-01" <<<"$err")"
# Without review_by (an older knowledge base of the same format): no warning, ever.
broken 'import json,sys; p=sys.argv[1]+"/knowledge_base.json"; d=json.load(open(p)); del d["review_by"]; json.dump(d,open(p,"w"))'
expect "no review_by: valid" "0" "$rc"
run "$day_after" --data-dir "$work/data" --realtime
expect "no review_by: no warning" "" "$err"

finish
