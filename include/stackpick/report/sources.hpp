#pragma once
/// Source markers: how every output points a sentence at the articles behind it ("[1,3]"), the
/// numbers being the order of the sources in the knowledge base (Facts::source_marker).

#include <string>
#include <vector>

#include "stackpick/knowledge/facts.hpp"

namespace stackpick {

/// "[1,3]": the markers of the given source ids, each once and in marker order, then any id the
/// knowledge base does not know, as it is; "" for no sources.
std::string source_markers(const Facts& facts, const std::vector<std::string>& source_ids);

}  // namespace stackpick
