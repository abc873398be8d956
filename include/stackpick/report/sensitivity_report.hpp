#pragma once
/// The pick's sensitivity (engine/sensitivity.hpp) as text lines and as members of the
/// recommendation document.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/engine/sensitivity.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// "Most sensitive to: ml-ai (the pick becomes Python above weight 3.5), realtime (Node.js above
/// 5)" for the nearest thresholds, and a line for the sources whose absence changes the pick
/// (none when no source does). Unwrapped sentences; empty when nothing applies.
std::vector<std::string> sensitivity_lines(const Sensitivity& sensitivity,
                                           const KnowledgeBase& knowledge_base);

/// "with --weight ml-ai above 3.5: Python", one per criterion with a threshold, for --what-if.
std::vector<std::string> weight_flip_lines(const Sensitivity& sensitivity,
                                           const KnowledgeBase& knowledge_base);

/// {"sensitivity": [{"criterion", "weight", "current", "flips_to", "range": {"min", "max"}}],
///  "source_sensitivity": [{"source", "flips_to"}]}: two members of the document; "weight" is
/// the threshold (null without one).
nlohmann::ordered_json sensitivity_json(const Sensitivity& sensitivity);

}  // namespace stackpick
