#pragma once
/// Estimates: development and hosting cost, break-even, time to build, capacity and hiring for
/// each stack, computed from the knowledge base's figures only, with their ranges, the sources
/// they rest on and every assumption that is not from a source (docs/estimates.md).

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/facts.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// A low-high pair; min == max for a single value.
struct Range {
    double min = 0;
    double max = 0;
};

/// An assumption of the estimates: a rule no source states; docs/estimates.md lists each by id.
enum class AssumptionId {
    hosting_expected,
    hosting_small,
    hosting_scale,
    hosting_traffic_unknown,
    hybrid_hosting,
    hosting_during_build,
    hours_scale,
    rate_override,
    rate_midpoint,
    ml_premium,
    faster_claims,
    hybrid_split,
    hybrid_integration,
    break_even_model,
    break_even_horizon,
    break_even_range,
    break_even_claim,
    timeline_rows,
    capacity_memory,
    capacity_estimate,
    capacity_round_up,
};

/// "hosting-expected", "hours-scale", ...: the id docs/estimates.md documents it under.
std::string_view to_string(AssumptionId id);

/// A sourced value as an estimate used it, and the stack it is about ("" for none).
struct Quoted {
    std::string stack;
    Quantity value;
    Qualifier qualifier = Qualifier::exact;  ///< exact where the wording leaves it out
    bool operator==(const Quoted&) const = default;
};

/// One speed claim that gave the faster stack a lower hour count (assumption faster-claims).
struct SpeedClaim {
    enum class Kind {
        mvp,          ///< "Django can build MVPs 20-30% faster": value is the share
        timeline,     ///< the product type's timelines: value the stack's, other_value the other's
        admin_panel,  ///< the Django admin's hours saved: value is the hours
    };
    Kind kind = Kind::mvp;
    std::string stack;  ///< the faster stack
    std::string other;  ///< the stack it is compared with ("" for admin_panel)
    std::string metric;
    Quantity value;
    Quantity other_value;
    bool operator==(const SpeedClaim&) const = default;
};

/// What each assumption's wording quotes; the others need nothing but their id. Comparable, as
/// the assumption itself, so that the same assumption can be recognised and its wording reused.
namespace assumed {
struct HostingExpected {
    std::vector<Quoted> expected;      ///< the worked example's hosting per month, per stack
    std::vector<Quoted> medium_range;  ///< the sources' medium-traffic range, per stack
    bool operator==(const HostingExpected&) const = default;
};
struct HostingSmall {
    Quoted negligible_below;  ///< hosting.negligible-below
    std::string cheapest;     ///< the stack every stack is priced at
    bool operator==(const HostingSmall&) const = default;
};
struct HostingScale {
    Quoted threshold;  ///< hosting.scale-threshold
    Quoted saving;     ///< hosting.node-cheaper-at-scale
    std::string cheapest;
    std::string dearest;
    bool operator==(const HostingScale&) const = default;
};
struct HoursScale {
    std::vector<Quoted> hours;  ///< the worked example's hours, per stack
    double developers = 0;      ///< the worked example's developers
    Quantity duration;          ///< the worked example's duration
    std::vector<std::pair<std::string, double>> per_developer_month;  ///< stack, hours
    bool operator==(const HoursScale&) const = default;
};
struct RateOverride {
    double rate_usd = 0;
    bool operator==(const RateOverride&) const = default;
};
struct MlPremium {
    std::string stack;
    Quantity premium;  ///< percent
    bool operator==(const MlPremium&) const = default;
};
struct FasterClaims {
    std::vector<SpeedClaim> claims;
    bool operator==(const FasterClaims&) const = default;
};
struct HybridSplit {
    std::vector<Quoted> shares;  ///< the case study's share of services, per part
    bool operator==(const HybridSplit&) const = default;
};
struct HybridIntegration {
    Quantity cost;     ///< saving.saas-mvp
    std::string note;  ///< that figure's note
    bool operator==(const HybridIntegration&) const = default;
};
struct CapacityEstimated {
    std::string stack;      ///< the stack without a sourced figure
    std::string reference;  ///< the stack whose figure it is derived from
    Quantity advantage;     ///< advantage.io-concurrency
    bool operator==(const CapacityEstimated&) const = default;
};
}  // namespace assumed

