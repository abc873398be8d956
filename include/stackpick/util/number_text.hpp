#pragma once
/// Numbers typed by a person (a flag's value, a questionnaire answer): plain decimals only, in a
/// range, with one error message wherever they are typed.

#include <string>

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

}  // namespace stackpick
