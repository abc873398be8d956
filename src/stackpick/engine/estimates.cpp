#include "stackpick/engine/estimates.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <set>
#include <string_view>
#include <utility>

#include "estimates_parts.hpp"

namespace stackpick {

namespace estimates_detail {

// ---- Recording what a section uses ---------------------------------------------------------

/// Sources in marker order, unknown ids last.
Recorder::~Recorder() {
    std::stable_sort(
        m_basis.sources.begin(), m_basis.sources.end(),
        [this](const std::string& a, const std::string& b) { return order(a) < order(b); });
}

std::size_t Recorder::order(const std::string& id) const {
    const std::size_t marker = m_facts.source_marker(id);
    return marker ? marker : std::numeric_limits<std::size_t>::max();
}

const Figure* Recorder::need(const std::string& id, std::string_view unit) {
    const Figure* figure = optional(id, unit);
    if (!figure && !m_facts.find_figure(id)) m_missing.push_back({id, std::nullopt, ""});
    return figure;
}

const Figure* Recorder::optional(const std::string& id, std::string_view unit) {
    const Figure* figure = m_facts.find_figure(id);
    if (!figure) return nullptr;
    if (figure->value.unit != unit) {
        m_missing.push_back({id, figure->value.unit, std::string(unit)});
        return nullptr;
    }
    use(*figure);
    return figure;
}

void Recorder::use(const Figure& figure) {
    if (std::find(m_basis.figures.begin(), m_basis.figures.end(), figure.id) ==
        m_basis.figures.end())
        m_basis.figures.push_back(figure.id);
    use_sources(figure.sources);
}

void Recorder::use_sources(const std::vector<std::string>& sources) {
    for (const auto& source : sources)
        if (std::find(m_basis.sources.begin(), m_basis.sources.end(), source) ==
            m_basis.sources.end())
            m_basis.sources.push_back(source);
}

void Recorder::assume(Assumption assumption) {
    for (const auto& existing : m_basis.assumptions)
        if (existing.id == assumption.id) return;
    m_basis.assumptions.push_back(std::move(assumption));
}

EstimateReason Recorder::missing_reason() const {
    EstimateReason result = reason(EstimateReasonKind::missing_figures);
    result.missing = m_missing;
    return result;
}

EstimateReason Recorder::take_missing(std::size_t mark) {
    EstimateReason result = reason(EstimateReasonKind::missing_figures);
    result.missing.assign(m_missing.begin() + static_cast<std::ptrdiff_t>(mark), m_missing.end());
    m_missing.resize(mark);
    return result;
}

void add_missing(EstimateReason& into, const EstimateReason& from) {
    for (const auto& figure : from.missing)
        if (std::none_of(into.missing.begin(), into.missing.end(),
                         [&](const MissingFigure& known) { return known.id == figure.id; }))
            into.missing.push_back(figure);
}

EstimateReason all_missing(const std::vector<const Stack*>& stacks,
                           const std::map<std::string, EstimateReason>& reasons) {
    EstimateReason result = reason(EstimateReasonKind::missing_figures);
    for (const Stack* stack : stacks)
        if (const auto it = reasons.find(stack->id); it != reasons.end())
            add_missing(result, it->second);
    return result;
}

namespace {

bool starts_with_any(std::string_view text, const std::vector<std::string_view>& prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](std::string_view prefix) { return text.rfind(prefix, 0) == 0; });
}

}  // namespace

void merge_basis(EstimateBasis& into, const EstimateBasis& from, const Facts& facts,
                 const std::vector<std::string_view>& except) {
    Recorder recorder(facts, into);
    for (const auto& id : from.figures)
        if (const Figure* figure = facts.find_figure(id); figure && !starts_with_any(id, except))
            recorder.use(*figure);
    for (const auto& assumption : from.assumptions)
        if (!starts_with_any(to_string(assumption.id), except)) recorder.assume(assumption);
}

// ---- Stacks --------------------------------------------------------------------------------

std::vector<const Stack*> single_stacks(const KnowledgeBase& knowledge_base) {
    std::vector<const Stack*> stacks;
    for (const auto& stack : knowledge_base.stacks)
        if (stack.combines.empty()) stacks.push_back(&stack);
    return stacks;
}

std::vector<const Stack*> combined_stacks(const KnowledgeBase& knowledge_base) {
    std::vector<const Stack*> stacks;
    for (const auto& stack : knowledge_base.stacks)
        if (!stack.combines.empty()) stacks.push_back(&stack);
    return stacks;
}

bool has_figure_with_prefix(const Facts& facts, const std::string& prefix) {
    return std::any_of(facts.figures.begin(), facts.figures.end(),
                       [&](const Figure& figure) { return figure.id.rfind(prefix, 0) == 0; });
}

