#include "stackpick/scenarios.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "stackpick/embedded_data.hpp"
#include "stackpick/engine.hpp"
#include "stackpick/error.hpp"
#include "stackpick/json_file.hpp"
#include "stackpick/json_reader.hpp"
#include "stackpick/suggest.hpp"

namespace stackpick {

namespace {

void check_stack_ids(const std::vector<std::string>& ids, const KnowledgeBase& knowledge_base,
                     ObjectReader& reader, const std::string& key) {
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (!knowledge_base.find_stack(ids[i]))
            reader.report_within(key, "/" + std::to_string(i),
                                 fmt::format("unknown stack '{}'{}", ids[i],
                                             did_you_mean(ids[i], knowledge_base.stack_ids())));
}

struct ScenarioText {
    std::string shown_name;
    std::string text;
};

std::vector<ScenarioText> shipped_scenario_texts(const KnowledgeBase& knowledge_base) {
    std::vector<ScenarioText> texts;
    const auto& location = knowledge_base.location;
    if (location.embedded()) {
        for (const auto& file : embedded_data_files())
            if (file.name.rfind("scenarios/", 0) == 0)
                texts.push_back(
                    {"<embedded>/" + std::string(file.name), std::string(file.content)});
        return texts;
    }
    const auto directory = std::filesystem::path(location.directory) / "scenarios";
    std::error_code error;
    if (!std::filesystem::is_directory(directory, error)) return texts;
    std::vector<std::filesystem::path> paths;
    // The error_code forms throughout: a range-for would throw filesystem_error from increment.
    std::filesystem::directory_iterator entry(directory, error);
    for (; !error && entry != std::filesystem::directory_iterator(); entry.increment(error))
        if (entry->path().extension() == ".json") paths.push_back(entry->path());
    if (error)
        throw DataError(fmt::format("cannot list '{}': {}", directory.string(), error.message()));
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths)
        texts.push_back(
            {path.string(), read_text_file(path, path.string(), k_knowledge_base_limits)});
    return texts;
}

}  // namespace

std::vector<Scenario> parse_scenarios(const nlohmann::json& document, const std::string& shown_name,
                                      const KnowledgeBase& knowledge_base,
                                      Diagnostics& diagnostics) {
    std::vector<Scenario> scenarios;
    ObjectReader root(document, shown_name, "", diagnostics);
    const auto* list = root.array("scenarios", Presence::required);
    root.reject_unknown_keys();
    for (std::size_t i = 0; list && i < list->size(); ++i) {
        const std::string pointer = fmt::format("/scenarios/{}", i);
        ObjectReader item((*list)[i], shown_name, pointer, diagnostics);
        if (!item.valid()) continue;
        Scenario scenario;
        scenario.file = shown_name;
        scenario.pointer = pointer;
        scenario.name = item.string("name", Presence::required).value_or("");
        scenario.sources =
            item.strings("sources", Presence::required).value_or(std::vector<std::string>{});
        for (std::size_t s = 0; s < scenario.sources.size(); ++s)
            if (!knowledge_base.facts.find_source(scenario.sources[s]))
                item.report_within("sources", fmt::format("/{}", s),
                                   fmt::format("unknown source '{}'", scenario.sources[s]));
        if (const auto* answers = item.object("answers", Presence::required)) {
            try {
                scenario.answers =
                    parse_answers_document(*answers, shown_name, knowledge_base.questions);
            } catch (const InvalidDataError& e) {
                for (const auto& d : e.diagnostics())
                    diagnostics.add(d.file, item.pointer_to("answers") + d.pointer, d.message);
            }
        }
        if (const auto* expect = item.object("expect", Presence::required)) {
            ObjectReader expectation(*expect, shown_name, item.pointer_to("expect"), diagnostics);
            scenario.expected_top = expectation.string("top", Presence::required).value_or("");
            check_stack_ids({scenario.expected_top}, knowledge_base, expectation, "top");
            scenario.expected_order = expectation.strings("order", Presence::optional)
                                          .value_or(std::vector<std::string>{});
            check_stack_ids(scenario.expected_order, knowledge_base, expectation, "order");
            scenario.expected_reasons = expectation.strings("reasons", Presence::optional)
                                            .value_or(std::vector<std::string>{});
            for (std::size_t r = 0; r < scenario.expected_reasons.size(); ++r)
                if (!knowledge_base.find_rule(scenario.expected_reasons[r])) {
                    std::vector<std::string> rule_ids;
                    for (const auto& rule : knowledge_base.rules) rule_ids.push_back(rule.id);
                    expectation.report_within(
                        "reasons", fmt::format("/{}", r),
                        fmt::format("unknown rule '{}'{}", scenario.expected_reasons[r],
                                    did_you_mean(scenario.expected_reasons[r], rule_ids)));
                }
            expectation.reject_unknown_keys();
        }
        item.reject_unknown_keys();
        scenarios.push_back(std::move(scenario));
    }
    return scenarios;
}

