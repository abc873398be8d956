#pragma once
/// The JSON Logic rule language: compile a rule once, evaluate it against many data documents.
///
/// Semantics follow the json-logic compat-tables suites (json-logic-engine / DataLogic); see
/// docs/rules.md for the operators, truthiness, errors and limits.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace stackpick::logic {

/// Deepest nesting of arrays and objects that compile() accepts in a rule.
inline constexpr int k_max_rule_depth = 256;
/// Longest string that cat or substr may produce, in bytes.
inline constexpr std::size_t k_max_string_bytes = std::size_t{1} << 20U;
/// Most elements that one array built by merge, map, filter or a rule array may hold.
inline constexpr std::size_t k_max_array_elements = 1'000'000;
/// Sub-expression evaluations one evaluate() may perform (about a second or two of work).
inline constexpr std::uint64_t k_max_evaluation_steps = 50'000'000;
/// Values one evaluate() may create or copy (array elements, object members, and strings at one
/// per 16 bytes): bounds its memory to roughly a hundred megabytes.
inline constexpr std::uint64_t k_max_created_values = 4'000'000;

namespace detail {
struct Compiled;
}  // namespace detail

/// One read of the top-level data during evaluate(): the path as the rule wrote it, and its value.
struct TraceEntry {
    std::string path;
    nlohmann::json value;
};

/// Optional recorder passed to evaluate(): collects var/val reads of the top-level data in order.
struct Trace {
    std::vector<TraceEntry> reads;
};

/// A compiled rule: an immutable expression tree, cheap to copy, safe to share across threads.
class Expression {
  public:
    /// The rule `null`, which evaluates to null.
    Expression();

  private:
    explicit Expression(std::shared_ptr<const detail::Compiled> compiled);

    friend Expression compile(const nlohmann::json& rule);
    friend nlohmann::json evaluate(const Expression& expression, const nlohmann::json& data,
                                   Trace* trace);
    friend bool evaluate_truthy(const Expression& expression, const nlohmann::json& data);

    std::shared_ptr<const detail::Compiled> m_compiled;
};

/// A rule that cannot be compiled: an unknown operator or too deep a nesting.
struct CompileError : std::runtime_error {
    CompileError(const std::string& message, std::string pointer_to_problem);
    /// JSON Pointer (RFC 6901) into the rule where the problem is; "" is the rule itself.
    std::string pointer;
};

/// A rule that failed while evaluating: a throw, "NaN", "Invalid Arguments", "Limit Exceeded".
struct RuleError : std::runtime_error {
    explicit RuleError(nlohmann::json thrown);
    /// The thrown error value, an object with at least "type", e.g. {"type":"NaN"}.
    nlohmann::json error;
};

/// Compiles a rule; throws CompileError (unknown operator, nesting deeper than k_max_rule_depth).
Expression compile(const nlohmann::json& rule);

/// Evaluates a compiled rule against data; throws RuleError carrying the thrown error value.
nlohmann::json evaluate(const Expression& expression, const nlohmann::json& data);

/// As evaluate(), and, when trace is not null, records each var/val read of the top-level data.
nlohmann::json evaluate(const Expression& expression, const nlohmann::json& data, Trace* trace);

/// truthy(evaluate(expression, data)) without building the result value: the fast path for
/// conditions.
bool evaluate_truthy(const Expression& expression, const nlohmann::json& data);

/// JavaScript-compatible truthiness: false, null, 0, NaN, "" and [] are falsy; {} is truthy.
bool truthy(const nlohmann::json& value);

/// Compact JSON as JavaScript's JSON.stringify writes it: 3.0 -> 3, -0 -> 0, 1e21 -> 1e+21,
/// shortest round-trip otherwise; invalid UTF-8 becomes U+FFFD; never "nan"; any nesting depth.
std::string to_compact_json(const nlohmann::json& value);

}  // namespace stackpick::logic
