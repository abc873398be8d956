#include "stackpick/engine/engine.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "stackpick/util/error.hpp"

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

bool ScoringOptions::excludes_all(const std::vector<std::string>& sources) const {
    return !excluded_sources.empty() && !sources.empty() &&
           std::all_of(sources.begin(), sources.end(), [&](const std::string& source) {
               return std::find(excluded_sources.begin(), excluded_sources.end(), source) !=
                      excluded_sources.end();
           });
}

double ScoringOptions::factor(const Rule& rule) const {
    if (excludes_all(rule.sources)) return 0;
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
        FrameworkSuggestion suggestion{pick.framework, pick.framework, pick.role,
                                       pick.why,       pick.sources,   pick.quotes};
        for (const auto& framework : knowledge_base.facts.frameworks)
            if (framework.id == pick.framework) suggestion.name = framework.name;
        for (const auto& library : knowledge_base.facts.libraries)
            if (library.id == pick.framework) suggestion.name = library.name;
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

}  // namespace

double disputed_lead(const KnowledgeBase& knowledge_base, const Recommendation& recommendation,
                     const ScoringOptions& options) {
    if (recommendation.ranking.size() < 2) return 0;
    const auto& first = recommendation.ranking[0];
    const auto& second = recommendation.ranking[1];
    double disputed = 0;
    for (std::size_t i = 0; i < knowledge_base.rules.size(); ++i) {
        const Rule& rule = knowledge_base.rules[i];
        if (!rule.disputed || i >= recommendation.outcomes.size() ||
            !recommendation.outcomes[i].fired)
            continue;
        disputed += std::max(
            0.0, (rule.points_for(first.id) - rule.points_for(second.id)) * options.factor(rule));
    }
    return disputed;
}

namespace {

/// Lowers a confidence level by one step.
Confidence lower(Confidence confidence) {
    return confidence == Confidence::high ? Confidence::medium : Confidence::low;
}

void decide_confidence(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers,
                       const ScoringOptions& options, Recommendation& result) {
    using Kind = ConfidenceReason::Kind;
    const auto& settings = knowledge_base.confidence;
    if (result.ranking.size() < 2) {
        result.confidence = Confidence::high;
        return;
    }
    const auto& first = result.ranking[0];
    const auto& second = result.ranking[1];
    result.margin = round_to_tenth(first.score - second.score);
    auto& reasons = result.confidence_reasons;
    if (!result.tied_with.empty()) {
        // Equal points are a tie whatever breaks it: the evidence does not separate them.
        result.confidence = Confidence::low;
        ConfidenceReason tie;
        tie.kind = result.open_between.empty() ? Kind::tie_decided : Kind::tie_open;
        tie.stacks = result.open_between.empty() ? result.tied_with : result.open_between;
        reasons.push_back(std::move(tie));
        return;
    }
    ConfidenceReason margin;
    margin.margin = result.margin;
    if (result.margin >= settings.high_margin) {
        result.confidence = Confidence::high;
        margin.kind = Kind::margin_high;
        margin.at_least = settings.high_margin;
    } else if (result.margin >= settings.medium_margin) {
        result.confidence = Confidence::medium;
        margin.kind = Kind::margin_medium;
        margin.at_least = settings.medium_margin;
        margin.below = settings.high_margin;
    } else {
        result.confidence = Confidence::low;
        margin.kind = Kind::margin_low;
        margin.below = settings.medium_margin;
    }
    reasons.push_back(margin);

    const std::size_t answered = knowledge_base.questions.size() - answers.assumed.size();
    if (result.confidence == Confidence::high && answered < settings.min_answers_for_high) {
        result.confidence = Confidence::medium;
        ConfidenceReason few;
        few.kind = Kind::few_answers;
        few.answered = answered;
        few.questions = knowledge_base.questions.size();
        few.needed = settings.min_answers_for_high;
        reasons.push_back(few);
    }

    // How much of the lead rests on claims the sources dispute. recommend() records the outcomes
    // in knowledge-base order, one per rule.
    const double disputed_points = disputed_lead(knowledge_base, result, options);
    const double lead = first.points - second.points;
    if (lead > 0 && disputed_points > settings.disputed_share * lead &&
        result.confidence != Confidence::low) {
        result.confidence = lower(result.confidence);
        ConfidenceReason disputed;
        disputed.kind = Kind::disputed_lead;
        disputed.disputed = disputed_points;
        disputed.lead = lead;
        disputed.limit = settings.disputed_share * lead;
        reasons.push_back(disputed);
    }
}

}  // namespace

double settled_points(double points) {
    const double settled = std::round(points * 1e9) / 1e9;
    return settled == 0.0 ? 0.0 : settled;  // never "-0"
}

