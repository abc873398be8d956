// The facts loader: typed values from data/*.json, and an exact, located message for every
// problem, all of them in one run.

#include <cmath>

#include <catch2/catch.hpp>

#include "stackpick/knowledge/facts.hpp"
#include "support/shipped_facts.hpp"

using nlohmann::json;
using stackpick::DataDocuments;
using stackpick::Diagnostics;
using stackpick::Facts;
using stackpick::parse_facts;

namespace {

const std::vector<std::string> k_stacks = {"node", "python", "hybrid"};

/// The smallest valid set of facts files: two sources, one figure per stack, and so on.
DataDocuments minimal_documents() {
    DataDocuments documents;
    auto add = [&](const std::string& name, json document) {
        documents[name] = {"data/" + name, std::move(document)};
    };
    add("sources.json", R"({"$schema": "schema/sources.schema.json", "sources": [
        {"id": "elitecoders-2025", "title": "A", "file": "000.txt", "publisher": "EliteCoders",
         "year": 2025, "covers": ["benchmarks"], "interest": "sells developers"},
        {"id": "guide-2026", "title": "B", "file": "001.txt", "publisher": null, "year": null,
         "covers": ["rates"], "interest": null}]})"_json);
    add("costs.json", R"({"topic": {"id": "cost", "title": "Cost", "description": "Rates"},
        "groups": [{"id": "rate.us", "title": "US rates"}, {"id": "example", "title": "Example"}],
        "figures": [
          {"id": "rate.us.mid.node", "metric": "Mid", "stack": "node", "value": {"min": 80, "max": 110},
           "unit": "usd/hour", "sources": ["elitecoders-2025"]},
          {"id": "rate.us.mid.python", "metric": "Mid", "stack": "python", "value": {"min": 85, "max": 115},
           "unit": "usd/hour", "sources": ["elitecoders-2025", "guide-2026"], "derived": true,
           "note": "why"},
          {"id": "example.total.node", "metric": "Total", "stack": "node", "value": 72450, "unit": "usd",
           "sources": ["elitecoders-2025"]},
          {"id": "example.break-even", "metric": "Break-even", "value": 6, "unit": "months",
           "qualifier": "approx", "conditions": "of operation", "sources": ["elitecoders-2025"],
           "contradicted": {"by": "example.total.node", "note": "80 months"}}]})"_json);
    add("performance.json", R"({"topic": {"id": "performance", "title": "P", "description": "D"},
        "groups": [{"id": "benchmark", "title": "Benchmark", "description": "set-up"}],
        "figures": [{"id": "benchmark.rps.node", "metric": "RPS", "stack": "node", "value": 12450,
                     "unit": "requests/s", "sources": ["elitecoders-2025"]}],
        "notes": [{"id": "note.gil", "stack": "python", "text": "GIL", "sources": ["guide-2026"],
                   "quotes": [{"source": "guide-2026", "text": "Global Interpreter Lock"}]}]})"_json);
    add("timelines.json", R"({"topic": {"id": "timelines", "title": "T", "description": "D"},
        "groups": [{"id": "timeline", "title": "Weeks"}],
        "figures": [{"id": "timeline.api-only.python", "metric": "API", "stack": "python",
                     "value": {"min": 4, "max": 6}, "unit": "weeks", "sources": ["guide-2026"]}]})"_json);
    add("ecosystem.json", R"({"topic": {"id": "ecosystem", "title": "E", "description": "D"},
        "groups": [{"id": "packages", "title": "Packages"}], "figures": [],
        "frameworks": [{"id": "express", "name": "Express", "stack": "node", "role": "minimal",
                        "sources": ["elitecoders-2025"],
                        "quotes": [{"source": "elitecoders-2025", "text": "Minimalist, flexible"}]}],
        "libraries": [{"id": "socket-io", "name": "Socket.io", "stack": "node", "category": "realtime",
                       "purpose": "WebSockets", "sources": ["elitecoders-2025"],
                       "quotes": [{"source": "elitecoders-2025", "text": "native WebSockets"}]}]})"_json);
    add("use_cases.json", R"({"criteria": [
          {"id": "realtime", "stack": "node", "text": "Real-time", "sources": ["elitecoders-2025"],
           "quotes": [{"source": "elitecoders-2025", "text": "Real-time applications"}],
           "figures": ["benchmark.rps.node"]}],
        "case_studies": [{"id": "collab", "title": "Collab", "stack": "node", "company": "Series B",
          "technologies": ["Node.js"], "summary": "S", "sources": ["elitecoders-2025"],
          "quotes": [{"source": "elitecoders-2025", "text": "Concurrent users supported"}],
          "figures": [{"id": "case.collab.instances.node", "metric": "Instances", "stack": "node",
                       "value": 20, "unit": "instances", "sources": ["elitecoders-2025"]}]}]})"_json);
    return documents;
}

