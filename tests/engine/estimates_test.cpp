// Estimates: cost, hosting, break-even, time to build, capacity and hiring, computed from the
// shipped knowledge base. Every expected figure is worked by hand in the comments from the
// articles in shared/seeds/ ([1] EliteCoders 000_*, [2] guide-2026 001_*, [4] Soatech 003_*).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "stackpick/cli/embedded_data.hpp"
#include "stackpick/engine/estimates.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/report/estimates_json.hpp"
#include "stackpick/report/estimates_markdown.hpp"
#include "stackpick/report/estimates_text.hpp"
#include "stackpick/report/estimates_wording.hpp"
#include "stackpick/util/error.hpp"
#include "support/random_answers.hpp"

#ifndef STACKPICK_SOURCE_DIR
#define STACKPICK_SOURCE_DIR "/work/main"
#endif

using nlohmann::json;
using stackpick::Estimates;
using stackpick::GivenAnswers;
using stackpick::KnowledgeBase;
using stackpick::TrafficBand;

namespace {

/// The shipped knowledge base, read from data/ as `--data-dir data` would.
const KnowledgeBase& shipped() {
    static const KnowledgeBase knowledge_base = stackpick::load_knowledge_base(
        stackpick::locate_knowledge_base(std::string(STACKPICK_SOURCE_DIR "/data"), nullptr));
    return knowledge_base;
}

/// Estimates for answers given as in an answers file; the rest take their defaults.
Estimates run(const GivenAnswers& given, const KnowledgeBase& knowledge_base = shipped()) {
    return stackpick::estimate(knowledge_base,
                               stackpick::resolve_answers(knowledge_base.questions, given));
}

/// The sources' worked example: `--product api --team-size 2 --months 3 --rate 100`.
GivenAnswers worked_example() {
    return {{"product", "api"}, {"team_size", 2}, {"months", 3}, {"rate", 100}};
}

GivenAnswers with(GivenAnswers given, const std::string& key, json value) {
    given[key] = std::move(value);
    return given;
}

/// Text as one line: the renderers wrap at 80 columns, and the sentences are what is checked.
std::string unwrapped(const std::string& text) {
    std::string line;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n';
        if (space && (line.empty() || line.back() == ' ')) continue;
        line += space ? ' ' : c;
    }
    return line;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::size_t columns(const std::string& line) {
    std::size_t count = 0;
    for (char c : line)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    return count;
}

std::size_t widest_line(const std::string& text) {
    std::size_t widest = 0;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) widest = std::max(widest, columns(line));
    return widest;
}

/// A reason as the renderers word it.
std::string why(const stackpick::EstimateReason& reason, const stackpick::Estimates& estimates) {
    return stackpick::wording::reason_text(reason, estimates);
}

bool has_assumption(const stackpick::EstimateBasis& basis, const std::string& id) {
    for (const auto& assumption : basis.assumptions)
        if (stackpick::to_string(assumption.id) == id) return true;
    return false;
}

/// Every number in a JSON document is finite (no NaN or infinity can reach the output).
bool all_finite(const json& value) {
    if (value.is_number_float()) return std::isfinite(value.get<double>());
    if (value.is_structured())
        for (const auto& item : value)
            if (!all_finite(item)) return false;
    return true;
}

}  // namespace

TEST_CASE("the worked example reproduces the source's REST API costs", "[estimates][cost]") {
    // [1]: "Node.js (2 developers): Development: $72k (720 hrs @ $100/hr avg); Hosting: $450
    // (3 months @ $150/month); Total: $72,450. Python: $68k (680 hrs @ $100/hr avg); Hosting: $600
    // (3 months @ $200/month); Total: $68,600."
    // Hours per developer-month: Node.js 720 / (2 x 3) = 120, Python 680 / (2 x 3) = 113.33, so
    // 2 developers x 3 months give back 720 h and 680 h; x $100/h = $72,000 and $68,000.
    const Estimates estimates = run(worked_example());
    REQUIRE(estimates.cost_reason.empty());
    const auto& node = estimates.cost.at("node");
    const auto& python = estimates.cost.at("python");

    CHECK(node.hours == Approx(720));
    CHECK(python.hours == Approx(680));
    CHECK(node.development_usd == Approx(72000));
    CHECK(python.development_usd == Approx(68000));
    CHECK(node.hosting_usd == Approx(450));    // 3 x $150
    CHECK(python.hosting_usd == Approx(600));  // 3 x $200
    // Within 5% is what the issue asks; the figures come out exact.
    CHECK(node.total_usd == Approx(72450).epsilon(0.05));
    CHECK(python.total_usd == Approx(68600).epsilon(0.05));
    CHECK(node.total_usd == Approx(72450));
    CHECK(python.total_usd == Approx(68600));
    CHECK(node.rate_usd == Approx(100));
    CHECK(node.rate_figure.empty());

    SECTION("the JSON names of issue 8 carry the same figures") {
        const json document = stackpick::estimates_json(estimates);
        CHECK(document["cost"]["node"]["development_usd"] == 72000);
        CHECK(document["cost"]["node"]["hosting_usd"] == 450);
        CHECK(document["cost"]["node"]["total_usd"] == 72450);
        CHECK(document["cost"]["python"]["hosting_usd"] == 600);
        CHECK(document["cost"]["python"]["total_usd"] == 68600);
        // The hosting range is the medium-traffic range x 3: $50-200 -> $150-600 for Node.js;
        // for an API-only service [4] gives both stacks 4-6 weeks, so Node.js's development may
        // take Python's 680 hours: $68,000 + $150 at the low end.
        CHECK(document["cost"]["node"]["total_usd_range"] ==
              json({{"min", 68150}, {"max", 72600}}));
    }
}

