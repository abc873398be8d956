#pragma once
/// Renderers: a Recommendation as human text or as the documented JSON document.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/engine/engine.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/report/stack_names.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

/// How text output may look: colour only on a terminal that allows it.
struct TextStyle {
    bool color = false;    ///< ANSI colours and bold
    bool unicode = false;  ///< block characters for bars (otherwise '#' and '.')
    std::size_t width = 80;
};

/// The recommendation for a person: ranking with bars, reasons with source markers, cautions,
/// frameworks, the hybrid split, the assumptions, and a legend of the sources cited.
/// cost_and_time: lines of the "Cost and time" section (empty: no section); what_would_change:
/// the sentence of the "What would change it" section (render_flip_text; empty: no section);
/// sensitivity: sentences shown under it (sensitivity_lines()).
std::string render_text(const Recommendation& recommendation, const KnowledgeBase& knowledge_base,
                        const ResolvedAnswers& answers, const TextStyle& style,
                        const std::vector<std::string>& cost_and_time = {},
                        const std::string& what_would_change = {},
                        const std::vector<std::string>& sensitivity = {});

struct Estimates;

/// The recommendation document (schema_version "1"; docs/schema/recommendation.schema.json),
/// keys in a stable order: with "estimates" when given, then extra_members (--explain's trace,
/// --what-if's flips), then "sources", every source the document cites.
nlohmann::ordered_json recommendation_json(
    const Recommendation& recommendation, const KnowledgeBase& knowledge_base,
    const ResolvedAnswers& answers, const Estimates* estimates = nullptr,
    const nlohmann::ordered_json& extra_members = nlohmann::ordered_json::object());

/// What `stackpick batch` writes per line, appended to out: the compact dump() (invalid UTF-8
/// replaced) of recommendation_document() with `estimates`, byte for byte, written without
/// building the document. Only the top-level members named in `fields` (empty: all); no
/// "estimates" member when `estimates` is null.
void append_recommendation_document(std::string& out, const Recommendation& recommendation,
                                    const KnowledgeBase& knowledge_base,
                                    const ResolvedAnswers& answers, const Estimates* estimates,
                                    const std::vector<std::string>& fields = {});

/// What `--json` prints: recommendation_document() with `estimates` and then the members of
/// extra_members (--explain's trace, --what-if's flips), as dump(2) with invalid UTF-8 replaced
/// would print it, and a newline; written without building the document.
std::string recommendation_document_text(const Recommendation& recommendation,
                                         const KnowledgeBase& knowledge_base,
                                         const ResolvedAnswers& answers, const Estimates& estimates,
                                         const nlohmann::ordered_json& extra_members);

}  // namespace stackpick
