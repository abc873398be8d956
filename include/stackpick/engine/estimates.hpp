#pragma once
/// Estimates: development and hosting cost, break-even, time to build, capacity and hiring for
/// each stack, computed from the knowledge base's figures only, with their ranges, the sources
/// they rest on and every assumption that is not from a source (docs/estimates.md).

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "stackpick/engine/answers.hpp"
#include "stackpick/knowledge/facts.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// A low-high pair; min == max for a single value.
struct Range {
    double min = 0;
    double max = 0;
};

/// A rule of the estimates that no source states; docs/estimates.md lists each by id.
struct Assumption {
    std::string id;    ///< e.g. "hours-scale"
    std::string text;  ///< what was assumed, with the figures it used
};

/// What one section of the estimates rests on.
struct EstimateBasis {
    std::vector<std::string> figures;     ///< figure ids used, in first-use order
    std::vector<std::string> sources;     ///< source ids, in marker order
    std::vector<Assumption> assumptions;  ///< the assumptions that applied, in first-use order
};

/// The answers the estimates read (null answers stay empty; defaults are already applied).
struct EstimateInputs {
    std::optional<std::string> product;
    std::optional<double> team_size;  ///< developers
    std::optional<double> months;     ///< planned build time
    std::optional<std::string> region;
    std::optional<std::string> seniority;
    std::optional<double> rate_usd;  ///< --rate: overrides the rate tables
    std::optional<double> requests_per_day;
    std::optional<double> concurrent_users;
    bool ml = false;
    bool admin_panel = false;
    bool mvp = false;  ///< the MVP speed claim applies only to an MVP
};

/// Which of the sources' traffic bands hosting was priced for.
enum class TrafficBand {
    unknown,  ///< no --requests-per-day: priced as medium traffic
    small,    ///< below hosting.negligible-below: the difference between stacks is negligible
    medium,   ///< between the two thresholds
    scale,    ///< at or above hosting.scale-threshold: Node.js 20-30% cheaper
};

/// "unknown", "small", "medium", "scale".
std::string to_string(TrafficBand band);

/// Hosting for one stack, per month and over the planned months.
struct HostingEstimate {
    double monthly_usd = 0;
    Range monthly_usd_range;
    std::optional<double> period_usd;  ///< absent when months are unknown
    Range period_usd_range;
};

/// Development and hosting over the planned months for one stack, in US dollars.
struct StackCost {
    double hours = 0;  ///< development hours (all developers)
    Range hours_range;
    double rate_usd = 0;  ///< hourly rate: --rate, or the rate table's midpoint
    Range rate_usd_range;
    std::string rate_figure;     ///< the rate table's figure id; "" when --rate gave the rate
    bool rate_derived = false;   ///< the rate figure is derived (another stack's figure copied)
    bool ml_premium = false;     ///< the ML premium was applied to the rate
    double integration_usd = 0;  ///< a hybrid's integration work (included in development); 0
    Range integration_usd_range;
    double development_usd = 0;
    Range development_usd_range;
    double hosting_usd = 0;  ///< over the planned months
    Range hosting_usd_range;
    double total_usd = 0;  ///< development + hosting
    Range total_usd_range;
};

/// What a source claims about break-even, checked against the same source's own figures.
struct BreakEvenClaim {
    std::string figure;  ///< e.g. "example.rest-api.break-even"
    std::string metric;
    Quantity value;
    Qualifier qualifier = Qualifier::exact;
    std::string conditions;
    std::optional<double> computed_months;  ///< the break-even its own figures give
    bool contradicted = false;
    std::string note;  ///< why it is contradicted ("" when it is not)
    std::vector<std::string> sources;
};

/// How the break-even month was found, or why there is none.
struct BreakEven {
    std::optional<double> exact_months;  ///< at the expected costs, before rounding up
    std::string cheaper_to_build;        ///< stack id; "" when unknown or equal
    std::string cheaper_to_host;         ///< stack id; "" when unknown or equal
    std::string reason;                  ///< why there is no month; "" when there is one
    /// Across every combination of the cost ranges' ends (development and monthly hosting of
    /// each stack): the earliest and latest whole month, min null when no combination breaks
    /// even, max null when some combination never does (one stack stays cheaper). Absent
    /// without development costs.
    struct Span {
        std::optional<double> min;
        std::optional<double> max;
    };
    std::optional<Span> range;
    /// Whether the ranges give one answer: every combination has the same stack cheaper to build
    /// and either all break even or none does. Otherwise, or without development costs, the
    /// figures do not determine it.
    bool determined = true;
    /// Some combinations of the ranges' ends have the other stack cheaper to build.
    bool builder_varies = false;
    EstimateBasis basis;
};

