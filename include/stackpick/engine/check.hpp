#pragma once
/// `stackpick check`: a recorded decision re-scored against the current knowledge base. Pure:
/// the record arrives as values (cli reads the file), the result is values (report words it).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "stackpick/engine/diff.hpp"
#include "stackpick/engine/engine.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// One ranked stack as a record keeps it.
struct RecordedStack {
    std::string id;
    double score = 0;
    double points = 0;
    std::map<std::string, double> rules;  ///< rule id -> the points it gave this stack
};

/// What a decision record carries to be recomputed: its inputs and the outcome it recorded.
struct RecordedDecision {
    std::string stackpick_version;
    std::string knowledge_base_version;
    GivenAnswers answers;    ///< as given, checked against the current questions
    ScoringOptions scoring;  ///< weights, excluded sources, rule-outs, checked likewise
    std::string pick;
    std::vector<std::string> open_between;
    Confidence confidence = Confidence::low;
    std::vector<std::string> fired;  ///< the rules that fired, in the knowledge base of then
    std::vector<RecordedStack> ranking;
};

/// The record re-scored: `difference` compares the recorded outcome (A) with today's (B).
struct DecisionCheck {
    bool holds = true;  ///< the same pick (or the same open tie)
    std::string stackpick_then;
    std::string knowledge_base_then;
    std::string knowledge_base_now;
    AnswersDiff difference;
};

/// Re-scores the record's answers with its scoring options against the knowledge base and
/// compares the outcome with the one recorded, reusing diff_results().
DecisionCheck recheck_decision(const KnowledgeBase& knowledge_base, const RecordedDecision& record);

/// One file given to `check`: its result, or why it could not be re-checked.
struct RecordCheck {
    std::string file;
    std::optional<DecisionCheck> result;
    std::string cannot;  ///< why not, naming the key or position (when result is empty)
};

}  // namespace stackpick
