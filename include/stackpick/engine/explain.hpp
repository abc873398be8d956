#pragma once
/// Why this pick: the full trace of a recommendation (every rule, its condition with the values it
/// read, the points it moved), the arithmetic from points to scores, how confidence was decided,
/// and the rules that separate the pick from the runner-up. Pure: no I/O.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/engine/engine.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// What one var or val of a condition reads, evaluated on its own (so that defaults apply).
struct ConditionRead {
    std::string pointer;   ///< JSON Pointer to the var or val in the condition
    nlohmann::json value;  ///< its value, when error is empty
    std::string error;     ///< why it failed to evaluate; "" when it did not
};

/// A condition as the trace shows it: as written, what each of its reads gave, and its result.
struct ConditionTrace {
    nlohmann::json when;               ///< the condition as written
    std::vector<ConditionRead> reads;  ///< every var and val in it, outer ones first
    std::string error;                 ///< the condition failed to evaluate: why ("" otherwise)
};

/// One rule in the trace: whether it fired, its condition as read, and what it moved.
struct RuleTrace {
    std::string rule;    ///< rule id
    bool fired = false;  ///< as in Recommendation::outcomes
    bool held = false;   ///< the condition was true (a rule switched off holds without firing)
    double factor = 1;   ///< ScoringOptions::factor: 0 when --weight or --exclude-source drops it
    /// The condition with the values it read ("concurrent_users (50000) >= 10000").
    ConditionTrace condition;
    /// Each answer the condition read while evaluating, first read only, in order.
    std::vector<std::pair<std::string, nlohmann::json>> reads;
    /// Stack id -> points applied (after weights): only for a fired rule, only non-zero ones.
    std::map<std::string, double> points;
    std::vector<std::string> sources;
    std::string criterion;
    bool disputed = false;
    std::vector<Quote> quotes;  ///< behind its reason
};

/// One tie-breaker in the trace of a tie at the top: whether it held and what it kept.
struct TieBreakerTrace {
    std::string id;
    ConditionTrace condition;  ///< as RuleTrace::condition
    bool held = false;
    bool applied = false;           ///< it held and separated the stacks still in front
    std::vector<std::string> kept;  ///< when applied: the stacks it kept in front
    std::vector<std::string> favours;
};

/// One hard constraint in the trace: whether it held, and the stacks it took out of the ranking.
struct ConstraintTrace {
    std::string id;
    ConditionTrace condition;  ///< as RuleTrace::condition
    bool consulted = true;     ///< false: every source it rests on is excluded
    bool held = false;
    std::vector<std::string> excludes;
    std::vector<std::string> ruled_out;  ///< the stacks it removed (not already removed)
};

/// One stack's raw points turned into its 0-100 score (ExplainTrace::scale gives the formula).
struct ScoreStep {
    std::string stack;  ///< stack id
    std::string name;   ///< the stack's name
    double points = 0;
    double score = 0;
};

/// The whole trace of one recommendation.
struct ExplainTrace {
    std::vector<RuleTrace> rules;  ///< every rule once, in knowledge-base order
    /// Every tie-breaker in order when stacks tie at the top; empty otherwise.
    std::vector<TieBreakerTrace> tie_breakers;
    std::vector<ConstraintTrace> constraints;  ///< every constraint of the data, in order
    std::vector<std::string> user_ruled_out;   ///< stacks ruled out by --rule-out alone
    ScoreScale scale;                          ///< what every score is scaled against
    std::vector<ScoreStep> scores;             ///< in ranking order
    Confidence confidence_level = Confidence::low;
    /// Each confidence check in order, applied or not (Recommendation::confidence_reasons
    /// with the checks that changed nothing in between).
    std::vector<ConfidenceReason> confidence;
};

/// The condition with the value of each var and val it holds, evaluated against the answers
/// (its result is left for the caller: ConditionTrace::error stays empty).
ConditionTrace trace_condition(const nlohmann::json& when, const nlohmann::json& answers);

/// Traces the recommendation made for these answers (re-evaluating each condition with a
/// logic::Trace; the normal scoring path never traces). Throws DataError as recommend() does.
ExplainTrace explain(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers,
                     const Recommendation& recommendation);

/// Why #1 and not #2: the rules that separate them.
struct Contrast {
    std::string first;     ///< stack id of #1
    std::string second;    ///< stack id of #2 ("" when there is only one stack)
    double point_gap = 0;  ///< first's points minus second's
    double score_gap = 0;  ///< Recommendation::margin
    /// Rule id -> points it gives first minus second (non-zero only), biggest first, ties in
    /// knowledge-base order; they sum to point_gap.
    std::vector<std::pair<std::string, double>> rules;
    /// When they are tied on points: the tie-breaker that put first ahead of second ("" when
    /// none did, so there is no clear pick between them).
    std::string tie_break;
    std::string tie_break_reason;
};

/// The contrast between the top two stacks of a recommendation.
Contrast versus_runner_up(const Recommendation& recommendation);

}  // namespace stackpick
