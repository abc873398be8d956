// The command line: the global options, the command table, parsing, and the one error line a
// failure becomes. Question flags are generated from the knowledge base's questions; each
// subcommand lives in its own <name>_command.cpp and is listed in register_commands().

#include "stackpick/cli/cli.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "command.hpp"
#include "stackpick/util/calendar.hpp"
#include "stackpick/util/suggest.hpp"
#include "stackpick/util/text.hpp"
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
    "  STACKPICK_NO_CACHE  1: the same as --no-cache\n"
    "  XDG_CACHE_HOME      the compiled cache goes in its stackpick/ (default\n"
    "                      ~/.cache/stackpick/)\n"
    "  NO_COLOR            disables colour when set and not empty\n"
    "  SOURCE_DATE_EPOCH   seconds since 1970 used as today: a Markdown record's date,\n"
    "                      and whether the knowledge base is past its review date\n"
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

/// Every subcommand, in the order --help lists them. A new subcommand adds one line here.
std::vector<Command> register_commands(CLI::App& app) {
    std::vector<Command> commands;
    commands.push_back(add_batch(app));
    commands.push_back(add_check(app));
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
        // The first argument no option or positional took (`eval RULE DATA extra`: 'extra'),
        // else the first that is no option or subcommand name.
        std::vector<std::string> candidates = app.remaining(true);
        if (candidates.empty()) candidates = arguments;
        for (const auto& argument : candidates) {
            if (std::find(names.begin(), names.end(), argument) != names.end()) continue;
            if (argument.rfind('-', 0) == 0) continue;
            throw UsageError(fmt::format("unexpected argument '{}'{}", shown_argument(argument),
                                         did_you_mean(argument, names)),
                             hint);
        }
    }
    // A command's files missing or too few: name the command and what it takes, not CLI11's
    // "files is required" or "files: At least 2 required but received 1".
    if (dynamic_cast<const CLI::RequiredError*>(&e) ||
        dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
        for (const CLI::App* command : app.get_subcommands())
            for (const CLI::Option* option : command->get_options()) {
                const int needed = std::max(option->get_items_expected_min(), 1);
                const int given = static_cast<int>(option->count());
                if (!option->get_positional() ||
                    (given >= needed && given <= option->get_items_expected_max()))
                    continue;
                // "2 files (A.json B.json)", "at least one file (FILE...)".
                std::string noun = option->get_name();
                if (needed == 1 && !noun.empty() && noun.back() == 's') noun.pop_back();
                const bool more = option->get_items_expected_max() > needed;
                const std::string amount =
                    needed == 1 ? (more ? "at least one" : "one") : std::to_string(needed);
                throw UsageError(
                    fmt::format("{}: expected {} {} ({}{}), got {}", command->get_name(), amount,
                                noun, option->get_type_name(), more ? "..." : "",
                                option->count() == 0 ? std::string("none")
                                                     : std::to_string(option->count())),
                    fmt::format("run 'stackpick {} --help'", command->get_name()));
            }
    }
    std::string message = e.what();
    if (!message.empty() && message.back() == '\n') message.pop_back();
    throw UsageError(terminal_safe(message), hint);
}

/// The options every command takes, in the order --help lists them.
void add_global_options(CLI::App& app, GlobalOptions& options) {
    app.footer(k_exit_codes);
    app.set_help_flag("-h,--help", "Print this help and exit");
    app.add_flag("--version", options.version,
                 "Print the version and the knowledge base's version");
    app.add_option("--data-dir", options.data_dir,
                   "Read the knowledge base from DIR instead of the embedded copy")
        ->type_name("DIR");
    app.add_flag("--no-cache", options.no_cache,
                 "Parse DIR every time instead of reading its compiled copy from the cache");
    app.add_option("--answers", options.answers_file,
                   "Read answers from a JSON file or pipe ('-' for stdin); flags override it")
        ->type_name("FILE");
    app.add_option("--weight", options.weights,
                   "Scale a criterion's rules by N (0 switches them off); repeatable")
        ->type_name("CRITERION=N");
    app.add_option("--exclude-source", options.excluded_sources,
                   "Score without the rules that rest only on this source; repeatable")
        ->type_name("SOURCE");
    app.add_option("--rule-out", options.ruled_out,
                   "Never recommend this stack, whatever its points (a hard constraint); "
                   "repeatable")
        ->type_name("STACK");
    app.add_flag("--explain", options.explain,
                 "Show the full trace: every rule, the values it read, the score arithmetic");
    app.add_flag("--what-if", options.what_if,
                 "List the smallest answer changes that would change the pick");
    app.add_flag("--json", options.json, "Print JSON (same as --format json)");
    app.add_option("--format", options.format, "Output format")
        ->type_name("text|json|markdown|html")
        ->transform(CLI::IsMember({"text", "json", "markdown", "html"}, CLI::ignore_case));
    app.add_option("-o,--output", options.output,
                   "Write the result to FILE (atomically) instead of stdout; with --format "
                   "markdown, a DIR/ gets the next numbered record (NNNN-backend-stack.md)")
        ->type_name("FILE");
    app.add_option("--supersedes", options.supersedes,
                   "With -o DIR/ and --format markdown: mark this earlier record's status as "
                   "superseded by the new one")
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
}

