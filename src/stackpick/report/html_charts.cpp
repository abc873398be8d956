// The HTML report's charts from the engine's values: what to draw, in the words every format
// uses. Where to draw it is report/svg_*.

#include "stackpick/report/html_charts.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "stackpick/report/estimates_wording.hpp"
#include "stackpick/report/html_page.hpp"
#include "stackpick/report/summary.hpp"
#include "stackpick/report/svg_chart.hpp"
#include "stackpick/util/number_text.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

using namespace wording;

/// A stack's colour: its place in the knowledge base, the same in every chart.
std::size_t colour_of(const std::vector<std::string>& stacks, const std::string& id) {
    const auto it = std::find(stacks.begin(), stacks.end(), id);
    return static_cast<std::size_t>(it - stacks.begin());
}

std::vector<std::string> stack_ids(const KnowledgeBase& knowledge_base) {
    std::vector<std::string> ids;
    for (const auto& stack : knowledge_base.stacks) ids.push_back(stack.id);
    return ids;
}

std::string gap_text(const Recommendation& recommendation) {
    if (recommendation.ranking.size() < 2) return {};
    if (recommendation.tied_with.empty()) return fmt::format("margin {}", recommendation.margin);
    return recommendation.open_between.empty() ? "tie on points, broken" : "tie: no clear pick";
}

}  // namespace

std::string ranking_figure(const Recommendation& recommendation,
                           const KnowledgeBase& knowledge_base) {
    const auto ids = stack_ids(knowledge_base);
    svg::BarChart chart;
    chart.text = {"chart-ranking", "Ranking of the options",
                  "Score of each option on 0 to 100. " + summary_text(recommendation)};
    chart.axis_max = 100;
    chart.axis_label = "score (0-100)";
    chart.gap = gap_text(recommendation);
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < recommendation.ranking.size(); ++i) {
        const RankedStack& stack = recommendation.ranking[i];
        const std::string points = figure_text(stack.points);
        chart.bars.push_back({stack.name, stack.score,
                              score_text(stack.score) + " (" + points + " pts)",
                              colour_of(ids, stack.id)});
        rows.push_back(
            {std::to_string(i + 1), html_escape(stack.name), score_text(stack.score), points});
    }
    std::string table = html_table("Scores", {"Rank", "Option", "Score", "Points"}, rows);
    if (!chart.gap.empty()) table += html_paragraph("Between the first two: " + chart.gap + ".");
    return html_figure(svg::bar_chart(chart), table);
}

std::string cost_figure(const Estimates& estimates) {
    if (estimates.cost.empty()) return {};
    svg::RangeChart chart;
    chart.axis_label = "total cost, USD";
    chart.tick_text = [](double value) { return money(value); };
    std::vector<std::string> described;
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < estimates.stacks.size(); ++i) {
        const auto it = estimates.cost.find(estimates.stacks[i]);
        if (it == estimates.cost.end()) continue;
        const StackCost& cost = it->second;
        const std::string name = name_of(estimates, it->first);
        chart.rows.push_back({name, cost.total_usd_range.min, cost.total_usd_range.max,
                              cost.total_usd, money_range(cost.total_usd_range), i});
        described.push_back(name + " " + money_with_range(cost.total_usd, cost.total_usd_range));
        rows.push_back({html_escape(name), money(cost.total_usd_range.min), money(cost.total_usd),
                        money(cost.total_usd_range.max)});
    }
    chart.text = {"chart-cost", "Total cost per stack (USD)",
                  "Development plus hosting over the planned months, low to high, the expected "
                  "value marked; where the ranges overlap the figures do not say which costs "
                  "less: " +
                      list_text(described, "and") + "."};
    return html_figure(svg::range_chart(chart),
                       html_table("Total cost (USD)", {"Stack", "Low", "Expected", "High"}, rows));
}

double cost_chart_months(const Estimates& estimates) {
    const BreakEven& break_even = estimates.break_even;
    const auto within = [](double months) { return std::clamp(months, 12.0, 120.0); };
    if (estimates.break_even_month) return within(std::ceil(*estimates.break_even_month * 1.5));
    if (break_even.range && break_even.range->min)
        return within(break_even.range->max.value_or(k_break_even_horizon_months));
    if (break_even.reason.kind == EstimateReasonKind::beyond_horizon)
        return k_break_even_horizon_months;
    return 24;
}

std::string weeks_figure(const Estimates& estimates) {
    if (estimates.timeline_weeks.empty()) return {};
    svg::RangeChart chart;
    chart.axis_label = "weeks to build";
    chart.tick_text = [](double value) { return whole(value); };
    std::vector<std::string> described;
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < estimates.stacks.size(); ++i) {
        const auto it = estimates.timeline_weeks.find(estimates.stacks[i]);
        if (it == estimates.timeline_weeks.end()) continue;
        const std::string name = name_of(estimates, it->first);
        const std::string weeks = range_text(it->second, "weeks");
        chart.rows.push_back({name, it->second.min, it->second.max, std::nullopt, weeks, i});
        described.push_back(name + " " + weeks);
        rows.push_back({html_escape(name), html_escape(weeks)});
    }
    chart.text = {
        "chart-weeks", "Time to build (weeks)",
        "Weeks to build per stack for " +
            (estimates.product_name.empty() ? std::string("the product") : estimates.product_name) +
            ": " + list_text(described, "and") + "."};
    return html_figure(svg::range_chart(chart),
                       html_table("Time to build", {"Stack", "Weeks"}, rows));
}

std::string split_figure(const RankedStack& stack, const KnowledgeBase& knowledge_base) {
    if (stack.split.empty()) return {};
    const auto ids = stack_ids(knowledge_base);
    svg::SplitDiagram diagram;
    diagram.clients = "Clients";
    diagram.transport = knowledge_base.split_transport;
    std::vector<std::string> described;
    std::vector<std::vector<std::string>> rows;
    for (const auto& part : stack.split) {
        const auto* part_stack = knowledge_base.find_stack(part.stack);
        const std::string name = part_stack ? part_stack->name : part.stack;
        diagram.boxes.push_back({name, part.services, colour_of(ids, part.stack)});
        described.push_back(name + " runs " + list_text(part.services, "and"));
        std::string services;
        for (const auto& service : part.services) services += html_escape(service) + "<br>";
        rows.push_back({html_escape(name), services});
    }
    diagram.text = {"chart-split", "How " + stack.name + " splits the services",
                    "Clients call the first runtime, which calls the others. " +
                        fmt::format("{}", fmt::join(described, "; ")) + ". They talk over " +
                        knowledge_base.split_transport + "."};
    return html_figure(svg::split_diagram(diagram),
                       html_table("The split", {"Runtime", "Services"}, rows));
}

}  // namespace stackpick
