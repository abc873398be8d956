// The main command (`stackpick --realtime --ml`) and `stackpick estimate`: answers in, the
// recommendation or the estimates out, as text, JSON or a Markdown decision record.

#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <optional>

#include "command.hpp"
#include "stackpick/cli/questionnaire.hpp"
#include "stackpick/engine/estimates.hpp"
#include "stackpick/engine/explain.hpp"
#include "stackpick/engine/sensitivity.hpp"
#include "stackpick/engine/what_if.hpp"
#include "stackpick/report/decision_record.hpp"
#include "stackpick/report/estimates_json.hpp"
#include "stackpick/report/estimates_markdown.hpp"
#include "stackpick/report/estimates_text.hpp"
#include "stackpick/report/html_estimates.hpp"
#include "stackpick/report/html_report.hpp"

#include "record_file.hpp"
#include "stackpick/report/explain_report.hpp"
#include "stackpick/report/record_block.hpp"
#include "stackpick/report/sensitivity_report.hpp"
#include "stackpick/report/sources.hpp"
#include "stackpick/report/what_if_report.hpp"
#include "stackpick/util/calendar.hpp"
#include "stackpick/util/json_file.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

int run_estimate(const Session& session) {
    const auto& knowledge_base = session.knowledge_base();
    const Estimates estimates =
        estimate(knowledge_base, resolve_answers(knowledge_base.questions, given_answers(session)));
    if (session.options.format == "markdown" && !session.options.json)
        deliver(session, terminal_safe_lines(render_estimates_markdown(estimates, knowledge_base)));
    else if (session.options.format == "html" && !session.options.json)
        deliver(session, render_estimates_page(estimates, knowledge_base));
    else if (session.json())
        deliver(session, estimates_json(estimates).dump(
                             2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
                             "\n");
    else
        deliver(session, terminal_safe_lines(render_estimates_text(estimates, knowledge_base, 80)));
    return 0;
}

}  // namespace

