#pragma once
/// What `stackpick validate` and `stackpick questions` print about a knowledge base, as text or
/// as JSON (docs/schema/validate.schema.json, docs/schema/questions.schema.json).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/util/diagnostics.hpp"

namespace stackpick {

/// {"stacks": 3, "sources": 5, ...}: how much the knowledge base holds, in a fixed order.
nlohmann::ordered_json knowledge_base_counts(const KnowledgeBase& knowledge_base);

/// "knowledge base 2026.12 (embedded) is valid: 3 stacks, ..." and a newline; quotes_found
/// adds that every quote was found in its article.
std::string render_validate_text(const KnowledgeBase& knowledge_base,
                                 const nlohmann::ordered_json& counts, bool quotes_found);

/// The document of a valid knowledge base: valid, origin, version, counts, no errors.
nlohmann::ordered_json validate_json(const KnowledgeBase& knowledge_base,
                                     const nlohmann::ordered_json& counts);

/// The document of an invalid one: valid false, every problem with its file and pointer, and
/// the checks skipped because a file they depend on could not be read (if any).
nlohmann::ordered_json validate_errors_json(const std::vector<Diagnostic>& problems,
                                            const std::vector<std::string>& skipped = {});

/// Every question: its flag and values, prompt, default, answer key and the rules reading it.
std::string render_questions_text(const KnowledgeBase& knowledge_base);

/// The same as the questions document (schema_version "1").
nlohmann::ordered_json questions_json(const KnowledgeBase& knowledge_base);

}  // namespace stackpick
