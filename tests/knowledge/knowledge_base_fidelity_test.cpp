// The shipped knowledge base says what the sources say: headline figures, each read by hand
// from the seed article named in its row, checked against the loaded data/ files.

#include <algorithm>

#include <catch2/catch.hpp>

#include "support/shipped_facts.hpp"

using stackpick::Diagnostics;
using stackpick::Facts;
using stackpick::Qualifier;

namespace {

struct Expected {
    const char* id;
    double min;
    double max;
    const char* unit;
    const char* seed;   ///< the article it was read from (shared/seeds/)
    const char* quote;  ///< the words in the article
};

constexpr const char* k_000 = "000_14f5732b0cf97272.txt";
constexpr const char* k_001 = "001_7b721ce20d4fd04b.txt";
constexpr const char* k_002 = "002_f8310884a18d9401.txt";
constexpr const char* k_003 = "003_ee9e33fa7f9485b3.txt";
constexpr const char* k_004 = "004_4b82d59a59634863.txt";

// clang-format off
const Expected k_table[] = {
    // Benchmark (000)
    {"benchmark.rps.node", 12450, 12450, "requests/s", k_000, "Requests per Second (RPS) 12,450"},
    {"benchmark.rps.python", 8200, 8200, "requests/s", k_000, "Requests per Second (RPS) 8,200"},
    {"benchmark.latency-avg.node", 45, 45, "ms", k_000, "Average Response Time 45ms"},
    {"benchmark.latency-avg.python", 72, 72, "ms", k_000, "Average Response Time 72ms"},
    {"benchmark.latency-p95.node", 78, 78, "ms", k_000, "P95: 78ms, P99: 120ms"},
    {"benchmark.latency-p99.node", 120, 120, "ms", k_000, "P95: 78ms, P99: 120ms"},
    {"benchmark.latency-p95.python", 125, 125, "ms", k_000, "P95: 125ms, P99: 180ms"},
    {"benchmark.latency-p99.python", 180, 180, "ms", k_000, "P95: 125ms, P99: 180ms"},
    {"benchmark.memory.node", 280, 280, "MB", k_000, "Memory Usage (Steady State) 280MB"},
    {"benchmark.memory.python", 420, 420, "MB", k_000, "420MB 4 Gunicorn workers"},
    {"benchmark.cpu.node", 35, 35, "percent", k_000, "CPU Usage (Average) 35%"},
    {"benchmark.cpu.python", 48, 48, "percent", k_000, "CPU Usage (Average) 48%"},
    {"benchmark.processes.python", 4, 4, "count", k_000, "4 Gunicorn workers"},
    {"benchmark.concurrent-users", 100, 100, "users", k_000, "Load test: 100 concurrent users"},
    {"benchmark.throughput-advantage", 52, 52, "percent", k_000, "Node.js: 52% More Throughput"},
    {"benchmark.response-advantage", 37, 37, "percent", k_000, "37% Faster Response"},
    // Throughput and speed claims
    {"throughput.simple-endpoint.node", 35000, 35000, "requests/s", k_001, "~35,000 requests/second ... (TechEmpower"},
    {"throughput.simple-endpoint.python", 28000, 28000, "requests/s", k_001, "FastAPI handles ~28,000 requests/second"},
    {"throughput.drf.python", 8000, 12000, "requests/s", k_001, "Django REST framework: ~8,000-12,000 req/sec"},
    {"advantage.io-concurrency", 3, 5, "multiplier", k_000, "3-5x Node.js concurrent request advantage"},
    {"advantage.api-response", 40, 60, "percent", k_000, "40-60% faster API response times"},
    {"advantage.io-bound", 20, 30, "percent", k_001, "Node.js is 20-30% faster"},
    {"concurrency.connections.node", 10000, 10000, "connections", k_001, "10,000+ simultaneous connections on a single thread"},
    {"concurrency.api-threshold", 10000, 10000, "requests/min", k_000, "high concurrency (10k+ requests/min)"},
    {"concurrency.websocket-threshold", 10000, 10000, "connections", k_003, "10,000+ concurrent WebSocket connections"},
    {"relevance.endpoint-time.node", 5, 5, "ms", k_003, "5 milliseconds (Node.js) or 15 milliseconds (Python)"},
    {"relevance.database-query-time", 200, 200, "ms", k_003, "the database query takes 200 milliseconds"},
    {"relevance.database-bottleneck", 95, 95, "percent", k_003, "For 95% of startups"},
    // Memory, containers
    {"memory.process.node", 200, 400, "MB", k_000, "200-400MB per process"},
    {"memory.process.python", 300, 600, "MB", k_000, "300-600MB per process"},
    {"memory.server-ram.python", 2, 2, "GB", k_000, "Python needs 2GB for similar traffic"},
    {"container.image.node", 100, 200, "MB", k_000, "Node.js images 100-200MB (Alpine)"},
    {"container.image.python", 200, 400, "MB", k_000, "Python images 200-400MB"},
    // Rates and salaries
    {"rate.us.junior.node", 50, 70, "usd/hour", k_000, "Junior: $50-70/hr"},
    {"rate.us.mid.node", 80, 110, "usd/hour", k_000, "Mid-level: $80-110/hr"},
    {"rate.us.senior.node", 120, 160, "usd/hour", k_000, "Senior: $120-160/hr"},
    {"rate.us.junior.python", 55, 75, "usd/hour", k_000, "Junior: $55-75/hr"},
    {"rate.us.mid.python", 85, 115, "usd/hour", k_000, "Mid-level: $85-115/hr"},
    {"rate.us.senior.python", 125, 170, "usd/hour", k_000, "Senior: $125-170/hr (ML premium)"},
    {"rate.north-america.junior.node", 40, 70, "usd/hour", k_003, "Junior $40-$70/hr"},
    {"rate.north-america.senior.node", 120, 200, "usd/hour", k_003, "Senior $120-$200/hr"},
    {"rate.western-europe.mid.node", 50, 80, "usd/hour", k_003, "Mid ... $50-$80/hr"},
    {"rate.eastern-europe.senior.node", 35, 60, "usd/hour", k_003, "Senior ... $35-$60/hr"},
    {"rate.eastern-europe.junior.python", 15, 25, "usd/hour", k_003, "Similar to Node.js (derived)"},
    {"rate.premium.ml.python", 20, 40, "percent", k_003, "ML expertise command 20-40% premiums"},
    {"salary.us.average.node", 115000, 115000, "usd/year", k_000, "Node.js average salary: $115k"},
    {"salary.us.average.python", 118000, 118000, "usd/year", k_000, "Python average salary: $118k"},
    {"salary.india.senior.node", 15, 35, "inr-lpa", k_001, "Senior Node.js developers in India: 15-35 LPA"},
    {"salary.india.senior.python", 12, 30, "inr-lpa", k_001, "Senior Python developers in India: 12-30 LPA"},
    // Hosting
    {"hosting.medium-traffic.node", 50, 200, "usd/month", k_000, "Lower: $50-200/month (medium traffic)"},
    {"hosting.medium-traffic.python", 70, 250, "usd/month", k_000, "Higher: $70-250/month (medium traffic)"},
    {"hosting.node-cheaper", 15, 25, "percent", k_000, "15-25% cheaper hosting costs at scale"},
    {"hosting.node-cheaper-at-scale", 20, 30, "percent", k_000, "(100k+ requests/day), Node.js hosting costs 20-30% less"},
    {"hosting.python-higher", 20, 30, "percent", k_000, "20-30% higher hosting costs for same traffic"},
    {"hosting.scale-threshold", 100000, 100000, "requests/day", k_000, "At scale (100k+ requests/day)"},
    {"hosting.negligible-below", 10000, 10000, "requests/day", k_000, "small projects (<10k requests/day)"},
    // Worked example (000)
    {"example.rest-api.duration", 3, 3, "months", k_000, "Building a REST API (3 Months)"},
    {"example.rest-api.developers", 2, 2, "count", k_000, "Node.js (2 developers)"},
    {"example.rest-api.rate", 100, 100, "usd/hour", k_000, "@ $100/hr avg"},
    {"example.rest-api.hours.node", 720, 720, "hours", k_000, "$72k (720 hrs @ $100/hr avg)"},
    {"example.rest-api.hours.python", 680, 680, "hours", k_000, "$68k (680 hrs @ $100/hr avg)"},
    {"example.rest-api.hosting-monthly.node", 150, 150, "usd/month", k_000, "3 months @ $150/month"},
    {"example.rest-api.hosting-monthly.python", 200, 200, "usd/month", k_000, "3 months @ $200/month"},
    {"example.rest-api.hosting.node", 450, 450, "usd", k_000, "Hosting: $450"},
    {"example.rest-api.hosting.python", 600, 600, "usd", k_000, "Hosting: $600"},
    {"example.rest-api.total.node", 72450, 72450, "usd", k_000, "Total: $72,450"},
    {"example.rest-api.total.python", 68600, 68600, "usd", k_000, "Total: $68,600"},
    {"example.rest-api.break-even", 6, 6, "months", k_000, "Break-even point: ~6 months of operation"},
    {"saving.saas-mvp", 5000, 15000, "usd", k_003, "saves $5,000-$15,000"},
    // Timelines (003) and effort (000)
    {"timeline.saas-dashboard.node", 6, 8, "weeks", k_003, "SaaS dashboard 6-8 weeks 8-10 weeks"},
    {"timeline.saas-dashboard.python", 8, 10, "weeks", k_003, "SaaS dashboard 6-8 weeks 8-10 weeks"},
    {"timeline.marketplace.node", 8, 10, "weeks", k_003, "Marketplace 8-10 weeks 10-12 weeks"},
    {"timeline.marketplace.python", 10, 12, "weeks", k_003, "Marketplace 8-10 weeks 10-12 weeks"},
    {"timeline.data-analytics.node", 8, 12, "weeks", k_003, "Data analytics tool 8-12 weeks 6-8 weeks"},
    {"timeline.data-analytics.python", 6, 8, "weeks", k_003, "Data analytics tool 8-12 weeks 6-8 weeks"},
    {"timeline.api-only.node", 4, 6, "weeks", k_003, "API-only service 4-6 weeks 4-6 weeks"},
    {"timeline.api-only.python", 4, 6, "weeks", k_003, "API-only service 4-6 weeks 4-6 weeks"},
    {"timeline.ml-product.node", 10, 14, "weeks", k_003, "ML-powered product 10-14 weeks 8-10 weeks"},
    {"timeline.ml-product.python", 8, 10, "weeks", k_003, "ML-powered product 10-14 weeks 8-10 weeks"},
    {"effort.api-endpoint.node", 2, 3, "hours", k_000, "API endpoint: 2-3 hours (Express/NestJS)"},
    {"effort.api-endpoint.python", 1.5, 2.5, "hours", k_000, "API endpoint: 1.5-2.5 hours (Django/FastAPI)"},
    {"effort.authentication.node", 8, 12, "hours", k_000, "Authentication: 8-12 hours (Passport.js)"},
    {"effort.authentication.python", 6, 10, "hours", k_000, "Authentication: 6-10 hours (Django built-in)"},
    {"effort.admin-saving.python", 20, 40, "hours", k_000, "Django admin saves 20-40 hours"},
    {"productivity.django-mvp.python", 20, 30, "percent", k_000, "Django can build MVPs 20-30% faster"},
    // Ecosystem and people
    {"packages.elitecoders-2025.node", 2100000, 2100000, "packages", k_000, "2.1M npm packages"},
    {"packages.elitecoders-2025.python", 450000, 450000, "packages", k_000, "450k PyPI packages"},
    {"packages.guide-2026.node", 2100000, 2100000, "packages", k_001, "npm has 2.1 million packages"},
    {"packages.guide-2026.python", 500000, 500000, "packages", k_001, "PyPI has 500,000+ packages"},
    {"packages.comparison-guide.node", 1500000, 1500000, "packages", k_002, "over 1.5 million packages"},
    {"packages.soatech-2026.node", 2000000, 2000000, "packages", k_003, "npm hosts over 2 million packages"},
    {"packages.webzworld-2025.node", 2000000, 2000000, "packages", k_004, "npm houses over 2 million packages"},
    {"typing.adoption.node", 78, 78, "percent", k_000, "78% New Node.js projects use TypeScript"},
    {"typing.adoption.python", 45, 45, "percent", k_000, "Type hints (45% adoption in 2025)"},
    {"usage.professional.node", 65, 65, "percent", k_003, "65% of developers use JavaScript professionally"},
    {"usage.professional.python", 50, 50, "percent", k_003, "50% of developers use Python professionally"},
    {"market.new-backend-projects", 60, 60, "percent", k_001, "over 60% of new backend projects"},
    {"jobs.us-share.node", 42, 42, "percent", k_000, "42% backend jobs"},
    {"jobs.us-share.python", 38, 38, "percent", k_000, "38% backend jobs"},
    {"jobs.us-count.node", 320000, 320000, "jobs", k_000, "Node.js 42% of backend positions (320k jobs)"},
    {"jobs.us-count.python", 290000, 290000, "jobs", k_000, "Python 38% (290k jobs)"},
    {"learning.time-to-productivity.node", 3, 4, "months", k_000, "3-4 months for Node.js"},
    {"learning.time-to-productivity.python", 2, 3, "months", k_000, "2-3 months for Python"},
    {"downloads.express.node", 16000000, 16000000, "downloads/week", k_000, "Express (16M weekly downloads)"},
    // Case studies (000)
    {"case.collaboration-saas.concurrent-users.node", 50000, 50000, "users", k_000, "50,000 concurrent users"},
    {"case.collaboration-saas.instances.node", 20, 20, "instances", k_000, "Deployed 20 Node.js instances"},
    {"case.collaboration-saas.users-per-instance.node", 2500, 2500, "users", k_000, "(2,500 users per instance)"},
    {"case.collaboration-saas.message-latency.node", 65, 65, "ms", k_000, "65ms Average message latency"},
    {"case.collaboration-saas.uptime.node", 99.97, 99.97, "percent", k_000, "99.97% Uptime achieved"},
    {"case.ecommerce-recommendations.conversion-increase.python", 38, 38, "percent", k_000, "38% Increase in conversion rate"},
    {"case.ecommerce-recommendations.revenue.python", 4200000, 4200000, "usd/year", k_000, "$4.2M Additional annual revenue"},
    {"case.ecommerce-recommendations.response-time.python", 120, 120, "ms", k_000, "120ms Recommendation response time"},
    {"case.fintech-hybrid.service-share.node", 60, 60, "percent", k_000, "(60% of services)"},
    {"case.fintech-hybrid.service-share.python", 40, 40, "percent", k_000, "(40% of services)"},
    {"case.fintech-hybrid.transactions.node", 8000, 8000, "transactions/s", k_000, "8,000 Transactions per second"},
    {"case.fintech-hybrid.fraud-accuracy.python", 94, 94, "percent", k_000, "94% Fraud detection accuracy"},
};
// clang-format on

/// The source id whose seed file is `seed`.
std::string source_for_seed(const Facts& facts, const std::string& seed) {
    for (const auto& source : facts.sources)
        if (source.file == seed) return source.id;
    return "(no source for " + seed + ")";
}

}  // namespace

