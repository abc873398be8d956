#!/usr/bin/env bash
# The compiled cache of a --data-dir, as a user meets it (issue 22): the first run stores one
# entry under $XDG_CACHE_HOME/stackpick, later runs read it back (the entry is left untouched,
# which only a valid hit does: a miss always writes it again), and output never depends on it.
#   cache_test.sh STACKPICK DATA_DIR
set -uo pipefail
binary="$(realpath "$1")"
data="$2"
# expect, fail and finish
source "$(dirname "$0")/../support/expect.sh"

work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
unset STACKPICK_NO_CACHE STACKPICK_DATA_DIR XDG_CACHE_HOME
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1796083200}"

# new_kb NAME [SPACES]: a copy of the shipped knowledge base, its questions.json followed by
# SPACES blanks (the same knowledge, other bytes: another cache key).
new_kb() {
    mkdir -p "$work/$1"
    cp "$data"/*.json "$work/$1/"
    printf '%*s' "${2:-0}" '' >>"$work/$1/questions.json"
}
# run ARGUMENTS...: sets out, err and rc (with the environment the caller exported).
run() {
    out="$("$binary" "$@" 2>"$work/err")"
    rc=$?
    err="$(cat "$work/err")"
}
entries() { find "$1" -maxdepth 1 -name 'kb-*.snapshot' 2>/dev/null | sort; }
count() { entries "$1" | grep -c . ; }
identity() { stat -c '%i %Y %s' "$1"; }

new_kb kb
args=(--data-dir "$work/kb" --realtime --ml --json)
reference="$(XDG_CACHE_HOME="$work/none" "$binary" "${args[@]}" --no-cache)"
expect "--no-cache: writes nothing" "" "$(ls -A "$work" | grep none)"
STACKPICK_NO_CACHE=1 XDG_CACHE_HOME="$work/none" "$binary" "${args[@]}" >/dev/null
expect "STACKPICK_NO_CACHE=1: writes nothing" "" "$(ls -A "$work" | grep none)"

export XDG_CACHE_HOME="$work/xdg"
cache="$XDG_CACHE_HOME/stackpick"
run "${args[@]}"
expect "first run: exit 0" "0" "$rc"
expect "first run: nothing on stderr" "" "$err"
expect "first run: the output without the cache" "$reference" "$out"
expect "first run: one entry" "1" "$(count "$cache")"
expect "the cache directory is the user's alone" "700" "$(stat -c %a "$cache")"
entry="$(entries "$cache")"
good="$(sha256sum <"$entry")"
before="$(identity "$entry")"
sleep 1.1  # a rewrite would show in the modification time
run "${args[@]}"
expect "second run: byte-identical output" "$reference" "$out"
expect "second run: nothing on stderr" "" "$err"
expect "second run: the entry read, not written again" "$before" "$(identity "$entry")"
expect "second run: still one entry" "1" "$(count "$cache")"
run "${args[@]}" --no-cache
expect "--no-cache with an entry there: same output" "$reference" "$out"

# Damaged entries: each is ignored, and rewritten whole.
damage() {
    case "$1" in
        byte) printf 'X' | dd of="$entry" bs=1 seek=$(($(stat -c %s "$entry") / 2)) conv=notrunc status=none ;;
        header) printf 'Y' | dd of="$entry" bs=1 seek=20 conv=notrunc status=none ;;
        truncated) truncate -s $(($(stat -c %s "$entry") - 100)) "$entry" ;;
        empty) : >"$entry" ;;
        foreign) echo '{"rules": []}' >"$entry" ;;
    esac
}
for kind in byte header truncated empty foreign; do
    damage "$kind"
    run "${args[@]}"
    expect "$kind entry: exit 0" "0" "$rc"
    expect "$kind entry: same output" "$reference" "$out"
    expect "$kind entry: nothing on stderr" "" "$err"
    expect "$kind entry: rewritten whole" "$good" "$(sha256sum <"$entry")"
done

# validate never reads the cache: with a good entry there it checks the files themselves.
validated="$("$binary" validate --data-dir "$work/kb" --json --no-cache)"
run validate --data-dir "$work/kb" --json
expect "validate with an entry: the same report" "$validated" "$out"
printf ' ' >>"$work/kb/rules.json"
run validate --data-dir "$work/kb" --json
expect "validate after an edit: the same report" "$validated" "$out"

# One changed rule is another key (and the output follows the files, not an old entry).
python3 - "$work/kb/rules.json" <<'PY'
import json, sys
path = sys.argv[1]
document = json.load(open(path))
for rule in document["rules"]:
    if rule["id"] == "realtime-and-ml-split":
        rule["reason"] += " (edited)"
json.dump(document, open(path, "w"), indent=2)
PY
before_edit="$(entries "$cache")"
edited_reference="$(XDG_CACHE_HOME="$work/none" "$binary" --data-dir "$work/kb" --realtime --ml --no-cache)"
expect "an edited rule: the edit is in the output" "yes" \
    "$(grep -q '(edited)' <<<"$edited_reference" && echo yes)"
run --data-dir "$work/kb" --realtime --ml
expect "an edited rule: exit 0" "0" "$rc"
expect "an edited rule: the output of the files as they are" "$edited_reference" "$out"
expect "an edited rule: a new entry beside the old" "3" "$(count "$cache")"
expect "an edited rule: the old entries kept" "" "$(comm -23 <(echo "$before_edit") <(entries "$cache"))"

# At most 8 entries, however many knowledge bases are loaded; the newest is among them.
for n in 1 2 3 4 5 6 7 8 9 10; do
    new_kb "many$n" "$n"
    "$binary" --data-dir "$work/many$n" --json >/dev/null 2>&1 || fail "many$n: exit $?"
done
expect "ten more knowledge bases: eight entries kept" "8" "$(count "$cache")"
XDG_CACHE_HOME="$work/probe" "$binary" --data-dir "$work/many10" --json >/dev/null
newest="$(basename "$(entries "$work/probe/stackpick")")"
expect "the newest entry is kept" "yes" "$([ -n "$newest" ] && [ -f "$cache/$newest" ] && echo yes)"

# A cache that cannot be had: the same output, nothing on stderr.
new_kb fresh 42
fresh_reference="$(XDG_CACHE_HOME="$work/none" "$binary" --data-dir "$work/fresh" --json --realtime --no-cache)"
echo "a file" >"$work/file"
XDG_CACHE_HOME="$work/file" run --data-dir "$work/fresh" --json --realtime
expect "cache directory uncreatable: exit 0" "0" "$rc"
expect "cache directory uncreatable: same output" "$fresh_reference" "$out"
expect "cache directory uncreatable: nothing on stderr" "" "$err"
if [ "$(id -u)" != 0 ]; then
    mkdir -p "$work/readonly/stackpick" && chmod 555 "$work/readonly/stackpick"
    readonly_home="$work/readonly"
else
    readonly_home=/proc/self  # root writes anywhere chmod allows; not into /proc
fi
XDG_CACHE_HOME="$readonly_home" run --data-dir "$work/fresh" --json --realtime
expect "cache directory read-only: exit 0" "0" "$rc"
expect "cache directory read-only: same output" "$fresh_reference" "$out"
expect "cache directory read-only: nothing on stderr" "" "$err"
expect "cache directory read-only: nothing written" "0" "$(count "$readonly_home/stackpick")"

# Without XDG_CACHE_HOME (unset, empty or relative, which the specification says to ignore):
# ~/.cache/stackpick.
for value in unset empty relative; do
    home="$work/home-$value"
    mkdir -p "$home"
    case "$value" in
        unset) (unset XDG_CACHE_HOME; HOME="$home" "$binary" --data-dir "$work/fresh" --json --realtime >"$work/out") ;;
        empty) XDG_CACHE_HOME= HOME="$home" "$binary" --data-dir "$work/fresh" --json --realtime >"$work/out" ;;
        relative) (cd "$work" && XDG_CACHE_HOME=rel HOME="$home" "$binary" --data-dir "$work/fresh" --json --realtime >"$work/out") ;;
    esac
    expect "XDG_CACHE_HOME $value: same output" "$fresh_reference" "$(cat "$work/out")"
    expect "XDG_CACHE_HOME $value: one entry under HOME/.cache" "1" "$(count "$home/.cache/stackpick")"
done
expect "a relative XDG_CACHE_HOME is not used" "" "$(ls -A "$work" | grep -x rel)"

# Eight processes at once on an empty cache: every one gives the same output; one entry, no
# temporary file left.
export XDG_CACHE_HOME="$work/parallel"
for i in 1 2 3 4 5 6 7 8; do
    "$binary" --data-dir "$work/fresh" --json --realtime >"$work/parallel-$i.out" 2>"$work/parallel-$i.err" &
done
wait
for i in 1 2 3 4 5 6 7 8; do
    expect "process $i of 8: same output" "$fresh_reference" "$(cat "$work/parallel-$i.out")"
    expect "process $i of 8: nothing on stderr" "" "$(cat "$work/parallel-$i.err")"
done
expect "eight processes: one entry" "1" "$(count "$XDG_CACHE_HOME/stackpick")"
expect "eight processes: no temporary file left" "" "$(ls -A "$XDG_CACHE_HOME/stackpick" | grep -v '^kb-')"

# An invalid knowledge base: the same messages as ever, and nothing stored.
new_kb broken
echo '{"rules": [}' >"$work/broken/rules.json"
XDG_CACHE_HOME="$work/none" "$binary" --data-dir "$work/broken" --json >/dev/null 2>"$work/expected-err"
XDG_CACHE_HOME="$work/broken-cache" run --data-dir "$work/broken" --json
expect "invalid data: exit 3" "3" "$rc"
expect "invalid data: the same messages" "$(cat "$work/expected-err")" "$err"
expect "invalid data: nothing stored" "0" "$(count "$work/broken-cache/stackpick")"

expect "--help names --no-cache" "yes" "$("$binary" --help | grep -q -- '--no-cache  ' && echo yes)"
finish
