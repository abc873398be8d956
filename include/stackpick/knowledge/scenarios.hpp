#pragma once
/// Scenario files: answers with the pick they must produce, run by `stackpick test` to check a
/// knowledge base's behaviour and which rules no scenario exercises.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/engine/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/util/diagnostics.hpp"

namespace stackpick {

struct Scenario {
    std::string name;
    std::string description;  ///< the project in the user's words ("" when none)
    std::string file;         ///< as shown, e.g. "<embedded>/scenarios/sources.json"
    std::string pointer;      ///< "/scenarios/3"
    GivenAnswers answers;
    /// The pick (a stack id), possibly after a tie-breaker; "" when no_clear_pick is expected.
    std::string expected_top;
    /// The stacks of a tie nothing settles, in any order; empty when a pick is expected.
    std::vector<std::string> expected_open;
    std::string expected_tie_break;             ///< optional: the tie-breaker that decides
    std::vector<std::string> expected_order;    ///< optional: the whole ranking
    std::vector<std::string> expected_reasons;  ///< rule ids that must fire for the top pick
    std::string why;                            ///< why the sources give this outcome
    std::vector<std::string> sources;           ///< where the expectation comes from
    std::vector<Quote> quotes;                  ///< what those sources say, verbatim
};

/// Parses a scenarios document ({"scenarios": [...]}); problems go to diagnostics.
std::vector<Scenario> parse_scenarios(const nlohmann::json& document, const std::string& shown_name,
                                      const KnowledgeBase& knowledge_base,
                                      Diagnostics& diagnostics);

/// Reads scenario files: the given paths, or (when paths is empty) every scenarios/*.json of the
/// knowledge base's location (embedded or --data-dir). Throws InvalidDataError on any problem.
std::vector<Scenario> load_scenarios(const KnowledgeBase& knowledge_base,
                                     const std::vector<std::string>& paths);

struct ScenarioResult {
    const Scenario* scenario = nullptr;
    std::string actual_top;
    std::vector<std::string> actual_open;  ///< the open tie, when there is no clear pick
    std::vector<std::string> failures;     ///< empty when it passed
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