std::string timeline_row_of(const std::optional<std::string>& product) {
    if (product)
        for (const auto& [choice, row] : k_timeline_rows)
            if (choice == *product) return std::string(row);
    return {};
}

}  // namespace estimates_detail

namespace {

using namespace estimates_detail;
using nlohmann::json;

// ---- Answers -------------------------------------------------------------------------------

const json* answer(const ResolvedAnswers& answers, std::string_view key) {
    if (!answers.values.is_object()) return nullptr;
    const auto it = answers.values.find(std::string(key));
    if (it == answers.values.end() || it->is_null()) return nullptr;
    return &*it;
}

std::optional<double> number_answer(const ResolvedAnswers& answers, std::string_view key) {
    const json* value = answer(answers, key);
    if (!value || !value->is_number()) return std::nullopt;
    const double number = value->get<double>();
    if (!std::isfinite(number)) return std::nullopt;
    return number;
}

std::optional<std::string> text_answer(const ResolvedAnswers& answers, std::string_view key) {
    const json* value = answer(answers, key);
    if (!value || !value->is_string()) return std::nullopt;
    return value->get<std::string>();
}

bool flag_answer(const ResolvedAnswers& answers, std::string_view key) {
    const json* value = answer(answers, key);
    return value && value->is_boolean() && value->get<bool>();
}

EstimateInputs read_inputs(const ResolvedAnswers& answers) {
    EstimateInputs inputs;
    inputs.product = text_answer(answers, "product");
    inputs.team_size = number_answer(answers, "team_size");
    inputs.months = number_answer(answers, "months");
    inputs.region = text_answer(answers, "region");
    inputs.seniority = text_answer(answers, "seniority");
    inputs.rate_usd = number_answer(answers, "rate");
    inputs.requests_per_day = number_answer(answers, "requests_per_day");
    inputs.concurrent_users = number_answer(answers, "concurrent_users");
    inputs.ml = flag_answer(answers, "ml");
    inputs.admin_panel = flag_answer(answers, "admin_panel");
    inputs.mvp = flag_answer(answers, "mvp");
    return inputs;
}

// ---- Time to build -------------------------------------------------------------------------

void estimate_timeline(const KnowledgeBase& knowledge_base, Estimates& estimates) {
    Recorder recorder(knowledge_base.facts, estimates.timeline_basis);
    const auto& product = estimates.inputs.product;
    if (!product) {
        estimates.timeline_reason = reason(EstimateReasonKind::unknown_product);
        return;
    }
    estimates.timeline_row = timeline_row_of(product);
    const std::string& row = estimates.timeline_row;
    if (!row.empty()) recorder.assume({AssumptionId::timeline_rows, {}});
    for (const auto& stack : estimates.stacks) {
        if (!row.empty())
            if (const Figure* weeks = recorder.optional("timeline." + row + "." + stack, "weeks")) {
                estimates.timeline_weeks[stack] = range_of(weeks->value);
                continue;
            }
        EstimateReason none = row.empty() ? reason(EstimateReasonKind::no_timeline_row)
                                          : reason(EstimateReasonKind::no_timeline_column, {stack});
        if (row.empty()) none.subject = *product;
        estimates.timeline_reasons[stack] = std::move(none);
    }
}

// ---- Hiring and salaries -------------------------------------------------------------------

/// Figure ids (without the stack) shown per stack, and notes about both (assumption-free: they
/// are shown as the sources state them).
constexpr std::array<std::string_view, 5> k_hiring_figures = {
    "jobs.us-share", "jobs.us-count", "salary.us.average", "usage.professional",
    "learning.time-to-productivity"};
constexpr std::string_view k_talent_note = "note.talent-";
constexpr std::array<std::string_view, 2> k_hiring_notes = {"note.hiring-premium",
                                                            "note.job-trend"};

ShownFigure shown(const Figure& figure) {
    return {figure.id,         figure.metric,  figure.value,  figure.qualifier,
            figure.conditions, figure.derived, figure.sources};
}

const Note* find_note(const Facts& facts, std::string_view id) {
    for (const auto& note : facts.notes)
        if (note.id == id) return &note;
    return nullptr;
}

Hiring hiring_of(const Stack& stack, const Facts& facts, Recorder& recorder) {
    Hiring hiring;
    for (const auto stem : k_hiring_figures) {
        if (const Figure* figure = facts.find_figure(std::string(stem) + "." + stack.id)) {
            recorder.use(*figure);
            hiring.figures.push_back(shown(*figure));
        }
    }
    if (const Note* note = find_note(facts, std::string(k_talent_note) + stack.id)) {
        recorder.use_sources(note->sources);
        hiring.notes.push_back({note->id, note->text, note->sources});
    }
    return hiring;
}

void estimate_hiring(const KnowledgeBase& knowledge_base, Estimates& estimates) {
    const Facts& facts = knowledge_base.facts;
    Recorder recorder(facts, estimates.hiring_basis);
    for (const Stack* stack : single_stacks(knowledge_base)) {
        Hiring hiring = hiring_of(*stack, facts, recorder);
        if (hiring.figures.empty() && hiring.notes.empty())
            estimates.hiring_reasons[stack->id] = reason(EstimateReasonKind::no_hiring_source);
        else
            estimates.hiring[stack->id] = std::move(hiring);
    }
    for (const Stack* stack : combined_stacks(knowledge_base))
        estimates.hiring_reasons[stack->id] =
            reason(EstimateReasonKind::hybrid_hiring, stack->combines);
    for (const auto id : k_hiring_notes) {
        if (const Note* note = find_note(facts, id)) {
            recorder.use_sources(note->sources);
            estimates.hiring_notes.push_back({note->id, note->text, note->sources});
        }
    }
}

/// For a region whose sources give salaries but no hourly rates: the salaries, as stated.
void estimate_salaries(const KnowledgeBase& knowledge_base, Estimates& estimates) {
    const Facts& facts = knowledge_base.facts;
    const auto& region = estimates.inputs.region;
    if (!region || has_figure_with_prefix(facts, "rate." + *region + ".")) return;
    const std::string prefix = "salary." + *region + ".";
    RegionalSalaries salaries;
    salaries.region = *region;
    std::set<std::string> seniorities;
    {
        Recorder recorder(facts, salaries.basis);
        for (const Stack* stack : single_stacks(knowledge_base)) {
            for (const Figure& figure : facts.figures) {
                if (figure.id.rfind(prefix, 0) != 0 || figure.stack != stack->id) continue;
                recorder.use(figure);
                salaries.by_stack[stack->id] = shown(figure);
                const std::string rest = figure.id.substr(prefix.size());
                seniorities.insert(rest.substr(0, rest.find('.')));
                break;
            }
        }
    }
    if (salaries.by_stack.empty()) return;
    salaries.seniorities.assign(seniorities.begin(), seniorities.end());
    const auto& seniority = estimates.inputs.seniority;
    if (seniority && !seniorities.count(*seniority)) salaries.seniority = *seniority;
    estimates.salaries = std::move(salaries);
}

}  // namespace