/// Whether an --answers path is this process's stdin ("-", or its names under /dev and /proc).
bool names_stdin(const std::string& path) {
    return path == "-" || path == "/dev/stdin" || path == "/dev/fd/0" || path == "/proc/self/fd/0";
}

/// Options that cannot go together, or need a terminal the process does not have.
void check_prompt_options(const GlobalOptions& options, const Console& console) {
    if (options.interactive && options.no_input)
        throw UsageError("--interactive and --no-input contradict each other");
    if (options.interactive && options.answers_file && names_stdin(*options.answers_file))
        throw UsageError(
            fmt::format("--interactive needs stdin for the prompts, but --answers {} reads it",
                        shown_argument(*options.answers_file)));
    if (options.interactive && !console.stdin_is_terminal)
        throw UsageError(
            "--interactive needs a terminal, and stdin is not one",
            "give the answers as flags (see 'stackpick questions') or with --answers FILE, "
            "or use --no-input to take the defaults");
}

/// A command given a format it does not render says so (exit 2) instead of printing text.
void check_format(const Command& command, const Session& session) {
    const std::string requested = session.json() ? "json" : session.options.format;
    const auto& formats = command.formats;
    if (std::find(formats.begin(), formats.end(), requested) != formats.end()) return;
    const std::string asked = session.options.json ? "--json" : "--format " + requested;
    throw UsageError(fmt::format("{}: {} is not available: it prints {}", command.app->get_name(),
                                 asked, list_text(formats, "or")),
                     fmt::format("run 'stackpick {} --help'", command.app->get_name()));
}

/// The knowledge base of a process that ends after this command: never freed. The system takes
/// the memory back at once when the process exits, whereas freeing a knowledge base piece by
/// piece costs about a tenth of a cold start, and some 35 ms at 10,000 rules. Held from a global
/// pointer, so that leak checkers count it as still reachable, not lost (volatile: a pointer
/// nothing reads would otherwise not be stored at all).
LoadedKnowledgeBase* volatile g_left_to_the_system = nullptr;

const LoadedKnowledgeBase& left_to_the_system(LoadedKnowledgeBase loaded) {
    auto* kept = new LoadedKnowledgeBase(std::move(loaded));
    g_left_to_the_system = kept;
    return *kept;
}

}  // namespace

int run(const std::vector<std::string>& arguments, Console& console) {
    std::optional<LoadedKnowledgeBase> owned;
    const LoadedKnowledgeBase& loaded =
        console.process_ends_after_run ? left_to_the_system(load_for_arguments(arguments, console))
                                       : owned.emplace(load_for_arguments(arguments, console));

    GlobalOptions options;
    CLI::App app(k_description, "stackpick");
    add_global_options(app, options);
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

    check_prompt_options(options, console);
    const Session session{options, console, loaded, question_flags,
                          today(console.environment_source_date_epoch, console.clock_seconds)};
    if (options.version) {
        const auto& knowledge_base = session.knowledge_base();
        const std::string review = knowledge_base.review_by.empty()
                                       ? std::string()
                                       : ", review by " + knowledge_base.review_by;
        console.out += fmt::format("stackpick {}\nknowledge base {} ({}{}, {})\n", k_version,
                                   knowledge_base.version, knowledge_base.date, review,
                                   knowledge_base.location.origin());
        return 0;
    }
    for (auto& command : commands) {
        if (!command.app->parsed()) continue;
        check_format(command, session);
        return command.run(session);
    }
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
