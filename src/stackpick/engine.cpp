#include "stackpick/engine.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "stackpick/error.hpp"

namespace stackpick {

std::string to_string(Confidence confidence) {
    switch (confidence) {
        case Confidence::high:
            return "high";
        case Confidence::medium:
            return "medium";
        case Confidence::low:
            return "low";
    }
    return "low";
}

double round_to_tenth(double value) {
    const double rounded = std::round(value * 10.0) / 10.0;
    return rounded == 0.0 ? 0.0 : rounded;  // never "-0"
}

double ScoreScale::scale(double points) const {
    if (highest <= lowest) return 50.0;
    return round_to_tenth(100.0 * (points - lowest) / (highest - lowest));
}

double ScoringOptions::factor(const Rule& rule) const {
    const bool all_excluded =
        !excluded_sources.empty() &&
        std::all_of(rule.sources.begin(), rule.sources.end(), [&](const std::string& source) {
            return std::find(excluded_sources.begin(), excluded_sources.end(), source) !=
                   excluded_sources.end();
        });
    if (all_excluded) return 0;
    auto weight = weights.find(rule.criterion);
    return weight == weights.end() ? 1.0 : weight->second;
}

ScoreScale score_scale(const KnowledgeBase& knowledge_base, const ScoringOptions& options) {
    ScoreScale scale;
    for (const auto& stack : knowledge_base.stacks) {
        double negative = 0, positive = 0;
        for (const auto& rule : knowledge_base.rules) {
            const double points = rule.points_for(stack.id) * options.factor(rule);
            (points < 0 ? negative : positive) += points;
        }
        scale.lowest = std::min(scale.lowest, negative);
        scale.highest = std::max(scale.highest, positive);
    }
    return scale;
}

namespace {

bool holds(const logic::Expression& condition, const nlohmann::json& answers,
           const std::string& owner) {
    try {
        return logic::evaluate_truthy(condition, answers);
    } catch (const logic::RuleError& e) {
        throw DataError(fmt::format("{} failed to evaluate: {}", owner, e.what()));
    }
}

std::vector<FrameworkSuggestion> suggest_frameworks(const KnowledgeBase& knowledge_base,
                                                    const std::string& stack,
                                                    const nlohmann::json& answers) {
    std::vector<FrameworkSuggestion> suggestions;
    std::set<std::string> roles_filled;
    for (const auto& pick : knowledge_base.framework_picks) {
        if (pick.stack != stack || roles_filled.count(pick.role)) continue;
        if (!holds(pick.condition, answers, fmt::format("framework pick '{}'", pick.framework)))
            continue;
        roles_filled.insert(pick.role);
        FrameworkSuggestion suggestion{pick.framework, pick.framework, pick.role, pick.why, {}};
        for (const auto& framework : knowledge_base.facts.frameworks)
            if (framework.id == pick.framework) {
                suggestion.name = framework.name;
                suggestion.sources = framework.sources;
            }
        for (const auto& library : knowledge_base.facts.libraries)
            if (library.id == pick.framework) {
                suggestion.name = library.name;
                suggestion.sources = library.sources;
            }
        suggestions.push_back(std::move(suggestion));
    }
    return suggestions;
}

std::vector<SplitPart> split_services(const KnowledgeBase& knowledge_base, const Stack& stack,
                                      const nlohmann::json& answers) {
    std::vector<SplitPart> parts;
    for (const auto& part_stack : stack.combines) {
        SplitPart part{part_stack, {}};
        for (const auto& service : knowledge_base.split)
            if (service.stack == part_stack &&
                holds(service.condition, answers,
                      fmt::format("split service '{}'", service.service)))
                part.services.push_back(service.service);
        parts.push_back(std::move(part));
    }
    return parts;
}

/// Lowers a confidence level by one step.
Confidence lower(Confidence confidence) {
    return confidence == Confidence::high ? Confidence::medium : Confidence::low;
}

void decide_confidence(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers,
                       const ScoringOptions& options, Recommendation& result) {
    const auto& settings = knowledge_base.confidence;
    if (result.ranking.size() < 2) {
        result.confidence = Confidence::high;
        return;
    }
    const auto& first = result.ranking[0];
    const auto& second = result.ranking[1];
    result.margin = round_to_tenth(first.score - second.score);
    if (result.margin >= settings.high_margin) {
        result.confidence = Confidence::high;
        result.confidence_reasons.push_back(fmt::format("margin of {} points is at least {} (high)",
                                                        result.margin, settings.high_margin));
    } else if (result.margin >= settings.medium_margin) {
        result.confidence = Confidence::medium;
        result.confidence_reasons.push_back(
            fmt::format("margin of {} points is at least {} but below {} (medium)", result.margin,
                        settings.medium_margin, settings.high_margin));
    } else {
        result.confidence = Confidence::low;
        result.confidence_reasons.push_back(fmt::format("margin of {} points is below {} (low)",
                                                        result.margin, settings.medium_margin));
    }

    const std::size_t answered = knowledge_base.questions.size() - answers.assumed.size();
    if (result.confidence == Confidence::high && answered < settings.min_answers_for_high) {
        result.confidence = Confidence::medium;
        result.confidence_reasons.push_back(
            fmt::format("only {} of {} questions answered (high needs at least {}): medium at most",
                        answered, knowledge_base.questions.size(), settings.min_answers_for_high));
    }

    // How much of the lead rests on claims the sources dispute.
    double disputed_lead = 0;
    for (const auto& rule : knowledge_base.rules) {
        if (!rule.disputed) continue;
        const bool fired =
            std::any_of(result.outcomes.begin(), result.outcomes.end(),
                        [&](const RuleOutcome& o) { return o.rule == rule.id && o.fired; });
        if (fired)
            disputed_lead +=
                std::max(0.0, (rule.points_for(first.id) - rule.points_for(second.id)) *
                                  options.factor(rule));
    }
    const double lead = first.points - second.points;
    if (lead > 0 && disputed_lead > settings.disputed_share * lead &&
        result.confidence != Confidence::low) {
        result.confidence = lower(result.confidence);
        result.confidence_reasons.push_back(fmt::format(
            "{} of the {}-point lead comes from claims the sources dispute: one level lower",
            disputed_lead, lead));
    }
}

std::string summarize(const Recommendation& result) {
    const auto& first = result.ranking.front();
    if (result.ranking.size() < 2) return fmt::format("{} is the only option.", first.name);
    const auto& second = result.ranking[1];
    if (result.margin == 0)
        return fmt::format("{} and {} are tied; {} is listed first by the knowledge base's order.",
                           first.name, second.name, first.name);
    std::string summary = fmt::format("{} ranks first, {} points ahead of {}.", first.name,
                                      result.margin, second.name);
    if (!first.reasons.empty() && first.reasons.front().points > 0)
        summary += " " + first.reasons.front().text;
    return summary;
}

}  // namespace

Recommendation recommend(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers,
                         const ScoringOptions& options) {
    Recommendation result;
    result.scale = score_scale(knowledge_base, options);
    result.options = options;
    const nlohmann::json& values = answers.values;

    std::vector<const Rule*> fired;
    for (const auto& rule : knowledge_base.rules) {
        // A rule switched off by the options does not fire at all (its cautions go too).
        const bool did_fire = options.factor(rule) != 0 &&
                              holds(rule.condition, values, fmt::format("rule '{}'", rule.id));
        result.outcomes.push_back({rule.id, did_fire});
        if (did_fire) fired.push_back(&rule);
    }

    for (const auto& stack : knowledge_base.stacks) {
        RankedStack ranked;
        ranked.id = stack.id;
        ranked.name = stack.name;
        for (const Rule* rule : fired) {
            const double points = rule->points_for(stack.id) * options.factor(*rule);
            if (points != 0) {
                ranked.points += points;
                ranked.reasons.push_back(
                    {rule->id, points, rule->reason, rule->sources, rule->disputed});
            }
            if (auto caution = rule->cautions.find(stack.id); caution != rule->cautions.end())
                ranked.cautions.push_back({rule->id, caution->second, rule->sources});
        }
        // Strongest reasons first; equal points keep the knowledge base's order.
        std::stable_sort(ranked.reasons.begin(), ranked.reasons.end(),
                         [](const Reason& a, const Reason& b) { return a.points > b.points; });
        if (!std::isfinite(ranked.points))
            throw DataError(fmt::format("the points for stack '{}' are not finite", stack.id));
        ranked.score = result.scale.scale(ranked.points);
        ranked.frameworks = suggest_frameworks(knowledge_base, stack.id, values);
        ranked.split = split_services(knowledge_base, stack, values);
        result.ranking.push_back(std::move(ranked));
    }
    // Ties keep the knowledge base's stack order (documented in docs/scoring.md).
    std::stable_sort(
        result.ranking.begin(), result.ranking.end(),
        [](const RankedStack& a, const RankedStack& b) { return a.points > b.points; });
    result.id = result.ranking.front().id;
    decide_confidence(knowledge_base, answers, options, result);
    result.summary = summarize(result);
    return result;
}

}  // namespace stackpick
