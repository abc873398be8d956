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

/// Whether the condition holds; `kind` and `name` name its owner ("rule", "r1") in the error.
bool holds(const logic::Expression& condition, const nlohmann::json& answers, const char* kind,
           const std::string& name) {
    try {
        return logic::evaluate_truthy(condition, answers);
    } catch (const logic::RuleError& e) {
        throw DataError(fmt::format("{} '{}' failed to evaluate: {}", kind, name, e.what()));
    }
}

std::vector<FrameworkSuggestion> suggest_frameworks(const KnowledgeBase& knowledge_base,
                                                    const std::string& stack,
                                                    const nlohmann::json& answers) {
    std::vector<FrameworkSuggestion> suggestions;
    std::set<std::string> roles_filled;
    for (const auto& pick : knowledge_base.framework_picks) {
        if (pick.stack != stack || roles_filled.count(pick.role)) continue;
        if (!holds(pick.condition, answers, "framework pick", pick.framework)) continue;
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
                holds(service.condition, answers, "split service", service.service))
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

    // How much of the lead rests on claims the sources dispute. recommend() records the outcomes
    // in knowledge-base order, one per rule.
    double disputed_lead = 0;
    for (std::size_t i = 0; i < knowledge_base.rules.size(); ++i) {
        const Rule& rule = knowledge_base.rules[i];
        if (!rule.disputed) continue;
        if (i < result.outcomes.size() && result.outcomes[i].fired)
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
    result.options = options;
    const nlohmann::json& values = answers.values;
    const auto& stacks = knowledge_base.stacks;
    const std::size_t stack_count = stacks.size();

    // One pass over the rules: each rule's points at its factor, summed by sign into the scale
    // (score_scale(), in the same order) and kept for the rules that fire, so that the stacks
    // below visit only those.
    std::vector<double> lowest(stack_count, 0.0), highest(stack_count, 0.0);
    std::vector<double> rule_points(stack_count);
    std::vector<const Rule*> fired;
    std::vector<double> fired_points;  ///< fired.size() x stack_count, rule-major
    result.outcomes.reserve(knowledge_base.rules.size());
    for (const auto& rule : knowledge_base.rules) {
        const double factor = options.factor(rule);
        std::fill(rule_points.begin(), rule_points.end(), 0.0);
        if (std::isfinite(factor)) {
            // A stack the rule gives no points adds 0 * factor = +-0, which changes no sum.
            for (const auto& [stack, points] : rule.points)
                for (std::size_t s = 0; s < stack_count; ++s)
                    if (stacks[s].id == stack) {
                        rule_points[s] = points * factor;
                        (rule_points[s] < 0 ? lowest[s] : highest[s]) += rule_points[s];
                    }
        } else {
            for (std::size_t s = 0; s < stack_count; ++s) {
                rule_points[s] = rule.points_for(stacks[s].id) * factor;
                (rule_points[s] < 0 ? lowest[s] : highest[s]) += rule_points[s];
            }
        }
        // A rule switched off by the options does not fire at all (its cautions go too).
        const bool did_fire = factor != 0 && holds(rule.condition, values, "rule", rule.id);
        result.outcomes.push_back({rule.id, did_fire});
        if (did_fire) {
            fired.push_back(&rule);
            fired_points.insert(fired_points.end(), rule_points.begin(), rule_points.end());
        }
    }
    for (std::size_t s = 0; s < stack_count; ++s) {
        result.scale.lowest = std::min(result.scale.lowest, lowest[s]);
        result.scale.highest = std::max(result.scale.highest, highest[s]);
    }

    result.ranking.reserve(stack_count);
    std::vector<std::pair<double, std::size_t>> contributions;  ///< points, index in fired
    for (std::size_t s = 0; s < stack_count; ++s) {
        const Stack& stack = stacks[s];
        RankedStack ranked;
        ranked.id = stack.id;
        ranked.name = stack.name;
        contributions.clear();
        for (std::size_t f = 0; f < fired.size(); ++f) {
            const Rule& rule = *fired[f];
            const double points = fired_points[f * stack_count + s];
            if (points != 0) {
                ranked.points += points;
                contributions.emplace_back(points, f);
            }
            if (auto caution = rule.cautions.find(stack.id); caution != rule.cautions.end())
                ranked.cautions.push_back({rule.id, caution->second, rule.sources});
        }
        // Strongest reasons first; equal points keep the knowledge base's order. Sorted before
        // the reasons are built, so that the sort moves pairs instead of reasons.
        std::stable_sort(contributions.begin(), contributions.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        ranked.reasons.reserve(contributions.size());
        for (const auto& [points, f] : contributions) {
            const Rule& rule = *fired[f];
            ranked.reasons.push_back({rule.id, points, rule.reason, rule.sources, rule.disputed});
        }
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
