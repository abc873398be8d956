#pragma once
/// What `stackpick test` prints: each scenario's PASS or FAIL with why, and the rule coverage,
/// as text or as JSON.

#include <string>

#include <nlohmann/json.hpp>

#include "stackpick/engine/scenario_run.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// "expected python, got no clear pick (node, python)", "expected rule 'x' to fire", ...
std::string failure_text(const ScenarioFailure& failure);

std::string render_scenario_report_text(const ScenarioReport& report,
                                        const KnowledgeBase& knowledge_base);

nlohmann::ordered_json scenario_report_json(const ScenarioReport& report,
                                            const KnowledgeBase& knowledge_base);

}  // namespace stackpick
