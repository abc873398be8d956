#pragma once
/// Running scenarios (knowledge/scenarios.hpp): each one's answers through recommend(), compared
/// with what it expects, and which rules no scenario made fire.

#include <string>
#include <vector>

#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/knowledge/scenarios.hpp"

namespace stackpick {

/// One way a scenario's result differs from what it expects.
struct ScenarioFailure {
    enum class Kind {
        outcome,    ///< another pick or open tie: expected/actual hold the pick or the tied ids
        tie_break,  ///< another tie-breaker decided (actual empty: none did)
        order,      ///< another ranking: expected/actual hold the stack ids in order
        rule,       ///< an expected rule did not fire: expected holds its id
    };
    Kind kind = Kind::outcome;
    std::vector<std::string> expected;
    std::vector<std::string> actual;
    bool expected_open = false;  ///< outcome: expected is an open tie, not a pick
    bool actual_open = false;    ///< outcome: actual is an open tie, not a pick
};

struct ScenarioResult {
    const Scenario* scenario = nullptr;
    std::string actual_top;
    std::vector<std::string> actual_open;   ///< the open tie, when there is no clear pick
    std::vector<ScenarioFailure> failures;  ///< empty when it passed
    bool passed() const { return failures.empty(); }
};

struct ScenarioReport {
    std::vector<ScenarioResult> results;
    std::vector<std::string> uncovered_rules;  ///< rules that fired in no scenario
    std::size_t passed = 0;
    std::size_t failed = 0;
};

ScenarioReport run_scenarios(const KnowledgeBase& knowledge_base,
                             const std::vector<Scenario>& scenarios);

}  // namespace stackpick
