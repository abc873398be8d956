#pragma once
/// How every output names stacks and outcomes: display names from the knowledge base.

#include <string>
#include <vector>

#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// The stack's display name, or the id itself for a stack the knowledge base does not have.
std::string stack_name(const KnowledgeBase& knowledge_base, const std::string& id);

/// "Python", or "no clear pick (Node.js or Python)" for a tie that nothing settles.
std::string outcome_text(const KnowledgeBase& knowledge_base, const std::string& pick,
                         const std::vector<std::string>& open_between);

}  // namespace stackpick