TEST_CASE("each speed claim lowers the faster stack's range only under its own condition",
          "[estimates][cost]") {
    const auto range = [](const Estimates& estimates, const std::string& stack) {
        const auto& cost = estimates.cost.at(stack);
        return std::pair{cost.hours_range.min, cost.hours_range.max};
    };
    SECTION("an API-only service: equal timelines give Node.js Python's hours at the low end") {
        const Estimates estimates = run(worked_example());
        CHECK(range(estimates, "python") == std::pair{680.0, 680.0});
        CHECK(range(estimates, "node") == std::pair{680.0, 720.0});
        CHECK(estimates.cost.at("node").hours == Approx(720));  // the example stays expected
        CHECK(has_assumption(estimates.cost_basis, "faster-claims"));
    }
    SECTION("'Django can build MVPs 20-30% faster' applies to an MVP only") {
        // 720 h x (1 - 0.30) = 504 h is Python's low end; at $100/h: $50,400-68,000.
        const Estimates mvp = run(with(worked_example(), "mvp", true));
        CHECK(range(mvp, "python").first == Approx(504));
        CHECK(range(mvp, "python").second == Approx(680));
        CHECK(mvp.cost.at("python").development_usd_range.min == Approx(50400));
        CHECK(mvp.cost.at("python").development_usd_range.max == Approx(68000));
        CHECK(mvp.cost.at("python").hours == Approx(680));
    }
    SECTION(
        "a SaaS dashboard is faster on Node.js by Soatech's timelines, data analytics on "
        "Python") {
        // SaaS dashboard: Node.js 6-8 weeks against Python 8-10: 680 h x 7/9 for Node.js.
        const Estimates saas = run(with(worked_example(), "product", "saas"));
        CHECK(saas.cost.at("node").hours_range.min == Approx(680.0 * 7 / 9));
        CHECK(range(saas, "python") == std::pair{680.0, 680.0});
        // Data analytics tool: Python 6-8 weeks against Node.js 8-12: 720 h x 7/10 for Python.
        const Estimates analytics = run(with(worked_example(), "product", "analytics"));
        CHECK(analytics.cost.at("python").hours_range.min == Approx(720.0 * 7 / 10));
        CHECK(range(analytics, "node") == std::pair{720.0, 720.0});
        // No timeline for the product type: no claim.
        const Estimates content = run(with(worked_example(), "product", "content"));
        CHECK(range(content, "node") == std::pair{720.0, 720.0});
        CHECK(range(content, "python") == std::pair{680.0, 680.0});
        CHECK_FALSE(has_assumption(content.cost_basis, "faster-claims"));
    }
    SECTION("with an admin panel, the Django admin's 20-40 hours saved can set the low end") {
        // 1 developer x 1 month: Node.js 120 h; Python 113.33 h. For an MVP, the Django claim
        // gives 120 x 0.7 = 84 h; the admin 113.33 - 40 = 73.33 h, the lower of the two.
        GivenAnswers given = {{"team_size", 1}, {"months", 1}, {"rate", 100}};
        CHECK(run(given).cost.at("python").hours_range.min == Approx(680.0 / 6));
        CHECK(run(with(given, "mvp", true)).cost.at("python").hours_range.min == Approx(84));
        const Estimates admin = run(with(with(given, "mvp", true), "admin_panel", true));
        CHECK(admin.cost.at("python").hours_range.min == Approx(680.0 / 6 - 40));
        CHECK(admin.cost.at("python").hours == Approx(680.0 / 6));
    }
}

TEST_CASE("the break-even is a range over the costs' ends, or not determined by them",
          "[estimates][break-even]") {
    SECTION("overlapping hosting ranges leave it open: either may end up cheaper") {
        const Estimates estimates = run(worked_example());
        CHECK(estimates.break_even_month == 80);  // at the expected costs
        REQUIRE(estimates.break_even.range);
        CHECK(estimates.break_even.range->min == 20);
        CHECK_FALSE(estimates.break_even.range->max);
        CHECK_FALSE(estimates.break_even.determined);
        const json document = stackpick::estimates_json(estimates);
        CHECK(document["break_even"]["range"] == json({{"min", 20}, {"max", nullptr}}));
        CHECK(document["break_even"]["determined"] == false);
        CHECK(has_assumption(estimates.break_even.basis, "break-even-range"));
        CHECK(estimates.break_even.builder_varies);
        CHECK(contains(unwrapped(stackpick::render_estimates_text(estimates, shipped(), 80)),
                       "Break-even [1,4]: not determined by these figures: across the ends of the "
                       "cost ranges it falls anywhere from month 20 to never (one stack stays "
                       "cheaper), and either stack may be the cheaper to build."));
    }
    SECTION("with point figures it is one month, and a range where the costs' ends differ") {
        KnowledgeBase knowledge_base = shipped();
        for (auto& figure : knowledge_base.facts.figures)
            if (figure.id == "hosting.medium-traffic.node")
                figure.value = {150, 150, "usd/month"};
            else if (figure.id == "hosting.medium-traffic.python")
                figure.value = {200, 200, "usd/month"};
        const auto estimate_for = [&](const GivenAnswers& given) {
            return stackpick::estimate(knowledge_base,
                                       resolve_answers(knowledge_base.questions, given));
        };
        const Estimates exact = estimate_for(with(worked_example(), "product", "content"));
        CHECK(exact.break_even.determined);
        REQUIRE(exact.break_even.range);
        CHECK(exact.break_even.range->min == 80);
        CHECK(exact.break_even.range->max == 80);
        // For an MVP, Python's development may cost $50,400-68,000: it stays the cheaper to
        // build, and Node.js catches up after (68,000 - 50,400 .. 72,000 - 50,400) / 50 months.
        const Estimates mvp =
            estimate_for(with(with(worked_example(), "product", "content"), "mvp", true));
        CHECK_FALSE(mvp.break_even.determined);  // beyond 120 months at the far end: never
        CHECK_FALSE(mvp.break_even.builder_varies);
        CHECK(contains(unwrapped(stackpick::render_estimates_text(mvp, knowledge_base, 80)),
                       "to never (one stack stays cheaper), though Python stays the cheaper to "
                       "build."));
        const Estimates close = estimate_for({{"product", "content"},
                                              {"team_size", 1},
                                              {"months", 1},
                                              {"rate", 100},
                                              {"mvp", true}});
        // 1 developer-month: Node.js $12,000, Python $8,400-11,333: (12,000 - 11,333) / 50 = 14
        // to (12,000 - 8,400) / 50 = 72 months.
        CHECK(close.break_even.determined);
        REQUIRE(close.break_even.range);
        CHECK(close.break_even.range->min == 14);
        CHECK(close.break_even.range->max == 72);
        CHECK(contains(stackpick::render_estimates_text(close, knowledge_base, 80),
                       "between month 14 and 72"));
    }
}

