#include "stackpick/report/html_estimates.hpp"

#include <cmath>
#include <span>

#include <fmt/format.h>

#include "stackpick/report/estimates_wording.hpp"
#include "stackpick/report/facts_report.hpp"
#include "stackpick/report/html_charts.hpp"
#include "stackpick/report/html_page.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

using namespace wording;

using Rows = std::vector<std::vector<std::string>>;

/// render_estimates_html, one section per member function (the order is render_sections').
class HtmlRenderer {
  public:
    HtmlRenderer(const Estimates& estimates, const Facts& facts)
        : m_estimates(estimates), m_facts(facts), m_names(stack_names_of(estimates)) {}

    std::string render() {
        m_out += "<section id=\"estimates\">\n";
        render_sections(*this);
        m_out += "</section>\n";
        return std::move(m_out);
    }

  private:
    friend void wording::render_sections<>(HtmlRenderer&);

    std::string markers(std::span<const std::string> sources) const {
        return html_escape(markers_of(m_facts, sources));
    }
    std::string why(const EstimateReason& reason) const { return reason_text(reason, m_estimates); }
    void paragraph(const std::string& text) { m_out += html_paragraph(text); }
    std::string bullet(const std::string& text) { return "<li>" + html_escape(text) + "</li>\n"; }

    /// A row: the label is HTML already; the cells are escaped. A stack without a value whose
    /// reason is in `reasons` names the figure ids it lacks (as in the Markdown record).
    template <typename Map, typename Cell>
    void row(Rows& rows, const std::string& label, const Map& values, Cell cell,
             const std::map<std::string, EstimateReason>& reasons = {}) {
        std::vector<std::string> cells{label};
        const auto missing = [&](const std::string& stack) {
            return missing_cell(reasons, stack, true);
        };
        for (auto& text : cells_of(m_estimates, values, cell, missing))
            cells.push_back(html_escape(text));
        rows.push_back(std::move(cells));
    }

    std::vector<std::string> header(const std::string& first) const {
        std::vector<std::string> cells{first};
        cells.insert(cells.end(), m_names.begin(), m_names.end());
        return cells;
    }

    void table(const std::string& caption, const std::string& first, const Rows& rows) {
        m_out += "<div class=\"scroll\">\n" + html_table(caption, header(first), rows) + "</div>\n";
    }

    void heading() {
        m_out += "<h2>Estimates";
        if (!m_estimates.product_name.empty())
            m_out += ": " + html_escape(m_estimates.product_name);
        m_out += "</h2>\n" + html_paragraph("Inputs: " + inputs_text(m_estimates));
    }

    void cost_rows(Rows& rows) {
        const auto& cost = m_estimates.cost;
        const auto& reasons = m_estimates.cost_reasons;
        row(
            rows, "Development hours", cost,
            [](const StackCost& c) {
                return with_range(whole(c.hours), c.hours_range, whole_range);
            },
            reasons);
        row(
            rows, "Hourly rate", cost,
            [](const StackCost& c) {
                return with_range(quantity_text(std::round(c.rate_usd * 100) / 100, "usd/hour"),
                                  c.rate_usd_range,
                                  [](Range r) { return range_text(r, "usd/hour"); }) +
                       (c.rate_derived ? " (derived)" : "");
            },
            reasons);
        row(
            rows, "Development" + markers(m_estimates.cost_basis.sources), cost,
            [](const StackCost& c) {
                return money_with_range(c.development_usd, c.development_usd_range);
            },
            reasons);
    }

    void cost_table() {
        const auto& cost = m_estimates.cost;
        Rows rows;
        if (!cost.empty()) cost_rows(rows);
        row(
            rows, "Hosting per month" + markers(m_estimates.hosting_basis.sources),
            m_estimates.hosting,
            [](const HostingEstimate& h) {
                return money_with_range(h.monthly_usd, h.monthly_usd_range);
            },
            m_estimates.hosting_reasons);
        if (m_estimates.inputs.months)
            row(
                rows,
                html_escape(fmt::format("Hosting, {} months", whole(*m_estimates.inputs.months))),
                m_estimates.hosting,
                [](const HostingEstimate& h) {
                    return money_with_range(h.period_usd.value_or(0), h.period_usd_range);
                },
                m_estimates.hosting_reasons);
        if (!cost.empty())
            row(
                rows, "<strong>Total</strong>", cost,
                [](const StackCost& c) { return money_with_range(c.total_usd, c.total_usd_range); },
                m_estimates.cost_reasons);
        table("Cost (USD)", "", rows);
    }

    void cost_and_hosting() {
        m_out += "<h3>Cost (USD)</h3>\n" + cost_figure(m_estimates);
        if (!m_estimates.cost.empty() || !m_estimates.hosting.empty()) cost_table();
        for (const auto& sentence : cost_note_sentences(m_estimates)) paragraph(sentence);
    }

    void break_even() {
        m_out += "<h3>Break-even</h3>\n" + cost_over_time_figure(m_estimates);
        m_out += "<p><strong>Break-even" + markers(m_estimates.break_even.basis.sources) +
                 ":</strong> " + html_escape(break_even_text(m_estimates)) + "</p>\n";
        std::string claims;
        for (const auto& claim : m_estimates.break_even_claims)
            claims += bullet("Claimed: " + claim_text(claim, m_facts));
        if (!claims.empty()) m_out += "<ul>\n" + claims + "</ul>\n";
    }

