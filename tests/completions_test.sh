#!/usr/bin/env bash
# Loads the generated bash completion in bash and checks what a user would get at <TAB>.
set -euo pipefail
binary="$1"
script="$(mktemp)"
trap 'rm -f "$script"' EXIT
"$binary" completions bash > "$script"
complete_words() {  # complete_words WORD... (the last one is being completed)
    bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _stackpick; echo "${COMPREPLY[*]}"' \
        _ "$script" stackpick "$@"
}
failures=0
check() {  # check EXPECTED WORD...
    local expected="$1"; shift
    local actual; actual="$(complete_words "$@")"
    if [ "$actual" != "$expected" ]; then
        echo "completing '$*': expected '$expected', got '$actual'"; failures=$((failures + 1))
    fi
}
check "--team --team-size" --te
check "javascript python mixed none beginners" --team ""
check "python" --team py
check "text json markdown html" --format ""
check "facts" fa
check "--realtime" --realti
echo "$(( 6 - failures )) passed, $failures failed"
[ "$failures" -eq 0 ]
