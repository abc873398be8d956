#pragma once
/// Internal to the logic module: the evaluator's value type and the JavaScript-style coercions.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

namespace stackpick::logic::detail {

using json = nlohmann::json;

/// What a value is, as the operators see it (integer, unsigned and float are all Number).
enum class Type : std::uint8_t { Null, Bool, Number, String, Array, Object };

/// A value during evaluation: a scalar held inline, a borrowed pointer into the data or the rule,
/// or an owned JSON value. Borrowing keeps `var` reads free of copies; the union keeps scalars and
/// borrows free of constructing or destroying a json.
class Value {
  public:
    enum class Kind : std::uint8_t { Null, Bool, Number, Ref, Owned };

    Value() noexcept : m_number(0.0) {}
    Value(Value&& other) noexcept : m_kind(other.m_kind) { take_from(other); }
    Value& operator=(Value&& other) noexcept {
        if (this != &other) {
            reset();
            m_kind = other.m_kind;
            take_from(other);
        }
        return *this;
    }
    Value(const Value&) = delete;
    Value& operator=(const Value&) = delete;
    ~Value() { reset(); }

    static Value boolean(bool b) noexcept {
        Value v;
        v.m_kind = Kind::Bool;
        v.m_bool = b;
        return v;
    }
    static Value number(double d) noexcept {
        Value v;
        v.m_kind = Kind::Number;
        v.m_number = d;
        return v;
    }
    static Value ref(const json* j) noexcept {
        Value v;
        v.m_kind = Kind::Ref;
        v.m_ref = j;
        return v;
    }
    static Value owned(json&& j) noexcept {
        Value v;
        v.m_kind = Kind::Owned;
        new (&v.m_owned) json(std::move(j));
        return v;
    }

    Kind kind() const noexcept { return m_kind; }
    bool as_bool() const noexcept { return m_bool; }
    double as_number() const noexcept { return m_number; }
    /// The JSON this value borrows or owns; null for inline scalars.
    const json* json_ptr() const noexcept {
        if (m_kind == Kind::Ref) return m_ref;
        if (m_kind == Kind::Owned) return &m_owned;
        return nullptr;
    }
    /// The owned JSON, for moving out (only when kind() == Owned).
    json& owned_json() noexcept { return m_owned; }

  private:
    void reset() noexcept {
        if (m_kind == Kind::Owned) m_owned.~json();
        m_kind = Kind::Null;
    }
    /// Takes other's payload; m_kind must already equal other.m_kind.
    void take_from(Value& other) noexcept {
        switch (m_kind) {
            case Kind::Bool:
                m_bool = other.m_bool;
                break;
            case Kind::Number:
                m_number = other.m_number;
                break;
            case Kind::Ref:
                m_ref = other.m_ref;
                break;
            case Kind::Owned:
                new (&m_owned) json(std::move(other.m_owned));
                break;
            case Kind::Null:
                m_number = 0.0;
                break;
        }
    }

    Kind m_kind = Kind::Null;
    union {
        bool m_bool;
        double m_number;
        const json* m_ref;
        json m_owned;
    };
};

/// The hot helpers are inline: the evaluator calls them for every value it touches.
inline Type type_of(const json& j) noexcept {
    switch (j.type()) {
        case json::value_t::boolean:
            return Type::Bool;
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float:
            return Type::Number;
        case json::value_t::string:
            return Type::String;
        case json::value_t::array:
            return Type::Array;
        case json::value_t::object:
            return Type::Object;
        default:
            return Type::Null;
    }
}

inline Type type_of(const Value& v) noexcept {
    switch (v.kind()) {
        case Value::Kind::Null:
            return Type::Null;
        case Value::Kind::Bool:
            return Type::Bool;
        case Value::Kind::Number:
            return Type::Number;
        default:
            return type_of(*v.json_ptr());
    }
}

/// The array a value holds, or null.
inline const json* array_of(const Value& v) noexcept {
    const json* j = v.json_ptr();
    return j != nullptr && j->is_array() ? j : nullptr;
}

inline bool truthy_json(const json& j) noexcept {
    switch (j.type()) {
        case json::value_t::boolean:
            return j.get_ref<const json::boolean_t&>();
        case json::value_t::number_integer:
            return j.get_ref<const json::number_integer_t&>() != 0;
        case json::value_t::number_unsigned:
            return j.get_ref<const json::number_unsigned_t&>() != 0;
        case json::value_t::number_float: {
            const double d = j.get_ref<const json::number_float_t&>();
            return d != 0.0 && !std::isnan(d);
        }
        case json::value_t::string:
            return !j.get_ref<const json::string_t&>().empty();
        case json::value_t::array:
            return !j.get_ref<const json::array_t&>().empty();
        case json::value_t::object:
        case json::value_t::binary:
            return true;
        default:
            return false;
    }
}

inline bool truthy_value(const Value& v) noexcept {
    switch (v.kind()) {
        case Value::Kind::Null:
            return false;
        case Value::Kind::Bool:
            return v.as_bool();
        case Value::Kind::Number:
            return v.as_number() != 0.0 && !std::isnan(v.as_number());
        default:
            return truthy_json(*v.json_ptr());
    }
}

/// JavaScript Number(string): trims whitespace, "" is 0, hex/octal/binary prefixes, Infinity;
/// anything else that is not a number literal is NaN.
double parse_js_number(std::string_view text) noexcept;
/// JavaScript Number(value), except that arrays and objects are NaN.
inline double to_number(const json& j) noexcept {
    switch (j.type()) {
        case json::value_t::boolean:
            return j.get_ref<const json::boolean_t&>() ? 1.0 : 0.0;
        case json::value_t::number_integer:
            return static_cast<double>(j.get_ref<const json::number_integer_t&>());
        case json::value_t::number_unsigned:
            return static_cast<double>(j.get_ref<const json::number_unsigned_t&>());
        case json::value_t::number_float:
            return j.get_ref<const json::number_float_t&>();
        case json::value_t::string:
            return parse_js_number(j.get_ref<const json::string_t&>());
        case json::value_t::null:
            return 0.0;
        default:
            return std::numeric_limits<double>::quiet_NaN();
    }
}

inline double to_number(const Value& v) noexcept {
    switch (v.kind()) {
        case Value::Kind::Null:
            return 0.0;
        case Value::Kind::Bool:
            return v.as_bool() ? 1.0 : 0.0;
        case Value::Kind::Number:
            return v.as_number();
        default:
            return to_number(*v.json_ptr());
    }
}

/// JavaScript Number.prototype.toString(): 3 -> "3", 0.1 -> "0.1", 1e21 -> "1e+21".
std::string format_number(double d);
/// Appends JavaScript String(value): null -> "null", arrays joined with ",", objects as
/// "[object Object]".
void append_js_string(std::string& out, const json& j);
void append_js_string(std::string& out, const Value& v);

/// Deep value equality (numbers by value, 3 == 3.0), without recursion.
bool deep_equal(const json& a, const json& b);
/// Strict equality (===) between two values.
bool strict_equal(const Value& a, const Value& b);

/// Whole numbers become integers (so they print without ".0"), others stay floating point.
json number_to_json(double d);

/// Serializes like JSON.stringify, iteratively (any depth).
void write_compact_json(std::string& out, const json& value);

/// Counts the code points of UTF-8 text (an invalid byte counts as one).
std::size_t count_code_points(std::string_view text) noexcept;
/// Byte offset of code point number `index` (clamped to the end).
std::size_t code_point_offset(std::string_view text, std::size_t index) noexcept;

}  // namespace stackpick::logic::detail
