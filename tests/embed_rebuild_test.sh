#!/usr/bin/env bash
# Editing a file in data/ and rebuilding changes what the binary embeds.
# Copies the source tree, builds it, edits data/knowledge_base.json, rebuilds, and compares.
set -euo pipefail
source_dir="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir "$work/src"
(cd "$source_dir" && tar --exclude=./build --exclude=./.git -cf - .) | (cd "$work/src" && tar -xf -)
# Unoptimised and without debug info: the quickest build of the binary (this test is about the
# build graph, not the code).
cmake -S "$work/src" -B "$work/build" -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS=-O0 \
    -DBUILD_TESTING=OFF >/dev/null
cmake --build "$work/build" --target stackpick -j "$(nproc)" >/dev/null

before="$("$work/build/stackpick" --version)"
grep -Eq '"version": "[^"]+"' "$work/src/data/knowledge_base.json"
sed -i -E 's/"version": "[^"]+"/"version": "edited-for-test"/' "$work/src/data/knowledge_base.json"
cmake --build "$work/build" --target stackpick -j "$(nproc)" >/dev/null
after="$("$work/build/stackpick" --version)"

echo "before: $before"
echo "after:  $after"
case "$after" in
    *"knowledge base edited-for-test"*) echo "1 passed, 0 failed" ;;
    *) echo "the rebuilt binary did not embed the edited data" >&2; exit 1 ;;
esac
