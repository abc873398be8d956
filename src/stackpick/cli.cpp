// The only file that includes CLI11: it turns arguments into option values and calls the
// modules that do the work. Each subcommand is registered in register_commands().

#include "stackpick/cli.hpp"

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "stackpick/diagnostics.hpp"
#include "stackpick/knowledge_base.hpp"
#include "stackpick/suggest.hpp"
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
    "  NO_COLOR            disables colour when set and not empty\n";

constexpr const char* k_description =
    "Recommends Node.js, Python, or both (hybrid) for a new backend, with the reasons and\n"
    "the figures behind them, from a cited knowledge base.\n"
    "\n"
    "Examples:\n"
    "  stackpick --realtime --ml                 rank the stacks for a real-time app with ML\n"
    "  stackpick --team python --product saas    answers as flags; unanswered ones are assumed\n"
    "  stackpick --realtime --json | jq .recommendation\n"
    "  stackpick validate --data-dir ./my-data   check a custom knowledge base\n";

/// Options shared by every command.
struct GlobalOptions {
    std::optional<std::string> data_dir;
    bool verbose = false;
    bool quiet = false;
    bool json = false;
    bool version = false;
};

/// Everything a command needs to run: the options, the console, and the knowledge base (loaded
/// once, on first use, so --help and --version stay instant).
class Session {
  public:
    Session(const GlobalOptions& options, Console& console)
        : m_options(options), m_console(console) {}

    const GlobalOptions& options() const { return m_options; }
    Console& console() { return m_console; }

    const KnowledgeBase& knowledge_base() {
        if (!m_knowledge_base) {
            const auto location = locate_knowledge_base(
                m_options.data_dir, m_console.environment_data_dir.empty()
                                        ? nullptr
                                        : m_console.environment_data_dir.c_str());
            if (m_options.verbose)
                *m_console.err << "stackpick: using " << location.describe() << "\n";
            m_knowledge_base = load_knowledge_base(location);
        }
        return *m_knowledge_base;
    }

  private:
    const GlobalOptions& m_options;
    Console& m_console;
    std::optional<KnowledgeBase> m_knowledge_base;
};

/// A subcommand: how to declare its options, and what to do when it was given.
struct Command {
    CLI::App* app = nullptr;
    std::function<int(Session&)> run;
};

// --- validate -----------------------------------------------------------------------------------

Command add_validate(CLI::App& parent) {
    auto* app = parent.add_subcommand("validate", "Check a knowledge base and summarise it");
    app->footer(
        "Examples:\n  stackpick validate\n  stackpick validate --data-dir ./my-data --json");
    return {app, [](Session& session) {
                Console& console = session.console();
                try {
                    const auto& knowledge_base = session.knowledge_base();
                    if (session.options().json) {
                        nlohmann::json summary = {
                            {"valid", true},
                            {"origin", knowledge_base.location.origin()},
                            {"version", knowledge_base.version},
                            {"counts", {{"stacks", knowledge_base.stacks.size()}}},
                            {"errors", nlohmann::json::array()}};
                        console.out += summary.dump(2) + "\n";
                    } else {
                        console.out += fmt::format(
                            "knowledge base {} ({}) is valid: {} stacks\n", knowledge_base.version,
                            knowledge_base.location.origin(), knowledge_base.stacks.size());
                    }
                    return 0;
                } catch (const InvalidDataError& e) {
                    if (session.options().json) {
                        nlohmann::json errors = nlohmann::json::array();
                        for (const auto& d : e.diagnostics())
                            errors.push_back(
                                {{"file", d.file}, {"pointer", d.pointer}, {"message", d.message}});
                        console.out +=
                            nlohmann::json{{"valid", false}, {"errors", errors}}.dump(2) + "\n";
                        // The JSON report is the result here; the exit code still says invalid.
                        return static_cast<int>(ExitCode::invalid_data);
                    }
                    for (const auto& d : e.diagnostics())
                        *console.err << "stackpick: error: " << to_string(d) << "\n";
                    *console.err << fmt::format("stackpick: {} problem{} found\n",
                                                e.diagnostics().size(),
                                                e.diagnostics().size() == 1 ? "" : "s");
                    return static_cast<int>(ExitCode::invalid_data);
                }
            }};
}

/// Every subcommand, in the order --help lists them. Later features add one line here.
std::vector<Command> register_commands(CLI::App& app) {
    std::vector<Command> commands;
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
        // The first argument that no option or subcommand took.
        for (const auto& argument : arguments) {
            const std::string name = argument.substr(0, argument.find('='));
            auto names = option_names(app);
            for (const CLI::App* sub : app.get_subcommands({})) {
                auto more = option_names(*sub);
                names.insert(names.end(), more.begin(), more.end());
            }
            if (std::find(names.begin(), names.end(), name) != names.end()) continue;
            if (name.rfind('-', 0) == 0)
                throw UsageError(
                    fmt::format("unknown option '{}'{}", name, did_you_mean(name, names)), hint);
            throw UsageError(
                fmt::format("unexpected argument '{}'{}", argument, did_you_mean(argument, names)),
                hint);
        }
    }
    std::string message = e.what();
    if (!message.empty() && message.back() == '\n') message.pop_back();
    throw UsageError(message, hint);
}

}  // namespace

int run(const std::vector<std::string>& arguments, Console& console) {
    GlobalOptions options;
    CLI::App app(k_description, "stackpick");
    app.footer(k_exit_codes);
    app.set_help_flag("-h,--help", "Print this help and exit");
    app.add_flag("--version", options.version,
                 "Print the version and the knowledge base's version");
    app.add_option("--data-dir", options.data_dir,
                   "Read the knowledge base from DIR instead of the embedded copy")
        ->option_text("DIR")
        ->type_name("DIR");
    app.add_flag("-v,--verbose", options.verbose, "Say which knowledge base was used, and more");
    app.add_flag("-q,--quiet", options.quiet, "Print only results and errors");
    app.add_flag("--json", options.json,
                 "Print JSON (a stable, documented schema) instead of text");
    app.require_subcommand(0, 1);

    auto commands = register_commands(app);
    // Global options may be given after a subcommand too ("stackpick validate --json").
    for (auto& command : commands) command.app->fallthrough();

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
        throw_usage_error(e, app, arguments);
    }

    Session session(options, console);
    if (options.version) {
        const auto& knowledge_base = session.knowledge_base();
        console.out += fmt::format("stackpick {}\nknowledge base {} ({}, {})\n", k_version,
                                   knowledge_base.version, knowledge_base.date,
                                   knowledge_base.location.origin());
        return 0;
    }
    for (auto& command : commands)
        if (command.app->parsed()) return command.run(session);

    // No subcommand: the recommendation (until the engine lands, a summary of what is known).
    const auto& knowledge_base = session.knowledge_base();
    console.out += fmt::format("stackpick {} with knowledge base {}: {} stacks\n", k_version,
                               knowledge_base.version, knowledge_base.stacks.size());
    return 0;
}

int report_error(const Error& error, Console& console) {
    *console.err << "stackpick: error: " << error.what() << "\n";
    if (!error.hint().empty()) *console.err << "hint: " << error.hint() << "\n";
    return static_cast<int>(error.code());
}

int report_internal_error(const std::string& what, Console& console) {
    *console.err << fmt::format(
        "stackpick: internal error: {}\n(stackpick {}; please report this with the command you "
        "ran)\n",
        what, k_version);
    return static_cast<int>(ExitCode::failure);
}

}  // namespace stackpick
