#include "stackpick/report/answer_flags.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

namespace stackpick {

std::string shell_quote(std::string_view word) {
    const auto safe = [](unsigned char c) {
        return std::isalnum(c) != 0 ||
               std::string_view("_-.,/:+@%").find(static_cast<char>(c)) != std::string_view::npos;
    };
    if (!word.empty() && std::all_of(word.begin(), word.end(), [&](char c) {
            return c != '\0' && safe(static_cast<unsigned char>(c));
        }))
        return std::string(word);
    const bool control = std::any_of(word.begin(), word.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
    });
    if (!control) {
        std::string quoted = "'";
        for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
        return quoted + "'";
    }
    // Control characters would reach the terminal raw inside '...'; $'...' spells them out.
    std::string quoted = "$'";
    for (char c : word) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f)
            quoted += fmt::format("\\x{:02x}", byte);
        else if (c == '\'' || c == '\\')
            quoted += std::string("\\") + c;
        else
            quoted += c;
    }
    return quoted + "'";
}

std::string flag_number_text(const Question& question, double value) {
    if (question.type == QuestionType::integer ||
        (std::trunc(value) == value && std::fabs(value) < 9007199254740992.0))
        return fmt::format("{}", static_cast<std::int64_t>(value));
    return fmt::format("{}", value);
}

std::string answer_flag_text(const Question& question, const nlohmann::json& value) {
    if (value.is_null()) return "unknown";
    if (value.is_boolean())
        return shell_quote(value.get<bool>() ? question.flag : "--no-" + question.id);
    if (value.is_string())
        return shell_quote(question.flag) + " " + shell_quote(value.get<std::string>());
    if (value.is_number())
        return shell_quote(question.flag) + " " + flag_number_text(question, value.get<double>());
    return shell_quote(question.flag) + " " + shell_quote(value.dump());
}

}  // namespace stackpick
