#include "stackpick/report/estimates_text.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "stackpick/report/estimates_wording.hpp"
#include "stackpick/report/facts_report.hpp"
#include "stackpick/report/sources.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

using namespace wording;

/// Text wrapped to width, keeping its leading spaces, every later line indented by `indent`.
std::string wrapped(const std::string& text, std::size_t width, std::size_t indent) {
    const std::size_t lead = std::min(text.find_first_not_of(' '), text.size());
    const std::size_t first = std::max(lead, indent);
    const std::size_t usable = width > first + 20 ? width - first : 20;
    std::string out;
    const auto lines = wrap_lines(text.substr(lead), usable);
    for (std::size_t i = 0; i < lines.size(); ++i)
        out += std::string(i ? indent : lead, ' ') + lines[i] + "\n";
    return out;
}

/// "1.2M", "660k", "950": money short enough for a narrow column.
std::string compact_number(double value) {
    const double magnitude = std::abs(value);
    std::string text;
    if (magnitude >= 1e6)
        text = fmt::format("{:.1f}M", value / 1e6);
    else if (magnitude >= 1e4)
        text = fmt::format("{:.0f}k", value / 1e3);
    else
        return fmt::format("{:.0f}", value);
    const std::size_t point_zero = text.find(".0");
    if (point_zero != std::string::npos && point_zero + 3 == text.size()) text.erase(point_zero, 2);
    return text;
}

/// A cell of whole dollars ("usd") or a whole count ("count") that fits `width`: in full, or
/// compact ("$1.2M-1.5M") when the full text is too wide.
std::string whole_cell(Range range, std::size_t width, const std::string& unit) {
    const Range rounded{std::round(range.min), std::round(range.max)};
    const std::string full = format_quantity({rounded.min, rounded.max, unit});
    if (display_width(full) <= width) return full;
    const std::string prefix = unit == "usd" ? "$" : "";
    return is_point(rounded)
               ? prefix + compact_number(rounded.min)
               : prefix + compact_number(rounded.min) + "-" + compact_number(rounded.max);
}

Range point(double value) { return {value, value}; }

/// "$35.50/h": a rate rounded to cents.
std::string rate_cell(double rate) {
    return quantity_text(std::round(rate * 100) / 100, "usd/hour");
}

/// Rows of a label and one cell per stack, for a terminal of a given width.
class TextTable {
  public:
    TextTable(std::size_t width, std::size_t stacks)
        : m_column(std::max<std::size_t>(
              10, width > k_label + k_gap * stacks
                      ? (width - k_label - k_gap * stacks) / std::max<std::size_t>(1, stacks)
                      : 10)) {}

    std::size_t column() const { return m_column; }

    void header(const std::string& title, const std::vector<std::string>& names) {
        row(title, names);
        std::vector<std::string> rules(names.size(), std::string(m_column, '-'));
        row(std::string(k_label, '-'), rules);
    }

    /// The label wraps within its column (keeping its indent); the cells stand on its first line.
    void row(const std::string& label, const std::vector<std::string>& cells) {
        const std::size_t lead = std::min(label.find_first_not_of(' '), label.size());
        const auto labels = wrap_lines(label.substr(lead), k_label - std::min(lead, k_label / 2));
        for (std::size_t i = 0; i < labels.size(); ++i) {
            std::string line =
                pad(std::string(std::min(lead, k_label / 2), ' ') + labels[i], k_label);
            if (i == 0)
                for (const auto& cell : cells)
                    line += std::string(k_gap, ' ') + pad(cell, m_column);
            while (!line.empty() && line.back() == ' ') line.pop_back();
            m_text += line + "\n";
        }
    }

    const std::string& text() const { return m_text; }

  private:
    static constexpr std::size_t k_label = 24;
    static constexpr std::size_t k_gap = 2;
    std::size_t m_column;
    std::string m_text;
};

/// render_estimates_text, one section per member function.
class TextRenderer {
  public:
    TextRenderer(const Estimates& estimates, const Facts& facts, std::size_t width)
        : m_estimates(estimates),
          m_facts(facts),
          m_width(width),
          m_names(stack_names_of(estimates)) {}

    std::string render() {
        render_sections(*this);
        return std::move(m_out);
    }

  private:
    friend void wording::render_sections<>(TextRenderer&);

    void line(const std::string& text, std::size_t indent) {
        m_out += wrapped(text, m_width, indent);
    }

    std::string why(const EstimateReason& reason) const { return reason_text(reason, m_estimates); }

    TextTable table() const { return TextTable(m_width, m_estimates.stacks.size()); }

    std::string money_cell(Range range, const TextTable& table) const {
        return whole_cell(range, table.column(), "usd");
    }

