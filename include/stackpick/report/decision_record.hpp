#pragma once
/// The recommendation as an Architecture Decision Record in the MADR layout (--format markdown),
/// ready to paste into a proposal or commit beside the code.

#include <string>

#include "stackpick/engine/engine.hpp"
#include "stackpick/engine/estimates.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// Context and Problem Statement, Decision Drivers, Considered Options, Decision Outcome (with
/// Consequences), Pros and Cons of each option with source citations, the estimates, a Mermaid
/// diagram of a hybrid's split, and the sources with their titles.
std::string render_decision_record(const Recommendation& recommendation,
                                   const KnowledgeBase& knowledge_base,
                                   const ResolvedAnswers& answers, const Estimates& estimates);

}  // namespace stackpick
