#pragma once
/// The knowledge base: where it comes from, loading every file, and validating it as a whole.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/knowledge/facts.hpp"
#include "stackpick/knowledge/question.hpp"
#include "stackpick/knowledge/rule.hpp"

namespace stackpick {

/// Where the knowledge base is read from: --data-dir > STACKPICK_DATA_DIR > embedded.
struct KnowledgeBaseLocation {
    enum class Kind { embedded, directory };
    Kind kind = Kind::embedded;
    std::string directory;  ///< as the user gave it
    std::string chosen_by;  ///< "--data-dir", "STACKPICK_DATA_DIR" or "" (embedded)

    bool embedded() const { return kind == Kind::embedded; }
    /// "embedded" or the directory as given: what JSON output reports as the origin.
    std::string origin() const { return embedded() ? "embedded" : directory; }
    /// For --verbose: "the knowledge base embedded in the binary", "data dir 'x' (from
    /// --data-dir)".
    std::string describe() const;
};

/// Resolves the location; a --data-dir or STACKPICK_DATA_DIR that is not a directory is a
/// UsageError naming it (never a silent fallback to the embedded copy).
KnowledgeBaseLocation locate_knowledge_base(const std::optional<std::string>& data_dir_flag,
                                            const char* environment_value);

/// The newest knowledge-base format this binary reads.
inline constexpr int k_knowledge_base_format = 2;

struct Stack {
    std::string id;    ///< "node"
    std::string name;  ///< "Node.js"
    std::string description;
    std::vector<std::string> combines;  ///< for a hybrid: the stacks whose services it splits
};

/// How scores become a confidence level (data/knowledge_base.json "confidence").
struct ConfidenceSettings {
    double high_margin = 10;               ///< score points between #1 and #2 for "high"
    double medium_margin = 4;              ///< ... for "medium"; below it, "low"
    std::size_t min_answers_for_high = 3;  ///< fewer explicit answers cap confidence at medium
    double disputed_share = 0.5;  ///< disputed rules carrying more of the lead lower it a level
};

struct KnowledgeBase {
    KnowledgeBaseLocation location;
    int format_version = 0;
    std::string version;  ///< e.g. "2026.11"
    std::string date;     ///< ISO date the data was last reviewed
    /// ISO date by which it should be reviewed again ("" when the data sets none); past it,
    /// the command line warns that figures may be out of date.
    std::string review_by;
    std::vector<Stack> stacks;
    ConfidenceSettings confidence;
    Facts facts;
    std::vector<Question> questions;  ///< in asking order
    /// The answer keys in question order, as the slots conditions are compiled for: an answer
    /// set laid out in them (logic::SlotData) is read without a name look-up per condition.
    /// Null when no question could be read.
    std::shared_ptr<const logic::SlotLayout> answer_slots;
    std::vector<Rule> rules;
    std::vector<FrameworkPick> framework_picks;
    std::vector<SplitService> split;
    std::string split_transport;  ///< how hybrid services talk
    std::vector<std::string> split_sources;
    std::vector<Quote> split_quotes;
    std::vector<TieBreaker> tie_breakers;  ///< in the order they are consulted
    std::vector<Constraint> constraints;   ///< hard constraints, in the data's order

    const Stack* find_stack(std::string_view id) const;
    const Question* find_question(std::string_view id) const;
    const Question* find_question_by_key(std::string_view key) const;
    const Rule* find_rule(std::string_view id) const;
    const Constraint* find_constraint(std::string_view id) const;
    std::vector<std::string> stack_ids() const;
};

/// The slots of the questions' answer keys (KnowledgeBase::answer_slots); null for none.
std::shared_ptr<const logic::SlotLayout> answer_slots_of(const std::vector<Question>& questions);

/// Reads and validates every file of a knowledge-base directory (location.directory); throws
/// InvalidDataError listing all problems (exit 3). The embedded knowledge base is not read here
/// but from its snapshot (knowledge/snapshot.hpp), which only the cli layer knows about.
KnowledgeBase load_knowledge_base_files(const KnowledgeBaseLocation& location);

}  // namespace stackpick
