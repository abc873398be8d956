// `stackpick eval RULE DATA`: one JSON Logic rule evaluated, for rule authors.

#include <string_view>

#include <fmt/format.h>

#include "command.hpp"
#include "stackpick/logic/logic.hpp"
#include "stackpick/util/json_file.hpp"

namespace stackpick {

namespace {

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
        return parse_json_text(read_text_file(path, path, limits, FileKinds::streams_too), path,
                               limits);
    }
    try {
        return parse_json_text(argument, name, limits);
    } catch (const DataError& e) {
        throw UsageError(e.what());
    }
}

}  // namespace

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

}  // namespace stackpick
