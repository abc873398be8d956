// Regression tests for what the fuzzers found (tests/fuzz/README.md, "Log"); the inputs
// themselves are in the corpora, which ctest replays.

#include <string>

#include <catch2/catch.hpp>

#include "stackpick/report/report.hpp"

using stackpick::terminal_safe;

TEST_CASE("terminal_safe replaces each byte of invalid UTF-8 with U+FFFD", "[fuzz][report]") {
    // fuzz_arguments: `--format mar\x91\x9b...` echoed the raw bytes to stderr.
    CHECK(terminal_safe("mar\x91\x9b") == "mar\uFFFD\uFFFD");
    CHECK(terminal_safe("\xC3") == "\uFFFD");                                // truncated sequence
    CHECK(terminal_safe("\xC0\xAF") == "\uFFFD\uFFFD");                      // overlong '/'
    CHECK(terminal_safe("\xED\xA0\x80") == "\uFFFD\uFFFD\uFFFD");            // a UTF-16 surrogate
    CHECK(terminal_safe("\xF4\x90\x80\x80") == "\uFFFD\uFFFD\uFFFD\uFFFD");  // past U+10FFFF
}

TEST_CASE("terminal_safe keeps valid UTF-8 and replaces control characters", "[fuzz][report]") {
    CHECK(terminal_safe("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") ==
          "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
    CHECK(terminal_safe("a\x1b[31mb\x7f") == "a\uFFFD[31mb\uFFFD");
    CHECK(terminal_safe("\xC2\x9B") == "\uFFFD");  // C1 control CSI
}
