#pragma once
/// "Did you mean ...?" for misspelled flags, choices, ids and keys.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stackpick {

/// Levenshtein distance, case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to word, if it is close enough to be a likely typo (or word is a prefix).
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace stackpick
