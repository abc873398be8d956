// The SVG diagram of a hybrid's split: the clients, the entry runtime and the services behind it,
// each arrow labelled with how they talk.

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "stackpick/report/svg_chart.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick::svg {

namespace {

using detail::coordinate;

constexpr double k_width = 640;
constexpr double k_line = 16;
constexpr std::size_t k_box_chars = 30;  ///< what fits on a line of a box

/// A box's lines: its runtime, then each service wrapped to the box.
std::vector<std::string> box_lines(const SplitBox& box) {
    std::vector<std::string> lines{box.runtime};
    for (const auto& service : box.services) {
        const auto wrapped = wrap_lines(service, k_box_chars - 2);
        for (std::size_t i = 0; i < wrapped.size(); ++i)
            lines.push_back((i == 0 ? "\u2022 " : "  ") + wrapped[i]);
    }
    return lines;
}

double box_height(const SplitBox& box) {
    return 12 + k_line * static_cast<double>(box_lines(box).size());
}

std::string draw_box(const SplitBox& box, double x, double y, double width) {
    std::string out = fmt::format(
        "<g class=\"box\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" "
        "stroke=\"{}\"/>\n",
        coordinate(x), coordinate(y), coordinate(width), coordinate(box_height(box)),
        colour(box.colour));
    const auto lines = box_lines(box);
    for (std::size_t i = 0; i < lines.size(); ++i)
        out += fmt::format("<text x=\"{}\" y=\"{}\"{}>{}</text>\n", coordinate(x + 8),
                           coordinate(y + 18 + k_line * static_cast<double>(i)),
                           i == 0 ? " class=\"runtime\"" : "", html_escape(lines[i]));
    return out + "</g>\n";
}

/// A line with its head drawn as a triangle (no marker reference, so the page has no url()).
std::string arrow(double x1, double y1, double x2, double y2, const std::string& label) {
    const double length = std::max(std::hypot(x2 - x1, y2 - y1), 1.0);
    const double ux = (x2 - x1) / length, uy = (y2 - y1) / length;
    const double bx = x2 - 9 * ux, by = y2 - 9 * uy;
    std::string out = fmt::format(
        "<g class=\"arrow\"><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>"
        "<path d=\"M{} {}L{} {}L{} {}z\"/>",
        coordinate(x1), coordinate(y1), coordinate(bx), coordinate(by), coordinate(x2),
        coordinate(y2), coordinate(bx - 4 * uy), coordinate(by + 4 * ux), coordinate(bx + 4 * uy),
        coordinate(by - 4 * ux));
    if (!label.empty())
        out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"centre\">{}</text>",
                           coordinate((x1 + x2) / 2), coordinate((y1 + y2) / 2 - 6),
                           html_escape(label));
    return out + "</g>\n";
}

}  // namespace

std::string split_diagram(const SplitDiagram& diagram) {
    constexpr double clients_width = 100, box_width = 230, gap = 40;
    const double entry_x = clients_width + gap, others_x = entry_x + box_width + gap;
    double others_height = 0;
    for (std::size_t i = 1; i < diagram.boxes.size(); ++i)
        others_height += box_height(diagram.boxes[i]) + 12;
    const double entry_height = diagram.boxes.empty() ? 40 : box_height(diagram.boxes[0]);
    const double body = std::max({entry_height, others_height, 60.0}) + 20;
    const double height = body + (diagram.transport.empty() ? 0 : 24);
    std::string out = detail::open_svg(diagram.text, k_width, height);
    const double entry_middle = 10 + entry_height / 2;
    out += fmt::format(
        "<g class=\"box clients\"><rect x=\"0\" y=\"{}\" width=\"{}\" height=\"40\" rx=\"20\"/>"
        "<text x=\"{}\" y=\"{}\" class=\"centre\">{}</text></g>\n",
        coordinate(entry_middle - 20), coordinate(clients_width), coordinate(clients_width / 2),
        coordinate(entry_middle + 5), html_escape(diagram.clients));
    if (diagram.boxes.empty()) return out + "</svg>\n";
    out += arrow(clients_width, entry_middle, entry_x, entry_middle, "");
    out += draw_box(diagram.boxes[0], entry_x, 10, box_width);
    if (!diagram.transport.empty())
        out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"caption\">{}</text>\n",
                           coordinate(entry_x + box_width + gap / 2), coordinate(body + 12),
                           html_escape("\u2192 " + diagram.transport));
    double y = 10;
    for (std::size_t i = 1; i < diagram.boxes.size(); ++i) {
        const SplitBox& box = diagram.boxes[i];
        out += arrow(entry_x + box_width, entry_middle, others_x, y + box_height(box) / 2, "");
        out += draw_box(box, others_x, y, box_width);
        y += box_height(box) + 12;
    }
    return out + "</svg>\n";
}

}  // namespace stackpick::svg
