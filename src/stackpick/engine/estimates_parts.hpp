#pragma once
// Private to the estimates (estimates*.cpp): what the sections share, and each section's entry.

#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "stackpick/engine/estimates.hpp"

namespace stackpick::estimates_detail {

inline Range point(double value) { return {value, value}; }
inline Range range_of(const Quantity& quantity) { return {quantity.min, quantity.max}; }
inline double middle(Range range) { return (range.min + range.max) / 2; }
inline Range operator+(Range a, Range b) { return {a.min + b.min, a.max + b.max}; }
inline Range operator*(Range range, double factor) {
    return {range.min * factor, range.max * factor};
}

/// Rounds up to a whole number, ignoring floating-point noise (60.0000000001 is 60).
inline double ceil_whole(double value) { return std::ceil(value - 1e-9); }

/// A sourced value as quoted, for a stack ("" for none); qualified only where the wording says.
inline Quoted quoted(const std::string& stack, const Figure& figure, bool qualified = false) {
    return {stack, figure.value, qualified ? figure.qualifier : Qualifier::exact};
}

/// Looks figures up for one section and records the figures, sources and assumptions it uses,
/// and the figures it lacks, so that every section can say what it rests on.
class Recorder {
  public:
    Recorder(const Facts& facts, EstimateBasis& basis) : m_facts(facts), m_basis(basis) {}
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;
    ~Recorder();

    /// The figure with this id and unit; nullptr, noted as missing, when there is none.
    const Figure* need(const std::string& id, std::string_view unit);
    /// The figure with this id and unit, or nullptr when there is none (a figure with another
    /// unit is noted as missing: it cannot be what the estimate expects).
    const Figure* optional(const std::string& id, std::string_view unit);
    void use(const Figure& figure);
    void use_sources(const std::vector<std::string>& sources);
    /// Records an assumption once: the first of an id stays.
    void assume(Assumption assumption);

    bool complete() const { return m_missing.empty(); }
    /// How many figures are missing so far: a mark to tell one stack's missing figures apart.
    std::size_t mark() const { return m_missing.size(); }
    /// The figures missing since `mark`, as a reason, no longer counted against complete():
    /// they are one stack's, which the section leaves out with that reason.
    EstimateReason take_missing(std::size_t mark);
    /// The figures missing so far, as a reason.
    EstimateReason missing_reason() const;

  private:
    std::size_t order(const std::string& id) const;

    const Facts& m_facts;
    EstimateBasis& m_basis;
    std::vector<MissingFigure> m_missing;
};

/// Adds what `from` rests on to `into` (a section built on another's results), leaving out the
/// figures and assumptions whose ids start with one of `except`.
void merge_basis(EstimateBasis& into, const EstimateBasis& from, const Facts& facts,
                 const std::vector<std::string_view>& except = {});

std::vector<const Stack*> single_stacks(const KnowledgeBase& knowledge_base);
std::vector<const Stack*> combined_stacks(const KnowledgeBase& knowledge_base);
bool has_figure_with_prefix(const Facts& facts, const std::string& prefix);
/// The timelines table's row for a product type; "" when the table has none.
std::string timeline_row_of(const std::optional<std::string>& product);

/// A reason of a kind that names nothing more.
inline EstimateReason reason(EstimateReasonKind kind) { return {kind, {}, {}, {}, {}, 0, false}; }
/// A reason about some stacks.
inline EstimateReason reason(EstimateReasonKind kind, std::vector<std::string> stacks) {
    EstimateReason result = reason(kind);
    result.stacks = std::move(stacks);
    return result;
}

/// Adds the missing figures of `from` that `into` does not name yet (both missing_figures).
void add_missing(EstimateReason& into, const EstimateReason& from);
/// One reason naming every stack's missing figures, in the stacks' order: for a section that
/// no stack has a value in.
EstimateReason all_missing(const std::vector<const Stack*>& stacks,
                           const std::map<std::string, EstimateReason>& reasons);

// The sections, in the order estimate() runs them: each fills its members of the estimates.
void estimate_hosting(const KnowledgeBase& knowledge_base, Estimates& estimates);
void estimate_cost(const KnowledgeBase& knowledge_base, Estimates& estimates);
void estimate_break_even(const KnowledgeBase& knowledge_base, Estimates& estimates);
void estimate_capacity(const KnowledgeBase& knowledge_base, Estimates& estimates);

}  // namespace stackpick::estimates_detail