std::vector<Scenario> load_scenarios(const KnowledgeBase& knowledge_base,
                                     const std::vector<std::string>& paths) {
    std::vector<ScenarioText> texts;
    if (paths.empty()) {
        texts = shipped_scenario_texts(knowledge_base);
    } else {
        for (const auto& path : paths)
            texts.push_back({path, read_text_file(path, path, k_knowledge_base_limits)});
    }
    Diagnostics diagnostics;
    std::vector<Scenario> scenarios;
    for (const auto& text : texts) {
        try {
            auto document = parse_json_text(text.text, text.shown_name, k_knowledge_base_limits);
            auto more = parse_scenarios(document, text.shown_name, knowledge_base, diagnostics);
            scenarios.insert(scenarios.end(), std::make_move_iterator(more.begin()),
                             std::make_move_iterator(more.end()));
        } catch (const InvalidDataError&) {
            throw;
        } catch (const DataError& e) {
            diagnostics.add(text.shown_name, "", e.what());
        }
    }
    if (!diagnostics.empty()) throw InvalidDataError(diagnostics.items());
    return scenarios;
}

ScenarioReport run_scenarios(const KnowledgeBase& knowledge_base,
                             const std::vector<Scenario>& scenarios) {
    ScenarioReport report;
    std::set<std::string> fired;
    for (const auto& scenario : scenarios) {
        const auto answers = resolve_answers(knowledge_base.questions, scenario.answers);
        const auto recommendation = recommend(knowledge_base, answers);
        for (const auto& outcome : recommendation.outcomes)
            if (outcome.fired) fired.insert(outcome.rule);

        ScenarioResult result;
        result.scenario = &scenario;
        result.actual_top = recommendation.id;
        if (recommendation.id != scenario.expected_top)
            result.failures.push_back(
                fmt::format("expected {} first, got {}", scenario.expected_top, recommendation.id));
        if (!scenario.expected_order.empty()) {
            std::vector<std::string> order;
            for (const auto& stack : recommendation.ranking) order.push_back(stack.id);
            if (order != scenario.expected_order)
                result.failures.push_back(fmt::format("expected order {}, got {}",
                                                      fmt::join(scenario.expected_order, " > "),
                                                      fmt::join(order, " > ")));
        }
        for (const auto& rule : scenario.expected_reasons) {
            const bool did_fire =
                std::any_of(recommendation.outcomes.begin(), recommendation.outcomes.end(),
                            [&](const RuleOutcome& o) { return o.rule == rule && o.fired; });
            if (!did_fire)
                result.failures.push_back(fmt::format("expected rule '{}' to fire", rule));
        }
        (result.passed() ? report.passed : report.failed)++;
        report.results.push_back(std::move(result));
    }
    for (const auto& rule : knowledge_base.rules)
        if (!fired.count(rule.id)) report.uncovered_rules.push_back(rule.id);
    return report;
}

}  // namespace stackpick