namespace {

/// What one run computed, for the renderer of the chosen format.
struct RecommendationRun {
    const KnowledgeBase& knowledge_base;
    const GivenAnswers& given;
    const ResolvedAnswers& answers;
    const Recommendation& recommendation;
    const Estimates& estimates;
    const std::optional<WhatIf>& flips;
    const std::optional<ExplainTrace>& trace;
    const std::optional<Sensitivity>& sensitivity;
};

/// Prompts for the answers when that is wanted: only on a terminal, never in a pipe or CI;
/// -i insists, --no-input forbids. Returns whether it prompted.
bool ask_questions(const Session& session, GivenAnswers& given) {
    Console& console = session.console;
    const auto& options = session.options;
    const bool answered = !given.empty() || options.answers_file.has_value();
    const bool prompt =
        options.interactive ||
        (!options.no_input && !answered && console.stdin_is_terminal && console.stderr_is_terminal);
    if (!prompt) return false;
    // Ctrl-C ends at once: nothing is on stdout yet and nothing has been written.
    std::signal(SIGINT, [](int) {
        (void)!::write(STDERR_FILENO, "\n", 1);
        ::_exit(static_cast<int>(ExitCode::interrupted));
    });
    const bool color = console.stderr_is_terminal && console.environment_no_color.empty() &&
                       console.environment_term != "dumb" && options.color != "never";
    given = run_questionnaire(session.knowledge_base(), given,
                              PromptStreams{*console.in, *console.err, color});
    std::signal(SIGINT, SIG_DFL);
    return true;
}

std::string recommendation_json_text(const Session& session, const RecommendationRun& run) {
    auto extra_members = nlohmann::ordered_json::object();
    const auto sensitivity_members = sensitivity_json(*run.sensitivity);
    for (const auto& [key, value] : sensitivity_members.items()) extra_members[key] = value;
    if (run.trace) extra_members["trace"] = explain_json(*run.trace);
    if (session.options.what_if) {
        const auto members = what_if_json(*run.flips);
        for (const auto& [key, value] : members.items()) extra_members[key] = value;
    }
    return recommendation_document_text(run.recommendation, run.knowledge_base, run.answers,
                                        run.estimates, extra_members);
}

std::string decision_record_text(const Session& session, const RecommendationRun& run) {
    const auto& knowledge_base = run.knowledge_base;
    // The one timestamp stackpick writes; SOURCE_DATE_EPOCH keeps records reproducible.
    std::string record =
        render_front_matter(run.recommendation, calendar_date_text(session.today)) +
        render_decision_record(run.recommendation, knowledge_base, run.answers, run.estimates);
    if (run.flips && session.options.what_if) {
        record += "\n## What would change the answer\n\n```text\n" +
                  render_what_if_text(*run.flips, knowledge_base, run.given,
                                      weight_flip_lines(*run.sensitivity, knowledge_base)) +
                  "```\n";
    } else if (run.flips) {
        record += "\n## What would decide it\n\n";
        for (const Flip& flip : run.flips->flips)
            record +=
                "* " + markdown_escape(render_flip_text(flip, knowledge_base, run.given)) + "\n";
        if (run.flips->flips.empty())
            record += "* No single change, and no pair of changes, settles the tie.\n";
    }
    // --what-if lists the weight thresholds with the flips above.
    if (!session.options.what_if) {
        const auto lines = sensitivity_lines(*run.sensitivity, knowledge_base);
        if (!lines.empty()) record += "\n## How sensitive the pick is\n\n";
        for (const auto& line : lines) record += "* " + markdown_escape(line) + "\n";
    }
    if (run.trace)
        record +=
            "\n## Trace\n\n```text\n" + render_explain_text(*run.trace, knowledge_base) + "```\n";
    // Last, so that `stackpick check` can read it back whatever is edited above it.
    record += render_record_block(record_json(run.recommendation, knowledge_base, run.answers));
    // A Markdown file is read in terminals too: no raw control characters from the data.
    return terminal_safe_lines(record);
}

std::string html_report_text(const RecommendationRun& run) {
    return render_html_report(
        run.recommendation, run.knowledge_base, run.answers, run.estimates,
        {run.flips ? &*run.flips : nullptr, &run.given, run.trace ? &*run.trace : nullptr,
         run.sensitivity ? &*run.sensitivity : nullptr});
}

std::string recommendation_text(const Session& session, const RecommendationRun& run) {
    const auto& knowledge_base = run.knowledge_base;
    const bool what_if = session.options.what_if;
    const std::string shortest_flip =
        what_if || run.flips->flips.empty()
            ? std::string()
            : render_flip_text(run.flips->flips.front(), knowledge_base, run.given);
    std::string out = render_text(
        run.recommendation, knowledge_base, run.answers,
        session.text_style(writes_to_terminal(session)),
        cost_and_time_lines(run.estimates, knowledge_base), shortest_flip,
        what_if ? std::vector<std::string>{} : sensitivity_lines(*run.sensitivity, knowledge_base));
    if (what_if)
        out += "\n" + render_what_if_text(*run.flips, knowledge_base, run.given,
                                          weight_flip_lines(*run.sensitivity, knowledge_base));
    if (run.trace) out += "\n" + render_explain_text(*run.trace, knowledge_base);
    // Last, after every section: which data a pasted result came from, when not the embedded.
    return out + knowledge_base_footer(knowledge_base);
}

/// Whether -o names a directory that numbered decision records go into.
bool writes_numbered_record(const GlobalOptions& options, bool markdown) {
    return markdown && options.output && *options.output != "-" &&
           std::filesystem::is_directory(*options.output);
}

/// The record as the next numbered file of the -o directory (never over an existing one), and
/// the record it supersedes marked so, each written atomically.
void deliver_numbered_record(const Session& session, const std::string& record) {
    const auto& options = session.options;
    // Read first: a record that cannot be superseded stops the run before anything is written.
    const std::optional<std::string> old_text =
        options.supersedes ? std::optional(read_record_text(*options.supersedes)) : std::nullopt;
    const std::filesystem::path directory = *options.output;
    const std::string name = write_numbered_record(directory, record);
    if (!options.quiet)
        *session.console.err << "stackpick: wrote " << terminal_safe((directory / name).string())
                             << "\n";
    if (!old_text) return;
    write_file_atomically(*options.supersedes, superseded_record_text(*old_text, name));
    if (!options.quiet)
        *session.console.err << "stackpick: marked " << terminal_safe(*options.supersedes)
                             << " superseded by " << name << "\n";
}

}  // namespace

