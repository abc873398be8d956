// The only file that includes CLI11: it turns arguments into option values and calls the
// modules that do the work. Question flags are generated from the knowledge base's questions;
// each subcommand is registered in register_commands().

#include "stackpick/cli/cli.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string_view>
#include <thread>

#include <fmt/format.h>
#include <unistd.h>

#include <csignal>

#include <CLI/CLI.hpp>

#include "stackpick/cli/batch.hpp"
#include "stackpick/cli/completions.hpp"
#include "stackpick/cli/questionnaire.hpp"
#include "stackpick/engine/answers.hpp"
#include "stackpick/engine/diff.hpp"
#include "stackpick/engine/engine.hpp"
#include "stackpick/engine/estimates.hpp"
#include "stackpick/engine/explain.hpp"
#include "stackpick/engine/what_if.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/knowledge/quote_check.hpp"
#include "stackpick/knowledge/scenarios.hpp"
#include "stackpick/logic/logic.hpp"
#include "stackpick/report/decision_record.hpp"
#include "stackpick/report/estimates_json.hpp"
#include "stackpick/report/estimates_markdown.hpp"
#include "stackpick/report/estimates_text.hpp"
#include "stackpick/report/facts_report.hpp"
#include "stackpick/report/report.hpp"
#include "stackpick/util/diagnostics.hpp"
#include "stackpick/util/json_file.hpp"
#include "stackpick/util/output.hpp"
#include "stackpick/util/suggest.hpp"
#include "stackpick/version.hpp"

namespace stackpick {

namespace {

constexpr const char* k_exit_codes =
    "Exit codes:\n"
    "  0    success\n"
    "  1    runtime failure (I/O or write error, input ended at a prompt, internal error)\n"
    "  2    usage error (unknown option, bad value, conflicting options)\n"
    "  3    invalid data (knowledge base or answers file unreadable, malformed or invalid)\n"
    "  130  interrupted (Ctrl-C)\n"
    "\n"
    "Environment:\n"
    "  STACKPICK_DATA_DIR  knowledge base directory when --data-dir is not given\n"
    "  NO_COLOR            disables colour when set and not empty\n"
    "\n"
    "Limits (docs/limits.md):\n"
    "  data files 8 MiB, answers files 1 MiB; JSON nested at most 64 deep; strings at most\n"
    "  64 KiB in data, 4 KiB in answers; at most 10,000 rules, nested at most 256 deep; rule\n"
    "  points -1000..1000; numbers are plain decimals (no 0x10, +5, 1e3, nan).\n";

constexpr const char* k_description =
    "Recommends Node.js, Python, or both (hybrid) for a new backend, with the reasons and\n"
    "the figures behind them, from a cited knowledge base.\n"
    "\n"
    "Examples:\n"
    "  stackpick --realtime --ml                 rank the stacks for a real-time app with ML\n"
    "  stackpick --team python --product saas    unanswered questions take their defaults\n"
    "  stackpick --realtime --json | jq .recommendation\n"
    "  stackpick --answers answers.json -o decision.txt\n"
    "  stackpick facts performance               the figures behind the reasons\n"
    "  stackpick validate --data-dir ./my-data   check a custom knowledge base\n";

/// Options shared by every command.
struct GlobalOptions {
    std::optional<std::string> data_dir;
    bool verbose = false;
    bool quiet = false;
    bool interactive = false;
    bool no_input = false;
    std::optional<std::string> save_answers;
    bool json = false;
    std::string format = "text";
    std::string color = "auto";
    std::optional<std::string> output;
    std::optional<std::string> answers_file;
    std::vector<std::string> weights;           ///< CRITERION=N
    std::vector<std::string> excluded_sources;  ///< source ids
    bool explain = false;                       ///< --explain: the full trace
    bool what_if = false;                       ///< --what-if: every flip found, not just one
    bool version = false;
};

/// The knowledge base, or why it could not be had. Loaded before parsing because the question
/// flags come from it; the error is raised only once a command needs the data.
struct LoadedKnowledgeBase {
    std::optional<KnowledgeBase> knowledge_base;
    std::optional<KnowledgeBaseLocation> location;
    std::unique_ptr<Error> error;
    std::optional<InvalidDataError> invalid;

    const KnowledgeBase& get() const {
        if (invalid) throw *invalid;
        if (error) throw *error;
        return *knowledge_base;
    }
};

/// "--data-dir DIR" or "--data-dir=DIR" among the arguments, before the real parse.
std::optional<std::string> scan_data_dir(const std::vector<std::string>& arguments) {
    std::optional<std::string> value;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == "--") break;
        if (arguments[i] == "--data-dir" && i + 1 < arguments.size())
            value = arguments[i + 1];
        else if (arguments[i].rfind("--data-dir=", 0) == 0)
            value = arguments[i].substr(11);
    }
    return value;
}

LoadedKnowledgeBase load(const std::vector<std::string>& arguments, const Console& console) {
    LoadedKnowledgeBase loaded;
    try {
        loaded.location = locate_knowledge_base(
            scan_data_dir(arguments),
            console.environment_data_dir.empty() ? nullptr : console.environment_data_dir.c_str());
        loaded.knowledge_base = load_knowledge_base(*loaded.location);
    } catch (const InvalidDataError& e) {
        loaded.invalid = e;
    } catch (const Error& e) {
        loaded.error = std::make_unique<Error>(e);
    }
    return loaded;
}