    /// A "low-high" row under a row of expected values, when any of them is a range.
    template <typename Map, typename RangeOf, typename Format>
    void range_row(TextTable& table, const Map& values, RangeOf range_of_value,
                   Format format) const {
        bool any = false;
        for (const auto& [stack, value] : values) any = any || !is_point(range_of_value(value));
        if (any)
            table.row("  low-high", cells_of(m_estimates, values, [&](const auto& value) {
                          return format(range_of_value(value));
                      }));
    }

    /// "  Python: no source.": why a stack has no value, for each stack that has a reason.
    void reasons(const std::map<std::string, EstimateReason>& reasons) {
        for (const auto& stack : m_estimates.stacks)
            if (const auto it = reasons.find(stack); it != reasons.end())
                line(fmt::format("  {}: {}.", name_of(m_estimates, stack), why(it->second)), 4);
    }

    void heading() {
        line(m_estimates.product_name.empty() ? std::string("Estimates")
                                              : "Estimates: " + m_estimates.product_name,
             2);
        line("Inputs: " + inputs_text(m_estimates), 2);
    }

    /// A cost or hosting cell of a stack its figures do not cover: "missing" (the column is too
    /// narrow for the figure ids, which the line under the table names).
    auto cost_missing() const {
        return [this](const std::string& stack) {
            return missing_cell(m_estimates.cost_reasons, stack, false);
        };
    }
    auto hosting_missing() const {
        return [this](const std::string& stack) {
            return missing_cell(m_estimates.hosting_reasons, stack, false);
        };
    }

    void cost_rows(TextTable& table) const {
        const auto& cost = m_estimates.cost;
        const std::size_t column = table.column();
        const auto count = [&](Range r) { return whole_cell(r, column, "count"); };
        const auto money_format = [&](Range r) { return money_cell(r, table); };
        table.header("Cost (USD)", m_names);
        table.row(
            "Development hours" + markers_of(m_facts, sources_of(m_facts, m_estimates.cost_basis,
                                                                 {"example.rest-api.hours.",
                                                                  "productivity.", "effort."})),
            cells_of(
                m_estimates, cost, [&](const StackCost& c) { return count(point(c.hours)); },
                cost_missing()));
        range_row(
            table, cost, [](const StackCost& c) { return c.hours_range; }, count);
        table.row("Hourly rate" +
                      markers_of(m_facts, sources_of(m_facts, m_estimates.cost_basis, {"rate."})),
                  cells_of(
                      m_estimates, cost,
                      [](const StackCost& c) {
                          return rate_cell(c.rate_usd) + (c.rate_derived ? " *" : "");
                      },
                      cost_missing()));
        range_row(
            table, cost, [](const StackCost& c) { return c.rate_usd_range; },
            [](Range r) {
                return range_text({std::round(r.min * 100) / 100, std::round(r.max * 100) / 100},
                                  "usd/hour");
            });
        table.row("Development" + markers_of(m_facts, m_estimates.cost_basis.sources),
                  cells_of(
                      m_estimates, cost,
                      [&](const StackCost& c) { return money_format(point(c.development_usd)); },
                      cost_missing()));
        range_row(
            table, cost, [](const StackCost& c) { return c.development_usd_range; }, money_format);
    }

    void hosting_rows(TextTable& table) const {
        const auto& hosting = m_estimates.hosting;
        const auto money_format = [&](Range r) { return money_cell(r, table); };
        if (m_estimates.cost.empty()) table.header("Hosting (USD)", m_names);
        table.row("Hosting per month" + markers_of(m_facts, m_estimates.hosting_basis.sources),
                  cells_of(
                      m_estimates, hosting,
                      [&](const HostingEstimate& h) { return money_format(point(h.monthly_usd)); },
                      hosting_missing()));
        range_row(
            table, hosting, [](const HostingEstimate& h) { return h.monthly_usd_range; },
            money_format);
        if (!m_estimates.inputs.months) return;
        table.row(fmt::format("Hosting, {} months", whole(*m_estimates.inputs.months)),
                  cells_of(
                      m_estimates, hosting,
                      [&](const HostingEstimate& h) {
                          return money_format(point(h.period_usd.value_or(0)));
                      },
                      hosting_missing()));
        range_row(
            table, hosting, [](const HostingEstimate& h) { return h.period_usd_range; },
            money_format);
    }

    void total_rows(TextTable& table) const {
        const auto money_format = [&](Range r) { return money_cell(r, table); };
        table.row("Total", cells_of(
                               m_estimates, m_estimates.cost,
                               [&](const StackCost& c) { return money_format(point(c.total_usd)); },
                               cost_missing()));
        range_row(
            table, m_estimates.cost, [](const StackCost& c) { return c.total_usd_range; },
            money_format);
    }

