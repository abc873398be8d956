#include "stackpick/util/text.hpp"

#include <fmt/format.h>

#include "stackpick/util/json_file.hpp"

namespace stackpick {

namespace {

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

/// Byte offset of the code point at which text reaches `columns` columns.
std::size_t byte_offset_at(std::string_view text, std::size_t columns) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (starts_code_point(text[i])) {
            if (seen == columns) return i;
            ++seen;
        }
    }
    return text.size();
}

}  // namespace

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (const char c : text)
        if (starts_code_point(c)) ++width;
    return width;
}

std::vector<std::string> wrap_lines(std::string_view text, std::size_t first_width,
                                    std::size_t rest_width) {
    std::vector<std::string> lines;
    std::string line;
    // A width of 0 could never hold a character: treat it as 1 so every word still ends.
    const auto limit = [&] {
        return std::max<std::size_t>(lines.empty() ? first_width : rest_width, 1);
    };
    std::size_t start = 0;
    while (start < text.size()) {
        while (start < text.size() && is_space(text[start])) ++start;
        std::size_t end = start;
        while (end < text.size() && !is_space(text[end])) ++end;
        std::string_view word = text.substr(start, end - start);
        start = end;
        if (word.empty()) continue;
        if (!line.empty() && display_width(line) + 1 + display_width(word) > limit()) {
            lines.push_back(std::move(line));
            line.clear();
        }
        if (line.empty()) {
            while (display_width(word) > limit()) {
                const std::size_t cut = byte_offset_at(word, limit());
                lines.emplace_back(word.substr(0, cut));
                word = word.substr(cut);
            }
            line = std::string(word);
        } else {
            line += ' ';
            line += word;
        }
    }
    if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
    return lines;
}

std::string wrap(std::string_view text, std::size_t width, const std::string& indent) {
    const std::size_t indent_columns = display_width(indent);
    const auto lines = wrap_lines(text, width, width > indent_columns ? width - indent_columns : 1);
    if (lines.size() == 1 && lines.front().empty()) return {};
    std::string result;
    for (std::size_t i = 0; i < lines.size(); ++i) result += (i ? indent : "") + lines[i] + "\n";
    return result;
}

std::string pad(const std::string& text, std::size_t width) {
    const std::size_t used = display_width(text);
    return used >= width ? text : text + std::string(width - used, ' ');
}

std::string list_text(const std::vector<std::string>& items, std::string_view conjunction) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) text += i + 1 == items.size() ? fmt::format(" {} ", conjunction) : ", ";
        text += items[i];
    }
    return text;
}

std::string markdown_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char character : text) {
        const auto c = static_cast<unsigned char>(character);
        if (c < 0x20 || c == 0x7f) {
            out += ' ';
        } else if (std::string_view("\\`*_{}[]<>#|!").find(character) != std::string_view::npos) {
            out += '\\';
            out += character;
        } else {
            out += character;
        }
    }
    return out;
}

std::string terminal_safe(std::string_view text) {
    std::string safe;
    safe.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t length = utf8_sequence_length(text, i);
        // C0 controls, DEL, the C1 controls (U+0080-U+009F, encoded C2 80..C2 9F), and bytes
        // that are not UTF-8 (argv and paths may hold any bytes): one U+FFFD each.
        if (length == 0 || c < 0x20 || c == 0x7f ||
            (c == 0xC2 && static_cast<unsigned char>(text[i + 1]) <= 0x9F)) {
            safe += "\uFFFD";
            i += length == 0 ? 1 : length;
        } else {
            safe.append(text, i, length);
            i += length;
        }
    }
    return safe;
}

std::string terminal_safe_lines(std::string_view text) {
    std::string safe;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find('\n', start);
        safe += terminal_safe(
            text.substr(start, end == std::string_view::npos ? text.npos : end - start));
        if (end == std::string_view::npos) break;
        safe += '\n';
        start = end + 1;
    }
    return safe;
}

std::string html_escape(std::string_view text) {
    const std::string safe = terminal_safe_lines(text);
    std::string out;
    out.reserve(safe.size());
    for (const char character : safe) {
        switch (character) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += character;
        }
    }
    return out;
}

std::string ansi_style(std::string_view code, std::string text, bool enabled) {
    if (!enabled || text.empty()) return text;
    const bool newline = text.back() == '\n';
    if (newline) text.pop_back();
    return fmt::format("\x1b[{}m{}\x1b[0m{}", code, text, newline ? "\n" : "");
}

}  // namespace stackpick