/// Answers given as flags: a raw text per question (booleans as "true"/"false").
struct QuestionFlags {
    struct Entry {
        const Question* question;
        CLI::Option* option = nullptr;
        CLI::Option* negation = nullptr;  // --no-X for booleans
        std::string text;
        bool yes = false, no = false;
    };
    std::vector<std::unique_ptr<Entry>> entries;
};

/// Adds one flag per question (and --no-X for booleans). A question whose flag is already an
/// option of stackpick's is a data error: the knowledge base must not shadow the CLI.
void add_question_flags(CLI::App& app, const KnowledgeBase& knowledge_base, QuestionFlags& flags) {
    Diagnostics collisions;
    for (std::size_t i = 0; i < knowledge_base.questions.size() && collisions.empty(); ++i) {
        const auto& question = knowledge_base.questions[i];
        auto entry = std::make_unique<QuestionFlags::Entry>();
        entry->question = &question;
        const std::string negation = "--no-" + question.id;
        const std::string description = terminal_safe(question.prompt);  // --help shows it
        // CLI11 refuses a name it already has; asking it first would scan every option twice
        // (a sixth of a cold start).
        const auto collides = [&](const std::string& name) {
            collisions.add(knowledge_base.location.embedded()
                               ? "<embedded>/questions.json"
                               : knowledge_base.location.directory + "/questions.json",
                           fmt::format("/questions/{}/flag", i),
                           fmt::format("flag '{}' collides with a built-in option", name));
        };
        try {
            if (question.type == QuestionType::boolean)
                entry->option =
                    app.add_flag(question.flag, entry->yes, description)->group("Project");
            else
                entry->option =
                    app.add_option(question.flag, entry->text, description)
                        ->type_name(question.type == QuestionType::choice
                                        ? question.valid_values()
                                        : fmt::format("N ({})", question.valid_values()))
                        ->group("Project");
        } catch (const CLI::OptionAlreadyAdded&) {
            collides(question.flag);
        }
        if (question.type == QuestionType::boolean) {
            try {
                entry->negation = app.add_flag(negation, entry->no, "")->group("");
            } catch (const CLI::OptionAlreadyAdded&) {
                collides(negation);
            }
        }
        flags.entries.push_back(std::move(entry));
    }
    if (!collisions.empty()) throw InvalidDataError(collisions.items());
}

/// The answers given as flags, checked and normalised.
GivenAnswers answers_from_flags(const QuestionFlags& flags) {
    GivenAnswers given;
    for (const auto& entry : flags.entries) {
        const Question& question = *entry->question;
        if (question.type == QuestionType::boolean) {
            if (entry->yes && entry->no)
                throw UsageError(fmt::format("{} and --no-{} contradict each other", question.flag,
                                             question.id));
            if (entry->yes) given[question.key] = true;
            if (entry->no) given[question.key] = false;
        } else if (entry->option->count() > 0) {
            given[question.key] = parse_answer_text(question, entry->text);
        }
    }
    return given;
}

/// Session state every command can use.
struct Session {
    const GlobalOptions& options;
    Console& console;
    const LoadedKnowledgeBase& loaded;
    const QuestionFlags& question_flags;
    mutable bool said_which_knowledge_base = false;  ///< --verbose says it once

    const KnowledgeBase& knowledge_base() const {
        if (options.verbose && loaded.location && !said_which_knowledge_base) {
            *console.err << "stackpick: using " << terminal_safe(loaded.location->describe())
                         << "\n";
            said_which_knowledge_base = true;
        }
        return loaded.get();
    }
    bool json() const { return options.json || options.format == "json"; }
    TextStyle text_style(bool to_terminal) const {
        const bool allowed =
            console.environment_no_color.empty() && console.environment_term != "dumb";
        const bool color =
            options.color == "always" || (options.color == "auto" && to_terminal && allowed);
        return TextStyle{color, color, 80};
    }
};

