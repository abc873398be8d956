#pragma once
/// Answers written as the command-line flags that give them: for the what-if and diff texts and
/// the equivalent command the questionnaire prints.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "stackpick/knowledge/question.hpp"

namespace stackpick {

/// A word as a POSIX shell reads it back: unchanged when it is made of safe characters
/// (letters, digits, _ - . , / : + @ %), else single-quoted, or $'...' when it holds control
/// characters.
std::string shell_quote(std::string_view word);

/// "5", "100000000", "2.5": a number as the flag parser reads it back.
std::string flag_number_text(const Question& question, double value);

/// An answer as a flag: "--team python", "--realtime", "--no-realtime", "--team-size 5";
/// "unknown" for null.
std::string answer_flag_text(const Question& question, const nlohmann::json& value);

}  // namespace stackpick
