#include "stackpick/engine/estimates.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "stackpick/report/facts_report.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

using nlohmann::json;

// ---- Ranges --------------------------------------------------------------------------------

Range point(double value) { return {value, value}; }
Range range_of(const Quantity& quantity) { return {quantity.min, quantity.max}; }
double middle(Range range) { return (range.min + range.max) / 2; }
Range operator+(Range a, Range b) { return {a.min + b.min, a.max + b.max}; }
Range operator*(Range range, double factor) { return {range.min * factor, range.max * factor}; }

/// Rounds up to a whole number, ignoring floating-point noise (60.0000000001 is 60).
double ceil_whole(double value) { return std::ceil(value - 1e-9); }

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

/// --product choices and the timelines table's rows (assumption timeline-rows).
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> k_timeline_rows = {{
    {"saas", "saas-dashboard"},
    {"marketplace", "marketplace"},
    {"analytics", "data-analytics"},
    {"api", "api-only"},
    {"ml-product", "ml-product"},
}};

/// The timelines table's row for a product type; "" when the table has none.
std::string timeline_row_of(const std::optional<std::string>& product) {
    if (product)
        for (const auto& [choice, row] : k_timeline_rows)
            if (choice == *product) return std::string(row);
    return {};
}

// ---- Text helpers shared by computing and rendering ------------------------------------------

std::string quantity_text(double value, const std::string& unit) {
    return format_quantity({value, value, unit});
}

std::string whole(double value) { return quantity_text(std::round(value), "count"); }

std::string one_decimal(double value) {
    return quantity_text(std::round(value * 10) / 10, "count");
}

// ---- Recording what a section uses ---------------------------------------------------------

/// Looks figures up for one section and records the figures, sources and assumptions it uses,
/// and the figures it lacks, so that every section can say what it rests on.
class Recorder {
  public:
    Recorder(const Facts& facts, EstimateBasis& basis) : m_facts(facts), m_basis(basis) {}
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;
    ~Recorder() { finish(); }

    /// The figure with this id and unit; nullptr, noted as missing, when there is none.
    const Figure* need(const std::string& id, std::string_view unit) {
        const Figure* figure = optional(id, unit);
        if (!figure && !m_facts.find_figure(id)) m_missing.push_back(id);
        return figure;
    }

    /// The figure with this id and unit, or nullptr when there is none (a figure with another
    /// unit is noted as missing: it cannot be what the estimate expects).
    const Figure* optional(const std::string& id, std::string_view unit) {
        const Figure* figure = m_facts.find_figure(id);
        if (!figure) return nullptr;
        if (figure->value.unit != unit) {
            m_missing.push_back(
                fmt::format("{} (unit {}, expected {})", id, figure->value.unit, unit));
            return nullptr;
        }
        use(*figure);
        return figure;
    }

    void use(const Figure& figure) {
        if (std::find(m_basis.figures.begin(), m_basis.figures.end(), figure.id) ==
            m_basis.figures.end())
            m_basis.figures.push_back(figure.id);
        use_sources(figure.sources);
    }

    void use_sources(const std::vector<std::string>& sources) {
        for (const auto& source : sources)
            if (std::find(m_basis.sources.begin(), m_basis.sources.end(), source) ==
                m_basis.sources.end())
                m_basis.sources.push_back(source);
    }

    void assume(const std::string& id, std::string text) {
        for (const auto& existing : m_basis.assumptions)
            if (existing.id == id) return;
        m_basis.assumptions.push_back({id, std::move(text)});
    }

    bool complete() const { return m_missing.empty(); }

    std::string missing_reason() const {
        return fmt::format("figures missing from the knowledge base: {}",
                           fmt::join(m_missing, ", "));
    }

  private:
    /// Sources in marker order, unknown ids last.
    void finish() {
        std::stable_sort(
            m_basis.sources.begin(), m_basis.sources.end(),
            [this](const std::string& a, const std::string& b) { return order(a) < order(b); });
    }
    std::size_t order(const std::string& id) const {
        const std::size_t marker = m_facts.source_marker(id);
        return marker ? marker : std::numeric_limits<std::size_t>::max();
    }

    const Facts& m_facts;
    EstimateBasis& m_basis;
    std::vector<std::string> m_missing;
};

bool starts_with_any(const std::string& text, const std::vector<std::string_view>& prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](std::string_view prefix) { return text.rfind(prefix, 0) == 0; });
}

