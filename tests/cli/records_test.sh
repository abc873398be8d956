#!/usr/bin/env bash
# Records that can be re-checked (issue 20): a Markdown record carries MADR front matter and a
# stackpick-record block; `stackpick check` re-scores it (holds 0, changed 1, cannot 3); -o DIR/
# numbers records as adr-tools does and --supersedes marks the old one. Exact output and exit
# codes of the real binary.
set -uo pipefail
binary="$1"
data="$2"
schema="$3"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1796083200}"
expected_date="$(python3 -c 'import sys,datetime; print(datetime.datetime.utcfromtimestamp(int(sys.argv[1])).date())' "$SOURCE_DATE_EPOCH")"
# expect, fail and finish
source "$(dirname "$0")/../support/expect.sh"

# run ARGUMENTS...: sets out, err and rc.
run() {
    out="$("$binary" "$@" 2>"$work/stderr")"
    rc=$?
    err="$(cat "$work/stderr")"
}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The output with wrapped lines joined again (the temporary paths make the wrapping vary).
unwrapped() { python3 -c 'import re, sys; print(re.sub(r"\n {4}", " ", sys.stdin.read()), end="")'; }

# A record written, with its front matter and its block.
"$binary" --realtime --ml --format markdown -o "$work/adr.md" -q
expect "front matter" "---
status: proposed
date: $expected_date
decision-makers:
---" "$(head -n 5 "$work/adr.md")"
expect "one record block" "1" "$(grep -c '^```json stackpick-record$' "$work/adr.md")"

# Edited by hand around the block: title, prose, status and decision-makers; still holds.
python3 - "$work/adr.md" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = text.replace("status: proposed", "status: accepted", 1)
text = text.replace("decision-makers:\n", "decision-makers:\n  - Ada (platform)\n  - Grace\n", 1)
text = text.replace("# Backend stack: Node.js + Python", "# Our backend: Node.js with Python services", 1)
text = text.replace("## Context and Problem Statement\n", "## Context and Problem Statement\n\nWe met on Tuesday and agreed.\n", 1)
text = text.replace("## Record for re-checking", "## Notes\n\nSee the wiki.\n\n## Record for re-checking", 1)
open(path, "w", encoding="utf-8").write(text)
PY
run check "$work/adr.md"
expect "an edited record holds: exit" "0" "$rc"
expect "an edited record holds: text" "$work/adr.md: holds: Node.js + Python" "$(head -n 1 <<<"$out")"
expect "an edited record holds: nothing moved" "  Points that moved: none" "$(unwrapped <<<"$out" | sed -n 3p)"
expect "an edited record holds: count" "1 record: holds 1, changed 0, cannot re-check 0" "$(tail -n 1 <<<"$out")"

# Weights (one with three decimals), an excluded source and a rule-out are re-applied: without
# them the pick would be the hybrid, so holding means they were read back.
"$binary" --realtime --ml --weight realtime=0.333 --exclude-source guide-2026 --rule-out hybrid \
    --format markdown -o "$work/scored.md" -q
run check "$work/scored.md"
expect "weights, sources and rule-outs re-applied" "0 $work/scored.md: holds: Python" "$rc $(head -n 1 <<<"$out")"
expect "recorded as given" '{"realtime": 0.333} ["guide-2026"] ["hybrid"]' \
    "$(sed -n '/^```json stackpick-record$/,/^```$/p' "$work/scored.md" | sed '1d;$d' \
       | python3 -c 'import json,sys; r=json.load(sys.stdin); print(json.dumps(r["weights"]), json.dumps(r["excluded_sources"]), json.dumps(r["ruled_out"]))')"

# The same record against a --data-dir copy with one changed rule: changed, the rule named.
cp -r "$data" "$work/data"
python3 - "$work/data" <<'PY'
import json, sys
path = sys.argv[1] + "/rules.json"
rules = json.load(open(path, encoding="utf-8"))
for rule in rules["rules"]:
    if rule["id"] == "realtime-and-ml-split":
        rule["points"] = {"python": 5}
json.dump(rules, open(path, "w", encoding="utf-8"), indent=2, ensure_ascii=False)
PY
run check --data-dir "$work/data" "$work/adr.md"
expect "a changed rule: exit" "1" "$rc"
expect "a changed rule: was, now" "$work/adr.md: changed: was Node.js + Python, now Python" "$(head -n 1 <<<"$out")"
expect "a changed rule: the rule named" "    realtime-and-ml-split: Node.js + Python 5 -> 0 points
    realtime-and-ml-split: Python 0 -> 5 points" "$(grep '^    realtime-and-ml-split' <<<"$out")"
run check --data-dir "$work/data" "$work/adr.md" --json
expect "a changed rule: JSON status" "changed realtime-and-ml-split" \
    "$(python3 -c 'import json,sys; r=json.load(sys.stdin)["records"][0]; print(r["status"], " ".join(sorted({p["rule"] for p in r["difference"]["points"]})))' <<<"$out")"

