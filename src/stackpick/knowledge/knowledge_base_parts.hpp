#pragma once
// Private to the knowledge-base loader: the parsers of its decision files.

#include "stackpick/knowledge/facts.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/util/diagnostics.hpp"

#include <optional>
#include <string>
#include <vector>

namespace stackpick::detail {

/// One file of a knowledge-base directory as read: its text, or why it could not be read. The
/// cache (snapshot_cache.cpp) hashes the very texts the loader then parses, so an entry can never
/// be keyed by one version of a file and hold another.
struct KnowledgeBaseFile {
    std::string name;                 ///< "rules.json"
    std::string shown_name;           ///< the path messages name
    std::optional<std::string> text;  ///< none: unreadable, and error says why
    std::string error;
};

/// Reads every file of a knowledge base, in the order problems are reported.
std::vector<KnowledgeBaseFile> read_knowledge_base_files(const KnowledgeBaseLocation& location);

/// Parses and validates files read by read_knowledge_base_files; throws InvalidDataError.
KnowledgeBase load_knowledge_base_texts(const KnowledgeBaseLocation& location,
                                        std::vector<KnowledgeBaseFile> files);

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
