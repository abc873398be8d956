#pragma once
/// The estimates as Markdown (`stackpick estimate --format markdown`, the decision record).

#include <string>

#include "stackpick/engine/estimates.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// The content of render_estimates_text as Markdown tables.
std::string render_estimates_markdown(const Estimates& estimates,
                                      const KnowledgeBase& knowledge_base);

}  // namespace stackpick
