// The SVG charts' shared parts (axis, palette, frame) and the two horizontal charts: bars and
// ranges.

#include "stackpick/report/svg_chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "stackpick/util/number_text.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick::svg {

namespace {

constexpr double k_width = 640;
constexpr double k_label_width = 150;  ///< the row labels, left of the plot
constexpr double k_plot_left = 160;
constexpr double k_plot_right = 470;  ///< then the value text, up to k_width
constexpr double k_row = 30;
constexpr double k_top = 14;

std::string esc(const std::string& text) { return html_escape(text); }

/// The label of a row, cut to what fits left of the plot (the table beside has it in full).
std::string row_label(const std::string& label, double y) {
    std::string shown = label;
    const std::size_t fits = static_cast<std::size_t>(k_label_width / 7);
    if (display_width(shown) > fits) shown = wrap_lines(shown, fits - 1).front() + "\u2026";
    return fmt::format("<text x=\"{}\" y=\"{}\" class=\"label\">{}</text>\n",
                       detail::coordinate(k_label_width), detail::coordinate(y), esc(shown));
}

}  // namespace

Axis axis_from_zero(double highest, std::size_t target) {
    Axis axis;
    if (!(highest > 0) || !std::isfinite(highest) || target == 0) {
        axis.ticks = {0, 1};
        return axis;
    }
    const double raw = highest / static_cast<double>(target);
    const double magnitude = std::pow(10, std::floor(std::log10(raw)));
    const double residual = raw / magnitude;
    double step = 10;
    for (const double nice : {1.0, 2.0, 2.5, 5.0})
        if (residual <= nice + 1e-9) {
            step = nice;
            break;
        }
    step *= magnitude;
    const double steps = std::ceil(highest / step - 1e-9);
    axis.max = steps * step;
    for (double i = 0; i <= steps; ++i) axis.ticks.push_back(i * step);
    return axis;
}

double scale(const Axis& axis, double value, double from, double to) {
    return from + (to - from) * std::clamp(value, 0.0, axis.max) / axis.max;
}

const std::string& colour(std::size_t index) {
    static const std::array<std::string, 8> k_palette = {
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"};
    return k_palette[index % k_palette.size()];
}

namespace detail {

std::string open_svg(const ChartText& text, double width, double height) {
    return fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {} {}\" "
        "role=\"img\" aria-labelledby=\"{}-title {}-desc\">\n<title id=\"{}-title\">{}</title>\n"
        "<desc id=\"{}-desc\">{}</desc>\n",
        coordinate(width), coordinate(height), esc(text.id), esc(text.id), esc(text.id),
        esc(text.title), esc(text.id), esc(text.description));
}

std::string coordinate(double value) {
    const double rounded = std::round(value * 10) / 10;
    return fmt::format("{:g}", rounded == 0 ? 0.0 : rounded);
}

std::string x_axis(const Axis& axis, double x0, double x1, double top, double bottom,
                   const TickText& tick_text, const std::string& label) {
    std::string out = "<g class=\"axis\">\n";
    for (const double tick : axis.ticks) {
        const std::string x = coordinate(scale(axis, tick, x0, x1));
        out += fmt::format(
            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" class=\"grid\"/>\n"
            "<text x=\"{0}\" y=\"{3}\" class=\"tick\">{4}</text>\n",
            x, coordinate(top), coordinate(bottom), coordinate(bottom + 14),
            esc(tick_text ? tick_text(tick) : figure_text(tick)));
    }
    out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" class=\"baseline\"/>\n",
                       coordinate(x0), coordinate(top), coordinate(bottom));
    if (!label.empty())
        out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"axis-label\">{}</text>\n",
                           coordinate((x0 + x1) / 2), coordinate(bottom + 30), esc(label));
    return out + "</g>\n";
}

}  // namespace detail

using detail::coordinate;

