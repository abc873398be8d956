// evaluate_truthy(): runs a condition's truthiness program (FastProgram, built by compile.cpp)
// against the data, reading it without building values, with the results, errors and step
// counts of the general evaluator, which runs whatever the program does not cover.

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "evaluator.hpp"
#include "key_lookup.hpp"
#include "stackpick/logic/logic.hpp"

namespace stackpick::logic {

namespace detail {

namespace {

/// The value a Var/Compare/InList node's path names in the data, or null when it is missing:
/// the same walk as walk_json(), over the program's own copy of the path.
[[gnu::always_inline]] inline const json* fast_lookup(const FastProgram& program,
                                                      const FastNode& node,
                                                      const json& data) noexcept {
    const json* at = &data;
    for (std::uint32_t i = 0; i < node.count; ++i) {
        const FastText& segment = program.segment(node.first + i);
        if (const auto* members = at->get_ptr<const json::object_t*>()) {
            const auto found =
                members->find(KeyView{program.text(segment.offset, segment.size), segment.prefix});
            if (found == members->end()) return nullptr;
            at = &found->second;
        } else if (const auto* elements = at->get_ptr<const json::array_t*>()) {
            if (segment.index >= elements->size()) return nullptr;  // also k_not_an_index
            at = &(*elements)[static_cast<std::size_t>(segment.index)];
        } else {
            return nullptr;
        }
    }
    return at;
}

/// to_number() of a value that is not a string, in line.
[[gnu::always_inline]] inline double scalar_number(const json& value) noexcept {
    // The usual answer first. (get_ptr<number_integer_t*> would also accept unsigned numbers.)
    if (value.type() == json::value_t::number_integer) {
        return static_cast<double>(*value.get_ptr<const json::number_integer_t*>());
    }
    switch (value.type()) {
        case json::value_t::null:
            return 0.0;
        case json::value_t::boolean:
            return *value.get_ptr<const json::boolean_t*>() ? 1.0 : 0.0;
        case json::value_t::number_integer:
            return static_cast<double>(*value.get_ptr<const json::number_integer_t*>());
        case json::value_t::number_unsigned:
            return static_cast<double>(*value.get_ptr<const json::number_unsigned_t*>());
        case json::value_t::number_float:
            return *value.get_ptr<const json::number_float_t*>();
        default:
            return to_number(value);
    }
}

/// compare_pair(node.op, value, literal) for the usual operand types: 1 or 0; -1 for the types
/// that need the general comparison (numbers under ===, a string against a non-string, arrays
/// and objects, and a number against a non-numeric string, which throws).
[[gnu::always_inline]] inline int fast_compare(const FastProgram& program, const FastNode& node,
                                               const json* value) noexcept {
    const Type type = value != nullptr ? type_of(*value) : Type::Null;
    if (node.op == Op::StrictEq || node.op == Op::StrictNe) {
        bool equal = false;
        if (type == node.constant) {
            switch (type) {
                case Type::Null:
                    equal = true;
                    break;
                case Type::Bool:
                    equal = *value->get_ptr<const json::boolean_t*>() == (node.number != 0.0);
                    break;
                case Type::String:
                    equal = *value->get_ptr<const json::string_t*>() ==
                            program.text(node.text, node.text_size);
                    break;
                default:
                    return -1;
            }
        }
        return equal == (node.op == Op::StrictEq) ? 1 : 0;
    }
    if (type == Type::String) {
        if (node.constant != Type::String) return -1;
        const std::string_view text = *value->get_ptr<const json::string_t*>();
        const std::string_view literal = program.text(node.text, node.text_size);
        switch (node.op) {
            case Op::Eq:
                return text == literal ? 1 : 0;
            case Op::Ne:
                return text != literal ? 1 : 0;
            case Op::Lt:
                return text < literal ? 1 : 0;
            case Op::Le:
                return text <= literal ? 1 : 0;
            case Op::Gt:
                return text > literal ? 1 : 0;
            default:
                return text >= literal ? 1 : 0;
        }
    }
    if (type == Type::Array || type == Type::Object) return -1;
    if (type == Type::Number && node.constant == Type::String && std::isnan(node.number)) return -1;
    // null, booleans and numbers against a number (null 0, booleans 0 and 1, strings converted).
    const double x = value != nullptr ? scalar_number(*value) : 0.0;
    const double y = node.number;
    switch (node.op) {
        case Op::Eq:
            return x == y ? 1 : 0;
        case Op::Ne:
            return x != y ? 1 : 0;
        case Op::Lt:
            return x < y ? 1 : 0;
        case Op::Le:
            return x <= y ? 1 : 0;
        case Op::Gt:
            return x > y ? 1 : 0;
        default:
            return x >= y ? 1 : 0;
    }
}

/// compare_pair() for the operand types that fast_compare() leaves to it.
[[gnu::noinline]] bool general_compare(const FastNode& node, const json* value) {
    return compare_pair(node.op, value != nullptr ? Value::ref(value) : Value(),
                        Value::ref(&node.node->args[1].literal));
}

[[gnu::noinline]] bool slow_truthy(const Node& node, const Scope& scope, State& state) {
    return truthy_value(eval(node, scope, state));
}

/// What the program runs with: the data alone (Plain), or also the general evaluator's scope and
/// state (Counted: steps are counted and limited exactly as the general evaluator counts them,
/// and Slow nodes run; a program without them cannot reach the step limit).
struct PlainContext {
    const json* data;
};

struct CountedContext {
    const json* data;
    const Scope* scope;
    State* state;
};

template <class Context>
inline constexpr bool k_counted = std::is_same_v<Context, CountedContext>;

template <class Context>
bool fast_truthy(const FastProgram& program, std::uint32_t index, Context& context);

/// truthy() of a node that reads the data or is a literal (Var, Compare, InList, Const), in line
/// in its parent's loop.
/// `last` holds the value of the path read before, and receives this node's.
template <class Context>
[[gnu::always_inline]] inline bool leaf_truthy(const FastProgram& program, const FastNode& node,
                                               Context& context, const json*& last) {
    if constexpr (k_counted<Context>) {
        if (node.step) context.state->step();
    }
    if (node.kind == FastKind::Const) return node.number != 0.0;
    const json* value = node.same_path ? last : fast_lookup(program, node, *context.data);
    last = value;
    if (node.kind == FastKind::Var) {
        if (value == nullptr) return false;
        const auto* flag = value->get_ptr<const json::boolean_t*>();  // the usual answer
        return flag != nullptr ? *flag : truthy_json(*value);
    }
    if (node.kind == FastKind::Compare) {
        const int result = fast_compare(program, node, value);
        return result >= 0 ? result != 0 : general_compare(node, value);
    }
    const std::string* needle =
        value != nullptr ? value->get_ptr<const json::string_t*>() : nullptr;
    for (std::uint32_t i = 0; i < node.text_size; ++i) {
        if constexpr (k_counted<Context>) context.state->step();
        if (needle == nullptr) continue;  // only a string is === to a string
        const FastText& element = program.segment(node.text + i);
        if (*needle == program.text(element.offset, element.size)) return true;
    }
    return false;
}

inline bool is_leaf(FastKind kind) noexcept {
    return kind == FastKind::Var || kind == FastKind::Compare || kind == FastKind::InList ||
           kind == FastKind::Const;
}

/// truthy() of child `index`: leaves in line, other kinds by a call.
template <class Context>
[[gnu::always_inline]] inline bool child_truthy(const FastProgram& program, std::uint32_t index,
                                                Context& context, const json*& last) {
    const FastNode& child = program.node(index);
    return is_leaf(child.kind) ? leaf_truthy(program, child, context, last)
                               : fast_truthy(program, index, context);
}

/// truthy(eval(node)) for node `index` of the program.
template <class Context>
bool fast_truthy(const FastProgram& program, std::uint32_t index, Context& context) {
    const FastNode& node = program.node(index);
    switch (node.kind) {
        case FastKind::And:
        case FastKind::Or:
        case FastKind::Not:
            if constexpr (k_counted<Context>) {
                if (node.step) context.state->step();
            }
            break;
        case FastKind::Slow:
            if constexpr (k_counted<Context>) {
                return slow_truthy(*node.node, *context.scope, *context.state);
            } else {
                return false;  // a program with Slow nodes is Counted
            }
        default: {
            const json* last = nullptr;  // same_path is never set on a node without siblings
            return leaf_truthy(program, node, context, last);
        }
    }
    const json* last = nullptr;
    if (node.kind == FastKind::Not) {
        return child_truthy(program, node.first, context, last) != (node.number != 0.0);
    }
    // and: false at the first falsy (or with none); or: true at the first truthy.
    const bool is_and = node.kind == FastKind::And;
    for (std::uint32_t i = 0; i < node.count; ++i) {
        if (child_truthy(program, node.first + i, context, last) != is_and) return !is_and;
    }
    return is_and && node.count != 0;
}

}  // namespace

bool evaluate_root_truthy(const Compiled& compiled, const json& data) {
    if (!compiled.fast.empty() && !compiled.fast.counted()) {
        PlainContext context{&data};
        return fast_truthy(compiled.fast, 0, context);
    }
    State state;
    Scope scope;
    scope.data = &data;
    scope.is_root = true;
    const FastProgram& fast = compiled.fast;
    if (fast.empty()) return truthy_value(eval(compiled.root, scope, state));
    CountedContext context{&data, &scope, &state};
    return fast_truthy(fast, 0, context);
}

}  // namespace detail

bool evaluate_truthy(const Expression& expression, const nlohmann::json& data) {
    try {
        return detail::evaluate_root_truthy(*expression.m_compiled, data);
    } catch (detail::Thrown& thrown) {
        throw RuleError(std::move(thrown.error));
    }
}

}  // namespace stackpick::logic
