#pragma once
/// Questions: what stackpick asks about a project. Each one is a flag, an answers-file key and a
/// prompt, all generated from data/questions.json.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/knowledge/quotes.hpp"
#include "stackpick/logic/logic.hpp"

namespace stackpick {

enum class QuestionType { boolean, choice, integer, number };

/// "bool", "choice", "integer", "number": the names used in questions.json and JSON output.
std::string to_string(QuestionType type);

struct Choice {
    std::string id;  ///< lower-case, as typed on the command line
    std::string description;
};

struct Question {
    std::string id;    ///< "data-heavy"
    std::string key;   ///< "data_heavy": the answers-file and JSON key
    std::string flag;  ///< "--data-heavy"
    QuestionType type = QuestionType::boolean;
    std::string prompt;  ///< one line
    std::string help;
    std::vector<Choice> choices;    ///< for choice questions
    std::optional<double> minimum;  ///< for integer and number questions
    std::optional<double> maximum;
    std::string unit;              ///< "developers", "connections"
    nlohmann::json default_value;  ///< false for booleans; null means unknown
    std::vector<std::string> sources;
    std::vector<Quote> quotes;                ///< back the help's sourced claims
    std::optional<logic::Expression> ask_if;  ///< asked only when this holds over earlier answers
    nlohmann::json ask_if_rule;               ///< as written, for `stackpick questions`
    /// Read by the estimates (months, rate...): the questionnaire asks it when the user wants the
    /// estimates fitted to the project, and otherwise only when its ask_if holds (the rules need
    /// it then); without an ask_if no rule may read it, so declining never changes the pick.
    bool estimates_input = false;

    std::vector<std::string> choice_ids() const;
    /// "javascript|python|mixed|none", "1..10000", "true/false": what a valid answer looks like.
    std::string valid_values() const;
};

/// "data-heavy" -> "data_heavy".
std::string answer_key(const std::string& question_id);

}  // namespace stackpick
