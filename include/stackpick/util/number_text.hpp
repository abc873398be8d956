#pragma once
/// Numbers as text, both ways. Read: numbers typed by a person (a flag's value, a questionnaire
/// answer), plain decimals only, in a range, with one error message wherever they are typed.
/// Written: every computed figure in every format (text, JSON, Markdown) goes through
/// rounded_figure, so the formats agree and never show floating-point noise (docs/scoring.md,
/// "4a. Numbers as they are written").

#include <string>
#include <string_view>

namespace stackpick {

/// Decimal digits with an optional fraction: no sign, exponent, hex, "nan" or "inf", which
/// strtod and CLI11 would otherwise accept.
bool is_plain_decimal(const std::string& text, bool allow_fraction);

/// User input as an error message quotes it: control characters as \xNN, cut at 60 bytes.
std::string printable_input(const std::string& text);

/// User input shown unquoted ("--team: cobol not in {...}"): printable_input, or '' for an empty
/// value, which would otherwise show as nothing ("--team:  not in").
std::string bare_input(const std::string& text);

/// The number `text` gives to `name` (a flag such as "--team-size"), in minimum..maximum and
/// whole when `whole`. Throws UsageError "NAME: must be a whole number in 1..500, got 'x'".
double parse_number_text(const std::string& name, const std::string& text, double minimum,
                         double maximum, bool whole);

/// How many decimals a computed figure keeps at most (docs/scoring.md 4a): points 0.35 x 3 = 1.05,
/// not 1.0499999999999998.
inline constexpr int k_figure_decimals = 2;

/// `value` rounded half away from zero to `decimals` places (fewer than k_figure_decimals for
/// coarser figures: whole dollars, scores to one decimal), -0 as 0; not finite: unchanged.
double rounded_figure(double value, int decimals = k_figure_decimals);

/// Whether two figures agree as written: within one unit of the last decimal kept, since one of
/// them may have been read back from a written, rounded figure (a decision record's points).
bool figures_agree(double a, double b);

/// How append_figure writes a figure.
struct FigureStyle {
    bool sign = false;             ///< "+4", "-0.6", "+0": always a sign
    bool group_thousands = false;  ///< "12,450" (years are not grouped)
};

/// Appends rounded_figure(value) as people write it: "3.7", "-0.6", "4" (no trailing zeros, no
/// "-0"). Appended rather than returned: batch words many numbers a line.
void append_figure(std::string& text, double value, FigureStyle style = {});

/// append_figure's text on its own.
std::string figure_text(double value, FigureStyle style = {});

}  // namespace stackpick
