// The SVG line chart: values over x = 0, 1, 2, ... (cost over the months) with a band per line, a
// mark (the break-even) or a note, and a legend.

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "stackpick/report/svg_chart.hpp"
#include "stackpick/util/number_text.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick::svg {

namespace {

using detail::coordinate;

constexpr double k_width = 640;
constexpr double k_left = 90;
constexpr double k_right = 620;
constexpr double k_top = 30;
constexpr double k_bottom = 270;

/// Dashes besides colour, so that the lines differ in grayscale too.
const std::string& dash(std::size_t index) {
    static const std::array<std::string, 4> k_dashes = {"none", "8 4", "2 3", "10 3 2 3"};
    return k_dashes[index % k_dashes.size()];
}

/// The y axis: horizontal grid lines with their labels, left of the plot.
std::string y_axis(const Axis& axis, const TickText& tick_text, const std::string& label) {
    std::string out = "<g class=\"axis\">\n";
    for (const double tick : axis.ticks) {
        const std::string y = coordinate(scale(axis, tick, k_bottom, k_top));
        out += fmt::format(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" class=\"grid\"/>\n"
            "<text x=\"{}\" y=\"{}\" class=\"label\">{}</text>\n",
            coordinate(k_left), y, coordinate(k_right), y, coordinate(k_left - 6), y,
            html_escape(tick_text ? tick_text(tick) : figure_text(tick)));
    }
    out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"axis-label-y\">{}</text>\n",
                       coordinate(k_left), coordinate(k_top - 14), html_escape(label));
    return out + "</g>\n";
}

/// x positions 0, 1, 2, ... of a series on the chart.
std::string points(const std::vector<double>& values, const Axis& x, const Axis& y) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i)
        out += fmt::format("{}{},{}", i == 0 ? "" : " ",
                           coordinate(scale(x, static_cast<double>(i), k_left, k_right)),
                           coordinate(scale(y, values[i], k_bottom, k_top)));
    return out;
}

std::string series_lines(const LineChart& chart, const Axis& x, const Axis& y) {
    std::string out;
    for (std::size_t i = 0; i < chart.series.size(); ++i) {
        const LineSeries& series = chart.series[i];
        if (series.low.size() == series.high.size() && !series.low.empty()) {
            std::vector<double> back(series.high.rbegin(), series.high.rend());
            std::string band = points(series.low, x, y);
            // The high edge runs back from the last x to the first.
            for (std::size_t j = 0; j < back.size(); ++j)
                band += fmt::format(
                    " {},{}",
                    coordinate(scale(x, static_cast<double>(back.size() - 1 - j), k_left, k_right)),
                    coordinate(scale(y, back[j], k_bottom, k_top)));
            out += fmt::format("<polygon class=\"band\" points=\"{}\" fill=\"{}\"/>\n", band,
                               colour(series.colour));
        }
        out += fmt::format(
            "<polyline class=\"line\" points=\"{}\" stroke=\"{}\" stroke-dasharray=\"{}\"/>\n",
            points(series.expected, x, y), colour(series.colour), dash(i));
    }
    return out;
}

std::string legend(const LineChart& chart) {
    std::string out = "<g class=\"legend\">\n";
    for (std::size_t i = 0; i < chart.series.size(); ++i) {
        const double x = k_left + 170 * static_cast<double>(i % 3);
        const double y = k_bottom + 52 + 18 * static_cast<double>(i / 3);
        out += fmt::format(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" "
            "stroke-dasharray=\"{}\" class=\"line\"/>\n<text x=\"{}\" y=\"{}\">{}</text>\n",
            coordinate(x), coordinate(y - 4), coordinate(x + 28), coordinate(y - 4),
            colour(chart.series[i].colour), dash(i), coordinate(x + 34), coordinate(y),
            html_escape(chart.series[i].label));
    }
    return out + "</g>\n";
}

std::string mark(const LineChart& chart, const Axis& x) {
    std::string out;
    if (chart.span) {
        const double from = scale(x, chart.span->first, k_left, k_right);
        const double to = scale(x, chart.span->second, k_left, k_right);
        out += fmt::format(
            "<g class=\"mark\"><rect class=\"span\" x=\"{}\" y=\"{}\" width=\"{}\" "
            "height=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text></g>\n",
            coordinate(from), coordinate(k_top), coordinate(std::max(to - from, 2.0)),
            coordinate(k_bottom - k_top), coordinate(from + 4), coordinate(k_top + 12),
            html_escape(chart.span_label));
    }
    if (chart.mark) {
        const double at = scale(x, *chart.mark, k_left, k_right);
        // Right of the line, or left of it when the line is near the right edge.
        const bool left = at > (k_left + k_right) / 2;
        out += fmt::format(
            "<g class=\"mark\"><line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>"
            "<text x=\"{3}\" y=\"{4}\"{5}>{6}</text></g>\n",
            coordinate(at), coordinate(k_top), coordinate(k_bottom),
            coordinate(left ? at - 4 : at + 4), coordinate(k_top + (chart.span ? 28 : 12)),
            left ? " class=\"end\"" : "", html_escape(chart.mark_label));
    }
    if (chart.span || chart.mark || chart.note.empty()) return out;
    out += "<text class=\"note\">";
    const auto lines = wrap_lines(chart.note, 80);
    for (std::size_t i = 0; i < lines.size(); ++i)
        out += fmt::format("<tspan x=\"{}\" y=\"{}\">{}</tspan>", coordinate(k_left + 8),
                           coordinate(k_top + 14 + 15 * static_cast<double>(i)),
                           html_escape(lines[i]));
    return out + "</text>\n";
}

}  // namespace

std::string line_chart(const LineChart& chart) {
    std::size_t length = 0;
    double highest = 0;
    for (const auto& series : chart.series) {
        length = std::max(length, series.expected.size());
        for (const auto* values : {&series.expected, &series.high})
            for (const double value : *values) highest = std::max(highest, value);
    }
    const Axis x = axis_from_zero(length > 1 ? static_cast<double>(length - 1) : 1, 6);
    const Axis y = axis_from_zero(highest);
    const double rows = static_cast<double>((chart.series.size() + 2) / 3);
    std::string out = detail::open_svg(chart.text, k_width, k_bottom + 44 + 18 * rows);
    out += y_axis(y, chart.y_tick_text, chart.y_label);
    out += detail::x_axis(x, k_left, k_right, k_top, k_bottom, chart.x_tick_text, chart.x_label);
    out += series_lines(chart, x, y);
    out += mark(chart, x);
    out += legend(chart);
    return out + "</svg>\n";
}

}  // namespace stackpick::svg