TEST_CASE("a hybrid costs both runtimes plus the integration work", "[estimates][cost]") {
    // Fintech case [1]: 60% of services Node.js, 40% Python. Development: 0.6 x $72,000 +
    // 0.4 x $68,000 = $70,400, plus integration $5,000-15,000 ([4], expected $10,000) = $80,400.
    // Hosting: both runtimes, ($150 + $200) x 3 = $1,050. Total $81,450.
    const Estimates estimates = run(worked_example());
    const auto& hybrid = estimates.cost.at("hybrid");
    CHECK(hybrid.hours == Approx(0.6 * 720 + 0.4 * 680));
    CHECK(hybrid.integration_usd == Approx(10000));
    CHECK(hybrid.integration_usd_range.min == Approx(5000));
    CHECK(hybrid.integration_usd_range.max == Approx(15000));
    CHECK(hybrid.development_usd == Approx(80400));
    CHECK(hybrid.hosting_usd == Approx(1050));
    CHECK(hybrid.total_usd == Approx(81450));
    CHECK(has_assumption(estimates.cost_basis, "hybrid-split"));
    CHECK(has_assumption(estimates.cost_basis, "hybrid-integration"));
    CHECK(has_assumption(estimates.hosting_basis, "hybrid-hosting"));
}

TEST_CASE("break-even is computed from the figures and the source's ~6 months is contradicted",
          "[estimates][break-even]") {
    // Python is cheaper to build by $72,000 - $68,000 = $4,000 and dearer to host by
    // $200 - $150 = $50 a month: the totals meet after 4,000 / 50 = 80 months.
    // [1] claims "Break-even point: ~6 months of operation".
    const Estimates estimates = run(worked_example());
    REQUIRE(estimates.break_even_month);
    CHECK(*estimates.break_even_month == 80);
    CHECK(estimates.break_even.cheaper_to_build == "python");
    CHECK(estimates.break_even.cheaper_to_host == "node");
    CHECK(estimates.break_even.reason.empty());

    REQUIRE(estimates.break_even_claims.size() == 1);
    const auto& claim = estimates.break_even_claims[0];
    CHECK(claim.figure == "example.rest-api.break-even");
    CHECK(claim.value.min == 6);
    CHECK(claim.qualifier == stackpick::Qualifier::approx);
    REQUIRE(claim.computed_months);
    CHECK(*claim.computed_months == Approx(80));
    CHECK(claim.contradicted);
    CHECK(contains(stackpick::wording::claim_note(claim), "80 months"));

    const json document = stackpick::estimates_json(estimates);
    CHECK(document["break_even_month"] == 80);
    CHECK(document["break_even_claims"][0]["contradicted"] == true);
    CHECK(document["break_even_claims"][0]["computed_months"] == 80);
    CHECK(document["break_even_claims"][0]["value"] == json({{"min", 6}, {"max", 6}}));

    SECTION("the table rates give another month") {
        // US mid-level [1]: Node.js $80-110 (expected $95), Python $85-115 ($100).
        // 720 h x $95 = $68,400; 680 h x $100 = $68,000; (68,400 - 68,000) / 50 = 8 months.
        const Estimates table = run({{"team_size", 2}, {"months", 3}});
        CHECK(table.cost.at("node").development_usd == Approx(68400));
        CHECK(table.cost.at("python").development_usd == Approx(68000));
        REQUIRE(table.break_even_month);
        CHECK(*table.break_even_month == 8);
    }
    SECTION("a break-even beyond 10 years is null with the reason") {
        // 20 developers x 12 months at $100/h: Node.js 28,800 h, Python 27,200 h; $160,000 more
        // for Node.js to build, $50 a month less to host: 3,200 months.
        const Estimates long_run = run({{"team_size", 20}, {"months", 12}, {"rate", 100}});
        CHECK_FALSE(long_run.break_even_month);
        CHECK(long_run.break_even.exact_months == Approx(3200));
        CHECK(contains(why(long_run.break_even.reason, long_run), "not within 10 years"));
        CHECK(stackpick::estimates_json(long_run)["break_even_month"].is_null());
    }
    SECTION("when the cheaper stack to build is also cheaper to host there is none") {
        // Eastern Europe, mid: both $25-40 (Python derived), expected $32.5; below 10,000
        // requests/day hosting is the same for both, so Python's lead never shrinks.
        const Estimates small = run({{"team_size", 2},
                                     {"months", 3},
                                     {"region", "eastern-europe"},
                                     {"requests_per_day", 5000}});
        CHECK_FALSE(small.break_even_month);
        CHECK(contains(why(small.break_even.reason, small), "never catches up"));
    }
    SECTION("without a development cost there is none, and the claim is still shown") {
        const Estimates unknown = run({});
        CHECK_FALSE(unknown.break_even_month);
        CHECK(contains(why(unknown.break_even.reason, unknown), "needs --team-size and --months"));
        CHECK_FALSE(unknown.break_even.determined);
        CHECK_FALSE(unknown.break_even.range);
        const json unknown_document = stackpick::estimates_json(unknown);
        CHECK(unknown_document["break_even"]["determined"] == false);
        CHECK(unknown_document["break_even"]["range"].is_null());
        CHECK(contains(unwrapped(stackpick::render_estimates_text(unknown, shipped(), 80)),
                       "Break-even [1]: unknown: no development cost: needs --team-size and "
                       "--months."));
        REQUIRE(unknown.break_even_claims.size() == 1);
        CHECK(unknown.break_even_claims[0].contradicted);
    }
}

