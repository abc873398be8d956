#pragma once
/// The charts of the HTML report from the engine's values, each an SVG (report/svg_chart) beside
/// the table of its numbers: the ranking, the cost ranges, the cost over the months, the weeks to
/// build and a hybrid's split. They draw what the engine computed, in the words the other
/// formats use (report/estimates_wording, report/summary); "" where there is nothing to draw.

#include <string>

#include "stackpick/engine/engine.hpp"
#include "stackpick/engine/estimates.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// A bar per option with its score on 0-100, the margin between the first two (or the tie);
/// each stack in its colour of every chart (its place in the knowledge base).
std::string ranking_figure(const Recommendation& recommendation,
                           const KnowledgeBase& knowledge_base);

/// Each stack's total cost, low to high with the expected value, in US dollars (the figures'
/// currency).
std::string cost_figure(const Estimates& estimates);

/// How many months the cost-over-time chart shows: past the break-even (month or range), the
/// whole horizon when it is beyond it, two years when there is none to show.
double cost_chart_months(const Estimates& estimates);

/// What each stack has cost by each month (engine cost_by_month), with the break-even marked, or
/// a note why there is none.
std::string cost_over_time_figure(const Estimates& estimates);

/// Weeks to build per stack for the product type.
std::string weeks_figure(const Estimates& estimates);

/// For a hybrid: which services run on which runtime and how they talk.
std::string split_figure(const RankedStack& stack, const KnowledgeBase& knowledge_base);

}  // namespace stackpick
