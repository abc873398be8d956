#!/usr/bin/env bash
# Every quote of the shipped knowledge base and its scenarios is in its article, and a quote that
# is not is named with its item, source and text (exit 3).
# Usage: quotes_articles_test.sh STACKPICK DATA_DIR ARTICLES_DIR
# Skipped (exit 77) when the articles are not there (../shared/seeds beside the repository).
set -euo pipefail
binary=$1 data=$2 articles=$3
if [ ! -d "$articles" ]; then
    echo "skipped: no articles at '$articles' (the five articles live in ../shared/seeds)"
    exit 77
fi

summary=$("$binary" validate --articles "$articles")
grep -qE ' [0-9]+ quotes, each quote found in its article$' <<<"$summary" || { echo "unexpected: $summary"; exit 1; }
echo "$summary"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$data" "$work/data"
sed -i '0,/"Excellent: Socket.io, native WebSockets"/s//"Node.js is always faster than Python"/' \
    "$work/data/rules.json"
set +e
errors=$("$binary" validate --data-dir "$work/data" --articles "$articles" 2>&1 >/dev/null)
status=$?
set -e
expected="stackpick: error: $work/data/rules.json: /rules/0/quotes/0: rule 'realtime-favours-node': \
the quote from 'elitecoders-2025' is not in its article 000_14f5732b0cf97272.txt: \
\"Node.js is always faster than Python\""
if [ "$status" -ne 3 ] || ! grep -qxF "$expected" <<<"$errors" ||
    ! grep -qx 'stackpick: 1 problem found' <<<"$errors"; then
    echo "expected exit 3 and:"; echo "$expected"; echo "got exit $status and:"; echo "$errors"
    exit 1
fi
echo "a changed quote is reported: ok"