    void timeline() {
        m_out += "<h3>Time to build</h3>\n";
        if (!m_estimates.timeline_reason.empty()) {
            paragraph("Time to build: " + why(m_estimates.timeline_reason) + ".");
            return;
        }
        m_out += weeks_figure(m_estimates);
        std::vector<std::string> cells{"Weeks" + markers(m_estimates.timeline_basis.sources)};
        for (const auto& cell : weeks_cells(m_estimates)) cells.push_back(html_escape(cell));
        table("Weeks to build", "", {cells});
    }

    void capacity_table() {
        std::vector<std::string> instances{"Instances" +
                                           markers(m_estimates.capacity_basis.sources)};
        std::vector<std::string> memory{"Memory"};
        const CapacityCells cells = capacity_cells(m_estimates);
        for (const auto& cell : cells.instances) instances.push_back(html_escape(cell));
        for (const auto& cell : cells.memory) memory.push_back(html_escape(cell));
        table("Capacity",
              fmt::format("{} users", whole(m_estimates.inputs.concurrent_users.value_or(0))),
              {instances, memory});
    }

    void capacity() {
        m_out += "<h3>Capacity</h3>\n";
        if (!m_estimates.capacity_reason.empty()) {
            paragraph("Capacity: " + why(m_estimates.capacity_reason) + ".");
            return;
        }
        capacity_table();
        std::string items;
        for (const auto& stack : m_estimates.stacks)
            if (const auto it = m_estimates.capacity.find(stack); it != m_estimates.capacity.end())
                items += bullet(fmt::format("{}: {}{}.", name_of(m_estimates, stack),
                                            derivation_text(it->second, m_estimates),
                                            markers_of(m_facts, it->second.sources)));
        for (const auto& disagreement : m_estimates.capacity_disagreements)
            items +=
                bullet(fmt::format("Disagreement{}: {}.", markers_of(m_facts, disagreement.sources),
                                   disagreement_text(disagreement)));
        if (!items.empty()) m_out += "<ul>\n" + items + "</ul>\n";
    }

    void hiring() {
        m_out += "<h3>Hiring</h3>\n";
        Rows rows;
        for (const auto& figures : figure_rows(m_estimates)) {
            std::vector<std::string> cells{
                html_escape(figures.metric + markers_of(m_facts, figures.sources))};
            for (const auto& cell :
                 cells_of(m_estimates, figures.cells, [](const std::string& text) { return text; }))
                cells.push_back(html_escape(cell));
            rows.push_back(std::move(cells));
        }
        table("Hiring", "", rows);
        std::string items;
        for (const auto& stack : m_estimates.stacks)
            if (const auto it = m_estimates.hiring.find(stack); it != m_estimates.hiring.end())
                for (const auto& note : it->second.notes)
                    items += bullet(fmt::format("{}: {}{}", name_of(m_estimates, stack), note.text,
                                                markers_of(m_facts, note.sources)));
        for (const auto& note : m_estimates.hiring_notes)
            items += bullet(note.text + markers_of(m_facts, note.sources));
        if (!items.empty()) m_out += "<ul>\n" + items + "</ul>\n";
    }

    void salaries() {
        const auto& salaries = m_estimates.salaries;
        if (!salaries) return;
        m_out += "<h3>Salaries, " + html_escape(salaries->region) + "</h3>\n";
        std::vector<std::string> cells{"Annual salary" + markers(salaries->basis.sources)};
        for (const auto& cell : cells_of(m_estimates, salaries->by_stack, [](const ShownFigure& f) {
                 return format_quantity(f.value, f.qualifier);
             }))
            cells.push_back(html_escape(cell));
        table("Salaries (in the figures' own currency, not converted)", "", {cells});
        paragraph(salaries_note(*salaries));
    }

    void assumptions() {
        const auto all = all_assumptions(m_estimates);
        if (all.empty()) return;
        m_out += "<h3>Assumptions</h3>\n" +
                 html_paragraph("Not from a source; see docs/estimates.md.") + "<ul>\n";
        for (const auto& assumption : all)
            m_out += "<li>" + html_escape(assumption_text(assumption, m_estimates)) + " (<code>" +
                     html_escape(to_string(assumption.id)) + "</code>)</li>\n";
        m_out += "</ul>\n";
    }

    void sources() {
        const auto used = estimate_sources(m_estimates);
        if (used.empty()) return;
        m_out += "<h3>Sources</h3>\n" +
                 html_sources(m_facts, std::vector<std::string>(used.begin(), used.end()));
    }

    const Estimates& m_estimates;
    const Facts& m_facts;
    std::vector<std::string> m_names;
    std::string m_out;
};

}  // namespace

std::string render_estimates_html(const Estimates& estimates, const KnowledgeBase& knowledge_base) {
    return HtmlRenderer(estimates, knowledge_base.facts).render();
}

std::string render_estimates_page(const Estimates& estimates, const KnowledgeBase& knowledge_base) {
    const std::string heading = "Cost, time and hiring estimates";
    return html_page(
        estimates.product_name.empty() ? heading : heading + ": " + estimates.product_name,
        "<h1>" + heading + "</h1>\n" + render_estimates_html(estimates, knowledge_base));
}

}  // namespace stackpick