TEST_CASE("headline figures match the articles they were read from", "[fidelity][shipped]") {
    Diagnostics diagnostics;
    const Facts facts = stackpick::testing::shipped_facts(diagnostics);
    REQUIRE(diagnostics.empty());
    STATIC_REQUIRE(sizeof k_table / sizeof k_table[0] >= 40);
    for (const auto& row : k_table) {
        INFO(row.id << " (" << row.seed << ": \"" << row.quote << "\")");
        const auto* figure = facts.find_figure(row.id);
        REQUIRE(figure);
        CHECK(figure->value.min == Approx(row.min));
        CHECK(figure->value.max == Approx(row.max));
        CHECK(figure->value.unit == row.unit);
        // The figure cites the article the row was read from.
        const std::string source = source_for_seed(facts, row.seed);
        CHECK(std::find(figure->sources.begin(), figure->sources.end(), source) !=
              figure->sources.end());
    }
}

TEST_CASE("qualified claims keep their qualifier", "[fidelity][shipped]") {
    Diagnostics diagnostics;
    const Facts facts = stackpick::testing::shipped_facts(diagnostics);
    const std::pair<const char*, Qualifier> expected[] = {
        {"throughput.simple-endpoint.node", Qualifier::approx},  // 001: "~35,000"
        {"concurrency.connections.node", Qualifier::at_least},   // 000: "10k+", 001: "10,000+"
        {"packages.guide-2026.python", Qualifier::at_least},     // 001: "500,000+"
        {"hosting.negligible-below", Qualifier::below},          // 000: "<10k requests/day"
        {"example.rest-api.break-even", Qualifier::approx},      // 000: "~6 months"
        {"market.new-backend-projects", Qualifier::at_least},    // 001: "over 60%"
        {"rate.us.mid.node", Qualifier::exact},
    };
    for (const auto& [id, qualifier] : expected) {
        INFO(id);
        REQUIRE(facts.find_figure(id));
        CHECK(facts.find_figure(id)->qualifier == qualifier);
    }
}