TEST_CASE("region and seniority move the cost by the rate tables", "[estimates][cost]") {
    // 2 developers x 3 months: 720 h (Node.js), 680 h (Python); expected rate = midpoint.
    const auto node_cost = [](const std::string& region, const std::string& seniority) {
        return run({{"team_size", 2}, {"months", 3}, {"region", region}, {"seniority", seniority}})
            .cost.at("node");
    };
    // US [1]: junior $50-70 ($60), mid $80-110 ($95), senior $120-160 ($140).
    CHECK(node_cost("us", "junior").development_usd == Approx(720 * 60));
    CHECK(node_cost("us", "mid").development_usd == Approx(720 * 95));
    CHECK(node_cost("us", "senior").development_usd == Approx(720 * 140));
    // [4]: North America mid $70-120 ($95), Western Europe $50-80 ($65), Eastern Europe $25-40
    // ($32.5): each region's cost is the US cost scaled by the ratio of the rates.
    CHECK(node_cost("north-america", "mid").development_usd == Approx(720 * 95));
    CHECK(node_cost("western-europe", "mid").development_usd == Approx(720 * 65));
    CHECK(node_cost("eastern-europe", "mid").development_usd == Approx(720 * 32.5));
    CHECK(node_cost("eastern-europe", "mid").development_usd /
              node_cost("us", "mid").development_usd ==
          Approx(32.5 / 95));
    // Ranges follow the tables' ends: Eastern Europe mid 720 x $25 .. 720 x $40.
    const auto eastern = node_cost("eastern-europe", "mid");
    CHECK(eastern.development_usd_range.min == Approx(18000));
    CHECK(eastern.development_usd_range.max == Approx(28800));
    CHECK(eastern.rate_figure == "rate.eastern-europe.mid.node");
    CHECK_FALSE(eastern.rate_derived);
    // Senior Eastern Europe ($35-60) costs less than junior US ($50-70).
    CHECK(node_cost("eastern-europe", "senior").development_usd <
          node_cost("us", "junior").development_usd);

    SECTION("Python's regional rates are marked derived") {
        const Estimates estimates =
            run({{"team_size", 2}, {"months", 3}, {"region", "western-europe"}});
        CHECK(estimates.cost.at("python").rate_derived);
        CHECK(estimates.cost.at("python").development_usd == Approx(680 * 65));
        CHECK(estimates.cost.at("hybrid").rate_derived);
        CHECK(stackpick::estimates_json(estimates)["cost"]["python"]["rate_derived"] == true);
    }
    SECTION("with --ml the ML premium applies to the derived Python rates only") {
        // [4]: "Similar to Node.js, though Python developers with ML expertise command 20-40%
        // premiums". North America mid $70-120 -> $84-168, expected $95 x 1.3 = $123.5.
        const Estimates ml =
            run({{"team_size", 2}, {"months", 3}, {"region", "north-america"}, {"ml", true}});
        const auto& python = ml.cost.at("python");
        CHECK(python.ml_premium);
        CHECK(python.rate_usd == Approx(123.5));
        CHECK(python.rate_usd_range.min == Approx(84));
        CHECK(python.rate_usd_range.max == Approx(168));
        CHECK(ml.cost.at("node").rate_usd == Approx(95));
        // [1]'s US rates are stack-specific, not derived: no premium on top.
        const Estimates us = run({{"team_size", 2}, {"months", 3}, {"ml", true}});
        CHECK_FALSE(us.cost.at("python").ml_premium);
        CHECK(us.cost.at("python").rate_usd == Approx(100));
    }
}

TEST_CASE("India gives salary ranges and no hourly cost", "[estimates][cost]") {
    // [2]: "Senior Node.js developers in India: INR 15-35 LPA", "Senior Python developers in
    // India: INR 12-30 LPA". No hourly rate, and stackpick invents no exchange rate.
    const Estimates estimates = run({{"team_size", 2}, {"months", 3}, {"region", "india"}});
    CHECK(estimates.cost.empty());
    CHECK(contains(why(estimates.cost_reason, estimates), "exchange rate"));
    CHECK(contains(why(estimates.cost_reason, estimates), "--rate"));
    CHECK_FALSE(estimates.break_even_month);
    REQUIRE(estimates.salaries);
    CHECK(estimates.salaries->by_stack.at("node").value.min == 15);
    CHECK(estimates.salaries->by_stack.at("node").value.max == 35);
    CHECK(estimates.salaries->by_stack.at("python").value.min == 12);
    CHECK(estimates.salaries->by_stack.at("python").value.max == 30);
    CHECK(estimates.salaries->by_stack.at("python").value.unit == "inr-lpa");
    // The default seniority is mid; the source gives senior salaries only, and says so.
    CHECK(contains(stackpick::wording::salaries_note(*estimates.salaries), "senior salaries only"));
    // Hosting does not depend on the region.
    CHECK(estimates.hosting.at("node").period_usd == Approx(450));

    const json document = stackpick::estimates_json(estimates);
    CHECK(document["cost"]["node"].is_null());
    CHECK(document["cost"]["reason"].is_string());
    CHECK(document["salaries"]["node"]["value"] == json({{"min", 15}, {"max", 35}}));
    CHECK(document["salaries"]["node"]["unit"] == "inr-lpa");

    SECTION("--rate prices the work for India too") {
        const Estimates rated =
            run({{"team_size", 2}, {"months", 3}, {"region", "india"}, {"rate", 30}});
        CHECK(rated.cost.at("node").development_usd == Approx(720 * 30));
    }
    SECTION("other regions show no salary section") {
        CHECK_FALSE(run({{"team_size", 2}, {"months", 3}}).salaries);
    }
}