std::vector<std::string> problems(const DataDocuments& documents,
                                  const std::vector<std::string>& stacks = k_stacks) {
    Diagnostics diagnostics;
    parse_facts(documents, stacks, diagnostics);
    std::vector<std::string> lines;
    for (const auto& item : diagnostics.items()) lines.push_back(stackpick::to_string(item));
    return lines;
}

/// The problems after one change to one file.
std::vector<std::string> problems_after(const std::string& file, const std::string& pointer,
                                        json value) {
    auto documents = minimal_documents();
    documents.at(file).json[json::json_pointer(pointer)] = std::move(value);
    return problems(documents);
}

std::vector<std::string> problems_after_erase(const std::string& file, const std::string& pointer,
                                              const std::string& key) {
    auto documents = minimal_documents();
    documents.at(file).json[json::json_pointer(pointer)].erase(key);
    return problems(documents);
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("a minimal knowledge base parses into typed facts", "[facts]") {
    Diagnostics diagnostics;
    const Facts facts = parse_facts(minimal_documents(), k_stacks, diagnostics);
    REQUIRE(diagnostics.empty());
    CHECK(facts.sources.size() == 2);
    CHECK(facts.source_marker("guide-2026") == 2);
    CHECK(facts.source_marker("nope") == 0);
    CHECK_FALSE(facts.sources[1].publisher.has_value());
    CHECK_FALSE(facts.sources[1].year.has_value());
    CHECK(facts.sources[0].year == 2025);

    const auto* rate = facts.find_figure("rate.us.mid.python");
    REQUIRE(rate);
    CHECK(rate->value.min == 85);
    CHECK(rate->value.max == 115);
    CHECK(rate->value.unit == "usd/hour");
    CHECK(rate->stack == "python");
    CHECK(rate->derived);
    CHECK(rate->group == "rate.us");
    CHECK(rate->topic == "cost");
    CHECK(rate->sources == std::vector<std::string>{"elitecoders-2025", "guide-2026"});

    const auto* total = facts.find_figure("example.total.node");
    REQUIRE(total);
    CHECK_FALSE(total->value.is_range());
    const auto* break_even = facts.find_figure("example.break-even");
    REQUIRE(break_even);
    CHECK_FALSE(break_even->stack.has_value());
    CHECK(break_even->qualifier == stackpick::Qualifier::approx);
    REQUIRE(break_even->contradicted);
    CHECK(break_even->contradicted->by == "example.total.node");

    const auto* instances = facts.find_figure("case.collab.instances.node");
    REQUIRE(instances);
    CHECK(instances->group == "collab");
    CHECK(instances->topic == "case-studies");
    REQUIRE(facts.find_criterion("realtime"));
    CHECK(facts.find_criterion("realtime")->figures ==
          std::vector<std::string>{"benchmark.rps.node"});
    CHECK(facts.find_case_study("collab")->company == "Series B");
    CHECK(facts.frameworks.at(0).name == "Express");
    CHECK(facts.libraries.at(0).category == "realtime");
    CHECK(facts.notes.at(0).topic == "performance");
    CHECK(facts.topics.size() == 4);
    CHECK(facts.topics.at(0).id == "performance");  // figures files in k_fact_files order
    CHECK(facts.stack_name("node") == "node");      // until the loader names the stacks
}

TEST_CASE("a value of the wrong type is located and described", "[facts]") {
    CHECK(
        problems_after("costs.json", "/figures/2/value", "72450") ==
        Lines{"data/costs.json: /figures/2/value: expected a number or {min, max}, got a string"});
    CHECK(problems_after("costs.json", "/figures/2/value", nullptr) ==
          Lines{"data/costs.json: /figures/2/value: expected a number or {min, max}, got null"});
    CHECK(problems_after("costs.json", "/figures/0/value/min", "80") ==
          Lines{"data/costs.json: /figures/0/value/min: expected a number, got \"80\""});
    CHECK(problems_after("costs.json", "/figures/0/metric", 5) ==
          Lines{"data/costs.json: /figures/0/metric: expected a string, got an integer"});
    CHECK(problems_after("costs.json", "/figures/1/derived", "yes") ==
          Lines{"data/costs.json: /figures/1/derived: expected true or false, got \"yes\""});
    CHECK(problems_after("costs.json", "/figures", json::object()) ==
          Lines{"data/costs.json: /figures: expected an array, got an object"});
    CHECK(problems_after("sources.json", "/sources/0/year", 2025.5) ==
          Lines{"data/sources.json: /sources/0/year: expected a whole number in 1900..2100, got "
                "2025.5"});
    CHECK(problems_after("sources.json", "/sources/0/year", 1800) ==
          Lines{"data/sources.json: /sources/0/year: 1800 is out of range 1900..2100"});
}

TEST_CASE("a document that is not an object is reported once", "[facts]") {
    auto documents = minimal_documents();
    documents.at("timelines.json").json = json::array();
    CHECK(problems(documents) == Lines{"data/timelines.json: /: expected an object, got an array"});
}

TEST_CASE("a range whose min exceeds its max is an error", "[facts]") {
    CHECK(problems_after("costs.json", "/figures/0/value", {{"min", 30}, {"max", 20}}) ==
          Lines{"data/costs.json: /figures/0/value: min 30 is greater than max 20"});
    CHECK(problems_after("costs.json", "/figures/0/value", {{"min", 1.5}, {"max", 1}}) ==
          Lines{"data/costs.json: /figures/0/value: min 1.5 is greater than max 1"});
}

TEST_CASE("a non-finite number is out of range", "[facts]") {
    CHECK(problems_after("costs.json", "/figures/2/value", std::nan("")) ==
          Lines{"data/costs.json: /figures/2/value: number out of range"});
    CHECK(problems_after("costs.json", "/figures/0/value/max", HUGE_VAL) ==
          Lines{"data/costs.json: /figures/0/value/max: number out of range"});
}

TEST_CASE("units, stacks, qualifiers and categories come from closed lists", "[facts]") {
    CHECK(
        problems_after("costs.json", "/figures/0/unit", "usd/hr") ==
        Lines{
            "data/costs.json: /figures/0/unit: unknown unit 'usd/hr' (did you mean 'usd/hour'?)"});
    CHECK(
        problems_after("costs.json", "/figures/0/stack", "nodejs") ==
        Lines{"data/costs.json: /figures/0/stack: unknown stack 'nodejs' (did you mean 'node'?)"});
    CHECK(problems_after("use_cases.json", "/criteria/0/stack", "ruby") ==
          Lines{"data/use_cases.json: /criteria/0/stack: unknown stack 'ruby' (expected one of: "
                "node, python, hybrid)"});
    CHECK(problems_after("costs.json", "/figures/3/qualifier", "aprox") ==
          Lines{"data/costs.json: /figures/3/qualifier: unknown qualifier 'aprox' (did you mean "
                "'approx'?)"});
    CHECK(problems_after("ecosystem.json", "/libraries/0/category", "real-time") ==
          Lines{"data/ecosystem.json: /libraries/0/category: unknown category 'real-time' (did "
                "you mean 'realtime'?)"});
}

TEST_CASE("a stack can be added by the knowledge base", "[facts]") {
    auto documents = minimal_documents();
    documents.at("use_cases.json").json["/criteria/0/stack"_json_pointer] = "go";
    CHECK(problems(documents, {"node", "python", "hybrid", "go"}).empty());
}

TEST_CASE("every cited source must exist", "[facts]") {
    CHECK(problems_after("costs.json", "/figures/0/sources/0", "elitecoder-2025") ==
          Lines{"data/costs.json: /figures/0/sources/0: unknown source 'elitecoder-2025' (did you "
                "mean 'elitecoders-2025'?)"});
    CHECK(problems_after("use_cases.json", "/case_studies/0/figures/0/sources",
                         {"guide-2026", "x"}) ==
          Lines{"data/use_cases.json: /case_studies/0/figures/0/sources/1: unknown source 'x' "
                "(expected one of: elitecoders-2025, guide-2026)"});
    CHECK(problems_after("costs.json", "/figures/0/sources", json::array()) ==
          Lines{"data/costs.json: /figures/0/sources: expected at least one source id"});
    CHECK(problems_after("costs.json", "/figures/0/sources", {"guide-2026", "guide-2026"}) ==
          Lines{"data/costs.json: /figures/0/sources/1: source 'guide-2026' is cited twice"});
}

TEST_CASE("sources are not checked when sources.json could not be read", "[facts]") {
    auto documents = minimal_documents();
    documents.erase("sources.json");
    CHECK(problems(documents).empty());
}

TEST_CASE("a duplicate id names both places", "[facts]") {
    CHECK(problems_after("costs.json", "/figures/1/id", "rate.us.mid.node") ==
          Lines{"data/costs.json: /figures/1/id: duplicate id 'rate.us.mid.node' (first at "
                "/figures/0)"});
    // Across files, the first place names its file.
    CHECK(problems_after("timelines.json", "/figures/0/id", "rate.us.mid.python") ==
          Lines{"data/timelines.json: /figures/0/id: duplicate id 'rate.us.mid.python' (first at "
                "data/costs.json: /figures/1)"});
    auto documents = minimal_documents();
    documents.at("performance.json").json["/groups/1"_json_pointer] = {{"id", "rate.us"},
                                                                       {"title", "x"}};
    CHECK(problems(documents) ==
          Lines{"data/costs.json: /groups/0/id: duplicate id 'rate.us' (first at "
                "data/performance.json: /groups/1)"});
    documents = minimal_documents();
    auto& sources = documents.at("sources.json").json["sources"];
    sources.push_back(sources[0]);
    CHECK(problems(documents) == Lines{"data/sources.json: /sources/2/id: duplicate id "
                                       "'elitecoders-2025' (first at /sources/0)"});
    CHECK(problems_after("use_cases.json", "/case_studies/0/figures/0/id",
                         "case.collab.instances.node")
              .empty());
    CHECK(problems_after("timelines.json", "/topic/id", "cost") ==
          Lines{"data/timelines.json: /topic/id: duplicate id 'cost' (first at data/costs.json: "
                "/topic)"});
}

TEST_CASE("missing and unknown keys are errors, with a suggestion", "[facts]") {
    CHECK(problems_after_erase("costs.json", "/figures/0", "metric") ==
          Lines{"data/costs.json: /figures/0: missing required key \"metric\""});
    CHECK(problems_after_erase("sources.json", "/sources/1", "publisher") ==
          Lines{"data/sources.json: /sources/1: missing required key \"publisher\""});
    CHECK(problems_after_erase("ecosystem.json", "", "frameworks") ==
          Lines{"data/ecosystem.json: /: missing required key \"frameworks\""});
    CHECK(
        problems_after("costs.json", "/figures/0/metirc", "x") ==
        Lines{
            "data/costs.json: /figures/0/metirc: unknown key \"metirc\" (did you mean 'metric'?)"});
    CHECK(
        problems_after("costs.json", "/figures/0/value/mid", 3) ==
        Lines{"data/costs.json: /figures/0/value/mid: unknown key \"mid\" (did you mean 'min'?)"});
    CHECK(problems_after("costs.json", "/frameworks", json::array()) ==
          Lines{"data/costs.json: /frameworks: unknown key \"frameworks\""});
}

TEST_CASE("ids follow the documented conventions", "[facts]") {
    CHECK(problems_after("costs.json", "/figures/0/id", "Rate.US") ==
          Lines{"data/costs.json: /figures/0/id: id 'Rate.US' must be lowercase letters and digits "
                "in words joined by '.' or '-'"});
    CHECK(problems_after("costs.json", "/figures/0/id", "rate.usa.mid.node") ==
          Lines{"data/costs.json: /figures/0/id: id 'rate.usa.mid.node' does not start with a "
                "group of this file (did you mean 'rate.us'?)"});
    CHECK(
        problems_after("costs.json", "/figures/0/id", "rate.us.mid") ==
        Lines{"data/costs.json: /figures/0/id: id 'rate.us.mid' must end with '.node', its stack"});
    CHECK(problems_after("costs.json", "/figures/3/id", "example.break-even.node") ==
          Lines{"data/costs.json: /figures/3/id: id 'example.break-even.node' ends with a stack "
                "but has no \"stack\""});
    CHECK(problems_after("use_cases.json", "/case_studies/0/figures/0/id",
                         "case.other.instances.node") ==
          Lines{"data/use_cases.json: /case_studies/0/figures/0/id: id 'case.other.instances.node' "
                "must start with 'case.collab.'"});
    CHECK(
        problems_after("performance.json", "/topic/id", "sources") ==
        Lines{
            "data/performance.json: /topic/id: topic 'sources' is reserved for a built-in topic"});
}

TEST_CASE("references to figures must resolve", "[facts]") {
    CHECK(problems_after("costs.json", "/figures/3/contradicted/by", "example.totl.node") ==
          Lines{"data/costs.json: /figures/3/contradicted/by: unknown figure 'example.totl.node' "
                "(did you mean 'example.total.node'?)"});
    CHECK(problems_after("use_cases.json", "/criteria/0/figures/0", "benchmark.rps") ==
          Lines{"data/use_cases.json: /criteria/0/figures/0: unknown figure 'benchmark.rps' (did "
                "you mean 'benchmark.rps.node'?)"});
    // Without every figures file, an unknown figure may just be in the missing one.
    auto documents = minimal_documents();
    documents.erase("performance.json");
    CHECK(problems(documents).empty());
}

TEST_CASE("text with control characters is refused", "[facts]") {
    CHECK(problems_after("costs.json", "/figures/0/metric", "Mid\x1b[31m") ==
          Lines{"data/costs.json: /figures/0/metric: contains the control character U+001B"});
    CHECK(problems_after("sources.json", "/sources/0/covers/0", "a\u0085b") ==
          Lines{"data/sources.json: /sources/0/covers/0: contains the control character U+0085"});
}

TEST_CASE("empty lists that must have entries are errors", "[facts]") {
    CHECK(problems_after("sources.json", "/sources", json::array()) ==
          Lines{"data/sources.json: /sources: expected at least one source"});
    CHECK(problems_after("costs.json", "/groups", json::array()) ==
          Lines{"data/costs.json: /groups: expected at least one group",
                "data/costs.json: /figures/0/id: id 'rate.us.mid.node' does not start with a group "
                "of this file",
                "data/costs.json: /figures/1/id: id 'rate.us.mid.python' does not start with a "
                "group of this file",
                "data/costs.json: /figures/2/id: id 'example.total.node' does not start with a "
                "group of this file",
                "data/costs.json: /figures/3/id: id 'example.break-even' does not start with a "
                "group of this file"});
}

TEST_CASE("every problem of every file is reported in one run", "[facts]") {
    auto documents = minimal_documents();
    auto& costs = documents.at("costs.json").json;
    costs["/figures/0/value"_json_pointer] = "80";
    costs["/figures/1/unit"_json_pointer] = "usd/hr";
    costs["/figures/2/sources/0"_json_pointer] = "nobody";
    documents.at("performance.json").json["/figures/0/value"_json_pointer] = {{"min", 3},
                                                                              {"max", 1}};
    documents.at("use_cases.json").json["/criteria/0/stack"_json_pointer] = "nod";
    documents.at("sources.json").json["/sources/0/extra"_json_pointer] = true;
    CHECK(
        problems(documents) ==
        Lines{"data/sources.json: /sources/0/extra: unknown key \"extra\"",
              "data/performance.json: /figures/0/value: min 3 is greater than max 1",
              "data/costs.json: /figures/0/value: expected a number or {min, max}, got a string",
              "data/costs.json: /figures/1/unit: unknown unit 'usd/hr' (did you mean 'usd/hour'?)",
              "data/use_cases.json: /criteria/0/stack: unknown stack 'nod' (did you mean 'node'?)",
              "data/costs.json: /figures/2/sources/0: unknown source 'nobody' (expected one of: "
              "elitecoders-2025, guide-2026)"});
}

TEST_CASE("the shipped knowledge base loads without a problem", "[facts][shipped]") {
    Diagnostics diagnostics;
    const Facts facts = stackpick::testing::shipped_facts(diagnostics);
    std::vector<std::string> lines;
    for (const auto& item : diagnostics.items()) lines.push_back(stackpick::to_string(item));
    CHECK(lines == Lines{});
    CHECK(facts.sources.size() == 5);
    CHECK(facts.figures.size() >= 120);
    CHECK(facts.topics.size() == 4);
}

TEST_CASE("the shipped sources have the ids and order the rules cite", "[facts][shipped]") {
    Diagnostics diagnostics;
    const Facts facts = stackpick::testing::shipped_facts(diagnostics);
    std::vector<std::string> ids;
    for (const auto& source : facts.sources) ids.push_back(source.id);
    CHECK(ids == Lines{"elitecoders-2025", "guide-2026", "comparison-guide", "soatech-2026",
                       "webzworld-2025"});
    CHECK(facts.sources[0].file == "000_14f5732b0cf97272.txt");
    CHECK(facts.sources[4].file == "004_4b82d59a59634863.txt");
}

TEST_CASE("the shipped criteria include every id the rules cite", "[facts][shipped]") {
    Diagnostics diagnostics;
    const Facts facts = stackpick::testing::shipped_facts(diagnostics);
    const std::vector<std::pair<std::string, std::string>> required = {
        {"realtime", "node"},
        {"high-concurrency", "node"},
        {"microservices", "node"},
        {"fullstack-javascript", "node"},
        {"io-heavy", "node"},
        {"api-gateway", "node"},
        {"serverless", "node"},
        {"hosting-cost", "node"},
        {"seo-ssr", "node"},
        {"small-team", "node"},
        {"budget", "node"},
        {"type-safety", "node"},
        {"web-application", "node"},
        {"ml-ai", "python"},
        {"data-pipelines", "python"},
        {"scientific-computing", "python"},
        {"rapid-mvp", "python"},
        {"cpu-intensive", "python"},
        {"python-team", "python"},
        {"data-scientists", "python"},
        {"admin-panel", "python"},
        {"scraping-automation", "python"},
        {"content-cms", "python"},
        {"mixed-workloads", "hybrid"},
        {"large-diverse-team", "hybrid"},
        {"hybrid-operational-complexity", "hybrid"}};
    for (const auto& [id, stack] : required) {
        INFO(id);
        const auto* criterion = facts.find_criterion(id);
        REQUIRE(criterion);
        CHECK(criterion->stack == stack);
    }
}
