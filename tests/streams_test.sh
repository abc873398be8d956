#!/usr/bin/env bash
# stdout that cannot be written (/dev/full) is exit 1 with a message; a reader that closes the
# pipe early (| head -c1) ends stackpick quietly with exit 0 (documented in the README).
set -uo pipefail
binary="$1"
failures=0
err="$("$binary" --realtime 2>&1 >/dev/full)"; code=$?
if [ "$code" -ne 1 ] || [ "$err" != "stackpick: error: cannot write to standard output: No space left on device" ]; then
    echo "/dev/full: exit $code, stderr '$err'"; failures=$((failures + 1))
fi
errors="$(mktemp)"
"$binary" facts performance --json 2>"$errors" | head -c1 >/dev/null; code=${PIPESTATUS[0]}
if [ "$code" -ne 0 ] || [ -s "$errors" ]; then
    echo "closed pipe: exit $code, stderr: $(cat "$errors")"; failures=$((failures + 1))
fi
rm -f "$errors"
echo "$(( 2 - failures )) passed, $failures failed"
[ "$failures" -eq 0 ]