TEST_CASE("hosting follows the sources' traffic bands", "[estimates][hosting]") {
    const auto hosting_for = [](std::int64_t requests) {
        return run({{"months", 3}, {"requests_per_day", requests}});
    };
    SECTION("below 10,000 requests/day the difference is negligible: one price for both") {
        const Estimates small = hosting_for(5000);
        CHECK(small.traffic == TrafficBand::small);
        CHECK(small.hosting.at("python").monthly_usd == Approx(150));
        CHECK(small.hosting.at("python").monthly_usd_range.min == Approx(50));
        CHECK(small.hosting.at("python").monthly_usd_range.max == Approx(200));
        CHECK(has_assumption(small.hosting_basis, "hosting-small"));
    }
    SECTION("between the thresholds the worked example's figures stand") {
        const Estimates medium = hosting_for(50000);
        CHECK(medium.traffic == TrafficBand::medium);
        CHECK(medium.hosting.at("node").monthly_usd == Approx(150));
        CHECK(medium.hosting.at("python").monthly_usd == Approx(200));
        CHECK(*medium.hosting.at("python").period_usd == Approx(600));
    }
    SECTION("at 100,000+ requests/day Node.js costs 20-30% less than Python") {
        // $200 x (1 - 0.25) = $150; range $70 x 0.7 = $49 .. $250 x 0.8 = $200.
        const Estimates scale = hosting_for(100000);
        CHECK(scale.traffic == TrafficBand::scale);
        CHECK(scale.hosting.at("node").monthly_usd == Approx(150));
        CHECK(scale.hosting.at("node").monthly_usd_range.min == Approx(49));
        CHECK(scale.hosting.at("node").monthly_usd_range.max == Approx(200));
        CHECK(scale.hosting.at("python").monthly_usd == Approx(200));
        CHECK(has_assumption(scale.hosting_basis, "hosting-scale"));
    }
    SECTION("without months there is a monthly figure but no period") {
        const Estimates monthly = run({});
        CHECK(monthly.hosting.at("node").monthly_usd == Approx(150));
        CHECK_FALSE(monthly.hosting.at("node").period_usd);
        CHECK(stackpick::estimates_json(monthly)["hosting"]["node"]["period_usd"].is_null());
    }
}

TEST_CASE("timelines match the table for each product type", "[estimates][timeline]") {
    // [4] "Timeline Comparison for Common Projects", Node.js (Next.js) vs Python (Django/FastAPI):
    // SaaS dashboard 6-8 / 8-10 weeks; Marketplace 8-10 / 10-12; Data analytics tool 8-12 / 6-8;
    // API-only service 4-6 / 4-6; ML-powered product 10-14 / 8-10.
    struct Row {
        const char* product;
        double node_min, node_max, python_min, python_max;
    };
    const Row rows[] = {{"saas", 6, 8, 8, 10},
                        {"marketplace", 8, 10, 10, 12},
                        {"analytics", 8, 12, 6, 8},
                        {"api", 4, 6, 4, 6},
                        {"ml-product", 10, 14, 8, 10}};
    for (const auto& row : rows) {
        INFO(row.product);
        const Estimates estimates = run({{"product", row.product}});
        CHECK(estimates.timeline_weeks.at("node").min == row.node_min);
        CHECK(estimates.timeline_weeks.at("node").max == row.node_max);
        CHECK(estimates.timeline_weeks.at("python").min == row.python_min);
        CHECK(estimates.timeline_weeks.at("python").max == row.python_max);
        // The table has no hybrid column.
        CHECK_FALSE(estimates.timeline_weeks.count("hybrid"));
        CHECK(contains(why(estimates.timeline_reasons.at("hybrid"), estimates), "no source"));
        const json document = stackpick::estimates_json(estimates);
        CHECK(document["timeline_weeks"]["node"] ==
              json({{"min", row.node_min}, {"max", row.node_max}}));
        CHECK(document["timeline_weeks"]["hybrid"].is_null());
        CHECK(document["timeline_weeks"]["sources"] == json({"soatech-2026"}));
    }
    SECTION("product types the table does not cover are null with 'no source'") {
        for (const char* product :
             {"content", "ecommerce", "realtime-collab", "fintech", "internal-tool"}) {
            INFO(product);
            const Estimates estimates = run({{"product", product}});
            CHECK(estimates.timeline_weeks.empty());
            CHECK(contains(why(estimates.timeline_reasons.at("node"), estimates), "no source"));
            CHECK(stackpick::estimates_json(estimates)["timeline_weeks"]["python"].is_null());
        }
    }
    SECTION("an unknown product type leaves the section empty with a reason") {
        const Estimates estimates = run({});
        CHECK(estimates.timeline_weeks.empty());
        CHECK(contains(why(estimates.timeline_reason, estimates), "--product"));
    }
}

TEST_CASE("capacity: 50,000 concurrent users take 20 Node.js instances", "[estimates][capacity]") {
    // [1] collaboration SaaS: "Deployed 20 Node.js instances (2,500 users per instance)" for
    // 50,000 concurrent users: 50,000 / 2,500 = 20.
    const Estimates estimates = run({{"concurrent_users", 50000}});
    REQUIRE(estimates.capacity_reason.empty());
    const auto& node = estimates.capacity.at("node");
    CHECK(node.instances == 20);
    CHECK(node.instances_range.min == 20);
    CHECK(node.instances_range.max == 20);
    CHECK_FALSE(node.estimated);
    // Memory [1]: 200-400 MB per process: 20 x 200 .. 20 x 400 MB.
    REQUIRE(node.memory_mb);
    CHECK(node.memory_mb->min == 4000);
    CHECK(node.memory_mb->max == 8000);

    // [1,2] "10,000+ connections" on one thread would need at most 50,000 / 10,000 = 5.
    REQUIRE(estimates.capacity_disagreements.size() == 1);
    CHECK(estimates.capacity_disagreements[0].figure == "concurrency.connections.node");
    CHECK(estimates.capacity_disagreements[0].instances == 5);

    // Python has no sourced figure: estimated from Node.js's 2,500 users per instance and the
    // 3-5x concurrency advantage [1]: 2,500 / 5 = 500 .. 2,500 / 3 = 833 users per instance,
    // so 50,000 x 3 / 2,500 = 60 .. 50,000 x 5 / 2,500 = 100 instances, expected (4x) 80.
    const auto& python = estimates.capacity.at("python");
    CHECK(python.estimated);
    CHECK(python.instances == 80);
    CHECK(python.instances_range.min == 60);
    CHECK(python.instances_range.max == 100);
    CHECK(contains(stackpick::wording::derivation_text(python, estimates), "estimated"));
    CHECK(has_assumption(estimates.capacity_basis, "capacity-estimate"));
    // No source gives a hybrid's capacity.
    CHECK_FALSE(estimates.capacity.count("hybrid"));
    CHECK(contains(why(estimates.capacity_reasons.at("hybrid"), estimates), "no source"));

    const json document = stackpick::estimates_json(estimates);
    CHECK(document["capacity"]["node"]["instances"] == 20);
    CHECK(document["capacity"]["python"]["estimated"] == true);
    CHECK(document["capacity"]["hybrid"].is_null());

    SECTION("instances round up") {
        // 50,001 / 2,500 = 20.0004 -> 21; 1 user -> 1 instance.
        CHECK(run({{"concurrent_users", 50001}}).capacity.at("node").instances == 21);
        CHECK(run({{"concurrent_users", 1}}).capacity.at("node").instances == 1);
    }
    SECTION("without --concurrent-users there is no capacity section") {
        const Estimates unknown = run({});
        CHECK(unknown.capacity.empty());
        CHECK(why(unknown.capacity_reason, unknown) == "needs --concurrent-users");
        CHECK(stackpick::estimates_json(unknown)["capacity"]["node"].is_null());
    }
}