/// A rule of the estimates that no source states, with the values its wording quotes.
struct Assumption {
    AssumptionId id = AssumptionId::hosting_expected;
    std::variant<std::monostate, assumed::HostingExpected, assumed::HostingSmall,
                 assumed::HostingScale, assumed::HoursScale, assumed::RateOverride,
                 assumed::MlPremium, assumed::FasterClaims, assumed::HybridSplit,
                 assumed::HybridIntegration, assumed::CapacityEstimated>
        detail;
    bool operator==(const Assumption&) const = default;
};

/// A figure an estimate needs that the knowledge base lacks, or has in another unit.
struct MissingFigure {
    std::string id;
    std::optional<std::string> unit;  ///< the unit it has, when it has the wrong one
    std::string expected_unit;
};

/// An answer an estimate cannot do without.
enum class EstimateInput { team_size, months, region, seniority, product, concurrent_users };

/// Why a section, or one stack in it, has no value.
enum class EstimateReasonKind {
    none,
    missing_figures,   ///< missing: figures the knowledge base lacks
    needs_inputs,      ///< inputs: the answers to give
    no_hosting,        ///< cost: there is no hosting estimate (see hosting_reason)
    no_rate,           ///< cost: no hourly rate for region `subject` (salaries: only those)
    zero_shares,       ///< a hybrid's service shares add up to 0%
    needs_two_stacks,  ///< break-even: fewer than two stacks to compare
    no_cost,           ///< break-even: no development cost (see cost_reason)
    same_cost,         ///< break-even: both cost the same to build and to host
    same_development,  ///< both cost the same to build; stacks[0] is cheaper to host
    cheaper_to_build_and_host,  ///< stacks[0] is cheaper both ways: stacks[1] never catches up
    same_hosting,               ///< stacks[0] is cheaper to build, hosting equal: likewise
    beyond_horizon,             ///< the break-even falls in `months`, beyond the horizon
    unknown_product,            ///< timeline: no product type
    no_timeline_row,            ///< timeline: the table has no row for product `subject`
    no_timeline_column,         ///< timeline: the table has no column for stacks[0]
    no_users_per_instance,      ///< capacity: no source gives stacks[0]'s users per instance
    hybrid_capacity,            ///< capacity: no source gives a hybrid's users per instance
    no_hiring_source,           ///< hiring: no source
    hybrid_hiring,              ///< hiring: a hybrid needs developers for each of stacks
};

/// Why there is no value: a kind and what its wording names (report/estimates_wording).
struct EstimateReason {
    EstimateReasonKind kind = EstimateReasonKind::none;
    std::vector<MissingFigure> missing;
    std::vector<EstimateInput> inputs;
    std::vector<std::string> stacks;
    std::string subject;  ///< a region or a product type
    double months = 0;
    bool salaries = false;  ///< no_rate: the sources give salaries for the region

    /// No reason: the value is there.
    bool empty() const { return kind == EstimateReasonKind::none; }
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
    /// The knowledge base marks it contradicted (note says why); otherwise, when contradicted,
    /// its own figures give computed_months.
    bool contradicted_in_knowledge_base = false;
    std::string note;  ///< the knowledge base's note on the contradiction
    std::vector<std::string> sources;
};

/// How the break-even month was found, or why there is none.
struct BreakEven {
    std::optional<double> exact_months;  ///< at the expected costs, before rounding up
    std::string cheaper_to_build;        ///< stack id; "" when unknown or equal
    std::string cheaper_to_host;         ///< stack id; "" when unknown or equal
    EstimateReason reason;               ///< why there is no month; empty when there is one
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
    std::vector<std::string> sources;
    /// How it was computed: the users over a sourced users-per-instance figure (with the case
    /// study it comes from), or, estimated, over the reference stack's divided by an advantage.
    struct Derivation {
        double users = 0;
        Quantity per_instance;  ///< the sourced figure (not estimated)
        std::optional<Quantity> case_users;
        std::optional<Quantity> case_instances;
        std::string reference;  ///< estimated: the stack whose figure it divides
        double reference_per_instance = 0;
        Quantity advantage;
    } derivation;
};

/// Another source's figure that implies a different number of instances.
struct CapacityDisagreement {
    std::string figure;
    std::string stack;
    Quantity value;  ///< connections one process handles
    Qualifier qualifier = Qualifier::exact;
    std::string conditions;
    double users = 0;
    double instances = 0;            ///< what it would imply
    double estimated_instances = 0;  ///< what the capacity estimate says
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
    std::vector<std::string> seniorities;  ///< the seniorities the sources give, sorted
    std::optional<std::string> seniority;  ///< the one asked for, when the sources lack it
    EstimateBasis basis;
};

