#pragma once
/// The HTML report's page and its pieces, written one way for every HTML renderer: one
/// self-contained page (inline stylesheet with a print stylesheet, no script, nothing loaded from
/// anywhere), tables, a chart beside its numbers, source markers and quotes. Every text from data
/// goes through html_escape (util/text).

#include <span>
#include <string>
#include <vector>

#include "stackpick/knowledge/facts.hpp"
#include "stackpick/knowledge/quotes.hpp"

namespace stackpick {

/// The whole page: <!DOCTYPE html>, a head with the title and the stylesheet, and `body` (HTML)
/// inside <main>.
std::string html_page(const std::string& title, const std::string& body);

/// A table: an escaped caption (none when empty), escaped header cells and rows of cells that
/// are HTML already (escape them where they come from data). The first cell of a row is its
/// header.
std::string html_table(const std::string& caption, const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows);

/// A chart and the table of its numbers side by side (stacked on a narrow screen).
std::string html_figure(const std::string& svg, const std::string& table);

/// " <span class="cite">[1,3]</span>" for the sources, " (not from a source)" for none.
std::string html_cite(const Facts& facts, std::span<const std::string> sources);

/// The quotes behind a claim, as a list of "[1] <q>...</q>"; "" for none.
std::string html_quotes(const Facts& facts, std::span<const Quote> quotes);

/// "<p>escaped text</p>\n".
std::string html_paragraph(const std::string& text);

/// The sources with their publishers' interests, as an ordered list numbered by their markers;
/// only those in `cited` (all when it is empty).
std::string html_sources(const Facts& facts, const std::vector<std::string>& cited);

}  // namespace stackpick
