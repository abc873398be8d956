#pragma once
// Private to the JSON renderers (report, estimates): one function template writes a document
// through either writer below, so the nlohmann document (--json, tests) and the compact text
// `stackpick batch` prints per line cannot drift apart. write_object() and write_members() at the
// end write an object's members from a list, the same way through both.
//
// JsonTextWriter appends exactly the bytes that dump(indent, ' ', false,
// error_handler_t::replace) gives for the document JsonBuilder builds, compact (batch lines) or
// indented (`--json`), without building it: building an ordered_json costs an allocation per
// member, and growing an object copies its earlier members deeply.

#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include "stackpick/util/number_text.hpp"

namespace stackpick::detail {

/// Writes JSON text to the end of a string: compact when indent is negative, else one member or
/// element per line, indent spaces a level, as nlohmann's dump(indent) lays it out.
class JsonTextWriter {
  public:
    explicit JsonTextWriter(std::string& out, int indent = -1) : m_out(out), m_indent(indent) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    void key(std::string_view name) {
        string(name, true);
        m_after_key = true;
    }

    void value(std::string_view text) {
        string(text, false);
        m_comma = true;
    }
    void value(const char* text) { value(std::string_view(text)); }
    void value(const std::string& text) { value(std::string_view(text)); }
    void value(bool flag) { raw(flag ? "true" : "false"); }
    void value(std::nullptr_t) { raw("null"); }
    void value(std::int64_t number) { raw(digits(number)); }
    /// As nlohmann's dump() writes a float (with its serializer's own to_chars): the shortest
    /// text that reads back the same, null when not finite.
    void value(double number) {
        if (!std::isfinite(number)) return raw("null");
        char text[64];
        const char* end = nlohmann::detail::to_chars(text, text + sizeof text, number);
        raw({text, static_cast<std::size_t>(end - text)});
    }
    void value(const std::vector<std::string>& texts) {
        value(std::span<const std::string>(texts));
    }
    void value(std::span<const std::string> texts) {
        begin_array();
        for (const auto& text : texts) value(text);
        end_array();
    }
    /// A document built elsewhere.
    void value(const nlohmann::ordered_json& document) {
        raw(nested(
            document.dump(m_indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace)));
    }
    /// An answer value: dump() of the nlohmann::json is what its ordered copy would print. The
    /// common scalars are written directly, as dump() writes them.
    void value(const nlohmann::json& document) {
        using Type = nlohmann::json::value_t;
        switch (document.type()) {
            case Type::null:
                return value(nullptr);
            case Type::boolean:
                return value(document.get<bool>());
            case Type::number_integer:
                return value(document.get<std::int64_t>());
            case Type::number_unsigned:
                return raw(digits(document.get<std::uint64_t>()));
            case Type::string:
                if (const auto& text = document.get_ref<const std::string&>(); is_plain(text))
                    return value(std::string_view(text));
                break;
            default:
                break;
        }
        raw(nested(document.dump(m_indent)));
    }

  private:
    /// A number's decimal digits, without allocating.
    struct Digits {
        char text[24];
        std::size_t size;
        operator std::string_view() const { return {text, size}; }
    };
    template <typename Integer>
    static Digits digits(Integer number) {
        Digits result{};
        result.size = static_cast<std::size_t>(
            std::to_chars(result.text, result.text + sizeof result.text, number).ptr - result.text);
        return result;
    }

    bool indented() const { return m_indent >= 0; }

