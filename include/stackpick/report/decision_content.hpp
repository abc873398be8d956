#pragma once
/// What a decision record says, in words not yet marked up: the Markdown record
/// (decision_record) and the HTML report (html_report) both write these, so that the two say
/// the same in their own markup.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/engine/engine.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// An answer for a reader: "yes", "unknown", "saas (SaaS web application or dashboard)",
/// "15 developers".
std::string answer_value(const Question& question, const nlohmann::json& value);

/// "Node.js and Python" for a tie nothing settles; "" when there is a pick.
std::string open_between_text(const Recommendation& recommendation,
                              const KnowledgeBase& knowledge_base);

/// "Backend stack: Python", or "Backend stack: no clear pick between Node.js and Python".
std::string decision_title(const Recommendation& recommendation,
                           const KnowledgeBase& knowledge_base);

/// The Context and Problem Statement: the product, the options and how many sources.
std::string context_text(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers);

/// A decision driver: a question that was answered, and its answer.
struct Driver {
    std::string prompt;
    std::string value;
};

/// The answered questions, in question order (the assumed ones are answers.assumed).
std::vector<Driver> decision_drivers(const KnowledgeBase& knowledge_base,
                                     const ResolvedAnswers& answers);

/// A consequence of the pick: "Good, because ..." or "Bad, because ...".
struct Consequence {
    bool good = true;
    std::string_view text;
    std::span<const std::string> sources;
};

/// The pick's consequences in the record's order: reasons for it, its cautions, reasons
/// against it.
std::vector<Consequence> consequences(const RankedStack& best);

/// How a hybrid's services talk, short: "REST APIs and a message queue" ("calls" when the
/// knowledge base does not say).
std::string transport_label(const KnowledgeBase& knowledge_base);

}  // namespace stackpick