TEST_CASE("hiring shows the job market, salaries and talent notes per stack",
          "[estimates][hiring]") {
    // [1]: "Node.js 42% of backend positions (320k jobs), Python 38% (290k jobs). Node.js average
    // salary: $115k. Python average salary: $118k".
    const Estimates estimates = run({});
    const auto value_of = [&](const std::string& stack, const std::string& id) {
        for (const auto& figure : estimates.hiring.at(stack).figures)
            if (figure.id == id) return figure.value.min;
        return -1.0;
    };
    CHECK(value_of("node", "jobs.us-share.node") == 42);
    CHECK(value_of("python", "jobs.us-share.python") == 38);
    CHECK(value_of("node", "jobs.us-count.node") == 320000);
    CHECK(value_of("node", "salary.us.average.node") == 115000);
    CHECK(value_of("python", "salary.us.average.python") == 118000);
    CHECK_FALSE(estimates.hiring.at("node").notes.empty());
    CHECK(contains(why(estimates.hiring_reasons.at("hybrid"), estimates), "Node.js and Python"));
    const json document = stackpick::estimates_json(estimates);
    CHECK(document["hiring"]["node"]["figures"][0]["value"].is_object());
    CHECK(document["hiring"]["hybrid"].is_null());
}

TEST_CASE("unknown inputs leave sections empty with a reason, never a guess", "[estimates][cost]") {
    const Estimates estimates = run({{"months", 3}});
    CHECK(estimates.cost.empty());
    CHECK(why(estimates.cost_reason, estimates) == "needs --team-size");
    const json document = stackpick::estimates_json(estimates);
    CHECK(document["cost"]["node"].is_null());
    CHECK(document["cost"]["reason"] == "needs --team-size");
    CHECK(document["break_even_month"].is_null());
    const auto months_unknown = run({{"team_size", 2}});
    CHECK(why(months_unknown.cost_reason, months_unknown) == "needs --months");
}

TEST_CASE("a figure missing from the knowledge base empties only what needs it",
          "[estimates][cost]") {
    KnowledgeBase knowledge_base = shipped();
    auto& figures = knowledge_base.facts.figures;
    figures.erase(std::remove_if(figures.begin(), figures.end(),
                                 [](const auto& figure) { return figure.id == "saving.saas-mvp"; }),
                  figures.end());
    const Estimates estimates = run(worked_example(), knowledge_base);
    CHECK(estimates.cost.at("node").total_usd == Approx(72450));
    CHECK_FALSE(estimates.cost.count("hybrid"));
    CHECK(contains(why(estimates.cost_reasons.at("hybrid"), estimates), "saving.saas-mvp"));
    CHECK(stackpick::estimates_json(estimates)["cost"]["hybrid"].is_null());
}

TEST_CASE("every section of the JSON lists its sources and assumptions", "[estimates][json]") {
    const Estimates estimates = run({{"product", "api"},
                                     {"team_size", 2},
                                     {"months", 3},
                                     {"concurrent_users", 50000},
                                     {"requests_per_day", 200000}});
    const json document = stackpick::estimates_json(estimates);
    for (const char* section :
         {"cost", "hosting", "break_even", "timeline_weeks", "capacity", "hiring"}) {
        INFO(section);
        CHECK(document[section]["sources"].is_array());
        CHECK_FALSE(document[section]["sources"].empty());
        CHECK(document[section]["assumptions"].is_array());
        for (const auto& assumption : document[section]["assumptions"]) {
            CHECK(assumption["id"].is_string());
            CHECK(assumption["text"].is_string());
        }
    }
    // Ranges are always {min, max}; numbers are finite and money is whole dollars.
    CHECK(document["cost"]["hybrid"]["total_usd_range"].size() == 2);
    CHECK(document["cost"]["python"]["development_usd"].is_number_integer());
    CHECK(all_finite(document));
    // Same input, same bytes.
    CHECK(stackpick::estimates_json(estimates).dump() ==
          stackpick::estimates_json(run({{"product", "api"},
                                         {"team_size", 2},
                                         {"months", 3},
                                         {"concurrent_users", 50000},
                                         {"requests_per_day", 200000}}))
              .dump());
    // The sources are listed in marker order.
    CHECK(document["cost"]["sources"] == json({"elitecoders-2025", "soatech-2026"}));
}

