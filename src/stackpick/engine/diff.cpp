#include "stackpick/engine/diff.hpp"

#include "stackpick/util/number_text.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace stackpick {

namespace {

std::size_t rank_of(const Recommendation& recommendation, const std::string& stack) {
    for (std::size_t i = 0; i < recommendation.ranking.size(); ++i)
        if (recommendation.ranking[i].id == stack) return i + 1;
    return 0;
}

const RankedStack* ranked(const Recommendation& recommendation, const std::string& stack) {
    for (const auto& entry : recommendation.ranking)
        if (entry.id == stack) return &entry;
    return nullptr;
}

}  // namespace

bool AnswersDiff::changed() const {
    const bool scores_moved = std::any_of(scores.begin(), scores.end(), [](const ScoreMove& m) {
        return m.points_a != m.points_b || m.score_a != m.score_b || m.rank_a != m.rank_b;
    });
    return !answers.empty() || !rules.empty() || !points.empty() || scores_moved ||
           pick_changed() || confidence_a != confidence_b;
}

namespace {

/// The points each rule gives each stack in a result: rule -> stack -> points.
std::map<std::string, std::map<std::string, double>> rule_points(const Recommendation& result) {
    std::map<std::string, std::map<std::string, double>> points;
    for (const auto& stack : result.ranking)
        for (const auto& reason : stack.reasons) points[reason.rule][stack.id] = reason.points;
    return points;
}

/// The rules that fired on one side and not the other, in b's order, then a's own.
void compare_rules(const Recommendation& a, const Recommendation& b, AnswersDiff& diff) {
    std::map<std::string, bool> fired_a;
    for (const auto& outcome : a.outcomes) fired_a[outcome.rule] = outcome.fired;
    std::set<std::string> seen;
    for (const auto& outcome : b.outcomes) {
        seen.insert(outcome.rule);
        const auto found = fired_a.find(outcome.rule);
        const bool was = found != fired_a.end() && found->second;
        if (was != outcome.fired) diff.rules.push_back({outcome.rule, was, outcome.fired});
    }
    for (const auto& outcome : a.outcomes)
        if (outcome.fired && !seen.count(outcome.rule))
            diff.rules.push_back({outcome.rule, true, false});
    // A rule fired on both sides whose points moved: the figure that made the difference.
    const auto points_a = rule_points(a);
    const auto points_b = rule_points(b);
    for (const auto& outcome : b.outcomes) {
        const auto found = fired_a.find(outcome.rule);
        if (!outcome.fired || found == fired_a.end() || !found->second) continue;
        std::map<std::string, std::pair<double, double>> per_stack;
        if (const auto in_a = points_a.find(outcome.rule); in_a != points_a.end())
            for (const auto& [stack, points] : in_a->second) per_stack[stack].first = points;
        if (const auto in_b = points_b.find(outcome.rule); in_b != points_b.end())
            for (const auto& [stack, points] : in_b->second) per_stack[stack].second = points;
        for (const auto& [stack, both] : per_stack)
            if (!figures_agree(both.first, both.second))
                diff.points.push_back({outcome.rule, stack, both.first, both.second});
    }
}

}  // namespace

AnswersDiff diff_results(const Recommendation& a, const Recommendation& b,
                         const std::vector<std::string>& stacks) {
    AnswersDiff diff;
    compare_rules(a, b, diff);
    std::vector<std::string> all = stacks;
    for (const auto& entry : a.ranking)
        if (std::find(all.begin(), all.end(), entry.id) == all.end()) all.push_back(entry.id);
    for (const auto& stack : all) {
        ScoreMove move{stack, 0, 0, 0, 0, rank_of(a, stack), rank_of(b, stack)};
        if (const RankedStack* entry = ranked(a, stack)) {
            move.points_a = entry->points;
            move.score_a = entry->score;
        }
        if (const RankedStack* entry = ranked(b, stack)) {
            move.points_b = entry->points;
            move.score_b = entry->score;
        }
        diff.scores.push_back(std::move(move));
    }
    diff.pick_a = a.id;
    diff.pick_b = b.id;
    diff.open_a = a.open_between;
    diff.open_b = b.open_between;
    diff.confidence_a = a.confidence;
    diff.confidence_b = b.confidence;
    return diff;
}

AnswersDiff diff_answers(const KnowledgeBase& knowledge_base, const GivenAnswers& a,
                         const GivenAnswers& b, const ScoringOptions& options) {
    const ResolvedAnswers resolved_a = resolve_answers(knowledge_base.questions, a);
    const ResolvedAnswers resolved_b = resolve_answers(knowledge_base.questions, b);
    AnswersDiff diff =
        diff_results(recommend(knowledge_base, resolved_a, options),
                     recommend(knowledge_base, resolved_b, options), knowledge_base.stack_ids());
    for (const auto& question : knowledge_base.questions) {
        const auto& value_a = resolved_a.values[question.key];
        const auto& value_b = resolved_b.values[question.key];
        if (value_a != value_b) diff.answers.push_back({question.key, value_a, value_b});
    }
    return diff;
}

}  // namespace stackpick
