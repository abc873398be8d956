#include "value.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <system_error>
#include <vector>

namespace stackpick::logic::detail {

namespace {

constexpr double k_infinity = std::numeric_limits<double>::infinity();
constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// Length of the well-formed UTF-8 sequence starting at text[pos], or 0 when it is malformed
// (overlong forms, surrogates and code points above U+10FFFF are malformed).
std::size_t utf8_length(std::string_view text, std::size_t pos, std::uint32_t& code_point) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char b0 = byte(pos);
    if (b0 < 0x80) {
        code_point = b0;
        return 1;
    }
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
        code_point = b0 & 0x1FU;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        code_point = b0 & 0x0FU;
        if (b0 == 0xE0) low = 0xA0;
        if (b0 == 0xED) high = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        code_point = b0 & 0x07U;
        if (b0 == 0xF0) low = 0x90;
        if (b0 == 0xF4) high = 0x8F;
    } else {
        return 0;
    }
    if (pos + length > text.size()) return 0;
    for (std::size_t i = 1; i < length; ++i) {
        const unsigned char b = byte(pos + i);
        if (i == 1 ? (b < low || b > high) : (b < 0x80 || b > 0xBF)) return 0;
        code_point = (code_point << 6U) | (b & 0x3FU);
    }
    return length;
}

// Byte length of the JavaScript whitespace character at text[pos], or 0.
std::size_t whitespace_length(std::string_view text, std::size_t pos) {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
    if (c < 0x80) return 0;
    std::uint32_t cp = 0;
    const std::size_t length = utf8_length(text, pos, cp);
    if (length == 0) return 0;
    const bool space = cp == 0xA0 || cp == 0xFEFF || cp == 0x1680 ||
                       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
                       cp == 0x202F || cp == 0x205F || cp == 0x3000;
    return space ? length : 0;
}

std::string_view trim_js_whitespace(std::string_view text) {
    std::size_t begin = 0;
    while (begin < text.size()) {
        const std::size_t length = whitespace_length(text, begin);
        if (length == 0) break;
        begin += length;
    }
    text.remove_prefix(begin);
    // Trailing whitespace: step back over continuation bytes to each character's start.
    while (!text.empty()) {
        std::size_t start = text.size() - 1;
        while (start > 0 && text.size() - start < 4 &&
               (static_cast<unsigned char>(text[start]) & 0xC0U) == 0x80U) {
            --start;
        }
        const std::size_t length = whitespace_length(text, start);
        if (length == 0 || start + length != text.size()) break;
        text.remove_suffix(length);
    }
    return text;
}

double parse_radix(std::string_view digits, unsigned radix) {
    if (digits.empty()) return k_nan;
    double value = 0.0;
    for (const char c : digits) {
        unsigned d = 0;
        if (c >= '0' && c <= '9') {
            d = static_cast<unsigned>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            d = static_cast<unsigned>(c - 'a') + 10U;
        } else if (c >= 'A' && c <= 'F') {
            d = static_cast<unsigned>(c - 'A') + 10U;
        } else {
            return k_nan;
        }
        if (d >= radix) return k_nan;
        value = value * radix + d;
    }
    return value;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Parses an unsigned decimal literal (digits, optional fraction, optional exponent); NaN when
// the text is anything else.
double parse_decimal(std::string_view text) {
    std::size_t i = 0;
    std::size_t integer_digits = 0;
    std::size_t fraction_digits = 0;
    while (i < text.size() && is_digit(text[i])) ++i, ++integer_digits;
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && is_digit(text[i])) ++i, ++fraction_digits;
    }
    if (integer_digits + fraction_digits == 0) return k_nan;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        std::size_t exponent_digits = 0;
        while (i < text.size() && is_digit(text[i])) ++i, ++exponent_digits;
        if (exponent_digits == 0) return k_nan;
    }
    if (i != text.size()) return k_nan;

    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc{} && end == text.data() + text.size()) return value;
    if (ec != std::errc::result_out_of_range) return k_nan;
    // Out of range: decide between overflow (Infinity) and underflow (0) from the magnitude.
    long magnitude = 0;
    std::size_t pos = 0;
    while (pos < text.size() && text[pos] == '0') ++pos;
    if (pos < text.size() && is_digit(text[pos])) {
        while (pos < text.size() && is_digit(text[pos])) ++pos, ++magnitude;
    } else {
        if (pos < text.size() && text[pos] == '.') ++pos;
        while (pos < text.size() && text[pos] == '0') ++pos, --magnitude;
    }
    const std::size_t e = text.find_first_of("eE");
    if (e != std::string_view::npos) {
        std::string_view exponent = text.substr(e + 1);
        const bool negative = !exponent.empty() && exponent.front() == '-';
        if (!exponent.empty() && (exponent.front() == '-' || exponent.front() == '+')) {
            exponent.remove_prefix(1);
        }
        long value_of_exponent = 0;
        for (const char c : exponent) {
            if (value_of_exponent < 100'000'000)
                value_of_exponent = value_of_exponent * 10 + (c - '0');
        }
        magnitude += negative ? -value_of_exponent : value_of_exponent;
    }
    return magnitude > 0 ? k_infinity : 0.0;
}