    void new_line() {
        m_out += '\n';
        m_out.append(static_cast<std::size_t>(m_depth * m_indent), ' ');
    }
    /// Before a member, an element or a value at the top: whether a comma goes first (never right
    /// after a key), for the caller to append with what follows it, as one append costs about
    /// what a byte does. Indented, the comma and the line break are written here.
    bool comma_first() {
        if (m_after_key) {
            m_after_key = false;
            return false;
        }
        if (!indented() || m_depth == 0) return m_comma;
        if (m_comma) m_out += ',';
        new_line();
        return false;
    }
    void open(char bracket) {
        const char text[2] = {',', bracket};
        const bool comma = comma_first();
        m_out.append(text + (comma ? 0 : 1), comma ? 2 : 1);
        ++m_depth;
        m_comma = false;
    }
    void close(char bracket) {
        --m_depth;
        if (m_comma && indented()) new_line();  // an empty object or array stays "{}" or "[]"
        m_out += bracket;
        m_comma = true;
    }
    void raw(std::string_view text) {
        if (comma_first()) m_out += ',';
        m_out += text;
        m_comma = true;
    }
    /// A dump made at depth 0, its lines moved to this writer's depth (JSON strings hold no raw
    /// line breaks, so every one is layout).
    std::string nested(std::string text) const {
        if (!indented() || m_depth == 0) return text;
        const std::string margin =
            "\n" + std::string(static_cast<std::size_t>(m_depth * m_indent), ' ');
        for (auto at = text.find('\n'); at != std::string::npos;
             at = text.find('\n', at + margin.size()))
            text.replace(at, 1, margin);
        return text;
    }
    /// A string (with its colon when it is a key): as it is when it is plain (is_plain), else
    /// through nlohmann, which escapes it and replaces what is not UTF-8. A short one is put
    /// together with its comma, quotes and colon and appended once.
    void string(std::string_view text, bool key) {
        const bool comma = comma_first();
        char buffer[k_short + 8];  // a comma, two quotes and ": " around k_short bytes
        char* out = buffer;
        if (comma) *out++ = ',';
        if (text.size() <= k_short && copy_ascii(text, out + 1)) {
            *out++ = '"';
            out += text.size();
            *out++ = '"';
        } else if (is_plain(text)) {
            *out++ = '"';
            m_out.append(buffer, static_cast<std::size_t>(out - buffer));
            m_out += text;
            out = buffer;
            *out++ = '"';
        } else {
            m_out.append(buffer, static_cast<std::size_t>(out - buffer));
            m_out += nlohmann::ordered_json(std::string(text))
                         .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
            out = buffer;
        }
        if (key) *out++ = ':';
        if (key && indented()) *out++ = ' ';
        m_out.append(buffer, static_cast<std::size_t>(out - buffer));
    }
    static constexpr std::size_t k_short = 64;
    /// Copies text to out when it is plain ASCII (no byte of k_special); false otherwise, having
    /// copied part of it. Reads and copies 8 bytes at a time.
    static bool copy_ascii(std::string_view text, char* out) {
        std::size_t at = 0;
        for (; at + 8 <= text.size(); at += 8) {
            const std::uint64_t word = load(text.data() + at);
            if (has_special(word)) return false;
            std::memcpy(out + at, &word, sizeof word);
        }
        for (; at < text.size(); ++at) {
            const char byte = text[at];
            if (k_special[static_cast<unsigned char>(byte)]) return false;
            out[at] = byte;
        }
        return true;
    }
    /// Whether nlohmann would write the text as it is, between quotes: valid UTF-8 without
    /// control characters, quotes or backslashes. Plain ASCII is checked 8 bytes at a time.
    static bool is_plain(std::string_view text) {
        std::size_t at = 0;
        while (at < text.size()) {
            if (at + 8 <= text.size() && !has_special(load(text.data() + at))) {
                at += 8;
            } else if (const auto byte = static_cast<unsigned char>(text[at]); byte < 0x80) {
                if (k_special[byte]) return false;
                ++at;
            } else if (const std::size_t length = utf8_length(text, at); length > 0) {
                at += length;
            } else {
                return false;
            }
        }
        return true;
    }
    /// The length of the UTF-8 sequence of 2 to 4 bytes at text[at]; 0 when it is not valid
    /// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), as nlohmann decodes.
    static std::size_t utf8_length(std::string_view text, std::size_t at) {
        const auto continues = [&](std::size_t offset, unsigned low = 0x80, unsigned high = 0xbf) {
            if (at + offset >= text.size()) return false;
            const auto byte = static_cast<unsigned char>(text[at + offset]);
            return byte >= low && byte <= high;
        };
        const auto lead = static_cast<unsigned char>(text[at]);
        if (lead >= 0xc2 && lead <= 0xdf) return continues(1) ? 2 : 0;
        if (lead == 0xe0) return continues(1, 0xa0) && continues(2) ? 3 : 0;
        if (lead == 0xed) return continues(1, 0x80, 0x9f) && continues(2) ? 3 : 0;
        if (lead >= 0xe1 && lead <= 0xef) return continues(1) && continues(2) ? 3 : 0;
        if (lead == 0xf0) return continues(1, 0x90) && continues(2) && continues(3) ? 4 : 0;
        if (lead == 0xf4) return continues(1, 0x80, 0x8f) && continues(2) && continues(3) ? 4 : 0;
        if (lead >= 0xf1 && lead <= 0xf3)
            return continues(1) && continues(2) && continues(3) ? 4 : 0;
        return 0;
    }
    static std::uint64_t load(const char* bytes) {
        std::uint64_t word;
        std::memcpy(&word, bytes, sizeof word);
        return word;
    }
    /// Whether any of the 8 bytes in word is special (k_special), tested all at once: a byte of
    /// 0x80 or above, below 0x20, '"' or '\\' (the exact tests for "a byte below n" and "a zero
    /// byte" of Bit Twiddling Hacks).
    static bool has_special(std::uint64_t word) {
        constexpr std::uint64_t ones = 0x0101010101010101, high = 0x8080808080808080;
        const auto below = [&](std::uint64_t bytes, std::uint64_t limit) {
            return (bytes - ones * limit) & ~bytes & high;
        };
        return ((word & high) | below(word, 0x20) | below(word ^ (ones * '"'), 1) |
                below(word ^ (ones * '\\'), 1)) != 0;
    }

