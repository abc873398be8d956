// Fuzz target: JSON Logic compile + evaluate. The input is the rule's JSON text, then a NUL byte,
// then the data's JSON text (no NUL: the data is null), both read with the limits of
// `stackpick eval`. Besides not crashing, the engine must agree with itself: the fast truthiness
// path gives the same answer as the full evaluation, and every result prints as valid JSON.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "stackpick/logic/logic.hpp"
#include "stackpick/util/error.hpp"
#include "stackpick/util/json_file.hpp"

namespace {

/// As `stackpick eval` reads its arguments: rules may nest deeper than data files.
constexpr stackpick::JsonLimits k_eval_limits{8u << 20, 1000, 1u << 20};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t split = input.find('\0');
    nlohmann::json rule_json;
    nlohmann::json data_json;
    try {
        rule_json = stackpick::parse_json_text(input.substr(0, split), "RULE", k_eval_limits);
        if (split != std::string_view::npos)
            data_json = stackpick::parse_json_text(input.substr(split + 1), "DATA", k_eval_limits);
    } catch (const stackpick::Error&) {
        return 0;  // not JSON, or beyond the limits: the parser's job, fuzzed elsewhere too
    }

    stackpick::logic::Expression expression;
    try {
        expression = stackpick::logic::compile(rule_json);
    } catch (const stackpick::logic::CompileError&) {
        return 0;
    }

    nlohmann::json result;
    bool evaluated = false;
    try {
        stackpick::logic::Trace trace;
        result = stackpick::logic::evaluate(expression, data_json, &trace);
        evaluated = true;
        for (const auto& read : trace.reads)
            stackpick::fuzz::require_json_document(stackpick::logic::to_compact_json(read.value),
                                                   "a traced value does not print as JSON");
    } catch (const stackpick::logic::RuleError& e) {
        stackpick::fuzz::require_json_document(stackpick::logic::to_compact_json(e.error),
                                               "a thrown error does not print as JSON");
    }
    if (evaluated) {
        const std::string printed = stackpick::logic::to_compact_json(result);
        stackpick::fuzz::require_json_document(printed, "the result does not print as JSON");
        bool fast = false;
        try {
            fast = stackpick::logic::evaluate_truthy(expression, data_json);
        } catch (const stackpick::logic::RuleError& e) {
            stackpick::fuzz::require(false, "evaluate_truthy threw where evaluate returned a value",
                                     e.what());
        }
        stackpick::fuzz::require(fast == stackpick::logic::truthy(result),
                                 "evaluate_truthy disagrees with truthy(evaluate())", printed);
    }
    // The same rule compiled for slots of the data's members (and names it lacks) must give
    // the same outcome over the data laid out in them (as the fast path above, only where
    // evaluate() returned a value).
    std::vector<std::string> names = {"a", "0"};
    if (data_json.is_object())
        for (const auto& member : data_json.items()) names.push_back(member.key());
    const auto layout = std::make_shared<const stackpick::logic::SlotLayout>(names);
    const stackpick::logic::SlotData slots(layout, data_json);
    const auto slotted = stackpick::logic::compile(rule_json, layout);
    try {
        const bool fast = stackpick::logic::evaluate_truthy(slotted, slots);
        stackpick::fuzz::require(!evaluated || fast == stackpick::logic::truthy(result),
                                 "evaluate_truthy over slots disagrees with truthy(evaluate())",
                                 stackpick::logic::to_compact_json(result));
    } catch (const stackpick::logic::RuleError& e) {
        stackpick::fuzz::require(
            !evaluated, "evaluate_truthy over slots threw where evaluate did not", e.what());
    }
    // And from a set of conditions, as the scorer runs them (its own copy of the program).
    const stackpick::logic::ConditionSet set({slotted, expression, slotted});
    std::vector<std::uint8_t> held;
    try {
        set.evaluate(slots, held);
        const std::uint8_t expected = evaluated && stackpick::logic::truthy(result) ? 1 : 0;
        stackpick::fuzz::require(!evaluated || (held == std::vector<std::uint8_t>(3, expected) &&
                                                set.holds(0, slots) == (expected != 0)),
                                 "a condition set disagrees with truthy(evaluate())",
                                 stackpick::logic::to_compact_json(result));
    } catch (const stackpick::logic::RuleError& e) {
        stackpick::fuzz::require(!evaluated, "a condition set threw where evaluate did not",
                                 e.what());
    }
    return 0;
}