std::string bar_chart(const BarChart& chart) {
    double highest = chart.axis_max;
    for (const auto& bar : chart.bars) highest = std::max(highest, bar.value);
    const Axis axis = axis_from_zero(highest);
    const double bottom = k_top + k_row * static_cast<double>(chart.bars.size()) + 6;
    std::string out = detail::open_svg(chart.text, k_width, bottom + 40);
    out += detail::x_axis(axis, k_plot_left, k_plot_right, k_top - 4, bottom, chart.tick_text,
                          chart.axis_label);
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        const Bar& bar = chart.bars[i];
        const double y = k_top + k_row * static_cast<double>(i);
        const double end = scale(axis, bar.value, k_plot_left, k_plot_right);
        out += row_label(bar.label, y + 15);
        out += fmt::format(
            "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"20\" fill=\"{}\"/>\n"
            "<text x=\"{}\" y=\"{}\" class=\"value\">{}</text>\n",
            coordinate(k_plot_left), coordinate(y), coordinate(std::max(end - k_plot_left, 1.0)),
            colour(bar.colour), coordinate(end + 6), coordinate(y + 15), esc(bar.value_text));
    }
    if (!chart.gap.empty() && chart.bars.size() >= 2) {
        // A bracket from the runner-up's end to the leader's, between their two bars.
        const double first = scale(axis, chart.bars[0].value, k_plot_left, k_plot_right);
        const double second = scale(axis, chart.bars[1].value, k_plot_left, k_plot_right);
        const double y = k_top + k_row - 5;
        out += fmt::format(
            "<g class=\"gap\"><line x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\"/>"
            "<line x1=\"{0}\" y1=\"{3}\" x2=\"{0}\" y2=\"{4}\"/>"
            "<line x1=\"{1}\" y1=\"{3}\" x2=\"{1}\" y2=\"{4}\"/>"
            "<text x=\"{5}\" y=\"{6}\">{7}</text></g>\n",
            coordinate(std::min(first, second)), coordinate(std::max(first, second)), coordinate(y),
            coordinate(y - 4), coordinate(y + 4), coordinate(std::max(first, second) + 6),
            coordinate(y + 4), esc(chart.gap));
    }
    return out + "</svg>\n";
}

std::string range_chart(const RangeChart& chart) {
    double highest = 0;
    for (const auto& row : chart.rows) highest = std::max(highest, row.high);
    const Axis axis = axis_from_zero(highest);
    const double bottom = k_top + k_row * static_cast<double>(chart.rows.size()) + 6;
    std::string out = detail::open_svg(chart.text, k_width, bottom + 40);
    out += detail::x_axis(axis, k_plot_left, k_plot_right, k_top - 4, bottom, chart.tick_text,
                          chart.axis_label);
    for (std::size_t i = 0; i < chart.rows.size(); ++i) {
        const RangeRow& row = chart.rows[i];
        const double y = k_top + k_row * static_cast<double>(i);
        const double low = scale(axis, row.low, k_plot_left, k_plot_right);
        const double high = scale(axis, row.high, k_plot_left, k_plot_right);
        out += row_label(row.label, y + 15);
        // A point still shows: at least 3 pixels wide.
        out += fmt::format(
            "<rect class=\"range\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" fill=\"{}\"/>\n",
            coordinate(std::min(low, high - 3)), coordinate(y + 3),
            coordinate(std::max(high - low, 3.0)), colour(row.colour));
        if (row.expected)
            out += fmt::format("<path class=\"expected\" d=\"M{} {}l6 9l-6 9l-6 -9z\"/>\n",
                               coordinate(scale(axis, *row.expected, k_plot_left, k_plot_right)),
                               coordinate(y + 1));
        out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"value\">{}</text>\n",
                           coordinate(std::max(high, low) + 8), coordinate(y + 15),
                           esc(row.value_text));
    }
    return out + "</svg>\n";
}

}  // namespace stackpick::svg
