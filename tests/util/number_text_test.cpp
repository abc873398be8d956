// Numbers typed by a person (src/stackpick/util/number_text.cpp).
#include <catch2/catch.hpp>

#include "stackpick/util/error.hpp"
#include "stackpick/util/number_text.hpp"

namespace {

std::string error_of(const std::string& text, bool whole) {
    try {
        stackpick::parse_number_text("--jobs", text, 1, 256, whole);
    } catch (const stackpick::UsageError& error) {
        return error.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("typed numbers are plain decimals in their range", "[number_text]") {
    CHECK(stackpick::parse_number_text("--weight realtime", "2.5", 0, 100, false) == 2.5);
    CHECK(stackpick::parse_number_text("--jobs", "256", 1, 256, true) == 256);
    CHECK(error_of("0", true) == "--jobs: must be a whole number in 1..256, got '0'");
    CHECK(error_of("1.5", true) == "--jobs: must be a whole number in 1..256, got '1.5'");
    CHECK(error_of("0x10", true) == "--jobs: must be a whole number in 1..256, got '0x10'");
    CHECK(error_of("+5", false) == "--jobs: must be a number in 1..256, got '+5'");
    CHECK(error_of("1e3", false) == "--jobs: must be a number in 1..256, got '1e3'");
    CHECK(error_of("nan", false) == "--jobs: must be a number in 1..256, got 'nan'");
    CHECK(error_of("4\x1b", true) == "--jobs: must be a whole number in 1..256, got '4\\x1b'");
    CHECK(error_of(std::string(100, '9'), true) ==
          "--jobs: must be a whole number in 1..256, got '" + std::string(57, '9') + "...'");
}
