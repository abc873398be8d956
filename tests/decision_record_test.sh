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
    # The MADR front matter is YAML metadata, as pandoc's markdown and MADR tools read it.
    pandoc --from gfm+yaml_metadata_block --to html --wrap=none --standalone \
        --metadata title="$name" "$work/$name.md" -o "$work/$name.html"
    html="$(cat "$work/$name.html")"
    front_matter="$(sed -n '1,/^---$/{/^---$/d;p}' <(tail -n +2 "$work/$name.md"))"
}
checks=0 failures=0
expect() {
    checks=$((checks + 1))
    if ! grep -qF -- "$1" <<<"$html"; then echo "missing from the HTML: $1"; failures=$((failures + 1)); fi
}
# expect_front_matter LINE: a line of the record's YAML front matter.
expect_front_matter() {
    checks=$((checks + 1))
    if ! grep -qxF -- "$1" <<<"$front_matter"; then echo "missing from the front matter: $1"; failures=$((failures + 1)); fi
}
record adr --realtime --ml --product fintech --team-size 15 --months 6
for section in "Context and Problem Statement" "Decision Drivers" "Considered Options" "Decision Outcome" \
               "Consequences" "Pros and Cons of the Options" "Estimates" "Sources"; do
    expect ">$section"
done
for option in "Node.js" "Python" "Node.js + Python"; do expect ">$option</h3>"; done
expect 'Chosen option: "<strong>Node.js + Python</strong>"'
expect '<pre class="mermaid"><code>flowchart LR'
expect_front_matter 'decision-makers:'
# The front matter is metadata, not text on the page; the record block is a code block.
checks=$((checks + 1))
if grep -qF 'status: proposed' <<<"$html"; then echo "the front matter shows as text"; failures=$((failures + 1)); fi
expect '<code class="sourceCode json">'
while IFS= read -r title; do expect "$title"; done < <("$binary" facts sources --json \
    | python3 -c 'import json,sys,html; [print(html.escape(s["title"], quote=False)) for s in json.load(sys.stdin)["sources"]]')
# Each pro and con carries the quotes behind it, as a nested list under it.
expect '<li>Good, because Real-time and ML are workloads of both kinds'
expect '<li>[1] "Node.js: API gateway, real-time services, user-facing APIs"</li>'

# A tie nothing settles leaves the decision open, says between what, and what would decide it.
record open --product content
expect '<h1 id="backend-stack-no-clear-pick-between-nodejs-and-python">Backend stack: no clear pick between Node.js and Python</h1>'
expect '<li>Open between: Node.js and Python</li>'
expect_front_matter 'status: open'
expect 'No option is chosen yet. No clear pick: Node.js and Python are tied on 2 points'
expect '>What would decide it</h2>'
expect '<li>with --admin-panel: Python</li>'
# A tie a tie-breaker settles names it, with its quotes, under the outcome.
record broken --team python --realtime --team-size 3
expect 'Chosen option: "<strong>Python</strong>"'
expect_front_matter 'status: proposed'
expect 'Tie-breaker team-knows-python: the team already knows Python'
echo "$((checks - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
