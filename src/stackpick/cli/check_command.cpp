// `stackpick check FILE...`: decision records re-scored against the current knowledge base, as a
// CI job runs it after a knowledge-base update.

#include "command.hpp"
#include "record_file.hpp"
#include "stackpick/engine/check.hpp"
#include "stackpick/report/check_report.hpp"
#include "stackpick/util/diagnostics.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

/// Why a record cannot be re-checked: every located problem, one after the other.
std::string reason_text(const Error& error) {
    const auto* invalid = dynamic_cast<const InvalidDataError*>(&error);
    if (invalid == nullptr || invalid->diagnostics().empty()) return error.what();
    std::string text;
    for (const auto& diagnostic : invalid->diagnostics())
        text += (text.empty() ? "" : "; ") + to_string(diagnostic);
    return text;
}

/// One file: re-scored, or the reason it cannot be. A file that cannot be read is a result of
/// the check, not the end of the run, so that one broken record does not hide the others.
RecordCheck check_file(const Session& session, const std::string& path) {
    const auto& knowledge_base = session.knowledge_base();
    RecordCheck check{path, std::nullopt, {}};
    try {
        check.result = recheck_decision(
            knowledge_base, read_record_file(path, *session.console.in, knowledge_base));
    } catch (const Error& error) {
        check.cannot = reason_text(error);
    }
    return check;
}

}  // namespace

Command add_check(CLI::App& parent) {
    auto* app = parent.add_subcommand(
        "check", "Re-score decision records against the current knowledge base: does each hold?");
    auto files = std::make_shared<std::vector<std::string>>();
    app->add_option("files", *files,
                    "Records: Markdown (--format markdown) or JSON (--json); - for stdin")
        ->required()
        ->type_name("FILE");
    app->footer(
        "Each record's answers, weights, excluded sources and rule-outs are scored again with\n"
        "the knowledge base in use (embedded, or --data-dir).\n"
        "Exit status: 0 when every record holds, 1 when any changed, 3 when any cannot be\n"
        "re-checked (no readable record block, or answers the knowledge base no longer takes).\n"
        "Examples:\n"
        "  stackpick check docs/decisions/*.md\n"
        "  stackpick check --data-dir ./data-next docs/decisions/0003-backend-stack.md\n"
        "  stackpick check decision.json --json | jq '.records[].status'");
    return {app,
            [files](const Session& session) {
                const auto& knowledge_base = session.knowledge_base();
                if (std::count(files->begin(), files->end(), "-") > 1)
                    throw UsageError("check: only one of the files can be read from stdin");
                std::vector<RecordCheck> checks;
                for (const auto& path : *files) checks.push_back(check_file(session, path));
                deliver(session, session.json() ? json_text(check_json(checks, knowledge_base))
                                                : render_check_text(checks, knowledge_base));
                const auto any = [&](auto wanted) {
                    return std::any_of(checks.begin(), checks.end(), wanted);
                };
                if (any([](const RecordCheck& c) { return !c.result; }))
                    return static_cast<int>(ExitCode::invalid_data);
                return any([](const RecordCheck& c) { return !c.result->holds; }) ? 1 : 0;
            },
            {"text", "json"}};
}

}  // namespace stackpick
