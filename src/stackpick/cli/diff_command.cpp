// `stackpick diff A B`: what differs between two answers files, and why.

#include "command.hpp"
#include "stackpick/engine/diff.hpp"
#include "stackpick/report/diff_report.hpp"
#include "stackpick/report/html_diff.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

/// An answers file of `diff`: read like --answers ("-" for stdin), with its limits.
GivenAnswers diff_side(const Session& session, const std::string& path) {
    return read_answers_file(path, *session.console.in, session.knowledge_base().questions);
}

}  // namespace

Command add_diff(CLI::App& parent) {
    auto* app = parent.add_subcommand(
        "diff", "Compare two answers files: the answers, rules, scores and pick that differ");
    auto files = std::make_shared<std::vector<std::string>>();
    auto exit_code = std::make_shared<bool>(false);
    app->add_option("files", *files, "The two answers files (--answers format; - for stdin)")
        ->required()
        ->expected(2)
        ->type_name("A.json B.json");
    app->add_flag("--exit-code", *exit_code, "Exit 1 when the pick differs (like diff(1))");
    app->footer(
        "Both sides are scored with the same --weight and --exclude-source options.\n"
        "Exit status: 0, or with --exit-code 1 when the top pick differs.\n"
        "Examples:\n"
        "  stackpick diff today.json with-ml.json\n"
        "  stackpick diff a.json b.json --json | jq .pick\n"
        "  stackpick diff old.json new.json --exit-code || echo 'the pick changed'");
    return {
        app,
        [files, exit_code](const Session& session) {
            const auto& knowledge_base = session.knowledge_base();
            const auto& a = (*files)[0];
            const auto& b = (*files)[1];
            if (a == "-" && b == "-")
                throw UsageError("diff: only one of the two files can be read from stdin");
            const ScoringOptions scoring = scoring_options(session.options, knowledge_base);
            const AnswersDiff difference =
                diff_answers(knowledge_base, diff_side(session, a), diff_side(session, b), scoring);
            if (session.json()) {
                nlohmann::ordered_json document;
                document["schema_version"] = "1";
                document["files"] = {{"a", a}, {"b", b}};
                const auto members = diff_json(difference);
                for (const auto& [key, value] : members.items()) document[key] = value;
                deliver(session, document.dump(2, ' ', false,
                                               nlohmann::ordered_json::error_handler_t::replace) +
                                     "\n");
            } else if (session.options.format == "html") {
                deliver(session, render_diff_html(difference, knowledge_base, a, b));
            } else {
                deliver(session,
                        terminal_safe_lines(render_diff_text(difference, knowledge_base, a, b)));
            }
            return *exit_code && difference.pick_changed() ? 1 : 0;
        },
        {"text", "json", "html"}};
}

}  // namespace stackpick
