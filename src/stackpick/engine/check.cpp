#include "stackpick/engine/check.hpp"

namespace stackpick {

namespace {

/// The recorded outcome as a Recommendation, so diff_results() compares it like any other.
Recommendation recorded_result(const RecordedDecision& record) {
    Recommendation then;
    then.id = record.pick;
    then.open_between = record.open_between;
    then.confidence = record.confidence;
    for (const auto& rule : record.fired) then.outcomes.push_back({rule, true});
    for (const auto& stack : record.ranking) {
        RankedStack entry;
        entry.id = stack.id;
        entry.score = stack.score;
        entry.points = stack.points;
        for (const auto& [rule, points] : stack.rules) {
            Reason reason;
            reason.rule = rule;
            reason.points = points;
            entry.reasons.push_back(std::move(reason));
        }
        then.ranking.push_back(std::move(entry));
    }
    return then;
}

}  // namespace

DecisionCheck recheck_decision(const KnowledgeBase& knowledge_base,
                               const RecordedDecision& record) {
    const ResolvedAnswers answers = resolve_answers(knowledge_base.questions, record.answers);
    const Recommendation now = recommend(knowledge_base, answers, record.scoring);
    DecisionCheck check;
    check.stackpick_then = record.stackpick_version;
    check.knowledge_base_then = record.knowledge_base_version;
    check.knowledge_base_now = knowledge_base.version;
    check.difference = diff_results(recorded_result(record), now, knowledge_base.stack_ids());
    check.holds = !check.difference.pick_changed();
    return check;
}

}  // namespace stackpick
