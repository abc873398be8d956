#pragma once
/// `stackpick diff A.json B.json`: two sets of answers side by side: which answers differ, which
/// rules fire in one only, how each stack's points and score moved, whether the pick changed.
/// Pure: no I/O.

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/engine/engine.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// An answer that differs once defaults are applied (given-but-equal-to-default is no change).
struct AnswerDifference {
    std::string key;
    nlohmann::json a;  ///< null = unknown
    nlohmann::json b;
};

/// A rule that fires for one set of answers only.
struct RuleDifference {
    std::string rule;
    bool fired_a = false;
    bool fired_b = false;
};

/// A rule that fires on both sides but gives a stack other points (the knowledge base changed
/// its points between a record and now; never between two answer sets of one knowledge base).
struct PointsDifference {
    std::string rule;
    std::string stack;
    double points_a = 0;
    double points_b = 0;
};

/// One stack under both sets of answers.
struct ScoreMove {
    std::string stack;
    double points_a = 0;
    double points_b = 0;
    double score_a = 0;
    double score_b = 0;
    std::size_t rank_a = 0;  ///< 1 = first
    std::size_t rank_b = 0;
};

struct AnswersDiff {
    std::vector<AnswerDifference> answers;  ///< in question order
    std::vector<RuleDifference> rules;      ///< in knowledge-base order (B's, then A's own)
    std::vector<PointsDifference> points;   ///< rules fired on both sides with other points
    std::vector<ScoreMove> scores;          ///< every stack, in knowledge-base order
    std::string pick_a;
    std::string pick_b;
    /// Each side's open tie (Recommendation::open_between): empty when it has a clear pick.
    std::vector<std::string> open_a;
    std::vector<std::string> open_b;
    Confidence confidence_a = Confidence::low;
    Confidence confidence_b = Confidence::low;

    /// The outcome differs: another pick, or a tie opened, settled or changed.
    bool pick_changed() const { return pick_a != pick_b || open_a != open_b; }
    /// Anything at all differs: an answer, a rule, a score, the pick or the confidence.
    bool changed() const;
};

/// Compares two results by rule and stack id: the rules fired on one side only, the points a
/// rule gives on each side, each stack's points, score and rank, the pick and the confidence.
/// The stacks are `stacks` (knowledge-base order), then any ranked only in `a`. The answers are
/// left to the caller.
AnswersDiff diff_results(const Recommendation& a, const Recommendation& b,
                         const std::vector<std::string>& stacks);

/// Scores both sets of answers with the same options and compares them.
AnswersDiff diff_answers(const KnowledgeBase& knowledge_base, const GivenAnswers& a,
                         const GivenAnswers& b, const ScoringOptions& options);

}  // namespace stackpick