TEST_CASE("every assumption the estimates make is documented in docs/estimates.md",
          "[estimates][docs]") {
    std::ifstream file(STACKPICK_SOURCE_DIR "/docs/estimates.md");
    REQUIRE(file);
    std::stringstream text;
    text << file.rdbuf();
    const std::string docs = text.str();
    // Answers that between them trigger every assumption.
    const std::vector<GivenAnswers> cases = {
        with(worked_example(), "admin_panel", true),
        {{"product", "saas"},
         {"team_size", 3},
         {"months", 6},
         {"region", "north-america"},
         {"ml", true},
         {"requests_per_day", 5000},
         {"concurrent_users", 50000}},
        {{"team_size", 3}, {"months", 6}, {"requests_per_day", 500000}},
    };
    std::set<std::string> seen;
    for (const auto& given : cases) {
        const json document = stackpick::estimates_json(run(given));
        for (const auto& [key, section] : document.items())
            if (section.is_object() && section.contains("assumptions"))
                for (const auto& assumption : section["assumptions"])
                    seen.insert(assumption["id"].get<std::string>());
    }
    for (const char* id : {"hours-scale",          "rate-override",    "rate-midpoint",
                           "ml-premium",           "faster-claims",    "hybrid-split",
                           "hybrid-integration",   "hosting-expected", "hosting-traffic-unknown",
                           "hosting-small",        "hosting-scale",    "hybrid-hosting",
                           "hosting-during-build", "break-even-model", "break-even-horizon",
                           "break-even-claim",     "timeline-rows",    "capacity-round-up",
                           "capacity-memory",      "capacity-estimate"})
        CHECK(seen.count(id));
    for (const auto& id : seen) {
        INFO(id);
        CHECK(contains(docs, "`" + id + "`"));
    }
}

TEST_CASE("the text table fits 80 columns and shows ranges with source markers",
          "[estimates][text]") {
    const Estimates estimates =
        run(with(with(worked_example(), "concurrent_users", 50000), "mvp", true));
    const std::string text = stackpick::render_estimates_text(estimates, shipped(), 80);
    CHECK(widest_line(text) <= 80);
    CHECK(contains(text, "$72,450"));
    CHECK(contains(text, "$68,600"));
    CHECK(contains(text, "$50,400-68,000"));  // Python's development range for an MVP
    CHECK(contains(text, "Development [1,4]"));
    CHECK(contains(text, "not determined by these figures"));
    CHECK_FALSE(contains(text, "month 80"));
    CHECK(contains(text, "~6 months [1] - contradicted"));
    CHECK(contains(text, "4-6 weeks"));
    CHECK(contains(text, "no source"));
    CHECK(contains(text, "80 (est.)"));
    CHECK(contains(text, "[1] Node.js vs Python for Backend Development"));
    CHECK(contains(text, "(hybrid-integration)"));

    SECTION("large amounts switch to a compact form rather than overflow a column") {
        const Estimates big = run({{"team_size", 400},
                                   {"months", 24},
                                   {"region", "us"},
                                   {"seniority", "senior"},
                                   {"requests_per_day", 200000},
                                   {"concurrent_users", 100000000},
                                   {"product", "ml-product"}});
        const std::string big_text = stackpick::render_estimates_text(big, shipped(), 80);
        CHECK(widest_line(big_text) <= 80);
        CHECK(contains(big_text, "M-"));
    }
    SECTION("India shows salaries and why there is no cost") {
        const std::string india = stackpick::render_estimates_text(
            run({{"team_size", 2}, {"months", 3}, {"region", "india"}}), shipped(), 80);
        CHECK(widest_line(india) <= 80);
        CHECK(contains(india, "INR 15-35 LPA"));
        CHECK(contains(india, "never invents an exchange rate"));
    }
}

TEST_CASE("the Markdown report and the cost-and-time lines carry the same figures",
          "[estimates][markdown]") {
    const Estimates estimates = run(worked_example());
    const std::string markdown = stackpick::render_estimates_markdown(estimates, shipped());
    CHECK(contains(markdown, "|  | Node.js | Python | Node.js + Python |"));
    CHECK(contains(markdown, "| **Total** | $72,450 ($68,150-72,600) | $68,600 ($68,210-68,750)"));
    CHECK(contains(markdown, R"(~6 months \[1\] - contradicted)"));
    CHECK(contains(markdown, "### Assumptions"));

    const auto lines = stackpick::cost_and_time_lines(estimates, shipped());
    REQUIRE(lines.size() == 3);
    CHECK(contains(lines[0], "Node.js $72,450"));
    CHECK(contains(lines[1], "Node.js 4-6 weeks"));
    CHECK(contains(lines[2],
                   "Break-even: not determined by these figures; a source claims ~6 "
                   "months [1]"));
    CHECK(contains(lines[2], "contradicted"));
    CHECK(stackpick::cost_and_time_lines(run({}), shipped()).empty());
}

TEST_CASE("the estimate questions reject bad values with the valid range or choices",
          "[estimates][questions]") {
    const KnowledgeBase& knowledge_base = shipped();
    const auto text_error = [&](const std::string& id, const std::string& value) -> std::string {
        const auto* question = knowledge_base.find_question(id);
        REQUIRE(question);
        try {
            stackpick::parse_answer_text(*question, value);
        } catch (const stackpick::UsageError& error) {
            return error.what();
        }
        return "";
    };
    CHECK(text_error("months", "0") == "--months: must be a whole number in 1..120, got '0'");
    CHECK(text_error("team-size", "0") ==
          "--team-size: must be a whole number in 1..10000, got '0'");
    CHECK(text_error("rate", "-1") == "--rate: must be a number in 1..10000, got '-1'");
    CHECK(contains(text_error("region", "mars"),
                   "--region: mars not in {us,north-america,western-europe,eastern-europe,india}"));
    CHECK(text_error("seniority", "senior").empty());
    CHECK(text_error("requests-per-day", "250000").empty());
    // Defaults: the first article's US rates, mid-level; months, rate and traffic unknown.
    CHECK(knowledge_base.find_question("region")->default_value == "us");
    CHECK(knowledge_base.find_question("seniority")->default_value == "mid");
    CHECK(knowledge_base.find_question("months")->default_value.is_null());
    CHECK(knowledge_base.find_question("rate")->default_value.is_null());
}

