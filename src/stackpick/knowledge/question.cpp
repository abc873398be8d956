#include "stackpick/knowledge/question.hpp"

#include <fmt/format.h>

namespace stackpick {

std::string to_string(QuestionType type) {
    switch (type) {
        case QuestionType::boolean:
            return "bool";
        case QuestionType::choice:
            return "choice";
        case QuestionType::integer:
            return "integer";
        case QuestionType::number:
            return "number";
    }
    return "bool";
}

std::string answer_key(const std::string& question_id) {
    std::string key = question_id;
    for (char& c : key)
        if (c == '-') c = '_';
    return key;
}

std::vector<std::string> Question::choice_ids() const {
    std::vector<std::string> ids;
    for (const auto& choice : choices) ids.push_back(choice.id);
    return ids;
}

namespace {
std::string number_text(double value) { return fmt::format("{}", value); }
}  // namespace

std::string Question::valid_values() const {
    switch (type) {
        case QuestionType::boolean:
            return "true or false";
        case QuestionType::choice:
            return fmt::format("{}", fmt::join(choice_ids(), "|"));
        case QuestionType::integer:
        case QuestionType::number:
            return fmt::format("{}..{}", number_text(minimum.value_or(0)),
                               number_text(maximum.value_or(0)));
    }
    return {};
}

}  // namespace stackpick
