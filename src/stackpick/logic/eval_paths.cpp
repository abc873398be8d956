// The operators that read the data: var, val, exists, missing and missing_some, and the walk of a
// path through the data and the scopes of iterators and reduce.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "evaluator.hpp"

namespace stackpick::logic::detail {

namespace {

/// A position reached while walking a path.
struct Cursor {
    enum class Kind : std::uint8_t { Missing, Json, Reduce, Iteration, Number, Accumulator };
    Kind kind = Kind::Missing;
    const json* value = nullptr;
    const Scope* scope = nullptr;
    double number = 0.0;
};

Cursor context_cursor(const Scope& scope) {
    Cursor cursor;
    if (scope.accumulator != nullptr) {
        cursor.kind = Cursor::Kind::Reduce;
        cursor.scope = &scope;
    } else {
        cursor.kind = Cursor::Kind::Json;
        cursor.value = scope.data;
    }
    return cursor;
}

Cursor climb(const Scope& scope, std::size_t levels) {
    const Scope* at = &scope;
    for (; levels >= 2; levels -= 2) {
        at = at->outer;
        if (at == nullptr) return {};
    }
    if (levels == 0) return context_cursor(*at);
    Cursor cursor;
    if (at->iteration) {
        cursor.kind = Cursor::Kind::Iteration;
        cursor.scope = at;
    }
    return cursor;
}

/// Inside reduce: "current..." and "accumulator..." without building the {accumulator, current}
/// pair. False when the path goes elsewhere (then the general walk handles it).
bool read_reduce_slot(const Node& node, const Scope& scope, Value& out) {
    if (node.path.empty()) return false;
    const std::string& slot = node.path.front().key;
    const json* from = nullptr;
    if (slot == "current") {
        from = scope.current;
    } else if (slot == "accumulator") {
        const Value& accumulator = *scope.accumulator;
        from = accumulator.json_ptr();
        if (from == nullptr) {                       // an inline scalar: it has no members
            if (node.path.size() != 1) return true;  // out stays null
            out = accumulator.kind() == Value::Kind::Bool ? Value::boolean(accumulator.as_bool())
                  : accumulator.kind() == Value::Kind::Number
                      ? Value::number(accumulator.as_number())
                      : Value();
            return true;
        }
    } else {
        return false;
    }
    if (const json* value = walk_json(from, node.path, 1)) out = Value::ref(value);
    return true;
}

Cursor cursor_for(const Value& value) {
    Cursor cursor;
    if (const json* j = value.json_ptr()) {
        cursor.kind = Cursor::Kind::Json;
        cursor.value = j;
    } else {
        cursor.kind = Cursor::Kind::Accumulator;
    }
    return cursor;
}

Cursor step(const Cursor& from, const Segment& segment) {
    Cursor next;
    switch (from.kind) {
        case Cursor::Kind::Json:
            next.value = child(*from.value, segment);
            if (next.value != nullptr) next.kind = Cursor::Kind::Json;
            return next;
        case Cursor::Kind::Reduce:
            if (segment.key == "accumulator") {
                next = cursor_for(*from.scope->accumulator);
                next.scope = from.scope;
            } else if (segment.key == "current") {
                next.kind = Cursor::Kind::Json;
                next.value = from.scope->current;
            }
            return next;
        case Cursor::Kind::Iteration:
            if (segment.key == "index") {
                next.kind = Cursor::Kind::Number;
                next.number = static_cast<double>(from.scope->index);
            } else if (segment.key == "iterator") {
                next.kind = Cursor::Kind::Json;
                next.value = from.scope->iterator;
            }
            return next;
        default:  // scalars have no members
            return next;
    }
}

Value scalar_copy(const Value& value) {
    switch (value.kind()) {
        case Value::Kind::Bool:
            return Value::boolean(value.as_bool());
        case Value::Kind::Number:
            return Value::number(value.as_number());
        default:
            return {};
    }
}

/// The value at a (found) cursor.
Value cursor_value(const Cursor& cursor, State& state) {
    switch (cursor.kind) {
        case Cursor::Kind::Json:
            return Value::ref(cursor.value);
        case Cursor::Kind::Number:
            return Value::number(cursor.number);
        case Cursor::Kind::Accumulator:
            return scalar_copy(*cursor.scope->accumulator);
        case Cursor::Kind::Reduce: {
            json pair = json::object();
            pair["accumulator"] = snapshot(*cursor.scope->accumulator, state);
            pair["current"] = copy_json(*cursor.scope->current, state);
            return Value::owned(std::move(pair));
        }
        case Cursor::Kind::Iteration: {
            json info = json::object();
            info["index"] = cursor.scope->index;
            info["iterator"] = copy_json(*cursor.scope->iterator, state);
            return Value::owned(std::move(info));
        }
        default:
            return {};
    }
}

bool found(const Cursor& cursor) { return cursor.kind != Cursor::Kind::Missing; }

Cursor walk(Cursor cursor, const std::vector<Segment>& path) {
    for (const Segment& segment : path) {
        if (!found(cursor)) break;
        cursor = step(cursor, segment);
    }
    return cursor;
}

void record(State& state, const Scope& scope, const std::string& path, const Value& value) {
    if (!scope.is_root) return;
    state.trace->reads.push_back({path, snapshot(value, state)});
}

/// Walks a val/exists path: literal (split at compile time) or computed from the arguments.
Cursor val_cursor(const Node& node, const Scope& scope, State& state) {
    if (node.static_path) {
        return walk(node.climb > 0 ? climb(scope, node.climb) : context_cursor(scope), node.path);
    }
    Args args(node, scope, state);
    std::size_t first = 0;
    std::size_t levels = 0;
    if (args.size() > 0) {
        if (const json* head = array_of(args[0]); head != nullptr && head->size() == 1) {
            levels = climb_levels((*head)[0]);
            first = 1;
        }
    }
    Cursor cursor = levels > 0 ? climb(scope, levels) : context_cursor(scope);
    for (std::size_t i = first; i < args.size() && found(cursor); ++i) {
        if (type_of(args[i]) == Type::Null) continue;
        cursor = step(cursor, make_segment(js_string(args[i])));
    }
    return cursor;
}

/// missing treats null and "" as missing, as json-logic-js does.
bool is_missing(const Scope& scope, const std::string& key) {
    const Cursor cursor = walk(context_cursor(scope), split_var_path(key));
    if (!found(cursor)) return true;
    if (cursor.kind != Cursor::Kind::Json) return false;
    return cursor.value->is_null() ||
           (cursor.value->is_string() && cursor.value->get_ref<const json::string_t&>().empty());
}

/// The keys missing from the data, in order; `total` receives how many keys were asked about.
json missing_keys(const Scope& scope, Value& keys, State& state, std::size_t& total) {
    json missing = json::array();
    const auto check = [&](const Value& key) {
        ++total;
        state.step();
        if (is_missing(scope, js_string(key))) missing.push_back(snapshot(key, state));
    };
    if (const json* array = array_of(keys)) {
        for (const json& element : *array) check(Value::ref(&element));
    } else {
        check(keys);
    }
    return missing;
}

}  // namespace

Value op_var(const Node& node, const Scope& scope, State& state) {
    if (node.static_path && scope.accumulator == nullptr) {
        const json* value = walk_json(scope.data, node.path);
        if (state.trace != nullptr) {
            record(state, scope, node.trace_path, value != nullptr ? Value::ref(value) : Value());
        }
        if (value != nullptr) return Value::ref(value);
        return node.has_default ? eval(node.args[1], scope, state) : Value();
    }
    if (node.static_path && state.trace == nullptr) {
        Value value;
        if (read_reduce_slot(node, scope, value)) {
            if (type_of(value) != Type::Null || !node.has_default) return value;
            // null here may be a value that exists: the general walk below tells them apart
        }
    }
    if (node.static_path) {
        const Cursor cursor = walk(context_cursor(scope), node.path);
        if (found(cursor)) {
            Value value = cursor_value(cursor, state);
            if (state.trace != nullptr) record(state, scope, node.trace_path, value);
            return value;
        }
        if (state.trace != nullptr) record(state, scope, node.trace_path, Value());
        return node.has_default ? eval(node.args[1], scope, state) : Value();
    }
    Args args(node, scope, state);
    std::string path;
    if (args.size() > 0 && type_of(args[0]) != Type::Null) path = js_string(args[0]);
    const Cursor cursor = walk(context_cursor(scope), split_var_path(path));
    Value value = found(cursor) ? cursor_value(cursor, state) : Value();
    if (!found(cursor) && args.size() > 1) value = args.take(1, state);
    if (state.trace != nullptr) record(state, scope, path, value);
    return value;
}

Value op_val(const Node& node, const Scope& scope, State& state) {
    if (node.static_path && node.climb == 0 && scope.accumulator == nullptr) {
        const json* value = walk_json(scope.data, node.path);
        Value result = value != nullptr ? Value::ref(value) : Value();
        if (state.trace != nullptr) record(state, scope, node.trace_path, result);
        return result;
    }
    const Cursor cursor = val_cursor(node, scope, state);
    Value value = found(cursor) ? cursor_value(cursor, state) : Value();
    if (node.static_path && node.climb == 0 && state.trace != nullptr) {
        record(state, scope, node.trace_path, value);
    }
    return value;
}

Value op_exists(const Node& node, const Scope& scope, State& state) {
    return Value::boolean(found(val_cursor(node, scope, state)));
}

Value op_missing(const Node& node, const Scope& scope, State& state) {
    Args args(node, scope, state);
    std::size_t total = 0;
    if (args.size() > 0 && array_of(args[0]) != nullptr) {
        return Value::owned(missing_keys(scope, args[0], state, total));
    }
    json missing = json::array();
    for (std::size_t i = 0; i < args.size(); ++i) {
        for (auto& key : missing_keys(scope, args[i], state, total)) {
            missing.push_back(std::move(key));
        }
    }
    return Value::owned(std::move(missing));
}

Value op_missing_some(const Node& node, const Scope& scope, State& state) {
    Args args(node, scope, state);
    const double need = args.size() > 0 ? to_number(args[0]) : 0.0;
    std::size_t total = 0;
    json missing = json::array();
    if (args.size() > 1) missing = missing_keys(scope, args[1], state, total);
    const double present = static_cast<double>(total - missing.size());
    return Value::owned(present >= need ? json::array() : std::move(missing));
}

}  // namespace stackpick::logic::detail
