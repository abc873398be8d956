#pragma once
// Private to the knowledge-base loader: the parsers of its decision files.

#include "stackpick/knowledge/facts.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/util/diagnostics.hpp"

namespace stackpick::detail {

/// Parses data/questions.json; sources are checked against facts.
std::vector<Question> parse_questions(const DataDocument& document, const Facts& facts,
                                      Diagnostics& diagnostics);

/// Parses data/rules.json into knowledge_base (rules, framework picks, hybrid split), checking
/// every answer, stack, criterion, source and framework it names. The rules' conditions are
/// moved out of the document rather than copied.
void parse_rules(DataDocument&& document, KnowledgeBase& knowledge_base, Diagnostics& diagnostics);

/// Reports each criterion of use_cases.json (shown as shown_name) that no rule names and that
/// says neither how it is reached ("reached_through") nor why it is not asked ("not_asked"), and
/// each reached_through rule that does not exist.
void check_criteria_reached(const KnowledgeBase& knowledge_base, const std::string& shown_name,
                            Diagnostics& diagnostics);

}  // namespace stackpick::detail
