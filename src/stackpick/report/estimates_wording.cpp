#include "stackpick/report/estimates_wording.hpp"

#include <algorithm>
#include <cmath>
#include <span>

#include <fmt/format.h>

#include "stackpick/report/facts_report.hpp"
#include "stackpick/report/sources.hpp"

namespace stackpick::wording {

std::string money(double value) {
    return format_quantity({std::round(value), std::round(value), "usd"});
}

std::string money_range(Range range) {
    return format_quantity({std::round(range.min), std::round(range.max), "usd"});
}

std::string money_with_range(double value, Range range) {
    return with_range(money(value), range, money_range);
}

std::string with_range(const std::string& expected, Range range,
                       const std::function<std::string(Range)>& format) {
    return is_point(range) ? expected : expected + " (" + format(range) + ")";
}

std::string quantity_text(double value, const std::string& unit) {
    return format_quantity({value, value, unit});
}

std::string range_text(Range range, const std::string& unit) {
    return format_quantity({range.min, range.max, unit});
}

std::string whole(double value) { return quantity_text(std::round(value), "count"); }

std::string whole_range(Range range) {
    return format_quantity({std::round(range.min), std::round(range.max), "count"});
}

std::string one_decimal(double value) {
    return quantity_text(std::round(value * 10) / 10, "count");
}

std::vector<std::string> missing_ids(const std::map<std::string, EstimateReason>& reasons,
                                     const std::string& stack) {
    std::vector<std::string> ids;
    const auto it = reasons.find(stack);
    if (it == reasons.end() || it->second.kind != EstimateReasonKind::missing_figures) return ids;
    for (const auto& figure : it->second.missing) ids.push_back(figure.id);
    return ids;
}

std::string missing_cell(const std::map<std::string, EstimateReason>& reasons,
                         const std::string& stack, bool ids) {
    const auto missing = missing_ids(reasons, stack);
    if (missing.empty()) return "-";
    return ids ? fmt::format("missing: {}", fmt::join(missing, ", ")) : std::string("missing");
}

bool is_point(Range range) { return !(range.min < range.max) && !(range.max < range.min); }

std::string name_of(const Estimates& estimates, const std::string& stack) {
    const auto it = estimates.stack_names.find(stack);
    return it == estimates.stack_names.end() ? stack : it->second;
}

std::vector<std::string> stack_names_of(const Estimates& estimates) {
    std::vector<std::string> names;
    for (const auto& stack : estimates.stacks) names.push_back(name_of(estimates, stack));
    return names;
}

std::string markers_of(const Facts& facts, std::span<const std::string> sources) {
    return sources.empty() ? std::string() : " " + source_markers(facts, sources);
}

std::vector<std::string> sources_of(const Facts& facts, const EstimateBasis& basis,
                                    const std::vector<std::string>& prefixes) {
    std::vector<std::string> sources;
    for (const auto& id : basis.figures) {
        const bool wanted = std::any_of(prefixes.begin(), prefixes.end(), [&](const auto& prefix) {
            return id.rfind(prefix, 0) == 0;
        });
        const Figure* figure = wanted ? facts.find_figure(id) : nullptr;
        if (!figure) continue;
        for (const auto& source : figure->sources)
            if (std::find(sources.begin(), sources.end(), source) == sources.end())
                sources.push_back(source);
    }
    return sources;
}

std::string inputs_text(const Estimates& estimates) {
    const EstimateInputs& in = estimates.inputs;
    std::vector<std::string> parts;
    parts.push_back(in.team_size ? fmt::format("{} developers", whole(*in.team_size))
                                 : "team size unknown");
    parts.push_back(in.months ? fmt::format("{} months", whole(*in.months)) : "months unknown");
    if (in.rate_usd)
        parts.push_back(fmt::format("{} (--rate)", quantity_text(*in.rate_usd, "usd/hour")));
    else if (in.region && in.seniority)
        parts.push_back(fmt::format("{} rates, region {}", *in.seniority, *in.region));
    else
        parts.push_back("no rate");
    if (in.requests_per_day)
        parts.push_back(fmt::format("{} requests/day ({} traffic)", whole(*in.requests_per_day),
                                    to_string(estimates.traffic)));
    else
        parts.push_back("traffic unknown (priced as medium)");
    if (in.concurrent_users)
        parts.push_back(fmt::format("{} concurrent users", whole(*in.concurrent_users)));
    return fmt::format("{}", fmt::join(parts, ", "));
}

namespace {

/// "between month 3 and 14" when the range spans months, else "month 8"; "" without a month.
std::string break_even_months(const Estimates& estimates) {
    const auto& span = estimates.break_even.range;
    if (span && span->min && span->max && *span->min != *span->max)
        return fmt::format("between month {} and {}", whole(*span->min), whole(*span->max));
    if (estimates.break_even_month)
        return fmt::format("month {}", whole(*estimates.break_even_month));
    return {};
}

/// Why the ranges' ends leave the break-even open.
std::string undetermined_text(const Estimates& estimates) {
    const BreakEven& break_even = estimates.break_even;
    const auto& span = break_even.range;
    std::string text = "not determined by these figures: across the ends of the cost ranges ";
    if (span->min)
        text += fmt::format("it falls anywhere from month {} to {}", whole(*span->min),
                            span->max ? "month " + whole(*span->max)
                                      : std::string("never (one stack stays cheaper)"));
    else
        text += "it may or may not come within 10 years";
    return text + (break_even.builder_varies
                       ? ", and either stack may be the cheaper to build."
                       : fmt::format(", though {} stays the cheaper to build.",
                                     name_of(estimates, break_even.cheaper_to_build)));
}

}  // namespace

std::string break_even_summary(const Estimates& estimates) {
    const BreakEven& break_even = estimates.break_even;
    if (!break_even.range)
        return fmt::format("unknown ({})", reason_text(break_even.reason, estimates));
    if (!break_even.determined) return "not determined by these figures";
    const std::string months = break_even_months(estimates);
    return months.empty() ? fmt::format("none ({})", reason_text(break_even.reason, estimates))
                          : months;
}

std::string break_even_text(const Estimates& estimates) {
    const BreakEven& break_even = estimates.break_even;
    if (!break_even.range)
        return fmt::format("unknown: {}.", reason_text(break_even.reason, estimates));
    if (!break_even.determined) return undetermined_text(estimates);
    const std::string months = break_even_months(estimates);
    if (months.empty()) return fmt::format("none: {}.", reason_text(break_even.reason, estimates));
    return fmt::format(
        "{}: {} is cheaper to build and {} cheaper to host; at the expected costs their "
        "cumulative costs (development + hosting) meet {} months after development starts.",
        months, name_of(estimates, break_even.cheaper_to_build),
        name_of(estimates, break_even.cheaper_to_host),
        one_decimal(break_even.exact_months.value_or(0)));
}

std::string claim_text(const BreakEvenClaim& claim, const Facts& facts) {
    std::string text =
        fmt::format("{}: {}{}", claim.metric, format_quantity(claim.value, claim.qualifier),
                    markers_of(facts, claim.sources));
    if (claim.contradicted)
        text += " - contradicted. " + claim_note(claim);
    else if (claim.computed_months)
        text += fmt::format(" - agrees with its own figures ({} months).",
                            one_decimal(*claim.computed_months));
    return text;
}

std::vector<Assumption> all_assumptions(const Estimates& estimates) {
    std::vector<Assumption> all;
    for (const EstimateBasis* basis : estimate_bases(estimates)) {
        // The cost's assumptions only when there is a cost: without one, nothing shown rests on
        // them.
        if (basis == &estimates.cost_basis && estimates.cost.empty()) continue;
        for (const auto& assumption : basis->assumptions)
            if (std::none_of(all.begin(), all.end(),
                             [&](const Assumption& a) { return a.id == assumption.id; }))
                all.push_back(assumption);
    }
    return all;
}

std::string source_line(const Source& source) {
    return fmt::format("{} ({}). {}, {}. Interest: {}.", source.title, source.id,
                       source.publisher.value_or("Publisher not stated"),
                       source.year ? std::to_string(*source.year) : "no year stated",
                       source.interest.value_or("none stated"));
}

std::vector<FigureRow> figure_rows(const Estimates& estimates) {
    std::vector<FigureRow> rows;
    for (const auto& stack : estimates.stacks) {
        const auto it = estimates.hiring.find(stack);
        if (it == estimates.hiring.end()) continue;
        for (const auto& figure : it->second.figures) {
            const std::string stem = figure.id.substr(0, figure.id.rfind('.'));
            auto row = std::find_if(rows.begin(), rows.end(),
                                    [&](const FigureRow& r) { return r.stem == stem; });
            if (row == rows.end()) {
                rows.push_back({stem, figure.metric, {}, {}});
                row = rows.end() - 1;
            }
            for (const auto& source : figure.sources)
                if (std::find(row->sources.begin(), row->sources.end(), source) ==
                    row->sources.end())
                    row->sources.push_back(source);
            row->cells[stack] = format_quantity(figure.value, figure.qualifier);
        }
    }
    return rows;
}

}  // namespace stackpick::wording