    /// The bytes that make text not plain, or (0x80 and above) may: is_plain() looks closer.
    static constexpr auto k_special = [] {
        std::array<bool, 256> special{};
        for (std::size_t byte = 0; byte < special.size(); ++byte)
            special[byte] = byte < 0x20 || byte >= 0x80 || byte == '"' || byte == '\\';
        return special;
    }();

    std::string& m_out;
    int m_indent;
    int m_depth = 0;
    bool m_comma = false;      ///< the next member or element needs a comma before it
    bool m_after_key = false;  ///< a key was just written: its value follows on the same line
};

/// Builds the nlohmann::ordered_json document the same calls describe.
class JsonBuilder {
  public:
    void begin_object() { m_open.emplace_back(std::move(m_key), nlohmann::ordered_json::object()); }
    void end_object() { close(); }
    void begin_array() { m_open.emplace_back(std::move(m_key), nlohmann::ordered_json::array()); }
    void end_array() { close(); }
    void key(std::string_view name) { m_key.assign(name); }

    void value(std::string_view text) { place(nlohmann::ordered_json(std::string(text))); }
    void value(const char* text) { place(nlohmann::ordered_json(text)); }
    void value(const std::string& text) { place(nlohmann::ordered_json(text)); }
    void value(bool flag) { place(nlohmann::ordered_json(flag)); }
    void value(std::nullptr_t) { place(nlohmann::ordered_json(nullptr)); }
    void value(std::int64_t number) { place(nlohmann::ordered_json(number)); }
    void value(double number) { place(nlohmann::ordered_json(number)); }
    void value(const std::vector<std::string>& texts) { place(nlohmann::ordered_json(texts)); }
    void value(std::span<const std::string> texts) {
        place(nlohmann::ordered_json(std::vector<std::string>(texts.begin(), texts.end())));
    }
    void value(nlohmann::ordered_json document) { place(std::move(document)); }
    /// An answer value, converted (its members in their sorted order, as its dump lists them).
    void value(const nlohmann::json& document) { place(nlohmann::ordered_json(document)); }

