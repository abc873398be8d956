#pragma once
/// Internal to the logic module: the compiled expression tree and the evaluator's entry points.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "logic_value.hpp"
#include "stackpick/logic.hpp"

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

/// One step of a data path: an object key, which also indexes arrays when it is a canonical
/// non-negative integer ("0", "12"; not "01" or "-1").
struct Segment {
    std::string key;
    std::size_t index = 0;
    bool is_index = false;
};

/// A compiled expression. Children live in `args`; var/val/exists paths are split once here.
struct Node {
    Op op = Op::Const;
    /// The single argument is an expression whose value supplies the arguments: an array value
    /// is the argument list, anything else is the one argument ({"+": {"var": "xs"}}).
    bool dynamic = false;
    /// var/val/exists: `path` and `climb` were fixed at compile time.
    bool static_path = false;
    /// var: args[1] is the default value.
    bool has_default = false;
    /// val/exists: how many scope levels to climb before following `path` ([[n], ...]).
    std::size_t climb = 0;
    json literal;
    std::vector<Node> args;
    std::vector<Segment> path;
    /// var/val: the path as written, recorded in a Trace.
    std::string trace_path;
};

/// Makes a path segment from a key text.
Segment make_segment(std::string key);
/// Scope levels that [[n], ...] climbs: |n| truncated; a value that is not a number climbs none.
std::size_t climb_levels(const json& level);
/// Splits a var path on "." ("" is the whole context).
std::vector<Segment> split_var_path(const std::string& path);

/// The internal exception carrying a thrown error value; RuleError is built from it at the API.
struct Thrown {
    json error;
};

/// Compiles a rule; throws CompileError.
Node compile_rule(const json& rule);
/// Evaluates a compiled rule; throws Thrown.
json evaluate_root(const Node& root, const json& data, Trace* trace);
/// truthy(evaluate_root(root, data, nullptr)) without building the result; throws Thrown.
bool evaluate_root_truthy(const Node& root, const json& data);

[[noreturn]] void throw_error(const char* type);
[[noreturn]] void throw_limit(const std::string& message);

}  // namespace stackpick::logic::detail
