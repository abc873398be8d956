// The operators on strings and arrays: in, cat, substr and merge.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include "evaluator.hpp"

namespace stackpick::logic::detail {

void check_array_size(std::size_t size, const char* op) {
    if (size > k_max_array_elements) {
        throw_limit(std::string(op) + " result longer than " +
                    std::to_string(k_max_array_elements) + " elements");
    }
}

namespace {

void check_string_size(std::size_t size, const char* op) {
    if (size > k_max_string_bytes) {
        throw_limit(std::string(op) + " result longer than " + std::to_string(k_max_string_bytes) +
                    " bytes");
    }
}

bool contains(const Value& needle, const Value& haystack, State& state) {
    switch (type_of(haystack)) {
        case Type::String:
            return string_of(haystack).find(js_string(needle)) != std::string::npos;
        case Type::Array:
            for (const json& element : *haystack.json_ptr()) {
                state.step();
                if (strict_equal(needle, Value::ref(&element))) return true;
            }
            return false;
        default:
            return false;
    }
}

/// ToIntegerOrInfinity, clamped to [-limit, limit] so that converting it is always defined.
double clamped_integer(double x, double limit) {
    if (std::isnan(x)) return 0.0;
    return std::clamp(std::trunc(x), -limit, limit);
}

}  // namespace

Value op_in(const Node& node, const Scope& scope, State& state) {
    if (!node.dynamic && node.args.size() == 2) {  // the usual form, without Args
        const Value needle = eval_operand(node.args[0], scope, state);
        const Value haystack = eval_operand(node.args[1], scope, state);
        return Value::boolean(contains(needle, haystack, state));
    }
    Args args(node, scope, state);
    return Value::boolean(args.size() >= 2 && contains(args[0], args[1], state));
}

Value op_cat(const Node& node, const Scope& scope, State& state) {
    std::string text;
    for_each_arg(node, scope, state, [&](const Value& value) {
        if (type_of(value) != Type::Null) append_js_string(text, value);
        check_string_size(text.size(), "cat");
    });
    state.create_string(text.size());
    return Value::owned(json(std::move(text)));
}

/// JavaScript substr(start, length) over code points; a negative length drops that many from the
/// end.
Value op_substr(const Node& node, const Scope& scope, State& state) {
    Args args(node, scope, state);
    std::string text;
    if (args.size() > 0 && type_of(args[0]) != Type::Null) text = js_string(args[0]);
    const std::size_t length = count_code_points(text);
    const double size = static_cast<double>(length);
    double start = args.size() > 1 ? clamped_integer(to_number(args[1]), size) : 0.0;
    if (start < 0) start = std::max(size + start, 0.0);
    double count = size - start;
    if (args.size() > 2) {
        const double wanted = clamped_integer(to_number(args[2]), size);
        count = wanted < 0 ? std::max(count + wanted, 0.0) : std::min(wanted, count);
    }
    const std::size_t from = code_point_offset(text, static_cast<std::size_t>(start));
    const std::size_t bytes =
        code_point_offset(std::string_view(text).substr(from), static_cast<std::size_t>(count));
    check_string_size(bytes, "substr");
    state.create_string(bytes);
    return Value::owned(json(text.substr(from, bytes)));
}

Value op_merge(const Node& node, const Scope& scope, State& state) {
    json result = json::array();
    auto& elements = result.get_ref<json::array_t&>();
    for_each_arg(node, scope, state, [&](Value& value) {
        const json* array = array_of(value);
        if (array == nullptr) {
            check_array_size(elements.size() + 1, "merge");
            state.create(1);
            elements.push_back(to_json(std::move(value), state));
            return;
        }
        check_array_size(elements.size() + array->size(), "merge");
        if (value.kind() == Value::Kind::Owned) {
            auto& owned = value.owned_json().get_ref<json::array_t&>();
            state.create(owned.size());
            std::move(owned.begin(), owned.end(), std::back_inserter(elements));
        } else {
            for (const json& element : *array) elements.push_back(copy_json(element, state));
        }
    });
    return Value::owned(std::move(result));
}

}  // namespace stackpick::logic::detail
