#pragma once
/// The one scorer: each rule's points per stack at the scoring options' factors, the scale they
/// span, and the ranking of summed points with the tie-breakers. recommend(), score_scale() and
/// what_if() all score through it, so that what-if can never disagree with the ranking.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/logic/logic.hpp"
#include "stackpick/util/error.hpp"

namespace stackpick {

/// The points range every score is scaled against: the lowest and highest points any stack can
/// reach in this knowledge base (the sums of its negative and of its positive rule points).
struct ScoreScale {
    double lowest = 0;
    double highest = 0;
    double scale(double points) const;
};

/// How the user wants the evidence weighed (--weight, --exclude-source).
struct ScoringOptions {
    /// Criterion id -> factor applied to the points of its rules (0 switches them off).
    std::map<std::string, double> weights;
    /// Source ids to leave out: rules resting only on these sources do not count.
    std::vector<std::string> excluded_sources;
    /// Stack ids the user ruled out (--rule-out): never ranked, whatever their points.
    std::vector<std::string> ruled_out;

    /// The factor for a rule: its criterion's weight, or 0 when every source it cites is excluded.
    double factor(const Rule& rule) const;
    /// Whether these are sources the user left out, all of them (false for none: text that cites
    /// nothing is stackpick's own and rests on no source that could be excluded).
    bool excludes_all(std::span<const std::string> sources) const;
};

/// A stack removed from the ranking by a hard constraint.
struct RuledOutStack {
    std::size_t stack = 0;                   ///< index into KnowledgeBase::stacks
    const Constraint* constraint = nullptr;  ///< the data's constraint; null: the user's --rule-out
};

/// Whether the data's constraint is consulted at all: not when every source it rests on is
/// excluded (as a tie-breaker).
bool constraint_consulted(const Constraint& constraint, const ScoringOptions& options);

/// The stacks ruled out for these answers, each once, in knowledge-base order: by the first of
/// the data's constraints that holds and excludes it, else by the user's --rule-out. Throws
/// DataError naming a constraint whose condition fails to evaluate.
std::vector<RuledOutStack> ruled_out_stacks(const KnowledgeBase& knowledge_base,
                                            const nlohmann::json& answers,
                                            const ScoringOptions& options);

/// Where the top of a ranking stands on points. Stacks rank by points; among those tied at the
/// top, the tie-breakers that apply keep only the stacks they favour in front, in the data's
/// order of tie-breakers. Whatever they leave tied stays an open choice: the order of the stacks
/// in the data never decides.
struct PointsRanking {
    /// Indexes into KnowledgeBase::stacks, best first: the stacks not ruled out (empty when
    /// every stack is).
    std::vector<std::size_t> order;
    std::vector<RuledOutStack> ruled_out;  ///< the stacks left out of order, and why
    std::size_t tied = 1;                  ///< how many share the top points: order[0, tied)
    std::size_t candidates = 1;            ///< how many the tie-breakers left in front: order[0, c)
    /// Each tie-breaker applied, in order: its index in KnowledgeBase::tie_breakers and the
    /// stacks it kept in front.
    struct Applied {
        std::size_t tie_breaker = 0;
        std::vector<std::size_t> kept;
    };
    std::vector<Applied> tie_breakers;
};

/// Points as they are compared and reported: sums of weighted points carry binary rounding
/// (0.1 + 0.2 is not 0.3), so they are rounded to nine decimals, and equal evidence ties.
double settled_points(double points);

/// Ranks stacks (points in knowledge-base order, compared as settled_points) for these answers.
/// A tie-breaker that rests only on sources the options exclude is not consulted. Throws
/// DataError naming a tie-breaker whose condition fails to evaluate.
PointsRanking rank_on_points(const KnowledgeBase& knowledge_base, const std::vector<double>& points,
                             const nlohmann::json& answers, const ScoringOptions& options);

/// The scale for a knowledge base (depends only on its rules and the scoring options).
ScoreScale score_scale(const KnowledgeBase& knowledge_base, const ScoringOptions& options = {});

/// One decimal, as every score and margin is reported.
double round_to_tenth(double value);

/// The DataError for a condition that failed to evaluate; `kind` and `name` name its owner
/// ("rule", "r1").
DataError evaluation_error(const char* kind, const std::string& name,
                           const logic::RuleError& error);

/// Whether the condition holds. Throws evaluation_error() when it fails to evaluate (a
/// condition that throws is a data error, never a silent false).
bool condition_holds(const logic::Expression& condition, const nlohmann::json& answers,
                     const char* kind, const std::string& name);
/// The same over answers laid out in slots.
bool condition_holds(const logic::Expression& condition, const logic::SlotData& answers,
                     const char* kind, const std::string& name);

/// Answers laid out in the knowledge base's answer slots, as its conditions were compiled to read
/// them (any layout when it has none: every read is then by name).
logic::SlotData answer_slots(const KnowledgeBase& knowledge_base, const nlohmann::json& answers);

/// Scores answers for one knowledge base and one set of options: built once (each rule's points
/// per stack at its factor, and the scale), then used for any number of answer sets without
/// allocating.
class Scorer {
  public:
    Scorer(const KnowledgeBase& knowledge_base, const ScoringOptions& options);

    const KnowledgeBase& knowledge_base() const { return m_knowledge_base; }
    const ScoringOptions& options() const { return m_options; }
    /// The points range every score is scaled against.
    const ScoreScale& scale() const { return m_scale; }
    std::size_t stack_count() const { return m_stack_count; }

    /// The rules that can fire (factor not 0), as indexes into KnowledgeBase::rules, in order.
    const std::vector<std::size_t>& active_rules() const { return m_active; }
    /// The points active rule `active` gives each stack (knowledge-base order), after its factor.
    const double* points_of(std::size_t active) const {
        return m_points.data() + active * m_stack_count;
    }

    /// Sums, per stack, the points of every active rule whose condition holds, in knowledge-base
    /// order, into `points` (resized to stack_count()). When `fired` is not null it receives the
    /// positions in active_rules() of the rules that fired. Throws as condition_holds().
    void sum(const nlohmann::json& answers, std::vector<double>& points,
             std::vector<std::size_t>* fired = nullptr) const;
    /// The same over answers laid out once in slots (answer_slots()): the batch path.
    void sum(const logic::SlotData& answers, std::vector<double>& points,
             std::vector<std::size_t>* fired = nullptr) const;

    /// The stacks ranked on these points (rank_on_points()).
    PointsRanking rank(const std::vector<double>& points, const nlohmann::json& answers) const {
        return rank_on_points(m_knowledge_base, points, answers, m_options);
    }

  private:
    const KnowledgeBase& m_knowledge_base;
    const ScoringOptions& m_options;
    std::size_t m_stack_count = 0;
    std::vector<std::size_t> m_active;
    /// The active rules' conditions side by side, once sum() has been called twice (made on
    /// the second call: most Scorers, one per recommend(), sum once, and making the set costs
    /// more than it saves on one pass); null before.
    const logic::ConditionSet* condition_set() const;
    /// Whether each active rule's condition holds, into held.
    void evaluate_conditions(const logic::SlotData& answers, std::vector<std::uint8_t>& held) const;

    std::vector<double> m_points;  ///< m_active.size() x m_stack_count, rule-major
    mutable logic::ConditionSet m_conditions;
    mutable std::once_flag m_conditions_made;
    mutable std::atomic<bool> m_summed{false};  ///< sum() has run once
    ScoreScale m_scale;
};

}  // namespace stackpick
