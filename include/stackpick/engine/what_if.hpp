#pragma once
/// What would change the answer: the smallest sets of answer changes (one change, then pairs) that
/// give a different top pick, each one verified by scoring the changed answers. Pure: no I/O.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stackpick/engine/engine.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// Most rule conditions one what_if() evaluates before it stops its pair search and reports
/// itself capped: about 10,000 scorings of the shipped knowledge base, some 20 ms; the shipped
/// answers need 1,000 at most. Counted, not timed, so that the output stays deterministic.
inline constexpr std::size_t k_what_if_max_evaluations = 400'000;

/// For a number question: every value from low to high (inclusive) gives the same pick.
struct ValueRange {
    double low = 0;
    double high = 0;
};

/// One set of changes that gives a different pick.
struct Flip {
    /// Answer key -> new value. For a number question, the threshold: the value nearest the
    /// current answer that flips the pick (the smallest one when the answer is unknown).
    GivenAnswers changes;
    /// Stacks whose --rule-out is dropped (the answers then stay as they are).
    std::vector<std::string> without_rule_out;
    std::string pick;  ///< stack id ranked first with the changes
    /// When the changes leave a tie no tie-breaker settles: every stack in front (pick first).
    std::vector<std::string> open_between;
    /// For each number question among the changes: the run of values around the threshold that
    /// give the same pick (checked at both ends and at each number a rule compares it with).
    std::map<std::string, ValueRange> ranges;
};

struct WhatIf {
    std::string pick;  ///< the current pick (listed first when there is no clear pick)
    std::vector<std::string> open_between;  ///< the current open tie, as Recommendation's
    std::vector<Flip> flips;   ///< fewest changes first, then by answer key, then by value
    bool capped = false;       ///< more flips exist than max_flips, or the search was cut short
    std::size_t scorings = 0;  ///< how many answer sets were scored
};

/// The smallest sets of answer changes (single changes, then pairs in which neither change
/// flips the pick alone) that give a different top pick. Booleans are flipped, choices tried
/// in turn, and number questions split at the numbers the rules compare them with, reporting
/// the threshold. Changing an answer back to "unknown" is not a change it suggests. When the
/// single changes fill max_flips, pairs are searched only far enough to know whether more
/// exist (capped). At most k_what_if_max_evaluations condition evaluations. Every flip
/// reported was re-scored by recommend(). Throws DataError as recommend() does.
WhatIf what_if(const KnowledgeBase& knowledge_base, const GivenAnswers& given,
               const ScoringOptions& options, std::size_t max_flips = 10);

}  // namespace stackpick