/// A JSON result as printed: indented, and valid UTF-8 even when it carries a path or an
/// argument that is not (invalid bytes become U+FFFD instead of an exception).
std::string json_text(const nlohmann::ordered_json& document) {
    return document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

/// An argument as an error message shows it: terminal-safe, and cut short (it may be 128 KiB).
std::string shown_argument(const std::string& argument) {
    constexpr std::size_t k_shown_bytes = 60;
    if (argument.size() <= k_shown_bytes) return terminal_safe(argument);
    return terminal_safe(argument.substr(0, k_shown_bytes - 3)) + "...";
}

/// Writes a command's result where -o says: stdout (collected) or a file, atomically.
void deliver(const Session& session, const std::string& content) {
    if (session.options.output && *session.options.output != "-") {
        write_file_atomically(*session.options.output, content);
        if (!session.options.quiet)
            *session.console.err << "stackpick: wrote " << terminal_safe(*session.options.output)
                                 << "\n";
    } else {
        session.console.out += content;
    }
}

bool writes_to_terminal(const Session& session) {
    return (!session.options.output || *session.options.output == "-") &&
           session.console.stdout_is_terminal;
}

// --- the main command: a recommendation ---------------------------------------------------------

/// --weight and --exclude-source, checked against the knowledge base's criteria and sources.
ScoringOptions scoring_options(const GlobalOptions& options, const KnowledgeBase& knowledge_base) {
    ScoringOptions scoring;
    std::vector<std::string> criteria;
    for (const auto& criterion : knowledge_base.facts.criteria) criteria.push_back(criterion.id);
    for (const auto& text : options.weights) {
        const auto equals = text.find('=');
        const std::string criterion = text.substr(0, equals);
        if (equals == std::string::npos || criterion.empty())
            throw UsageError(
                fmt::format("--weight: expected CRITERION=N, got '{}'", shown_argument(text)));
        if (!knowledge_base.facts.find_criterion(criterion))
            throw UsageError(
                fmt::format("--weight: unknown criterion '{}'{}", shown_argument(criterion),
                            did_you_mean(criterion, criteria)),
                "'stackpick facts use-cases' lists the criteria");
        const std::string value = text.substr(equals + 1);
        Question weight_question;
        weight_question.flag = "--weight " + criterion;
        weight_question.type = QuestionType::number;
        weight_question.minimum = 0;
        weight_question.maximum = 100;
        scoring.weights[criterion] = parse_answer_text(weight_question, value).get<double>();
    }
    const std::vector<std::string> sources = knowledge_base.facts.source_ids();
    for (const auto& source : options.excluded_sources) {
        if (!knowledge_base.facts.find_source(source))
            throw UsageError(fmt::format("--exclude-source: unknown source '{}'{}",
                                         shown_argument(source), did_you_mean(source, sources)),
                             "'stackpick facts sources' lists the sources");
        scoring.excluded_sources.push_back(source);
    }
    return scoring;
}

/// The answers from --answers and flags (flags win), checked.
GivenAnswers given_answers(const Session& session) {
    const auto& knowledge_base = session.knowledge_base();
    GivenAnswers given;
    if (session.options.answers_file)
        given = read_answers_file(*session.options.answers_file, *session.console.in,
                                  knowledge_base.questions);
    for (auto& [key, value] : answers_from_flags(session.question_flags)) given[key] = value;
    return given;
}

int run_estimate(const Session& session) {
    const auto& knowledge_base = session.knowledge_base();
    const Estimates estimates =
        estimate(knowledge_base, resolve_answers(knowledge_base.questions, given_answers(session)));
    if (session.options.format == "markdown" && !session.options.json)
        deliver(session, terminal_safe_lines(render_estimates_markdown(estimates, knowledge_base)));
    else if (session.json())
        deliver(session, estimates_json(estimates).dump(
                             2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
                             "\n");
    else
        deliver(session, terminal_safe_lines(render_estimates_text(estimates, knowledge_base, 80)));
    return 0;
}

int run_recommendation(const Session& session) {
    const auto& knowledge_base = session.knowledge_base();
    const ScoringOptions scoring = scoring_options(session.options, knowledge_base);
    GivenAnswers given = given_answers(session);  // flags win over --answers

    // Prompt only on a terminal, never in a pipe or CI; -i insists, --no-input forbids.
    Console& console = session.console;
    const auto& options = session.options;
    const bool answered = !given.empty() || options.answers_file.has_value();
    const bool prompt =
        options.interactive ||
        (!options.no_input && !answered && console.stdin_is_terminal && console.stderr_is_terminal);
    if (prompt) {
        // Ctrl-C ends at once: nothing is on stdout yet and nothing has been written.
        std::signal(SIGINT, [](int) {
            (void)!::write(STDERR_FILENO, "\n", 1);
            ::_exit(static_cast<int>(ExitCode::interrupted));
        });
        const bool color = console.stderr_is_terminal && console.environment_no_color.empty() &&
                           console.environment_term != "dumb" && options.color != "never";
        given = run_questionnaire(knowledge_base, given,
                                  PromptStreams{*console.in, *console.err, color});
        std::signal(SIGINT, SIG_DFL);
    }
    if (options.save_answers)
        write_file_atomically(*options.save_answers,
                              answers_document(knowledge_base.questions, given).dump(2) + "\n");
    if (!prompt && given.empty() && !session.options.quiet)
        *session.console.err << "stackpick: no answers given: every question is at its default "
                                "(see 'stackpick --help' for the flags)\n";

    const ResolvedAnswers answers = resolve_answers(knowledge_base.questions, given);
    const Recommendation recommendation = recommend(knowledge_base, answers, scoring);
    const Estimates estimates = estimate(knowledge_base, answers);
    // The text output names the shortest change that flips the pick; JSON lists them on request.
    const bool text = !session.json() && session.options.format != "markdown";
    // A decision record left open between tied stacks says what would decide it.
    const bool open_record = session.options.format == "markdown" && !session.json() &&
                             !recommendation.open_between.empty();
    std::optional<WhatIf> flips;
    if (options.what_if || text || open_record)
        flips = what_if(knowledge_base, given, scoring, options.what_if ? 10 : text ? 1 : 3);
    std::optional<ExplainTrace> trace;
    if (options.explain) trace = explain(knowledge_base, answers, recommendation);

    if (session.json()) {
        auto extra_members = nlohmann::ordered_json::object();
        if (trace) extra_members["trace"] = explain_json(*trace);
        if (options.what_if) {
            const auto members = what_if_json(*flips);
            for (const auto& [key, value] : members.items()) extra_members[key] = value;
        }
        deliver(session, recommendation_document_text(recommendation, knowledge_base, answers,
                                                      estimates, extra_members));
    } else if (session.options.format == "markdown") {
        std::string record =
            render_decision_record(recommendation, knowledge_base, answers, estimates);
        if (flips && options.what_if)
            record += "\n## What would change the answer\n\n```text\n" +
                      render_what_if_text(*flips, knowledge_base, given) + "```\n";
        else if (flips && open_record) {
            record += "\n## What would decide it\n\n";
            for (const Flip& flip : flips->flips)
                record +=
                    "* " + markdown_escape(render_flip_text(flip, knowledge_base, given)) + "\n";
            if (flips->flips.empty())
                record += "* No single change, and no pair of changes, settles the tie.\n";
        }
        if (trace)
            record +=
                "\n## Trace\n\n```text\n" + render_explain_text(*trace, knowledge_base) + "```\n";
        // A Markdown file is read in terminals too: no raw control characters from the data.
        deliver(session, terminal_safe_lines(record));
    } else {
        const std::string shortest_flip =
            options.what_if || flips->flips.empty()
                ? std::string()
                : render_flip_text(flips->flips.front(), knowledge_base, given);
        std::string out =
            render_text(recommendation, knowledge_base, answers,
                        session.text_style(writes_to_terminal(session)),
                        cost_and_time_lines(estimates, knowledge_base), shortest_flip);
        if (options.what_if) out += "\n" + render_what_if_text(*flips, knowledge_base, given);
        if (trace) out += "\n" + render_explain_text(*trace, knowledge_base);
        deliver(session, out);
    }
    // After the result, so a person can rerun the same answers in a script.
    if (prompt)
        console.after_output += "stackpick: equivalent command: " +
                                terminal_safe(equivalent_command(knowledge_base.questions, given)) +
                                "\n";
    return 0;
}

// --- subcommands --------------------------------------------------------------------------------

/// A subcommand: its CLI11 app, and what to do when it was given.
struct Command {
    CLI::App* app = nullptr;
    std::function<int(const Session&)> run;
};

nlohmann::ordered_json knowledge_base_counts(const KnowledgeBase& knowledge_base) {
    return {{"stacks", knowledge_base.stacks.size()},
            {"sources", knowledge_base.facts.sources.size()},
            {"figures", knowledge_base.facts.figures.size()},
            {"criteria", knowledge_base.facts.criteria.size()},
            {"frameworks", knowledge_base.facts.frameworks.size()},
            {"questions", knowledge_base.questions.size()},
            {"rules", knowledge_base.rules.size()}};
}

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
    for (const auto& scenario : load_scenarios(knowledge_base, {}))
        items.push_back({scenario.file, scenario.pointer,
                         fmt::format("scenario '{}'", scenario.name), scenario.sources,
                         scenario.quotes});
    const auto problems = check_quotes_in_articles(items, knowledge_base.facts, articles_dir);
    if (!problems.empty()) throw InvalidDataError(problems);
    std::size_t quotes = 0;
    for (const auto& item : items) quotes += item.quotes.size();
    return quotes;
}

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
                const auto& knowledge_base = session.knowledge_base();
                auto counts = knowledge_base_counts(knowledge_base);
                if (!articles->empty()) counts["quotes"] = check_quotes(knowledge_base, *articles);
                if (session.json()) {
                    nlohmann::ordered_json summary;
                    summary["valid"] = true;
                    summary["origin"] = knowledge_base.location.origin();
                    summary["version"] = knowledge_base.version;
                    summary["counts"] = counts;
                    summary["errors"] = nlohmann::ordered_json::array();
                    deliver(session, json_text(summary));
                } else {
                    std::vector<std::string> parts;
                    for (const auto& [name, count] : counts.items())
                        parts.push_back(fmt::format("{} {}", count.get<std::size_t>(), name));
                    deliver(session,
                            fmt::format(
                                "knowledge base {} ({}) is valid: {}{}\n", knowledge_base.version,
                                knowledge_base.location.origin(), fmt::join(parts, ", "),
                                articles->empty() ? "" : ", each quote found in its article"));
                }
                return 0;
            } catch (const InvalidDataError& e) {
                if (session.json()) {
                    nlohmann::ordered_json errors = nlohmann::ordered_json::array();
                    for (const auto& d : e.diagnostics())
                        errors.push_back(
                            {{"file", d.file}, {"pointer", d.pointer}, {"message", d.message}});
                    nlohmann::ordered_json report;
                    report["valid"] = false;
                    report["errors"] = errors;
                    // For validate the report is the result, so stdout carries it even though
                    // the exit code says the data is invalid.
                    console.out += report.dump(2, ' ', false,
                                               nlohmann::ordered_json::error_handler_t::replace) +
                                   "\n";
                    return static_cast<int>(ExitCode::invalid_data);
                }
                for (const auto& d : e.diagnostics())
                    *console.err << "stackpick: error: " << terminal_safe(to_string(d)) << "\n";
                *console.err << fmt::format("stackpick: {} problem{} found\n",
                                            e.diagnostics().size(),
                                            e.diagnostics().size() == 1 ? "" : "s");
                return static_cast<int>(ExitCode::invalid_data);
            }
        }};
}

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

