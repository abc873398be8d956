#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium renders three answer sets (a hybrid, a
# tie, a single-stack pick with estimates) to PNG at desktop and phone widths and to PDF; the
# images must not be blank, and the page's text in the DOM must hold the pick and the sources.
#   browser_test.sh STACKPICK
# Skipped (exit 77) where no Chromium is installed (scripts/install-deps installs Debian's).
# Registered with the LABEL "browser" and only in the plain build (not under the sanitizers).
set -euo pipefail
binary="$1"
browser=""
for candidate in chromium chromium-headless-shell chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null; then browser="$(command -v "$candidate")"; break; fi
done
if [ -z "$browser" ]; then
    echo "browser_test: skipped: no headless Chromium installed (apt-get install chromium)"
    exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# As root Chromium needs --no-sandbox; the profile is thrown away with the folder.
chrome() {
    timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --no-first-run --hide-scrollbars --user-data-dir="$work/profile" "$@" 2>>"$work/browser.log"
}
fail() { echo "FAIL: $*"; [ -f "$work/browser.log" ] && tail -5 "$work/browser.log"; exit 1; }

# Not blank: a rendered page has many colours; a blank one a handful (PNG decoded here, so the
# test needs nothing beyond python3's standard library).
not_blank() {
    python3 - "$1" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit(f"{sys.argv[1]}: not a PNG")
at, idat, width, height = 8, b"", 0, 0
while at < len(data):
    length, kind = struct.unpack(">I4s", data[at:at + 8])
    chunk = data[at + 8:at + 8 + length]
    if kind == b"IHDR":
        width, height = struct.unpack(">II", chunk[:8])
    elif kind == b"IDAT":
        idat += chunk
    at += 12 + length
raw = zlib.decompress(idat)
distinct = len(set(raw[i:i + 3] for i in range(0, len(raw) - 3, 97)))
if width < 300 or height < 300 or distinct < 50:
    sys.exit(f"{sys.argv[1]}: looks blank ({width}x{height}, {distinct} distinct samples)")
PY
}

check_case() {
    local name="$1" pick="$2"; shift 2
    local page="$work/$name.html"
    "$binary" "$@" --format html -q -o "$page" || fail "$name: stackpick $* exited $?"
    chrome --window-size=1280,1600 --screenshot="$work/$name-desktop.png" "file://$page" ||
        fail "$name: desktop screenshot"
    chrome --window-size=390,1600 --screenshot="$work/$name-phone.png" "file://$page" ||
        fail "$name: phone screenshot"
    chrome --print-to-pdf="$work/$name.pdf" --no-pdf-header-footer "file://$page" ||
        fail "$name: PDF"
    not_blank "$work/$name-desktop.png" || fail "$name: desktop image"
    not_blank "$work/$name-phone.png" || fail "$name: phone image"
    head -c 5 "$work/$name.pdf" | grep -q '%PDF-' || fail "$name: not a PDF"
    [ "$(stat -c %s "$work/$name.pdf")" -gt 20000 ] || fail "$name: the PDF is nearly empty"
    chrome --dump-dom "file://$page" >"$work/$name.dom" || fail "$name: --dump-dom"
    grep -q "$pick" "$work/$name.dom" || fail "$name: the DOM lacks the pick '$pick'"
    grep -q '<h2>Sources</h2>' "$work/$name.dom" || fail "$name: the DOM lacks the sources"
    grep -q 'Node.js vs Python for Your Backend: A Practical Guide' "$work/$name.dom" ||
        fail "$name: the DOM lacks a source's title"
    echo "ok: $name (desktop, phone, PDF, DOM)"
}

check_case hybrid "Chosen option: <strong>Node.js + Python</strong>" --realtime --ml
check_case tie "Backend stack: no clear pick between Node.js and Python" --product content
check_case single "Chosen option: <strong>Node.js</strong>" --product api --team-size 2 \
    --months 3 --rate 100 --concurrent-users 50000
echo "browser_test: 3 answer sets rendered by $browser"
