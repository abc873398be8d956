#include "stackpick/knowledge/scenarios.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "stackpick/util/error.hpp"
#include "stackpick/util/json_file.hpp"
#include "stackpick/util/json_reader.hpp"
#include "stackpick/util/suggest.hpp"

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

/// Reads the expectation's "top" or "no_clear_pick" (exactly one of them).
void read_expected_outcome(ObjectReader& expectation, const KnowledgeBase& knowledge_base,
                           Scenario& scenario) {
    const bool open = expectation.value("no_clear_pick", Presence::optional) != nullptr;
    if (open) {
        scenario.expected_open = expectation.strings("no_clear_pick", Presence::required)
                                     .value_or(std::vector<std::string>{});
        check_stack_ids(scenario.expected_open, knowledge_base, expectation, "no_clear_pick");
        if (scenario.expected_open.size() == 1)
            expectation.report("no_clear_pick", "a tie with no clear pick has at least two stacks");
        if (expectation.value("top", Presence::optional))
            expectation.report("top", "expect either \"top\" or \"no_clear_pick\"");
    } else {
        scenario.expected_top = expectation.string("top", Presence::required).value_or("");
        check_stack_ids({scenario.expected_top}, knowledge_base, expectation, "top");
    }
}

/// Reads the expectation's optional "tie_break", which must name a known tie-breaker.
void read_expected_tie_break(ObjectReader& expectation, const KnowledgeBase& knowledge_base,
                             Scenario& scenario) {
    scenario.expected_tie_break = expectation.string("tie_break", Presence::optional).value_or("");
    if (!scenario.expected_tie_break.empty() &&
        std::none_of(
            knowledge_base.tie_breakers.begin(), knowledge_base.tie_breakers.end(),
            [&](const TieBreaker& breaker) { return breaker.id == scenario.expected_tie_break; })) {
        std::vector<std::string> ids;
        for (const auto& breaker : knowledge_base.tie_breakers) ids.push_back(breaker.id);
        expectation.report("tie_break",
                           fmt::format("unknown tie-breaker '{}'{}", scenario.expected_tie_break,
                                       did_you_mean(scenario.expected_tie_break, ids)));
    }
}

/// Reads the expectation's optional "reasons", each of which must name a known rule.
void read_expected_reasons(ObjectReader& expectation, const KnowledgeBase& knowledge_base,
                           Scenario& scenario) {
    scenario.expected_reasons =
        expectation.strings("reasons", Presence::optional).value_or(std::vector<std::string>{});
    for (std::size_t r = 0; r < scenario.expected_reasons.size(); ++r)
        if (!knowledge_base.find_rule(scenario.expected_reasons[r])) {
            std::vector<std::string> rule_ids;
            for (const auto& rule : knowledge_base.rules) rule_ids.push_back(rule.id);
            expectation.report_within(
                "reasons", fmt::format("/{}", r),
                fmt::format("unknown rule '{}'{}", scenario.expected_reasons[r],
                            did_you_mean(scenario.expected_reasons[r], rule_ids)));
        }
}

/// Reads a scenario's "expect" object.
void read_expectation(ObjectReader& expectation, const KnowledgeBase& knowledge_base,
                      Scenario& scenario) {
    read_expected_outcome(expectation, knowledge_base, scenario);
    read_expected_tie_break(expectation, knowledge_base, scenario);
    scenario.expected_order =
        expectation.strings("order", Presence::optional).value_or(std::vector<std::string>{});
    check_stack_ids(scenario.expected_order, knowledge_base, expectation, "order");
    read_expected_reasons(expectation, knowledge_base, scenario);
    expectation.reject_unknown_keys();
}

/// Reads a scenario's "answers" object, its problems reported at their place in the file.
void read_scenario_answers(const nlohmann::json& answers, const ObjectReader& item,
                           const std::string& shown_name, const KnowledgeBase& knowledge_base,
                           Scenario& scenario, Diagnostics& diagnostics) {
    try {
        scenario.answers = parse_answers_document(answers, shown_name, knowledge_base.questions);
    } catch (const InvalidDataError& e) {
        for (const auto& d : e.diagnostics())
            diagnostics.add(d.file, item.pointer_to("answers") + d.pointer, d.message);
    }
}

}  // namespace

std::vector<Scenario> parse_scenarios(const nlohmann::json& document, const std::string& shown_name,
                                      const KnowledgeBase& knowledge_base,
                                      Diagnostics& diagnostics) {
    std::vector<Scenario> scenarios;
    const std::vector<std::string> source_ids = knowledge_base.facts.source_ids();
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
        scenario.description = item.string("description", Presence::optional).value_or("");
        scenario.why = item.string("why", Presence::optional).value_or("");
        scenario.sources =
            item.strings("sources", Presence::required).value_or(std::vector<std::string>{});
        for (std::size_t s = 0; s < scenario.sources.size(); ++s)
            if (!knowledge_base.facts.find_source(scenario.sources[s]))
                item.report_within("sources", fmt::format("/{}", s),
                                   fmt::format("unknown source '{}'", scenario.sources[s]));
        scenario.quotes = read_quotes(item, scenario.sources, "quotes", "sources", &source_ids);
        if (const auto* answers = item.object("answers", Presence::required))
            read_scenario_answers(*answers, item, shown_name, knowledge_base, scenario,
                                  diagnostics);
        if (const auto* expect = item.object("expect", Presence::required)) {
            ObjectReader expectation(*expect, shown_name, item.pointer_to("expect"), diagnostics);
            read_expectation(expectation, knowledge_base, scenario);
        }
        item.reject_unknown_keys();
        scenarios.push_back(std::move(scenario));
    }
    return scenarios;
}

std::vector<ScenarioFile> scenario_files_in(const std::string& directory_name) {
    std::vector<ScenarioFile> files;
    const std::filesystem::path directory(directory_name);
    std::error_code error;
    if (!std::filesystem::is_directory(directory, error)) return files;
    std::vector<std::filesystem::path> paths;
    // The error_code forms throughout: a range-for would throw filesystem_error from increment.
    std::filesystem::directory_iterator entry(directory, error);
    for (; !error && entry != std::filesystem::directory_iterator(); entry.increment(error))
        if (entry->path().extension() == ".json") paths.push_back(entry->path());
    if (error)
        throw DataError(fmt::format("cannot list '{}': {}", directory.string(), error.message()));
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths)
        files.push_back(
            {path.string(), read_text_file(path, path.string(), k_knowledge_base_limits)});
    return files;
}

std::vector<ScenarioFile> read_scenario_files(const std::vector<std::string>& paths) {
    std::vector<ScenarioFile> files;
    for (const auto& path : paths)
        files.push_back({path, read_text_file(path, path, k_knowledge_base_limits)});
    return files;
}

std::vector<Scenario> load_scenarios(const KnowledgeBase& knowledge_base,
                                     const std::vector<ScenarioFile>& files) {
    Diagnostics diagnostics;
    std::vector<Scenario> scenarios;
    for (const auto& text : files) {
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

}  // namespace stackpick
