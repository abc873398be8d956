#include "stackpick/report/html_page.hpp"

#include <algorithm>
#include <span>

#include <fmt/format.h>

#include "stackpick/report/estimates_wording.hpp"
#include "stackpick/report/sources.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

/// The one stylesheet: readable on a phone, charts scaled to the column, tables scrolled
/// sideways rather than cut, and a print layout with nothing cut across pages. On a phone a
/// chart keeps at least 32rem of width and scrolls sideways: scaled to 360 px its 12-unit text
/// would be under 7 px.
constexpr const char* k_style =
    R"css(:root{color-scheme:light;--ink:#1a1a1a;--muted:#555;--rule:#ccc}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:64rem;margin:0 auto;padding:1rem 1.25rem 3rem}
h1{font-size:1.8rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.35rem;margin:2rem 0 .75rem;border-bottom:1px solid var(--rule);padding-bottom:.25rem}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
p,li{overflow-wrap:anywhere}
.meta{list-style:none;padding:0;color:var(--muted)}
.cite{color:var(--muted);white-space:nowrap}
.quotes{font-size:.9rem;color:var(--muted);margin:.25rem 0 .5rem}
.pick{font-size:1.15rem}
.good::before{content:"+ ";font-weight:bold}
.bad::before{content:"\2212  ";font-weight:bold}
figure{margin:1rem 0;display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;align-items:start}
figure>.table{overflow-x:auto}
svg.chart{width:100%;height:auto;font-size:12px;font-family:inherit}
svg .grid{stroke:#e3e3e3}
svg .baseline{stroke:#777}
svg .tick{text-anchor:middle;fill:#555}
svg .label,svg .end{text-anchor:end}
svg .value{fill:var(--ink)}
svg .axis-label{text-anchor:middle;fill:#555}
svg .axis-label-y{text-anchor:start;fill:#555}
svg .gap line{stroke:#000;stroke-width:1.5}
svg .gap text{font-weight:bold}
svg .expected{fill:#000;stroke:#fff}
svg .line{fill:none;stroke-width:2.5}
svg .band{opacity:.15}
svg .mark line{stroke:#000;stroke-dasharray:4 3;stroke-width:1.5}
svg .mark .span{fill:#000;opacity:.08}
svg .mark text,svg .note{font-weight:bold}
svg .box rect{fill:#fff;stroke-width:2}
svg .clients rect{stroke:#555}
svg .runtime{font-weight:bold}
svg .centre,svg .caption{text-anchor:middle}
svg .arrow line{stroke:#333;stroke-width:1.5}
table{border-collapse:collapse;width:100%;font-size:.9rem}
caption{text-align:left;font-weight:bold;padding-bottom:.25rem}
th,td{border-bottom:1px solid var(--rule);padding:.3rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto}
details{margin:1.5rem 0;border:1px solid var(--rule);padding:.5rem 1rem}
summary{cursor:pointer;font-weight:bold}
pre{white-space:pre-wrap;font-size:.8rem;overflow-wrap:anywhere}
@media (max-width:40rem){main{padding:.75rem}h1{font-size:1.45rem}figure{grid-template-columns:minmax(0,1fr);overflow-x:auto}svg.chart{min-width:32rem}}
@media print{body{font-size:11pt}main{max-width:none;padding:0}figure,table,svg,li{break-inside:avoid}h2,h3{break-after:avoid}
a[href]::after{content:" (" attr(href) ")";font-size:.85em}details{border:none;padding:0}.scroll{overflow:visible}})css";

}  // namespace

std::string html_page(const std::string& title, const std::string& body) {
    return fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{}</title>\n<style>\n{}\n</style>\n</head>\n<body>\n<main>\n{}</main>\n</body>\n"
        "</html>\n",
        html_escape(title), k_style, body);
}

std::string html_table(const std::string& caption, const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
    std::string out = "<table>\n";
    if (!caption.empty()) out += "<caption>" + html_escape(caption) + "</caption>\n";
    out += "<thead><tr>";
    for (const auto& cell : header) out += "<th scope=\"col\">" + html_escape(cell) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : rows) {
        out += "<tr>";
        for (std::size_t i = 0; i < row.size(); ++i)
            out += i == 0 ? "<th scope=\"row\">" + row[i] + "</th>" : "<td>" + row[i] + "</td>";
        out += "</tr>\n";
    }
    return out + "</tbody>\n</table>\n";
}

std::string html_figure(const std::string& svg, const std::string& table) {
    return "<figure>\n" + svg + "<div class=\"table\">\n" + table + "</div>\n</figure>\n";
}

std::string html_cite(const Facts& facts, std::span<const std::string> sources) {
    const std::string markers = source_markers(facts, sources);
    return markers.empty() ? " (not from a source)"
                           : " <span class=\"cite\">" + html_escape(markers) + "</span>";
}

std::string html_quotes(const Facts& facts, std::span<const Quote> quotes) {
    if (quotes.empty()) return {};
    std::string out = "<ul class=\"quotes\">\n";
    for (const auto& quote : quotes)
        out += fmt::format("<li>{} <q>{}</q></li>\n",
                           html_escape(source_markers(facts, {quote.source})),
                           html_escape(quote.text));
    return out + "</ul>\n";
}

std::string html_paragraph(const std::string& text) { return "<p>" + html_escape(text) + "</p>\n"; }

std::string html_sources(const Facts& facts, const std::vector<std::string>& cited) {
    std::string out = "<ol class=\"sources\">\n";
    for (std::size_t i = 0; i < facts.sources.size(); ++i) {
        const Source& source = facts.sources[i];
        if (!cited.empty() && std::find(cited.begin(), cited.end(), source.id) == cited.end())
            continue;
        out += fmt::format("<li value=\"{}\" id=\"source-{}\">{}</li>\n", i + 1, i + 1,
                           html_escape(wording::source_line(source)));
    }
    return out + "</ol>\n";
}

}  // namespace stackpick
