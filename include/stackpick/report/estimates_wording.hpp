#pragma once
/// The words and numbers every rendering of the estimates shares (text, Markdown, JSON): money,
/// counts and ranges as format_quantity writes them, the stacks' names, source markers, and the
/// sentences that explain the engine's values. One place, so the formats cannot drift apart.

#include <functional>
#include <map>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "stackpick/engine/estimates.hpp"
#include "stackpick/knowledge/facts.hpp"

namespace stackpick::wording {

/// "$68,000": whole dollars.
std::string money(double value);
/// "$47,600-68,000": whole dollars.
std::string money_range(Range range);
/// "$68,000 ($47,600-68,000)": the expected value, with its range when that is wider.
std::string money_with_range(double value, Range range);
/// "720 (680-720)": an expected value with its range written by `format`, when that is wider.
std::string with_range(const std::string& expected, Range range,
                       const std::function<std::string(Range)>& format);
/// A value in a unit, as format_quantity writes it.
std::string quantity_text(double value, const std::string& unit);
std::string range_text(Range range, const std::string& unit);
/// "1,200": rounded to a whole count.
std::string whole(double value);
std::string whole_range(Range range);
/// "6.4": rounded to one decimal.
std::string one_decimal(double value);

/// Whether a range is a single value.
bool is_point(Range range);

/// The stack's name; its id when the estimates do not know it.
std::string name_of(const Estimates& estimates, const std::string& stack);
/// Every stack's name, in knowledge-base order.
std::vector<std::string> stack_names_of(const Estimates& estimates);

/// " [1,3]" for the given source ids; "" for none.
std::string markers_of(const Facts& facts, std::span<const std::string> sources);
/// The sources of the figures in a basis whose ids start with any of the prefixes.
std::vector<std::string> sources_of(const Facts& facts, const EstimateBasis& basis,
                                    const std::vector<std::string>& prefixes);

/// "2 developers, 6 months, mid rates, region us, ...": the answers the estimates used.
std::string inputs_text(const Estimates& estimates);

/// "month 8", "between month 3 and 14", "not determined by these figures", "none (...)",
/// "unknown (...)": the break-even as far as the cost ranges determine it.
std::string break_even_summary(const Estimates& estimates);
/// The break-even as a sentence: its month or range, who is cheaper, or why there is none.
std::string break_even_text(const Estimates& estimates);
/// A source's break-even claim with its markers and whether its own figures agree.
std::string claim_text(const BreakEvenClaim& claim, const Facts& facts);

/// Why there is no value, as a clause ("needs --team-size and --months").
std::string reason_text(const EstimateReason& reason, const Estimates& estimates);
/// The sentences under a cost table (Markdown and HTML): why cost or hosting is missing, a
/// hybrid's integration work, and which figures a stack lacks (its cost's, else its hosting's).
std::vector<std::string> cost_note_sentences(const Estimates& estimates);

/// The time-to-build row, a cell per stack in plain text (each format escapes it): its weeks,
/// why there are none, or "no source".
std::vector<std::string> weeks_cells(const Estimates& estimates);

/// The capacity table's two rows, a cell per stack in plain text (each format escapes them).
struct CapacityCells {
    std::vector<std::string> instances;  ///< "3 (2-4) (estimated)", why there is none, or "-"
    std::vector<std::string> memory;     ///< "512-1,024 MB" or "-"
};
CapacityCells capacity_cells(const Estimates& estimates);
/// What an assumption assumes, with the figures it used, as sentences.
std::string assumption_text(const Assumption& assumption, const Estimates& estimates);
/// How a capacity estimate was computed ("50,000 concurrent users / 2,500 per instance ...").
std::string derivation_text(const CapacityEstimate& capacity, const Estimates& estimates);
/// What another figure says and the instances it would imply.
std::string disagreement_text(const CapacityDisagreement& disagreement);
/// Why a break-even claim is contradicted; "" when it is not.
std::string claim_note(const BreakEvenClaim& claim);
/// What the regional salaries are and are not.
std::string salaries_note(const RegionalSalaries& salaries);

/// The sections of the estimates, in the order every rendering (text, Markdown) shows them: one
/// member function of the renderer per section, each appending its section.
template <typename Renderer>
void render_sections(Renderer& renderer) {
    renderer.heading();
    renderer.cost_and_hosting();
    renderer.break_even();
    renderer.timeline();
    renderer.capacity();
    renderer.hiring();
    renderer.salaries();
    renderer.assumptions();
    renderer.sources();
}

/// Every assumption of every section, once, in section order.
std::vector<Assumption> all_assumptions(const Estimates& estimates);

/// "Title (id). Publisher, year. Interest: ...": one line of the sources legend.
std::string source_line(const Source& source);

/// One row of per-stack cells: `cell` for stacks that have a value; for the others `missing`,
/// a text or a function of the stack's id (missing_cell, say).
template <typename Map, typename Cell, typename Missing = std::string>
std::vector<std::string> cells_of(const Estimates& estimates, const Map& values, Cell cell,
                                  const Missing& missing = std::string("-")) {
    std::vector<std::string> cells;
    for (const auto& stack : estimates.stacks) {
        const auto it = values.find(stack);
        if (it != values.end())
            cells.push_back(cell(it->second));
        else if constexpr (std::is_invocable_v<const Missing&, const std::string&>)
            cells.push_back(missing(stack));
        else
            cells.push_back(missing);
    }
    return cells;
}

/// The figure ids a stack lacks, from its reason in `reasons`; none for any other reason.
std::vector<std::string> missing_ids(const std::map<std::string, EstimateReason>& reasons,
                                     const std::string& stack);

/// The cell of a stack without a value: "missing: a, b" naming the figure ids it lacks (only
/// "missing" when `ids` is false, for a column too narrow for them); "-" for another reason.
std::string missing_cell(const std::map<std::string, EstimateReason>& reasons,
                         const std::string& stack, bool ids);

/// A row of the hiring table: one figure id (without the stack), each stack's figure in its
/// column.
struct FigureRow {
    std::string stem;
    std::string metric;
    std::vector<std::string> sources;
    std::map<std::string, std::string> cells;
};

/// The hiring table's rows, in first-seen order.
std::vector<FigureRow> figure_rows(const Estimates& estimates);

}  // namespace stackpick::wording