/// Instances (and their memory) one stack needs for the concurrent users.
struct CapacityEstimate {
    double instances = 0;  ///< expected
    Range instances_range;
    Range users_per_instance;
    std::optional<Range> memory_mb;  ///< instances x memory per process, when a figure exists
    bool estimated = false;          ///< an assumption derived from other figures, not a source's
    std::string derivation;          ///< how it was computed
    std::vector<std::string> sources;
};

/// Another source's figure that implies a different number of instances.
struct CapacityDisagreement {
    std::string figure;
    std::string stack;
    std::string text;  ///< what it says and what it would imply
    double instances = 0;
    std::vector<std::string> sources;
};

/// A sourced figure shown as it is (hiring, salaries).
struct ShownFigure {
    std::string id;
    std::string metric;
    Quantity value;
    Qualifier qualifier = Qualifier::exact;
    std::string conditions;
    bool derived = false;
    std::vector<std::string> sources;
};

struct ShownNote {
    std::string id;
    std::string text;
    std::vector<std::string> sources;
};

/// Job market, salary and talent notes for one stack.
struct Hiring {
    std::vector<ShownFigure> figures;
    std::vector<ShownNote> notes;
};

/// Salaries for a region whose figures are salaries, not hourly rates (India): shown as they are,
/// never converted (stackpick invents no exchange rate).
struct RegionalSalaries {
    std::string region;
    std::map<std::string, ShownFigure> by_stack;
    std::string note;
    EstimateBasis basis;
};

/// Every estimate for the answers. A section whose inputs are unknown has no per-stack values
/// and a reason; a stack no source covers has no value and a reason of its own.
struct Estimates {
    EstimateInputs inputs;
    std::vector<std::string> stacks;  ///< stack ids in knowledge-base order
    std::map<std::string, std::string> stack_names;
    std::string product_name;  ///< the product choice's description, "" when unknown

    std::map<std::string, StackCost> cost;            ///< empty when cost_reason is set
    std::string cost_reason;                          ///< why there is no cost ("" when there is)
    std::map<std::string, std::string> cost_reasons;  ///< why one stack has none
    EstimateBasis cost_basis;

    TrafficBand traffic = TrafficBand::unknown;
    std::map<std::string, HostingEstimate> hosting;  ///< empty when hosting_reason is set
    std::string hosting_reason;                      ///< why there is none ("" when there is)
    EstimateBasis hosting_basis;

    /// Whole months from the start of development until the stack cheaper to build has cost as
    /// much as the other (development + hosting); absent when not within the horizon.
    std::optional<double> break_even_month;
    BreakEven break_even;
    std::vector<BreakEvenClaim> break_even_claims;

    std::string timeline_row;     ///< timeline figure row, "" when none
    std::string timeline_reason;  ///< why there is no timeline at all ("" when there may be)
    std::map<std::string, Range> timeline_weeks;          ///< stacks the timelines table covers
    std::map<std::string, std::string> timeline_reasons;  ///< why a stack has none
    EstimateBasis timeline_basis;

    std::map<std::string, CapacityEstimate> capacity;
    std::map<std::string, std::string> capacity_reasons;  ///< why a stack has none
    std::vector<CapacityDisagreement> capacity_disagreements;
    std::string capacity_reason;  ///< why there is no capacity section ("" when there is)
    EstimateBasis capacity_basis;

    std::map<std::string, Hiring> hiring;
    std::map<std::string, std::string> hiring_reasons;  ///< why a stack has none
    std::vector<ShownNote> hiring_notes;                ///< about both stacks
    EstimateBasis hiring_basis;

    std::optional<RegionalSalaries> salaries;  ///< for a region with salaries but no rates
};

/// Beyond this many months the break-even is reported as null, "not within 10 years"
/// (docs/estimates.md, assumption break-even-horizon).
inline constexpr double k_break_even_horizon_months = 120;

/// An approximate claim ("~6 months") agrees with a computed break-even within this share of the
/// claimed value (docs/estimates.md, assumption break-even-claim).
inline constexpr double k_break_even_claim_tolerance = 0.25;

/// Pure: computes every estimate from the knowledge base's figures and the answers (keys
/// product, team_size, months, region, seniority, rate, requests_per_day, concurrent_users, ml,
/// admin_panel); the only constants are docs/estimates.md's assumptions. Never throws for
/// missing answers or figures: the section is left empty with a reason.
Estimates estimate(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers);

/// Every source any section of the estimates cites.
std::set<std::string> estimate_sources(const Estimates& estimates);

}  // namespace stackpick
