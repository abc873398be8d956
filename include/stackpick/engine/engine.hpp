#pragma once
/// The recommendation engine: answers and a knowledge base in, a ranked, explained result out.
/// Pure: no I/O, no printing, no globals; deterministic for the same input.

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "stackpick/engine/scorer.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// A fired rule's contribution to one stack.
struct Reason {
    std::string rule;  ///< rule id
    /// The rule's position in KnowledgeBase::rules and in Recommendation::outcomes; k_unknown
    /// for a reason read back from a record.
    std::size_t rule_index = k_unknown;
    static constexpr std::size_t k_unknown = ~std::size_t{0};
    double points = 0;
    // Views of the rule's text, sources and quotes in the knowledge base, which outlives every
    // recommendation made from it: copying them for each fired rule and stack cost more than
    // scoring a thousand rules.
    std::string_view text;
    std::span<const std::string> sources;  ///< empty: the text is stackpick's own
    bool disputed = false;
    std::span<const Quote> quotes;
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
        only_option,       ///< the constraints left one stack to rank: high
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

/// A stack a hard constraint took out of the ranking.
struct RuledOut {
    std::string id;        ///< stack id
    bool by_user = false;  ///< --rule-out; otherwise a constraint of the data
    std::string rule;      ///< the constraint's id ("" when by_user)
    std::string reason;    ///< the constraint's reason ("" when by_user)
    std::vector<std::string> sources;
    std::vector<Quote> quotes;
};

struct Recommendation {
    std::vector<RankedStack> ranking;  ///< best first; ruled-out stacks are not in it
    std::vector<RuledOut> ruled_out;   ///< in knowledge-base order
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

/// Scores every stack for the answers. Throws DataError naming the rule if a condition fails to
/// evaluate (a rule that throws is a data error, never a silent zero), and UsageError naming
/// the constraints when every stack is ruled out (never an empty ranking).
Recommendation recommend(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers,
                         const ScoringOptions& options = {});

/// The same with a scorer built once for any number of answer sets (batch): the scorer's
/// knowledge base and options.
Recommendation recommend(const Scorer& scorer, const ResolvedAnswers& answers);

/// The points of the lead of ranking[0] over ranking[1] that rest on fired rules the sources
/// dispute (0 with fewer than two stacks): what lowers the confidence a level.
double disputed_lead(const KnowledgeBase& knowledge_base, const Recommendation& recommendation,
                     const ScoringOptions& options);

}  // namespace stackpick
