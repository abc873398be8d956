#pragma once
/// The knowledge base carried inside the binary (generated at build time from data/). Only the
/// cli layer knows it exists: it hands the snapshot's bytes to the loader and the shipped
/// scenario files to `stackpick test`.

#include <span>
#include <string_view>
#include <vector>

#include "stackpick/knowledge/knowledge_base.hpp"
#include "stackpick/knowledge/scenarios.hpp"

namespace stackpick {

struct EmbeddedFile {
    std::string_view name;     ///< path relative to data/, e.g. "rules.json"
    std::string_view content;  ///< the file's bytes
};

/// Every data/*.json file (schemas excluded), sorted by name.
std::span<const EmbeddedFile> embedded_data_files();

/// The snapshot of the shipped knowledge base (knowledge/snapshot.hpp), written at build time
/// by src/make_snapshot.cpp into a generated source.
std::string_view embedded_snapshot();

/// The knowledge base at location: the embedded one read back from its snapshot (the build
/// checked the data already), or a directory's files loaded and checked.
KnowledgeBase load_knowledge_base(const KnowledgeBaseLocation& location);

/// The scenario files that come with the knowledge base: data/scenarios/ embedded in the
/// binary, or the scenarios/ folder of a --data-dir.
std::vector<ScenarioFile> shipped_scenario_files(const KnowledgeBase& knowledge_base);

}  // namespace stackpick