    /// Why cost or hosting is missing, the derived-rate footnote, a hybrid's integration work.
    void cost_notes() {
        if (m_estimates.cost.empty()) line("Cost: " + why(m_estimates.cost_reason) + ".", 2);
        if (m_estimates.hosting.empty())
            line("Hosting: " + why(m_estimates.hosting_reason) + ".", 2);
        for (const auto& [stack, cost] : m_estimates.cost) {
            if (cost.rate_figure.empty() || !cost.rate_derived) continue;
            if (const Figure* figure = m_facts.find_figure(cost.rate_figure)) {
                line("* " + figure->note, 2);
                break;
            }
        }
        for (const auto& stack : m_estimates.stacks) {
            const auto it = m_estimates.cost.find(stack);
            if (it == m_estimates.cost.end() || it->second.integration_usd <= 0) continue;
            line(fmt::format("{}: development includes {} of integration work ({}).",
                             name_of(m_estimates, stack), money(it->second.integration_usd),
                             money_range(it->second.integration_usd_range)),
                 2);
        }
        reasons(m_estimates.cost_reasons);
        // A stack's missing hosting figures, unless its cost line above names them already.
        for (const auto& stack : m_estimates.stacks)
            if (const auto it = m_estimates.hosting_reasons.find(stack);
                it != m_estimates.hosting_reasons.end() &&
                (m_estimates.cost.empty() || !m_estimates.cost_reasons.count(stack)))
                line(fmt::format("  {}: {}.", name_of(m_estimates, stack), why(it->second)), 4);
    }

    void cost_and_hosting() {
        TextTable costs = table();
        m_out += "\n";
        if (!m_estimates.cost.empty()) cost_rows(costs);
        if (!m_estimates.hosting.empty()) hosting_rows(costs);
        if (!m_estimates.cost.empty()) total_rows(costs);
        m_out += costs.text();
        cost_notes();
    }

    void break_even() {
        m_out += "\n";
        line("Break-even" + markers_of(m_facts, m_estimates.break_even.basis.sources) + ": " +
                 break_even_text(m_estimates),
             2);
        for (const auto& claim : m_estimates.break_even_claims)
            line("  Claimed: " + claim_text(claim, m_facts), 4);
    }

    void timeline() {
        m_out += "\n";
        if (!m_estimates.timeline_reason.empty()) {
            line("Time to build: " + why(m_estimates.timeline_reason) + ".", 2);
            return;
        }
        TextTable weeks = table();
        weeks.header("Time to build", m_names);
        weeks.row("Weeks" + markers_of(m_facts, m_estimates.timeline_basis.sources),
                  cells_of(
                      m_estimates, m_estimates.timeline_weeks,
                      [](Range range) { return range_text(range, "weeks"); }, "no source"));
        m_out += weeks.text();
        reasons(m_estimates.timeline_reasons);
    }

    void capacity_table() {
        const auto& capacity = m_estimates.capacity;
        TextTable instances = table();
        instances.header(fmt::format("Capacity, {} users",
                                     whole(m_estimates.inputs.concurrent_users.value_or(0))),
                         m_names);
        instances.row("Instances" + markers_of(m_facts, m_estimates.capacity_basis.sources),
                      cells_of(m_estimates, capacity, [](const CapacityEstimate& c) {
                          return whole(c.instances) + (c.estimated ? " (est.)" : "");
                      }));
        instances.row("  low-high", cells_of(m_estimates, capacity, [](const CapacityEstimate& c) {
                          return whole_range(c.instances_range);
                      }));
        instances.row("Users per instance",
                      cells_of(m_estimates, capacity, [](const CapacityEstimate& c) {
                          return whole_range(c.users_per_instance);
                      }));
        instances.row("Memory", cells_of(m_estimates, capacity, [](const CapacityEstimate& c) {
                          return c.memory_mb ? range_text(*c.memory_mb, "MB") : std::string("-");
                      }));
        m_out += instances.text();
    }

    void capacity() {
        m_out += "\n";
        if (!m_estimates.capacity_reason.empty()) {
            line("Capacity: " + why(m_estimates.capacity_reason) + ".", 2);
            return;
        }
        capacity_table();
        for (const auto& stack : m_estimates.stacks) {
            const auto it = m_estimates.capacity.find(stack);
            if (it == m_estimates.capacity.end()) continue;
            line(fmt::format("  {}: {}{}.", name_of(m_estimates, stack),
                             derivation_text(it->second, m_estimates),
                             markers_of(m_facts, it->second.sources)),
                 4);
        }
        for (const auto& disagreement : m_estimates.capacity_disagreements)
            line(fmt::format("  Disagreement{}: {}.", markers_of(m_facts, disagreement.sources),
                             disagreement_text(disagreement)),
                 4);
        reasons(m_estimates.capacity_reasons);
    }

