#include "stackpick/report/sources.hpp"

#include <algorithm>
#include <span>

#include <fmt/format.h>

#include "stackpick/util/text.hpp"

namespace stackpick {

std::string knowledge_base_footer(const KnowledgeBase& knowledge_base) {
    const auto& location = knowledge_base.location;
    if (location.embedded()) return {};
    // One line, never wrapped: the path stays whole for copying.
    return fmt::format("\nKnowledge base {} from '{}' ({})\n",
                       terminal_safe(knowledge_base.version), terminal_safe(location.directory),
                       location.chosen_by);
}

std::string source_markers(const Facts& facts, std::span<const std::string> source_ids) {
    std::vector<std::string> unknown;
    std::vector<std::size_t> numbers;
    for (const auto& id : source_ids) {
        if (const auto marker = facts.source_marker(id))
            numbers.push_back(marker);
        else if (std::find(unknown.begin(), unknown.end(), id) == unknown.end())
            unknown.push_back(id);
    }
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    if (numbers.empty() && unknown.empty()) return {};
    std::vector<std::string> items;
    for (const auto number : numbers) items.push_back(std::to_string(number));
    items.insert(items.end(), unknown.begin(), unknown.end());
    return fmt::format("[{}]", fmt::join(items, ","));
}

}  // namespace stackpick
