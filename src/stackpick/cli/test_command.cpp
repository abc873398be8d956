// `stackpick test [FILE...]`: scenario files run, and the rules none of them reaches.

#include "command.hpp"
#include "stackpick/cli/embedded_data.hpp"
#include "stackpick/engine/scenario_run.hpp"
#include "stackpick/knowledge/scenarios.hpp"
#include "stackpick/report/scenario_report.hpp"

namespace stackpick {

Command add_test(CLI::App& parent) {
    auto* app = parent.add_subcommand(
        "test", "Run scenario files (answers + expected pick) and report rule coverage");
    auto files = std::make_shared<std::vector<std::string>>();
    app->add_option("files", *files, "Scenario files (default: the knowledge base's scenarios/)")
        ->type_name("FILE...");
    app->footer(
        "Exit status: 0 when every scenario passes, 1 when one fails, 3 for an invalid file.\n"
        "Examples:\n  stackpick test\n  stackpick test my-scenarios.json --json");
    return {app, [files](const Session& session) {
                const auto& knowledge_base = session.knowledge_base();
                const auto scenarios = load_scenarios(
                    knowledge_base, files->empty() ? shipped_scenario_files(knowledge_base)
                                                   : read_scenario_files(*files));
                const auto report = run_scenarios(knowledge_base, scenarios);
                deliver(session, session.json()
                                     ? json_text(scenario_report_json(report, knowledge_base))
                                     : render_scenario_report_text(report, knowledge_base));
                return report.failed == 0 ? 0 : static_cast<int>(ExitCode::failure);
            }};
}

}  // namespace stackpick
