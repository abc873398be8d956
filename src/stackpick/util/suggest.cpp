#include "stackpick/util/suggest.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace stackpick {

namespace {
char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> previous(b.size() + 1);
    std::vector<std::size_t> current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            current[j] =
                std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
    if (word.empty()) return std::nullopt;
    // A typo is at most about a third of the word; beyond that a suggestion is noise.
    const std::size_t allowed = std::max<std::size_t>(1, (word.size() + 2) / 3);
    std::optional<std::string> best;
    std::size_t best_distance = allowed + 1;
    for (const auto& candidate : candidates) {
        const bool is_prefix = candidate.size() > word.size() && word.size() >= 3 &&
                               edit_distance(candidate.substr(0, word.size()), word) == 0;
        const std::size_t distance = is_prefix ? 1 : edit_distance(word, candidate);
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    auto match = closest_match(word, candidates);
    return match ? fmt::format(" (did you mean '{}'?)", *match) : std::string{};
}

}  // namespace stackpick