PointsRanking rank_on_points(const KnowledgeBase& knowledge_base,
                             const std::vector<double>& raw_points, const nlohmann::json& answers,
                             const ScoringOptions& options) {
    std::vector<double> points(raw_points.size());
    std::transform(raw_points.begin(), raw_points.end(), points.begin(), settled_points);
    PointsRanking ranking;
    ranking.order.resize(points.size());
    for (std::size_t s = 0; s < points.size(); ++s) ranking.order[s] = s;
    std::stable_sort(ranking.order.begin(), ranking.order.end(),
                     [&](std::size_t a, std::size_t b) { return points[a] > points[b]; });
    if (points.empty()) return ranking;
    const double top = points[ranking.order.front()];
    while (ranking.tied < ranking.order.size() && points[ranking.order[ranking.tied]] == top)
        ++ranking.tied;
    if (ranking.tied < 2) return ranking;

    // Each tie-breaker that applies splits the stacks still in front into those it favours,
    // which stay in front, and the rest, which move behind them (ahead of those moved before).
    std::vector<std::size_t> front(
        ranking.order.begin(), ranking.order.begin() + static_cast<std::ptrdiff_t>(ranking.tied));
    std::vector<std::vector<std::size_t>> moved_behind;
    const auto& breakers = knowledge_base.tie_breakers;
    for (std::size_t b = 0; b < breakers.size() && front.size() > 1; ++b) {
        const TieBreaker& breaker = breakers[b];
        std::vector<std::size_t> kept, rest;
        for (const std::size_t s : front) {
            const bool favoured = std::find(breaker.favours.begin(), breaker.favours.end(),
                                            knowledge_base.stacks[s].id) != breaker.favours.end();
            (favoured ? kept : rest).push_back(s);
        }
        if (kept.empty() || rest.empty()) continue;           // it cannot tell these stacks apart
        if (options.excludes_all(breaker.sources)) continue;  // the user left its sources out
        if (!holds(breaker.condition, answers, "tie-breaker", breaker.id)) continue;
        ranking.tie_breakers.push_back({b, kept});
        moved_behind.push_back(std::move(rest));
        front = std::move(kept);
    }
    ranking.candidates = front.size();
    std::size_t position = 0;
    for (const std::size_t s : front) ranking.order[position++] = s;
    for (auto group = moved_behind.rbegin(); group != moved_behind.rend(); ++group)
        for (const std::size_t s : *group) ranking.order[position++] = s;
    return ranking;
}

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

    std::vector<RankedStack> unordered;  ///< in knowledge-base order
    unordered.reserve(stack_count);
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
                ranked.cautions.push_back({rule.id, caution->second.text, caution->second.sources,
                                           caution->second.quotes});
        }
        // Strongest reasons first; equal points keep the knowledge base's order. Sorted before
        // the reasons are built, so that the sort moves pairs instead of reasons.
        std::stable_sort(contributions.begin(), contributions.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        ranked.reasons.reserve(contributions.size());
        for (const auto& [points, f] : contributions) {
            const Rule& rule = *fired[f];
            ranked.reasons.push_back(
                {rule.id, points, rule.reason, rule.sources, rule.disputed, rule.quotes});
        }
        if (!std::isfinite(ranked.points))
            throw DataError(fmt::format("the points for stack '{}' are not finite", stack.id));
        ranked.points = settled_points(ranked.points);
        ranked.score = result.scale.scale(ranked.points);
        ranked.frameworks = suggest_frameworks(knowledge_base, stack.id, values);
        ranked.split = split_services(knowledge_base, stack, values);
        unordered.push_back(std::move(ranked));
    }
    // Ties at the top go to the tie-breakers (docs/scoring.md), never to the data's order alone.
    std::vector<double> points(stack_count);
    for (std::size_t s = 0; s < stack_count; ++s) points[s] = unordered[s].points;
    const PointsRanking order = rank_on_points(knowledge_base, points, values, options);
    for (const std::size_t s : order.order) result.ranking.push_back(std::move(unordered[s]));
    for (std::size_t i = 1; i < order.tied; ++i) result.tied_with.push_back(result.ranking[i].id);
    if (order.candidates > 1)
        for (std::size_t i = 0; i < order.candidates; ++i)
            result.open_between.push_back(result.ranking[i].id);
    for (const auto& step : order.tie_breakers) {
        const TieBreaker& breaker = knowledge_base.tie_breakers[step.tie_breaker];
        AppliedTieBreak applied{breaker.id, {}, breaker.reason, breaker.sources, breaker.quotes};
        for (const std::size_t kept : step.kept) applied.kept.push_back(stacks[kept].id);
        result.tie_breaks.push_back(std::move(applied));
    }
    result.id = result.ranking.front().id;
    decide_confidence(knowledge_base, answers, options, result);
    return result;
}

}  // namespace stackpick
