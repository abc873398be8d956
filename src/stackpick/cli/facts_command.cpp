// `stackpick facts [TOPIC]`: the sourced figures behind the recommendations.

#include <sstream>

#include "command.hpp"
#include "stackpick/report/facts_report.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

Command add_facts(CLI::App& parent) {
    auto* app =
        parent.add_subcommand("facts", "Show the sourced figures behind the recommendations");
    auto topic = std::make_shared<std::string>();
    app->add_option("topic", *topic, "Topic to show (omit for the list of topics)");
    auto quotes = std::make_shared<bool>(false);
    app->add_flag("--quotes", *quotes,
                  "Show the verbatim quotes from the articles under each item (JSON always has "
                  "them)");
    app->footer(
        "Examples:\n  stackpick facts\n  stackpick facts performance\n  stackpick facts "
        "use-cases --quotes\n  stackpick facts cost --json | jq");
    return {app, [topic, quotes](const Session& session) {
                const auto& facts = session.knowledge_base().facts;
                if (session.json()) {
                    deliver(session,
                            facts_to_json(facts, *topic)
                                    .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                                "\n");
                } else {
                    std::ostringstream text;
                    write_facts_text(text, facts, *topic, *quotes);
                    deliver(session, terminal_safe_lines(text.str()));
                }
                return 0;
            }};
}

}  // namespace stackpick
