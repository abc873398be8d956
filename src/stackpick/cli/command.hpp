#pragma once
// What the command files of the cli layer share: the options every command takes, the session a
// command runs in, and how a result is delivered. Private to src/stackpick/cli/.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "stackpick/engine/engine.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/report/report.hpp"
#include "stackpick/util/calendar.hpp"
#include "stackpick/util/error.hpp"
#include "stackpick/util/output.hpp"

namespace stackpick {

/// Options shared by every command.
struct GlobalOptions {
    std::optional<std::string> data_dir;
    bool no_cache = false;  ///< --no-cache: parse a --data-dir every time
    bool verbose = false;
    bool quiet = false;
    bool interactive = false;
    bool no_input = false;
    std::optional<std::string> save_answers;
    bool json = false;
    std::string format = "text";
    std::string color = "auto";
    std::optional<std::string> output;
    std::optional<std::string> supersedes;  ///< an earlier record the new one supersedes
    std::optional<std::string> answers_file;
    std::vector<std::string> weights;           ///< CRITERION=N
    std::vector<std::string> excluded_sources;  ///< source ids
    std::vector<std::string> ruled_out;         ///< --rule-out: stack ids
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
    /// Read back from the compiled cache rather than parsed (validate parses it again).
    bool from_cache = false;

    const KnowledgeBase& get() const {
        if (invalid) throw *invalid;
        if (error) throw *error;
        return *knowledge_base;
    }
};

/// The knowledge base the arguments (--data-dir) or the environment name, loaded before the
/// real parse because the question flags come from it; a failure is kept for later.
LoadedKnowledgeBase load_for_arguments(const std::vector<std::string>& arguments,
                                       const Console& console);

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
void add_question_flags(CLI::App& app, const KnowledgeBase& knowledge_base, QuestionFlags& flags);

/// Session state every command can use.
struct Session {
    const GlobalOptions& options;
    Console& console;
    const LoadedKnowledgeBase& loaded;
    const QuestionFlags& question_flags;
    CalendarDate today;                              ///< SOURCE_DATE_EPOCH's day, or the clock's
    mutable bool said_which_knowledge_base = false;  ///< --verbose says it once
    mutable bool said_past_review = false;           ///< and the review date's warning once

    const KnowledgeBase& knowledge_base() const {
        if (options.verbose && loaded.location && !said_which_knowledge_base) {
            *console.err << "stackpick: using " << terminal_safe(loaded.location->describe())
                         << "\n";
            said_which_knowledge_base = true;
        }
        const KnowledgeBase& knowledge_base = loaded.get();
        warn_if_past_review(knowledge_base);
        return knowledge_base;
    }
    /// "knowledge base 2026.12 is past its review date 2027-06-04: figures may be out of date",
    /// once, on stderr, unless --quiet.
    void warn_if_past_review(const KnowledgeBase& knowledge_base) const;
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
std::string json_text(const nlohmann::ordered_json& document);

/// An argument as an error message shows it: terminal-safe, and cut short (it may be 128 KiB).
std::string shown_argument(const std::string& argument);

/// Writes a command's result where -o says: stdout (collected) or a file, atomically.
void deliver(const Session& session, const std::string& content);

/// Whether the result goes to a terminal (and may be coloured).
bool writes_to_terminal(const Session& session);

/// --weight, --exclude-source and --rule-out, checked against the knowledge base's criteria and
/// sources.
ScoringOptions scoring_options(const GlobalOptions& options, const KnowledgeBase& knowledge_base);

/// The answers from --answers and flags (flags win), checked.
GivenAnswers given_answers(const Session& session);

/// A subcommand: its CLI11 app, and what to do when it was given.
struct Command {
    CLI::App* app = nullptr;
    std::function<int(const Session&)> run;
    /// The output formats it renders; --format or --json asking for another is a usage error
    /// rather than a silent fallback to text.
    std::vector<std::string> formats = {"text", "json"};
};

/// The main command: the recommendation for the answers given (prompting on a terminal).
int run_recommendation(const Session& session);

// The subcommands, one file each (src/stackpick/cli/<name>_command.cpp); the command table is
// register_commands() in cli.cpp.
Command add_batch(CLI::App& parent);
Command add_check(CLI::App& parent);
Command add_completions(CLI::App& parent);
Command add_diff(CLI::App& parent);
Command add_estimate(CLI::App& parent);
Command add_eval(CLI::App& parent);
Command add_facts(CLI::App& parent);
Command add_questions(CLI::App& parent);
Command add_test(CLI::App& parent);
Command add_validate(CLI::App& parent);

}  // namespace stackpick
