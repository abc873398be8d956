// Hosting and development cost: the sections the break-even builds on.

#include <algorithm>
#include <map>
#include <utility>

#include "estimates_parts.hpp"
#include "stackpick/engine/estimates.hpp"

namespace stackpick::estimates_detail {

namespace {

// ---- Hosting -------------------------------------------------------------------------------

/// Per month from the worked example (expected) and the medium-traffic range, for each single
/// stack whose figures are there (the others get a reason naming theirs); false, with the hosting
/// reason set, when no stack has them.
bool price_medium_traffic(const std::vector<const Stack*>& singles, Recorder& recorder,
                          Estimates& estimates, std::map<std::string, HostingEstimate>& hosting) {
    assumed::HostingExpected quotes;
    for (const Stack* stack : singles) {
        const std::size_t mark = recorder.mark();
        const Figure* expected =
            recorder.need("example.rest-api.hosting-monthly." + stack->id, "usd/month");
        const Figure* range = recorder.need("hosting.medium-traffic." + stack->id, "usd/month");
        if (!expected || !range) {
            estimates.hosting_reasons[stack->id] = recorder.take_missing(mark);
            continue;
        }
        hosting[stack->id] = {expected->value.mid(), range_of(range->value), std::nullopt, {}};
        quotes.expected.push_back(quoted(stack->id, *expected));
        quotes.medium_range.push_back(quoted(stack->id, *range));
    }
    if (hosting.empty()) {
        estimates.hosting_reason = all_missing(singles, estimates.hosting_reasons);
        estimates.hosting_reasons.clear();
        return false;
    }
    recorder.assume({AssumptionId::hosting_expected, std::move(quotes)});
    return true;
}

using HostingMap = std::map<std::string, HostingEstimate>;

bool cheaper_per_month(const HostingMap::value_type& a, const HostingMap::value_type& b) {
    return a.second.monthly_usd < b.second.monthly_usd;
}

/// Adjusts the medium-traffic prices to the traffic band the sources describe for
/// --requests-per-day; false, with the hosting reason set, when a threshold is missing.
bool apply_traffic(double requests, Recorder& recorder, Estimates& estimates, HostingMap& hosting) {
    const auto cheapest = std::min_element(hosting.begin(), hosting.end(), cheaper_per_month);
    const auto dearest = std::max_element(hosting.begin(), hosting.end(), cheaper_per_month);
    const Figure* negligible = recorder.need("hosting.negligible-below", "requests/day");
    const Figure* scale = recorder.need("hosting.scale-threshold", "requests/day");
    const Figure* saving = recorder.need("hosting.node-cheaper-at-scale", "percent");
    if (!recorder.complete()) {
        estimates.hosting_reason = recorder.missing_reason();
        return false;
    }
    if (requests < negligible->value.min) {
        estimates.traffic = TrafficBand::small;
        const HostingEstimate lowest = cheapest->second;
        for (auto& [stack, value] : hosting) value = lowest;
        recorder.assume({AssumptionId::hosting_small,
                         assumed::HostingSmall{quoted("", *negligible, true), cheapest->first}});
    } else {
        estimates.traffic = requests >= scale->value.min ? TrafficBand::scale : TrafficBand::medium;
    }
    if (estimates.traffic == TrafficBand::scale && cheapest->first != dearest->first) {
        const HostingEstimate base = dearest->second;
        const Range share = range_of(saving->value);
        cheapest->second.monthly_usd = base.monthly_usd * (1 - middle(share) / 100);
        cheapest->second.monthly_usd_range = {base.monthly_usd_range.min * (1 - share.max / 100),
                                              base.monthly_usd_range.max * (1 - share.min / 100)};
        recorder.assume({AssumptionId::hosting_scale,
                         assumed::HostingScale{quoted("", *scale, true), quoted("", *saving),
                                               cheapest->first, dearest->first}});
    }
    return true;
}

/// A hybrid runs both runtimes: the sum of its parts' hosting; without a part's, a reason naming
/// the figures that part lacks.
void add_hybrid_hosting(const KnowledgeBase& knowledge_base, Recorder& recorder,
                        Estimates& estimates, HostingMap& hosting) {
    for (const Stack* stack : combined_stacks(knowledge_base)) {
        HostingEstimate sum;
        EstimateReason missing = reason(EstimateReasonKind::missing_figures);
        bool complete = true;
        for (const auto& part : stack->combines) {
            const auto it = hosting.find(part);
            if (it == hosting.end()) {
                complete = false;
                if (const auto why = estimates.hosting_reasons.find(part);
                    why != estimates.hosting_reasons.end())
                    add_missing(missing, why->second);
                continue;
            }
            sum.monthly_usd += it->second.monthly_usd;
            sum.monthly_usd_range = sum.monthly_usd_range + it->second.monthly_usd_range;
        }
        if (!complete) {
            estimates.hosting_reasons[stack->id] = std::move(missing);
            continue;
        }
        hosting[stack->id] = sum;
        recorder.assume({AssumptionId::hybrid_hosting, {}});
    }
}

// ---- Development cost ----------------------------------------------------------------------

/// Why the answers cannot price the work at all; an empty reason when they can.
EstimateReason cost_inputs_reason(const Estimates& estimates, const Facts& facts) {
    const EstimateInputs& in = estimates.inputs;
    EstimateReason needs = reason(EstimateReasonKind::needs_inputs);
    if (!in.team_size) needs.inputs.push_back(EstimateInput::team_size);
    if (!in.months) needs.inputs.push_back(EstimateInput::months);
    if (!in.rate_usd && !in.region) needs.inputs.push_back(EstimateInput::region);
    if (!in.rate_usd && !in.seniority) needs.inputs.push_back(EstimateInput::seniority);
    if (!needs.inputs.empty()) return needs;
    if (!estimates.hosting_reason.empty()) return reason(EstimateReasonKind::no_hosting);
    if (!in.rate_usd && !has_figure_with_prefix(facts, "rate." + *in.region + ".")) {
        EstimateReason no_rate = reason(EstimateReasonKind::no_rate);
        no_rate.subject = *in.region;
        no_rate.salaries = has_figure_with_prefix(facts, "salary." + *in.region + ".");
        return no_rate;
    }
    return {};
}

/// The hourly rate of one stack: --rate, or the rate table's, with the ML premium on a derived
/// rate under --ml (recorded in `premium`).
void rate_of(const Stack& stack, const EstimateInputs& in, Recorder& recorder, StackCost& cost,
             std::optional<assumed::MlPremium>& premium) {
    if (in.rate_usd) {
        cost.rate_usd = *in.rate_usd;
        cost.rate_usd_range = point(*in.rate_usd);
        return;
    }
    const Figure* rate =
        recorder.need("rate." + *in.region + "." + *in.seniority + "." + stack.id, "usd/hour");
    if (!rate) return;
    cost.rate_figure = rate->id;
    cost.rate_derived = rate->derived;
    cost.rate_usd = rate->value.mid();
    cost.rate_usd_range = range_of(rate->value);
    const Figure* ml = in.ml && rate->derived
                           ? recorder.optional("rate.premium.ml." + stack.id, "percent")
                           : nullptr;
    if (!ml) return;
    cost.ml_premium = true;
    cost.rate_usd *= 1 + ml->value.mid() / 100;
    cost.rate_usd_range = {cost.rate_usd_range.min * (1 + ml->value.min / 100),
                           cost.rate_usd_range.max * (1 + ml->value.max / 100)};
    premium = assumed::MlPremium{stack.id, ml->value};
}

/// Hours and rate of each single stack whose figures (its hosting's too) are there, scaled from
/// the worked example, and a reason naming the missing ones for the others; records hours-scale
/// and the rate assumptions once the figures every stack shares are there.
std::map<std::string, StackCost> single_stack_costs(const std::vector<const Stack*>& singles,
                                                    Estimates& estimates, Recorder& recorder) {
    const EstimateInputs& in = estimates.inputs;
    const Figure* duration = recorder.need("example.rest-api.duration", "months");
    const Figure* developers = recorder.need("example.rest-api.developers", "count");
    std::map<std::string, StackCost> costs;
    assumed::HoursScale scale;
    std::optional<assumed::MlPremium> premium;
    for (const Stack* stack : singles) {
        StackCost cost;
        const std::size_t mark = recorder.mark();
        const auto premium_before = premium;
        const Figure* hours = recorder.need("example.rest-api.hours." + stack->id, "hours");
        rate_of(*stack, in, recorder, cost, premium);
        const auto no_hosting = estimates.hosting_reasons.find(stack->id);
        if (recorder.mark() > mark || no_hosting != estimates.hosting_reasons.end()) {
            EstimateReason missing = recorder.take_missing(mark);
            if (no_hosting != estimates.hosting_reasons.end())
                add_missing(missing, no_hosting->second);
            estimates.cost_reasons[stack->id] = std::move(missing);
            premium = premium_before;
            continue;
        }
        const double example_developer_months =
            developers && duration ? developers->value.mid() * duration->value.mid() : 0;
        if (hours && example_developer_months > 0) {
            cost.hours = *in.team_size * *in.months * hours->value.mid() / example_developer_months;
            cost.hours_range = point(cost.hours);
            scale.per_developer_month.emplace_back(stack->id,
                                                   hours->value.mid() / example_developer_months);
            scale.hours.push_back(quoted(stack->id, *hours));
        }
        costs[stack->id] = cost;
    }
    if (!recorder.complete()) return costs;
    scale.developers = developers->value.mid();
    scale.duration = duration->value;
    recorder.assume({AssumptionId::hours_scale, std::move(scale)});
    if (in.rate_usd)
        recorder.assume({AssumptionId::rate_override, assumed::RateOverride{*in.rate_usd}});
    else
        recorder.assume({AssumptionId::rate_midpoint, {}});
    if (premium) recorder.assume({AssumptionId::ml_premium, *premium});
    return costs;
}

/// The lowest hour count the sources' speed claims give `stack` against `other`, each only
/// under the condition it states; the claims that applied are added to `claims`.
double lowest_claimed_hours(const Stack& stack, const Stack* other,
                            const std::map<std::string, StackCost>& costs, const Facts& facts,
                            const EstimateInputs& in, Recorder& recorder,
                            std::vector<SpeedClaim>& claims) {
    const double own_hours = costs.at(stack.id).hours;
    double low = own_hours;
    if (other) {
        const double other_hours = costs.at(other->id).hours;
        // "Django can build MVPs 20-30% faster": a claim about MVPs.
        if (in.mvp)
            if (const Figure* faster =
                    recorder.optional("productivity.django-mvp." + stack.id, "percent")) {
                low = std::min(low, other_hours * (1 - faster->value.max / 100));
                claims.push_back({SpeedClaim::Kind::mvp,
                                  stack.id,
                                  other->id,
                                  faster->metric,
                                  faster->value,
                                  {}});
            }
        // The weeks each stack takes for this product type: the faster (or equal) one may take
        // the other's hours scaled by the ratio of the midpoints.
        if (const std::string row = timeline_row_of(in.product); !row.empty()) {
            const Figure* own = facts.find_figure("timeline." + row + "." + stack.id);
            const Figure* theirs = facts.find_figure("timeline." + row + "." + other->id);
            const bool comparable = own && theirs && own->value.unit == "weeks" &&
                                    theirs->value.unit == "weeks" && theirs->value.mid() > 0;
            const double scaled =
                comparable ? other_hours * own->value.mid() / theirs->value.mid() : low;
            if (scaled < low) {
                recorder.use(*own);
                recorder.use(*theirs);
                low = scaled;
                claims.push_back({SpeedClaim::Kind::timeline, stack.id, other->id, own->metric,
                                  own->value, theirs->value});
            }
        }
    }
    if (in.admin_panel)
        if (const Figure* saving = recorder.optional("effort.admin-saving." + stack.id, "hours")) {
            low = std::min(low, own_hours - saving->value.max);
            claims.push_back(
                {SpeedClaim::Kind::admin_panel, stack.id, "", saving->metric, saving->value, {}});
        }
    return low;
}

/// The sources' other speed claims lower the faster stack's hours: the low end of its range.
/// The worked example stays expected and high end.
void apply_speed_claims(const std::vector<const Stack*>& stacks, const Facts& facts,
                        const EstimateInputs& in, Recorder& recorder,
                        std::map<std::string, StackCost>& costs) {
    std::vector<const Stack*> singles;
    for (const Stack* stack : stacks)
        if (costs.count(stack->id)) singles.push_back(stack);
    assumed::FasterClaims faster;
    for (const Stack* stack : singles) {
        const auto other = std::find_if(singles.begin(), singles.end(),
                                        [&](const Stack* s) { return s->id != stack->id; });
        const double low = lowest_claimed_hours(*stack, other == singles.end() ? nullptr : *other,
                                                costs, facts, in, recorder, faster.claims);
        costs[stack->id].hours_range.min = std::max(0.0, low);
    }
    if (!faster.claims.empty()) recorder.assume({AssumptionId::faster_claims, std::move(faster)});
}

/// Development from hours and rate; hosting over the planned months; their total.
void add_totals(StackCost& cost, const HostingEstimate& hosting) {
    cost.hosting_usd = hosting.period_usd.value_or(0);
    cost.hosting_usd_range = hosting.period_usd_range;
    cost.total_usd = cost.development_usd + cost.hosting_usd;
    cost.total_usd_range = cost.development_usd_range + cost.hosting_usd_range;
}

/// The figures a hybrid lacks: its own (since `mark`), then its parts' and its hosting's.
EstimateReason hybrid_missing(const Stack& stack, std::size_t mark, Recorder& recorder,
                              const Estimates& estimates) {
    EstimateReason missing = recorder.take_missing(mark);
    for (const auto& part : stack.combines)
        if (const auto it = estimates.cost_reasons.find(part); it != estimates.cost_reasons.end())
            add_missing(missing, it->second);
    if (const auto it = estimates.hosting_reasons.find(stack.id);
        it != estimates.hosting_reasons.end())
        add_missing(missing, it->second);
    return missing;
}

/// A hybrid's work split between its parts in the case study's shares, plus integration work
/// once; a reason instead when a figure is missing (its own or a part's).
void hybrid_cost(const Stack& stack, const KnowledgeBase& knowledge_base, Recorder& recorder,
                 Estimates& estimates, std::map<std::string, StackCost>& costs) {
    const std::size_t mark = recorder.mark();
    std::vector<std::pair<const Stack*, const Figure*>> shares;
    for (const auto& part : stack.combines) {
        const Figure* share = recorder.need("case.fintech-hybrid.service-share." + part, "percent");
        if (share && costs.count(part) && knowledge_base.find_stack(part))
            shares.emplace_back(knowledge_base.find_stack(part), share);
    }
    const Figure* integration = recorder.need("saving.saas-mvp", "usd");
    if (!integration || shares.size() != stack.combines.size() ||
        !estimates.hosting.count(stack.id)) {
        estimates.cost_reasons[stack.id] = hybrid_missing(stack, mark, recorder, estimates);
        return;
    }
    double share_total = 0;
    for (const auto& [part, share] : shares) share_total += share->value.mid();
    if (!(share_total > 0)) {
        estimates.cost_reasons[stack.id] = reason(EstimateReasonKind::zero_shares);
        return;
    }
    StackCost cost;
    double parts_development = 0;
    assumed::HybridSplit split;
    for (const auto& [part, share] : shares) {
        const double weight = share->value.mid() / share_total;
        const StackCost& part_cost = costs.at(part->id);
        cost.hours += weight * part_cost.hours;
        cost.hours_range = cost.hours_range + part_cost.hours_range * weight;
        cost.rate_usd_range = cost.rate_usd_range + part_cost.rate_usd_range * weight;
        cost.rate_derived = cost.rate_derived || part_cost.rate_derived;
        cost.ml_premium = cost.ml_premium || part_cost.ml_premium;
        parts_development += weight * part_cost.development_usd;
        cost.development_usd_range =
            cost.development_usd_range + part_cost.development_usd_range * weight;
        split.shares.push_back(quoted(part->id, *share));
    }
    cost.rate_usd = cost.hours > 0 ? parts_development / cost.hours : 0;
    cost.integration_usd = integration->value.mid();
    cost.integration_usd_range = range_of(integration->value);
    cost.development_usd = parts_development + cost.integration_usd;
    cost.development_usd_range = cost.development_usd_range + cost.integration_usd_range;
    add_totals(cost, estimates.hosting.at(stack.id));
    costs[stack.id] = cost;
    recorder.assume({AssumptionId::hybrid_split, std::move(split)});
    recorder.assume({AssumptionId::hybrid_integration,
                     assumed::HybridIntegration{integration->value, integration->note}});
}

}  // namespace

/// Per month from the worked example (expected) and the medium-traffic range, adjusted to the
/// traffic band the sources describe; over the planned months when those are known.
void estimate_hosting(const KnowledgeBase& knowledge_base, Estimates& estimates) {
    Recorder recorder(knowledge_base.facts, estimates.hosting_basis);
    HostingMap hosting;
    if (!price_medium_traffic(single_stacks(knowledge_base), recorder, estimates, hosting)) return;
    if (const auto requests = estimates.inputs.requests_per_day) {
        if (!apply_traffic(*requests, recorder, estimates, hosting)) return;
    } else {
        estimates.traffic = TrafficBand::unknown;
        recorder.assume({AssumptionId::hosting_traffic_unknown, {}});
    }
    add_hybrid_hosting(knowledge_base, recorder, estimates, hosting);
    if (const auto months = estimates.inputs.months) {
        for (auto& [stack, value] : hosting) {
            value.period_usd = value.monthly_usd * *months;
            value.period_usd_range = value.monthly_usd_range * *months;
        }
        recorder.assume({AssumptionId::hosting_during_build, {}});
    }
    estimates.hosting = std::move(hosting);
}

/// Hours, rate and development cost of each single stack, then each hybrid from its parts.
void estimate_cost(const KnowledgeBase& knowledge_base, Estimates& estimates) {
    const Facts& facts = knowledge_base.facts;
    if (EstimateReason none = cost_inputs_reason(estimates, facts); !none.empty()) {
        estimates.cost_reason = std::move(none);
        return;
    }
    Recorder recorder(facts, estimates.cost_basis);
    const auto singles = single_stacks(knowledge_base);
    auto costs = single_stack_costs(singles, estimates, recorder);
    if (!recorder.complete() || costs.empty()) {
        // Figures every stack needs, or every stack's own: no stack has a cost.
        estimates.cost_reason = recorder.complete() ? all_missing(singles, estimates.cost_reasons)
                                                    : recorder.missing_reason();
        estimates.cost_reasons.clear();
        return;
    }
    apply_speed_claims(singles, facts, estimates.inputs, recorder, costs);
    for (auto& [stack, cost] : costs) {
        cost.development_usd = cost.hours * cost.rate_usd;
        cost.development_usd_range = {cost.hours_range.min * cost.rate_usd_range.min,
                                      cost.hours_range.max * cost.rate_usd_range.max};
        add_totals(cost, estimates.hosting.at(stack));
    }
    for (const Stack* stack : combined_stacks(knowledge_base))
        hybrid_cost(*stack, knowledge_base, recorder, estimates, costs);
    estimates.cost = std::move(costs);
    merge_basis(estimates.cost_basis, estimates.hosting_basis, facts);
}

}  // namespace stackpick::estimates_detail