    /// The document, once its outermost object or array is closed.
    nlohmann::ordered_json take() { return std::move(m_result); }

  private:
    void close() {
        auto [key, done] = std::move(m_open.back());
        m_open.pop_back();
        m_key = std::move(key);
        place(std::move(done));
    }
    void place(nlohmann::ordered_json value) {
        if (m_open.empty()) {
            m_result = std::move(value);
            return;
        }
        auto& parent = m_open.back().second;
        if (parent.is_object())
            parent[m_key] = std::move(value);
        else
            parent.push_back(std::move(value));
    }

    std::vector<std::pair<std::string, nlohmann::ordered_json>> m_open;  ///< key it goes under
    std::string m_key;
    nlohmann::ordered_json m_result;
};

/// A computed figure as people write it: rounded_figure (at most two decimals, no -0), whole
/// ones as integers (10, not 10.0).
template <typename Writer>
void write_number(Writer& writer, double value) {
    const double rounded = rounded_figure(value);
    if (std::trunc(rounded) == rounded && std::abs(rounded) < 1e15)
        writer.value(static_cast<std::int64_t>(rounded));
    else
        writer.value(rounded);
}

/// write_number's value as a document of its own, for the renderers that build one.
template <typename Json = nlohmann::ordered_json>
Json json_figure(double value) {
    const double rounded = rounded_figure(value);
    if (std::trunc(rounded) == rounded && std::abs(rounded) < 1e15)
        return static_cast<std::int64_t>(rounded);
    return rounded;
}

/// "" as null: text that is absent rather than empty.
inline std::optional<std::string_view> text_or_null(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return text;
}

/// `value` when `present`, else null.
template <typename Value>
std::optional<Value> null_unless(bool present, const Value& value) {
    if (!present) return std::nullopt;
    return value;
}

/// A value for member(): the array of items, each written by write_item(writer, item).
template <typename Items, typename WriteItem>
auto array_of(const Items& items, WriteItem write_item) {
    return [&items, write_item](auto& writer) {
        writer.begin_array();
        for (const auto& item : items) write_item(writer, item);
        writer.end_array();
    };
}

/// One value through either writer: a number by write_number, an optional as null when empty, a
/// function of the writer by calling it (for values the writers do not know), anything else as
/// the writer's value().
template <typename Writer, typename Value>
void write_value(Writer& writer, const Value& value) {
    if constexpr (std::is_invocable_v<const Value&, Writer&>)
        value(writer);
    else if constexpr (std::is_same_v<Value, double>)
        write_number(writer, value);
    else if constexpr (std::is_integral_v<Value> && !std::is_same_v<Value, bool>)
        writer.value(static_cast<std::int64_t>(value));
    else
        writer.value(value);
}

template <typename Writer, typename Value>
void write_value(Writer& writer, const std::optional<Value>& value) {
    if (value)
        write_value(writer, *value);
    else
        writer.value(nullptr);
}

/// A member of an object: its key and its value, for write_members() and write_object(). It
/// refers to the value, so it is made in the call that writes it.
template <typename Value>
struct Member {
    std::string_view key;
    const Value& value;
};

template <typename Value>
Member<Value> member(std::string_view key, const Value& value) {
    return {key, value};
}

/// Members of the object being written, in order.
template <typename Writer, typename... Values>
void write_members(Writer& writer, const Member<Values>&... members) {
    ((writer.key(members.key), write_value(writer, members.value)), ...);
}

/// An object of the given members, in order.
template <typename Writer, typename... Values>
void write_object(Writer& writer, const Member<Values>&... members) {
    writer.begin_object();
    write_members(writer, members...);
    writer.end_object();
}

}  // namespace stackpick::detail