std::string to_string(TrafficBand band) {
    switch (band) {
        case TrafficBand::unknown:
            return "unknown";
        case TrafficBand::small:
            return "small";
        case TrafficBand::medium:
            return "medium";
        case TrafficBand::scale:
            return "scale";
    }
    return "unknown";
}

std::string_view to_string(AssumptionId id) {
    static constexpr std::array<std::string_view, 21> k_names = {
        "hosting-expected",   "hosting-small",
        "hosting-scale",      "hosting-traffic-unknown",
        "hybrid-hosting",     "hosting-during-build",
        "hours-scale",        "rate-override",
        "rate-midpoint",      "ml-premium",
        "faster-claims",      "hybrid-split",
        "hybrid-integration", "break-even-model",
        "break-even-horizon", "break-even-range",
        "break-even-claim",   "timeline-rows",
        "capacity-memory",    "capacity-estimate",
        "capacity-round-up"};
    return k_names.at(static_cast<std::size_t>(id));
}

std::vector<const EstimateBasis*> estimate_bases(const Estimates& estimates) {
    std::vector<const EstimateBasis*> bases = {
        &estimates.cost_basis,     &estimates.hosting_basis,  &estimates.break_even.basis,
        &estimates.timeline_basis, &estimates.capacity_basis, &estimates.hiring_basis};
    if (estimates.salaries) bases.push_back(&estimates.salaries->basis);
    return bases;
}

std::set<std::string> estimate_sources(const Estimates& estimates) {
    std::set<std::string> all;
    for (const EstimateBasis* basis : estimate_bases(estimates))
        all.insert(basis->sources.begin(), basis->sources.end());
    return all;
}

Estimates estimate(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers) {
    Estimates estimates;
    estimates.inputs = read_inputs(answers);
    for (const auto& stack : knowledge_base.stacks) {
        estimates.stacks.push_back(stack.id);
        estimates.stack_names[stack.id] = stack.name;
    }
    if (const Question* product = knowledge_base.find_question("product");
        product && estimates.inputs.product)
        for (const auto& choice : product->choices)
            if (choice.id == *estimates.inputs.product) estimates.product_name = choice.description;

    // Hosting first: the cost and the break-even build on it.
    estimate_hosting(knowledge_base, estimates);
    estimate_cost(knowledge_base, estimates);
    estimate_break_even(knowledge_base, estimates);
    estimate_timeline(knowledge_base, estimates);
    estimate_capacity(knowledge_base, estimates);
    estimate_hiring(knowledge_base, estimates);
    estimate_salaries(knowledge_base, estimates);
    return estimates;
}

}  // namespace stackpick
