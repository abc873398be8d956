// Running scenarios (src/stackpick/engine/scenario_run.cpp) and how `stackpick test` reports
// them (src/stackpick/report/scenario_report.cpp).
#include <catch2/catch.hpp>

#include "stackpick/engine/scenario_run.hpp"
#include "stackpick/report/scenario_report.hpp"
#include "support/shipped_knowledge_base.hpp"

using stackpick::Scenario;
using stackpick::ScenarioFailure;

namespace {

Scenario data_scientists(std::string expected_top) {
    Scenario scenario;
    scenario.name = "a team with data scientists";
    scenario.file = "mine.json";
    scenario.pointer = "/scenarios/0";
    scenario.answers = {{"data_scientists", true}};
    scenario.expected_top = std::move(expected_top);
    return scenario;
}

}  // namespace

TEST_CASE("a scenario that gets what it expects passes, and its rules count as covered",
          "[scenarios]") {
    const auto& knowledge_base = stackpick::testing::shipped_knowledge_base();
    auto scenario = data_scientists("python");
    scenario.expected_reasons = {"data-scientists-speak-python"};
    // The results point into the scenarios: they must outlive the report.
    const std::vector<Scenario> scenarios{scenario};
    const auto report = stackpick::run_scenarios(knowledge_base, scenarios);
    REQUIRE(report.results.size() == 1);
    CHECK(report.passed == 1);
    CHECK(report.failed == 0);
    CHECK(report.results[0].actual_top == "python");
    CHECK(report.results[0].failures.empty());
    CHECK(std::find(report.uncovered_rules.begin(), report.uncovered_rules.end(),
                    "data-scientists-speak-python") == report.uncovered_rules.end());
}

TEST_CASE("each way a scenario can fail is one structured failure with its own sentence",
          "[scenarios]") {
    const auto& knowledge_base = stackpick::testing::shipped_knowledge_base();
    auto scenario = data_scientists("node");
    scenario.expected_tie_break = "team-knows-python";
    scenario.expected_order = {"node", "python", "hybrid"};
    scenario.expected_reasons = {"no-such-rule"};
    // The results point into the scenarios: they must outlive the report.
    const std::vector<Scenario> scenarios{scenario};
    const auto report = stackpick::run_scenarios(knowledge_base, scenarios);
    REQUIRE(report.results.size() == 1);
    const auto& failures = report.results[0].failures;
    REQUIRE(failures.size() == 4);
    CHECK(failures[0].kind == ScenarioFailure::Kind::outcome);
    CHECK(failures[0].expected == std::vector<std::string>{"node"});
    CHECK(failures[0].actual == std::vector<std::string>{"python"});
    CHECK(failures[1].kind == ScenarioFailure::Kind::tie_break);
    CHECK(failures[1].actual.empty());
    CHECK(failures[2].kind == ScenarioFailure::Kind::order);
    CHECK(failures[3].kind == ScenarioFailure::Kind::rule);
    CHECK(report.failed == 1);

    CHECK(stackpick::failure_text(failures[0]) == "expected node, got python");
    CHECK(stackpick::failure_text(failures[1]) ==
          "expected tie-breaker 'team-knows-python' to decide, got none");
    CHECK(stackpick::failure_text(failures[3]) == "expected rule 'no-such-rule' to fire");
    const ScenarioFailure open{ScenarioFailure::Kind::outcome, std::vector<std::string>{"python"},
                               std::vector<std::string>{"node", "python"}, false, true};
    CHECK(stackpick::failure_text(open) == "expected python, got no clear pick (node, python)");

    const std::string text = stackpick::render_scenario_report_text(report, knowledge_base);
    CHECK(text.rfind("FAIL  a team with data scientists\n"
                     "      expected node, got python (mine.json: /scenarios/0)\n",
                     0) == 0);
    CHECK(text.find("1 scenarios: 0 passed, 1 failed\n") != std::string::npos);
    const auto json = stackpick::scenario_report_json(report, knowledge_base);
    CHECK(json["results"][0]["failures"][0] == "expected node, got python");
    CHECK(json["failed"] == 1);
}
