#pragma once
/// What a decision record keeps so that `stackpick check` can recompute it: the inputs (answers
/// as given, weights, excluded sources, rule-outs), the versions and the ranking with points.
/// The same object is the `record` member of --json and the stackpick-record block of a
/// Markdown record, whose MADR front matter (status, date, decision-makers) is written here too.

#include <string>

#include <nlohmann/json.hpp>

#include "stackpick/engine/engine.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// The info string of the fenced block: "```json stackpick-record".
inline constexpr const char* k_record_block_info = "json stackpick-record";

/// {"record_version", "stackpick_version", "knowledge_base", "answers" (as given, question
/// order), "weights", "excluded_sources", "ruled_out", "pick", "open_between", "confidence",
/// "fired", "ranking": [{"id", "score", "points", "rules": {rule: points}}]}.
nlohmann::ordered_json record_json(const Recommendation& recommendation,
                                   const KnowledgeBase& knowledge_base,
                                   const ResolvedAnswers& answers);

/// The MADR front matter: "---\nstatus: proposed\ndate: YYYY-MM-DD\ndecision-makers:\n---\n"
/// ("open" for a tie nothing settles); `date` is the only timestamp stackpick writes.
std::string render_front_matter(const Recommendation& recommendation, const std::string& date);

/// The section that ends a Markdown record: a line for the people editing it, then the fenced
/// block `stackpick check` reads back.
std::string render_record_block(const nlohmann::ordered_json& record);

}  // namespace stackpick
