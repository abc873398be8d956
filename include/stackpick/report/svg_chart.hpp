#pragma once
/// The charts of the HTML report, drawn by stackpick as inline SVG: plain values in, markup out.
/// Each chart has a <title> and a <desc>, starts its value axis at zero, uses a colour-blind-safe
/// palette (Okabe-Ito) with a second cue besides colour (dashes, markers, labels), and escapes
/// every text it is given. The numbers are the caller's: the charts compute nothing but where to
/// draw them.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace stackpick::svg {

/// A value axis from zero to a round maximum, with round ticks (0 included).
struct Axis {
    double max = 1;
    std::vector<double> ticks;
};

/// An axis from zero that holds `highest`, with about `target` steps of 1, 2, 2.5 or 5 times a
/// power of ten. highest <= 0 gives the axis 0..1.
Axis axis_from_zero(double highest, std::size_t target = 5);

/// Where `value` falls between the pixels `from` (zero) and `to` (the axis maximum).
double scale(const Axis& axis, double value, double from, double to);

/// The palette: Okabe and Ito's eight colours, safe for the common colour-vision deficiencies.
const std::string& colour(std::size_t index);

/// The number text of an axis tick ("$20,000", "8").
using TickText = std::function<std::string(double)>;

/// What every chart is introduced by: its element id (unique in the page), title and description.
struct ChartText {
    std::string id;
    std::string title;
    std::string description;
};

/// One horizontal bar.
struct Bar {
    std::string label;
    double value = 0;
    std::string value_text;  ///< written after the bar ("37.7 (11 pts)")
    std::size_t colour = 0;  ///< palette index
};

/// Horizontal bars on one axis from zero; `gap` marks the distance between the first two bars
/// (the margin, or "tie" when they are equal).
struct BarChart {
    ChartText text;
    std::vector<Bar> bars;
    double axis_max = 0;  ///< 0: from the values
    std::string axis_label;
    TickText tick_text;
    std::string gap;  ///< "" for no mark
};

std::string bar_chart(const BarChart& chart);

/// One low-high range, with its expected value when there is one.
struct RangeRow {
    std::string label;
    double low = 0;
    double high = 0;
    std::optional<double> expected;
    std::string value_text;
    std::size_t colour = 0;
};

/// Ranges on one axis from zero (cost low/expected/high, weeks to build): where they overlap, the
/// figures do not say which is lower.
struct RangeChart {
    ChartText text;
    std::vector<RangeRow> rows;
    std::string axis_label;
    TickText tick_text;
};

std::string range_chart(const RangeChart& chart);

/// One line over x = 0, 1, 2, ...: the expected values and a low-high band around them.
struct LineSeries {
    std::string label;
    std::vector<double> expected;
    std::vector<double> low;
    std::vector<double> high;
    std::size_t colour = 0;
};

/// Lines over x from zero (cost over the months), a mark at one x or across a span of x, or a
/// note where there is no mark.
struct LineChart {
    ChartText text;
    std::vector<LineSeries> series;
    std::string x_label;
    std::string y_label;
    TickText x_tick_text;
    TickText y_tick_text;
    std::optional<double> mark;                     ///< a vertical line
    std::string mark_label;                         ///< names the line
    std::optional<std::pair<double, double>> span;  ///< a shaded band of x
    std::string span_label;                         ///< names the band
    std::string note;                               ///< written when there is neither
};

std::string line_chart(const LineChart& chart);

/// One runtime of a hybrid and the services it runs.
struct SplitBox {
    std::string runtime;
    std::vector<std::string> services;
    std::size_t colour = 0;
};

/// Clients -> the first box (the entry point) -> the other boxes, each arrow labelled with how
/// they talk.
struct SplitDiagram {
    ChartText text;
    std::string clients;
    std::vector<SplitBox> boxes;
    std::string transport;
};

std::string split_diagram(const SplitDiagram& diagram);

namespace detail {
/// "<svg ...><title>..</title><desc>..</desc>": the opening every chart shares.
std::string open_svg(const ChartText& text, double width, double height);
/// A number as an SVG coordinate: one decimal at most.
std::string coordinate(double value);
/// The vertical grid lines and tick labels of a value axis along x, from x0 to x1.
std::string x_axis(const Axis& axis, double x0, double x1, double top, double bottom,
                   const TickText& tick_text, const std::string& label);
}  // namespace detail

}  // namespace stackpick::svg
