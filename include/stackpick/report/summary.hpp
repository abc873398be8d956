#pragma once
/// A recommendation's summary sentence and its confidence reasons in words: what the text,
/// JSON and Markdown outputs all say about the pick.

#include <string>
#include <vector>

#include "stackpick/engine/engine.hpp"

namespace stackpick {

/// "Python ranks first, 9.8 points ahead of Node.js. <its strongest reason>", or for a tie what
/// decided it, or that nothing did.
std::string summary_text(const Recommendation& recommendation);

/// One confidence reason as a phrase: "margin of 9.8 points is at least 4 but below 10
/// (medium)". `stack_names` are the names of reason.stacks, in that order.
std::string confidence_reason_text(const ConfidenceReason& reason,
                                   const std::vector<std::string>& stack_names);

/// "37.7": a score (0-100) as every output writes it, with one decimal.
std::string score_text(double score);

/// Each of the recommendation's confidence reasons as a phrase, in order.
std::vector<std::string> confidence_reason_texts(const Recommendation& recommendation);

}  // namespace stackpick
