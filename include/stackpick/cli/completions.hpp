#pragma once
/// Shell completion scripts (bash, zsh, fish) generated from the live command line, so that
/// question flags and their choices (generated from data/questions.json) complete too.

#include <string>
#include <vector>

namespace stackpick {

/// One option as completion sees it.
struct CompletionOption {
    std::vector<std::string> names;  ///< "--team", "-o"
    std::string description;
    bool takes_value = false;
    std::vector<std::string> choices;  ///< fixed values, if any
    enum class Value { word, file, directory } value = Value::word;
};

struct CompletionCommand {
    std::string name;  ///< "" for the top level
    std::string description;
    std::vector<CompletionOption> options;
};

/// The shells supported, in the order help lists them.
const std::vector<std::string>& completion_shells();

/// The script for shell ("bash", "zsh" or "fish"); commands[0] is the top level. Throws UsageError
/// for another shell.
std::string completion_script(const std::string& shell,
                              const std::vector<CompletionCommand>& commands);

}  // namespace stackpick
