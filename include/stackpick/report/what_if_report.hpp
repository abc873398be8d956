#pragma once
/// The what-if flips (engine/what_if.hpp) as text and as members of the recommendation document.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/engine/what_if.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// One flip as a sentence: "with --team python instead of --team javascript: Python" (for the
/// default text output, which shows the first flip only).
std::string render_flip_text(const Flip& flip, const KnowledgeBase& knowledge_base,
                             const GivenAnswers& given);

/// "with --team python instead of --team javascript: Python", one flip a line, for 80 columns;
/// `given` is what the flips were computed from.
/// `weight_flips`: the weight thresholds (weight_flip_lines()), listed after the answer flips.
std::string render_what_if_text(const WhatIf& what_if, const KnowledgeBase& knowledge_base,
                                const GivenAnswers& given,
                                const std::vector<std::string>& weight_flips = {});

/// {"what_if": [{"changes": {key: value}, "pick": id, "ranges": {key: {"from": n, "to": n}}}],
///  "what_if_capped": bool}: the two members of the recommendation document ("ranges" is
/// always present, empty when no number question changes).
nlohmann::ordered_json what_if_json(const WhatIf& what_if);

}  // namespace stackpick
