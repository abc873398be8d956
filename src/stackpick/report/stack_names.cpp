#include "stackpick/report/stack_names.hpp"

#include <fmt/format.h>

#include "stackpick/util/text.hpp"

namespace stackpick {

std::string stack_name(const KnowledgeBase& knowledge_base, const std::string& id) {
    const Stack* stack = knowledge_base.find_stack(id);
    return stack != nullptr ? stack->name : id;
}

std::string outcome_text(const KnowledgeBase& knowledge_base, const std::string& pick,
                         const std::vector<std::string>& open_between) {
    if (open_between.empty()) return stack_name(knowledge_base, pick);
    std::vector<std::string> names;
    for (const auto& id : open_between) names.push_back(stack_name(knowledge_base, id));
    return fmt::format("no clear pick ({})", list_text(names, "or"));
}

}  // namespace stackpick