TEST_CASE("regional Python rates are marked as derived from 'similar to Node.js'",
          "[fidelity][shipped]") {
    Diagnostics diagnostics;
    const Facts facts = stackpick::testing::shipped_facts(diagnostics);
    for (const char* region : {"north-america", "western-europe", "eastern-europe"}) {
        for (const char* level : {"junior", "mid", "senior"}) {
            const std::string stem = std::string("rate.") + region + "." + level;
            INFO(stem);
            const auto* node = facts.find_figure(stem + ".node");
            const auto* python = facts.find_figure(stem + ".python");
            REQUIRE(node);
            REQUIRE(python);
            CHECK_FALSE(node->derived);
            CHECK(python->derived);
            CHECK_FALSE(python->note.empty());
            CHECK(python->value.min == node->value.min);
            CHECK(python->value.max == node->value.max);
        }
    }
    // The first article's US rates are stack-specific, stated for each stack.
    CHECK_FALSE(facts.find_figure("rate.us.mid.python")->derived);
}

TEST_CASE("the worked example's stated break-even is marked as contradicted by its own figures",
          "[fidelity][shipped]") {
    Diagnostics diagnostics;
    const Facts facts = stackpick::testing::shipped_facts(diagnostics);
    const auto value = [&](const char* id) { return facts.find_figure(id)->value.min; };
    // 000: "$72k (720 hrs @ $100/hr avg)" and "$68k (680 hrs @ $100/hr avg)".
    CHECK(value("example.rest-api.hours.node") * value("example.rest-api.rate") ==
          value("example.rest-api.development.node"));
    CHECK(value("example.rest-api.hours.python") * value("example.rest-api.rate") ==
          value("example.rest-api.development.python"));
    CHECK(value("example.rest-api.development.node") + value("example.rest-api.hosting.node") ==
          value("example.rest-api.total.node"));
    CHECK(value("example.rest-api.development.python") + value("example.rest-api.hosting.python") ==
          value("example.rest-api.total.python"));
    // Node.js costs 4,000 more to build and 50 a month less to host: 80 months, not ~6.
    const double extra =
        value("example.rest-api.development.node") - value("example.rest-api.development.python");
    const double saving = value("example.rest-api.hosting-monthly.python") -
                          value("example.rest-api.hosting-monthly.node");
    CHECK(extra / saving == 80);
    const auto* claim = facts.find_figure("example.rest-api.break-even");
    REQUIRE(claim->contradicted);
    CHECK(facts.find_figure(claim->contradicted->by));
    CHECK(claim->contradicted->note.find("80 months") != std::string::npos);
}

TEST_CASE("disagreeing sources are all kept", "[fidelity][shipped]") {
    Diagnostics diagnostics;
    const Facts facts = stackpick::testing::shipped_facts(diagnostics);
    // npm: 1.5M (002), 2M (003, 004), 2.1M (000, 001); PyPI: 450k (000), 500k+ (001).
    std::vector<double> npm;
    for (const auto& figure : facts.figures)
        if (figure.id.rfind("packages.", 0) == 0 && figure.stack == "node")
            npm.push_back(figure.value.min);
    std::sort(npm.begin(), npm.end());
    CHECK(npm == std::vector<double>{1500000, 2000000, 2000000, 2100000, 2100000});
    // The speed advantage: 20-30% (001), 40-60% and 3-5x and 52% (000).
    CHECK(facts.find_figure("advantage.io-bound"));
    CHECK(facts.find_figure("advantage.api-response"));
    CHECK(facts.find_figure("advantage.io-concurrency"));
    CHECK(facts.find_figure("benchmark.throughput-advantage"));
}
