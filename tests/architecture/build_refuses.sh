#!/bin/sh
# The build itself refuses a wrong-way include: with the engine layer's include roots (what
# stackpick_engine compiles with), a source may include an engine header but not a report one.
#   build_refuses.sh CXX INCLUDE_DIR...
set -u
compiler=$1
shift
flags="-std=c++20 -fsyntax-only"
for directory in "$@"; do flags="$flags -I$directory"; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '#include "stackpick/engine/engine.hpp"\n' > "$work/right_way.cpp"
printf '#include "stackpick/report/report.hpp"\n' > "$work/wrong_way.cpp"

# shellcheck disable=SC2086  # flags are words on purpose
if ! $compiler $flags "$work/right_way.cpp" 2> "$work/right.err"; then
    echo "an engine source cannot include its own layer's header:" >&2
    cat "$work/right.err" >&2
    exit 1
fi
# shellcheck disable=SC2086
if $compiler $flags "$work/wrong_way.cpp" 2> "$work/wrong.err"; then
    echo "an engine source compiled with an include of the report layer above it" >&2
    exit 1
fi
# GCC: "...report.hpp: No such file or directory"; clang: "'...report.hpp' file not found".
if ! grep -Eq "stackpick/report/report.hpp(: No such file or directory|' file not found)" "$work/wrong.err"; then
    echo "the wrong-way include failed, but not for want of the header:" >&2
    cat "$work/wrong.err" >&2
    exit 1
fi
echo "ok: the engine layer sees engine headers and not report headers"
