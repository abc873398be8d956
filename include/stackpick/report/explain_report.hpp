#pragma once
/// The explain trace and the contrast with the runner-up (engine/explain.hpp) as text and JSON.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/engine/explain.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/util/json_writer.hpp"

namespace stackpick {

/// The condition as people read it, each answer it reads followed by its value:
/// {">=": [{"var": "concurrent_users"}, 10000]} -> "concurrent_users (50000) >= 10000".
std::string describe_condition(const ConditionTrace& condition);

/// describe_condition() and the result: "concurrent_users (50000) >= 10000 -> true".
std::string condition_text(const ConditionTrace& condition, bool held);

/// "score = 100 * (points - lowest) / (highest - lowest), ... with lowest = -12 and highest =
/// 49: ...": how points become scores on this scale.
std::string arithmetic_text(const ScoreScale& scale);

/// "100 * (8 - (-12)) / 59 = 33.9": one stack's score worked out.
std::string score_calculation_text(const ScoreStep& step, const ScoreScale& scale);

/// Each confidence check of the trace as a phrase, in order.
std::vector<std::string> confidence_check_texts(const ExplainTrace& trace);

/// The trace for a person, for 80 columns: fired rules first, then switched-off and not fired
/// ones, the points-to-scores arithmetic and the confidence checks.
std::string render_explain_text(const ExplainTrace& trace, const KnowledgeBase& knowledge_base);

/// The trace as the `trace` member of the recommendation document.
nlohmann::ordered_json explain_json(const ExplainTrace& trace);

/// "Why Python and not Node.js": the separating rules with their points, for 80 columns.
std::string render_contrast_text(const Contrast& contrast, const KnowledgeBase& knowledge_base);

/// The contrast as `recommendation.versus_runner_up`.
nlohmann::ordered_json contrast_json(const Contrast& contrast);

namespace detail {
/// contrast_json() through a writer that is already inside a document (report.cpp).
void write_contrast(JsonTextWriter& writer, const Contrast& contrast);
void write_contrast(JsonBuilder& builder, const Contrast& contrast);
}  // namespace detail

}  // namespace stackpick
