#pragma once
/// Scenario files: answers with the pick they must produce, which `stackpick test` runs
/// (engine/scenario_run.hpp) to check a knowledge base's behaviour and rule coverage.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/knowledge/quotes.hpp"
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

/// A scenario file's bytes and the name problems are reported under.
struct ScenarioFile {
    std::string shown_name;  ///< a path, or "<embedded>/scenarios/x.json"
    std::string text;
};

/// The *.json files of a directory, sorted by name; none when it does not exist.
std::vector<ScenarioFile> scenario_files_in(const std::string& directory);

/// The files at the given paths, in that order. Throws DataError for one that cannot be read.
std::vector<ScenarioFile> read_scenario_files(const std::vector<std::string>& paths);

/// The scenarios of every file, checked against the knowledge base. Throws InvalidDataError
/// listing every problem of every file.
std::vector<Scenario> load_scenarios(const KnowledgeBase& knowledge_base,
                                     const std::vector<ScenarioFile>& files);

}  // namespace stackpick
