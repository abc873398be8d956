#pragma once
// The widest line of a text, for the tests that check an output fits 80 columns.

#include <algorithm>
#include <cstddef>
#include <sstream>
#include <string>

#include "stackpick/util/text.hpp"

namespace stackpick::testing {

/// The widest line in columns, as the outputs count them (util/text's display_width).
inline std::size_t longest_line(const std::string& text) {
    std::istringstream lines(text);
    std::string line;
    std::size_t longest = 0;
    while (std::getline(lines, line)) longest = std::max(longest, display_width(line));
    return longest;
}

}  // namespace stackpick::testing
