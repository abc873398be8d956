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

namespace {

std::vector<FrameworkSuggestion> suggest_frameworks(const KnowledgeBase& knowledge_base,
                                                    const std::string& stack,
                                                    const nlohmann::json& answers) {
    std::vector<FrameworkSuggestion> suggestions;
    std::set<std::string> roles_filled;
    for (const auto& pick : knowledge_base.framework_picks) {
        if (pick.stack != stack || roles_filled.count(pick.role)) continue;
        if (!condition_holds(pick.condition, answers, "framework pick", pick.framework)) continue;
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
                condition_holds(service.condition, answers, "split service", service.service))
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
        ConfidenceReason only;
        only.kind = Kind::only_option;
        result.confidence_reasons.push_back(only);
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

namespace {

/// One stack as ranked: its points (summed by the scorer), the reasons and cautions of the rules
/// that fired, its frameworks and its split. `fired` holds positions in scorer.active_rules().
RankedStack ranked_stack(const Scorer& scorer, std::size_t s, double points,
                         const std::vector<std::size_t>& fired, const nlohmann::json& values) {
    const KnowledgeBase& knowledge_base = scorer.knowledge_base();
    const Stack& stack = knowledge_base.stacks[s];
    RankedStack ranked;
    ranked.id = stack.id;
    ranked.name = stack.name;
    std::vector<std::pair<double, std::size_t>> contributions;  ///< points, index in fired
    for (std::size_t f = 0; f < fired.size(); ++f) {
        const Rule& rule = knowledge_base.rules[scorer.active_rules()[fired[f]]];
        const double rule_points = scorer.points_of(fired[f])[s];
        if (rule_points != 0) contributions.emplace_back(rule_points, f);
        if (auto caution = rule.cautions.find(stack.id); caution != rule.cautions.end())
            ranked.cautions.push_back(
                {rule.id, caution->second.text, caution->second.sources, caution->second.quotes});
    }
    // Strongest reasons first; equal points keep the knowledge base's order. Sorted before the
    // reasons are built, so that the sort moves pairs instead of reasons.
    std::stable_sort(contributions.begin(), contributions.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    ranked.reasons.reserve(contributions.size());
    for (const auto& [rule_points, f] : contributions) {
        const Rule& rule = knowledge_base.rules[scorer.active_rules()[fired[f]]];
        ranked.reasons.push_back({rule.id, scorer.active_rules()[fired[f]], rule_points,
                                  rule.reason, rule.sources, rule.disputed, rule.quotes});
    }
    if (!std::isfinite(points))
        throw DataError(fmt::format("the points for stack '{}' are not finite", stack.id));
    ranked.points = settled_points(points);
    ranked.score = scorer.scale().scale(ranked.points);
    ranked.frameworks = suggest_frameworks(knowledge_base, stack.id, values);
    ranked.split = split_services(knowledge_base, stack, values);
    return ranked;
}

/// The stacks the ranking left out, with the constraint (or --rule-out) that removed each.
std::vector<RuledOut> ruled_out_of(const KnowledgeBase& knowledge_base,
                                   const PointsRanking& order) {
    std::vector<RuledOut> ruled_out;
    for (const auto& out : order.ruled_out) {
        RuledOut entry;
        entry.id = knowledge_base.stacks[out.stack].id;
        entry.by_user = out.constraint == nullptr;
        if (out.constraint) {
            entry.rule = out.constraint->id;
            entry.reason = out.constraint->reason;
            entry.sources = out.constraint->sources;
            entry.quotes = out.constraint->quotes;
        }
        ruled_out.push_back(std::move(entry));
    }
    return ruled_out;
}

/// The usage error for answers and options that leave no stack to rank: it names what ruled
/// out each one, so the user knows which constraint to drop.
UsageError all_ruled_out(const std::vector<RuledOut>& ruled_out) {
    std::vector<std::string> parts;
    for (const auto& out : ruled_out)
        parts.push_back(out.by_user ? fmt::format("{} by --rule-out {}", out.id, out.id)
                                    : fmt::format("{} by constraint '{}'", out.id, out.rule));
    std::string list;
    for (std::size_t i = 0; i < parts.size(); ++i)
        list += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
    return UsageError(fmt::format("every stack is ruled out: {}", list),
                      "drop a --rule-out, or change the answer a constraint reads");
}

/// Puts the stacks in the ranking's order, with the tie and the tie-breakers that applied.
void record_ranking(const KnowledgeBase& knowledge_base, const PointsRanking& order,
                    std::vector<RankedStack> unordered, Recommendation& result) {
    result.ruled_out = ruled_out_of(knowledge_base, order);
    if (order.order.empty()) throw all_ruled_out(result.ruled_out);
    result.ranking.reserve(unordered.size());
    for (const std::size_t s : order.order) result.ranking.push_back(std::move(unordered[s]));
    for (std::size_t i = 1; i < order.tied; ++i) result.tied_with.push_back(result.ranking[i].id);
    if (order.candidates > 1)
        for (std::size_t i = 0; i < order.candidates; ++i)
            result.open_between.push_back(result.ranking[i].id);
    for (const auto& step : order.tie_breakers) {
        const TieBreaker& breaker = knowledge_base.tie_breakers[step.tie_breaker];
        AppliedTieBreak applied{breaker.id, {}, breaker.reason, breaker.sources, breaker.quotes};
        for (const std::size_t kept : step.kept)
            applied.kept.push_back(knowledge_base.stacks[kept].id);
        result.tie_breaks.push_back(std::move(applied));
    }
    result.id = result.ranking.front().id;
}

}  // namespace

Recommendation recommend(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers,
                         const ScoringOptions& options) {
    return recommend(Scorer(knowledge_base, options), answers);
}

Recommendation recommend(const Scorer& scorer, const ResolvedAnswers& answers) {
    const KnowledgeBase& knowledge_base = scorer.knowledge_base();
    const ScoringOptions& options = scorer.options();
    Recommendation result;
    result.options = options;
    const nlohmann::json& values = answers.values;
    result.scale = scorer.scale();

    // A rule switched off by the options does not fire at all (its cautions go too).
    std::vector<double> points;
    std::vector<std::size_t> fired;
    scorer.sum(answer_slots(knowledge_base, values), points, &fired);
    result.outcomes.reserve(knowledge_base.rules.size());
    for (const auto& rule : knowledge_base.rules) result.outcomes.push_back({rule.id, false});
    for (const std::size_t f : fired) result.outcomes[scorer.active_rules()[f]].fired = true;

    std::vector<RankedStack> unordered;  ///< in knowledge-base order
    unordered.reserve(knowledge_base.stacks.size());
    for (std::size_t s = 0; s < knowledge_base.stacks.size(); ++s)
        unordered.push_back(ranked_stack(scorer, s, points[s], fired, values));
    // Ties at the top go to the tie-breakers (docs/scoring.md), never to the data's order alone.
    for (std::size_t s = 0; s < unordered.size(); ++s) points[s] = unordered[s].points;
    record_ranking(knowledge_base, scorer.rank(points, values), std::move(unordered), result);
    decide_confidence(knowledge_base, answers, options, result);
    return result;
}

}  // namespace stackpick
