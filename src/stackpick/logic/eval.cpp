// evaluate(): walks the compiled Node tree against a data document. This file calls each node's
// function from the operator table (operators.hpp) and holds the control-flow operators (if, and,
// or, !, ??, try, throw) and the copying of values; evaluator.hpp says where the other operators
// are.

#include <string>
#include <utility>
#include <vector>

#include "evaluator.hpp"
#include "stackpick/logic/logic.hpp"

namespace stackpick::logic::detail {

void throw_error(const char* type) { throw Thrown{json{{"type", type}}}; }

void throw_limit(const std::string& message) {
    throw Thrown{json{{"type", "Limit Exceeded"}, {"message", message}}};
}

// ---- values ----

json copy_json(const json& source, State& state) {
    if (!source.is_structured()) {
        state.create(source.is_string() ? 1 + source.get_ref<const json::string_t&>().size() / 16
                                        : 1);
        return source;
    }
    json result;
    std::vector<std::pair<const json*, json*>> stack{{&source, &result}};
    while (!stack.empty()) {
        const auto [from, to] = stack.back();
        stack.pop_back();
        state.create(1);
        if (from->is_array()) {
            const auto& elements = from->get_ref<const json::array_t&>();
            *to = json::array();
            auto& copies = to->get_ref<json::array_t&>();
            copies.resize(elements.size());  // never resized again: the pointers stay valid
            for (std::size_t i = 0; i < elements.size(); ++i) {
                stack.emplace_back(&elements[i], &copies[i]);
            }
        } else if (from->is_object()) {
            *to = json::object();
            auto& members = to->get_ref<json::object_t&>();
            for (const auto& [key, value] : from->get_ref<const json::object_t&>()) {
                stack.emplace_back(&value, &members.emplace(key, nullptr).first->second);
            }
        } else {
            if (from->is_string())
                state.create_string(from->get_ref<const json::string_t&>().size());
            *to = *from;
        }
    }
    return result;
}

json snapshot(const Value& value, State& state) {
    switch (value.kind()) {
        case Value::Kind::Null:
            return json();
        case Value::Kind::Bool:
            return json(value.as_bool());
        case Value::Kind::Number:
            return number_to_json(value.as_number());
        default:
            return copy_json(*value.json_ptr(), state);
    }
}

// ---- the node kinds the compiler makes ----

Value op_const(const Node& node, const Scope& /*scope*/, State& /*state*/) {
    return Value::ref(&node.literal);
}

Value op_array(const Node& node, const Scope& scope, State& state) {
    json result = json::array();
    auto& elements = result.get_ref<json::array_t&>();
    elements.reserve(node.args.size());
    for (const Node& arg : node.args) {
        state.create(1);
        elements.push_back(to_json(eval(arg, scope, state), state));
    }
    return Value::owned(std::move(result));
}

Value op_fail(const Node& node, const Scope& /*scope*/, State& /*state*/) {
    throw Thrown{node.literal};
}

// ---- control flow ----

Value op_if(const Node& node, const Scope& scope, State& state) {
    const auto& args = node.args;
    if (args.empty()) return {};
    if (args.size() == 1) return eval_operand(args[0], scope, state);
    std::size_t i = 0;
    for (; i + 1 < args.size(); i += 2) {
        if (truthy_value(eval_operand(args[i], scope, state))) {
            return eval_operand(args[i + 1], scope, state);
        }
    }
    return i < args.size() ? eval_operand(args[i], scope, state) : Value();
}

namespace {

/// and (is_and) or or: the first value that decides, or the last.
inline Value and_or(const Node& node, const Scope& scope, State& state, bool is_and) {
    const auto& args = node.args;
    if (args.empty()) return Value::boolean(false);
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        Value value = eval_operand(args[i], scope, state);
        if (truthy_value(value) != is_and) return value;
    }
    return eval_operand(args.back(), scope, state);
}

}  // namespace

Value op_and(const Node& node, const Scope& scope, State& state) {
    return and_or(node, scope, state, true);
}

Value op_or(const Node& node, const Scope& scope, State& state) {
    return and_or(node, scope, state, false);
}

Value op_coalesce(const Node& node, const Scope& scope, State& state) {
    if (!node.dynamic) {
        for (const Node& arg : node.args) {
            Value value = eval(arg, scope, state);
            if (type_of(value) != Type::Null) return value;
        }
        return {};
    }
    Value holder = eval(node.args[0], scope, state);
    const json* array = array_of(holder);
    if (array == nullptr) return holder;
    for (std::size_t i = 0; i < array->size(); ++i) {
        if (!(*array)[i].is_null()) return take_element(holder, i);
    }
    return {};
}

Value op_try(const Node& node, const Scope& scope, State& state) {
    if (node.dynamic) {
        Value holder = eval(node.args[0], scope, state);
        const json* array = array_of(holder);
        if (array == nullptr) return holder;
        return array->empty() ? Value() : take_element(holder, 0);
    }
    json last_error;
    bool failed = false;
    for (const Node& arg : node.args) {
        try {
            if (!failed) return eval(arg, scope, state);
            // The fallback sees the error as its context: {"val": "type"} reads the error type.
            Scope error_scope;
            error_scope.data = &last_error;
            error_scope.outer = &scope;
            return own(eval(arg, error_scope, state), state);
        } catch (Thrown& thrown) {
            last_error = std::move(thrown.error);
            failed = true;
        }
    }
    if (failed) throw Thrown{std::move(last_error)};
    return {};
}

Value op_throw(const Node& node, const Scope& scope, State& state) {
    Args args(node, scope, state);
    json error = args.size() > 0 ? to_json(args.take(0, state), state) : json();
    if (!error.is_object()) error = json{{"type", std::move(error)}};
    throw Thrown{std::move(error)};
}

Value op_not(const Node& node, const Scope& scope, State& state) {
    bool value = false;
    if (!node.dynamic && node.args.size() == 1) {
        value = truthy_value(eval_operand(node.args[0], scope, state));
    } else {
        Args args(node, scope, state);
        value = args.size() > 0 && truthy_value(args[0]);
    }
    return Value::boolean(node.op == Op::Not ? !value : value);
}

Value eval(const Node& node, const Scope& scope, State& state) {
    state.step();
    return row_of(node.op).evaluate(node, scope, state);
}

json evaluate_root(const Node& root, const json& data, Trace* trace) {
    State state;
    state.trace = trace;
    Scope scope;
    scope.data = &data;
    scope.is_root = true;
    return to_json(eval(root, scope, state), state);
}

}  // namespace stackpick::logic::detail
