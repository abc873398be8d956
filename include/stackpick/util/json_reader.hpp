#pragma once
/// Typed, located reading of JSON objects written by people: every problem becomes a Diagnostic
/// with a JSON Pointer, and reading goes on so that one run reports them all.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/util/calendar.hpp"
#include "stackpick/util/diagnostics.hpp"

namespace stackpick {

enum class Presence { required, optional };

/// The JSON Pointer of item index of the array at base: ("/rules", 3) -> "/rules/3".
std::string index_pointer(std::string_view base, std::size_t index);

class ObjectReader {
  public:
    /// Reports "expected an object" if value is not one; later reads then return nothing.
    ObjectReader(const nlohmann::json& value, std::string file, std::string pointer,
                 Diagnostics& diagnostics);

    bool valid() const { return m_object != nullptr; }
    const std::string& file() const { return m_file; }
    const std::string& pointer() const { return m_pointer; }
    std::string pointer_to(std::string_view key) const;

    std::optional<std::string> string(std::string_view key, Presence presence);
    std::optional<bool> boolean(std::string_view key, Presence presence);
    /// A calendar date written "YYYY-MM-DD" (a day that exists).
    std::optional<CalendarDate> date(std::string_view key, Presence presence);
    std::optional<double> number(std::string_view key, Presence presence);
    std::optional<std::int64_t> integer(std::string_view key, Presence presence, std::int64_t min,
                                        std::int64_t max);
    /// A list of strings (each non-empty).
    std::optional<std::vector<std::string>> strings(std::string_view key, Presence presence);
    const nlohmann::json* array(std::string_view key, Presence presence);
    const nlohmann::json* object(std::string_view key, Presence presence);
    /// Any JSON value (null included) when present.
    const nlohmann::json* value(std::string_view key, Presence presence);

    /// Reports every key that no read asked for, with a did-you-mean.
    void reject_unknown_keys();

    void report(std::string_view key, std::string message);
    /// Reports at pointer_to(key) followed by a JSON Pointer suffix already escaped ("/0/var").
    void report_within(std::string_view key, std::string_view suffix, std::string message);

  private:
    const nlohmann::json* find(std::string_view key, Presence presence);

    const nlohmann::json* m_object = nullptr;
    std::string m_file;
    std::string m_pointer;
    Diagnostics& m_diagnostics;
    std::vector<std::string> m_known;
};

/// A JSON value shown in a message, shortened: "\"95\"", "[1,2]", "{...}".
std::string brief(const nlohmann::json& value);

}  // namespace stackpick
