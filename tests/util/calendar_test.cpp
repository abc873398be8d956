// Dates of the knowledge base (review_by, retrieved) and of SOURCE_DATE_EPOCH.
#include <catch2/catch.hpp>

#include "stackpick/util/calendar.hpp"

using stackpick::calendar_date_from_unix_seconds;
using stackpick::calendar_date_text;
using stackpick::CalendarDate;
using stackpick::parse_calendar_date;

TEST_CASE("a calendar date is read only in its ISO form, with a day the month has") {
    CHECK(parse_calendar_date("2026-12-04") == CalendarDate{2026, 12, 4});
    CHECK(parse_calendar_date("2024-02-29") == CalendarDate{2024, 2, 29});
    CHECK(parse_calendar_date("2000-02-29") == CalendarDate{2000, 2, 29});
    CHECK_FALSE(parse_calendar_date("2027-02-29"));
    CHECK_FALSE(parse_calendar_date("1900-02-29"));
    CHECK_FALSE(parse_calendar_date("2026-04-31"));
    CHECK_FALSE(parse_calendar_date("2026-13-01"));
    CHECK_FALSE(parse_calendar_date("2026-00-10"));
    CHECK_FALSE(parse_calendar_date("2026-12-00"));
    CHECK_FALSE(parse_calendar_date("2026-1-04"));
    CHECK_FALSE(parse_calendar_date(" 2026-12-04"));
    CHECK_FALSE(parse_calendar_date("2026-12-04T10:00"));
    CHECK_FALSE(parse_calendar_date("2026/12/04"));
    CHECK_FALSE(parse_calendar_date("+026-12-04"));
    CHECK_FALSE(parse_calendar_date(""));
}

TEST_CASE("a calendar date is written back as it was read") {
    for (const char* text : {"2026-12-04", "0001-01-01", "9999-12-31", "2024-02-29"})
        CHECK(calendar_date_text(*parse_calendar_date(text)) == text);
}

TEST_CASE("seconds since 1970 become the UTC date, leap days and year ends included") {
    CHECK(calendar_date_from_unix_seconds(0) == CalendarDate{1970, 1, 1});
    CHECK(calendar_date_from_unix_seconds(86399) == CalendarDate{1970, 1, 1});
    CHECK(calendar_date_from_unix_seconds(86400) == CalendarDate{1970, 1, 2});
    CHECK(calendar_date_from_unix_seconds(951782400) == CalendarDate{2000, 2, 29});
    CHECK(calendar_date_from_unix_seconds(978220800) == CalendarDate{2000, 12, 31});
    CHECK(calendar_date_from_unix_seconds(1764806400) == CalendarDate{2025, 12, 4});
    CHECK(calendar_date_from_unix_seconds(1796342399) == CalendarDate{2026, 12, 3});
    CHECK(calendar_date_from_unix_seconds(1796342400) == CalendarDate{2026, 12, 4});
    CHECK(calendar_date_from_unix_seconds(253402300799) == CalendarDate{9999, 12, 31});
    CHECK_FALSE(calendar_date_from_unix_seconds(253402300800));
    CHECK_FALSE(calendar_date_from_unix_seconds(-1));
}

TEST_CASE("today is SOURCE_DATE_EPOCH's day when it is set, else the clock's") {
    using stackpick::today;
    CHECK(today("", 1796342400) == CalendarDate{2026, 12, 4});
    CHECK(today("1764806400", 1796342400) == CalendarDate{2025, 12, 4});
    CHECK(today("0", 1796342400) == CalendarDate{1970, 1, 1});
    for (const char* bad : {"abc", "-1", "1e9", " 1764806400", "99999999999999", "1.5"})
        CHECK_THROWS_WITH(today(bad, 0), std::string("SOURCE_DATE_EPOCH: expected whole seconds "
                                                     "since 1970 (as reproducible builds set "
                                                     "it), got '") +
                                             bad + "'");
}
