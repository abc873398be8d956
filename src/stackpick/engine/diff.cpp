#include "stackpick/engine/diff.hpp"

#include <algorithm>

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
    return !answers.empty() || !rules.empty() || scores_moved || pick_changed() ||
           confidence_a != confidence_b;
}

AnswersDiff diff_answers(const KnowledgeBase& knowledge_base, const GivenAnswers& a,
                         const GivenAnswers& b, const ScoringOptions& options) {
    const ResolvedAnswers resolved_a = resolve_answers(knowledge_base.questions, a);
    const ResolvedAnswers resolved_b = resolve_answers(knowledge_base.questions, b);
    const Recommendation result_a = recommend(knowledge_base, resolved_a, options);
    const Recommendation result_b = recommend(knowledge_base, resolved_b, options);

    AnswersDiff diff;
    for (const auto& question : knowledge_base.questions) {
        const auto& value_a = resolved_a.values[question.key];
        const auto& value_b = resolved_b.values[question.key];
        if (value_a != value_b) diff.answers.push_back({question.key, value_a, value_b});
    }
    for (std::size_t i = 0; i < result_a.outcomes.size() && i < result_b.outcomes.size(); ++i)
        if (result_a.outcomes[i].fired != result_b.outcomes[i].fired)
            diff.rules.push_back({result_a.outcomes[i].rule, result_a.outcomes[i].fired,
                                  result_b.outcomes[i].fired});
    for (const auto& stack : knowledge_base.stacks) {
        ScoreMove move{
            stack.id, 0, 0, 0, 0, rank_of(result_a, stack.id), rank_of(result_b, stack.id)};
        if (const RankedStack* entry = ranked(result_a, stack.id)) {
            move.points_a = entry->points;
            move.score_a = entry->score;
        }
        if (const RankedStack* entry = ranked(result_b, stack.id)) {
            move.points_b = entry->points;
            move.score_b = entry->score;
        }
        diff.scores.push_back(std::move(move));
    }
    diff.pick_a = result_a.id;
    diff.pick_b = result_b.id;
    diff.open_a = result_a.open_between;
    diff.open_b = result_b.open_between;
    diff.confidence_a = result_a.confidence;
    diff.confidence_b = result_b.confidence;
    return diff;
}

}  // namespace stackpick
