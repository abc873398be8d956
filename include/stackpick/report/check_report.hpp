#pragma once
/// `stackpick check` (engine/check.hpp) as text and as JSON.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/engine/check.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// Each record: "FILE: holds: X" with the points that moved, "FILE: changed: was X, now Y" with
/// the rules and points that made the difference, or "FILE: cannot re-check" with the reason;
/// then one line counting each ("2 records: holds 1, changed 0, cannot re-check 1").
std::string render_check_text(const std::vector<RecordCheck>& checks,
                              const KnowledgeBase& knowledge_base);

/// {"schema_version", "knowledge_base", "records": [{"file", "status", "reason", "recorded",
/// "now", "moved", "difference"}], "counts"} (docs/schema/check.schema.json).
nlohmann::ordered_json check_json(const std::vector<RecordCheck>& checks,
                                  const KnowledgeBase& knowledge_base);

}  // namespace stackpick
