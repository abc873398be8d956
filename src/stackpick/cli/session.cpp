// The session every command runs in: options, the knowledge base, answers, delivery.

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "command.hpp"
#include "stackpick/cli/embedded_data.hpp"
#include "stackpick/util/diagnostics.hpp"
#include "stackpick/util/json_file.hpp"
#include "stackpick/util/number_text.hpp"
#include "stackpick/util/suggest.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

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

/// Whether --no-cache is among the arguments, before the real parse.
bool scan_no_cache(const std::vector<std::string>& arguments) {
    for (const auto& argument : arguments) {
        if (argument == "--") break;
        if (argument == "--no-cache") return true;
    }
    return false;
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

}  // namespace

LoadedKnowledgeBase load_for_arguments(const std::vector<std::string>& arguments,
                                       const Console& console) {
    LoadedKnowledgeBase loaded;
    try {
        loaded.location = locate_knowledge_base(
            scan_data_dir(arguments),
            console.environment_data_dir.empty() ? nullptr : console.environment_data_dir.c_str());
        const auto cache = knowledge_base_cache(console, scan_no_cache(arguments));
        CacheUse use = CacheUse::not_cached;
        loaded.knowledge_base =
            load_knowledge_base(*loaded.location, cache ? &*cache : nullptr, &use);
        loaded.from_cache = use == CacheUse::hit;
    } catch (const InvalidDataError& e) {
        loaded.invalid = e;
    } catch (const Error& e) {
        loaded.error = std::make_unique<Error>(e);
    }
    return loaded;
}

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

void Session::warn_if_past_review(const KnowledgeBase& knowledge_base) const {
    if (options.quiet || said_past_review || knowledge_base.review_by.empty()) return;
    // ISO dates compare as text.
    if (calendar_date_text(today) <= knowledge_base.review_by) return;
    *console.err << "stackpick: knowledge base " << terminal_safe(knowledge_base.version)
                 << " is past its review date " << knowledge_base.review_by
                 << ": figures may be out of date\n";
    said_past_review = true;
}

std::string json_text(const nlohmann::ordered_json& document) {
    return document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string shown_argument(const std::string& argument) {
    constexpr std::size_t k_shown_bytes = 60;
    if (argument.size() <= k_shown_bytes) return terminal_safe(argument);
    return terminal_safe(argument.substr(0, k_shown_bytes - 3)) + "...";
}

void deliver(const Session& session, const std::string& content) {
    if (session.options.output && *session.options.output != "-") {
        // A directory takes numbered decision records only (recommend_command.cpp).
        std::error_code error;
        if (std::filesystem::is_directory(*session.options.output, error))
            throw UsageError(
                fmt::format("-o: '{}' is a directory", shown_argument(*session.options.output)),
                "only a decision record (--format markdown) goes into a directory, "
                "as its next numbered file; give -o a file name");
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

ScoringOptions scoring_options(const GlobalOptions& options, const KnowledgeBase& knowledge_base) {
    ScoringOptions scoring;
    const std::vector<std::string> criteria = knowledge_base.facts.criterion_ids();
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
        scoring.weights[criterion] =
            parse_number_text("--weight " + criterion, value, 0, 100, false);
    }
    const std::vector<std::string> sources = knowledge_base.facts.source_ids();
    for (const auto& source : options.excluded_sources) {
        if (!knowledge_base.facts.find_source(source))
            throw UsageError(fmt::format("--exclude-source: unknown source '{}'{}",
                                         shown_argument(source), did_you_mean(source, sources)),
                             "'stackpick facts sources' lists the sources");
        scoring.excluded_sources.push_back(source);
    }
    const std::vector<std::string> stacks = knowledge_base.stack_ids();
    for (const auto& text : options.ruled_out) {
        std::string stack = text;
        for (char& c : stack) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (!knowledge_base.find_stack(stack))
            throw UsageError(fmt::format("--rule-out: unknown stack '{}'{}", shown_argument(text),
                                         did_you_mean(stack, stacks)),
                             fmt::format("the stacks are {}", list_text(stacks, "and")));
        if (std::find(scoring.ruled_out.begin(), scoring.ruled_out.end(), stack) ==
            scoring.ruled_out.end())
            scoring.ruled_out.push_back(stack);
    }
    return scoring;
}

GivenAnswers given_answers(const Session& session) {
    const auto& knowledge_base = session.knowledge_base();
    GivenAnswers given;
    if (session.options.answers_file)
        given = read_answers_file(*session.options.answers_file, *session.console.in,
                                  knowledge_base.questions);
    for (auto& [key, value] : answers_from_flags(session.question_flags)) given[key] = value;
    return given;
}

}  // namespace stackpick
