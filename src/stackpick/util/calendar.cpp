#include "stackpick/util/calendar.hpp"

#include <fmt/format.h>

#include "stackpick/util/error.hpp"
#include "stackpick/util/number_text.hpp"

namespace stackpick {

namespace {

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : k_days[month - 1];
}

/// The digits of text[from, from + count) as a number, or -1 when one is not a digit.
int digits(std::string_view text, std::size_t from, std::size_t count) {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

}  // namespace

std::optional<CalendarDate> parse_calendar_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const CalendarDate date{digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)};
    if (date.year < 1 || date.month < 1 || date.month > 12 || date.day < 1 ||
        date.day > days_in_month(date.year, date.month))
        return std::nullopt;
    return date;
}

std::string calendar_date_text(const CalendarDate& date) {
    return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::optional<CalendarDate> calendar_date_from_unix_seconds(std::int64_t seconds) {
    // 253402300800 is 10000-01-01T00:00:00Z.
    if (seconds < 0 || seconds >= 253402300800) return std::nullopt;
    auto days = static_cast<int>(seconds / 86400);
    CalendarDate date;
    // Whole years, then whole months: at most 8,000 years and 12 months, cheap and plainly right.
    for (int length = is_leap_year(date.year) ? 366 : 365; days >= length;
         length = is_leap_year(date.year) ? 366 : 365) {
        days -= length;
        ++date.year;
    }
    while (days >= days_in_month(date.year, date.month)) {
        days -= days_in_month(date.year, date.month);
        ++date.month;
    }
    date.day = days + 1;
    return date;
}

CalendarDate today(const std::string& source_date_epoch, std::int64_t clock_seconds) {
    if (source_date_epoch.empty())
        return calendar_date_from_unix_seconds(clock_seconds).value_or(CalendarDate{});
    std::int64_t seconds = 0;
    bool valid = source_date_epoch.size() <= 12;
    for (const char c : source_date_epoch) {
        valid = valid && c >= '0' && c <= '9';
        if (valid) seconds = seconds * 10 + (c - '0');
    }
    const auto date = valid ? calendar_date_from_unix_seconds(seconds) : std::nullopt;
    if (!date)
        throw UsageError(fmt::format(
            "SOURCE_DATE_EPOCH: expected whole seconds since 1970 (as reproducible builds set "
            "it), got '{}'",
            printable_input(source_date_epoch)));
    return *date;
}

}  // namespace stackpick
