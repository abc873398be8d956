#include "stackpick/util/number_text.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <iterator>

#include <fmt/compile.h>
#include <fmt/format.h>

#include "stackpick/util/error.hpp"

namespace stackpick {

bool is_plain_decimal(const std::string& text, bool allow_fraction) {
    if (text.empty() || text.size() > 32) return false;
    bool seen_point = false, seen_digit = false;
    for (char c : text) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            seen_digit = true;
        } else if (c == '.' && allow_fraction && !seen_point && seen_digit) {
            seen_point = true;
        } else {
            return false;
        }
    }
    return seen_digit && text.back() != '.';
}

std::string printable_input(const std::string& text) {
    std::string result;
    for (const char character : text) {
        const auto c = static_cast<unsigned char>(character);
        if (c < 0x20 || c == 0x7f)
            result += fmt::format("\\x{:02x}", c);
        else
            result += static_cast<char>(c);
    }
    if (result.size() > 60) result = result.substr(0, 57) + "...";
    return result;
}

std::string bare_input(const std::string& text) {
    return text.empty() ? "''" : printable_input(text);
}

double parse_number_text(const std::string& name, const std::string& text, double minimum,
                         double maximum, bool whole) {
    const auto fail = [&]() -> UsageError {
        return UsageError(fmt::format("{}: must be {} in {}..{}, got '{}'", name,
                                      whole ? "a whole number" : "a number", minimum, maximum,
                                      printable_input(text)));
    };
    if (!is_plain_decimal(text, !whole)) throw fail();
    const double value = std::strtod(text.c_str(), nullptr);
    if (!std::isfinite(value) || value < minimum || value > maximum) throw fail();
    return value;
}

double rounded_figure(double value, int decimals) {
    if (!std::isfinite(value)) return value;
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::round(value * scale) / scale;
    return rounded == 0.0 ? 0.0 : rounded;  // never "-0"
}

bool figures_agree(double a, double b) {
    // A written figure is within half a unit of its value; both sides: one unit, plus the
    // binary noise of the sums.
    return std::abs(a - b) <= std::pow(10.0, -k_figure_decimals) + 1e-9;
}

void append_figure(std::string& text, double value, FigureStyle style) {
    const double rounded = rounded_figure(value);
    const std::size_t start = text.size();
    if (style.sign)
        fmt::format_to(std::back_inserter(text), FMT_COMPILE("{:+.2f}"), rounded);
    else
        fmt::format_to(std::back_inserter(text), FMT_COMPILE("{:.2f}"), rounded);
    if (!std::isfinite(rounded)) return;
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    if (!style.group_thousands) return;
    const std::size_t digits = start + (text[start] == '-' || text[start] == '+' ? 1 : 0);
    std::size_t end = text.find('.', start);
    if (end == std::string::npos) end = text.size();
    for (std::size_t i = end; i > digits + 3; i -= 3) text.insert(i - 3, 1, ',');
}

std::string figure_text(double value, FigureStyle style) {
    std::string text;
    append_figure(text, value, style);
    return text;
}

}  // namespace stackpick
