// Break-even and capacity: the sections that compare the stacks' figures.

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "estimates_parts.hpp"
#include "stackpick/engine/estimates.hpp"

namespace stackpick::estimates_detail {

namespace {

// ---- Break-even ----------------------------------------------------------------------------

struct BreakEvenResult {
    std::optional<double> months;
    std::string cheaper_to_build;
    std::string cheaper_to_host;
    EstimateReason reason;
};

struct StackTotals {
    std::string stack;
    double development = 0;
    double monthly_hosting = 0;
};

/// When the stack cheaper to build has cost as much as the other: development counts in full
/// from month 0 and hosting accrues every month from then on (assumption break-even-model).
BreakEvenResult break_even_between(const StackTotals& a, const StackTotals& b) {
    BreakEvenResult result;
    if (a.monthly_hosting < b.monthly_hosting) result.cheaper_to_host = a.stack;
    if (b.monthly_hosting < a.monthly_hosting) result.cheaper_to_host = b.stack;
    if (!(a.development < b.development) && !(b.development < a.development)) {
        result.reason =
            result.cheaper_to_host.empty()
                ? reason(EstimateReasonKind::same_cost)
                : reason(EstimateReasonKind::same_development, {result.cheaper_to_host});
        return result;
    }
    const StackTotals& builder = a.development < b.development ? a : b;
    const StackTotals& other = a.development < b.development ? b : a;
    result.cheaper_to_build = builder.stack;
    if (!(builder.monthly_hosting > other.monthly_hosting)) {
        result.reason = reason(builder.monthly_hosting < other.monthly_hosting
                                   ? EstimateReasonKind::cheaper_to_build_and_host
                                   : EstimateReasonKind::same_hosting,
                               {builder.stack, other.stack});
        return result;
    }
    result.months = (other.development - builder.development) /
                    (builder.monthly_hosting - other.monthly_hosting);
    return result;
}

/// Whether a computed break-even agrees with a stated one (assumption break-even-claim).
bool agrees(const Figure& claim, double months) {
    switch (claim.qualifier) {
        case Qualifier::approx:
            return months >= claim.value.min * (1 - k_break_even_claim_tolerance) &&
                   months <= claim.value.max * (1 + k_break_even_claim_tolerance);
        case Qualifier::at_least:
            return months >= claim.value.min;
        case Qualifier::below:
            return months < claim.value.max;
        case Qualifier::exact:
            return ceil_whole(months) >= claim.value.min && ceil_whole(months) <= claim.value.max;
    }
    return false;
}

/// Every combination of the ranges' ends: with ranges that overlap, the figures may not say
/// which stack ends up cheaper, let alone when.
void break_even_range(const Stack& first, const Stack& second, const Estimates& estimates,
                      BreakEven& break_even) {
    const Range a_development = estimates.cost.at(first.id).development_usd_range;
    const Range b_development = estimates.cost.at(second.id).development_usd_range;
    const Range a_hosting = estimates.hosting.at(first.id).monthly_usd_range;
    const Range b_hosting = estimates.hosting.at(second.id).monthly_usd_range;
    BreakEven::Span span;
    bool some_never = false, some_month = false, builders_differ = false;
    std::optional<std::string> builder;
    for (const double a_build : {a_development.min, a_development.max})
        for (const double b_build : {b_development.min, b_development.max})
            for (const double a_monthly : {a_hosting.min, a_hosting.max})
                for (const double b_monthly : {b_hosting.min, b_hosting.max}) {
                    const BreakEvenResult corner = break_even_between(
                        {first.id, a_build, a_monthly}, {second.id, b_build, b_monthly});
                    if (!builder) builder = corner.cheaper_to_build;
                    builders_differ = builders_differ || *builder != corner.cheaper_to_build;
                    if (!corner.months || *corner.months > k_break_even_horizon_months) {
                        some_never = true;
                        continue;
                    }
                    some_month = true;
                    const double month = ceil_whole(*corner.months);
                    span.min = std::min(span.min.value_or(month), month);
                    span.max = std::max(span.max.value_or(month), month);
                }
    if (some_never) span.max.reset();
    break_even.range = span;
    break_even.builder_varies = builders_differ;
    break_even.determined = !builders_differ && !(some_never && some_month);
}

/// The break-even of the first two single stacks at the expected costs, and its range.
void break_even_of(const Stack& first, const Stack& second, Estimates& estimates) {
    BreakEven& break_even = estimates.break_even;
    const auto totals = [&](const Stack& stack) {
        return StackTotals{stack.id, estimates.cost.at(stack.id).development_usd,
                           estimates.hosting.at(stack.id).monthly_usd};
    };
    const BreakEvenResult result = break_even_between(totals(first), totals(second));
    break_even.exact_months = result.months;
    break_even.cheaper_to_build = result.cheaper_to_build;
    break_even.cheaper_to_host = result.cheaper_to_host;
    break_even.reason = result.reason;
    if (result.months && *result.months > k_break_even_horizon_months) {
        break_even.reason = reason(EstimateReasonKind::beyond_horizon);
        break_even.reason.months = ceil_whole(*result.months);
    } else if (result.months) {
        estimates.break_even_month = ceil_whole(*result.months);
    }
    break_even_range(first, second, estimates, break_even);
}

/// A source's break-even claim, checked against the break-even of the same example's figures.
BreakEvenClaim check_claim(const Figure& figure, const std::vector<const Stack*>& singles,
                           const Facts& facts, Recorder& recorder) {
    constexpr std::string_view k_claim = "break-even";
    recorder.use(figure);
    BreakEvenClaim claim{.figure = figure.id,
                         .metric = figure.metric,
                         .value = figure.value,
                         .qualifier = figure.qualifier,
                         .conditions = figure.conditions,
                         .computed_months = std::nullopt,
                         .contradicted = false,
                         .contradicted_in_knowledge_base = false,
                         .note = {},
                         .sources = figure.sources};
    const std::string prefix = figure.id.substr(0, figure.id.size() - k_claim.size());
    std::vector<StackTotals> totals;
    for (const Stack* stack : singles) {
        const Figure* development = facts.find_figure(prefix + "development." + stack->id);
        const Figure* hosting = facts.find_figure(prefix + "hosting-monthly." + stack->id);
        if (!development || !hosting || development->value.unit != "usd" ||
            hosting->value.unit != "usd/month")
            continue;
        recorder.use(*development);
        recorder.use(*hosting);
        totals.push_back({stack->id, development->value.mid(), hosting->value.mid()});
    }
    if (totals.size() >= 2) claim.computed_months = break_even_between(totals[0], totals[1]).months;
    const bool disagrees = claim.computed_months && !agrees(figure, *claim.computed_months);
    claim.contradicted = figure.contradicted.has_value() || disagrees;
    if (figure.contradicted) {
        claim.contradicted_in_knowledge_base = true;
        claim.note = figure.contradicted->note;
    }
    return claim;
}

bool is_break_even_claim(const Figure& figure) {
    constexpr std::string_view k_claim = "break-even";
    const std::string& id = figure.id;
    return id.size() > k_claim.size() &&
           id.compare(id.size() - k_claim.size(), k_claim.size(), k_claim) == 0 &&
           figure.value.unit == "months";
}

// ---- Capacity ------------------------------------------------------------------------------

const std::string k_case_prefix = "case.collaboration-saas.";

/// Memory: instances x the sources' memory per process, when there is such a figure.
void add_memory(const std::string& stack, Recorder& recorder, CapacityEstimate& capacity) {
    if (const Figure* memory = recorder.optional("memory.process." + stack, "MB")) {
        capacity.memory_mb = Range{capacity.instances_range.min * memory->value.min,
                                   capacity.instances_range.max * memory->value.max};
        recorder.assume({AssumptionId::capacity_memory, {}});
    }
}

/// Instances from a sourced users-per-instance figure.
CapacityEstimate sourced_capacity(const Stack& stack, const Figure& per_instance, double users,
                                  const Facts& facts, Recorder& recorder) {
    CapacityEstimate capacity;
    capacity.users_per_instance = range_of(per_instance.value);
    capacity.instances = ceil_whole(users / per_instance.value.mid());
    capacity.instances_range = {ceil_whole(users / per_instance.value.max),
                                ceil_whole(users / per_instance.value.min)};
    capacity.derivation.users = users;
    capacity.derivation.per_instance = per_instance.value;
    const Figure* case_users = facts.find_figure(k_case_prefix + "concurrent-users." + stack.id);
    const Figure* case_instances = facts.find_figure(k_case_prefix + "instances." + stack.id);
    if (case_users && case_instances) {
        capacity.derivation.case_users = case_users->value;
        capacity.derivation.case_instances = case_instances->value;
    }
    capacity.sources = per_instance.sources;
    add_memory(stack.id, recorder, capacity);
    return capacity;
}

/// Instances for a stack without a figure: the reference stack's users per instance divided by
/// the concurrency advantage.
CapacityEstimate estimated_capacity(const Stack& stack, const Stack& reference,
                                    const Figure& advantage, double users, Estimates& estimates,
                                    Recorder& recorder) {
    const CapacityEstimate& known = estimates.capacity.at(reference.id);
    const double per_instance = middle(known.users_per_instance);
    const Range factor = range_of(advantage.value);
    CapacityEstimate capacity;
    capacity.estimated = true;
    capacity.users_per_instance = {per_instance / factor.max, per_instance / factor.min};
    capacity.instances = ceil_whole(users * middle(factor) / per_instance);
    capacity.instances_range = {ceil_whole(users * factor.min / per_instance),
                                ceil_whole(users * factor.max / per_instance)};
    capacity.derivation.users = users;
    capacity.derivation.reference = reference.id;
    capacity.derivation.reference_per_instance = per_instance;
    capacity.derivation.advantage = advantage.value;
    capacity.sources = known.sources;
    for (const auto& source : advantage.sources)
        if (std::find(capacity.sources.begin(), capacity.sources.end(), source) ==
            capacity.sources.end())
            capacity.sources.push_back(source);
    add_memory(stack.id, recorder, capacity);
    recorder.assume({AssumptionId::capacity_estimate,
                     assumed::CapacityEstimated{stack.id, reference.id, advantage.value}});
    return capacity;
}

/// Another figure (connections on one process) that implies a different number of instances.
void check_disagreement(const Stack& stack, double users, Recorder& recorder,
                        Estimates& estimates) {
    const Figure* single = recorder.optional("concurrency.connections." + stack.id, "connections");
    if (!single || !(single->value.min > 0)) return;
    CapacityDisagreement disagreement;
    disagreement.figure = single->id;
    disagreement.stack = stack.id;
    disagreement.value = single->value;
    disagreement.qualifier = single->qualifier;
    disagreement.conditions = single->conditions;
    disagreement.users = users;
    disagreement.instances = ceil_whole(users / single->value.min);
    disagreement.estimated_instances = estimates.capacity.at(stack.id).instances;
    disagreement.sources = single->sources;
    estimates.capacity_disagreements.push_back(std::move(disagreement));
}

}  // namespace

void estimate_break_even(const KnowledgeBase& knowledge_base, Estimates& estimates) {
    const Facts& facts = knowledge_base.facts;
    BreakEven& break_even = estimates.break_even;
    const auto singles = single_stacks(knowledge_base);
    Recorder recorder(facts, break_even.basis);
    recorder.assume({AssumptionId::break_even_model, {}});
    recorder.assume({AssumptionId::break_even_horizon, {}});
    // The first two single stacks whose figures give a cost: a stack the figures do not cover
    // leaves the others' break-even as it is.
    std::vector<const Stack*> priced;
    for (const Stack* stack : singles)
        if (estimates.cost.count(stack->id)) priced.push_back(stack);
    if (!estimates.cost_reason.empty() && singles.size() >= 2) {
        break_even.reason = reason(EstimateReasonKind::no_cost);
        break_even.determined = false;
    } else if (priced.size() < 2) {
        break_even.reason = reason(EstimateReasonKind::needs_two_stacks);
        break_even.determined = false;
    } else {
        // What the single stacks' costs and their ranges rest on: not the hybrid's.
        merge_basis(break_even.basis, estimates.cost_basis, facts, {"case.", "saving.", "hybrid-"});
        break_even_of(*priced[0], *priced[1], estimates);
        recorder.assume({AssumptionId::break_even_range, {}});
    }
    // What the sources claim, checked against the same source's own figures.
    for (const Figure& figure : facts.figures)
        if (is_break_even_claim(figure))
            estimates.break_even_claims.push_back(check_claim(figure, singles, facts, recorder));
    if (!estimates.break_even_claims.empty()) recorder.assume({AssumptionId::break_even_claim, {}});
}

void estimate_capacity(const KnowledgeBase& knowledge_base, Estimates& estimates) {
    const auto users = estimates.inputs.concurrent_users;
    if (!users) {
        estimates.capacity_reason = reason(EstimateReasonKind::needs_inputs);
        estimates.capacity_reason.inputs = {EstimateInput::concurrent_users};
        return;
    }
    Recorder recorder(knowledge_base.facts, estimates.capacity_basis);
    const auto singles = single_stacks(knowledge_base);
    // Stacks with a sourced figure for the users one instance serves.
    const Stack* reference = nullptr;
    for (const Stack* stack : singles) {
        const Figure* per_instance =
            recorder.optional(k_case_prefix + "users-per-instance." + stack->id, "users");
        if (!per_instance || !(per_instance->value.min > 0)) continue;
        if (!reference) reference = stack;
        estimates.capacity[stack->id] =
            sourced_capacity(*stack, *per_instance, *users, knowledge_base.facts, recorder);
        check_disagreement(*stack, *users, recorder, estimates);
    }
    // Stacks without one: estimated from the reference stack and the concurrency advantage.
    const Figure* advantage =
        reference ? recorder.optional("advantage.io-concurrency", "multiplier") : nullptr;
    for (const Stack* stack : singles) {
        if (estimates.capacity.count(stack->id)) continue;
        if (!advantage || !(advantage->value.min > 0))
            estimates.capacity_reasons[stack->id] =
                reason(EstimateReasonKind::no_users_per_instance, {stack->id});
        else
            estimates.capacity[stack->id] =
                estimated_capacity(*stack, *reference, *advantage, *users, estimates, recorder);
    }
    for (const Stack* stack : combined_stacks(knowledge_base))
        estimates.capacity_reasons[stack->id] = reason(EstimateReasonKind::hybrid_capacity);
    recorder.assume({AssumptionId::capacity_round_up, {}});
}

}  // namespace stackpick::estimates_detail