Command add_questions(CLI::App& parent) {
    auto* app = parent.add_subcommand(
        "questions", "List every question: flag, type, choices, default, rules that read it");
    app->footer(
        "Examples:\n  stackpick questions\n  stackpick questions --json | jq '.questions[].flag'");
    return {
        app, [](const Session& session) {
            const auto& knowledge_base = session.knowledge_base();
            if (session.json()) {
                nlohmann::ordered_json list = nlohmann::ordered_json::array();
                for (const auto& question : knowledge_base.questions) {
                    nlohmann::ordered_json item;
                    item["id"] = question.id;
                    item["key"] = question.key;
                    item["flag"] = question.flag;
                    item["type"] = to_string(question.type);
                    item["prompt"] = question.prompt;
                    item["help"] = question.help;
                    nlohmann::ordered_json choices = nlohmann::ordered_json::array();
                    for (const auto& choice : question.choices)
                        choices.push_back({{"id", choice.id}, {"description", choice.description}});
                    item["choices"] = choices;
                    item["min"] =
                        question.minimum ? nlohmann::ordered_json(*question.minimum) : nullptr;
                    item["max"] =
                        question.maximum ? nlohmann::ordered_json(*question.maximum) : nullptr;
                    item["default"] = nlohmann::ordered_json::parse(question.default_value.dump());
                    item["ask_if"] = nlohmann::ordered_json::parse(question.ask_if_rule.dump());
                    item["sources"] = question.sources;
                    item["quotes"] = quotes_json<nlohmann::ordered_json>(question.quotes);
                    std::vector<std::string> rules;
                    for (const auto& rule : knowledge_base.rules)
                        if (std::find(rule.reads.begin(), rule.reads.end(), question.key) !=
                            rule.reads.end())
                            rules.push_back(rule.id);
                    item["rules"] = rules;
                    list.push_back(item);
                }
                nlohmann::ordered_json document;
                document["schema_version"] = "1";
                document["questions"] = list;
                deliver(session, document.dump(2) + "\n");
                return 0;
            }
            std::string out;
            for (const auto& question : knowledge_base.questions) {
                std::string values =
                    question.type == QuestionType::boolean
                        ? fmt::format("{} / --no-{}", question.flag, question.id)
                        : fmt::format("{} {}", question.flag, question.valid_values());
                out += fmt::format("{}\n", terminal_safe(values));
                out += "    " + wrap(terminal_safe(question.prompt), 76, "    ");
                std::vector<std::string> rules;
                for (const auto& rule : knowledge_base.rules)
                    if (std::find(rule.reads.begin(), rule.reads.end(), question.key) !=
                        rule.reads.end())
                        rules.push_back(rule.id);
                out += "    " +
                       wrap(fmt::format(
                                "default: {}; key: {}; rules: {}", question.default_value.dump(),
                                question.key,
                                rules.empty() ? "none" : fmt::format("{}", fmt::join(rules, ", "))),
                            76, "    ");
            }
            deliver(session, out);
            return 0;
        }};
}