int run_recommendation(const Session& session) {
    const auto& knowledge_base = session.knowledge_base();
    const auto& options = session.options;
    const ScoringOptions scoring = scoring_options(options, knowledge_base);
    GivenAnswers given = given_answers(session);  // flags win over --answers
    const bool prompted = ask_questions(session, given);
    if (options.save_answers)
        write_file_atomically(*options.save_answers,
                              answers_document(knowledge_base.questions, given).dump(2) + "\n");
    if (!prompted && given.empty() && !options.quiet)
        *session.console.err << "stackpick: no answers given: every question is at its default "
                                "(see 'stackpick --help' for the flags)\n";

    const ResolvedAnswers answers = resolve_answers(knowledge_base.questions, given);
    const Recommendation recommendation = recommend(knowledge_base, answers, scoring);
    const Estimates estimates = estimate(knowledge_base, answers);
    // The text output names the shortest change that flips the pick; JSON lists them on request.
    const bool markdown = options.format == "markdown" && !session.json();
    // The HTML page always shows what would change the pick and the trace (collapsed).
    const bool html = options.format == "html" && !session.json();
    const bool text = !session.json() && !markdown && !html;
    const bool numbered = writes_numbered_record(options, markdown);
    if (options.supersedes && !numbered)
        throw UsageError(
            "--supersedes needs --format markdown and -o DIR/ (an existing "
            "directory), where the new record is written");
    // A decision record left open between tied stacks says what would decide it.
    const bool open_record = markdown && !recommendation.open_between.empty();
    std::optional<WhatIf> flips;
    if (options.what_if || text || open_record || html)
        flips = what_if(knowledge_base, given, scoring, options.what_if ? 10 : text ? 1 : 3);
    std::optional<ExplainTrace> trace;
    if (options.explain || html) trace = explain(knowledge_base, answers, recommendation);
    // How far the pick rests on the priorities and on each source (all formats show it).
    const std::optional<Sensitivity> weighed = sensitivity(knowledge_base, answers, recommendation);

    const RecommendationRun run{knowledge_base, given, answers, recommendation,
                                estimates,      flips, trace,   weighed};
    if (numbered) {
        deliver_numbered_record(session, decision_record_text(session, run));
        return 0;
    }
    deliver(session, session.json() ? recommendation_json_text(session, run)
                     : markdown     ? decision_record_text(session, run)
                     : html         ? html_report_text(run)
                                    : recommendation_text(session, run));
    // After the result, so a person can rerun the same answers in a script.
    if (prompted)
        session.console.after_output +=
            "stackpick: equivalent command: " +
            terminal_safe(equivalent_command(knowledge_base.questions, given)) + "\n";
    return 0;
}

Command add_estimate(CLI::App& parent) {
    auto* app = parent.add_subcommand("estimate",
                                      "Cost, time to build, hosting capacity and hiring for each "
                                      "stack, from the sources' figures");
    app->footer(
        "Takes the same answers as the main command (flags or --answers).\n"
        "Examples:\n"
        "  stackpick estimate --product api --team-size 2 --months 3 --rate 100\n"
        "  stackpick estimate --concurrent-users 50000 --region eastern-europe --json");
    return {app,
            [](const Session& session) { return run_estimate(session); },
            {"text", "json", "markdown", "html"}};
}

}  // namespace stackpick
