#!/usr/bin/env bash
# The Markdown decision record, converted to HTML by pandoc as a reader's tool would: every MADR
# section, every option and every cited source title must be there.
set -euo pipefail
binary="$1"
command -v pandoc >/dev/null || { echo "skipped: pandoc not installed"; exit 77; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# record NAME ARGUMENTS...: the record for these answers, as HTML in $html.
record() {
    local name="$1"
    shift
    "$binary" "$@" --format markdown -o "$work/$name.md" -q
    pandoc --from gfm --to html --wrap=none "$work/$name.md" -o "$work/$name.html"
    html="$(cat "$work/$name.html")"
}
checks=0 failures=0
expect() {
    checks=$((checks + 1))
    if ! grep -qF -- "$1" <<<"$html"; then echo "missing from the HTML: $1"; failures=$((failures + 1)); fi
}
record adr --realtime --ml --product fintech --team-size 15 --months 6
for section in "Context and Problem Statement" "Decision Drivers" "Considered Options" "Decision Outcome" \
               "Consequences" "Pros and Cons of the Options" "Estimates" "Sources"; do
    expect ">$section"
done
for option in "Node.js" "Python" "Node.js + Python"; do expect ">$option</h3>"; done
expect 'Chosen option: "<strong>Node.js + Python</strong>"'
expect '<pre class="mermaid"><code>flowchart LR'
while IFS= read -r title; do expect "$title"; done < <("$binary" facts sources --json \
    | python3 -c 'import json,sys,html; [print(html.escape(s["title"], quote=False)) for s in json.load(sys.stdin)["sources"]]')
# Each pro and con carries the quotes behind it, as a nested list under it.
expect '<li>Good, because Real-time and ML are workloads of both kinds'
expect '<li>[1] "Node.js: API gateway, real-time services, user-facing APIs"</li>'

# A tie nothing settles leaves the decision open, says between what, and what would decide it.
record open --product content
expect '<h1 id="backend-stack-no-clear-pick-between-nodejs-and-python">Backend stack: no clear pick between Node.js and Python</h1>'
expect '<li>Status: open, between Node.js and Python</li>'
expect 'No option is chosen yet. No clear pick: Node.js and Python are tied on 2 points'
expect '>What would decide it</h2>'
expect '<li>with --admin-panel: Python</li>'
# A tie a tie-breaker settles names it, with its quotes, under the outcome.
record broken --team python --realtime --team-size 3
expect 'Chosen option: "<strong>Python</strong>"'
expect '<li>Status: proposed</li>'
expect 'Tie-breaker team-knows-python: the team already knows Python'
echo "$((checks - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
