#!/usr/bin/env bash
# Builds the .deb with CPack and checks its contents and dependencies with dpkg-deb.
set -euo pipefail
build_dir="$1"
# How stackpick is linked (CMakeLists.txt): "all" a static PIE (the default), "libstdcxx" with
# libstdc++ and fmt linked in, "shared" with neither.
linkage="${2:-shared}"
command -v dpkg-deb >/dev/null && command -v dpkg-shlibdeps >/dev/null || { echo "skipped: dpkg-dev not installed"; exit 77; }
rm -rf "$build_dir/package"
(cd "$build_dir" && cpack -G DEB >/dev/null)
deb="$(ls "$build_dir"/package/stackpick_*.deb)"
contents="$(dpkg-deb -c "$deb")"
depends="$(dpkg-deb -f "$deb" Depends)"
failures=0
for path in ./usr/bin/stackpick ./usr/share/man/man1/stackpick.1.gz ./usr/share/stackpick/data/rules.json \
            ./usr/share/bash-completion/completions/stackpick ./usr/share/doc/stackpick/LICENSE; do
    grep -qF " $path" <<<"$contents" || { echo "missing from the package: $path"; failures=$((failures + 1)); }
done
if [ "$linkage" = all ]; then
    # Everything linked in: the package needs no library at all.
    [ -z "$depends" ] || { echo "Depends names libraries of a static binary: '$depends'"; failures=$((failures + 1)); }
    # ... and the packaged binary loads none, and runs.
    binary="$build_dir/package/stackpick.extracted"
    dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/bin/stackpick >"$binary"
    chmod +x "$binary"
    ! readelf -d "$binary" | grep -q NEEDED || { echo "the packaged binary needs shared libraries"; failures=$((failures + 1)); }
    "$binary" --version >/dev/null || { echo "the packaged binary does not run"; failures=$((failures + 1)); }
else
    grep -q "libc6" <<<"$depends" || { echo "Depends lacks libc6: '$depends'"; failures=$((failures + 1)); }
fi
if [ "$linkage" = libstdcxx ]; then
    # Linked in: a dependency on them would mean the start-up cost is back (CMakeLists.txt).
    ! grep -qE "libstdc\+\+|libfmt" <<<"$depends" || { echo "Depends names libstdc++ or libfmt: '$depends'"; failures=$((failures + 1)); }
elif [ "$linkage" = shared ]; then
    grep -q "libfmt9" <<<"$depends" || { echo "Depends lacks libfmt9: '$depends'"; failures=$((failures + 1)); }
fi
echo "package: $(basename "$deb"); Depends: $depends"
echo "$(( 7 - failures )) passed, $failures failed"
[ "$failures" -eq 0 ]