# A truncated block: cut inside the JSON, with and without its closing fence.
head -c "$(($(grep -b '"fired"' "$work/adr.md" | cut -d: -f1) + 5))" "$work/adr.md" >"$work/cut.md"
line="$(grep -n '^```json stackpick-record$' "$work/cut.md" | cut -d: -f1)"
run check "$work/cut.md"
expect "a truncated record: exit" "3" "$rc"
expect "a truncated record: why" "$work/cut.md: cannot re-check
  $work/cut.md:$line:1: the \`\`\`json stackpick-record block opened here is not closed (the record is cut short?)" "$(unwrapped <<<"$out" | head -n 2)"
{ cat "$work/cut.md"; printf '\n```\n'; } >"$work/cut-closed.md"
run check "$work/cut-closed.md"
expect "a block cut short, then closed: exit" "3" "$rc"
checks=$((checks + 1))
grep -qE "^  $work/cut-closed.md:[0-9]+:[0-9]+: " <<<"$out" || fail "a block cut short names line:column: $out"
# No block at all.
printf '# A decision\n\nWe chose Python.\n' >"$work/plain.md"
run check "$work/plain.md"
expect "no block: exit" "3" "$rc"
expect "no block: why" "  $work/plain.md: no \`\`\`json stackpick-record block: nothing to re-check" "$(unwrapped <<<"$out" | sed -n 2p)"

# An answer key the knowledge base does not know (a renamed question): the key is named.
sed 's/"realtime": true/"real_time": true/' "$work/adr.md" >"$work/renamed.md"
run check "$work/renamed.md" "$work/adr.md"
expect "an unknown key: exit 3 even beside a record that holds" "3" "$rc"
expect "an unknown key: named" "  $work/renamed.md: /answers/real_time: unknown answer key \"real_time\" (did you mean 'realtime'?)" "$(unwrapped <<<"$out" | sed -n 2p)"
expect "an unknown key: the others still checked" "2 records: holds 1, changed 0, cannot re-check 1" "$(tail -n 1 <<<"$out")"

# The JSON document carries the same record, and checks the same way.
"$binary" --realtime --ml --json -o "$work/decision.json" -q
expect "the --json document has no date" "0" "$(grep -c "$expected_date" "$work/decision.json")"
run check "$work/decision.json" --json
expect "a JSON document holds" "0 holds" \
    "$rc $(python3 -c 'import json,sys; print(json.load(sys.stdin)["records"][0]["status"])' <<<"$out")"
checks=$((checks + 1))
python3 "$(dirname "$0")/../validate_json_output.py" "$schema" <<<"$out" >/dev/null || fail "check --json does not match $schema"
run check "$work/decision.json" "$work/adr.md" "$work/renamed.md" --data-dir "$work/data" --json
checks=$((checks + 1))
python3 "$(dirname "$0")/../validate_json_output.py" "$schema" <<<"$out" >/dev/null || fail "check --json (mixed) does not match $schema"
expect "mixed statuses" "3 changed changed cannot_recheck" \
    "$rc $(python3 -c 'import json,sys; print(" ".join(r["status"] for r in json.load(sys.stdin)["records"]))' <<<"$out")"

# The record member on its own, from stdin, is a record too.
out="$("$binary" --ml --json | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["record"]))' | "$binary" check -)"
expect "a bare record from stdin" "0 -: holds: Python" "$? $(head -n 1 <<<"$out")"

# Numbering as adr-tools does: one more than the highest, gaps left alone, nothing overwritten.
mkdir "$work/decisions"
printf 'first\n' >"$work/decisions/0001-use-postgres.md"
printf -- '---\nstatus: accepted\ndate: 2026-01-01\n---\n\n# Third\n' >"$work/decisions/0003-use-kafka.md"
printf 'notes\n' >"$work/decisions/README.md"
before="$(cd "$work/decisions" && md5sum ./*)"
run --realtime --ml --format markdown -o "$work/decisions/"
expect "numbering: exit" "0" "$rc"
expect "numbering: the next number after a gap" "stackpick: wrote $work/decisions/0004-backend-stack.md" "$err"
expect "numbering: existing files untouched" "$before" "$(cd "$work/decisions" && md5sum 0001-use-postgres.md 0003-use-kafka.md README.md | sed 's/  /  .\//')"
run --product content --format markdown -o "$work/decisions" --supersedes "$work/decisions/0004-backend-stack.md"
expect "supersede: exit" "0" "$rc"
expect "supersede: what it says" "stackpick: wrote $work/decisions/0005-backend-stack.md
stackpick: marked $work/decisions/0004-backend-stack.md superseded by 0005-backend-stack.md" "$err"
expect "supersede: the old record's status" "status: superseded by 0005-backend-stack.md" \
    "$(sed -n 2p "$work/decisions/0004-backend-stack.md")"
expect "supersede: an open tie's status" "status: open" "$(sed -n 2p "$work/decisions/0005-backend-stack.md")"
run check "$work/decisions/0004-backend-stack.md"
expect "a superseded record still re-checks" "0" "$rc"
# A record with front matter but no status line, and one with none at all, get one.
run --ml --format markdown -o "$work/decisions" --supersedes "$work/decisions/0001-use-postgres.md" -q
expect "supersede without front matter" "---
status: superseded by 0006-backend-stack.md
---

first" "$(cat "$work/decisions/0001-use-postgres.md")"
run --ml --format markdown -o "$work/decisions" --supersedes "$work/decisions/0003-use-kafka.md" -q
expect "supersede keeps the rest of the front matter" "---
status: superseded by 0007-backend-stack.md
date: 2026-01-01
---" "$(head -n 4 "$work/decisions/0003-use-kafka.md")"
# --supersedes needs a directory, and a missing old record writes nothing.
run --ml --format markdown --supersedes "$work/decisions/0004-backend-stack.md"
expect "--supersedes without -o DIR/" "2" "$rc"
ls "$work/decisions" >"$work/listing"
run --ml --format markdown -o "$work/decisions" --supersedes "$work/decisions/0099-missing.md"
expect "a missing old record: exit" "3" "$rc"
expect "a missing old record: nothing written" "$(cat "$work/listing")" "$(ls "$work/decisions")"

finish
