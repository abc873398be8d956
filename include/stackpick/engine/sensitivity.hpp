#pragma once
/// How much the pick rests on the user's priorities and on each source. Points are linear in a
/// criterion's weight, so the weight at which another stack overtakes the pick is computed, not
/// searched; each one reported was verified by re-scoring just past it on both sides. Pure: no I/O.

#include <optional>
#include <string>
#include <vector>

#include "stackpick/engine/engine.hpp"
#include "stackpick/knowledge/answers.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// The weights --weight accepts: 0 (switched off) to 100.
inline constexpr double k_min_weight = 0;
inline constexpr double k_max_weight = 100;

/// One criterion whose weight can move the pick.
struct WeightSensitivity {
    std::string criterion;
    double current = 1;  ///< the weight it has now (1 unless --weight set it)
    /// The weight nearest `current` at which the pick changes (a tie there); none in 0..100: empty.
    std::optional<double> threshold;
    std::string flips_to;       ///< the pick just past the threshold ("" without one)
    double min = k_min_weight;  ///< the pick holds for weights in [min, max] (ends may be ties)
    double max = k_max_weight;
};

/// Whether leaving one source out (--exclude-source) changes the pick.
struct SourceSensitivity {
    std::string source;
    std::string flips_to;  ///< the new pick, or "" when it holds
};

struct Sensitivity {
    /// Criteria with a threshold first, nearest to their current weight first; then those that
    /// move points between the ranked stacks but never change the pick within 0..100.
    std::vector<WeightSensitivity> weights;
    std::vector<SourceSensitivity> sources;  ///< each source not already excluded, in data order
};

/// The pick's sensitivity to each criterion's weight and to each source. Empty when the pick is
/// an open tie (nothing to hold) or only one stack is ranked. Throws as recommend() does.
Sensitivity sensitivity(const KnowledgeBase& knowledge_base, const ResolvedAnswers& answers,
                        const Recommendation& recommendation);

}  // namespace stackpick
