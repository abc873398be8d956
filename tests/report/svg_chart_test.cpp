// The SVG chart builders: scales and ticks, ranges that cross, one stack, a tie, a break-even
// beyond the horizon, four stacks; and that whatever they are given comes out as text.

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "stackpick/engine/estimates.hpp"
#include "stackpick/report/html_charts.hpp"
#include "stackpick/report/svg_chart.hpp"
#include "support/shipped_knowledge_base.hpp"

using namespace stackpick;

namespace {

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

/// The value of attribute `name` of the n-th element that starts with `element`.
double attribute(const std::string& svg, const std::string& element, const std::string& name,
                 std::size_t n = 0) {
    std::size_t at = svg.find(element);
    for (std::size_t i = 0; i < n; ++i) at = svg.find(element, at + 1);
    REQUIRE(at != std::string::npos);
    const auto start = svg.find(name + "=\"", at) + name.size() + 2;
    return std::stod(svg.substr(start, svg.find('"', start) - start));
}

const KnowledgeBase& shipped() { return stackpick::testing::shipped_knowledge_base(); }

Estimates estimates_for(const GivenAnswers& given) {
    return estimate(shipped(), resolve_answers(shipped().questions, given));
}

}  // namespace

TEST_CASE("an axis starts at zero and ends on a round tick that holds the highest value",
          "[report][svg]") {
    const svg::Axis axis = svg::axis_from_zero(86'750);
    CHECK(axis.ticks.front() == 0);
    CHECK(axis.max == 100'000);
    CHECK(axis.ticks == std::vector<double>{0, 20'000, 40'000, 60'000, 80'000, 100'000});
    CHECK(svg::axis_from_zero(100).max == 100);
    CHECK(svg::axis_from_zero(37.7).ticks == std::vector<double>{0, 10, 20, 30, 40});
    CHECK(svg::axis_from_zero(12, 6).ticks == std::vector<double>{0, 2, 4, 6, 8, 10, 12});
    CHECK(svg::axis_from_zero(0).ticks == std::vector<double>{0, 1});
    CHECK(svg::axis_from_zero(-5).max == 1);
}

TEST_CASE("a scale maps zero and the maximum onto the ends and clamps beyond them",
          "[report][svg]") {
    const svg::Axis axis = svg::axis_from_zero(100);
    CHECK(svg::scale(axis, 0, 160, 470) == 160);
    CHECK(svg::scale(axis, 100, 160, 470) == 470);
    CHECK(svg::scale(axis, 50, 160, 470) == Approx(315));
    CHECK(svg::scale(axis, 150, 160, 470) == 470);
    CHECK(svg::scale(axis, -1, 0, 10) == 0);
}

TEST_CASE("every chart has a title and a description, and escapes what it is given",
          "[report][svg]") {
    svg::BarChart chart;
    chart.text = {"c", "<script>alert(1)</script>", "a & b"};
    chart.bars = {{"<b>x</b>", 10, "10 \"pts\"", 0}};
    const std::string out = svg::bar_chart(chart);
    CHECK(out.find("<title id=\"c-title\">&lt;script&gt;alert(1)&lt;/script&gt;</title>") !=
          std::string::npos);
    CHECK(out.find("<desc id=\"c-desc\">a &amp; b</desc>") != std::string::npos);
    CHECK(out.find("<script") == std::string::npos);
    CHECK(out.find("<b>") == std::string::npos);
    CHECK(out.find("10 &quot;pts&quot;") != std::string::npos);
}

TEST_CASE("a single bar is drawn from zero to its value", "[report][svg]") {
    svg::BarChart chart;
    chart.text = {"one", "One stack", "only one"};
    chart.axis_max = 100;
    chart.bars = {{"Python", 50, "50.0", 0}};
    chart.gap = "margin 50";  // no second bar: no mark
    const std::string out = svg::bar_chart(chart);
    CHECK(count(out, "class=\"bar\"") == 1);
    CHECK(attribute(out, "<rect class=\"bar\"", "x") == 160);
    CHECK(attribute(out, "<rect class=\"bar\"", "width") == Approx(155));
    CHECK(out.find("class=\"gap\"") == std::string::npos);
}

TEST_CASE("a tie is marked between the two equal bars", "[report][svg]") {
    svg::BarChart chart;
    chart.text = {"tie", "Tie", "tied"};
    chart.bars = {{"Node.js", 40, "40", 0}, {"Python", 40, "40", 1}, {"Hybrid", 10, "10", 2}};
    chart.gap = "tie: no clear pick";
    const std::string out = svg::bar_chart(chart);
    CHECK(count(out, "class=\"bar\"") == 3);
    CHECK(attribute(out, "<rect class=\"bar\"", "width", 0) ==
          attribute(out, "<rect class=\"bar\"", "width", 1));
    CHECK(out.find("<text x=\"476\" y=\"43\">tie: no clear pick</text>") != std::string::npos);
}

TEST_CASE("ranges that cross are both drawn where they are, expected values marked",
          "[report][svg]") {
    svg::RangeChart chart;
    chart.text = {"cost", "Cost", "crossing"};
    chart.rows = {{"Node.js", 40'000, 70'000, 60'000, "a", 0},
                  {"Python", 50'000, 90'000, 55'000, "b", 1}};
    const std::string out = svg::range_chart(chart);
    CHECK(count(out, "class=\"range\"") == 2);
    CHECK(count(out, "class=\"expected\"") == 2);
    // The axis is 0..100,000 over pixels 160..470: each range where its numbers are.
    const double node_x = attribute(out, "<rect class=\"range\"", "x", 0);
    const double python_x = attribute(out, "<rect class=\"range\"", "x", 1);
    const double node_end = node_x + attribute(out, "<rect class=\"range\"", "width", 0);
    const double python_end = python_x + attribute(out, "<rect class=\"range\"", "width", 1);
    CHECK(node_x == Approx(284));
    CHECK(node_end == Approx(377));
    CHECK(python_x == Approx(315));
    CHECK(python_end == Approx(439));
    CHECK(python_x < node_end);  // they cross: neither is surely cheaper
    CHECK(out.find(">0</text>") != std::string::npos);
}

TEST_CASE("four stacks get four colours from the palette", "[report][svg]") {
    svg::RangeChart chart;
    chart.text = {"four", "Four", "four stacks"};
    for (std::size_t i = 0; i < 4; ++i)
        chart.rows.push_back({"stack " + std::to_string(i), 1.0 + static_cast<double>(i),
                              2.0 + static_cast<double>(i), std::nullopt, "", i});
    const std::string out = svg::range_chart(chart);
    CHECK(count(out, "class=\"range\"") == 4);
    for (std::size_t i = 0; i < 4; ++i)
        CHECK(out.find("fill=\"" + svg::colour(i) + "\"") != std::string::npos);
    CHECK(svg::colour(0) != svg::colour(3));
}

TEST_CASE("a line chart marks a month, or writes a note when there is none", "[report][svg]") {
    svg::LineChart chart;
    chart.text = {"lines", "Lines", "two lines"};
    chart.series = {{"a", {10, 20, 30}, {5, 15, 25}, {15, 25, 35}, 0},
                    {"b", {20, 22, 24}, {}, {}, 1}};
    chart.note = "No break-even within 2 months.";
    std::string out = svg::line_chart(chart);
    CHECK(count(out, "<polyline") == 2);
    CHECK(count(out, "<polygon class=\"band\"") == 1);
    CHECK(out.find("No break-even within 2 months.") != std::string::npos);
    chart.mark = 1;
    chart.mark_label = "break-even: month 1";
    out = svg::line_chart(chart);
    CHECK(out.find("break-even: month 1") != std::string::npos);
    CHECK(out.find("No break-even") == std::string::npos);
}

TEST_CASE("a break-even beyond the horizon draws the whole horizon and says so", "[report][html]") {
    // 2 developers for 3 months at $100/h: Node.js costs $4,000 more to build and saves $50 a
    // month: month 80 at the expected costs; at 1 developer and a shorter build it moves out.
    const Estimates estimates =
        estimates_for({{"product", "api"}, {"team_size", 40}, {"months", 12}, {"rate", 100}});
    REQUIRE(!estimates.break_even_month);
    REQUIRE(estimates.break_even.reason.kind == EstimateReasonKind::beyond_horizon);
    CHECK(cost_chart_months(estimates) == k_break_even_horizon_months);
    const std::string figure = cost_over_time_figure(estimates);
    CHECK(figure.find("No break-even within 120 months") != std::string::npos);
    CHECK(figure.find("class=\"mark\"") == std::string::npos);
}

TEST_CASE("a break-even the ranges do not determine shows its span and the expected month",
          "[report][html]") {
    // 2 developers for 3 months at $100/h: the expected costs meet at month 80, but the ends of
    // the ranges give anything from month 20 to never.
    const Estimates estimates =
        estimates_for({{"product", "api"}, {"team_size", 2}, {"months", 3}, {"rate", 100}});
    REQUIRE(estimates.break_even_month == 80);
    REQUIRE(!estimates.break_even.determined);
    const std::string figure = cost_over_time_figure(estimates);
    CHECK(figure.find(">expected costs meet: month 80</text>") != std::string::npos);
    CHECK(figure.find(">break-even: not determined by these figures</text>") != std::string::npos);
    CHECK(figure.find("class=\"span\"") != std::string::npos);
    CHECK(cost_chart_months(estimates) == 120);
}

TEST_CASE("a break-even the figures determine is marked at its month", "[report][html]") {
    Estimates estimates;
    estimates.stacks = {"a", "b"};
    estimates.stack_names = {{"a", "A"}, {"b", "B"}};
    estimates.cost["a"].development_usd = 1000;
    estimates.cost["a"].development_usd_range = {1000, 1000};
    estimates.cost["b"].development_usd = 1800;
    estimates.cost["b"].development_usd_range = {1800, 1800};
    estimates.hosting["a"].monthly_usd = 200;
    estimates.hosting["a"].monthly_usd_range = {200, 200};
    estimates.hosting["b"].monthly_usd = 100;
    estimates.hosting["b"].monthly_usd_range = {100, 100};
    estimates.break_even_month = 8;
    estimates.break_even.exact_months = 8;
    estimates.break_even.range = BreakEven::Span{8, 8};
    estimates.break_even.cheaper_to_build = "a";
    estimates.break_even.cheaper_to_host = "b";
    CHECK(cost_chart_months(estimates) == 12);
    const std::string figure = cost_over_time_figure(estimates);
    CHECK(figure.find(">break-even: month 8</text>") != std::string::npos);
    CHECK(figure.find("class=\"span\"") == std::string::npos);
    // The table: the start, the break-even and the last month, at the engine's costs.
    CHECK(figure.find("<th scope=\"row\">8</th><td>$2,600</td><td>$2,600</td>") !=
          std::string::npos);
}

TEST_CASE("the cost over time is the engine's development plus months of hosting",
          "[engine][estimates]") {
    const Estimates estimates =
        estimates_for({{"product", "api"}, {"team_size", 2}, {"months", 3}, {"rate", 100}});
    const auto at_start = cost_by_month(estimates, "node", 0);
    const auto at_three = cost_by_month(estimates, "node", 3);
    REQUIRE(at_start);
    REQUIRE(at_three);
    CHECK(at_start->expected_usd == estimates.cost.at("node").development_usd);
    CHECK(at_three->expected_usd == Approx(estimates.cost.at("node").total_usd));
    CHECK(!cost_by_month(estimates, "cobol", 3));
}
