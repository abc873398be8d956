#pragma once
/// The estimates for a terminal: tables per section with ranges and source markers, the
/// assumptions and a legend; and the few lines the recommendation shows under "Cost and time".

#include <cstddef>
#include <string>
#include <vector>

#include "stackpick/engine/estimates.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// The estimates as a table for a terminal of `width` columns (80 by convention): ranges shown,
/// source markers on each row, the assumptions, and a legend of the sources cited.
std::string render_estimates_text(const Estimates& estimates, const KnowledgeBase& knowledge_base,
                                  std::size_t width);

/// A few lines for the recommendation's "Cost and time" section: total cost and time to build per
/// stack and the break-even; empty when neither cost nor timeline is known.
std::vector<std::string> cost_and_time_lines(const Estimates& estimates,
                                             const KnowledgeBase& knowledge_base);

}  // namespace stackpick
