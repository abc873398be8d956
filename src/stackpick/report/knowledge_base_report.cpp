#include "stackpick/report/knowledge_base_report.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "stackpick/knowledge/quotes.hpp"
#include "stackpick/util/text.hpp"

namespace stackpick {

namespace {

/// The ids of the rules whose conditions read the question's answer.
std::vector<std::string> rules_reading(const KnowledgeBase& knowledge_base,
                                       const Question& question) {
    std::vector<std::string> rules;
    for (const auto& rule : knowledge_base.rules)
        if (std::find(rule.reads.begin(), rule.reads.end(), question.key) != rule.reads.end())
            rules.push_back(rule.id);
    return rules;
}

nlohmann::ordered_json question_json(const KnowledgeBase& knowledge_base,
                                     const Question& question) {
    nlohmann::ordered_json item;
    item["id"] = question.id;
    item["key"] = question.key;
    item["flag"] = question.flag;
    item["type"] = to_string(question.type);
    item["prompt"] = question.prompt;
    item["help"] = question.help;
    nlohmann::ordered_json choices = nlohmann::ordered_json::array();
    for (const auto& choice : question.choices)
        choices.push_back({{"id", choice.id}, {"description", choice.description}});
    item["choices"] = choices;
    item["min"] = question.minimum ? nlohmann::ordered_json(*question.minimum) : nullptr;
    item["max"] = question.maximum ? nlohmann::ordered_json(*question.maximum) : nullptr;
    item["default"] = nlohmann::ordered_json(question.default_value);
    item["ask_if"] = nlohmann::ordered_json(question.ask_if_rule);
    item["sources"] = question.sources;
    item["quotes"] = quotes_json<nlohmann::ordered_json>(question.quotes);
    item["rules"] = rules_reading(knowledge_base, question);
    return item;
}

}  // namespace

nlohmann::ordered_json knowledge_base_counts(const KnowledgeBase& knowledge_base) {
    return {{"stacks", knowledge_base.stacks.size()},
            {"sources", knowledge_base.facts.sources.size()},
            {"figures", knowledge_base.facts.figures.size()},
            {"criteria", knowledge_base.facts.criteria.size()},
            {"frameworks", knowledge_base.facts.frameworks.size()},
            {"questions", knowledge_base.questions.size()},
            {"rules", knowledge_base.rules.size()}};
}

std::string render_validate_text(const KnowledgeBase& knowledge_base,
                                 const nlohmann::ordered_json& counts, bool quotes_found) {
    std::vector<std::string> parts;
    for (const auto& [name, count] : counts.items())
        parts.push_back(fmt::format("{} {}", count.get<std::size_t>(), name));
    return fmt::format("knowledge base {} ({}) is valid: {}{}\n", knowledge_base.version,
                       knowledge_base.location.origin(), fmt::join(parts, ", "),
                       quotes_found ? ", each quote found in its article" : "");
}

nlohmann::ordered_json validate_json(const KnowledgeBase& knowledge_base,
                                     const nlohmann::ordered_json& counts) {
    nlohmann::ordered_json summary;
    summary["valid"] = true;
    summary["origin"] = knowledge_base.location.origin();
    summary["version"] = knowledge_base.version;
    summary["counts"] = counts;
    summary["errors"] = nlohmann::ordered_json::array();
    return summary;
}

nlohmann::ordered_json validate_errors_json(const std::vector<Diagnostic>& problems,
                                            const std::vector<std::string>& skipped) {
    nlohmann::ordered_json errors = nlohmann::ordered_json::array();
    for (const auto& d : problems)
        errors.push_back({{"file", d.file}, {"pointer", d.pointer}, {"message", d.message}});
    nlohmann::ordered_json report;
    report["valid"] = false;
    report["errors"] = errors;
    if (!skipped.empty()) report["skipped"] = skipped;
    return report;
}

std::string render_questions_text(const KnowledgeBase& knowledge_base) {
    std::string out;
    for (const auto& question : knowledge_base.questions) {
        const std::string values =
            question.type == QuestionType::boolean
                ? fmt::format("{} / --no-{}", question.flag, question.id)
                : fmt::format("{} {}", question.flag, question.valid_values());
        out += fmt::format("{}\n", terminal_safe(values));
        out += "    " + wrap(terminal_safe(question.prompt), 76, "    ");
        const auto rules = rules_reading(knowledge_base, question);
        out += "    " +
               wrap(fmt::format("default: {}; key: {}; rules: {}", question.default_value.dump(),
                                question.key,
                                rules.empty() ? "none" : fmt::format("{}", fmt::join(rules, ", "))),
                    76, "    ");
    }
    return out;
}

nlohmann::ordered_json questions_json(const KnowledgeBase& knowledge_base) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& question : knowledge_base.questions)
        list.push_back(question_json(knowledge_base, question));
    nlohmann::ordered_json document;
    document["schema_version"] = "1";
    document["questions"] = list;
    return document;
}

}  // namespace stackpick
