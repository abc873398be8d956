#include "stackpick/knowledge/answers.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <istream>

#include <fmt/format.h>

#include "stackpick/util/diagnostics.hpp"
#include "stackpick/util/error.hpp"
#include "stackpick/util/json_file.hpp"
#include "stackpick/util/json_reader.hpp"
#include "stackpick/util/number_text.hpp"
#include "stackpick/util/suggest.hpp"

namespace stackpick {

namespace {

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string range_text(const Question& question) {
    return fmt::format("{}..{}", question.minimum.value_or(0), question.maximum.value_or(0));
}

}  // namespace

nlohmann::json parse_answer_text(const Question& question, const std::string& text) {
    switch (question.type) {
        case QuestionType::boolean: {
            const std::string word = lower(text);
            if (word == "true" || word == "yes" || word == "y" || word == "1") return true;
            if (word == "false" || word == "no" || word == "n" || word == "0") return false;
            throw UsageError(fmt::format("{}: expected yes or no, got '{}'", question.flag,
                                         printable_input(text)));
        }
        case QuestionType::choice: {
            const std::string word = lower(text);
            for (const auto& choice : question.choices)
                if (choice.id == word) return choice.id;
            throw UsageError(fmt::format("{}: {} not in {{{}}}{}", question.flag, bare_input(text),
                                         fmt::join(question.choice_ids(), ","),
                                         did_you_mean(word, question.choice_ids())));
        }
        case QuestionType::integer:
        case QuestionType::number: {
            const bool integer = question.type == QuestionType::integer;
            const double value =
                parse_number_text(question.flag, text, question.minimum.value_or(0),
                                  question.maximum.value_or(0), integer);
            if (integer) return static_cast<std::int64_t>(value);
            return value;
        }
    }
    return nullptr;
}

std::string check_answer_value(const Question& question, const nlohmann::json& value) {
    if (value.is_null()) return {};
    switch (question.type) {
        case QuestionType::boolean:
            if (value.is_boolean()) return {};
            return fmt::format("expected true, false or null, got {}", brief(value));
        case QuestionType::choice:
            if (value.is_string()) {
                const std::string word = lower(value.get<std::string>());
                for (const auto& choice : question.choices)
                    if (choice.id == word) return {};
                return fmt::format("expected one of {} or null, got {}{}", question.valid_values(),
                                   brief(value), did_you_mean(word, question.choice_ids()));
            }
            return fmt::format("expected one of {} or null, got {}", question.valid_values(),
                               brief(value));
        case QuestionType::integer:
        case QuestionType::number: {
            const bool integer = question.type == QuestionType::integer;
            const bool ok_type =
                value.is_number() && (!integer || value.is_number_integer() ||
                                      (std::isfinite(value.get<double>()) &&
                                       std::trunc(value.get<double>()) == value.get<double>()));
            if (ok_type) {
                const double number = value.get<double>();
                if (std::isfinite(number) && number >= question.minimum.value_or(0) &&
                    number <= question.maximum.value_or(0))
                    return {};
            }
            return fmt::format("expected {} in {} or null, got {}",
                               integer ? "a whole number" : "a number", range_text(question),
                               brief(value));
        }
    }
    return {};
}

GivenAnswers parse_answers_document(const nlohmann::json& document, const std::string& shown_name,
                                    const std::vector<Question>& questions) {
    Diagnostics diagnostics;
    GivenAnswers given;
    if (!document.is_object()) {
        diagnostics.add(
            shown_name, "/",
            fmt::format("expected an object of answers, got {}", describe_type(document)));
        throw InvalidDataError(diagnostics.items());
    }
    std::vector<std::string> keys;
    for (const auto& question : questions) keys.push_back(question.key);
    for (const auto& [key, value] : document.items()) {
        if (key == "$schema") continue;
        const std::string pointer = "/" + escape_pointer_token(key);
        const auto question =
            std::find_if(questions.begin(), questions.end(),
                         [&wanted = key](const Question& q) { return q.key == wanted; });
        if (question == questions.end()) {
            diagnostics.add(shown_name, pointer,
                            fmt::format("unknown answer key \"{}\"{}", printable_input(key),
                                        did_you_mean(key, keys)));
            continue;
        }
        if (auto problem = check_answer_value(*question, value); !problem.empty()) {
            diagnostics.add(shown_name, pointer, problem);
            continue;
        }
        if (question->type == QuestionType::choice && value.is_string())
            given[key] = lower(value.get<std::string>());
        else if (question->type == QuestionType::integer && value.is_number())
            given[key] = static_cast<std::int64_t>(value.get<double>());
        else
            given[key] = value;
    }
    if (!diagnostics.empty()) throw InvalidDataError(diagnostics.items());
    return given;
}

GivenAnswers read_answers_file(const std::string& path, std::istream& standard_input,
                               const std::vector<Question>& questions) {
    const bool from_stdin = path == "-";
    const std::string shown = from_stdin ? "<stdin>" : path;
    const std::string text =
        from_stdin ? read_text_stream(standard_input, shown, k_answers_limits)
                   : read_text_file(path, shown, k_answers_limits, FileKinds::streams_too);
    return parse_answers_document(parse_json_text(text, shown, k_answers_limits), shown, questions);
}

ResolvedAnswers resolve_answers(const std::vector<Question>& questions, const GivenAnswers& given) {
    ResolvedAnswers resolved;
    for (const auto& question : questions) {
        if (auto it = given.find(question.key); it != given.end()) {
            resolved.values[question.key] = it->second;
        } else {
            resolved.values[question.key] = question.default_value;
            resolved.assumed.push_back(question.id);
        }
    }
    return resolved;
}

nlohmann::json answers_document(const std::vector<Question>& questions, const GivenAnswers& given) {
    nlohmann::json document = nlohmann::json::object();
    for (const auto& question : questions)
        if (auto it = given.find(question.key); it != given.end())
            document[question.key] = it->second;
    return document;
}

}  // namespace stackpick
