#pragma once
/// Text for people, written once: display width, word wrap, padding, lists, Markdown escaping,
/// terminal safety and ANSI styles. Every renderer and the questionnaire use these, so a fix
/// (a wide character, an over-long word, a new control character) reaches every output at once.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace stackpick {

/// Width in terminal columns: one per UTF-8 code point (the data has no wide characters).
std::size_t display_width(std::string_view text);

/// Words (separated by ASCII white space) in lines of at most first_width columns for the first
/// line and rest_width for the others; a word longer than its line is split across lines.
/// Always at least one line (empty for empty text).
std::vector<std::string> wrap_lines(std::string_view text, std::size_t first_width,
                                    std::size_t rest_width);

/// wrap_lines with one width for every line.
inline std::vector<std::string> wrap_lines(std::string_view text, std::size_t width) {
    return wrap_lines(text, width, width);
}

/// Text wrapped to width, every line ending in a newline and each after the first starting with
/// indent (counted in the width); "" for text without words.
std::string wrap(std::string_view text, std::size_t width, const std::string& indent);

/// Text followed by spaces up to width columns (unchanged when already as wide).
std::string pad(const std::string& text, std::size_t width);

/// "a", "a or b", "a, b or c" for conjunction "or"; likewise with "and".
std::string list_text(const std::vector<std::string>& items, std::string_view conjunction);

/// Text safe inside Markdown prose or a table cell: the characters Markdown gives a meaning
/// backslash-escaped, control characters as spaces.
std::string markdown_escape(std::string_view text);

/// Text safe inside HTML (and SVG) text or a quoted attribute: & < > " ' as character
/// references, and what terminal_safe_lines replaces (control characters, bytes that are not
/// UTF-8) replaced the same way; newlines kept.
std::string html_escape(std::string_view text);

/// Text from data or input made safe for a terminal: control characters, escape sequences and
/// bytes that are not UTF-8 replaced by U+FFFD.
std::string terminal_safe(std::string_view text);

/// terminal_safe applied to each line, keeping the newlines.
std::string terminal_safe_lines(std::string_view text);

/// Text in the ANSI style `code` ("1" bold, "2" dim, "31" red, "32" green, "33" yellow) when
/// enabled; a trailing newline stays outside the escape. Unchanged when disabled or empty.
std::string ansi_style(std::string_view code, std::string text, bool enabled = true);

}  // namespace stackpick
