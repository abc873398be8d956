#include "stackpick/report/estimates_markdown.hpp"

#include <cmath>
#include <functional>
#include <span>

#include <fmt/format.h>

#include "stackpick/report/estimates_wording.hpp"
#include "stackpick/report/facts_report.hpp"
#include "stackpick/report/markdown_table.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

using namespace wording;

/// render_estimates_markdown, one section per member function.
class MarkdownRenderer {
  public:
    MarkdownRenderer(const Estimates& estimates, const Facts& facts)
        : m_estimates(estimates), m_facts(facts), m_names(stack_names_of(estimates)) {}

    std::string render() {
        render_sections(*this);
        return std::move(m_out);
    }

  private:
    friend void wording::render_sections<>(MarkdownRenderer&);

    /// " \[1,3\]": markers escaped for Markdown.
    std::string markers(std::span<const std::string> sources) const {
        return markdown_escape(markers_of(m_facts, sources));
    }

    std::string why(const EstimateReason& reason) const { return reason_text(reason, m_estimates); }

    /// A paragraph of escaped text.
    void paragraph(const std::string& text) { m_out += markdown_escape(text) + "\n\n"; }

    /// A bullet of escaped text.
    void bullet(const std::string& text) { m_out += "- " + markdown_escape(text) + "\n"; }

    /// A table row: the label is Markdown already; the cells are escaped. A stack without a
    /// value whose reason is in `reasons` names the figure ids it lacks.
    template <typename Map, typename Cell>
    void row(const std::string& label, const Map& values, Cell cell,
             const std::map<std::string, EstimateReason>& reasons = {}) {
        std::vector<std::string> cells{label};
        const auto missing = [&](const std::string& stack) {
            return missing_cell(reasons, stack, true);
        };
        for (auto& text : cells_of(m_estimates, values, cell, missing))
            cells.push_back(markdown_escape(text));
        m_out += markdown_row(cells);
    }

    void heading() {
        m_out += "## Estimates";
        if (!m_estimates.product_name.empty())
            m_out += ": " + markdown_escape(m_estimates.product_name);
        m_out += "\n\n" + markdown_escape("Inputs: " + inputs_text(m_estimates)) + "\n\n";
    }

    void cost_rows() {
        const auto& cost = m_estimates.cost;
        const auto& reasons = m_estimates.cost_reasons;
        row(
            "Development hours", cost,
            [](const StackCost& c) {
                return with_range(whole(c.hours), c.hours_range, whole_range);
            },
            reasons);
        row(
            "Hourly rate", cost,
            [](const StackCost& c) {
                return with_range(quantity_text(std::round(c.rate_usd * 100) / 100, "usd/hour"),
                                  c.rate_usd_range,
                                  [](Range r) { return range_text(r, "usd/hour"); }) +
                       (c.rate_derived ? " (derived)" : "");
            },
            reasons);
        row(
            "Development" + markers(m_estimates.cost_basis.sources), cost,
            [](const StackCost& c) {
                return money_with_range(c.development_usd, c.development_usd_range);
            },
            reasons);
    }

    void cost_table() {
        const auto& cost = m_estimates.cost;
        m_out += markdown_header("", m_names);
        if (!cost.empty()) cost_rows();
        row(
            "Hosting per month" + markers(m_estimates.hosting_basis.sources), m_estimates.hosting,
            [](const HostingEstimate& h) {
                return money_with_range(h.monthly_usd, h.monthly_usd_range);
            },
            m_estimates.hosting_reasons);
        if (m_estimates.inputs.months)
            row(
                fmt::format("Hosting, {} months", whole(*m_estimates.inputs.months)),
                m_estimates.hosting,
                [](const HostingEstimate& h) {
                    return money_with_range(h.period_usd.value_or(0), h.period_usd_range);
                },
                m_estimates.hosting_reasons);
        if (!cost.empty())
            row(
                "**Total**", cost,
                [](const StackCost& c) { return money_with_range(c.total_usd, c.total_usd_range); },
                m_estimates.cost_reasons);
        m_out += "\n";
    }

    void cost_and_hosting() {
        m_out += "### Cost (USD)\n\n";
        if (!m_estimates.cost.empty() || !m_estimates.hosting.empty()) cost_table();
        for (const auto& sentence : cost_note_sentences(m_estimates)) paragraph(sentence);
    }

    void break_even() {
        m_out += "### Break-even\n\n";
        m_out += "**Break-even" + markers(m_estimates.break_even.basis.sources) + ":** " +
                 markdown_escape(break_even_text(m_estimates)) + "\n\n";
        for (const auto& claim : m_estimates.break_even_claims)
            m_out += "- Claimed: " + markdown_escape(claim_text(claim, m_facts)) + "\n";
        if (!m_estimates.break_even_claims.empty()) m_out += "\n";
    }

