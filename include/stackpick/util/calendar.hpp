#pragma once
/// Calendar dates as the knowledge base writes them (ISO 8601, "2026-12-04"): read strictly,
/// compared, and made from a count of seconds since 1970 (SOURCE_DATE_EPOCH or the clock, which
/// only the cli layer reads). Proleptic Gregorian calendar, UTC, years 1970-9999.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace stackpick {

struct CalendarDate {
    int year = 1970;
    int month = 1;  ///< 1-12
    int day = 1;    ///< 1-31, valid for the month

    auto operator<=>(const CalendarDate&) const = default;
};

/// "YYYY-MM-DD" with a day that exists (no 2027-02-29); anything else, including surrounding
/// spaces or a time of day, is nullopt.
std::optional<CalendarDate> parse_calendar_date(std::string_view text);

/// "2026-12-04".
std::string calendar_date_text(const CalendarDate& date);

/// The UTC date `seconds` after 1970-01-01T00:00:00Z; nullopt before 1970 or after 9999.
std::optional<CalendarDate> calendar_date_from_unix_seconds(std::int64_t seconds);

/// Today's date: the day of `source_date_epoch` (SOURCE_DATE_EPOCH, as reproducible builds set
/// it) when not empty, else of `clock_seconds`. Throws UsageError when SOURCE_DATE_EPOCH is not
/// a whole number of seconds between 1970 and 9999.
CalendarDate today(const std::string& source_date_epoch, std::int64_t clock_seconds);

}  // namespace stackpick
