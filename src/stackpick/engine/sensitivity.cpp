#include "stackpick/engine/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "stackpick/engine/scorer.hpp"

namespace stackpick {

namespace {

/// How far past a threshold the re-scoring checks it: far above the nine decimals points are
/// settled to, far below any weight a person would type.
double step_past(double threshold) { return std::max(1e-6, std::abs(threshold) * 1e-9); }

/// The stacks in front of a recommendation: the pick, or every stack of an open tie.
std::vector<std::string> front_of(const Recommendation& recommendation) {
    if (!recommendation.open_between.empty()) return recommendation.open_between;
    return {recommendation.id};
}

/// The recommendation with one criterion at another weight.
Recommendation rescored(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers,
                        const ScoringOptions& options, const std::string& criterion,
                        double weight) {
    ScoringOptions changed = options;
    changed.weights[criterion] = weight;
    return recommend(knowledge_base, answers, changed);
}

/// Per criterion, the points each stack gets from its rules that hold, at weight 1 (rules resting
/// only on excluded sources count for nothing, whatever the weight).
std::map<std::string, std::vector<double>> unit_points(const KnowledgeBase& knowledge_base,
                                                       const ResolvedAnswers& answers,
                                                       const ScoringOptions& options) {
    std::map<std::string, std::vector<double>> per_criterion;
    for (const Rule& rule : knowledge_base.rules) {
        if (options.excludes_all(rule.sources)) continue;
        if (!condition_holds(rule.condition, answers.values, "rule", rule.id)) continue;
        auto& points = per_criterion[rule.criterion];
        points.resize(knowledge_base.stacks.size(), 0.0);
        for (std::size_t s = 0; s < knowledge_base.stacks.size(); ++s)
            points[s] += rule.points_for(knowledge_base.stacks[s].id);
    }
    return per_criterion;
}

std::size_t stack_index(const KnowledgeBase& knowledge_base, const std::string& id) {
    for (std::size_t s = 0; s < knowledge_base.stacks.size(); ++s)
        if (knowledge_base.stacks[s].id == id) return s;
    return knowledge_base.stacks.size();
}

/// The range of weights around the current one within which no ranked stack overtakes the pick
/// on points: d(w) = lead + (w - current) * slope for each rival. Empty when nothing moves.
std::optional<WeightSensitivity> weight_range(const KnowledgeBase& knowledge_base,
                                              const Recommendation& recommendation,
                                              const std::string& criterion, double current,
                                              const std::vector<double>& unit) {
    const std::size_t pick = stack_index(knowledge_base, recommendation.id);
    WeightSensitivity found;
    found.criterion = criterion;
    found.current = current;
    bool moves = false;
    for (const RankedStack& rival : recommendation.ranking) {
        if (rival.id == recommendation.id) continue;
        const double slope = unit[pick] - unit[stack_index(knowledge_base, rival.id)];
        if (slope == 0) continue;
        moves = true;
        const double lead = recommendation.ranking.front().points - rival.points;
        const double crossing = current - lead / slope;
        if (slope > 0)
            found.min = std::max(found.min, std::min(crossing, current));
        else
            found.max = std::min(found.max, std::max(crossing, current));
    }
    if (!moves) return std::nullopt;
    return found;
}

/// Sets the threshold nearest the current weight that re-scoring confirms: the pick holds just
/// inside it and another stack leads just past it.
void verify_threshold(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers,
                      const Recommendation& recommendation, WeightSensitivity& found) {
    std::vector<std::pair<double, double>> candidates;  ///< threshold, direction past it
    if (found.max < k_max_weight) candidates.emplace_back(found.max, 1.0);
    if (found.min > k_min_weight) candidates.emplace_back(found.min, -1.0);
    std::stable_sort(candidates.begin(), candidates.end(), [&](const auto& a, const auto& b) {
        return std::abs(a.first - found.current) < std::abs(b.first - found.current);
    });
    const auto& options = recommendation.options;
    const auto pick = front_of(recommendation);
    for (const auto& [threshold, direction] : candidates) {
        const double step = step_past(threshold);
        const double inside = threshold == found.current ? threshold : threshold - direction * step;
        const Recommendation past = rescored(knowledge_base, answers, options, found.criterion,
                                             threshold + direction * step);
        if (front_of(past) == pick) continue;
        if (front_of(rescored(knowledge_base, answers, options, found.criterion, inside)) != pick)
            continue;
        found.threshold = threshold;
        found.flips_to = past.id;
        return;
    }
}

}  // namespace

Sensitivity sensitivity(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers,
                        const Recommendation& recommendation) {
    Sensitivity result;
    if (!recommendation.open_between.empty() || recommendation.ranking.size() < 2) return result;
    const ScoringOptions& options = recommendation.options;
    for (const auto& [criterion, unit] : unit_points(knowledge_base, answers, options)) {
        const auto weight = options.weights.find(criterion);
        const double current = weight == options.weights.end() ? 1.0 : weight->second;
        auto found = weight_range(knowledge_base, recommendation, criterion, current, unit);
        if (!found) continue;
        verify_threshold(knowledge_base, answers, recommendation, *found);
        result.weights.push_back(std::move(*found));
    }
    // Nearest threshold first; criteria without one after them, in id order.
    std::stable_sort(result.weights.begin(), result.weights.end(),
                     [](const WeightSensitivity& a, const WeightSensitivity& b) {
                         if (a.threshold.has_value() != b.threshold.has_value())
                             return a.threshold.has_value();
                         if (!a.threshold) return false;
                         return std::abs(*a.threshold - a.current) <
                                std::abs(*b.threshold - b.current);
                     });

    const auto pick = front_of(recommendation);
    for (const auto& source : knowledge_base.facts.sources) {
        if (std::find(options.excluded_sources.begin(), options.excluded_sources.end(),
                      source.id) != options.excluded_sources.end())
            continue;
        ScoringOptions without = options;
        without.excluded_sources.push_back(source.id);
        // Leaving a source out only drops rules and constraints: some stack is still ranked.
        const Recommendation changed = recommend(knowledge_base, answers, without);
        result.sources.push_back({source.id, front_of(changed) == pick ? "" : changed.id});
    }
    return result;
}

}  // namespace stackpick
