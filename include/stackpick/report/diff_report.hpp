#pragma once
/// `stackpick diff` (engine/diff.hpp) as text and as JSON.

#include <string>

#include <nlohmann/json.hpp>

#include "stackpick/engine/diff.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// The comparison for a person, for 80 columns; the labels name the two sides (file names).
std::string render_diff_text(const AnswersDiff& diff, const KnowledgeBase& knowledge_base,
                             const std::string& label_a = "A", const std::string& label_b = "B");

/// The rules that fire on one side only ("+ rule (fires in B only)"), then those whose points
/// moved, each line indented two spaces under its heading; for diff and check.
std::string diff_rules_text(const AnswersDiff& diff, const KnowledgeBase& knowledge_base,
                            const std::string& label_a, const std::string& label_b);

/// One line per stack: "  Node.js  23.0 -> 30.1  (+2 points, #3 -> #2)".
std::string diff_scores_text(const AnswersDiff& diff, const KnowledgeBase& knowledge_base);

/// {"changed", "pick": {"a", "b", "changed"}, "confidence": {"a", "b"}, "answers": [{"key", "a",
/// "b"}], "rules": [{"rule", "a", "b"}], "points": [{"rule", "stack", "a", "b"}], "scores":
/// [{"stack", "a": {"points", "score", "rank"}, "b": {...}}]}.
nlohmann::ordered_json diff_json(const AnswersDiff& diff);

}  // namespace stackpick
