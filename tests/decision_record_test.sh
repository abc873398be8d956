#!/usr/bin/env bash
# The Markdown decision record, converted to HTML by pandoc as a reader's tool would: every MADR
# section, every option and every cited source title must be there.
set -euo pipefail
binary="$1"
command -v pandoc >/dev/null || { echo "skipped: pandoc not installed"; exit 77; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$binary" --realtime --ml --product fintech --team-size 15 --months 6 --format markdown -o "$work/adr.md" -q
pandoc --from gfm --to html --wrap=none "$work/adr.md" -o "$work/adr.html"
html="$(cat "$work/adr.html")"
failures=0
expect() {
    if ! grep -qF -- "$1" <<<"$html"; then echo "missing from the HTML: $1"; failures=$((failures + 1)); fi
}
for section in "Context and Problem Statement" "Decision Drivers" "Considered Options" "Decision Outcome" \
               "Consequences" "Pros and Cons of the Options" "Estimates" "Sources"; do
    expect ">$section"
done
for option in "Node.js" "Python" "Node.js + Python"; do expect ">$option</h3>"; done
expect 'Chosen option: "<strong>Node.js + Python</strong>"'
expect '<pre class="mermaid"><code>flowchart LR'
while IFS= read -r title; do expect "$title"; done < <("$binary" facts sources --json \
    | python3 -c 'import json,sys,html; [print(html.escape(s["title"], quote=False)) for s in json.load(sys.stdin)["sources"]]')
echo "$(( 14 + 5 - failures )) passed, $failures failed"
[ "$failures" -eq 0 ]
