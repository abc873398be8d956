#pragma once
/// The explain trace and the contrast with the runner-up (engine/explain.hpp) as text and JSON.

#include <string>

#include <nlohmann/json.hpp>

#include "stackpick/engine/explain.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// The trace for a person, for 80 columns: fired rules first, then switched-off and not fired
/// ones, the points-to-scores arithmetic and the confidence checks.
std::string render_explain_text(const ExplainTrace& trace, const KnowledgeBase& knowledge_base);

/// The trace as the `trace` member of the recommendation document.
nlohmann::ordered_json explain_json(const ExplainTrace& trace);

/// "Why Python and not Node.js": the separating rules with their points, for 80 columns.
std::string render_contrast_text(const Contrast& contrast, const KnowledgeBase& knowledge_base);

/// The contrast as `recommendation.versus_runner_up`.
nlohmann::ordered_json contrast_json(const Contrast& contrast);

}  // namespace stackpick
