// Numbers as text, read and written (src/stackpick/util/number_text.cpp).
#include <cmath>

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

TEST_CASE("a computed figure is written with at most two decimals, -0 as 0", "[number_text]") {
    using stackpick::figure_text;
    CHECK(figure_text(-0.6000000000000001) == "-0.6");
    CHECK(figure_text(3.6999999999999993) == "3.7");
    CHECK(figure_text(1.0499999999999998) == "1.05");
    CHECK(figure_text(4.050000000000001) == "4.05");
    CHECK(figure_text(2.0250000000000004) == "2.03");
    CHECK(figure_text(10) == "10");
    CHECK(figure_text(-0.001) == "0");
    CHECK(figure_text(-0.0) == "0");
    CHECK(figure_text(4, {true}) == "+4");
    CHECK(figure_text(-1.5, {true}) == "-1.5");
    CHECK(figure_text(0, {true}) == "+0");
    CHECK(figure_text(1234567.891, {false, true}) == "1,234,567.89");
    CHECK(figure_text(-12450, {false, true}) == "-12,450");
}

TEST_CASE("rounded_figure rounds half away from zero, to fewer decimals on request",
          "[number_text]") {
    using stackpick::rounded_figure;
    CHECK(rounded_figure(0.125) == 0.13);
    CHECK(rounded_figure(-0.125) == -0.13);
    CHECK(rounded_figure(37.75, 1) == 37.8);
    CHECK(rounded_figure(68000.4, 0) == 68000);
    CHECK(std::signbit(rounded_figure(-0.004)) == false);
    CHECK(std::isinf(rounded_figure(INFINITY)));
}

TEST_CASE("figures agree within the rounding of a written figure", "[number_text]") {
    CHECK(stackpick::figures_agree(1.665, 1.67));
    CHECK(stackpick::figures_agree(0.1 + 0.2, 0.3));
    CHECK(stackpick::figures_agree(5, 5));
    CHECK_FALSE(stackpick::figures_agree(5, 4));
    CHECK_FALSE(stackpick::figures_agree(1.05, 1.07));
}