void append_number_json(std::string& out, const json& j) {
    switch (j.type()) {
        case json::value_t::number_integer:
            out += std::to_string(j.get_ref<const json::number_integer_t&>());
            break;
        case json::value_t::number_unsigned:
            out += std::to_string(j.get_ref<const json::number_unsigned_t&>());
            break;
        default:
            out += format_number(j.get_ref<const json::number_float_t&>());
            break;
    }
}

// Appends String(scalar) for a non-array JSON value.
void append_js_scalar(std::string& out, const json& j) {
    switch (j.type()) {
        case json::value_t::null:
            out += "null";
            break;
        case json::value_t::boolean:
            out += j.get_ref<const json::boolean_t&>() ? "true" : "false";
            break;
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float:
            append_number_json(out, j);
            break;
        case json::value_t::string:
            out += j.get_ref<const json::string_t&>();
            break;
        case json::value_t::object:
            out += "[object Object]";
            break;
        default:
            break;
    }
}

bool number_equal(const json& a, const json& b) {
    using vt = json::value_t;
    if (a.type() == vt::number_float || b.type() == vt::number_float) {
        return to_number(a) == to_number(b);
    }
    const bool a_signed = a.type() == vt::number_integer;
    const bool b_signed = b.type() == vt::number_integer;
    if (a_signed && b_signed) {
        return a.get_ref<const json::number_integer_t&>() ==
               b.get_ref<const json::number_integer_t&>();
    }
    if (!a_signed && !b_signed) {
        return a.get_ref<const json::number_unsigned_t&>() ==
               b.get_ref<const json::number_unsigned_t&>();
    }
    const json& s = a_signed ? a : b;
    const json& u = a_signed ? b : a;
    const auto sv = s.get_ref<const json::number_integer_t&>();
    return sv >= 0 &&
           static_cast<json::number_unsigned_t>(sv) == u.get_ref<const json::number_unsigned_t&>();
}

void append_escaped(std::string& out, std::string_view text) {
    static constexpr std::array<char, 16> k_hex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                   '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    const auto unicode_escape = [&](std::uint32_t cp) {
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) {
            out += k_hex[(cp >> static_cast<unsigned>(shift)) & 0xFU];
        }
    };
    out += '"';
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char c = text[pos];
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7F && c != '"' && c != '\\') {
            out += c;
            ++pos;
            continue;
        }
        switch (c) {
            case '"':
                out += "\\\"";
                ++pos;
                continue;
            case '\\':
                out += "\\\\";
                ++pos;
                continue;
            case '\b':
                out += "\\b";
                ++pos;
                continue;
            case '\f':
                out += "\\f";
                ++pos;
                continue;
            case '\n':
                out += "\\n";
                ++pos;
                continue;
            case '\r':
                out += "\\r";
                ++pos;
                continue;
            case '\t':
                out += "\\t";
                ++pos;
                continue;
            default:
                break;
        }
        if (u < 0x80) {  // other control characters and DEL
            unicode_escape(u);
            ++pos;
            continue;
        }
        std::uint32_t cp = 0;
        const std::size_t length = utf8_length(text, pos, cp);
        if (length == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD for each malformed byte
            ++pos;
            continue;
        }
        // C1 controls and the JavaScript line separators stay escaped, so no terminal sees them.
        if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
            unicode_escape(cp);
        } else {
            out.append(text.substr(pos, length));
        }
        pos += length;
    }
    out += '"';
}