Command add_test(CLI::App& parent) {
    auto* app = parent.add_subcommand(
        "test", "Run scenario files (answers + expected pick) and report rule coverage");
    auto files = std::make_shared<std::vector<std::string>>();
    app->add_option("files", *files, "Scenario files (default: the knowledge base's scenarios/)")
        ->type_name("FILE...");
    app->footer(
        "Exit status: 0 when every scenario passes, 1 when one fails, 3 for an invalid file.\n"
        "Examples:\n  stackpick test\n  stackpick test my-scenarios.json --json");
    return {
        app, [files](const Session& session) {
            const auto& knowledge_base = session.knowledge_base();
            const auto scenarios = load_scenarios(knowledge_base, *files);
            const auto report = run_scenarios(knowledge_base, scenarios);
            if (session.json()) {
                nlohmann::ordered_json results = nlohmann::ordered_json::array();
                for (const auto& result : report.results)
                    results.push_back({{"name", result.scenario->name},
                                       {"file", result.scenario->file},
                                       {"pointer", result.scenario->pointer},
                                       {"passed", result.passed()},
                                       {"expected", result.scenario->expected_top},
                                       {"actual", result.actual_top},
                                       {"expected_no_clear_pick", result.scenario->expected_open},
                                       {"actual_no_clear_pick", result.actual_open},
                                       {"failures", result.failures}});
                nlohmann::ordered_json document;
                document["passed"] = report.passed;
                document["failed"] = report.failed;
                document["rules"] = knowledge_base.rules.size();
                document["uncovered_rules"] = report.uncovered_rules;
                document["results"] = results;
                deliver(session, json_text(document));
            } else {
                std::string out;
                for (const auto& result : report.results) {
                    out += fmt::format("{}  {}\n", result.passed() ? "PASS" : "FAIL",
                                       terminal_safe(result.scenario->name));
                    for (const auto& failure : result.failures)
                        out += fmt::format("      {} ({}: {})\n", failure, result.scenario->file,
                                           result.scenario->pointer);
                }
                out += fmt::format("{} scenarios: {} passed, {} failed\n", report.results.size(),
                                   report.passed, report.failed);
                out += fmt::format("rule coverage: {} of {} rules fired in at least one scenario\n",
                                   knowledge_base.rules.size() - report.uncovered_rules.size(),
                                   knowledge_base.rules.size());
                if (!report.uncovered_rules.empty())
                    out += "  " + wrap(fmt::format("never fired: {}",
                                                   fmt::join(report.uncovered_rules, ", ")),
                                       78, "    ");
                deliver(session, out);
            }
            return report.failed == 0 ? 0 : static_cast<int>(ExitCode::failure);
        }};
}

