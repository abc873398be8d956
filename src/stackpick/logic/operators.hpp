#pragma once
/// Internal to the logic module: the one table of JSON Logic operators, a row per operator name
/// with all that the rest of the module needs to know about it (as ninja's kTools[] has a row per
/// tool): the compiler reads how it takes its arguments, the truthiness program which shape it
/// may take, the evaluator which function runs it, and the analysis whether it iterates. Adding
/// an operator is adding a row (and its function).

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace stackpick::logic::detail {

/// Every operator the compiler knows, plus the node kinds it produces itself.
enum class Op : std::uint8_t {
    Const,  ///< a literal: `literal`
    Array,  ///< a rule array holding expressions: each arg evaluated into a new array
    Fail,   ///< an operator whose arguments are wrong in the rule itself: throws `literal`
    Var,
    Val,
    Exists,
    Missing,
    MissingSome,
    If,
    And,
    Or,
    Not,
    NotNot,
    Coalesce,
    Try,
    Throw,
    Eq,
    Ne,
    StrictEq,
    StrictNe,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Max,
    Min,
    In,
    Cat,
    Substr,
    Merge,
    Map,
    Filter,
    Reduce,
    All,
    Some,
    None,
};

inline constexpr std::size_t k_op_count = static_cast<std::size_t>(Op::None) + 1;

/// How an operator takes its argument.
enum class ArgMode : std::uint8_t {
    List,      ///< must be a literal array of expressions, evaluated lazily by the operator
    Variadic,  ///< an array of expressions, or one expression whose value supplies them
    Path,      ///< as Variadic, and a literal path is split at compile time (var, val, exists)
    Preserve,  ///< the argument is data, never evaluated
};

/// What the arguments of a List operator must be; others are an error in the rule itself
/// (Invalid Arguments). The Each* operators iterate: their operands after the first are
/// evaluated with each element of the first as their data.
enum class Arity : std::uint8_t {
    Any,
    Chain,       ///< two or more, compared pairwise (the comparisons)
    EachTest,    ///< an array and a condition tested on each element (all, some, none)
    EachMap,     ///< an array and an expression, neither a literal null (map, filter)
    EachReduce,  ///< an array, an expression and an optional initial value (reduce)
};

/// Whether operators of this arity iterate over their first operand.
constexpr bool iterates(Arity arity) noexcept {
    return arity == Arity::EachTest || arity == Arity::EachMap || arity == Arity::EachReduce;
}

/// Node kinds of the truthiness program (FastProgram): the common shapes of conditions, resolved
/// at compile time so that evaluate_truthy() reads the data without building values.
enum class FastKind : std::uint8_t {
    Slow,     ///< any other expression: `node` is evaluated by the general evaluator
    Const,    ///< a literal; `number` is 1 when it is truthy, else 0
    Var,      ///< truthy(a var read with a literal path and no default)
    Compare,  ///< a var read `op` a scalar literal (==, !=, ===, !==, <, <=, >, >=)
    InList,   ///< a var read `in` a literal array of strings
    And,      ///< children first..first+count; false when there are none
    Or,       ///< children first..first+count; false when there are none
    Not,      ///< the single child; `number` is 1 for !, 0 for !!
};

struct Node;
struct Scope;
struct State;
class Value;

/// What evaluates a node: a function per operator, or per family of operators that share their
/// code (the Op tells them apart inside). Node is node.hpp's, Scope and State evaluator.hpp's.
using Evaluator = Value(const Node& node, const Scope& scope, State& state);

// The evaluator's functions, by file.
// eval.cpp
Evaluator op_const, op_array, op_fail, op_if, op_and, op_or, op_not, op_coalesce, op_try, op_throw;
// eval_paths.cpp
Evaluator op_var, op_val, op_exists, op_missing, op_missing_some;
// eval_arithmetic.cpp
Evaluator op_compare, op_arithmetic;
// eval_strings.cpp
Evaluator op_in, op_cat, op_substr, op_merge;
// eval_iterate.cpp
Evaluator op_map_filter, op_quantifier, op_reduce;

struct OperatorInfo {
    std::string_view name;
    Op op;
    ArgMode mode;
    Arity arity;
    /// The kind its node takes in the truthiness program when its operands allow (Slow: never).
    FastKind fast;
    Evaluator* evaluate;
};

/// Every operator name, in the order the compiler suggests them.
inline constexpr auto k_operators = std::to_array<OperatorInfo>({
    {"var", Op::Var, ArgMode::Path, Arity::Any, FastKind::Var, op_var},
    {"val", Op::Val, ArgMode::Path, Arity::Any, FastKind::Slow, op_val},
    {"exists", Op::Exists, ArgMode::Path, Arity::Any, FastKind::Slow, op_exists},
    {"missing", Op::Missing, ArgMode::Variadic, Arity::Any, FastKind::Slow, op_missing},
    {"missing_some", Op::MissingSome, ArgMode::Variadic, Arity::Any, FastKind::Slow,
     op_missing_some},
    {"if", Op::If, ArgMode::List, Arity::Any, FastKind::Slow, op_if},
    {"?:", Op::If, ArgMode::List, Arity::Any, FastKind::Slow, op_if},
    {"and", Op::And, ArgMode::List, Arity::Any, FastKind::And, op_and},
    {"or", Op::Or, ArgMode::List, Arity::Any, FastKind::Or, op_or},
    {"!", Op::Not, ArgMode::Variadic, Arity::Any, FastKind::Not, op_not},
    {"!!", Op::NotNot, ArgMode::Variadic, Arity::Any, FastKind::Not, op_not},
    {"??", Op::Coalesce, ArgMode::Variadic, Arity::Any, FastKind::Slow, op_coalesce},
    {"try", Op::Try, ArgMode::Variadic, Arity::Any, FastKind::Slow, op_try},
    {"throw", Op::Throw, ArgMode::Variadic, Arity::Any, FastKind::Slow, op_throw},
    {"==", Op::Eq, ArgMode::List, Arity::Chain, FastKind::Compare, op_compare},
    {"!=", Op::Ne, ArgMode::List, Arity::Chain, FastKind::Compare, op_compare},
    {"===", Op::StrictEq, ArgMode::List, Arity::Chain, FastKind::Compare, op_compare},
    {"!==", Op::StrictNe, ArgMode::List, Arity::Chain, FastKind::Compare, op_compare},
    {"<", Op::Lt, ArgMode::List, Arity::Chain, FastKind::Compare, op_compare},
    {"<=", Op::Le, ArgMode::List, Arity::Chain, FastKind::Compare, op_compare},
    {">", Op::Gt, ArgMode::List, Arity::Chain, FastKind::Compare, op_compare},
    {">=", Op::Ge, ArgMode::List, Arity::Chain, FastKind::Compare, op_compare},
    {"+", Op::Add, ArgMode::Variadic, Arity::Any, FastKind::Slow, op_arithmetic},
    {"-", Op::Sub, ArgMode::Variadic, Arity::Any, FastKind::Slow, op_arithmetic},
    {"*", Op::Mul, ArgMode::Variadic, Arity::Any, FastKind::Slow, op_arithmetic},
    {"/", Op::Div, ArgMode::Variadic, Arity::Any, FastKind::Slow, op_arithmetic},
    {"%", Op::Mod, ArgMode::Variadic, Arity::Any, FastKind::Slow, op_arithmetic},
    {"max", Op::Max, ArgMode::Variadic, Arity::Any, FastKind::Slow, op_arithmetic},
    {"min", Op::Min, ArgMode::Variadic, Arity::Any, FastKind::Slow, op_arithmetic},
    {"in", Op::In, ArgMode::Variadic, Arity::Any, FastKind::InList, op_in},
    {"cat", Op::Cat, ArgMode::Variadic, Arity::Any, FastKind::Slow, op_cat},
    {"substr", Op::Substr, ArgMode::Variadic, Arity::Any, FastKind::Slow, op_substr},
    {"merge", Op::Merge, ArgMode::Variadic, Arity::Any, FastKind::Slow, op_merge},
    {"map", Op::Map, ArgMode::List, Arity::EachMap, FastKind::Slow, op_map_filter},
    {"filter", Op::Filter, ArgMode::List, Arity::EachMap, FastKind::Slow, op_map_filter},
    {"reduce", Op::Reduce, ArgMode::List, Arity::EachReduce, FastKind::Slow, op_reduce},
    {"all", Op::All, ArgMode::List, Arity::EachTest, FastKind::Slow, op_quantifier},
    {"some", Op::Some, ArgMode::List, Arity::EachTest, FastKind::Slow, op_quantifier},
    {"none", Op::None, ArgMode::List, Arity::EachTest, FastKind::Slow, op_quantifier},
    {"preserve", Op::Const, ArgMode::Preserve, Arity::Any, FastKind::Const, op_const},
});

/// The node kinds the compiler makes without a name: their rows for rows_by_op().
inline constexpr auto k_unnamed_nodes = std::to_array<OperatorInfo>({
    {"", Op::Array, ArgMode::List, Arity::Any, FastKind::Slow, op_array},
    {"", Op::Fail, ArgMode::List, Arity::Any, FastKind::Slow, op_fail},
});

/// The row of every Op, indexed by Op (if's for ?:). Building it fails to compile when an Op has
/// no row, or two rows that differ in more than the name.
constexpr std::array<OperatorInfo, k_op_count> rows_by_op() {
    std::array<OperatorInfo, k_op_count> rows{};
    std::array<bool, k_op_count> known{};
    const auto add = [&](const OperatorInfo& info) {
        const auto i = static_cast<std::size_t>(info.op);
        const OperatorInfo& row = rows[i];
        if (known[i] && (row.mode != info.mode || row.arity != info.arity ||
                         row.fast != info.fast || row.evaluate != info.evaluate)) {
            throw "two rows of one operator differ";
        }
        if (!known[i]) rows[i] = info;
        known[i] = true;
    };
    for (const OperatorInfo& info : k_operators) add(info);
    for (const OperatorInfo& info : k_unnamed_nodes) add(info);
    if (!std::all_of(known.begin(), known.end(), [](bool has_row) { return has_row; })) {
        throw "an operator without a row";
    }
    return rows;
}

inline constexpr std::array<OperatorInfo, k_op_count> k_rows_by_op = rows_by_op();

/// The row of an operator.
constexpr const OperatorInfo& row_of(Op op) noexcept {
    return k_rows_by_op[static_cast<std::size_t>(op)];
}

/// The row of k_operators with this name, or null.
constexpr const OperatorInfo* find_operator(std::string_view name) noexcept {
    if (name.empty()) return nullptr;
    for (const OperatorInfo& info : k_operators) {
        // Most candidates differ in length or first character: no call to memcmp for them.
        if (info.name.size() == name.size() && info.name.front() == name.front() &&
            info.name == name) {
            return &info;
        }
    }
    return nullptr;
}

/// The operator the compiler makes of this name, or nullopt.
inline std::optional<Op> find_op(std::string_view name) noexcept {
    const OperatorInfo* info = find_operator(name);
    if (info == nullptr) return std::nullopt;
    return info->op;
}

/// Every operator name the compiler knows, in k_operators' order.
inline std::vector<std::string_view> operator_names() {
    std::vector<std::string_view> names;
    names.reserve(k_operators.size());
    for (const OperatorInfo& info : k_operators) names.push_back(info.name);
    return names;
}

}  // namespace stackpick::logic::detail
