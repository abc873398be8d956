# The checks of a binary-level shell test: `source` it, call `expect NAME EXPECTED ACTUAL` (or
# `fail MESSAGE`) for each check, and end the script with `finish`, which prints the count and
# returns non-zero when any check failed.
failures=0
checks=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# expect NAME EXPECTED ACTUAL: the two texts are equal.
expect() {
    checks=$((checks + 1))
    [ "$2" == "$3" ] || fail "$1: got
$3
expected
$2"
}

finish() {
    echo "$((checks - failures)) of $checks checks passed"
    [ "$failures" -eq 0 ]
}
