#pragma once
// The knowledge base embedded in the binary, loaded once for the tests that score real answers.

#include "stackpick/cli/embedded_data.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick::testing {

inline const KnowledgeBase& shipped_knowledge_base() {
    static const KnowledgeBase knowledge_base =
        load_knowledge_base(locate_knowledge_base(std::nullopt, nullptr));
    return knowledge_base;
}

}  // namespace stackpick::testing
