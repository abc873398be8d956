#pragma once
/// Calendar dates: "today" as reproducible builds define it (SOURCE_DATE_EPOCH), written once.

#include <cstdint>
#include <string>
#include <string_view>

namespace stackpick {

/// The UTC date of a time in seconds since 1970 as "YYYY-MM-DD".
std::string iso_date(std::int64_t seconds);

/// Seconds since 1970 for "now": the value of SOURCE_DATE_EPOCH when it is set (not empty), else
/// the clock. Throws UsageError when it is set but not a whole number of seconds >= 0.
std::int64_t now_seconds(std::string_view source_date_epoch);

}  // namespace stackpick
