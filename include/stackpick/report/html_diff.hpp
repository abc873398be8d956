#pragma once
/// `stackpick diff --format html`: the comparison of two answers files as a page, with each
/// stack's score under A and under B as bars beside their table.

#include <string>

#include "stackpick/engine/diff.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// The page; the labels name the two sides (file names).
std::string render_diff_html(const AnswersDiff& diff, const KnowledgeBase& knowledge_base,
                             const std::string& label_a, const std::string& label_b);

}  // namespace stackpick
