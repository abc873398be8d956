#include "stackpick/engine/explain.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "stackpick/logic/analysis.hpp"
#include "stackpick/logic/logic.hpp"
#include "stackpick/util/error.hpp"

namespace stackpick {

namespace {

using nlohmann::json;

/// The confidence checks in the engine's order, each saying whether it applied.
std::vector<ConfidenceReason> confidence_checks(const KnowledgeBase& knowledge_base,
                                                const ResolvedAnswers& answers,
                                                const Recommendation& recommendation) {
    using Kind = ConfidenceReason::Kind;
    const auto& settings = knowledge_base.confidence;
    const auto& reasons = recommendation.confidence_reasons;
    if (recommendation.ranking.size() < 2 || reasons.empty()) return reasons;
    const auto& first = recommendation.ranking[0];
    const auto& second = recommendation.ranking[1];

    std::vector<ConfidenceReason> checks{reasons[0]};
    std::size_t used = 1;
    Confidence level = recommendation.margin >= settings.high_margin     ? Confidence::high
                       : recommendation.margin >= settings.medium_margin ? Confidence::medium
                                                                         : Confidence::low;
    const std::size_t total = knowledge_base.questions.size();
    const std::size_t answered = total - answers.assumed.size();
    if (level == Confidence::high && answered < settings.min_answers_for_high) {
        if (used < reasons.size()) checks.push_back(reasons[used++]);
        level = Confidence::medium;
    } else {
        ConfidenceReason check;
        check.kind = Kind::answers_checked;
        check.answered = answered;
        check.questions = total;
        check.needed = settings.min_answers_for_high;
        check.level = level;
        checks.push_back(check);
    }

    const double disputed = disputed_lead(knowledge_base, recommendation, recommendation.options);
    const double lead = first.points - second.points;
    if (lead > 0 && disputed > settings.disputed_share * lead && level != Confidence::low) {
        if (used < reasons.size()) checks.push_back(reasons[used++]);
    } else if (lead <= 0) {
        ConfidenceReason check;
        check.kind = Kind::no_lead;
        checks.push_back(check);
    } else {
        ConfidenceReason check;
        check.kind = Kind::disputed_checked;
        check.disputed = disputed;
        check.lead = lead;
        check.limit = settings.disputed_share * lead;
        check.level = level;
        checks.push_back(check);
    }
    // Should the engine's checks ever change shape, its own reasons are the truth.
    if (used != reasons.size()) return reasons;
    return checks;
}

}  // namespace

ConditionTrace trace_condition(const nlohmann::json& when, const nlohmann::json& answers) {
    ConditionTrace trace{when, {}, {}};
    logic::walk(when, [&](const logic::Operation& operation) {
        if (operation.syntax == nullptr || operation.syntax->notation != logic::Notation::read)
            return;
        ConditionRead read{std::string(operation.pointer), nullptr, {}};
        try {
            read.value = logic::evaluate(logic::compile(operation.node), answers);
        } catch (const std::exception& e) {
            read.error = e.what();
        }
        trace.reads.push_back(std::move(read));
    });
    return trace;
}

namespace {

/// One rule traced: whether it held and fired, the answers it read, the points it moved.
RuleTrace trace_rule(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers,
                     const Recommendation& recommendation, std::size_t i) {
    const Rule& rule = knowledge_base.rules[i];
    RuleTrace traced;
    traced.rule = rule.id;
    traced.factor = recommendation.options.factor(rule);
    traced.criterion = rule.criterion;
    traced.sources = rule.sources;
    traced.disputed = rule.disputed;
    traced.quotes = rule.quotes;
    if (i < recommendation.outcomes.size() && recommendation.outcomes[i].rule == rule.id)
        traced.fired = recommendation.outcomes[i].fired;

    logic::Trace reads;
    traced.condition = trace_condition(rule.when, answers.values);
    try {
        traced.held = logic::truthy(logic::evaluate(rule.condition, answers.values, &reads));
    } catch (const logic::RuleError& e) {
        // The engine never evaluates a rule that is switched off; anything else is bad data.
        if (traced.factor != 0) throw evaluation_error("rule", rule.id, e);
        traced.condition.error = e.what();
    }
    for (auto& read : reads.reads) {
        const bool seen =
            std::any_of(traced.reads.begin(), traced.reads.end(),
                        [&](const auto& earlier) { return earlier.first == read.path; });
        if (!seen) traced.reads.emplace_back(read.path, std::move(read.value));
    }
    if (traced.fired)
        for (const auto& stack : knowledge_base.stacks) {
            const double points = rule.points_for(stack.id) * traced.factor;
            if (points != 0) traced.points[stack.id] = points;
        }
    return traced;
}

/// Each constraint of the data: its condition as read, and the stacks it took out; then the
/// stacks only the user's --rule-out took out.
void trace_constraints(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers,
                       const Recommendation& recommendation, ExplainTrace& trace) {
    for (const auto& constraint : knowledge_base.constraints) {
        ConstraintTrace traced;
        traced.id = constraint.id;
        traced.condition = trace_condition(constraint.when, answers.values);
        traced.consulted = constraint_consulted(constraint, recommendation.options);
        traced.excludes = constraint.excludes;
        try {
            traced.held = logic::evaluate_truthy(constraint.condition, answers.values);
        } catch (const logic::RuleError& e) {
            traced.condition.error = e.what();
        }
        for (const auto& out : recommendation.ruled_out)
            if (!out.by_user && out.rule == constraint.id) traced.ruled_out.push_back(out.id);
        trace.constraints.push_back(std::move(traced));
    }
    for (const auto& out : recommendation.ruled_out)
        if (out.by_user) trace.user_ruled_out.push_back(out.id);
}

}  // namespace

ExplainTrace explain(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers,
                     const Recommendation& recommendation) {
    ExplainTrace trace;
    for (std::size_t i = 0; i < knowledge_base.rules.size(); ++i)
        trace.rules.push_back(trace_rule(knowledge_base, answers, recommendation, i));

    if (!recommendation.tied_with.empty()) {
        for (const auto& breaker : knowledge_base.tie_breakers) {
            TieBreakerTrace traced{breaker.id, trace_condition(breaker.when, answers.values),
                                   false,      false,
                                   {},         breaker.favours};
            try {
                traced.held = logic::evaluate_truthy(breaker.condition, answers.values);
            } catch (const logic::RuleError& e) {
                traced.condition.error = e.what();
            }
            for (const auto& step : recommendation.tie_breaks)
                if (step.id == breaker.id) {
                    traced.applied = true;
                    traced.kept = step.kept;
                }
            trace.tie_breakers.push_back(std::move(traced));
        }
    }

    trace_constraints(knowledge_base, answers, recommendation, trace);
    trace.scale = recommendation.scale;
    for (const auto& stack : recommendation.ranking)
        trace.scores.push_back({stack.id, stack.name, stack.points, stack.score});

    trace.confidence_level = recommendation.confidence;
    trace.confidence = confidence_checks(knowledge_base, answers, recommendation);
    return trace;
}

Contrast versus_runner_up(const Recommendation& recommendation) {
    Contrast contrast;
    if (recommendation.ranking.empty()) return contrast;
    const RankedStack& first = recommendation.ranking[0];
    contrast.first = first.id;
    if (recommendation.ranking.size() < 2) return contrast;
    const RankedStack& second = recommendation.ranking[1];
    contrast.second = second.id;
    contrast.point_gap = first.points - second.points;
    contrast.score_gap = recommendation.margin;
    for (const auto& step : recommendation.tie_breaks) {
        const auto kept = [&](const std::string& id) {
            return std::find(step.kept.begin(), step.kept.end(), id) != step.kept.end();
        };
        if (contrast.point_gap == 0 && kept(first.id) && !kept(second.id)) {
            contrast.tie_break = step.id;
            contrast.tie_break_reason = step.reason;
            break;
        }
    }

    // Reasons of this recommendation's rules carry their place among the outcomes: the gaps
    // are then summed by place, in knowledge-base order, with no look-up by id.
    const auto placed = [&](const Reason& reason) {
        return reason.rule_index < recommendation.outcomes.size() &&
               recommendation.outcomes[reason.rule_index].rule == reason.rule;
    };
    if (std::all_of(first.reasons.begin(), first.reasons.end(), placed) &&
        std::all_of(second.reasons.begin(), second.reasons.end(), placed)) {
        std::vector<double> by_place(recommendation.outcomes.size(), 0.0);
        std::vector<bool> named(recommendation.outcomes.size(), false);
        for (const auto& reason : first.reasons) {
            by_place[reason.rule_index] += reason.points;
            named[reason.rule_index] = true;
        }
        for (const auto& reason : second.reasons) {
            by_place[reason.rule_index] -= reason.points;
            named[reason.rule_index] = true;
        }
        for (std::size_t i = 0; i < by_place.size(); ++i)
            if (named[i] && by_place[i] != 0)
                contrast.rules.emplace_back(recommendation.outcomes[i].rule, by_place[i]);
        std::stable_sort(contrast.rules.begin(), contrast.rules.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        return contrast;
    }
    // Hashed views of the reasons' rule ids: with many rules, a std::map of copies costs more
    // than the rest of the contrast.
    std::unordered_map<std::string_view, double> gaps;
    gaps.reserve(first.reasons.size() + second.reasons.size());
    for (const auto& reason : first.reasons) gaps[reason.rule] += reason.points;
    for (const auto& reason : second.reasons) gaps[reason.rule] -= reason.points;
    // Knowledge-base order first, so that equal gaps keep it after the stable sort.
    for (const auto& outcome : recommendation.outcomes) {
        if (gaps.empty()) break;
        const auto found = gaps.find(outcome.rule);
        if (found == gaps.end()) continue;
        if (found->second != 0) contrast.rules.emplace_back(found->first, found->second);
        gaps.erase(found);
    }
    // Rules the outcomes do not list, in id order.
    std::vector<std::pair<std::string_view, double>> rest(gaps.begin(), gaps.end());
    std::sort(rest.begin(), rest.end());
    for (const auto& [rule, gap] : rest)
        if (gap != 0) contrast.rules.emplace_back(rule, gap);
    std::stable_sort(contrast.rules.begin(), contrast.rules.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return contrast;
}

}  // namespace stackpick