    void timeline() {
        m_out += "### Time to build\n\n";
        if (!m_estimates.timeline_reason.empty()) {
            paragraph("Time to build: " + why(m_estimates.timeline_reason) + ".");
            return;
        }
        m_out += markdown_header("", m_names);
        std::vector<std::string> cells{"Weeks" + markers(m_estimates.timeline_basis.sources)};
        for (const auto& cell : weeks_cells(m_estimates)) cells.push_back(markdown_escape(cell));
        m_out += markdown_row(cells) + "\n";
    }

    void capacity_table() {
        m_out += markdown_header(
            fmt::format("{} users", whole(m_estimates.inputs.concurrent_users.value_or(0))),
            m_names);
        std::vector<std::string> instances{"Instances" +
                                           markers(m_estimates.capacity_basis.sources)};
        std::vector<std::string> memory{"Memory"};
        const CapacityCells cells = capacity_cells(m_estimates);
        for (const auto& cell : cells.instances) instances.push_back(markdown_escape(cell));
        for (const auto& cell : cells.memory) memory.push_back(markdown_escape(cell));
        m_out += markdown_row(instances) + markdown_row(memory) + "\n";
    }

    void capacity() {
        m_out += "### Capacity\n\n";
        if (!m_estimates.capacity_reason.empty()) {
            paragraph("Capacity: " + why(m_estimates.capacity_reason) + ".");
            return;
        }
        capacity_table();
        for (const auto& stack : m_estimates.stacks)
            if (const auto it = m_estimates.capacity.find(stack); it != m_estimates.capacity.end())
                bullet(fmt::format("{}: {}{}.", name_of(m_estimates, stack),
                                   derivation_text(it->second, m_estimates),
                                   markers_of(m_facts, it->second.sources)));
        for (const auto& disagreement : m_estimates.capacity_disagreements)
            bullet(fmt::format("Disagreement{}: {}.", markers_of(m_facts, disagreement.sources),
                               disagreement_text(disagreement)));
        m_out += "\n";
    }

    void hiring() {
        m_out += "### Hiring\n\n" + markdown_header("", m_names);
        for (const auto& figures : figure_rows(m_estimates)) {
            std::vector<std::string> cells{
                markdown_escape(figures.metric + markers_of(m_facts, figures.sources))};
            for (const auto& cell :
                 cells_of(m_estimates, figures.cells, [](const std::string& text) { return text; }))
                cells.push_back(markdown_escape(cell));
            m_out += markdown_row(cells);
        }
        m_out += "\n";
        for (const auto& stack : m_estimates.stacks)
            if (const auto it = m_estimates.hiring.find(stack); it != m_estimates.hiring.end())
                for (const auto& note : it->second.notes)
                    bullet(fmt::format("{}: {}{}", name_of(m_estimates, stack), note.text,
                                       markers_of(m_facts, note.sources)));
        for (const auto& note : m_estimates.hiring_notes)
            bullet(note.text + markers_of(m_facts, note.sources));
        m_out += "\n";
    }

    void salaries() {
        const auto& salaries = m_estimates.salaries;
        if (!salaries) return;
        m_out += "### Salaries, " + markdown_escape(salaries->region) + "\n\n" +
                 markdown_header("", m_names);
        std::vector<std::string> cells{"Annual salary" + markers(salaries->basis.sources)};
        for (const auto& cell : cells_of(m_estimates, salaries->by_stack, [](const ShownFigure& f) {
                 return format_quantity(f.value, f.qualifier);
             }))
            cells.push_back(markdown_escape(cell));
        m_out += markdown_row(cells) + "\n";
        paragraph(salaries_note(*salaries));
    }

    void assumptions() {
        const auto all = all_assumptions(m_estimates);
        if (all.empty()) return;
        m_out += "### Assumptions\n\nNot from a source; see docs/estimates.md.\n\n";
        for (const auto& assumption : all)
            m_out += "- " + markdown_escape(assumption_text(assumption, m_estimates)) + " (`" +
                     std::string(to_string(assumption.id)) + "`)\n";
        m_out += "\n";
    }

    void sources() {
        const auto used = estimate_sources(m_estimates);
        if (used.empty()) return;
        m_out += "### Sources\n\n";
        for (std::size_t i = 0; i < m_facts.sources.size(); ++i)
            if (used.count(m_facts.sources[i].id))
                m_out += fmt::format("{}. {}\n", i + 1,
                                     markdown_escape(source_line(m_facts.sources[i])));
    }

    const Estimates& m_estimates;
    const Facts& m_facts;
    std::vector<std::string> m_names;
    std::string m_out;
};

}  // namespace

std::string render_estimates_markdown(const Estimates& estimates,
                                      const KnowledgeBase& knowledge_base) {
    return MarkdownRenderer(estimates, knowledge_base.facts).render();
}

}  // namespace stackpick