/// Adds what `from` rests on to `into` (a section built on another's results), leaving out the
/// figures and assumptions whose ids start with one of `except`.
void merge_basis(EstimateBasis& into, const EstimateBasis& from, const Facts& facts,
                 const std::vector<std::string_view>& except = {}) {
    Recorder recorder(facts, into);
    for (const auto& id : from.figures)
        if (const Figure* figure = facts.find_figure(id); figure && !starts_with_any(id, except))
            recorder.use(*figure);
    for (const auto& assumption : from.assumptions)
        if (!starts_with_any(assumption.id, except))
            recorder.assume(assumption.id, assumption.text);
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

std::string name_of(const Estimates& estimates, const std::string& stack) {
    const auto it = estimates.stack_names.find(stack);
    return it == estimates.stack_names.end() ? stack : it->second;
}

bool has_figure_with_prefix(const Facts& facts, const std::string& prefix) {
    return std::any_of(facts.figures.begin(), facts.figures.end(),
                       [&](const Figure& figure) { return figure.id.rfind(prefix, 0) == 0; });
}

// ---- Hosting -------------------------------------------------------------------------------

/// Per month from the worked example (expected) and the medium-traffic range, adjusted to the
/// traffic band the sources describe; over the planned months when those are known.
void estimate_hosting(const KnowledgeBase& knowledge_base, Estimates& estimates) {
    Recorder recorder(knowledge_base.facts, estimates.hosting_basis);
    const auto singles = single_stacks(knowledge_base);
    std::map<std::string, HostingEstimate> hosting;
    std::vector<std::string> expected_texts, range_texts;
    for (const Stack* stack : singles) {
        const Figure* expected =
            recorder.need("example.rest-api.hosting-monthly." + stack->id, "usd/month");
        const Figure* range = recorder.need("hosting.medium-traffic." + stack->id, "usd/month");
        if (!expected || !range) continue;
        hosting[stack->id] = {expected->value.mid(), range_of(range->value), std::nullopt, {}};
        expected_texts.push_back(
            fmt::format("{} {}", stack->name, format_quantity(expected->value)));
        range_texts.push_back(fmt::format("{} {}", stack->name, format_quantity(range->value)));
    }
    if (!recorder.complete() || singles.empty()) {
        estimates.hosting_reason = recorder.missing_reason();
        return;
    }
    recorder.assume("hosting-expected",
                    fmt::format("The expected hosting per month is the worked example's ({}); its "
                                "range is the sources' medium-traffic range ({}).",
                                fmt::join(expected_texts, ", "), fmt::join(range_texts, ", ")));

    const auto cheapest = std::min_element(
        hosting.begin(), hosting.end(),
        [](const auto& a, const auto& b) { return a.second.monthly_usd < b.second.monthly_usd; });
    const auto dearest = std::max_element(
        hosting.begin(), hosting.end(),
        [](const auto& a, const auto& b) { return a.second.monthly_usd < b.second.monthly_usd; });
    const std::string cheapest_name = name_of(estimates, cheapest->first);
    const std::string dearest_name = name_of(estimates, dearest->first);

    if (const auto requests = estimates.inputs.requests_per_day) {
        const Figure* negligible = recorder.need("hosting.negligible-below", "requests/day");
        const Figure* scale = recorder.need("hosting.scale-threshold", "requests/day");
        const Figure* saving = recorder.need("hosting.node-cheaper-at-scale", "percent");
        if (!recorder.complete()) {
            estimates.hosting_reason = recorder.missing_reason();
            return;
        }
        if (*requests < negligible->value.min) {
            estimates.traffic = TrafficBand::small;
            const HostingEstimate lowest = cheapest->second;
            for (auto& [stack, value] : hosting) value = lowest;
            recorder.assume(
                "hosting-small",
                fmt::format("Below {} the sources call the hosting difference negligible: every "
                            "stack is priced at {}'s figures, the lowest. No source gives a lower "
                            "figure for small traffic, so the medium-traffic level is kept.",
                            format_quantity(negligible->value, negligible->qualifier),
                            cheapest_name));
        } else if (*requests >= scale->value.min) {
            estimates.traffic = TrafficBand::scale;
        } else {
            estimates.traffic = TrafficBand::medium;
        }
        if (estimates.traffic == TrafficBand::scale && cheapest->first != dearest->first) {
            const HostingEstimate base = dearest->second;
            const Range share = range_of(saving->value);
            cheapest->second.monthly_usd = base.monthly_usd * (1 - middle(share) / 100);
            cheapest->second.monthly_usd_range = {
                base.monthly_usd_range.min * (1 - share.max / 100),
                base.monthly_usd_range.max * (1 - share.min / 100)};
            recorder.assume(
                "hosting-scale",
                fmt::format("At {} {} hosting costs {} less: {} is priced at {}'s figures less "
                            "that share (expected at the midpoint). No source gives the absolute "
                            "cost at that traffic, so {} keeps its medium-traffic figures, which "
                            "are likely too low.",
                            format_quantity(scale->value, scale->qualifier), cheapest_name,
                            format_quantity(saving->value), cheapest_name, dearest_name,
                            dearest_name));
        }
    } else {
        estimates.traffic = TrafficBand::unknown;
        recorder.assume("hosting-traffic-unknown",
                        "Without --requests-per-day, traffic is taken as medium, the traffic the "
                        "sources' hosting figures are for.");
    }

    for (const Stack* stack : combined_stacks(knowledge_base)) {
        HostingEstimate sum;
        bool complete = true;
        for (const auto& part : stack->combines) {
            const auto it = hosting.find(part);
            if (it == hosting.end()) {
                complete = false;
                break;
            }
            sum.monthly_usd += it->second.monthly_usd;
            sum.monthly_usd_range = sum.monthly_usd_range + it->second.monthly_usd_range;
        }
        if (!complete) continue;
        hosting[stack->id] = sum;
        recorder.assume("hybrid-hosting",
                        "A hybrid runs both runtimes: its hosting is the sum of its stacks' "
                        "hosting (no source gives a hybrid's hosting cost).");
    }

    if (const auto months = estimates.inputs.months) {
        for (auto& [stack, value] : hosting) {
            value.period_usd = value.monthly_usd * *months;
            value.period_usd_range = value.monthly_usd_range * *months;
        }
        recorder.assume("hosting-during-build",
                        "Hosting is paid for every planned month, from the start of development, "
                        "as the worked example counts 3 months of hosting for its 3-month build.");
    }
    estimates.hosting = std::move(hosting);
}

// ---- Development cost ----------------------------------------------------------------------

std::string no_rate_reason(const Facts& facts, const std::string& region) {
    const bool salaries = has_figure_with_prefix(facts, "salary." + region + ".");
    return fmt::format(
        "the sources give no hourly rate for {}{}, and stackpick never invents an exchange rate: "
        "give --rate to price the work",
        region, salaries ? " (only annual salaries, shown with the hiring figures)" : "");
}

/// Hours, rate and development cost of each single stack, then each hybrid from its parts.
void estimate_cost(const KnowledgeBase& knowledge_base, Estimates& estimates) {
    const Facts& facts = knowledge_base.facts;
    const EstimateInputs& in = estimates.inputs;
    std::vector<std::string> needs;
    if (!in.team_size) needs.emplace_back("--team-size");
    if (!in.months) needs.emplace_back("--months");
    if (!in.rate_usd && !in.region) needs.emplace_back("--region (or --rate)");
    if (!in.rate_usd && !in.seniority) needs.emplace_back("--seniority (or --rate)");
    if (!needs.empty()) {
        estimates.cost_reason = fmt::format("needs {}", fmt::join(needs, " and "));
        return;
    }
    if (!estimates.hosting_reason.empty()) {
        estimates.cost_reason = "no hosting estimate: " + estimates.hosting_reason;
        return;
    }
    if (!in.rate_usd && !has_figure_with_prefix(facts, "rate." + *in.region + ".")) {
        estimates.cost_reason = no_rate_reason(facts, *in.region);
        return;
    }

    Recorder recorder(facts, estimates.cost_basis);
    const auto singles = single_stacks(knowledge_base);
    const Figure* duration = recorder.need("example.rest-api.duration", "months");
    const Figure* developers = recorder.need("example.rest-api.developers", "count");
    std::map<std::string, StackCost> costs;
    std::vector<std::string> per_month_texts, hours_texts;
    std::string premium_text;
    for (const Stack* stack : singles) {
        StackCost cost;
        const Figure* hours = recorder.need("example.rest-api.hours." + stack->id, "hours");
        if (in.rate_usd) {
            cost.rate_usd = *in.rate_usd;
            cost.rate_usd_range = point(*in.rate_usd);
        } else if (const Figure* rate = recorder.need(
                       fmt::format("rate.{}.{}.{}", *in.region, *in.seniority, stack->id),
                       "usd/hour")) {
            cost.rate_figure = rate->id;
            cost.rate_derived = rate->derived;
            cost.rate_usd = rate->value.mid();
            cost.rate_usd_range = range_of(rate->value);
            const Figure* premium =
                in.ml && rate->derived
                    ? recorder.optional("rate.premium.ml." + stack->id, "percent")
                    : nullptr;
            if (premium) {
                cost.ml_premium = true;
                cost.rate_usd *= 1 + premium->value.mid() / 100;
                cost.rate_usd_range = {cost.rate_usd_range.min * (1 + premium->value.min / 100),
                                       cost.rate_usd_range.max * (1 + premium->value.max / 100)};
                premium_text = fmt::format(
                    "With --ml, the premium of {} for {} developers with ML expertise applies to "
                    "{}'s derived rates ('similar to Node.js' in the same source): the low end "
                    "rises by {}%, the high end by {}%, the expected rate by the midpoint.",
                    format_quantity(premium->value), stack->name, stack->name, premium->value.min,
                    premium->value.max);
            }
        }
        const double example_developer_months =
            developers && duration ? developers->value.mid() * duration->value.mid() : 0;
        if (hours && example_developer_months > 0) {
            cost.hours = *in.team_size * *in.months * hours->value.mid() / example_developer_months;
            cost.hours_range = point(cost.hours);
            per_month_texts.push_back(fmt::format(
                "{} {}", stack->name, one_decimal(hours->value.mid() / example_developer_months)));
            hours_texts.push_back(fmt::format("{} {}", stack->name, format_quantity(hours->value)));
        }
        costs[stack->id] = cost;
    }
    if (!recorder.complete()) {
        estimates.cost_reason = recorder.missing_reason();
        return;
    }
    recorder.assume(
        "hours-scale",
        fmt::format("Development hours scale with developers x months at the worked example's "
                    "hours per developer-month ({} for {} developers over {}, i.e. {}).",
                    fmt::join(hours_texts, ", "), whole(developers->value.mid()),
                    format_quantity(duration->value), fmt::join(per_month_texts, " and ")));
    if (in.rate_usd)
        recorder.assume("rate-override",
                        fmt::format("--rate {} applies to every stack, as the worked example's "
                                    "'$100/hr avg' does.",
                                    quantity_text(*in.rate_usd, "usd/hour")));
    else
        recorder.assume("rate-midpoint",
                        "The expected hourly rate is the midpoint of the rate table's range for "
                        "the region and seniority; the range's ends give the low and high costs.");
    if (!premium_text.empty()) recorder.assume("ml-premium", premium_text);

    // The sources' other speed claims, each only under the condition it states, lower the faster
    // stack's hours: the low end of its range. The worked example stays expected and high end.
    std::vector<std::string> claim_texts;
    const std::string timeline_row = timeline_row_of(in.product);
    for (const Stack* stack : singles) {
        StackCost& cost = costs[stack->id];
        const auto other = std::find_if(singles.begin(), singles.end(),
                                        [&](const Stack* s) { return s->id != stack->id; });
        double low = cost.hours;
        if (other != singles.end()) {
            const double other_hours = costs[(*other)->id].hours;
            // "Django can build MVPs 20-30% faster": a claim about MVPs.
            if (in.mvp)
                if (const Figure* faster =
                        recorder.optional("productivity.django-mvp." + stack->id, "percent")) {
                    low = std::min(low, other_hours * (1 - faster->value.max / 100));
                    claim_texts.push_back(fmt::format(
                        "for an MVP, {} '{}' by {} than {}", stack->name, faster->metric,
                        format_quantity(faster->value), (*other)->name));
                }
            // The weeks each stack takes for this product type: the faster (or equal) one may
            // take the other's hours scaled by the ratio of the midpoints.
            if (!timeline_row.empty()) {
                const std::string prefix = "timeline." + timeline_row + ".";
                const Figure* own = facts.find_figure(prefix + stack->id);
                const Figure* theirs = facts.find_figure(prefix + (*other)->id);
                const bool comparable = own && theirs && own->value.unit == "weeks" &&
                                        theirs->value.unit == "weeks" && theirs->value.mid() > 0;
                const double scaled =
                    comparable ? other_hours * own->value.mid() / theirs->value.mid() : low;
                if (scaled < low) {
                    recorder.use(*own);
                    recorder.use(*theirs);
                    low = scaled;
                    claim_texts.push_back(fmt::format("the timelines for '{}': {} {} against {} {}",
                                                      own->metric, stack->name,
                                                      format_quantity(own->value), (*other)->name,
                                                      format_quantity(theirs->value)));
                }
            }
        }
        if (in.admin_panel) {
            if (const Figure* saving =
                    recorder.optional("effort.admin-saving." + stack->id, "hours")) {
                low = std::min(low, cost.hours - saving->value.max);
                claim_texts.push_back(fmt::format("with an admin panel, {}'s '{}' {}", stack->name,
                                                  saving->metric, format_quantity(saving->value)));
            }
        }
        cost.hours_range.min = std::max(0.0, low);
    }
    if (!claim_texts.empty())
        recorder.assume(
            "faster-claims",
            fmt::format("Each speed claim that applies to these answers ({}) gives the faster "
                        "stack an alternative, lower hour count; the lowest is the low end of its "
                        "range, while the worked example stays the expected value and the high "
                        "end. The claims are not combined, and a claim applies only under its own "
                        "condition (an MVP, an admin panel, the product type).",
                        fmt::join(claim_texts, "; ")));

    for (auto& [stack, cost] : costs) {
        const HostingEstimate& hosting = estimates.hosting.at(stack);
        cost.development_usd = cost.hours * cost.rate_usd;
        cost.development_usd_range = {cost.hours_range.min * cost.rate_usd_range.min,
                                      cost.hours_range.max * cost.rate_usd_range.max};
        cost.hosting_usd = hosting.period_usd.value_or(0);
        cost.hosting_usd_range = hosting.period_usd_range;
        cost.total_usd = cost.development_usd + cost.hosting_usd;
        cost.total_usd_range = cost.development_usd_range + cost.hosting_usd_range;
    }

    for (const Stack* stack : combined_stacks(knowledge_base)) {
        std::vector<std::pair<const Stack*, const Figure*>> shares;
        for (const auto& part : stack->combines) {
            const Figure* share =
                recorder.need("case.fintech-hybrid.service-share." + part, "percent");
            if (share && costs.count(part) && knowledge_base.find_stack(part))
                shares.emplace_back(knowledge_base.find_stack(part), share);
        }
        const Figure* integration = recorder.need("saving.saas-mvp", "usd");
        if (!integration || shares.size() != stack->combines.size()) {
            estimates.cost_reasons[stack->id] = recorder.missing_reason();
            continue;
        }
        double share_total = 0;
        for (const auto& [part, share] : shares) share_total += share->value.mid();
        if (!(share_total > 0)) {
            estimates.cost_reasons[stack->id] = "the service shares add up to 0%";
            continue;
        }
        StackCost cost;
        double parts_development = 0;
        std::vector<std::string> share_texts;
        for (const auto& [part, share] : shares) {
            const double weight = share->value.mid() / share_total;
            const StackCost& part_cost = costs.at(part->id);
            cost.hours += weight * part_cost.hours;
            cost.hours_range = cost.hours_range + part_cost.hours_range * weight;
            cost.rate_usd_range = cost.rate_usd_range + part_cost.rate_usd_range * weight;
            cost.rate_derived = cost.rate_derived || part_cost.rate_derived;
            cost.ml_premium = cost.ml_premium || part_cost.ml_premium;
            parts_development += weight * part_cost.development_usd;
            cost.development_usd_range =
                cost.development_usd_range + part_cost.development_usd_range * weight;
            share_texts.push_back(fmt::format("{} {}", part->name, format_quantity(share->value)));
        }
        cost.rate_usd = cost.hours > 0 ? parts_development / cost.hours : 0;
        cost.integration_usd = integration->value.mid();
        cost.integration_usd_range = range_of(integration->value);
        cost.development_usd = parts_development + cost.integration_usd;
        cost.development_usd_range = cost.development_usd_range + cost.integration_usd_range;
        const HostingEstimate& hosting = estimates.hosting.at(stack->id);
        cost.hosting_usd = hosting.period_usd.value_or(0);
        cost.hosting_usd_range = hosting.period_usd_range;
        cost.total_usd = cost.development_usd + cost.hosting_usd;
        cost.total_usd_range = cost.development_usd_range + cost.hosting_usd_range;
        costs[stack->id] = cost;
        recorder.assume(
            "hybrid-split",
            fmt::format("A hybrid's work is split between its runtimes in the fintech case "
                        "study's shares of services ({}), each part at its stack's hours and rate.",
                        fmt::join(share_texts, ", ")));
        recorder.assume(
            "hybrid-integration",
            fmt::format("A hybrid adds integration work once: {}, the sources' figure for what a "
                        "second language costs a SaaS MVP ({}), expected at the midpoint.",
                        format_quantity(integration->value), integration->note));
    }
    estimates.cost = std::move(costs);
    merge_basis(estimates.cost_basis, estimates.hosting_basis, facts);
}

// ---- Break-even ----------------------------------------------------------------------------

struct BreakEvenResult {
    std::optional<double> months;
    std::string cheaper_to_build;
    std::string cheaper_to_host;
    std::string reason;
};

struct StackTotals {
    std::string stack;
    std::string name;
    double development = 0;
    double monthly_hosting = 0;
};

/// When the stack cheaper to build has cost as much as the other: development counts in full
/// from month 0 and hosting accrues every month from then on (assumption break-even-model).
BreakEvenResult break_even_between(const StackTotals& a, const StackTotals& b) {
    BreakEvenResult result;
    if (a.monthly_hosting < b.monthly_hosting) result.cheaper_to_host = a.stack;
    if (b.monthly_hosting < a.monthly_hosting) result.cheaper_to_host = b.stack;
    if (!(a.development < b.development) && !(b.development < a.development)) {
        result.reason = result.cheaper_to_host.empty()
                            ? "both cost the same to build and to host"
                            : fmt::format(
                                  "both cost the same to build; {} is cheaper to host "
                                  "from the first month",
                                  result.cheaper_to_host == a.stack ? a.name : b.name);
        return result;
    }
    const StackTotals& builder = a.development < b.development ? a : b;
    const StackTotals& other = a.development < b.development ? b : a;
    result.cheaper_to_build = builder.stack;
    if (!(builder.monthly_hosting > other.monthly_hosting)) {
        result.reason = fmt::format(
            "{} is cheaper to build and {} to host, so {} never catches up", builder.name,
            builder.monthly_hosting < other.monthly_hosting ? "also cheaper" : "costs the same",
            other.name);
        return result;
    }
    result.months = (other.development - builder.development) /
                    (builder.monthly_hosting - other.monthly_hosting);
    return result;
}

/// Whether a computed break-even agrees with a stated one (assumption break-even-claim).
bool agrees(const Figure& claim, double months) {
    switch (claim.qualifier) {
        case Qualifier::approx:
            return months >= claim.value.min * (1 - k_break_even_claim_tolerance) &&
                   months <= claim.value.max * (1 + k_break_even_claim_tolerance);
        case Qualifier::at_least:
            return months >= claim.value.min;
        case Qualifier::below:
            return months < claim.value.max;
        case Qualifier::exact:
            return ceil_whole(months) >= claim.value.min && ceil_whole(months) <= claim.value.max;
    }
    return false;
}

void estimate_break_even(const KnowledgeBase& knowledge_base, Estimates& estimates) {
    const Facts& facts = knowledge_base.facts;
    BreakEven& break_even = estimates.break_even;
    const auto singles = single_stacks(knowledge_base);
    Recorder recorder(facts, break_even.basis);
    recorder.assume("break-even-model",
                    "Break-even counts each stack's development cost in full from the start of "
                    "development and adds its expected hosting every month from then on, as the "
                    "worked example's totals do; the month is rounded up to a whole month.");
    recorder.assume("break-even-horizon",
                    fmt::format("A break-even later than {} months (10 years) is reported as none.",
                                k_break_even_horizon_months));

    if (singles.size() < 2) {
        break_even.reason = "needs two stacks to compare";
        break_even.determined = false;
    } else if (!estimates.cost_reason.empty()) {
        break_even.reason = "no development cost: " + estimates.cost_reason;
        break_even.determined = false;
    } else {
        // What the single stacks' costs and their ranges rest on: not the hybrid's.
        merge_basis(break_even.basis, estimates.cost_basis, facts, {"case.", "saving.", "hybrid-"});
        const auto totals = [&](const Stack* stack) {
            const StackCost& cost = estimates.cost.at(stack->id);
            return StackTotals{stack->id, stack->name, cost.development_usd,
                               estimates.hosting.at(stack->id).monthly_usd};
        };
        const BreakEvenResult result = break_even_between(totals(singles[0]), totals(singles[1]));
        break_even.exact_months = result.months;
        break_even.cheaper_to_build = result.cheaper_to_build;
        break_even.cheaper_to_host = result.cheaper_to_host;
        break_even.reason = result.reason;
        if (result.months && *result.months > k_break_even_horizon_months)
            break_even.reason =
                fmt::format("not within 10 years ({} months)", whole(ceil_whole(*result.months)));
        else if (result.months)
            estimates.break_even_month = ceil_whole(*result.months);

        // Every combination of the ranges' ends: with ranges that overlap, the figures may not
        // say which stack ends up cheaper, let alone when.
        const StackCost& a = estimates.cost.at(singles[0]->id);
        const StackCost& b = estimates.cost.at(singles[1]->id);
        const Range a_hosting = estimates.hosting.at(singles[0]->id).monthly_usd_range;
        const Range b_hosting = estimates.hosting.at(singles[1]->id).monthly_usd_range;
        BreakEven::Span span;
        bool some_never = false, some_month = false, builders_differ = false;
        std::optional<std::string> builder;
        for (const double a_development :
             {a.development_usd_range.min, a.development_usd_range.max})
            for (const double b_development :
                 {b.development_usd_range.min, b.development_usd_range.max})
                for (const double a_monthly : {a_hosting.min, a_hosting.max})
                    for (const double b_monthly : {b_hosting.min, b_hosting.max}) {
                        const BreakEvenResult corner = break_even_between(
                            {singles[0]->id, singles[0]->name, a_development, a_monthly},
                            {singles[1]->id, singles[1]->name, b_development, b_monthly});
                        if (!builder) builder = corner.cheaper_to_build;
                        builders_differ = builders_differ || *builder != corner.cheaper_to_build;
                        if (!corner.months || *corner.months > k_break_even_horizon_months) {
                            some_never = true;
                            continue;
                        }
                        some_month = true;
                        const double month = ceil_whole(*corner.months);
                        span.min = std::min(span.min.value_or(month), month);
                        span.max = std::max(span.max.value_or(month), month);
                    }
        if (some_never) span.max.reset();
        break_even.range = span;
        break_even.builder_varies = builders_differ;
        break_even.determined = !builders_differ && !(some_never && some_month);
        recorder.assume("break-even-range",
                        "The break-even range takes every combination of the ends of the "
                        "development cost ranges and the monthly hosting ranges; when they "
                        "disagree on which stack is cheaper to build, or on whether it breaks "
                        "even at all, the figures do not determine the break-even.");
    }

    // What the sources claim, checked against the same source's own figures.
    constexpr std::string_view k_claim = "break-even";
    for (const Figure& figure : facts.figures) {
        const std::string& id = figure.id;
        if (id.size() <= k_claim.size() ||
            id.compare(id.size() - k_claim.size(), k_claim.size(), k_claim) != 0 ||
            figure.value.unit != "months")
            continue;
        recorder.use(figure);
        BreakEvenClaim claim{figure.id,         figure.metric, figure.value, figure.qualifier,
                             figure.conditions, std::nullopt,  false,        "",
                             figure.sources};
        const std::string prefix = id.substr(0, id.size() - k_claim.size());
        std::vector<StackTotals> totals;
        for (const Stack* stack : singles) {
            const Figure* development = facts.find_figure(prefix + "development." + stack->id);
            const Figure* hosting = facts.find_figure(prefix + "hosting-monthly." + stack->id);
            if (!development || !hosting || development->value.unit != "usd" ||
                hosting->value.unit != "usd/month")
                continue;
            recorder.use(*development);
            recorder.use(*hosting);
            totals.push_back(
                {stack->id, stack->name, development->value.mid(), hosting->value.mid()});
        }
        if (totals.size() >= 2)
            claim.computed_months = break_even_between(totals[0], totals[1]).months;
        const bool disagrees = claim.computed_months && !agrees(figure, *claim.computed_months);
        claim.contradicted = figure.contradicted.has_value() || disagrees;
        if (figure.contradicted)
            claim.note = figure.contradicted->note;
        else if (disagrees)
            claim.note = fmt::format("Its own figures give a break-even after {} months.",
                                     one_decimal(*claim.computed_months));
        estimates.break_even_claims.push_back(std::move(claim));
    }
    if (!estimates.break_even_claims.empty())
        recorder.assume(
            "break-even-claim",
            fmt::format("A claim is checked against the break-even of its own example's figures; "
                        "an approximate claim ('~6 months') agrees when that is within {}% of it.",
                        k_break_even_claim_tolerance * 100));
}

// ---- Time to build -------------------------------------------------------------------------

void estimate_timeline(const KnowledgeBase& knowledge_base, Estimates& estimates) {
    Recorder recorder(knowledge_base.facts, estimates.timeline_basis);
    const auto& product = estimates.inputs.product;
    if (!product) {
        estimates.timeline_reason = "product type unknown: give --product";
        return;
    }
    for (const auto& [choice, row] : k_timeline_rows)
        if (choice == *product) estimates.timeline_row = std::string(row);
    if (!estimates.timeline_row.empty()) {
        std::vector<std::string> rows;
        for (const auto& [choice, row] : k_timeline_rows)
            rows.push_back(fmt::format("{} -> {}", choice, row));
        recorder.assume("timeline-rows",
                        fmt::format("Product types map to the timelines table's rows: {}; the "
                                    "table has no row for the others.",
                                    fmt::join(rows, ", ")));
    }
    for (const auto& stack : estimates.stacks) {
        if (!estimates.timeline_row.empty()) {
            if (const Figure* weeks = recorder.optional(
                    fmt::format("timeline.{}.{}", estimates.timeline_row, stack), "weeks")) {
                estimates.timeline_weeks[stack] = range_of(weeks->value);
                continue;
            }
        }
        estimates.timeline_reasons[stack] =
            estimates.timeline_row.empty()
                ? fmt::format("no source: the timelines table has no row for {}", *product)
                : fmt::format("no source: the timelines table has no {} column",
                              name_of(estimates, stack));
    }
}

// ---- Capacity ------------------------------------------------------------------------------

void estimate_capacity(const KnowledgeBase& knowledge_base, Estimates& estimates) {
    const auto users = estimates.inputs.concurrent_users;
    if (!users) {
        estimates.capacity_reason = "needs --concurrent-users";
        return;
    }
    Recorder recorder(knowledge_base.facts, estimates.capacity_basis);
    const std::string case_prefix = "case.collaboration-saas.";
    const auto singles = single_stacks(knowledge_base);
    const auto add_memory = [&](const std::string& stack, CapacityEstimate& capacity) {
        if (const Figure* memory = recorder.optional("memory.process." + stack, "MB")) {
            capacity.memory_mb = Range{capacity.instances_range.min * memory->value.min,
                                       capacity.instances_range.max * memory->value.max};
            recorder.assume("capacity-memory",
                            "Each instance is one process: memory is instances x the sources' "
                            "memory per process.");
        }
    };

    // Stacks with a sourced figure for the users one instance serves.
    const Stack* reference = nullptr;
    for (const Stack* stack : singles) {
        const Figure* per_instance =
            recorder.optional(case_prefix + "users-per-instance." + stack->id, "users");
        if (!per_instance || !(per_instance->value.min > 0)) continue;
        if (!reference) reference = stack;
        const Figure* case_users =
            knowledge_base.facts.find_figure(case_prefix + "concurrent-users." + stack->id);
        const Figure* case_instances =
            knowledge_base.facts.find_figure(case_prefix + "instances." + stack->id);
        CapacityEstimate capacity;
        capacity.users_per_instance = range_of(per_instance->value);
        capacity.instances = ceil_whole(*users / per_instance->value.mid());
        capacity.instances_range = {ceil_whole(*users / per_instance->value.max),
                                    ceil_whole(*users / per_instance->value.min)};
        capacity.derivation =
            fmt::format("{} concurrent users / {} per instance{}, rounded up", whole(*users),
                        format_quantity(per_instance->value),
                        case_users && case_instances
                            ? fmt::format(" (the collaboration SaaS case study: {} on {})",
                                          format_quantity(case_users->value),
                                          format_quantity(case_instances->value))
                            : "");
        capacity.sources = per_instance->sources;
        add_memory(stack->id, capacity);
        estimates.capacity[stack->id] = capacity;

        if (const Figure* single =
                recorder.optional("concurrency.connections." + stack->id, "connections");
            single && single->value.min > 0) {
            const double instances = ceil_whole(*users / single->value.min);
            estimates.capacity_disagreements.push_back(
                {single->id, stack->id,
                 fmt::format("{} on one process ({}) would mean {} {} instances for {} users, "
                             "not {}",
                             format_quantity(single->value, single->qualifier), single->conditions,
                             single->qualifier == Qualifier::at_least ? "at most" : "about",
                             whole(instances), whole(*users), whole(capacity.instances)),
                 instances, single->sources});
        }
    }

    // Stacks without one: estimated from the reference stack and the concurrency advantage.
    const Figure* advantage =
        reference ? recorder.optional("advantage.io-concurrency", "multiplier") : nullptr;
    for (const Stack* stack : singles) {
        if (estimates.capacity.count(stack->id)) continue;
        if (!advantage || !(advantage->value.min > 0)) {
            estimates.capacity_reasons[stack->id] =
                fmt::format("no source gives {}'s users per instance", stack->name);
            continue;
        }
        const CapacityEstimate& known = estimates.capacity.at(reference->id);
        const double per_instance = middle(known.users_per_instance);
        const Range factor = range_of(advantage->value);
        CapacityEstimate capacity;
        capacity.estimated = true;
        capacity.users_per_instance = {per_instance / factor.max, per_instance / factor.min};
        capacity.instances = ceil_whole(*users * middle(factor) / per_instance);
        capacity.instances_range = {ceil_whole(*users * factor.min / per_instance),
                                    ceil_whole(*users * factor.max / per_instance)};
        capacity.derivation = fmt::format(
            "estimated, not a source's figure: {}'s {} users per instance divided by its {} "
            "concurrency advantage for I/O-heavy workloads gives {}-{} users per instance",
            reference->name, whole(per_instance), format_quantity(advantage->value),
            whole(capacity.users_per_instance.min), whole(capacity.users_per_instance.max));
        capacity.sources = known.sources;
        for (const auto& source : advantage->sources)
            if (std::find(capacity.sources.begin(), capacity.sources.end(), source) ==
                capacity.sources.end())
                capacity.sources.push_back(source);
        add_memory(stack->id, capacity);
        estimates.capacity[stack->id] = capacity;
        recorder.assume(
            "capacity-estimate",
            fmt::format("{} has no sourced users-per-instance figure: it is {}'s divided by {}'s "
                        "{} concurrency advantage for I/O-heavy workloads (expected at the "
                        "midpoint), and labelled as estimated.",
                        stack->name, reference->name, reference->name,
                        format_quantity(advantage->value)));
    }
    for (const Stack* stack : combined_stacks(knowledge_base))
        estimates.capacity_reasons[stack->id] = "no source gives a hybrid's users per instance";
    recorder.assume("capacity-round-up",
                    "Instances are the concurrent users divided by the users one instance serves, "
                    "rounded up.");
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

void estimate_hiring(const KnowledgeBase& knowledge_base, Estimates& estimates) {
    const Facts& facts = knowledge_base.facts;
    Recorder recorder(facts, estimates.hiring_basis);
    for (const Stack* stack : single_stacks(knowledge_base)) {
        Hiring hiring;
        for (const auto stem : k_hiring_figures) {
            if (const Figure* figure = facts.find_figure(fmt::format("{}.{}", stem, stack->id))) {
                recorder.use(*figure);
                hiring.figures.push_back(shown(*figure));
            }
        }
        if (const Note* note = find_note(facts, std::string(k_talent_note) + stack->id)) {
            recorder.use_sources(note->sources);
            hiring.notes.push_back({note->id, note->text, note->sources});
        }
        if (hiring.figures.empty() && hiring.notes.empty())
            estimates.hiring_reasons[stack->id] = "no source";
        else
            estimates.hiring[stack->id] = std::move(hiring);
    }
    for (const Stack* stack : combined_stacks(knowledge_base)) {
        std::vector<std::string> names;
        for (const auto& part : stack->combines) names.push_back(name_of(estimates, part));
        estimates.hiring_reasons[stack->id] =
            fmt::format("needs developers for each runtime: see {}", fmt::join(names, " and "));
    }
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
    salaries.note =
        "Annual salaries as the source states them, not converted: stackpick never invents an "
        "exchange rate, so there is no hourly cost for this region (give --rate to price the "
        "work).";
    const auto& seniority = estimates.inputs.seniority;
    if (seniority && !seniorities.count(*seniority))
        salaries.note += fmt::format(" The sources give {} salaries only, not {}.",
                                     fmt::join(seniorities, " and "), *seniority);
    estimates.salaries = std::move(salaries);
}

}  // namespace

std::set<std::string> estimate_sources(const Estimates& estimates) {
    std::set<std::string> all;
    const auto add = [&](const EstimateBasis& basis) {
        all.insert(basis.sources.begin(), basis.sources.end());
    };
    add(estimates.cost_basis);
    add(estimates.hosting_basis);
    add(estimates.break_even.basis);
    add(estimates.timeline_basis);
    add(estimates.capacity_basis);
    add(estimates.hiring_basis);
    if (estimates.salaries) add(estimates.salaries->basis);
    return all;
}

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
