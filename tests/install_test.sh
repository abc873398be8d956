#!/usr/bin/env bash
# cmake --install into a temporary prefix; the installed binary runs from / with its embedded
# knowledge base and prints the same JSON as the build tree's.
set -euo pipefail
build_dir="$1"; built_binary="$2"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build_dir" --prefix "$prefix" >/dev/null
failures=0
for file in bin/stackpick share/stackpick/data/rules.json share/stackpick/schema/recommendation.schema.json \
            share/doc/stackpick/README.md share/doc/stackpick/LICENSE \
            share/bash-completion/completions/stackpick share/zsh/vendor-completions/_stackpick \
            share/fish/vendor_completions.d/stackpick.fish; do
    [ -e "$prefix/$file" ] || { echo "not installed: $file"; failures=$((failures + 1)); }
done
installed="$(cd / && env -i PATH=/usr/bin:/bin "$prefix/bin/stackpick" --realtime --ml --json)"
built="$(cd / && env -i PATH=/usr/bin:/bin "$built_binary" --realtime --ml --json)"
[ "$installed" = "$built" ] || { echo "the installed binary's JSON differs from the build tree's"; failures=$((failures + 1)); }
echo "$(( 9 - failures )) passed, $failures failed"
[ "$failures" -eq 0 ]
