#pragma once
/// The recommendation engine: answers and a knowledge base in, a ranked, explained result out.
/// Pure: no I/O, no printing, no globals; deterministic for the same input.

#include <map>
#include <string>
#include <vector>

#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// A fired rule's contribution to one stack.
struct Reason {
    std::string rule;  ///< rule id
    double points = 0;
    std::string text;
    std::vector<std::string> sources;  ///< empty: the text is stackpick's own
    bool disputed = false;
    std::vector<Quote> quotes;
};

struct Caution {
    std::string rule;
    std::string text;
    std::vector<std::string> sources;  ///< empty: the text is stackpick's own
    std::vector<Quote> quotes;
};

struct FrameworkSuggestion {
    std::string id;    ///< framework or library id in ecosystem.json
    std::string name;  ///< "NestJS"
    std::string role;  ///< "API framework"
    std::string why;
    std::vector<std::string> sources;  ///< of the why; empty: stackpick's own
    std::vector<Quote> quotes;
};

/// For a hybrid: the services one of its stacks runs.
struct SplitPart {
    std::string stack;
    std::vector<std::string> services;
};

struct RankedStack {
    std::string id;
    std::string name;
    double score = 0;             ///< 0-100, one decimal
    double points = 0;            ///< raw sum of fired rules' points
    std::vector<Reason> reasons;  ///< strongest first
    std::vector<Caution> cautions;
    std::vector<FrameworkSuggestion> frameworks;
    std::vector<SplitPart> split;  ///< empty unless the stack combines others
};

enum class Confidence { high, medium, low };
std::string to_string(Confidence confidence);

/// Whether each rule fired, in knowledge-base order (for explain and coverage).
struct RuleOutcome {
    std::string rule;
    bool fired = false;
};

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

    /// The factor for a rule: its criterion's weight, or 0 when every source it cites is excluded.
    double factor(const Rule& rule) const;
    /// Whether these are sources the user left out, all of them (false for none: text that cites
    /// nothing is stackpick's own and rests on no source that could be excluded).
    bool excludes_all(const std::vector<std::string>& sources) const;
};

/// One step of deciding the confidence, as numbers and stack ids (report/ words it). The
/// engine records the steps that set or lowered the level; explain() also records the checks
/// that changed nothing (the *_checked kinds and no_lead).
struct ConfidenceReason {
    enum class Kind {
        tie_decided,       ///< tied on points with `stacks`, and a tie-breaker decided: low
        tie_open,          ///< `stacks` are tied on points and nothing decides: low
        margin_high,       ///< margin >= at_least: high
        margin_medium,     ///< at_least <= margin < below: medium
        margin_low,        ///< margin < below: low
        few_answers,       ///< `answered` of `questions` answered, fewer than `needed`: medium
        answers_checked,   ///< enough answers for high, or the level (`level`) is below high
        disputed_lead,     ///< `disputed` of the `lead` comes from disputed claims: one lower
        no_lead,           ///< no points lead, so disputed claims cannot lower the level
        disputed_checked,  ///< `disputed` of the `lead` is at most `limit`, or already low
    };
    Kind kind = Kind::margin_low;
    std::vector<std::string> stacks;  ///< tie kinds: the stacks concerned, in ranking order
    double margin = 0;                ///< margin kinds: score points between #1 and #2
    double at_least = 0;              ///< margin_high, margin_medium: the threshold reached
    double below = 0;                 ///< margin_medium, margin_low: the threshold missed
    std::size_t answered = 0;         ///< answer kinds: questions answered, ...
    std::size_t questions = 0;        ///< ... of how many, ...
    std::size_t needed = 0;           ///< ... and how many high needs
    double disputed = 0;  ///< disputed kinds: the points of the lead from disputed claims, ...
    double lead = 0;      ///< ... the lead on points, ...
    double limit = 0;     ///< ... and the most disputed points that leave the level alone
    Confidence level = Confidence::low;  ///< *_checked: the level the check saw
};

/// A tie-breaker that settled (part of) a tie at the top.
struct AppliedTieBreak {
    std::string id;                 ///< tie-breaker id
    std::vector<std::string> kept;  ///< the tied stacks it kept in front, in ranking order
    std::string reason;
    std::vector<std::string> sources;
    std::vector<Quote> quotes;
};

/// Where the top of a ranking stands on points. Stacks rank by points; among those tied at the
/// top, the tie-breakers that apply keep only the stacks they favour in front, in the data's
/// order of tie-breakers. Whatever they leave tied stays an open choice: the order of the stacks
/// in the data never decides.
struct PointsRanking {
    std::vector<std::size_t> order;  ///< indexes into KnowledgeBase::stacks, best first
    std::size_t tied = 1;            ///< how many share the top points: order[0, tied)
    std::size_t candidates = 1;      ///< how many the tie-breakers left in front: order[0, c)
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

struct Recommendation {
    std::vector<RankedStack> ranking;  ///< best first
    std::string id;                    ///< ranking[0].id
    /// The other stacks with the same points as ranking[0] (empty when it leads alone).
    std::vector<std::string> tied_with;
    /// The tie-breakers applied to that tie, in order; the last decided it when open_between
    /// is empty.
    std::vector<AppliedTieBreak> tie_breaks;
    /// When no tie-breaker settles the tie: every stack still in front (ranking order), of
    /// which ranking[0] is only listed first. Empty when there is a pick.
    std::vector<std::string> open_between;
    /// The tie-breaker that decided a tie at the top, or nullptr (no tie, or none decided it).
    const AppliedTieBreak* tie_break() const {
        return tied_with.empty() || !open_between.empty() || tie_breaks.empty()
                   ? nullptr
                   : &tie_breaks.back();
    }
    Confidence confidence = Confidence::low;
    double margin = 0;                                 ///< score points between #1 and #2
    std::vector<ConfidenceReason> confidence_reasons;  ///< why the confidence is what it is
    std::vector<RuleOutcome> outcomes;
    ScoreScale scale;
    ScoringOptions options;  ///< as given, recorded in the output
};

/// The scale for a knowledge base (depends only on its rules and the scoring options).
ScoreScale score_scale(const KnowledgeBase& knowledge_base, const ScoringOptions& options = {});

/// Scores every stack for the answers. Throws DataError naming the rule if a condition fails to
/// evaluate (a rule that throws is a data error, never a silent zero).
Recommendation recommend(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers,
                         const ScoringOptions& options = {});

/// The points of the lead of ranking[0] over ranking[1] that rest on fired rules the sources
/// dispute (0 with fewer than two stacks): what lowers the confidence a level.
double disputed_lead(const KnowledgeBase& knowledge_base, const Recommendation& recommendation,
                     const ScoringOptions& options);

/// One decimal, as every score and margin is reported.
double round_to_tenth(double value);

}  // namespace stackpick
