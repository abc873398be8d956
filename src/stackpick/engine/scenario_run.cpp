#include "stackpick/engine/scenario_run.hpp"

#include <algorithm>
#include <set>

#include "stackpick/engine/engine.hpp"

namespace stackpick {

namespace {

std::vector<std::string> outcome_ids(const std::string& pick,
                                     const std::vector<std::string>& open) {
    return open.empty() ? std::vector<std::string>{pick} : open;
}

}  // namespace

ScenarioReport run_scenarios(const KnowledgeBase& knowledge_base,
                             const std::vector<Scenario>& scenarios) {
    ScenarioReport report;
    std::set<std::string> fired;
    for (const auto& scenario : scenarios) {
        const auto answers = resolve_answers(knowledge_base.questions, scenario.answers);
        const auto recommendation = recommend(knowledge_base, answers);
        for (const auto& outcome : recommendation.outcomes)
            if (outcome.fired) fired.insert(outcome.rule);

        ScenarioResult result;
        result.scenario = &scenario;
        result.actual_top = recommendation.id;
        result.actual_open = recommendation.open_between;
        const auto sorted = [](std::vector<std::string> ids) {
            std::sort(ids.begin(), ids.end());
            return ids;
        };
        const bool outcome_ok =
            scenario.expected_open.empty()
                ? recommendation.open_between.empty() && recommendation.id == scenario.expected_top
                : sorted(recommendation.open_between) == sorted(scenario.expected_open);
        if (!outcome_ok)
            result.failures.push_back({ScenarioFailure::Kind::outcome,
                                       outcome_ids(scenario.expected_top, scenario.expected_open),
                                       outcome_ids(recommendation.id, recommendation.open_between),
                                       !scenario.expected_open.empty(),
                                       !recommendation.open_between.empty()});
        if (!scenario.expected_tie_break.empty()) {
            const AppliedTieBreak* decided = recommendation.tie_break();
            if (decided == nullptr || decided->id != scenario.expected_tie_break)
                result.failures.push_back(
                    {ScenarioFailure::Kind::tie_break,
                     {scenario.expected_tie_break},
                     decided ? std::vector<std::string>{decided->id} : std::vector<std::string>{}});
        }
        if (!scenario.expected_order.empty()) {
            std::vector<std::string> order;
            for (const auto& stack : recommendation.ranking) order.push_back(stack.id);
            if (order != scenario.expected_order)
                result.failures.push_back(
                    {ScenarioFailure::Kind::order, scenario.expected_order, order});
        }
        for (const auto& rule : scenario.expected_reasons) {
            const bool did_fire =
                std::any_of(recommendation.outcomes.begin(), recommendation.outcomes.end(),
                            [&](const RuleOutcome& o) { return o.rule == rule && o.fired; });
            if (!did_fire) result.failures.push_back({ScenarioFailure::Kind::rule, {rule}, {}});
        }
        (result.passed() ? report.passed : report.failed)++;
        report.results.push_back(std::move(result));
    }
    for (const auto& rule : knowledge_base.rules)
        if (!fired.count(rule.id)) report.uncovered_rules.push_back(rule.id);
    return report;
}

}  // namespace stackpick
