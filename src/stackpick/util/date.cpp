#include "stackpick/util/date.hpp"

#include <charconv>
#include <chrono>

#include <fmt/format.h>

#include "stackpick/util/error.hpp"

namespace stackpick {

std::string iso_date(std::int64_t seconds) {
    // Days to a civil date (Howard Hinnant's days_from_civil inverted), exact for any day.
    std::int64_t days = seconds / 86400 - (seconds % 86400 < 0 ? 1 : 0);
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t day_of_era = days - era * 146097;
    const std::int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const std::int64_t day_of_year =
        day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t month_index = (5 * day_of_year + 2) / 153;
    const std::int64_t day = day_of_year - (153 * month_index + 2) / 5 + 1;
    const std::int64_t month = month_index < 10 ? month_index + 3 : month_index - 9;
    const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
    return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::int64_t now_seconds(std::string_view source_date_epoch) {
    if (source_date_epoch.empty())
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    std::int64_t seconds = 0;
    const char* end = source_date_epoch.data() + source_date_epoch.size();
    const auto [stop, error] = std::from_chars(source_date_epoch.data(), end, seconds);
    // As reproducible builds ask: a malformed value is an error, never a silent clock.
    if (error != std::errc() || stop != end || seconds < 0 ||
        !(source_date_epoch.front() >= '0' && source_date_epoch.front() <= '9'))
        throw UsageError(fmt::format("SOURCE_DATE_EPOCH: expected seconds since 1970, got '{}'",
                                     source_date_epoch.substr(0, 40)));
    return seconds;
}

}  // namespace stackpick
