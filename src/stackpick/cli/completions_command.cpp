// `stackpick completions SHELL`: a completion script made from the live options.

#include "command.hpp"
#include "stackpick/cli/completions.hpp"

namespace stackpick {

namespace {

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

}  // namespace

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
    return {app,
            [shell, root](const Session& session) {
                deliver(session, completion_script(*shell, completion_commands(*root)));
                return 0;
            },
            {"text"}};
}

}  // namespace stackpick
