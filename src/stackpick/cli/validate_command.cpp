// `stackpick validate`: a knowledge base checked and summarised; --articles finds every quote.

#include <filesystem>

#include <fmt/format.h>

#include "command.hpp"
#include "stackpick/cli/embedded_data.hpp"
#include "stackpick/knowledge/quote_check.hpp"
#include "stackpick/knowledge/scenarios.hpp"
#include "stackpick/report/knowledge_base_report.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

/// The quotes of a knowledge base and its scenarios, each looked up in its article under
/// articles_dir; throws InvalidDataError listing every quote not found. Returns how many quotes
/// were found.
std::size_t check_quotes(const KnowledgeBase& knowledge_base, const std::string& articles_dir) {
    std::error_code error;
    if (!std::filesystem::is_directory(articles_dir, error))
        throw UsageError(fmt::format("--articles: '{}' is not a directory", articles_dir));
    const std::string shown =
        knowledge_base.location.embedded() ? "<embedded>" : knowledge_base.location.directory;
    auto items = citing_items(knowledge_base, shown);
    for (const auto& scenario :
         load_scenarios(knowledge_base, shipped_scenario_files(knowledge_base)))
        items.push_back({scenario.file, scenario.pointer,
                         fmt::format("scenario '{}'", scenario.name), scenario.sources,
                         scenario.quotes});
    const auto problems = check_quotes_in_articles(items, knowledge_base.facts, articles_dir);
    if (!problems.empty()) throw InvalidDataError(problems);
    std::size_t quotes = 0;
    for (const auto& item : items) quotes += item.quotes.size();
    return quotes;
}

}  // namespace

Command add_validate(CLI::App& parent) {
    auto* app = parent.add_subcommand(
        "validate", "Check a knowledge base and summarise it (exit 3 if invalid)");
    auto articles = std::make_shared<std::string>();
    app->add_option("--articles", *articles,
                    "Also find every quote in its article: the files data/sources.json names, "
                    "in DIR")
        ->type_name("DIR");
    app->footer(
        "Examples:\n  stackpick validate\n  stackpick validate --data-dir ./my-data --json\n"
        "  stackpick validate --articles ../shared/seeds");
    return {
        app, [articles](const Session& session) {
            Console& console = session.console;
            try {
                // validate checks the files themselves: a knowledge base read back from the
                // compiled cache is parsed and checked again (an invalid one is never cached).
                std::optional<KnowledgeBase> parsed;
                const KnowledgeBase* checked = &session.knowledge_base();
                if (session.loaded.from_cache)
                    checked = &parsed.emplace(load_knowledge_base_files(checked->location));
                const auto& knowledge_base = *checked;
                auto counts = knowledge_base_counts(knowledge_base);
                if (!articles->empty()) counts["quotes"] = check_quotes(knowledge_base, *articles);
                deliver(session, session.json() ? json_text(validate_json(knowledge_base, counts))
                                                : render_validate_text(knowledge_base, counts,
                                                                       !articles->empty()));
                return 0;
            } catch (const InvalidDataError& e) {
                if (session.json()) {
                    const auto report = validate_errors_json(e.diagnostics(), e.skipped());
                    // For validate the report is the result, so stdout carries it even though
                    // the exit code says the data is invalid.
                    console.out += report.dump(2, ' ', false,
                                               nlohmann::ordered_json::error_handler_t::replace) +
                                   "\n";
                    return static_cast<int>(ExitCode::invalid_data);
                }
                for (const auto& d : e.diagnostics())
                    *console.err << "stackpick: error: " << terminal_safe(to_string(d)) << "\n";
                for (const auto& note : e.skipped())
                    *console.err << "stackpick: note: " << terminal_safe(note) << "\n";
                *console.err << fmt::format("stackpick: {} problem{} found\n",
                                            e.diagnostics().size(),
                                            e.diagnostics().size() == 1 ? "" : "s");
                return static_cast<int>(ExitCode::invalid_data);
            }
        }};
}

}  // namespace stackpick
