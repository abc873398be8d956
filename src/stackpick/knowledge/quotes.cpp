#include "stackpick/knowledge/quotes.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "stackpick/util/json_file.hpp"

namespace stackpick {

namespace {

/// The code point of the UTF-8 sequence text[i, i + length).
char32_t code_point(std::string_view text, std::size_t i, std::size_t length) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    switch (length) {
        case 1:
            return byte(0);
        case 2:
            return (char32_t{byte(0)} & 0x1Fu) << 6 | (byte(1) & 0x3Fu);
        case 3:
            return (char32_t{byte(0)} & 0x0Fu) << 12 | (char32_t{byte(1)} & 0x3Fu) << 6 |
                   (byte(2) & 0x3Fu);
        default:
            return (char32_t{byte(0)} & 0x07u) << 18 | (char32_t{byte(1)} & 0x3Fu) << 12 |
                   (char32_t{byte(2)} & 0x3Fu) << 6 | (byte(3) & 0x3Fu);
    }
}

/// What a typographic character becomes in normalised text; nullptr to keep it as it is.
const char* plain_form(char32_t c) {
    switch (c) {
        case U'\u2018':  // ' '
        case U'\u2019':
        case U'\u201B':
        case U'\u2032':
        case U'\u00B4':
            return "'";
        case U'\u201C':  // " "
        case U'\u201D':
        case U'\u201E':
        case U'\u2033':
            return "\"";
        case U'\u2010':  // hyphens, figure dash, en and em dashes, minus
        case U'\u2011':
        case U'\u2012':
        case U'\u2013':
        case U'\u2014':
        case U'\u2015':
        case U'\u2212':
            return "-";
        case U'\u2022':  // bullets and middle dots separate list items: a space
        case U'\u2023':
        case U'\u2043':
        case U'\u25CF':
        case U'\u00B7':
        case U'\u00A0':  // no-break and thin spaces
        case U'\u2009':
        case U'\u202F':
            return " ";
        case U'\u200B':  // zero-width space
            return "";
        case U'\u2026':
            return "...";
        default:
            return nullptr;
    }
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::size_t code_points(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    return count;
}

}  // namespace

std::string normalise_for_quotes(std::string_view text) {
    std::string plain;
    plain.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = std::max<std::size_t>(1, utf8_sequence_length(text, i));
        const char* replacement = length > 1 && i + length <= text.size()
                                      ? plain_form(code_point(text, i, length))
                                      : nullptr;
        if (replacement)
            plain += replacement;
        else
            plain.append(text.substr(i, length));
        i += length;
    }
    std::string normalised;
    normalised.reserve(plain.size());
    bool pending_space = false;
    for (const char c : plain) {
        if (is_space(c)) {
            pending_space = !normalised.empty();
            continue;
        }
        if (pending_space) normalised += ' ';
        pending_space = false;
        normalised += c;
    }
    return normalised;
}

std::vector<Quote> read_quotes(ObjectReader& reader, const std::vector<std::string>& sources,
                               std::string_view quotes_key, std::string_view sources_key,
                               const std::vector<std::string>* known_sources) {
    const bool cites_unknown =
        known_sources != nullptr && !known_sources->empty() &&
        std::any_of(sources.begin(), sources.end(), [&](const std::string& source) {
            return std::find(known_sources->begin(), known_sources->end(), source) ==
                   known_sources->end();
        });
    std::vector<Quote> quotes;
    if (const auto* list = reader.array(quotes_key, Presence::optional)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string pointer = fmt::format("/{}", i);
            const auto& element = (*list)[i];
            if (!element.is_object()) {
                reader.report_within(quotes_key, pointer,
                                     fmt::format("expected an object {{\"source\", \"text\"}}, "
                                                 "got {}",
                                                 describe_type(element)));
                continue;
            }
            Quote quote;
            bool ok = true;
            for (const auto& [key, value] : element.items()) {
                if (key == "source" && value.is_string()) {
                    quote.source = value.get<std::string>();
                } else if (key == "text" && value.is_string()) {
                    quote.text = value.get<std::string>();
                } else if (key == "source" || key == "text") {
                    reader.report_within(
                        quotes_key, pointer + "/" + key,
                        fmt::format("expected a string, got {}", describe_type(value)));
                    ok = false;
                } else {
                    reader.report_within(quotes_key, pointer + "/" + escape_pointer_token(key),
                                         fmt::format("unknown key \"{}\" (a quote has only "
                                                     "\"source\" and \"text\")",
                                                     key));
                    ok = false;
                }
            }
            if (!ok) continue;
            if (quote.source.empty() || quote.text.empty()) {
                reader.report_within(quotes_key, pointer,
                                     "a quote needs a non-empty \"source\" and \"text\"");
                continue;
            }
            if (std::find(sources.begin(), sources.end(), quote.source) == sources.end()) {
                if (cites_unknown) continue;
                reader.report_within(
                    quotes_key, pointer + "/source",
                    fmt::format("quotes '{}', which this item does not cite{}", quote.source,
                                sources.empty()
                                    ? std::string(" (it cites no source)")
                                    : fmt::format(" (it cites {})", fmt::join(sources, ", "))));
                continue;
            }
            const std::size_t length = code_points(normalise_for_quotes(quote.text));
            if (length < k_min_quote_length || length > k_max_quote_length) {
                reader.report_within(quotes_key, pointer + "/text",
                                     fmt::format("a quote is {} to {} characters, this one {}",
                                                 k_min_quote_length, k_max_quote_length, length));
                continue;
            }
            quotes.push_back(std::move(quote));
        }
    }
    for (std::size_t i = 0; !cites_unknown && i < sources.size(); ++i) {
        const bool quoted = std::any_of(quotes.begin(), quotes.end(),
                                        [&](const Quote& q) { return q.source == sources[i]; });
        if (!quoted)
            reader.report_within(
                sources_key, fmt::format("/{}", i),
                fmt::format("cites '{}' without a quote from it (add {{\"source\": \"{}\", "
                            "\"text\": ...}} to \"{}\")",
                            sources[i], sources[i], quotes_key));
    }
    return quotes;
}

}  // namespace stackpick
