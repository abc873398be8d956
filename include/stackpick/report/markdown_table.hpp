#pragma once
/// Markdown tables, written one way for every Markdown renderer.

#include <string>
#include <vector>

namespace stackpick {

/// "| a | b |\n": the cells as they are (escape them first where they come from data).
std::string markdown_row(const std::vector<std::string>& cells);

/// A header row of `first` then the escaped names, and its "|---|" rule.
std::string markdown_header(const std::string& first, const std::vector<std::string>& names);

}  // namespace stackpick
