#include "stackpick/util/date.hpp"

#include <catch2/catch.hpp>

#include "stackpick/util/error.hpp"

using namespace stackpick;

TEST_CASE("iso_date writes the UTC day of a time in seconds", "[date]") {
    CHECK(iso_date(0) == "1970-01-01");
    CHECK(iso_date(86399) == "1970-01-01");
    CHECK(iso_date(86400) == "1970-01-02");
    CHECK(iso_date(951782400) == "2000-02-29");
    CHECK(iso_date(1798675200) == "2026-12-31");
    CHECK(iso_date(-1) == "1969-12-31");
}

TEST_CASE("now_seconds takes SOURCE_DATE_EPOCH when it is set", "[date]") {
    CHECK(now_seconds("1798675200") == 1798675200);
    CHECK(now_seconds("") > 1700000000);
    CHECK_THROWS_AS(now_seconds("yesterday"), UsageError);
    CHECK_THROWS_AS(now_seconds("-5"), UsageError);
    CHECK_THROWS_AS(now_seconds("+5"), UsageError);
    CHECK_THROWS_AS(now_seconds("12 "), UsageError);
}
