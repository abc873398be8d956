#include "stackpick/report/scenario_report.hpp"

#include <fmt/format.h>

#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

std::string outcome_ids_text(const std::vector<std::string>& ids, bool open) {
    return open ? fmt::format("no clear pick ({})", fmt::join(ids, ", "))
                : (ids.empty() ? std::string() : ids.front());
}

}  // namespace

std::string failure_text(const ScenarioFailure& failure) {
    switch (failure.kind) {
        case ScenarioFailure::Kind::outcome:
            return fmt::format("expected {}, got {}",
                               outcome_ids_text(failure.expected, failure.expected_open),
                               outcome_ids_text(failure.actual, failure.actual_open));
        case ScenarioFailure::Kind::tie_break:
            return fmt::format(
                "expected tie-breaker '{}' to decide, got {}", fmt::join(failure.expected, ""),
                failure.actual.empty() ? std::string("none") : "'" + failure.actual.front() + "'");
        case ScenarioFailure::Kind::order:
            return fmt::format("expected order {}, got {}", fmt::join(failure.expected, " > "),
                               fmt::join(failure.actual, " > "));
        case ScenarioFailure::Kind::rule:
            return fmt::format("expected rule '{}' to fire", fmt::join(failure.expected, ""));
    }
    return {};
}

std::string render_scenario_report_text(const ScenarioReport& report,
                                        const KnowledgeBase& knowledge_base) {
    std::string out;
    for (const auto& result : report.results) {
        out += fmt::format("{}  {}\n", result.passed() ? "PASS" : "FAIL",
                           terminal_safe(result.scenario->name));
        for (const auto& failure : result.failures)
            out += fmt::format("      {} ({}: {})\n", failure_text(failure), result.scenario->file,
                               result.scenario->pointer);
    }
    out += fmt::format("{} scenarios: {} passed, {} failed\n", report.results.size(), report.passed,
                       report.failed);
    out += fmt::format("rule coverage: {} of {} rules fired in at least one scenario\n",
                       knowledge_base.rules.size() - report.uncovered_rules.size(),
                       knowledge_base.rules.size());
    if (!report.uncovered_rules.empty())
        out += "  " + wrap(fmt::format("never fired: {}", fmt::join(report.uncovered_rules, ", ")),
                           78, "    ");
    return out;
}

nlohmann::ordered_json scenario_report_json(const ScenarioReport& report,
                                            const KnowledgeBase& knowledge_base) {
    nlohmann::ordered_json results = nlohmann::ordered_json::array();
    for (const auto& result : report.results) {
        std::vector<std::string> failures;
        for (const auto& failure : result.failures) failures.push_back(failure_text(failure));
        results.push_back({{"name", result.scenario->name},
                           {"file", result.scenario->file},
                           {"pointer", result.scenario->pointer},
                           {"passed", result.passed()},
                           {"expected", result.scenario->expected_top},
                           {"actual", result.actual_top},
                           {"expected_no_clear_pick", result.scenario->expected_open},
                           {"actual_no_clear_pick", result.actual_open},
                           {"failures", failures}});
    }
    nlohmann::ordered_json document;
    document["passed"] = report.passed;
    document["failed"] = report.failed;
    document["rules"] = knowledge_base.rules.size();
    document["uncovered_rules"] = report.uncovered_rules;
    document["results"] = results;
    return document;
}

}  // namespace stackpick