void append_json_scalar(std::string& out, const json& j) {
    switch (j.type()) {
        case json::value_t::boolean:
            out += j.get_ref<const json::boolean_t&>() ? "true" : "false";
            break;
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
            append_number_json(out, j);
            break;
        case json::value_t::number_float: {
            const double d = j.get_ref<const json::number_float_t&>();
            if (std::isfinite(d)) {
                out += format_number(d);
            } else {
                out += "null";
            }
            break;
        }
        case json::value_t::string:
            append_escaped(out, j.get_ref<const json::string_t&>());
            break;
        default:  // null, binary, discarded
            out += "null";
            break;
    }
}

}  // namespace

double parse_js_number(std::string_view text) noexcept {
    text = trim_js_whitespace(text);
    if (text.empty()) return 0.0;
    if (text.size() > 2 && text[0] == '0') {
        const char prefix = text[1];
        if (prefix == 'x' || prefix == 'X') return parse_radix(text.substr(2), 16);
        if (prefix == 'o' || prefix == 'O') return parse_radix(text.substr(2), 8);
        if (prefix == 'b' || prefix == 'B') return parse_radix(text.substr(2), 2);
    }
    double sign = 1.0;
    if (text.front() == '+' || text.front() == '-') {
        sign = text.front() == '-' ? -1.0 : 1.0;
        text.remove_prefix(1);
    }
    if (text == "Infinity") return sign * k_infinity;
    return sign * parse_decimal(text);
}

std::string format_number(double d) {
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d < 0 ? "-Infinity" : "Infinity";
    if (d == 0.0) return "0";
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), d,
                                      std::chars_format::scientific);
    std::string_view text(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data()));
    std::string out;
    if (text.front() == '-') {
        out += '-';
        text.remove_prefix(1);
    }
    const std::size_t e = text.find('e');
    std::string digits;
    for (const char c : text.substr(0, e)) {
        if (c != '.') digits += c;
    }
    int exponent = 0;
    std::string_view exponent_text = text.substr(e + 1);
    if (exponent_text.front() == '+') exponent_text.remove_prefix(1);
    std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);

    // ECMAScript Number::toString: k significant digits, decimal point after n of them.
    const int k = static_cast<int>(digits.size());
    const int n = exponent + 1;
    if (k <= n && n <= 21) {
        out += digits;
        out.append(static_cast<std::size_t>(n - k), '0');
    } else if (0 < n && n <= 21) {
        out.append(digits, 0, static_cast<std::size_t>(n));
        out += '.';
        out.append(digits, static_cast<std::size_t>(n));
    } else if (-6 < n && n <= 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-n), '0');
        out += digits;
    } else {
        out += digits.front();
        if (k > 1) {
            out += '.';
            out.append(digits, 1);
        }
        out += 'e';
        out += n - 1 >= 0 ? '+' : '-';
        out += std::to_string(std::abs(n - 1));
    }
    return out;
}

void append_js_string(std::string& out, const json& j) {
    if (!j.is_array()) {
        append_js_scalar(out, j);
        return;
    }
    // Array.prototype.join(","): null elements are empty, nested arrays are joined in place.
    std::vector<std::pair<const json*, std::size_t>> stack{{&j, 0}};
    while (!stack.empty()) {
        const json* array = stack.back().first;
        const std::size_t index = stack.back().second;
        if (index == array->size()) {
            stack.pop_back();
            continue;
        }
        ++stack.back().second;
        if (index > 0) out += ',';
        const json& element = (*array)[index];
        if (element.is_array()) {
            stack.emplace_back(&element, 0);
        } else if (!element.is_null()) {
            append_js_scalar(out, element);
        }
    }
}

void append_js_string(std::string& out, const Value& v) {
    switch (v.kind()) {
        case Value::Kind::Null:
            out += "null";
            break;
        case Value::Kind::Bool:
            out += v.as_bool() ? "true" : "false";
            break;
        case Value::Kind::Number:
            out += format_number(v.as_number());
            break;
        default:
            append_js_string(out, *v.json_ptr());
            break;
    }
}