TEST_CASE("the compact estimates are byte for byte the dump of the built document",
          "[estimates][json]") {
    const auto check = [](const Estimates& estimates) {
        std::string compact = "[";
        stackpick::append_estimates_json(compact, estimates);
        compact += "]";
        CHECK(compact == "[" +
                             stackpick::estimates_json(estimates).dump(
                                 -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
                             "]");
    };
    check(run(worked_example()));
    check(run({{"region", "india"}, {"seniority", "mid"}, {"product", "saas"}}));
    check(run({{"region", "india"}, {"rate", 42.5}, {"months", 120}, {"concurrent_users", 3}}));
    check(run({}));
    std::mt19937 random(5);  // fixed seed: reproducible
    for (int i = 0; i < 300; ++i) {
        const GivenAnswers given = stackpick::testing::random_answers(shipped().questions, random);
        INFO(json(given).dump());
        check(run(given));
    }
}

TEST_CASE("the estimates give their reasons and assumptions as values, not sentences",
          "[estimates][reasons]") {
    using stackpick::AssumptionId;
    using stackpick::EstimateInput;
    using stackpick::EstimateReasonKind;
    using stackpick::SpeedClaim;
    namespace assumed = stackpick::assumed;
    const Estimates estimates = run(worked_example());
    const auto assumption = [](const stackpick::EstimateBasis& basis, AssumptionId id) {
        const auto it = std::find_if(basis.assumptions.begin(), basis.assumptions.end(),
                                     [&](const auto& a) { return a.id == id; });
        REQUIRE(it != basis.assumptions.end());
        return *it;
    };

    SECTION("the worked example: --rate for every stack, hours scaled per developer-month") {
        CHECK(estimates.cost_reason.kind == EstimateReasonKind::none);
        CHECK(estimates.hosting_reason.kind == EstimateReasonKind::none);
        const auto rate = assumption(estimates.cost_basis, AssumptionId::rate_override);
        CHECK(std::get<assumed::RateOverride>(rate.detail).rate_usd == 100);
        const auto scale = std::get<assumed::HoursScale>(
            assumption(estimates.cost_basis, AssumptionId::hours_scale).detail);
        CHECK(scale.developers == 2);
        CHECK(scale.duration.min == 3);
        REQUIRE(scale.hours.size() == 2);
        CHECK(scale.hours[0].stack == "node");
        CHECK(scale.hours[0].value.min == 720);
        REQUIRE(scale.per_developer_month.size() == 2);
        CHECK(scale.per_developer_month[0].first == "node");
        CHECK(scale.per_developer_month[0].second == Approx(120));
        CHECK(scale.per_developer_month[1].first == "python");
        CHECK(scale.per_developer_month[1].second == Approx(680.0 / 6));
        CHECK(stackpick::to_string(AssumptionId::hours_scale) == "hours-scale");
    }
    SECTION("an API-only service: the equal timelines are the one speed claim, for Node.js") {
        const auto faster = std::get<assumed::FasterClaims>(
            assumption(estimates.cost_basis, AssumptionId::faster_claims).detail);
        REQUIRE(faster.claims.size() == 1);
        CHECK(faster.claims[0].kind == SpeedClaim::Kind::timeline);
        CHECK(faster.claims[0].stack == "node");
        CHECK(faster.claims[0].other == "python");
        CHECK(faster.claims[0].value.unit == "weeks");
        CHECK(faster.claims[0].value.min == faster.claims[0].other_value.min);
    }
    SECTION("the sections without a value say why as a kind and what it names") {
        CHECK(estimates.break_even.reason.empty());
        CHECK(estimates.capacity_reason.kind == EstimateReasonKind::needs_inputs);
        CHECK(estimates.capacity_reason.inputs ==
              std::vector<EstimateInput>{EstimateInput::concurrent_users});
        const auto& timeline = estimates.timeline_reasons.at("hybrid");
        CHECK(timeline.kind == EstimateReasonKind::no_timeline_column);
        CHECK(timeline.stacks == std::vector<std::string>{"hybrid"});
        const auto& hiring = estimates.hiring_reasons.at("hybrid");
        CHECK(hiring.kind == EstimateReasonKind::hybrid_hiring);
        CHECK(hiring.stacks == std::vector<std::string>{"node", "python"});
        CHECK(estimates.capacity_reasons.empty());
    }
    SECTION("the claim is contradicted by its own figures: 80 months, not ~6") {
        const auto& claim = estimates.break_even_claims.at(0);
        CHECK(claim.contradicted);
        REQUIRE(claim.computed_months);
        CHECK(*claim.computed_months == Approx(80));
    }
    SECTION("a missing answer names the input; the break-even names the missing cost") {
        GivenAnswers given = worked_example();
        given.erase("team_size");
        const Estimates unknown = run(given);
        CHECK(unknown.cost_reason.kind == EstimateReasonKind::needs_inputs);
        CHECK(unknown.cost_reason.inputs == std::vector<EstimateInput>{EstimateInput::team_size});
        CHECK(unknown.break_even.reason.kind == EstimateReasonKind::no_cost);
        CHECK(why(unknown.break_even.reason, unknown) == "no development cost: needs --team-size");
    }
    SECTION("a break-even past 10 years gives its month as a number") {
        const Estimates long_run = run({{"team_size", 20}, {"months", 12}, {"rate", 100}});
        CHECK(long_run.break_even.reason.kind == EstimateReasonKind::beyond_horizon);
        CHECK(long_run.break_even.reason.months == 3200);
    }
    SECTION("one stack cheaper to build and hosted at the same price: it names both") {
        const Estimates small = run({{"team_size", 2},
                                     {"months", 3},
                                     {"region", "eastern-europe"},
                                     {"requests_per_day", 5000}});
        CHECK(small.break_even.reason.kind == EstimateReasonKind::same_hosting);
        CHECK(small.break_even.reason.stacks == std::vector<std::string>{"python", "node"});
        const auto small_traffic = std::get<assumed::HostingSmall>(
            assumption(small.hosting_basis, AssumptionId::hosting_small).detail);
        CHECK(small_traffic.cheapest == "node");
        CHECK(small_traffic.negligible_below.value.min == 10000);
    }
}
