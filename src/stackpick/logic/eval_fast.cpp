// evaluate_truthy(): runs a condition's truthiness program (FastProgram, built by compile.cpp)
// against the data, reading it without building values, with the results, errors and step
// counts of the general evaluator, which runs whatever the program does not cover.

#include <algorithm>
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
[[gnu::always_inline]] inline const json* fast_lookup(const ProgramView& program,
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

inline Type type_of_slot(const SlotValue& value) noexcept { return static_cast<Type>(value.type); }

/// compare_pair(node.op, value, literal) for the usual operand types: 1 or 0; -1 for the types
/// that need the general comparison (numbers under ===, a string against a non-string, arrays
/// and objects, and a number against a non-numeric string, which throws).
[[gnu::always_inline]] inline int fast_compare(const ProgramView& program, const FastNode& node,
                                               const SlotValue& value) noexcept {
    const Type type = type_of_slot(value);
    if (node.op == Op::StrictEq || node.op == Op::StrictNe) {
        bool equal = false;
        if (type == node.constant) {
            switch (type) {
                case Type::Null:
                    equal = true;
                    break;
                case Type::Bool:
                    equal = (value.number != 0.0) == (node.number != 0.0);
                    break;
                case Type::String:
                    equal = std::string_view(value.text, value.size) ==
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
        const std::string_view text(value.text, value.size);
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
    const double x = value.number;
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

/// Where the program's leaves read the data from: the data itself, each path walked by name
/// (JsonSource), or its members laid out in slots (SlotSource), read by index where the
/// compiler resolved a path to a slot.
struct JsonSource {
    const json* data;

    /// The value the leaf's path names; `last` holds the value of the path read before, and
    /// receives this one's.
    [[gnu::always_inline]] SlotValue read(const ProgramView& program, const FastNode& node,
                                          SlotValue& last) const noexcept {
        if (!node.same_path) last = slot_value(fast_lookup(program, node, *data));
        return last;
    }
};

struct SlotSource {
    const SlotValue* slots;
    const json* data;

    [[gnu::always_inline]] const SlotValue& read(const ProgramView& program, const FastNode& node,
                                                 SlotValue& last) const noexcept {
        if (node.slot != SlotLayout::k_none) return slots[node.slot];
        if (!node.same_path) last = slot_value(fast_lookup(program, node, *data));
        return last;
    }
};

/// What the program runs with: where it reads the data, and for a Counted program also the
/// general evaluator's scope and state (steps are counted and limited exactly as the general
/// evaluator counts them, and Slow nodes run; a program without them cannot reach the step
/// limit).
template <class Source, bool Counted>
struct Context {
    Source source;
    const Scope* scope = nullptr;
    State* state = nullptr;
    static constexpr bool k_counted = Counted;
};

template <class Context>
bool fast_truthy(const ProgramView& program, std::uint32_t index, Context& context);

/// truthy() of a node that reads the data or is a literal (Var, Compare, InList, Const), in line
/// in its parent's loop. `last` holds the value of the path read before, and receives this
/// node's.
template <class Context>
[[gnu::always_inline]] inline bool leaf_truthy(const ProgramView& program, const FastNode& node,
                                               Context& context, SlotValue& last) {
    if constexpr (Context::k_counted) {
        if (node.step) context.state->step();
    }
    if (node.kind == FastKind::Const) return node.number != 0.0;
    const SlotValue& value = context.source.read(program, node, last);
    if (node.kind == FastKind::Var) return value.truthy;
    if (node.kind == FastKind::Compare) {
        const int result = fast_compare(program, node, value);
        return result >= 0 ? result != 0 : general_compare(node, value.value);
    }
    // in: only a string is === to a string
    const bool is_string = type_of_slot(value) == Type::String;
    const std::string_view needle(value.text, value.size);
    for (std::uint32_t i = 0; i < node.text_size; ++i) {
        if constexpr (Context::k_counted) context.state->step();
        if (!is_string) continue;
        const FastText& element = program.segment(node.text + i);
        if (needle == program.text(element.offset, element.size)) return true;
    }
    return false;
}

inline bool is_leaf(FastKind kind) noexcept {
    return kind == FastKind::Var || kind == FastKind::Compare || kind == FastKind::InList ||
           kind == FastKind::Const;
}

/// truthy() of child `index`: leaves in line, other kinds by a call.
template <class Context>
[[gnu::always_inline]] inline bool child_truthy(const ProgramView& program, std::uint32_t index,
                                                Context& context, SlotValue& last) {
    const FastNode& child = program.node(index);
    return is_leaf(child.kind) ? leaf_truthy(program, child, context, last)
                               : fast_truthy(program, index, context);
}

/// truthy(eval(node)) for node `index` of the program.
template <class Context>
bool fast_truthy(const ProgramView& program, std::uint32_t index, Context& context) {
    const FastNode& node = program.node(index);
    switch (node.kind) {
        case FastKind::And:
        case FastKind::Or:
        case FastKind::Not:
            if constexpr (Context::k_counted) {
                if (node.step) context.state->step();
            }
            break;
        case FastKind::Slow:
            if constexpr (Context::k_counted) {
                return slow_truthy(*node.node, *context.scope, *context.state);
            } else {
                return false;  // a program with Slow nodes is Counted
            }
        default: {
            SlotValue last;  // same_path is never set on a node without siblings
            return leaf_truthy(program, node, context, last);
        }
    }
    SlotValue last;
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

/// fast_truthy() of a program's root, with a leaf root in line.
template <class Context>
[[gnu::always_inline]] inline bool root_truthy(const ProgramView& program, Context& context) {
    const FastNode& root = program.node(0);
    if (!is_leaf(root.kind)) return fast_truthy(program, 0, context);
    SlotValue last;  // same_path is never set on a node without siblings
    return leaf_truthy(program, root, context, last);
}

/// Runs the compiled rule with its program when it has one (counting steps only when it must),
/// else with the general evaluator.
template <class Source>
bool run_truthy(const Compiled& compiled, const Source& source, const json& data) {
    const FastProgram& fast = compiled.fast;
    if (!fast.empty() && !fast.counted()) {
        Context<Source, false> context{source};
        return fast_truthy(fast.view(), 0, context);
    }
    State state;
    Scope scope;
    scope.data = &data;
    scope.is_root = true;
    if (fast.empty()) return truthy_value(eval(compiled.root, scope, state));
    Context<Source, true> context{source, &scope, &state};
    return fast_truthy(fast.view(), 0, context);
}

}  // namespace

SlotValue slot_value(const json* value) noexcept {
    SlotValue slot;
    if (value == nullptr) return slot;
    slot.value = value;
    const Type type = type_of(*value);
    slot.type = static_cast<std::uint8_t>(type);
    slot.truthy = truthy_json(*value);
    if (const auto* text = value->get_ptr<const json::string_t*>()) {
        slot.text = text->data();
        slot.size = static_cast<std::uint32_t>(std::min<std::size_t>(text->size(), UINT32_MAX));
    } else if (type != Type::Array && type != Type::Object) {
        slot.number = scalar_number(*value);
    }
    return slot;
}

bool evaluate_root_truthy(const Compiled& compiled, const json& data) {
    return run_truthy(compiled, JsonSource{&data}, data);
}

bool evaluate_root_truthy(const Compiled& compiled, const SlotValue* slots, const json& data) {
    return run_truthy(compiled, SlotSource{slots, &data}, data);
}

}  // namespace detail

bool evaluate_truthy(const Expression& expression, const nlohmann::json& data) {
    try {
        return detail::evaluate_root_truthy(expression.compiled(), data);
    } catch (detail::Thrown& thrown) {
        throw RuleError(std::move(thrown.error));
    }
}

bool evaluate_truthy(const Expression& expression, const SlotData& data) {
    const detail::Compiled& compiled = expression.compiled();
    try {
        if (data.read_by_slot(compiled.layout.get()))
            return detail::evaluate_root_truthy(compiled, data.m_slots.data(), *data.m_data);
        return detail::evaluate_root_truthy(compiled, *data.m_data);
    } catch (detail::Thrown& thrown) {
        throw RuleError(std::move(thrown.error));
    }
}

inline bool ConditionSet::entry_holds(const Entry& entry, const SlotData& data) const {
    if (entry.program.nodes != nullptr && data.read_by_slot(entry.layout)) {
        // As evaluate_truthy() would run it, from the set's copy of the program.
        try {
            detail::Context<detail::SlotSource, false> context{
                detail::SlotSource{data.m_slots.data(), data.m_data}};
            return detail::fast_truthy(entry.program, 0, context);
        } catch (detail::Thrown& thrown) {
            throw RuleError(std::move(thrown.error));
        }
    }
    return evaluate_truthy(m_conditions[entry.condition], data);
}

bool ConditionSet::holds(std::size_t i, const SlotData& data) const {
    return entry_holds(m_entries[m_position[i]], data);
}

void ConditionSet::evaluate(const SlotData& data, std::vector<std::uint8_t>& held) const {
    held.resize(m_entries.size());
    std::size_t position = 0;
    if (m_layout != nullptr && data.read_by_slot(m_layout)) {
        // Every direct program reads these slots: run them one after another, in line.
        try {
            detail::Context<detail::SlotSource, false> context{
                detail::SlotSource{data.m_slots.data(), data.m_data}};
            for (; position < m_direct; ++position) {
                const Entry& entry = m_entries[position];
                held[entry.condition] = detail::root_truthy(entry.program, context) ? 1 : 0;
            }
        } catch (detail::Thrown& thrown) {
            throw RuleError(std::move(thrown.error));
        }
    }
    for (; position < m_entries.size(); ++position) {
        const Entry& entry = m_entries[position];
        held[entry.condition] = entry_holds(entry, data) ? 1 : 0;
    }
}

}  // namespace stackpick::logic
