#pragma once
/// The recommendation engine: answers and a knowledge base in, a ranked, explained result out.
/// Pure: no I/O, no printing, no globals; deterministic for the same input.

#include <map>
#include <string>
#include <vector>

#include "stackpick/answers.hpp"
#include "stackpick/knowledge_base.hpp"

namespace stackpick {

/// A fired rule's contribution to one stack.
struct Reason {
    std::string rule;  ///< rule id
    double points = 0;
    std::string text;
    std::vector<std::string> sources;
    bool disputed = false;
};

struct Caution {
    std::string rule;
    std::string text;
    std::vector<std::string> sources;
};

struct FrameworkSuggestion {
    std::string id;    ///< framework or library id in ecosystem.json
    std::string name;  ///< "NestJS"
    std::string role;  ///< "API framework"
    std::string why;
    std::vector<std::string> sources;
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
};

struct Recommendation {
    std::vector<RankedStack> ranking;  ///< best first
    std::string id;                    ///< ranking[0].id
    Confidence confidence = Confidence::low;
    double margin = 0;  ///< score points between #1 and #2
    std::string summary;
    std::vector<std::string> confidence_reasons;  ///< why the confidence is what it is
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

/// One decimal, as every score and margin is reported.
double round_to_tenth(double value);

}  // namespace stackpick
