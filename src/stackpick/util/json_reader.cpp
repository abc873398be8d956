#include "stackpick/util/json_reader.hpp"

#include <cmath>

#include <fmt/format.h>

#include "stackpick/util/json_file.hpp"
#include "stackpick/util/number_text.hpp"
#include "stackpick/util/suggest.hpp"

namespace stackpick {

std::string brief(const nlohmann::json& value) {
    if (value.is_object()) return value.empty() ? "{}" : "{...}";
    if (value.is_array()) return value.empty() ? "[]" : "[...]";
    std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (text.size() > 40) text = text.substr(0, 37) + "...";
    return text;
}

ObjectReader::ObjectReader(const nlohmann::json& value, std::string file, std::string pointer,
                           Diagnostics& diagnostics)
    : m_file(std::move(file)), m_pointer(std::move(pointer)), m_diagnostics(diagnostics) {
    if (value.is_object())
        m_object = &value;
    else
        m_diagnostics.add(m_file, m_pointer.empty() ? "/" : m_pointer,
                          fmt::format("expected an object, got {}", describe_type(value)));
}

std::string index_pointer(std::string_view base, std::size_t index) {
    return fmt::format("{}/{}", base, index);
}

std::string ObjectReader::pointer_to(std::string_view key) const {
    return m_pointer + "/" + escape_pointer_token(key);
}

void ObjectReader::report(std::string_view key, std::string message) {
    m_diagnostics.add(m_file, pointer_to(key), std::move(message));
}

void ObjectReader::report_within(std::string_view key, std::string_view suffix,
                                 std::string message) {
    m_diagnostics.add(m_file, pointer_to(key) + std::string(suffix), std::move(message));
}

const nlohmann::json* ObjectReader::find(std::string_view key, Presence presence) {
    m_known.emplace_back(key);
    if (!m_object) return nullptr;
    auto it = m_object->find(key);
    if (it == m_object->end()) {
        if (presence == Presence::required)
            m_diagnostics.add(m_file, m_pointer.empty() ? "/" : m_pointer,
                              fmt::format("missing required key \"{}\"", key));
        return nullptr;
    }
    return &*it;
}

std::optional<std::string> ObjectReader::string(std::string_view key, Presence presence) {
    const auto* value = find(key, presence);
    if (!value || (value->is_null() && presence == Presence::optional)) return std::nullopt;
    if (!value->is_string()) {
        report(key, fmt::format("expected a string, got {}", describe_type(*value)));
        return std::nullopt;
    }
    if (value->get_ref<const std::string&>().empty()) {
        report(key, "expected a non-empty string");
        return std::nullopt;
    }
    return value->get<std::string>();
}

std::optional<CalendarDate> ObjectReader::date(std::string_view key, Presence presence) {
    const auto text = string(key, presence);
    if (!text) return std::nullopt;
    const auto date = parse_calendar_date(*text);
    if (!date)
        report(key, fmt::format("expected a date as YYYY-MM-DD, got '{}'", printable_input(*text)));
    return date;
}

std::optional<bool> ObjectReader::boolean(std::string_view key, Presence presence) {
    const auto* value = find(key, presence);
    if (!value || (value->is_null() && presence == Presence::optional)) return std::nullopt;
    if (!value->is_boolean()) {
        report(key, fmt::format("expected true or false, got {}", brief(*value)));
        return std::nullopt;
    }
    return value->get<bool>();
}

std::optional<double> ObjectReader::number(std::string_view key, Presence presence) {
    const auto* value = find(key, presence);
    if (!value || (value->is_null() && presence == Presence::optional)) return std::nullopt;
    if (!value->is_number()) {
        report(key, fmt::format("expected a number, got {}", brief(*value)));
        return std::nullopt;
    }
    const double number = value->get<double>();
    if (!std::isfinite(number)) {
        report(key, "number out of range");
        return std::nullopt;
    }
    return number;
}

std::optional<std::int64_t> ObjectReader::integer(std::string_view key, Presence presence,
                                                  std::int64_t min, std::int64_t max) {
    const auto* value = find(key, presence);
    if (!value || (value->is_null() && presence == Presence::optional)) return std::nullopt;
    const bool whole =
        value->is_number_integer() ||
        (value->is_number_float() && std::trunc(value->get<double>()) == value->get<double>());
    if (!value->is_number() || !whole) {
        report(key,
               fmt::format("expected a whole number in {}..{}, got {}", min, max, brief(*value)));
        return std::nullopt;
    }
    const double as_double = value->get<double>();
    if (as_double < static_cast<double>(min) || as_double > static_cast<double>(max)) {
        report(key, fmt::format("{} is out of range {}..{}", brief(*value), min, max));
        return std::nullopt;
    }
    return static_cast<std::int64_t>(as_double);
}

std::optional<std::vector<std::string>> ObjectReader::strings(std::string_view key,
                                                              Presence presence) {
    const auto* value = find(key, presence);
    if (!value || (value->is_null() && presence == Presence::optional)) return std::nullopt;
    if (!value->is_array()) {
        report(key, fmt::format("expected a list of strings, got {}", describe_type(*value)));
        return std::nullopt;
    }
    std::vector<std::string> result;
    bool ok = true;
    for (std::size_t i = 0; i < value->size(); ++i) {
        const auto& item = (*value)[i];
        if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
            m_diagnostics.add(m_file, pointer_to(key) + "/" + std::to_string(i),
                              fmt::format("expected a non-empty string, got {}", brief(item)));
            ok = false;
            continue;
        }
        result.push_back(item.get<std::string>());
    }
    if (!ok) return std::nullopt;
    return result;
}

const nlohmann::json* ObjectReader::array(std::string_view key, Presence presence) {
    const auto* value = find(key, presence);
    if (!value || (value->is_null() && presence == Presence::optional)) return nullptr;
    if (!value->is_array()) {
        report(key, fmt::format("expected an array, got {}", describe_type(*value)));
        return nullptr;
    }
    return value;
}

const nlohmann::json* ObjectReader::object(std::string_view key, Presence presence) {
    const auto* value = find(key, presence);
    if (!value || (value->is_null() && presence == Presence::optional)) return nullptr;
    if (!value->is_object()) {
        report(key, fmt::format("expected an object, got {}", describe_type(*value)));
        return nullptr;
    }
    return value;
}

const nlohmann::json* ObjectReader::value(std::string_view key, Presence presence) {
    return find(key, presence);
}

void ObjectReader::reject_unknown_keys() {
    if (!m_object) return;
    for (const auto& [key, item] : m_object->items()) {
        if (key == "$schema" || key == "$comment") continue;
        bool known = false;
        for (const auto& name : m_known) known = known || name == key;
        if (!known)
            report(key, fmt::format("unknown key \"{}\"{}", key, did_you_mean(key, m_known)));
    }
}

}  // namespace stackpick