    void hiring() {
        m_out += "\n";
        TextTable figures = table();
        figures.header("Hiring", m_names);
        for (const auto& row : figure_rows(m_estimates))
            figures.row(
                row.metric + markers_of(m_facts, row.sources),
                cells_of(m_estimates, row.cells, [](const std::string& cell) { return cell; }));
        m_out += figures.text();
        for (const auto& stack : m_estimates.stacks) {
            const auto it = m_estimates.hiring.find(stack);
            if (it == m_estimates.hiring.end()) continue;
            for (const auto& note : it->second.notes)
                line(fmt::format("  {}: {}{}", name_of(m_estimates, stack), note.text,
                                 markers_of(m_facts, note.sources)),
                     4);
        }
        for (const auto& note : m_estimates.hiring_notes)
            line("  " + note.text + markers_of(m_facts, note.sources), 4);
        reasons(m_estimates.hiring_reasons);
    }

    void salaries() {
        const auto& salaries = m_estimates.salaries;
        if (!salaries) return;
        m_out += "\n";
        TextTable figures = table();
        figures.header("Salaries, " + salaries->region, m_names);
        std::string metric;
        for (const auto& [stack, figure] : salaries->by_stack) metric = figure.metric;
        figures.row(metric + markers_of(m_facts, salaries->basis.sources),
                    cells_of(m_estimates, salaries->by_stack, [](const ShownFigure& figure) {
                        return format_quantity(figure.value, figure.qualifier);
                    }));
        m_out += figures.text();
        line("  " + salaries_note(*salaries), 2);
    }

    void assumptions() {
        const auto all = all_assumptions(m_estimates);
        if (all.empty()) return;
        m_out += "\nAssumptions (not from a source; see docs/estimates.md)\n";
        for (const auto& assumption : all)
            line(fmt::format("- {} ({})", assumption_text(assumption, m_estimates),
                             to_string(assumption.id)),
                 2);
    }

    void sources() {
        const auto used = estimate_sources(m_estimates);
        if (used.empty()) return;
        m_out += "\nSources\n";
        for (std::size_t i = 0; i < m_facts.sources.size(); ++i)
            if (used.count(m_facts.sources[i].id))
                line(fmt::format("[{}] {}", i + 1, source_line(m_facts.sources[i])), 4);
    }

    const Estimates& m_estimates;
    const Facts& m_facts;
    std::size_t m_width;
    std::vector<std::string> m_names;
    std::string m_out;
};

std::string cost_line(const Estimates& estimates, const Facts& facts) {
    std::vector<std::string> totals;
    for (const auto& stack : estimates.stacks)
        if (const auto it = estimates.cost.find(stack); it != estimates.cost.end())
            totals.push_back(fmt::format("{} {} ({})", name_of(estimates, stack),
                                         money(it->second.total_usd),
                                         money_range(it->second.total_usd_range)));
    return fmt::format("Cost over {} months with {} developers: {}{}",
                       whole(estimates.inputs.months.value_or(0)),
                       whole(estimates.inputs.team_size.value_or(0)), fmt::join(totals, "; "),
                       markers_of(facts, estimates.cost_basis.sources));
}

std::string timeline_line(const Estimates& estimates, const Facts& facts) {
    std::vector<std::string> weeks;
    for (const auto& stack : estimates.stacks)
        if (const auto it = estimates.timeline_weeks.find(stack);
            it != estimates.timeline_weeks.end())
            weeks.push_back(
                fmt::format("{} {}", name_of(estimates, stack), range_text(it->second, "weeks")));
    return fmt::format("Time to build: {}{}", fmt::join(weeks, ", "),
                       markers_of(facts, estimates.timeline_basis.sources));
}

std::string break_even_line(const Estimates& estimates, const Facts& facts) {
    std::string line = "Break-even: " + break_even_summary(estimates);
    for (const auto& claim : estimates.break_even_claims)
        line +=
            fmt::format("; a source claims {}{}{}", format_quantity(claim.value, claim.qualifier),
                        markers_of(facts, claim.sources),
                        claim.contradicted ? ", contradicted by its own figures" : "");
    return line;
}

}  // namespace

std::string render_estimates_text(const Estimates& estimates, const KnowledgeBase& knowledge_base,
                                  std::size_t width) {
    return TextRenderer(estimates, knowledge_base.facts, width).render() +
           knowledge_base_footer(knowledge_base);
}

std::vector<std::string> cost_and_time_lines(const Estimates& estimates,
                                             const KnowledgeBase& knowledge_base) {
    const Facts& facts = knowledge_base.facts;
    std::vector<std::string> lines;
    if (!estimates.cost.empty()) lines.push_back(cost_line(estimates, facts));
    if (!estimates.timeline_weeks.empty()) lines.push_back(timeline_line(estimates, facts));
    if (!estimates.cost.empty()) lines.push_back(break_even_line(estimates, facts));
    return lines;
}

}  // namespace stackpick