/// A JSON argument of `eval`: text, "@path" (a file) or "-" (stdin). Malformed text in an
/// argument is a usage error (exit 2); in a file or stdin, invalid data (exit 3).
nlohmann::json eval_input(const std::string& argument, const std::string& name,
                          const Session& session) {
    // Rules may nest deeper than data files; compile() enforces the rule-depth limit itself.
    const JsonLimits limits{8u << 20, 1000, 1u << 20};
    if (argument == "-")
        return parse_json_text(read_text_stream(*session.console.in, "<stdin>", limits), "<stdin>",
                               limits);
    if (!argument.empty() && argument.front() == '@') {
        const std::string path = argument.substr(1);
        return parse_json_text(read_text_file(path, path, limits), path, limits);
    }
    try {
        return parse_json_text(argument, name, limits);
    } catch (const DataError& e) {
        throw UsageError(e.what());
    }
}

Command add_eval(CLI::App& parent) {
    auto* app =
        parent.add_subcommand("eval", "Evaluate a JSON Logic rule against data (for rule authors)");
    auto rule = std::make_shared<std::string>();
    auto data = std::make_shared<std::string>("null");
    app->add_option("rule", *rule, "The rule: JSON text, @FILE, or - for stdin")
        ->required()
        ->type_name("RULE");
    app->add_option("data", *data, "The data: JSON text, @FILE, or - for stdin (default: null)")
        ->type_name("DATA");
    app->footer(
        "Prints the result as compact JSON. A rule that throws prints 'rule threw <error>' on\n"
        "stderr and exits 1.\n\n"
        "Examples:\n"
        "  stackpick eval '{\"if\":[{\">\":[{\"var\":\"users\"},10000]},\"node\",\"python\"]}' "
        "'{\"users\":50000}'\n"
        "  stackpick eval @rule.json @answers.json");
    return {
        app, [rule, data](const Session& session) {
            if (*rule == "-" && *data == "-")
                throw UsageError("eval: RULE and DATA cannot both be read from stdin");
            const auto rule_json = eval_input(*rule, "RULE", session);
            const auto data_json = eval_input(*data, "DATA", session);
            nlohmann::json result;
            try {
                result = logic::evaluate(logic::compile(rule_json), data_json);
            } catch (const logic::CompileError& e) {
                // Compiling fails for an unknown operator or for nesting past the depth limit.
                const bool unknown = std::string_view(e.what()).starts_with("unknown operator");
                throw RuntimeError(fmt::format(
                    "rule threw {}", logic::to_compact_json(
                                         {{"type", unknown ? "Unknown Operator" : "Limit Exceeded"},
                                          {"message", e.what()}})));
            } catch (const logic::RuleError& e) {
                throw RuntimeError(fmt::format("rule threw {}", logic::to_compact_json(e.error)));
            }
            deliver(session, logic::to_compact_json(result) + "\n");
            return 0;
        }};
}

/// An option as completion sees it: choices come from a type name such as "text|json".
CompletionOption completion_option(const CLI::Option& option) {
    CompletionOption result;
    for (const auto& name : option.get_lnames()) result.names.push_back("--" + name);
    for (const auto& name : option.get_snames()) result.names.push_back("-" + name);
    result.description = option.get_description();
    result.takes_value = option.get_type_size() != 0;
    // CLI11 appends its validators' descriptions ("text|json:{text,json}"): keep our part.
    std::string type = option.get_type_name();
    type = type.substr(0, type.find(':'));
    if (type.find('|') != std::string::npos && type.find(' ') == std::string::npos) {
        std::size_t start = 0;
        while (start <= type.size()) {
            const auto bar = type.find('|', start);
            result.choices.push_back(
                type.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
            if (bar == std::string::npos) break;
            start = bar + 1;
        }
    } else if (type.rfind("FILE", 0) == 0) {
        result.value = CompletionOption::Value::file;
    } else if (type == "DIR") {
        result.value = CompletionOption::Value::directory;
    }
    return result;
}

std::vector<CompletionCommand> completion_commands(const CLI::App& app) {
    std::vector<CompletionCommand> commands;
    const auto describe = [](const CLI::App& from, const std::string& name) {
        CompletionCommand command{name, from.get_description(), {}};
        for (const CLI::Option* option : from.get_options())
            if (!option->get_lnames().empty() || !option->get_snames().empty())
                command.options.push_back(completion_option(*option));
        return command;
    };
    commands.push_back(describe(app, ""));
    for (const CLI::App* sub : app.get_subcommands({}))
        commands.push_back(describe(*sub, sub->get_name()));
    return commands;
}

Command add_completions(CLI::App& parent) {
    auto* app =
        parent.add_subcommand("completions", "Print a shell completion script (bash, zsh or fish)");
    auto shell = std::make_shared<std::string>();
    app->add_option("shell", *shell, "bash, zsh or fish")->required()->type_name("bash|zsh|fish");
    app->footer(
        "The script completes every option, including the questions' flags and their choices.\n"
        "Examples:\n"
        "  source <(stackpick completions bash)\n"
        "  stackpick completions fish > ~/.config/fish/completions/stackpick.fish");
    CLI::App* root = &parent;
    return {app, [shell, root](const Session& session) {
                deliver(session, completion_script(*shell, completion_commands(*root)));
                return 0;
            }};
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
    return {app, [](const Session& session) { return run_estimate(session); }};
}

/// An answers file of `diff`: read like --answers ("-" for stdin), with its limits.
GivenAnswers diff_side(const Session& session, const std::string& path) {
    return read_answers_file(path, *session.console.in, session.knowledge_base().questions);
}

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
        app, [files, exit_code](const Session& session) {
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
            } else {
                deliver(session,
                        terminal_safe_lines(render_diff_text(difference, knowledge_base, a, b)));
            }
            return *exit_code && difference.pick_changed() ? 1 : 0;
        }};
}

