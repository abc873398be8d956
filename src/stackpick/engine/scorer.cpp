#include "stackpick/engine/scorer.hpp"

#include <algorithm>
#include <cmath>
#include <span>

#include <fmt/format.h>

namespace stackpick {

double round_to_tenth(double value) {
    const double rounded = std::round(value * 10.0) / 10.0;
    return rounded == 0.0 ? 0.0 : rounded;  // never "-0"
}

double ScoreScale::scale(double points) const {
    if (highest <= lowest) return 50.0;
    return round_to_tenth(100.0 * (points - lowest) / (highest - lowest));
}

bool ScoringOptions::excludes_all(std::span<const std::string> sources) const {
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

DataError evaluation_error(const char* kind, const std::string& name,
                           const logic::RuleError& error) {
    return DataError(fmt::format("{} '{}' failed to evaluate: {}", kind, name, error.what()));
}

namespace {

/// condition_holds() over answers as JSON or laid out in slots.
template <class Answers>
bool holds(const logic::Expression& condition, const Answers& answers, const char* kind,
           const std::string& name) {
    try {
        return logic::evaluate_truthy(condition, answers);
    } catch (const logic::RuleError& e) {
        throw evaluation_error(kind, name, e);
    }
}

}  // namespace

bool condition_holds(const logic::Expression& condition, const nlohmann::json& answers,
                     const char* kind, const std::string& name) {
    return holds(condition, answers, kind, name);
}

bool condition_holds(const logic::Expression& condition, const logic::SlotData& answers,
                     const char* kind, const std::string& name) {
    return holds(condition, answers, kind, name);
}

logic::SlotData answer_slots(const KnowledgeBase& knowledge_base, const nlohmann::json& answers) {
    static const auto no_slots =
        std::make_shared<const logic::SlotLayout>(std::vector<std::string>{});
    return {knowledge_base.answer_slots ? knowledge_base.answer_slots : no_slots, answers};
}

Scorer::Scorer(const KnowledgeBase& knowledge_base, const ScoringOptions& options)
    : m_knowledge_base(knowledge_base),
      m_options(options),
      m_stack_count(knowledge_base.stacks.size()) {
    const auto& stacks = knowledge_base.stacks;
    std::vector<double> lowest(m_stack_count, 0.0), highest(m_stack_count, 0.0);
    for (std::size_t r = 0; r < knowledge_base.rules.size(); ++r) {
        const Rule& rule = knowledge_base.rules[r];
        const double factor = options.factor(rule);
        if (factor == 0) continue;  // switched off: never fires, and moves no scale
        m_active.push_back(r);
        const std::size_t first = m_points.size();
        m_points.resize(first + m_stack_count, 0.0);
        double* points = m_points.data() + first;
        if (std::isfinite(factor)) {
            // A stack the rule gives no points gets 0 * factor = +-0, which changes no sum.
            for (const auto& [stack, value] : rule.points)
                for (std::size_t s = 0; s < m_stack_count; ++s)
                    if (stacks[s].id == stack) points[s] = value * factor;
        } else {
            for (std::size_t s = 0; s < m_stack_count; ++s)
                points[s] = rule.points_for(stacks[s].id) * factor;
        }
        for (std::size_t s = 0; s < m_stack_count; ++s)
            (points[s] < 0 ? lowest[s] : highest[s]) += points[s];
    }
    for (std::size_t s = 0; s < m_stack_count; ++s) {
        m_scale.lowest = std::min(m_scale.lowest, lowest[s]);
        m_scale.highest = std::max(m_scale.highest, highest[s]);
    }
}

const logic::ConditionSet* Scorer::condition_set() const {
    // Written once only: batch's jobs call this for every line, and after the first call they
    // only read (call_once too, once done).
    if (!m_summed.load(std::memory_order_relaxed) &&
        !m_summed.exchange(true, std::memory_order_relaxed))
        return nullptr;
    std::call_once(m_conditions_made, [&] {
        std::vector<logic::Expression> conditions;
        conditions.reserve(m_active.size());
        for (const std::size_t r : m_active)
            conditions.push_back(m_knowledge_base.rules[r].condition);
        m_conditions = logic::ConditionSet(std::move(conditions));
    });
    return &m_conditions;
}

void Scorer::evaluate_conditions(const logic::SlotData& answers,
                                 std::vector<std::uint8_t>& held) const {
    if (const logic::ConditionSet* set = condition_set()) {
        try {
            set->evaluate(answers, held);
            return;
        } catch (const logic::RuleError&) {
            // Below, in order: the first rule that fails is the one reported.
        }
    }
    const auto& rules = m_knowledge_base.rules;
    held.resize(m_active.size());
    for (std::size_t a = 0; a < m_active.size(); ++a) {
        const Rule& rule = rules[m_active[a]];
        held[a] = condition_holds(rule.condition, answers, "rule", rule.id) ? 1 : 0;
    }
}

void Scorer::sum(const nlohmann::json& answers, std::vector<double>& points,
                 std::vector<std::size_t>* fired) const {
    sum(answer_slots(m_knowledge_base, answers), points, fired);
}

void Scorer::sum(const logic::SlotData& answers, std::vector<double>& points,
                 std::vector<std::size_t>* fired) const {
    std::vector<std::uint8_t> held;
    evaluate_conditions(answers, held);
    points.assign(m_stack_count, 0.0);
    for (std::size_t a = 0; a < m_active.size(); ++a) {
        if (held[a] == 0) continue;
        if (fired != nullptr) fired->push_back(a);
        // Rules in knowledge-base order, zeros skipped: every caller gets the same sums.
        const double* rule_points = points_of(a);
        for (std::size_t s = 0; s < m_stack_count; ++s)
            if (rule_points[s] != 0) points[s] += rule_points[s];
    }
}

ScoreScale score_scale(const KnowledgeBase& knowledge_base, const ScoringOptions& options) {
    return Scorer(knowledge_base, options).scale();
}

double settled_points(double points) {
    const double settled = std::round(points * 1e9) / 1e9;
    return settled == 0.0 ? 0.0 : settled;  // never "-0"
}

bool constraint_consulted(const Constraint& constraint, const ScoringOptions& options) {
    return !options.excludes_all(constraint.sources);
}

std::vector<RuledOutStack> ruled_out_stacks(const KnowledgeBase& knowledge_base,
                                            const nlohmann::json& answers,
                                            const ScoringOptions& options) {
    const auto& stacks = knowledge_base.stacks;
    std::vector<const Constraint*> by(stacks.size(), nullptr);
    std::vector<bool> out(stacks.size(), false);
    for (const Constraint& constraint : knowledge_base.constraints) {
        if (!constraint_consulted(constraint, options)) continue;
        if (!condition_holds(constraint.condition, answers, "constraint", constraint.id)) continue;
        for (std::size_t s = 0; s < stacks.size(); ++s)
            if (!out[s] && std::find(constraint.excludes.begin(), constraint.excludes.end(),
                                     stacks[s].id) != constraint.excludes.end()) {
                out[s] = true;
                by[s] = &constraint;
            }
    }
    for (std::size_t s = 0; s < stacks.size(); ++s)
        if (std::find(options.ruled_out.begin(), options.ruled_out.end(), stacks[s].id) !=
            options.ruled_out.end())
            out[s] = true;
    std::vector<RuledOutStack> ruled_out;
    for (std::size_t s = 0; s < stacks.size(); ++s)
        if (out[s]) ruled_out.push_back({s, by[s]});
    return ruled_out;
}

PointsRanking rank_on_points(const KnowledgeBase& knowledge_base,
                             const std::vector<double>& raw_points, const nlohmann::json& answers,
                             const ScoringOptions& options) {
    std::vector<double> points(raw_points.size());
    std::transform(raw_points.begin(), raw_points.end(), points.begin(), settled_points);
    PointsRanking ranking;
    // A ruled-out stack is not ranked at all: no points, however many, bring it back.
    if (!knowledge_base.constraints.empty() || !options.ruled_out.empty())
        ranking.ruled_out = ruled_out_stacks(knowledge_base, answers, options);
    std::vector<bool> excluded(points.size(), false);
    for (const auto& out : ranking.ruled_out)
        if (out.stack < excluded.size()) excluded[out.stack] = true;
    for (std::size_t s = 0; s < points.size(); ++s)
        if (!excluded[s]) ranking.order.push_back(s);
    std::stable_sort(ranking.order.begin(), ranking.order.end(),
                     [&](std::size_t a, std::size_t b) { return points[a] > points[b]; });
    if (ranking.order.empty()) {
        ranking.tied = ranking.candidates = 0;
        return ranking;
    }
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
        if (!condition_holds(breaker.condition, answers, "tie-breaker", breaker.id)) continue;
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

}  // namespace stackpick
