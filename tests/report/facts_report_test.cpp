// `stackpick facts`: figures side by side on an 80-column terminal, every cell with its source
// markers and a legend of those sources; the same content as JSON.

#include <sstream>

#include <catch2/catch.hpp>

#include "stackpick/report/facts_report.hpp"
#include "stackpick/util/error.hpp"
#include "support/shipped_facts.hpp"

using nlohmann::json;
using stackpick::Diagnostics;
using stackpick::Facts;
using stackpick::format_quantity;
using stackpick::Qualifier;
using stackpick::Quantity;

namespace {

const Facts& shipped() {
    static const Facts facts = [] {
        Diagnostics diagnostics;
        Facts loaded = stackpick::testing::shipped_facts(diagnostics);
        REQUIRE(diagnostics.empty());
        return loaded;
    }();
    return facts;
}

std::string text_of(const std::string& topic) {
    std::ostringstream out;
    stackpick::write_facts_text(out, shipped(), topic);
    return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::size_t columns(const std::string& line) {
    std::size_t count = 0;
    for (char c : line)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    return count;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// The line that starts with `start`, or "" when there is none.
std::string line_starting(const std::string& text, const std::string& start) {
    for (const auto& line : lines_of(text))
        if (line.rfind(start, 0) == 0) return line;
    return "";
}

}  // namespace

TEST_CASE("the topics are the figures files' topics then the built-in ones", "[facts_report]") {
    CHECK(stackpick::fact_topics(shipped()) ==
          std::vector<std::string>{"performance", "cost", "timelines", "ecosystem", "frameworks",
                                   "use-cases", "case-studies", "sources"});
}

TEST_CASE("every topic fits an 80-column terminal", "[facts_report]") {
    auto topics = stackpick::fact_topics(shipped());
    topics.push_back("");
    for (const auto& topic : topics) {
        const std::string text = text_of(topic);
        CHECK_FALSE(text.empty());
        for (const auto& line : lines_of(text)) {
            INFO("topic '" << topic << "': " << line);
            CHECK(columns(line) <= 80);
            CHECK((line.empty() || line.back() != ' '));
        }
    }
}

TEST_CASE("no topic lists the topics with one-line descriptions", "[facts_report]") {
    const std::string text = text_of("");
    CHECK(lines_of(text).front() == "Topics (stackpick facts TOPIC):");
    CHECK(line_starting(text, "  cost ") ==
          "  cost          Hourly rates, salaries, hosting and the worked cost example");
    CHECK(contains(text, "  use-cases "));
}

TEST_CASE("figures of both stacks sit side by side with their markers", "[facts_report]") {
    const std::string text = text_of("performance");
    CHECK(line_starting(text, "                          Node.js") ==
          "                          Node.js                     Python");
    CHECK(line_starting(text, "Requests per second  ") ==
          "Requests per second       12,450 req/s [1]            8,200 req/s [1]");
    CHECK(line_starting(text, "Response time, P99") ==
          "Response time, P99        120 ms [1]                  180 ms [1]");
    CHECK(line_starting(text, "Memory per process") ==
          "Memory per process        200-400 MB [1]              300-600 MB [1]");
    // A claim cited by two sources carries both markers.
    CHECK(contains(text, "10,000+ connections [1,2]"));
    // A figure for one stack leaves the other cell empty.
    CHECK(contains(text, "-                           ~8,000-12,000 req/s [2]"));
}

TEST_CASE("the cost topic shows ranges, derived values and the contradicted claim",
          "[facts_report]") {
    const std::string text = text_of("cost");
    CHECK(line_starting(text, "Hourly rate, junior (US)") ==
          "Hourly rate, junior (US)  $50-70/h [1]                $55-75/h [1]");
    CHECK(line_starting(text, "Total ") ==
          "Total                     $72,450 [1]                 $68,600 [1]");
    CHECK(line_starting(text, "Senior salary (India)") ==
          "Senior salary (India)     INR 15-35 LPA [2]           INR 12-30 LPA [2]");
    CHECK(contains(text, "$70-120/h [4] *"));
    CHECK(contains(text, "* Derived: the source gives this table for Node.js"));
    CHECK(line_starting(text, "Break-even (stated)") ==
          "Break-even (stated)       ~6 months [1] !");
    CHECK(contains(text, "! Break-even (stated) is contradicted by example.rest-api.total.node:"));
}

TEST_CASE("the legend names the sources used, with year and interest", "[facts_report]") {
    const std::string text = text_of("cost");
    CHECK(contains(text, "\nSources\n"));
    CHECK(line_starting(text, "[1] ") ==
          "[1] Node.js vs Python for Backend Development (Backend Technology Comparison,");
    CHECK(contains(text, "EliteCoders, 2025. Interest: sells Node.js"));
    CHECK(contains(text, "[4] Node.js vs Python for Your Backend: A Practical Guide"));
    // Sources the topic does not cite are left out.
    CHECK_FALSE(contains(text, "[3] "));
    CHECK_FALSE(contains(text, "[5] "));
    const std::string all = text_of("sources");
    CHECK(contains(all, "    Publisher: not stated"));
    CHECK(contains(all, "    Interest:  none stated"));
}

TEST_CASE("use cases, frameworks and case studies read as lists", "[facts_report]") {
    const std::string use_cases = text_of("use-cases");
    CHECK(contains(use_cases, "\nChoose Node.js\n"));
    CHECK(contains(use_cases, "\nChoose Python\n"));
    CHECK(contains(use_cases, "\nChoose Node.js + Python\n"));
    CHECK(line_starting(use_cases, "  realtime ").find("Real-time features") != std::string::npos);
    CHECK(contains(use_cases, "  hybrid-operational-complexity\n"));

    const std::string frameworks = text_of("frameworks");
    CHECK(contains(frameworks, "\nNode.js frameworks\n"));
    CHECK(contains(frameworks, "Minimalist, flexible web framework; 16M weekly downloads\n"));
    CHECK(contains(frameworks, "\nPython libraries\n"));
    CHECK(contains(frameworks, "  Socket.io"));

    const std::string cases = text_of("case-studies");
    CHECK(line_starting(cases, "Users per instance") ==
          "Users per instance        2,500 users [1]");
    CHECK(line_starting(cases, "Share of services") ==
          "Share of services         60% [1]                     40% [1]");
}

TEST_CASE("an unknown topic is a usage error naming the valid ones", "[facts_report]") {
    std::ostringstream out;
    CHECK_THROWS_MATCHES(stackpick::write_facts_text(out, shipped(), "costs"),
                         stackpick::UsageError,
                         Catch::Message("unknown topic 'costs' (did you mean 'cost'?); valid "
                                        "topics: performance, cost, timelines, ecosystem, "
                                        "frameworks, use-cases, case-studies, sources"));
    CHECK_THROWS_AS(stackpick::facts_to_json(shipped(), "zzz"), stackpick::UsageError);
    CHECK(out.str().empty());
}

TEST_CASE("the JSON of a figures topic has groups, figures, notes and the sources cited",
          "[facts_report]") {
    const json document = stackpick::facts_to_json(shipped(), "cost");
    CHECK(document["schema_version"] == "1");
    CHECK(document["topic"] == "cost");
    CHECK(document["title"] == "Cost");
    REQUIRE(document["groups"].is_array());
    const json& first = document["groups"][0];
    CHECK(first["id"] == "rate.us");
    const json& figure = first["figures"][0];
    CHECK(figure["id"] == "rate.us.junior.node");
    CHECK(figure["value"] == json{{"min", 50}, {"max", 70}});
    CHECK(figure["unit"] == "usd/hour");
    CHECK(figure["text"] == "$50-70/h");
    CHECK(figure["qualifier"] == "exact");
    CHECK(figure["stack"] == "node");
    CHECK(figure["markers"] == json{1});
    CHECK(figure["contradicted"].is_null());
    std::vector<std::string> ids;
    for (const auto& source : document["sources"]) ids.push_back(source["id"]);
    CHECK(ids == std::vector<std::string>{"elitecoders-2025", "guide-2026", "soatech-2026"});
    CHECK(document["sources"][0]["marker"] == 1);
    CHECK(document["sources"][0]["interest"].is_string());
}

TEST_CASE("the JSON of a contradicted figure says by what and why", "[facts_report]") {
    const json document = stackpick::facts_to_json(shipped(), "cost");
    json claim;
    for (const auto& group : document["groups"])
        for (const auto& figure : group["figures"])
            if (figure["id"] == "example.rest-api.break-even") claim = figure;
    REQUIRE(claim.is_object());
    CHECK(claim["stack"].is_null());
    CHECK(claim["qualifier"] == "approx");
    CHECK(claim["contradicted"]["by"] == "example.rest-api.total.node");
}

TEST_CASE("the JSON topic list and built-in topics have their own keys", "[facts_report]") {
    const json list = stackpick::facts_to_json(shipped(), "");
    CHECK(list["topic"].is_null());
    CHECK(list["topics"].size() == 8);
    CHECK(list["topics"][1] ==
          json{{"id", "cost"}, {"description", stackpick::describe_topic(shipped(), "cost")}});
    CHECK(stackpick::facts_to_json(shipped(), "frameworks")["libraries"].size() ==
          shipped().libraries.size());
    CHECK(stackpick::facts_to_json(shipped(), "use-cases")["criteria"].size() ==
          shipped().criteria.size());
    CHECK(
        stackpick::facts_to_json(shipped(), "case-studies")["case_studies"][0]["figures"].size() ==
        7);
    CHECK(stackpick::facts_to_json(shipped(), "sources")["sources"].size() == 5);
}

TEST_CASE("quantities are written as people write them", "[facts_report]") {
    CHECK(format_quantity({12450, 12450, "requests/s"}) == "12,450 req/s");
    CHECK(format_quantity({80, 110, "usd/hour"}) == "$80-110/h");
    CHECK(format_quantity({1.5, 2.5, "hours"}) == "1.5-2.5 hours");
    CHECK(format_quantity({99.97, 99.97, "percent"}) == "99.97%");
    CHECK(format_quantity({60, 60, "percent"}, Qualifier::at_least) == "60%+");
    CHECK(format_quantity({10000, 10000, "connections"}, Qualifier::at_least) ==
          "10,000+ connections");
    CHECK(format_quantity({35000, 35000, "requests/s"}, Qualifier::approx) == "~35,000 req/s");
    CHECK(format_quantity({10000, 10000, "requests/day"}, Qualifier::below) == "<10,000 req/day");
    CHECK(format_quantity({3, 5, "multiplier"}) == "3-5x");
    CHECK(format_quantity({15, 35, "inr-lpa"}) == "INR 15-35 LPA");
    CHECK(format_quantity({2009, 2009, "calendar-year"}) == "2009");
    CHECK(format_quantity({2100000, 2100000, "packages"}) == "2,100,000 packages");
    CHECK(format_quantity({-5, -3, "percent"}) == "-5 to -3%");
    CHECK(format_quantity({1234567.5, 1234567.5, "usd"}) == "$1,234,567.5");
    CHECK(format_quantity({4, 4, "furlongs"}) == "4 furlongs");
    CHECK(format_quantity({-0.001, -0.001, "count"}) == "0");
    CHECK(format_quantity({-1234, 5678.25, "usd"}) == "$-1,234 to 5,678.25");
}

TEST_CASE("source markers are sorted and unknown ids are shown as they are", "[facts_report]") {
    CHECK(stackpick::source_markers(shipped(), {"webzworld-2025", "elitecoders-2025"}) == "[1,5]");
    CHECK(stackpick::source_markers(shipped(), {"guide-2026", "nobody"}) == "[2,nobody]");
}
