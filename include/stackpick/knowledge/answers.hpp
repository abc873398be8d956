#pragma once
/// Answers to the questions: from flags, an answers file or a prompt, checked against the
/// questions and resolved with defaults.

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/knowledge/question.hpp"

namespace stackpick {

/// Answers given explicitly, by answer key. A null value means "unknown", given on purpose.
using GivenAnswers = std::map<std::string, nlohmann::json>;

/// Every question's answer, given or assumed, in question order.
struct ResolvedAnswers {
    nlohmann::json values = nlohmann::json::object();  ///< key -> value (null = unknown)
    std::vector<std::string> assumed;                  ///< question ids left at their default
};

/// Parses an answer typed as text (a flag value or a prompt), checking it against the question.
/// Choices are case-insensitive and normalised; numbers must be decimal, finite and in range.
/// Throws UsageError: "--team: cobol not in {javascript,python,mixed,none}".
nlohmann::json parse_answer_text(const Question& question, const std::string& text);

/// Checks a JSON value as the answer to a question; returns "" when valid, else why not
/// ("expected one of javascript|python|mixed|none, got \"cobol\"").
std::string check_answer_value(const Question& question, const nlohmann::json& value);

/// Reads an answers document (the --answers format: an object keyed by answer key). Every
/// problem is reported with the key and the valid values; throws InvalidDataError (exit 3).
GivenAnswers parse_answers_document(const nlohmann::json& document, const std::string& shown_name,
                                    const std::vector<Question>& questions);

/// Reads and parses an answers file ("-" reads stdin), with the answers-file limits.
GivenAnswers read_answers_file(const std::string& path, std::istream& standard_input,
                               const std::vector<Question>& questions);

/// Every question's answer: given ones as given, the rest at their defaults and listed as assumed.
ResolvedAnswers resolve_answers(const std::vector<Question>& questions, const GivenAnswers& given);

/// The answers as an --answers document: only those given, in question order.
nlohmann::json answers_document(const std::vector<Question>& questions, const GivenAnswers& given);

}  // namespace stackpick
