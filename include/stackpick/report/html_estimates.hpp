#pragma once
/// The estimates as HTML (`stackpick estimate --format html`, the HTML report): the sections of
/// render_estimates_markdown as tables, with charts of the cost ranges, the cost over the months
/// and the weeks to build.

#include <string>

#include "stackpick/engine/estimates.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// The estimates' sections (an <h2> and <h3>s), to go inside a page.
std::string render_estimates_html(const Estimates& estimates, const KnowledgeBase& knowledge_base);

/// The estimates as a page of their own.
std::string render_estimates_page(const Estimates& estimates, const KnowledgeBase& knowledge_base);

}  // namespace stackpick
