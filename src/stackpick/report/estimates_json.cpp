#include "stackpick/report/estimates_json.hpp"

#include <cmath>
#include <cstdint>

#include "stackpick/report/estimates_wording.hpp"

namespace stackpick {

namespace {

// One writer, straight to text: estimates_json() parses what it writes, so the document and the
// compact lines of `stackpick batch` cannot differ.
using Writer = detail::JsonTextWriter;

Range range_of(const Quantity& quantity) { return {quantity.min, quantity.max}; }

void write_usd(Writer& writer, double value) {
    writer.value(static_cast<std::int64_t>(std::llround(value)));
}

void write_usd_range(Writer& writer, Range range) {
    writer.begin_object();
    writer.key("min");
    write_usd(writer, range.min);
    writer.key("max");
    write_usd(writer, range.max);
    writer.end_object();
}

/// Rounded to `decimals` places; whole numbers as integers.
void write_number(Writer& writer, double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::round(value * scale) / scale;
    if (std::trunc(rounded) == rounded && std::abs(rounded) < 1e15)
        writer.value(static_cast<std::int64_t>(rounded));
    else
        writer.value(rounded);
}

void write_range(Writer& writer, Range range, int decimals) {
    writer.begin_object();
    writer.key("min");
    write_number(writer, range.min, decimals);
    writer.key("max");
    write_number(writer, range.max, decimals);
    writer.end_object();
}

void write_optional_text(Writer& writer, const std::optional<std::string>& value) {
    if (value)
        writer.value(*value);
    else
        writer.value(nullptr);
}

void write_optional_number(Writer& writer, const std::optional<double>& value, int decimals) {
    if (value)
        write_number(writer, *value, decimals);
    else
        writer.value(nullptr);
}

void write_text_or_null(Writer& writer, const std::string& text) {
    if (text.empty())
        writer.value(nullptr);
    else
        writer.value(text);
}

void write_basis(Writer& writer, const EstimateBasis& basis, const Estimates& estimates) {
    writer.key("figures");
    writer.value(basis.figures);
    writer.key("sources");
    writer.value(basis.sources);
    writer.key("assumptions");
    writer.begin_array();
    for (const auto& assumption : basis.assumptions) {
        writer.begin_object();
        writer.key("id");
        writer.value(to_string(assumption.id));
        writer.key("text");
        writer.value(wording::assumption_text(assumption, estimates));
        writer.end_object();
    }
    writer.end_array();
}

void write_reasons(Writer& writer, const std::map<std::string, EstimateReason>& reasons,
                   const Estimates& estimates) {
    writer.begin_object();
    for (const auto& stack : estimates.stacks)
        if (const auto it = reasons.find(stack); it != reasons.end()) {
            writer.key(stack);
            writer.value(wording::reason_text(it->second, estimates));
        }
    writer.end_object();
}

void write_qualifier(Writer& writer, Qualifier qualifier) {
    if (qualifier == Qualifier::exact)
        writer.value(nullptr);
    else
        writer.value(std::string(qualifier_name(qualifier)));
}

void write_figure(Writer& writer, const ShownFigure& figure) {
    writer.begin_object();
    writer.key("id");
    writer.value(figure.id);
    writer.key("metric");
    writer.value(figure.metric);
    writer.key("value");
    write_range(writer, range_of(figure.value), 2);
    writer.key("unit");
    writer.value(figure.value.unit);
    writer.key("qualifier");
    write_qualifier(writer, figure.qualifier);
    writer.key("conditions");
    write_text_or_null(writer, figure.conditions);
    writer.key("derived");
    writer.value(figure.derived);
    writer.key("sources");
    writer.value(figure.sources);
    writer.end_object();
}

void write_note(Writer& writer, const ShownNote& note) {
    writer.begin_object();
    writer.key("id");
    writer.value(note.id);
    writer.key("text");
    writer.value(note.text);
    writer.key("sources");
    writer.value(note.sources);
    writer.end_object();
}

void write_stack_cost(Writer& writer, const StackCost& cost) {
    writer.begin_object();
    writer.key("development_usd");
    write_usd(writer, cost.development_usd);
    writer.key("development_usd_range");
    write_usd_range(writer, cost.development_usd_range);
    writer.key("hosting_usd");
    write_usd(writer, cost.hosting_usd);
    writer.key("hosting_usd_range");
    write_usd_range(writer, cost.hosting_usd_range);
    writer.key("total_usd");
    write_usd(writer, cost.total_usd);
    writer.key("total_usd_range");
    write_usd_range(writer, cost.total_usd_range);
    writer.key("hours");
    write_number(writer, cost.hours, 1);
    writer.key("hours_range");
    write_range(writer, cost.hours_range, 1);
    writer.key("rate_usd");
    write_number(writer, cost.rate_usd, 2);
    writer.key("rate_usd_range");
    write_range(writer, cost.rate_usd_range, 2);
    writer.key("rate_figure");
    write_text_or_null(writer, cost.rate_figure);
    writer.key("rate_derived");
    writer.value(cost.rate_derived);
    writer.key("ml_premium");
    writer.value(cost.ml_premium);
    writer.key("integration_usd");
    write_usd(writer, cost.integration_usd);
    writer.key("integration_usd_range");
    write_usd_range(writer, cost.integration_usd_range);
    writer.end_object();
}

void write_hosting(Writer& writer, const HostingEstimate& hosting) {
    writer.begin_object();
    writer.key("monthly_usd");
    write_usd(writer, hosting.monthly_usd);
    writer.key("monthly_usd_range");
    write_usd_range(writer, hosting.monthly_usd_range);
    writer.key("period_usd");
    if (hosting.period_usd)
        write_usd(writer, *hosting.period_usd);
    else
        writer.value(nullptr);
    writer.key("period_usd_range");
    if (hosting.period_usd)
        write_usd_range(writer, hosting.period_usd_range);
    else
        writer.value(nullptr);
    writer.end_object();
}

void write_capacity(Writer& writer, const CapacityEstimate& capacity, const Estimates& estimates) {
    writer.begin_object();
    writer.key("instances");
    write_number(writer, capacity.instances, 0);
    writer.key("instances_range");
    write_range(writer, capacity.instances_range, 0);
    writer.key("users_per_instance_range");
    write_range(writer, capacity.users_per_instance, 0);
    writer.key("memory_mb_range");
    if (capacity.memory_mb)
        write_range(writer, *capacity.memory_mb, 0);
    else
        writer.value(nullptr);
    writer.key("estimated");
    writer.value(capacity.estimated);
    writer.key("derivation");
    writer.value(wording::derivation_text(capacity, estimates));
    writer.key("sources");
    writer.value(capacity.sources);
    writer.end_object();
}

/// One member per stack, in knowledge-base order: write(value) for the stacks `values` has,
/// null for the others.
template <typename Map, typename Write>
void write_per_stack(Writer& writer, const std::vector<std::string>& stacks, const Map& values,
                     const Write& write) {
    for (const auto& stack : stacks) {
        writer.key(stack);
        if (const auto it = values.find(stack); it != values.end())
            write(it->second);
        else
            writer.value(nullptr);
    }
}

void write_inputs(Writer& writer, const EstimateInputs& in) {
    writer.key("inputs");
    writer.begin_object();
    writer.key("product");
    write_optional_text(writer, in.product);
    writer.key("team_size");
    write_optional_number(writer, in.team_size, 0);
    writer.key("months");
    write_optional_number(writer, in.months, 0);
    writer.key("region");
    write_optional_text(writer, in.region);
    writer.key("seniority");
    write_optional_text(writer, in.seniority);
    writer.key("rate_usd");
    write_optional_number(writer, in.rate_usd, 2);
    writer.key("requests_per_day");
    write_optional_number(writer, in.requests_per_day, 0);
    writer.key("concurrent_users");
    write_optional_number(writer, in.concurrent_users, 0);
    writer.end_object();
}

void write_cost_section(Writer& writer, const Estimates& estimates) {
    writer.key("cost");
    writer.begin_object();
    write_per_stack(writer, estimates.stacks, estimates.cost,
                    [&](const StackCost& cost) { write_stack_cost(writer, cost); });
    writer.key("reason");
    write_text_or_null(writer, wording::reason_text(estimates.cost_reason, estimates));
    writer.key("reasons");
    write_reasons(writer, estimates.cost_reasons, estimates);
    write_basis(writer, estimates.cost_basis, estimates);
    writer.end_object();
}

void write_hosting_section(Writer& writer, const Estimates& estimates) {
    writer.key("hosting");
    writer.begin_object();
    writer.key("traffic");
    writer.value(to_string(estimates.traffic));
    write_per_stack(writer, estimates.stacks, estimates.hosting,
                    [&](const HostingEstimate& hosting) { write_hosting(writer, hosting); });
    writer.key("reason");
    write_text_or_null(writer, wording::reason_text(estimates.hosting_reason, estimates));
    write_basis(writer, estimates.hosting_basis, estimates);
    writer.end_object();
}

void write_span(Writer& writer, const std::optional<BreakEven::Span>& span) {
    if (!span) {
        writer.value(nullptr);
        return;
    }
    writer.begin_object();
    writer.key("min");
    write_optional_number(writer, span->min, 0);
    writer.key("max");
    write_optional_number(writer, span->max, 0);
    writer.end_object();
}

void write_break_even_section(Writer& writer, const Estimates& estimates) {
    const BreakEven& break_even = estimates.break_even;
    writer.key("break_even_month");
    write_optional_number(writer, estimates.break_even_month, 0);
    writer.key("break_even");
    writer.begin_object();
    writer.key("month");
    write_optional_number(writer, estimates.break_even_month, 0);
    writer.key("exact_months");
    write_optional_number(writer, break_even.exact_months, 1);
    writer.key("cheaper_to_build");
    write_text_or_null(writer, break_even.cheaper_to_build);
    writer.key("cheaper_to_host");
    write_text_or_null(writer, break_even.cheaper_to_host);
    writer.key("reason");
    write_text_or_null(writer, wording::reason_text(break_even.reason, estimates));
    writer.key("range");
    write_span(writer, break_even.range);
    writer.key("determined");
    writer.value(break_even.determined);
    write_basis(writer, break_even.basis, estimates);
    writer.end_object();
}

void write_claim(Writer& writer, const BreakEvenClaim& claim) {
    writer.begin_object();
    writer.key("figure");
    writer.value(claim.figure);
    writer.key("metric");
    writer.value(claim.metric);
    writer.key("value");
    write_range(writer, range_of(claim.value), 2);
    writer.key("unit");
    writer.value(claim.value.unit);
    writer.key("qualifier");
    write_qualifier(writer, claim.qualifier);
    writer.key("conditions");
    write_text_or_null(writer, claim.conditions);
    writer.key("computed_months");
    write_optional_number(writer, claim.computed_months, 1);
    writer.key("contradicted");
    writer.value(claim.contradicted);
    writer.key("note");
    write_text_or_null(writer, wording::claim_note(claim));
    writer.key("sources");
    writer.value(claim.sources);
    writer.end_object();
}

void write_claims_section(Writer& writer, const Estimates& estimates) {
    writer.key("break_even_claims");
    writer.begin_array();
    for (const auto& claim : estimates.break_even_claims) write_claim(writer, claim);
    writer.end_array();
}

void write_timeline_section(Writer& writer, const Estimates& estimates) {
    writer.key("timeline_weeks");
    writer.begin_object();
    writer.key("product");
    write_optional_text(writer, estimates.inputs.product);
    writer.key("row");
    write_text_or_null(writer, estimates.timeline_row);
    write_per_stack(writer, estimates.stacks, estimates.timeline_weeks,
                    [&](const Range& weeks) { write_range(writer, weeks, 1); });
    writer.key("reason");
    write_text_or_null(writer, wording::reason_text(estimates.timeline_reason, estimates));
    writer.key("reasons");
    write_reasons(writer, estimates.timeline_reasons, estimates);
    write_basis(writer, estimates.timeline_basis, estimates);
    writer.end_object();
}

void write_disagreement(Writer& writer, const CapacityDisagreement& disagreement) {
    writer.begin_object();
    writer.key("figure");
    writer.value(disagreement.figure);
    writer.key("stack");
    writer.value(disagreement.stack);
    writer.key("text");
    writer.value(wording::disagreement_text(disagreement));
    writer.key("instances");
    write_number(writer, disagreement.instances, 0);
    writer.key("sources");
    writer.value(disagreement.sources);
    writer.end_object();
}

void write_capacity_section(Writer& writer, const Estimates& estimates) {
    writer.key("capacity");
    writer.begin_object();
    writer.key("concurrent_users");
    write_optional_number(writer, estimates.inputs.concurrent_users, 0);
    write_per_stack(
        writer, estimates.stacks, estimates.capacity,
        [&](const CapacityEstimate& capacity) { write_capacity(writer, capacity, estimates); });
    writer.key("disagreements");
    writer.begin_array();
    for (const auto& disagreement : estimates.capacity_disagreements)
        write_disagreement(writer, disagreement);
    writer.end_array();
    writer.key("reason");
    write_text_or_null(writer, wording::reason_text(estimates.capacity_reason, estimates));
    writer.key("reasons");
    write_reasons(writer, estimates.capacity_reasons, estimates);
    write_basis(writer, estimates.capacity_basis, estimates);
    writer.end_object();
}

void write_hiring(Writer& writer, const Hiring& hiring) {
    writer.begin_object();
    writer.key("figures");
    writer.begin_array();
    for (const auto& figure : hiring.figures) write_figure(writer, figure);
    writer.end_array();
    writer.key("notes");
    writer.begin_array();
    for (const auto& note : hiring.notes) write_note(writer, note);
    writer.end_array();
    writer.end_object();
}

void write_hiring_section(Writer& writer, const Estimates& estimates) {
    writer.key("hiring");
    writer.begin_object();
    write_per_stack(writer, estimates.stacks, estimates.hiring,
                    [&](const Hiring& hiring) { write_hiring(writer, hiring); });
    writer.key("notes");
    writer.begin_array();
    for (const auto& note : estimates.hiring_notes) write_note(writer, note);
    writer.end_array();
    writer.key("reasons");
    write_reasons(writer, estimates.hiring_reasons, estimates);
    write_basis(writer, estimates.hiring_basis, estimates);
    writer.end_object();
}

void write_salaries_section(Writer& writer, const Estimates& estimates) {
    writer.key("salaries");
    const auto& salaries = estimates.salaries;
    if (!salaries) {
        writer.value(nullptr);
        return;
    }
    writer.begin_object();
    writer.key("region");
    writer.value(salaries->region);
    write_per_stack(writer, estimates.stacks, salaries->by_stack,
                    [&](const ShownFigure& figure) { write_figure(writer, figure); });
    writer.key("note");
    writer.value(wording::salaries_note(*salaries));
    write_basis(writer, salaries->basis, estimates);
    writer.end_object();
}

}  // namespace

void detail::write_estimates(JsonTextWriter& writer, const Estimates& estimates) {
    writer.begin_object();
    write_inputs(writer, estimates.inputs);
    write_cost_section(writer, estimates);
    write_hosting_section(writer, estimates);
    write_break_even_section(writer, estimates);
    write_claims_section(writer, estimates);
    write_timeline_section(writer, estimates);
    write_capacity_section(writer, estimates);
    write_hiring_section(writer, estimates);
    write_salaries_section(writer, estimates);
    writer.end_object();
}

void append_estimates_json(std::string& out, const Estimates& estimates) {
    detail::JsonTextWriter writer(out);
    detail::write_estimates(writer, estimates);
}

nlohmann::ordered_json estimates_json(const Estimates& estimates) {
    std::string text;
    append_estimates_json(text, estimates);
    return nlohmann::ordered_json::parse(text);
}

}  // namespace stackpick