/// Every estimate for the answers. A section whose inputs are unknown has no per-stack values
/// and a reason; a stack no source covers has no value and a reason of its own.
struct Estimates {
    EstimateInputs inputs;
    std::vector<std::string> stacks;  ///< stack ids in knowledge-base order
    std::map<std::string, std::string> stack_names;
    std::string product_name;  ///< the product choice's description, "" when unknown

    /// Each stack whose figures allow it; the others have a reason in cost_reasons (for missing
    /// figures: the stack's own, hosting's included). Empty when cost_reason is set.
    std::map<std::string, StackCost> cost;
    EstimateReason cost_reason;  ///< why no stack has a cost (empty when one has)
    std::map<std::string, EstimateReason> cost_reasons;  ///< why one stack has none
    EstimateBasis cost_basis;

    TrafficBand traffic = TrafficBand::unknown;
    std::map<std::string, HostingEstimate> hosting;  ///< empty when hosting_reason is set
    EstimateReason hosting_reason;                   ///< why there is none (empty when there is)
    std::map<std::string, EstimateReason> hosting_reasons;  ///< why one stack has none
    EstimateBasis hosting_basis;

    /// Whole months from the start of development until the stack cheaper to build has cost as
    /// much as the other (development + hosting); absent when not within the horizon.
    std::optional<double> break_even_month;
    BreakEven break_even;
    std::vector<BreakEvenClaim> break_even_claims;

    std::string timeline_row;        ///< timeline figure row, "" when none
    EstimateReason timeline_reason;  ///< why there is no timeline at all (empty when there may be)
    std::map<std::string, Range> timeline_weeks;             ///< stacks the timelines table covers
    std::map<std::string, EstimateReason> timeline_reasons;  ///< why a stack has none
    EstimateBasis timeline_basis;

    std::map<std::string, CapacityEstimate> capacity;
    std::map<std::string, EstimateReason> capacity_reasons;  ///< why a stack has none
    std::vector<CapacityDisagreement> capacity_disagreements;
    EstimateReason capacity_reason;  ///< why there is no capacity section (empty when there is)
    EstimateBasis capacity_basis;

    std::map<std::string, Hiring> hiring;
    std::map<std::string, EstimateReason> hiring_reasons;  ///< why a stack has none
    std::vector<ShownNote> hiring_notes;                   ///< about both stacks
    EstimateBasis hiring_basis;

    std::optional<RegionalSalaries> salaries;  ///< for a region with salaries but no rates
};

/// Beyond this many months the break-even is reported as null, "not within 10 years"
/// (docs/estimates.md, assumption break-even-horizon).
inline constexpr double k_break_even_horizon_months = 120;

/// An approximate claim ("~6 months") agrees with a computed break-even within this share of the
/// claimed value (docs/estimates.md, assumption break-even-claim).
inline constexpr double k_break_even_claim_tolerance = 0.25;

/// --product choices and the timelines table's rows (assumption timeline-rows).
inline constexpr std::array<std::pair<std::string_view, std::string_view>, 5> k_timeline_rows = {{
    {"saas", "saas-dashboard"},
    {"marketplace", "marketplace"},
    {"analytics", "data-analytics"},
    {"api", "api-only"},
    {"ml-product", "ml-product"},
}};

/// Pure: computes every estimate from the knowledge base's figures and the answers (keys
/// product, team_size, months, region, seniority, rate, requests_per_day, concurrent_users, ml,
/// admin_panel); the only constants are docs/estimates.md's assumptions. Never throws for
/// missing answers or figures: the section is left empty with a reason.
Estimates estimate(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers);

/// What each section of the estimates rests on, in the order the renderings show the sections:
/// cost, hosting, break-even, timeline, capacity, hiring, then salaries when there are any.
std::vector<const EstimateBasis*> estimate_bases(const Estimates& estimates);

/// What a stack has cost by a month from the start of development, as the break-even counts it
/// (assumption break-even-model): its development in full plus that many months of hosting.
struct CostByMonth {
    double expected_usd = 0;
    Range usd_range;
};

/// cost_by_month for a stack at `month`; nullopt when the stack has no development cost or no
/// hosting estimate. The one formula the break-even and a chart of cost over time share.
std::optional<CostByMonth> cost_by_month(const Estimates& estimates, const std::string& stack,
                                         double month);

/// Every source any section of the estimates cites.
std::set<std::string> estimate_sources(const Estimates& estimates);

}  // namespace stackpick
