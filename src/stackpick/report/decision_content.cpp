#include "stackpick/report/decision_content.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "stackpick/util/text.hpp"

namespace stackpick {

std::string answer_value(const Question& question, const nlohmann::json& value) {
    if (value.is_null()) return "unknown";
    if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
    if (question.type == QuestionType::choice && value.is_string()) {
        for (const auto& choice : question.choices)
            if (choice.id == value.get<std::string>())
                return choice.id + " (" + choice.description + ")";
    }
    if (value.is_string()) return value.get<std::string>();
    std::string text = value.dump();
    if (!question.unit.empty()) text += " " + question.unit;
    return text;
}

std::string open_between_text(const Recommendation& recommendation,
                              const KnowledgeBase& knowledge_base) {
    std::vector<std::string> names;
    for (const auto& id : recommendation.open_between)
        if (const auto* stack = knowledge_base.find_stack(id)) names.push_back(stack->name);
    return list_text(names, "and");
}

std::string decision_title(const Recommendation& recommendation,
                           const KnowledgeBase& knowledge_base) {
    const std::string open = open_between_text(recommendation, knowledge_base);
    return open.empty() ? "Backend stack: " + recommendation.ranking.front().name
                        : "Backend stack: no clear pick between " + open;
}

std::string context_text(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers) {
    std::string product = "a new product";
    if (const auto* question = knowledge_base.find_question_by_key("product");
        question && answers.values.contains("product") && !answers.values["product"].is_null())
        product = "a new product: " + answer_value(*question, answers.values["product"]);
    std::vector<std::string> names;
    for (const auto& stack : knowledge_base.stacks) names.push_back(stack.name);
    return fmt::format(
        "We are choosing the backend for {}. Which should it be built on: {}? The options are "
        "weighed against the project's needs below, with the figures and claims of {} published "
        "sources.",
        product, fmt::join(names, ", "), knowledge_base.facts.sources.size());
}

std::vector<Driver> decision_drivers(const KnowledgeBase& knowledge_base,
                                     const ResolvedAnswers& answers) {
    std::vector<Driver> drivers;
    for (const auto& question : knowledge_base.questions) {
        if (std::find(answers.assumed.begin(), answers.assumed.end(), question.id) !=
            answers.assumed.end())
            continue;
        drivers.push_back({question.prompt, answer_value(question, answers.values[question.key])});
    }
    return drivers;
}

std::vector<Consequence> consequences(const RankedStack& best) {
    std::vector<Consequence> out;
    for (const auto& reason : best.reasons)
        if (reason.points > 0) out.push_back({true, reason.text, reason.sources});
    for (const auto& caution : best.cautions) out.push_back({false, caution.text, caution.sources});
    for (const auto& reason : best.reasons)
        if (reason.points < 0) out.push_back({false, reason.text, reason.sources});
    return out;
}

std::string transport_label(const KnowledgeBase& knowledge_base) {
    const std::string& transport = knowledge_base.split_transport;
    const std::string label = transport.substr(0, transport.find(" ("));
    return label.empty() ? "calls" : label;
}

}  // namespace stackpick
