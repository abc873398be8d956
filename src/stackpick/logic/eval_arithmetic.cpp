// The operators that convert their operands as JavaScript does: the comparisons (==, !=, ===,
// !==, <, <=, >, >=) and arithmetic (+, -, *, /, %, max, min).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <utility>

#include "evaluator.hpp"

namespace stackpick::logic::detail {

namespace {

bool is_container(Type type) { return type == Type::Array || type == Type::Object; }

/// An operand of == or an ordering, classified once: its type, and its number unless it is a
/// string (strings are converted only when compared with something else).
struct Operand {
    Type type = Type::Null;
    double number = 0.0;
    const std::string* text = nullptr;
};

inline Operand classify(const Value& value) noexcept {
    Operand operand;
    switch (value.kind()) {
        case Value::Kind::Null:
            return operand;
        case Value::Kind::Bool:
            operand.type = Type::Bool;
            operand.number = value.as_bool() ? 1.0 : 0.0;
            return operand;
        case Value::Kind::Number:
            operand.type = Type::Number;
            operand.number = value.as_number();
            return operand;
        default:
            break;
    }
    const json& j = *value.json_ptr();
    operand.type = type_of(j);
    if (operand.type == Type::String) {
        operand.text = &j.get_ref<const json::string_t&>();
    } else if (operand.type != Type::Array && operand.type != Type::Object) {
        operand.number = to_number(j);
    }
    return operand;
}

double number_of(const Operand& operand) noexcept {
    return operand.text != nullptr ? parse_js_number(*operand.text) : operand.number;
}

/// Both operands as numbers; a number against a string that is not a number cannot be compared:
/// that is the NaN error. Arrays and objects never compare.
std::pair<double, double> numbers_of(const Operand& a, const Operand& b) {
    if (is_container(a.type) || is_container(b.type)) throw_error("NaN");
    const double x = number_of(a);
    const double y = number_of(b);
    if ((a.type == Type::Number && b.type == Type::String && std::isnan(y)) ||
        (b.type == Type::Number && a.type == Type::String && std::isnan(x))) {
        throw_error("NaN");
    }
    return {x, y};
}

/// ==: same types compare by value; otherwise both sides become numbers (null 0, booleans 0/1,
/// numeric strings), and a side that is not a number makes them unequal (null == "x" is false).
bool loose_equal(const Value& a, const Value& b) {
    const Operand x = classify(a);
    const Operand y = classify(b);
    if (x.type == y.type && !is_container(x.type)) {
        return x.type == Type::String ? *x.text == *y.text : x.number == y.number;
    }
    const auto [nx, ny] = numbers_of(x, y);
    return nx == ny;  // false when either is NaN
}

/// <, <=, >, >=: two strings compare as text; otherwise as numbers, where a side that is not a
/// number makes the comparison false.
bool ordered(Op op, const Value& a, const Value& b) {
    const Operand x = classify(a);
    const Operand y = classify(b);
    int order = 0;
    if (x.type == Type::String && y.type == Type::String) {
        const int c = x.text->compare(*y.text);
        order = c < 0 ? -1 : (c > 0 ? 1 : 0);
    } else {
        const auto [nx, ny] = numbers_of(x, y);
        if (std::isnan(nx) || std::isnan(ny)) return false;
        order = nx < ny ? -1 : (nx > ny ? 1 : 0);
    }
    switch (op) {
        case Op::Lt:
            return order < 0;
        case Op::Le:
            return order <= 0;
        case Op::Gt:
            return order > 0;
        default:
            return order >= 0;
    }
}

/// The value as a double when it is a number (inline or JSON), for the fast path of comparisons.
inline bool number_value(const Value& value, double& out) noexcept {
    if (value.kind() == Value::Kind::Number) {
        out = value.as_number();
        return true;
    }
    const json* j = value.json_ptr();
    if (j == nullptr) return false;
    switch (j->type()) {
        case json::value_t::number_integer:
            out = static_cast<double>(*j->get_ptr<const json::number_integer_t*>());
            return true;
        case json::value_t::number_unsigned:
            out = static_cast<double>(*j->get_ptr<const json::number_unsigned_t*>());
            return true;
        case json::value_t::number_float:
            out = *j->get_ptr<const json::number_float_t*>();
            return true;
        default:
            return false;
    }
}

}  // namespace

bool compare_pair(Op op, const Value& a, const Value& b) {
    double x = 0.0;
    double y = 0.0;
    if (op != Op::StrictEq && op != Op::StrictNe && number_value(a, x) && number_value(b, y)) {
        switch (op) {
            case Op::Eq:
                return x == y;
            case Op::Ne:
                return x != y;
            case Op::Lt:
                return x < y;
            case Op::Le:
                return x <= y;
            case Op::Gt:
                return x > y;
            default:
                return x >= y;
        }
    }
    switch (op) {
        case Op::Eq:
            return loose_equal(a, b);
        case Op::Ne:
            return !loose_equal(a, b);
        case Op::StrictEq:
            return strict_equal(a, b);
        case Op::StrictNe:
            return !strict_equal(a, b);
        default:
            return ordered(op, a, b);
    }
}

/// Chained and lazy: {"<": [a, b, c]} is a < b && b < c, and c is not evaluated when a < b fails.
Value op_compare(const Node& node, const Scope& scope, State& state) {
    if (node.args.size() == 2) {  // the usual form, without moving values along the chain
        const Value left = eval_operand(node.args[0], scope, state);
        const Value right = eval_operand(node.args[1], scope, state);
        return Value::boolean(compare_pair(node.op, left, right));
    }
    Value left = eval_operand(node.args[0], scope, state);
    for (std::size_t i = 1; i < node.args.size(); ++i) {
        Value right = eval_operand(node.args[i], scope, state);
        if (!compare_pair(node.op, left, right)) return Value::boolean(false);
        left = std::move(right);
    }
    return Value::boolean(true);
}

Value op_arithmetic(const Node& node, const Scope& scope, State& state) {
    std::size_t count = 0;
    bool not_a_number = false;
    double result = node.op == Op::Mul ? 1.0 : 0.0;
    // Every argument is evaluated before NaN is reported, so an error thrown by a later
    // argument wins, as when JavaScript evaluates all arguments first.
    for_each_arg(node, scope, state, [&](const Value& value) {
        const double x = to_number(value);
        if (std::isnan(x)) not_a_number = true;
        switch (node.op) {
            case Op::Add:
                result += x;
                break;
            case Op::Mul:
                result *= x;
                break;
            case Op::Sub:
                result = count == 0 ? x : result - x;
                break;
            case Op::Div:
                result = count == 0 ? x : result / x;
                break;
            case Op::Mod:
                result = count == 0 ? x : std::fmod(result, x);
                break;
            case Op::Max:
                result = count == 0 ? x : std::max(result, x);
                break;
            default:  // Min
                result = count == 0 ? x : std::min(result, x);
                break;
        }
        ++count;
    });
    switch (node.op) {
        case Op::Sub:
        case Op::Div:
            if (count == 0) throw_error("Invalid Arguments");
            break;
        case Op::Mod:
            if (count < 2) throw_error("Invalid Arguments");
            break;
        case Op::Max:
        case Op::Min:
            if (count == 0 && !not_a_number) return {};
            break;
        default:
            break;
    }
    if (not_a_number) throw_error("NaN");
    if (count == 1 && node.op == Op::Sub) result = -result;
    if (count == 1 && node.op == Op::Div) result = 1.0 / result;
    return finish_number(result);
}

}  // namespace stackpick::logic::detail