/// A whole number in 1..maximum given to an option, strictly ("0x10" and "+5" are refused).
std::size_t count_option(const std::string& flag, const std::string& text, double maximum) {
    Question count;
    count.flag = flag;
    count.type = QuestionType::integer;
    count.minimum = 1;
    count.maximum = maximum;
    return parse_answer_text(count, text).get<std::size_t>();
}

Command add_batch(CLI::App& parent) {
    auto* app = parent.add_subcommand(
        "batch", "Score many answer sets: JSON Lines in, one JSON result per line out");
    auto file = std::make_shared<std::string>("-");
    auto fields = std::make_shared<std::vector<std::string>>();
    auto jobs = std::make_shared<std::string>();
    auto stats = std::make_shared<bool>(false);
    app->add_option("file", *file, "Answers, one --answers object per line (default: - for stdin)")
        ->type_name("FILE|-");
    app->add_option("--fields", *fields, "Keep only these top-level fields of each result")
        ->delimiter(',')
        ->allow_extra_args(false)  // else `--fields a,b FILE` swallows FILE as a field
        ->type_name("FIELD,...");
    app->add_option("--jobs", *jobs, "Score on N threads (default: the number of cores)")
        ->type_name("N");
    app->add_flag("--stats", *stats, "Print lines/s and the time per stage to stderr at the end");
    app->footer(
        "Each result line is the document --json prints, on one line; a bad line gives\n"
        "{\"line\": N, \"error\": \"...\"} in its place, the run goes on, and the exit code is 3.\n"
        "Results stay in input order whatever --jobs is. See docs/batch.md.\n"
        "Examples:\n"
        "  stackpick batch surveys.jsonl > results.jsonl\n"
        "  cat surveys.jsonl | stackpick batch --fields recommendation | jq -r .recommendation.id");
    return {app, [file, fields, jobs, stats](const Session& session) {
                const auto& knowledge_base = session.knowledge_base();
                if (session.options.output && *session.options.output != "-")
                    throw UsageError(
                        "batch streams its results to stdout; redirect it instead of -o",
                        "stackpick batch surveys.jsonl > results.jsonl");
                BatchOptions options;
                options.scoring = scoring_options(session.options, knowledge_base);
                options.fields = *fields;
                options.stats = *stats;
                // The default is capped too: a 512-core machine must not fail a --jobs check.
                options.jobs = jobs->empty()
                                   ? std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1,
                                                             k_max_batch_jobs)
                                   : count_option("--jobs", *jobs, k_max_batch_jobs);
                // fd-based: a closed pipe ends quietly, a full disk is exit 1 (docs/batch.md).
                return run_batch_file(knowledge_base, options, *file, *session.console.err);
            }};
}

/// Every subcommand, in the order --help lists them. A new subcommand adds one line here.
std::vector<Command> register_commands(CLI::App& app) {
    std::vector<Command> commands;
    commands.push_back(add_batch(app));
    commands.push_back(add_completions(app));
    commands.push_back(add_diff(app));
    commands.push_back(add_estimate(app));
    commands.push_back(add_eval(app));
    commands.push_back(add_facts(app));
    commands.push_back(add_questions(app));
    commands.push_back(add_test(app));
    commands.push_back(add_validate(app));
    return commands;
}

// --- parsing ------------------------------------------------------------------------------------

std::vector<std::string> option_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::Option* option : app.get_options()) {
        for (const auto& name : option->get_lnames()) names.push_back("--" + name);
        for (const auto& name : option->get_snames()) names.push_back("-" + name);
    }
    for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    return names;
}

/// Turns CLI11's parse errors into one clear line with the nearest valid name.
[[noreturn]] void throw_usage_error(const CLI::ParseError& e, const CLI::App& app,
                                    const std::vector<std::string>& arguments) {
    const std::string hint = "run 'stackpick --help' for the options";
    if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
        auto names = option_names(app);
        for (const CLI::App* sub : app.get_subcommands({})) {
            auto more = option_names(*sub);
            names.insert(names.end(), more.begin(), more.end());
        }
        // The first argument that is no option or subcommand name.
        for (const auto& argument : arguments) {
            const std::string name = argument.substr(0, argument.find('='));
            if (std::find(names.begin(), names.end(), name) != names.end()) continue;
            if (name.rfind('-', 0) == 0 && name.size() > 1)
                throw UsageError(fmt::format("unknown option '{}'{}", shown_argument(name),
                                             did_you_mean(name, names)),
                                 hint);
        }
        for (const auto& argument : arguments) {
            if (std::find(names.begin(), names.end(), argument) != names.end()) continue;
            if (argument.rfind('-', 0) == 0) continue;
            throw UsageError(fmt::format("unexpected argument '{}'{}", shown_argument(argument),
                                         did_you_mean(argument, names)),
                             hint);
        }
    }
    std::string message = e.what();
    if (!message.empty() && message.back() == '\n') message.pop_back();
    throw UsageError(terminal_safe(message), hint);
}

}  // namespace

