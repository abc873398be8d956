#pragma once
/// Internal to the logic module: what the parts of the evaluator share. eval.cpp walks the tree,
/// calling each node's function from the operator table (operators.hpp), and runs the
/// control-flow operators; the others have a file per concern (eval_paths, eval_arithmetic,
/// eval_strings, eval_iterate), and eval_fast.cpp runs the truthiness program.
/// The helpers every operator calls per operand are in line here, as they were when the
/// evaluator was one file: a split must not add a call per value.
///
/// Values borrow from the data and the rule wherever they can (Value::Kind::Ref), so reading a
/// variable copies nothing; JSON is built only for results that are new (cat, merge, map...) and
/// for the final answer. Every borrowed pointer refers to storage that outlives its use: the data,
/// the rule, or a value owned by an operator that is still running (see reduce and try, which copy
/// what would otherwise outlive them).

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "key_lookup.hpp"
#include "node.hpp"
#include "stackpick/logic/logic.hpp"
#include "value.hpp"

namespace stackpick::logic::detail {

/// The context an expression sees. Level 0 is the data (or, inside reduce, the pair
/// {"accumulator", "current"}); level 1 is the iteration {"index", "iterator"} (null outside
/// iterators); levels 2 and 3 are those of the enclosing scope, and so on ([[n], ...] climbs).
struct Scope {
    const json* data = nullptr;
    const Value* accumulator = nullptr;  ///< set inside reduce
    const json* current = nullptr;       ///< set inside reduce
    bool iteration = false;
    std::size_t index = 0;
    const json* iterator = nullptr;
    const Scope* outer = nullptr;
    bool is_root = false;
};

/// Per-evaluation bookkeeping: the optional trace and the two budgets (see logic.hpp).
struct State {
    Trace* trace = nullptr;
    std::uint64_t steps = 0;
    std::uint64_t created = 0;

    /// Counts one sub-expression evaluation.
    void step() {
        if (++steps > k_max_evaluation_steps) {
            throw_limit("evaluation took more than " + std::to_string(k_max_evaluation_steps) +
                        " steps");
        }
    }

    /// Counts values created or copied.
    void create(std::uint64_t values) {
        created += values;
        if (created > k_max_created_values) {
            throw_limit("evaluation created more than " + std::to_string(k_max_created_values) +
                        " values");
        }
    }

    /// Counts a new string of `bytes` bytes.
    void create_string(std::size_t bytes) { create(1 + bytes / 16); }
};

/// Evaluates a node: counts a step and runs its operator.
Value eval(const Node& node, const Scope& scope, State& state);

// ---- values: copying (without recursion: data may be nested arbitrarily deep) and owning ----

json copy_json(const json& source, State& state);

/// The value as JSON, without consuming it.
json snapshot(const Value& value, State& state);

inline json to_json(Value&& value, State& state) {
    if (value.kind() == Value::Kind::Owned) return std::move(value.owned_json());
    return snapshot(value, state);
}

/// The same value, no longer borrowing (for values that outlive what they point into).
inline Value own(Value&& value, State& state) {
    if (value.kind() != Value::Kind::Ref) return std::move(value);
    return Value::owned(copy_json(*value.json_ptr(), state));
}

/// Element `index` of the array `holder` holds: moved out when holder owns it, else borrowed.
inline Value take_element(Value& holder, std::size_t index) {
    if (holder.kind() == Value::Kind::Owned) {
        return Value::owned(std::move(holder.owned_json()[index]));
    }
    return Value::ref(&(*holder.json_ptr())[index]);
}

inline const std::string& string_of(const Value& value) {
    return value.json_ptr()->get_ref<const json::string_t&>();
}

inline std::string js_string(const Value& value) {
    std::string text;
    append_js_string(text, value);
    return text;
}

inline Value finish_number(double result) {
    if (!std::isfinite(result)) throw_error("NaN");
    return Value::number(result);
}

/// eval() for operands, with the two commonest kinds resolved in line: literals and var reads
/// with a literal path from plain JSON (no reduce context, no trace, no default).
inline Value eval_operand(const Node& node, const Scope& scope, State& state) {
    if (node.op == Op::Const) return Value::ref(&node.literal);
    if (node.op == Op::Var && node.static_path && !node.has_default &&
        scope.accumulator == nullptr && state.trace == nullptr) {
        const json* value = walk_json(scope.data, node.path);
        return value != nullptr ? Value::ref(value) : Value();
    }
    return eval(node, scope, state);
}

// ---- arguments ----

/// Calls f(Value&) with each argument: each element of the array, or each value of the
/// dynamic argument's array (or that value itself when it is not an array).
template <class F>
void for_each_arg(const Node& node, const Scope& scope, State& state, F&& f) {
    if (!node.dynamic) {
        for (const Node& arg : node.args) {
            Value value = eval_operand(arg, scope, state);
            f(value);
        }
        return;
    }
    Value holder = eval(node.args[0], scope, state);
    if (const json* array = array_of(holder)) {
        for (const json& element : *array) {
            Value value = Value::ref(&element);
            f(value);
        }
    } else {
        f(holder);
    }
}

/// All arguments, evaluated eagerly, for operators that need them by position.
class Args {
  public:
    Args(const Node& node, const Scope& scope, State& state) {
        if (!node.dynamic) {
            for (const Node& arg : node.args) push(eval(arg, scope, state));
            return;
        }
        m_holder = eval(node.args[0], scope, state);
        if (const json* array = array_of(m_holder)) {
            m_borrowed = m_holder.kind() == Value::Kind::Owned;
            for (const json& element : *array) push(Value::ref(&element));
        } else {
            push(std::move(m_holder));
        }
    }
    Args(const Args&) = delete;
    Args& operator=(const Args&) = delete;
    ~Args() = default;

    std::size_t size() const { return m_size; }
    Value& operator[](std::size_t i) { return i < m_inline.size() ? m_inline[i] : m_more[i - 3]; }

    /// Argument i, safe to return from the operator.
    Value take(std::size_t i, State& state) {
        Value& value = (*this)[i];
        return m_borrowed ? own(std::move(value), state) : std::move(value);
    }

  private:
    void push(Value value) {
        if (m_size < m_inline.size()) {
            m_inline[m_size] = std::move(value);
        } else {
            m_more.push_back(std::move(value));
        }
        ++m_size;
    }

    Value m_holder;
    bool m_borrowed = false;  ///< the arguments point into m_holder, which dies with this
    std::array<Value, 3> m_inline;
    std::vector<Value> m_more;
    std::size_t m_size = 0;
};

// ---- shared by the operators' files (the operators themselves: operators.hpp) ----

/// a op b for a comparison operator (==, !=, ===, !==, <, <=, >, >=): eval_arithmetic.cpp.
bool compare_pair(Op op, const Value& a, const Value& b);

/// Throws the limit error when a result array would hold more than k_max_array_elements:
/// eval_strings.cpp.
void check_array_size(std::size_t size, const char* op);

}  // namespace stackpick::logic::detail
