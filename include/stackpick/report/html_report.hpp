#pragma once
/// The recommendation as one self-contained HTML page (--format html): the decision record's
/// sections (report/decision_content) with charts drawn as inline SVG, the estimates, what would
/// change the answer, the trace in a collapsed <details>, and the sources with their publishers'
/// interests. No script, nothing loaded from anywhere; every text from data escaped.

#include <string>

#include "stackpick/engine/engine.hpp"
#include "stackpick/engine/estimates.hpp"
#include "stackpick/engine/explain.hpp"
#include "stackpick/engine/sensitivity.hpp"
#include "stackpick/engine/what_if.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// What a run computed besides the recommendation and the estimates (each may be absent).
struct HtmlReportExtras {
    const WhatIf* flips = nullptr;             ///< what would change the pick
    const GivenAnswers* given = nullptr;       ///< what the flips were computed from
    const ExplainTrace* trace = nullptr;       ///< every rule, fired or not, and the values it read
    const Sensitivity* sensitivity = nullptr;  ///< the weights and sources the pick rests on
};

/// The page. `extras.given` is needed with `extras.flips`.
std::string render_html_report(const Recommendation& recommendation,
                               const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers,
                               const Estimates& estimates, const HtmlReportExtras& extras = {});

}  // namespace stackpick
