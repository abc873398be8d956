#pragma once
/// Source markers: how every output points a sentence at the articles behind it ("[1,3]"), the
/// numbers being the order of the sources in the knowledge base (Facts::source_marker).

#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "stackpick/knowledge/facts.hpp"
#include "stackpick/knowledge/knowledge_base.hpp"

namespace stackpick {

/// "[1,3]": the markers of the given source ids, each once and in marker order, then any id the
/// knowledge base does not know, as it is; "" for no sources.
std::string source_markers(const Facts& facts, std::span<const std::string> source_ids);
inline std::string source_markers(const Facts& facts,
                                  std::initializer_list<std::string> source_ids) {
    return source_markers(facts, std::span(source_ids.begin(), source_ids.size()));
}

/// The closing line of a text output read from a knowledge base other than the embedded one, so
/// that a pasted result says which data it came from: "\nKnowledge base 2026.12 from 'dir'
/// (--data-dir)\n"; "" for the embedded knowledge base (the JSON records it as `origin`).
std::string knowledge_base_footer(const KnowledgeBase& knowledge_base);

}  // namespace stackpick
