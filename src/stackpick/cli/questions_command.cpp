// `stackpick questions`: every question with its flag, values and the rules reading it.

#include "command.hpp"
#include "stackpick/report/knowledge_base_report.hpp"

namespace stackpick {

Command add_questions(CLI::App& parent) {
    auto* app = parent.add_subcommand(
        "questions", "List every question: flag, type, choices, default, rules that read it");
    app->footer(
        "Examples:\n  stackpick questions\n  stackpick questions --json | jq '.questions[].flag'");
    return {app, [](const Session& session) {
                const auto& knowledge_base = session.knowledge_base();
                deliver(session, session.json() ? questions_json(knowledge_base).dump(2) + "\n"
                                                : render_questions_text(knowledge_base));
                return 0;
            }};
}

}  // namespace stackpick
