// The sentences for the engine's structured reasons and assumptions (declared in
// estimates_wording.hpp): what the text, Markdown and JSON renderings of the estimates say.

#include <map>

#include <fmt/format.h>

#include "stackpick/report/estimates_wording.hpp"
#include "stackpick/report/facts_report.hpp"

namespace stackpick::wording {

namespace {

std::string input_flag(EstimateInput input) {
    switch (input) {
        case EstimateInput::team_size:
            return "--team-size";
        case EstimateInput::months:
            return "--months";
        case EstimateInput::region:
            return "--region (or --rate)";
        case EstimateInput::seniority:
            return "--seniority (or --rate)";
        case EstimateInput::product:
            return "--product";
        case EstimateInput::concurrent_users:
            return "--concurrent-users";
    }
    return {};
}

std::string missing_text(const MissingFigure& missing) {
    return missing.unit ? fmt::format("{} (unit {}, expected {})", missing.id, *missing.unit,
                                      missing.expected_unit)
                        : missing.id;
}

/// "Node.js $440/month": a stack's name and a quoted value.
std::string quoted_text(const Quoted& quoted, const Estimates& estimates) {
    return fmt::format("{} {}", name_of(estimates, quoted.stack),
                       format_quantity(quoted.value, quoted.qualifier));
}

std::string quoted_list(const std::vector<Quoted>& values, const Estimates& estimates) {
    std::vector<std::string> texts;
    for (const auto& value : values) texts.push_back(quoted_text(value, estimates));
    return fmt::format("{}", fmt::join(texts, ", "));
}

/// Why there is no break-even month, for the kinds only the break-even gives.
std::string break_even_reason_text(const EstimateReason& reason, const Estimates& estimates) {
    const auto name = [&](std::size_t i) { return name_of(estimates, reason.stacks.at(i)); };
    switch (reason.kind) {
        case EstimateReasonKind::same_cost:
            return "both cost the same to build and to host";
        case EstimateReasonKind::same_development:
            return fmt::format(
                "both cost the same to build; {} is cheaper to host from the first "
                "month",
                name(0));
        case EstimateReasonKind::cheaper_to_build_and_host:
        case EstimateReasonKind::same_hosting:
            return fmt::format(
                "{} is cheaper to build and {} to host, so {} never catches up", name(0),
                reason.kind == EstimateReasonKind::same_hosting ? "costs the same" : "also cheaper",
                name(1));
        case EstimateReasonKind::beyond_horizon:
            return fmt::format("not within 10 years ({} months)", whole(reason.months));
        default:
            return {};
    }
}

/// Why a stack has no value in a section.
std::string stack_reason_text(const EstimateReason& reason, const Estimates& estimates) {
    switch (reason.kind) {
        case EstimateReasonKind::no_timeline_row:
            return "no source: the timelines table has no row for " + reason.subject;
        case EstimateReasonKind::no_timeline_column:
            return fmt::format("no source: the timelines table has no {} column",
                               name_of(estimates, reason.stacks.at(0)));
        case EstimateReasonKind::no_users_per_instance:
            return fmt::format("no source gives {}'s users per instance",
                               name_of(estimates, reason.stacks.at(0)));
        case EstimateReasonKind::hybrid_capacity:
            return "no source gives a hybrid's users per instance";
        case EstimateReasonKind::no_hiring_source:
            return "no source";
        case EstimateReasonKind::hybrid_hiring: {
            std::vector<std::string> names;
            for (const auto& stack : reason.stacks) names.push_back(name_of(estimates, stack));
            return fmt::format("needs developers for each runtime: see {}",
                               fmt::join(names, " and "));
        }
        default:
            return break_even_reason_text(reason, estimates);
    }
}

}  // namespace

std::vector<std::string> cost_note_sentences(const Estimates& estimates) {
    std::vector<std::string> sentences;
    if (!estimates.cost_reason.empty())
        sentences.push_back("Cost: " + reason_text(estimates.cost_reason, estimates) + ".");
    if (!estimates.hosting_reason.empty())
        sentences.push_back("Hosting: " + reason_text(estimates.hosting_reason, estimates) + ".");
    for (const auto& stack : estimates.stacks) {
        const auto it = estimates.cost.find(stack);
        if (it != estimates.cost.end() && it->second.integration_usd > 0)
            sentences.push_back(fmt::format(
                "{}: development includes {} of integration work ({}).", name_of(estimates, stack),
                money(it->second.integration_usd), money_range(it->second.integration_usd_range)));
        if (const auto reason = estimates.cost_reasons.find(stack);
            reason != estimates.cost_reasons.end())
            sentences.push_back(name_of(estimates, stack) + ": " +
                                reason_text(reason->second, estimates) + ".");
        else if (const auto hosting = estimates.hosting_reasons.find(stack);
                 hosting != estimates.hosting_reasons.end())
            sentences.push_back(name_of(estimates, stack) + ": " +
                                reason_text(hosting->second, estimates) + ".");
    }
    return sentences;
}

std::vector<std::string> weeks_cells(const Estimates& estimates) {
    std::vector<std::string> cells;
    for (const auto& stack : estimates.stacks) {
        const auto weeks = estimates.timeline_weeks.find(stack);
        const auto reason = estimates.timeline_reasons.find(stack);
        cells.push_back(weeks != estimates.timeline_weeks.end() ? range_text(weeks->second, "weeks")
                        : reason != estimates.timeline_reasons.end()
                            ? reason_text(reason->second, estimates)
                            : std::string("no source"));
    }
    return cells;
}

CapacityCells capacity_cells(const Estimates& estimates) {
    CapacityCells cells;
    for (const auto& stack : estimates.stacks) {
        const auto it = estimates.capacity.find(stack);
        if (it == estimates.capacity.end()) {
            const auto reason = estimates.capacity_reasons.find(stack);
            cells.instances.push_back(reason != estimates.capacity_reasons.end()
                                          ? reason_text(reason->second, estimates)
                                          : "-");
            cells.memory.push_back("-");
            continue;
        }
        const CapacityEstimate& capacity = it->second;
        cells.instances.push_back(
            with_range(whole(capacity.instances), capacity.instances_range, whole_range) +
            (capacity.estimated ? " (estimated)" : ""));
        cells.memory.push_back(capacity.memory_mb ? range_text(*capacity.memory_mb, "MB") : "-");
    }
    return cells;
}

std::string reason_text(const EstimateReason& reason, const Estimates& estimates) {
    switch (reason.kind) {
        case EstimateReasonKind::none:
            return {};
        case EstimateReasonKind::missing_figures: {
            std::vector<std::string> missing;
            for (const auto& figure : reason.missing) missing.push_back(missing_text(figure));
            return fmt::format("figures missing from the knowledge base: {}",
                               fmt::join(missing, ", "));
        }
        case EstimateReasonKind::needs_inputs: {
            std::vector<std::string> flags;
            for (const auto input : reason.inputs) flags.push_back(input_flag(input));
            return fmt::format("needs {}", fmt::join(flags, " and "));
        }
        case EstimateReasonKind::no_hosting:
            return "no hosting estimate: " + reason_text(estimates.hosting_reason, estimates);
        case EstimateReasonKind::no_rate:
            return fmt::format(
                "the sources give no hourly rate for {}{}, and stackpick never "
                "invents an exchange rate: give --rate to price the work",
                reason.subject,
                reason.salaries ? " (only annual salaries, shown with the hiring figures)" : "");
        case EstimateReasonKind::zero_shares:
            return "the service shares add up to 0%";
        case EstimateReasonKind::needs_two_stacks:
            return "needs two stacks to compare";
        case EstimateReasonKind::no_cost:
            return "no development cost: " + reason_text(estimates.cost_reason, estimates);
        case EstimateReasonKind::unknown_product:
            return "product type unknown: give --product";
        default:
            return stack_reason_text(reason, estimates);
    }
}

namespace {

std::string speed_claim_text(const SpeedClaim& claim, const Estimates& estimates) {
    const std::string stack = name_of(estimates, claim.stack);
    switch (claim.kind) {
        case SpeedClaim::Kind::mvp:
            return fmt::format("for an MVP, {} '{}' by {} than {}", stack, claim.metric,
                               format_quantity(claim.value), name_of(estimates, claim.other));
        case SpeedClaim::Kind::timeline:
            return fmt::format("the timelines for '{}': {} {} against {} {}", claim.metric, stack,
                               format_quantity(claim.value), name_of(estimates, claim.other),
                               format_quantity(claim.other_value));
        case SpeedClaim::Kind::admin_panel:
            return fmt::format("with an admin panel, {}'s '{}' {}", stack, claim.metric,
                               format_quantity(claim.value));
    }
    return {};
}

/// The wording of the assumptions about hosting.
std::string hosting_assumption_text(const Assumption& assumption, const Estimates& estimates) {
    if (const auto* expected = std::get_if<assumed::HostingExpected>(&assumption.detail))
        return fmt::format(
            "The expected hosting per month is the worked example's ({}); its range is the "
            "sources' medium-traffic range ({}).",
            quoted_list(expected->expected, estimates),
            quoted_list(expected->medium_range, estimates));
    if (const auto* small = std::get_if<assumed::HostingSmall>(&assumption.detail))
        return fmt::format(
            "Below {} the sources call the hosting difference negligible: every stack is priced "
            "at {}'s figures, the lowest. No source gives a lower figure for small traffic, so "
            "the medium-traffic level is kept.",
            format_quantity(small->negligible_below.value, small->negligible_below.qualifier),
            name_of(estimates, small->cheapest));
    if (const auto* scale = std::get_if<assumed::HostingScale>(&assumption.detail)) {
        const std::string cheapest = name_of(estimates, scale->cheapest);
        const std::string dearest = name_of(estimates, scale->dearest);
        return fmt::format(
            "At {} {} hosting costs {} less: {} is priced at {}'s figures less that share "
            "(expected at the midpoint). No source gives the absolute cost at that traffic, so "
            "{} keeps its medium-traffic figures, which are likely too low.",
            format_quantity(scale->threshold.value, scale->threshold.qualifier), cheapest,
            format_quantity(scale->saving.value), cheapest, dearest, dearest);
    }
    return {};
}

/// The wording of the assumptions about development cost.
std::string cost_assumption_text(const Assumption& assumption, const Estimates& estimates) {
    if (const auto* hours = std::get_if<assumed::HoursScale>(&assumption.detail)) {
        std::vector<std::string> per_month;
        for (const auto& [stack, value] : hours->per_developer_month)
            per_month.push_back(
                fmt::format("{} {}", name_of(estimates, stack), one_decimal(value)));
        return fmt::format(
            "Development hours scale with developers x months at the worked example's hours per "
            "developer-month ({} for {} developers over {}, i.e. {}).",
            quoted_list(hours->hours, estimates), whole(hours->developers),
            format_quantity(hours->duration), fmt::join(per_month, " and "));
    }
    if (const auto* rate = std::get_if<assumed::RateOverride>(&assumption.detail))
        return fmt::format(
            "--rate {} applies to every stack, as the worked example's '$100/hr "
            "avg' does.",
            quantity_text(rate->rate_usd, "usd/hour"));
    if (const auto* premium = std::get_if<assumed::MlPremium>(&assumption.detail)) {
        const std::string stack = name_of(estimates, premium->stack);
        return fmt::format(
            "With --ml, the premium of {} for {} developers with ML expertise applies to {}'s "
            "derived rates ('similar to Node.js' in the same source): the low end rises by {}%, "
            "the high end by {}%, the expected rate by the midpoint.",
            format_quantity(premium->premium), stack, stack, premium->premium.min,
            premium->premium.max);
    }
    if (const auto* faster = std::get_if<assumed::FasterClaims>(&assumption.detail)) {
        std::vector<std::string> claims;
        for (const auto& claim : faster->claims)
            claims.push_back(speed_claim_text(claim, estimates));
        return fmt::format(
            "Each speed claim that applies to these answers ({}) gives the faster stack an "
            "alternative, lower hour count; the lowest is the low end of its range, while the "
            "worked example stays the expected value and the high end. The claims are not "
            "combined, and a claim applies only under its own condition (an MVP, an admin panel, "
            "the product type).",
            fmt::join(claims, "; "));
    }
    if (const auto* split = std::get_if<assumed::HybridSplit>(&assumption.detail))
        return fmt::format(
            "A hybrid's work is split between its runtimes in the fintech case study's shares of "
            "services ({}), each part at its stack's hours and rate.",
            quoted_list(split->shares, estimates));
    if (const auto* integration = std::get_if<assumed::HybridIntegration>(&assumption.detail))
        return fmt::format(
            "A hybrid adds integration work once: {}, the sources' figure for what a second "
            "language costs a SaaS MVP ({}), expected at the midpoint.",
            format_quantity(integration->cost), integration->note);
    return hosting_assumption_text(assumption, estimates);
}

std::string timeline_rows_text() {
    std::vector<std::string> rows;
    for (const auto& [choice, row] : k_timeline_rows)
        rows.push_back(fmt::format("{} -> {}", choice, row));
    return fmt::format(
        "Product types map to the timelines table's rows: {}; the table has no row for the "
        "others.",
        fmt::join(rows, ", "));
}

/// assumption_text() worded anew.
std::string word_assumption(const Assumption& assumption, const Estimates& estimates) {
    switch (assumption.id) {
        case AssumptionId::hosting_traffic_unknown:
            return "Without --requests-per-day, traffic is taken as medium, the traffic the "
                   "sources' hosting figures are for.";
        case AssumptionId::hybrid_hosting:
            return "A hybrid runs both runtimes: its hosting is the sum of its stacks' hosting (no "
                   "source gives a hybrid's hosting cost).";
        case AssumptionId::hosting_during_build:
            return "Hosting is paid for every planned month, from the start of development, as "
                   "the worked example counts 3 months of hosting for its 3-month build.";
        case AssumptionId::rate_midpoint:
            return "The expected hourly rate is the midpoint of the rate table's range for the "
                   "region and seniority; the range's ends give the low and high costs.";
        case AssumptionId::break_even_model:
            return "Break-even counts each stack's development cost in full from the start of "
                   "development and adds its expected hosting every month from then on, as the "
                   "worked example's totals do; the month is rounded up to a whole month.";
        case AssumptionId::break_even_horizon:
            return fmt::format("A break-even later than {} months (10 years) is reported as none.",
                               k_break_even_horizon_months);
        case AssumptionId::break_even_range:
            return "The break-even range takes every combination of the ends of the development "
                   "cost ranges and the monthly hosting ranges; when they disagree on which stack "
                   "is cheaper to build, or on whether it breaks even at all, the figures do not "
                   "determine the break-even.";
        case AssumptionId::break_even_claim:
            return fmt::format(
                "A claim is checked against the break-even of its own example's figures; an "
                "approximate claim ('~6 months') agrees when that is within {}% of it.",
                k_break_even_claim_tolerance * 100);
        case AssumptionId::timeline_rows:
            return timeline_rows_text();
        case AssumptionId::capacity_memory:
            return "Each instance is one process: memory is instances x the sources' memory per "
                   "process.";
        case AssumptionId::capacity_round_up:
            return "Instances are the concurrent users divided by the users one instance serves, "
                   "rounded up.";
        case AssumptionId::capacity_estimate: {
            const auto& estimated = std::get<assumed::CapacityEstimated>(assumption.detail);
            const std::string reference = name_of(estimates, estimated.reference);
            return fmt::format(
                "{} has no sourced users-per-instance figure: it is {}'s divided by {}'s {} "
                "concurrency advantage for I/O-heavy workloads (expected at the midpoint), and "
                "labelled as estimated.",
                name_of(estimates, estimated.stack), reference, reference,
                format_quantity(estimated.advantage));
        }
        default:
            return cost_assumption_text(assumption, estimates);
    }
}

/// An assumption's wording and what it was worded from: the assumption and the stacks' names.
struct Worded {
    Assumption assumption;
    std::map<std::string, std::string> stack_names;
    std::string text;
};

}  // namespace

std::string assumption_text(const Assumption& assumption, const Estimates& estimates) {
    // `stackpick batch` words the same assumptions from the same figures line after line, and
    // wording one costs more than writing the rest of its section: each thread keeps the last
    // wording of each assumption and reuses it while the assumption and the names are the same.
    thread_local std::map<AssumptionId, Worded> last;
    const auto found = last.find(assumption.id);
    if (found != last.end() && found->second.assumption == assumption &&
        found->second.stack_names == estimates.stack_names)
        return found->second.text;
    Worded& worded = last[assumption.id];
    worded = {assumption, estimates.stack_names, word_assumption(assumption, estimates)};
    return worded.text;
}

std::string derivation_text(const CapacityEstimate& capacity, const Estimates& estimates) {
    const auto& derivation = capacity.derivation;
    if (capacity.estimated)
        return fmt::format(
            "estimated, not a source's figure: {}'s {} users per instance divided by its {} "
            "concurrency advantage for I/O-heavy workloads gives {}-{} users per instance",
            name_of(estimates, derivation.reference), whole(derivation.reference_per_instance),
            format_quantity(derivation.advantage), whole(capacity.users_per_instance.min),
            whole(capacity.users_per_instance.max));
    return fmt::format("{} concurrent users / {} per instance{}, rounded up",
                       whole(derivation.users), format_quantity(derivation.per_instance),
                       derivation.case_users && derivation.case_instances
                           ? fmt::format(" (the collaboration SaaS case study: {} on {})",
                                         format_quantity(*derivation.case_users),
                                         format_quantity(*derivation.case_instances))
                           : "");
}

std::string disagreement_text(const CapacityDisagreement& disagreement) {
    return fmt::format("{} on one process ({}) would mean {} {} instances for {} users, not {}",
                       format_quantity(disagreement.value, disagreement.qualifier),
                       disagreement.conditions,
                       disagreement.qualifier == Qualifier::at_least ? "at most" : "about",
                       whole(disagreement.instances), whole(disagreement.users),
                       whole(disagreement.estimated_instances));
}

std::string claim_note(const BreakEvenClaim& claim) {
    if (claim.contradicted_in_knowledge_base) return claim.note;
    if (claim.contradicted && claim.computed_months)
        return fmt::format("Its own figures give a break-even after {} months.",
                           one_decimal(*claim.computed_months));
    return {};
}

std::string salaries_note(const RegionalSalaries& salaries) {
    std::string note =
        "Annual salaries as the source states them, not converted: stackpick never invents an "
        "exchange rate, so there is no hourly cost for this region (give --rate to price the "
        "work).";
    if (salaries.seniority)
        note += fmt::format(" The sources give {} salaries only, not {}.",
                            fmt::join(salaries.seniorities, " and "), *salaries.seniority);
    return note;
}

}  // namespace stackpick::wording