int run(const std::vector<std::string>& arguments, Console& console) {
    const LoadedKnowledgeBase loaded = load(arguments, console);

    GlobalOptions options;
    CLI::App app(k_description, "stackpick");
    app.footer(k_exit_codes);
    app.set_help_flag("-h,--help", "Print this help and exit");
    app.add_flag("--version", options.version,
                 "Print the version and the knowledge base's version");
    app.add_option("--data-dir", options.data_dir,
                   "Read the knowledge base from DIR instead of the embedded copy")
        ->type_name("DIR");
    app.add_option("--answers", options.answers_file,
                   "Read answers from a JSON file ('-' for stdin); flags override it")
        ->type_name("FILE");
    app.add_option("--weight", options.weights,
                   "Scale a criterion's rules by N (0 switches them off); repeatable")
        ->type_name("CRITERION=N");
    app.add_option("--exclude-source", options.excluded_sources,
                   "Score without the rules that rest only on this source; repeatable")
        ->type_name("SOURCE");
    app.add_flag("--explain", options.explain,
                 "Show the full trace: every rule, the values it read, the score arithmetic");
    app.add_flag("--what-if", options.what_if,
                 "List the smallest answer changes that would change the pick");
    app.add_flag("--json", options.json, "Print JSON (same as --format json)");
    app.add_option("--format", options.format, "Output format")
        ->type_name("text|json|markdown")
        ->transform(CLI::IsMember({"text", "json", "markdown"}, CLI::ignore_case));
    app.add_option("-o,--output", options.output,
                   "Write the result to FILE (atomically) instead of stdout")
        ->type_name("FILE");
    app.add_option("--color", options.color, "Colour in text output")
        ->type_name("auto|always|never")
        ->transform(CLI::IsMember({"auto", "always", "never"}, CLI::ignore_case));
    app.add_flag("-v,--verbose", options.verbose, "Say which knowledge base was used");
    app.add_flag("-q,--quiet", options.quiet, "Print only results and errors");
    app.add_flag("-i,--interactive", options.interactive,
                 "Ask the questions one by one (needs a terminal)");
    app.add_flag("--no-input", options.no_input, "Never prompt, even on a terminal");
    app.add_option("--save-answers", options.save_answers,
                   "Write the answers given to FILE (the --answers format), atomically")
        ->type_name("FILE");
    app.require_subcommand(0, 1);

    auto commands = register_commands(app);
    // Global options may be given after a subcommand too ("stackpick validate --json").
    for (auto& command : commands) command.app->fallthrough();

    QuestionFlags question_flags;
    if (loaded.knowledge_base) add_question_flags(app, *loaded.knowledge_base, question_flags);

    std::vector<std::string> reversed(arguments.rbegin(), arguments.rend());
    try {
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        console.out += app.help();
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        console.out += app.help("", CLI::AppFormatMode::All);
        return 0;
    } catch (const CLI::ParseError& e) {
        // Without a knowledge base there are no question flags; its error explains more.
        if (!loaded.knowledge_base && !dynamic_cast<const CLI::ValidationError*>(&e))
            (void)loaded.get();
        throw_usage_error(e, app, arguments);
    }

    if (options.interactive && options.no_input)
        throw UsageError("--interactive and --no-input contradict each other");
    if (options.interactive && options.answers_file && *options.answers_file == "-")
        throw UsageError("--interactive needs stdin for the prompts, but --answers - reads it");
    if (options.interactive && !console.stdin_is_terminal)
        throw UsageError(
            "--interactive needs a terminal, and stdin is not one",
            "give the answers as flags (see 'stackpick questions') or with --answers FILE, "
            "or use --no-input to take the defaults");
    const Session session{options, console, loaded, question_flags};
    if (options.version) {
        const auto& knowledge_base = session.knowledge_base();
        console.out += fmt::format("stackpick {}\nknowledge base {} ({}, {})\n", k_version,
                                   knowledge_base.version, knowledge_base.date,
                                   knowledge_base.location.origin());
        return 0;
    }
    for (auto& command : commands)
        if (command.app->parsed()) return command.run(session);
    return run_recommendation(session);
}

int report_error(const Error& error, Console& console) {
    if (const auto* invalid = dynamic_cast<const InvalidDataError*>(&error)) {
        for (const auto& diagnostic : invalid->diagnostics())
            *console.err << "stackpick: error: " << terminal_safe(to_string(diagnostic)) << "\n";
    } else {
        *console.err << "stackpick: error: " << terminal_safe(error.what()) << "\n";
    }
    if (!error.hint().empty()) *console.err << "hint: " << error.hint() << "\n";
    return static_cast<int>(error.code());
}

int report_internal_error(const std::string& what, Console& console) {
    *console.err << fmt::format(
        "stackpick: internal error: {}\n(stackpick {}; please report this with the command you "
        "ran)\n",
        terminal_safe(what), k_version);
    return static_cast<int>(ExitCode::failure);
}

}  // namespace stackpick
