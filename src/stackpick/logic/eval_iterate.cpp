// The operators that iterate over an array: map, filter, all, some, none and reduce. Inside them
// an expression sees each element as its data, and the iteration one scope level up.

#include <cstddef>
#include <utility>

#include "evaluator.hpp"

namespace stackpick::logic::detail {

namespace {

/// The array an iterator walks; null means none.
const json* iteration_source(const Value& source, bool null_is_empty) {
    if (const json* array = array_of(source)) return array;
    if (null_is_empty && type_of(source) == Type::Null) return nullptr;
    throw_error("Invalid Arguments");
}

Scope iteration_scope(const json& array, const Scope& outer) {
    Scope scope;
    scope.iteration = true;
    scope.iterator = &array;
    scope.outer = &outer;
    return scope;
}

}  // namespace

Value op_map_filter(const Node& node, const Scope& scope, State& state) {
    const Value source = eval(node.args[0], scope, state);
    json result = json::array();
    const json* array = iteration_source(source, true);
    if (array == nullptr) return Value::owned(std::move(result));
    check_array_size(array->size(), node.op == Op::Map ? "map" : "filter");
    auto& elements = result.get_ref<json::array_t&>();
    if (node.op == Op::Map) elements.reserve(array->size());
    Scope inner = iteration_scope(*array, scope);
    for (std::size_t i = 0; i < array->size(); ++i) {
        const json& element = (*array)[i];
        inner.data = &element;
        inner.index = i;
        Value value = eval_operand(node.args[1], inner, state);
        if (node.op == Op::Map) {
            state.create(1);
            elements.push_back(to_json(std::move(value), state));
        } else if (truthy_value(value)) {
            elements.push_back(copy_json(element, state));
        }
    }
    return Value::owned(std::move(result));
}

Value op_quantifier(const Node& node, const Scope& scope, State& state) {
    const Value source = eval(node.args[0], scope, state);
    const json* array = iteration_source(source, false);
    // all of nothing is false here (as in the suites), some of nothing false, none of nothing true.
    if (array->empty()) return Value::boolean(node.op == Op::None);
    const bool want = node.op == Op::All;  // all stops at the first falsy, some/none at a truthy
    Scope inner = iteration_scope(*array, scope);
    for (std::size_t i = 0; i < array->size(); ++i) {
        inner.data = &(*array)[i];
        inner.index = i;
        if (truthy_value(eval_operand(node.args[1], inner, state)) != want) {
            return Value::boolean(node.op == Op::Some);
        }
    }
    return Value::boolean(node.op != Op::Some);
}

Value op_reduce(const Node& node, const Scope& scope, State& state) {
    const bool has_initial = node.args.size() == 3;
    Value accumulator = has_initial ? eval(node.args[2], scope, state) : Value();
    const Value source = eval(node.args[0], scope, state);
    const json* array = iteration_source(source, true);
    if (array == nullptr) return accumulator;
    std::size_t first = 0;
    if (!has_initial) {
        if (array->empty()) return {};
        accumulator = Value::ref(&(*array)[0]);
        first = 1;
    }
    Scope inner = iteration_scope(*array, scope);
    inner.accumulator = &accumulator;
    for (std::size_t i = first; i < array->size(); ++i) {
        inner.current = &(*array)[i];
        inner.index = i;
        Value next = eval(node.args[1], inner, state);
        // The body may return a part of the accumulator it is about to replace.
        if (accumulator.kind() == Value::Kind::Owned && next.kind() == Value::Kind::Ref) {
            next = own(std::move(next), state);
        }
        accumulator = std::move(next);
    }
    // A borrowed result may point into the source array, which dies here.
    if (source.kind() == Value::Kind::Owned) accumulator = own(std::move(accumulator), state);
    return accumulator;
}

}  // namespace stackpick::logic::detail