bool deep_equal(const json& a, const json& b) {
    if (!a.is_structured() || !b.is_structured()) {  // the common case, without a work stack
        const Type ta = type_of(a);
        if (ta != type_of(b)) return false;
        switch (ta) {
            case Type::Null:
                return true;
            case Type::Bool:
                return a.get_ref<const json::boolean_t&>() == b.get_ref<const json::boolean_t&>();
            case Type::Number:
                return number_equal(a, b);
            default:
                return a.get_ref<const json::string_t&>() == b.get_ref<const json::string_t&>();
        }
    }
    std::vector<std::pair<const json*, const json*>> stack{{&a, &b}};
    while (!stack.empty()) {
        const auto [x, y] = stack.back();
        stack.pop_back();
        const Type tx = type_of(*x);
        if (tx != type_of(*y)) return false;
        switch (tx) {
            case Type::Null:
                break;
            case Type::Bool:
                if (x->get_ref<const json::boolean_t&>() != y->get_ref<const json::boolean_t&>()) {
                    return false;
                }
                break;
            case Type::Number:
                if (!number_equal(*x, *y)) return false;
                break;
            case Type::String:
                if (x->get_ref<const json::string_t&>() != y->get_ref<const json::string_t&>()) {
                    return false;
                }
                break;
            case Type::Array: {
                const auto& xa = x->get_ref<const json::array_t&>();
                const auto& ya = y->get_ref<const json::array_t&>();
                if (xa.size() != ya.size()) return false;
                for (std::size_t i = 0; i < xa.size(); ++i) stack.emplace_back(&xa[i], &ya[i]);
                break;
            }
            case Type::Object: {
                const auto& xo = x->get_ref<const json::object_t&>();
                const auto& yo = y->get_ref<const json::object_t&>();
                if (xo.size() != yo.size()) return false;
                for (const auto& [key, value] : xo) {
                    const auto found = yo.find(key);
                    if (found == yo.end()) return false;
                    stack.emplace_back(&value, &found->second);
                }
                break;
            }
        }
    }
    return true;
}

bool strict_equal(const Value& a, const Value& b) {
    const Type ta = type_of(a);
    if (ta != type_of(b)) return false;
    const json* ja = a.json_ptr();
    const json* jb = b.json_ptr();
    switch (ta) {
        case Type::Null:
            return true;
        case Type::Bool:
            return truthy_value(a) == truthy_value(b);
        case Type::Number:
            if (ja != nullptr && jb != nullptr) return number_equal(*ja, *jb);
            return to_number(a) == to_number(b);
        default:
            return deep_equal(*ja, *jb);
    }
}

json number_to_json(double d) {
    // 2^63: every whole double below it in magnitude converts to int64 without overflow.
    constexpr double k_limit = 9223372036854775808.0;
    if (std::isfinite(d) && std::trunc(d) == d && d > -k_limit && d < k_limit) {
        return json(static_cast<json::number_integer_t>(d));
    }
    return json(d);
}

void write_compact_json(std::string& out, const json& value) {
    struct Frame {
        const json* container;
        std::size_t index;
        json::object_t::const_iterator member;
    };
    std::vector<Frame> stack;
    const auto open = [&](const json& j) {
        if (j.is_array()) {
            out += '[';
            stack.push_back({&j, 0, {}});
        } else if (j.is_object()) {
            out += '{';
            stack.push_back({&j, 0, j.get_ref<const json::object_t&>().begin()});
        } else {
            append_json_scalar(out, j);
        }
    };
    open(value);
    while (!stack.empty()) {
        Frame& frame = stack.back();
        const json& container = *frame.container;
        if (container.is_array()) {
            const auto& array = container.get_ref<const json::array_t&>();
            if (frame.index == array.size()) {
                out += ']';
                stack.pop_back();
                continue;
            }
            if (frame.index > 0) out += ',';
            const json& element = array[frame.index++];
            open(element);  // may reallocate the stack: `frame` is not used after this
        } else {
            const auto& object = container.get_ref<const json::object_t&>();
            if (frame.member == object.end()) {
                out += '}';
                stack.pop_back();
                continue;
            }
            if (frame.index++ > 0) out += ',';
            const auto& [key, element] = *frame.member;
            ++frame.member;
            append_escaped(out, key);
            out += ':';
            open(element);
        }
    }
}

std::size_t count_code_points(std::string_view text) noexcept {
    std::size_t count = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::uint32_t cp = 0;
        const std::size_t length = utf8_length(text, pos, cp);
        pos += length == 0 ? 1 : length;
        ++count;
    }
    return count;
}

std::size_t code_point_offset(std::string_view text, std::size_t index) noexcept {
    std::size_t pos = 0;
    while (index > 0 && pos < text.size()) {
        std::uint32_t cp = 0;
        const std::size_t length = utf8_length(text, pos, cp);
        pos += length == 0 ? 1 : length;
        --index;
    }
    return pos;
}

}  // namespace stackpick::logic::detail
