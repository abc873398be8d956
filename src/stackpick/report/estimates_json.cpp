#include "stackpick/report/estimates_json.hpp"

#include <cmath>
#include <cstdint>

#include "stackpick/report/estimates_wording.hpp"
#include "stackpick/util/number_text.hpp"

namespace stackpick {

namespace {

// One function template per part, through either writer: the nlohmann document and the compact
// lines of `stackpick batch` come from the same calls, so they cannot differ.
using detail::array_of;
using detail::member;
using detail::null_unless;
using detail::text_or_null;
using detail::write_members;
using detail::write_object;
using detail::write_value;

/// Whole dollars.
std::int64_t usd(double value) { return static_cast<std::int64_t>(std::llround(value)); }

/// Rounded to `decimals` places (written as an integer when that is whole).
double rounded(double value, int decimals) { return rounded_figure(value, decimals); }

std::optional<double> rounded(const std::optional<double>& value, int decimals) {
    if (!value) return std::nullopt;
    return rounded(*value, decimals);
}

/// {"min", "max"} in whole dollars.
auto usd_range(Range range) {
    return [range](auto& writer) {
        write_object(writer, member("min", usd(range.min)), member("max", usd(range.max)));
    };
}

/// {"min", "max"}, each rounded to `decimals` places.
auto range_of(Range range, int decimals) {
    return [range, decimals](auto& writer) {
        write_object(writer, member("min", rounded(range.min, decimals)),
                     member("max", rounded(range.max, decimals)));
    };
}

auto range_of(const Quantity& quantity, int decimals) {
    return range_of(Range{quantity.min, quantity.max}, decimals);
}

/// A qualifier's name; null for exact.
std::optional<std::string_view> qualifier_of(Qualifier qualifier) {
    return null_unless(qualifier != Qualifier::exact, qualifier_name(qualifier));
}

/// Why there is no value, as text; null when there is one.
std::optional<std::string> reason_of(const EstimateReason& reason, const Estimates& estimates) {
    std::string text = wording::reason_text(reason, estimates);
    if (text.empty()) return std::nullopt;
    return text;
}

/// {stack: why it has no value}, for the stacks that have a reason, in knowledge-base order.
auto reasons_of(const std::map<std::string, EstimateReason>& reasons, const Estimates& estimates) {
    return [&reasons, &estimates](auto& writer) {
        writer.begin_object();
        for (const auto& stack : estimates.stacks)
            if (const auto it = reasons.find(stack); it != reasons.end())
                write_members(writer, member(stack, wording::reason_text(it->second, estimates)));
        writer.end_object();
    };
}

/// {stack: [figure id, ...]}: the figures each stack without a value lacks, for the stacks whose
/// reason is missing figures, in knowledge-base order.
auto missing_figures_of(const std::map<std::string, EstimateReason>& reasons,
                        const Estimates& estimates) {
    return [&reasons, &estimates](auto& writer) {
        writer.begin_object();
        for (const auto& stack : estimates.stacks)
            if (const auto ids = wording::missing_ids(reasons, stack); !ids.empty())
                write_members(writer, member(stack, ids));
        writer.end_object();
    };
}

/// The members "figures", "sources" and "assumptions" of a section.
template <typename Writer>
void write_basis(Writer& writer, const EstimateBasis& basis, const Estimates& estimates) {
    const auto write_assumption = [&estimates](auto& out, const Assumption& assumption) {
        write_object(out, member("id", to_string(assumption.id)),
                     member("text", wording::assumption_text(assumption, estimates)));
    };
    write_members(writer, member("figures", basis.figures), member("sources", basis.sources),
                  member("assumptions", array_of(basis.assumptions, write_assumption)));
}

/// The member `name`: an object of what body() writes, then the section's basis.
template <typename Writer, typename Body>
void write_section(Writer& writer, std::string_view name, const EstimateBasis& basis,
                   const Estimates& estimates, const Body& body) {
    writer.key(name);
    writer.begin_object();
    body();
    write_basis(writer, basis, estimates);
    writer.end_object();
}

/// One member per stack, in knowledge-base order: write(value) for the stacks `values` has,
/// null for the others.
template <typename Writer, typename Map, typename Write>
void write_per_stack(Writer& writer, const std::vector<std::string>& stacks, const Map& values,
                     const Write& write) {
    for (const auto& stack : stacks) {
        writer.key(stack);
        if (const auto it = values.find(stack); it != values.end())
            write(writer, it->second);
        else
            writer.value(nullptr);
    }
}

/// "metric", "value", "unit", "qualifier" and "conditions": a source's figure as it states it.
template <typename Writer, typename Stated>
void write_stated(Writer& writer, const Stated& stated) {
    write_members(writer, member("metric", stated.metric),
                  member("value", range_of(stated.value, 2)), member("unit", stated.value.unit),
                  member("qualifier", qualifier_of(stated.qualifier)),
                  member("conditions", text_or_null(stated.conditions)));
}

template <typename Writer>
void write_figure(Writer& writer, const ShownFigure& figure) {
    writer.begin_object();
    write_members(writer, member("id", figure.id));
    write_stated(writer, figure);
    write_members(writer, member("derived", figure.derived), member("sources", figure.sources));
    writer.end_object();
}

template <typename Writer>
void write_note(Writer& writer, const ShownNote& note) {
    write_object(writer, member("id", note.id), member("text", note.text),
                 member("sources", note.sources));
}

template <typename Writer>
void write_stack_cost(Writer& writer, const StackCost& cost) {
    write_object(writer, member("development_usd", usd(cost.development_usd)),
                 member("development_usd_range", usd_range(cost.development_usd_range)),
                 member("hosting_usd", usd(cost.hosting_usd)),
                 member("hosting_usd_range", usd_range(cost.hosting_usd_range)),
                 member("total_usd", usd(cost.total_usd)),
                 member("total_usd_range", usd_range(cost.total_usd_range)),
                 member("hours", rounded(cost.hours, 1)),
                 member("hours_range", range_of(cost.hours_range, 1)),
                 member("rate_usd", rounded(cost.rate_usd, 2)),
                 member("rate_usd_range", range_of(cost.rate_usd_range, 2)),
                 member("rate_figure", text_or_null(cost.rate_figure)),
                 member("rate_derived", cost.rate_derived), member("ml_premium", cost.ml_premium),
                 member("integration_usd", usd(cost.integration_usd)),
                 member("integration_usd_range", usd_range(cost.integration_usd_range)));
}

template <typename Writer>
void write_hosting(Writer& writer, const HostingEstimate& hosting) {
    const bool period = hosting.period_usd.has_value();
    write_object(
        writer, member("monthly_usd", usd(hosting.monthly_usd)),
        member("monthly_usd_range", usd_range(hosting.monthly_usd_range)),
        member("period_usd", null_unless(period, usd(hosting.period_usd.value_or(0)))),
        member("period_usd_range", null_unless(period, usd_range(hosting.period_usd_range))));
}

template <typename Writer>
void write_capacity(Writer& writer, const CapacityEstimate& capacity, const Estimates& estimates) {
    write_object(
        writer, member("instances", rounded(capacity.instances, 0)),
        member("instances_range", range_of(capacity.instances_range, 0)),
        member("users_per_instance_range", range_of(capacity.users_per_instance, 0)),
        member("memory_mb_range", null_unless(capacity.memory_mb.has_value(),
                                              range_of(capacity.memory_mb.value_or(Range{}), 0))),
        member("estimated", capacity.estimated),
        member("derivation", wording::derivation_text(capacity, estimates)),
        member("sources", capacity.sources));
}

template <typename Writer>
void write_inputs(Writer& writer, const EstimateInputs& in) {
    write_members(writer, member("inputs", [&in](Writer& out) {
                      write_object(out, member("product", in.product),
                                   member("team_size", rounded(in.team_size, 0)),
                                   member("months", rounded(in.months, 0)),
                                   member("region", in.region), member("seniority", in.seniority),
                                   member("rate_usd", rounded(in.rate_usd, 2)),
                                   member("requests_per_day", rounded(in.requests_per_day, 0)),
                                   member("concurrent_users", rounded(in.concurrent_users, 0)));
                  }));
}

template <typename Writer>
void write_cost_section(Writer& writer, const Estimates& estimates) {
    write_section(writer, "cost", estimates.cost_basis, estimates, [&] {
        write_per_stack(writer, estimates.stacks, estimates.cost, write_stack_cost<Writer>);
        write_members(
            writer, member("reason", reason_of(estimates.cost_reason, estimates)),
            member("reasons", reasons_of(estimates.cost_reasons, estimates)),
            member("missing_figures", missing_figures_of(estimates.cost_reasons, estimates)));
    });
}

template <typename Writer>
void write_hosting_section(Writer& writer, const Estimates& estimates) {
    write_section(writer, "hosting", estimates.hosting_basis, estimates, [&] {
        write_members(writer, member("traffic", to_string(estimates.traffic)));
        write_per_stack(writer, estimates.stacks, estimates.hosting, write_hosting<Writer>);
        write_members(
            writer, member("reason", reason_of(estimates.hosting_reason, estimates)),
            member("reasons", reasons_of(estimates.hosting_reasons, estimates)),
            member("missing_figures", missing_figures_of(estimates.hosting_reasons, estimates)));
    });
}

template <typename Writer>
void write_break_even_section(Writer& writer, const Estimates& estimates) {
    const BreakEven& break_even = estimates.break_even;
    const auto span = [&break_even](Writer& out) {
        write_object(out, member("min", rounded(break_even.range->min, 0)),
                     member("max", rounded(break_even.range->max, 0)));
    };
    write_members(writer, member("break_even_month", rounded(estimates.break_even_month, 0)));
    write_section(writer, "break_even", break_even.basis, estimates, [&] {
        write_members(writer, member("month", rounded(estimates.break_even_month, 0)),
                      member("exact_months", rounded(break_even.exact_months, 1)),
                      member("cheaper_to_build", text_or_null(break_even.cheaper_to_build)),
                      member("cheaper_to_host", text_or_null(break_even.cheaper_to_host)),
                      member("reason", reason_of(break_even.reason, estimates)),
                      member("range", null_unless(break_even.range.has_value(), span)),
                      member("determined", break_even.determined));
    });
}

template <typename Writer>
void write_claim(Writer& writer, const BreakEvenClaim& claim) {
    writer.begin_object();
    write_members(writer, member("figure", claim.figure));
    write_stated(writer, claim);
    write_members(writer, member("computed_months", rounded(claim.computed_months, 1)),
                  member("contradicted", claim.contradicted),
                  member("note", text_or_null(wording::claim_note(claim))),
                  member("sources", claim.sources));
    writer.end_object();
}

template <typename Writer>
void write_timeline_section(Writer& writer, const Estimates& estimates) {
    write_section(writer, "timeline_weeks", estimates.timeline_basis, estimates, [&] {
        write_members(writer, member("product", estimates.inputs.product),
                      member("row", text_or_null(estimates.timeline_row)));
        write_per_stack(writer, estimates.stacks, estimates.timeline_weeks,
                        [](Writer& out, Range weeks) { write_value(out, range_of(weeks, 1)); });
        write_members(writer, member("reason", reason_of(estimates.timeline_reason, estimates)),
                      member("reasons", reasons_of(estimates.timeline_reasons, estimates)));
    });
}

template <typename Writer>
void write_disagreement(Writer& writer, const CapacityDisagreement& disagreement) {
    write_object(writer, member("figure", disagreement.figure), member("stack", disagreement.stack),
                 member("text", wording::disagreement_text(disagreement)),
                 member("instances", rounded(disagreement.instances, 0)),
                 member("sources", disagreement.sources));
}

template <typename Writer>
void write_capacity_section(Writer& writer, const Estimates& estimates) {
    write_section(writer, "capacity", estimates.capacity_basis, estimates, [&] {
        write_members(writer,
                      member("concurrent_users", rounded(estimates.inputs.concurrent_users, 0)));
        write_per_stack(writer, estimates.stacks, estimates.capacity,
                        [&estimates](Writer& out, const CapacityEstimate& capacity) {
                            write_capacity(out, capacity, estimates);
                        });
        write_members(writer,
                      member("disagreements", array_of(estimates.capacity_disagreements,
                                                       write_disagreement<Writer>)),
                      member("reason", reason_of(estimates.capacity_reason, estimates)),
                      member("reasons", reasons_of(estimates.capacity_reasons, estimates)));
    });
}

template <typename Writer>
void write_hiring(Writer& writer, const Hiring& hiring) {
    write_object(writer, member("figures", array_of(hiring.figures, write_figure<Writer>)),
                 member("notes", array_of(hiring.notes, write_note<Writer>)));
}

template <typename Writer>
void write_hiring_section(Writer& writer, const Estimates& estimates) {
    write_section(writer, "hiring", estimates.hiring_basis, estimates, [&] {
        write_per_stack(writer, estimates.stacks, estimates.hiring, write_hiring<Writer>);
        write_members(writer, member("notes", array_of(estimates.hiring_notes, write_note<Writer>)),
                      member("reasons", reasons_of(estimates.hiring_reasons, estimates)));
    });
}

template <typename Writer>
void write_salaries_section(Writer& writer, const Estimates& estimates) {
    const auto& salaries = estimates.salaries;
    if (!salaries) {
        write_members(writer, member("salaries", nullptr));
        return;
    }
    write_section(writer, "salaries", salaries->basis, estimates, [&] {
        write_members(writer, member("region", salaries->region));
        write_per_stack(writer, estimates.stacks, salaries->by_stack, write_figure<Writer>);
        write_members(writer, member("note", wording::salaries_note(*salaries)));
    });
}

template <typename Writer>
void write_estimates_object(Writer& writer, const Estimates& estimates) {
    writer.begin_object();
    write_inputs(writer, estimates.inputs);
    write_cost_section(writer, estimates);
    write_hosting_section(writer, estimates);
    write_break_even_section(writer, estimates);
    writer.key("break_even_claims");
    write_value(writer, array_of(estimates.break_even_claims, write_claim<Writer>));
    write_timeline_section(writer, estimates);
    write_capacity_section(writer, estimates);
    write_hiring_section(writer, estimates);
    write_salaries_section(writer, estimates);
    writer.end_object();
}

}  // namespace

void detail::write_estimates(JsonTextWriter& writer, const Estimates& estimates) {
    write_estimates_object(writer, estimates);
}

void detail::write_estimates(JsonBuilder& builder, const Estimates& estimates) {
    write_estimates_object(builder, estimates);
}

void append_estimates_json(std::string& out, const Estimates& estimates) {
    detail::JsonTextWriter writer(out);
    write_estimates_object(writer, estimates);
}

nlohmann::ordered_json estimates_json(const Estimates& estimates) {
    detail::JsonBuilder builder;
    write_estimates_object(builder, estimates);
    return builder.take();
}

}  // namespace stackpick
