// The chart of cost over the months: what each stack has cost by each month (the engine's
// cost_by_month), with the break-even marked where the estimates found one.

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "stackpick/report/estimates_wording.hpp"
#include "stackpick/report/html_charts.hpp"
#include "stackpick/report/html_page.hpp"
#include "stackpick/report/svg_chart.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

using namespace wording;

/// The break-even as the chart marks it: the month the expected costs meet, the span of months
/// the ranges' ends give when they do not determine it, or a note.
void mark_break_even(const Estimates& estimates, double months, svg::LineChart& chart) {
    const BreakEven& break_even = estimates.break_even;
    const std::string summary = break_even_summary(estimates);
    if (break_even.range && break_even.range->min && !break_even.determined) {
        chart.span = {*break_even.range->min, break_even.range->max.value_or(months)};
        chart.span_label = "break-even: " + summary;
    }
    if (estimates.break_even_month) {
        chart.mark = *estimates.break_even_month;
        chart.mark_label =
            (break_even.determined ? "break-even: month " : "expected costs meet: month ") +
            whole(*estimates.break_even_month);
    }
    if (!chart.mark && !chart.span)
        chart.note = "No break-even within " + whole(months) + " months: " + summary + ".";
}

/// The months the table shows: the start, the break-even, the planned build, the last month.
std::vector<double> table_months(const Estimates& estimates, double months) {
    std::set<double> shown{0, months};
    if (estimates.inputs.months && *estimates.inputs.months <= months)
        shown.insert(*estimates.inputs.months);
    if (estimates.break_even_month && *estimates.break_even_month <= months)
        shown.insert(*estimates.break_even_month);
    return {shown.begin(), shown.end()};
}

std::string cost_table(const Estimates& estimates, const std::vector<std::string>& stacks,
                       double months) {
    std::vector<std::string> header{"Month"};
    for (const auto& stack : stacks) header.push_back(name_of(estimates, stack));
    std::vector<std::vector<std::string>> rows;
    for (const double month : table_months(estimates, months)) {
        std::vector<std::string> row{whole(month)};
        for (const auto& stack : stacks) {
            const auto cost = cost_by_month(estimates, stack, month);
            row.push_back(cost ? money_with_range(cost->expected_usd, cost->usd_range) : "-");
        }
        rows.push_back(row);
    }
    return "<div class=\"scroll\">\n" +
           html_table("Cost so far (USD, expected and low-high)", header, rows) + "</div>\n" +
           html_paragraph("Break-even: " + break_even_text(estimates));
}

}  // namespace

std::string cost_over_time_figure(const Estimates& estimates) {
    const double months = cost_chart_months(estimates);
    svg::LineChart chart;
    chart.x_label = "months from the start of development";
    chart.y_label = "cost so far, USD";
    chart.x_tick_text = [](double value) { return whole(value); };
    chart.y_tick_text = [](double value) { return money(value); };
    std::vector<std::string> drawn;
    for (std::size_t i = 0; i < estimates.stacks.size(); ++i) {
        const std::string& stack = estimates.stacks[i];
        if (!cost_by_month(estimates, stack, 0)) continue;
        svg::LineSeries series{name_of(estimates, stack), {}, {}, {}, i};
        for (double month = 0; month <= months; ++month) {
            const auto cost = cost_by_month(estimates, stack, month);
            series.expected.push_back(cost->expected_usd);
            series.low.push_back(cost->usd_range.min);
            series.high.push_back(cost->usd_range.max);
        }
        chart.series.push_back(std::move(series));
        drawn.push_back(stack);
    }
    if (drawn.empty()) return {};
    mark_break_even(estimates, months, chart);
    chart.text = {"chart-cost-over-time", "Cost so far over the months (USD)",
                  fmt::format("Development in full at month 0, then hosting every month, for {} "
                              "months; the band is the low-high range. Break-even: {}",
                              whole(months), break_even_text(estimates))};
    return html_figure(svg::line_chart(chart), cost_table(estimates, drawn, months));
}

}  // namespace stackpick
