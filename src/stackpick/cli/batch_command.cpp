// `stackpick batch`: JSON Lines of answers in, one result per line out (docs/batch.md).

#include <unistd.h>

#include <algorithm>
#include <optional>
#include <thread>

#include "command.hpp"
#include "stackpick/cli/batch.hpp"
#include "stackpick/util/number_text.hpp"

namespace stackpick {

namespace {

/// A whole number in 1..maximum given to an option, strictly ("0x10" and "+5" are refused).
std::size_t count_option(const std::string& flag, const std::string& text, double maximum) {
    return static_cast<std::size_t>(parse_number_text(flag, text, 1, maximum, true));
}

}  // namespace

Command add_batch(CLI::App& parent) {
    auto* app = parent.add_subcommand(
        "batch", "Score many answer sets: JSON Lines in, one JSON result per line out");
    auto file = std::make_shared<std::string>("-");
    auto fields = std::make_shared<std::vector<std::string>>();
    auto jobs = std::make_shared<std::string>();
    auto stats = std::make_shared<bool>(false);
    auto id_field = std::make_shared<std::optional<std::string>>();
    app->add_option("file", *file, "Answers, one --answers object per line (default: - for stdin)")
        ->type_name("FILE|-");
    app->add_option("--fields", *fields, "Keep only these top-level fields of each result")
        ->delimiter(',')
        ->allow_extra_args(false)  // else `--fields a,b FILE` swallows FILE as a field
        ->type_name("FIELD,...");
    app->add_option("--jobs", *jobs, "Score on N threads (default: the number of cores)")
        ->type_name("N");
    app->add_option("--id-field", *id_field,
                    "Each line's member NAME identifies it: echoed as \"id\" in its result")
        ->type_name("NAME");
    app->add_flag("--stats", *stats, "Print lines/s and the time per stage to stderr at the end");
    app->footer(
        "Each result line is the document --json prints, on one line; a bad line gives\n"
        "{\"line\": N, \"error\": \"...\"} in its place, the run goes on, and the exit code is 3.\n"
        "Results stay in input order whatever --jobs is. See docs/batch.md.\n"
        "Examples:\n"
        "  stackpick batch surveys.jsonl > results.jsonl\n"
        "  cat surveys.jsonl | stackpick batch --fields recommendation | jq -r .recommendation.id\n"
        "  parallel --pipe -k stackpick batch --id-field survey < surveys.jsonl > results.jsonl");
    return {app, [file, fields, jobs, stats, id_field](const Session& session) {
                const auto& knowledge_base = session.knowledge_base();
                if (session.options.output && *session.options.output != "-")
                    throw UsageError(
                        "batch streams its results to stdout; redirect it instead of -o",
                        "stackpick batch surveys.jsonl > results.jsonl");
                BatchOptions options;
                options.scoring = scoring_options(session.options, knowledge_base);
                options.fields = *fields;
                options.stats = *stats;
                options.progress = !session.options.quiet && ::isatty(STDERR_FILENO) == 1;
                options.id_field = id_field->value_or("");
                options.id_field_given = id_field->has_value();
                // The default is capped too: a 512-core machine must not fail a --jobs check.
                options.jobs = jobs->empty()
                                   ? std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1,
                                                             k_max_batch_jobs)
                                   : count_option("--jobs", *jobs, k_max_batch_jobs);
                // fd-based: a closed pipe ends quietly, a full disk is exit 1 (docs/batch.md).
                return run_batch_file(knowledge_base, options, *file, *session.console.err);
            }};
}

}  // namespace stackpick
