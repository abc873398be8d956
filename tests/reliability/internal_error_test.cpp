// The last line of defence (RELIABILITY.md case 30): an exception stackpick did not expect is
// reported as one "internal error" line with the version and exit 1, never "terminate called".
// The binary's own path to it (memory running out) is case 30 of reliability_test.py.

#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "stackpick/cli/cli.hpp"
#include "stackpick/version.hpp"

using namespace stackpick;

TEST_CASE("reliability 30: report_internal_error prints one line with the version and returns 1",
          "[reliability]") {
    std::ostringstream err;
    Console console;
    console.err = &err;
    CHECK(report_internal_error("vector::_M_range_check: __n (which is 3) >= this->size()",
                                console) == 1);
    CHECK(err.str() == std::string("stackpick: internal error: vector::_M_range_check: __n (which "
                                   "is 3) >= this->size()\n(stackpick ") +
                           k_version + "; please report this with the command you ran)\n");
    CHECK(console.out.empty());
}

TEST_CASE("reliability 30: an internal error's text cannot drive the terminal", "[reliability]") {
    std::ostringstream err;
    Console console;
    console.err = &err;
    CHECK(report_internal_error("bad \x1b[2J\x1b]0;title\x07 text\n", console) == 1);
    CHECK(err.str().find('\x1b') == std::string::npos);
    CHECK(err.str().find('\x07') == std::string::npos);
    CHECK(err.str().rfind("stackpick: internal error: bad ", 0) == 0);
}

TEST_CASE("reliability 30: a stackpick::Error is reported with its own exit code and hint",
          "[reliability]") {
    std::ostringstream err;
    Console console;
    console.err = &err;
    CHECK(report_error(DataError("'x.json' is empty", "write an answers object"), console) == 3);
    CHECK(err.str() == "stackpick: error: 'x.json' is empty\nhint: write an answers object\n");
}
